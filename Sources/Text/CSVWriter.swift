/// A buffered CSV writer that follows RFC 4180.
///
/// - Records end with CRLF, as RFC 4180 specifies, including the last one.
/// - A field is quoted when it contains the delimiter, a quote, CR or LF, and a
///   quote inside it is doubled. Other fields are written as they are.
/// - Missing values are empty cells. A record whose only cell is empty is
///   written as `""`, because `CSVReader` skips empty lines.
/// - With the `.spreadsheet` guard, a text cell that begins with `=`, `+`, `-`,
///   `@`, tab or CR gets a leading `'`, so that spreadsheets show it as text and do
///   not run it as a formula. Number cells are never guarded, so `-1234.50` stays
///   a number. The header row is written as text cells and guarded the same way.
///
/// Bytes collect in a buffer that goes to the output once it passes the buffer
/// capacity, at a record boundary. Call `flush()` after the last record: the
/// writer cannot report errors from a deinitializer, so it does not flush there.
public struct CSVWriter<Output: CSVOutput> {
    public private(set) var output: Output
    private var encoder: CSVRecordEncoder
    private let bufferCapacity: Int

    public var delimiter: CSVDelimiter { encoder.delimiter }
    public var textGuard: CSVTextGuard { encoder.textGuard }

    public init(
        to output: Output, delimiter: CSVDelimiter = .comma,
        textGuard: CSVTextGuard = .spreadsheet, bufferCapacity: Int = 64 * 1024
    ) {
        precondition(bufferCapacity > 0, "a CSV writer needs a positive buffer capacity, not \(bufferCapacity)")
        self.output = output
        self.encoder = CSVRecordEncoder(delimiter: delimiter, textGuard: textGuard)
        self.bufferCapacity = bufferCapacity
        encoder.bytes.reserveCapacity(bufferCapacity)
    }

    /// Writes the header row: the column names as text cells.
    public mutating func writeHeader(_ names: [String]) throws(CSVError) {
        try writeRecord(names.map(CSVCell.text))
    }

    /// Writes one record. It must have at least one cell.
    public mutating func writeRecord(_ cells: [CSVCell]) throws(CSVError) {
        encoder.appendRecord(cells)
        if encoder.bytes.count >= bufferCapacity {
            try flush()
        }
    }

    /// Passes the buffered bytes to the output.
    public mutating func flush() throws(CSVError) {
        if encoder.bytes.isEmpty {
            return
        }
        // The bytes move out while the output writes them, then the emptied
        // array comes back with its capacity. Bytes that failed to be written
        // are dropped.
        var pending: [UInt8] = []
        swap(&pending, &encoder.bytes)
        defer {
            pending.removeAll(keepingCapacity: true)
            encoder.bytes = pending
        }
        let outcome = pending.withUnsafeBytes { raw in
            Result { () throws(CSVError) in try output.write(raw) }
        }
        try outcome.get()
    }
}

/// Whether a CSV writer protects text cells from being read as spreadsheet formulas.
public enum CSVTextGuard: Sendable, Hashable {
    /// Text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`. For
    /// files that people open in spreadsheets: `--format csv` and workbench exports.
    case spreadsheet
    /// Text is written as it is. For files that programs read: `--raw-text`,
    /// outbox files and rejects files.
    case none
}
