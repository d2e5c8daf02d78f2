import Foundation
import Warehouse

@testable import Expressions

/// A fresh folder under the system's temporary directory, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() {
        let base = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-expression-tests")
        path = (base as NSString).appendingPathComponent(UUID().uuidString)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }
}

/// A small warehouse whose every figure was worked out by hand, for as-of date 2011-06-30.
///
/// | customer | region | signup | tier | spend | orders | days since order / any event |
/// |---|---|---|---|---|---|---|
/// | C1 | EU | 2011-01-10 | critic (review; a later post does not count) | 10.00 | 1 (+1 return) | 29 / 1 |
/// | C2 | missing | missing | spectator (view) | 250.50 | 1 (+1 after as-of) | 149 / 60 |
/// | C3 | US | 2011-06-30 | joiner (login on the as-of day) | 0 (void order) | 0 | missing / 0 |
/// | C4 | EU | 2011-07-01, after as-of: never counted | | | | |
/// | C5 | APAC | 2010-12-31 | spectator (member with no dates) | 4.95 | 1 | 60 / missing |
/// | C6 | EU | missing | none (its member's only event is after as-of) | 0 | 0 | missing / missing |
struct Fixture {
    static let asOf = CivilDate(iso: "2011-06-30")!
    /// Every customer the as-of date lets in.
    static let visibleCustomers = ["C1", "C2", "C3", "C5", "C6"]

    let folder = TemporaryFolder()
    let warehouse: Warehouse

    init() throws {
        warehouse = try Warehouse.create(at: folder.file("fixture.db"), currency: .default).warehouse
        let database = warehouse.database

        let attributeTypes = [("loyalty_points", "number"), ("birthday", "date"), ("segment", "text")]
        for (name, type) in attributeTypes {
            try database.execute("INSERT INTO attribute_types (name, type) VALUES (?, ?)", [name, type])
        }

        let customers: [(String, String?, String?, String?, String?, String)] = [
            ("C1", "EU", "FR", "web", "2011-01-10", #"{"loyalty_points": 120, "birthday": "1980-02-29", "segment": "gold"}"#),
            ("C2", nil, "US", "", nil, #"{"loyalty_points": 5.5, "segment": "silver"}"#),
            ("C3", "US", nil, "store", "2011-06-30", "{}"),
            ("C4", "EU", "FR", "web", "2011-07-01", #"{"loyalty_points": "many"}"#),
            ("C5", "APAC", "JP", nil, "2010-12-31", #"{"birthday": "1975-12-01", "segment": "", "loyalty_points": "12"}"#),
            ("C6", "EU", "", nil, nil, "{}"),
        ]
        for (id, region, country, channel, signup, attributes) in customers {
            try database.execute(
                "INSERT INTO customers (customer_id, region, country, channel, signup_date, attributes) VALUES (?, ?, ?, ?, ?, ?)",
                [id, region, country, channel, signup, attributes])
        }

        let products: [(String, String, Bool)] = [
            ("KIN-ONE", "Phones", true), ("CASE", "Accessories", true), ("WP-7", "Windows Phone", true),
            ("POSTAGE", "Fees", false),
        ]
        for (sku, category, merchandise) in products {
            try database.execute(
                "INSERT INTO products (sku, category, merchandise) VALUES (?, ?, ?)", [sku, category, merchandise])
        }

        let members: [(String, String, String?)] = [
            ("forum", "m1", "2011-01-01T10:00:00Z"), ("forum", "m2", nil), ("forum", "m3", "2011-08-01T00:00:00Z"),
            ("forum", "m4", nil), ("shop", "m5", ""), ("forum", "m6", nil),
        ]
        for (source, member, joinedAt) in members {
            try database.execute(
                "INSERT INTO members (source, member_id, joined_at) VALUES (?, ?, ?)", [source, member, joinedAt])
        }
        let links = [
            ("forum", "m1", "C1"), ("forum", "m2", "C2"), ("forum", "m3", "C3"), ("forum", "m4", "C5"),
            ("forum", "m4", "C1"), ("shop", "m5", "C3"), ("forum", "m6", "C6"),
        ]
        for (source, member, customer) in links {
            try database.execute(
                "INSERT INTO member_links (source, member_id, customer_id) VALUES (?, ?, ?)", [source, member, customer])
        }
        let events = [
            ("forum", "e1", "m1", "2011-06-01T08:00:00Z", "view"),
            ("forum", "e2", "m1", "2011-06-29T23:59:59Z", "review"),
            ("forum", "e3", "m1", "2011-07-02T00:00:00Z", "post"),
            ("forum", "e4", "m2", "2011-05-01T12:00:00Z", "view"),
            ("shop", "e5", "m5", "2011-06-30T12:00:00Z", "login"),
            ("forum", "e6", "m6", "2011-07-01T00:00:00Z", "post"),
        ]
        for (source, event, member, occurredAt, kind) in events {
            try database.execute(
                "INSERT INTO events (source, event_id, member_id, occurred_at, kind) VALUES (?, ?, ?, ?, ?)",
                [source, event, member, occurredAt, kind])
        }

        let orders = [
            ("O1", "C1", "2011-06-01T10:00:00Z", "ok"), ("O2", "C1", "2011-06-15T09:00:00Z", "return"),
            ("O3", "C2", "2011-02-01T10:00:00Z", "ok"), ("O4", "C2", "2011-07-05T10:00:00Z", "ok"),
            ("O5", "C3", "2011-06-30T23:00:00Z", "void"), ("O6", "C5", "2011-05-01T10:00:00Z", "ok"),
            ("O7", "", "2011-06-01T10:00:00Z", "ok"),
        ]
        for (order, customer, orderedAt, status) in orders {
            try database.execute(
                "INSERT INTO orders (order_id, customer_id, ordered_at, status) VALUES (?, ?, ?, ?)",
                [order, customer, orderedAt, status])
        }
        let lines: [(String, Int, String, Int, Int)] = [
            ("O1", 1, "KIN-ONE", 1, 19_900), ("O1", 2, "CASE", 2, 1_000), ("O2", 1, "KIN-ONE", -1, -19_900),
            ("O3", 1, "WP-7", 1, 25_050), ("O4", 1, "KIN-ONE", 1, 19_900), ("O5", 1, "KIN-ONE", 1, 19_900),
            ("O6", 1, "POSTAGE", 1, 495), ("O7", 1, "KIN-ONE", 1, 19_900),
        ]
        for (order, lineNumber, sku, quantity, total) in lines {
            try database.execute(
                """
                INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents, line_total_cents)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [order, lineNumber, sku, quantity, quantity == 0 ? 0 : total / quantity, total])
        }
    }

    /// Returns the ids of the customers that `source` selects, through the SQL compiler.
    func customers(_ source: String, asOf: CivilDate = Fixture.asOf) throws -> [String] {
        let catalog = try WarehouseCatalog(warehouse: warehouse)
        let output = Checker.check(source, catalog: catalog)
        guard let condition = output.condition else {
            throw FixtureError.invalidExpression(source, positionedIDs(output.diagnostics))
        }
        let query = SQLCompiler(asOf: asOf).customerQuery(condition)
        return try warehouse.database.query(query.sql, query.arguments) { $0.text(0) }
    }
}

enum FixtureError: Error {
    case invalidExpression(String, [String])
}
