/// Supplies a table's rows on request, so a table pages over results of any size without
/// loading them: the view requests only the rows on screen.
///
/// `rows(_:)` is called on the main thread for each frame; `sort` and `search` may take
/// long and are called on a worker thread through a `TableJob`, checking the cancellation
/// as they go. The view keeps drawing meanwhile, so implementations must be thread-safe.
public protocol TableDataSource: AnyObject, Sendable {
    var columns: [TableColumn] { get }
    var rowCount: Int { get }

    /// Returns the cells of the rows in `range`, in the current sort order; each row has
    /// one cell per column.
    func rows(_ range: Range<Int>) -> [[TableCell]]

    /// Puts the rows in a new order, or back in their natural order for nil. Returns false
    /// when cancelled, leaving the previous order in place.
    func sort(by order: TableSortOrder?, cancellation: Cancellation) -> Bool

    /// Finds the next row, starting at `start` and wrapping around, with a cell whose text
    /// contains `text`, ignoring case.
    func search(_ text: String, from start: Int, direction: SearchDirection, cancellation: Cancellation) -> TableSearchResult
}

/// A sort by one column.
public struct TableSortOrder: Sendable, Hashable {
    public var column: Int
    public var ascending: Bool

    public init(column: Int, ascending: Bool) {
        self.column = column
        self.ascending = ascending
    }
}

public enum SearchDirection: Sendable, Hashable {
    case forward
    case backward
}

public enum TableSearchResult: Sendable, Hashable {
    case found(row: Int)
    case notFound
    case cancelled
}

extension TableDataSource {
    /// The rows fetched at a time by the default search.
    static var searchChunk: Int { 512 }

    /// Searches by reading every row through `rows(_:)`, in chunks, checking for
    /// cancellation between chunks. A data source backed by a query engine should search
    /// there instead.
    public func search(_ text: String, from start: Int, direction: SearchDirection, cancellation: Cancellation) -> TableSearchResult {
        let count = rowCount
        guard count > 0, !text.isEmpty else { return .notFound }
        let needle = text.lowercased()
        var checked = 0
        var row = min(max(start, 0), count - 1)
        while checked < count {
            if cancellation.isCancelled {
                return .cancelled
            }
            let chunk = min(Self.searchChunk, count - checked)
            let range: Range<Int>
            switch direction {
            case .forward:
                range = row..<min(row + chunk, count)
            case .backward:
                range = max(row - chunk + 1, 0)..<(row + 1)
            }
            let cells = rows(range)
            let ordered = direction == .forward ? Array(cells.indices) : cells.indices.reversed()
            for index in ordered where cells[index].contains(where: { $0.text.lowercased().contains(needle) }) {
                return .found(row: range.lowerBound + index)
            }
            checked += range.count
            switch direction {
            case .forward:
                row = range.upperBound == count ? 0 : range.upperBound
            case .backward:
                row = range.lowerBound == 0 ? count - 1 : range.lowerBound - 1
            }
        }
        return .notFound
    }
}
