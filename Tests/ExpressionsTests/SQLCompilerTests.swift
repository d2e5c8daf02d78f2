import Foundation
import Testing
import Warehouse

@testable import Expressions

@Suite("SQL compiler")
struct SQLCompilerTests {
    static let asOf = CivilDate(iso: "2011-06-30")!

    static func compile(_ source: String, catalog: any Catalog = testCatalog) throws -> SQLFragment {
        let output = Checker.check(source, catalog: catalog)
        let condition = try #require(output.condition, "\(positionedIDs(output.diagnostics))")
        return SQLCompiler(asOf: asOf).condition(condition)
    }

    @Test("comparison compiles to a guarded test")
    func comparison() throws {
        let fragment = try Self.compile(#"region = "EU""#)
        #expect(fragment.sql == "coalesce(NULLIF(c.region, '') = ?, 0)")
        #expect(fragment.arguments == [.text("EU")])
    }

    @Test("not equal compiles to not of equal")
    func notEqual() throws {
        let fragment = try Self.compile(#"region != "EU""#)
        #expect(fragment.sql == "NOT coalesce(NULLIF(c.region, '') = ?, 0)")
    }

    @Test("count with a window binds kind and bounds")
    func countWithWindow() throws {
        let fragment = try Self.compile("count(view, 30 days) > 2")
        #expect(
            fragment.sql
                == "coalesce((SELECT count(*) FROM member_links AS x_l JOIN events AS x_e ON x_e.source = x_l.source"
                + " AND x_e.member_id = x_l.member_id WHERE x_l.customer_id = c.customer_id AND x_e.kind = ?"
                + " AND x_e.occurred_at >= ? AND x_e.occurred_at < ?) > ?, 0)")
        #expect(fragment.arguments == [.text("view"), .text("2011-06-01"), .text("2011-07-01"), .integer(2)])
    }

    @Test("money compares in cents")
    func money() throws {
        let fragment = try Self.compile("spend() >= 99.5")
        #expect(fragment.arguments.last == .integer(9_950))
    }

    @Test("a value compiles to a scalar expression")
    func value() {
        let fragment = SQLCompiler(asOf: Self.asOf).value(.orderCount(.lastDays(30)), customerAlias: "k")
        #expect(
            fragment.sql
                == "(SELECT count(*) FROM orders AS x_o WHERE x_o.customer_id = k.customer_id AND x_o.status = 'ok'"
                + " AND x_o.ordered_at >= ? AND x_o.ordered_at < ?)")
        #expect(fragment.arguments == [.text("2011-06-01"), .text("2011-07-01")])
    }

