import Testing

@testable import Warehouse

@Suite("SplitMix64")
struct SplitMix64Tests {
    @Test("matches the reference outputs for state 0")
    func referenceOutputs() {
        var random = SplitMix64(state: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("streams differ by tag and index")
    func streams() {
        var first = SplitMix64(seed: 1, tag: 2, index: 0)
        var otherIndex = SplitMix64(seed: 1, tag: 2, index: 1)
        var otherTag = SplitMix64(seed: 1, tag: 3, index: 0)
        var again = SplitMix64(seed: 1, tag: 2, index: 0)
        let value = first.next()
        #expect(value != otherIndex.next())
        #expect(value != otherTag.next())
        #expect(value == again.next())
    }

    @Test("below stays in range and reaches every value")
    func below() {
        var random = SplitMix64(state: 42)
        var seen = Set<Int>()
        for _ in 0..<1_000 {
            let value = random.below(7)
            #expect((0..<7).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 7)
    }

    @Test("weighted choice never picks a zero weight")
    func weightedChoice() {
        let choice = WeightedChoice([3, 0, 1])
        var random = SplitMix64(state: 7)
        var counts = [0, 0, 0]
        for _ in 0..<4_000 {
            counts[choice.pick(&random)] += 1
        }
        #expect(counts[1] == 0)
        #expect(counts[0] > 2 * counts[2])
        #expect(choice.pick(&random, in: 2..<3) == 2)
    }
}
