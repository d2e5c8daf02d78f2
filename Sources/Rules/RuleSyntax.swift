import Expressions

/// A rule file as written, before the names of its condition are checked against a warehouse.
///
/// Each part is nil when the file lacks it or the parser reported an error in it. The
/// condition stays a syntax tree, because only a catalog of the warehouse can resolve it.
public struct RuleSyntax: Sendable, Hashable {
    /// The `rule` keyword, or nil when the file does not start with one.
    public var ruleKeyword: SourceRange?
    public var name: String?
    /// The name as written, quotes included.
    public var nameRange: SourceRange?
    /// The expression after `when`.
    public var condition: ExpressionSyntax?
    public var action: RuleAction?
    public var validDays: Int?
    /// The `holdout` percentage; nil when the clause is missing or has an error.
    public var holdout: Percentage?
    /// Every clause in file order, duplicates included.
    public var clauses: [RuleClause] = []

    public init() {}

    /// Returns the first clause of a kind.
    public func clause(_ kind: RuleClause.Kind) -> RuleClause? {
        clauses.first { $0.kind == kind }
    }
}

/// One clause of a rule file: its keyword and the text it covers, for an editor's outline
/// and for diagnostics that name a clause.
public struct RuleClause: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case when, then, valid, holdout
    }

    public let kind: Kind
    public let keywordRange: SourceRange
    /// From the keyword to the end of the clause's last token.
    public let range: SourceRange

    public init(kind: Kind, keywordRange: SourceRange, range: SourceRange) {
        self.kind = kind
        self.keywordRange = keywordRange
        self.range = range
    }
}
