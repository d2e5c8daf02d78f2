import CSQLite
import Foundation

/// Builds a sample warehouse: generates the data, writes it into a new file and moves the
/// file into place.
///
/// The rows go into a fresh file beside the target, with the rollback journal and
/// `synchronous` off, in one transaction. The secondary indexes are dropped while rows arrive
/// and created again afterwards. Each table is filled in key order, so its B-tree only grows
/// at the right edge. Then the identity links are rebuilt, the batch is recorded and
/// the generation bumped, exactly as an import does, and the file is switched to WAL,
/// synced, and renamed over the target. Until that rename the target is untouched, so a
/// failure or an interruption leaves it as it was.
public final class SampleBuilder {
    /// The steps of a build, in order.
    public enum Phase: String, CaseIterable, Sendable {
        case generate = "generate"
        case write = "write rows"
        case index = "build indexes"
        case link = "link identities"
        case finish = "commit and sync"
        case derive = "refresh derived data"
    }

    public enum Progress: Sendable {
        case phase(Phase)
        case rows(table: String, written: Int, total: Int)
    }

    /// The outcome of a build.
    public struct Report: Sendable {
        public var path: String
        public var currency: Currency
        public var batchID: Int64 = 0
        /// Rows per raw table, in table order.
        public var rows: [(table: String, rows: Int)] = []
        public var memberLinks = 0
        /// Seconds spent in each phase that ran, in order.
        public var phaseSeconds: [(phase: Phase, seconds: Double)] = []
        public var replacedExisting = false
    }

    public let customers: Int
    public let seed: UInt64
    public var progress: ((Progress) -> Void)?
    /// Returns the name of a signal that asked the build to stop, checked between rows.
    public var interruption: () -> String? = { nil }

    /// The largest sample accepted, which keeps every id within its sort key.
    public static let maximumCustomers = 10_000_000

    public init(customers: Int, seed: UInt64) {
        precondition((1...SampleBuilder.maximumCustomers).contains(customers), "sample of \(customers) customers")
        self.customers = customers
        self.seed = seed
    }

    /// The text recorded as the batch's file and in the `sample` setting.
    public var description: String { "dotwork sample --customers \(customers) --seed \(seed)" }

    /// Builds the sample warehouse at `path`, then calls `afterCommit` with it open, which is
    /// where derived data is refreshed.
    ///
    /// An existing warehouse is replaced only when it has no rows or `replacing` is set; it
    /// keeps its currency unless another is given with `replacing`.
    public func build(
        at path: String, currency requested: Currency?, replacing: Bool,
        afterCommit: (Warehouse) throws -> Void = { _ in }
    ) throws -> Report {
        let target = try checkTarget(path, requested: requested, replacing: replacing)
        var report = Report(path: path, currency: target.currency, replacedExisting: target.exists)
        var clock = PhaseClock(progress: progress)

        clock.start(.generate)
        let dataset = SampleGenerator.generate(customers: customers, seed: seed)
        try checkInterruption()

        let temporary = SampleBuilder.temporaryPath(for: path)
        SampleBuilder.removeDatabaseFiles(temporary)
        do {
            try write(dataset, to: temporary, currency: target.currency, report: &report, clock: &clock)
            try checkInterruption()
            try SampleBuilder.sync(temporary)
            try moveIntoPlace(temporary, over: path, exists: target.exists)
        } catch {
            SampleBuilder.removeDatabaseFiles(temporary)
            throw error
        }

        clock.start(.derive)
        let warehouse = try Warehouse.open(at: path)
        try afterCommit(warehouse)
        report.phaseSeconds = clock.finish()
        return report
    }

    // MARK: The target

    private struct Target {
        var exists: Bool
        var currency: Currency
    }

    private func checkTarget(_ path: String, requested: Currency?, replacing: Bool) throws -> Target {
        guard FileManager.default.fileExists(atPath: path) else {
            return Target(exists: false, currency: requested ?? .default)
        }
        let warehouse = try Warehouse.open(at: path, readOnly: true)
        let existing = try warehouse.currency()
        let tablesWithRows = try Warehouse.rawTableNames.filter { table in
            // Table names come from the fixed list, never from input.
            try warehouse.database.scalarInteger("SELECT EXISTS (SELECT 1 FROM \(table))") == 1
        }
        if !tablesWithRows.isEmpty && !replacing {
            throw SampleError.warehouseHasData(path: path, tables: tablesWithRows)
        }
        if let requested, requested != existing, !replacing {
            throw WarehouseError.currencyMismatch(path: path, existing: existing.code, requested: requested.code)
        }
        return Target(exists: true, currency: requested ?? existing)
    }

    /// Returns a hidden path beside the target, so the final rename stays on one file system.
    static func temporaryPath(for path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = "." + (path as NSString).lastPathComponent + ".sample-\(getpid()).tmp"
        return (folder as NSString).appendingPathComponent(name)
    }

    static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    // MARK: Writing

