import Analysis
import Expressions
import Rules
import Testing
import Warehouse

@testable import Workbench

/// A rule made from a cohort or pivot cell selects exactly the cell's customers, less those
/// who opted out, checked on every cell of the golden warehouse for pivots that together use
/// each dimension the rule language can express.
@Suite("Rule from a cell")
struct CellRuleTests {
    struct Setup {
        let engine: AnalysisEngine
        let catalog: WarehouseCatalog
        let asOf: CivilDate
        let optedOut: Set<String>
    }

    static func setup() throws -> Setup {
        let warehouse = try Warehouse.open(at: GoldenFixture.warehousePath, readOnly: true)
        let optedOut = try warehouse.database.query("SELECT customer_id FROM customers WHERE opt_out = 1") { $0.text(0) }
        return Setup(
            engine: try AnalysisEngine(warehouse: warehouse), catalog: try WarehouseCatalog(warehouse: warehouse),
            asOf: try GoldenFixture.setting().asOf, optedOut: Set(optedOut))
    }

    /// Compares the preview of the cell's rule with the cell's customers; returns false when
    /// the cell cannot be expressed. `returnsOnly` are the cell's customers whose lines of
    /// its product are all returns, which `bought` leaves out.
    func compare(
        _ outcome: CellRule.Outcome, customers: [CustomerRecord], cell: String, setup: Setup,
        returnsOnly: Set<String> = [], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Bool {
        guard case .condition(let condition) = outcome else { return false }
        let text = RulesScreen.template(name: "cell-rule", condition: condition)
        let checked = RuleChecker(catalog: setup.catalog).check(text)
        let rule = try #require(checked.rule, "\(cell): \(condition) has errors: \(checked.errors.map(\.message))")
        let preview = try RulePreview(rule: rule, engine: setup.engine, asOf: setup.asOf)
        let ids = Set(customers.map(\.id)).subtracting(returnsOnly)
        #expect(
            Set(preview.hits.map(\.customerID)) == ids.subtracting(setup.optedOut), "\(cell): \(condition)",
            sourceLocation: sourceLocation)
        #expect(
            preview.optOutsRemoved == ids.intersection(setup.optedOut).count, "\(cell): \(condition)",
            sourceLocation: sourceLocation)
        return true
    }

    static let plans: [(PivotDimension, PivotDimension, Measure)] = [
        (.tier, .region, .customers),
        (.signupMonth, .channel, .customers),
        (.country, .tier, .customers),
        (.tier, .eventMonth, .customers),
        (.region, .eventKind, .customers),
        (.eventKind, .eventMonth, .customers),
        (.tier, .orderMonth, .customers),
        (.region, .sku, .customers),
        (.category, .tier, .customers),
        (.orderMonth, .category, .customers),
        (.tier, .orderMonth, .orders),
        (.sku, .region, .orders),
        (.category, .orderMonth, .orders),
        (.tier, .region, .events),
        (.tier, .eventKind, .events),
        (.region, .signupMonth, .members),
        (.tier, .eventMonth, .eventsOfKind("review")),
    ]

    @Test("every expressible pivot cell selects its customers")
    func pivotCells() throws {
        let setup = try CellRuleTests.setup()
        var expressed: [PivotDimension: Int] = [:]
        for (rows, columns, measure) in CellRuleTests.plans {
            let plan = try PivotPlan(rows: rows, columns: columns, measure: measure)
            let result = try setup.engine.pivot(plan, asOf: setup.asOf)
            let rowSelections = result.rowKeys.map(KeySelection.key) + [.all]
            let columnSelections = result.columnKeys.map(KeySelection.key) + [.all]
            for row in rowSelections {
                for column in columnSelections {
                    let customers = try setup.engine.drillDown(plan, row: row, column: column, asOf: setup.asOf).customers
                    let cell = "\(rows.rawValue) × \(columns.rawValue) \(measure.name) cell \(row) × \(column)"
                    let outcome = CellRule.cell(plan, row: row, column: column, filter: nil)
                    let returnsOnly = try CellRuleTests.returnsOnly(
                        customers, selections: [(rows, row), (columns, column)], setup: setup)
                    if try compare(outcome, customers: customers, cell: cell, setup: setup, returnsOnly: returnsOnly) {
                        for (dimension, selection) in [(rows, row), (columns, column)] where selection != .all {
                            expressed[dimension, default: 0] += 1
                        }
                    } else {
                        // Only keys that are no value (missing, guest, unlinked) may be inexpressible here.
                        let keys = [row, column].compactMap { selection -> PivotKey? in
                            if case .key(let key) = selection { return key }
                            return nil
                        }
                        #expect(keys.contains { if case .value = $0 { false } else { true } }, "\(cell): \(outcome)")
                    }
                }
            }
        }
        let dimensions: [PivotDimension] = [
            .tier, .signupMonth, .region, .country, .channel, .eventKind, .eventMonth, .orderMonth, .sku, .category,
        ]
        for dimension in dimensions {
            #expect((expressed[dimension] ?? 0) > 0, "no cell of \(dimension.rawValue) was expressed")
        }
    }

    /// Returns the customers with no line of positive quantity of the cell's SKU or category
    /// (in its order month, if any) in an order that is not void: those whose lines there
    /// are all returns. Empty when the cell has no SKU or category.
    static func returnsOnly(
        _ customers: [CustomerRecord], selections: [(PivotDimension, KeySelection)], setup: Setup
    ) throws -> Set<String> {
        var sku: String?
        var category: String?
        var month = "%"
        for (dimension, selection) in selections {
            guard case .key(.value(let value)) = selection else { continue }
            switch dimension {
            case .sku: sku = value
            case .category: category = value
            case .orderMonth: month = value + "%"
            default: break
            }
        }
        guard sku != nil || category != nil else { return [] }
        var result: Set<String> = []
        for customer in customers {
            let purchases = try setup.engine.warehouse.database.scalarInteger(
                """
                SELECT count(*) FROM order_lines l JOIN orders o ON o.order_id = l.order_id
                  LEFT JOIN products p ON p.sku = l.sku
                 WHERE o.customer_id = ? AND o.status <> 'void' AND l.quantity > 0 AND o.ordered_at LIKE ?
                   AND (l.sku = ? OR p.category = ?)
                """, [customer.id, month, sku, category])
            if purchases == 0 {
                result.insert(customer.id)
            }
        }
        return result
    }

    @Test("every cohort selects its customers")
    func cohorts() throws {
        let setup = try CellRuleTests.setup()
        for dimension in CohortTable.dimensions {
            let table = try setup.engine.cohorts(by: dimension, asOf: setup.asOf)
            for row in table.rows {
                let customers = try setup.engine.drillDown(cohort: row.key, by: dimension, asOf: setup.asOf).customers
                let outcome = CellRule.cohort(row.key, by: dimension)
                let cell = "cohort \(row.key) by \(dimension.rawValue)"
                if try !compare(outcome, customers: customers, cell: cell, setup: setup), case .value = row.key {
                    Issue.record("\(cell) was not expressed: \(outcome)")
                }
            }
        }
    }

    @Test("a pivot filter stays in the rule")
    func filter() throws {
        let setup = try CellRuleTests.setup()
        let plan = try PivotPlan(rows: .tier, columns: .region, measure: .customers)
        let filterText = "spend() > 10"
        let filter = try #require(Checker.check(filterText, catalog: setup.catalog).condition)
        let customers = try setup.engine.drillDown(plan, row: .all, column: .key(.value("North")), asOf: setup.asOf, filter: filter)
            .customers
        let outcome = CellRule.cell(plan, row: .all, column: .key(.value("North")), filter: filterText)
        #expect(outcome == .condition("(spend() > 10) and region = \"North\""))
        #expect(try compare(outcome, customers: customers, cell: "filtered North", setup: setup))
    }

    @Test("a dimension without a rule form is named")
    func inexpressible() throws {
        let plan = try PivotPlan(rows: .memberTier, columns: .eventKind, measure: .members)
        let outcome = CellRule.cell(plan, row: .key(.value("critic")), column: .key(.value("review")), filter: nil)
        guard case .inexpressible(let dimension, _) = outcome else {
            Issue.record("member-tier was expressed: \(outcome)")
            return
        }
        #expect(dimension == "member-tier")
        let revenue = try PivotPlan(rows: .category, columns: .tier, measure: .revenue)
        #expect(
            CellRule.cell(revenue, row: .key(.value("Phones")), column: .all, filter: nil)
                == .inexpressible(
                    dimension: "measure revenue", reason: "a rule selects customers, so start from a customers or orders measure"))
        let orderCountry = try PivotPlan(rows: .orderCountry, columns: .tier, measure: .orders)
        guard case .inexpressible("order-country", _) = CellRule.cell(orderCountry, row: .key(.value("GB")), column: .all, filter: nil)
        else {
            Issue.record("order-country was expressed")
            return
        }
    }

    @Test("rule names from cells are valid")
    func names() {
        #expect(WorkbenchApp.ruleName(from: ["critic", "2012-02"]) == "critic-2012-02")
        #expect(WorkbenchApp.ruleName(from: ["cohort", "region", "Île-de-France"]) == "cohort-region-le-de-france")
        #expect(WorkbenchApp.ruleName(from: ["(none)", "total"]) == "none-total")
        #expect(RuleName.isValid(WorkbenchApp.ruleName(from: [String(repeating: "a-", count: 60)])))
    }
}
