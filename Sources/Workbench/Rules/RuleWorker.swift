import Analysis
import Dispatch
import Expressions
import Rules
import Terminal
import Warehouse

/// A preview to compute: the checked rule, the text it came from, and the generation that
/// distinguishes its events from those of older requests.
struct RulePreviewRequest: Sendable {
    let generation: Int
    let rule: Rule
    let text: String
    /// Set when a newer text makes this preview stale; the worker checks it between steps.
    let cancellation: Cancellation
}

/// The Rules screen's worker thread, with its own read-only warehouse connection, its own
/// `AnalysisEngine` and its own connection to `rules.db`.
///
/// The connections and the engine are created and used only on the worker's serial queue,
/// which makes the `@unchecked Sendable` safe. The generation counter is touched only on the
/// main thread. A preview runs in steps that post as they finish: count, split and cost
/// first, then the recorded preview and the sample, then overlaps and differences. Between
/// steps the worker drops a request whose cancellation is set, so a burst of edits costs at
/// most the step already running. It has its own engine rather than a `QueryRunner` worker,
/// so a long pivot never delays the count an analyst waits for while typing.
final class RuleWorker: @unchecked Sendable {
    /// Touched only on `queue`, after `init`.
    private var setting: WarehouseSetting
    let rules: RuleSetting
    private let queue = DispatchQueue(label: "dotwork.rules", qos: .userInitiated)
    private let post: @Sendable (RuleEvent) -> Void
    /// Touched only on `queue`.
    private var engine: AnalysisEngine?
    /// Touched only on `queue`.
    private var store: RuleStore?
    /// A read-only store for the rule list of a user who may not write `rules.db`. Touched
    /// only on `queue`.
    private var readingStore: RuleStore?
    /// Main thread only.
    private var lastGeneration = 0
    /// Previews requested so far. Main thread only.
    private(set) var previewsRequested = 0

    /// Hits listed under the preview's figures, as many as `dotwork rule preview` shows.
    static let sampleSize = 20

    init(setting: WarehouseSetting, rules: RuleSetting, post: @escaping @Sendable (RuleEvent) -> Void) {
        self.setting = setting
        self.rules = rules
        self.post = post
    }

    /// Returns a generation number no earlier request has.
    func nextGeneration() -> Int {
        lastGeneration += 1
        return lastGeneration
    }

    /// Opens the engine and builds its context for the as-of date, so the first preview
    /// an analyst waits for costs no more than later ones.
    func warmUp() {
        queue.async { [self] in
            guard let engine = try? openEngine(), let condition = Checker.check("tier = none", catalog: InMemoryCatalog()).condition
            else { return }
            _ = try? engine.customerMatches(condition, asOf: setting.asOf)
        }
    }

    /// Reads every rule with a draft or a version, with its state, and posts the list.
    func loadList() {
        queue.async { [self] in
            do {
                guard let store = try openStoreForReading() else {
                    // Nothing was saved or published yet, and this user cannot create rules.db.
                    post(.listed([]))
                    return
                }
                let now = try rules.now()
                let versions = Dictionary(uniqueKeysWithValues: try store.latestVersions().map { ($0.ruleName, $0) })
                let drafts = Dictionary(grouping: try store.allDrafts(), by: \.ruleName)
                let entries = Set(versions.keys).union(drafts.keys).sorted().map { name in
                    entry(name: name, version: versions[name], drafts: drafts[name] ?? [], now: now)
                }
                post(.listed(entries))
            } catch {
                post(.listFailed(RuleWorker.describe(error)))
            }
        }
    }

    private func entry(name: String, version: RuleVersion?, drafts: [RuleDraft], now: UTCTimestamp) -> RuleListEntry {
        let own = drafts.first { $0.user == rules.user }
        let other = drafts.first { $0.user != rules.user }
        let (text, origin): (String, String) =
            if let own { (own.text, "your draft") }
            else if let version { (version.text, "v\(version.version)") }
            else if let other { (other.text, "\(other.user)'s draft") }
            else { ("", "nothing") }
        return RuleListEntry(
            name: name, state: RuleState.describe(latest: version, drafts: drafts, now: now), version: version?.version,
            validUntil: version?.validUntil.stored, publishedBy: version?.publishedBy, draftUsers: drafts.map(\.user),
            text: text, origin: origin)
    }

