import Foundation
import Text

/// Writes sample rows as one CSV file per table, named after the table, in the importer's
/// header format: money as plain decimals (`12.50`) and booleans as `true` or `false`.
///
/// Files are written unguarded, for machines: `dotwork import` reads them back as they are.
struct SampleCSVSink: SampleSink {
    let folder: String
    private var writer: CSVWriter<CSVFileOutput>?
    /// Whether each field of a row goes to the file.
    private var isWritten: [Bool] = []
    private var cells: [CSVCell] = []

    init(folder: String) {
        self.folder = folder
    }

    static func path(of table: SampleTable, in folder: String) -> String {
        (folder as NSString).appendingPathComponent(FolderImport.fileName(for: table.importKind))
    }

    mutating func begin(_ table: SampleTable, rowCount: Int) throws {
        isWritten = table.columns.map(\.isInCSV)
        var writer = CSVWriter(to: try CSVFileOutput(creatingFileAt: SampleCSVSink.path(of: table, in: folder)), textGuard: .none)
        try writer.writeHeader(table.csvHeader)
        self.writer = writer
    }

    mutating func write(_ row: SampleRow) throws {
        cells.removeAll(keepingCapacity: true)
        for (index, field) in row.fields.enumerated() where isWritten[index] {
            switch field {
            case .null: cells.append(.missing)
            case .integer(let value): cells.append(.integer(value))
            case .money(let cents): cells.append(.money(cents))
            case .boolean(let value): cells.append(.text(value ? "true" : "false"))
            case .text(let start, let end): cells.append(.text(row.string(start: start, end: end)))
            }
        }
        try writer!.writeRecord(cells)
    }

    mutating func end(_ table: SampleTable) throws {
        guard var writer else { return }
        try writer.flush()
        try writer.output.close()
        self.writer = nil
    }
}
