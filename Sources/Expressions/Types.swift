import Warehouse

/// The type of a value in an expression. Two values compare only when their types match,
/// except that a number literal compares with money as that amount.
public enum ValueType: String, Sendable, Hashable, CaseIterable {
    case number
    case money
    case text
    case date
    case tier
}

extension AttributeType {
    /// The type an `attr "name"` of this recorded type has in an expression.
    public var valueType: ValueType {
        switch self {
        case .number: return .number
        case .date: return .date
        case .text: return .text
        }
    }
}

/// A kind of community event, as stored in `events.kind`.
public enum EventKind: String, Sendable, Hashable, CaseIterable {
    case view, join, login, rate, review, comment, post, share

    /// The rung that one event of this kind reaches.
    public var tier: Tier {
        switch self {
        case .view: return .spectator
        case .join, .login: return .joiner
        case .rate, .review, .comment, .share: return .critic
        case .post: return .creator
        }
    }
}

/// A column of the customer row that expressions can read by its bare name.
public enum CustomerField: String, Sendable, Hashable, CaseIterable {
    case customerID = "customer_id"
    case region
    case country
    case channel
    case signupDate = "signup_date"
    /// Computed from the ladder for the as-of date, not stored.
    case tier

    /// The name analysts write.
    public var name: String { rawValue }

    public var type: ValueType {
        switch self {
        case .customerID, .region, .country, .channel: return .text
        case .signupDate: return .date
        case .tier: return .tier
        }
    }
}

/// An exact decimal number as written: `units` × 10^-`scale`, so `12.50` is 1250 and 2.
///
/// Literals keep at most `Limits.numberDigits` significant digits, so `units` always fits in
/// an `Int64` and the value has an exact decimal form.
public struct NumberValue: Sendable, Hashable, CustomStringConvertible {
    public let units: Int64
    public let scale: Int

    public init(units: Int64, scale: Int) {
        self.units = units
        self.scale = scale
    }

    /// Parses `DIGITS[.DIGITS]` with an optional leading `-`, or returns nil when the text is
    /// malformed or has more significant digits than `Limits.numberDigits`.
    public init?(parsing text: some StringProtocol) {
        var digits = Substring(text)
        let isNegative = digits.first == "-"
        if isNegative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        // Leading zeros of the whole part do not count; every decimal written does, so the
        // scale stays within the digit limit too.
        let allDigits = parts[0].drop { $0 == "0" } + (parts.count == 2 ? parts[1] : "")
        guard allDigits.count <= Limits.numberDigits else { return nil }
        let magnitude = Int64(allDigits.isEmpty ? "0" : String(allDigits))!
        units = isNegative ? -magnitude : magnitude
        scale = parts.count == 2 ? parts[1].count : 0
    }

    /// Whether the value is a whole number.
    public var isWhole: Bool {
        scale == 0 || units % NumberValue.powerOfTen(scale) == 0
    }

    /// The value as an integer, when it is whole and fits.
    public var integerValue: Int64? {
        guard isWhole else { return nil }
        return scale == 0 ? units : units / NumberValue.powerOfTen(scale)
    }

    /// The nearest `Double`, for comparison with stored numbers.
    public var doubleValue: Double {
        Double(description)!
    }

    /// The value in hundredths, or nil when it has a non-zero digit past the second decimal
    /// or does not fit.
    public var hundredths: Int64? {
        if scale <= 2 {
            let (product, overflow) = units.multipliedReportingOverflow(by: NumberValue.powerOfTen(2 - scale))
            return overflow ? nil : product
        }
        let divisor = NumberValue.powerOfTen(scale - 2)
        return units % divisor == 0 ? units / divisor : nil
    }

    /// The value in plain decimal notation, keeping the written decimals.
    public var description: String {
        let magnitude = String(units.magnitude)
        let sign = units < 0 ? "-" : ""
        guard scale > 0 else { return sign + magnitude }
        let padded = String(repeating: "0", count: max(0, scale + 1 - magnitude.count)) + magnitude
        return sign + padded.dropLast(scale) + "." + padded.suffix(scale)
    }

    /// 10^exponent for the exponents that literals can have (at most `Limits.numberDigits`).
    static func powerOfTen(_ exponent: Int) -> Int64 {
        precondition((0...18).contains(exponent), "10^\(exponent) does not fit in Int64")
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}

/// An amount of the warehouse currency in its minor unit (cents).
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let cents: Int64

    public init(cents: Int64) {
        self.cents = cents
    }

    /// The amount a number literal stands for, or nil when it has more than two decimals.
    public init?(_ number: NumberValue) {
        guard let cents = number.hundredths else { return nil }
        self.cents = cents
    }

    /// The amount with two decimals, such as `-1234.50`.
    public var description: String {
        NumberValue(units: cents, scale: 2).description
    }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.cents < rhs.cents
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