    @Test("customer query leaves out later signups")
    func customerQuery() throws {
        let condition = try #require(Checker.check("tier >= joiner", catalog: testCatalog).condition)
        let query = SQLCompiler(asOf: Self.asOf).customerQuery(condition)
        #expect(
            query.sql.hasPrefix(
                "SELECT c.customer_id FROM customers AS c WHERE (NULLIF(c.signup_date, '') IS NULL OR c.signup_date < ?) AND "))
        #expect(query.sql.hasSuffix(" ORDER BY c.customer_id"))
        #expect(query.arguments.first == .text("2011-07-01"))
        #expect(query.arguments.last == .integer(Int64(Tier.joiner.rawValue)))
    }

    @Test("customer alias is used throughout")
    func alias() throws {
        let condition = try #require(Checker.check("tier >= joiner and spend() > 0", catalog: testCatalog).condition)
        let fragment = SQLCompiler(asOf: Self.asOf).condition(condition, customerAlias: "cust")
        #expect(!fragment.sql.contains(" c."))
        #expect(!fragment.sql.contains("(c."))
        #expect(fragment.sql.components(separatedBy: "cust.customer_id").count == 4)
    }

    @Test("chains compile flat and nest only where the source does")
    func chains() throws {
        let leaf = "coalesce(NULLIF(c.region, '') = ?, 0)"
        let flat = try Self.compile(#"region = "EU" and region = "EU" and region = "EU""#)
        #expect(flat.sql == "(\(leaf) AND \(leaf) AND \(leaf))")
        let nested = try Self.compile(#"region = "EU" or not (region = "EU" and region = "EU")"#)
        #expect(nested.sql == "(\(leaf) OR NOT (\(leaf) AND \(leaf)))")
    }

    // MARK: Bound parameters

    /// A template with one slot, `{}`, and two values for it.
    struct SlotCase: CustomTestStringConvertible, Sendable {
        let id: String
        let template: String
        let first: String
        let second: String
        var testDescription: String { id }

        func source(_ value: String) -> String {
            template.replacingOccurrences(of: "{}", with: value)
        }
    }

    static let hostileStrings = [
        "EU", "'; DROP TABLE customers; --", #"" OR 1=1 --"#, "/* comment */ x", "", #"x'y"z\"#, "?; SELECT 1",
        "é ü 漢字", "-- line comment",
    ]

    static let stringTemplates = [
        "region = {}", "region in ({}, \"x\")", "region between {} and \"zz\"", "customer_id != {}",
        "attr \"segment\" >= {}", "attr {} = \"x\"", "bought(sku {})", "bought(category {}, 30 days)",
        "not bought(sku {}, since 2011-01-01)",
    ]

    static let slotCases: [SlotCase] = {
        var cases: [SlotCase] = []
        for template in stringTemplates {
            for (index, hostile) in hostileStrings.enumerated().dropFirst() {
                cases.append(
                    SlotCase(
                        id: "\(template) #\(index)", template: template, first: quoted("EU"), second: quoted(hostile)))
            }
        }
        let numberTemplates: [(String, String, String)] = [
            ("count(view) > {}", "1", "2.5"),
            ("count(view, {} days) > 1", "1", "100000"),
            ("spend({} weeks) >= 1", "1", "52"),
            ("spend() > {}", "10", "99.99"),
            ("spend() > {}", "-5", "12345678.90"),
            ("attr \"loyalty_points\" between {} and 1000", "0", "0.000001"),
            ("days_since(order) < {}", "30", "999999999999999999"),
            ("orders() in ({}, 2)", "1", "3"),
            ("{} <= count(any, 2 weeks)", "1", "7"),
            ("signup_date < {}", "2011-01-01", "1999-12-31"),
            ("count(view, since {}) > 0", "2011-01-01", "0001-01-01"),
            ("spend(between {} and 2012-01-01) > 0", "2011-01-01", "1999-02-28"),
            ("tier >= {}", "none", "creator"),
            ("count({}) > 0", "view", "post"),
            ("days_since({}) > 0", "review", "share"),
        ]
        for (template, first, second) in numberTemplates {
            cases.append(SlotCase(id: "\(template) \(first)/\(second)", template: template, first: first, second: second))
        }
        return cases
    }()

    /// A catalog that contains every attribute name the slot cases use.
    static let slotCatalog = InMemoryCatalog(
        attributeTypes: Dictionary(uniqueKeysWithValues: hostileStrings.map { ($0, .text) })
            .merging(["loyalty_points": .number, "segment": .text]) { first, _ in first })

    @Test("two values give the same SQL and different bindings", arguments: slotCases)
    func sameShape(_ slot: SlotCase) throws {
        let first = try Self.compile(slot.source(slot.first), catalog: Self.slotCatalog)
        let second = try Self.compile(slot.source(slot.second), catalog: Self.slotCatalog)
        #expect(first.sql == second.sql)
        #expect(first.arguments != second.arguments)
        #expect(first.arguments.count == second.arguments.count)
    }

    @Test("hostile strings stay out of the SQL and run as data", arguments: hostileStrings.dropFirst())
    func hostile(_ value: String) throws {
        let fixture = try Fixture()
        let source = "region = \(quoted(value)) or attr \"segment\" = \(quoted(value)) or bought(sku \(quoted(value)))"
        let condition = try #require(Checker.check(source, catalog: testCatalog).condition)
        let query = SQLCompiler(asOf: Self.asOf).customerQuery(condition)
        if !value.isEmpty {
            #expect(!query.sql.contains(value))
        }
        #expect(query.arguments.contains(.text(value)))
        let ids = try fixture.warehouse.database.query(query.sql, query.arguments) { $0.text(0) }
        #expect(ids == [])
        let customers = try fixture.warehouse.database.scalarInteger("SELECT count(*) FROM customers")
        #expect(customers == 6)
    }

    @Test("the largest expression runs in SQLite")
    func largest() throws {
        let fixture = try Fixture()
        let conditions = (0..<Limits.conditions).map { index -> String in
            switch index % 4 {
            case 0: return "tier >= joiner"
            case 1: return #"attr "loyalty_points" > \#(index)"#
            case 2: return "days_since(any) < \(index)"
            default: return #"bought(category "Phones", between 2011-01-01 and 2011-06-30)"#
            }
        }
        let source = conditions.joined(separator: " or ")
        let output = Checker.check(source, catalog: testCatalog)
        let condition = try #require(output.condition)
        let query = SQLCompiler(asOf: Self.asOf).customerQuery(condition)
        let ids = try fixture.warehouse.database.query(query.sql, query.arguments) { $0.text(0) }
        #expect(ids == ["C1", "C2", "C3"])
    }

    @Test("the deepest expression runs in SQLite inside more SQL")
    func deepest() throws {
        let fixture = try Fixture()
        // `not (` alternating `and` and `or`, the worst pattern for SQLite's parser stack.
        var source = ""
        for level in 0..<(Limits.nestingDepth / 2) {
            source += #"not (bought(category "Phones") "# + (level % 2 == 0 ? "and " : "or ")
        }
        source += "tier >= joiner" + String(repeating: ")", count: Limits.nestingDepth / 2)
        let output = Checker.check(source, catalog: testCatalog)
        let condition = try #require(output.condition, "\(positionedIDs(output.diagnostics))")
        let fragment = SQLCompiler(asOf: Self.asOf).condition(condition)
        let sql = """
            SELECT count(*) FROM (SELECT customer_id FROM customers WHERE customer_id IN (
                SELECT c.customer_id FROM customers AS c WHERE (\(fragment.sql))))
            """
        let count = try fixture.warehouse.database.scalarInteger(sql, fragment.arguments)
        #expect(count != nil)
    }

    @Test("nesting one level too deep is an error")
    func tooDeep() {
        let depth = Limits.nestingDepth + 1
        let source = String(repeating: "(", count: depth) + "tier >= joiner" + String(repeating: ")", count: depth)
        let output = Checker.check(source, catalog: testCatalog)
        #expect(positionedIDs(output.diagnostics) == ["nesting-too-deep@1:\(depth)"])
    }
}

/// `value` as a string literal of the expression language.
func quoted(_ value: String) -> String {
    "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
