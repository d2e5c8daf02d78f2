import CSQLite

/// A failure reported by SQLite, with enough context to find the statement that failed.
///
/// The error keeps the primary and extended result codes, SQLite's own message and the SQL
/// text. Bound values can hold personal data (names, emails), so they are kept but only shown
/// in `description` when the connection was opened with `showsArgumentsInErrors`.
public struct DatabaseError: Error, Sendable, Equatable {
    /// The primary result code, such as `SQLITE_BUSY` (5) or `SQLITE_CONSTRAINT` (19).
    public var resultCode: Int32 { extendedResultCode & 0xFF }
    /// The extended result code, such as `SQLITE_CONSTRAINT_PRIMARYKEY`.
    public let extendedResultCode: Int32
    /// SQLite's message for the failure.
    public let message: String
    /// The SQL of the statement that failed, when the failure came from one.
    public let sql: String?
    /// The values bound to the statement when it failed.
    public let arguments: [SQLValue]
    /// Whether `description` includes `arguments`.
    public let showsArguments: Bool

    public init(
        extendedResultCode: Int32, message: String, sql: String? = nil,
        arguments: [SQLValue] = [], showsArguments: Bool = false
    ) {
        self.extendedResultCode = extendedResultCode
        self.message = message
        self.sql = sql
        self.arguments = arguments
        self.showsArguments = showsArguments
    }

    /// Whether another connection held a lock longer than the busy timeout.
    public var isBusy: Bool { resultCode == SQLITE_BUSY || resultCode == SQLITE_LOCKED }
    public var isConstraintViolation: Bool { resultCode == SQLITE_CONSTRAINT }
    public var isDiskFull: Bool { resultCode == SQLITE_FULL }
}

extension DatabaseError: CustomStringConvertible {
    public var description: String {
        let codeName = String(cString: sqlite3_errstr(extendedResultCode))
        var text = "SQLite error \(extendedResultCode) (\(codeName)): \(message)"
        if let sql {
            text += "\n  while running: \(sql)"
        }
        if showsArguments && !arguments.isEmpty {
            text += "\n  with arguments: " + arguments.map(\.description).joined(separator: ", ")
        }
        return text
    }
}
