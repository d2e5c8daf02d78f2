import Foundation
import Warehouse

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
    ]

    /// `dotwork` with no subcommand.
    static let workbench = CommandSpec(
        words: [], summary: "open the workbench", arguments: [], options: [],
        run: { _ in
            Console.shared.out(HelpText.overview(commands: all))
            Console.shared.message("note: the workbench is not part of this build yet; use the commands above")
            return 0
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
