import Warehouse

/// A rule text being edited, kept per (rule name, Unix user).
///
/// Only its owner changes it: every write of the store is keyed by the caller's own user, so
/// another user can read a draft and save a copy as their own, but never overwrite it.
public struct RuleDraft: Sendable, Hashable {
    public let ruleName: String
    public let user: String
    public let text: String
    public let textSHA256: String
    /// The version the draft was based on when first saved, or nil for a rule not yet
    /// published then. Publishing fails when a later version exists.
    public let baseVersion: Int?
    public let savedAt: String
}

extension RuleStore {
    /// Saves `text` as `user`'s draft of `ruleName` and returns it.
    ///
    /// A new draft is based on the latest written version. Saving again keeps the base, unless
    /// `rebase` moves it to the latest version, which the user does after merging that
    /// version's changes. One cached statement does the whole write, because the workbench
    /// saves drafts while the analyst types.
    @discardableResult
    public func saveDraft(
        text: String, ruleName: String, user: String, at savedAt: UTCTimestamp, rebase: Bool = false
    ) throws -> RuleDraft {
        precondition(RuleName.isValid(ruleName), "draft of an invalid rule name '\(ruleName)'")
        try database.execute(
            """
            INSERT INTO drafts (rule_name, unix_user, text, text_sha256, base_version, saved_at)
            VALUES (?1, ?2, ?3, ?4,
                    (SELECT max(version) FROM versions WHERE rule_name = ?1 AND state = 'written'), ?5)
            ON CONFLICT (rule_name, unix_user) DO UPDATE SET
                text = excluded.text, text_sha256 = excluded.text_sha256, saved_at = excluded.saved_at,
                base_version = CASE WHEN ?6 THEN excluded.base_version ELSE drafts.base_version END
            """,
            [ruleName, user, text, ruleTextChecksum(text), savedAt.stored, rebase])
        guard let draft = try draft(of: ruleName, by: user) else {
            preconditionFailure("the draft of \(ruleName) by \(user) was saved but cannot be read back")
        }
        return draft
    }

    /// Returns `user`'s draft of `ruleName`, if any.
    public func draft(of ruleName: String, by user: String) throws -> RuleDraft? {
        try database.query(
            "SELECT \(RuleStore.draftColumns) FROM drafts WHERE rule_name = ? AND unix_user = ?", [ruleName, user],
            row: RuleStore.draft
        ).first
    }

    /// Returns every user's draft of `ruleName`, by user name.
    public func drafts(of ruleName: String) throws -> [RuleDraft] {
        try database.query(
            "SELECT \(RuleStore.draftColumns) FROM drafts WHERE rule_name = ? ORDER BY unix_user", [ruleName],
            row: RuleStore.draft)
    }

    /// Returns every draft, by rule name and user.
    public func allDrafts() throws -> [RuleDraft] {
        try database.query(
            "SELECT \(RuleStore.draftColumns) FROM drafts ORDER BY rule_name, unix_user", row: RuleStore.draft)
    }

    static let draftColumns = "rule_name, unix_user, text, text_sha256, base_version, saved_at"

    static func draft(_ row: Row) -> RuleDraft {
        RuleDraft(
            ruleName: row.text(0), user: row.text(1), text: row.text(2), textSHA256: row.text(3),
            baseVersion: row.optionalInteger(4).map(Int.init), savedAt: row.text(5))
    }
}
