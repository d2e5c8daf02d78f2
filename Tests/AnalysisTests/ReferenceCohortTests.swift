import Foundation
import Testing
import Warehouse

@testable import Analysis

@Suite("Reference cohorts")
struct ReferenceCohortTests {
    @Test("every golden cohort file matches", arguments: CohortTable.dimensions)
    func golden(_ dimension: PivotDimension) throws {
        let golden = try GoldenWarehouse()
        let table = try ReferenceCohorts(database: golden.database).run(by: dimension, asOf: GoldenWarehouse.asOf)
        #expect(try csvText(table.csvRecords()) == GoldenWarehouse.expected("cohorts-by-\(dimension.rawValue).csv"))
    }

    @Test("tier columns add up to customers, and the total to the rows")
    func invariants() throws {
        let golden = try GoldenWarehouse()
        for dimension in CohortTable.dimensions {
            let table = try ReferenceCohorts(database: golden.database).run(by: dimension, asOf: GoldenWarehouse.asOf)
            for row in table.rows + [table.total] {
                #expect(row.tiers.reduce(0, +) == row.customers)
            }
            #expect(table.rows.map(\.revenue).reduce(0, +) == table.total.revenue)
            #expect(table.rows.map(\.orders).reduce(0, +) == table.total.orders)
        }
    }

    @Test("the retention triangle matches the golden file")
    func retention() throws {
        let golden = try GoldenWarehouse()
        let table = try ReferenceRetention(database: golden.database).run(asOf: GoldenWarehouse.asOf)
        #expect(try csvText(table.csvRecords()) == GoldenWarehouse.expected("retention-by-signup-month.csv"))
        #expect(table.customersWithoutSignup == 1)
        #expect(table.isLastMonthPartial)
    }
}
