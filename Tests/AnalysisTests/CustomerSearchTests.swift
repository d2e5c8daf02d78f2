import Foundation
import Testing
import Warehouse

@testable import Analysis

@Suite("Customer search")
struct CustomerSearchTests {
    /// A warehouse of customers whose names and ids exercise case, accents and leading zeros.
    final class People {
        let directory: String
        let warehouse: Warehouse

        init() throws {
            directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-search-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            warehouse = try Warehouse.create(at: directory + "/warehouse.db", currency: .default).warehouse
            let people: [(String, String, String?)] = [
                ("007", "Renée Dupont", "renee@example.fr"),
                ("0071", "Rene\u{301}e Martin", nil),
                ("070", "René Leroy", "RL@Example.com"),
                ("7", "Zoë Ortiz", "zoe@example.com"),
                ("A1", "ÉLODIE DURAND", "elodie@example.com"),
                ("A2", "Elodie Bernard", "e.bernard@example.com"),
            ]
            for (id, name, email) in people {
                try warehouse.database.execute("INSERT INTO customers (customer_id, name, email) VALUES (?, ?, ?)", [id, name, email])
            }
            try AnalysisEngine.refresh(warehouse)
        }

        deinit {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static let asOf = CivilDate(iso: "2012-01-01")!

    @Test("search cases", arguments: [
        ("00", ["007", "0071"]),
        ("007", ["007", "0071"]),
        ("07", ["070"]),
        ("7", ["7"]),
        ("renée", ["007", "0071"]),
        ("Rene\u{301}e", ["007", "0071"]),
        ("RENÉ", ["007", "0071", "070"]),
        // Only 007's email starts so; the names with é do not match e.
        ("rene", ["007"]),
        ("élodie", ["A1"]),
        ("elodie b", ["A2"]),
        ("durand", ["A1"]),
        ("rl@ex", ["070"]),
        ("zoë o", ["7"]),
        ("", []),
        ("nobody", []),
    ])
    func search(_ text: String, _ expected: [String]) throws {
        let people = try People()
        let engine = try AnalysisEngine(warehouse: people.warehouse)
        #expect(engine.isFast)
        #expect(try engine.searchCustomers(text, asOf: CustomerSearchTests.asOf).map(\.id) == expected, "\(text)")
    }

    @Test("the search without a snapshot finds the same customers")
    func searchWithoutSnapshot() throws {
        let people = try People()
        try people.warehouse.database.execute("UPDATE settings SET value = '5' WHERE key = 'generation'")
        let engine = try AnalysisEngine(warehouse: people.warehouse)
        #expect(!engine.isFast)
        #expect(try engine.searchCustomers("00", asOf: CustomerSearchTests.asOf).map(\.id) == ["007", "0071"])
        #expect(try engine.searchCustomers("RENÉ", asOf: CustomerSearchTests.asOf).map(\.id) == ["007", "0071", "070"])
        #expect(try engine.searchCustomers("Rene\u{301}e", asOf: CustomerSearchTests.asOf).map(\.id) == ["007", "0071"])
        #expect(try engine.searchCustomers("rene", asOf: CustomerSearchTests.asOf).map(\.id) == ["007"])
        #expect(try engine.searchCustomers("elodie b", asOf: CustomerSearchTests.asOf).map(\.id) == ["A2"])
    }

    @Test("page holds the first customers and the total")
    func page() throws {
        let people = try People()
        let engine = try AnalysisEngine(warehouse: people.warehouse)
        let page = try engine.searchCustomers("0", asOf: CustomerSearchTests.asOf, limit: 2)
        #expect(page.customers.map(\.id) == ["007", "0071"])
        #expect(page.customers.first?.name == "Renée Dupont")
        #expect(page.total == 3)
        #expect(!page.isComplete)
        #expect(try engine.searchCustomers("0", asOf: CustomerSearchTests.asOf, limit: 3).isComplete)
        #expect(try engine.searchCustomers("0", asOf: CustomerSearchTests.asOf, limit: 0).total == 3)
    }

    @Test("cancelled search stops with an error")
    func cancelled() throws {
        let people = try People()
        let engine = try AnalysisEngine(warehouse: people.warehouse)
        #expect(throws: CancellationError.self) {
            try engine.searchCustomers("0", asOf: CustomerSearchTests.asOf) { true }
        }
        var checks = 0
        let found = try engine.searchCustomers("0", asOf: CustomerSearchTests.asOf) {
            checks += 1
            return false
        }
        #expect(found.map(\.id) == ["007", "0071", "070"])
        #expect(checks > 0)
    }

