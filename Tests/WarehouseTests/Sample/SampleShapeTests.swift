import Foundation
import Testing

@testable import Warehouse

/// Checks the shape of `--customers 2000 --seed 1`, with tolerances wide enough for a small
/// sample's noise.
@Suite("Sample shape")
struct SampleShapeTests {
    let database: Database

    init() throws {
        database = try SampleFixture.warehouse().database
    }

    func integer(_ sql: String) throws -> Int {
        Int(try database.scalarInteger(sql) ?? 0)
    }

    /// `part` as per mille of `whole`.
    func perMille(_ part: String, of whole: String) throws -> Int {
        try integer(part) * 1_000 / max(try integer(whole), 1)
    }

    struct Ratio: CustomTestStringConvertible, Sendable {
        let id: String
        let sql: String
        /// Per mille of the customers, or of the base query when `base` is set.
        let range: ClosedRange<Int>
        var base = "SELECT count(*) FROM customers"

        var testDescription: String { id }
    }

    static let ratios: [Ratio] = [
        Ratio(id: "members per customer", sql: "SELECT count(*) FROM members", range: 1_400...1_600),
        Ratio(id: "events per customer", sql: "SELECT count(*) FROM events", range: 16_000...24_000),
        Ratio(id: "orders per customer", sql: "SELECT count(*) FROM orders", range: 1_700...2_300),
        Ratio(id: "lines per customer", sql: "SELECT count(*) FROM order_lines", range: 4_300...5_700),
        Ratio(
            id: "linked members", sql: "SELECT count(*) FROM (SELECT DISTINCT source, member_id FROM member_links)",
            range: 400...500, base: "SELECT count(*) FROM members"),
        Ratio(
            id: "view events", sql: "SELECT count(*) FROM events WHERE kind = 'view'", range: 660...740,
            base: "SELECT count(*) FROM events"),
        Ratio(
            id: "join and login events", sql: "SELECT count(*) FROM events WHERE kind IN ('join', 'login')",
            range: 120...180, base: "SELECT count(*) FROM events"),
        Ratio(
            id: "critic events", sql: "SELECT count(*) FROM events WHERE kind IN ('rate', 'review', 'comment', 'share')",
            range: 90...150, base: "SELECT count(*) FROM events"),
        Ratio(
            id: "post events", sql: "SELECT count(*) FROM events WHERE kind = 'post'", range: 15...45,
            base: "SELECT count(*) FROM events"),
        Ratio(
            id: "guest orders", sql: "SELECT count(*) FROM orders WHERE customer_id IS NULL", range: 50...110,
            base: "SELECT count(*) FROM orders"),
        Ratio(
            id: "returns", sql: "SELECT count(*) FROM orders WHERE status = 'return'", range: 10...60,
            base: "SELECT count(*) FROM orders"),
        Ratio(
            id: "voids", sql: "SELECT count(*) FROM orders WHERE status = 'void'", range: 5...30,
            base: "SELECT count(*) FROM orders"),
        Ratio(id: "opt-outs", sql: "SELECT count(*) FROM customers WHERE opt_out = 1", range: 40...110),
        Ratio(id: "missing regions", sql: "SELECT count(*) FROM customers WHERE region IS NULL", range: 15...50),
        Ratio(id: "no signup date", sql: "SELECT count(*) FROM customers WHERE signup_date IS NULL", range: 5...15),
    ]

    @Test("ratios within tolerance", arguments: ratios)
    func ratio(_ ratio: Ratio) throws {
        let value = try perMille(ratio.sql, of: ratio.base)
        #expect(ratio.range.contains(value), "\(ratio.id): \(value) per mille, expected \(ratio.range)")
    }

    @Test("retail price above unit cost")
    func margins() throws {
        #expect(try integer("SELECT count(*) FROM products") > 30)
        #expect(try integer("SELECT count(*) FROM products WHERE retail_price_cents <= unit_cost_cents") == 0)
        #expect(try integer("SELECT count(*) FROM products WHERE merchandise = 0") == 3)
        #expect(try integer("SELECT count(*) FROM products WHERE merchandise = 0 AND category != 'Fees'") == 0)
    }

    @Test("ratings only on bought products")
    func ratings() throws {
        #expect(try integer("SELECT count(*) FROM events WHERE kind IN ('rate', 'review')") > 500)
        #expect(try integer("SELECT count(*) FROM events WHERE rating IS NOT NULL AND kind NOT IN ('rate', 'review')") == 0)
        #expect(try integer("SELECT count(*) FROM events WHERE kind IN ('rate', 'review') AND (rating NOT BETWEEN 1 AND 5 OR sku IS NULL)") == 0)
        let unbought = try integer(
            """
            SELECT count(*) FROM events e
             WHERE e.kind IN ('rate', 'review')
               AND NOT EXISTS (
                   SELECT 1 FROM member_links k
                     JOIN orders o ON o.customer_id = k.customer_id AND o.status != 'void' AND o.ordered_at <= e.occurred_at
                     JOIN order_lines l ON l.order_id = o.order_id AND l.sku = e.sku AND l.quantity > 0
                    WHERE k.source = e.source AND k.member_id = e.member_id)
            """)
        #expect(unbought == 0)
    }

