import Expressions
import Text
import Warehouse

/// The grammar rules of a rule file, from the file down to amounts and percentages.
extension RuleParser {
    mutating func parseFile() {
        // rule_file = "rule" NAME { clause }
        if isAtEnd {
            report(.emptyFile, at: SourceRange(at: current.range.start))
            return
        }
        let first = current
        if RuleParser.ruleWord(first) == "rule" {
            reportCase(of: first, word: "rule")
            syntax.ruleKeyword = first.range
            advance()
            if let (name, range) = parseName(.rule) {
                syntax.name = name
                syntax.nameRange = range
            } else {
                synchronize()
            }
            lastPart = "the rule name"
        } else {
            report(.expectedRule(found: first.displayName), at: first.range)
        }
        while !isAtEnd {
            parseClause()
        }
        reportMissingClauses(at: syntax.ruleKeyword ?? first.range)
    }

    private mutating func parseClause() {
        // clause = when_clause | then_clause | valid_clause | holdout_clause
        guard let word = RuleParser.ruleWord(current) else {
            if current.kind == .identifier && isAtLineStart {
                let suggestion = Suggestion.nearest(to: current.text, among: RuleParser.clauseWords)
                report(.unknownClause(current.text, suggestion: suggestion), at: current.range)
            } else {
                report(.unexpectedToken(found: current.displayName, after: lastPart), at: current.range)
            }
            synchronize()
            return
        }
        reportCase(of: current, word: word)
        switch word {
        case "when":
            parseWhen()
        case "then":
            parseThen()
        case "valid":
            parseValid()
        case "holdout":
            parseHoldout()
        case "offer", "flag":
            // `when …` straight into `offer …`: report the missing `then` and read the action.
            report(.missingThen(found: current.displayName), at: current.range)
            parseThen(keyword: current.range, action: word)
        default:
            // Only one rule per file: everything after a second `rule` is left unread.
            report(.secondRule, at: current.range)
            while !isAtEnd { advance() }
        }
    }

    /// Records a clause, and reports it when the rule already has one of its kind. Returns
    /// whether it is the first of its kind, whose value the syntax keeps.
    private mutating func beginClause(_ kind: RuleClause.Kind, keyword: SourceRange) -> Bool {
        lastPart = "the '\(kind.rawValue)' clause"
        guard let first = syntax.clause(kind) else { return true }
        report(.duplicateClause(kind.rawValue, firstLine: first.keywordRange.start.line), at: keyword)
        return false
    }

    private mutating func endClause(_ kind: RuleClause.Kind, keyword: SourceRange) {
        syntax.clauses.append(RuleClause(kind: kind, keywordRange: keyword, range: range(from: keyword.start)))
    }

    private mutating func reportMissingClauses(at place: SourceRange) {
        let missing = [RuleClause.Kind.when, .then, .valid].filter { syntax.clause($0) == nil }.map(\.rawValue)
        guard !missing.isEmpty else { return }
        // Appended without the check for an earlier diagnostic at the place, because the
        // clauses are missing whatever else is wrong with the `rule` line.
        diagnostics.append(RuleDiagnostic(.missingClauses(missing, rule: syntax.name), at: place))
    }

    // MARK: when

    private mutating func parseWhen() {
        // when_clause = "when" expression
        let keyword = current.range
        let isFirst = beginClause(.when, keyword: keyword)
        advance()
        var parser = Parser(tokens: tokens, startingAt: index, stopWords: RuleParser.stopWords)
        let expression = parser.parseExpression()
        for diagnostic in parser.diagnostics {
            report(RuleDiagnostic(diagnostic))
        }
        move(to: parser.position)
        if isFirst {
            syntax.condition = expression
        }
        endClause(.when, keyword: keyword)
    }

    // MARK: then

