import Foundation
import Rules
import Warehouse

/// The rules store, the user and the clock as the rule commands see them.
extension Invocation {
    /// Returns the Unix user from `getuid`.
    ///
    /// Debug builds, which the tests run, honour `DOTWORK_TEST_USER` instead, so one test can
    /// act as two users without creating accounts. Release builds ignore it, because a draft's
    /// owner must be the real user.
    func currentUser() -> String {
        #if DEBUG
            if let user = environment["DOTWORK_TEST_USER"], !user.isEmpty {
                return user
            }
        #endif
        return UnixUser.current()
    }

    /// Returns the instant that validity and expiry are read at: `DOTWORK_NOW` or the system clock.
    func now() throws -> UTCTimestamp {
        try RuleClock.now(environment: environment)
    }

    /// Returns the outbox folder: `--outbox DIR`, else `outbox/` beside the warehouse.
    func outbox() throws -> Outbox {
        let warehousePath = try warehouseLocation().path
        return Outbox(root: value("--outbox") ?? RuleStore.defaultOutbox(besideWarehouse: warehousePath))
    }

    /// Opens `rules.db` beside the warehouse, creating it unless `creating` is false, in which
    /// case a missing file gives nil and a file the user may only read opens read-only.
    /// Opening for writing repairs pending publishes, and each repair is reported on stderr.
    func openRuleStore(creating: Bool = true) throws -> RuleStore? {
        let warehousePath = try warehouseLocation().path
        guard FileManager.default.fileExists(atPath: warehousePath) else {
            throw WarehouseError.notFound(path: warehousePath)
        }
        let path = RuleStore.path(besideWarehouse: warehousePath)
        let outboxRoot = try outbox().root
        let store =
            creating
            ? try RuleStore.open(at: path, outboxRoot: outboxRoot)
            : try RuleStore.openForReading(at: path, outboxRoot: outboxRoot)
        for repair in store?.repairs ?? [] {
            switch repair.outcome {
            case .finished:
                Console.shared.message(
                    "note: finished the interrupted publish of \(repair.ruleName) v\(repair.version); its outbox folder was complete")
            case .removed:
                Console.shared.message(
                    "note: removed the interrupted publish of \(repair.ruleName) v\(repair.version); its outbox folder was incomplete")
            }
        }
        return store
    }

    /// Opens `rules.db`, creating it when missing.
    func ruleStore() throws -> RuleStore {
        guard let store = try openRuleStore(creating: true) else {
            preconditionFailure("opening rules.db with creation returned nothing")
        }
        return store
    }

    /// Returns the rule name argument after checking it against the name pattern.
    func ruleNameArgument() throws -> String {
        let name = arguments[0]
        guard RuleName.isValid(name) else {
            throw UsageError.invalidValue(
                option: "NAME", value: name, reason: "a rule name matches [a-z0-9][a-z0-9-]{0,62}",
                command: command.name)
        }
        return name
    }
}

/// Options the rule commands share.
enum RuleOptions {
    static let outbox = OptionSpec.value(
        "--outbox", "DIR", "the outbox folder that the back office reads (default: outbox/ beside the warehouse)")
    static let user = OptionSpec.value("--user", "USER", "read the draft of this Unix user instead of your own")
    static let nameArgument = "NAME"
}
