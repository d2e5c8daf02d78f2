import Analysis
import Expressions
import Foundation
import Testing
import Warehouse

@testable import Rules

@Suite("Publishing")
struct PublishingTests {
    @Test("publish writes a complete outbox folder")
    func outboxFolder() throws {
        let fixture = try PublishFixture()
        try fixture.saveAndPreview(try PublishFixture.goldenText("big-spenders"), user: "alice")
        let version = try fixture.publish("big-spenders", user: "alice")
        #expect(version.version == 1)
        #expect(version.state == .written)
        #expect(version.targetCount == 1)
        #expect(version.holdoutCount == 1)
        #expect(version.validUntil.stored == "2026-02-09T09:00:00Z")
        #expect(fixture.outboxEntries("big-spenders") == ["v1"])
        let folder = fixture.outbox.root + "/big-spenders/v1"
        let targets = try String(contentsOfFile: folder + "/targets.csv", encoding: .utf8)
        let holdout = try String(contentsOfFile: folder + "/holdout.csv", encoding: .utf8)
        // C01 is held out (bucket 6366) and C03 targeted; C07 opted out.
        #expect(targets == "customer_id,email\r\nC03,Home@Ortiz.Example\r\n")
        #expect(holdout == "customer_id,email\r\nC01,ada@example.com\r\n")
        #expect(version.targetsSHA256 == SHA256.hex(of: Array(targets.utf8)))
        #expect(version.holdoutSHA256 == SHA256.hex(of: Array(holdout.utf8)))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/rule.json")))
        let manifest = try #require(json as? [String: Any])
        #expect(manifest["targets_sha256"] as? String == version.targetsSHA256)
        #expect(manifest["value_minor_units"] as? Int == 3000)
        #expect(manifest["as_of"] as? String == "2012-04-20")
        #expect(try fixture.store.hits(of: "big-spenders", version: 1).map(\.customerID) == ["C01", "C03"])
    }

    /// Steps after which a failure leaves the version complete; before them it leaves none.
    static let completingSteps: Set<PublishStep> = [.folderRenamed, .markedWritten]

    @Test("failure at each step is all or nothing", arguments: PublishStep.allCases)
    func atomicity(_ step: PublishStep) throws {
        struct InjectedFailure: Error {}
        let fixture = try PublishFixture()
        try fixture.saveAndPreview(try PublishFixture.goldenText("big-spenders"), user: "alice")
        let publisher = fixture.publisher()
        publisher.afterStep = { if $0 == step { throw InjectedFailure() } }
        #expect(throws: InjectedFailure.self) { try publisher.publish(try fixture.request("big-spenders", user: "alice")) }
        if PublishingTests.completingSteps.contains(step) {
            let version = try #require(try fixture.store.version(1, of: "big-spenders"))
            #expect(version.state == .written)
            #expect(fixture.outboxEntries("big-spenders") == ["v1"])
            #expect(Outbox.isComplete(version.folder, targetsSHA256: version.targetsSHA256, holdoutSHA256: version.holdoutSHA256))
        } else {
            #expect(try fixture.versionRows("big-spenders") == 0)
            #expect(try fixture.store.hits(of: "big-spenders", version: 1).isEmpty)
            #expect(try fixture.store.auditEntries().isEmpty)
            #expect(fixture.outboxEntries("big-spenders").isEmpty)
            let retried = try fixture.publish("big-spenders", user: "alice")
            #expect(retried.version == 1)
        }
    }

    /// Creates the state that a crash right after the pending commit of v2 leaves: a pending copy
    /// of the written v1 as v2, with no audit entry, and v1's files in `.v2.tmp/`.
    static func crashAfterPendingCommit(_ fixture: PublishFixture, copying version: RuleVersion) throws -> String {
        let folder = fixture.outbox.root + "/big-spenders/v2"
        try fixture.store.database.execute(
            """
            INSERT INTO versions
            SELECT rule_name, 2, text, text_sha256, action, action_name, value_minor_units, cost_minor_units, currency,
                   holdout_basis_points, as_of, published_by, published_at, valid_until, target_count, holdout_count,
                   targets_sha256, holdout_sha256, ?, 'pending', NULL, NULL
              FROM versions WHERE rule_name = ? AND version = 1
            """, [folder, version.ruleName])
        try FileManager.default.copyItem(atPath: version.folder, toPath: Outbox.temporaryFolder(for: folder))
        return folder
    }

