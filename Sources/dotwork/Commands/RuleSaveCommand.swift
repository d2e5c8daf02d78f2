import Rules
import Text
import Warehouse

/// `dotwork rule save FILE`: keeps the file's text as the caller's draft of its rule.
enum RuleSaveCommand {
    static let spec = CommandSpec(
        words: ["rule", "save"],
        summary: "save a rule file as your draft of its rule, which 'rule publish' publishes",
        arguments: [RuleFile.argument],
        options: [
            .flag("--rebase", "base the draft on the latest published version, after merging its changes")
        ],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let path = invocation.arguments[0]
        let text = try RuleSource.read(path: path)
        let parsed = RuleParser.parse(text)
        guard let name = parsed.syntax.name, RuleName.isValid(name) else {
            throw PublishingError.unnamedDraft(path: path)
        }
        let store = try invocation.ruleStore()
        let user = invocation.currentUser()
        let draft = try store.saveDraft(
            text: text, ruleName: name, user: user, at: try invocation.now(), rebase: invocation.isSet("--rebase"))
        let base = draft.baseVersion.map { "v\($0)" } ?? "no published version"
        Console.shared.out("saved the draft of \(name) by \(user), based on \(base)\n")
        let errors = parsed.diagnostics.filter(\.isError).count
        if errors > 0 {
            Console.shared.message(
                "note: the draft has \(counted(errors, "syntax error")); 'dotwork rule check \(path)' shows them")
        }
        return 0
    }
}
