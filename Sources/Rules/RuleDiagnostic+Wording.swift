import Expressions

/// The wording of every rule-file problem: its stable id, severity, message and help.
///
/// Messages name the offending value and help gives what to write instead. Ids are kebab-case,
/// never change once shipped, and differ from the ids of the expression catalog, so a tool can
/// tell which catalog a diagnostic came from.
extension RuleDiagnostic.Problem {
    public var id: String {
        switch self {
        case .fileTooLarge: return "rule-file-too-large"
        case .emptyFile: return "empty-rule-file"
        case .expectedRule: return "expected-rule"
        case .secondRule: return "second-rule"
        case .unknownClause: return "unknown-clause"
        case .unexpectedToken: return "unexpected-in-rule"
        case .wordCase: return "rule-word-case"
        case .duplicateClause: return "duplicate-clause"
        case .missingClauses: return "missing-clause"
        case .missingThen: return "missing-then"
        case .expectedName: return "expected-name"
        case .unquotedName: return "unquoted-name"
        case .invalidName: return "invalid-name"
        case .expectedAction: return "expected-action"
        case .expectedWord: return "expected-word"
        case .expectedAmount: return "expected-amount"
        case .negativeAmount: return "negative-amount"
        case .amountDecimals: return "amount-decimals"
        case .amountTooLarge: return "amount-too-large"
        case .currencyAfterAmount: return "currency-after-amount"
        case .expectedValidLength: return "expected-valid-days"
        case .validNotWhole: return "valid-not-whole"
        case .expectedValidUnit: return "expected-valid-unit"
        case .validOutOfRange: return "valid-out-of-range"
        case .expectedPercentage: return "expected-percentage"
        case .negativePercentage: return "negative-percentage"
        case .percentageDecimals: return "percentage-decimals"
        case .percentageOutOfRange: return "percentage-out-of-range"
        case .expectedPercentSign: return "expected-percent-sign"
        case .everyHitHeldOut: return "every-hit-held-out"
        }
    }

    public var severity: Diagnostic.Severity {
        switch self {
        case .everyHitHeldOut: return .warning
        default: return .error
        }
    }

    public var message: String {
        switch self {
        case .fileTooLarge(let bytes, let limit):
            return "the rule file has \(bytes) bytes, more than the limit of \(limit)"
        case .emptyFile:
            return "the rule file is empty"
        case .expectedRule(let found):
            return "expected 'rule' and the rule's name at the start of the file, found \(found)"
        case .secondRule:
            return "a second rule starts here, but a file holds one rule"
        case .unknownClause(let word, _):
            return "unknown clause '\(word)'"
        case .unexpectedToken(let found, let after?):
            return "unexpected \(found) after \(after)"
        case .unexpectedToken(let found, nil):
            return "unexpected \(found)"
        case .wordCase(let found, let word):
            return "rule words are lower-case: write '\(word)', not '\(found)'"
        case .duplicateClause(let clause, let firstLine):
            return "second '\(clause)' clause; the rule already has one on line \(firstLine)"
        case .missingClauses(let clauses, let rule):
            let subject = rule.map { "rule \"\($0)\"" } ?? "the rule"
            let names = clauses.map { "'\($0)'" }
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
            return "\(subject) has no \(list) clause" + (names.count == 1 ? "" : "s")
        case .missingThen(let found):
            return "expected 'then' before \(found)"
        case .expectedName(let kind, let found):
            return "expected the \(kind.rawValue) name in double quotes, found \(found)"
        case .unquotedName(let kind, let name):
            return "the \(kind.rawValue) name \(name) is not in double quotes"
        case .invalidName(let kind, let name, _):
            return "invalid \(kind.rawValue) name \"\(name)\""
        case .expectedAction(let found, _):
            return "expected 'offer' or 'flag' after 'then', found \(found)"
        case .expectedWord(let word, let after, let found):
            return "expected '\(word)' after \(after), found \(found)"
        case .expectedAmount(let part, let found):
            return "expected an amount after '\(part)', found \(found)"
        case .negativeAmount(let part, let text):
            return "the offer's \(part) cannot be negative: \(text)"
        case .amountDecimals(let part, let text):
            return "the offer's \(part) has more than two decimals: \(text)"
        case .amountTooLarge(let part, let text, let limit):
            return "the offer's \(part) \(text) is more than \(limit)"
        case .currencyAfterAmount(let code):
            return "amounts are in the warehouse currency, so '\(code)' does not belong here"
        case .expectedValidLength(let found):
            return "expected the number of days after 'valid', found \(found)"
        case .validNotWhole(let text):
            return "'valid' takes a whole number of days, not \(text)"
        case .expectedValidUnit(let found):
            return "expected 'days' after the number of 'valid', found \(found)"
        case .validOutOfRange(let text, let limit):
            return "valid \(text) is outside 1 to \(limit) days"
        case .expectedPercentage(let found):
            return "expected a percentage after 'holdout', found \(found)"
        case .negativePercentage(let text):
            return "the holdout cannot be negative: \(text)%"
        case .percentageDecimals(let text):
            return "the holdout has more than two decimals: \(text)%"
        case .percentageOutOfRange(let text):
            return "the holdout \(text)% is more than 100%"
        case .expectedPercentSign(let found):
            return "expected '%' after the holdout percentage, found \(found)"
        case .everyHitHeldOut:
            return "holdout 100% holds out every hit, so the rule reaches nobody"
        }
    }

