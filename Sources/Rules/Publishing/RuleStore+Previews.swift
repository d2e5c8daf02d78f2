import Warehouse

/// A preview as recorded for publishing: who ran which text of a rule at which as-of date,
/// and what it counted.
public struct RecordedPreview: Sendable, Hashable {
    public let user: String
    public let ruleName: String
    /// The SHA-256 of the rule text that ran.
    public let textSHA256: String
    public let asOf: CivilDate
    public let hitCount: Int
    public let targetCount: Int
    public let holdoutCount: Int
    public let previewedAt: String

    public init(
        user: String, ruleName: String, textSHA256: String, asOf: CivilDate, hitCount: Int, targetCount: Int,
        holdoutCount: Int, previewedAt: String
    ) {
        self.user = user
        self.ruleName = ruleName
        self.textSHA256 = textSHA256
        self.asOf = asOf
        self.hitCount = hitCount
        self.targetCount = targetCount
        self.holdoutCount = holdoutCount
        self.previewedAt = previewedAt
    }
}

extension RuleStore {
    /// Records a preview, so that publishing the same text can compare its counts.
    public func record(_ preview: RecordedPreview) throws {
        try database.execute(
            """
            INSERT INTO previews (unix_user, rule_name, text_sha256, as_of, hit_count, target_count, holdout_count,
                                  previewed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                preview.user, preview.ruleName, preview.textSHA256, preview.asOf.iso, preview.hitCount,
                preview.targetCount, preview.holdoutCount, preview.previewedAt,
            ])
    }

    /// Returns `user`'s latest recorded preview of the text with checksum `textSHA256`.
    public func latestPreview(of ruleName: String, by user: String, textSHA256: String) throws -> RecordedPreview? {
        try database.query(
            """
            SELECT unix_user, rule_name, text_sha256, as_of, hit_count, target_count, holdout_count, previewed_at
              FROM previews WHERE rule_name = ? AND unix_user = ? AND text_sha256 = ?
             ORDER BY preview_id DESC LIMIT 1
            """,
            [ruleName, user, textSHA256]
        ) { row in
            RecordedPreview(
                user: row.text(0), ruleName: row.text(1), textSHA256: row.text(2),
                asOf: CivilDate(iso: row.text(3)) ?? CivilDate(year: 1, month: 1, day: 1)!, hitCount: row.int(4),
                targetCount: row.int(5), holdoutCount: row.int(6), previewedAt: row.text(7))
        }.first
    }
}
