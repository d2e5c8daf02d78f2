import Expressions
import Foundation
import Testing
import Warehouse

@testable import Analysis

@Suite("Customer matches")
struct CustomerMatchTests {
    /// Opens an engine that uses the SQL reference, by moving the generation past the snapshot.
    static func referenceEngine(_ warehouse: Warehouse) throws -> AnalysisEngine {
        try warehouse.database.execute("UPDATE settings SET value = '99' WHERE key = 'generation'")
        let engine = try AnalysisEngine(warehouse: warehouse)
        precondition(!engine.isFast, "the reference engine must not use the snapshot")
        return engine
    }

    @Test("golden matches carry the opt-out flag")
    func golden() throws {
        let golden = try GoldenWarehouse()
        try AnalysisEngine.refresh(golden.warehouse)
        let fast = try AnalysisEngine(warehouse: golden.warehouse)
        let condition = try FastFilterTests.condition("spend() > 100", golden.warehouse)
        let expected = [CustomerMatch(id: "C01", isOptedOut: false), CustomerMatch(id: "C07", isOptedOut: true)]
        #expect(try fast.customerMatches(condition, asOf: GoldenWarehouse.asOf) == expected)
        let reference = try CustomerMatchTests.referenceEngine(golden.warehouse)
        #expect(try reference.customerMatches(condition, asOf: GoldenWarehouse.asOf) == expected)
    }

    @Test("fast matches equal SQL on generated data")
    func agreement() throws {
        let random = try RandomWarehouse(seed: 5)
        let asOf = CivilDate(iso: "2011-08-31")!
        let texts = ["tier >= joiner", "spend(90 days) > 20 or count(review) > 0", #"region != "North""#]
        let conditions = try texts.map { try FastFilterTests.condition($0, random.warehouse) }
        let fast = try AnalysisEngine(warehouse: random.warehouse)
        let fastMatches = try conditions.map { try fast.customerMatches($0, asOf: asOf) }
        let reference = try CustomerMatchTests.referenceEngine(random.warehouse)
        for (index, condition) in conditions.enumerated() {
            let slowMatches = try reference.customerMatches(condition, asOf: asOf)
            #expect(fastMatches[index] == slowMatches, "\(texts[index])")
            #expect(slowMatches.contains { $0.isOptedOut }, "\(texts[index])")
            #expect(slowMatches.map(\.id) == (try reference.customers(matching: condition, asOf: asOf)), "\(texts[index])")
        }
    }
}
