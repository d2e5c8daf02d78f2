/// The byte encoding of CSV records for `CSVWriter`: quoting, the spreadsheet
/// guard and line endings.
///
/// This type is not generic, so its per-byte work is compiled once in this
/// module rather than run through generic metadata in the caller's.
struct CSVRecordEncoder {
    let delimiter: CSVDelimiter
    let textGuard: CSVTextGuard
    var bytes: [UInt8] = []

    init(delimiter: CSVDelimiter, textGuard: CSVTextGuard) {
        self.delimiter = delimiter
        self.textGuard = textGuard
    }

    /// Appends one record and its CRLF. The record must have at least one cell.
    mutating func appendRecord(_ cells: [CSVCell]) {
        precondition(!cells.isEmpty, "a CSV record needs at least one cell")
        let recordStart = bytes.count
        for (index, cell) in cells.enumerated() {
            if index > 0 {
                bytes.append(delimiter.rawValue)
            }
            append(cell)
        }
        if bytes.count == recordStart {
            bytes.append(Byte.quote)
            bytes.append(Byte.quote)
        }
        bytes.append(Byte.carriageReturn)
        bytes.append(Byte.lineFeed)
    }

    private mutating func append(_ cell: CSVCell) {
        switch cell {
        case .text(var text):
            text.withUTF8 { append(text: $0) }
        case .number(let text):
            precondition(Self.isPlainNumber(text), "CSV number cell '\(text)' is not a plain number")
            bytes.append(contentsOf: text.utf8)
        case .missing:
            break
        }
    }

    private mutating func append(text: UnsafeBufferPointer<UInt8>) {
        var isGuarded = false
        if textGuard == .spreadsheet, let first = text.first {
            isGuarded = Self.startsFormula(first)
        }
        let delimiter = delimiter.rawValue
        let isQuoted = text.contains { byte in
            byte == delimiter || byte == Byte.quote || byte == Byte.carriageReturn || byte == Byte.lineFeed
        }

        if isQuoted {
            bytes.append(Byte.quote)
        }
        if isGuarded {
            bytes.append(Byte.apostrophe)
        }
        if isQuoted {
            for byte in text {
                bytes.append(byte)
                if byte == Byte.quote {
                    bytes.append(Byte.quote)
                }
            }
            bytes.append(Byte.quote)
        } else {
            bytes.append(contentsOf: text)
        }
    }

    /// Returns whether a text cell starting with this byte needs the spreadsheet guard.
    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"),
            Byte.tab, Byte.carriageReturn:
            return true
        default:
            return false
        }
    }

    /// Returns whether the text matches `-?[0-9]+(\.[0-9]+)?`.
    static func isPlainNumber(_ text: String) -> Bool {
        var digitsBefore = 0
        var digitsAfter = 0
        var hasPoint = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0:
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if hasPoint {
                    digitsAfter += 1
                } else {
                    digitsBefore += 1
                }
            case UInt8(ascii: ".") where !hasPoint && digitsBefore > 0:
                hasPoint = true
            default:
                return false
            }
        }
        return digitsBefore > 0 && (!hasPoint || digitsAfter > 0)
    }
}

/// ASCII bytes that CSV syntax uses.
enum Byte {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
}
