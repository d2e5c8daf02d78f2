import Expressions

/// Checks a parsed rule file against the names in a warehouse and builds the `Rule`.
///
/// The rule grammar is settled by the parser, so the checker's work is the `when` expression:
/// fields, attributes, event kinds, SKUs and categories are resolved through the catalog
/// (`WarehouseCatalog` for a real warehouse) and types are checked. A rule comes out only
/// when no diagnostic is an error; warnings, such as an SKU the warehouse has not sold yet,
/// leave it intact.
public struct RuleChecker {
    public let catalog: any Catalog

    public init(catalog: any Catalog) {
        self.catalog = catalog
    }

    /// The outcome of checking a rule file.
    public struct Output: Sendable {
        public let tokens: [Token]
        public let syntax: RuleSyntax
        /// The checked rule; nil when any diagnostic is an error.
        public let rule: Rule?
        /// Every diagnostic of the file, lexical, syntax and check, in text order.
        public let diagnostics: [RuleDiagnostic]

        public var errors: [RuleDiagnostic] { diagnostics.filter(\.isError) }
        public var warnings: [RuleDiagnostic] { diagnostics.filter { !$0.isError } }
    }

    /// Lexes, parses and checks the text of one rule file.
    public func check(_ source: String) -> Output {
        check(RuleParser.parse(source))
    }

    /// Checks a parsed rule file.
    public func check(_ parsed: RuleParser.Output) -> Output {
        var checkDiagnostics: [RuleDiagnostic] = []
        var condition: Condition?
        if let syntax = parsed.syntax.condition {
            let checked = Checker(catalog: catalog).check(syntax)
            condition = checked.condition
            // A check diagnostic where a syntax error already points is a consequence of it.
            let syntaxPlaces = Set(parsed.diagnostics.map(\.range.start.offset))
            checkDiagnostics = checked.diagnostics.filter { !syntaxPlaces.contains($0.range.start.offset) }.map(
                RuleDiagnostic.init)
        }
        let diagnostics = RuleDiagnostic.sortedByPosition(parsed.diagnostics + checkDiagnostics)
        var rule: Rule?
        let syntax = parsed.syntax
        if !diagnostics.contains(where: \.isError), let name = syntax.name, let condition, let action = syntax.action,
            let validDays = syntax.validDays
        {
            rule = Rule(
                name: name, condition: condition, action: action, validDays: validDays, holdout: syntax.holdout ?? .zero)
        }
        return Output(tokens: parsed.tokens, syntax: syntax, rule: rule, diagnostics: diagnostics)
    }
}
