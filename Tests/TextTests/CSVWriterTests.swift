import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import Text

@Suite("CSVWriter")
struct CSVWriterTests {
    struct RecordCase: CustomTestStringConvertible, Sendable {
        let id: String
        let cells: [CSVCell]
        var textGuard = CSVTextGuard.spreadsheet
        var delimiter = CSVDelimiter.comma
        let expected: String
        var testDescription: String { id }
    }

    static let recordCases: [RecordCase] = [
        RecordCase(id: "plain text", cells: [.text("abc")], expected: "abc\r\n"),
        RecordCase(id: "several cells", cells: [.text("a"), .missing, .number("1")], expected: "a,,1\r\n"),
        RecordCase(id: "delimiter quoted", cells: [.text("a,b")], expected: "\"a,b\"\r\n"),
        RecordCase(id: "quote doubled", cells: [.text("say \"hi\"")], expected: "\"say \"\"hi\"\"\"\r\n"),
        RecordCase(id: "LF quoted", cells: [.text("a\nb")], expected: "\"a\nb\"\r\n"),
        RecordCase(id: "CR quoted", cells: [.text("a\rb")], expected: "\"a\rb\"\r\n"),
        RecordCase(id: "spaces kept", cells: [.text(" a ")], expected: " a \r\n"),
        RecordCase(id: "UTF-8 kept", cells: [.text("日本 \u{1F469}\u{200D}\u{1F4BB}")], expected: "日本 \u{1F469}\u{200D}\u{1F4BB}\r\n"),
        RecordCase(id: "only cell missing", cells: [.missing], expected: "\"\"\r\n"),
        RecordCase(id: "only cell empty text", cells: [.text("")], expected: "\"\"\r\n"),
        RecordCase(id: "two missing cells", cells: [.missing, .missing], expected: ",\r\n"),
        RecordCase(id: "guard equals", cells: [.text("=SUM(A1:A9)")], expected: "'=SUM(A1:A9)\r\n"),
        RecordCase(id: "guard plus", cells: [.text("+44 20 7946 0000")], expected: "'+44 20 7946 0000\r\n"),
        RecordCase(id: "guard minus", cells: [.text("-x")], expected: "'-x\r\n"),
        RecordCase(id: "guard at sign", cells: [.text("@handle")], expected: "'@handle\r\n"),
        RecordCase(id: "guard tab", cells: [.text("\tx")], expected: "'\tx\r\n"),
        RecordCase(id: "guard CR inside quotes", cells: [.text("\rx")], expected: "\"'\rx\"\r\n"),
        RecordCase(id: "guard with delimiter", cells: [.text("=1,2")], expected: "\"'=1,2\"\r\n"),
        RecordCase(id: "guard with quote", cells: [.text("=\"x\"")], expected: "\"'=\"\"x\"\"\"\r\n"),
        RecordCase(id: "guard only at start", cells: [.text("a=b")], expected: "a=b\r\n"),
        RecordCase(id: "apostrophe not guarded", cells: [.text("'x")], expected: "'x\r\n"),
        RecordCase(id: "negative number not guarded", cells: [.number("-1234.50")], expected: "-1234.50\r\n"),
        RecordCase(id: "money not guarded", cells: [.money(-5)], expected: "-0.05\r\n"),
        RecordCase(id: "integer", cells: [.integer(-42)], expected: "-42\r\n"),
        RecordCase(id: "ratio", cells: [.ratio(2, 3, fractionDigits: 4)], expected: "0.6667\r\n"),
        RecordCase(id: "ratio of zero denominator", cells: [.text("a"), .ratio(1, 0, fractionDigits: 4)], expected: "a,\r\n"),
        RecordCase(id: "no guard equals", cells: [.text("=SUM(A1)")], textGuard: .none, expected: "=SUM(A1)\r\n"),
        RecordCase(id: "no guard minus", cells: [.text("-x"), .text("@y")], textGuard: .none, expected: "-x,@y\r\n"),
        RecordCase(id: "no guard tab", cells: [.text("\tx")], textGuard: .none, expected: "\tx\r\n"),
        RecordCase(
            id: "semicolon quoted", cells: [.text("a;b"), .text("a,b")], delimiter: .semicolon,
            expected: "\"a;b\";a,b\r\n"),
        RecordCase(id: "tab delimiter quoted", cells: [.text("a\tb"), .text("c")], delimiter: .tab, expected: "\"a\tb\"\tc\r\n"),
        RecordCase(
            id: "tab guard with tab delimiter", cells: [.text("\tx")], delimiter: .tab,
            expected: "\"'\tx\"\r\n"),
        RecordCase(id: "pipe quoted", cells: [.text("a|b"), .text("c")], delimiter: .pipe, expected: "\"a|b\"|c\r\n"),
        RecordCase(id: "optional text nil", cells: [.text(nil as String?), .text("x" as String?)], expected: ",x\r\n"),
    ]

