import Foundation
import Testing
import Text
import Warehouse

@testable import Analysis

@Suite("Fast engine")
struct FastEngineTests {
    /// Every pivot the grain allows, by dimension pair and measure.
    static func allowedPlans() -> [PivotPlan] {
        let measures: [Measure] = [
            .customers, .members, .events, .eventsOfKind("review"), .orders, .units, .revenue, .merchRevenue, .aov,
            .revenuePerCustomer, .revenuePerBuyer, .buyerShare,
        ]
        var plans: [PivotPlan] = []
        for rows in PivotDimension.allCases {
            for columns in PivotDimension.allCases {
                for measure in measures {
                    if let plan = try? PivotPlan(rows: rows, columns: columns, measure: measure) {
                        plans.append(plan)
                    }
                }
            }
        }
        return plans
    }

    @Test("the golden pivots, cohorts and retention from the snapshot")
    func golden() throws {
        let golden = try GoldenWarehouse()
        try AnalysisEngine.refresh(golden.warehouse)
        let engine = try AnalysisEngine(warehouse: golden.warehouse)
        #expect(engine.isFast)
        for pivot in try ReferencePivotTests.goldenPivots() {
            let plan = try PivotPlan(
                rows: PivotDimension(rawValue: pivot.rows)!, columns: PivotDimension(rawValue: pivot.columns)!,
                measure: Measure(name: pivot.measure)!)
            let result = try engine.pivot(plan, asOf: GoldenWarehouse.asOf)
            #expect(try csvText(result.csvRecords()) == GoldenWarehouse.expected(pivot.file), "\(pivot.file)")
        }
        for dimension in CohortTable.dimensions {
            let table = try engine.cohorts(by: dimension, asOf: GoldenWarehouse.asOf)
            #expect(try csvText(table.csvRecords()) == GoldenWarehouse.expected("cohorts-by-\(dimension.rawValue).csv"))
        }
        let retention = try engine.retention(asOf: GoldenWarehouse.asOf)
        #expect(try csvText(retention.csvRecords()) == GoldenWarehouse.expected("retention-by-signup-month.csv"))
    }

    @Test("every allowed pivot agrees with SQL on generated data", arguments: [UInt64(1), 2])
    func agreement(seed: UInt64) throws {
        let random = try RandomWarehouse(seed: seed)
        let engine = try AnalysisEngine(warehouse: random.warehouse)
        #expect(engine.isFast)
        let reference = ReferencePivot(database: random.warehouse.database)
        let asOf = CivilDate(iso: "2011-09-30")!
        let plans = FastEngineTests.allowedPlans()
        #expect(plans.count > 250)
        for plan in plans {
            let fast = try engine.pivot(plan, asOf: asOf)
            let slow = try reference.run(plan, asOf: asOf)
            #expect(fast == slow, "\(plan.rows.rawValue) × \(plan.columns.rawValue) \(plan.measure.name)")
        }
    }

    @Test("cohorts, retention and drill-down agree with SQL on generated data")
    func cohortsAgreement() throws {
        let random = try RandomWarehouse(seed: 7)
        let engine = try AnalysisEngine(warehouse: random.warehouse)
        let database = random.warehouse.database
        for asOf in ["2011-06-15", "2010-03-31"].map({ CivilDate(iso: $0)! }) {
            for dimension in CohortTable.dimensions {
                #expect(try engine.cohorts(by: dimension, asOf: asOf) == ReferenceCohorts(database: database).run(by: dimension, asOf: asOf))
            }
            #expect(try engine.retention(asOf: asOf) == ReferenceRetention(database: database).run(asOf: asOf))
            for plan in FastEngineTests.allowedPlans().filter({ $0.measure == .customers }) {
                let pivot = try engine.pivot(plan, asOf: asOf)
                guard let row = pivot.rowKeys.first, let column = pivot.columnKeys.last else { continue }
                let fast = try engine.drillDown(plan, row: .key(row), column: .key(column), asOf: asOf)
                let slow = try ReferenceDrillDown(database: database).cell(plan, row: .key(row), column: .key(column), asOf: asOf)
                #expect(fast == slow, "\(plan.rows.rawValue) × \(plan.columns.rawValue)")
            }
        }
    }

    @Test("a snapshot of another generation is not used")
    func staleSnapshot() throws {
        let golden = try GoldenWarehouse()
        try AnalysisEngine.refresh(golden.warehouse)
        try golden.database.execute("UPDATE settings SET value = '99' WHERE key = 'generation'")
        #expect(try !AnalysisEngine(warehouse: golden.warehouse).isFast)
    }
}
