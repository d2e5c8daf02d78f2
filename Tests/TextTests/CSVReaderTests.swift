import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import Text

@Suite("CSVReader")
struct CSVReaderTests {
    struct FormCase: CustomTestStringConvertible, Sendable {
        let id: String
        let input: String
        var delimiter = CSVDelimiter.comma
        let records: [[String]]
        var testDescription: String { id }
    }

    static let formCases: [FormCase] = [
        FormCase(id: "empty input", input: "", records: []),
        FormCase(id: "LF", input: "a,b\nc,d\n", records: [["a", "b"], ["c", "d"]]),
        FormCase(id: "CRLF", input: "a,b\r\nc,d\r\n", records: [["a", "b"], ["c", "d"]]),
        FormCase(id: "lone CR", input: "a,b\rc,d\r", records: [["a", "b"], ["c", "d"]]),
        FormCase(id: "mixed line endings", input: "a\r\nb\nc\rd", records: [["a"], ["b"], ["c"], ["d"]]),
        FormCase(id: "no final line break", input: "a,b\nc,d", records: [["a", "b"], ["c", "d"]]),
        FormCase(id: "trailing delimiter", input: "a,\n", records: [["a", ""]]),
        FormCase(id: "trailing delimiter at the end", input: "a,", records: [["a", ""]]),
        FormCase(id: "only a delimiter", input: ",\n", records: [["", ""]]),
        FormCase(id: "empty lines skipped", input: "\n\na\n\r\n\rb\n\n", records: [["a"], ["b"]]),
        FormCase(id: "only empty lines", input: "\r\n\n\r", records: []),
        FormCase(id: "spaces kept", input: " a , b \n  \n", records: [[" a ", " b "], ["  "]]),
        FormCase(id: "byte order mark", input: "\u{FEFF}a,b\n", records: [["a", "b"]]),
        FormCase(id: "byte order mark only", input: "\u{FEFF}", records: []),
        FormCase(id: "byte order mark later kept", input: "a\n\u{FEFF}b\n", records: [["a"], ["\u{FEFF}b"]]),
        FormCase(id: "quoted delimiter", input: "\"a,b\",c\n", records: [["a,b", "c"]]),
        FormCase(id: "doubled quotes", input: "\"a\"\"b\"\"\",\"\"\"\"\n", records: [["a\"b\"", "\""]]),
        FormCase(id: "quoted LF", input: "\"a\nb\",c\n", records: [["a\nb", "c"]]),
        FormCase(id: "quoted CRLF kept", input: "\"a\r\nb\",c\r\n", records: [["a\r\nb", "c"]]),
        FormCase(id: "quoted lone CR kept", input: "\"a\rb\"\r", records: [["a\rb"]]),
        FormCase(id: "quoted empty lines kept", input: "\"\n\n\"\n", records: [["\n\n"]]),
        FormCase(id: "quoted empty field", input: "\"\",x\n", records: [["", "x"]]),
        FormCase(id: "quoted empty only field", input: "\"\"\n", records: [[""]]),
        FormCase(id: "quoted last field without line break", input: "a,\"b\"", records: [["a", "b"]]),
        FormCase(id: "quote inside unquoted field", input: "5\" disk,x\n", records: [["5\" disk", "x"]]),
        FormCase(id: "quote ends unquoted field", input: "ab\",\"c\"\n", records: [["ab\"", "c"]]),
        FormCase(id: "space before quote", input: "a, \"b\"\n", records: [["a", " \"b\""]]),
        FormCase(id: "UTF-8 content", input: "日本,\"€ 5\",👩‍💻\n", records: [["日本", "€ 5", "👩‍💻"]]),
        FormCase(id: "ragged records", input: "a,b,c\nd\ne,f\n", records: [["a", "b", "c"], ["d"], ["e", "f"]]),
        FormCase(id: "semicolon", input: "a;b,c\n", delimiter: .semicolon, records: [["a", "b,c"]]),
        FormCase(id: "semicolon quoted", input: "\"a;b\";c\n", delimiter: .semicolon, records: [["a;b", "c"]]),
        FormCase(id: "tab", input: "a\tb c\t\n", delimiter: .tab, records: [["a", "b c", ""]]),
        FormCase(id: "pipe", input: "a|\"b|c\"|d\n", delimiter: .pipe, records: [["a", "b|c", "d"]]),
    ]

    @Test("forms", arguments: formCases)
    func forms(_ testCase: FormCase) throws {
        let reader = CSVReader(bytes: Array(testCase.input.utf8), name: "t.csv", delimiter: testCase.delimiter)
        #expect(try reader.readAllStrings() == testCase.records)
    }

    @Test("forms read in one-byte chunks", arguments: formCases)
    func formsInOneByteChunks(_ testCase: FormCase) throws {
        let reader = CSVReader(
            bytes: Array(testCase.input.utf8), name: "t.csv", delimiter: testCase.delimiter, chunkSize: 1)
        #expect(try reader.readAllStrings() == testCase.records)
    }

