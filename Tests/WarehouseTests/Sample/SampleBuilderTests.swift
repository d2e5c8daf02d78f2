import Foundation
import Testing

@testable import Warehouse

@Suite("Sample builder")
struct SampleBuilderTests {
    let folder = TemporaryFolder()

    var path: String { folder.file("warehouse.db") }

    @discardableResult
    func build(customers: Int = 50, seed: UInt64 = 3, currency: Currency? = nil, replacing: Bool = false) throws -> SampleBuilder.Report {
        try SampleBuilder(customers: customers, seed: seed).build(at: path, currency: currency, replacing: replacing)
    }

    func schema(_ database: Database) throws -> [String] {
        try database.query("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name") { $0.text(0) }
    }

    @Test("new warehouse has the init schema")
    func schemaMatchesInit() throws {
        try build()
        let sample = try Warehouse.open(at: path)
        let fresh = try Warehouse.create(at: folder.file("fresh.db"), currency: .default).warehouse
        #expect(try schema(sample.database) == schema(fresh.database))
        #expect(try sample.database.scalarText("PRAGMA journal_mode") == "wal")
        #expect(try sample.database.scalarText("PRAGMA integrity_check") == "ok")
    }

    @Test("records a batch and bumps the generation")
    func batch() throws {
        let report = try build()
        let warehouse = try Warehouse.open(at: path)
        #expect(try warehouse.generation() == 1)
        let batch = try warehouse.database.query("SELECT kind, file, mode, rows_added FROM batches") {
            [$0.text(0), $0.text(1), $0.text(2), String($0.int(3))]
        }
        #expect(batch == [["sample", "dotwork sample --customers 50 --seed 3", "replace", String(report.rows.reduce(0) { $0 + $1.rows })]])
        #expect(try warehouse.setting("sample") == "--customers 50 --seed 3 --generator \(SampleGenerator.version)")
        #expect(report.rows.first?.rows == 50)
        #expect(report.memberLinks == Int(try warehouse.database.scalarInteger("SELECT count(*) FROM member_links") ?? -1))
    }

    @Test("rejects a warehouse with data")
    func rejectsData() throws {
        try build()
        #expect(throws: SampleError.warehouseHasData(path: path, tables: Warehouse.rawTableNames)) {
            try build(seed: 4)
        }
        let report = try build(seed: 4, replacing: true)
        #expect(report.replacedExisting)
        let warehouse = try Warehouse.open(at: path)
        #expect(try warehouse.setting("sample") == "--customers 50 --seed 4 --generator \(SampleGenerator.version)")
        #expect(try warehouse.database.scalarText("PRAGMA integrity_check") == "ok")
    }

    @Test("fills an empty warehouse in its currency")
    func emptyWarehouse() throws {
        _ = try Warehouse.create(at: path, currency: Currency(code: "GBP")!)
        #expect(throws: WarehouseError.currencyMismatch(path: path, existing: "GBP", requested: "EUR")) {
            try build(currency: Currency(code: "EUR")!)
        }
        let report = try build()
        #expect(report.currency.code == "GBP")
        #expect(try Warehouse.open(at: path).currency().code == "GBP")
    }

    @Test("rejects a warehouse in use")
    func inUse() throws {
        try build()
        let reader = try Warehouse.open(at: path)
        #expect(try reader.rowCounts().first?.rows == 50)
        #expect(throws: SampleError.warehouseInUse(path: path)) {
            try build(customers: 60, replacing: true)
        }
        #expect(try reader.rowCounts().first?.rows == 50)
        #expect(!FileManager.default.fileExists(atPath: SampleBuilder.temporaryPath(for: path)))
    }

    @Test("interruption leaves the target alone")
    func interruption() throws {
        let builder = SampleBuilder(customers: 50, seed: 3)
        builder.interruption = { "SIGTERM" }
        #expect(throws: SampleError.interrupted(signal: "SIGTERM")) {
            _ = try builder.build(at: path, currency: nil, replacing: false)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: SampleBuilder.temporaryPath(for: path)))
    }

    @Test("calls the refresh after commit")
    func afterCommit() throws {
        var generation = -1
        _ = try SampleBuilder(customers: 20, seed: 1).build(at: path, currency: nil, replacing: false) { warehouse in
            generation = try warehouse.generation()
        }
        #expect(generation == 1)
    }

    @Test("one customer still aligns the feeds")
    func tinySample() throws {
        try build(customers: 1)
        let warehouse = try Warehouse.open(at: path)
        #expect(try AsOf.resolve(warehouse.database).warning == nil)
    }
}
