import Testing

#if canImport(Glibc)
import Glibc
#endif

import Text

@Suite("CSVError messages")
struct CSVErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let error: CSVError
        let message: String
        let help: String?
        var testDescription: String { id }
    }

    static let location = CSVLocation(file: "sales.csv", line: 12, column: 7)
    static let quoteHelp =
        "a quote inside a quoted field must be doubled (\"\"), "
        + "while a field that does not start with a quote may contain quotes as they are"

    static let cases: [Case] = [
        Case(
            id: "printable byte after closing quote", error: .textAfterClosingQuote(location, byte: 0x78),
            message: "sales.csv:12:7: unexpected character 'x' (byte 0x78) after the closing quote of a quoted field",
            help: quoteHelp),
        Case(
            id: "control byte after closing quote", error: .textAfterClosingQuote(location, byte: 0x01),
            message: "sales.csv:12:7: unexpected byte 0x01 after the closing quote of a quoted field",
            help: quoteHelp),
        Case(
            id: "unterminated quote", error: .unterminatedQuote(location),
            message: "sales.csv:12:7: quoted field is not closed before the end of the file", help: quoteHelp),
        Case(
            id: "invalid UTF-8", error: .undecodableByte(location, byte: 0xE9, encoding: .utf8),
            message: "sales.csv:12:7: invalid UTF-8: byte 0xE9",
            help: "if the file is not UTF-8, name its encoding with --encoding cp1252 or --encoding latin1"),
        Case(
            id: "undefined Windows-1252 byte", error: .undecodableByte(location, byte: 0x81, encoding: .cp1252),
            message: "sales.csv:12:7: byte 0x81 is not defined in Windows-1252",
            help: "if the file is Latin-1, read it with --encoding latin1"),
        Case(
            id: "open failed", error: .openFailed(path: "sales.csv", code: ENOENT),
            message: "failed to open 'sales.csv': No such file or directory", help: nil),
        Case(
            id: "read failed", error: .readFailed(path: "exports", code: EISDIR),
            message: "failed to read 'exports': Is a directory", help: nil),
        Case(
            id: "write failed", error: .writeFailed(path: "out.csv", code: ENOSPC),
            message: "failed to write 'out.csv': No space left on device", help: nil),
    ]

    @Test("message", arguments: cases)
    func message(_ testCase: Case) {
        #expect(testCase.error.message == testCase.message)
    }

    @Test("help", arguments: cases)
    func help(_ testCase: Case) {
        #expect(testCase.error.help == testCase.help)
    }

    @Test("description adds the help line")
    func descriptionAddsHelp() {
        let error = CSVError.unterminatedQuote(Self.location)
        #expect(error.description == error.message + "\nhelp: " + Self.quoteHelp)
    }

    @Test("description without help is the message")
    func descriptionWithoutHelp() {
        let error = CSVError.openFailed(path: "x.csv", code: EACCES)
        #expect(error.description == "failed to open 'x.csv': Permission denied")
    }

    @Test("location of a syntax error")
    func locationOfSyntaxError() {
        #expect(CSVError.unterminatedQuote(Self.location).location == Self.location)
    }

    @Test("no location for a system error")
    func noLocationForSystemError() {
        #expect(CSVError.readFailed(path: "x.csv", code: EIO).location == nil)
    }
}
