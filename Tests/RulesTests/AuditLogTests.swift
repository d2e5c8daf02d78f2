import Foundation
import Testing
import Warehouse

@testable import Rules

@Suite("Audit log")
struct AuditLogTests {
    @Test("UPDATE and DELETE are aborted")
    func appendOnly() throws {
        let fixture = try PublishFixture()
        try fixture.saveAndPreview(try PublishFixture.goldenText("big-spenders"), user: "alice")
        try fixture.publish("big-spenders", user: "alice")
        let database = fixture.store.database

        let update = #expect(throws: DatabaseError.self) {
            try database.execute("UPDATE audit_log SET unix_user = 'mallory'")
        }
        #expect(update?.message == "the audit log is append-only: its entries cannot be changed")
        let delete = #expect(throws: DatabaseError.self) {
            try database.execute("DELETE FROM audit_log")
        }
        #expect(delete?.message == "the audit log is append-only: its entries cannot be deleted")
        let bound = #expect(throws: DatabaseError.self) {
            try database.execute("DELETE FROM audit_log WHERE rule_name = ?", ["big-spenders"])
        }
        #expect(bound?.message == "the audit log is append-only: its entries cannot be deleted")

        let entries = try fixture.store.auditEntries()
        #expect(entries.map(\.user) == ["alice"])
        #expect(entries.map(\.subject) == ["big-spenders v1"])
    }

    @Test("withdrawal appends an entry")
    func withdrawalAppends() throws {
        let fixture = try PublishFixture()
        try fixture.saveAndPreview(try PublishFixture.goldenText("big-spenders"), user: "alice")
        try fixture.publish("big-spenders", user: "alice")
        _ = try fixture.store.withdraw("big-spenders", user: "bob", at: UTCTimestamp(stored: "2026-01-11T09:00:00Z")!)
        let entries = try fixture.store.auditEntries()
        #expect(entries.map(\.action) == ["withdraw", "publish"])
        #expect(entries.map(\.user) == ["bob", "alice"])
    }

    /// Writes a rules.db at schema version 2, before the audit log was append-only, with a
    /// written v1 and a pending v2 that each have a publish entry, as that release wrote them.
    static func writeVersionTwoStore(at path: String, outbox: String) throws {
        let database = try Database(path: path, mode: .create)
        try Migrator(migrations: Array(RuleStoreSchema.migrations.prefix(2))).migrate(database)
        for (version, state) in [(1, "written"), (2, "pending")] {
            try database.execute(
                """
                INSERT INTO versions (rule_name, version, text, text_sha256, action, action_name, currency,
                                      holdout_basis_points, as_of, published_by, published_at, valid_until, target_count,
                                      holdout_count, targets_sha256, holdout_sha256, folder, state)
                VALUES ('north', ?, 'text', 'sha', 'flag', 'care', 'USD', 0, '2012-04-20', 'alice', ?,
                        '2026-02-01T00:00:00Z', 3, 0, 'none', 'none', ?, ?)
                """, [version, "2026-01-0\(version)T00:00:00Z", outbox + "/north/v\(version)", state])
            try database.execute(
                """
                INSERT INTO audit_log (at, unix_user, action, rule_name, version, target_count, holdout_count)
                VALUES (?, 'alice', 'publish', 'north', ?, 3, 0)
                """, ["2026-01-0\(version)T00:00:00Z", version])
        }
    }

    @Test("migration drops entries of pending versions only")
    func migrationFromVersionTwo() throws {
        let folder = TemporaryFolder()
        let path = folder.file("rules.db")
        try AuditLogTests.writeVersionTwoStore(at: path, outbox: folder.file("outbox"))

        let store = try RuleStore.open(at: path, outboxRoot: folder.file("outbox"))
        #expect(try store.database.userVersion() == RuleStore.migrator.latestVersion)
        // v2 had no outbox folder, so start-up removed it.
        #expect(store.repairs == [PublishRepair(ruleName: "north", version: 2, outcome: .removed)])
        #expect(try store.auditEntries().map(\.subject) == ["north v1"])
        let triggers = try store.database.query(
            "SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name", row: { $0.text(0) })
        #expect(triggers == ["audit_log_no_delete", "audit_log_no_update"])
    }
}
