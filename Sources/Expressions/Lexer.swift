import Warehouse

/// Splits analyst text into tokens. Lexing never fails: a character outside the language
/// becomes an `.invalid` token with a diagnostic, and a malformed literal (an unclosed string,
/// `2011-02-30`) is reported where it starts while the tokens after it still come out.
///
/// The lexer knows nothing of rule files, but rule files use the same tokens, so the rule
/// parser lexes a whole file once and hands the expression parser the tokens of `when`.
public struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var location: SourceLocation
    private var tokens: [Token] = []
    private var diagnostics: [Diagnostic] = []

    /// The tokens of `source`, always ending with `.endOfInput`, and the lexical problems.
    public struct Output: Sendable {
        public let tokens: [Token]
        public let diagnostics: [Diagnostic]
    }

    /// Lexes `source`, numbering its positions from `origin`: pass the location of the
    /// text's first character when it is a piece of a larger file.
    public static func tokenize(_ source: String, origin: SourceLocation = .start) -> Output {
        var lexer = Lexer(scalars: Array(source.unicodeScalars), origin: origin)
        lexer.run()
        return Output(tokens: lexer.tokens, diagnostics: lexer.diagnostics)
    }

    private init(scalars: [Unicode.Scalar], origin: SourceLocation) {
        self.scalars = scalars
        self.location = origin
    }

    private mutating func run() {
        while let scalar = peek() {
            let start = location
            let startIndex = index
            switch scalar {
            case _ where scalar.properties.isWhitespace:
                advance()
                continue
            case "#":
                while let next = peek(), next != "\n" { advance() }
                emit(.comment, from: start, startIndex)
            case "\"":
                lexString(quote: "\"")
            case "'":
                lexString(quote: "'")
            case "0"..."9":
                lexNumberOrDate()
            case _ where isIdentifierStart(scalar):
                lexWord()
            case "(": advance(); emit(.leftParenthesis, from: start, startIndex)
            case ")": advance(); emit(.rightParenthesis, from: start, startIndex)
            case ",": advance(); emit(.comma, from: start, startIndex)
            case "-": advance(); emit(.minus, from: start, startIndex)
            case "%": advance(); emit(.percent, from: start, startIndex)
            case "=", "!", "<", ">":
                lexComparison()
            default:
                // A run of characters outside the language is one token and one diagnostic.
                while let next = peek(), !next.properties.isWhitespace, !isLanguageStart(next) { advance() }
                let token = emit(.invalid, from: start, startIndex)
                report(.unexpectedCharacter(token.text), token.range)
            }
        }
        tokens.append(Token(kind: .endOfInput, text: "", range: SourceRange(at: location)))
    }

    // MARK: Literals and words

    /// Lexes a string from its opening quote. An unclosed string ends at the line's end, so
    /// the next line still lexes, and is reported at its opening quote.
    private mutating func lexString(quote: Unicode.Scalar) {
        let start = location
        let startIndex = index
        advance()
        let openingQuote = SourceRange(start: start, end: location)
        var value = String.UnicodeScalarView()
        var isClosed = false
        while let scalar = peek(), scalar != "\n" {
            if scalar == quote {
                advance()
                isClosed = true
                break
            }
            if scalar == "\\" {
                let escapeStart = location
                advance()
                if let escaped = peek(), escaped == "\"" || escaped == "\\" || escaped == quote {
                    advance()
                    value.append(escaped)
                } else {
                    let escapedText = peek().map { $0 == "\n" ? "" : String($0) } ?? ""
                    if !escapedText.isEmpty { advance() }
                    report(.invalidEscape("\\" + escapedText), SourceRange(start: escapeStart, end: location))
                    value.append(contentsOf: escapedText.unicodeScalars)
                }
                continue
            }
            value.append(scalar)
            advance()
        }
        let token = emit(.string, from: start, startIndex, stringValue: String(value))
        if quote == "'" {
            report(.singleQuotedString, token.range)
        }
        if !isClosed {
            report(.unterminatedString, openingQuote)
        }
        if value.count > Limits.stringLength {
            report(.stringTooLong(limit: Limits.stringLength), token.range)
        }
    }

    /// Lexes `DIGITS[.DIGITS]`, or `YYYY-MM-DD` when four digits are followed by a minus
    /// sign and a digit.
    private mutating func lexNumberOrDate() {
        let start = location
        let startIndex = index
        skipDigits()
        if index - startIndex == 4, peek() == "-", let next = peek(1), isDigit(next) {
            while let scalar = peek(), isDigit(scalar) || scalar == "-" { advance() }
            // An invalid date is still a date token, so the parser does not report it again.
            let token = emit(.date, from: start, startIndex)
            if CivilDate(iso: token.text) == nil {
                report(.invalidDate(token.text), token.range)
            }
            return
        }
        if peek() == ".", let next = peek(1), isDigit(next) {
            advance()
            skipDigits()
        }
        // `1.` and `1.2.3` are malformed: the whole run is one number token with a
        // diagnostic, and the parser does not report it again.
        if peek() == "." {
            while let scalar = peek(), isDigit(scalar) || scalar == "." { advance() }
            let token = emit(.number, from: start, startIndex)
            report(.malformedNumber(token.text), token.range)
            return
        }
        emit(.number, from: start, startIndex)
    }

    private mutating func lexWord() {
        let start = location
        let startIndex = index
        while let scalar = peek(), isIdentifierStart(scalar) || isDigit(scalar) || scalar.properties.numericType != nil {
            advance()
        }
        let text = String(String.UnicodeScalarView(scalars[startIndex..<index]))
        if let keyword = Keyword(rawValue: text) {
            emit(.keyword(keyword), from: start, startIndex)
        } else if let keyword = Keyword(rawValue: text.lowercased()) {
            let token = emit(.keyword(keyword), from: start, startIndex)
            report(.keywordCase(found: text, keyword: keyword.rawValue), token.range)
        } else {
            emit(.identifier, from: start, startIndex)
        }
    }

    /// Lexes `= != < <= > >=`, and reads `==`, `<>`, `=<` and `=>` as the operator meant
    /// while reporting the spelling.
    private mutating func lexComparison() {
        let start = location
        let startIndex = index
        let first = peek()!
        advance()
        let second = peek()
        let pair = String(first) + (second.map { String($0) } ?? "")
        let misspellings: [String: ComparisonOperator] = [
            "==": .equal, "<>": .notEqual, "=<": .lessOrEqual, "=>": .greaterOrEqual,
        ]
        if let comparison = ComparisonOperator(rawValue: pair), pair.count == 2 {
            advance()
            emit(.comparison(comparison), from: start, startIndex)
        } else if let meant = misspellings[pair] {
            advance()
            let token = emit(.comparison(meant), from: start, startIndex)
            report(.misspelledOperator(found: pair, expected: meant.rawValue), token.range)
        } else if let comparison = ComparisonOperator(rawValue: String(first)) {
            emit(.comparison(comparison), from: start, startIndex)
        } else {
            let token = emit(.invalid, from: start, startIndex)
            report(.unexpectedCharacter(token.text), token.range)
        }
    }

    // MARK: Helpers

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private mutating func advance() {
        let scalar = scalars[index]
        index += 1
        location.offset += scalar.utf8.count
        if scalar == "\n" {
            location.line += 1
            location.column = 1
        } else {
            location.column += 1
        }
    }

    private mutating func skipDigits() {
        while let scalar = peek(), isDigit(scalar) { advance() }
    }

    @discardableResult
    private mutating func emit(
        _ kind: TokenKind, from start: SourceLocation, _ startIndex: Int, stringValue: String? = nil
    ) -> Token {
        let text = String(String.UnicodeScalarView(scalars[startIndex..<index]))
        let token = Token(kind: kind, text: text, range: SourceRange(start: start, end: location), stringValue: stringValue)
        tokens.append(token)
        return token
    }

    private mutating func report(_ problem: Diagnostic.Problem, _ range: SourceRange) {
        diagnostics.append(Diagnostic(problem, at: range))
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    /// Whether `scalar` starts a token of the language, which ends a run of invalid characters.
    private func isLanguageStart(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || isIdentifierStart(scalar) || "#\"'(),-%=!<>".unicodeScalars.contains(scalar)
    }
}
