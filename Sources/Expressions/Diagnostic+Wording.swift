/// The wording of every diagnostic: its stable id, severity, message and help.
///
/// Messages name the offending value, and help gives what to write instead. Ids are kebab-case
/// and never change once shipped, because tests and editors match on them.
extension Diagnostic.Problem {
    public var id: String {
        switch self {
        case .unexpectedCharacter: return "unexpected-character"
        case .unterminatedString: return "unterminated-string"
        case .invalidEscape: return "invalid-escape"
        case .singleQuotedString: return "single-quoted-string"
        case .invalidDate: return "invalid-date"
        case .malformedNumber: return "malformed-number"
        case .misspelledOperator: return "misspelled-operator"
        case .keywordCase: return "keyword-case"
        case .stringTooLong: return "string-too-long"
        case .emptyExpression: return "empty-expression"
        case .expectedOperand: return "expected-operand"
        case .unclosedParenthesis: return "unclosed-parenthesis"
        case .unmatchedClosingParenthesis: return "unmatched-parenthesis"
        case .missingConnective: return "missing-connective"
        case .unexpectedToken: return "unexpected-token"
        case .chainedComparison: return "chained-comparison"
        case .expectedBetweenAnd: return "expected-between-and"
        case .expectedListOpening: return "expected-list"
        case .expectedListSeparator: return "expected-list-separator"
        case .expectedArgumentSeparator: return "expected-argument-separator"
        case .expectedArgument: return "expected-argument"
        case .expectedWindowUnit: return "expected-window-unit"
        case .expectedDate: return "expected-date"
        case .quotedDate: return "quoted-date"
        case .expectedAttributeName: return "expected-attribute-name"
        case .expectedProductName: return "expected-product-name"
        case .windowOutsideCall: return "window-outside-call"
        case .numberTooLarge: return "number-too-large"
        case .invalidWindowLength: return "invalid-window-length"
        case .windowTooLong: return "window-too-long"
        case .nestingTooDeep: return "nesting-too-deep"
        case .tooManyConditions: return "too-many-conditions"
        case .tooManyListItems: return "too-many-list-items"
        case .tooManyListItemsInTotal: return "too-many-list-items-in-total"
        case .unknownName: return "unknown-name"
        case .unknownFunction: return "unknown-function"
        case .functionWithoutParentheses: return "function-without-parentheses"
        case .kindAsValue: return "kind-as-value"
        case .unknownAttribute: return "unknown-attribute"
        case .unknownKind: return "unknown-kind"
        case .unknownSKU: return "unknown-sku"
        case .unknownCategory: return "unknown-category"
        case .typeMismatch: return "type-mismatch"
        case .moneyDecimals: return "money-decimals"
        case .moneyTooLarge: return "money-too-large"
        case .notACondition: return "not-a-condition"
        case .conditionAsValue: return "condition-as-value"
        case .missingArgument: return "missing-argument"
        case .unexpectedArgument: return "unexpected-argument"
        case .tooManyArguments: return "too-many-arguments"
        case .windowNotAllowed: return "window-not-allowed"
        case .windowReversed: return "window-reversed"
        }
    }

    public var severity: Diagnostic.Severity {
        switch self {
        case .unknownSKU, .unknownCategory: return .warning
        default: return .error
        }
    }

