import Testing

@testable import Text

@Suite("CSV round trip")
struct CSVRoundTripTests {
    static let records: [[String]] = [
        ["customer_id", "name", "note"],
        ["a", "b", "c"],
        ["", "x", ""],
        [""],
        ["with,comma", "with;semicolon", "with\ttab", "with|pipe"],
        ["quote\"inside", "\"starts", "ends\"", "\"\""],
        ["line\nbreak", "crlf\r\nbreak", "cr\rbreak", "\n"],
        ["日本語", "\u{1F469}\u{200D}\u{1F4BB}", "e\u{301}", "\u{2764}\u{FE0F}"],
        ["=formula", "-1", "+x", "@y", "\tz"],
        [" padded ", "'apostrophe", "\u{FEFF}not a byte order mark"],
    ]

    @Test("write then read", arguments: CSVDelimiter.allCases)
    func writeThenRead(_ delimiter: CSVDelimiter) throws {
        let bytes = try Self.write(Self.records, delimiter: delimiter)
        let reader = CSVReader(bytes: bytes, name: "t.csv", delimiter: delimiter)
        #expect(try reader.readAllStrings() == Self.records)
    }

    @Test("write then read in small chunks", arguments: [1, 2, 3, 5, 7, 64])
    func writeThenReadInChunks(_ chunkSize: Int) throws {
        let bytes = try Self.write(Self.records, delimiter: .comma)
        let reader = CSVReader(bytes: bytes, name: "t.csv", chunkSize: chunkSize)
        #expect(try reader.readAllStrings() == Self.records)
    }

    @Test("generated records", arguments: [1, 4, 64 * 1024])
    func generatedRecords(_ chunkSize: Int) throws {
        var generator = PieceGenerator(seed: 20_251_204)
        let records = (0..<500).map { _ in generator.record() }
        let bytes = try Self.write(records, delimiter: .comma)
        let reader = CSVReader(bytes: bytes, name: "t.csv", chunkSize: chunkSize)
        #expect(try reader.readAllStrings() == records)
    }

    static func write(_ records: [[String]], delimiter: CSVDelimiter) throws -> [UInt8] {
        var writer = CSVWriter(to: [UInt8](), delimiter: delimiter, textGuard: .none)
        for record in records {
            try writer.writeRecord(record.map(CSVCell.text))
        }
        try writer.flush()
        return writer.output
    }

    /// Builds records from pieces that CSV must escape. A linear congruential
    /// generator with a fixed seed gives every run the same records.
    struct PieceGenerator {
        static let pieces = [
            "a", "Z9", " ", ",", ";", "\t", "|", "\"", "\"\"", "\r", "\n", "\r\n", "é", "e\u{301}", "日本",
            "\u{1F600}", "\u{FEFF}", "=", "-", "'", "\u{0}", "\u{1B}", "\u{85}",
        ]
        var state: UInt64

        init(seed: UInt64) {
            state = seed
        }

        mutating func nextValue(below bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        mutating func record() -> [String] {
            (0...nextValue(below: 6)).map { _ in
                (0..<nextValue(below: 5)).map { _ in Self.pieces[nextValue(below: Self.pieces.count)] }.joined()
            }
        }
    }
}
