import Terminal
import Text

/// The part of a screen that waits for figures: the query running for it, the table of the
/// last result, and the failure of the last query.
///
/// Starting a query cancels the one running, so only the newest query's completion is
/// accepted and a stale result never replaces a newer one. The previous table stays on
/// screen until the new result arrives, so the analyst can keep reading and moving while a
/// query runs.
final class ResultPane {
    /// The meaning of a completion for the pane.
    enum Acceptance {
        /// The completion is of another query, or of one cancelled since.
        case otherQuery
        /// The pane's query failed; the failure is kept and posted.
        case failed
        case result(QueryResult)
    }

    private unowned let host: ScreenHost
    private(set) var ticket: QueryTicket?
    /// The summary of the running query, for the progress display.
    private(set) var runningSummary: String?
    private(set) var table: TableView?
    /// The message of the last query's failure, until the next query starts.
    private(set) var failure: String?
    /// The query started or followed last, which `rerun` starts again.
    private(set) var lastQuery: Query?
    /// Whether the next table shown keeps the cursor where it is, whatever the screen requests.
    private var keepsPlaceOnce = false

    /// A query running at least this long shows its progress, so quick ones do not flicker.
    static let progressDelay: Duration = .milliseconds(150)

    init(host: ScreenHost) {
        self.host = host
    }

    var isRunning: Bool { ticket != nil }

    /// The table's data source, for mapping rows back to figures.
    var source: CellTableSource? {
        table?.dataSource as? CellTableSource
    }

    /// Starts a query, cancelling the one running.
    func start(_ query: Query, priority: QueryRunner.Priority = .interactive) {
        if let ticket {
            host.cancel(ticket)
        }
        ticket = host.submit(query, priority: priority)
        runningSummary = query.summary
        lastQuery = query
        failure = nil
    }

    /// Makes the next table shown keep the cursor's row and column, as a switch to new data does.
    func keepPlaceOnce() {
        keepsPlaceOnce = true
    }

    /// Starts the last query again, keeping the cursor's place when its result comes.
    func rerun() {
        guard let lastQuery else { return }
        keepPlaceOnce()
        start(lastQuery)
    }

    /// Waits for a query submitted earlier in the background, instead of starting it again,
    /// and runs it ahead of other background queries.
    func follow(_ ticket: QueryTicket, computing query: Query) {
        if let running = self.ticket, running != ticket {
            host.cancel(running)
        }
        self.ticket = ticket
        runningSummary = query.summary
        lastQuery = query
        failure = nil
        host.promote(ticket)
    }

    /// Runs the pane's query ahead of background queries, if it is still waiting.
    func promote() {
        if let ticket {
            host.promote(ticket)
        }
    }

    /// Cancels the running query; returns whether there was one.
    @discardableResult
    func cancel() -> Bool {
        guard let ticket else { return false }
        host.cancel(ticket)
        self.ticket = nil
        runningSummary = nil
        return true
    }

    /// Cancels the running query and forgets the table and the last failure, for a screen
    /// that has nothing to show, such as a search with no text.
    func clear() {
        cancel()
        table = nil
        failure = nil
    }

    /// Takes a completion if it is of the pane's running query.
    func accept(_ completion: QueryCompletion) -> Acceptance {
        guard completion.ticket == ticket, let outcome = completion.outcome else { return .otherQuery }
        ticket = nil
        runningSummary = nil
        switch outcome {
        case .success(let result):
            return .result(result)
        case .failure(let failure):
            self.failure = failure.message
            host.post(.error, failure.message)
            return .failed
        }
    }

    /// Shows a new table. With `keepingPlace`, the cursor stays on the same row and column
    /// numbers, as far as the new table has them.
    func show(_ source: CellTableSource, keepingPlace: Bool) {
        let previous = table
        let table = TableView(dataSource: source)
        host.prepare(table)
        let keepingPlace = keepingPlace || keepsPlaceOnce
        keepsPlaceOnce = false
        if keepingPlace, let previous {
            table.select(row: previous.selectedRow)
            table.select(column: previous.selectedColumn)
        }
        self.table = table
    }

    /// Returns the progress of the running query once it has run past `progressDelay`:
    /// `computing cohorts by region… 1.2 s`.
    func progress(now: ContinuousClock.Instant) -> String? {
        guard let ticket, let runningSummary, let submitted = host.submissionTime(of: ticket) else { return nil }
        // NOTE: the engine reports nothing while it computes, so progress is the time
        // elapsed, not the share of the work done.
        let elapsed = submitted.duration(to: now)
        guard elapsed >= ResultPane.progressDelay else { return nil }
        let tenths = elapsed.components.seconds * 10 + elapsed.components.attoseconds / 100_000_000_000_000_000
        return "computing \(runningSummary)… \(tenths / 10).\(tenths % 10) s"
    }

    /// Draws the table, or while there is none, the progress or the failure.
    func draw(_ canvas: Canvas, now: ContinuousClock.Instant) {
        if let table {
            table.draw(canvas)
            return
        }
        if let failure {
            for (row, line) in ResultPane.wrap(failure, width: canvas.columns).enumerated() {
                canvas.text(line, row: row, role: .cellError)
            }
            return
        }
        if isRunning {
            canvas.text(progress(now: now) ?? "computing…", row: 0, role: .dim)
            canvas.text("Esc cancels", row: 1, role: .dim)
        }
    }

    /// Splits text into lines of at most `width` columns at spaces; a word longer than a line
    /// is cut when drawn.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if DisplayWidth.columns(of: candidate) <= width || line.isEmpty {
                line = candidate
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty {
            lines.append(line)
        }
        return lines
    }
}
