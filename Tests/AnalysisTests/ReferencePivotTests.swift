import Foundation
import Testing
import Text
import Warehouse

@testable import Analysis

@Suite("Reference pivot")
struct ReferencePivotTests {
    /// An expected pivot file and the arguments its name encodes.
    struct GoldenPivot: Sendable, CustomTestStringConvertible {
        let file: String
        let rows: String
        let columns: String
        let measure: String
        var testDescription: String { file }
    }

    /// The pivot files without `--where`; filtered ones need the expression compiler.
    static func goldenPivots() throws -> [GoldenPivot] {
        try GoldenWarehouse.expectedFiles(prefix: "pivot--").filter { !$0.contains("--where") }.map { file in
            let parts = file.dropLast(4).components(separatedBy: "--")
            let rows = String(parts[1].dropFirst("rows-".count))
            let columns = String(parts[2].dropFirst("cols-".count))
            var measure = String(parts[3].dropFirst("measure-".count))
            if measure.hasPrefix("events-") {
                measure = "events:" + measure.dropFirst("events-".count)
            }
            return GoldenPivot(file: file, rows: rows, columns: columns, measure: measure)
        }
    }

    @Test("every golden pivot matches the hand-worked file", arguments: try goldenPivots())
    func golden(_ pivot: GoldenPivot) throws {
        let golden = try GoldenWarehouse()
        let plan = try PivotPlan(
            rows: PivotDimension(rawValue: pivot.rows)!, columns: PivotDimension(rawValue: pivot.columns)!,
            measure: Measure(name: pivot.measure)!)
        let result = try ReferencePivot(database: golden.database).run(plan, asOf: GoldenWarehouse.asOf)
        #expect(try csvText(result.csvRecords()) == GoldenWarehouse.expected(pivot.file))
    }

    @Test("the golden files cover every fact")
    func coverage() throws {
        let facts = Set(try ReferencePivotTests.goldenPivots().map { pivot in
            try PivotPlan(
                rows: PivotDimension(rawValue: pivot.rows)!, columns: PivotDimension(rawValue: pivot.columns)!,
                measure: Measure(name: pivot.measure)!
            ).fact
        })
        #expect(facts == [.customers, .members, .events, .orders, .orderLines])
    }
}

@Suite("Pivot plan")
struct PivotPlanTests {
    @Test("refused combinations", arguments: [
        ("event-month", "tier", "revenue"),
        ("member-tier", "tier", "aov"),
        ("order-month", "tier", "events"),
        ("event-kind", "order-channel", "customers"),
        ("event-kind", "category", "revenue"),
        ("member-tier", "order-month", "customers"),
    ])
    func refused(_ rows: String, _ columns: String, _ measure: String) {
        #expect(throws: PivotPlan.Rejection.self) {
            _ = try PivotPlan(rows: PivotDimension(rawValue: rows)!, columns: PivotDimension(rawValue: columns)!, measure: Measure(name: measure)!)
        }
    }

    @Test("facts follow the matrix", arguments: [
        ("tier", "signup-month", "customers", Fact.customers),
        ("member-tier", "tier", "customers", .members),
        ("tier", "event-month", "customers", .events),
        ("sku", "tier", "customers", .orderLines),
        ("event-kind", "category", "events", .events),
        ("category", "tier", "members", .events),
        ("tier", "order-month", "revenue-per-buyer", .orders),
        ("tier", "order-month", "revenue", .orderLines),
        ("region", "tier", "buyer-share", .customers),
    ])
    func facts(_ rows: String, _ columns: String, _ measure: String, _ fact: Fact) throws {
        let plan = try PivotPlan(rows: PivotDimension(rawValue: rows)!, columns: PivotDimension(rawValue: columns)!, measure: Measure(name: measure)!)
        #expect(plan.fact == fact)
    }

    @Test("messages name the parts and suggest --where")
    func message() {
        let rejection = PivotPlan.Rejection.mixedFacts(community: "--rows event-month", sales: "--measure revenue")
        #expect(rejection.message.contains("--rows event-month"))
        #expect(rejection.help.contains("--where"))
        #expect(PivotPlan.Rejection.unknownEventKind("reveiw", suggestion: "review").help.contains("events:review"))
    }
}
