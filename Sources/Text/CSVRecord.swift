/// One record read from a CSV input: its fields as bytes, with their positions.
///
/// The record is a collection of `CSVField`. Field bytes are the content: the
/// enclosing quotes are removed and doubled quotes are single. `string(at:)`
/// decodes a field in the reader's encoding and reports an undecodable byte with
/// its own line and column.
public struct CSVRecord: Sendable, RandomAccessCollection {
    /// The file (or the name given to in-memory input) that the record came from.
    public let file: String
    /// The physical line, 1-based, where the record starts.
    public let line: Int
    public let encoding: TextEncoding
    let bytes: [UInt8]
    let spans: [FieldSpan]

    /// The range of one field's content in `bytes`, and the field's start in the input.
    struct FieldSpan: Sendable {
        var start: Int
        var end: Int
        var line: Int
        var column: Int
        var isQuoted: Bool
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { spans.count }

    public subscript(position: Int) -> CSVField {
        let span = spans[position]
        return CSVField(
            bytes: bytes[span.start..<span.end], line: span.line, column: span.column,
            isQuoted: span.isQuoted)
    }

    /// Returns the field at `index` decoded in the record's encoding.
    public func string(at index: Int) throws(CSVError) -> String {
        let field = self[index]
        if let text = encoding.decode(field.bytes) {
            return text
        }
        let offset = encoding.firstUndecodableByte(in: field.bytes) ?? 0
        let byte = field.bytes[field.bytes.startIndex + offset]
        throw .undecodableByte(location(ofByte: offset, in: field), byte: byte, encoding: encoding)
    }

    /// Returns all fields decoded in the record's encoding.
    public func strings() throws(CSVError) -> [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        for index in indices {
            result.append(try string(at: index))
        }
        return result
    }

    /// Returns the input location of the byte at `offset` in the field's content.
    ///
    /// The content differs from the input where the field was quoted: the opening
    /// quote comes first and every quote in the content was doubled. Line breaks
    /// can only occur in quoted fields.
    func location(ofByte offset: Int, in field: CSVField) -> CSVLocation {
        let continuationMask = encoding.continuationMask
        var line = field.line
        var column = field.isQuoted ? field.column + 1 : field.column
        var followsCarriageReturn = false
        for byte in field.bytes.prefix(offset) {
            if byte == Byte.carriageReturn || (byte == Byte.lineFeed && !followsCarriageReturn) {
                line += 1
                column = 1
            } else if byte == Byte.quote && field.isQuoted {
                column += 2
            } else if byte != Byte.lineFeed && byte & continuationMask != 0x80 {
                column += 1
            }
            followsCarriageReturn = byte == Byte.carriageReturn
        }
        return CSVLocation(file: file, line: line, column: column)
    }
}

/// One field of a CSV record: its content bytes and where it starts in the input.
public struct CSVField: Sendable, Hashable {
    /// The content, without enclosing quotes and with doubled quotes made single.
    public let bytes: ArraySlice<UInt8>
    /// The physical line, 1-based, of the field's first byte.
    public let line: Int
    /// The column, 1-based, of the field's first byte (its opening quote when quoted).
    public let column: Int
    /// Whether the field was enclosed in quotes. A quoted empty field (`""`) and
    /// an empty unquoted one have the same content.
    public let isQuoted: Bool
}
