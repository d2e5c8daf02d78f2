@testable import Text

extension CSVReader {
    /// Returns every remaining record, decoded.
    func readAllStrings() throws -> [[String]] {
        var records: [[String]] = []
        while let record = try next() {
            records.append(try record.strings())
        }
        return records
    }

    /// Returns every remaining record's line and each field's line and column,
    /// one string per record: `line: line:column line:column ...`.
    func readAllPositions() throws -> [String] {
        var records: [String] = []
        while let record = try next() {
            let fields = record.map { "\($0.line):\($0.column)" }
            records.append("\(record.line): " + fields.joined(separator: " "))
        }
        return records
    }
}
