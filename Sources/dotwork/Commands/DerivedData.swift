import Analysis
import Foundation
import Warehouse

/// Rebuilds the derived data after the warehouse changed, with progress on stderr.
enum DerivedData {
    static func refresh(_ warehouse: Warehouse, activity: ActivityPost? = nil) throws {
        let isTerminal = isatty(2) != 0
        try AnalysisEngine.refresh(warehouse) { step in
            activity?.update(phase: "building derived data: \(step)", done: 0, total: 0)
            if isTerminal {
                FileHandle.standardError.write(Data("\r\u{1B}[Kderived data: \(step)".utf8))
            }
        }
        if isTerminal {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
    }
}

extension DerivedData {
    /// Makes the writer's import write the derived data of its rows inside its transaction,
    /// so the new generation and its snapshot land together, and readers never find the
    /// warehouse ahead of its derived data.
    static func buildBeforeCommit(_ writer: WarehouseWriter) {
        let warehouse = writer.warehouse
        let activity = writer.activity
        warehouse.database.beforeCommit = {
            try refresh(warehouse, activity: activity)
            activity.update(phase: "committing", force: true)
            holdForTests()
        }
    }

    /// In debug builds, which the tests run, keeps the write lock while the file that
    /// `DOTWORK_TEST_HOLD_BEFORE_COMMIT` names exists, so a test can race writers at will.
    private static func holdForTests() {
        #if DEBUG
            guard let path = ProcessInfo.processInfo.environment["DOTWORK_TEST_HOLD_BEFORE_COMMIT"] else { return }
            while FileManager.default.fileExists(atPath: path) {
                usleep(20_000)
            }
        #endif
    }

    /// Checkpoints the write-ahead log after an import committed together with its derived
    /// data; a failure is a warning, because the import landed.
    static func checkpointAfterCommit(_ warehouse: Warehouse) {
        do {
            try warehouse.database.checkpoint()
        } catch {
            Console.shared.message("warning: the write-ahead log could not be checkpointed (\(error)); the next import tries again")
        }
    }

    /// Checkpoints the write-ahead log and refreshes after a committed change; a failure is a
    /// warning, because the change itself landed.
    static func refreshAfterChange(_ warehouse: Warehouse) {
        checkpointAfterCommit(warehouse)
        do {
            try refresh(warehouse)
        } catch {
            Console.shared.message(
                "warning: the warehouse changed but its derived data could not be rebuilt (\(error)); figures come from SQL until the next import")
        }
    }
}
