/// The sample's random source: SplitMix64 (Steele, Lea and Flood, 2014), integers only.
///
/// The same seed gives the same sequence on every machine, because the generator uses only
/// 64-bit wrapping arithmetic and never Swift's per-process `Hasher` or floating point.
/// Each customer, member and guest order draws from its own stream, derived from the seed,
/// a stream tag and an index, so one entity's values do not depend on how many numbers
/// were drawn before it.
struct SplitMix64 {
    private(set) var state: UInt64

    init(state: UInt64) {
        self.state = state
    }

    /// Returns the stream for entity `index` of the kind named by `tag` under `seed`.
    init(seed: UInt64, tag: UInt64, index: Int) {
        var mixer = SplitMix64(state: seed ^ (tag &* 0xD1B5_4A32_D192_ED03))
        let base = mixer.next()
        self.init(state: base ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15))
        _ = next()
    }

    /// Returns the next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Returns a number in `0..<bound`, exactly uniform (Lemire's multiply-and-reject method).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "a random number below \(bound) was requested")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// Returns a number in `range`, both ends included.
    mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// Returns true with a probability of `perTenThousand` / 10,000.
    mutating func chance(_ perTenThousand: Int) -> Bool {
        below(10_000) < perTenThousand
    }
}

/// A choice among indexes `0..<weights.count` with integer weights.
struct WeightedChoice {
    /// Running totals: entry `i` is the sum of weights `0...i`.
    let cumulative: [Int]

    init(_ weights: [Int]) {
        precondition(weights.allSatisfy { $0 >= 0 }, "negative weight in \(weights)")
        var total = 0
        cumulative = weights.map { weight in
            total += weight
            return total
        }
        precondition(total > 0, "weights \(weights) add up to zero")
    }

    var total: Int { cumulative[cumulative.count - 1] }

    /// Returns an index drawn with probability proportional to its weight.
    func pick(_ random: inout SplitMix64) -> Int {
        index(at: random.below(total))
    }

    /// Returns an index drawn from the indexes in `range` only, in proportion to their weights.
    func pick(_ random: inout SplitMix64, in range: Range<Int>) -> Int {
        let low = range.lowerBound == 0 ? 0 : cumulative[range.lowerBound - 1]
        let high = cumulative[range.upperBound - 1]
        guard high > low else { return range.lowerBound + random.below(range.count) }
        return index(at: low + random.below(high - low))
    }

    /// Returns the first index whose running total exceeds `point`.
    private func index(at point: Int) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > point {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }
}
