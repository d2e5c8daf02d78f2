import Foundation
import Text

/// Loads one CSV file into one warehouse table as a single transaction.
///
/// An import runs in two steps. Reading parses and checks the whole file without taking
/// the write lock: every cell is converted to its stored form, keys are checked against the
/// file and the warehouse, and bad rows are collected. Applying then takes the write lock
/// (`BEGIN IMMEDIATE`), writes the rows, derives what depends on them (order status,
/// identity links, placeholder products and members), records the batch and bumps the
/// generation, and commits. Analysts' reads never wait, because WAL readers see the last
/// commit; a failure, a bad row without `--rejects`, or an interruption at any point leaves
/// the warehouse exactly as it was.
public final class Importer {
    /// What an import did.
    public struct Report: Sendable {
        public var kind: ImportKind
        public var file: String
        public var batchID: Int64 = 0
        public var added = 0
        public var updated = 0
        public var rejected = 0
        /// Amounts with more than two decimals, kept exact until the line total was rounded.
        public var rounded = 0
        public var placeholderProducts = 0
        public var createdMembers = 0
        public var removedRows = 0
        public var ignoredColumns: [String] = []
        /// Events left out by `--kind-map VALUE=skip`, by the value as written.
        public var skippedKinds: [String: Int] = [:]
        public var attributeTypes: [(name: String, type: AttributeType)] = []
        public var warnings: [String] = []
    }

    /// Progress for a status line; `total` is known only while applying.
    public enum Progress: Sendable {
        case reading(rows: Int, bytes: Int64, totalBytes: Int64)
        case applying(rows: Int, total: Int)
    }

    let warehouse: Warehouse
    let kind: ImportKind
    let path: String
    let options: ImportOptions
    /// Receives progress now and then; called on the importing thread.
    public var progress: ((Progress) -> Void)?
    /// Returns the name of a signal that asked the import to stop, checked between rows.
    public var interruption: () -> String? = { nil }

    public init(warehouse: Warehouse, kind: ImportKind, path: String, options: ImportOptions) {
        self.warehouse = warehouse
        self.kind = kind
        self.path = path
        self.options = options
    }

    var database: Database { warehouse.database }

    /// Reads, checks and applies the file, returning what changed.
    public func run() throws -> Report {
        let startedAt = Timestamp.now()
        let staged = try read()
        try checkInterruption()
        return try apply(staged, startedAt: startedAt)
    }

    func checkInterruption() throws {
        if let signal = interruption() {
            throw ImportFailure.interrupted(signal: signal)
        }
    }
}
