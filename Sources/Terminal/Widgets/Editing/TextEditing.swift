/// A widget that edits a `TextBuffer`: the single-line input and the multi-line editor,
/// which share their line-editing commands.
public protocol TextEditing: AnyObject {
    var buffer: TextBuffer { get }

    /// Changes the text; returns `.redraw`, or `.handled` when nothing changed. A widget
    /// with undo records the text before the change.
    func edit(_ change: (inout TextBuffer) -> Bool) -> Outcome

    /// Moves the cursor without changing the text.
    func move(_ motion: (inout TextBuffer) -> Void) -> Outcome
}

extension TextBuffer {
    /// The line-editing commands, the same in the editor and in prompts.
    public static let editingCommands: [Command<any TextEditing>] = [
        Command("cursor-left", "Move the cursor one character left") { $0.move { $0.moveLeft() } },
        Command("cursor-right", "Move the cursor one character right") { $0.move { $0.moveRight() } },
        Command("word-left", "Move the cursor to the start of the previous word") { $0.move { $0.moveWordLeft() } },
        Command("word-right", "Move the cursor to the end of the next word") { $0.move { $0.moveWordRight() } },
        Command("line-start", "Move the cursor to the start of the line") { $0.move { $0.moveToLineStart() } },
        Command("line-end", "Move the cursor to the end of the line") { $0.move { $0.moveToLineEnd() } },
        Command("delete-backward", "Delete the character before the cursor") { $0.edit { $0.deleteBackward() } },
        Command("delete-forward", "Delete the character under the cursor") { $0.edit { $0.deleteForward() } },
        Command("delete-word-backward", "Delete the word before the cursor") { $0.edit { $0.deleteWordBackward() } },
        Command("delete-to-line-end", "Delete from the cursor to the end of the line") { $0.edit { $0.deleteToLineEnd() } },
        Command("delete-to-line-start", "Delete from the start of the line to the cursor") { $0.edit { $0.deleteToLineStart() } },
    ]
}
