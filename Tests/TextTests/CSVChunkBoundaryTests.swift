import Testing

@testable import Text

@Suite("CSVReader chunk boundaries")
struct CSVChunkBoundaryTests {
    /// Input with a byte order mark, doubled quotes, a closing quote before a
    /// delimiter, CRLF inside and after quoted fields, a lone CR, 2-, 3- and
    /// 4-byte UTF-8 characters and an empty line. Across all chunk sizes from 1
    /// up, a chunk boundary falls inside each of them.
    static let input = Array(
        "\u{FEFF}id,\"na\"\"me\",city\r\n1,\"Zoë\r\nLine\",東京\r\n\r\n2,\"\u{1F469}\u{200D}\u{1F4BB}\",\"x\"\r3,é,\"\"\n"
            .utf8)

    static let expectedRecords = [
        ["id", "na\"me", "city"],
        ["1", "Zoë\r\nLine", "東京"],
        ["2", "\u{1F469}\u{200D}\u{1F4BB}", "x"],
        ["3", "é", ""],
    ]

    static let expectedPositions = [
        "1: 1:1 1:4 1:13",
        "2: 2:1 2:3 3:7",
        "5: 5:1 5:3 5:9",
        "6: 6:1 6:3 6:5",
    ]

    @Test("records at every chunk size")
    func recordsAtEveryChunkSize() throws {
        for chunkSize in 1...Self.input.count {
            let reader = CSVReader(bytes: Self.input, name: "t.csv", chunkSize: chunkSize)
            #expect(try reader.readAllStrings() == Self.expectedRecords, "chunk size \(chunkSize)")
        }
    }

    @Test("positions at every chunk size")
    func positionsAtEveryChunkSize() throws {
        for chunkSize in 1...Self.input.count {
            let reader = CSVReader(bytes: Self.input, name: "t.csv", chunkSize: chunkSize)
            #expect(try reader.readAllPositions() == Self.expectedPositions, "chunk size \(chunkSize)")
        }
    }

    @Test("file at every chunk size")
    func fileAtEveryChunkSize() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/boundaries.csv"
        try writeFile(path, Self.input)
        for chunkSize in 1...Self.input.count {
            let reader = try CSVReader(path: path, chunkSize: chunkSize)
            #expect(try reader.readAllStrings() == Self.expectedRecords, "chunk size \(chunkSize)")
        }
    }

    @Test("error position at every chunk size")
    func errorPositionAtEveryChunkSize() throws {
        let input = Array("a,b\r\n\"日本\"x,c\r\n".utf8)
        let error = CSVError.textAfterClosingQuote(
            CSVLocation(file: "t.csv", line: 2, column: 5), byte: UInt8(ascii: "x"))
        for chunkSize in 1...input.count {
            let reader = CSVReader(bytes: input, name: "t.csv", chunkSize: chunkSize)
            _ = try reader.next()
            #expect(throws: error, "chunk size \(chunkSize)") { try reader.next() }
        }
    }
}
