import Foundation
import Warehouse

/// Opens the warehouse for a command that writes it, the way the shared box needs.
///
/// The command posts its work on the warehouse's activity board, so others can name it. It
/// waits up to ten minutes for another writer's lock instead of failing with "database is
/// locked", and its messages name that writer and its progress.
final class WarehouseWriter {
    let warehouse: Warehouse
    let activity: ActivityPost

    /// Returns the maximum wait for the write lock: ten minutes, or in debug builds (which the
    /// tests run) `DOTWORK_TEST_LOCK_WAIT_SECONDS`.
    static func lockWaitLimit(_ environment: [String: String]) -> Duration {
        #if DEBUG
            if let seconds = environment["DOTWORK_TEST_LOCK_WAIT_SECONDS"].flatMap(Int.init) {
                return .seconds(seconds)
            }
        #endif
        return .seconds(600)
    }

    /// Opens the existing warehouse for `task`.
    convenience init(_ invocation: Invocation, task: String) throws {
        let path = try invocation.warehouseLocation().path
        let activity = ActivityPost(warehouse: path, task: task, phase: "starting")
        let configuration = WarehouseWriter.configuration(invocation, path: path, activity: activity)
        self.init(warehouse: try Warehouse.open(at: path, configuration: configuration), activity: activity)
    }

    init(warehouse: Warehouse, activity: ActivityPost) {
        self.warehouse = warehouse
        self.activity = activity
    }

    /// Returns the connection settings of a writer of the warehouse at `path`: the long lock
    /// wait with its messages.
    static func configuration(_ invocation: Invocation, path: String, activity: ActivityPost) -> Database.Configuration {
        let limit = lockWaitLimit(invocation.environment)
        let waiting = LockWaitMessages(board: ActivityBoard(warehouse: path), activity: activity, limit: limit)
        var configuration = Database.Configuration()
        configuration.lockWait = Database.LockWait(
            limit: limit, report: { waiting.report(waited: $0) }, finished: { waiting.finished(waited: $0) })
        return configuration
    }

    /// Takes the command off the activity board and drops the work set to run before commit.
    func end() {
        warehouse.database.beforeCommit = nil
        activity.end()
    }
}

/// The messages of a writer waiting for the lock: a rewritten status line on a terminal, a
/// line every 30 seconds elsewhere (a cron job's log), and the holders named when it gives up.
final class LockWaitMessages: @unchecked Sendable {
    private let board: ActivityBoard
    private let activity: ActivityPost
    private let line = StatusLine()
    private let lock = NSLock()
    private var lastLogged: Duration?
    private var phaseBefore: String?

    /// The writers named by the last report of any wait in this process, for the message of a
    /// wait that ran out.
    nonisolated(unsafe) static var lastHolders: [String] = []

    private let limit: Duration

    init(board: ActivityBoard, activity: ActivityPost, limit: Duration) {
        self.board = board
        self.activity = activity
        self.limit = limit
    }

    /// Returns the writers that hold or are about to take the lock, or every writer when none does.
    static func holders(_ activities: [WriterActivity]) -> [WriterActivity] {
        let waiting: Set = ["starting", "reading", "waiting for the write lock"]
        let writing = activities.filter { !waiting.contains($0.phase) }
        return writing.isEmpty ? activities : writing
    }

    func report(waited: Duration) {
        lock.lock()
        defer { lock.unlock() }
        let holders = LockWaitMessages.holders(board.others()).map(\.summary)
        LockWaitMessages.lastHolders = holders
        if phaseBefore == nil {
            phaseBefore = activity.phase
            activity.update(phase: "waiting for the write lock", force: true)
        }
        let heldBy = holders.isEmpty
            ? "another program (no dotwork writer is running; sqlite3 or a backup may hold it)"
            : holders.joined(separator: "; ")
        let text = "waiting for the warehouse's write lock (\(LockWaitMessages.minutesAndSeconds(waited)) of at most "
            + "\(LockWaitMessages.minutesAndSeconds(limit))): \(heldBy)"
        if line.isTerminal {
            line.show(text)
        } else if lastLogged == nil || waited - lastLogged! >= .seconds(30) {
            lastLogged = waited
            Console.shared.message(text)
        }
    }

    func finished(waited: Duration) {
        lock.lock()
        defer { lock.unlock() }
        line.clear()
        Console.shared.message("got the warehouse's write lock after waiting \(LockWaitMessages.minutesAndSeconds(waited))")
        if let phaseBefore {
            activity.update(phase: phaseBefore, force: true)
        }
        phaseBefore = nil
        lastLogged = nil
    }

    static func minutesAndSeconds(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        if seconds < 60 { return "\(seconds) s" }
        return seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds / 60) min \(seconds % 60) s"
    }
}
