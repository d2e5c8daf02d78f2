import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import Text

@Suite("CSVReader files")
struct CSVReaderFileTests {
    @Test("file with byte order mark and no final line break")
    func fileRead() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/customers.csv"
        try writeFile(path, [0xEF, 0xBB, 0xBF] + Array("customer_id;name\r\nC1;\"Ann; Bo\"".utf8))
        let reader = try CSVReader(path: path, delimiter: .semicolon)
        #expect(try reader.readAllStrings() == [["customer_id", "name"], ["C1", "Ann; Bo"]])
    }

    @Test("record names the file")
    func recordNamesFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/orders.csv"
        try writeFile(path, Array("a\n".utf8) + [0xFF])
        let reader = try CSVReader(path: path)
        _ = try reader.next()
        let record = try #require(try reader.next())
        #expect(throws: CSVError.undecodableByte(CSVLocation(file: path, line: 2, column: 1), byte: 0xFF, encoding: .utf8)) {
            try record.string(at: 0)
        }
    }

    @Test("empty file")
    func emptyFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/empty.csv"
        try writeFile(path, [])
        let reader = try CSVReader(path: path)
        #expect(try reader.next() == nil)
    }

    @Test("missing file")
    func missingFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/missing.csv"
        #expect(throws: CSVError.openFailed(path: path, code: ENOENT)) {
            try CSVReader(path: path)
        }
    }

    @Test("folder instead of a file")
    func folderInsteadOfFile() throws {
        let folder = try TemporaryFolder()
        let reader = try CSVReader(path: folder.path)
        #expect(throws: CSVError.readFailed(path: folder.path, code: EISDIR)) {
            try reader.next()
        }
    }
}
