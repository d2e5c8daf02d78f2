import Analysis
import Expressions
import Foundation
import Warehouse

/// The steps of a publish, in order. `Publisher.afterStep` runs after each one, which is
/// where tests inject failures.
public enum PublishStep: String, Sendable, Hashable, CaseIterable {
    /// The hit list was recomputed inside the transaction; nothing is written yet.
    case hitsComputed = "hits-computed"
    /// `.v<N>.tmp/` holds the three files; the transaction is still open.
    case temporaryFolderWritten = "temporary-folder-written"
    /// The version is committed as `pending`.
    case pendingCommitted = "pending-committed"
    /// The folder is renamed to `v<N>/`.
    case folderRenamed = "folder-renamed"
    /// The version is marked `written`.
    case markedWritten = "marked-written"
}

/// What a publish needs besides the draft: who publishes, at which as-of date, where the
/// outbox is and what time it is.
public struct PublishRequest: Sendable {
    public var ruleName: String
    public var user: String
    public var asOf: CivilDate
    /// The default as-of date of the warehouse; a publish at another date needs
    /// `allowsPastAsOf`.
    public var defaultAsOf: CivilDate?
    public var allowsPastAsOf: Bool
    public var outbox: Outbox
    public var now: UTCTimestamp

    public init(
        ruleName: String, user: String, asOf: CivilDate, defaultAsOf: CivilDate?, allowsPastAsOf: Bool,
        outbox: Outbox, now: UTCTimestamp
    ) {
        self.ruleName = ruleName
        self.user = user
        self.asOf = asOf
        self.defaultAsOf = defaultAsOf
        self.allowsPastAsOf = allowsPastAsOf
        self.outbox = outbox
        self.now = now
    }
}

/// Publishes a user's draft of a rule as its next version, with its outbox folder.
///
/// The checks that need no lock come first: the draft exists and has no error, the as-of date
/// is the default unless past dates are allowed, the same text was previewed at that date,
/// and the draft's base is the latest version. Then, holding the publish lock and the
/// `rules.db` write lock, the publish checks the base again, recomputes the hits and stops
/// when their counts differ from the preview's. It writes `.v<N>.tmp/`, commits the version
/// as `pending`, renames the folder to `v<N>/` and marks the version `written`.
///
/// A failure before the rename leaves no version and no folder. After the rename the version
/// is complete in the outbox, so the publish marks it written even when a later step failed;
/// when even that fails, the next start-up does it.
public final class Publisher {
    public let store: RuleStore
    public let engine: AnalysisEngine
    /// Runs after each step; tests throw from it to inject a failure there.
    public var afterStep: (PublishStep) throws -> Void = { _ in }

    public init(store: RuleStore, engine: AnalysisEngine) {
        self.store = store
        self.engine = engine
    }

    private var database: Database { store.database }

    /// Checks the text of a draft against the warehouse.
    public func check(_ draft: RuleDraft) throws -> RuleChecker.Output {
        RuleChecker(catalog: try WarehouseCatalog(warehouse: engine.warehouse)).check(draft.text)
    }

    /// Publishes `request.user`'s draft of `request.ruleName` and returns the written version.
    public func publish(_ request: PublishRequest) throws -> RuleVersion {
        let name = request.ruleName
        guard let draft = try store.draft(of: name, by: request.user) else {
            let others = try store.drafts(of: name).map(\.user)
            throw PublishingError.noDraft(rule: name, user: request.user, otherUsers: others)
        }
        let checked = try check(draft)
        guard let rule = checked.rule, rule.name == name else {
            throw PublishingError.draftHasErrors(rule: name, user: request.user, errors: max(1, checked.errors.count))
        }
        let isDefaultAsOf = request.asOf == request.defaultAsOf
        if !isDefaultAsOf && !request.allowsPastAsOf {
            throw PublishingError.pastAsOfNotAllowed(rule: name, asOf: request.asOf, defaultAsOf: request.defaultAsOf)
        }
        guard let preview = try store.latestPreview(of: name, by: request.user, textSHA256: draft.textSHA256) else {
            throw PublishingError.notPreviewed(rule: name, user: request.user)
        }
        if preview.asOf != request.asOf {
            throw PublishingError.previewAsOfDiffers(
                rule: name, previewAsOf: preview.asOf, publishAsOf: request.asOf, isDefault: isDefaultAsOf)
        }
        try checkBase(of: draft)

        guard let lock = try PublishLock(storePath: store.path, waits: true) else {
            preconditionFailure("a waiting flock returned without the lock")
        }
        return try withExtendedLifetime(lock) {
            _ = try store.repairLocked(outboxRoot: nil)
            try database.execute("PRAGMA synchronous = FULL")
            defer { try? database.execute("PRAGMA synchronous = NORMAL") }
            let pending = try commitPending(rule: rule, draft: draft, preview: preview, request: request)
            return try finish(pending)
        }
    }