    struct PositionCase: CustomTestStringConvertible, Sendable {
        let id: String
        let input: String
        let positions: [String]
        var testDescription: String { id }
    }

    static let positionCases: [PositionCase] = [
        PositionCase(id: "simple", input: "ab,cd\nef,g\n", positions: ["1: 1:1 1:4", "2: 2:1 2:4"]),
        PositionCase(id: "empty lines counted", input: "a\n\n\r\n\rb\n", positions: ["1: 1:1", "5: 5:1"]),
        PositionCase(id: "CRLF counts once", input: "a\r\nb\r\nc", positions: ["1: 1:1", "2: 2:1", "3: 3:1"]),
        PositionCase(
            id: "quoted line breaks", input: "h1,h2\r\n\r\na,\"multi\nline\"\nb,c\n",
            positions: ["1: 1:1 1:4", "3: 3:1 3:3", "5: 5:1 5:3"]),
        PositionCase(
            id: "field after quoted line break", input: "\"x\r\ny\",z\nw",
            positions: ["1: 1:1 2:4", "3: 3:1"]),
        PositionCase(id: "wide characters count once", input: "日本,x\n", positions: ["1: 1:1 1:4"]),
        PositionCase(id: "emoji counts per code point", input: "👩‍💻,x\n", positions: ["1: 1:1 1:5"]),
        PositionCase(id: "doubled quotes count twice", input: "\"a\"\"b\",c\n", positions: ["1: 1:1 1:8"]),
        PositionCase(id: "byte order mark not counted", input: "\u{FEFF}a,b\n", positions: ["1: 1:1 1:3"]),
        PositionCase(id: "empty fields", input: ",,\n", positions: ["1: 1:1 1:2 1:3"]),
    ]

    @Test("positions", arguments: positionCases)
    func positions(_ testCase: PositionCase) throws {
        let reader = CSVReader(bytes: Array(testCase.input.utf8), name: "t.csv")
        #expect(try reader.readAllPositions() == testCase.positions)
    }

    @Test("quoted flag")
    func quotedFlag() throws {
        let reader = CSVReader(bytes: Array("\"\",,\"a\",b\n".utf8), name: "t.csv")
        let record = try #require(try reader.next())
        #expect(record.map(\.isQuoted) == [true, false, true, false])
    }

