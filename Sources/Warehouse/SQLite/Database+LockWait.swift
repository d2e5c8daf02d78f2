import CSQLite
import Foundation

extension Database {
    /// A writer's wait for another connection's lock: longer than the plain busy timeout, with
    /// a report now and then.
    ///
    /// A writer on the shared box may find the nightly import applying its rows for minutes.
    /// It waits up to `limit`, calling `report` with the time waited about every
    /// `reportInterval` (and once at once), then `finished` when it got the lock. A wait that
    /// runs out fails with `SQLITE_BUSY` as any other.
    public struct LockWait: Sendable {
        public var limit: Duration
        public var reportInterval: Duration
        public var report: @Sendable (Duration) -> Void
        public var finished: @Sendable (Duration) -> Void

        public init(
            limit: Duration = .seconds(600), reportInterval: Duration = .seconds(1),
            report: @escaping @Sendable (Duration) -> Void, finished: @escaping @Sendable (Duration) -> Void = { _ in }
        ) {
            self.limit = limit
            self.reportInterval = reportInterval
            self.report = report
            self.finished = finished
        }
    }

    /// Installs the handler that waits as `wait` sets out, in place of the busy timeout.
    func installLockWait(_ wait: LockWait) -> LockWaitState {
        let state = LockWaitState(wait: wait)
        sqlite3_busy_handler(handle, { context, attempt in
            guard let context else { return 0 }
            let state = Unmanaged<LockWaitState>.fromOpaque(context).takeUnretainedValue()
            return state.shouldRetry(attempt: attempt) ? 1 : 0
        }, Unmanaged.passUnretained(state).toOpaque())
        return state
    }

    /// Tells the lock wait, if any, that the lock was obtained, so it reports the end of a wait.
    func noteLockObtained() {
        lockWaitState?.obtained()
    }
}

/// The running state of one connection's `LockWait`; used on the connection's thread only.
final class LockWaitState {
    let wait: Database.LockWait
    private var started: ContinuousClock.Instant?
    private var lastReport: ContinuousClock.Instant?

    init(wait: Database.LockWait) {
        self.wait = wait
    }

    /// Sleeps a little and returns whether to try again; SQLite calls it each time a lock is busy.
    func shouldRetry(attempt: Int32) -> Bool {
        let now = ContinuousClock.now
        if attempt == 0 || started == nil {
            started = now
            lastReport = nil
        }
        let waited = now - started!
        if waited >= wait.limit {
            started = nil
            return false
        }
        if lastReport == nil || now - lastReport! >= wait.reportInterval {
            lastReport = now
            wait.report(waited)
        }
        // Short sleeps first, so a lock held for a moment costs little; then a steady pace.
        let pause: Duration = attempt < 10 ? .milliseconds(5 * Int(attempt + 1)) : .milliseconds(100)
        Thread.sleep(forTimeInterval: Double(pause.components.attoseconds) / 1e18)
        return true
    }

    func obtained() {
        guard let started else { return }
        self.started = nil
        if lastReport != nil {
            wait.finished(ContinuousClock.now - started)
        }
    }
}
