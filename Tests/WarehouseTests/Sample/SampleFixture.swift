import Foundation

@testable import Warehouse

/// Sample warehouses shared by the sample tests: built once per test process, because
/// generating and writing them is the slow part of every check.
enum SampleFixture {
    /// The committed sample files, `--customers 2000 --seed 1`.
    static let sampleDataFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData").path
    static let sampleDataCustomers = 2_000
    static let sampleDataSeed: UInt64 = 1

    /// A folder for the shared warehouses, removed when the test process exits.
    static let folder: String = {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-sample-tests-\(getpid())")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit {
            try? FileManager.default.removeItem(atPath: SampleFixture.folder)
        }
        return path
    }()

    /// The warehouse of `dotwork sample --customers 2000 --seed 1`.
    static let warehousePath: String = {
        let path = (folder as NSString).appendingPathComponent("sample.db")
        let builder = SampleBuilder(customers: sampleDataCustomers, seed: sampleDataSeed)
        _ = try! builder.build(at: path, currency: nil, replacing: false)
        return path
    }()

    /// Opens the shared sample warehouse; each caller gets its own connection.
    static func warehouse() throws -> Warehouse {
        try Warehouse.open(at: warehousePath, readOnly: true)
    }

    /// Every row of `table`, each as its values joined by `|`, sorted.
    static func rows(_ database: Database, _ table: String) throws -> [String] {
        try database.query("SELECT * FROM \(table)") { row in
            (0..<row.columnCount).map { row.value($0).description }.joined(separator: "|")
        }.sorted()
    }
}
