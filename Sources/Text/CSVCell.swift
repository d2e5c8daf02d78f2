/// One value of a CSV record. Cells are typed because the spreadsheet guard
/// applies to text and never to numbers.
public enum CSVCell: Sendable, Hashable {
    /// Text, guarded against formula interpretation when the writer's guard is `.spreadsheet`.
    case text(String)
    /// A number already written as plain text: an optional `-`, digits, and
    /// optionally `.` and more digits. Numbers are never guarded. The writer
    /// stops with a precondition failure on any other text.
    case number(String)
    /// A missing value, written as an empty cell.
    case missing

    /// Returns a money cell for an amount in minor units (cents): `-123450` is `-1234.50`.
    public static func money(_ minorUnits: Int64) -> CSVCell {
        .number(PlainNumber.money(minorUnits))
    }

    /// Returns an integer cell.
    public static func integer(_ value: Int64) -> CSVCell {
        .number(String(value))
    }

    /// Returns a ratio cell rounded half away from zero, or a missing cell when
    /// the denominator is 0.
    public static func ratio(
        _ numerator: Int64, _ denominator: Int64, fractionDigits: Int
    ) -> CSVCell {
        guard let text = PlainNumber.ratio(numerator, denominator, fractionDigits: fractionDigits)
        else { return .missing }
        return .number(text)
    }

    /// Returns a text cell, or a missing cell when there is no value.
    public static func text(_ value: String?) -> CSVCell {
        guard let value else { return .missing }
        return .text(value)
    }
}
