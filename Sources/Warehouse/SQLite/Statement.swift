import CSQLite

/// A prepared statement: SQL compiled once, run many times with different bound values.
public final class Statement {
    public let sql: String
    let handle: OpaquePointer
    unowned let database: Database
    private var boundValues: [SQLValue] = []

    init(database: Database, sql: String, persistent: Bool) throws {
        self.database = database
        self.sql = sql
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sqlite3_prepare_v3(database.handle, sql, -1, flags, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw database.error(code: code, sql: sql)
        }
        self.handle = statement
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// The number of `?`, `?NNN` and `:name` parameters.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(_ index: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(index)))
    }

    // MARK: Binding

    /// Binds values to parameters 1, 2, … in order.
    public func bind(_ values: [SQLBindable]) throws {
        precondition(
            values.count <= parameterCount,
            "\(values.count) values for \(parameterCount) parameters in: \(sql)")
        for (offset, value) in values.enumerated() {
            try bind(value.sqlValue, at: offset + 1)
        }
    }

    /// Binds values to named parameters such as `:region`.
    public func bind(_ values: [String: SQLBindable]) throws {
        for (name, value) in values {
            let parameterName = name.hasPrefix(":") || name.hasPrefix("@") || name.hasPrefix("$") ? name : ":" + name
            let index = sqlite3_bind_parameter_index(handle, parameterName)
            precondition(index > 0, "no parameter \(parameterName) in: \(sql)")
            try bind(value.sqlValue, at: Int(index))
        }
    }

    /// Binds one value to the 1-based parameter `index`.
    public func bind(_ value: SQLValue, at index: Int) throws {
        let position = Int32(index)
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, position)
        case .integer(let integer):
            code = sqlite3_bind_int64(handle, position, integer)
        case .real(let real):
            code = sqlite3_bind_double(handle, position, real)
        case .text(let text):
            code = text.utf8.withContiguousStorageIfAvailable { buffer in
                sqlite3_bind_text64(
                    handle, position, UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self),
                    UInt64(buffer.count), dotwork_sqlite_transient(), UInt8(SQLITE_UTF8))
            } ?? sqlite3_bind_text(handle, position, text, -1, dotwork_sqlite_transient())
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob64(handle, position, buffer.baseAddress, UInt64(buffer.count), dotwork_sqlite_transient())
            }
        }
        guard code == SQLITE_OK else {
            throw database.error(code: code, sql: sql, arguments: boundValues)
        }
        if boundValues.count < index {
            boundValues.append(contentsOf: repeatElement(.null, count: index - boundValues.count))
        }
        boundValues[index - 1] = value
    }

    public func clearBindings() {
        sqlite3_clear_bindings(handle)
        boundValues.removeAll(keepingCapacity: true)
    }

    // MARK: Running

    /// Advances to the next row, returning nil when the statement is done.
    ///
    /// The returned row is valid until the next call to `step` or `reset`.
    public func step() throws -> Row? {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW:
            return Row(statement: self)
        case SQLITE_DONE:
            return nil
        default:
            let failure = database.error(code: code, sql: sql, arguments: boundValues)
            sqlite3_reset(handle)
            throw failure
        }
    }

    /// Runs the statement to completion, ignoring any rows, then resets it.
    public func run() throws {
        while try step() != nil {}
        try reset()
    }

    /// Makes the statement ready to run again with the same or new bindings.
    public func reset() throws {
        let code = sqlite3_reset(handle)
        guard code == SQLITE_OK else {
            throw database.error(code: code, sql: sql, arguments: boundValues)
        }
    }
}

/// The current row of a statement, read by 0-based column index.
public struct Row {
    let statement: Statement

    public var columnCount: Int { statement.columnCount }

    public func isNull(_ column: Int) -> Bool {
        sqlite3_column_type(statement.handle, Int32(column)) == SQLITE_NULL
    }

    public func integer(_ column: Int) -> Int64 {
        sqlite3_column_int64(statement.handle, Int32(column))
    }

    public func optionalInteger(_ column: Int) -> Int64? {
        isNull(column) ? nil : integer(column)
    }

    public func int(_ column: Int) -> Int {
        Int(integer(column))
    }

    public func bool(_ column: Int) -> Bool {
        integer(column) != 0
    }

    public func real(_ column: Int) -> Double {
        sqlite3_column_double(statement.handle, Int32(column))
    }

    /// The column as text; NULL reads as the empty string.
    public func text(_ column: Int) -> String {
        optionalText(column) ?? ""
    }

    public func optionalText(_ column: Int) -> String? {
        guard let pointer = sqlite3_column_text(statement.handle, Int32(column)) else {
            return nil
        }
        let count = Int(sqlite3_column_bytes(statement.handle, Int32(column)))
        let buffer = UnsafeBufferPointer(start: pointer, count: count)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The column's UTF-8 bytes without copying, valid until the next `step` or `reset`;
    /// empty for NULL. For bulk readers that parse text themselves.
    public func textBytes(_ column: Int) -> UnsafeBufferPointer<UInt8> {
        guard let pointer = sqlite3_column_text(statement.handle, Int32(column)) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement.handle, Int32(column))))
    }

    public func blob(_ column: Int) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement.handle, Int32(column)))
        guard count > 0, let pointer = sqlite3_column_blob(statement.handle, Int32(column)) else {
            return []
        }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// The column as the value SQLite stored, with its storage class.
    public func value(_ column: Int) -> SQLValue {
        switch sqlite3_column_type(statement.handle, Int32(column)) {
        case SQLITE_INTEGER: return .integer(integer(column))
        case SQLITE_FLOAT: return .real(real(column))
        case SQLITE_TEXT: return .text(text(column))
        case SQLITE_BLOB: return .blob(blob(column))
        default: return .null
        }
    }
}
