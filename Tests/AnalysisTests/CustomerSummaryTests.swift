import Expressions
import Foundation
import Testing
import Warehouse

@testable import Analysis

@Suite("Customer summaries")
struct CustomerSummaryTests {
    /// Worked by hand from the golden data at 2012-04-20. C03's last activity is forum 1002's
    /// comment of 2012-04-10, because its April order is a return and gallery 3 falls on
    /// 2012-04-21. C10's only order is void, so its last activity is the login of 2012-03-25.
    static let expected = [
        CustomerSummary(
            id: "C01", name: "Ada Finch", region: "North", tier: .creator, spend: 24_144,
            lastActivity: CivilDate(iso: "2012-04-20")),
        CustomerSummary(
            id: "C03", name: "Carla Ortiz", region: "Midlands", tier: .creator, spend: 0,
            lastActivity: CivilDate(iso: "2012-04-10")),
        CustomerSummary(id: "C05", name: "Quentin Hale", region: "Midlands", tier: .joiner, spend: 0, lastActivity: nil),
        CustomerSummary(
            id: "C07", name: "Omar Said", region: "Midlands", tier: .none, spend: 20_395,
            lastActivity: CivilDate(iso: "2012-04-11")),
        CustomerSummary(
            id: "C08", name: "Rita Rater", region: nil, tier: .critic, spend: 4_500,
            lastActivity: CivilDate(iso: "2012-04-20")),
        CustomerSummary(
            id: "C10", name: "Leah Marsh", region: "Île-de-France", tier: .joiner, spend: 0,
            lastActivity: CivilDate(iso: "2012-03-25")),
    ]

    /// The ids asked for: C13 signed up after the as-of date and C99 does not exist.
    static let ids = ["C01", "C03", "C05", "C07", "C08", "C10", "C13", "C99"]

    @Test("golden summaries from the snapshot")
    func goldenFast() throws {
        let golden = try GoldenWarehouse()
        try AnalysisEngine.refresh(golden.warehouse)
        let engine = try AnalysisEngine(warehouse: golden.warehouse)
        #expect(engine.isFast)
        #expect(try engine.customerSummaries(CustomerSummaryTests.ids, asOf: GoldenWarehouse.asOf) == CustomerSummaryTests.expected)
    }

    @Test("golden summaries from SQL")
    func goldenReference() throws {
        let golden = try GoldenWarehouse()
        let summaries = try ReferenceCustomerSummaries(database: golden.database).run(
            CustomerSummaryTests.ids, asOf: GoldenWarehouse.asOf)
        #expect(summaries == CustomerSummaryTests.expected)
    }

    @Test("fast summaries equal SQL on generated data", arguments: ["2011-08-31", "2010-05-15"])
    func agreement(asOfText: String) throws {
        let random = try RandomWarehouse(seed: 9)
        let asOf = CivilDate(iso: asOfText)!
        let ids = try random.warehouse.database.query("SELECT customer_id FROM customers ORDER BY customer_id") { $0.text(0) }
        let engine = try AnalysisEngine(warehouse: random.warehouse)
        let fast = try engine.customerSummaries(ids, asOf: asOf)
        let reference = try ReferenceCustomerSummaries(database: random.warehouse.database).run(ids, asOf: asOf)
        #expect(fast.count > 50)
        #expect(fast.count < ids.count)
        #expect(fast == reference)
    }
}
