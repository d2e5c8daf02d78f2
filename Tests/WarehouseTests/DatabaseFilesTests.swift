import Foundation
import Testing

@testable import Warehouse

@Suite("Database files on disk")
struct DatabaseFilesTests {
    let folder = TemporaryFolder()

    func size(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    @Test("-wal and -shm stay after the last close")
    func sideFilesKept() throws {
        let path = folder.file("kept.db")
        do {
            let database = try Database(path: path, mode: .create)
            #expect(database.keepsWriteAheadLogFiles)
            try database.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2)")
            #expect(try size(path + "-wal") > 0)
        }
        #expect(FileManager.default.fileExists(atPath: path + "-shm"))
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        // The last close checkpointed the log into the main file and truncated it.
        #expect(try size(path + "-wal") == 0)

        let reader = try Database(path: path, mode: .readOnly)
        #expect(try reader.scalarInteger("SELECT sum(x) FROM t") == 3)
    }

    @Test("a connection without write-ahead logging keeps no side files")
    func rollbackJournalUntouched() throws {
        var configuration = Database.Configuration()
        configuration.usesWriteAheadLog = false
        let database = try Database(path: folder.file("plain.db"), mode: .create, configuration: configuration)
        #expect(!database.keepsWriteAheadLogFiles)
        #expect(try database.scalarText("PRAGMA journal_mode") == "delete")
    }

    @Test("in-memory databases open as before")
    func inMemory() throws {
        let database = try Database(path: ":memory:", mode: .create)
        try database.execute("CREATE TABLE t (x INTEGER)")
        #expect(try database.scalarInteger("SELECT count(*) FROM t") == 0)
    }

    @Test("an existing file keeps its mode and contents")
    func existingFileUntouched() throws {
        let path = folder.file("existing.db")
        do {
            let database = try Database(path: path, mode: .create)
            try database.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7)")
        }
        #expect(chmod(path, 0o600) == 0)
        let reopened = try Database(path: path, mode: .create)
        #expect(try reopened.scalarInteger("SELECT x FROM t") == 7)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }
}
