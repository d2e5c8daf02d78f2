import CSQLite
import Foundation

/// The files of a database on disk: the main file's mode and the `-wal` and `-shm` files
/// beside it.
///
/// Measured with Debian 12's SQLite 3.40.1: a new database file gets mode 0644 minus the
/// umask, so a team's group can never write it, and the `-wal` and `-shm` files get the main
/// file's mode. The last read-write connection to close deletes both side files. A user who
/// may only read the folder cannot create them again, and then every read fails with "attempt
/// to write a readonly database". With both files kept on disk, such a user can read at any time.
extension Database {
    /// Returns whether `path` names a file on disk rather than an in-memory or temporary database or a URI.
    static func isPlainFilePath(_ path: String) -> Bool {
        !path.isEmpty && path != ":memory:" && !path.hasPrefix("file:")
    }

    /// Creates `path` as an empty file with mode 0666 minus the process umask, unless it exists.
    ///
    /// SQLite treats an empty file as an empty database, and keeps the file's mode from then
    /// on. Under the team umask 007 the file is group read-write.
    static func createEmptyFileHonouringUmask(_ path: String) {
        guard isPlainFilePath(path) else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        // EEXIST means the file is there already, and any other failure reappears, worded by
        // SQLite, when the connection opens the path.
        if descriptor >= 0 {
            close(descriptor)
        }
    }

    /// Keeps the `-wal` and `-shm` files when this connection is the last to close.
    ///
    /// With `journal_size_limit` set, SQLite still truncates the log to zero bytes on that
    /// close, so a kept log takes no space.
    func keepWriteAheadLogFiles() throws {
        guard Database.isPlainFilePath(path) else { return }
        var on: Int32 = 1
        let code = sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &on)
        guard code == SQLITE_OK else {
            throw DatabaseError(
                extendedResultCode: code,
                message: "cannot keep the write-ahead log files of \(path): \(String(cString: sqlite3_errstr(code)))")
        }
    }

    /// Whether this connection keeps its `-wal` and `-shm` files on close.
    public var keepsWriteAheadLogFiles: Bool {
        var value: Int32 = -1
        guard sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &value) == SQLITE_OK else { return false }
        return value == 1
    }
}