    @Test("profile tiers equal the ladder's", arguments: ["2012-01-31", "2012-04-20"])
    func profileTiers(_ date: String) throws {
        let golden = try GoldenWarehouse()
        let engine = try AnalysisEngine(warehouse: golden.warehouse)
        let asOf = try #require(CivilDate(iso: date))
        let database = golden.warehouse.database
        let tiers = try Ladder.customerTiers(database, asOf: asOf)
        let ids = try database.query("SELECT customer_id FROM customers ORDER BY customer_id") { $0.text(0) }
        let end = UTCTimestamp(date: asOf.adding(days: 1)).stored
        let memberTiers = try database.query("WITH \(Ladder.memberTiersCTE) SELECT source || '/' || member_id, tier FROM member_tiers", [end]) {
            ($0.text(0), Tier(rawValue: $0.int(1)))
        }
        let tierOfMember = Dictionary(uniqueKeysWithValues: memberTiers)
        #expect(ids.count == 13)
        for id in ids {
            let profile = try #require(try engine.profile(of: id, asOf: asOf))
            #expect(profile.record.tier == tiers[id] ?? .none, "\(id)")
            for member in profile.members {
                #expect(member.tier == tierOfMember["\(member.source)/\(member.memberID)"] ?? nil, "\(id) \(member.source)/\(member.memberID)")
            }
        }
    }

    @Test("profile tier queries read one customer", arguments: [CustomerProfile.tierSQL, CustomerProfile.memberTiersSQL])
    func profileTierPlans(_ sql: String) throws {
        let golden = try GoldenWarehouse()
        let ladder = Ladder.arguments(asOf: GoldenWarehouse.asOf)
        let arguments: [SQLBindable] = sql == CustomerProfile.tierSQL ? ladder + ["C03"] : [ladder[0], "C03"]
        let plan = try golden.warehouse.database.query("EXPLAIN QUERY PLAN " + sql, arguments) { $0.text(3) }
        #expect(!plan.isEmpty)
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
    }

    @Test("the golden timeline of a customer with two members")
    func timeline() throws {
        let golden = try GoldenWarehouse()
        try AnalysisEngine.refresh(golden.warehouse)
        let engine = try AnalysisEngine(warehouse: golden.warehouse)
        let profile = try #require(try engine.profile(of: "C03", asOf: GoldenWarehouse.asOf))
        #expect(profile.record.tier == .creator)
        #expect(profile.members.map { "\($0.source)/\($0.memberID)" } == ["forum/1002", "gallery/1001"])
        #expect(profile.timeline.count == 10)
        #expect(profile.timeline.first?.at == "2012-04-10T18:20:00Z")
        #expect(profile.timeline.map(\.at) == profile.timeline.map(\.at).sorted(by: >))
        let orders = profile.timeline.filter { $0.kind == .order }
        #expect(orders.map(\.what) == ["return", "ok"])
        #expect(orders.map(\.amount) == [-19_395, 19_395])
        // The share at 2012-04-21T00:00:00Z is after the as-of date.
        #expect(!profile.timeline.contains { $0.at.hasPrefix("2012-04-21") })
        #expect(try engine.profile(of: "nobody", asOf: GoldenWarehouse.asOf) == nil)
    }
}
