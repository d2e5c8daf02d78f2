import Rules

/// `dotwork rule diff NAME`: the lines a draft changes against the latest published version.
enum RuleDiffCommand {
    static let spec = CommandSpec(
        words: ["rule", "diff"],
        summary: "show the lines your draft (or --user's) changes against the latest published version",
        arguments: [RuleOptions.nameArgument],
        options: [RuleOptions.user],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let name = try invocation.ruleNameArgument()
        let user = invocation.value("--user") ?? invocation.currentUser()
        let store = try invocation.openRuleStore(creating: false)
        guard let draft = try store?.draft(of: name, by: user) else {
            throw PublishingError.noDraft(rule: name, user: user, otherUsers: try store?.drafts(of: name).map(\.user) ?? [])
        }
        let version = try store?.latestVersion(of: name)
        var text = ""
        if let version {
            text += "--- \(name) v\(version.version), published by \(version.publishedBy) at \(version.publishedAt.stored)\n"
        } else {
            text += "--- \(name), not published yet\n"
        }
        let base = draft.baseVersion.map { "v\($0)" } ?? "no version"
        text += "+++ \(name), draft of \(user) saved at \(draft.savedAt), based on \(base)\n"
        let lines = TextDiff.lines(from: version?.text ?? "", to: draft.text)
        if lines.allSatisfy({ if case .same = $0 { return true } else { return false } }) {
            text += "(no change)\n"
        } else {
            text += lines.map(\.marked).joined(separator: "\n") + "\n"
        }
        Console.shared.out(text)
        return 0
    }
}
