import Analysis
import Foundation
import Terminal
import Testing
import Warehouse

@testable import Workbench

@Suite("Workbench")
struct WorkbenchAppTests {
    /// Types text into the open prompt, one character at a time.
    func type(_ text: String, into bench: Bench) {
        for scalar in text.unicodeScalars {
            _ = bench.app.handle(.key(.character(scalar)))
        }
        bench.settle()
    }

    @Test("digits are bound only for screens that exist")
    func digits() throws {
        let bench = try Bench()
        #expect(bench.app.keyMap.command(for: .character("1"), in: .browse) == "show-cohorts")
        #expect(bench.app.keyMap.command(for: .character("2"), in: .browse) == "show-pivot")
        #expect(bench.app.keyMap.command(for: .character("3"), in: .browse) == "show-customers")
        #expect(bench.app.keyMap.command(for: .character("4"), in: .browse) == nil)
        #expect(bench.press("4") == [.ignored])
    }

    @Test("a new screen kind gets the next digit and a tab")
    func newScreen() throws {
        let extra = ScreenKind(name: "extra", title: "Extra") { PivotScreen(host: $0) }
        let bench = try Bench(screenKinds: ScreenKind.all + [extra])
        #expect(bench.app.keyMap.command(for: .character("4"), in: .browse) == "show-extra")
        bench.press("4")
        #expect(bench.render().line(0) == " dotwork  1 Cohorts  2 Pivot  3 Customers  4 Extra")
        #expect(bench.app.currentIndex == 3)
    }

    @Test("help lists each command with its keys")
    func help() throws {
        let bench = try Bench(columns: 120, rows: 60)
        bench.press("?")
        let screen = bench.screen
        #expect(screen.contains("1               show-cohorts  Show the Cohorts screen"))
        #expect(screen.contains("d               next-dimension  Form cohorts by the next dimension"))
        #expect(screen.contains("e               export  Write the view to a CSV file"))
        bench.press("x")
        #expect(bench.app.overlay == nil)
    }

    @Test("a stale result never replaces a newer one")
    func staleResult() throws {
        let bench = try Bench()
        bench.press("2")
        let screen = try #require(bench.app.currentScreen as? PivotScreen)
        _ = bench.app.handle(.key(.character("x")))
        let swappedTicket = try #require(screen.pane.ticket)
        _ = bench.app.handle(.key(.character("x")))
        bench.settle()
        #expect(bench.render().line(1) == "tier × event-month, events")

        let warehouse = try Warehouse.open(at: GoldenFixture.warehousePath, readOnly: true)
        let swapped = try AnalysisEngine(warehouse: warehouse).pivot(
            PivotPlan(rows: .eventMonth, columns: .tier, measure: .events), asOf: bench.app.setting.asOf)
        let late = QueryCompletion(ticket: swappedTicket, worker: 0, outcome: .success(.pivot(swapped)), elapsed: .zero)
        #expect(bench.app.handle(.message(.query(late))) == .handled)
        #expect(bench.render().line(1) == "tier × event-month, events")
    }

    @Test("Esc cancels the query and keeps the figures")
    func cancel() throws {
        let bench = try Bench()
        bench.press("2")
        _ = bench.app.handle(.key(.character("x")))
        #expect(bench.app.currentScreen.pane.isRunning)
        let deadline = try #require(bench.app.nextDeadline)
        #expect(bench.app.nextDeadline == deadline)
        #expect(bench.app.handle(.timer) == .redraw)
        #expect(try #require(bench.app.nextDeadline) > deadline)
        _ = bench.app.handle(.key(.escape))
        #expect(!bench.app.currentScreen.pane.isRunning)
        #expect(bench.app.status.current?.text == "query cancelled; the figures shown are the previous ones")
        bench.settle()
        #expect(bench.render().line(1) == "tier × event-month, events")
        #expect(bench.app.nextDeadline == nil)
    }

    @Test("other cohort views are computed in the background")
    func prefetched() throws {
        let bench = try Bench()
        _ = bench.app.handle(.key(.character("d")))
        #expect(!bench.app.currentScreen.pane.isRunning)
        #expect(bench.render().line(1).hasPrefix("Cohorts by channel "))
        _ = bench.app.handle(.key(.character("t")))
        #expect(!bench.app.currentScreen.pane.isRunning)
        _ = bench.app.handle(.key(.character("2")))
        #expect(bench.render().line(1) == "tier × event-month, events")
    }

