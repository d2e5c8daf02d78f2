import CSQLite
import Foundation
import Testing

@testable import Warehouse

@Suite("Write lock")
struct WriteLockTests {
    let folder = TemporaryFolder()

    /// Holds the write lock on a second connection for `milliseconds`, on another thread.
    func holdWriteLock(path: String, milliseconds: Int, locked: DispatchSemaphore) -> DispatchSemaphore {
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let holder = try! Database(path: path)
            try! holder.writeTransaction {
                try holder.execute("INSERT INTO t VALUES (?)", ["holder"])
                locked.signal()
                Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
            }
            finished.signal()
        }
        return finished
    }

    @Test("BEGIN IMMEDIATE waits for another writer instead of failing")
    func immediateWaits() throws {
        let path = folder.file("lock.db")
        let setup = try Database(path: path, mode: .create)
        try setup.execute("CREATE TABLE t (id TEXT PRIMARY KEY)")

        let locked = DispatchSemaphore(value: 0)
        let finished = holdWriteLock(path: path, milliseconds: 300, locked: locked)
        locked.wait()

        var configuration = Database.Configuration()
        configuration.busyTimeoutMilliseconds = 10_000
        let waiter = try Database(path: path, configuration: configuration)
        // A reader is never blocked by the writer in WAL mode.
        #expect(try waiter.scalarInteger("SELECT count(*) FROM t") == 0)
        try waiter.writeTransaction {
            // The lock is only granted once the holder has committed, so its row is visible.
            #expect(try waiter.scalarInteger("SELECT count(*) FROM t") == 1)
            try waiter.execute("INSERT INTO t VALUES (?)", ["waiter"])
        }
        finished.wait()
        #expect(try waiter.scalarInteger("SELECT count(*) FROM t") == 2)
    }

    @Test("a writer gives up with SQLITE_BUSY after the busy timeout")
    func busyAfterTimeout() throws {
        let path = folder.file("busy.db")
        let setup = try Database(path: path, mode: .create)
        try setup.execute("CREATE TABLE t (id TEXT PRIMARY KEY)")

        let locked = DispatchSemaphore(value: 0)
        let finished = holdWriteLock(path: path, milliseconds: 1_500, locked: locked)
        locked.wait()

        var configuration = Database.Configuration()
        configuration.busyTimeoutMilliseconds = 50
        let impatient = try Database(path: path, configuration: configuration)
        let error = #expect(throws: DatabaseError.self) {
            try impatient.writeTransaction {
                try impatient.execute("INSERT INTO t VALUES (?)", ["late"])
            }
        }
        #expect(error?.isBusy == true)
        #expect(impatient.isAutocommit)
        finished.wait()
    }
}
