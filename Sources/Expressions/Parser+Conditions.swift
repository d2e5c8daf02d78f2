/// The condition rules of the grammar, loosest first.
extension Parser {
    /// Parses one expression from the current token up to the end of input or a stop word.
    ///
    /// A `)` with no matching `(` is reported and skipped, and parsing goes on after it.
    public mutating func parseExpression() -> ExpressionSyntax {
        // expression = or_expression
        if isAtExpressionEnd {
            report(.emptyExpression, at: SourceRange(at: current.range.start))
            return ExpressionSyntax(.missing, range: SourceRange(at: current.range.start))
        }
        var parts = [parseOr()]
        while current.kind == .rightParenthesis {
            report(.unmatchedClosingParenthesis, at: current.range)
            advance()
            if !isAtExpressionEnd {
                parts.append(parseOr())
            }
        }
        return parts.count == 1 ? parts[0] : ExpressionSyntax(.and(parts), range: parts[0].range.union(parts.last!.range))
    }

    mutating func parseOr() -> ExpressionSyntax {
        // or_expression = and_expression { "or" and_expression }
        var operands = [parseAnd()]
        while isKeyword(.or) {
            advance()
            operands.append(parseAnd())
        }
        return operands.count == 1
            ? operands[0] : ExpressionSyntax(.or(operands), range: operands[0].range.union(operands.last!.range))
    }

    mutating func parseAnd() -> ExpressionSyntax {
        // and_expression = not_expression { "and" not_expression }
        var operands = [parseNot()]
        var hasSkippedToken = false
        while true {
            if isKeyword(.and) {
                advance()
                operands.append(parseNot())
            } else if isAtConditionEnd {
                break
            } else if canStartCondition {
                // Two conditions side by side: report the missing connective, read it as
                // `and`. After a skipped token the stray token was the problem instead.
                if !hasSkippedToken {
                    report(.missingConnective(found: current.displayName), at: current.range)
                }
                operands.append(parseNot())
            } else {
                report(.unexpectedToken(found: current.displayName), at: current.range)
                advance()
                hasSkippedToken = true
                continue
            }
            hasSkippedToken = false
        }
        return operands.count == 1
            ? operands[0] : ExpressionSyntax(.and(operands), range: operands[0].range.union(operands.last!.range))
    }

    mutating func parseNot() -> ExpressionSyntax {
        // not_expression = "not" not_expression | comparison
        guard isKeyword(.not) else { return parseComparison() }
        let keyword = current.range
        advance()
        guard depth < Limits.nestingDepth else {
            reportNesting(at: keyword)
            while isKeyword(.not) { advance() }
            _ = parseComparison()
            return ExpressionSyntax(.missing, range: range(from: keyword.start))
        }
        depth += 1
        defer { depth -= 1 }
        let operand = parseNot()
        return ExpressionSyntax(.not(operand), range: range(from: keyword.start))
    }

    mutating func parseComparison() -> ExpressionSyntax {
        // comparison = "(" expression ")" | operand [ comparison_tail ]
        guard current.kind == .leftParenthesis else {
            return parseComparisonTail(after: parseOperand())
        }
        let opening = current.range
        guard depth < Limits.nestingDepth else {
            reportNesting(at: opening)
            skipGroup()
            return ExpressionSyntax(.missing, range: range(from: opening.start))
        }
        advance()
        if current.kind == .rightParenthesis {
            report(.expectedOperand(found: current.displayName), at: current.range)
            advance()
            return ExpressionSyntax(.missing, range: range(from: opening.start))
        }
        depth += 1
        let inner = parseOr()
        depth -= 1
        if current.kind == .rightParenthesis {
            advance()
        } else {
            report(.unclosedParenthesis, at: opening)
        }
        return ExpressionSyntax(inner.kind, range: range(from: opening.start))
    }

    mutating func parseComparisonTail(after subject: OperandSyntax) -> ExpressionSyntax {
        // comparison_tail = COMPARISON operand
        //                 | [ "not" ] "in" list
        //                 | [ "not" ] "between" operand "and" operand
        let start = subject.range.start
        var isNegated = false
        if isKeyword(.not), let next = nextToken, next.kind == .keyword(.in) || next.kind == .keyword(.between) {
            isNegated = true
            advance()
        }
        let result: ExpressionSyntax
        switch current.kind {
        case .comparison(let comparison):
            advance()
            let other = parseOperand()
            result = ExpressionSyntax(.comparison(subject, comparison, other), range: range(from: start))
            if case .comparison(let second) = current.kind {
                report(.chainedComparison(second.rawValue), at: current.range)
                advance()
                _ = parseOperand()
            }
        case .keyword(.in):
            advance()
            let items = parseList()
            result = ExpressionSyntax(.membership(subject, items, isNegated: isNegated), range: range(from: start))
        case .keyword(.between):
            advance()
            let lower = parseOperand()
            if isKeyword(.and) {
                advance()
            } else {
                report(.expectedBetweenAnd(found: current.displayName), at: current.range)
            }
            let upper = parseOperand()
            result = ExpressionSyntax(
                .between(subject, lower: lower, upper: upper, isNegated: isNegated), range: range(from: start))
        default:
            result = ExpressionSyntax(.operand(subject), range: subject.range)
        }
        countCondition(at: result.range)
        return result
    }

    mutating func parseList() -> [OperandSyntax] {
        // list = "(" operand { "," operand } ")"
        guard current.kind == .leftParenthesis else {
            report(.expectedListOpening(found: current.displayName), at: current.range)
            // `region in "EU"`: read the one value as the list.
            switch current.kind {
            case .string, .number, .date, .minus, .identifier, .keyword(.attr):
                return isStopWord(current) ? [] : [parseOperand()]
            default:
                return []
            }
        }
        let opening = current.range
        advance()
        var items: [OperandSyntax] = []
        while true {
            let item = parseOperand()
            items.append(item)
            countListItem(items.count, at: item.range)
            while current.kind != .comma {
                if current.kind == .rightParenthesis {
                    advance()
                    return items
                }
                if isAtExpressionEnd || isKeyword(.and) || isKeyword(.or) {
                    report(.unclosedParenthesis, at: opening)
                    return items
                }
                report(.expectedListSeparator(found: current.displayName), at: current.range)
                skipToSeparator()
            }
            advance()
        }
    }

    private mutating func countListItem(_ countInList: Int, at range: SourceRange) {
        listItemCount += 1
        if countInList == Limits.listItems + 1 {
            report(.tooManyListItems(limit: Limits.listItems), at: range)
        }
        if listItemCount == Limits.listItemsInTotal + 1 {
            report(.tooManyListItemsInTotal(limit: Limits.listItemsInTotal), at: range)
        }
    }

    private mutating func reportNesting(at range: SourceRange) {
        guard !hasReportedNesting else { return }
        hasReportedNesting = true
        report(.nestingTooDeep(limit: Limits.nestingDepth), at: range)
    }

    /// The significant token after the current one.
    var nextToken: Token? {
        var next = index + 1
        while next < tokens.count && (tokens[next].kind == .comment || tokens[next].kind == .invalid) {
            next += 1
        }
        return next < tokens.count ? tokens[next] : nil
    }
}