    @Test("record", arguments: recordCases)
    func record(_ testCase: RecordCase) throws {
        var writer = CSVWriter(to: [UInt8](), delimiter: testCase.delimiter, textGuard: testCase.textGuard)
        try writer.writeRecord(testCase.cells)
        try writer.flush()
        #expect(String(decoding: writer.output, as: UTF8.self) == testCase.expected)
    }

    @Test("header is guarded like text")
    func headerGuarded() throws {
        var writer = CSVWriter(to: [UInt8]())
        try writer.writeHeader(["signup_month", "=x"])
        try writer.flush()
        #expect(String(decoding: writer.output, as: UTF8.self) == "signup_month,'=x\r\n")
    }

    @Test(
        "plain number syntax",
        arguments: [
            ("1", true), ("-1", true), ("0.05", true), ("-1234.50", true), ("007", true),
            ("", false), ("-", false), ("1.", false), (".5", false), ("1e5", false), ("=1", false),
            ("1,5", false), ("+1", false), ("1.2.3", false), ("--1", false), (" 1", false), ("NaN", false),
        ])
    func plainNumberSyntax(_ text: String, _ isPlain: Bool) {
        #expect(CSVRecordEncoder.isPlainNumber(text) == isPlain)
    }

    /// Records each call, to see what the writer hands over and when.
    struct RecordingOutput: CSVOutput {
        var writes: [[UInt8]] = []

        mutating func write(_ bytes: UnsafeRawBufferPointer) {
            writes.append(Array(bytes))
        }
    }

    @Test("buffer flushes whole records")
    func bufferFlushesWholeRecords() throws {
        var writer = CSVWriter(to: RecordingOutput(), bufferCapacity: 16)
        for index in 0..<20 {
            try writer.writeRecord([.text("row \(index)"), .text("日本語")])
        }
        #expect(writer.output.writes.count == 20)
        #expect(writer.output.writes.allSatisfy { $0.suffix(2) == [0x0D, 0x0A] })
    }

    @Test("buffer waits for its capacity")
    func bufferWaitsForCapacity() throws {
        var writer = CSVWriter(to: RecordingOutput())
        for index in 0..<100 {
            try writer.writeRecord([.integer(Int64(index))])
        }
        #expect(writer.output.writes.isEmpty)
        try writer.flush()
        #expect(writer.output.writes.count == 1)
    }

    @Test("text stream output")
    func textStreamOutput() throws {
        var writer = CSVWriter(to: CSVTextStreamOutput(""), textGuard: .none)
        try writer.writeHeader(["customer_id", "group"])
        try writer.writeRecord([.text("C-1"), .text("target")])
        try writer.flush()
        #expect(writer.output.stream == "customer_id,group\r\nC-1,target\r\n")
    }

    @Test("file output")
    func fileOutput() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/targets.csv"
        let output = try CSVFileOutput(creatingFileAt: path)
        var writer = CSVWriter(to: output, textGuard: .none)
        try writer.writeHeader(["customer_id", "email"])
        try writer.writeRecord([.text("17850"), .text("a@example.com")])
        try writer.flush()
        try output.close()
        #expect(try readFile(path) == Array("customer_id,email\r\n17850,a@example.com\r\n".utf8))
    }

    @Test("file output in a missing folder")
    func fileOutputMissingFolder() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/missing/targets.csv"
        #expect(throws: CSVError.openFailed(path: path, code: ENOENT)) {
            try CSVFileOutput(creatingFileAt: path)
        }
    }

    @Test("write failure is reported")
    func writeFailure() throws {
        // /dev/full accepts the open and fails every write with ENOSPC.
        let output = try CSVFileOutput(creatingFileAt: "/dev/full")
        var writer = CSVWriter(to: output)
        try writer.writeRecord([.text("a")])
        #expect(throws: CSVError.writeFailed(path: "/dev/full", code: ENOSPC)) {
            try writer.flush()
        }
    }
}
