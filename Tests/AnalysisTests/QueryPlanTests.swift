import Expressions
import Foundation
import Testing
import Warehouse

@testable import Analysis

/// The SQL reference must stay usable on a real warehouse: its hot subqueries have to search
/// an index rather than scan a large table once per outer row.
@Suite("Query plans")
struct QueryPlanTests {
    func plan(_ database: Database, _ sql: String, _ arguments: [SQLBindable]) throws -> [String] {
        try database.query("EXPLAIN QUERY PLAN " + sql, arguments) { $0.text(3) }
    }

    @Test("the ladder searches each member's events by index")
    func ladder() throws {
        let golden = try GoldenWarehouse()
        let sql = "WITH \(Ladder.memberTiersCTE), \(Ladder.customerTiersCTE) SELECT tier, count(*) FROM customer_tiers GROUP BY tier"
        let details = try plan(golden.database, sql, Ladder.arguments(asOf: GoldenWarehouse.asOf))
        #expect(details.contains { $0.contains("SEARCH e USING COVERING INDEX events_by_member") }, "\(details)")
        #expect(details.contains { $0.contains("SEARCH l USING") }, "\(details)")
        #expect(!details.contains { $0 == "SCAN e" }, "\(details)")
    }

    @Test("a filter's functions search by customer and member")
    func filterFunctions() throws {
        let golden = try GoldenWarehouse()
        let checked = Checker.check(
            "count(review, 30 days) > 0 and spend(90 days) > 10 and orders() > 0",
            catalog: try WarehouseCatalog(warehouse: golden.warehouse))
        let fragment = SQLCompiler(asOf: GoldenWarehouse.asOf).customerQuery(try #require(checked.condition))
        let details = try plan(golden.database, fragment.sql, fragment.arguments)
        #expect(details.contains { $0.contains("member_links_by_customer") }, "\(details)")
        #expect(details.contains { $0.contains("events_by_member") }, "\(details)")
        #expect(details.contains { $0.contains("orders_by_customer") }, "\(details)")
        #expect(!details.contains { $0 == "SCAN x_e" || $0 == "SCAN x_o" }, "\(details)")
    }
}