    @Test("single-byte encoding counts every byte")
    func singleByteColumns() throws {
        let bytes: [UInt8] = [0xE9, 0xE9, 0x2C, 0x78, 0x0A]
        let reader = CSVReader(bytes: bytes, name: "t.csv", encoding: .latin1)
        #expect(try reader.readAllPositions() == ["1: 1:1 1:4"])
    }

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        let id: String
        let input: String
        let recordsBefore: Int
        let error: CSVError
        var testDescription: String { id }
    }

    static func at(_ line: Int, _ column: Int) -> CSVLocation {
        CSVLocation(file: "t.csv", line: line, column: column)
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(
            id: "letter after closing quote", input: "\"ab\"c,d\n", recordsBefore: 0,
            error: .textAfterClosingQuote(at(1, 5), byte: UInt8(ascii: "c"))),
        ErrorCase(
            id: "space after closing quote", input: "a,\"b\" ,c\n", recordsBefore: 0,
            error: .textAfterClosingQuote(at(1, 6), byte: 0x20)),
        ErrorCase(
            id: "unescaped quote on a later line", input: "x\n\n\"say \"hi\"\"\n", recordsBefore: 1,
            error: .textAfterClosingQuote(at(3, 7), byte: UInt8(ascii: "h"))),
        ErrorCase(
            id: "text after quoted line break", input: "\"a\nb\"c\n", recordsBefore: 0,
            error: .textAfterClosingQuote(at(2, 3), byte: UInt8(ascii: "c"))),
        ErrorCase(
            id: "unterminated at line start", input: "a\n\"open,b\nc", recordsBefore: 1,
            error: .unterminatedQuote(at(2, 1))),
        ErrorCase(
            id: "unterminated after delimiters", input: "a,b,\"c", recordsBefore: 0,
            error: .unterminatedQuote(at(1, 5))),
        ErrorCase(
            id: "unterminated after wide characters", input: "日本,\"x\n\n", recordsBefore: 0,
            error: .unterminatedQuote(at(1, 4))),
        ErrorCase(
            id: "unterminated after doubled quote", input: "ok\n\"a\"\"", recordsBefore: 1,
            error: .unterminatedQuote(at(2, 1))),
    ]

    @Test("errors", arguments: errorCases)
    func errors(_ testCase: ErrorCase) throws {
        let reader = CSVReader(bytes: Array(testCase.input.utf8), name: "t.csv")
        for _ in 0..<testCase.recordsBefore {
            _ = try reader.next()
        }
        #expect(throws: testCase.error) {
            try reader.next()
        }
    }

    @Test("errors in one-byte chunks", arguments: errorCases)
    func errorsInOneByteChunks(_ testCase: ErrorCase) throws {
        let reader = CSVReader(bytes: Array(testCase.input.utf8), name: "t.csv", chunkSize: 1)
        for _ in 0..<testCase.recordsBefore {
            _ = try reader.next()
        }
        #expect(throws: testCase.error) {
            try reader.next()
        }
    }

    @Test("error repeats on the next call")
    func errorRepeats() throws {
        let reader = CSVReader(bytes: Array("\"a\"b\nc\n".utf8), name: "t.csv")
        let error = CSVError.textAfterClosingQuote(Self.at(1, 4), byte: UInt8(ascii: "b"))
        #expect(throws: error) { try reader.next() }
        #expect(throws: error) { try reader.next() }
    }

    struct DecodingCase: CustomTestStringConvertible, Sendable {
        let id: String
        let bytes: [UInt8]
        var encoding = TextEncoding.utf8
        let field: Int
        let error: CSVError
        var testDescription: String { id }
    }

    static let decodingCases: [DecodingCase] = [
        DecodingCase(
            id: "Latin-1 byte in UTF-8", bytes: Array("a,caf".utf8) + [0xE9] + Array(",b\n".utf8), field: 1,
            error: .undecodableByte(at(1, 6), byte: 0xE9, encoding: .utf8)),
        DecodingCase(
            id: "stray continuation byte", bytes: Array("ab".utf8) + [0x80], field: 0,
            error: .undecodableByte(at(1, 3), byte: 0x80, encoding: .utf8)),
        DecodingCase(
            id: "truncated sequence", bytes: Array("x".utf8) + [0xE6, 0x97] + Array(",y".utf8), field: 0,
            error: .undecodableByte(at(1, 2), byte: 0xE6, encoding: .utf8)),
        DecodingCase(
            id: "after valid multi-byte", bytes: Array("日本".utf8) + [0xFF], field: 0,
            error: .undecodableByte(at(1, 3), byte: 0xFF, encoding: .utf8)),
        DecodingCase(
            id: "in quoted field after doubled quote and line break",
            bytes: Array("\"a\"\"b\r\nc".utf8) + [0xFF] + Array("\"".utf8), field: 0,
            error: .undecodableByte(at(2, 2), byte: 0xFF, encoding: .utf8)),
        DecodingCase(
            id: "in quoted field after lone CR", bytes: Array("x,\"a\rb".utf8) + [0xC0, 0x80] + Array("\"".utf8),
            field: 1, error: .undecodableByte(at(2, 2), byte: 0xC0, encoding: .utf8)),
        DecodingCase(
            id: "undefined Windows-1252 byte", bytes: Array("x,\"ab".utf8) + [0x81] + Array("\"".utf8),
            encoding: .cp1252, field: 1, error: .undecodableByte(at(1, 6), byte: 0x81, encoding: .cp1252)),
    ]

    @Test("decoding errors", arguments: decodingCases)
    func decodingErrors(_ testCase: DecodingCase) throws {
        let reader = CSVReader(bytes: testCase.bytes, name: "t.csv", encoding: testCase.encoding)
        let record = try #require(try reader.next())
        #expect(throws: testCase.error) {
            try record.string(at: testCase.field)
        }
    }

    @Test("Windows-1252 fields decode")
    func windows1252Fields() throws {
        let bytes: [UInt8] = [0x80, 0x20, 0x35, 0x2C, 0x93, 0x6F, 0x6B, 0x94, 0x2C, 0xE9, 0x0D, 0x0A]
        let reader = CSVReader(bytes: bytes, name: "t.csv", encoding: .cp1252)
        #expect(try reader.readAllStrings() == [["€ 5", "\u{201C}ok\u{201D}", "é"]])
    }

    @Test("Latin-1 fields decode")
    func latin1Fields() throws {
        let bytes: [UInt8] = [0xA3, 0x35, 0x2C, 0xE9, 0x80, 0x0A]
        let reader = CSVReader(bytes: bytes, name: "t.csv", encoding: .latin1)
        #expect(try reader.readAllStrings() == [["£5", "é\u{80}"]])
    }

    @Test("kept record keeps its fields")
    func keptRecord() throws {
        let reader = CSVReader(bytes: Array("a,b\nc,d\n".utf8), name: "t.csv")
        let first = try #require(try reader.next())
        let second = try #require(try reader.next())
        #expect(try first.strings() == ["a", "b"])
        #expect(try second.strings() == ["c", "d"])
    }

    @Test("end of input repeats")
    func endOfInputRepeats() throws {
        let reader = CSVReader(bytes: Array("a\n".utf8), name: "t.csv")
        _ = try reader.next()
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }
}
