/// What a piece of the screen is, for the theme to colour: drawing code names roles, never
/// colours, and each theme file maps the roles to colours and attributes.
public struct Role: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static let normal = Role(rawValue: "normal")
    public static let title = Role(rawValue: "title")
    public static let border = Role(rawValue: "border")
    public static let dim = Role(rawValue: "dim")

    public static let header = Role(rawValue: "header")
    public static let selectedRow = Role(rawValue: "selected-row")
    public static let selectedCell = Role(rawValue: "selected-cell")
    public static let keyColumn = Role(rawValue: "key-column")
    public static let cellError = Role(rawValue: "cell-error")
    public static let searchMatch = Role(rawValue: "search-match")

    public static let statusBar = Role(rawValue: "status-bar")
    public static let statusInfo = Role(rawValue: "status-info")
    public static let statusWarning = Role(rawValue: "status-warning")
    public static let statusError = Role(rawValue: "status-error")

    public static let prompt = Role(rawValue: "prompt")
    public static let input = Role(rawValue: "input")
    public static let helpKey = Role(rawValue: "help-key")
    public static let helpText = Role(rawValue: "help-text")
    public static let notice = Role(rawValue: "notice")

    public static let syntaxKeyword = Role(rawValue: "syntax-keyword")
    public static let syntaxString = Role(rawValue: "syntax-string")
    public static let syntaxNumber = Role(rawValue: "syntax-number")
    public static let syntaxComment = Role(rawValue: "syntax-comment")
    public static let syntaxName = Role(rawValue: "syntax-name")
    public static let syntaxError = Role(rawValue: "syntax-error")

    /// The heat shading roles, `heat-1` (coolest) to `heat-5` (hottest).
    public static let heatLevels = 1...5

    /// Returns the heat shading role for a level from 1 to 5.
    public static func heat(_ level: Int) -> Role {
        precondition(heatLevels.contains(level), "heat level \(level) is outside 1...5")
        return Role(rawValue: "heat-\(level)")
    }

    /// Every role that the widgets draw with; theme files may name only these.
    public static let all: [Role] =
        [
            .normal, .title, .border, .dim, .header, .selectedRow, .selectedCell, .keyColumn, .cellError,
            .searchMatch, .statusBar, .statusInfo, .statusWarning, .statusError, .prompt, .input, .helpKey,
            .helpText, .notice, .syntaxKeyword, .syntaxString, .syntaxNumber, .syntaxComment, .syntaxName,
            .syntaxError,
        ] + heatLevels.map(heat)
}
