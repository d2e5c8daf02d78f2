import Text

extension PivotValue {
    /// The value as a CSV cell: counts as integers, money with two decimals, shares with
    /// four; a ratio with a zero denominator is an empty cell.
    public var csvCell: CSVCell {
        switch self {
        case .count(let value): return .integer(value)
        case .money(let cents): return .money(cents)
        case .moneyRatio(let numerator, let denominator):
            return .ratio(numerator, denominator * 100, fractionDigits: 2)
        case .share(let numerator, let denominator):
            return .ratio(numerator, denominator, fractionDigits: 4)
        }
    }

    /// The value as the screen shows it: money with thousands separators.
    public var displayText: String {
        switch csvCell {
        case .missing: return ""
        case .text(let text): return text
        case .number(let text):
            switch self {
            case .count, .money, .moneyRatio: return PlainNumber.grouped(text)
            case .share: return text
            }
        }
    }
}

extension PivotResult {
    /// The pivot as CSV records: the header, a row per row key, then the `total` row.
    public func csvRecords() -> [[CSVCell]] {
        var records: [[CSVCell]] = []
        records.append([.text(plan.rows.columnName)] + columnKeys.map { CSVCell.text($0.csvText) } + [.text("total")])
        for (index, key) in rowKeys.enumerated() {
            records.append([CSVCell.text(key.csvText)] + cells[index].map(\.csvCell) + [rowTotals[index].csvCell])
        }
        records.append([.text("total")] + columnTotals.map(\.csvCell) + [grandTotal.csvCell])
        return records
    }
}
