import Expressions
import Rules
import Text
import Warehouse

/// `dotwork rule check FILE`: every problem of a rule file, positioned, with suggestions.
enum RuleCheckCommand {
    static let spec = CommandSpec(
        words: ["rule", "check"],
        summary: "check a rule file against the warehouse and show every problem with its place and a fix",
        arguments: [RuleFile.argument],
        options: [],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let warehouse = try invocation.openWarehouse(readOnly: true)
        let loaded = try RuleFile.load(path: invocation.arguments[0], warehouse: warehouse)
        guard let rule = loaded.rule else { return 1 }
        let currency = try warehouse.currency()
        func money(_ amount: Money) -> String {
            PlainNumber.grouped(PlainNumber.money(amount.cents)) + " " + currency.code
        }
        let warnings = loaded.warnings > 0 ? " (\(counted(loaded.warnings, "warning")))" : ""
        var lines = ["rule \(rule.name) is valid\(warnings)"]
        switch rule.action {
        case .offer(let name, let value, let cost):
            lines.append("  then offer \(name): value \(money(value)), cost \(money(cost)) per target customer")
        case .flag(let name):
            lines.append("  then flag \(name)")
        }
        lines.append("  valid \(counted(rule.validDays, "day")) from publishing")
        lines.append(rule.holdout == .zero ? "  no holdout: every hit is targeted" : "  holdout \(rule.holdout) of the hits")
        Console.shared.out(lines.joined(separator: "\n") + "\n")
        return 0
    }
}
