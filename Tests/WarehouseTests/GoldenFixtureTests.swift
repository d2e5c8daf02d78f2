import Foundation
import Testing

@testable import Warehouse

/// The hand-checked warehouse in Tests/Golden, loaded through the real importer.
enum GoldenFixture {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden").path

    static func load() throws -> ImportFixture {
        let fixture = try ImportFixture()
        try FolderImport.run(folder: folder, into: fixture.warehouse)
        return fixture
    }

    /// The default as-of date, the first line of expected/as-of.txt.
    static func expectedAsOf() throws -> String {
        let text = try String(contentsOfFile: folder + "/expected/as-of.txt", encoding: .utf8)
        return String(text.split(separator: "\n")[0])
    }
}

@Suite("Golden fixture")
struct GoldenFixtureTests {
    @Test("imports every table with the documented counts")
    func counts() throws {
        let fixture = try GoldenFixture.load()
        let counts = try fixture.warehouse.rowCounts().map { "\($0.table)=\($0.rows)" }
        // The events import adds the placeholder product KIN-TWO.
        #expect(counts == [
            "customers=13", "customer_identities=5", "products=6", "orders=15", "order_lines=25", "members=12",
            "events=41",
        ])
        #expect(try fixture.database.scalarText("SELECT sku FROM products WHERE name IS NULL") == "KIN-TWO")
    }

    @Test("the default as-of date is the earlier end of the two feeds")
    func asOf() throws {
        let fixture = try GoldenFixture.load()
        let asOf = try AsOf.resolve(fixture.database)
        #expect(asOf.date?.iso == (try GoldenFixture.expectedAsOf()))
        #expect(asOf.feedGapDays == 4)
        #expect(asOf.warning == nil)
    }

    @Test("identity links match the documented members")
    func links() throws {
        let fixture = try GoldenFixture.load()
        let links = try fixture.database.query(
            "SELECT source || ' ' || member_id || ' ' || customer_id FROM member_links ORDER BY 1") { $0.text(0) }
        #expect(links == [
            "forum 1001 C01", "forum 1002 C02", "forum 1002 C03", "forum 1003 C04", "forum 1004 C05",
            "forum 1005 C06", "forum 1006 C08", "forum 1007 C09", "forum 1009 C10", "forum 1010 C12",
            "gallery 1001 C03",
        ])
    }

    @Test("the ladder at the as-of date")
    func ladder() throws {
        let fixture = try GoldenFixture.load()
        let asOf = CivilDate(iso: try GoldenFixture.expectedAsOf())!
        let customers = try Ladder.customerTierCounts(fixture.database, asOf: asOf)
        #expect(customers == [.none: 2, .spectator: 2, .joiner: 4, .critic: 2, .creator: 2])

        let tiers = try Ladder.customerTiers(fixture.database, asOf: asOf)
        let expected: [String: Tier] = [
            "C01": .creator, "C02": .critic, "C03": .creator, "C04": .spectator, "C05": .joiner, "C06": .joiner,
            "C07": .none, "C08": .critic, "C09": .spectator, "C10": .joiner, "C11": .none, "C12": .joiner,
        ]
        #expect(tiers == expected)

        let members = try Ladder.memberTierCounts(fixture.database, asOf: asOf)
        #expect(members.values.reduce(0, +) == 11)
        #expect(members == [.spectator: 2, .joiner: 4, .critic: 3, .creator: 2])
    }

    @Test("a tier never decays and follows the as-of date")
    func ladderOverTime() throws {
        let fixture = try GoldenFixture.load()
        let early = try Ladder.customerTiers(fixture.database, asOf: CivilDate(iso: "2012-01-10")!)
        #expect(early["C01"] == .joiner)
        #expect(early["C03"] == nil)
        let late = try Ladder.customerTiers(fixture.database, asOf: CivilDate(iso: "2012-04-30")!)
        #expect(late["C12"] == .creator)
        #expect(late["C13"] != nil)
    }

    @Test("stats gathers the golden warehouse")
    func stats() throws {
        let fixture = try GoldenFixture.load()
        let stats = try WarehouseStats.gather(fixture.warehouse)
        #expect(stats.asOf.date?.iso == "2012-04-20")
        #expect(stats.customerTiers.map(\.customers) == [2, 2, 4, 2, 2])
        // C07 and C11 have no member; forum 1008 and gallery 2002 match no customer.
        #expect(stats.linkedCustomers == 10)
        #expect(stats.unlinkedMembers == 2)
        #expect(stats.recentBatches.count == 5)
        #expect(stats.recentBatches.first?.kind == "events")
        let email = stats.linksByProvider.first { $0.provider == "email" }
        #expect(email.map { "\($0.linked)/\($0.members)" } == "4/5")
    }
}
