import Analysis
import Expressions
import Foundation
import Testing
import Text
import Warehouse

@testable import Rules

@Suite("Rule preview")
struct RulePreviewTests {
    static let goldenRules: [String] = {
        let folder = RuleWarehouse.goldenFolder + "/expected/rules"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".rule") }.map { String($0.dropLast(".rule".count)) }.sorted()
    }()

    static func goldenFile(_ name: String) throws -> String {
        try String(contentsOfFile: RuleWarehouse.goldenFolder + "/expected/rules/" + name, encoding: .utf8)
    }

    /// Formats the preview as the golden `NAME.preview.txt` files are written.
    static func previewText(_ preview: RulePreview) -> String {
        """
        hits: \(preview.hits.count)
        target: \(preview.targetCount)
        holdout: \(preview.holdoutCount)
        opt_outs_removed: \(preview.optOutsRemoved)
        max_value:\(preview.maxValue.map { " \($0)" } ?? "")
        max_cost:\(preview.maxCost.map { " \($0)" } ?? "")

        """
    }

    /// Formats the `customer_id` and `group` columns of the hits as the golden `NAME.hits.csv`.
    static func hitsText(_ preview: RulePreview) -> String {
        "customer_id,group\n" + preview.hits.map { "\($0.customerID),\($0.group.rawValue)\n" }.joined()
    }

    /// Checks a rule file against `warehouse`, requiring a rule and no diagnostic.
    static func rule(_ text: String, in warehouse: RuleWarehouse) throws -> Rule {
        let output = try warehouse.check(text)
        #expect(positioned(output.diagnostics) == [])
        return try #require(output.rule)
    }

    // MARK: Hand-worked previews

    @Test("golden rules reproduce their hits and previews", arguments: goldenRules)
    func golden(_ name: String) throws {
        let golden = try RuleWarehouse.golden()
        let rule = try Self.rule(try Self.goldenFile(name + ".rule"), in: golden)
        let preview = try RulePreview(rule: rule, engine: golden.fast, asOf: golden.asOf)
        #expect(Self.hitsText(preview) == (try Self.goldenFile(name + ".hits.csv")))
        #expect(Self.previewText(preview) == (try Self.goldenFile(name + ".preview.txt")))

        let reference = try RulePreview(rule: rule, engine: golden.reference, asOf: golden.asOf)
        #expect(reference.hits == preview.hits)
        #expect(reference.optOutsRemoved == preview.optOutsRemoved)
        #expect(preview.hits.map(\.customerID) == (try golden.referenceHits(rule)))
    }

    @Test("corpus rules reproduce the hand-worked previews", arguments: RuleCorpus.cases)
    func corpus(_ testCase: RuleCase) throws {
        let golden = try RuleWarehouse.golden()
        let rule = try Self.rule(testCase.text, in: golden)
        let preview = try RulePreview(rule: rule, engine: golden.fast, asOf: golden.asOf)
        #expect(preview.hits.map(\.customerID) == testCase.expectedHits.map(\.0))
        #expect(preview.hits.map(\.group.rawValue) == testCase.expectedHits.map(\.1))
        #expect(preview.optOutsRemoved == testCase.optOuts)
        #expect(preview.maxValue?.description == testCase.maxValue)
        #expect(preview.maxCost?.description == testCase.maxCost)

        let reference = try RulePreview(rule: rule, engine: golden.reference, asOf: golden.asOf)
        #expect(reference.hits == preview.hits)
        #expect(reference.optOutsRemoved == preview.optOutsRemoved)
        #expect(preview.hits.map(\.customerID) == (try golden.referenceHits(rule)))
    }

    @Test("the corpus covers every function and window")
    func coverage() {
        let texts = RuleCorpus.cases.map(\.text).joined() + Self.goldenRules.compactMap { try? Self.goldenFile($0 + ".rule") }.joined()
        let constructs = [
            "count(view", "count(any", "spend()", "spend(2 weeks)", "orders()", "orders(30 days)", "bought(sku",
            "bought(category", "days_since(any)", "days_since(order)", "days_since(signup)", "days_since(review)",
            "since 2012", "between 2012", " days)", " day)", " weeks)", "attr \"", "customer_id", "region", "country",
            "channel", "signup_date", "tier", " not in ", " not between ", "!=", "holdout", "then flag", "then offer",
        ]
        for construct in constructs {
            #expect(texts.contains(construct), "\(construct)")
        }
        #expect(RuleCorpus.cases.count + Self.goldenRules.count >= 20)
    }

    // MARK: Fast path and SQL

    @Test("every rule agrees with SQL on generated data", arguments: [UInt64(3), 4])
    func generated(seed: UInt64) throws {
        let generated = try GeneratedWarehouse.make(seed: seed)
        let texts = try RuleCorpus.cases.map(\.text) + Self.goldenRules.map { try Self.goldenFile($0 + ".rule") }
        var hitCounts: [Int] = []
        for text in texts {
            let output = try generated.check(text)
            let rule = try #require(output.rule, "\(positioned(output.diagnostics))")
            let fast = try RulePreview(rule: rule, engine: generated.fast, asOf: generated.asOf)
            let reference = try RulePreview(rule: rule, engine: generated.reference, asOf: generated.asOf)
            #expect(fast.hits == reference.hits, "\(rule.name)")
            #expect(fast.optOutsRemoved == reference.optOutsRemoved, "\(rule.name)")
            #expect(fast.hits.map(\.customerID) == (try generated.referenceHits(rule)), "\(rule.name)")
            let fastSample = try fast.sample(limit: 25, engine: generated.fast)
            let referenceSample = try reference.sample(limit: 25, engine: generated.reference)
            #expect(fastSample == referenceSample, "\(rule.name)")
            hitCounts.append(fast.hits.count)
        }
        // The data must exercise the rules: most hit a customer and none hits every customer.
        #expect(hitCounts.filter { $0 > 0 }.count >= texts.count * 2 / 3, "\(hitCounts)")
        #expect(hitCounts.allSatisfy { $0 < 400 })
    }

    // MARK: Opt-outs, sample and output

    @Test("opt-outs are removed before the split")
    func optOuts() throws {
        let golden = try RuleWarehouse.golden()
        let rule = try Self.rule(try Self.goldenFile("big-spenders.rule"), in: golden)
        // C07's bucket is 2788, below the 6667 of 66.67%, but C07 opted out.
        #expect(rule.holdoutSplit.isHeldOut("C07"))
        let preview = try RulePreview(rule: rule, engine: golden.fast, asOf: golden.asOf)
        #expect(preview.optOutsRemoved == 1)
        #expect(!preview.hits.contains { $0.customerID == "C07" })
        #expect(preview.hits.count == 2)
    }

    @Test("every match opted out leaves no hit")
    func everyoneOptedOut() throws {
        let golden = try RuleWarehouse.golden()
        try golden.warehouse.database.execute("UPDATE customers SET opt_out = 1")
        let rule = try Self.rule(SampleRule.replacing(2, with: "when tier >= none"), in: golden)
        let preview = try RulePreview(rule: rule, engine: golden.reference, asOf: golden.asOf)
        #expect(preview.hits.isEmpty)
        #expect(preview.optOutsRemoved == 12)
        #expect(preview.maxValue == Money(cents: 0))
    }

    @Test("a past as-of date changes the hits")
    func pastAsOf() throws {
        let golden = try RuleWarehouse.golden()
        let rule = try Self.rule(SampleRule.replacing(2, with: "when tier >= none"), in: golden)
        // On 2012-01-31 only C01, C02, C04, C08 and C09 are in scope.
        let asOf = CivilDate(iso: "2012-01-31")!
        let fast = try RulePreview(rule: rule, engine: golden.fast, asOf: asOf)
        #expect(fast.hits.map(\.customerID) == ["C01", "C02", "C04", "C08", "C09"])
        let reference = try RulePreview(rule: rule, engine: golden.reference, asOf: asOf)
        #expect(reference.hits == fast.hits)
    }

    @Test("sample lists hit details in id order")
    func sample() throws {
        let golden = try RuleWarehouse.golden()
        let rule = try Self.rule(try Self.goldenFile("merch-regulars.rule"), in: golden)
        let preview = try RulePreview(rule: rule, engine: golden.fast, asOf: golden.asOf)
        let rows = try preview.sample(limit: 3, engine: golden.fast)
        #expect(rows.map(\.hit.customerID) == ["C01", "C06", "C08"])
        #expect(rows.map(\.hit.group) == [.target, .holdout, .target])
        #expect(rows.map(\.customer.name) == ["Ada Finch", "Kai Brandt", "Rita Rater"])
        #expect(rows.map(\.customer.spend) == [24_144, 3_245, 4_500])
        #expect(try preview.sample(limit: nil, engine: golden.fast).count == 4)
        #expect(try preview.sample(limit: 0, engine: golden.fast).isEmpty)
        #expect(try preview.sample(limit: 3, engine: golden.reference) == rows)
    }

    @Test("CSV records put customer_id and group first")
    func csv() throws {
        let golden = try RuleWarehouse.golden()
        let rule = try Self.rule(try Self.goldenFile("merch-regulars.rule"), in: golden)
        let preview = try RulePreview(rule: rule, engine: golden.fast, asOf: golden.asOf)
        let records = RulePreview.csvRecords(try preview.sample(limit: 3, engine: golden.fast))
        #expect(records.count == 4)
        #expect(records[0] == RulePreview.csvColumns.map(CSVCell.text))
        #expect(records[1] == [.text("C01"), .text("target"), .text("Ada Finch"), .text("North"), .text("creator"), .number("241.44"), .text("2012-04-20")])
        // C08 has no region, so its cell is missing.
        #expect(records[3][3] == .missing)
    }

    @Test("summary names the currency and the flag's lack of value")
    func summary() throws {
        let golden = try RuleWarehouse.golden()
        let offer = try RulePreview(
            rule: try Self.rule(try Self.goldenFile("kin-upgrade.rule"), in: golden), engine: golden.fast, asOf: golden.asOf)
        let fields = offer.summaryFields(currency: Currency(code: "GBP")!)
        #expect(fields.map(\.label) == ["rule", "action", "as of", "hits", "target", "holdout", "opt-outs removed", "max value", "max cost"])
        #expect(fields[1].value == "offer free-case: value 19.99 GBP, cost 5.00 GBP each")
        #expect(fields[5].value == "1 (the rule holds out 34.53% of hits)")
        #expect(fields[7].value == "19.99 GBP")
        let flag = try RulePreview(
            rule: try Self.rule(try Self.goldenFile("care-big-return.rule"), in: golden), engine: golden.fast, asOf: golden.asOf)
        #expect(flag.summaryFields(currency: .default)[5].value == "0 (no holdout)")
        #expect(flag.summaryFields(currency: .default)[7].value == "none: a flag has no value or cost")
    }
}
