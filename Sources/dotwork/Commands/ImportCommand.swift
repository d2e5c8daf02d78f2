import Analysis
import Foundation
import Text
import Warehouse

/// `dotwork import KIND FILE`: loads one CSV file into one table, all or nothing.
enum ImportCommand {
    static let spec = CommandSpec(
        words: ["import"],
        summary: "load a file into the warehouse, all or nothing (KIND: \(ImportKind.names.joined(separator: " ")) sales community)",
        arguments: ["KIND", "FILE"],
        options: [
            .value("--mode", "MODE", "append (default), upsert (update rows with the same key) or replace (swap the table)"),
            .value("--map", "CSVCOL=COLUMN", "read the file's column CSVCOL as COLUMN; repeat for several"),
            .value("--delimiter", "CHAR", "field delimiter: , ; | or tab (default ,)"),
            .flag("--decimal-comma", "amounts are written 1.234,50"),
            .value("--date-format", "FORMAT", "strftime tokens for non-ISO dates, such as '%d/%m/%Y %H:%M'"),
            .value("--tz", "ZONE", "IANA zone of timestamps written without one, such as Europe/London (default UTC)"),
            .value("--encoding", "NAME", "the file's encoding when not UTF-8: latin1 or cp1252"),
            .value("--rejects", "FILE", "write bad rows (with a reject_reason column) to FILE and import the rest"),
            .value("--source", "NAME", "the community of members or events when the file has no source column"),
            .value(
                "--kind-map", "VALUE=KIND",
                "for events: read the file's event name VALUE as KIND (view join login rate review comment post share) or skip it; repeat for several"),
            .value("--format", "FORMAT", "for community: the dump's format, stackexchange"),
            .value(
                "--preset", "NAME",
                "for sales: how a known export maps; "
                    + SalesPreset.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")),
        ],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let kindName = invocation.arguments[0]
        if kindName == "sales" {
            return try SalesImportCommand.run(invocation)
        }
        if kindName == "community" {
            return try CommunityImportCommand.run(invocation)
        }
        if invocation.value("--preset") != nil {
            throw UsageError.invalidValue(
                option: "--preset", value: invocation.value("--preset")!, reason: "presets are for 'dotwork import sales'",
                command: "import")
        }
        guard let kind = ImportKind(rawValue: kindName) else {
            throw UsageError.invalidValue(
                option: "KIND", value: kindName,
                reason: "expected one of " + (ImportKind.names + ["sales", "community"]).joined(separator: ", ")
                    + (Suggestion.nearest(to: kindName, among: ImportKind.names + ["sales", "community"]).map { " (did you mean '\($0)'?)" } ?? ""),
                command: "import")
        }
        let file = invocation.arguments[1]
        let options = try importOptions(invocation)
        guard FileManager.default.fileExists(atPath: file) else {
            Console.shared.error("no file at \(file)", help: "check the path; nothing was imported")
            return 1
        }

        let label = (file as NSString).lastPathComponent
        let writer = try WarehouseWriter(invocation, task: "import of \(label) (\(kind.rawValue))")
        let warehouse = writer.warehouse
        defer { writer.end() }
        DerivedData.buildBeforeCommit(writer)
        let importer = Importer(warehouse: warehouse, kind: kind, path: file, options: options)
        let interruption = Interruption()
        importer.interruption = { interruption.signalName() }
        let meter = ProgressMeter(label: label, activity: writer.activity)
        importer.progress = { meter.show($0) }

        let report: Importer.Report
        do {
            report = try importer.run()
        } catch let failure as ImportFailure {
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
        if !report.ignoredColumns.isEmpty {
            Console.shared.message("note: ignored columns: " + report.ignoredColumns.joined(separator: ", "))
        }
        if !report.skippedKinds.isEmpty {
            let skipped = report.skippedKinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            Console.shared.message("note: events left out by --kind-map: " + skipped)
        }
        if !report.attributeTypes.isEmpty {
            let types = report.attributeTypes.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", ")
            Console.shared.message("note: extra columns kept as attributes: " + types)
        }
        if report.rounded > 0 {
            Console.shared.message(
                "warning: \(report.rounded) amount\(report.rounded == 1 ? "" : "s") had more than two decimals; kept exact until each line total was rounded")
        }
        Console.shared.out(
            "imported \(file) into \(kind.table): \(report.added) added, \(report.updated) updated, "
                + "\(report.rejected) rejected (batch \(report.batchID))\n")
        return 0
    }

    static func importOptions(_ invocation: Invocation) throws -> ImportOptions {
        var options = ImportOptions()
        if let mode = invocation.value("--mode") {
            guard let parsed = ImportMode(rawValue: mode) else {
                throw UsageError.invalidValue(
                    option: "--mode", value: mode, reason: "expected append, upsert or replace", command: "import")
            }
            options.mode = parsed
        }
        for mapping in invocation.options["--map"] ?? [] {
            guard let equals = mapping.firstIndex(of: "="), equals != mapping.startIndex,
                mapping.index(after: equals) != mapping.endIndex
            else {
                throw UsageError.invalidValue(
                    option: "--map", value: mapping, reason: "expected CSVCOL=COLUMN, such as 'Customer ID=customer_id'",
                    command: "import")
            }
            options.columnMap[String(mapping[..<equals])] = String(mapping[mapping.index(after: equals)...])
        }
        if let delimiter = invocation.value("--delimiter") {
            guard let parsed = CSVDelimiter(optionValue: delimiter) else {
                throw UsageError.invalidValue(
                    option: "--delimiter", value: delimiter, reason: "expected , ; | or tab", command: "import")
            }
            options.delimiter = parsed
        }
        options.decimalComma = invocation.isSet("--decimal-comma")
        if options.decimalComma && invocation.value("--delimiter") == nil {
            options.delimiter = .semicolon
        }
        if let pattern = invocation.value("--date-format") {
            do {
                options.dateFormat = try DateFormat(pattern: pattern)
            } catch {
                let reason: String
                switch error {
                case .unknownToken(let token): reason = "unknown token \(token)"
                case .missingParts(let text): reason = text
                }
                throw UsageError.invalidValue(option: "--date-format", value: pattern, reason: reason, command: "import")
            }
        }
        if let zone = invocation.value("--tz") {
            guard let parsed = TimeZone(identifier: zone) else {
                throw UsageError.invalidValue(
                    option: "--tz", value: zone, reason: "not an IANA time zone such as Europe/London or America/New_York",
                    command: "import")
            }
            options.zone = parsed
        }
        if let encoding = invocation.value("--encoding") {
            guard let parsed = TextEncoding(rawValue: encoding.lowercased().replacingOccurrences(of: "-", with: "")),
                parsed != .utf8 || encoding.lowercased().hasPrefix("utf")
            else {
                throw UsageError.invalidValue(
                    option: "--encoding", value: encoding, reason: "expected utf8, latin1 or cp1252", command: "import")
            }
            options.encoding = parsed
        }
        for mapping in invocation.options["--kind-map"] ?? [] {
            let parts = mapping.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let kinds = eventKinds + [ImportOptions.skippedKind]
            guard parts.count == 2, !parts[0].isEmpty, kinds.contains(parts[1].lowercased()) else {
                throw UsageError.invalidValue(
                    option: "--kind-map", value: mapping,
                    reason: "expected VALUE=KIND with KIND one of " + kinds.joined(separator: ", "), command: "import")
            }
            options.kindMap[parts[0].lowercased()] = parts[1].lowercased()
        }
        options.rejectsPath = invocation.value("--rejects")
        options.source = invocation.value("--source")
        return options
    }
}

/// The progress of an import on the status line and on the warehouse's activity board.
final class ProgressMeter {
    private let label: String
    private let activity: ActivityPost?
    private let line = StatusLine()
    /// The rows written and in all at the last progress of the writing step.
    private(set) var written = (rows: 0, total: 0)

    init(label: String, activity: ActivityPost? = nil) {
        self.label = label
        self.activity = activity
    }

    func show(_ progress: Importer.Progress) {
        switch progress {
        case .reading(let rows, _, _):
            activity?.update(phase: "reading", done: rows, total: 0)
            line.show("reading \(label): \(rows.formatted()) rows")
        case .applying(let rows, let total):
            written = (rows, total)
            activity?.update(phase: "writing", done: rows, total: total)
            let percent = total > 0 ? rows * 100 / total : 100
            line.show("writing \(label): \(percent)% (\(rows.formatted()) of \(total.formatted()) rows)")
        }
    }

    func clear() {
        line.clear()
    }

    /// Reports an import that filled the disk, and returns whether `error` was that.
    func reportedDiskFull(_ error: Error, warehouse: Warehouse, file: String) -> Bool {
        guard ImportSpace.isDiskFull(error) else { return false }
        clear()
        // The log pages the rolled-back import wrote can be reused at once.
        _ = try? warehouse.database.checkpoint()
        let space = ImportSpace(warehousePath: warehouse.path, file: file, rowsWritten: written.rows, rowsInAll: written.total)
        Console.shared.error(space.message, help: space.help)
        return true
    }
}
