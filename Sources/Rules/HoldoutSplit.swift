/// Decides which of a rule's hits are held out, the same way on every run, machine and
/// language.
///
/// A customer is held out when the FNV-1a 64 hash of the UTF-8 bytes of the rule name, one
/// zero byte and the UTF-8 bytes of the customer id, modulo 10,000, is below the holdout in
/// basis points. All of it is integer arithmetic, so 34.53% compares the bucket with exactly
/// 3453. Swift's own `Hasher` is seeded per process and would give another split on every
/// run, which is why the hash is spelled out here.
public struct HoldoutSplit: Sendable, Hashable {
    public let ruleName: String
    public let percentage: Percentage
    /// The hash state after the rule name and the zero byte, shared by every customer.
    private let prefixState: FNV1a64

    public init(ruleName: String, percentage: Percentage) {
        self.ruleName = ruleName
        self.percentage = percentage
        var state = FNV1a64()
        state.combine(ruleName.utf8)
        state.combine(0)
        prefixState = state
    }

    /// Returns the customer's bucket, 0 to 9,999.
    public func bucket(of customerID: String) -> Int {
        var state = prefixState
        state.combine(customerID.utf8)
        return Int(state.value % 10_000)
    }

    /// Whether the customer is held out.
    public func isHeldOut(_ customerID: String) -> Bool {
        bucket(of: customerID) < percentage.basisPoints
    }
}

/// The 64-bit FNV-1a hash: starting from the 64-bit FNV offset basis, each byte is XORed
/// into the state, which is then multiplied by the 64-bit FNV prime modulo 2^64.
public struct FNV1a64: Sendable, Hashable {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    public private(set) var value: UInt64 = FNV1a64.offsetBasis

    public init() {}

    public mutating func combine(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* FNV1a64.prime
    }

    public mutating func combine<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            combine(byte)
        }
    }
}
