#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Failures of CSV reading, decoding and writing.
///
/// Cases carry the data (where, which byte, which system error) and no prose.
/// `message` and `help` contain all the wording, so every message of this module is
/// written in this file.
public enum CSVError: Error, Sendable, Hashable {
    /// A quoted field's closing quote is followed by a byte other than the
    /// delimiter or a line break. The location is that byte's.
    case textAfterClosingQuote(CSVLocation, byte: UInt8)
    /// The input ends inside a quoted field. The location is the field's opening quote.
    case unterminatedQuote(CSVLocation)
    /// A field contains a byte that is invalid in the reader's encoding.
    case undecodableByte(CSVLocation, byte: UInt8, encoding: TextEncoding)
    /// `open` failed with the `errno` value `code`.
    case openFailed(path: String, code: Int32)
    /// `read` failed with the `errno` value `code`.
    case readFailed(path: String, code: Int32)
    /// `write` or `close` of an output file failed with the `errno` value `code`.
    case writeFailed(path: String, code: Int32)

    /// The place in the input that the error is about, if it is about one.
    public var location: CSVLocation? {
        switch self {
        case .textAfterClosingQuote(let location, _),
            .unterminatedQuote(let location),
            .undecodableByte(let location, _, _):
            return location
        case .openFailed, .readFailed, .writeFailed:
            return nil
        }
    }

    /// One line with what failed and where: `file:line:column: what failed`.
    public var message: String {
        switch self {
        case .textAfterClosingQuote(let location, let byte):
            return "\(location): unexpected \(Self.describe(byte)) after the closing quote of a quoted field"
        case .unterminatedQuote(let location):
            return "\(location): quoted field is not closed before the end of the file"
        case .undecodableByte(let location, let byte, .utf8):
            return "\(location): invalid UTF-8: byte \(Self.hex(byte))"
        case .undecodableByte(let location, let byte, let encoding):
            return "\(location): byte \(Self.hex(byte)) is not defined in \(encoding.displayName)"
        case .openFailed(let path, let code):
            return "failed to open '\(path)': \(Self.systemMessage(code))"
        case .readFailed(let path, let code):
            return "failed to read '\(path)': \(Self.systemMessage(code))"
        case .writeFailed(let path, let code):
            return "failed to write '\(path)': \(Self.systemMessage(code))"
        }
    }

    /// A suggestion of what to do next, when there is one.
    public var help: String? {
        switch self {
        case .textAfterClosingQuote, .unterminatedQuote:
            return "a quote inside a quoted field must be doubled (\"\"), "
                + "while a field that does not start with a quote may contain quotes as they are"
        case .undecodableByte(_, _, .utf8):
            return "if the file is not UTF-8, name its encoding with --encoding cp1252 or --encoding latin1"
        case .undecodableByte(_, _, .cp1252):
            return "if the file is Latin-1, read it with --encoding latin1"
        case .undecodableByte(_, _, .latin1), .openFailed, .readFailed, .writeFailed:
            return nil
        }
    }

    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F {
            return "character '\(Character(Unicode.Scalar(byte)))' (byte \(hex(byte)))"
        }
        return "byte \(hex(byte))"
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }

    static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

extension CSVError: CustomStringConvertible {
    /// The message, and the help on a second line when there is any.
    public var description: String {
        guard let help else { return message }
        return message + "\nhelp: " + help
    }
}

/// A position in a CSV input: the file (or the name given to in-memory input),
/// the 1-based physical line and the 1-based column.
///
/// The column counts characters from the start of the line: for UTF-8 input,
/// every byte that is not a continuation byte (0x80–0xBF) counts as one, and for
/// the single-byte encodings every byte does.
public struct CSVLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The location as `file:line:column`.
    public var description: String {
        "\(file):\(line):\(column)"
    }
}
