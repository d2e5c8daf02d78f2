import Expressions

/// A recursive-descent parser for rule files, one function per grammar rule.
///
/// Design:
/// - The file is lexed once with the expression lexer, so positions, strings, numbers and
///   comments mean the same inside and outside `when`. The expression parser reads the
///   tokens from the one after `when` up to the next clause word. Everything else is parsed
///   here and in `RuleParser+Clauses.swift`.
/// - Clauses follow `rule "NAME"` in any order, each at most once. `when`, `then` and `valid`
///   are required, and `holdout` is optional.
/// - The parser never throws. It records a diagnostic, skips to the next clause word and
///   carries on, so one run reports every error. A second diagnostic at the place of an
///   earlier one is dropped, and so is one at the place of a lexical problem, because it is
///   a consequence of it.
/// - Every loop consumes a token or leaves, and nothing here recurses, so no input can
///   overflow the stack; the expression parser caps its own nesting.
public struct RuleParser {
    let tokens: [Token]
    /// The index of the current token, which is never a comment or an invalid token.
    var index = 0
    /// The end of the last token consumed, where a clause that ends there stops.
    var previousEnd: SourceLocation
    /// Whether any token was consumed, so that the first token counts as the start of a line.
    var hasConsumedToken = false
    /// The part read last, named in a message about a token after it: `the 'valid' clause`.
    var lastPart: String?
    var syntax = RuleSyntax()
    var reportedOffsets: Set<Int> = []
    var diagnostics: [RuleDiagnostic] = []

    /// The words that begin a clause, in the order a rule file usually lists them.
    static let clauseWords = RuleClause.Kind.allCases.map(\.rawValue)
    /// Every word the rule grammar gives a meaning at the start of a clause.
    static let ruleWords = Set(clauseWords + ["rule", "offer", "flag"])
    /// Words that end the `when` expression, in the spellings a hurried analyst may type; the
    /// clause parser then reports a spelling other than lower case.
    static let stopWords = Set(ruleWords.flatMap { [$0, $0.capitalized, $0.uppercased()] })

    /// The result of parsing a whole rule file.
    public struct Output: Sendable {
        public let tokens: [Token]
        public let syntax: RuleSyntax
        /// Lexical, expression syntax and rule syntax diagnostics, in text order.
        public let diagnostics: [RuleDiagnostic]
    }

    init(tokens: [Token]) {
        self.tokens = tokens
        self.previousEnd = tokens[0].range.start
        skipTrivia()
    }

    /// Lexes and parses the text of one rule file.
    public static func parse(_ source: String) -> Output {
        let size = source.utf8.count
        guard size <= RuleLimits.fileBytes else {
            let diagnostic = RuleDiagnostic(.fileTooLarge(bytes: size, limit: RuleLimits.fileBytes), at: SourceRange(at: .start))
            return Output(tokens: [], syntax: RuleSyntax(), diagnostics: [diagnostic])
        }
        let lexed = Lexer.tokenize(source)
        var parser = RuleParser(tokens: lexed.tokens)
        parser.parseFile()
        let lexicalPlaces = Set(lexed.diagnostics.map(\.range.start.offset))
        let consequences = parser.diagnostics.filter { !lexicalPlaces.contains($0.range.start.offset) }
        return Output(
            tokens: lexed.tokens, syntax: parser.syntax,
            diagnostics: RuleDiagnostic.sortedByPosition(lexed.diagnostics.map(RuleDiagnostic.init) + consequences))
    }

    // MARK: Tokens

    var current: Token { tokens[index] }

    var isAtEnd: Bool { current.kind == .endOfInput }

    mutating func advance() {
        guard !isAtEnd else { return }
        previousEnd = current.range.end
        hasConsumedToken = true
        index += 1
        skipTrivia()
    }

    /// Moves past comments and invalid tokens, which the lexer has already reported.
    private mutating func skipTrivia() {
        while tokens[index].kind == .comment || tokens[index].kind == .invalid {
            index += 1
        }
    }

    /// Moves to `position` after another parser has read the tokens before it.
    mutating func move(to position: Int) {
        var last = position - 1
        while last > index && (tokens[last].kind == .comment || tokens[last].kind == .invalid) {
            last -= 1
        }
        if last >= index {
            previousEnd = tokens[last].range.end
            hasConsumedToken = true
        }
        index = position
    }

    /// Returns the word of the rule grammar that `token` spells in any letter case, or nil.
    static func ruleWord(_ token: Token) -> String? {
        guard token.kind == .identifier else { return nil }
        let word = token.text.lowercased()
        return ruleWords.contains(word) ? word : nil
    }

    /// Whether the current token is the first on its line.
    var isAtLineStart: Bool {
        !hasConsumedToken || previousEnd.line < current.range.start.line
    }

    /// Returns the range from `start` to the end of the last consumed token.
    func range(from start: SourceLocation) -> SourceRange {
        SourceRange(start: start, end: max(start, previousEnd))
    }

    // MARK: Diagnostics

    /// Records a problem unless one was already reported at the same place.
    mutating func report(_ problem: RuleDiagnostic.Problem, at range: SourceRange) {
        report(RuleDiagnostic(problem, at: range))
    }

    mutating func report(_ diagnostic: RuleDiagnostic) {
        guard reportedOffsets.insert(diagnostic.range.start.offset).inserted else { return }
        diagnostics.append(diagnostic)
    }

    /// Reports a rule word written in another letter case than lower case.
    mutating func reportCase(of token: Token, word: String) {
        if token.text != word {
            report(.wordCase(found: token.text, word: word), at: token.range)
        }
    }

    /// Skips to the next word of the rule grammar or the end, after an error.
    mutating func synchronize() {
        while !isAtEnd && RuleParser.ruleWord(current) == nil {
            advance()
        }
    }
}
