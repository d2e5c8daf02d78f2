import Dispatch
import Rules
import Warehouse

/// Writes drafts to `rules.db` on a thread of its own, so typing never waits on the disk
/// and a running preview never delays a draft.
///
/// Its connection is opened and used only on its serial queue, which makes the `@unchecked
/// Sendable` safe. Each write is one SQLite transaction in WAL mode: a killed process loses
/// only the writes not yet committed.
final class DraftWriter: @unchecked Sendable {
    let rules: RuleSetting
    private let queue = DispatchQueue(label: "dotwork.drafts", qos: .userInitiated)
    private let post: @Sendable (RuleEvent) -> Void
    /// Touched only on `queue`.
    private var store: RuleStore?

    init(rules: RuleSetting, post: @escaping @Sendable (RuleEvent) -> Void) {
        self.rules = rules
        self.post = post
    }

    /// Queues a write of `text` as the user's draft of `ruleName`.
    func save(text: String, ruleName: String) {
        queue.async { [self] in
            do {
                let store = try openStore()
                let draft = try store.saveDraft(text: text, ruleName: ruleName, user: rules.user, at: try rules.now())
                post(.draftSaved(rule: ruleName, textSHA256: draft.textSHA256))
            } catch {
                post(.draftFailed(rule: ruleName, RuleWorker.describe(error)))
            }
        }
    }

    /// Waits until every write queued so far is committed. The flush hook calls it on
    /// SIGHUP and SIGTERM, and tests to settle.
    func waitUntilWritten() {
        queue.sync {}
    }

    private func openStore() throws -> RuleStore {
        if let store {
            return store
        }
        let opened = try RuleStore.open(at: rules.storePath, outboxRoot: nil)
        store = opened
        return opened
    }
}
