import Analysis
import Expressions
import Foundation
import Warehouse

@testable import Rules

/// The golden warehouse with a rules store and an outbox in its folder, and a clock that tests
/// set, for the tests of drafts, publishing and withdrawal.
final class PublishFixture {
    let house: RuleWarehouse
    let store: RuleStore
    let outbox: Outbox
    var now = UTCTimestamp(stored: "2026-01-10T09:00:00Z")!
    /// The engine publishes and previews use: the SQL reference, so that rows a test adds to
    /// the warehouse count at once.
    var engine: AnalysisEngine { house.reference }

    init() throws {
        house = try RuleWarehouse.golden()
        store = try RuleStore.open(at: house.folder.file("rules.db"), outboxRoot: house.folder.file("outbox"))
        outbox = Outbox(root: house.folder.file("outbox"))
    }

    /// Returns the text of the golden rule file `name.rule`.
    static func goldenText(_ name: String) throws -> String {
        try String(contentsOfFile: RuleWarehouse.goldenFolder + "/expected/rules/\(name).rule", encoding: .utf8)
    }

    /// Returns a rule that targets every customer matching `condition`, with no holdout.
    static func ruleText(_ name: String, when condition: String, holdout: String = "0%") -> String {
        "rule \"\(name)\"\nwhen \(condition)\nthen offer \"gift\" value 10.00 cost 4.00\nvalid 30 days\nholdout \(holdout)\n"
    }

    /// Saves `text` as `user`'s draft and records `user`'s preview of it at `asOf` (the
    /// default when nil), as `rule save` and `rule preview` do.
    @discardableResult
    func saveAndPreview(_ text: String, user: String, asOf: CivilDate? = nil, rebase: Bool = false) throws -> RulePreview {
        let output = try house.check(text)
        guard let rule = output.rule else {
            preconditionFailure("test rule has errors: \(output.errors.map(\.message))")
        }
        try store.saveDraft(text: text, ruleName: rule.name, user: user, at: now, rebase: rebase)
        let preview = try RulePreview(rule: rule, engine: engine, asOf: asOf ?? house.asOf)
        try store.record(
            RecordedPreview(
                user: user, ruleName: rule.name, textSHA256: ruleTextChecksum(text), asOf: preview.asOf,
                hitCount: preview.hits.count, targetCount: preview.targetCount, holdoutCount: preview.holdoutCount,
                previewedAt: now.stored))
        return preview
    }

    func publisher() -> Publisher {
        Publisher(store: store, engine: engine)
    }

    func request(_ name: String, user: String, asOf: CivilDate? = nil, allowsPastAsOf: Bool = false) throws -> PublishRequest {
        PublishRequest(
            ruleName: name, user: user, asOf: asOf ?? house.asOf,
            defaultAsOf: try AsOf.resolve(house.warehouse.database).date, allowsPastAsOf: allowsPastAsOf, outbox: outbox,
            now: now)
    }

    /// Publishes `user`'s draft with the default request.
    @discardableResult
    func publish(_ name: String, user: String) throws -> RuleVersion {
        try publisher().publish(request(name, user: user))
    }

    /// Returns the sorted entries of the rule's outbox folder, hidden ones included.
    func outboxEntries(_ rule: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: outbox.root + "/" + rule)) ?? []).sorted()
    }

    func versionRows(_ rule: String) throws -> Int64 {
        try store.database.scalarInteger("SELECT count(*) FROM versions WHERE rule_name = ?", [rule]) ?? 0
    }
}
