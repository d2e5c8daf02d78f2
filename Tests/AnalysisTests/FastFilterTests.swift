import Expressions
import Foundation
import Testing
import Warehouse

@testable import Analysis

@Suite("Fast filter")
struct FastFilterTests {
    /// The golden expressions with the customers each selects.
    static func corpus() throws -> [(String, [String])] {
        try GoldenWarehouse.expected("expressions.tsv").split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? parts[1].split(separator: " ").map(String.init) : [])
        }
    }

    static func condition(_ text: String, _ warehouse: Warehouse) throws -> Condition {
        let output = Checker.check(text, catalog: try WarehouseCatalog(warehouse: warehouse))
        guard let condition = output.condition else {
            throw CheckFailure(text: text, diagnostics: output.errors.map { "\($0)" })
        }
        return condition
    }

    struct CheckFailure: Error {
        let text: String
        let diagnostics: [String]
    }

    @Test("every golden expression selects the hand-worked customers from the snapshot")
    func goldenCorpus() throws {
        let golden = try GoldenWarehouse()
        try AnalysisEngine.refresh(golden.warehouse)
        let engine = try AnalysisEngine(warehouse: golden.warehouse)
        #expect(engine.isFast)
        let corpus = try FastFilterTests.corpus()
        #expect(corpus.count >= 40)
        for (text, expected) in corpus {
            let condition = try FastFilterTests.condition(text, golden.warehouse)
            #expect(try engine.customers(matching: condition, asOf: GoldenWarehouse.asOf) == expected, "\(text)")
        }
    }

    @Test("the golden pivots with --where, from the snapshot and from SQL")
    func goldenWherePivots() throws {
        let golden = try GoldenWarehouse()
        try AnalysisEngine.refresh(golden.warehouse)
        let engine = try AnalysisEngine(warehouse: golden.warehouse)
        let cases = [
            ("pivot--rows-tier--cols-event-month--measure-events--where-region-not-north.csv", PivotDimension.tier,
             PivotDimension.eventMonth, Measure.events, #"region != "North""#),
            ("pivot--rows-category--cols-tier--measure-revenue--where-signup-before-march.csv", .category, .tier, .revenue,
             "signup_date < 2012-03-01"),
        ]
        for (file, rows, columns, measure, text) in cases {
            let plan = try PivotPlan(rows: rows, columns: columns, measure: measure)
            let condition = try FastFilterTests.condition(text, golden.warehouse)
            let fast = try engine.pivot(plan, asOf: GoldenWarehouse.asOf, filter: condition)
            let reference = try ReferencePivot(database: golden.database).run(
                plan, asOf: GoldenWarehouse.asOf, filter: AnalysisEngine.filterSQL(condition, asOf: GoldenWarehouse.asOf))
            #expect(try csvText(fast.csvRecords()) == GoldenWarehouse.expected(file))
            #expect(try csvText(reference.csvRecords()) == GoldenWarehouse.expected(file))
        }
    }

    @Test("filters agree with SQL on generated data")
    func agreement() throws {
        let random = try RandomWarehouse(seed: 11)
        let engine = try AnalysisEngine(warehouse: random.warehouse)
        let asOf = CivilDate(iso: "2011-08-31")!
        let filters = [
            #"region = "North""#, #"region != "North""#, "tier >= critic", "spend() > 50", "orders(90 days) >= 1",
            "count(review, 26 weeks) > 0 or count(post) > 1", #"bought(category "Cases", since 2011-01-01)"#,
            "days_since(order) < 200", "days_since(any) between 10 and 300", "not (signup_date < 2010-06-01)",
            #"channel in ("web", "store")"#, #"bought(sku "SKU-3") and not bought(sku "SKU-4", 60 days)"#,
            "days_since(signup) > 365", #"customer_id < "C0100""#,
        ]
        for text in filters {
            let condition = try FastFilterTests.condition(text, random.warehouse)
            let fragment = SQLCompiler(asOf: asOf).customerQuery(condition)
            let bySQL = try random.warehouse.database.query(fragment.sql, fragment.arguments) { $0.text(0) }
            #expect(try engine.customers(matching: condition, asOf: asOf) == bySQL, "\(text)")
            let plan = try PivotPlan(rows: .tier, columns: .eventMonth, measure: .events)
            let fast = try engine.pivot(plan, asOf: asOf, filter: condition)
            let slow = try ReferencePivot(database: random.warehouse.database).run(
                plan, asOf: asOf, filter: AnalysisEngine.filterSQL(condition, asOf: asOf))
            #expect(fast == slow, "\(text)")
        }
    }

    @Test("filtered cohorts and retention agree with SQL")
    func cohortAgreement() throws {
        let random = try RandomWarehouse(seed: 13)
        let engine = try AnalysisEngine(warehouse: random.warehouse)
        let database = random.warehouse.database
        let asOf = CivilDate(iso: "2011-08-31")!
        for text in [#"region = "North""#, "tier >= critic or orders(90 days) >= 1", "days_since(signup) > 365"] {
            let condition = try FastFilterTests.condition(text, random.warehouse)
            let filterSQL = AnalysisEngine.filterSQL(condition, asOf: asOf)
            for dimension in CohortTable.dimensions {
                let fast = try engine.cohorts(by: dimension, asOf: asOf, filter: condition)
                #expect(fast == (try ReferenceCohorts(database: database).run(by: dimension, asOf: asOf, filter: filterSQL)), "\(text) by \(dimension.rawValue)")
                #expect(!fast.rows.contains { $0.key == .guest }, "\(text) by \(dimension.rawValue)")
                let unfiltered = try engine.cohorts(by: dimension, asOf: asOf)
                #expect(fast.total.customers < unfiltered.total.customers, "\(text) by \(dimension.rawValue)")
            }
            let retention = try engine.retention(asOf: asOf, filter: condition)
            #expect(retention == (try ReferenceRetention(database: database).run(asOf: asOf, filter: filterSQL)), "\(text)")
        }
    }
}

