import Warehouse

/// `dotwork init [--currency CODE]`: creates the warehouse, or upgrades an existing one.
enum InitCommand {
    static let spec = CommandSpec(
        words: ["init"],
        summary: "create the warehouse (or upgrade an existing one's schema)",
        arguments: [],
        options: [.value("--currency", "CODE", "ISO 4217 currency of every amount, with two minor digits (default USD)")],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let code = invocation.value("--currency") ?? Currency.default.code
        guard let currency = Currency(code: code) else {
            throw UsageError.invalidValue(
                option: "--currency", value: code, reason: Currency.rejectionReason(for: code), command: "init")
        }
        let location = try invocation.warehouseLocation()
        let activity = ActivityPost(warehouse: location.path, task: "init", phase: "writing")
        defer { activity.end() }
        let creation = try Warehouse.create(
            at: location.path, currency: currency,
            configuration: WarehouseWriter.configuration(invocation, path: location.path, activity: activity))
        let version = try creation.warehouse.database.userVersion()
        DerivedData.refreshAfterChange(creation.warehouse)
        if creation.isNew {
            Console.shared.message(
                "created the warehouse \(location.path) (\(currency.code), schema version \(version), chosen by \(location.originDescription))")
        } else if creation.migrationsApplied > 0 {
            Console.shared.message(
                "upgraded the warehouse \(location.path) to schema version \(version) (\(creation.migrationsApplied) migration\(creation.migrationsApplied == 1 ? "" : "s"))")
        } else {
            Console.shared.message("the warehouse \(location.path) is ready (\(currency.code), schema version \(version))")
        }
        Console.shared.out(location.path + "\n")
        return 0
    }
}