    public var help: String? {
        switch self {
        case .fileTooLarge:
            return "a rule file holds one rule; split large lists into several rules"
        case .emptyFile, .expectedRule, .missingClauses:
            return "a rule file reads: rule \"NAME\" when CONDITION then offer \"NAME\" value 10.00 cost 4.00 "
                + "valid 30 days, with an optional holdout 10%"
        case .secondRule:
            return "move the second rule into a file of its own"
        case .unknownClause(_, let suggestion?):
            return "did you mean '\(suggestion)'? clauses: \(clauseList)"
        case .unknownClause(_, nil):
            return "clauses: \(clauseList)"
        case .unexpectedToken:
            return "each clause starts with one of: \(clauseList); a condition goes after 'when'"
        case .wordCase:
            return nil
        case .duplicateClause:
            return "keep one of the two"
        case .missingThen:
            return "write: then offer \"NAME\" value 10.00 cost 4.00, or then flag \"NAME\""
        case .expectedName, .invalidName(_, _, nil):
            return "names are 1 to 63 characters of lower-case letters, digits and '-', starting with a letter or digit"
        case .unquotedName(let kind, let name):
            return "write: \(kind.rawValue) \"\(name)\""
        case .invalidName(_, _, let suggestion?):
            return "did you mean \"\(suggestion)\"? names are 1 to 63 characters of lower-case letters, digits and '-', "
                + "starting with a letter or digit"
        case .expectedAction(_, let suggestion):
            let forms = "write: then offer \"NAME\" value 10.00 cost 4.00, or then flag \"NAME\""
            return suggestion.map { "did you mean '\($0)'? \(forms)" } ?? forms
        case .expectedWord, .expectedAmount:
            return "write: then offer \"NAME\" value 10.00 cost 4.00"
        case .negativeAmount:
            return "value is what the customer sees and cost what the business pays, both 0 or more"
        case .amountDecimals:
            return "round the amount to cents, such as 19.99"
        case .amountTooLarge:
            return "check the amount; it is in the warehouse currency, not in cents"
        case .currencyAfterAmount(let code):
            return "remove '\(code)'; previews name the warehouse currency"
        case .expectedValidLength, .validNotWhole, .expectedValidUnit:
            return "write: valid 30 days"
        case .validOutOfRange(_, let limit):
            return "an offer is valid for 1 to \(limit) days from publishing; publish it again for longer"
        case .expectedPercentage, .expectedPercentSign:
            return "write: holdout 10%, or leave the clause out to hold out nobody"
        case .negativePercentage, .percentageOutOfRange:
            return "the holdout is 0% to 100% of the hits"
        case .percentageDecimals:
            return "round the percentage to two decimals, such as 12.5%"
        case .everyHitHeldOut:
            return "lower the holdout to reach part of the hits"
        }
    }
}

/// The clause words, in the order a rule file usually lists them.
private let clauseList = "when, then, valid, holdout"
