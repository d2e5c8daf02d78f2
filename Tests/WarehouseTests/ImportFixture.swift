import Foundation
import Text

@testable import Warehouse

/// A fresh warehouse in a temporary folder, with helpers to import CSV text into it.
final class ImportFixture {
    let folder = TemporaryFolder()
    let warehouse: Warehouse

    init(currency: Currency = .default) throws {
        warehouse = try Warehouse.create(at: folder.file("warehouse.db"), currency: currency).warehouse
    }

    var database: Database { warehouse.database }

    /// Writes `text` to a file named `name` and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func writeBytes(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder.file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Imports CSV text as `kind`.
    @discardableResult
    func load(
        _ kind: ImportKind, _ text: String, options: ImportOptions = ImportOptions(), name: String? = nil
    ) throws -> Importer.Report {
        let path = try write(name ?? "\(kind.rawValue).csv", text)
        return try Importer(warehouse: warehouse, kind: kind, path: path, options: options).run()
    }

    func count(_ table: String) throws -> Int {
        Int(try database.scalarInteger("SELECT count(*) FROM \(table)") ?? 0)
    }

    /// Every row of every raw table and the generation, to compare before and after a failure.
    func snapshot() throws -> [String] {
        var lines = ["generation \(try warehouse.generation())"]
        for table in Warehouse.rawTableNames + ["batches", "member_links", "attribute_types"] {
            lines += try database.query("SELECT * FROM \(table) ORDER BY 1, 2") { row in
                table + ": " + (0..<row.columnCount).map { row.value($0).description }.joined(separator: "|")
            }
        }
        return lines
    }

    /// A small warehouse of customers and orders that other imports can refer to.
    func loadBasics() throws {
        try load(
            .customers,
            """
            customer_id,name,email,region,signup_date
            007,Ann,ann@example.com,North,2010-01-05
            8,Bob,bob@example.com,South,2010-02-01
            """)
        try load(
            .orders,
            """
            order_id,customer_id,ordered_at
            O1,007,2011-01-05T10:00:00Z
            O2,8,2011-01-06T10:00:00Z
            """)
    }
}