    /// Computes a preview in steps, posting each as it finishes; see the type's comment.
    func preview(_ request: RulePreviewRequest) {
        previewsRequested += 1
        queue.async { [self] in
            guard !request.cancellation.isCancelled else { return }
            let generation = request.generation
            do {
                let engine = try openEngine()
                let started = ContinuousClock.now
                let preview = try RulePreview(rule: request.rule, engine: engine, asOf: setting.asOf)
                let fields = preview.summaryFields(currency: setting.currency)
                post(
                    .counted(
                        generation: generation,
                        RulePreviewFigures(
                            ruleName: request.rule.name, hits: preview.hits.count, targets: preview.targetCount,
                            holdout: preview.holdoutCount, optOutsRemoved: preview.optOutsRemoved, fields: fields,
                            maxCost: preview.maxCost == nil ? nil : fields.first { $0.label == "max cost" }?.value,
                            elapsed: started.duration(to: .now))))

                guard !request.cancellation.isCancelled else { return }
                let sample = try preview.sample(limit: RuleWorker.sampleSize, engine: engine)
                post(.sampled(generation: generation, sample))

                guard !request.cancellation.isCancelled else { return }
                // Publishing compares its recount with this record, as after `dotwork rule preview`.
                let store = try openStore()
                let now = try rules.now()
                try store.record(
                    RecordedPreview(
                        user: rules.user, ruleName: request.rule.name, textSHA256: ruleTextChecksum(request.text),
                        asOf: setting.asOf, hitCount: preview.hits.count, targetCount: preview.targetCount,
                        holdoutCount: preview.holdoutCount, previewedAt: now.stored))
                let comparison = try PreviewComparison(preview: preview, store: store, engine: engine, now: now)
                let nextVersion = (try store.latestVersionNumber(of: request.rule.name) ?? 0) + 1
                post(
                    .compared(
                        generation: generation,
                        RuleComparisonFigures(fields: comparison.summaryFields, overlaps: comparison.overlaps, nextVersion: nextVersion)))
            } catch {
                post(.previewFailed(generation: generation, RuleWorker.describe(error)))
            }
        }
    }

    /// Saves `text` as the user's draft and publishes it through the same `Publisher` as
    /// `dotwork rule publish`, at the workbench's as-of date, into the outbox of `rules`.
    func publish(text: String, ruleName: String) {
        queue.async { [self] in
            do {
                let engine = try openEngine()
                let store = try openStore()
                let now = try rules.now()
                try store.saveDraft(text: text, ruleName: ruleName, user: rules.user, at: now)
                let request = PublishRequest(
                    ruleName: ruleName, user: rules.user, asOf: setting.asOf,
                    defaultAsOf: try AsOf.resolve(engine.warehouse.database).date, allowsPastAsOf: false,
                    outbox: Outbox(root: rules.outboxRoot), now: now)
                post(.published(try Publisher(store: store, engine: engine).publish(request)))
            } catch {
                post(.publishFailed(rule: ruleName, RuleWorker.describe(error)))
            }
        }
    }

    /// Measures the latest written version of `ruleName` against its holdout at the
    /// workbench's as-of date, as `dotwork rule measure NAME` does.
    func measure(ruleName: String) {
        queue.async { [self] in
            do {
                let engine = try openEngine()
                let store = try openStore()
                let version = try store.writtenVersion(nil, of: ruleName)
                let measurement = try RuleMeasurement.measure(
                    version, hits: try store.hits(of: ruleName, version: version.version),
                    warehouse: engine.warehouse.database, asOf: setting.asOf)
                post(.measured(measurement))
            } catch {
                post(.measureFailed(rule: ruleName, RuleWorker.describe(error)))
            }
        }
    }

    /// Makes the jobs after those queued so far read `setting`, with a new engine.
    func reopen(_ setting: WarehouseSetting) {
        queue.async { [self] in
            self.setting = setting
            engine = nil
        }
    }

    /// Waits until every job queued so far has run; tests use it to settle.
    func waitUntilIdle() {
        queue.sync {}
    }

    private func openEngine() throws -> AnalysisEngine {
        if let engine {
            return engine
        }
        let opened = try AnalysisEngine(warehouse: try Warehouse.open(at: setting.path, readOnly: true))
        engine = opened
        return opened
    }

    private func openStore() throws -> RuleStore {
        if let store {
            return store
        }
        let opened = try RuleStore.open(at: rules.storePath, outboxRoot: rules.outboxRoot)
        store = opened
        return opened
    }

    /// Returns the store for the rule list: the read-write one when this user may write it,
    /// else a read-only one, or nil when `rules.db` does not exist and cannot be created.
    private func openStoreForReading() throws -> RuleStore? {
        if let store {
            return store
        }
        if let readingStore {
            return readingStore
        }
        if (try? RuleStore.requireWritable(rules.storePath)) != nil {
            return try openStore()
        }
        readingStore = try RuleStore.openForReading(at: rules.storePath, outboxRoot: rules.outboxRoot)
        return readingStore
    }

    /// Returns the message of a failure, with its help when it has one.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PublishingError {
            return error.message + "; " + error.help
        }
        return QueryWorker.describe(error)
    }
}
