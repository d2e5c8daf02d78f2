/// One cell as the data source supplies it.
public enum TableCell: Sendable, Hashable {
    case text(String)
    /// A number already formatted for display, with its value for heat shading.
    case number(String, value: Double)
    case empty
    /// A value that could not be computed: the message is drawn in the `cell-error` role
    /// while the rest of the table renders.
    case error(String)

    /// The text drawn for the cell.
    public var text: String {
        switch self {
        case .text(let text), .number(let text, _), .error(let text): return text
        case .empty: return ""
        }
    }
}
