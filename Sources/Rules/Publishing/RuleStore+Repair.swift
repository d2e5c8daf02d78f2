import Foundation
import Warehouse

/// What start-up did with a publish that a dead process left `pending`.
public struct PublishRepair: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        /// The outbox folder was complete, so the version is now written.
        case finished
        /// The outbox folder was missing or incomplete, so the version and its folder are gone.
        case removed
    }

    public let ruleName: String
    public let version: Int
    public let outcome: Outcome
}

extension RuleStore {
    /// Finishes or removes every `pending` publish, and removes leftover `.v<N>.tmp` folders
    /// of publishes that died before committing, under `outboxRoot`.
    ///
    /// A pending version whose `v<N>/` folder, or else `.v<N>.tmp/` folder, holds the files
    /// its checksums name is finished: the temporary folder is renamed and the version marked
    /// written. Any other is removed with its hit list. Nothing happens while
    /// another process holds the publish lock, because its publish is not dead.
    func repairPendingPublishes(outboxRoot: String?) throws -> [PublishRepair] {
        guard let lock = try PublishLock(storePath: path, waits: false) else { return [] }
        return try withExtendedLifetime(lock) { try repairLocked(outboxRoot: outboxRoot) }
    }

    /// The repair itself, for a caller that holds the publish lock.
    func repairLocked(outboxRoot: String?) throws -> [PublishRepair] {
        let pending = try database.query(
            "SELECT \(RuleStore.versionColumns) FROM versions WHERE state = 'pending' ORDER BY rule_name, version",
            row: RuleStore.version)
        var repairs: [PublishRepair] = []
        for version in pending {
            let temporary = Outbox.temporaryFolder(for: version.folder)
            let fileManager = FileManager.default
            if !fileManager.fileExists(atPath: version.folder),
                Outbox.isComplete(temporary, targetsSHA256: version.targetsSHA256, holdoutSHA256: version.holdoutSHA256)
            {
                try? Outbox.publish(temporary: temporary, as: version.folder)
            }
            if Outbox.isComplete(version.folder, targetsSHA256: version.targetsSHA256, holdoutSHA256: version.holdoutSHA256) {
                try markWritten(version)
                repairs.append(PublishRepair(ruleName: version.ruleName, version: version.version, outcome: .finished))
            } else {
                try removePending(version)
                repairs.append(PublishRepair(ruleName: version.ruleName, version: version.version, outcome: .removed))
            }
        }
        if let outboxRoot {
            removeLeftoverTemporaryFolders(under: outboxRoot)
        }
        return repairs
    }

    /// Marks a version written, records its publish in the audit log, and moves its
    /// publisher's draft of the same text onto it.
    func markWritten(_ version: RuleVersion) throws {
        try database.writeTransaction {
            try database.execute(
                "UPDATE versions SET state = 'written' WHERE rule_name = ? AND version = ? AND state = 'pending'",
                [version.ruleName, version.version])
            // Only the call that moved the version out of pending records it, so a second
            // call after a failure does not log the publish twice.
            guard database.changes == 1 else { return }
            try database.execute(
                """
                INSERT INTO audit_log (at, unix_user, action, rule_name, version, target_count, holdout_count)
                VALUES (?, ?, 'publish', ?, ?, ?, ?)
                """,
                [
                    version.publishedAt.stored, version.publishedBy, version.ruleName, version.version,
                    version.targetCount, version.holdoutCount,
                ])
            try database.execute(
                "UPDATE drafts SET base_version = ? WHERE rule_name = ? AND unix_user = ? AND text_sha256 = ?",
                [version.version, version.ruleName, version.publishedBy, version.textSHA256])
        }
    }

    /// Deletes a pending version, its hit list and its outbox folders. A pending version has
    /// no audit entry yet.
    func removePending(_ version: RuleVersion) throws {
        try database.writeTransaction {
            try database.execute(
                "DELETE FROM versions WHERE rule_name = ? AND version = ? AND state = 'pending'",
                [version.ruleName, version.version])
        }
        Outbox.remove(Outbox.temporaryFolder(for: version.folder))
        if !Outbox.isComplete(version.folder, targetsSHA256: version.targetsSHA256, holdoutSHA256: version.holdoutSHA256) {
            Outbox.remove(version.folder)
        }
    }

    /// Removes `<root>/<rule>/.v<N>.tmp` folders that no pending version owns. The caller
    /// holds the publish lock, so no live publish is writing one.
    private func removeLeftoverTemporaryFolders(under root: String) {
        let fileManager = FileManager.default
        let absoluteRoot = Outbox(root: root).root
        guard let rules = try? fileManager.contentsOfDirectory(atPath: absoluteRoot) else { return }
        for rule in rules where RuleName.isValid(rule) {
            let ruleFolder = absoluteRoot + "/" + rule
            guard let entries = try? fileManager.contentsOfDirectory(atPath: ruleFolder) else { continue }
            for entry in entries where entry.hasPrefix(".v") && entry.hasSuffix(".tmp") {
                Outbox.remove(ruleFolder + "/" + entry)
            }
        }
    }
}