    public var message: String {
        switch self {
        case .unexpectedCharacter(let text):
            return "unexpected character '\(text)'"
        case .unterminatedString:
            return "string is not closed: no closing quote on this line"
        case .invalidEscape(let escape):
            return "invalid escape '\(escape)' in a string"
        case .singleQuotedString:
            return "strings use double quotes"
        case .invalidDate(let text):
            return "invalid date '\(text)'"
        case .malformedNumber(let text):
            return "malformed number '\(text)'"
        case .misspelledOperator(let found, let expected):
            return "'\(found)' is not an operator; write '\(expected)'"
        case .keywordCase(let found, let keyword):
            return "keywords are lower-case: write '\(keyword)', not '\(found)'"
        case .stringTooLong(let limit):
            return "string is longer than \(limit) characters"
        case .emptyExpression:
            return "the expression is empty"
        case .expectedOperand(let found):
            return "expected a value, found \(found)"
        case .unclosedParenthesis:
            return "'(' is never closed"
        case .unmatchedClosingParenthesis:
            return "')' has no matching '('"
        case .missingConnective(let found):
            return "expected 'and' or 'or' before \(found)"
        case .unexpectedToken(let found):
            return "unexpected \(found)"
        case .chainedComparison(let comparison):
            return "comparisons cannot be chained: a second '\(comparison)' follows a comparison"
        case .expectedBetweenAnd(let found):
            return "expected 'and' between the bounds of 'between', found \(found)"
        case .expectedListOpening(let found):
            return "expected '(' to open the list after 'in', found \(found)"
        case .expectedListSeparator(let found):
            return "expected ',' or ')' in the list, found \(found)"
        case .expectedArgumentSeparator(let function, let found):
            return "expected ',' or ')' in the arguments of \(function), found \(found)"
        case .expectedArgument(let function, let found):
            return "expected an argument of \(function), found \(found)"
        case .expectedWindowUnit(let found):
            return "expected 'days' or 'weeks' after the number of a window, found \(found)"
        case .expectedDate(let found):
            return "expected a date (YYYY-MM-DD), found \(found)"
        case .quotedDate(let text):
            return "dates are written without quotes: \(text)"
        case .expectedAttributeName(let found):
            return "expected the attribute name in double quotes after 'attr', found \(found)"
        case .expectedProductName(let keyword, let found):
            return "expected a \(keyword == "sku" ? "SKU" : "category") in double quotes after '\(keyword)', found \(found)"
        case .windowOutsideCall:
            return "a window can only be the last argument of count, spend, orders or bought"
        case .numberTooLarge(let text):
            return "number '\(text)' has more than \(Limits.numberDigits) digits"
        case .invalidWindowLength(let text):
            return "a window covers a whole number of days of at least 1, not \(text)"
        case .windowTooLong(let text, let limit):
            return "window '\(text)' is longer than \(limit) days"
        case .nestingTooDeep(let limit):
            return "the expression nests more than \(limit) levels of parentheses and 'not'"
        case .tooManyConditions(let limit):
            return "the expression has more than \(limit) conditions"
        case .tooManyListItems(let limit):
            return "the list has more than \(limit) values"
        case .tooManyListItemsInTotal(let limit):
            return "the lists of the expression have more than \(limit) values in total"
        case .unknownName(let name, _, _):
            return "unknown name '\(name)'"
        case .unknownFunction(let name, _):
            return "unknown function '\(name)'"
        case .functionWithoutParentheses(let name):
            return "\(name) is a function: write \(name)(…)"
        case .kindAsValue(let name):
            return "event kind '\(name)' is not a value: count it with count(\(name))"
        case .unknownAttribute(let name, _):
            return "unknown attribute \"\(name)\""
        case .unknownKind(let name, let function, _, _):
            return "unknown \(function == "days_since" ? "argument" : "event kind") '\(name)' in \(function)"
        case .unknownSKU(let sku, _):
            return "no product with SKU \"\(sku)\" in the warehouse yet"
        case .unknownCategory(let category, _):
            return "no product in category \"\(category)\" in the warehouse yet"
        case .typeMismatch(let left, let leftType, let right, let rightType):
            return "cannot compare \(left) (\(leftType)) with \(right) (\(rightType))"
        case .moneyDecimals(let text):
            return "money has at most two decimals, not \(text)"
        case .moneyTooLarge(let text):
            return "amount \(text) is too large for money"
        case .notACondition(let description, let type):
            return "\(description) is \(article(type)) \(type), not a condition"
        case .conditionAsValue(let description):
            return "\(description) is a condition and cannot be compared"
        case .missingArgument(let function, let expected):
            return "\(function) needs \(expected)"
        case .unexpectedArgument(let function, let found, let expected):
            return "\(function) takes \(expected), not \(found)"
        case .tooManyArguments(let function, let maximum):
            return "\(function) takes at most \(maximum) argument\(maximum == 1 ? "" : "s")"
        case .windowNotAllowed(let function):
            return "\(function) takes no window"
        case .windowReversed(let first, let last):
            return "window ends (\(last)) before it starts (\(first))"
        }
    }