    private func write(
        _ dataset: SampleDataset, to path: String, currency: Currency, report: inout Report, clock: inout PhaseClock
    ) throws {
        var configuration = Database.Configuration()
        configuration.usesWriteAheadLog = false
        let warehouse = try Warehouse.create(at: path, currency: currency, configuration: configuration).warehouse
        let database = warehouse.database
        try database.execute(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -1048576;
            PRAGMA threads = 2;
            """)

        let indexes = try database.query(
            "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
        ) { (name: $0.text(0), table: $0.text(1), sql: $0.text(2)) }
        let startedAt = Timestamp.now()

        try database.writeTransaction {
            for index in indexes {
                // Index names come from the schema itself.
                try database.execute("DROP INDEX \(index.name)")
            }

            clock.start(.write)
            var sink = SampleDatabaseSink(database: database)
            report.rows = try emit(dataset, into: &sink)
            for attribute in SampleTable.attributes {
                let hasValues = try database.scalarInteger(
                    "SELECT EXISTS (SELECT 1 FROM customers WHERE attributes ->> ? IS NOT NULL)", ["$." + attribute.name]) == 1
                try database.execute(
                    "INSERT INTO attribute_types (name, type) VALUES (?, ?)",
                    [attribute.name, (hasValues ? attribute.type : .text).rawValue])
            }
            try checkInterruption()

            // Links need the match-key indexes; the links' own index is built after them.
            clock.start(.index)
            for index in indexes where index.table != "member_links" {
                try database.execute(index.sql)
            }
            try checkInterruption()
            clock.start(.link)
            try IdentityLinks.rebuild(database)
            for index in indexes where index.table == "member_links" {
                try database.execute(index.sql)
            }
            report.memberLinks = Int(try database.scalarInteger("SELECT count(*) FROM member_links") ?? 0)
            try checkInterruption()

            clock.start(.finish)
            try warehouse.setSetting("sample", "--customers \(customers) --seed \(seed) --generator \(SampleGenerator.version)")
            let batch = BatchRecord(
                kind: "sample", file: description, fileSize: 0, sha256: "", startedAt: startedAt, mode: .replace,
                added: report.rows.reduce(0) { $0 + $1.rows })
            report.batchID = try batch.commit(to: database)
        }
        let journalMode = try database.scalarText("PRAGMA journal_mode = WAL")
        guard journalMode == "wal" else {
            throw DatabaseError(
                extendedResultCode: SQLITE_ERROR,
                message: "cannot switch \(path) to write-ahead logging (journal mode stays \(journalMode ?? "unknown"))")
        }
    }

    /// Flushes the finished file to disk, which `synchronous = OFF` skipped, before it
    /// replaces the target.
    static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw SampleError.notWritable(path: path, reason: reason)
        }
        close(descriptor)
    }

    /// Renames the new file over the target.
    ///
    /// An existing target is first switched out of WAL, which checkpoints and deletes its
    /// `-wal` and `-shm` files so that no stale log is replayed into the new file. SQLite
    /// allows the switch only when no other connection has the file open, which is how a
    /// warehouse in use is detected. An exclusive lock then keeps others out until the
    /// rename is done.
    private func moveIntoPlace(_ temporary: String, over path: String, exists: Bool) throws {
        var old: Database?
        if exists {
            var configuration = Database.Configuration()
            configuration.usesWriteAheadLog = false
            configuration.busyTimeoutMilliseconds = 1_000
            let database = try Database(path: path, mode: .readWrite, configuration: configuration)
            do {
                let mode = try database.scalarText("PRAGMA journal_mode = DELETE")
                guard mode == "delete" else { throw SampleError.warehouseInUse(path: path) }
                try database.execute("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE")
            } catch let error as DatabaseError where error.isBusy {
                throw SampleError.warehouseInUse(path: path)
            }
            old = database
        }
        guard rename(temporary, path) == 0 else {
            throw SampleError.notWritable(path: path, reason: String(cString: strerror(errno)))
        }
        if let old {
            try? old.execute("ROLLBACK")
            _ = old
        }
    }

    /// Emits every row of `dataset` into `sink` with progress and interruption checks, and
    /// returns the rows per table.
    private func emit<Sink: SampleSink>(_ dataset: SampleDataset, into sink: inout Sink) throws -> [(table: String, rows: Int)] {
        var emitter = SampleEmitter(dataset: dataset)
        emitter.checkInterruption = { [self] in try checkInterruption() }
        emitter.progress = { [progress] table, written, total in
            progress?(.rows(table: table.name, written: written, total: total))
        }
        try emitter.emit(into: &sink)
        return SampleTable.allCases.map { ($0.name, emitter.rowCount($0)) }
    }

    private func checkInterruption() throws {
        if let signal = interruption() {
            throw SampleError.interrupted(signal: signal)
        }
    }
}

/// Times the phases of a build and reports each start.
struct PhaseClock {
    let progress: ((SampleBuilder.Progress) -> Void)?
    private var current: (phase: SampleBuilder.Phase, started: ContinuousClock.Instant)?
    private var finished: [(phase: SampleBuilder.Phase, seconds: Double)] = []

    init(progress: ((SampleBuilder.Progress) -> Void)?) {
        self.progress = progress
    }

    mutating func start(_ phase: SampleBuilder.Phase) {
        stopCurrent()
        current = (phase, ContinuousClock.now)
        progress?(.phase(phase))
    }

    mutating func finish() -> [(phase: SampleBuilder.Phase, seconds: Double)] {
        stopCurrent()
        return finished
    }

    private mutating func stopCurrent() {
        guard let current else { return }
        let elapsed = ContinuousClock.now - current.started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        finished.append((current.phase, seconds))
        self.current = nil
    }
}

extension SampleBuilder {
    /// Writes the sample as CSV files, one per table named after it, into `folder`, which is
    /// created when missing. Files of the same names are overwritten.
    public func writeCSV(folder: String) throws -> Report {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SampleError.notWritable(path: folder, reason: error.localizedDescription)
        }
        var report = Report(path: folder, currency: .default)
        var clock = PhaseClock(progress: progress)
        clock.start(.generate)
        let dataset = SampleGenerator.generate(customers: customers, seed: seed)
        try checkInterruption()

        clock.start(.write)
        var sink = SampleCSVSink(folder: folder)
        report.rows = try emit(dataset, into: &sink)
        report.phaseSeconds = clock.finish()
        return report
    }
}
