import CSQLite

/// Binding without `SQLValue`, for bulk loads that insert millions of rows.
///
/// These calls skip the copy of bound values that `bind(_:)` keeps for error messages, so a
/// failure here reports the SQL without its arguments.
extension Statement {
    func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    func bind(integer: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, integer))
    }

    /// Binds UTF-8 text without copying it, so the bytes must stay valid and unchanged until
    /// the statement has run (`runBound`) or the parameter is bound again.
    func bind(borrowedUTF8 text: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        let code = text.withMemoryRebound(to: CChar.self) { characters in
            guard let start = characters.baseAddress else {
                return sqlite3_bind_text(handle, index, "", 0, dotwork_sqlite_transient())
            }
            // A nil destructor is SQLITE_STATIC: SQLite reads the caller's bytes in place.
            return sqlite3_bind_text64(handle, index, start, UInt64(characters.count), nil, UInt8(SQLITE_UTF8))
        }
        try check(code)
    }

    /// Runs a statement that returns no rows with its current bindings, then resets it.
    func runBound() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let failure = database.error(code: code, sql: sql)
            sqlite3_reset(handle)
            throw failure
        }
        sqlite3_reset(handle)
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else {
            throw database.error(code: code, sql: sql)
        }
    }
}
