/// The byte that separates the fields of a CSV record.
public enum CSVDelimiter: UInt8, Sendable, Hashable, CaseIterable {
    case comma = 0x2C
    case semicolon = 0x3B
    case tab = 0x09
    case pipe = 0x7C

    /// Creates the delimiter that a `--delimiter` value names: `,` `;` `|`, a tab
    /// character or the word `tab`. Returns nil for anything else.
    public init?(optionValue: String) {
        switch optionValue {
        case ",": self = .comma
        case ";": self = .semicolon
        case "|": self = .pipe
        case "\t", "tab": self = .tab
        default: return nil
        }
    }
}