@Suite("Fast filter comparisons")
struct FastFilterComparisonTests {
    @Test("text compares by UTF-8 bytes, as SQLite does")
    func textBytes() {
        #expect(FastFilter.compare(.text("Île"), .text("Île")) == 0)
        // Precomposed and decomposed accents are equal Swift strings but different bytes.
        #expect(FastFilter.compare(.text("\u{E9}"), .text("e\u{301}")) == 1)
        #expect(FastFilter.compare(.text("e\u{301}"), .text("\u{E9}")) == -1)
        #expect(FastFilter.compare(.text("North"), .text("north")) == -1)
        #expect(FastFilter.compare(.text(""), .text("a")) == -1)
    }
}

@Suite("Fast filter windows")
struct FastFilterWindowTests {
    static let windows: [Window] = [
        .allTime, .lastDays(1), .lastDays(30), .lastDays(100_000), .since(CivilDate(iso: "2012-03-01")!),
        .since(CivilDate(iso: "2030-01-01")!), .between(CivilDate(iso: "2012-02-01")!, CivilDate(iso: "2012-02-29")!),
        .between(CivilDate(iso: "2012-04-01")!, CivilDate(iso: "2013-01-01")!),
        .between(CivilDate(iso: "0001-01-01")!, CivilDate(iso: "9999-12-31")!),
    ]

    @Test("day ranges match Window.resolved", arguments: ["2012-04-20", "0001-01-10", "9999-12-31"])
    func matchesResolved(asOfText: String) throws {
        let golden = try GoldenWarehouse()
        try AnalysisEngine.refresh(golden.warehouse)
        let snapshot = try #require(try AnalysisEngine(warehouse: golden.warehouse).snapshot)
        let asOf = CivilDate(iso: asOfText)!
        let filter = FastFilter(context: FastContext(snapshot: snapshot, asOf: asOf))
        for window in Self.windows {
            let resolved = window.resolved(asOf: asOf)
            let days = filter.days(window)
            #expect(days?.upperBound == (resolved.isEmpty ? nil : Int32(resolved.last.daysSinceEpoch)), "\(window)")
            let yearOne = Int32(CivilDate(iso: "0001-01-01")!.daysSinceEpoch)
            if let lower = days?.lowerBound, let first = resolved.first.map({ Int32($0.daysSinceEpoch) }) {
                // A start that `resolved` clamps to the year 1 may start earlier here.
                if first == yearOne {
                    #expect(lower <= first, "\(window)")
                } else {
                    #expect(lower == first, "\(window)")
                }
            } else if let lower = days?.lowerBound {
                #expect(lower == Int32.min + 1, "\(window)")
            }
            #expect((days == nil) == resolved.isEmpty, "\(window)")
        }
    }
}

