import Expressions
import Foundation
import Warehouse

/// Every figure dotwork shows, computed from the fastest data that matches the warehouse.
///
/// Design. SQL over the raw tables (`ReferencePivot`, `ReferenceCohorts`,
/// `ReferenceRetention`, `ReferenceDrillDown`) is the definition of every figure, and too slow
/// for interactive work at a million customers. So every import and sample ends with
/// `refresh`, which writes a columnar snapshot of the committed data into
/// `<warehouse>.derived/g<generation>/`: arrays of integers that readers map rather than
/// load (see `Snapshot`). The fast engine (`FastContext`, `FastPivot`) walks those arrays
/// once per question. The folder is named after the warehouse's generation number, which
/// each import bumps in the same transaction as its rows, so a reader uses a snapshot only
/// when it matches the committed data; otherwise it falls back to SQL and reports that, and a
/// writer rebuilds it. Tests hold the fast engine to the SQL reference on every pivot the
/// grain allows.
public final class AnalysisEngine {
    public let warehouse: Warehouse
    /// The snapshot of the current generation, or nil when there is none yet.
    public let snapshot: Snapshot?

    private var contexts: [String: FastContext] = [:]
    /// Contexts of recent filters, newest last, because evaluating a filter over every
    /// customer costs about as much as a pivot, and an analyst pivots one filter many ways.
    private var filteredContexts: [(asOf: CivilDate, filter: Condition, context: FastContext)] = []

    /// The number of filtered contexts kept. Each takes two bytes per customer and one per member.
    static let filteredContextLimit = 4

    /// Opens the snapshot that matches the warehouse's generation, if there is one.
    public init(warehouse: Warehouse) throws {
        self.warehouse = warehouse
        let folder = AnalysisEngine.snapshotFolder(warehouse: warehouse.path, generation: try warehouse.generation())
        snapshot = FileManager.default.fileExists(atPath: folder + "/manifest") ? try Snapshot(folder: folder) : nil
    }

    /// Returns the folder of all derived data of a warehouse file.
    public static func derivedFolder(warehouse path: String) -> String {
        path + ".derived"
    }

    /// Returns whether the snapshot of `generation` is written and complete.
    public static func hasSnapshot(warehouse path: String, generation: Int) -> Bool {
        FileManager.default.fileExists(atPath: snapshotFolder(warehouse: path, generation: generation) + "/manifest")
    }

    static func snapshotFolder(warehouse path: String, generation: Int) -> String {
        derivedFolder(warehouse: path) + "/g\(generation)"
    }

