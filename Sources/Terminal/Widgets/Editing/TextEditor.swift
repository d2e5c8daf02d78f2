import Text

/// The multi-line editor: typing, line editing, word moves, Home and End, paging, and
/// undo and redo of every change.
///
/// Undo keeps whole snapshots of the buffer (text and cursor); typed characters join one
/// step until a space or another command, so undo takes back a word at a time. The editor
/// scrolls in both directions to keep the cursor in view and never wraps lines.
public final class TextEditor: TextEditing {
    public private(set) var buffer: TextBuffer
    /// Whether keys are text (edit context); `leave-edit` clears it.
    public var isEditing = true
    public var highlighter: SyntaxHighlighter?
    public var showsLineNumbers = false
    /// Counts every change, so a caller can tell when to save a draft.
    public private(set) var changeCount = 0
    public internal(set) var topLine = 0
    public internal(set) var leftColumn = 0
    /// Text lines drawn in the last frame: what a page move moves by.
    public internal(set) var pageRows = 10

    /// The most undo steps kept.
    public static let undoLimit = 1000
    private var undoStack: [TextBuffer] = []
    private var redoStack: [TextBuffer] = []
    private var isTyping = false

    public init(text: String = "") {
        buffer = TextBuffer(text)
        buffer.moveToDocumentStart()
    }

    public var text: String { buffer.text }
    public var cursor: TextBuffer.Cursor { buffer.cursor }
    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// Handles a key in the edit context: printable keys are typed, others run commands.
    public func handle(_ key: Key, keyMap: KeyMap) -> Outcome {
        if let scalar = key.text {
            return type(scalar)
        }
        let outcome = TextEditor.commands.perform(key, in: .edit, keyMap: keyMap, on: self)
        if outcome != .ignored {
            return outcome
        }
        return TextBuffer.editingCommands.perform(key, in: .edit, keyMap: keyMap, on: self as any TextEditing)
    }

    /// Types one character; consecutive word characters are one undo step.
    public func type(_ scalar: Unicode.Scalar) -> Outcome {
        let continuesWord = isTyping && !scalar.properties.isWhitespace
        if !continuesWord {
            record()
        }
        buffer.insert(String(scalar))
        changeCount += 1
        redoStack.removeAll()
        isTyping = !scalar.properties.isWhitespace
        return .redraw
    }

    public func edit(_ change: (inout TextBuffer) -> Bool) -> Outcome {
        var changed = buffer
        guard change(&changed) else {
            isTyping = false
            return .handled
        }
        record()
        buffer = changed
        changeCount += 1
        redoStack.removeAll()
        isTyping = false
        return .redraw
    }

    public func move(_ motion: (inout TextBuffer) -> Void) -> Outcome {
        isTyping = false
        let before = buffer.cursor
        motion(&buffer)
        return buffer.cursor == before ? .handled : .redraw
    }

    /// Replaces the whole text, as one undoable change.
    public func replaceText(_ text: String) {
        _ = edit { buffer in
            buffer = TextBuffer(text)
            return true
        }
    }

    /// Takes back the last change; returns whether there was one.
    @discardableResult
    public func undo() -> Bool {
        isTyping = false
        guard let previous = undoStack.popLast() else { return false }
        redoStack.append(buffer)
        buffer = previous
        changeCount += 1
        return true
    }

    /// Makes the last undone change again; returns whether there was one.
    @discardableResult
    public func redo() -> Bool {
        isTyping = false
        guard let next = redoStack.popLast() else { return false }
        undoStack.append(buffer)
        buffer = next
        changeCount += 1
        return true
    }

    private func record() {
        undoStack.append(buffer)
        if undoStack.count > TextEditor.undoLimit {
            undoStack.removeFirst()
        }
    }

    /// The editor's own commands; the line-editing ones are `TextBuffer.editingCommands`.
    public static let commands: [Command<TextEditor>] = [
        Command("new-line", "Break the line at the cursor") { $0.edit { $0.insert("\n"); return true } },
        Command("indent", "Insert spaces up to the next multiple of four columns") { editor in
            let column = editor.buffer.displayColumn(line: editor.cursor.line, column: editor.cursor.column)
            let spaces = String(repeating: " ", count: 4 - column % 4)
            return editor.edit { $0.insert(spaces); return true }
        },
        Command("cursor-up", "Move the cursor one line up") { $0.move { $0.moveLines(by: -1) } },
        Command("cursor-down", "Move the cursor one line down") { $0.move { $0.moveLines(by: 1) } },
        Command("page-up", "Move the cursor one page up") { editor in editor.move { $0.moveLines(by: -editor.pageRows) } },
        Command("page-down", "Move the cursor one page down") { editor in editor.move { $0.moveLines(by: editor.pageRows) } },
        Command("document-start", "Move the cursor to the start of the text") { $0.move { $0.moveToDocumentStart() } },
        Command("document-end", "Move the cursor to the end of the text") { $0.move { $0.moveToDocumentEnd() } },
        Command("undo", "Take back the last change") { $0.undo() ? .redraw : .handled },
        Command("redo", "Make the last undone change again") { $0.redo() ? .redraw : .handled },
        Command("leave-edit", "Stop editing: keys become commands again") { editor in
            editor.isEditing = false
            editor.isTyping = false
            return .redraw
        },
    ]
}
