import Expressions

/// A problem found in a rule file: either one of the expression language, reported by its
/// lexer, parser or checker, or one of the rule grammar around the expression.
///
/// Expression problems keep their own ids and wording from the Expressions catalog. Rule
/// problems hold data and no prose, and their wording lives in `RuleDiagnostic+Wording.swift`,
/// so both kinds read alike and tests match either by id.
public struct RuleDiagnostic: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A problem of the expression language, in `when` or in any token the lexer read.
        case expression(Diagnostic.Problem)
        /// A problem of the rule file around the expression.
        case rule(Problem)
    }

    public let kind: Kind
    public let range: SourceRange

    public init(_ problem: Problem, at range: SourceRange) {
        self.kind = .rule(problem)
        self.range = range
    }

    public init(_ diagnostic: Diagnostic) {
        self.kind = .expression(diagnostic.problem)
        self.range = diagnostic.range
    }

    public var id: String {
        switch kind {
        case .expression(let problem): return problem.id
        case .rule(let problem): return problem.id
        }
    }

    public var severity: Diagnostic.Severity {
        switch kind {
        case .expression(let problem): return problem.severity
        case .rule(let problem): return problem.severity
        }
    }

    public var message: String {
        switch kind {
        case .expression(let problem): return problem.message
        case .rule(let problem): return problem.message
        }
    }

    public var help: String? {
        switch kind {
        case .expression(let problem): return problem.help
        case .rule(let problem): return problem.help
        }
    }

    public var isError: Bool { severity == .error }

    /// Returns `diagnostics` in text order, keeping the order of those at the same place.
    public static func sortedByPosition(_ diagnostics: [RuleDiagnostic]) -> [RuleDiagnostic] {
        diagnostics.enumerated()
            .sorted { ($0.element.range.start.offset, $0.offset) < ($1.element.range.start.offset, $1.offset) }
            .map(\.element)
    }
}

extension RuleDiagnostic {
    /// The kind of thing a name in a rule file names, for the wording of name problems.
    public enum NameKind: String, Sendable, Hashable {
        case rule
        case offer
        case flag
    }

    /// Everything that can be wrong with a rule file around its expression, holding data and
    /// no prose.
    ///
    /// `found` values are token display names such as `'valid'`, `"x"` or `end of input`.
    public enum Problem: Sendable, Hashable {
        // The file and its clauses
        case fileTooLarge(bytes: Int, limit: Int)
        case emptyFile
        case expectedRule(found: String)
        case secondRule
        case unknownClause(String, suggestion: String?)
        case unexpectedToken(found: String, after: String?)
        case wordCase(found: String, word: String)
        case duplicateClause(String, firstLine: Int)
        case missingClauses([String], rule: String?)
        case missingThen(found: String)

        // Names
        case expectedName(NameKind, found: String)
        case unquotedName(NameKind, String)
        case invalidName(NameKind, String, suggestion: String?)

        // then
        case expectedAction(found: String, suggestion: String?)
        case expectedWord(String, after: String, found: String)
        case expectedAmount(String, found: String)
        case negativeAmount(String, text: String)
        case amountDecimals(String, text: String)
        case amountTooLarge(String, text: String, limit: String)
        case currencyAfterAmount(String)

        // valid
        case expectedValidLength(found: String)
        case validNotWhole(String)
        case expectedValidUnit(found: String)
        case validOutOfRange(String, limit: Int)

        // holdout
        case expectedPercentage(found: String)
        case negativePercentage(String)
        case percentageDecimals(String)
        case percentageOutOfRange(String)
        case expectedPercentSign(found: String)
        case everyHitHeldOut
    }
}
