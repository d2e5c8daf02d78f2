import Text

/// A table over a `TableDataSource` of any size: the header row and the first (key) column
/// stay in view while the rest scrolls, a cursor marks one cell, numbers align right, and
/// columns with a heat range are shaded `heat-1`…`heat-5`.
///
/// Column widths come from the header and the rows drawn so far: a column widens when a
/// wider value scrolls into view and never narrows, so the layout does not jump back and
/// forth while paging. Sorting and searching run in the data source as `TableJob`s, which
/// `jobRunner` starts: on a worker thread in the application, synchronously in tests.
/// Their results come back through `finish(_:)`.
public final class TableView {
    public let dataSource: TableDataSource
    /// The row under the cursor, an index into the data source's current order.
    public internal(set) var selectedRow = 0
    /// The column under the cursor.
    public internal(set) var selectedColumn = 0
    /// The first row shown below the header.
    public internal(set) var topRow = 0
    /// The first scrolling column shown to the right of the key column.
    public internal(set) var firstScrolledColumn = 1
    public internal(set) var sortOrder: TableSortOrder?
    /// The text of the last search, which `search-next` and `search-previous` repeat.
    public internal(set) var searchText: String?
    /// The sort or search running now, which `cancel` stops.
    public internal(set) var runningJob: TableJob?
    /// Starts jobs. The default runs them at once on the calling thread.
    public var jobRunner: (TableJob) -> Void

    /// The widest each column has been, header included.
    public internal(set) var columnWidths: [Int]
    /// Body rows drawn in the last frame: what a page move moves by.
    public internal(set) var pageRows = 10
    var jobCount = 0

    public init(dataSource: TableDataSource) {
        self.dataSource = dataSource
        columnWidths = dataSource.columns.map { min(DisplayWidth.columns(of: $0.title), $0.maxWidth) }
        jobRunner = { _ in }
        jobRunner = { [unowned self] job in
            _ = self.finish(job.run())
        }
    }

    public var rowCount: Int { dataSource.rowCount }
    public var columnCount: Int { dataSource.columns.count }

    /// The cursor's position for the status bar: `row 1,204 of 1,000,000`.
    public var positionDescription: String {
        let count = rowCount
        if count == 0 {
            return "no rows"
        }
        return "row \(TableView.grouped(selectedRow + 1)) of \(TableView.grouped(count))"
    }

    /// Moves the cursor to a row, keeping it inside the table.
    public func select(row: Int) {
        selectedRow = min(max(row, 0), max(rowCount - 1, 0))
        scrollToSelection()
    }

    /// Moves the cursor to a column, keeping it inside the table.
    public func select(column: Int) {
        selectedColumn = min(max(column, 0), max(columnCount - 1, 0))
        if selectedColumn >= 1 && selectedColumn < firstScrolledColumn {
            firstScrolledColumn = selectedColumn
        }
    }

    func scrollToSelection() {
        if selectedRow < topRow {
            topRow = selectedRow
        } else if selectedRow >= topRow + pageRows {
            topRow = selectedRow - pageRows + 1
        }
        topRow = max(0, min(topRow, max(rowCount - pageRows, 0)))
    }

    /// Starts a search for `text` from the row after the cursor (before it, backwards).
    public func search(for text: String, direction: SearchDirection = .forward) {
        searchText = text
        let count = max(rowCount, 1)
        let origin = direction == .forward ? (selectedRow + 1) % count : (selectedRow - 1 + count) % count
        start(.search(text: text, from: origin, direction: direction))
    }

    /// Starts sorting by a column, or back to the natural order for nil.
    public func sort(by order: TableSortOrder?) {
        start(.sort(order))
    }

    private func start(_ kind: TableJob.Kind) {
        runningJob?.cancellation.cancel()
        jobCount += 1
        let job = TableJob(number: jobCount, kind: kind, dataSource: dataSource)
        runningJob = job
        jobRunner(job)
    }

    /// Stops the running job, if any; returns whether there was one.
    @discardableResult
    public func cancelJob() -> Bool {
        guard let runningJob else { return false }
        runningJob.cancellation.cancel()
        self.runningJob = nil
        return true
    }

    /// Applies a finished job's result and returns the message for the status bar. Results
    /// of jobs that were cancelled or replaced are ignored.
    public func finish(_ result: TableJob.Result) -> StatusMessage? {
        guard result.job == runningJob?.number else { return nil }
        runningJob = nil
        let columns = dataSource.columns
        switch (result.kind, result.search) {
        case (.sort(let order), _):
            guard result.isCompleted else { return StatusMessage(.info, "sort cancelled") }
            sortOrder = order
            select(row: 0)
            guard let order else { return StatusMessage(.info, "rows in their original order") }
            let direction = order.ascending ? "ascending" : "descending"
            return StatusMessage(.info, "sorted by \(columns[order.column].title), \(direction)")
        case (.search(let text, _, _), .found(let row)?):
            select(row: row)
            return StatusMessage(.info, "found '\(text)' in \(positionDescription)")
        case (.search(let text, _, _), .notFound?):
            return StatusMessage(.warning, "no row contains '\(text)'")
        case (.search, _):
            return StatusMessage(.info, "search cancelled")
        }
    }

    /// Writes a count with thousands separators: `1,000,000`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 {
                result.append(",")
            }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }
}
