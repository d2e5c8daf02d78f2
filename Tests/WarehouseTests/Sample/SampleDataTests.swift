import Foundation
import Testing

@testable import Warehouse

@Suite("Sample data files")
struct SampleDataTests {
    @Test("SampleData matches the generator byte for byte")
    func committedFiles() throws {
        let folder = TemporaryFolder()
        _ = try SampleBuilder(customers: SampleFixture.sampleDataCustomers, seed: SampleFixture.sampleDataSeed)
            .writeCSV(folder: folder.path)
        for table in SampleTable.allCases {
            let name = table.name + ".csv"
            let committed = try Data(contentsOf: URL(fileURLWithPath: SampleFixture.sampleDataFolder + "/" + name))
            let generated = try Data(contentsOf: URL(fileURLWithPath: folder.file(name)))
            #expect(committed == generated, "SampleData/\(name) differs; regenerate it with 'make sample-data'")
        }
    }

    @Test("importing SampleData gives the sample warehouse")
    func importEqualsSample() throws {
        let folder = TemporaryFolder()
        let imported = try Warehouse.create(at: folder.file("imported.db"), currency: .default).warehouse
        let reports = try FolderImport.run(folder: SampleFixture.sampleDataFolder, into: imported)
        #expect(reports.count == SampleTable.allCases.count)
        #expect(reports.allSatisfy { $0.placeholderProducts == 0 && $0.createdMembers == 0 && $0.rounded == 0 })

        let sample = try SampleFixture.warehouse()
        for table in Warehouse.rawTableNames + ["member_links", "attribute_types"] {
            let expected = try SampleFixture.rows(sample.database, table)
            let actual = try SampleFixture.rows(imported.database, table)
            #expect(actual.count == expected.count, "\(table) row count")
            #expect(actual == expected, "\(table) differs between the import and the sample")
        }
    }
}
