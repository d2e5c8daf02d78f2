import Analysis
import Expressions
import Foundation
import Testing
import Warehouse

@testable import Rules

/// A warehouse of 300 customers with a rule published at 2012-01-31, then orders in the
/// window built so that targets buy more often and spend more than the holdout: a known
/// effect. The test's own SQL and formulas recompute every figure.
final class MeasuredWarehouse {
    static let versionAsOf = CivilDate(iso: "2012-01-31")!
    static let measureAsOf = CivilDate(iso: "2012-03-31")!

    let house: RuleWarehouse
    let store: RuleStore
    let version: RuleVersion
    var database: Database { house.warehouse.database }

    init(ruleText: String = MeasuredWarehouse.offerRule) throws {
        house = try RuleWarehouse(asOf: MeasuredWarehouse.versionAsOf) { warehouse in
            try warehouse.database.writeTransaction {
                for index in 0..<300 {
                    try warehouse.database.execute(
                        "INSERT INTO customers (customer_id, name, signup_date, opt_out) VALUES (?, ?, '2011-01-01', ?)",
                        [String(format: "C%03d", index), "Customer \(index)", index < 10])
                    try MeasuredWarehouse.order(
                        warehouse.database, id: "early-\(index)", customer: String(format: "C%03d", index),
                        at: "2011-06-01T10:00:00Z", status: "ok", cents: [1000])
                }
                try MeasuredWarehouse.order(
                    warehouse.database, id: "as-of-day", customer: nil, at: "2012-01-31T12:00:00Z", status: "ok", cents: [500])
            }
        }
        store = try RuleStore.open(at: house.folder.file("rules.db"), outboxRoot: house.folder.file("outbox"))
        let rule = try #require(try house.check(ruleText).rule)
        let now = UTCTimestamp(stored: "2026-01-10T09:00:00Z")!
        try store.saveDraft(text: ruleText, ruleName: rule.name, user: "alice", at: now, rebase: false)
        let preview = try RulePreview(rule: rule, engine: house.reference, asOf: house.asOf)
        try store.record(
            RecordedPreview(
                user: "alice", ruleName: rule.name, textSHA256: ruleTextChecksum(ruleText), asOf: preview.asOf,
                hitCount: preview.hits.count, targetCount: preview.targetCount, holdoutCount: preview.holdoutCount,
                previewedAt: now.stored))
        version = try Publisher(store: store, engine: house.reference).publish(
            PublishRequest(
                ruleName: rule.name, user: "alice", asOf: house.asOf, defaultAsOf: house.asOf, allowsPastAsOf: false,
                outbox: Outbox(root: house.folder.file("outbox")), now: now))
    }

    static let offerRule =
        "rule \"win-back\"\nwhen orders() >= 1\nthen offer \"gift\" value 10.00 cost 4.00\nvalid 30 days\nholdout 50%\n"

    static func order(_ database: Database, id: String, customer: String?, at: String, status: String, cents: [Int]) throws {
        try database.execute(
            "INSERT INTO orders (order_id, customer_id, ordered_at, status) VALUES (?, ?, ?, ?)", [id, customer, at, status])
        for (index, amount) in cents.enumerated() {
            try database.execute(
                """
                INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents, line_total_cents)
                VALUES (?, ?, 'GIFT', ?, ?, ?)
                """,
                [id, index + 1, amount < 0 ? -1 : 1, abs(amount), amount])
        }
    }

    /// Reads the customer ids of one of the outbox's CSV files, apart from `rules.db`.
    func outboxGroup(_ file: String) throws -> [String] {
        let text = try String(contentsOfFile: version.folder + "/" + file, encoding: .utf8)
        return text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map {
            String($0.split(separator: ",", omittingEmptySubsequences: false)[0])
        }
    }

