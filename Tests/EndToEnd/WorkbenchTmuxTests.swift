import Foundation
import Testing

/// The workbench through the real binary in tmux, on the golden fixture and the sample data:
/// the keys an analyst types and the screens drawn, compared with what the headless commands
/// print.
@Suite("Workbench in tmux")
struct WorkbenchTmuxTests {
    let folder = ScratchFolder()
    static var golden: String { GoldenCommandTests.warehouse }

    func dotwork(_ arguments: [String], warehouse: String = WorkbenchTmuxTests.golden) throws -> String {
        let result = try DotworkProcess.run(arguments + ["--db", warehouse])
        #expect(result.status == 0, "dotwork \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return result.stdout
    }

    func session(width: Int = 250, height: Int = 30, warehouse: String = WorkbenchTmuxTests.golden) throws -> TmuxSession {
        try TmuxSession(workbench: warehouse, in: folder.path, width: width, height: height)
    }

    /// Waits until the screen row of `key` shows the same figures as the printed table,
    /// leaving out the ladder bar that only the screen has. Polling, rather than checking one
    /// capture, also covers a capture taken while the terminal was still drawing.
    func expectSameRow(
        _ key: String, in session: TmuxSession, printed: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        TableText.expectSameRow(key, in: session, printed: printed, sourceLocation: sourceLocation)
    }

    @Test("cohort dimensions switch with d")
    func dimensions() throws {
        let session = try session()
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        expectSameRow("2012-02", in: session, printed: try dotwork(["cohorts", "--by", "signup-month"]))
        for dimension in ["channel", "region", "tier"] {
            try session.send("d")
            session.waitUntil("cohorts by \(dimension)") { $0.contains("Cohorts by \(dimension) ") && $0.contains("row 1 of") }
        }
        try session.send("D")
        session.waitFor("Cohorts by region ")
    }

    @Test("cells on screen equal the CLI's figures")
    func cellValues() throws {
        let session = try session()
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("d", "d")
        session.waitFor("Cohorts by region ")
        let printed = try dotwork(["cohorts", "--by", "region"])
        for key in ["Midlands", "North", "Île-de-France", "(none)", "total"] {
            expectSameRow(key, in: session, printed: printed)
        }
        let regions = try session.capture()
        #expect(TableText.screenRow(regions, key: "North")?.suffix(3) == ["298.89", "59.78", "49.82"])

        try session.send("2")
        session.waitFor("tier × event-month, events")
        let printedPivot = try dotwork(["pivot", "--rows", "tier", "--cols", "event-month", "--measure", "events"])
        for key in ["spectator", "joiner", "critic", "creator", "(unlinked)", "total"] {
            expectSameRow(key, in: session, printed: printedPivot)
        }
    }

    @Test("retention triangle matches the CLI")
    func retention() throws {
        let session = try session()
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("t")
        session.waitFor("Retention by signup month")
        let printed = try dotwork(["cohorts", "--retention"])
        // The screen shows the community part after a sparkline; the CLI prints both parts.
        let expected = try #require(TableText.printedRow(printed, key: "2012-02"))
        session.waitUntil("the 2012-02 cohort as printed: \(expected)") { screen in
            guard let shown = TableText.screenRow(screen, key: "2012-02"), shown.count >= 6 else { return false }
            return Array(shown.prefix(2)) == Array(expected.prefix(2)) && Array(shown[3..<6]) == Array(expected[2..<5])
        }
    }

    @Test("pivot chosen from lists")
    func pivot() throws {
        let session = try session()
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("2")
        session.waitFor("tier × event-month, events")
        try session.send("r")
        let list = session.waitFor("Rows with columns event-month and events") ?? ""
        #expect(!list.contains("order-month"))
        try session.type("categ")
        session.waitFor("1/9")
        try session.send("Enter")
        session.waitFor("category × event-month, events")
        try session.send("c")
        session.waitFor("Columns with rows category and events")
        try session.type("tier")
        session.waitFor("2/")
        try session.send("Down", "Up", "Enter")
        session.waitFor("category × tier, events")
        try session.send("m")
        session.waitFor("Measure of category × tier")
        try session.type("revenue")
        session.waitFor("4/19")
        try session.send("Enter")
        session.waitFor("category × tier, revenue")
        let printed = try dotwork(["pivot", "--rows", "category", "--cols", "tier", "--measure", "revenue"])
        for key in ["Accessories", "Merch", "Phones", "total"] {
            expectSameRow(key, in: session, printed: printed)
        }
    }

