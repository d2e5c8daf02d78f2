import Testing

@testable import Terminal

@Suite("TableView")
struct TableViewTests {
    let keyMap = KeyMap.standard

    func press(_ script: String, on table: TableView) {
        for key in keys(script) {
            _ = table.handle(key, keyMap: keyMap)
        }
    }

    @Test("first page with numbers right-aligned")
    func firstPage() {
        let table = TableView(dataSource: numberedTable(100))
        let grid = render(columns: 24, rows: 4) { table.draw($0) }
        #expect(grid.text == """
            n│label  value
            1│item 1    10
            2│item 2    20
            3│item 3    30
            """)
    }

    @Test("only the visible rows are fetched")
    func paging() {
        let source = numberedTable(100_000)
        let table = TableView(dataSource: source)
        _ = render(columns: 30, rows: 6) { table.draw($0) }
        press("PgDn PgDn G", on: table)
        _ = render(columns: 30, rows: 6) { table.draw($0) }
        #expect(source.fetched.withLock { $0 } == 10)
        #expect(table.positionDescription == "row 100,000 of 100,000")
    }

    @Test("scrolling down keeps the cursor in view")
    func scrolling() {
        let table = TableView(dataSource: numberedTable(100))
        _ = render(columns: 24, rows: 4) { table.draw($0) }
        press("j j j j", on: table)
        let grid = render(columns: 24, rows: 4) { table.draw($0) }
        #expect(grid.text == """
            n│label  value
            3│item 3    30
            4│item 4    40
            5│item 5    50
            """)
        #expect(grid.roleMap([.selectedRow: "S", .selectedCell: "C", .header: "H", .keyColumn: "K", .border: "|", .heat(1): "1"]).split(separator: "\n")[3] == "CSSSSSSSSSSSSSSSSSSSSSSS")
    }

    @Test("columns widen with the rows seen and never narrow")
    func widths() {
        let table = TableView(dataSource: numberedTable(1000))
        _ = render(columns: 40, rows: 4) { table.draw($0) }
        #expect(table.columnWidths == [1, 6, 5])
        press("G", on: table)
        _ = render(columns: 40, rows: 4) { table.draw($0) }
        #expect(table.columnWidths == [4, 9, 5])
        press("g", on: table)
        let grid = render(columns: 40, rows: 3) { table.draw($0) }
        #expect(grid.line(1) == "   1│item 1       10")
    }

    @Test("the key column stays while others scroll sideways")
    func frozenColumn() {
        let columns = [TableColumn("city")] + (1...6).map { TableColumn("column \($0)") }
        let rows: [[TableCell]] = [[.text("東京")] + (1...6).map { .text("value \($0)") }]
        let table = TableView(dataSource: ArrayTable(columns: columns, rows: rows))
        _ = render(columns: 30, rows: 2) { table.draw($0) }
        press("$", on: table)
        let grid = render(columns: 30, rows: 2) { table.draw($0) }
        #expect(grid.text == """
            city│column 5 column 6
            東京│value 5  value 6
            """)
    }

    @Test("wide and long cells are cut to the column")
    func truncation() {
        let columns = [TableColumn("id", kind: .number), TableColumn("name", maxWidth: 6)]
        let rows: [[TableCell]] = [[.number("1", value: 1), .text("山田太郎さん")], [.number("2", value: 2), .text("Zoë")]]
        let table = TableView(dataSource: ArrayTable(columns: columns, rows: rows))
        let grid = render(columns: 20, rows: 3) { table.draw($0) }
        #expect(grid.text == """
            id│name
             1│山田…
             2│Zoë
            """)
    }

    @Test("heat roles follow the column's range")
    func heat() {
        let table = TableView(dataSource: numberedTable(5))
        let grid = render(columns: 16, rows: 6) { table.draw($0) }
        let letters: [Role: Character] = [.header: "H", .keyColumn: "K", .border: "|", .selectedRow: "S", .selectedCell: "C", .heat(1): "1", .heat(2): "2", .heat(3): "3", .heat(4): "4", .heat(5): "5"]
        #expect(grid.roleMap(letters) == """
            HHHHHHHHHHHHHHHH
            CSSSSSSSSSSSSSSS
            K|.......33333..
            K|.......44444..
            K|.......55555..
            K|.......55555..
            """)
    }

    @Test("heat level spreads a range over five roles", arguments: [(0.0, 1), (19.9, 1), (20.0, 2), (50.0, 3), (99.0, 5), (100.0, 5), (-5.0, 1), (500.0, 5)])
    func heatLevel(value: Double, level: Int) {
        #expect(TableColumn("x", kind: .number, heatRange: 0...100).heatLevel(of: value) == level)
    }

    @Test("an error cell is drawn in its role and the rest renders")
    func errorCell() {
        let columns = [TableColumn("k"), TableColumn("ratio", kind: .number)]
        let rows: [[TableCell]] = [[.text("a"), .number("1", value: 1)], [.text("b"), .error("no data")], [.text("c"), .number("3", value: 3)]]
        let table = TableView(dataSource: ArrayTable(columns: columns, rows: rows))
        let grid = render(columns: 12, rows: 4) { table.draw($0) }
        #expect(grid.line(2) == "b│no data")
        #expect(grid.role(row: 2, column: 5) == .cellError)
        #expect(grid.line(3) == "c│      3")
    }

    @Test("sorting reorders rows and marks the header")
    func sorting() {
        let table = TableView(dataSource: numberedTable(5))
        _ = render(columns: 24, rows: 4) { table.draw($0) }
        press("l l ]", on: table)
        let grid = render(columns: 24, rows: 4) { table.draw($0) }
        #expect(grid.text == """
            n│label  value▼
            5│item 5     50
            4│item 4     40
            3│item 3     30
            """)
        #expect(table.sortOrder == TableSortOrder(column: 2, ascending: false))
        press("=", on: table)
        #expect(table.sortOrder == nil)
    }

    @Test("search moves to the next match and wraps")
    func search() {
        let table = TableView(dataSource: numberedTable(30))
        var messages: [StatusMessage?] = []
        table.jobRunner = { [unowned table] job in messages.append(table.finish(job.run())) }
        table.search(for: "ITEM 2")
        #expect(table.selectedRow == 1)
        press("n", on: table)
        #expect(table.selectedRow == 19)
        press("N", on: table)
        #expect(table.selectedRow == 1)
        press("N", on: table)
        #expect(table.selectedRow == 28)
        table.search(for: "nowhere")
        #expect(messages.last == StatusMessage(.warning, "no row contains 'nowhere'"))
    }

    @Test("a cancelled job leaves the table as it was")
    func cancel() {
        let table = TableView(dataSource: numberedTable(30))
        var started: [TableJob] = []
        table.jobRunner = { started.append($0) }
        table.search(for: "item 9")
        #expect(table.handle(.control("c"), keyMap: keyMap) == .redraw)
        let result = started[0].run()
        #expect(result.search == .cancelled)
        #expect(table.finish(result) == nil)
        #expect(table.selectedRow == 0)
    }

    @Test("a newer job replaces an older one")
    func replaced() {
        let table = TableView(dataSource: numberedTable(30))
        var started: [TableJob] = []
        table.jobRunner = { started.append($0) }
        table.search(for: "item 9")
        table.search(for: "item 7")
        #expect(started[0].cancellation.isCancelled)
        #expect(table.finish(started[1].run()) == StatusMessage(.info, "found 'item 7' in row 7 of 30"))
        #expect(table.selectedRow == 6)
    }

    @Test("an empty table says so")
    func empty() {
        let table = TableView(dataSource: numberedTable(0))
        let grid = render(columns: 20, rows: 3) { table.draw($0) }
        #expect(grid.text == "n│label value\n(no rows)\n")
        #expect(table.positionDescription == "no rows")
    }

    @Test("counts are grouped by thousands", arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (1_000_000, "1,000,000"), (-12345, "-12,345")])
    func grouping(number: Int, text: String) {
        #expect(TableView.grouped(number) == text)
    }
}
