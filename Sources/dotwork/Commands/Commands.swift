import Foundation
import Terminal
import Warehouse
import Workbench

/// Every subcommand, in the order `dotwork --help` lists them.
enum Commands {
    static let all: [CommandSpec] = [
        InitCommand.spec,
        ImportCommand.spec,
        SampleCommand.spec,
        StatsCommand.spec,
        CohortsCommand.spec,
        PivotCommand.spec,
        CustomersCommand.spec,
        CustomerCommand.spec,
        RuleCheckCommand.spec,
        RulePreviewCommand.spec,
        RuleSaveCommand.spec,
        RuleShowCommand.spec,
        RulePublishCommand.spec,
        RuleWithdrawCommand.spec,
        RuleListCommand.spec,
        RuleHistoryCommand.spec,
        RuleDiffCommand.spec,
        RuleMeasureCommand.spec,
        AuditCommand.spec,
    ]

    /// `dotwork` with no subcommand.
    static let workbench = CommandSpec(
        words: [], summary: "open the workbench", arguments: [], options: [RuleOptions.outbox],
        run: { invocation in
            let options = WorkbenchOptions(
                warehousePath: try invocation.warehouseLocation().path, asOf: invocation.asOfDate(),
                themeName: invocation.value("--theme"), environment: invocation.environment,
                outboxPath: invocation.value("--outbox"), user: invocation.currentUser())
            do {
                return try WorkbenchLauncher.run(options)
            } catch let error as TerminalError {
                // The terminal layer's errors are worded with their own severity and help.
                Console.shared.message(error.description)
                return 1
            }
        })
}

extension Invocation {
    /// The warehouse location chosen by `--db`, `DOTWORK_DB`, `/etc/dotwork.conf` or the default.
    func warehouseLocation() throws -> WarehouseLocation {
        try WarehouseLocation.resolve(
            option: value("--db"), environment: environment,
            configFilePath: environment["DOTWORK_CONFIG"] ?? WarehouseLocation.systemConfigPath)
    }

    /// Opens the warehouse the command works on.
    func openWarehouse(readOnly: Bool = false) throws -> Warehouse {
        try Warehouse.open(at: warehouseLocation().path, readOnly: readOnly)
    }
}