    @Test("dates within 2009 to 2011")
    func dates() throws {
        let checks = [
            "SELECT count(*) FROM orders WHERE ordered_at NOT BETWEEN '2009-01-01T00:00:00Z' AND '2011-12-31T23:59:59Z'",
            "SELECT count(*) FROM events WHERE occurred_at NOT BETWEEN '2009-01-01T00:00:00Z' AND '2011-12-31T23:59:59Z'",
            "SELECT count(*) FROM members WHERE joined_at NOT BETWEEN '2009-01-01T00:00:00Z' AND '2011-12-31T23:59:59Z'",
            "SELECT count(*) FROM customers WHERE signup_date NOT BETWEEN '2009-01-01' AND '2011-12-31'",
            "SELECT count(*) FROM orders WHERE ordered_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'",
            "SELECT count(*) FROM events WHERE occurred_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'",
        ]
        for sql in checks {
            #expect(try integer(sql) == 0, "\(sql)")
        }
    }

    @Test("feeds end within a week")
    func feedEnds() throws {
        let asOf = try AsOf.resolve(database)
        #expect(asOf.warning == nil)
        #expect((asOf.feedGapDays ?? 99) <= AsOf.feedGapLimit)
        #expect(asOf.date?.year == 2011)
    }

    @Test("order status follows the lines")
    func orderStatus() throws {
        #expect(try integer("SELECT count(*) FROM orders o WHERE status = 'return' AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.order_id AND l.quantity >= 0)") == 0)
        #expect(try integer("SELECT count(*) FROM orders o WHERE status = 'ok' AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.order_id AND l.quantity >= 0)") == 0)
        #expect(try integer("SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.order_id)") == 0)
        #expect(try integer("SELECT count(*) FROM order_lines WHERE line_total_cents != quantity * unit_price_cents") == 0)
        let exchanges = try integer(
            "SELECT count(*) FROM orders o WHERE status = 'ok' AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.order_id AND l.quantity < 0)")
        #expect(exchanges > 0)
    }

    @Test("Christmas is the busiest season")
    func seasonality() throws {
        for year in 2009...2011 {
            let december = try integer("SELECT count(*) FROM orders WHERE ordered_at LIKE '\(year)-12-%'")
            let year = try integer("SELECT count(*) FROM orders WHERE ordered_at LIKE '\(year)-%'")
            #expect(december * 12 > year * 3 / 2, "December has \(december) of \(year) orders")
        }
    }

    @Test("spending is skewed")
    func skew() throws {
        let spends = try database.query(
            """
            SELECT sum(l.line_total_cents) FROM orders o JOIN order_lines l ON l.order_id = o.order_id
             WHERE o.customer_id IS NOT NULL AND o.status != 'void' GROUP BY o.customer_id ORDER BY 1 DESC
            """) { $0.integer(0) }
        let total = spends.reduce(0, +)
        let top = spends.prefix(SampleFixture.sampleDataCustomers / 10).reduce(0, +)
        #expect(top * 100 > total * 35, "the top tenth of customers spend \(top) of \(total)")
    }

    @Test("engaged members spend more")
    func engagementAndSpending() throws {
        let spend = { (condition: String) throws -> Int in
            try self.integer(
                """
                SELECT avg(coalesce((SELECT sum(l.line_total_cents) FROM orders o JOIN order_lines l ON l.order_id = o.order_id
                                      WHERE o.customer_id = c.customer_id AND o.status != 'void'), 0))
                  FROM customers c WHERE \(condition)
                """)
        }
        let creators = try spend(
            "EXISTS (SELECT 1 FROM member_links k JOIN events e ON e.source = k.source AND e.member_id = k.member_id AND e.kind = 'post' WHERE k.customer_id = c.customer_id)")
        let outsiders = try spend("NOT EXISTS (SELECT 1 FROM member_links k WHERE k.customer_id = c.customer_id)")
        #expect(creators > outsiders * 3 / 2, "creators spend \(creators), customers without members \(outsiders)")
    }

    @Test("identity rules link written variants")
    func identityVariants() throws {
        #expect(try integer("SELECT count(*) FROM customer_identities WHERE external_id LIKE '%.0'") > 0)
        #expect(try integer("SELECT count(*) FROM members WHERE provider = 'email' AND external_id != match_key") > 0)
        #expect(try integer("SELECT count(*) FROM members WHERE provider = 'customer'") > 0)
        let styledLinked = try integer(
            """
            SELECT count(*) FROM members m WHERE provider = 'email' AND external_id != match_key
               AND EXISTS (SELECT 1 FROM member_links k WHERE k.source = m.source AND k.member_id = m.member_id)
            """)
        #expect(styledLinked > 0)
        #expect(try integer("SELECT count(*) FROM (SELECT source, member_id FROM member_links GROUP BY 1, 2 HAVING count(*) > 1)") > 0)
        for provider in ["facebook", "twitter", "email"] {
            let linked = try integer(
                """
                SELECT count(*) FROM members m WHERE provider = '\(provider)'
                   AND EXISTS (SELECT 1 FROM member_links k WHERE k.source = m.source AND k.member_id = m.member_id)
                """)
            #expect(linked > 100, "\(provider) links \(linked) members")
        }
    }

    @Test("ids are text and attributes are typed")
    func storedForms() throws {
        #expect(try integer("SELECT count(*) FROM customers WHERE typeof(customer_id) != 'text'") == 0)
        #expect(try integer("SELECT count(*) FROM events WHERE typeof(event_id) != 'text' OR typeof(member_id) != 'text'") == 0)
        let types = try database.query("SELECT name, type FROM attribute_types ORDER BY name") { "\($0.text(0))=\($0.text(1))" }
        #expect(types == ["birthday=date", "loyalty_number=text", "loyalty_points=number"])
        #expect(try integer("SELECT count(*) FROM customers WHERE json_type(attributes, '$.loyalty_points') = 'integer'") > 300)
        #expect(try integer("SELECT count(*) FROM customers WHERE attributes ->> 'birthday' IS NOT NULL") > 1_000)
    }
}
