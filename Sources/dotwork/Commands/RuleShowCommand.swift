import Rules

/// `dotwork rule show NAME`: prints the text of a draft, yours or another user's, or of a
/// published version, so it can be read or copied into a file.
enum RuleShowCommand {
    static let spec = CommandSpec(
        words: ["rule", "show"],
        summary: "print the text of your draft of a rule, another user's (--user) or a published version (--version)",
        arguments: [RuleOptions.nameArgument],
        options: [RuleOptions.user, .value("--version", "N", "print published version N instead of a draft")],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let name = try invocation.ruleNameArgument()
        let store = try invocation.openRuleStore(creating: false)
        if let versionText = invocation.value("--version") {
            guard let number = Int(versionText.hasPrefix("v") ? String(versionText.dropFirst()) : versionText), number > 0
            else {
                throw UsageError.invalidValue(
                    option: "--version", value: versionText, reason: "expected a version number such as 2",
                    command: invocation.command.name)
            }
            guard let version = try store?.version(number, of: name), version.state == .written else {
                throw PublishingError.unknownVersion(rule: name, version: number, latest: try store?.latestVersion(of: name)?.version)
            }
            Console.shared.out(version.text.hasSuffix("\n") ? version.text : version.text + "\n")
            return 0
        }
        let user = invocation.value("--user") ?? invocation.currentUser()
        guard let draft = try store?.draft(of: name, by: user) else {
            throw PublishingError.noDraft(rule: name, user: user, otherUsers: try store?.drafts(of: name).map(\.user) ?? [])
        }
        Console.shared.out(draft.text.hasSuffix("\n") ? draft.text : draft.text + "\n")
        return 0
    }
}