    /// Adds the window's orders: 3 in 5 targets buy and 2 in 5 holdout customers do, and a
    /// target's first order is 10.00 larger. Around them sit orders that must not count: a
    /// return, a void order, a guest order, orders on the version's as-of date and after the
    /// measuring as-of date.
    func addWindowOrders() throws {
        let targets = try outboxGroup("targets.csv")
        let holdout = try outboxGroup("holdout.csv")
        try database.writeTransaction {
            for (group, ids, buyingShare, extra) in [("t", targets, 3, 1000), ("h", holdout, 2, 0)] {
                for (index, id) in ids.enumerated() {
                    if index % 5 < buyingShare {
                        let day = 1 + index % 28
                        try MeasuredWarehouse.order(
                            database, id: "\(group)-\(index)-a", customer: id,
                            at: String(format: "2012-02-%02dT09:30:00Z", day), status: "ok",
                            cents: [3000 + extra + (index % 7) * 1500, 250])
                        if index % 4 == 0 {
                            try MeasuredWarehouse.order(
                                database, id: "\(group)-\(index)-b", customer: id, at: "2012-03-31T23:59:59Z",
                                status: "ok", cents: [2000])
                        }
                    }
                    if index % 9 == 0 {
                        try MeasuredWarehouse.order(
                            database, id: "\(group)-\(index)-r", customer: id, at: "2012-03-10T12:00:00Z",
                            status: "return", cents: [-1000])
                    }
                    if index % 11 == 0 {
                        try MeasuredWarehouse.order(
                            database, id: "\(group)-\(index)-v", customer: id, at: "2012-03-11T12:00:00Z",
                            status: "void", cents: [50_000])
                    }
                    if index % 13 == 0 {
                        try MeasuredWarehouse.order(
                            database, id: "\(group)-\(index)-early", customer: id, at: "2012-01-31T23:59:59Z",
                            status: "ok", cents: [70_000])
                        try MeasuredWarehouse.order(
                            database, id: "\(group)-\(index)-late", customer: id, at: "2012-04-01T00:00:00Z",
                            status: "ok", cents: [70_000])
                    }
                }
            }
            try MeasuredWarehouse.order(
                database, id: "guest-window", customer: nil, at: "2012-02-15T10:00:00Z", status: "ok", cents: [90_000])
        }
    }
}

/// The figures of one group computed by the test alone: plain SQL over the warehouse with
/// `date()` for the window, and the statistics written out again.
struct IndependentGroup {
    let customers: Int
    let buyers: Int
    let orders: Int
    let revenuePerCustomer: [Int64]

    init(ids: [String], database: Database, first: String, last: String) throws {
        let list = ids.map { "'\($0)'" }.joined(separator: ",")
        customers = ids.count
        buyers = Int(
            try database.scalarInteger(
                """
                SELECT count(DISTINCT customer_id) FROM orders
                 WHERE status = 'ok' AND date(ordered_at) BETWEEN ? AND ? AND customer_id IN (\(list))
                """, [first, last]) ?? 0)
        orders = Int(
            try database.scalarInteger(
                """
                SELECT count(*) FROM orders
                 WHERE status = 'ok' AND date(ordered_at) BETWEEN ? AND ? AND customer_id IN (\(list))
                """, [first, last]) ?? 0)
        let spent = Dictionary(
            uniqueKeysWithValues: try database.query(
                """
                SELECT o.customer_id, sum(l.line_total_cents) FROM orders o JOIN order_lines l ON l.order_id = o.order_id
                 WHERE o.status IN ('ok', 'return') AND date(o.ordered_at) BETWEEN ? AND ? AND o.customer_id IN (\(list))
                 GROUP BY o.customer_id
                """, [first, last]
            ) { ($0.text(0), $0.integer(1)) })
        revenuePerCustomer = ids.map { spent[$0] ?? 0 }
    }

    var revenue: Int64 { revenuePerCustomer.reduce(0, +) }
    var mean: Double { Double(revenue) / Double(customers) }
    var variance: Double {
        let mean = self.mean
        return revenuePerCustomer.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / Double(customers - 1)
    }
}

/// Student's t quantile found by integrating the density with Simpson's rule, a method apart
/// from the library's incomplete beta function.
func simpsonTQuantile975(degreesOfFreedom nu: Double) -> Double {
    let logNormaliser = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
    func density(_ t: Double) -> Double { exp(logNormaliser - (nu + 1) / 2 * log(1 + t * t / nu)) }
    func areaFromZero(_ upper: Double) -> Double {
        let steps = 20_000
        let h = upper / Double(steps)
        var sum = density(0) + density(upper)
        for step in 1..<steps {
            sum += density(Double(step) * h) * (step % 2 == 1 ? 4 : 2)
        }
        return sum * h / 3
    }
    var low = 0.0
    var high = 20.0
    for _ in 0..<60 {
        let middle = (low + high) / 2
        if 0.5 + areaFromZero(middle) < 0.975 { low = middle } else { high = middle }
    }
    return (low + high) / 2
}

