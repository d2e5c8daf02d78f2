import Foundation
import Text
import Warehouse

/// `dotwork import community FILE --format stackexchange [--source NAME]`: a platform dump
/// into members and events.
enum CommunityImportCommand {
    static func run(_ invocation: Invocation) throws -> Int32 {
        let file = invocation.arguments[1]
        guard let format = invocation.value("--format") else {
            throw UsageError.missingArgument(name: "--format stackexchange", command: "import")
        }
        guard format == "stackexchange" else {
            throw UsageError.invalidChoice("--format", format, choices: ["stackexchange"], command: "import")
        }
        guard FileManager.default.fileExists(atPath: file) else {
            Console.shared.error(
                "no file at \(file)", help: "give one file of the dump, such as .../coffee/Posts.xml; nothing was imported")
            return 1
        }
        // The site's folder names the community unless --source does.
        let folder = ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent
        let source = invocation.value("--source") ?? (folder.isEmpty || folder == "." ? "stackexchange" : folder)
        let writer = try WarehouseWriter(invocation, task: "import of \((file as NSString).lastPathComponent) (community)")
        let warehouse = writer.warehouse
        defer { writer.end() }
        DerivedData.buildBeforeCommit(writer)
        writer.activity.update(phase: "reading and writing", force: true)
        let report: StackExchangeImporter.Report
        do {
            report = try StackExchangeImporter(warehouse: warehouse, path: file, source: source).run()
        } catch let failure as ImportFailure {
            Console.shared.error(failure.message, help: failure.help)
            return 1
        } catch where ProgressMeter(label: file).reportedDiskFull(error, warehouse: warehouse, file: file) {
            return 1
        }
        DerivedData.checkpointAfterCommit(warehouse)
        for (reason, count) in report.skipped.sorted(by: { $0.key < $1.key }) {
            Console.shared.message("note: skipped \(counted(count, "row")): \(reason)")
        }
        if !report.skippedBadges.isEmpty {
            let badges = report.skippedBadges.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            Console.shared.message("note: skipped badges that stand for no action of the ladder: " + badges)
        }
        let kinds = report.eventsByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        Console.shared.out(
            "imported \(file) (\(report.fileKind)) into source \(source): \(kinds.isEmpty ? "no events" : kinds); "
                + "\(counted(report.membersCreated, "new member")) (batch \(report.batchID))\n")
        return 0
    }
}
