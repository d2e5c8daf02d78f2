import Testing

@testable import Rules

@Suite("Holdout split")
struct HoldoutSplitTests {
    struct HashCase: CustomTestStringConvertible, Sendable {
        let rule: String
        let customer: String
        let hash: UInt64
        let bucket: Int
        var testDescription: String { "\(rule) / \(customer)" }

        init(_ rule: String, _ customer: String, _ hash: UInt64, _ bucket: Int) {
            self.rule = rule
            self.customer = customer
            self.hash = hash
            self.bucket = bucket
        }
    }

    /// FNV-1a 64 of rule name, zero byte and customer id, computed apart from this code with
    /// Python: `h = 0xcbf29ce484222325; for b in data: h = ((h ^ b) * 0x100000001b3) % 2**64`.
    static let hashes: [HashCase] = [
        HashCase("kin-upgrade", "C01", 0x81c3_b0d4_8080_9eb2, 9874),
        HashCase("kin-upgrade", "C03", 0x81c3_aed4_8080_9b4c, 3452),
        HashCase("big-spenders", "C01", 0xac1d_b098_c329_02ae, 6366),
        HashCase("big-spenders", "C07", 0xac1d_b298_c329_0614, 2788),
        HashCase("lapsed-reviewers", "C02", 0x0160_f08d_7af1_6850, 7120),
        HashCase("merch-regulars", "C06", 0xdb4b_a219_a6c2_4f99, 1513),
        HashCase("merch-regulars", "C08", 0xdb4b_ac19_a6c2_6097, 3623),
        HashCase("vip", "17850", 0x9082_7f6c_7cf6_e201, 8081),
        HashCase("vip", "007", 0xcea5_1936_14f7_1065, 7349),
        HashCase("a", "é", 0xa9fe_a482_0c2f_5004, 8820),
        HashCase("spring-sale-2012", "CUST-0000001", 0xe667_8cf2_a180_d1ef, 1247),
        HashCase("x", "👩‍💻", 0x48d2_e91e_3289_e641, 8017),
        HashCase("r", "", 0x08dc_7407_b57b_cdef, 639),
    ]

    @Test("hashes and buckets match the table", arguments: hashes)
    func table(_ testCase: HashCase) {
        var state = FNV1a64()
        state.combine(testCase.rule.utf8)
        state.combine(0)
        state.combine(testCase.customer.utf8)
        #expect(state.value == testCase.hash)
        let split = HoldoutSplit(ruleName: testCase.rule, percentage: .zero)
        #expect(split.bucket(of: testCase.customer) == testCase.bucket)
    }

    @Test("plain FNV-1a 64 test vectors")
    func vectors() {
        #expect(FNV1a64().value == 0xcbf2_9ce4_8422_2325)
        var letter = FNV1a64()
        letter.combine("a".utf8)
        #expect(letter.value == 0xaf63_dc4c_8601_ec8c)
        var word = FNV1a64()
        word.combine("foobar".utf8)
        #expect(word.value == 0x8594_4171_f739_67e8)
    }

    @Test("the limit is the percentage in basis points")
    func boundary() {
        // C03's bucket under kin-upgrade is 3452: held out at 34.53%, targeted at 34.52%.
        #expect(HoldoutSplit(ruleName: "kin-upgrade", percentage: Percentage(basisPoints: 3_453)).isHeldOut("C03"))
        #expect(!HoldoutSplit(ruleName: "kin-upgrade", percentage: Percentage(basisPoints: 3_452)).isHeldOut("C03"))
        #expect(!HoldoutSplit(ruleName: "kin-upgrade", percentage: .zero).isHeldOut("C03"))
        #expect(HoldoutSplit(ruleName: "kin-upgrade", percentage: .all).isHeldOut("C01"))
    }

    @Test("another rule name splits the same customers differently")
    func nameMatters() {
        let ids = (0..<1_000).map { "C\($0)" }
        let first = HoldoutSplit(ruleName: "spring-a", percentage: Percentage(basisPoints: 5_000))
        let second = HoldoutSplit(ruleName: "spring-b", percentage: Percentage(basisPoints: 5_000))
        let differing = ids.filter { first.isHeldOut($0) != second.isHeldOut($0) }.count
        #expect(differing > 400)
        #expect(differing < 600)
    }

    @Test("share over a million ids is within 0.1 points of the holdout")
    func share() {
        let count = 1_000_000
        var histogram = [Int](repeating: 0, count: 10_000)
        let split = HoldoutSplit(ruleName: "spring-sale-2012", percentage: .zero)
        for number in 0..<count {
            histogram[split.bucket(of: "CUST-" + String(number))] += 1
        }
        var below = [Int](repeating: 0, count: 10_001)
        for bucket in 0..<10_000 {
            below[bucket + 1] = below[bucket] + histogram[bucket]
        }
        for basisPoints in [0, 1, 100, 1_000, 2_500, 3_453, 5_000, 6_667, 9_999, 10_000] {
            let heldOut = below[basisPoints]
            let deviation = abs(Double(heldOut) / Double(count) * 100 - Double(basisPoints) / 100)
            #expect(deviation <= 0.1, "holdout \(Percentage(basisPoints: basisPoints)): \(heldOut) of \(count)")
        }
        #expect(below[0] == 0)
        #expect(below[10_000] == count)

        let direct = HoldoutSplit(ruleName: "spring-sale-2012", percentage: Percentage(basisPoints: 3_453))
        let heldOut = (0..<count).filter { direct.isHeldOut("CUST-" + String($0)) }.count
        #expect(heldOut == below[3_453])
    }
}
