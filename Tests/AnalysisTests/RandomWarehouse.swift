import Foundation
import Warehouse

@testable import Analysis

/// A seeded random warehouse with every edge the figures care about: guests, voids,
/// returns, mixed orders, members linked to several customers, unlinked members, customers
/// without signup dates or regions, signups after the as-of date, unknown SKUs, events of
/// every kind before and after the as-of date.
final class RandomWarehouse {
    let directory: String
    let warehouse: Warehouse
    private var state: UInt64

    init(seed: UInt64, customers: Int = 300) throws {
        state = seed
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-random-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        warehouse = try Warehouse.create(at: directory + "/warehouse.db", currency: .default).warehouse
        try fill(customers: customers)
        try AnalysisEngine.refresh(warehouse)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// SplitMix64.
    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    func pick<T>(_ values: [T]) -> T {
        values[below(values.count)]
    }

    func day(_ first: String, span: Int) -> CivilDate {
        CivilDate(iso: first)!.adding(days: below(span))
    }

    func timestamp(_ date: CivilDate) -> String {
        UTCTimestamp(date: date, hour: below(24), minute: below(60), second: below(60)).stored
    }

    private func fill(customers customerCount: Int) throws {
        let database = warehouse.database
        let regions: [String?] = ["North", "Midlands", "Île-de-France", nil]
        let skus = (0..<12).map { "SKU-\($0)" }
        try database.writeTransaction {
            for (index, sku) in skus.enumerated() {
                try database.execute(
                    "INSERT INTO products (sku, category, retail_price_cents, merchandise) VALUES (?, ?, ?, ?)",
                    [sku, index % 4 == 3 ? nil : pick(["Phones", "Cases", "Cables"]), 1000 + index, index != 5])
            }
            for index in 0..<customerCount {
                let id = String(format: "C%04d", index)
                let signup = below(10) == 0 ? nil : day("2010-01-01", span: 800).iso
                let email = "user\(index % (customerCount - 20))@example.com"
                try database.execute(
                    """
                    INSERT INTO customers (customer_id, name, email, region, country, channel, signup_date, opt_out, email_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [id, "Name \(index)", email, pick(regions), pick(["GB", "FR", nil]), pick(["web", "store", nil]), signup,
                     below(15) == 0, email])
            }
            let kinds = ["view", "view", "view", "join", "login", "rate", "review", "comment", "post", "share"]
            for index in 0..<(customerCount * 3 / 2) {
                let memberID = "m\(index)"
                let linked = below(10) < 7
                let provider = linked ? pick(["email", "customer"]) : "twitter"
                let external = provider == "email" ? "user\(below(customerCount))@example.com"
                    : provider == "customer" ? String(format: "C%04d", below(customerCount)) : "@nobody\(index)"
                let joined = below(3) == 0 ? nil : timestamp(day("2010-01-01", span: 900))
                try database.execute(
                    "INSERT INTO members (source, member_id, joined_at, provider, external_id, match_key) VALUES (?, ?, ?, ?, ?, ?)",
                    ["forum", memberID, joined, provider, external, external])
                for event in 0..<below(12) {
                    try database.execute(
                        "INSERT INTO events (source, event_id, member_id, occurred_at, kind, sku) VALUES (?, ?, ?, ?, ?, ?)",
                        ["forum", "\(memberID)-\(event)", memberID, timestamp(day("2010-01-01", span: 900)), pick(kinds),
                         below(3) == 0 ? pick(skus + ["UNKNOWN"]) : nil])
                }
            }
            try database.execute("INSERT OR IGNORE INTO products (sku) VALUES ('UNKNOWN')")
            for index in 0..<(customerCount * 2) {
                let orderID = "O\(index)"
                let customer = below(8) == 0 ? nil : String(format: "C%04d", below(customerCount))
                let status = below(20) == 0 ? "void" : "ok"
                try database.execute(
                    "INSERT INTO orders (order_id, customer_id, ordered_at, channel, country, status) VALUES (?, ?, ?, ?, ?, ?)",
                    [orderID, customer, timestamp(day("2010-01-01", span: 900)), pick(["web", "phone", nil]), pick(["GB", "DE", nil]),
                     status])
                let isReturn = below(10) == 0
                for line in 0..<below(4) {
                    let quantity = isReturn ? -(1 + below(2)) : (below(8) == 0 ? -1 : 1 + below(3))
                    let price = 100 + below(5000)
                    try database.execute(
                        "INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents, line_total_cents) VALUES (?, ?, ?, ?, ?, ?)",
                        [orderID, line + 1, pick(skus), quantity, price, quantity * price])
                }
            }
            try database.execute(
                """
                UPDATE orders SET status = 'return'
                 WHERE status = 'ok' AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.order_id)
                   AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.order_id AND l.quantity >= 0)
                """)
            try IdentityLinks.rebuild(database)
            try database.execute("UPDATE settings SET value = '1' WHERE key = 'generation'")
        }
    }
}