@Suite("Fast filter event columns")
struct EventColumnsTests {
    @Test("member by member equals customer by customer")
    func sameAsPerCustomer() throws {
        let random = try RandomWarehouse(seed: 13)
        let snapshot = try #require(try AnalysisEngine(warehouse: random.warehouse).snapshot)
        let filter = FastFilter(context: FastContext(snapshot: snapshot, asOf: CivilDate(iso: "2011-08-31")!))
        let values: [Value] = [
            .eventCount(.any, .allTime), .eventCount(.kind(.review), .lastDays(90)), .eventCount(.kind(.view), .since(CivilDate(iso: "2011-01-01")!)),
            .eventCount(.any, .between(CivilDate(iso: "2010-06-01")!, CivilDate(iso: "2010-06-30")!)),
            .daysSince(.event(.any)), .daysSince(.event(.kind(.post))),
        ]
        let conditions = values.map { Condition.compare($0, .greaterOrEqual, .literal(.number(NumberValue(units: 0, scale: 0)))) }
        let columns = EventColumns(.or(conditions), filter: filter)
        #expect(columns.values == values)
        for value in values {
            for customer in 0..<snapshot.counts.customers {
                let fromColumn = columns.value(value, customer: customer).map { day -> Int64? in
                    if case .eventCount = value { return Int64(day) }
                    return day == Snapshot.noDay ? nil : Int64(filter.asOfDay - day)
                }
                var fromWalk: Int64?
                if case .integer(let number)? = filter.value(value, customer: customer) {
                    fromWalk = number
                }
                #expect(fromColumn == fromWalk, "\(value) of customer \(customer)")
            }
        }
    }
}

@Suite("Fast filter compiled conditions")
struct CompiledConditionTests {
    static let conditions = [
        "tier >= critic", "tier = none", "tier in (joiner, creator)", "tier between spectator and critic",
        #"region = "North""#, #""North" = region"#, #"region != "North""#, #"region in ("North", "Île-de-France")"#,
        #"region not in ("Midlands")"#, #"region = "Atlantis""#, #"country = "GB" and channel in ("web", "store")"#,
        #"channel != "web" or country in ("FR")"#, "signup_date < 2010-06-01", "signup_date between 2010-01-01 and 2010-12-31",
        "not (signup_date >= 2011-01-01)", "days_since(signup) > 365", "days_since(signup) between 100 and 400",
        "count(review, 26 weeks) > 0", "count(any) >= 3", "count(view, since 2011-01-01) = 2", "2 < count(any, 90 days)",
        "count(post, between 2010-01-01 and 2010-12-31) != 0", "count(any) > 2.5", "count(any) = 2.0",
        "days_since(any) < 30", "days_since(review) >= 100", "days_since(any) != 5", "days_since(any) > count(any)",
        "count(any) between 1 and 4", "spend() > 50", "orders(90 days) >= 1", #"bought(category "Cases")"#,
        "days_since(order) < 200", #"customer_id < "C0100""#,
        #"(tier >= joiner and region = "North") or (count(any, 30 days) > 1 and not spend(90 days) > 100)"#,
        #"not (region in ("North") or tier < joiner) and days_since(any) between 0 and 400"#,
        #"region = "North" or tier = creator or count(any) > 5 or spend() > 100"#,
        #"not (not (tier >= joiner) or not (region != "Midlands"))"#,
        #"(region = "North" or region = "Midlands") and not (count(view) > 2 or days_since(signup) < 200)"#,
    ]

    @Test("compiled tests equal the interpreter for every customer")
    func sameAsInterpreter() throws {
        let random = try RandomWarehouse(seed: 17)
        let snapshot = try #require(try AnalysisEngine(warehouse: random.warehouse).snapshot)
        let context = FastContext(snapshot: snapshot, asOf: CivilDate(iso: "2011-08-31")!)
        for text in Self.conditions {
            let condition = try FastFilterTests.condition(text, random.warehouse)
            var filter = FastFilter(context: context)
            filter.eventColumns = EventColumns(condition, filter: filter)
            let compiled = CompiledCondition(condition, filter: filter)
            let interpreter = FastFilter(context: context)
            let differing = (0..<snapshot.counts.customers).filter { customer in
                context.included[customer]
                    && compiled.holds(customer: customer) != interpreter.holds(condition, customer: customer)
            }
            #expect(differing.isEmpty, "\(text): customers \(differing.prefix(5))")
            let matching = (0..<snapshot.counts.customers).filter { context.included[$0] && compiled.holds(customer: $0) }
            #expect(!matching.isEmpty || text.contains("Atlantis"), "\(text) matches nobody, so it tests little")
            let inScope = (0..<snapshot.counts.customers).filter { context.included[$0] }.map { Int32($0) }
            #expect(compiled.select(from: inScope).map(Int.init) == matching, "\(text)")
            #expect(interpreter.select(condition).map(Int.init) == matching, "\(text)")
        }
    }
}
