import Foundation
import Text

/// Loads a flat sales export — one row per order line, with the order's, customer's and
/// product's fields repeated on each row — into customers, products, orders and order lines,
/// in one transaction.
///
/// Reading converts and checks every row without the write lock, like the table importer.
/// Then the rows are gathered: a customer the warehouse does not know gets the date of its
/// first order as its signup date (its first purchase) and the country of most of its
/// orders; a product gets its most frequent description and positive unit price, counted by
/// orders, ties going to the latest order's. Existing customers and products keep what they
/// have, except that a placeholder product gets the name, category and price it lacked.
public final class SalesImporter {
    public struct Report: Sendable {
        public var file: String
        public var batchID: Int64 = 0
        public var lines = 0
        public var orders = 0
        public var voidOrders = 0
        public var guestLines = 0
        public var newCustomers = 0
        public var newProducts = 0
        public var namedPlaceholders = 0
        /// Cancellation lines written with a positive quantity, stored negative.
        public var flippedSigns = 0
        /// Lines equal in every field to an earlier line, imported as written.
        public var duplicateLines = 0
        public var rounded = 0
        public var rejected = 0
        public var refundLines = 0
        public var ratingEvents = 0
        public var ignoredColumns: [String] = []
        public var warnings: [String] = []
    }

    /// Why a preset cannot be used on this warehouse.
    public enum PresetFailure: Error, Equatable, Sendable {
        case currencyMismatch(preset: String, presetCurrency: String, warehouseCurrency: String)
    }

    let warehouse: Warehouse
    let path: String
    let options: ImportOptions
    let preset: SalesPreset?
    public var progress: ((Importer.Progress) -> Void)?
    public var interruption: () -> String? = { nil }

    public init(warehouse: Warehouse, path: String, options: ImportOptions, preset: SalesPreset?) {
        self.warehouse = warehouse
        self.path = path
        self.options = options
        self.preset = preset
    }

    var database: Database { warehouse.database }

    public func run() throws -> Report {
        if let preset, let currency = preset.currency {
            let warehouseCurrency = try warehouse.currency().code
            guard warehouseCurrency == currency else {
                throw PresetFailure.currencyMismatch(preset: preset.name, presetCurrency: currency, warehouseCurrency: warehouseCurrency)
            }
        }
        let startedAt = Timestamp.now()
        var reader = SalesReader(importer: self)
        let read = try reader.read()
        if let signal = interruption() {
            throw ImportFailure.interrupted(signal: signal)
        }
        return try apply(read, startedAt: startedAt)
    }

    var timestampParser: TimestampParser {
        let zone = options.zone ?? preset?.zone.flatMap(TimeZone.init(identifier:))
        return TimestampParser(zone: zone, format: options.dateFormat)
    }
}

extension SalesImporter.PresetFailure: CustomStringConvertible {
    public var description: String { message }

    public var message: String {
        switch self {
        case .currencyMismatch(let preset, let presetCurrency, let warehouseCurrency):
            return "the \(preset) preset reads amounts in \(presetCurrency), but this warehouse keeps \(warehouseCurrency)"
        }
    }

    public var help: String {
        switch self {
        case .currencyMismatch(_, let presetCurrency, _):
            return "create a warehouse for it with 'dotwork init --currency \(presetCurrency) --db PATH' and import there"
        }
    }
}