    /// Throws `staleBase` when a version later than the draft's base exists.
    private func checkBase(of draft: RuleDraft) throws {
        guard let latest = try store.latestVersionNumber(of: draft.ruleName), latest != draft.baseVersion else { return }
        let version = try store.version(latest, of: draft.ruleName)
        throw PublishingError.staleBase(
            rule: draft.ruleName, baseVersion: draft.baseVersion, latest: latest,
            publishedBy: version?.publishedBy ?? "another user", publishedAt: version?.publishedAt.stored ?? "an unknown time")
    }

    /// Recomputes the hits, writes `.v<N>.tmp/` and commits the version as `pending`, all in
    /// one `rules.db` transaction. On failure it rolls back and removes the temporary folder.
    private func commitPending(
        rule: Rule, draft: RuleDraft, preview: RecordedPreview, request: PublishRequest
    ) throws -> RuleVersion {
        var temporary: String?
        try database.execute("BEGIN IMMEDIATE")
        do {
            try checkBase(of: draft)
            let hits = try RulePreview(rule: rule, engine: engine, asOf: request.asOf)
            try afterStep(.hitsComputed)
            if hits.hits.count != preview.hitCount || hits.targetCount != preview.targetCount {
                throw PublishingError.countChanged(
                    rule: rule.name, asOf: request.asOf, previewedHits: preview.hitCount,
                    previewedTargets: preview.targetCount, hits: hits.hits.count, targets: hits.targetCount)
            }
            let number = (try store.latestVersionNumber(of: rule.name) ?? 0) + 1
            let folder = request.outbox.folder(rule: rule.name, version: number)
            let temporaryFolder = Outbox.temporaryFolder(for: folder)
            temporary = temporaryFolder
            Outbox.remove(temporaryFolder)
            if FileManager.default.fileExists(atPath: folder) {
                throw PublishingError.outboxFailed(
                    path: folder, reason: "it already exists, but rules.db has no version \(number) of \(rule.name)")
            }
            let contacts = try self.contacts(of: hits)
            let (targetsSHA256, holdoutSHA256) = try Outbox.writeLists(
                targets: contacts.targets, holdout: contacts.holdout, into: temporaryFolder)
            let version = RuleVersion(
                ruleName: rule.name, version: number, text: draft.text, textSHA256: draft.textSHA256,
                action: rule.action, currency: try engine.warehouse.currency().code, holdout: rule.holdout,
                asOf: request.asOf, publishedBy: request.user, publishedAt: request.now,
                validUntil: UTCTimestamp(secondsSinceEpoch: request.now.secondsSinceEpoch + rule.validDays * 86_400),
                targetCount: hits.targetCount, holdoutCount: hits.holdoutCount, targetsSHA256: targetsSHA256,
                holdoutSHA256: holdoutSHA256, folder: folder, state: .pending, withdrawnBy: nil, withdrawnAt: nil)
            try Outbox.writeManifest(OutboxManifest(version), into: temporaryFolder)
            try afterStep(.temporaryFolderWritten)
            try insert(version, hits: hits.hits)
            try database.execute("COMMIT")
            return version
        } catch {
            if !database.isAutocommit {
                try? database.execute("ROLLBACK")
            }
            if let temporary {
                Outbox.remove(temporary)
            }
            throw error
        }
    }

