/// A recursive-descent parser for expressions, one function per grammar rule.
///
/// Design:
/// - The rules sit in precedence order, loosest first: `or`, `and`, `not`, comparison,
///   operand, then the parts of a call (`Parser+Conditions.swift`, `Parser+Operands.swift`).
///   Each function opens with the production it implements.
/// - The parser never throws. It records a diagnostic, puts a `.missing` node where the
///   error was and carries on, so one run reports every error. Two rules keep that from
///   cascading: a second diagnostic at the place of an earlier one is dropped, and an
///   unclosed parenthesis is reported at the `(` that opened it.
/// - Every loop consumes a token or leaves; recursion happens only for `(` and `not` and is
///   capped at `Limits.nestingDepth`, past which the rest of the group is skipped without
///   recursion. `and` and `or` chains are loops, so no input can overflow the stack.
/// - The parser works on tokens of a whole text and can start at any token: a rule file
///   lexes once and parses the expression after `when`, which ends at a stop word such as
///   `then`. Positions stay those of the whole file.
public struct Parser {
    let tokens: [Token]
    /// The index of the current token, which is never a comment or an invalid token.
    var index: Int
    /// The end of the last token consumed, where a node that ends there stops.
    var previousEnd: SourceLocation
    let stopWords: Set<String>
    var depth = 0
    var conditionCount = 0
    var listItemCount = 0
    var hasReportedNesting = false
    var reportedOffsets: Set<Int> = []
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates a parser over `tokens` (which end with `.endOfInput`, as the lexer makes them)
    /// that starts at the token at `startIndex`. Identifiers in `stopWords` end an expression.
    public init(tokens: [Token], startingAt startIndex: Int = 0, stopWords: Set<String> = []) {
        precondition(tokens.last?.kind == .endOfInput, "tokens must end with .endOfInput, as Lexer.tokenize makes them")
        precondition(tokens.indices.contains(startIndex), "start index \(startIndex) is outside the \(tokens.count) tokens")
        self.tokens = tokens
        self.index = startIndex
        self.previousEnd = tokens[startIndex].range.start
        self.stopWords = stopWords
        skipTrivia()
    }

    /// The index of the token after the parsed expression: the end of input or a stop word.
    public var position: Int { index }

    /// The result of parsing a whole text as one expression.
    public struct Output: Sendable {
        public let tokens: [Token]
        public let syntax: ExpressionSyntax
        /// Lexical and syntax diagnostics, in text order.
        public let diagnostics: [Diagnostic]
    }

    /// Lexes and parses `source` as one expression that must fill it.
    public static func parse(_ source: String, origin: SourceLocation = .start) -> Output {
        let lexed = Lexer.tokenize(source, origin: origin)
        var parser = Parser(tokens: lexed.tokens)
        let syntax = parser.parseExpression()
        return Output(
            tokens: lexed.tokens, syntax: syntax,
            diagnostics: Diagnostic.sortedByPosition(lexed.diagnostics + parser.diagnostics))
    }

    // MARK: Tokens

    var current: Token { tokens[index] }

    mutating func advance() {
        guard current.kind != .endOfInput else { return }
        previousEnd = current.range.end
        index += 1
        skipTrivia()
    }

    /// Moves past comments and invalid tokens, which the lexer has already reported.
    private mutating func skipTrivia() {
        while tokens[index].kind == .comment || tokens[index].kind == .invalid {
            index += 1
        }
    }

    func isKeyword(_ keyword: Keyword) -> Bool {
        current.kind == .keyword(keyword)
    }

    func isStopWord(_ token: Token) -> Bool {
        token.kind == .identifier && stopWords.contains(token.text)
    }

    /// Whether the current token ends the whole expression.
    var isAtExpressionEnd: Bool {
        current.kind == .endOfInput || isStopWord(current)
    }

    /// Whether the current token ends a condition: a connective or a closing parenthesis.
    var isAtConditionEnd: Bool {
        isAtExpressionEnd || isKeyword(.and) || isKeyword(.or) || current.kind == .rightParenthesis
    }

    /// Whether the current token can begin a condition. When it follows a condition, the
    /// parser reports a missing `and` or `or` and reads it as `and`.
    var canStartCondition: Bool {
        switch current.kind {
        case .identifier: return !isStopWord(current)
        case .number, .string, .date, .leftParenthesis, .minus, .keyword(.not), .keyword(.attr): return true
        default: return false
        }
    }

    /// Returns the range from `start` to the end of the last consumed token.
    func range(from start: SourceLocation) -> SourceRange {
        SourceRange(start: start, end: max(start, previousEnd))
    }

    // MARK: Diagnostics

    /// Records a problem unless one was already reported at the same place.
    mutating func report(_ problem: Diagnostic.Problem, at range: SourceRange) {
        guard reportedOffsets.insert(range.start.offset).inserted else { return }
        diagnostics.append(Diagnostic(problem, at: range))
    }

    /// Counts a condition and reports the first one past the limit.
    mutating func countCondition(at range: SourceRange) {
        conditionCount += 1
        if conditionCount == Limits.conditions + 1 {
            report(.tooManyConditions(limit: Limits.conditions), at: range)
        }
    }

    // MARK: Skipping

    /// Skips a parenthesised group from its `(` to its matching `)`, without recursion.
    mutating func skipGroup() {
        var open = 0
        repeat {
            if current.kind == .leftParenthesis { open += 1 }
            if current.kind == .rightParenthesis { open -= 1 }
            advance()
        } while open > 0 && !isAtExpressionEnd
    }

    /// Skips to the `,` or `)` that ends the current argument or list item, stepping over
    /// nested groups, and stops early at a connective or the end.
    mutating func skipToSeparator() {
        while !isAtExpressionEnd && !isKeyword(.and) && !isKeyword(.or) {
            switch current.kind {
            case .comma, .rightParenthesis:
                return
            case .leftParenthesis:
                skipGroup()
            default:
                advance()
            }
        }
    }

    /// Returns the text from the token at `startIndex` to the last consumed token, with
    /// white space normalised and cut to 40 characters.
    func sourceText(from startIndex: Int) -> String {
        var text = ""
        var previous: TokenKind?
        for token in tokens[startIndex..<index] where token.kind != .comment && token.kind != .invalid {
            let joinsPrevious = previous == .leftParenthesis || previous == .minus
                || token.kind == .rightParenthesis || token.kind == .comma || token.kind == .leftParenthesis
            if previous != nil && !joinsPrevious { text += " " }
            text += token.text
            previous = token.kind
        }
        return text.count > 40 ? String(text.prefix(39)) + "…" : text
    }
}

extension Diagnostic {
    /// `diagnostics` in text order; diagnostics at the same place keep their order.
    public static func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated()
            .sorted { ($0.element.range.start.offset, $0.offset) < ($1.element.range.start.offset, $1.offset) }
            .map(\.element)
    }
}
