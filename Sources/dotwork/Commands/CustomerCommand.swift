import Analysis
import Rules
import Text
import Warehouse

/// `dotwork customer ID`: one customer's profile, community identities and timeline.
enum CustomerCommand {
    static let spec = CommandSpec(
        words: ["customer"],
        summary: "show one customer: profile, tier, identities, linked members and timeline, newest first",
        arguments: ["ID"],
        options: [ResultPrinter.formatOption, ResultPrinter.rawTextOption],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let id = invocation.arguments[0]
        let format = try ResultPrinter.format(invocation)
        let context = try AnalysisContext(invocation)
        guard let profile = try context.engine.profile(of: id, asOf: context.asOf) else {
            let suggestions = try context.engine.searchCustomers(id, asOf: context.asOf).prefix(5).map(\.id)
            Console.shared.error(
                "no customer with id '\(id)'",
                help: suggestions.isEmpty
                    ? "find customers with 'dotwork customers --search TEXT'"
                    : "customers whose id starts so: " + suggestions.joined(separator: ", "))
            return 1
        }
        if format == .csv {
            try ResultPrinter.print(profile.timelineCSVRecords(), invocation: invocation)
            return 0
        }

        let record = profile.record
        var facts: [[CSVCell]] = [
            [.text("customer"), .text(record.id)],
            [.text("name"), .text(record.name)],
            [.text("email"), .text(record.email)],
            [.text("region"), .text(record.region)],
            [.text("country"), .text(record.country)],
            [.text("channel"), .text(record.channel)],
            [.text("signup"), .text(record.signupDate)],
            [.text("tier"), .text("\(record.tier) at \(context.asOf.iso)")],
            [.text("opt-out"), .text(profile.optOut ? "yes: never contacted by rules" : "no")],
        ]
        for attribute in profile.attributes {
            facts.append([.text(attribute.name), .text(attribute.value)])
        }
        Console.shared.out(ResultPrinter.table(facts, keyColumns: 0))

        Console.shared.out("\nidentities: " + (profile.identities.isEmpty ? "none" : profile.identities.joined(separator: ", ")) + "\n")
        if profile.members.isEmpty {
            Console.shared.out("linked members: none\n")
        } else {
            var rows: [[CSVCell]] = [["member", "handle", "provider", "external id", "tier"].map(CSVCell.text)]
            for member in profile.members {
                rows.append([
                    .text("\(member.source)/\(member.memberID)"), .text(member.handle), .text(member.provider),
                    .text(member.externalID), .text(member.tier?.description ?? "not yet a member"),
                ])
            }
            Console.shared.out("\nlinked members\n" + ResultPrinter.table(rows, keyColumns: 0))
        }

        try printRuleDecisions(id: record.id, invocation: invocation)

        Console.shared.out("\ntimeline (\(counted(profile.timeline.count, "entry", plural: "entries")), newest first)\n")
        var rows: [[CSVCell]] = [["at", "type", "what", "detail", "amount", "member"].map(CSVCell.text)]
        for entry in profile.timeline {
            rows.append([
                .text(entry.at), .text(entry.kind.rawValue), .text(entry.what), .text(CustomerProfile.oneLine(entry.detail)),
                entry.amount.map(CSVCell.money) ?? .missing, .text(entry.member),
            ])
        }
        Console.shared.out(ResultPrinter.table(rows, keyColumns: 0))
        return 0
    }

    /// Prints the published rule versions that hit or held out the customer, from `rules.db`.
    private static func printRuleDecisions(id: String, invocation: Invocation) throws {
        let path = RuleStore.path(besideWarehouse: try invocation.warehouseLocation().path)
        let decisions = try RuleStore.decisions(forCustomer: id, rulesDatabase: path)
        guard !decisions.isEmpty else {
            Console.shared.out("\npublished rules: none hit or held out this customer\n")
            return
        }
        let now = try invocation.now()
        var rows: [[CSVCell]] = [["rule", "version", "group", "as of", "published", "state"].map(CSVCell.text)]
        for decision in decisions {
            let version = decision.version
            rows.append([
                .text(version.ruleName), .text("v\(version.version)"), .text(decision.isHeldOut ? "holdout" : "target"),
                .text(version.asOf.iso), .text(version.publishedAt.stored), .text(version.status(at: now)),
            ])
        }
        Console.shared.out("\npublished rules\n" + ResultPrinter.table(rows, keyColumns: 0))
    }
}
