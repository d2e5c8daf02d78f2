import Text
import Warehouse

/// `dotwork stats`: what the warehouse holds.
enum StatsCommand {
    static let spec = CommandSpec(
        words: ["stats"],
        summary: "show the warehouse: location, currency, schema and row counts",
        arguments: [],
        options: [],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let location = try invocation.warehouseLocation()
        let warehouse = try Warehouse.open(at: location.path, readOnly: true)
        let database = warehouse.database
        let batches = try database.scalarInteger("SELECT count(*) FROM batches") ?? 0

        var lines: [(String, String)] = [
            ("warehouse", "\(location.path) (from \(location.originDescription))"),
            ("currency", try warehouse.currency().code),
            ("schema version", String(try database.userVersion())),
            ("generation", String(try warehouse.generation())),
            ("import batches", String(batches)),
        ]
        for (table, rows) in try warehouse.rowCounts() {
            lines.append((table, String(rows)))
        }
        let width = lines.map { $0.0.count }.max() ?? 0
        for (label, value) in lines {
            Console.shared.out(label.padding(toLength: width + 2, withPad: " ", startingAt: 0) + value + "\n")
        }
        return 0
    }
}
