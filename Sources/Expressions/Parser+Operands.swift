import Warehouse

/// The operand rules of the grammar: literals, names, `attr` and function calls with their
/// arguments and windows.
extension Parser {
    mutating func parseOperand() -> OperandSyntax {
        // operand = [ "-" ] NUMBER | STRING | DATE | "attr" STRING | NAME [ arguments ]
        let start = current.range.start
        let startIndex = index
        let kind: OperandSyntax.Kind
        switch current.kind {
        case .number, .minus:
            kind = parseNumber()
        case .string:
            kind = .string(current.stringValue ?? "")
            advance()
        case .date:
            kind = CivilDate(iso: current.text).map { .date($0) } ?? .missing
            advance()
        case .keyword(.attr):
            advance()
            if current.kind == .string {
                kind = .attribute(current.stringValue ?? "")
                advance()
            } else if current.kind == .identifier && !isStopWord(current) {
                // `attr loyalty_points`: report the missing quotes and read the name anyway.
                report(.expectedAttributeName(found: current.displayName), at: current.range)
                kind = .attribute(current.text)
                advance()
            } else {
                report(.expectedAttributeName(found: current.displayName), at: current.range)
                kind = .missing
            }
        case .identifier where !isStopWord(current):
            let name = current.text
            let nameRange = current.range
            advance()
            if current.kind == .leftParenthesis {
                // An unclosed call is already reported; checking it would only add noise.
                let call = parseArguments(of: name, nameRange: nameRange)
                kind = call.isClosed ? .call(call) : .missing
            } else {
                kind = .name(name)
            }
        default:
            report(.expectedOperand(found: current.displayName), at: current.range)
            return OperandSyntax(.missing, range: SourceRange(at: start), text: "")
        }
        return OperandSyntax(kind, range: range(from: start), text: sourceText(from: startIndex))
    }

    /// Parses `[ "-" ] NUMBER`. A window such as `30 days` written as an operand is reported
    /// and consumed whole.
    private mutating func parseNumber() -> OperandSyntax.Kind {
        let start = current.range.start
        var isNegative = false
        if current.kind == .minus {
            isNegative = true
            advance()
            guard current.kind == .number else {
                report(.expectedOperand(found: current.displayName), at: current.range)
                return .missing
            }
        }
        let text = (isNegative ? "-" : "") + current.text
        let literalRange = range(from: start).union(current.range)
        advance()
        if current.kind == .identifier, windowUnitDays[current.text] != nil {
            advance()
            report(.windowOutsideCall, at: range(from: start))
            return .missing
        }
        guard let number = NumberValue(parsing: text) else {
            // A malformed number is reported by the lexer; only the size is left to report.
            if !isMalformedNumber(text) {
                report(.numberTooLarge(text), at: literalRange)
            }
            return .missing
        }
        return .number(number)
    }

    mutating func parseArguments(of function: String, nameRange: SourceRange) -> CallSyntax {
        // arguments = "(" [ argument { "," argument } ] ")"
        let opening = current.range
        advance()
        var arguments: [ArgumentSyntax] = []
        if current.kind == .rightParenthesis {
            let closing = current.range
            advance()
            return CallSyntax(name: function, nameRange: nameRange, arguments: [], closingRange: closing)
        }
        while true {
            let argument = parseArgument(of: function)
            if arguments.count < Limits.callArguments {
                arguments.append(argument)
            } else {
                report(.tooManyArguments(function: function, maximum: Limits.callArguments), at: argument.range)
            }
            while current.kind != .comma {
                if current.kind == .rightParenthesis {
                    let closing = current.range
                    advance()
                    return CallSyntax(name: function, nameRange: nameRange, arguments: arguments, closingRange: closing)
                }
                if isAtExpressionEnd || isKeyword(.and) || isKeyword(.or) {
                    report(.unclosedParenthesis, at: opening)
                    return CallSyntax(
                        name: function, nameRange: nameRange, arguments: arguments,
                        closingRange: SourceRange(at: current.range.start))
                }
                report(.expectedArgumentSeparator(function: function, found: current.displayName), at: current.range)
                skipToSeparator()
            }
            advance()
        }
    }

    mutating func parseArgument(of function: String) -> ArgumentSyntax {
        // argument = window | "sku" STRING | "category" STRING | NAME
        let start = current.range.start
        switch current.kind {
        case .number, .keyword(.since), .keyword(.between):
            let window = parseWindow()
            return ArgumentSyntax(window.map { .window($0) } ?? .missing, range: range(from: start))
        case .keyword(let keyword) where keyword == .sku || keyword == .category:
            advance()
            guard current.kind == .string else {
                report(.expectedProductName(keyword: keyword.rawValue, found: current.displayName), at: current.range)
                if current.kind == .identifier && !isStopWord(current) { advance() }
                return ArgumentSyntax(.missing, range: range(from: start))
            }
            let name = current.stringValue ?? ""
            advance()
            return ArgumentSyntax(keyword == .sku ? .sku(name) : .category(name), range: range(from: start))
        case .identifier where !isStopWord(current):
            let name = current.text
            advance()
            return ArgumentSyntax(.name(name), range: range(from: start))
        default:
            report(.expectedArgument(function: function, found: current.displayName), at: current.range)
            return ArgumentSyntax(.missing, range: SourceRange(at: start))
        }
    }

    mutating func parseWindow() -> WindowSyntax? {
        // window = NUMBER ( "days" | "weeks" ) | "since" DATE | "between" DATE "and" DATE
        let start = current.range.start
        switch current.kind {
        case .keyword(.since):
            advance()
            return parseDate().map { .since($0) }
        case .keyword(.between):
            advance()
            let first = parseDate()
            if isKeyword(.and) {
                advance()
            } else {
                report(.expectedBetweenAnd(found: current.displayName), at: current.range)
            }
            let last = parseDate()
            guard let first, let last else { return nil }
            return .between(first, last)
        default:
            let count = current.text
            advance()
            guard current.kind == .identifier, let unit = windowUnitDays[current.text] else {
                report(.expectedWindowUnit(found: current.displayName), at: current.range)
                return nil
            }
            let written = count + " " + current.text
            advance()
            guard count.allSatisfy(\.isASCIIDigit) else {
                if !isMalformedNumber(count) {
                    report(.invalidWindowLength(written), at: range(from: start))
                }
                return nil
            }
            guard let number = Int(count), number <= Limits.windowDays / unit else {
                report(.windowTooLong(written, limit: Limits.windowDays), at: range(from: start))
                return nil
            }
            guard number >= 1 else {
                report(.invalidWindowLength(written), at: range(from: start))
                return nil
            }
            return .lastDays(number * unit)
        }
    }

    /// Parses a date literal; a date in quotes is reported and read as the date it holds.
    mutating func parseDate() -> CivilDate? {
        // date = DATE
        if current.kind == .date {
            // An invalid date is reported by the lexer.
            let day = CivilDate(iso: current.text)
            advance()
            return day
        }
        if current.kind == .string, let day = CivilDate(iso: current.stringValue ?? "") {
            report(.quotedDate(current.text), at: current.range)
            advance()
            return day
        }
        report(.expectedDate(found: current.displayName), at: current.range)
        return nil
    }
}

/// Whether a number token is one the lexer reported as malformed (`1.`, `1.2.3`).
private func isMalformedNumber(_ text: String) -> Bool {
    text.hasSuffix(".") || text.filter { $0 == "." }.count > 1
}

/// The window units and their length in days.
let windowUnitDays = ["day": 1, "days": 1, "week": 7, "weeks": 7]
