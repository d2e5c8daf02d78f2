import Foundation
import Testing

@testable import Text

@Suite("CSVReport")
struct CSVReportTests {
    static let records: [[CSVCell]] = [
        [.text("region"), .text("revenue")],
        [.text("=North"), .money(-123450)],
        [.missing, .integer(7)],
    ]
    static let expected = "region,revenue\r\n'=North,-1234.50\r\n,7\r\n"

    @Test("records with the spreadsheet guard")
    func guarded() throws {
        let bytes = try CSVReport.write(CSVReportTests.records, to: [UInt8]())
        #expect(String(decoding: bytes, as: UTF8.self) == CSVReportTests.expected)
    }

    @Test("records without the guard")
    func unguarded() throws {
        let bytes = try CSVReport.write(CSVReportTests.records, to: [UInt8](), textGuard: .none)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\r\n=North,"))
    }

    @Test("file gets the same bytes")
    func file() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/report.csv"
        try CSVReport.write(CSVReportTests.records, toFileAt: path)
        #expect(try readFile(path) == Array(CSVReportTests.expected.utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.csv"])
    }

    @Test("file replaces an older one")
    func replaces() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/report.csv"
        try writeFile(path, Array("old contents that are longer than the new ones\n".utf8))
        try CSVReport.write(CSVReportTests.records, toFileAt: path)
        #expect(try readFile(path) == Array(CSVReportTests.expected.utf8))
    }

    @Test("missing folder fails and leaves nothing")
    func missingFolder() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/absent/report.csv"
        #expect(throws: CSVError.self) {
            try CSVReport.write(CSVReportTests.records, toFileAt: path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("temporary file sits beside the target")
    func temporaryPath() {
        let pid = getpid()
        #expect(CSVReport.temporaryPath(for: "/tmp/out/report.csv") == "/tmp/out/.report.csv.\(pid).tmp")
        #expect(CSVReport.temporaryPath(for: "report.csv") == ".report.csv.\(pid).tmp")
    }
}