    @Test("filter typo shows the error at its place")
    func filterTypo() throws {
        let session = try session(width: 120)
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("2")
        session.waitFor("tier × event-month, events")
        try session.send("f")
        session.waitFor("where")
        try session.type("regoin != \"North\"")
        let screen = session.waitFor("error: unknown name 'regoin'") ?? ""
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let inputLine = try #require(lines.firstIndex { $0.hasPrefix("where regoin") })
        #expect(lines[inputLine + 1].hasPrefix("      ^^^^^^ error: unknown name 'regoin'; did you mean 'region'?"))

        try session.send("Enter")
        session.waitFor("error: unknown name 'regoin'")
        try session.send("C-a", "Delete", "Delete", "Delete", "Delete", "Delete", "Delete")
        try session.type("region")
        session.waitFor("Enter applies the filter")
        try session.send("Enter")
        session.waitFor("tier × event-month, events, where region != \"North\"")
        let printed = try dotwork(["pivot", "--rows", "tier", "--cols", "event-month", "--measure", "events", "--where", "region != \"North\""])
        for key in ["spectator", "joiner", "critic", "creator", "total"] {
            expectSameRow(key, in: session, printed: printed)
        }
    }

    @Test("drill down and back")
    func drillDown() throws {
        let session = try session(width: 120)
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("2")
        session.waitFor("tier × event-month, events")
        try session.send("j", "j", "l", "l")
        session.waitFor("row 3 of 6")
        try session.send("Enter")
        session.waitFor("Customers of critic × 2012-02 of tier × event-month, events: 2 customers")
        let printed = try dotwork(["customers", "--cell", "critic,2012-02", "--rows", "tier", "--cols", "event-month", "--measure", "events"])
        expectSameRow("C02", in: session, printed: printed)
        expectSameRow("C08", in: session, printed: printed)
        #expect(try session.capture().contains("1 Cohorts  2 Pivot  › Customers"))
        try session.send("q")
        session.waitFor("row 3 of 6")
    }

    @Test("exports equal the CLI's CSV")
    func export() throws {
        let session = try session(width: 160)
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("d", "d")
        session.waitFor("Cohorts by region ")
        try session.send("e")
        session.waitFor("Export to: ./dotwork-cohorts-by-region-2012-04-20.csv")
        try session.send("Enter")
        session.waitFor("exported 6 rows to ./dotwork-cohorts-by-region-2012-04-20.csv")
        let cohorts = try Data(contentsOf: URL(fileURLWithPath: folder.file("dotwork-cohorts-by-region-2012-04-20.csv")))
        #expect(cohorts == Data(try dotwork(["cohorts", "--by", "region", "--format", "csv"]).utf8))

        try session.send("2")
        session.waitFor("tier × event-month, events")
        try session.send("f")
        session.waitFor("where")
        try session.type("signup_date < 2012-03-01")
        session.waitFor("Enter applies")
        try session.send("Enter")
        session.waitFor("where signup_date < 2012-03-01")
        try session.send("j", "l", "Enter")
        session.waitFor("customer_id│")
        try session.send("e")
        session.waitFor("Export to: ./dotwork-customers-tier-joiner-event-month-2012-01-2012-04-20.csv")
        try session.send("Enter")
        session.waitFor("exported ")
        let customers = try Data(contentsOf: URL(fileURLWithPath: folder.file("dotwork-customers-tier-joiner-event-month-2012-01-2012-04-20.csv")))
        let printed = try dotwork([
            "customers", "--cell", "joiner,2012-01", "--rows", "tier", "--cols", "event-month", "--measure", "events",
            "--where", "signup_date < 2012-03-01", "--format", "csv",
        ])
        #expect(customers == Data(printed.utf8))

        try session.send("q", "e")
        session.waitFor("Export to: ./dotwork-pivot-tier-by-event-month-events-filtered-2012-04-20.csv")
        try session.send("Enter")
        session.waitFor("exported 5 rows")
        let pivot = try Data(contentsOf: URL(fileURLWithPath: folder.file("dotwork-pivot-tier-by-event-month-events-filtered-2012-04-20.csv")))
        let printedPivot = try dotwork([
            "pivot", "--rows", "tier", "--cols", "event-month", "--measure", "events", "--where", "signup_date < 2012-03-01",
            "--format", "csv",
        ])
        #expect(pivot == Data(printedPivot.utf8))
    }

