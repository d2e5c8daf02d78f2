import Text

extension TextEditor {
    /// The gutter's width when line numbers are shown: digits, then one space.
    func gutterWidth() -> Int {
        showsLineNumbers ? String(buffer.lines.count).count + 1 : 0
    }

    /// Draws the visible lines, scrolled so the cursor is in view, and places the cursor
    /// while editing.
    public func draw(_ canvas: Canvas) {
        guard canvas.rows > 0, canvas.columns > 0 else { return }
        let gutter = gutterWidth()
        let textColumns = max(canvas.columns - gutter, 1)
        pageRows = canvas.rows
        scrollToCursor(rows: canvas.rows, columns: textColumns)

        for row in 0..<canvas.rows {
            let lineIndex = topLine + row
            guard lineIndex < buffer.lines.count else { break }
            if gutter > 0 {
                canvas.text(String(lineIndex + 1), row: row, role: .dim, width: gutter - 1, alignment: .right)
            }
            drawLine(lineIndex, on: canvas.region(Rect(row: row, column: gutter, rows: 1, columns: textColumns)))
        }
        if isEditing {
            let column = buffer.displayColumn(line: cursor.line, column: cursor.column) - leftColumn
            canvas.moveCursor(row: cursor.line - topLine, column: gutter + column)
        }
    }

    private func scrollToCursor(rows: Int, columns: Int) {
        if cursor.line < topLine {
            topLine = cursor.line
        } else if cursor.line >= topLine + rows {
            topLine = cursor.line - rows + 1
        }
        let column = buffer.displayColumn(line: cursor.line, column: cursor.column)
        if column < leftColumn {
            leftColumn = max(column - columns / 4, 0)
        } else if column >= leftColumn + columns {
            leftColumn = column - columns + 1 + columns / 4
        }
    }

    /// Draws one line from `leftColumn`, in runs of one role each. A wide character cut by
    /// the left edge shows as a space.
    private func drawLine(_ index: Int, on canvas: Canvas) {
        let characters = buffer.lines[index]
        var roles = [Role](repeating: .normal, count: characters.count)
        if let highlighter {
            for span in highlighter.spans(in: String(characters), lineNumber: index + 1) {
                let range = span.range.clamped(to: 0..<characters.count)
                for offset in range {
                    roles[offset] = span.role
                }
            }
        }

        var x = -leftColumn
        var run = ""
        var runStart = 0
        var runRole = Role.normal
        func flush() {
            if !run.isEmpty {
                canvas.text(run, row: 0, column: runStart, role: runRole, overflow: .clip)
            }
            run = ""
        }
        for (offset, character) in characters.enumerated() {
            let text = String(character)
            let width = DisplayWidth.columns(of: text)
            defer { x += width }
            if x + width <= 0 { continue }
            if x >= canvas.columns { break }
            let shown = x < 0 ? String(repeating: " ", count: x + width) : text
            let start = max(x, 0)
            if run.isEmpty || roles[offset] != runRole {
                flush()
                runStart = start
                runRole = roles[offset]
            }
            run += shown
        }
        flush()
    }
}
