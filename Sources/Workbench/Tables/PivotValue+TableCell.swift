import Analysis
import Terminal

extension PivotValue {
    /// The value as a number, for sorting and heat shading: money in currency units, shares
    /// as fractions; nil for a ratio with a zero denominator.
    var number: Double? {
        switch self {
        case .count(let count):
            return Double(count)
        case .money(let cents):
            return Double(cents) / 100
        case .moneyRatio(let numerator, let denominator):
            return denominator == 0 ? nil : Double(numerator) / Double(denominator) / 100
        case .share(let numerator, let denominator):
            return denominator == 0 ? nil : Double(numerator) / Double(denominator)
        }
    }

    /// The value as a table cell, with the text the command-line table prints.
    var tableCell: TableCell {
        guard let number else { return .empty }
        return .number(displayText, value: number)
    }
}

extension PivotKey {
    /// The key as a table's key column shows it.
    var tableCell: TableCell {
        .text(displayText)
    }
}

/// Returns the range heat shading spreads over for some values, or nil when they are all equal or
/// there are none, so a column of zeros is not drawn as hot.
func heatRange(of values: [Double]) -> ClosedRange<Double>? {
    guard let low = values.min(), let high = values.max(), high > low else { return nil }
    return low...high
}
