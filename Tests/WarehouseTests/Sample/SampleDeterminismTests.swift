import Foundation
import Testing

@testable import Warehouse

@Suite("Sample determinism")
struct SampleDeterminismTests {
    /// The CSV files of a sample, by file name.
    func csvFiles(customers: Int, seed: UInt64) throws -> [String: Data] {
        let folder = TemporaryFolder()
        _ = try SampleBuilder(customers: customers, seed: seed).writeCSV(folder: folder.path)
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder.file(name)))
        }
        return files
    }

    @Test("same seed gives the same bytes")
    func sameSeed() throws {
        let first = try csvFiles(customers: 300, seed: 9)
        let second = try csvFiles(customers: 300, seed: 9)
        #expect(first.keys.sorted() == SampleTable.allCases.map { $0.name + ".csv" }.sorted())
        for (name, bytes) in first {
            #expect(second[name] == bytes, "\(name) differs between two runs")
        }
    }

    @Test("another seed gives other rows")
    func otherSeed() throws {
        let first = try csvFiles(customers: 300, seed: 9)
        let second = try csvFiles(customers: 300, seed: 10)
        for name in ["customers.csv", "orders.csv", "order_lines.csv", "members.csv", "events.csv"] {
            #expect(first[name] != second[name], "\(name) is the same for seeds 9 and 10")
        }
        #expect(first["products.csv"] == second["products.csv"])
    }

    @Test("sort order is stable and total")
    func stableOrder() {
        let order = SampleGenerator.stableOrder([5, 1, 5, 0, 1])
        #expect(order == [3, 1, 4, 0, 2])
    }
}
