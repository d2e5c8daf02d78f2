import CSQLite
import Foundation
import Testing

@testable import Warehouse

@Suite("Database")
struct DatabaseTests {
    @Test("write-ahead log limit and checkpoint")
    func walLimitAndCheckpoint() throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-wal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try Database(path: folder + "/wal.db", mode: .create)
        #expect(try database.scalarInteger("PRAGMA journal_size_limit") == Int64(Database.journalSizeLimitBytes))
        try database.execute("CREATE TABLE t (x INTEGER)")
        for value in 0..<100 {
            try database.execute("INSERT INTO t VALUES (?)", [value])
        }
        let (logFrames, checkpointed) = try database.checkpoint()
        #expect(logFrames > 0)
        #expect(checkpointed == logFrames)
    }

    let folder = TemporaryFolder()

    func openScratch() throws -> Database {
        let database = try Database(path: folder.file("scratch.db"), mode: .create)
        try database.execute("CREATE TABLE t (id TEXT PRIMARY KEY, amount INTEGER, ratio REAL, data BLOB)")
        return database
    }

    @Test("opens in write-ahead log mode")
    func walMode() throws {
        let database = try openScratch()
        #expect(try database.scalarText("PRAGMA journal_mode") == "wal")
    }

    @Test("binds by position and reads typed columns")
    func bindByPosition() throws {
        let database = try openScratch()
        try database.execute(
            "INSERT INTO t VALUES (?, ?, ?, ?)", ["007", Int64(-12), 0.5, SQLValue.blob([0, 255, 7])])
        let rows = try database.query("SELECT id, amount, ratio, data FROM t") { row in
            (row.text(0), row.integer(1), row.real(2), row.blob(3))
        }
        #expect(rows.count == 1)
        #expect(rows[0].0 == "007")
        #expect(rows[0].1 == -12)
        #expect(rows[0].2 == 0.5)
        #expect(rows[0].3 == [0, 255, 7])
    }

    @Test("binds by name")
    func bindByName() throws {
        let database = try openScratch()
        let insert = try database.prepare("INSERT INTO t (id, amount) VALUES (:id, :amount)")
        try insert.bind(["id": "a", ":amount": 5])
        try insert.run()
        #expect(try database.scalarInteger("SELECT amount FROM t WHERE id = ?", ["a"]) == 5)
    }

    @Test("text with quotes and SQL stays data")
    func textIsNeverSQL() throws {
        let database = try openScratch()
        let hostile = "x'); DROP TABLE t; --"
        try database.execute("INSERT INTO t (id) VALUES (?)", [hostile])
        #expect(try database.scalarText("SELECT id FROM t") == hostile)
        #expect(try database.scalarInteger("SELECT count(*) FROM t") == 1)
    }

    @Test("NULL and optionals round-trip")
    func nullValues() throws {
        let database = try openScratch()
        let missing: Int? = nil
        try database.execute("INSERT INTO t (id, amount) VALUES (?, ?)", ["n", missing])
        let values = try database.query("SELECT amount FROM t") { $0.value(0) }
        #expect(values == [.null])
        #expect(try database.scalarInteger("SELECT amount FROM t") == nil)
    }

    @Test("text keeps every byte of UTF-8, including NUL-free emoji and combining marks")
    func unicodeText() throws {
        let database = try openScratch()
        let text = "e\u{301} 👩‍💻 中文"
        try database.execute("INSERT INTO t (id) VALUES (?)", [text])
        #expect(try database.scalarText("SELECT id FROM t") == text)
    }

    @Test("cached statements are reused and reset")
    func cachedStatements() throws {
        let database = try openScratch()
        for index in 0..<100 {
            try database.execute("INSERT INTO t (id, amount) VALUES (?, ?)", ["k\(index)", index])
        }
        let first = try database.cachedStatement("SELECT count(*) FROM t")
        let second = try database.cachedStatement("SELECT count(*) FROM t")
        #expect(first === second)
        #expect(try database.scalarInteger("SELECT sum(amount) FROM t") == 4950)
    }

    @Test("an error keeps the code, message and SQL but hides values")
    func errorContents() throws {
        let database = try openScratch()
        try database.execute("INSERT INTO t (id) VALUES (?)", ["secret@example.com"])
        let error = #expect(throws: DatabaseError.self) {
            try database.execute("INSERT INTO t (id) VALUES (?)", ["secret@example.com"])
        }
        #expect(error?.resultCode == SQLITE_CONSTRAINT)
        // SQLITE_CONSTRAINT_PRIMARYKEY is (19 | 6 << 8); Swift does not import the macro.
        #expect(error?.extendedResultCode == 1555)
        #expect(error?.isConstraintViolation == true)
        #expect(error?.sql == "INSERT INTO t (id) VALUES (?)")
        #expect(error?.message.contains("UNIQUE constraint failed: t.id") == true)
        #expect(error?.description.contains("secret@example.com") == false)
        #expect(error?.arguments == [.text("secret@example.com")])
    }

    @Test("an error shows values when debugging is asked for")
    func errorArgumentsWhenDebugging() throws {
        var configuration = Database.Configuration()
        configuration.showsArgumentsInErrors = true
        let database = try Database(path: folder.file("debug.db"), mode: .create, configuration: configuration)
        try database.execute("CREATE TABLE t (id TEXT PRIMARY KEY)")
        try database.execute("INSERT INTO t VALUES (?)", ["dup"])
        let error = #expect(throws: DatabaseError.self) {
            try database.execute("INSERT INTO t VALUES (?)", ["dup"])
        }
        #expect(error?.description.contains("with arguments: 'dup'") == true)
    }

    @Test("a syntax error names the SQL")
    func syntaxError() throws {
        let database = try openScratch()
        let error = #expect(throws: DatabaseError.self) {
            _ = try database.prepare("SELEC 1")
        }
        #expect(error?.resultCode == SQLITE_ERROR)
        #expect(error?.sql == "SELEC 1")
    }

    @Test("opening a missing file read-only fails with SQLITE_CANTOPEN")
    func missingFile() {
        let error = #expect(throws: DatabaseError.self) {
            _ = try Database(path: folder.file("absent.db"), mode: .readOnly)
        }
        #expect(error?.resultCode == SQLITE_CANTOPEN)
        #expect(error?.message.contains("absent.db") == true)
    }

    @Test("a throwing write transaction rolls back")
    func rollback() throws {
        let database = try openScratch()
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try database.writeTransaction {
                try database.execute("INSERT INTO t (id) VALUES (?)", ["gone"])
                throw Abort()
            }
        }
        #expect(database.isAutocommit)
        #expect(try database.scalarInteger("SELECT count(*) FROM t") == 0)
    }

    @Test("trace hook sees statements and their time")
    func traceHook() throws {
        let database = try openScratch()
        let seen = TraceLog()
        database.setTraceHook { event in seen.append(event) }
        _ = try database.scalarInteger("SELECT count(*) FROM t WHERE id = ?", ["x"])
        database.setTraceHook(nil)
        _ = try database.scalarInteger("SELECT 2")
        let events = seen.events
        #expect(events.contains { if case .statement(let sql) = $0 { sql.contains("FROM t WHERE id = ?") } else { false } })
        #expect(events.contains { if case .profile = $0 { true } else { false } })
        #expect(!events.contains { if case .statement(let sql) = $0 { sql == "SELECT 2" } else { false } })
    }
}

/// Collects trace events from the hook, which may be called on any thread.
final class TraceLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Database.TraceEvent] = []

    func append(_ event: Database.TraceEvent) {
        lock.withLock { stored.append(event) }
    }

    var events: [Database.TraceEvent] {
        lock.withLock { stored }
    }
}