    /// Parses a `then` clause from its keyword, or from `offer` or `flag` when `then` is
    /// missing (`action` names which).
    private mutating func parseThen(keyword givenKeyword: SourceRange? = nil, action givenAction: String? = nil) {
        // then_clause = "then" ( offer | flag )
        let keyword = givenKeyword ?? current.range
        let isFirst = beginClause(.then, keyword: keyword)
        if givenKeyword == nil {
            advance()
        }
        var action: RuleAction?
        switch givenAction ?? RuleParser.ruleWord(current) {
        case "offer":
            reportCase(of: current, word: "offer")
            action = parseOffer()
        case "flag":
            reportCase(of: current, word: "flag")
            action = parseFlag()
        default:
            let suggestion = current.kind == .identifier ? Suggestion.nearest(to: current.text, among: ["offer", "flag"]) : nil
            report(.expectedAction(found: current.displayName, suggestion: suggestion), at: current.range)
            synchronize()
        }
        if isFirst {
            syntax.action = action
        }
        endClause(.then, keyword: keyword)
    }

    private mutating func parseOffer() -> RuleAction? {
        // offer = "offer" NAME "value" amount "cost" amount
        advance()
        guard let (name, _) = parseName(.offer) else {
            synchronize()
            return nil
        }
        guard expectWord("value", after: "the offer name") else {
            synchronize()
            return nil
        }
        let value = parseAmount("value")
        guard value != .missing, expectWord("cost", after: "the offer's value") else {
            synchronize()
            return nil
        }
        let cost = parseAmount("cost")
        guard cost != .missing else {
            synchronize()
            return nil
        }
        guard case .amount(let valueAmount) = value, case .amount(let costAmount) = cost else { return nil }
        return .offer(name: name, value: valueAmount, cost: costAmount)
    }

    private mutating func parseFlag() -> RuleAction? {
        // flag = "flag" NAME
        advance()
        guard let (name, _) = parseName(.flag) else {
            synchronize()
            return nil
        }
        return .flag(name: name)
    }

    /// Consumes `word` in any letter case, or reports the token found in its place.
    private mutating func expectWord(_ word: String, after: String) -> Bool {
        guard current.kind == .identifier, current.text.lowercased() == word else {
            report(.expectedWord(word, after: after, found: current.displayName), at: current.range)
            return false
        }
        reportCase(of: current, word: word)
        advance()
        return true
    }

    /// An amount as read: a valid one, one reported after its number was consumed, or none.
    enum ParsedAmount: Equatable {
        case amount(Money)
        case invalid
        case missing
    }

    private mutating func parseAmount(_ part: String) -> ParsedAmount {
        // amount = NUMBER
        let start = current.range.start
        let isNegative = current.kind == .minus
        if isNegative {
            advance()
        }
        guard current.kind == .number else {
            report(.expectedAmount(part, found: current.displayName), at: current.range)
            return .missing
        }
        let text = (isNegative ? "-" : "") + current.text
        advance()
        let written = range(from: start)
        skipCurrencyCode()

        guard let money = amount(text, part: part, at: written) else { return .invalid }
        return .amount(money)
    }

    /// Returns the amount `text` writes, or reports why it is not one from 0 to the limit with
    /// at most two decimals.
    private mutating func amount(_ text: String, part: String, at range: SourceRange) -> Money? {
        if text.hasPrefix("-") {
            report(.negativeAmount(part, text: text), at: range)
            return nil
        }
        let limit = Money(cents: RuleLimits.amountCents).description
        // A malformed number has its lexical diagnostic at this place already.
        guard let number = NumberValue(parsing: text) else {
            report(.amountTooLarge(part, text: text, limit: limit), at: range)
            return nil
        }
        // Past two decimals only a non-zero digit stops the conversion, so a failure there
        // means too many decimals, and up to two it means too large.
        guard let money = Money(number) else {
            report(number.scale > 2 ? .amountDecimals(part, text: text) : .amountTooLarge(part, text: text, limit: limit), at: range)
            return nil
        }
        guard money.cents <= RuleLimits.amountCents else {
            report(.amountTooLarge(part, text: text, limit: limit), at: range)
            return nil
        }
        return money
    }

    /// Reports and skips a currency code written after an amount, such as `USD`.
    private mutating func skipCurrencyCode() {
        let text = current.text
        guard current.kind == .identifier, text.count == 3, text == text.uppercased(), Currency(code: text) != nil else {
            return
        }
        report(.currencyAfterAmount(text), at: current.range)
        advance()
    }

    // MARK: valid and holdout

