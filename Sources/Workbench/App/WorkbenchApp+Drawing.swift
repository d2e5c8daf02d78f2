import Terminal
import Text

extension WorkbenchApp {
    /// Draws the window: the tab line, the screen's heading, its body, and the status bar or
    /// the open prompt at the bottom. A list or an overlay is drawn over the body.
    func draw(_ canvas: Canvas) {
        let now = ContinuousClock.now
        let (tabs, belowTabs) = Rect(size: canvas.size).splitTop(1)
        let (headingLine, belowHeading) = belowTabs.splitTop(1)
        let (body, bottom) = belowHeading.splitBottom(max(prompt?.bottomRows ?? 1, 1))

        drawTabs(canvas.region(tabs))
        drawHeading(canvas.region(headingLine), now: now)
        let screen = currentScreen
        screen.draw(body: canvas.region(body), now: now)

        let bottomCanvas = canvas.region(bottom)
        switch prompt {
        case .search(let input)?, .command(let input)?:
            input.draw(bottomCanvas)
        case .export(let pathPrompt, _)?:
            pathPrompt.draw(bottomCanvas)
        case .confirm(let confirmation, _)?:
            confirmation.draw(bottomCanvas)
        case .filter(let filterPrompt, _)?:
            filterPrompt.draw(bottomCanvas)
        case .list(let picker, _)?:
            drawStatus(bottomCanvas)
            drawList(picker, over: canvas.region(body))
        case nil:
            drawStatus(bottomCanvas)
        }
        overlay?.draw(canvas.region(body))
    }

    /// `dotwork  1 Cohorts  2 Pivot › Customers`: the current screen highlighted, with the
    /// screens opened on top of it.
    private func drawTabs(_ canvas: Canvas) {
        canvas.fill(row: 0, role: .title)
        var column = canvas.text(" dotwork ", row: 0, role: .title)
        for (index, kind) in screenKinds.enumerated() {
            let digit = index < 9 ? "\(index + 1) " : ""
            let isCurrent = index == currentIndex
            column += canvas.text(" \(digit)\(kind.title) ", row: 0, column: column, role: isCurrent ? .selectedCell : .title)
            if isCurrent {
                for screen in stacks[index].dropFirst() {
                    column += canvas.text(" › \(screen.title) ", row: 0, column: column, role: .title)
                }
            }
        }
    }

    /// Draws the heading on the left and, while a query runs, its progress on the right.
    private func drawHeading(_ canvas: Canvas, now: ContinuousClock.Instant) {
        let screen = currentScreen
        var progressWidth = 0
        if let progress = screen.pane.progress(now: now) {
            let text = "\(progress)  Esc cancels"
            progressWidth = min(DisplayWidth.columns(of: text), canvas.columns / 2)
            canvas.text(text, row: 0, column: canvas.columns - progressWidth, role: .dim, width: progressWidth)
        }
        let headingWidth = canvas.columns - progressWidth - (progressWidth > 0 ? 1 : 0)
        if headingWidth > 0 {
            canvas.text(screen.heading, row: 0, role: .header, width: headingWidth)
        }
    }

    /// Draws the status bar. While a rule is edited, its first problem takes the place of
    /// the latest message, which stays in the history.
    private func drawStatus(_ canvas: Canvas) {
        let position = (currentScreen as? any EditingScreen)?.cursorDescription ?? currentScreen.pane.table?.positionDescription
        let summary = StatusSummary(position: position, setting: setting).text(fitting: canvas.columns / 2)
        if let editing = currentScreen as? any EditingScreen, let problem = editing.problemMessage,
            editing.isEditing || status.current == nil
        {
            let bar = StatusBar()
            bar.summary = summary
            bar.post(problem)
            bar.draw(canvas)
            return
        }
        status.summary = summary
        status.draw(canvas)
    }

    /// Draws a list in a box at the top left of the body, as wide as its entries need, with
    /// a border on the right and below so the table beside it does not run into it.
    private func drawList(_ picker: ListPicker, over body: Canvas) {
        let widest = picker.items.map { DisplayWidth.columns(of: $0) + 2 }.max() ?? 0
        // The title line also shows what is typed to narrow the list, and the match count.
        let width = min(max(widest, DisplayWidth.columns(of: picker.title) + 24, 24), body.columns - 1)
        let height = min(picker.items.count + 1, body.rows - 1)
        guard width > 0, height > 0 else { return }
        let box = body.region(Rect(row: 0, column: 0, rows: height, columns: width))
        box.fill(role: .normal)
        picker.draw(box)
        for row in 0..<height {
            body.text("│", row: row, column: width, role: .border)
        }
        body.text(String(repeating: "─", count: width) + "┘", row: height, role: .border)
    }
}
