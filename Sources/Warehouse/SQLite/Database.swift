import CSQLite
import Foundation

/// One connection to an SQLite database file.
///
/// The wrapper stays thin: statements are prepared from SQL text with `?` or `:name`
/// parameters and values are always bound, never spliced into the text. A connection belongs
/// to one thread at a time; a worker that queries in the background opens its own.
///
/// Writers go through `writeTransaction`, which starts with `BEGIN IMMEDIATE`: a transaction
/// that starts with a plain `BEGIN`, reads, then writes fails at once with "database is
/// locked" when another connection wrote in between, whatever the busy timeout says.
public final class Database {
    /// How a file is opened.
    public enum OpenMode: Sendable {
        case readOnly
        case readWrite
        /// Read and write, creating the file when it does not exist.
        case create
    }

    /// Options applied when a connection opens.
    public struct Configuration: Sendable {
        /// How long a statement waits for another connection's lock before failing with `SQLITE_BUSY`.
        public var busyTimeoutMilliseconds: Int32 = 5_000
        /// Whether errors show the values bound to the failing statement (for debugging only).
        public var showsArgumentsInErrors = false
        /// Whether the connection switches the file to write-ahead logging.
        public var usesWriteAheadLog = true
        /// The wait of a writer for another's lock, in place of `busyTimeoutMilliseconds`.
        public var lockWait: LockWait?

        public init() {}
    }

    /// An event reported to the trace hook.
    public enum TraceEvent: Sendable {
        /// A statement started; the SQL has its parameters as written, not their values.
        case statement(sql: String)
        /// A statement finished after the given time.
        case profile(sql: String, nanoseconds: Int64)
    }

    public let path: String
    public let configuration: Configuration
    let handle: OpaquePointer
    private var statementCache: [String: Statement] = [:]
    private var traceBox: TraceBox?
    private(set) var lockWaitState: LockWaitState?

    /// Work that must land with every write transaction of this connection, run inside the
    /// transaction just before `COMMIT`; when it throws, the transaction rolls back.
    ///
    /// An import sets it to write the derived data of the rows it is about to commit.
    public var beforeCommit: (() throws -> Void)?

    /// Turns off SQLite's memory statistics once per process, before the first connection,
    /// because nothing reads them and they cost a mutex on every allocation.
    private static let libraryConfiguration: Void = {
        _ = dotwork_sqlite_disable_memory_statistics()
    }()

    /// Opens the database at `path` and applies `configuration`.
    public init(path: String, mode: OpenMode = .readWrite, configuration: Configuration = Configuration()) throws {
        Database.libraryConfiguration
        self.path = path
        self.configuration = configuration

        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }

