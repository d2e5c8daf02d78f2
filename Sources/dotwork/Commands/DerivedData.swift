import Analysis
import Foundation
import Warehouse

/// Rebuilds the derived data after the warehouse changed, with progress on stderr.
enum DerivedData {
    static func refresh(_ warehouse: Warehouse) throws {
        let isTerminal = isatty(2) != 0
        try AnalysisEngine.refresh(warehouse) { step in
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
    /// Checkpoints the write-ahead log and refreshes after a committed change; a failure is a
    /// warning, because the change itself landed.
    static func refreshAfterChange(_ warehouse: Warehouse) {
        do {
            try warehouse.database.checkpoint()
        } catch {
            Console.shared.message("warning: the write-ahead log could not be checkpointed (\(error)); the next import tries again")
        }
        do {
            try refresh(warehouse)
        } catch {
            Console.shared.message(
                "warning: the warehouse changed but its derived data could not be rebuilt (\(error)); figures come from SQL until the next import")
        }
    }
}
