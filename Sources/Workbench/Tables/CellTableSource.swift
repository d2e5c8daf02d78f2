import Synchronization
import Terminal

/// A table data source over figures held in memory, whose cells are computed row by row on
/// request, so a million drill-down customers are not turned into cells all at once.
///
/// The last `pinnedRows` rows (a total row) stay at the end whatever the sort. Sorting
/// compares numbers by value and text by its characters, puts empty cells last in both
/// directions, and keeps ties in their natural order. `naturalRow(_:)` maps a row on screen
/// back to the figures behind it.
final class CellTableSource: TableDataSource {
    let columns: [TableColumn]
    let rowCount: Int
    let pinnedRows: Int
    private let cellsOfRow: @Sendable (Int) -> [TableCell]
    /// The natural row of each displayed row while sorted; nil in the natural order.
    private let order = Mutex<[Int]?>(nil)

    /// Rows compared between two checks of the cancellation while sorting.
    static let sortCheckInterval = 4096

    init(columns: [TableColumn], rowCount: Int, pinnedRows: Int = 0, cells: @escaping @Sendable (Int) -> [TableCell]) {
        precondition(pinnedRows >= 0 && pinnedRows <= rowCount, "cannot pin \(pinnedRows) of \(rowCount) rows")
        self.columns = columns
        self.rowCount = rowCount
        self.pinnedRows = pinnedRows
        cellsOfRow = cells
    }

    func rows(_ range: Range<Int>) -> [[TableCell]] {
        let order = self.order.withLock { $0 }
        return range.map { cellsOfRow(order?[$0] ?? $0) }
    }

    /// Returns the natural row, the index into the figures, of a row as displayed.
    func naturalRow(_ row: Int) -> Int {
        order.withLock { $0?[row] } ?? row
    }

    func sort(by sortOrder: TableSortOrder?, cancellation: Cancellation) -> Bool {
        guard let sortOrder else {
            order.withLock { $0 = nil }
            return true
        }
        let sortable = rowCount - pinnedRows
        var keys: [(cell: TableCell, row: Int)] = []
        keys.reserveCapacity(sortable)
        for row in 0..<sortable {
            if row % CellTableSource.sortCheckInterval == 0 && cancellation.isCancelled {
                return false
            }
            keys.append((cellsOfRow(row)[sortOrder.column], row))
        }
        let ascending = sortOrder.ascending
        keys.sort { left, right in
            let leftIsBlank = left.cell.text.isEmpty
            let rightIsBlank = right.cell.text.isEmpty
            if leftIsBlank != rightIsBlank {
                return rightIsBlank
            }
            let comparison = CellTableSource.compare(left.cell, right.cell)
            if comparison != 0 {
                return ascending ? comparison < 0 : comparison > 0
            }
            return left.row < right.row
        }
        if cancellation.isCancelled {
            return false
        }
        let sorted = keys.map(\.row) + Array(sortable..<rowCount)
        order.withLock { $0 = sorted }
        return true
    }

    /// Returns -1, 0 or 1 as `left` sorts before, with or after `right`: numbers by value,
    /// anything else by its text.
    static func compare(_ left: TableCell, _ right: TableCell) -> Int {
        if case .number(_, let a) = left, case .number(_, let b) = right {
            return a < b ? -1 : (a > b ? 1 : 0)
        }
        let a = left.text
        let b = right.text
        return a < b ? -1 : (a > b ? 1 : 0)
    }
}
