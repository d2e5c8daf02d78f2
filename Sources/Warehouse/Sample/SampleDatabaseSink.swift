/// Writes sample rows into a warehouse's tables, binding integers and text bytes straight
/// from the rows.
///
/// Rows are inserted `rowsPerStatement` at a time with one multi-row `INSERT`, because at
/// this scale the cost of running a statement (reset, transaction check, clearing its
/// registers) is larger than the cost of inserting a row. Pending rows keep their text in one
/// buffer that the statement reads in place.
struct SampleDatabaseSink: SampleSink {
    static let rowsPerStatement = 64

    let database: Database
    private var table: SampleTable?
    private var batchStatement: Statement?
    /// Whether each field of a row goes to the database.
    private var isWritten: [Bool] = []
    /// The database fields of the pending rows, their text in `pendingBytes`.
    private var pendingFields: [SampleRow.Field] = []
    private var pendingBytes: [UInt8] = []
    private var pendingRows = 0

    init(database: Database) {
        self.database = database
    }

    mutating func begin(_ table: SampleTable, rowCount: Int) throws {
        self.table = table
        isWritten = table.columns.map(\.isInDatabase)
        batchStatement = try database.prepare(table.insertSQL(rows: SampleDatabaseSink.rowsPerStatement))
    }

    mutating func write(_ row: SampleRow) throws {
        row.withBytes { bytes in
            for (index, field) in row.fields.enumerated() where isWritten[index] {
                if case .text(let start, let end) = field {
                    let pendingStart = pendingBytes.count
                    pendingBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    pendingFields.append(.text(start: pendingStart, end: pendingBytes.count))
                } else {
                    pendingFields.append(field)
                }
            }
        }
        pendingRows += 1
        if pendingRows == SampleDatabaseSink.rowsPerStatement {
            try flush()
        }
    }

    mutating func end(_ table: SampleTable) throws {
        try flush()
        batchStatement = nil
        self.table = nil
    }

    /// Inserts the pending rows with one statement.
    private mutating func flush() throws {
        guard pendingRows > 0, let table, let batchStatement else { return }
        let statement = pendingRows == SampleDatabaseSink.rowsPerStatement
            ? batchStatement : try database.prepare(table.insertSQL(rows: pendingRows))
        try pendingBytes.withUnsafeBufferPointer { bytes in
            for (offset, field) in pendingFields.enumerated() {
                let parameter = Int32(offset + 1)
                switch field {
                case .null:
                    try statement.bindNull(at: parameter)
                case .integer(let value), .money(let value):
                    try statement.bind(integer: value, at: parameter)
                case .boolean(let value):
                    try statement.bind(integer: value ? 1 : 0, at: parameter)
                case .text(let start, let end):
                    try statement.bind(borrowedUTF8: UnsafeBufferPointer(rebasing: bytes[start..<end]), at: parameter)
                }
            }
            // The text is bound in place, so the statement runs while the buffer is borrowed.
            try statement.runBound()
        }
        pendingFields.removeAll(keepingCapacity: true)
        pendingBytes.removeAll(keepingCapacity: true)
        pendingRows = 0
    }
}