    public var help: String? {
        switch self {
        case .unexpectedCharacter:
            return "expressions use words, numbers, \"strings\", dates, ( ) , and = != < <= > >="
        case .unterminatedString:
            return "end the string with \" on the same line; write \\\" for a quote inside it"
        case .invalidEscape:
            return "inside a string, write \\\" for a quote and \\\\ for a backslash"
        case .singleQuotedString:
            return "write \"text\""
        case .invalidDate:
            return "write dates as YYYY-MM-DD with a real calendar day, such as 2011-02-28"
        case .malformedNumber:
            return "write numbers as 12 or 12.50"
        case .unclosedParenthesis:
            return "add ')' where the group ends"
        case .unmatchedClosingParenthesis:
            return "remove it, or add '(' where the group starts"
        case .missingConnective:
            return "join two conditions with 'and' or 'or'"
        case .chainedComparison:
            return "write 'x between A and B', or join two comparisons with 'and'"
        case .expectedListOpening:
            return "write: region in (\"EU\", \"US\")"
        case .expectedWindowUnit, .invalidWindowLength:
            return "windows are 30 days, 4 weeks, since 2011-01-01 or between 2011-01-01 and 2011-03-31"
        case .expectedDate:
            return "write a date as YYYY-MM-DD, without quotes"
        case .quotedDate(let text):
            return "remove the quotes around \(text)"
        case .expectedAttributeName:
            return "write: attr \"loyalty_points\""
        case .windowOutsideCall:
            return "write count(view, 30 days) > 0"
        case .numberTooLarge, .windowTooLong, .nestingTooDeep, .tooManyConditions, .tooManyListItems,
            .tooManyListItemsInTotal, .stringTooLong:
            return "split the work into smaller expressions"
        case .unknownName(let name, let suggestion, let isTextExpected):
            var parts: [String] = []
            if let suggestion { parts.append("did you mean '\(suggestion)'?") }
            if isTextExpected { parts.append("text is written in quotes: \"\(name)\"") }
            parts.append("fields: " + CustomerField.allCases.map(\.name).joined(separator: ", ") + ", attr \"name\"")
            return parts.joined(separator: " ")
        case .unknownFunction(_, let suggestion):
            let functions = "functions: count, spend, orders, bought, days_since"
            return suggestion.map { "did you mean '\($0)'? \(functions)" } ?? functions
        case .kindAsValue:
            return "event kinds are arguments of count and days_since"
        case .unknownAttribute(_, let suggestion):
            return suggestion.map { "did you mean \"\($0)\"?" } ?? "attributes are the extra columns of the customers import"
        case .unknownKind(_, _, let suggestion, let allowed):
            let list = "expected one of: " + allowed.joined(separator: ", ")
            return suggestion.map { "did you mean '\($0)'? \(list)" } ?? list
        case .unknownSKU(_, let suggestion), .unknownCategory(_, let suggestion):
            let note = "the condition matches no customer until such a product is sold"
            return suggestion.map { "did you mean \"\($0)\"? \(note)" } ?? note
        case .typeMismatch(_, let leftType, _, let rightType):
            return typeMismatchHelp(leftType, rightType)
        case .moneyDecimals:
            return "round the amount to cents, such as 19.99"
        case .notACondition(let description, _):
            return "compare it, such as \(description) > 0"
        case .missingArgument(let function, _), .unexpectedArgument(let function, _, _),
            .tooManyArguments(let function, _), .windowNotAllowed(let function),
            .expectedArgument(let function, _), .expectedArgumentSeparator(let function, _):
            return "write " + (functionExamples[function] ?? "count(view, 30 days)")
        case .windowReversed:
            return "write the earlier date first"
        default:
            return nil
        }
    }
}

private let functionExamples = [
    "count": "count(review) or count(any, 30 days)",
    "spend": "spend() or spend(12 weeks)",
    "orders": "orders() or orders(since 2011-01-01)",
    "bought": "bought(sku \"KIN-ONE\") or bought(category \"Phones\", 30 days)",
    "days_since": "days_since(order), days_since(signup), days_since(any) or days_since(review)",
]

private func article(_ word: String) -> String {
    "aeiou".contains(word.first ?? "x") ? "an" : "a"
}

private func typeMismatchHelp(_ leftType: String, _ rightType: String) -> String? {
    let types = Set([leftType, rightType])
    if types == ["date", "text"] {
        return "write dates without quotes, such as 2011-01-31"
    }
    if types == ["tier", "text"] {
        return "write tiers as bare words: none, spectator, joiner, critic, creator"
    }
    if types.contains("money") {
        return "compare money with an amount such as 30 or 29.99"
    }
    if types == ["number", "text"] {
        return "text is compared with text in quotes, numbers with numbers"
    }
    return "both sides of a comparison must have the same type"
}
