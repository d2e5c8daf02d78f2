import Rules
import Warehouse

/// The `rules.db`, outbox and user of the Rules screen: the same ones that the `dotwork rule`
/// commands use for the same warehouse.
struct RuleSetting: Sendable {
    /// `rules.db` beside the warehouse.
    let storePath: String
    /// `--outbox DIR`, else `outbox/` beside the warehouse.
    let outboxRoot: String
    /// The Unix user whose drafts the screen writes.
    let user: String
    /// The environment that `RuleClock` reads `DOTWORK_NOW` from.
    let environment: [String: String]

    init(warehousePath: String, outbox: String? = nil, user: String = UnixUser.current(), environment: [String: String] = [:]) {
        storePath = RuleStore.path(besideWarehouse: warehousePath)
        outboxRoot = outbox ?? RuleStore.defaultOutbox(besideWarehouse: warehousePath)
        self.user = user
        self.environment = environment
    }

    /// Keeps drafts in the store at `storePath` and publishes into `outboxRoot`, wherever the
    /// warehouse is; tests use it to give each case its own store.
    init(storePath: String, outboxRoot: String, user: String, environment: [String: String] = [:]) {
        self.storePath = storePath
        self.outboxRoot = outboxRoot
        self.user = user
        self.environment = environment
    }

    /// Returns the instant that validity is read at: `DOTWORK_NOW`, else the system clock.
    func now() throws -> UTCTimestamp {
        try RuleClock.now(environment: environment)
    }
}
