import Foundation
import Text
import Warehouse

/// `dotwork stats`: what the warehouse holds and how well its feeds fit together.
enum StatsCommand {
    static let spec = CommandSpec(
        words: ["stats"],
        summary: "show the warehouse: feeds and their dates, the as-of date, tiers, identity links, last imports",
        arguments: [],
        options: [],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let location = try invocation.warehouseLocation()
        let warehouse = try Warehouse.open(at: location.path, readOnly: true)
        let stats = try WarehouseStats.gather(warehouse, asOfOverride: invocation.asOfDate())
        let out = Console.shared

        out.out(
            table(
                [
                    ["warehouse", "\(location.path) (from \(location.originDescription))"],
                    ["currency", stats.currency.code],
                    ["schema", "version \(stats.schemaVersion), generation \(stats.generation)"],
                    ["as-of date", asOfText(stats.asOf)],
                    ["WAL", walText(path: location.path)],
                    ["writers", writersText(path: location.path)],
                ], rightAligned: []))
        if let warning = stats.asOf.warning {
            out.out("warning: \(warning)\n")
        }

        out.out("\n")
        var tableRows = [["table", "rows", "dates", "from", "to"]]
        for summary in stats.tables {
            tableRows.append([
                summary.table, summary.rows.formatted(), summary.dateColumn ?? "", summary.first ?? "", summary.last ?? "",
            ])
        }
        out.out(table(tableRows, rightAligned: [1]))

        out.out("\ncustomers by tier at \(stats.asOf.date?.iso ?? "no as-of date (no orders or events)")\n")
        let largest = stats.customerTiers.map(\.customers).max() ?? 0
        let tierRows = stats.customerTiers.map { entry in
            [entry.tier.description, entry.customers.formatted(), bar(entry.customers, of: largest, width: 30)]
        }
        out.out(table(tierRows, rightAligned: [1]))

        out.out("\nidentity links (\(stats.linkedCustomers.formatted()) customers linked)\n")
        var linkRows = [["provider", "members", "linked", "share"]]
        for provider in stats.linksByProvider {
            linkRows.append([
                provider.provider.isEmpty ? "(none)" : provider.provider, provider.members.formatted(),
                provider.linked.formatted(), percent(provider.linked, of: provider.members),
            ])
        }
        linkRows.append(["unlinked", stats.unlinkedMembers.formatted(), "", ""])
        out.out(table(linkRows, rightAligned: [1, 2, 3]))

        out.out("\nlast imports\n")
        if stats.recentBatches.isEmpty {
            out.out("  none yet: load files with 'dotwork import KIND FILE'\n")
        } else {
            var batchRows = [["batch", "kind", "mode", "added", "updated", "rejected", "finished", "by", "file"]]
            for batch in stats.recentBatches {
                batchRows.append([
                    String(batch.id), batch.kind, batch.mode, batch.added.formatted(), batch.updated.formatted(),
                    batch.rejected.formatted(), batch.finishedAt, batch.user, batch.file,
                ])
            }
            out.out(table(batchRows, rightAligned: [0, 3, 4, 5]))
        }
        return 0
    }

    static func asOfText(_ asOf: AsOf) -> String {
        guard let date = asOf.date else { return "none yet (no orders or events)" }
        if !asOf.isDefault {
            return "\(date.iso) (from --as-of)"
        }
        let ends = [asOf.latestOrder.map { "orders end \($0.iso)" }, asOf.latestEvent.map { "events end \($0.iso)" }]
        return "\(date.iso) (" + ends.compactMap { $0 }.joined(separator: ", ") + ")"
    }

    /// Rows laid out in columns two spaces apart, widths measured as the terminal draws them.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let columnCount = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columnCount)
        for row in rows {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], DisplayWidth.columns(of: cell))
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let drawn = DisplayWidth.drawable(cell)
                let padding = String(repeating: " ", count: widths[index] - DisplayWidth.columns(of: cell))
                if index == row.count - 1 && !rightAligned.contains(index) {
                    return drawn
                }
                return rightAligned.contains(index) ? padding + drawn : drawn + padding
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }.joined()
    }

    static func bar(_ value: Int, of largest: Int, width: Int) -> String {
        guard largest > 0, value > 0 else { return "" }
        let eighths = (value * width * 8 + largest / 2) / largest
        let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + blocks[eighths % 8]
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "" }
        return PlainNumber.ratio(Int64(part) * 100, Int64(whole), fractionDigits: 1).map { $0 + "%" } ?? ""
    }
}

extension Invocation {
    /// The `--as-of` date, already checked to be a calendar date.
    func asOfDate() -> CivilDate? {
        value("--as-of").flatMap { CivilDate(iso: $0) }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " {
            text.removeLast()
        }
        return text
    }
}

extension StatsCommand {
    /// Describes the write-ahead log file (`-wal`) beside the warehouse: its size, or that there is none.
    static func walText(path: String) -> String {
        let walPath = path + "-wal"
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: walPath),
            let size = attributes[.size] as? NSNumber
        else {
            return "none (no writer since the last close)"
        }
        let limit = Database.journalSizeLimitBytes / (1024 * 1024)
        return "\(formatBytes(size.int64Value)) in \(walPath); truncated to \(limit) MiB after each checkpoint"
    }

    static func formatBytes(_ bytes: Int64) -> String {
        if bytes < 1024 * 1024 {
            return "\(PlainNumber.grouped(String(bytes))) bytes"
        }
        return String(format: "%.1f MiB", Double(bytes) / 1024 / 1024)
    }

    /// Describes the writers at work on the warehouse now, from their activity files.
    static func writersText(path: String) -> String {
        let writers = ActivityBoard(warehouse: path).others()
        return writers.isEmpty ? "none running" : writers.map(\.summary).joined(separator: "; ")
    }
}