    @Test("the smallest size and back keep the place")
    func resize() throws {
        let bench = try Bench(columns: 100, rows: 16)
        bench.press("2 j j l")
        let before = bench.screen
        bench.size = Size.minimum
        let small = bench.render()
        #expect(small.line(0) == " dotwork  1 Cohorts  2 Pivot  3 Custome…")
        #expect(small.line(5) == "critic    │      1       3       3     3")
        #expect(small.line(9) == "? help  : command  1-3 scree… row 3 of 6")
        bench.size = Size(rows: 16, columns: 100)
        #expect(bench.screen == before)
    }

    @Test("back closes drill-downs, goes home, then quits")
    func back() throws {
        let bench = try Bench()
        bench.press("2 Enter")
        #expect(bench.app.currentScreen is DrillDownScreen)
        #expect(bench.press("q") == [.redraw])
        #expect(bench.app.currentScreen is PivotScreen)
        #expect(bench.press("q") == [.redraw])
        #expect(bench.app.currentScreen is CohortsScreen)
        #expect(bench.press("q") == [.quit])
    }

    @Test("Q quits from any screen")
    func quit() throws {
        let bench = try Bench()
        #expect(bench.press("2 Enter Q").last == .quit)
    }

    @Test("export writes what the CLI prints")
    func export() throws {
        let folder = NSTemporaryDirectory() + "dotwork-export-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bench = try Bench()
        bench.press("d d e")
        guard case .export(let pathPrompt, _)? = bench.app.prompt else {
            Issue.record("e opened no export prompt")
            return
        }
        #expect(pathPrompt.input.text == "./dotwork-cohorts-by-region-2012-04-20.csv")
        bench.press("C-u")
        type(folder + "/regions.csv", into: bench)
        bench.press("Enter")
        #expect(bench.app.status.current?.text == "exported 6 rows to \(folder)/regions.csv")
        let written = try String(contentsOfFile: folder + "/regions.csv", encoding: .utf8)
        #expect(written == (try GoldenFixture.expectedCSV("cohorts-by-region.csv")))
    }

    @Test("export asks before overwriting")
    func overwrite() throws {
        let folder = NSTemporaryDirectory() + "dotwork-export-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cohorts.csv"
        try "keep me\n".write(toFile: path, atomically: true, encoding: .utf8)
        let bench = try Bench(columns: 120)
        bench.press("e C-u")
        type(path, into: bench)
        bench.press("Enter")
        #expect(bench.render().line(15).hasPrefix("Overwrite \(path)? [y/N]"))
        bench.press("n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me\n")
        bench.press("e C-u")
        type(path, into: bench)
        bench.press("Enter y")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == (try GoldenFixture.expectedCSV("cohorts-by-signup-month.csv")))
    }

    @Test("export into a missing folder says so")
    func missingFolder() throws {
        let bench = try Bench()
        bench.press("e C-u")
        type("/nonexistent-folder/out.csv", into: bench)
        bench.press("Enter")
        #expect(bench.app.status.current?.text == "folder /nonexistent-folder does not exist: create it first or choose another")
        #expect(bench.app.prompt != nil)
    }

    @Test("command line runs commands by name")
    func commandLine() throws {
        let bench = try Bench()
        bench.press(":")
        type("next-dimension", into: bench)
        bench.press("Enter")
        #expect(bench.render().line(1).hasPrefix("Cohorts by channel "))
        bench.press(":")
        type("nxt-dimension", into: bench)
        bench.press("Enter")
        #expect(bench.app.status.current?.text == "unknown command 'nxt-dimension'; did you mean 'next-dimension'?")
    }

    @Test("search moves to the matching row")
    func search() throws {
        let bench = try Bench()
        bench.press("d d /")
        type("Île", into: bench)
        bench.press("Enter")
        #expect(bench.app.currentScreen.pane.table?.selectedRow == 2)
        #expect(bench.app.status.current?.text == "found 'Île' in row 3 of 6")
    }

    @Test("as-of date changes the figures")
    func asOf() throws {
        let bench = try Bench(asOf: CivilDate(iso: "2012-03-31"))
        #expect(bench.render().line(6) == "(guest)     │                   0      0                 0                    0                    0")
        #expect(bench.render().line(15).hasSuffix("row 1 of 6  as of 2012-03-31  warehouse.db  USD"))
    }
}
