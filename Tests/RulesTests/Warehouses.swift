import Analysis
import Expressions
import Foundation
import Warehouse

@testable import Rules

/// A warehouse for rule tests with two engines over it: one on the snapshot and one on the
/// SQL reference, made before the snapshot existed.
final class RuleWarehouse {
    let folder = TemporaryFolder()
    let warehouse: Warehouse
    let fast: AnalysisEngine
    let reference: AnalysisEngine
    let asOf: CivilDate

    /// Builds the warehouse with `fill`, then opens the reference engine, writes the snapshot
    /// and opens the fast engine.
    init(asOf: CivilDate, fill: (Warehouse) throws -> Void) throws {
        self.asOf = asOf
        warehouse = try Warehouse.create(at: folder.file("warehouse.db"), currency: .default).warehouse
        try fill(warehouse)
        reference = try AnalysisEngine(warehouse: warehouse)
        try AnalysisEngine.refresh(warehouse)
        fast = try AnalysisEngine(warehouse: warehouse)
        precondition(!reference.isFast && fast.isFast, "one engine on SQL and one on the snapshot")
    }

    static let goldenFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden").path

    /// Loads the hand-worked warehouse of Tests/Golden through the real importer.
    static func golden() throws -> RuleWarehouse {
        try RuleWarehouse(asOf: CivilDate(iso: "2012-04-20")!) { warehouse in
            try FolderImport.run(folder: goldenFolder, into: warehouse)
        }
    }

    /// Checks `text` against this warehouse's catalog.
    func check(_ text: String) throws -> RuleChecker.Output {
        RuleChecker(catalog: try WarehouseCatalog(warehouse: warehouse)).check(text)
    }

    /// Returns the ids the SQL compiler's customer query selects, without customers who opted
    /// out: the hits of a rule computed apart from the preview and the engines.
    func referenceHits(_ rule: Rule) throws -> [String] {
        let query = SQLCompiler(asOf: asOf).customerQuery(rule.condition)
        let optedOut = Set(try warehouse.database.query("SELECT customer_id FROM customers WHERE opt_out = 1") { $0.text(0) })
        return try warehouse.database.query(query.sql, query.arguments) { $0.text(0) }.filter { !optedOut.contains($0) }
    }
}

/// A seeded random warehouse with the names the rule corpus uses (SKUs, categories,
/// attributes) and every edge a rule meets: opt-outs, missing regions, signup dates and
/// attributes, guests, voids, returns, shared and unlinked members, activity after the as-of
/// date.
enum GeneratedWarehouse {
    static let asOf = CivilDate(iso: "2012-04-20")!

    static func make(seed: UInt64, customers: Int = 400) throws -> RuleWarehouse {
        var random = SplitMix64(state: seed)
        return try RuleWarehouse(asOf: asOf) { warehouse in
            try fill(warehouse.database, customers: customers, random: &random)
        }
    }

    private static func fill(_ database: Database, customers: Int, random: inout SplitMix64) throws {
        let products: [(String, String?, Bool)] = [
            ("KIN-ONE", "Phones", true), ("CASE", "Accessories", true), ("MUG", "Merch", true), ("TEE", "Merch", true),
            ("POSTAGE", "Fees", false), ("KIN-TWO", nil, true),
        ]
        func day(_ span: Int) -> CivilDate { CivilDate(iso: "2011-10-01")!.adding(days: random.below(span)) }
        func time(_ date: CivilDate) -> String { date.iso + "T" + String(format: "%02d:%02d:00Z", random.below(24), random.below(60)) }
        try database.writeTransaction {
            for (sku, category, merchandise) in products {
                try database.execute(
                    "INSERT INTO products (sku, category, merchandise) VALUES (?, ?, ?)", [sku, category, merchandise])
            }
            for (name, type) in [("loyalty_points", "number"), ("birthday", "date"), ("segment", "text")] {
                try database.execute("INSERT INTO attribute_types (name, type) VALUES (?, ?)", [name, type])
            }
            for index in 0..<customers {
                var attributes: [String] = []
                if random.below(4) > 0 { attributes.append("\"loyalty_points\": \(random.below(400))") }
                if random.below(3) > 0 { attributes.append("\"birthday\": \"\(CivilDate(iso: "1960-01-01")!.adding(days: random.below(15_000)).iso)\"") }
                if random.below(3) > 0 { attributes.append("\"segment\": \"\(random.pick(["gold", "silver", "bronze"]))\"") }
                try database.execute(
                    """
                    INSERT INTO customers (customer_id, name, region, country, channel, signup_date, opt_out, attributes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [String(format: "C%04d", index), "Customer \(index)", random.pick(["North", "Midlands", "Île-de-France", nil]),
                     random.pick(["GB", "FR", nil]), random.pick(["web", "store", "partner", nil]),
                     random.below(10) == 0 ? nil : day(240).iso, random.below(12) == 0, "{" + attributes.joined(separator: ", ") + "}"])
            }
            let kinds = ["view", "view", "view", "join", "login", "rate", "review", "comment", "post", "share"]
            for index in 0..<(customers * 3 / 2) {
                let member = "m\(index)"
                let joined = random.below(3) == 0 ? nil : time(day(220))
                try database.execute(
                    "INSERT INTO members (source, member_id, joined_at) VALUES (?, ?, ?)", ["forum", member, joined])
                if random.below(10) < 8 {
                    for _ in 0..<(1 + (random.below(6) == 0 ? 1 : 0)) {
                        try database.execute(
                            "INSERT OR IGNORE INTO member_links (source, member_id, customer_id) VALUES (?, ?, ?)",
                            ["forum", member, String(format: "C%04d", random.below(customers))])
                    }
                }
                for event in 0..<random.below(10) {
                    try database.execute(
                        "INSERT INTO events (source, event_id, member_id, occurred_at, kind) VALUES (?, ?, ?, ?, ?)",
                        ["forum", "\(member)-\(event)", member, time(day(220)), random.pick(kinds)])
                }
            }
            for index in 0..<(customers * 2) {
                let order = "O\(index)"
                let customer = random.below(8) == 0 ? nil : String(format: "C%04d", random.below(customers))
                let isReturn = random.below(10) == 0
                try database.execute(
                    "INSERT INTO orders (order_id, customer_id, ordered_at, status) VALUES (?, ?, ?, ?)",
                    [order, customer, time(day(220)), isReturn ? "return" : (random.below(20) == 0 ? "void" : "ok")])
                for line in 0..<(1 + random.below(3)) {
                    let quantity = isReturn ? -1 : (random.below(10) == 0 ? -1 : 1 + random.below(3))
                    let price = 100 + random.below(20_000)
                    try database.execute(
                        """
                        INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents, line_total_cents)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                        [order, line + 1, random.pick(products).0, quantity, price, quantity * price])
                }
            }
            try database.execute("UPDATE settings SET value = '1' WHERE key = 'generation'")
        }
    }
}

/// SplitMix64, a small seeded generator, so generated warehouses are the same on every run.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    mutating func pick<T>(_ values: [T]) -> T {
        values[below(values.count)]
    }
}
