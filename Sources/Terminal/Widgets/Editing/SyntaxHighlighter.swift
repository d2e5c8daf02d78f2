/// Colours the text of an editor by role, line by line: the rule editor supplies one that
/// marks keywords, strings, numbers and errors.
public protocol SyntaxHighlighter {
    /// Returns the roles of parts of a line, as ranges of character offsets (`Character`
    /// counts); characters outside every span are drawn as `normal`.
    func spans(in line: String, lineNumber: Int) -> [HighlightSpan]
}

/// A run of characters of one line drawn in one role.
public struct HighlightSpan: Sendable, Hashable {
    public var range: Range<Int>
    public var role: Role

    public init(_ range: Range<Int>, _ role: Role) {
        self.range = range
        self.role = role
    }
}