    @Test("resize to 20×6 and back to the same place")
    func resize() throws {
        let session = try session(width: 100, height: 24)
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("2")
        session.waitFor("tier × event-month, events")
        try session.send("j", "j", "l")
        session.waitFor("row 3 of 6")
        let before = session.settledCapture()
        try session.resize(width: 20, height: 6)
        session.waitFor("Too small")
        #expect(!session.settledCapture().contains("tier"))
        try session.resize(width: 100, height: 24)
        session.waitUntil("the same screen as before the resize") { $0 == before }
    }

    @Test("quit restores the terminal")
    func quit() throws {
        let environment = ["TERM": "xterm-256color", "HOME": folder.path, "PS1": "shell$ ", "DOTWORK_CONFIG": "/nonexistent"]
        let session = try TmuxSession(width: 100, height: 24, environment: environment, command: ["bash", "--norc", "--noprofile", "-i"])
        defer { session.kill() }
        session.waitFor("shell$")
        try session.type("cd '\(folder.path)' && stty -g > before && '\(DotworkProcess.binaryPath)' --db '\(WorkbenchTmuxTests.golden)'; echo \"status $?\"; stty -g > after")
        try session.send("Enter")
        session.waitFor("Cohorts by signup-month")
        try session.send("q")
        let shell = session.waitFor("status 0") ?? ""
        #expect(!shell.contains("Cohorts by"))
        #expect(shell.contains("shell$ cd "))
        try session.type("cmp before after && echo modes-restored")
        try session.send("Enter")
        session.waitFor("modes-restored")
    }

    @Test("a missing warehouse stops before drawing")
    func missingWarehouse() throws {
        let session = try TmuxSession(workbench: folder.file("absent.db"), in: folder.path, width: 200, height: 10)
        defer { session.kill() }
        #expect(session.waitForExit() == 1)
        #expect(try session.capture().contains("error: "))
    }

    @Test("without a terminal it says so")
    func noTerminal() throws {
        let result = try DotworkProcess.run(["--db", WorkbenchTmuxTests.golden])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: standard input is not a terminal\nhelp: run the workbench in a terminal"))
    }

    @Test("an unknown theme stops with the themes there are")
    func unknownTheme() throws {
        let session = try TmuxSession(
            workbench: WorkbenchTmuxTests.golden, in: folder.path, width: 200, height: 10, arguments: ["--theme", "ligt"])
        defer { session.kill() }
        #expect(session.waitForExit() == 1)
        let screen = try session.capture()
        #expect(screen.contains("error: theme 'ligt' not found in \(folder.path)/.config/dotwork/themes"))
        #expect(screen.contains("help: did you mean 'light'?"))
    }

    @Test("sample data opens and matches the CLI", .enabled(if: WorkbenchWarehouses.hasSampleData))
    func sampleData() throws {
        let warehouse = WorkbenchWarehouses.sample
        let session = try session(warehouse: warehouse)
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        let printed = try dotwork(["cohorts", "--by", "signup-month"], warehouse: warehouse)
        expectSameRow("2009-01", in: session, printed: printed)
        try session.send("G")
        expectSameRow("total", in: session, printed: printed)
        try session.send("d")
        session.waitFor("Cohorts by channel ")
        expectSameRow("total", in: session, printed: try dotwork(["cohorts", "--by", "channel"], warehouse: warehouse))
        try session.send("2")
        session.waitFor("tier × event-month, events")
        // The pivot has a column per month, more than the pane shows, so the cells on screen
        // are compared with the start of the printed row.
        let printedPivot = try dotwork(["pivot", "--rows", "tier", "--cols", "event-month", "--measure", "events"], warehouse: warehouse)
        let expected = try #require(TableText.printedRow(printedPivot, key: "creator"))
        session.waitUntil("the creator row's first cells as printed: \(expected.prefix(10))") { screen in
            guard let shown = TableText.screenRow(screen, key: "creator"), shown.count > 10 else { return false }
            return Array(shown.prefix(10)) == Array(expected.prefix(10))
        }
        try session.send("e")
        session.waitFor("Export to: ./dotwork-pivot-tier-by-event-month-events-")
        try session.send("Enter")
        let exported = session.waitFor("exported ") ?? ""
        let name = try #require(exported.range(of: "./dotwork-pivot-").map { exported[$0.lowerBound...].prefix { !$0.isWhitespace } })
        let csv = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + name.dropFirst(2)))
        let printedCSV = try dotwork(["pivot", "--rows", "tier", "--cols", "event-month", "--measure", "events", "--format", "csv"], warehouse: warehouse)
        #expect(csv == Data(printedCSV.utf8))
    }
}
