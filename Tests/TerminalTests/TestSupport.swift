import Foundation
import Synchronization
import Terminal

/// Draws into a fresh grid of the given size and returns it.
func render(columns: Int, rows: Int, _ draw: (Canvas) -> Void) -> CellGrid {
    let grid = CellGrid(rows: rows, columns: columns)
    draw(Canvas(screen: grid))
    return grid
}

/// Parses key names separated by spaces (`j j C-g`); `"text"` in the script stands for
/// each character typed.
func keys(_ script: String) -> [Key] {
    var result: [Key] = []
    var remaining = Substring(script)
    while !remaining.isEmpty {
        remaining = remaining.drop { $0 == " " }
        if remaining.hasPrefix("\"") {
            let body = remaining.dropFirst().prefix { $0 != "\"" }
            result += body.unicodeScalars.map { Key.character($0) }
            remaining = remaining.dropFirst(body.count + 2)
            continue
        }
        let name = remaining.prefix { $0 != " " }
        guard !name.isEmpty else { break }
        guard let key = Key(name: String(name)) else { fatalError("no key named \(name)") }
        result.append(key)
        remaining = remaining.dropFirst(name.count)
    }
    return result
}

/// A table over rows held in memory, sortable, for widget tests.
final class ArrayTable: TableDataSource {
    let columns: [TableColumn]
    let data: [[TableCell]]
    private let order = Mutex<[Int]?>(nil)
    /// Rows fetched so far, to show that the view pages instead of loading everything.
    let fetched = Mutex<Int>(0)

    init(columns: [TableColumn], rows: [[TableCell]]) {
        self.columns = columns
        data = rows
    }

    var rowCount: Int { data.count }

    func rows(_ range: Range<Int>) -> [[TableCell]] {
        fetched.withLock { $0 += range.count }
        let order = order.withLock { $0 }
        return range.map { data[order?[$0] ?? $0] }
    }

    func sort(by sortOrder: TableSortOrder?, cancellation: Cancellation) -> Bool {
        if cancellation.isCancelled { return false }
        guard let sortOrder else {
            order.withLock { $0 = nil }
            return true
        }
        let sorted = data.indices.sorted { left, right in
            let a = data[left][sortOrder.column]
            let b = data[right][sortOrder.column]
            let ascending: Bool
            if case .number(_, let x) = a, case .number(_, let y) = b {
                ascending = x == y ? left < right : x < y
            } else {
                ascending = a.text == b.text ? left < right : a.text < b.text
            }
            return sortOrder.ascending ? ascending : !ascending
        }
        order.withLock { $0 = sorted }
        return true
    }
}

/// Returns a table of `count` numbered rows: `n`, `item n`, and n × 10 shaded over 0…(count × 10).
func numberedTable(_ count: Int) -> ArrayTable {
    let columns = [
        TableColumn("n", kind: .number), TableColumn("label"),
        TableColumn("value", kind: .number, heatRange: 0...Double(count * 10)),
    ]
    var rows: [[TableCell]] = []
    for n in stride(from: 1, through: count, by: 1) {
        let value = TableCell.number(String(n * 10), value: Double(n * 10))
        rows.append([.number(String(n), value: Double(n)), .text("item \(n)"), value])
    }
    return ArrayTable(columns: columns, rows: rows)
}

/// A folder of its own for one test, removed afterwards.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "dotwork-terminal-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}
