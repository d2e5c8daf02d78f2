import Foundation
import Testing

@testable import Warehouse

@Suite("Warehouse")
struct WarehouseTests {
    let folder = TemporaryFolder()

    @Test("create makes the folder, schema and currency")
    func create() throws {
        let path = folder.file("nested/deeper/warehouse.db")
        let creation = try Warehouse.create(at: path, currency: Currency(code: "gbp")!)
        #expect(creation.isNew)
        #expect(creation.migrationsApplied == Warehouse.migrator.latestVersion)
        #expect(try creation.warehouse.currency().code == "GBP")
        #expect(try creation.warehouse.generation() == 0)
        let tables = try creation.warehouse.database.query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") { $0.text(0) }
        for table in Warehouse.rawTableNames {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test("create again with the same currency changes nothing")
    func createTwice() throws {
        let path = folder.file("w.db")
        _ = try Warehouse.create(at: path, currency: .default)
        let again = try Warehouse.create(at: path, currency: .default)
        #expect(!again.isNew)
        #expect(again.migrationsApplied == 0)
    }

    @Test("create with another currency is rejected")
    func currencyMismatch() throws {
        let path = folder.file("w.db")
        _ = try Warehouse.create(at: path, currency: .default)
        #expect(throws: WarehouseError.currencyMismatch(path: path, existing: "USD", requested: "EUR")) {
            _ = try Warehouse.create(at: path, currency: Currency(code: "EUR")!)
        }
    }

    @Test("ids stay text")
    func idsStayText() throws {
        let warehouse = try Warehouse.create(at: folder.file("w.db"), currency: .default).warehouse
        try warehouse.database.execute("INSERT INTO customers (customer_id) VALUES (?)", ["007"])
        try warehouse.database.execute("INSERT INTO customers (customer_id) VALUES (?)", ["12345678901234567890123"])
        let ids = try warehouse.database.query("SELECT customer_id FROM customers ORDER BY customer_id") { $0.text(0) }
        #expect(ids == ["007", "12345678901234567890123"])
    }

    @Test("open of a missing file names it")
    func openMissing() {
        let path = folder.file("absent.db")
        #expect(throws: WarehouseError.notFound(path: path)) {
            _ = try Warehouse.open(at: path)
        }
    }

    @Test("open rejects a schema newer than the binary")
    func openNewer() throws {
        let path = folder.file("w.db")
        let warehouse = try Warehouse.create(at: path, currency: .default).warehouse
        let newer = Warehouse.migrator.latestVersion + 1
        try warehouse.database.setUserVersion(newer)
        #expect(
            throws: WarehouseError.schemaTooNew(
                path: path, fileVersion: newer, supportedVersion: Warehouse.migrator.latestVersion)
        ) {
            _ = try Warehouse.open(at: path)
        }
        #expect(throws: WarehouseError.self) {
            _ = try Warehouse.create(at: path, currency: .default)
        }
    }

    @Test("open rejects an SQLite file that is not a warehouse")
    func openForeign() throws {
        let path = folder.file("other.db")
        let other = try Database(path: path, mode: .create)
        try other.execute("CREATE TABLE notes (text TEXT)")
        try other.setUserVersion(Warehouse.migrator.latestVersion)
        #expect(throws: WarehouseError.notAWarehouse(path: path)) {
            _ = try Warehouse.open(at: path, readOnly: true)
        }
    }

    @Test("the messages name the value and a next step")
    func messages() {
        let error = WarehouseError.schemaTooNew(path: "/data/w.db", fileVersion: 9, supportedVersion: 1)
        #expect(error.message == "the warehouse at /data/w.db has schema version 9, newer than the 1 this dotwork knows")
        #expect(error.help.contains("newer one"))
    }
}

@Suite("Currency")
struct CurrencyTests {
    @Test("accepts two-digit codes in any case", arguments: ["USD", "eur", "Gbp", "CHF"])
    func accepts(code: String) {
        #expect(Currency(code: code)?.code == code.uppercased())
    }

    @Test("rejects other scales and unknown codes", arguments: ["JPY", "KWD", "XYZ", "", "US"])
    func rejects(code: String) {
        #expect(Currency(code: code) == nil)
    }

    @Test("explains why a code is rejected")
    func reasons() {
        #expect(Currency.rejectionReason(for: "jpy").contains("JPY has 0 minor digits"))
        #expect(Currency.rejectionReason(for: "BHD").contains("3 minor digits"))
        #expect(Currency.rejectionReason(for: "XYZ") == "'XYZ' is not an ISO 4217 currency code")
    }
}
