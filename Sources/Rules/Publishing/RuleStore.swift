import Foundation
import Warehouse

/// The rules file beside the warehouse (`rules.db`): drafts, published versions with their
/// frozen hit lists, recorded previews and the audit log.
///
/// It is a separate SQLite file with its own migrations, so that saving a draft or publishing
/// never waits on an import's write lock. It uses write-ahead logging and the connection's busy
/// timeout, so concurrent dotwork processes wait for each other rather than fail. Drafts are
/// written with `synchronous = NORMAL`: in WAL mode a commit then skips the fsync, and a power
/// loss can lose the last drafts but never corrupts the file. Publishing switches to `FULL`.
///
/// Opening the store repairs publishes that a dead process left `pending` (see
/// `repairPendingPublishes`), which is how every command that opens `rules.db` finishes or
/// removes them.
public final class RuleStore {
    public let database: Database
    public var path: String { database.path }
    /// What opening the store repaired, for the command to report.
    public private(set) var repairs: [PublishRepair] = []

    public static let migrator = Migrator(migrations: RuleStoreSchema.migrations)

    /// The file name of the store, in the warehouse's folder.
    public static let fileName = "rules.db"

    init(database: Database) {
        self.database = database
    }

    /// Returns the path of the store beside the warehouse at `warehousePath`.
    public static func path(besideWarehouse warehousePath: String) -> String {
        let folder = (warehousePath as NSString).deletingLastPathComponent
        return folder.isEmpty ? fileName : (folder as NSString).appendingPathComponent(fileName)
    }

    /// Returns the default outbox folder, `outbox/` beside the warehouse.
    public static func defaultOutbox(besideWarehouse warehousePath: String) -> String {
        let folder = (warehousePath as NSString).deletingLastPathComponent
        return folder.isEmpty ? "outbox" : (folder as NSString).appendingPathComponent("outbox")
    }

    /// The connection settings of the store: a publish writes a version's hits in one
    /// transaction, a million rows at most, so drafts and previews saved meanwhile wait for
    /// it rather than fail. Each is a short write once the lock is free.
    static let configuration: Database.Configuration = {
        var configuration = Database.Configuration()
        configuration.busyTimeoutMilliseconds = 600_000
        return configuration
    }()

    /// Opens the store at `path`, creating it when missing, brings its schema up to date and
    /// repairs pending publishes. `outboxRoot` is the outbox folder whose leftover temporary
    /// folders are removed too.
    public static func open(at path: String, outboxRoot: String?) throws -> RuleStore {
        try requireWritable(path)
        let database: Database
        do {
            database = try Database(path: path, mode: .create, configuration: RuleStore.configuration)
            try migrator.migrate(database)
        } catch Migrator.Failure.schemaNewerThanBinary(let path, let fileVersion, let supportedVersion) {
            throw PublishingError.storeTooNew(path: path, fileVersion: fileVersion, supportedVersion: supportedVersion)
        }
        try database.execute("PRAGMA synchronous = NORMAL")
        let store = RuleStore(database: database)
        store.repairs = try store.repairPendingPublishes(outboxRoot: outboxRoot)
        return store
    }

    /// Opens the store when its file exists, and returns nil otherwise, for commands that only
    /// read it and should not create it.
    public static func openIfExists(at path: String, outboxRoot: String?) throws -> RuleStore? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try open(at: path, outboxRoot: outboxRoot)
    }

    /// The number of the latest version of a rule, pending or written, or nil before the
    /// first publish.
    public func latestVersionNumber(of ruleName: String) throws -> Int? {
        try database.scalarInteger("SELECT max(version) FROM versions WHERE rule_name = ?", [ruleName]).map(Int.init)
    }
}

/// The SHA-256 of a rule text's UTF-8 bytes, which keys previews to the text they ran.
public func ruleTextChecksum(_ text: String) -> String {
    SHA256.hex(of: Array(text.utf8))
}

extension RuleStore {
    /// Throws `storeNotWritable` when this process may not write the store at `path`, or may
    /// not create it, so the caller gets that message rather than SQLite's "unable to open
    /// database file" or "attempt to write a readonly database".
    public static func requireWritable(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let files = [path, path + "-wal", path + "-shm"]
        let existing = files.filter { FileManager.default.fileExists(atPath: $0) }
        var writable = existing.allSatisfy { access($0, R_OK | W_OK) == 0 }
        if existing.count < files.count {
            // SQLite creates the missing ones in the folder.
            writable = writable && access(folder.isEmpty ? "." : folder, W_OK | X_OK) == 0
        }
        if !writable {
            throw PublishingError.storeNotWritable(path: path, user: UnixUser.current())
        }
    }
}
