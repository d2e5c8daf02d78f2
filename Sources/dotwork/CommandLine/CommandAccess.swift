import Rules
import Warehouse

/// The start-up access check of each command: which files it reads or writes, checked before
/// it runs so that an unusable file stops it with the fix rather than halfway.
enum CommandAccess {
    /// Returns what `invocation`'s command uses of the warehouse's files.
    static func needs(_ invocation: Invocation) -> AccessCheck.Needs {
        switch invocation.command.name {
        case "":
            // The workbench launcher runs its own check, with the Rules screen's needs.
            return .nothing
        case "init", "import":
            return AccessCheck.Needs(warehouse: .write)
        case "sample":
            return invocation.isSet("--csv") ? .nothing : AccessCheck.Needs(warehouse: .write)
        case "stats", "cohorts", "pivot", "customers", "rule check":
            return AccessCheck.Needs(warehouse: .read)
        case "customer", "audit", "rule measure":
            return AccessCheck.Needs(warehouse: .read, rules: .read)
        case "rule list", "rule history", "rule show", "rule diff":
            return AccessCheck.Needs(warehouse: .none, rules: .read)
        case "rule preview":
            // A preview is recorded in rules.db, because publishing needs one of the same text.
            return AccessCheck.Needs(warehouse: .read, rules: .write)
        case "rule save":
            return AccessCheck.Needs(warehouse: .none, rules: .write)
        case "rule publish":
            return AccessCheck.Needs(warehouse: .read, rules: .write, outbox: .write)
        case "rule withdraw":
            return AccessCheck.Needs(warehouse: .none, rules: .write, outbox: .write)
        case let name:
            preconditionFailure("the command '\(name)' has no entry in CommandAccess.needs")
        }
    }

    /// Sets the team umask and checks the files the command needs. Returns the warnings, and
    /// throws `AccessCheckFailure` when a file is unusable.
    static func check(_ invocation: Invocation) throws -> [AccessProblem] {
        let needs = needs(invocation)
        guard needs != .nothing else { return [] }
        let warehousePath = try invocation.warehouseLocation().path
        TeamUmask.apply(forWarehouse: warehousePath)
        let layout = AccessCheck.Layout(warehousePath: warehousePath, outbox: invocation.value("--outbox"))
        return try AccessCheck.require(layout, needs: needs)
    }
}
