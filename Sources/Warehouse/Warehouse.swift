import Foundation

/// The analyst's warehouse: one SQLite file in WAL mode holding the raw tables, the import
/// batches and the settings (currency, generation).
///
/// Opening a warehouse read-write brings its schema up to date; opening it read-only only
/// checks that the schema matches this binary. Each thread opens its own `Warehouse`.
public final class Warehouse {
    public let database: Database
    public var path: String { database.path }

    public static let migrator = Migrator(migrations: WarehouseSchema.migrations)

    private init(database: Database) {
        self.database = database
    }

    /// The outcome of `create`: the warehouse and whether the file was new.
    public struct Creation {
        public let warehouse: Warehouse
        public let isNew: Bool
        public let migrationsApplied: Int
    }

    /// Creates the warehouse at `path` with its folder, or upgrades an existing one.
    ///
    /// An existing warehouse keeps its currency: asking for another is an error.
    public static func create(
        at path: String, currency: Currency, configuration: Database.Configuration = .init()
    ) throws -> Creation {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw WarehouseError.folderNotCreatable(path: folder, reason: error.localizedDescription)
            }
        }

        let isNew = !FileManager.default.fileExists(atPath: path)
        let database = try translatingSchemaErrors {
            let database = try Database(path: path, mode: .create, configuration: configuration)
            let applied = try migrator.migrate(database)
            return (database, applied)
        }
        let warehouse = Warehouse(database: database.0)

        try database.0.writeTransaction {
            if let existing = try warehouse.storedCurrencyCode() {
                guard existing == currency.code else {
                    throw WarehouseError.currencyMismatch(path: path, existing: existing, requested: currency.code)
                }
            } else {
                try warehouse.setSetting("currency", currency.code)
                try warehouse.setSetting("created_at", Timestamp.now())
                try warehouse.setSetting("generation", "0")
            }
        }
        return Creation(warehouse: warehouse, isNew: isNew, migrationsApplied: database.1)
    }

    /// Opens an existing warehouse, upgrading its schema when opened for writing.
    public static func open(
        at path: String, readOnly: Bool = false, configuration: Database.Configuration = .init()
    ) throws -> Warehouse {
        guard FileManager.default.fileExists(atPath: path) else {
            throw WarehouseError.notFound(path: path)
        }
        let database = try translatingSchemaErrors {
            let database = try Database(path: path, mode: readOnly ? .readOnly : .readWrite, configuration: configuration)
            let version = try database.userVersion()
            try migrator.checkNotNewer(version, path: path)
            if version < migrator.latestVersion {
                if readOnly {
                    throw WarehouseError.schemaTooOld(
                        path: path, fileVersion: version, supportedVersion: migrator.latestVersion)
                }
                try migrator.migrate(database)
            }
            return database
        }
        let warehouse = Warehouse(database: database)
        guard try warehouse.storedCurrencyCode() != nil else {
            throw WarehouseError.notAWarehouse(path: path)
        }
        return warehouse
    }

    private static func translatingSchemaErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch Migrator.Failure.schemaNewerThanBinary(let path, let fileVersion, let supportedVersion) {
            throw WarehouseError.schemaTooNew(path: path, fileVersion: fileVersion, supportedVersion: supportedVersion)
        }
    }

    // MARK: Settings

    /// The warehouse currency.
    public func currency() throws -> Currency {
        guard let code = try storedCurrencyCode(), let currency = Currency(code: code) else {
            throw WarehouseError.notAWarehouse(path: path)
        }
        return currency
    }

    /// The number of the last committed import; derived data built for another number is stale.
    public func generation() throws -> Int {
        Int(try setting("generation") ?? "0") ?? 0
    }

    public func setting(_ key: String) throws -> String? {
        try database.scalarText("SELECT value FROM settings WHERE key = ?", [key])
    }

    public func setSetting(_ key: String, _ value: String) throws {
        try database.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value])
    }

    private func storedCurrencyCode() throws -> String? {
        let hasSettings = try database.scalarInteger(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'settings'") ?? 0
        guard hasSettings > 0 else { return nil }
        return try setting("currency")
    }

    // MARK: Contents

    /// The raw tables in the order the design lists them.
    public static let rawTableNames = [
        "customers", "customer_identities", "products", "orders", "order_lines", "members", "events",
    ]

    /// Row counts of the raw tables, in `rawTableNames` order.
    public func rowCounts() throws -> [(table: String, rows: Int)] {
        try Warehouse.rawTableNames.map { table in
            // Table names come from the fixed list above, never from user input.
            (table, Int(try database.scalarInteger("SELECT count(*) FROM \(table)") ?? 0))
        }
    }
}

/// Timestamps in the warehouse's one stored form, `YYYY-MM-DDTHH:MM:SSZ`.
public enum Timestamp {
    /// The current time in the stored form, honouring `DOTWORK_NOW` so tests control the clock.
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let fixed = environment["DOTWORK_NOW"], !fixed.isEmpty {
            return fixed
        }
        return format(Date())
    }

    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!,
            parts.minute!, parts.second!)
    }
}