@Suite("Rule measurement")
struct RuleMeasurementTests {
    @Test("t quantiles match printed tables", arguments: [
        (1.0, 12.706205), (2.0, 4.302653), (5.0, 2.570582), (10.0, 2.228139), (30.0, 2.042272), (100.0, 1.983972),
    ])
    func tQuantileTable(degreesOfFreedom: Double, expected: Double) {
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: degreesOfFreedom) - expected) < 1e-5)
    }

    @Test("t quantile agrees with Simpson integration", arguments: [3.5, 17.25, 242.8, 4000.0])
    func tQuantileSimpson(degreesOfFreedom: Double) {
        let expected = simpsonTQuantile975(degreesOfFreedom: degreesOfFreedom)
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: degreesOfFreedom) - expected) < 1e-6)
    }

    @Test("proportion difference worked by hand")
    func proportionByHand() {
        // 60 of 100 against 40 of 100: SE = sqrt(0.24/100 + 0.24/100) = 0.069282.
        let estimate = WelchStatistics.proportionDifference(successesA: 60, totalA: 100, successesB: 40, totalB: 100)
        #expect(abs(estimate.difference - 0.2) < 1e-12)
        #expect(abs(estimate.standardError - 0.0692820323) < 1e-9)
        #expect(abs(estimate.low - 0.0642097) < 1e-6)
        #expect(abs(estimate.high - 0.3357903) < 1e-6)
    }

    @Test("known effect against an independent computation")
    func knownEffect() throws {
        let fixture = try MeasuredWarehouse()
        try fixture.addWindowOrders()
        let measurement = try RuleMeasurement.measure(
            "win-back", version: nil, store: fixture.store, warehouse: fixture.database, asOf: MeasuredWarehouse.measureAsOf)

        let targetIDs = try fixture.outboxGroup("targets.csv")
        let holdoutIDs = try fixture.outboxGroup("holdout.csv")
        #expect(targetIDs.count + holdoutIDs.count == 290)
        let target = try IndependentGroup(ids: targetIDs, database: fixture.database, first: "2012-02-01", last: "2012-03-31")
        let holdout = try IndependentGroup(ids: holdoutIDs, database: fixture.database, first: "2012-02-01", last: "2012-03-31")

        #expect(measurement.window.days == 60)
        #expect(measurement.window.first.iso == "2012-02-01")
        #expect(measurement.target.customers == target.customers)
        #expect(measurement.holdout.customers == holdout.customers)
        #expect(measurement.target.buyers == target.buyers)
        #expect(measurement.holdout.buyers == holdout.buyers)
        #expect(measurement.target.orders == target.orders)
        #expect(measurement.holdout.orders == holdout.orders)
        #expect(measurement.target.revenue == target.revenue)
        #expect(measurement.holdout.revenue == holdout.revenue)
        // The construction: 3 in 5 targets and 2 in 5 holdout customers buy.
        #expect(target.buyers == (0..<targetIDs.count).filter { $0 % 5 < 3 }.count)
        #expect(holdout.buyers == (0..<holdoutIDs.count).filter { $0 % 5 < 2 }.count)

        let shareT = Double(target.buyers) / Double(target.customers)
        let shareH = Double(holdout.buyers) / Double(holdout.customers)
        let shareError = (shareT * (1 - shareT) / Double(target.customers) + shareH * (1 - shareH) / Double(holdout.customers))
            .squareRoot()
        let share = try #require(measurement.buyerShareDifference)
        #expect(abs(share.difference - (shareT - shareH)) < 1e-12)
        #expect(abs(share.low - (shareT - shareH - 1.959964 * shareError)) < 1e-6)
        #expect(abs(share.high - (shareT - shareH + 1.959964 * shareError)) < 1e-6)

        let partT = target.variance / Double(target.customers)
        let partH = holdout.variance / Double(holdout.customers)
        let welchDF = (partT + partH) * (partT + partH)
            / (partT * partT / Double(target.customers - 1) + partH * partH / Double(holdout.customers - 1))
        let halfWidth = simpsonTQuantile975(degreesOfFreedom: welchDF) * (partT + partH).squareRoot()
        let revenue = try #require(measurement.revenuePerCustomerDifference)
        #expect(abs(revenue.difference - (target.mean - holdout.mean)) < 1e-9)
        #expect(abs((revenue.degreesOfFreedom ?? 0) - welchDF) < 1e-6)
        #expect(abs(revenue.low - (target.mean - holdout.mean - halfWidth)) < 1e-4)
        #expect(abs(revenue.high - (target.mean - holdout.mean + halfWidth)) < 1e-4)

        let uplift = try #require(measurement.revenueUplift)
        #expect(abs(uplift.difference - (target.mean - holdout.mean) * Double(target.customers)) < 1e-6)
        #expect(measurement.offerCost == Money(cents: Int64(target.customers) * 400))
        #expect(measurement.verdict == .targetSpentMore)
        #expect(measurement.hasIntervals)
    }

    @Test("CSV record holds the figures")
    func csvRecord() throws {
        let fixture = try MeasuredWarehouse()
        try fixture.addWindowOrders()
        let measurement = try RuleMeasurement.measure(
            "win-back", version: nil, store: fixture.store, warehouse: fixture.database, asOf: MeasuredWarehouse.measureAsOf)
        let records = measurement.csvRecords()
        #expect(records.count == 2)
        #expect(records[0].count == RuleMeasurement.csvColumns.count)
        #expect(records[1].count == RuleMeasurement.csvColumns.count)
        let row = Dictionary(uniqueKeysWithValues: zip(RuleMeasurement.csvColumns, records[1]))
        #expect(row["window_days"] == .number("60"))
        #expect(row["target_customers"] == .number(String(measurement.target.customers)))
        #expect(row["verdict"] == .text("target-spent-more"))
        #expect(row["offer_cost"] == .money(Int64(measurement.target.customers) * 400))
    }

    @Test("window shorter than seven days")
    func windowTooShort() throws {
        let fixture = try MeasuredWarehouse()
        try fixture.addWindowOrders()
        let short = try RuleMeasurement.measure(
            "win-back", version: nil, store: fixture.store, warehouse: fixture.database, asOf: CivilDate(iso: "2012-02-06")!)
        #expect(short.verdict == .windowTooShort(days: 6))
        #expect(!short.hasIntervals)
        #expect(short.statement.contains("measure again as of 2012-02-07 or later"))
        let none = try RuleMeasurement.measure(
            "win-back", version: nil, store: fixture.store, warehouse: fixture.database, asOf: CivilDate(iso: "2012-01-20")!)
        #expect(none.verdict == .windowTooShort(days: 0))
        #expect(none.target.revenue == 0)
        #expect(none.csvRecords()[1][3] == .missing)
    }

    @Test("holdout below thirty customers is too small")
    func groupsTooSmall() throws {
        let text = "rule \"few-held\"\nwhen orders() >= 1\nthen flag \"call\"\nvalid 30 days\nholdout 5%\n"
        let fixture = try MeasuredWarehouse(ruleText: text)
        try fixture.addWindowOrders()
        let measurement = try RuleMeasurement.measure(
            "few-held", version: nil, store: fixture.store, warehouse: fixture.database, asOf: MeasuredWarehouse.measureAsOf)
        let holdout = measurement.holdout.customers
        #expect(holdout < RuleMeasurement.minimumCustomers)
        guard case .groupsTooSmall(let shortfalls) = measurement.verdict else {
            Issue.record("verdict \(measurement.verdict)")
            return
        }
        #expect(shortfalls.contains(RuleMeasurement.Shortfall(group: .holdout, figure: .customers, count: holdout, minimum: 30)))
        #expect(!shortfalls.contains { $0.group == .target })
        #expect(!measurement.hasIntervals)
        #expect(measurement.offerCost == nil)
        #expect(measurement.upliftFields(currency: .default).map(\.label) == ["uplift in revenue"])
        #expect(measurement.statement.hasPrefix("the groups are too small to tell: the holdout has \(holdout) customers (30 needed)"))
    }

    @Test("unknown rule and version")
    func unknownVersion() throws {
        let fixture = try MeasuredWarehouse()
        #expect(throws: PublishingError.noVersion(rule: "nothing")) {
            try fixture.store.writtenVersion(nil, of: "nothing")
        }
        #expect(throws: PublishingError.unknownVersion(rule: "win-back", version: 2, latest: 1)) {
            try fixture.store.writtenVersion(2, of: "win-back")
        }
        #expect(try fixture.store.writtenVersion(1, of: "win-back").version == 1)
    }
}
