import Analysis
import Testing

@testable import Workbench

@Suite("PivotChoices")
struct PivotChoicesTests {
    let eventsByMonth = try! PivotPlan(rows: .tier, columns: .eventMonth, measure: .events)
    let revenueByOrderMonth = try! PivotPlan(rows: .tier, columns: .orderMonth, measure: .revenue)

    @Test("rows of an event pivot leave out order dimensions")
    func eventRows() {
        let rows = PivotChoices.rows(for: eventsByMonth)
        #expect(rows.contains(.tier))
        #expect(rows.contains(.category))
        #expect(!rows.contains(.orderMonth))
        #expect(!rows.contains(.orderChannel))
        #expect(!rows.contains(.eventMonth))
    }

    @Test("measures of an order pivot leave out community measures")
    func orderMeasures() {
        let measures = PivotChoices.measures(for: revenueByOrderMonth).map(\.name)
        #expect(measures.contains("revenue"))
        #expect(measures.contains("customers"))
        #expect(!measures.contains("events"))
        #expect(!measures.contains("events:review"))
        #expect(!measures.contains("members"))
    }

    @Test("event kinds are offered as measures")
    func eventKinds() {
        let measures = PivotChoices.measures(for: eventsByMonth).map(\.name)
        #expect(measures.contains("events:review"))
        #expect(measures.contains("events:post"))
        #expect(!measures.contains("revenue"))
    }

    @Test("every offered choice makes a valid plan")
    func allValid() throws {
        for plan in [eventsByMonth, revenueByOrderMonth] {
            for rows in PivotChoices.rows(for: plan) {
                #expect(throws: Never.self) { try PivotPlan(rows: rows, columns: plan.columns, measure: plan.measure) }
            }
            for columns in PivotChoices.columns(for: plan) {
                #expect(throws: Never.self) { try PivotPlan(rows: plan.rows, columns: columns, measure: plan.measure) }
            }
            for measure in PivotChoices.measures(for: plan) {
                #expect(throws: Never.self) { try PivotPlan(rows: plan.rows, columns: plan.columns, measure: measure) }
            }
        }
    }

    @Test("current choices are always offered")
    func current() {
        #expect(PivotChoices.rows(for: revenueByOrderMonth).contains(.tier))
        #expect(PivotChoices.columns(for: revenueByOrderMonth).contains(.orderMonth))
        #expect(PivotChoices.measures(for: revenueByOrderMonth).contains(.revenue))
    }
}
