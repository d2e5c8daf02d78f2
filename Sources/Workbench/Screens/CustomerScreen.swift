import Analysis
import Terminal
import Text

/// One customer, opened from a list of customers: a profile block above the timeline of
/// events and orders, newest first, as `dotwork customer ID` prints them. The export is the
/// timeline as `dotwork customer ID --format csv` writes it.
///
/// The profile block takes at most half the body, so the timeline stays in view on small
/// terminals. The `profile` command gives it the whole body, with long lines wrapped.
final class CustomerScreen: WorkbenchScreen {
    let id: String
    let pane: ResultPane
    unowned let host: ScreenHost
    private(set) var details: CustomerDetails?
    /// Whether the profile fills the body instead of sharing it with the timeline.
    private(set) var isProfileExpanded = false

    init(host: ScreenHost, id: String) {
        self.host = host
        self.id = id
        pane = ResultPane(host: host)
    }

    var title: String { "Customer \(id)" }

    func activate(priority: QueryRunner.Priority) {
        pane.start(.customer(id: id), priority: priority)
    }

    var heading: String {
        guard let profile = details?.profile else { return "Customer \(id)" }
        let name = profile.record.name.map { ", " + CustomerProfile.oneLine($0) } ?? ""
        let entries = counted(profile.timeline.count, "timeline entry", plural: "timeline entries")
        return "Customer \(id)\(name): \(entries), newest first"
    }

    var exportRecords: ExportRecords? {
        guard let profile = details?.profile else { return nil }
        return { profile.timelineCSVRecords() }
    }

    var exportName: String { "customer-\(id)" }

    func apply(_ result: QueryResult) {
        guard case .customer(let details) = result else {
            preconditionFailure("the customer screen received \(result), which it never requests")
        }
        self.details = details
        pane.show(.timeline(details.profile), keepingPlace: false)
    }

    // MARK: Drawing

    func draw(body canvas: Canvas, now: ContinuousClock.Instant) {
        guard let details else {
            pane.draw(canvas, now: now)
            return
        }
        let lines = CustomerProfileLines(details: details, asOf: host.setting.asOf).lines
        if isProfileExpanded {
            drawExpanded(lines, in: canvas)
            return
        }
        let profileRows = min(lines.count, max(canvas.rows / 2, 1))
        let (top, rest) = Rect(size: canvas.size).splitTop(profileRows)
        drawLines(lines, in: canvas.region(top))
        pane.draw(canvas.region(rest), now: now)
    }

    /// Draws one profile line per row, cut to the width. When there are more lines than
    /// rows, the last row names the key that shows them all.
    private func drawLines(_ lines: [CustomerProfileLines.Line], in canvas: Canvas) {
        for (row, line) in lines.prefix(canvas.rows).enumerated() {
            if row == canvas.rows - 1 && lines.count > canvas.rows {
                canvas.text("… \(lines.count - row) more lines: \(keyName(for: "profile")) shows the whole profile", row: row, role: .dim)
                break
            }
            let labelWidth = canvas.text(line.label + ": ", row: row, role: .header)
            canvas.text(line.value, row: row, column: labelWidth, role: line.isWarning ? .statusWarning : .normal)
        }
    }

    /// Draws every profile line wrapped to the width, cut at the bottom of the body.
    private func drawExpanded(_ lines: [CustomerProfileLines.Line], in canvas: Canvas) {
        var row = 0
        for line in lines {
            let wrapped = ResultPane.wrap(line.label + ": " + line.value, width: canvas.columns)
            for part in wrapped where row < canvas.rows {
                canvas.text(part, row: row, role: line.isWarning ? .statusWarning : .normal)
                row += 1
            }
        }
    }

    // MARK: Commands

    var commandDescriptions: [any CommandDescription] {
        CustomerScreen.commands
    }

    func perform(_ command: String) -> Outcome {
        CustomerScreen.commands.named(command)?.action(self) ?? .ignored
    }

    static let commands: [Command<CustomerScreen>] = [
        Command("profile", "Show the whole profile, or the profile above the timeline again") { screen in
            guard screen.details != nil else { return .ignored }
            screen.isProfileExpanded.toggle()
            return .redraw
        }
    ]

    /// Opens the customer under the cursor of a pane listing `customers` in their natural
    /// order. The pane's table source maps a sorted row back to its customer.
    static func open(from pane: ResultPane, customers: [CustomerRecord], host: ScreenHost) -> Outcome {
        guard let table = pane.table, let source = pane.source, table.rowCount > 0 else { return .ignored }
        let row = source.naturalRow(table.selectedRow)
        guard row < customers.count else { return .ignored }
        host.push(CustomerScreen(host: host, id: customers[row].id))
        return .redraw
    }

    private func keyName(for command: String) -> String {
        host.keyMap.keys(for: command, in: .browse).first.map(\.description) ?? ":" + command
    }
}
