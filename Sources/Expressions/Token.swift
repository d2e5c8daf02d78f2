/// One lexical unit of analyst text, with its place in the text.
///
/// Tokens cover the text without gaps except for white space: comments and characters that
/// are not part of the language still become tokens (`.comment`, `.invalid`), so an editor can
/// colour every character it shows.
public struct Token: Sendable, Hashable {
    public let kind: TokenKind
    /// The source text of the token exactly as written, quotes and escapes included.
    public let text: String
    public let range: SourceRange
    /// The contents of a string literal with its escapes resolved; nil for other kinds.
    public let stringValue: String?

    public init(kind: TokenKind, text: String, range: SourceRange, stringValue: String? = nil) {
        self.kind = kind
        self.text = text
        self.range = range
        self.stringValue = stringValue
    }

    /// The token as a diagnostic names it: `'country'`, `"EU"`, `end of input`.
    public var displayName: String {
        switch kind {
        case .endOfInput: return "end of input"
        case .string: return text.count > 40 ? "a string" : text
        default: return "'" + (text.count > 40 ? String(text.prefix(40)) + "…" : text) + "'"
        }
    }
}

/// The kind of a token, public so that an editor can colour text with the lexer alone.
public enum TokenKind: Sendable, Hashable {
    /// A name: a field, a function, a tier word, an event kind, a window unit, or a word of
    /// an enclosing format such as a rule file's `when` and `then`.
    case identifier
    case keyword(Keyword)
    /// `12` or `12.50`, or a malformed number such as `1.2.3` (reported by the lexer); a
    /// leading minus sign is its own token.
    case number
    /// `"…"` with `\"` and `\\` escapes.
    case string
    /// `YYYY-MM-DD`, or a malformed date of that shape such as `2011-02-30` (reported by the
    /// lexer).
    case date
    case leftParenthesis
    case rightParenthesis
    case comma
    case minus
    case percent
    case comparison(ComparisonOperator)
    /// `#` to the end of the line.
    case comment
    /// A character or malformed literal that is not part of the language; the lexer reports
    /// a diagnostic for it and the parser skips it.
    case invalid
    case endOfInput
}

/// A reserved word of the expression language. Keywords are lower-case; other words are
/// identifiers whose meaning depends on where they stand.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
    case and, or, not, `in`, between, since, attr, sku, category
}

/// A comparison as written, including `!=`, which means `not =`.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}
