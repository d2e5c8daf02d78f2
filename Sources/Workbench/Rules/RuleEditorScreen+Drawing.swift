import Rules
import Terminal
import Text

extension RuleEditorScreen {
    /// From this width the editor and the preview stand side by side; below it the preview
    /// goes under the editor.
    static let sideBySideColumns = 100

    /// Draws the editor and, beside or below it, the preview.
    func draw(body canvas: Canvas, now: ContinuousClock.Instant) {
        // The catalog loads in the background after start-up. Checking again here is cheap,
        // and it makes SKU and attribute names known as soon as the catalog is there.
        recheckIfCatalogLoaded()
        guard canvas.rows > 0, canvas.columns > 0 else { return }
        let editorRect: Rect
        let previewRect: Rect
        if canvas.columns >= RuleEditorScreen.sideBySideColumns {
            let editorWidth = canvas.columns / 2
            editorRect = Rect(row: 0, column: 0, rows: canvas.rows, columns: editorWidth)
            previewRect = Rect(row: 0, column: editorWidth + 1, rows: canvas.rows, columns: canvas.columns - editorWidth - 1)
            for row in 0..<canvas.rows {
                canvas.text("│", row: row, column: editorWidth, role: .border)
            }
        } else {
            let editorRows = max(min(editor.buffer.lines.count + 1, canvas.rows / 2), min(3, canvas.rows))
            editorRect = Rect(row: 0, column: 0, rows: editorRows, columns: canvas.columns)
            previewRect = Rect(row: editorRows + 1, column: 0, rows: canvas.rows - editorRows - 1, columns: canvas.columns)
            canvas.text(String(repeating: "─", count: canvas.columns), row: editorRows, role: .border)
        }
        drawPreview(canvas.region(previewRect))
        // The editor draws last, so the cursor it places is where the terminal leaves it.
        editor.draw(canvas.region(editorRect))
    }

    /// Returns the preview's lines, top to bottom, with their roles. The publish outcome is
    /// wrapped to `width`, so the outbox folder and the reason of a failure can be read whole.
    func previewLines(width: Int) -> [(text: String, role: Role)] {
        var lines: [(String, Role)] = [headline()]
        if let publishOutcome {
            let role: Role = publishOutcome.isFailure ? .statusError : .statusInfo
            lines += ResultPane.wrap(publishOutcome.text, width: width).map { ($0, role) }
        }
        guard let figures else { return lines }
        let role: Role = isCurrent ? .normal : .dim
        let labelWidth = (figures.fields + (comparison?.fields ?? [])).map { DisplayWidth.columns(of: $0.label) }.max() ?? 0
        func field(_ field: RulePreview.Field) -> String {
            DisplayWidth.fit(field.label, toColumns: labelWidth + 2) + DisplayWidth.drawable(field.value)
        }
        lines += figures.fields.filter { $0.label != "rule" }.map { (field($0), role) }
        if let comparison {
            lines += comparison.fields.map { (field($0), role) }
        } else if isCurrent {
            lines.append(("overlaps and differences: computing…", .dim))
        }
        lines += measurementLines(width: width)
        if let sample, !sample.isEmpty {
            lines.append(("", role))
            let shown = sample.count == figures.hits ? "all \(counted(figures.hits, "hit"))" : "first \(sample.count) of \(PlainNumber.grouped(String(figures.hits))) hits"
            lines.append(("\(shown), by customer id:", role))
            lines += RuleEditorScreen.table(RulePreview.csvRecords(sample)).enumerated().map { ($1, $0 == 0 ? .header : role) }
        }
        return lines
    }

    /// Returns the results panel: the latest published version measured against its holdout,
    /// laid out as `dotwork rule measure` prints it, or what the measurement waits for.
    func measurementLines(width: Int) -> [(text: String, role: Role)] {
        if isMeasuring {
            return [("", .normal), ("measuring the latest published version…", .dim)]
        }
        if let measureFailure {
            return [("", .normal), ("not measured: \(measureFailure)", .cellError)]
        }
        guard let measurement else { return [] }
        let heading = measurement.headingFields(currency: host.setting.currency)
        let uplift = measurement.upliftFields(currency: host.setting.currency)
        let labelWidth = (heading + uplift).map { DisplayWidth.columns(of: $0.label) }.max() ?? 0
        func field(_ field: RuleMeasurement.Field) -> (String, Role) {
            (DisplayWidth.fit(field.label, toColumns: labelWidth + 2) + DisplayWidth.drawable(field.value), .normal)
        }
        // The verdict comes first, so a short panel still shows it.
        var lines: [(String, Role)] = [("", .normal), ("results of v\(measurement.version.version), target against holdout (M measures again):", .header)]
        lines += ResultPane.wrap(measurement.statement, width: width).map { ($0, .statusInfo) }
        lines += heading.map(field)
        lines += RuleEditorScreen.table(measurement.comparisonRecords()).enumerated().map { ($1, $0 == 0 ? .header : .normal) }
        lines += uplift.map(field)
        return lines
    }

    /// Returns the first line: the counts when they are for the text on screen, else what the
    /// preview waits for. `hits N` appears only once the count of the text as typed has
    /// landed, so a benchmark can wait for it.
    private func headline() -> (String, Role) {
        if let previewFailure, request == nil, !isCurrent {
            return ("preview failed: \(previewFailure)", .cellError)
        }
        if isCurrent, let figures {
            let milliseconds = Int(figures.elapsed.components.seconds * 1000 + figures.elapsed.components.attoseconds / 1_000_000_000_000_000)
            return (
                "hits \(PlainNumber.grouped(String(figures.hits))) · target \(PlainNumber.grouped(String(figures.targets))) · "
                    + "holdout \(PlainNumber.grouped(String(figures.holdout))) · counted in \(milliseconds) ms",
                .header
            )
        }
        let waiting: String
        if check.rule == nil {
            waiting = check.errors.isEmpty ? "preview: waiting for the catalog" : "preview: fix the errors to see the figures"
        } else if request != nil {
            waiting = "preview: counting…"
        } else {
            waiting = "preview: waiting for a pause in typing"
        }
        guard let figures else { return (waiting, .dim) }
        return ("\(waiting) (shown: \(counted(figures.hits, "hit")) of an earlier text)", .dim)
    }

    private func drawPreview(_ canvas: Canvas) {
        for (row, line) in previewLines(width: canvas.columns).prefix(canvas.rows).enumerated() {
            canvas.text(line.text, row: row, role: line.role)
        }
    }

    /// Returns CSV records as lines of a table with columns padded to their widest cell;
    /// numbers are aligned right.
    static func table(_ records: [[CSVCell]]) -> [String] {
        let texts = records.map { row in
            row.map { cell -> (String, Bool) in
                switch cell {
                case .text(let text): return (DisplayWidth.drawable(text), false)
                case .number(let text): return (text, true)
                case .missing: return ("", false)
                }
            }
        }
        let columnCount = texts.map(\.count).max() ?? 0
        let widths = (0..<columnCount).map { column in
            texts.map { column < $0.count ? DisplayWidth.columns(of: $0[column].0) : 0 }.max() ?? 0
        }
        return texts.map { row in
            row.enumerated().map { column, cell in
                DisplayWidth.fit(cell.0, toColumns: widths[column], alignment: cell.1 ? .right : .left)
            }.joined(separator: "  ")
        }
    }
}