        if mode == .create {
            Database.createEmptyFileHonouringUmask(path)
        }
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(connection)
            throw DatabaseError(extendedResultCode: code, message: "cannot open \(path): \(message)")
        }
        self.handle = connection
        sqlite3_extended_result_codes(connection, 1)
        if let wait = configuration.lockWait {
            lockWaitState = installLockWait(wait)
        } else {
            sqlite3_busy_timeout(connection, configuration.busyTimeoutMilliseconds)
        }

        if configuration.usesWriteAheadLog && mode != .readOnly {
            let journalMode = try scalarText("PRAGMA journal_mode = WAL")
            if journalMode?.lowercased() != "wal" && path != ":memory:" && !path.isEmpty {
                throw DatabaseError(
                    extendedResultCode: SQLITE_ERROR,
                    message: "cannot switch \(path) to write-ahead logging (journal mode stays \(journalMode ?? "unknown"))")
            }
            try keepWriteAheadLogFiles()
            // Each checkpoint that empties the log truncates the file to this size, so a large
            // import leaves no gigabytes of `-wal` behind.
            try execute("PRAGMA journal_size_limit = \(Database.journalSizeLimitBytes)")
        }
        try execute("PRAGMA foreign_keys = ON")
    }

    /// The size the write-ahead log file is truncated to after a checkpoint that empties it.
    public static let journalSizeLimitBytes = 64 * 1024 * 1024

    /// Copies committed pages from the write-ahead log into the database file without waiting
    /// for readers, so the log can start again from its beginning. Returns the log's frames and
    /// those checkpointed.
    @discardableResult
    public func checkpoint() throws -> (logFrames: Int, checkpointed: Int) {
        let row = try query("PRAGMA wal_checkpoint(PASSIVE)") { ($0.int(1), $0.int(2)) }.first
        return row ?? (0, 0)
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    // MARK: Statements

    /// Prepares a statement that the caller owns.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql, persistent: false)
    }

    /// Returns a prepared statement kept for reuse, reset and with its bindings cleared.
    ///
    /// Use it for statements run many times, such as the inserts of an import.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            try statement.reset()
            statement.clearBindings()
            return statement
        }
        let statement = try Statement(database: self, sql: sql, persistent: true)
        statementCache[sql] = statement
        return statement
    }

    /// Runs one or more statements that take no parameters and return no rows that matter.
    public func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else {
            throw error(code: code, sql: sql)
        }
    }

    /// Runs one statement with its arguments bound by position.
    public func execute(_ sql: String, _ arguments: [SQLBindable]) throws {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        try statement.run()
    }

    /// Runs a query and maps each row.
    public func query<T>(_ sql: String, _ arguments: [SQLBindable] = [], row transform: (Row) throws -> T) throws -> [T] {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        var results: [T] = []
        while let row = try statement.step() {
            results.append(try transform(row))
        }
        try statement.reset()
        return results
    }

    /// Returns the first column of the first row, or nil when there is no row or the value is NULL.
    public func scalarInteger(_ sql: String, _ arguments: [SQLBindable] = []) throws -> Int64? {
        try query(sql, arguments) { $0.optionalInteger(0) }.first ?? nil
    }

    /// Returns the first column of the first row as text, or nil when there is no row or the value is NULL.
    public func scalarText(_ sql: String, _ arguments: [SQLBindable] = []) throws -> String? {
        try query(sql, arguments) { $0.optionalText(0) }.first ?? nil
    }

    // MARK: Transactions

    /// Runs `body` inside a transaction that takes the write lock at once (`BEGIN IMMEDIATE`).
    ///
    /// The call waits up to the busy timeout for another writer instead of failing, commits
    /// when `body` returns and rolls back when it throws.
    public func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        noteLockObtained()
        do {
            let result = try body()
            try beforeCommit?()
            try execute("COMMIT")
            return result
        } catch {
            if !isAutocommit {
                try? execute("ROLLBACK")
            }
            throw error
        }
    }

    /// Runs `body` inside a read transaction, so every query in it sees the same snapshot.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN DEFERRED")
        defer {
            if !isAutocommit {
                try? execute("COMMIT")
            }
        }
        return try body()
    }

    /// Whether no transaction is open on this connection.
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    // MARK: Schema version

    /// `PRAGMA user_version`, the number of the last migration applied.
    public func userVersion() throws -> Int {
        Int(try scalarInteger("PRAGMA user_version") ?? 0)
    }

    public func setUserVersion(_ version: Int) throws {
        // PRAGMA takes no bound parameters; the value is an integer we produce, not user text.
        try execute("PRAGMA user_version = \(version)")
    }

    // MARK: Tracing

    /// Installs a hook that receives every statement and its running time, or removes it when nil.
    ///
    /// Library code never logs; the application routes these events to its debug log.
    public func setTraceHook(_ hook: (@Sendable (TraceEvent) -> Void)?) {
        guard let hook else {
            sqlite3_trace_v2(handle, 0, nil, nil)
            traceBox = nil
            return
        }
        let box = TraceBox(hook: hook)
        traceBox = box
        let mask = UInt32(SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE)
        sqlite3_trace_v2(handle, mask, { kind, context, statementPointer, detail in
            guard let context, let statementPointer else { return 0 }
            let box = Unmanaged<TraceBox>.fromOpaque(context).takeUnretainedValue()
            let statement = OpaquePointer(statementPointer)
            let sql = sqlite3_sql(statement).map { String(cString: $0) } ?? ""
            if kind == UInt32(SQLITE_TRACE_STMT) {
                box.hook(.statement(sql: sql))
            } else if kind == UInt32(SQLITE_TRACE_PROFILE), let detail {
                let nanoseconds = detail.assumingMemoryBound(to: Int64.self).pointee
                box.hook(.profile(sql: sql, nanoseconds: nanoseconds))
            }
            return 0
        }, Unmanaged.passUnretained(box).toOpaque())
    }

    // MARK: Errors

    func error(code: Int32, sql: String?, arguments: [SQLValue] = []) -> DatabaseError {
        let extended = sqlite3_extended_errcode(handle)
        let message = String(cString: sqlite3_errmsg(handle))
        return DatabaseError(
            extendedResultCode: extended != 0 ? extended : code, message: message, sql: sql,
            arguments: arguments, showsArguments: configuration.showsArgumentsInErrors)
    }
}

private final class TraceBox {
    let hook: @Sendable (Database.TraceEvent) -> Void
    init(hook: @escaping @Sendable (Database.TraceEvent) -> Void) {
        self.hook = hook
    }
}
