import Analysis
import Foundation
import Warehouse

/// New data that landed in the warehouse while the workbench showed older data.
struct LandedData: Sendable, Equatable {
    /// The generation now committed, whose snapshot is ready.
    let generation: Int
    /// The last batch: `alice's import of orders.csv at 03:12:05Z`, or nil when no batch is recorded.
    let lastBatch: String?
}

/// Watches the warehouse for commits of other processes and reports new data once its
/// derived data is ready.
///
/// It keeps one read-only connection open and reads `PRAGMA data_version` every few seconds:
/// the number changes when another connection commits, and costs no read of the tables. On a
/// change it reads the generation; a new generation whose snapshot exists is reported once.
/// It runs on a thread of its own and never holds a transaction open, so it delays no
/// writer and no checkpoint.
final class DataWatcher: @unchecked Sendable {
    private let path: String
    private let interval: Duration
    private let report: @Sendable (LandedData) -> Void
    private let queue = DispatchQueue(label: "dotwork.data-watcher", qos: .utility)
    /// Touched only on `queue`.
    private var database: Database?
    private var dataVersion: Int64?
    private var reportedGeneration: Int
    private var isStopped = false

    /// Returns the time between checks: three seconds, or `DOTWORK_TEST_WATCH_MS` in debug builds.
    static func interval(_ environment: [String: String]) -> Duration {
        #if DEBUG
            if let milliseconds = environment["DOTWORK_TEST_WATCH_MS"].flatMap(Int.init) {
                return .milliseconds(milliseconds)
            }
        #endif
        return .seconds(3)
    }

    init(path: String, shownGeneration: Int, interval: Duration, report: @escaping @Sendable (LandedData) -> Void) {
        self.path = path
        self.interval = interval
        self.report = report
        reportedGeneration = shownGeneration
    }

    func start() {
        queue.async { [self] in check() }
    }

    func stop() {
        queue.sync { isStopped = true }
    }

    private func check() {
        guard !isStopped else { return }
        if let landed = try? poll() {
            report(landed)
        }
        let nanoseconds = interval.components.seconds * 1_000_000_000 + interval.components.attoseconds / 1_000_000_000
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [self] in check() }
    }

    /// Returns new data that is ready and not reported yet.
    private func poll() throws -> LandedData? {
        if database == nil {
            database = try Database(path: path, mode: .readOnly)
        }
        guard let database else { return nil }
        let version = try database.scalarInteger("PRAGMA data_version") ?? 0
        guard version != dataVersion else { return nil }
        let generation = Int(try database.scalarText("SELECT value FROM settings WHERE key = 'generation'") ?? "0") ?? 0
        guard generation != reportedGeneration, AnalysisEngine.hasSnapshot(warehouse: path, generation: generation) else {
            // Not ready yet: ask again next time even if nothing else commits.
            if generation == reportedGeneration { dataVersion = version }
            return nil
        }
        dataVersion = version
        reportedGeneration = generation
        let batch = try database.query(
            "SELECT unix_user, kind, file, finished_at FROM batches ORDER BY batch_id DESC LIMIT 1"
        ) { row -> String in
            let file = (row.text(2) as NSString).lastPathComponent
            let time = row.text(3).split(separator: "T").last.map(String.init) ?? row.text(3)
            let work = row.text(1) == "sample" ? "sample" : "import of \(file)"
            return "\(row.text(0))'s \(work) at \(time)"
        }.first
        return LandedData(generation: generation, lastBatch: batch)
    }
}