    /// Writes the snapshot of the current generation and removes those older than the one before.
    ///
    /// The files are written into a temporary folder and renamed into place, so a reader
    /// never sees half a snapshot. Run inside an import's write transaction, just before it
    /// commits, it writes the snapshot of the rows about to land: a reader that sees the new
    /// generation finds its snapshot already there, and never falls back to slow SQL. The
    /// previous generation stays for a reader that read its number just before the commit.
    /// Builders of one warehouse take turns on a lock file, `.derived/.lock`.
    public static func refresh(_ warehouse: Warehouse, progress: ((String) -> Void)? = nil) throws {
        let derived = derivedFolder(warehouse: warehouse.path)
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: derived, withIntermediateDirectories: true)
        } catch {
            throw SnapshotError.unwritable(path: derived, reason: error.localizedDescription)
        }
        let lock: FileLock
        do {
            lock = try FileLock(path: derived + "/.lock", waits: true)!
        } catch {
            throw SnapshotError.unwritable(path: error.path, reason: error.reason)
        }
        defer { lock.release() }
        let database = warehouse.database
        if database.isAutocommit {
            // The generation and the rows are read in one transaction, so they match.
            try database.readTransaction { try write(warehouse, into: derived, progress: progress) }
        } else {
            try write(warehouse, into: derived, progress: progress)
        }
    }

    private static func write(_ warehouse: Warehouse, into derived: String, progress: ((String) -> Void)?) throws {
        let generation = try warehouse.generation()
        let target = snapshotFolder(warehouse: warehouse.path, generation: generation)
        let temporary = derived + "/.g\(generation)-\(getpid()).tmp"
        let manager = FileManager.default
        try? manager.removeItem(atPath: temporary)
        var builder = SnapshotBuilder(database: warehouse.database, folder: temporary)
        builder.progress = progress
        do {
            _ = try builder.build()
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw error
        }
        try? manager.removeItem(atPath: target)
        do {
            try manager.moveItem(atPath: temporary, toPath: target)
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw SnapshotError.unwritable(path: target, reason: error.localizedDescription)
        }
        removeOutdated(in: derived, generation: generation)
    }

    /// Removes snapshots older than the previous generation and temporary folders whose
    /// builder is gone. Later generations stay: one may belong to an import about to commit.
    static func removeOutdated(in derived: String, generation: Int) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: derived)) ?? [] {
            if name.hasPrefix("g"), let number = Int(name.dropFirst()), number < generation - 1 {
                try? manager.removeItem(atPath: derived + "/" + name)
            } else if name.hasPrefix(".g"), name.hasSuffix(".tmp"),
                let dash = name.lastIndex(of: "-"),
                let builder = Int32(name[name.index(after: dash)...].dropLast(4)),
                builder == getpid() || (kill(builder, 0) != 0 && errno == ESRCH)
            {
                try? manager.removeItem(atPath: derived + "/" + name)
            }
        }
    }

    /// Whether figures come from the snapshot rather than from SQL.
    public var isFast: Bool { snapshot != nil }

    func fastContext(asOf: CivilDate, filter: Condition? = nil) -> FastContext? {
        guard let snapshot else { return nil }
        let unfiltered: FastContext
        if let cached = contexts[asOf.iso] {
            unfiltered = cached
        } else {
            unfiltered = FastContext(snapshot: snapshot, asOf: asOf)
            contexts[asOf.iso] = unfiltered
        }
        guard let filter else { return unfiltered }
        if let index = filteredContexts.firstIndex(where: { $0.asOf == asOf && $0.filter == filter }) {
            let cached = filteredContexts.remove(at: index)
            filteredContexts.append(cached)
            return cached.context
        }
        let keep = FastFilter(context: unfiltered).evaluate(filter)
        let filtered = FastContext(narrowing: unfiltered, to: keep)
        filteredContexts.append((asOf, filter, filtered))
        if filteredContexts.count > AnalysisEngine.filteredContextLimit {
            filteredContexts.removeFirst()
        }
        return filtered
    }

    /// Compiles a condition to the SQL subquery of the customers it keeps, for the reference path.
    static func filterSQL(_ condition: Condition?, asOf: CivilDate) -> CustomerFilterSQL? {
        guard let condition else { return nil }
        let fragment = SQLCompiler(asOf: asOf).customerQuery(condition)
        return CustomerFilterSQL(sql: fragment.sql, arguments: fragment.arguments)
    }

    // MARK: Figures

    /// Computes a pivot over the customers that `filter` keeps (all customers in scope without one).
    public func pivot(_ plan: PivotPlan, asOf: CivilDate, filter: Condition? = nil) throws -> PivotResult {
        if let context = fastContext(asOf: asOf, filter: filter) {
            return FastPivot(context: context, plan: plan).run()
        }
        return try referencePivot(plan, asOf: asOf, filter: filter)
    }

    /// Lists the ids of the customers in scope that `condition` keeps, in id order.
    public func customers(matching condition: Condition, asOf: CivilDate) throws -> [String] {
        if let context = fastContext(asOf: asOf) {
            let keep = FastFilter(context: context).evaluate(condition)
            return keep.indices.filter { keep[$0] }.map { context.snapshot.customerIDs[$0] }
        }
        let fragment = SQLCompiler(asOf: asOf).customerQuery(condition)
        return try warehouse.database.query(fragment.sql, fragment.arguments) { $0.text(0) }
    }

    /// Computes cohorts of the customers that `filter` keeps. With a filter the table has no
    /// guest row, because a filter keeps customers only.
    public func cohorts(by dimension: PivotDimension, asOf: CivilDate, filter: Condition? = nil) throws -> CohortTable {
        if let context = fastContext(asOf: asOf, filter: filter) {
            return context.cohorts(by: dimension)
        }
        return try referenceCohorts(by: dimension, asOf: asOf, filter: filter)
    }

    /// Computes the retention triangle of the customers that `filter` keeps.
    public func retention(asOf: CivilDate, filter: Condition? = nil) throws -> RetentionTable {
        if let context = fastContext(asOf: asOf, filter: filter) {
            return context.retention()
        }
        return try referenceRetention(asOf: asOf, filter: filter)
    }

    // MARK: The SQL reference

    /// Computes a pivot with SQL over the raw tables, whatever derived data there is.
    public func referencePivot(_ plan: PivotPlan, asOf: CivilDate, filter: Condition? = nil) throws -> PivotResult {
        try ReferencePivot(database: warehouse.database).run(plan, asOf: asOf, filter: AnalysisEngine.filterSQL(filter, asOf: asOf))
    }

    /// Computes cohorts with SQL over the raw tables, whatever derived data there is.
    public func referenceCohorts(by dimension: PivotDimension, asOf: CivilDate, filter: Condition? = nil) throws -> CohortTable {
        try ReferenceCohorts(database: warehouse.database).run(by: dimension, asOf: asOf, filter: AnalysisEngine.filterSQL(filter, asOf: asOf))
    }

    /// Computes the retention triangle with SQL over the raw tables, whatever derived data there is.
    public func referenceRetention(asOf: CivilDate, filter: Condition? = nil) throws -> RetentionTable {
        try ReferenceRetention(database: warehouse.database).run(asOf: asOf, filter: AnalysisEngine.filterSQL(filter, asOf: asOf))
    }

    public func drillDown(
        _ plan: PivotPlan, row: KeySelection, column: KeySelection, asOf: CivilDate, filter: Condition? = nil
    ) throws -> DrillDownResult {
        if let context = fastContext(asOf: asOf, filter: filter) {
            return try withNamesAndEmails(context.drillDown(plan, row: row, column: column))
        }
        return try ReferenceDrillDown(database: warehouse.database).cell(
            plan, row: row, column: column, asOf: asOf, filter: AnalysisEngine.filterSQL(filter, asOf: asOf))
    }

    public func drillDown(cohort key: PivotKey, by dimension: PivotDimension, asOf: CivilDate) throws -> DrillDownResult {
        let plan = try PivotPlan(rows: dimension, columns: dimension == .tier ? .region : .tier, measure: .customers)
        return try drillDown(plan, row: .key(key), column: .all, asOf: asOf)
    }

    /// Fills names and emails, which the snapshot does not keep, from the customers table.
    func withNamesAndEmails(_ result: DrillDownResult) throws -> DrillDownResult {
        let statement = try warehouse.database.cachedStatement("SELECT name, email FROM customers WHERE customer_id = ?")
        let customers = try result.customers.map { customer -> CustomerRecord in
            try statement.bind([customer.id])
            defer { try? statement.reset() }
            guard let row = try statement.step() else { return customer }
            return CustomerRecord(
                id: customer.id, name: row.optionalText(0), email: row.optionalText(1), region: customer.region,
                country: customer.country, channel: customer.channel, signupDate: customer.signupDate, tier: customer.tier)
        }
        return DrillDownResult(customers: customers, guestOrders: result.guestOrders, unlinkedMembers: result.unlinkedMembers)
    }
}
