import Rules

/// `dotwork rule withdraw NAME`: ends the rule's published version before its validity runs
/// out, and writes `withdrawn.json` into its outbox folder.
enum RuleWithdrawCommand {
    static let spec = CommandSpec(
        words: ["rule", "withdraw"],
        summary: "end a rule's published version early and mark its outbox folder withdrawn",
        arguments: [RuleOptions.nameArgument],
        options: [],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let name = try invocation.ruleNameArgument()
        let store = try invocation.ruleStore()
        let version = try store.withdraw(name, user: invocation.currentUser(), at: try invocation.now())
        Console.shared.out(
            """
            withdrew \(name) v\(version.version) at \(version.withdrawnAt?.stored ?? "")
            outbox: \(version.folder)/\(Outbox.withdrawalFile)

            """)
        return 0
    }
}
