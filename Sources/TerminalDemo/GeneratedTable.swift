import Synchronization
import Terminal

/// A table of any number of made-up customers, each row computed from its number when
/// asked for, so a million rows cost no memory until sorted (then 4 bytes a row for the
/// order). Names and cities mix CJK, accents and emoji to exercise display widths.
final class GeneratedTable: TableDataSource {
    static let names = [
        "Ada Lovelace", "山田太郎", "Zoë Kravitz", "José Martí", "李小龙", "Ana 👩‍💻 Dev",
        "Björk", "❤️ Fan Club", "Nguyễn Văn An", "Olamide", "김민준", "Ørjan",
    ]
    static let cities = ["東京", "Zürich", "São Paulo", "Lagos", "Reykjavík", "서울", "Paris", "Kraków", "Hà Nội"]

    let columns: [TableColumn] = [
        TableColumn("id", kind: .number),
        TableColumn("name", maxWidth: 24),
        TableColumn("city"),
        TableColumn("orders", kind: .number),
        TableColumn("revenue", kind: .number),
        TableColumn("score", kind: .number, heatRange: 0...100),
        TableColumn("note", maxWidth: 30),
    ]
    let rowCount: Int
    private let order = Mutex<[Int32]?>(nil)

    init(rowCount: Int) {
        precondition(rowCount >= 0 && rowCount <= Int(Int32.max), "row count \(rowCount) is out of range")
        self.rowCount = rowCount
    }

    func rows(_ range: Range<Int>) -> [[TableCell]] {
        let sorted = order.withLock { $0 }
        return range.map { index in
            cells(ofRow: sorted.map { Int($0[index]) } ?? index)
        }
    }

    /// Returns the cells of a row in its natural order.
    func cells(ofRow row: Int) -> [TableCell] {
        let orders = (row &* 7919) % 97
        let cents = (row &* 104_729) % 5_000_000
        let score = (row &* 37) % 101
        let note: TableCell = row % 1000 == 999 ? .error("division by zero") : .text(row % 10 == 0 ? "repeat buyer" : "")
        return [
            .number(String(row + 1), value: Double(row + 1)),
            .text(GeneratedTable.names[row % GeneratedTable.names.count]),
            .text(GeneratedTable.cities[(row / 3) % GeneratedTable.cities.count]),
            .number(String(orders), value: Double(orders)),
            .number("\(cents / 100).\(String(cents % 100).leftPadded(to: 2))", value: Double(cents)),
            .number(String(score), value: Double(score)),
            note,
        ]
    }

    func sort(by sortOrder: TableSortOrder?, cancellation: Cancellation) -> Bool {
        guard let sortOrder else {
            order.withLock { $0 = nil }
            return true
        }
        var keys: [(key: TableCell, row: Int32)] = []
        keys.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            if row % 4096 == 0 && cancellation.isCancelled {
                return false
            }
            keys.append((cells(ofRow: row)[sortOrder.column], Int32(row)))
        }
        let ascending = sortOrder.ascending
        keys.sort { left, right in
            let ordered = GeneratedTable.precedes(left.key, right.key)
            let reversed = GeneratedTable.precedes(right.key, left.key)
            if !ordered && !reversed {
                return left.row < right.row
            }
            return ascending ? ordered : reversed
        }
        if cancellation.isCancelled {
            return false
        }
        let permutation = keys.map(\.row)
        order.withLock { $0 = permutation }
        return true
    }

    private static func precedes(_ left: TableCell, _ right: TableCell) -> Bool {
        switch (left, right) {
        case (.number(_, let a), .number(_, let b)): return a < b
        default: return left.text < right.text
        }
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
