import Expressions
import Warehouse

/// A published version of a rule, as `rules.db` keeps it and `rule.json` describes it.
public struct RuleVersion: Sendable, Hashable {
    /// Where a publish stands in its two phases.
    public enum State: String, Sendable, Hashable {
        /// Committed while the outbox folder is still `.v<N>.tmp`; repaired at start-up.
        case pending
        /// The outbox folder `v<N>/` is complete.
        case written
    }

    public let ruleName: String
    public let version: Int
    public let text: String
    public let textSHA256: String
    public let action: RuleAction
    /// The warehouse currency, whose minor unit the offer's amounts are in.
    public let currency: String
    public let holdout: Percentage
    public let asOf: CivilDate
    public let publishedBy: String
    /// The moment of publishing, which is also the start of validity.
    public let publishedAt: UTCTimestamp
    /// The end of validity: `publishedAt` plus the rule's `valid` days.
    public let validUntil: UTCTimestamp
    public let targetCount: Int
    public let holdoutCount: Int
    public let targetsSHA256: String
    public let holdoutSHA256: String
    /// The outbox folder `…/<rule>/v<N>`, absolute.
    public let folder: String
    public let state: State
    public let withdrawnBy: String?
    public let withdrawnAt: UTCTimestamp?

    /// Whether the version is written, not withdrawn, and `now` is before its end of validity.
    public func isValid(at now: UTCTimestamp) -> Bool {
        state == .written && withdrawnAt == nil && now < validUntil
    }

    /// Whether the version ran out of validity by `now` without being withdrawn.
    public func isExpired(at now: UTCTimestamp) -> Bool {
        withdrawnAt == nil && now >= validUntil
    }

    /// The state as `rule history` shows it at `now`: `pending`, `withdrawn`, `expired` or `valid`.
    public func status(at now: UTCTimestamp) -> String {
        if state == .pending { return "pending" }
        if withdrawnAt != nil { return "withdrawn" }
        return isExpired(at: now) ? "expired" : "valid"
    }
}

extension RuleStore {
    static let versionColumns = """
        rule_name, version, text, text_sha256, action, action_name, value_minor_units, cost_minor_units, currency,
        holdout_basis_points, as_of, published_by, published_at, valid_until, target_count, holdout_count,
        targets_sha256, holdout_sha256, folder, state, withdrawn_by, withdrawn_at
        """

    static func version(_ row: Row) -> RuleVersion {
        let action: RuleAction =
            row.text(4) == "offer"
            ? .offer(name: row.text(5), value: Money(cents: row.integer(6)), cost: Money(cents: row.integer(7)))
            : .flag(name: row.text(5))
        return RuleVersion(
            ruleName: row.text(0), version: row.int(1), text: row.text(2), textSHA256: row.text(3), action: action,
            currency: row.text(8), holdout: Percentage(basisPoints: row.int(9)),
            asOf: CivilDate(iso: row.text(10)) ?? CivilDate(year: 1, month: 1, day: 1)!, publishedBy: row.text(11),
            publishedAt: timestamp(row.text(12)), validUntil: timestamp(row.text(13)), targetCount: row.int(14),
            holdoutCount: row.int(15), targetsSHA256: row.text(16), holdoutSHA256: row.text(17), folder: row.text(18),
            state: RuleVersion.State(rawValue: row.text(19)) ?? .pending, withdrawnBy: row.optionalText(20),
            withdrawnAt: row.optionalText(21).map(timestamp))
    }

    /// Reads a timestamp that dotwork itself stored; the schema keeps one form only.
    private static func timestamp(_ text: String) -> UTCTimestamp {
        guard let value = UTCTimestamp(stored: text) else {
            preconditionFailure("rules.db holds the timestamp '\(text)', which is not YYYY-MM-DDTHH:MM:SSZ")
        }
        return value
    }

    /// Returns the written versions of `ruleName`, newest first.
    public func versions(of ruleName: String) throws -> [RuleVersion] {
        try database.query(
            "SELECT \(RuleStore.versionColumns) FROM versions WHERE rule_name = ? AND state = 'written' ORDER BY version DESC",
            [ruleName], row: RuleStore.version)
    }

    /// Returns the latest written version of `ruleName`, if any.
    public func latestVersion(of ruleName: String) throws -> RuleVersion? {
        try versions(of: ruleName).first
    }

    /// Returns one version, pending or written.
    public func version(_ version: Int, of ruleName: String) throws -> RuleVersion? {
        try database.query(
            "SELECT \(RuleStore.versionColumns) FROM versions WHERE rule_name = ? AND version = ?",
            [ruleName, version], row: RuleStore.version
        ).first
    }

    /// Returns the latest written version of every rule, by rule name.
    public func latestVersions() throws -> [RuleVersion] {
        try database.query(
            """
            SELECT \(RuleStore.versionColumns) FROM versions AS v
             WHERE state = 'written'
               AND version = (SELECT max(version) FROM versions WHERE rule_name = v.rule_name AND state = 'written')
             ORDER BY rule_name
            """, row: RuleStore.version)
    }

    /// Returns the written versions that are valid at `now`, by rule name and version.
    public func validVersions(at now: UTCTimestamp) throws -> [RuleVersion] {
        try database.query(
            """
            SELECT \(RuleStore.versionColumns) FROM versions
             WHERE state = 'written' AND withdrawn_at IS NULL AND valid_until > ?
             ORDER BY rule_name, version
            """, [now.stored], row: RuleStore.version)
    }

    /// Returns the frozen hit list of a version, in customer id order.
    public func hits(of ruleName: String, version: Int) throws -> [RuleHit] {
        try database.query(
            "SELECT customer_id, is_held_out FROM version_hits WHERE rule_name = ? AND version = ? ORDER BY customer_id",
            [ruleName, version]
        ) { RuleHit(customerID: $0.text(0), group: $0.bool(1) ? .holdout : .target) }
    }
}
