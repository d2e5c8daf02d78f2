/// The tables a sample fills, with the columns each one writes to the database and to CSV.
///
/// Column names come from `ImportKind.fields`, so the CSV files have the importer's headers:
/// a money column is written without `_cents` and as a plain decimal (`12.50`). Some columns
/// go to one destination only: the match keys and the attributes JSON that an import
/// derives, and the extra customer columns that an import turns into that JSON.
enum SampleTable: CaseIterable {
    case customers, identities, products, orders, orderLines, members, events

    var importKind: ImportKind {
        switch self {
        case .customers: return .customers
        case .identities: return .identities
        case .products: return .products
        case .orders: return .orders
        case .orderLines: return .orderLines
        case .members: return .members
        case .events: return .events
        }
    }

    var name: String { importKind.table }

    struct Column {
        /// The table column, or the CSV header of a column that only CSV has.
        let name: String
        let isInDatabase: Bool
        let isInCSV: Bool
        /// The SQL expression of the bound value, `?` for most columns.
        var placeholder = "?"
    }

    /// Extra customer columns, kept by an import as typed attributes.
    static let attributes: [(name: String, type: AttributeType)] = [
        ("loyalty_number", .text), ("loyalty_points", .number), ("birthday", .date),
    ]

    var columns: [Column] {
        let kind = importKind
        var columns = kind.fields.map { field in
            Column(name: field.column, isInDatabase: true, isInCSV: true)
        }
        switch self {
        case .customers:
            columns.append(Column(name: "email_key", isInDatabase: true, isInCSV: false))
            columns.append(Column(name: "attributes", isInDatabase: true, isInCSV: false, placeholder: "json_patch('{}', ?)"))
            columns += SampleTable.attributes.map { Column(name: $0.name, isInDatabase: false, isInCSV: true) }
        case .identities, .members:
            columns.append(Column(name: "match_key", isInDatabase: true, isInCSV: false))
        case .products, .orders, .orderLines, .events:
            break
        }
        return columns
    }

    /// The CSV header, as `dotwork import` reads it.
    var csvHeader: [String] {
        let fields = importKind.fields
        return columns.filter(\.isInCSV).map { column in
            fields.first { $0.column == column.name }?.headerNames[0] ?? column.name
        }
    }

    /// Returns an insert statement of `rows` rows of the database columns, in column order.
    func insertSQL(rows: Int) -> String {
        let columns = columns.filter(\.isInDatabase)
        let values = "(" + columns.map(\.placeholder).joined(separator: ", ") + ")"
        return "INSERT INTO \(name) (\(columns.map(\.name).joined(separator: ", "))) VALUES "
            + Array(repeating: values, count: rows).joined(separator: ", ")
    }
}

/// One row on its way to a sink: typed fields whose text sits in one reused byte buffer, so
/// emitting millions of rows allocates nothing per row.
struct SampleRow {
    enum Field {
        case null
        case integer(Int64)
        /// An amount in minor units.
        case money(Int64)
        case boolean(Bool)
        /// Bytes `start..<end` of `bytes`, UTF-8.
        case text(start: Int, end: Int)
    }

    private(set) var fields: [Field] = []
    private(set) var bytes: [UInt8] = []

    init() {
        fields.reserveCapacity(16)
        bytes.reserveCapacity(512)
    }

    mutating func removeAll() {
        fields.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func appendNull() {
        fields.append(.null)
    }

    mutating func append(integer: Int) {
        fields.append(.integer(Int64(integer)))
    }

    mutating func append(money cents: Int64) {
        fields.append(.money(cents))
    }

    mutating func append(boolean: Bool) {
        fields.append(.boolean(boolean))
    }

    mutating func append(text: String) {
        appendText { $0.append(contentsOf: text.utf8) }
    }

    mutating func append(text: String?) {
        if let text {
            append(text: text)
        } else {
            appendNull()
        }
    }

    /// Appends a text field whose bytes `write` appends.
    mutating func appendText(_ write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        write(&bytes)
        fields.append(.text(start: start, end: bytes.count))
    }

    /// Appends a number id of `width` digits, such as `C10042`: `prefix`, then `number`
    /// padded by adding 10^(width-1) to a zero-based index, so ids have equal length and
    /// sort as text in index order.
    mutating func append(id index: Int, width: Int, prefix: String = "") {
        appendText { bytes in
            bytes.append(contentsOf: prefix.utf8)
            SampleRow.appendDecimal(SampleRow.powerOfTen(width - 1) + index, to: &bytes)
        }
    }

    /// Returns the field's text, for sinks that need a `String`.
    func string(start: Int, end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Calls `body` with the text bytes, for sinks that copy them.
    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer(body)
    }

    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        precondition(value >= 0, "ids are never negative, not \(value)")
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for index in stride(from: count - 1, through: 0, by: -1) {
                bytes.append(buffer[index])
            }
        }
    }

    static func powerOfTen(_ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<exponent {
            result *= 10
        }
        return result
    }

    /// Returns the digits an id needs so that `count` ids share one width, starting with 1.
    static func idWidth(count: Int) -> Int {
        String(max(count, 1)).count + 1
    }
}

/// Receives a sample's rows, table by table in the order of `SampleTable.allCases`, and each
/// table's rows in key order.
protocol SampleSink {
    mutating func begin(_ table: SampleTable, rowCount: Int) throws
    mutating func write(_ row: SampleRow) throws
    mutating func end(_ table: SampleTable) throws
}
