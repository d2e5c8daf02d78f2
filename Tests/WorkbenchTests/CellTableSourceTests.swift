import Terminal
import Testing

@testable import Workbench

@Suite("CellTableSource")
struct CellTableSourceTests {
    /// Four regions with a count, one without, then a pinned total row.
    static func regions() -> CellTableSource {
        let data: [[TableCell]] = [
            [.text("North"), .number("5", value: 5)],
            [.text("Midlands"), .number("12", value: 12)],
            [.text("(none)"), .empty],
            [.text("East"), .number("5", value: 5)],
            [.text("total"), .number("22", value: 22)],
        ]
        return CellTableSource(columns: [TableColumn("region"), TableColumn("customers", kind: .number)], rowCount: data.count, pinnedRows: 1) {
            data[$0]
        }
    }

    func keys(_ source: CellTableSource) -> [String] {
        source.rows(0..<source.rowCount).map { $0[0].text }
    }

    @Test("natural order before sorting")
    func natural() {
        let source = CellTableSourceTests.regions()
        #expect(keys(source) == ["North", "Midlands", "(none)", "East", "total"])
        #expect(source.naturalRow(2) == 2)
    }

    @Test("numbers sort by value, total stays last")
    func ascending() {
        let source = CellTableSourceTests.regions()
        #expect(source.sort(by: TableSortOrder(column: 1, ascending: true), cancellation: Cancellation()))
        #expect(keys(source) == ["North", "East", "Midlands", "(none)", "total"])
        #expect(source.naturalRow(1) == 3)
    }

    @Test("empty cells go last descending too")
    func descending() {
        let source = CellTableSourceTests.regions()
        #expect(source.sort(by: TableSortOrder(column: 1, ascending: false), cancellation: Cancellation()))
        #expect(keys(source) == ["Midlands", "North", "East", "(none)", "total"])
    }

    @Test("text sorts by characters")
    func text() {
        let source = CellTableSourceTests.regions()
        #expect(source.sort(by: TableSortOrder(column: 0, ascending: true), cancellation: Cancellation()))
        #expect(keys(source) == ["(none)", "East", "Midlands", "North", "total"])
    }

    @Test("clearing the sort restores the order")
    func clear() {
        let source = CellTableSourceTests.regions()
        _ = source.sort(by: TableSortOrder(column: 0, ascending: true), cancellation: Cancellation())
        #expect(source.sort(by: nil, cancellation: Cancellation()))
        #expect(keys(source) == ["North", "Midlands", "(none)", "East", "total"])
    }

    @Test("cancelled sort keeps the old order")
    func cancelled() {
        let source = CellTableSourceTests.regions()
        let cancellation = Cancellation()
        cancellation.cancel()
        #expect(!source.sort(by: TableSortOrder(column: 1, ascending: true), cancellation: cancellation))
        #expect(keys(source) == ["North", "Midlands", "(none)", "East", "total"])
    }
}
