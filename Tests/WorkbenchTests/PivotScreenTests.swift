import Terminal
import Testing

@testable import Workbench

@Suite("Pivot screen")
struct PivotScreenTests {
    /// Returns a bench on the pivot screen.
    func pivotBench(columns: Int = 80, rows: Int = 14) throws -> Bench {
        let bench = try Bench(columns: columns, rows: rows)
        bench.press("2")
        return bench
    }

    /// Types text into the open prompt, one character at a time.
    func type(_ text: String, into bench: Bench) {
        for scalar in text.unicodeScalars {
            _ = bench.app.handle(.key(.character(scalar)))
        }
        bench.settle()
    }

    @Test("events by tier and month with totals")
    func initial() throws {
        let bench = try pivotBench()
        #expect(bench.lines(0...9) == """
             dotwork  1 Cohorts  2 Pivot  3 Customers
            tier × event-month, events
            tier      │2012-01 2012-02 2012-03 2012-04 total
            spectator │      1       1       1       1     4
            joiner    │      0       1       3       4     8
            critic    │      1       3       3       3    10
            creator   │      2       3       5       5    15
            (unlinked)│      0       0       3       2     5
            total     │      4       6      13      14    37

            """)
        let makeRecords = try #require(bench.app.currentScreen.exportRecords)
        let records = makeRecords()
        #expect(try csvText(records) == GoldenFixture.expectedCSV("pivot--rows-tier--cols-event-month--measure-events.csv"))
    }

    @Test("rows list offers only what the grain allows")
    func rowsList() throws {
        let bench = try pivotBench()
        bench.press("r")
        guard case .list(let picker, _)? = bench.app.prompt else {
            Issue.record("r opened no list")
            return
        }
        #expect(picker.items == ["tier", "member-tier", "signup-month", "region", "country", "channel", "category", "sku", "event-kind"])
        #expect(picker.selectedItem == "tier")
        #expect(bench.render().line(2) == "Rows with columns event-month and events                     9/9│")
    }

    @Test("choosing from the lists builds a new pivot")
    func choosing() throws {
        let bench = try pivotBench()
        bench.press("r")
        type("categ", into: bench)
        bench.press("Enter c")
        type("tier", into: bench)
        bench.press("Enter m")
        guard case .list(let picker, _)? = bench.app.prompt else {
            Issue.record("m opened no list")
            return
        }
        #expect(picker.items.contains("revenue"))
        #expect(picker.items.contains("events:review"))
        type("revenue", into: bench)
        bench.press("Enter")
        #expect(bench.render().line(1) == "category × tier, revenue")
        let makeRecords = try #require(bench.app.currentScreen.exportRecords)
        let records = makeRecords()
        #expect(try csvText(records) == GoldenFixture.expectedCSV("pivot--rows-category--cols-tier--measure-revenue.csv"))
    }

    @Test("Esc closes a list without change")
    func listCancelled() throws {
        let bench = try pivotBench()
        bench.press("m j j Esc")
        #expect(bench.app.prompt == nil)
        #expect(bench.render().line(1) == "tier × event-month, events")
    }

    @Test("filter typo shows the error in place")
    func filterTypo() throws {
        let bench = try pivotBench()
        bench.press("f")
        type("regoin != \"North\"", into: bench)
        #expect(bench.lines(12...13) == """
            where regoin != "North"
                  ^^^^^^ error: unknown name 'regoin'; did you mean 'region'? text is writt…
            """)
        bench.press("Enter")
        #expect(bench.app.prompt != nil)
        #expect(bench.app.status.log.messages.last?.text.hasPrefix("error at column 1: unknown name 'regoin'") == true)
        bench.press("C-a Del Del Del Del Del Del")
        type("region", into: bench)
        bench.press("Enter")
        #expect(bench.app.prompt == nil)
        #expect(bench.render().line(1) == "tier × event-month, events, where region != \"North\"")
        let makeRecords = try #require(bench.app.currentScreen.exportRecords)
        let records = makeRecords()
        #expect(try csvText(records) == GoldenFixture.expectedCSV("pivot--rows-tier--cols-event-month--measure-events--where-region-not-north.csv"))
    }

    @Test("empty filter removes it")
    func filterRemoved() throws {
        let bench = try pivotBench()
        bench.press("f")
        type("region = \"North\"", into: bench)
        bench.press("Enter f C-u Enter")
        #expect(bench.render().line(1) == "tier × event-month, events")
        #expect(bench.render().line(8) == "total     │      4       6      13      14    37")
    }

    @Test("Enter on a cell lists its customers")
    func drillDown() throws {
        let bench = try pivotBench(columns: 100)
        bench.press("j j l l Enter")
        #expect(bench.lines(1...4) == """
            Customers of critic × 2012-02 of tier × event-month, events: 2 customers
            customer_id│name       email                  region country channel signup_date tier
            C02        │Ben Ortiz  home@ortiz.example     North  GB      store   2012-01-18  critic
            C08        │Rita Rater Rita.Rater@Example.com        GB      web     2012-01-20  critic
            """)
        #expect(bench.app.currentScreen.exportName == "customers-tier-critic-event-month-2012-02")
    }

    @Test("unlinked cell says who is not a customer")
    func unlinked() throws {
        let bench = try pivotBench(columns: 160)
        bench.press("G k l l l Enter")
        #expect(bench.render().line(1) == "Customers of (unlinked) × 2012-03 of tier × event-month, events: 0 customers; the cell also holds 1 unlinked member, who are not customers")
        #expect(bench.render().line(3) == "(no rows)")
    }

    @Test("total cell lists every customer of the pivot")
    func totalCell() throws {
        let bench = try pivotBench()
        bench.press("G $ Enter")
        #expect(bench.render().line(1).hasPrefix("Customers of total × total of tier × event-month, events: 8 customers"))
    }

    @Test("x swaps rows and columns")
    func swap() throws {
        let bench = try pivotBench()
        bench.press("x")
        #expect(bench.render().line(1) == "event-month × tier, events")
        #expect(bench.render().line(2) == "event-month│spectator joiner critic creator (unlinked) total")
    }

    @Test("sorting keeps the total row last")
    func sorting() throws {
        let bench = try pivotBench()
        bench.press("$ ]")
        #expect(bench.lines(3...8) == """
            creator   │      2       3       5       5     15
            critic    │      1       3       3       3     10
            joiner    │      0       1       3       4      8
            (unlinked)│      0       0       3       2      5
            spectator │      1       1       1       1      4
            total     │      4       6      13      14     37
            """)
    }

    @Test("going back to a pivot seen before needs no query")
    func kept() throws {
        let bench = try pivotBench()
        bench.press("x x")
        let screen = try #require(bench.app.currentScreen as? PivotScreen)
        #expect(!screen.pane.isRunning)
        #expect(bench.render().line(1) == "tier × event-month, events")
    }
}
