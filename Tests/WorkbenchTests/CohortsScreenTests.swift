import Analysis
import Terminal
import Testing

@testable import Workbench

@Suite("Cohorts screen")
struct CohortsScreenTests {
    @Test("home shows cohorts by signup month")
    func home() throws {
        let bench = try Bench(columns: 100, rows: 14)
        #expect(bench.lines(0...10) == """
             dotwork  1 Cohorts  2 Pivot  3 Customers
            Cohorts by signup-month   ladder: ·none ░spectator ▒joiner ▓critic █creator
            signup-month│ladder     customers linked linked_share none none_share spectator spectator_share joi…
            2012-01     │░░▓▓▓▓▓███         4      4       1.0000    0     0.0000         1          0.2500    0
            2012-02     │▒▒▒▒▒▒▒███         3      3       1.0000    0     0.0000         0          0.0000    2
            2012-03     │···▒▒▒▒▒▒▒         3      2       0.6667    1     0.3333         0          0.0000    2
            2012-04     │··········         1      0       0.0000    1     1.0000         0          0.0000    0
            (guest)     │                   0      0                 0                    0                    0
            (none)      │░░░░░░░░░░         1      1       1.0000    0     0.0000         1          1.0000    0
            total       │·░░▒▒▒▓▓██        12     10       0.8333    2     0.1667         2          0.1667    4

            """)
        #expect(bench.render().line(13).hasSuffix("row 1 of 7  as of 2012-04-20  warehouse.db  USD"))
    }

    @Test("d steps through the dimensions")
    func dimensions() throws {
        let bench = try Bench()
        for dimension in ["channel", "region", "tier", "signup-month"] {
            bench.press("d")
            #expect(bench.render().line(1).hasPrefix("Cohorts by \(dimension) "))
        }
        bench.press("D")
        #expect(bench.render().line(1).hasPrefix("Cohorts by tier "))
    }

    @Test("exports equal the headless CSV", arguments: CohortTable.dimensions)
    func exports(_ dimension: PivotDimension) throws {
        let bench = try Bench()
        while bench.app.currentScreen.exportName != "cohorts-by-\(dimension.rawValue)" {
            bench.press("d")
        }
        let makeRecords = try #require(bench.app.currentScreen.exportRecords)
        let records = makeRecords()
        #expect(try csvText(records) == GoldenFixture.expectedCSV("cohorts-by-\(dimension.rawValue).csv"))
    }

    @Test("retention triangle with heat shading")
    func retention() throws {
        let bench = try Bench(columns: 80, rows: 12)
        bench.press("t")
        #expect(bench.lines(1...6) == """
            Retention by signup month: share of linked customers active in the community, m…
            signup_month│customers linked community     m0     m1     m2     m3
            2012-01     │        4      4 ▃▆▅▆      0.2500 0.7500 0.5000 0.7500
            2012-02     │        3      3 ▆▆▃       0.6667 0.6667 0.3333
            2012-03     │        3      2 ▅█        0.5000 1.0000
            2012-04     │        1      0
            """)
        let heat = bench.render().roleMap([.heat(1): "1", .heat(2): "2", .heat(3): "3", .heat(4): "4", .heat(5): "5"])
            .split(separator: "\n").map { String($0.dropFirst(40).prefix(21)) }
        #expect(heat[4] == "444444.444444.222222.")
        #expect(heat[5] == "333333.555555........")
        let makeRecords = try #require(bench.app.currentScreen.exportRecords)
        let records = makeRecords()
        #expect(try csvText(records) == GoldenFixture.expectedCSV("retention-by-signup-month.csv"))
    }

    @Test("o switches the triangle to orders")
    func orders() throws {
        let bench = try Bench(columns: 80, rows: 12)
        bench.press("t o")
        #expect(bench.render().line(1).hasPrefix("Retention by signup month: share of customers with an order"))
        #expect(bench.render().line(3) == "2012-01     │        4      4 ▁▅▅▃   0.0000 0.5000 0.5000 0.2500")
        bench.press("t")
        #expect(bench.render().line(1).hasPrefix("Cohorts by signup-month"))
    }

    @Test("Enter lists the cohort's customers")
    func drillDown() throws {
        let bench = try Bench(columns: 100, rows: 12)
        bench.press("j Enter")
        #expect(bench.lines(0...5) == """
             dotwork  1 Cohorts  › Customers  2 Pivot  3 Customers
            Customers of cohort 2012-02 by signup-month: 3 customers
            customer_id│name         email              region        country channel signup_date tier
            C03        │Carla Ortiz  Home@Ortiz.Example Midlands      GB      web     2012-02-03  creator
            C05        │Quentin Hale quiet5@example.com Midlands      GB      web     2012-02-20  joiner
            C10        │Leah Marsh   leap@example.com   Île-de-France FR      web     2012-02-29  joiner
            """)
        #expect(bench.app.currentScreen.exportName == "customers-signup-month-2012-02")
        bench.press("q")
        #expect(bench.render().line(1).hasPrefix("Cohorts by signup-month"))
        #expect(bench.app.currentScreen.pane.table?.selectedRow == 1)
    }

    @Test("Enter on the total row explains instead")
    func totalRow() throws {
        let bench = try Bench()
        bench.press("G Enter")
        #expect(bench.app.stacks[0].count == 1)
        #expect(bench.app.status.current?.text == "the total row holds every cohort; choose one cohort to list its customers")
    }
}
