import Terminal

extension DemoApp {
    func draw(_ canvas: Canvas) {
        let (top, rest) = Rect(size: canvas.size).splitTop(1)
        let (body, bottom) = rest.splitBottom(1)
        drawTabs(canvas.region(top))

        switch pane {
        case .table:
            table.draw(canvas.region(body))
            status.summary = "\(table.positionDescription)  \(size)"
        case .list:
            picker.draw(canvas.region(body))
            status.summary = "\(size)"
        case .editor:
            editor.draw(canvas.region(body))
            let mode = editor.isEditing ? "editing" : "i to edit"
            status.summary = "\(mode)  line \(editor.cursor.line + 1), column \(editor.cursor.column + 1)  \(size)"
        }

        let bottomCanvas = canvas.region(bottom)
        switch prompt {
        case .search(let input)?, .command(let input)?:
            input.draw(bottomCanvas)
        case .export(let pathPrompt)?:
            pathPrompt.draw(canvas.region(Rect(row: bottom.row - 1, column: 0, rows: 2, columns: canvas.columns)))
        case .confirm(let confirmation, _)?:
            confirmation.draw(bottomCanvas)
        case nil:
            status.draw(bottomCanvas)
        }
        overlay?.draw(canvas.region(body))
    }

    private func drawTabs(_ canvas: Canvas) {
        canvas.fill(row: 0, role: .title)
        var column = canvas.text("dotwork demo ", row: 0, role: .title)
        for candidate in Pane.allCases {
            column += canvas.text(" \(candidate.rawValue) \(candidate.title) ", row: 0, column: column, role: candidate == pane ? .selectedCell : .title)
        }
    }
}
