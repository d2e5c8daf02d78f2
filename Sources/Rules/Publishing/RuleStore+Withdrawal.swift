import Foundation
import Warehouse

extension RuleStore {
    /// Withdraws the latest written version of `ruleName` at `now` and returns it as withdrawn.
    ///
    /// The version must be valid: a withdrawn or expired one has nothing left to end. The
    /// outbox folder gets `withdrawn.json` inside the `rules.db` transaction, and the file is
    /// removed again when the commit fails, so the two agree.
    public func withdraw(_ ruleName: String, user: String, at now: UTCTimestamp) throws -> RuleVersion {
        try database.writeTransaction {
            guard let version = try latestVersion(of: ruleName) else {
                throw PublishingError.noVersion(rule: ruleName)
            }
            if let withdrawnAt = version.withdrawnAt {
                throw PublishingError.alreadyWithdrawn(
                    rule: ruleName, version: version.version, by: version.withdrawnBy ?? "", at: withdrawnAt.stored)
            }
            if version.isExpired(at: now) {
                throw PublishingError.alreadyExpired(rule: ruleName, version: version.version, at: version.validUntil.stored)
            }
            try database.execute(
                "UPDATE versions SET withdrawn_by = ?, withdrawn_at = ? WHERE rule_name = ? AND version = ?",
                [user, now.stored, ruleName, version.version])
            try database.execute(
                """
                INSERT INTO audit_log (at, unix_user, action, rule_name, version, target_count, holdout_count)
                VALUES (?, ?, 'withdraw', ?, ?, ?, ?)
                """,
                [now.stored, user, ruleName, version.version, version.targetCount, version.holdoutCount])
            let withdrawal = OutboxWithdrawal(
                name: ruleName, version: version.version, withdrawnBy: user, withdrawnAt: now.stored)
            try Outbox.writeWithdrawal(withdrawal, into: version.folder)
            guard let withdrawn = try self.version(version.version, of: ruleName) else {
                preconditionFailure("version \(version.version) of \(ruleName) vanished while it was withdrawn")
            }
            return withdrawn
        }
    }
}

/// One line of the audit: a publish or withdrawal from `rules.db`, or an import from the
/// warehouse's batches.
public struct AuditEntry: Sendable, Hashable {
    public let at: String
    public let user: String
    /// `publish`, `withdraw` or `import`.
    public let action: String
    /// `rule vN` for rules; the import kind and file for imports.
    public let subject: String
    /// The figures of the entry: target and holdout counts, or rows added, updated and rejected.
    public let counts: String

    public init(at: String, user: String, action: String, subject: String, counts: String) {
        self.at = at
        self.user = user
        self.action = action
        self.subject = subject
        self.counts = counts
    }
}

extension RuleStore {
    /// Returns the publishes and withdrawals, newest first.
    public func auditEntries() throws -> [AuditEntry] {
        try database.query(
            """
            SELECT at, unix_user, action, rule_name, version, target_count, holdout_count
              FROM audit_log ORDER BY at DESC, entry_id DESC
            """
        ) { row in
            AuditEntry(
                at: row.text(0), user: row.text(1), action: row.text(2), subject: "\(row.text(3)) v\(row.int(4))",
                counts: "\(row.int(5)) target, \(row.int(6)) holdout")
        }
    }
}

extension AuditEntry {
    /// Returns the warehouse's import batches as audit entries, newest first.
    public static func imports(from warehouse: Warehouse) throws -> [AuditEntry] {
        try warehouse.database.query(
            """
            SELECT finished_at, unix_user, kind, mode, file, rows_added, rows_updated, rows_rejected
              FROM batches ORDER BY finished_at DESC, batch_id DESC
            """
        ) { row in
            AuditEntry(
                at: row.text(0), user: row.text(1), action: "import", subject: "\(row.text(2)) (\(row.text(3))) \(row.text(4))",
                counts: "\(row.int(5)) added, \(row.int(6)) updated, \(row.int(7)) rejected")
        }
    }

    /// Merges entries of several sources, newest first; entries at the same second keep their
    /// sources' order.
    public static func merged(_ sources: [[AuditEntry]]) -> [AuditEntry] {
        let all = sources.enumerated().flatMap { source, entries in
            entries.enumerated().map { (entry: $1, source: source, position: $0) }
        }
        return all.sorted { left, right in
            if left.entry.at != right.entry.at { return left.entry.at > right.entry.at }
            if left.source != right.source { return left.source < right.source }
            return left.position < right.position
        }.map(\.entry)
    }
}
