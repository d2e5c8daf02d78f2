import Analysis
import Warehouse

/// The warehouse a workbench shows and the date its figures are for, settled once at start-up
/// so every worker computes for the same as-of date.
struct WarehouseSetting: Sendable {
    let path: String
    let asOf: CivilDate
    /// Whether `--as-of` chose the date rather than the ends of the feeds.
    let isAsOfChosen: Bool
    /// The warning when the order and event feeds end far apart, for the default date only.
    let asOfWarning: String?
    let currency: Currency
    /// Whether figures come from the derived snapshot; without it they come from SQL, slowly.
    let isFast: Bool
    /// The generation the figures are of; a later one means new data landed.
    var generation = 0

    /// The date used when the warehouse has no orders, events or signup dates, so every
    /// customer is in scope; the command-line tools use the same one.
    static let openEndedAsOf = CivilDate(year: 9999, month: 12, day: 31)!

    /// Opens the warehouse read-only and settles the as-of date; throws when the file is
    /// missing or not a warehouse, before anything is drawn.
    static func open(path: String, asOf override: CivilDate?) throws -> WarehouseSetting {
        let warehouse = try Warehouse.open(at: path, readOnly: true)
        // The generation and the as-of date are read in one transaction, so they match.
        return try warehouse.database.readTransaction {
            let resolved = try AsOf.resolve(warehouse.database, override: override)
            let engine = try AnalysisEngine(warehouse: warehouse)
            return WarehouseSetting(
                path: path, asOf: resolved.date ?? openEndedAsOf, isAsOfChosen: !resolved.isDefault,
                asOfWarning: resolved.isDefault ? resolved.warning : nil, currency: try warehouse.currency(),
                isFast: engine.isFast, generation: try warehouse.generation())
        }
    }

    /// The file name of the warehouse, as the status bar shows it.
    var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