    private mutating func parseValid() {
        // valid_clause = "valid" NUMBER ( "days" | "weeks" )
        let keyword = current.range
        let isFirst = beginClause(.valid, keyword: keyword)
        advance()
        defer { endClause(.valid, keyword: keyword) }
        guard current.kind == .number else {
            report(.expectedValidLength(found: current.displayName), at: current.range)
            synchronize()
            return
        }
        let start = current.range.start
        let text = current.text
        advance()

        guard current.kind == .identifier, let unit = RuleParser.dayUnits[current.text.lowercased()] else {
            report(.expectedValidUnit(found: current.displayName), at: current.range)
            synchronize()
            return
        }
        reportCase(of: current, word: current.text.lowercased())
        let written = text + " " + current.text
        advance()

        guard text.allSatisfy(\.isASCIIDigit) else {
            report(.validNotWhole(text), at: range(from: start))
            return
        }
        guard let count = Int(text), count <= RuleLimits.validDays / unit, count * unit >= 1 else {
            report(.validOutOfRange(written, limit: RuleLimits.validDays), at: range(from: start))
            return
        }
        if isFirst {
            syntax.validDays = count * unit
        }
    }

    /// The units of `valid`, as in windows: a week is 7 days.
    static let dayUnits = ["day": 1, "days": 1, "week": 7, "weeks": 7]

    private mutating func parseHoldout() {
        // holdout_clause = "holdout" NUMBER "%"
        let keyword = current.range
        let isFirst = beginClause(.holdout, keyword: keyword)
        advance()
        defer { endClause(.holdout, keyword: keyword) }
        let start = current.range.start
        let isNegative = current.kind == .minus
        if isNegative {
            advance()
        }
        guard current.kind == .number else {
            report(.expectedPercentage(found: current.displayName), at: current.range)
            synchronize()
            return
        }
        let text = (isNegative ? "-" : "") + current.text
        advance()
        let written = range(from: start)

        guard current.kind == .percent else {
            report(.expectedPercentSign(found: current.displayName), at: current.range)
            synchronize()
            return
        }
        advance()

        guard let percentage = percentage(text, at: written) else { return }
        if percentage == .all {
            report(.everyHitHeldOut, at: range(from: start))
        }
        if isFirst {
            syntax.holdout = percentage
        }
    }

    /// Returns the percentage `text` writes, or reports why it is not one from 0 to 100 with
    /// at most two decimals.
    private mutating func percentage(_ text: String, at range: SourceRange) -> Percentage? {
        if text.hasPrefix("-") {
            report(.negativePercentage(text), at: range)
            return nil
        }
        // A malformed number has its lexical diagnostic at this place already.
        guard let number = NumberValue(parsing: text) else {
            report(.percentageOutOfRange(text), at: range)
            return nil
        }
        guard let hundredths = number.hundredths else {
            report(number.scale > 2 ? .percentageDecimals(text) : .percentageOutOfRange(text), at: range)
            return nil
        }
        guard hundredths <= Int64(Percentage.all.basisPoints) else {
            report(.percentageOutOfRange(text), at: range)
            return nil
        }
        return Percentage(basisPoints: Int(hundredths))
    }

    // MARK: Names

    /// Parses a quoted name and checks its pattern. A name written without quotes, such as
    /// `kin-upgrade`, is reported and read as the adjacent tokens that spell it, unless the
    /// word is the one that follows the name (`offer value …`), which means the name is missing.
    mutating func parseName(_ kind: RuleDiagnostic.NameKind) -> (String, SourceRange)? {
        // NAME = STRING
        let start = current.range.start
        let name: String
        switch current.kind {
        case .string:
            name = current.stringValue ?? ""
            advance()
        case .identifier where RuleParser.ruleWord(current) == nil && !(kind == .offer && current.text.lowercased() == "value"),
            .number:
            var text = current.text
            advance()
            while !isAtEnd && current.range.start == previousEnd
                && [.identifier, .number, .minus].contains(current.kind) && RuleParser.ruleWord(current) == nil
            {
                text += current.text
                advance()
            }
            report(.unquotedName(kind, text), at: range(from: start))
            name = text
        default:
            report(.expectedName(kind, found: current.displayName), at: current.range)
            return nil
        }
        let written = range(from: start)
        guard RuleName.isValid(name) else {
            report(.invalidName(kind, name, suggestion: RuleName.suggestion(for: name)), at: written)
            return nil
        }
        return (name, written)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
