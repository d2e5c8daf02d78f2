import Text

/// A single-line text input with a label, line editing and history: the prompt for a
/// search, a command or a file path.
///
/// Up and Down walk through the history; the text being typed is kept and comes back after
/// the newest entry. Enter returns `.submit` and records the text in the history; Esc
/// returns `.cancel`. Tab runs the completer, if there is one.
public final class LineInput: TextEditing {
    public var label: String
    public private(set) var buffer: TextBuffer
    public let history: InputHistory?
    /// Completes the text for Tab: returns the new text, or nil when nothing completes.
    public var completer: ((String) -> String?)?
    private var historyIndex: Int?
    private var draft = ""
    private var leftColumn = 0

    public init(label: String, text: String = "", history: InputHistory? = nil) {
        self.label = label
        self.history = history
        buffer = TextBuffer(text)
    }

    public var text: String { buffer.text }

    /// Handles a key in the prompt context: printable keys are typed, others run commands.
    public func handle(_ key: Key, keyMap: KeyMap) -> Outcome {
        if let scalar = key.text {
            return edit { $0.insert(String(scalar)); return true }
        }
        let outcome = LineInput.commands.perform(key, in: .prompt, keyMap: keyMap, on: self)
        if outcome != .ignored {
            return outcome
        }
        return TextBuffer.editingCommands.perform(key, in: .prompt, keyMap: keyMap, on: self as any TextEditing)
    }

    public func edit(_ change: (inout TextBuffer) -> Bool) -> Outcome {
        var changed = buffer
        guard change(&changed) else { return .handled }
        // A line input contains one line, so a pasted line break becomes a space.
        if changed.lines.count > 1 {
            let joined = changed.lines.map { String($0) }.joined(separator: " ")
            let column = changed.lines[0..<changed.cursor.line].reduce(0) { $0 + $1.count + 1 } + changed.cursor.column
            changed = TextBuffer(joined)
            changed.moveCursor(to: TextBuffer.Cursor(line: 0, column: column))
        }
        buffer = changed
        historyIndex = nil
        return .redraw
    }

    public func move(_ motion: (inout TextBuffer) -> Void) -> Outcome {
        let before = buffer.cursor
        motion(&buffer)
        return buffer.cursor == before ? .handled : .redraw
    }

    /// Replaces the text and puts the cursor at its end.
    public func setText(_ text: String) {
        buffer = TextBuffer(text)
    }

    /// Steps through the history: -1 for older, +1 for newer.
    func recall(_ step: Int) -> Outcome {
        guard let entries = history?.entries, !entries.isEmpty else { return .handled }
        let current = historyIndex ?? entries.count
        let target = min(max(current + step, 0), entries.count)
        guard target != current else { return .handled }
        if historyIndex == nil {
            draft = text
        }
        if target == entries.count {
            historyIndex = nil
            setText(draft)
        } else {
            historyIndex = target
            setText(entries[target])
        }
        return .redraw
    }

    public static let commands: [Command<LineInput>] = [
        Command("submit", "Accept the input") { input in
            input.history?.add(input.text)
            input.historyIndex = nil
            return .submit
        },
        Command("cancel", "Abandon the input") { _ in .cancel },
        Command("previous", "Recall the previous entry of the history") { $0.recall(-1) },
        Command("next", "Recall the next entry of the history") { $0.recall(1) },
        Command("complete", "Complete the text") { input in
            guard let completer = input.completer, let completed = completer(input.text), completed != input.text else {
                return .handled
            }
            input.setText(completed)
            return .redraw
        },
    ]

    /// Draws the label, then the text, scrolled sideways to keep the cursor in view, and
    /// places the cursor.
    public func draw(_ canvas: Canvas) {
        guard canvas.rows > 0 else { return }
        canvas.fill(row: 0, role: .input)
        let labelWidth = canvas.text(label, row: 0, role: .prompt)
        let field = canvas.region(Rect(row: 0, column: labelWidth, rows: 1, columns: canvas.columns - labelWidth))
        guard field.columns > 1 else { return }

        let cursorColumn = buffer.displayColumn(line: 0, column: buffer.cursor.column)
        if cursorColumn < leftColumn {
            leftColumn = max(cursorColumn - field.columns / 2, 0)
        } else if cursorColumn >= leftColumn + field.columns {
            leftColumn = cursorColumn - field.columns + 1
        }
        var skipped = 0
        var visible = ""
        for character in buffer.lines[0] {
            let width = DisplayWidth.columns(of: String(character))
            if skipped + width <= leftColumn {
                skipped += width
                continue
            }
            if skipped < leftColumn {
                visible += String(repeating: " ", count: skipped + width - leftColumn)
                skipped = leftColumn
                continue
            }
            visible.append(character)
        }
        field.text(visible, row: 0, role: .input, overflow: .clip)
        field.moveCursor(row: 0, column: cursorColumn - leftColumn)
    }
}
