import Expressions
import Rules
import Terminal

/// The rule editor's colouring: each token's role from the last check of the text, and the
/// text of every error in the `syntax-error` role, which the themes underline.
///
/// The roles are computed once per check, for the whole text, so drawing a line only looks
/// them up. Token and diagnostic ranges are UTF-8 offsets; the roles are per `Character`
/// of each line, as the editor draws them.
final class RuleHighlighter: SyntaxHighlighter {
    private(set) var roles: [[Role]] = []

    /// The words of the rule grammar, coloured as keywords although the lexer reads them as names.
    static let ruleWords: Set<String> = [
        "rule", "when", "then", "offer", "flag", "value", "cost", "valid", "holdout", "days", "day", "weeks", "week",
    ]

    func update(text: String, check: RuleChecker.Output) {
        var lines: [[Role]] = [[]]
        // The line and character index of each UTF-8 offset where a character starts.
        var positions: [Int: (line: Int, column: Int)] = [:]
        var offset = 0
        for character in text {
            if character == "\n" || character == "\r\n" {
                offset += character.utf8.count
                lines.append([])
                continue
            }
            positions[offset] = (lines.count - 1, lines[lines.count - 1].count)
            lines[lines.count - 1].append(.normal)
            offset += character.utf8.count
        }

        func paint(_ range: SourceRange, _ role: Role) {
            let end = max(range.end.offset, range.start.offset + 1)
            for characterOffset in range.start.offset..<end {
                if let position = positions[characterOffset] {
                    lines[position.line][position.column] = role
                }
            }
        }
        for token in check.tokens {
            if let role = RuleHighlighter.role(of: token) {
                paint(token.range, role)
            }
        }
        for error in check.errors {
            paint(error.range, .syntaxError)
        }
        roles = lines
    }

    func spans(in line: String, lineNumber: Int) -> [HighlightSpan] {
        guard lineNumber >= 1, lineNumber <= roles.count else { return [] }
        var spans: [HighlightSpan] = []
        for (column, role) in roles[lineNumber - 1].enumerated() where role != .normal {
            if let last = spans.last, last.role == role, last.range.upperBound == column {
                spans[spans.count - 1] = HighlightSpan(last.range.lowerBound..<(column + 1), role)
            } else {
                spans.append(HighlightSpan(column..<(column + 1), role))
            }
        }
        return spans
    }

    static func role(of token: Token) -> Role? {
        switch token.kind {
        case .keyword: return .syntaxKeyword
        case .identifier: return ruleWords.contains(token.text) ? .syntaxKeyword : .syntaxName
        case .string: return .syntaxString
        case .number, .date, .percent: return .syntaxNumber
        case .comment: return .syntaxComment
        case .invalid: return .syntaxError
        case .leftParenthesis, .rightParenthesis, .comma, .minus, .comparison, .endOfInput: return nil
        }
    }
}
