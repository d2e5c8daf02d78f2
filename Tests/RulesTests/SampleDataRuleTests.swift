import Analysis
import Expressions
import Foundation
import Testing
import Warehouse

@testable import Rules

/// Rules over SampleData, the 2,000-customer sample warehouse, held to the SQL reference. The
/// hits from the snapshot must equal the SQL compiler's customer query without the customers
/// who opted out, and the preview from SQL must equal the preview from the snapshot.
@Suite("Rules on the sample data")
struct SampleDataRuleTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData").path

    /// Loads SampleData through the real importer, at its default as-of date.
    static func load() throws -> RuleWarehouse {
        var asOf = CivilDate(iso: "2011-12-31")!
        let loaded = try RuleWarehouse(asOf: asOf) { warehouse in
            try FolderImport.run(folder: folder, into: warehouse)
            asOf = try #require(try AsOf.resolve(warehouse.database).date)
        }
        #expect(asOf == loaded.asOf, "the sample's default as-of date moved to \(asOf)")
        return loaded
    }

    static let rules: [(name: String, when: String, then: String, holdout: String)] = [
        ("northeast-reviewers", #"count(review, 90 days) >= 1 and spend(90 days) > 20 and region = "Northeast""#,
         #"offer "thank-you-10" value 10.00 cost 4.00"#, "holdout 10%"),
        ("halo-upgrade",
         #"bought(category "Windows Phone") and not bought(category "Windows Phone", 30 days) and tier >= joiner"#,
         #"offer "nova-trade-in" value 50.00 cost 20.00"#, "holdout 20%"),
        ("lapsed-buyers", "days_since(order) > 180 and orders() >= 2", #"offer "come-back" value 15 cost 6"#, "holdout 25%"),
        ("spring-creators", "count(post, since 2011-06-01) >= 1 or count(share, between 2011-01-01 and 2011-03-31) >= 2",
         #"flag "creator-care""#, ""),
        ("loyal-elders", #"attr "loyalty_points" >= 500 and attr "birthday" < 1970-01-01"#,
         #"offer "gold-card" value 25 cost 10"#, "holdout 5%"),
        ("new-europeans", #"country in ("GB", "FR", "DE") and channel != "store" and days_since(signup) < 365"#,
         #"offer "welcome" value 5 cost 2"#, "holdout 50%"),
        ("android-recent", #"bought(category "Android", 12 weeks) and not bought(category "Cases", 12 weeks)"#,
         #"offer "case-bundle" value 19.99 cost 5.99"#, "holdout 33.33%"),
        ("small-spenders", "spend(since 2011-07-01) < 30 and orders(since 2011-07-01) >= 1", #"flag "refund-check""#, ""),
        ("quiet-members", #"tier = spectator and days_since(any) > 60 and attr "loyalty_number" != "X""#, #"flag "nudge""#, ""),
        ("kin-owners", #"bought(sku "KIN-ONE") or bought(sku "KIN-TWO")"#, #"flag "kin""#, ""),
    ]

    static func text(_ rule: (name: String, when: String, then: String, holdout: String)) -> String {
        "rule \"\(rule.name)\"\nwhen \(rule.when)\nthen \(rule.then)\nvalid 30 days\n\(rule.holdout)\n"
    }

    @Test("sample rules agree with SQL, hits and sample alike")
    func agreement() throws {
        let sample = try Self.load()
        var totals = (hits: 0, holdout: 0, optOuts: 0)
        for rule in Self.rules {
            let output = try sample.check(Self.text(rule))
            let checked = try #require(output.rule, "\(rule.name): \(positioned(output.diagnostics))")
            #expect(output.diagnostics.isEmpty, "\(rule.name)")
            let fast = try RulePreview(rule: checked, engine: sample.fast, asOf: sample.asOf)
            let reference = try RulePreview(rule: checked, engine: sample.reference, asOf: sample.asOf)
            #expect(fast.hits == reference.hits, "\(rule.name)")
            #expect(fast.optOutsRemoved == reference.optOutsRemoved, "\(rule.name)")
            #expect(fast.hits.map(\.customerID) == (try sample.referenceHits(checked)), "\(rule.name)")
            #expect(!fast.hits.isEmpty, "\(rule.name) hits nobody, so it tests nothing")
            let fastSample = try fast.sample(limit: 20, engine: sample.fast)
            #expect(fastSample == (try reference.sample(limit: 20, engine: sample.reference)), "\(rule.name)")
            totals.hits += fast.hits.count
            totals.holdout += fast.holdoutCount
            totals.optOuts += fast.optOutsRemoved
        }
        // The rules together meet both groups and customers who opted out.
        #expect(totals.holdout > 0)
        #expect(totals.holdout < totals.hits)
        #expect(totals.optOuts > 0)
    }
}