    @Test("start-up finishes a pending publish with a complete folder")
    func repairFinishes() throws {
        let fixture = try PublishFixture()
        try fixture.saveAndPreview(try PublishFixture.goldenText("big-spenders"), user: "alice")
        let version = try fixture.publish("big-spenders", user: "alice")
        _ = try PublishingTests.crashAfterPendingCommit(fixture, copying: version)
        let reopened = try RuleStore.open(at: fixture.store.path, outboxRoot: fixture.outbox.root)
        #expect(reopened.repairs == [PublishRepair(ruleName: "big-spenders", version: 2, outcome: .finished)])
        #expect(try reopened.version(2, of: "big-spenders")?.state == .written)
        #expect(fixture.outboxEntries("big-spenders") == ["v1", "v2"])
        // Finishing records the publish in the audit log, once.
        #expect(try reopened.auditEntries().map(\.subject) == ["big-spenders v2", "big-spenders v1"])
        let again = try RuleStore.open(at: fixture.store.path, outboxRoot: fixture.outbox.root)
        #expect(again.repairs == [])
        #expect(try again.auditEntries().count == 2)
    }

    @Test("start-up removes a pending publish with an incomplete folder")
    func repairRemoves() throws {
        let fixture = try PublishFixture()
        try fixture.saveAndPreview(try PublishFixture.goldenText("big-spenders"), user: "alice")
        let version = try fixture.publish("big-spenders", user: "alice")
        let folder = try PublishingTests.crashAfterPendingCommit(fixture, copying: version)
        let temporary = Outbox.temporaryFolder(for: folder)
        try "customer_id,email\r\n".write(toFile: temporary + "/targets.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(
            atPath: fixture.outbox.root + "/big-spenders/.v7.tmp", withIntermediateDirectories: true)
        let reopened = try RuleStore.open(at: fixture.store.path, outboxRoot: fixture.outbox.root)
        #expect(reopened.repairs == [PublishRepair(ruleName: "big-spenders", version: 2, outcome: .removed)])
        #expect(try fixture.versionRows("big-spenders") == 1)
        #expect(try reopened.auditEntries().map(\.subject) == ["big-spenders v1"])
        #expect(fixture.outboxEntries("big-spenders") == ["v1"])
    }

