import Foundation
import Rules
import Text
import Warehouse

/// `dotwork rule measure NAME`: what a published version did, its target against its holdout
/// over the days after its as-of date.
enum RuleMeasureCommand {
    static let spec = CommandSpec(
        words: ["rule", "measure"],
        summary: "compare a published version's target with its holdout since its as-of date, with 95% intervals",
        arguments: [RuleOptions.nameArgument],
        options: [
            .value("--version", "N", "measure published version N instead of the latest"),
            ResultPrinter.formatOption, ResultPrinter.rawTextOption,
        ],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let name = try invocation.ruleNameArgument()
        let format = try ResultPrinter.format(invocation)
        let number = try versionNumber(invocation)
        let now = try invocation.now()
        guard let store = try invocation.openRuleStore(creating: false) else {
            throw PublishingError.noVersion(rule: name)
        }
        let version = try store.writtenVersion(number, of: name)

        let warehouse = try invocation.openWarehouse(readOnly: true)
        let resolved = try AsOf.resolve(warehouse.database, override: invocation.asOfDate())
        if let warning = resolved.warning, resolved.isDefault {
            Console.shared.message("warning: " + warning)
        }
        guard let asOf = resolved.date else {
            throw MeasureError.noAsOfDate(path: warehouse.database.path)
        }
        let measurement = try RuleMeasurement.measure(
            version, hits: try store.hits(of: name, version: version.version), warehouse: warehouse.database, asOf: asOf)

        if let withdrawnAt = version.withdrawnAt {
            Console.shared.message(
                "note: \(name) v\(version.version) was withdrawn by \(version.withdrawnBy ?? "an unknown user") at "
                    + "\(withdrawnAt.stored); the window still runs to the as-of date, because offers sent before "
                    + "the withdrawal may still act")
        } else if version.isValid(at: now) {
            Console.shared.message(
                "note: \(name) v\(version.version) is valid until \(version.validUntil.stored), so its figures will "
                    + "change as new orders arrive")
        }
        let currency = try warehouse.currency()
        if currency.code != version.currency {
            Console.shared.message(
                "warning: \(name) v\(version.version) was published with amounts in \(version.currency), "
                    + "but this warehouse keeps \(currency.code)")
        }

        switch format {
        case .csv:
            try ResultPrinter.print(measurement.csvRecords(), invocation: invocation)
            Console.shared.message("note: " + measurement.statement)
        case .table:
            Console.shared.out(table(measurement, currency: currency))
        }
        return 0
    }

    /// Lays out the heading lines, the comparison, the uplift lines and the verdict.
    static func table(_ measurement: RuleMeasurement, currency: Currency) -> String {
        func block(_ fields: [RuleMeasurement.Field]) -> String {
            let width = fields.map { $0.label.count }.max() ?? 0
            return fields.map { field in
                field.label.padding(toLength: width + 2, withPad: " ", startingAt: 0) + DisplayWidth.drawable(field.value) + "\n"
            }.joined()
        }
        var text = block(measurement.headingFields(currency: currency)) + "\n"
        text += ResultPrinter.table(measurement.comparisonRecords(), keyColumns: 1)
        let uplift = measurement.upliftFields(currency: currency)
        if !uplift.isEmpty {
            text += "\n" + block(uplift)
        }
        text += "\nverdict: " + measurement.statement + "\n"
        return text
    }

    /// Returns the `--version` value (`2` or `v2`), or nil when it is not given.
    static func versionNumber(_ invocation: Invocation) throws -> Int? {
        guard let text = invocation.value("--version") else { return nil }
        let digits = text.hasPrefix("v") ? String(text.dropFirst()) : text
        guard digits.allSatisfy(\.isASCII), let number = Int(digits), number > 0 else {
            throw UsageError.invalidValue(
                option: "--version", value: text, reason: "expected a version number such as 2", command: invocation.command.name)
        }
        return number
    }
}

/// A failure of `rule measure` outside the rules store.
enum MeasureError: Error, CustomStringConvertible {
    /// The warehouse has no orders, events or signup dates, so it has no as-of date.
    case noAsOfDate(path: String)

    var description: String {
        switch self {
        case .noAsOfDate(let path):
            return "\(path) has no orders, events or signup dates, so there is no as-of date to measure to; "
                + "import orders, or give a date with --as-of YYYY-MM-DD"
        }
    }
}
