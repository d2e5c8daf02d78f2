import Text

/// Prints records as CSV (`--format csv`) or as an aligned table (`--format table`).
///
/// CSV follows the output contract through `CSVReport`, which workbench exports share: RFC
/// 4180, plain numbers, and the spreadsheet guard on text cells unless `--raw-text` is given.
/// A table draws control characters as `\u{…}`, groups thousands, right-aligns numbers and
/// shows the missing key as `(none)`.
enum ResultPrinter {
    enum Format: String {
        case table
        case csv
    }

    static let formatOption = OptionSpec.value("--format", "FORMAT", "table (default) or csv")
    static let rawTextOption = OptionSpec.flag("--raw-text", "in CSV, write text cells that start with = + - @ as they are")

    static func format(_ invocation: Invocation) throws -> Format {
        guard let value = invocation.value("--format") else { return .table }
        guard let format = Format(rawValue: value) else {
            throw UsageError.invalidValue(
                option: "--format", value: value, reason: "expected table or csv", command: invocation.command.name)
        }
        return format
    }

    static func print(_ records: [[CSVCell]], invocation: Invocation, keyColumns: Int = 1) throws {
        switch try format(invocation) {
        case .csv:
            _ = try CSVReport.write(
                records, to: StandardOutputCSV(), textGuard: invocation.isSet("--raw-text") ? .none : .spreadsheet)
        case .table:
            Console.shared.out(table(records, keyColumns: keyColumns))
        }
    }

    /// Records laid out as columns two spaces apart, measured as the terminal draws them.
    static func table(_ records: [[CSVCell]], keyColumns: Int) -> String {
        let rows: [[(text: String, isNumber: Bool)]] = records.enumerated().map { index, record in
            record.enumerated().map { column, cell in
                switch cell {
                case .missing: return (index > 0 && column < keyColumns ? "(none)" : "", false)
                case .text(let text): return (DisplayWidth.drawable(text), false)
                case .number(let text): return (PlainNumber.grouped(text), true)
                }
            }
        }
        var widths: [Int] = []
        for row in rows {
            for (column, cell) in row.enumerated() {
                if widths.count <= column { widths.append(0) }
                widths[column] = max(widths[column], DisplayWidth.columns(of: cell.text))
            }
        }
        var output = ""
        for row in rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                if column > 0 { line += "  " }
                let padding = String(repeating: " ", count: widths[column] - DisplayWidth.columns(of: cell.text))
                line += cell.isNumber ? padding + cell.text : cell.text + padding
            }
            output += line.trimmingTrailingSpaces() + "\n"
        }
        return output
    }
}

/// CSV bytes to the buffered standard output.
struct StandardOutputCSV: CSVOutput {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(CSVError) {
        Console.shared.out(bytes: bytes)
    }
}