    @Test("stale base names who published what and when")
    func staleBase() throws {
        let fixture = try PublishFixture()
        let text = try PublishFixture.goldenText("big-spenders")
        try fixture.saveAndPreview(text, user: "alice")
        try fixture.saveAndPreview(text, user: "bob")
        try fixture.publish("big-spenders", user: "alice")
        #expect(
            throws: PublishingError.staleBase(
                rule: "big-spenders", baseVersion: nil, latest: 1, publishedBy: "alice",
                publishedAt: "2026-01-10T09:00:00Z")
        ) { try fixture.publish("big-spenders", user: "bob") }
        try fixture.saveAndPreview(text, user: "bob", rebase: true)
        #expect(try fixture.store.draft(of: "big-spenders", by: "bob")?.baseVersion == 1)
        #expect(try fixture.publish("big-spenders", user: "bob").version == 2)
    }

    @Test("past as-of needs the flag and a preview at that date")
    func pastAsOf() throws {
        let fixture = try PublishFixture()
        let past = CivilDate(iso: "2012-03-15")!
        try fixture.saveAndPreview(try PublishFixture.goldenText("big-spenders"), user: "alice")
        #expect(
            throws: PublishingError.pastAsOfNotAllowed(
                rule: "big-spenders", asOf: past, defaultAsOf: CivilDate(iso: "2012-04-20")!)
        ) { try fixture.publisher().publish(fixture.request("big-spenders", user: "alice", asOf: past)) }
        #expect(
            throws: PublishingError.previewAsOfDiffers(
                rule: "big-spenders", previewAsOf: fixture.house.asOf, publishAsOf: past, isDefault: false)
        ) {
            try fixture.publisher().publish(fixture.request("big-spenders", user: "alice", asOf: past, allowsPastAsOf: true))
        }
        try fixture.saveAndPreview(try PublishFixture.goldenText("big-spenders"), user: "alice", asOf: past)
        let version = try fixture.publisher().publish(
            fixture.request("big-spenders", user: "alice", asOf: past, allowsPastAsOf: true))
        #expect(version.asOf == past)
    }

    @Test("publish needs a preview of the same text")
    func previewRequired() throws {
        let fixture = try PublishFixture()
        let text = try PublishFixture.goldenText("big-spenders")
        try fixture.saveAndPreview(text, user: "alice")
        try fixture.store.saveDraft(text: text + "# edited\n", ruleName: "big-spenders", user: "alice", at: fixture.now)
        #expect(throws: PublishingError.notPreviewed(rule: "big-spenders", user: "alice")) {
            try fixture.publish("big-spenders", user: "alice")
        }
        #expect(throws: PublishingError.noDraft(rule: "big-spenders", user: "carol", otherUsers: ["alice"])) {
            try fixture.publish("big-spenders", user: "carol")
        }
    }

    @Test("publish stops when the count changed since the preview")
    func countChanged() throws {
        let fixture = try PublishFixture()
        try fixture.saveAndPreview(try PublishFixture.goldenText("big-spenders"), user: "alice")
        let database = fixture.house.warehouse.database
        try database.execute("INSERT INTO customers (customer_id, name, signup_date) VALUES ('C99', 'New Spender', '2012-01-02')")
        try database.execute("INSERT INTO orders (order_id, customer_id, ordered_at, status) VALUES ('O99', 'C99', '2012-04-01T10:00:00Z', 'ok')")
        try database.execute(
            """
            INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents, line_total_cents)
            VALUES ('O99', 1, 'KIN-ONE', 1, 15000, 15000)
            """)
        #expect(
            throws: PublishingError.countChanged(
                rule: "big-spenders", asOf: fixture.house.asOf, previewedHits: 2, previewedTargets: 1, hits: 3,
                targets: try RulePreview(
                    rule: try #require(try fixture.house.check(PublishFixture.goldenText("big-spenders")).rule),
                    engine: fixture.engine, asOf: fixture.house.asOf
                ).targetCount)
        ) { try fixture.publish("big-spenders", user: "alice") }
        #expect(try fixture.versionRows("big-spenders") == 0)
    }

    @Test("publish stops when the default as-of moved")
    func asOfMoved() throws {
        let fixture = try PublishFixture()
        try fixture.saveAndPreview(try PublishFixture.goldenText("big-spenders"), user: "alice")
        let database = fixture.house.warehouse.database
        try database.execute("INSERT INTO orders (order_id, customer_id, ordered_at, status) VALUES ('O98', 'C02', '2012-04-28T10:00:00Z', 'ok')")
        try database.execute(
            "INSERT INTO events (source, event_id, member_id, occurred_at, kind) SELECT source, 'E98', member_id, '2012-04-27T08:00:00Z', 'view' FROM members LIMIT 1")
        let moved = CivilDate(iso: "2012-04-27")!
        #expect(
            throws: PublishingError.previewAsOfDiffers(
                rule: "big-spenders", previewAsOf: fixture.house.asOf, publishAsOf: moved, isDefault: true)
        ) { try fixture.publisher().publish(fixture.request("big-spenders", user: "alice", asOf: moved)) }
    }

    @Test("withdraw marks the version and the outbox")
    func withdraw() throws {
        let fixture = try PublishFixture()
        try fixture.saveAndPreview(try PublishFixture.goldenText("big-spenders"), user: "alice")
        let version = try fixture.publish("big-spenders", user: "alice")
        let later = UTCTimestamp(secondsSinceEpoch: fixture.now.secondsSinceEpoch + 86_400)
        #expect(try fixture.store.validVersions(at: later).map(\.version) == [1])
        let withdrawn = try fixture.store.withdraw("big-spenders", user: "bob", at: later)
        #expect(withdrawn.withdrawnBy == "bob")
        #expect(withdrawn.withdrawnAt == later)
        #expect(withdrawn.status(at: later) == "withdrawn")
        #expect(try fixture.store.validVersions(at: later).isEmpty)
        let marker = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: version.folder + "/withdrawn.json"))) as? [String: Any]
        #expect(marker?["withdrawn_by"] as? String == "bob")
        #expect(marker?["withdrawn_at"] as? String == "2026-01-11T09:00:00Z")
        #expect(try fixture.store.auditEntries().map(\.action) == ["withdraw", "publish"])
        #expect(
            throws: PublishingError.alreadyWithdrawn(
                rule: "big-spenders", version: 1, by: "bob", at: "2026-01-11T09:00:00Z")
        ) { try fixture.store.withdraw("big-spenders", user: "alice", at: later) }
    }

    @Test("versions expire after their valid days")
    func expiry() throws {
        let fixture = try PublishFixture()
        try fixture.saveAndPreview(try PublishFixture.goldenText("care-big-return"), user: "alice")
        let version = try fixture.publish("care-big-return", user: "alice")
        let lastSecond = UTCTimestamp(secondsSinceEpoch: fixture.now.secondsSinceEpoch + 7 * 86_400 - 1)
        let end = UTCTimestamp(secondsSinceEpoch: fixture.now.secondsSinceEpoch + 7 * 86_400)
        #expect(version.isValid(at: lastSecond))
        #expect(!version.isValid(at: end))
        #expect(version.status(at: end) == "expired")
        #expect(try fixture.store.validVersions(at: end).isEmpty)
        #expect(throws: PublishingError.alreadyExpired(rule: "care-big-return", version: 1, at: end.stored)) {
            try fixture.store.withdraw("care-big-return", user: "alice", at: end)
        }
    }
}