    /// Renames the folder and marks the version written. A failure before the rename removes
    /// the version; one after it still marks the version written before it is rethrown.
    private func finish(_ version: RuleVersion) throws -> RuleVersion {
        var isRenamed = false
        do {
            try afterStep(.pendingCommitted)
            try Outbox.publish(temporary: Outbox.temporaryFolder(for: version.folder), as: version.folder)
            isRenamed = true
            try afterStep(.folderRenamed)
            try store.markWritten(version)
            try afterStep(.markedWritten)
        } catch {
            if isRenamed {
                try store.markWritten(version)
            } else {
                try store.removePending(version)
            }
            throw error
        }
        guard let written = try store.version(version.version, of: version.ruleName) else {
            preconditionFailure("version \(version.version) of \(version.ruleName) vanished after it was written")
        }
        return written
    }

    /// Inserts the pending version and its hit list. The audit entry waits until the version is written.
    private func insert(_ version: RuleVersion, hits: [RuleHit]) throws {
        let (action, value, cost): (String, Int64?, Int64?) =
            switch version.action {
            case .offer(_, let value, let cost): ("offer", value.cents, cost.cents)
            case .flag: ("flag", nil, nil)
            }
        try database.execute(
            """
            INSERT INTO versions (rule_name, version, text, text_sha256, action, action_name, value_minor_units,
                                  cost_minor_units, currency, holdout_basis_points, as_of, published_by, published_at,
                                  valid_until, target_count, holdout_count, targets_sha256, holdout_sha256, folder, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')
            """,
            [
                version.ruleName, version.version, version.text, version.textSHA256, action, version.action.name, value,
                cost, version.currency, version.holdout.basisPoints, version.asOf.iso, version.publishedBy,
                version.publishedAt.stored, version.validUntil.stored, version.targetCount, version.holdoutCount,
                version.targetsSHA256, version.holdoutSHA256, version.folder,
            ])
        for hit in hits {
            try database.execute(
                "INSERT INTO version_hits (rule_name, version, customer_id, is_held_out) VALUES (?, ?, ?, ?)",
                [version.ruleName, version.version, hit.customerID, hit.group == .holdout])
        }
    }

    /// Reads the email of every hit from the warehouse, split into targets and holdout.
    private func contacts(of preview: RulePreview) throws -> (targets: [Outbox.Contact], holdout: [Outbox.Contact]) {
        let ids = preview.hits.map(\.customerID)
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ids), as: UTF8.self)
        var emails: [String: String] = [:]
        emails.reserveCapacity(ids.count)
        // The ids travel as one bound JSON array, never as SQL text.
        _ = try engine.warehouse.database.query(
            "SELECT customer_id, email FROM customers WHERE customer_id IN (SELECT value FROM json_each(?))", [json]
        ) { row in
            emails[row.text(0)] = row.text(1)
        }
        var targets: [Outbox.Contact] = []
        var holdout: [Outbox.Contact] = []
        for hit in preview.hits {
            let contact = Outbox.Contact(customerID: hit.customerID, email: emails[hit.customerID] ?? "")
            if hit.group == .target {
                targets.append(contact)
            } else {
                holdout.append(contact)
            }
        }
        return (targets, holdout)
    }
}

extension OutboxManifest {
    /// The manifest of a version.
    public init(_ version: RuleVersion) {
        var value: Int64?
        var cost: Int64?
        var action = "flag"
        if case .offer(_, let offerValue, let offerCost) = version.action {
            action = "offer"
            value = offerValue.cents
            cost = offerCost.cents
        }
        self.init(
            name: version.ruleName, version: version.version, text: version.text, action: action,
            actionName: version.action.name, valueMinorUnits: value, costMinorUnits: cost, currency: version.currency,
            holdoutPercent: version.holdout.description, validFrom: version.publishedAt.stored,
            validUntil: version.validUntil.stored, asOf: version.asOf.iso, publishedBy: version.publishedBy,
            publishedAt: version.publishedAt.stored, targetCount: version.targetCount,
            holdoutCount: version.holdoutCount, targetsSHA256: version.targetsSHA256,
            holdoutSHA256: version.holdoutSHA256)
    }
}
