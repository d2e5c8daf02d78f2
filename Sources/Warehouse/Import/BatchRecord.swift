import Foundation

/// One row of `batches`: what one import or one generated sample wrote, and the Unix user who ran it.
///
/// Committing a batch also bumps the warehouse generation, so derived data built for an
/// earlier generation is known to be stale. Both happen inside the writer's transaction.
struct BatchRecord {
    /// The import kind (`customers`, …) or `sample`.
    var kind: String
    /// The absolute path of the file read, or a description of what generated the rows.
    var file: String
    var fileSize: Int64
    /// The SHA-256 of the file in lower-case hex; empty when no file was read.
    var sha256: String
    var startedAt: String
    var mode: ImportMode
    var added = 0
    var updated = 0
    var rejected = 0
    var rounded = 0

    /// Inserts the batch, bumps the generation and returns the batch id.
    func commit(to database: Database) throws -> Int64 {
        try database.execute(
            """
            INSERT INTO batches (kind, file, file_size, sha256, unix_user, started_at, finished_at, mode,
                                 rows_added, rows_updated, rows_rejected, rows_rounded)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                kind, file, fileSize, sha256, UnixUser.current(), startedAt, Timestamp.now(), mode.rawValue, added,
                updated, rejected, rounded,
            ])
        let batchID = database.lastInsertRowID
        try database.execute(
            "UPDATE settings SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation'")
        return batchID
    }
}
