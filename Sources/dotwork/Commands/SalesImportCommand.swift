import Foundation
import Text
import Warehouse

/// `dotwork import sales FILE [--preset NAME]`: a flat sales export into four tables at once.
enum SalesImportCommand {
    static func run(_ invocation: Invocation) throws -> Int32 {
        let file = invocation.arguments[1]
        var preset: SalesPreset?
        if let name = invocation.value("--preset") {
            guard let found = SalesPreset.named(name) else {
                throw UsageError.invalidChoice("--preset", name, choices: SalesPreset.all.map(\.name), command: "import")
            }
            preset = found
        }
        let options = try ImportCommand.importOptions(invocation)
        guard FileManager.default.fileExists(atPath: file) else {
            Console.shared.error("no file at \(file)", help: "check the path; nothing was imported")
            return 1
        }
        let label = (file as NSString).lastPathComponent
        let writer = try WarehouseWriter(invocation, task: "import of \(label) (sales)")
        let warehouse = writer.warehouse
        defer { writer.end() }
        DerivedData.buildBeforeCommit(writer)
        let importer = SalesImporter(warehouse: warehouse, path: file, options: options, preset: preset)
        let interruption = Interruption()
        importer.interruption = { interruption.signalName() }
        let meter = ProgressMeter(label: label, activity: writer.activity)
        importer.progress = { meter.show($0) }

        let report: SalesImporter.Report
        do {
            report = try importer.run()
        } catch let failure as ImportFailure {
            meter.clear()
            Console.shared.error(failure.message, help: failure.help)
            return 1
        } catch let failure as SalesImporter.PresetFailure {
            meter.clear()
            Console.shared.error(failure.message, help: failure.help)
            return 1
        } catch where meter.reportedDiskFull(error, warehouse: warehouse, file: file) {
            return 1
        }
        meter.clear()
        DerivedData.checkpointAfterCommit(warehouse)

        for warning in report.warnings {
            Console.shared.message("warning: " + warning)
        }
        if report.flippedSigns > 0 || preset?.cancellationPrefix != nil {
            Console.shared.message("note: flipped the sign of \(counted(report.flippedSigns, "cancellation line")) written with a positive quantity")
        }
        if report.rounded > 0 {
            Console.shared.message(
                "warning: \(counted(report.rounded, "line")) priced with more than two decimals; kept exact until each line total was rounded")
        }
        if report.duplicateLines > 0 {
            Console.shared.message("note: \(counted(report.duplicateLines, "line")) repeated an earlier line exactly and were imported as written")
        }
        if report.guestLines > 0 {
            Console.shared.message("note: \(counted(report.guestLines, "line")) without a customer kept as guest orders")
        }
        if report.namedPlaceholders > 0 {
            Console.shared.message("note: \(counted(report.namedPlaceholders, "placeholder product")) got their name and price")
        }
        if !report.ignoredColumns.isEmpty {
            Console.shared.message("note: ignored columns: " + report.ignoredColumns.joined(separator: ", "))
        }
        Console.shared.out(
            "imported \(file) as sales: \(counted(report.lines, "line")) in \(counted(report.orders, "order")) "
                + "(\(report.voidOrders) void), \(counted(report.newCustomers, "new customer")), "
                + "\(counted(report.newProducts, "new product")), \(report.rejected) rejected (batch \(report.batchID))\n")
        return 0
    }
}
