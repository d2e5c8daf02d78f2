/// Numbers written as plain text for CSV and tables, independent of any locale:
/// an optional `-`, ASCII digits and a `.` before the fraction, with no grouping
/// and no exponent (`-1234.50`, `0.3333`).
///
/// Negative zero is never written: a value that rounds to zero is `0` or `0.00`.
public enum PlainNumber {
    /// Returns an amount in minor units (cents) as plain text with
    /// `fractionDigits` decimals: `-123450` is `-1234.50` and `5` is `0.05`.
    public static func money(_ minorUnits: Int64, fractionDigits: Int = 2) -> String {
        precondition(
            (0...18).contains(fractionDigits),
            "money cannot have \(fractionDigits) fraction digits")
        return decimal(
            magnitude: UInt128(minorUnits.magnitude), isNegative: minorUnits < 0,
            fractionDigits: fractionDigits)
    }

    /// Returns `numerator / denominator` rounded half away from zero to
    /// `fractionDigits` decimals, or nil when the denominator is 0.
    ///
    /// The quotient is computed in 128-bit integers, so the result is exact for
    /// every pair of `Int64` values: 1/3 at 4 decimals is `0.3333`, 2/3 is
    /// `0.6667` and -1/8 at 2 decimals is `-0.13`.
    public static func ratio(
        _ numerator: Int64, _ denominator: Int64, fractionDigits: Int
    ) -> String? {
        precondition(
            (0...18).contains(fractionDigits),
            "a ratio cannot have \(fractionDigits) fraction digits")
        if denominator == 0 {
            return nil
        }

        // |numerator| <= 2^63 and 10^18 < 2^60, so the product fits in 128 bits.
        let scaled = UInt128(numerator.magnitude) * powerOfTen(fractionDigits)
        let divisor = UInt128(denominator.magnitude)
        var quotient = scaled / divisor
        let remainder = scaled % divisor
        if remainder >= divisor - remainder {
            quotient += 1
        }
        let isNegative = (numerator < 0) != (denominator < 0)
        return decimal(magnitude: quotient, isNegative: isNegative, fractionDigits: fractionDigits)
    }

    /// Returns `magnitude / 10^fractionDigits` as plain text, with `-` when
    /// `isNegative` and the magnitude is not zero.
    static func decimal(magnitude: UInt128, isNegative: Bool, fractionDigits: Int) -> String {
        var digits = String(magnitude)
        if digits.count <= fractionDigits {
            digits = String(repeating: "0", count: fractionDigits + 1 - digits.count) + digits
        }
        if fractionDigits > 0 {
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -fractionDigits))
        }
        if isNegative && magnitude != 0 {
            digits = "-" + digits
        }
        return digits
    }

    static func powerOfTen(_ exponent: Int) -> UInt128 {
        var result: UInt128 = 1
        for _ in 0..<exponent {
            result *= 10
        }
        return result
    }
}

extension PlainNumber {
    /// A plain number with thousands separators in its integer part: `-1234567.50` becomes
    /// `-1,234,567.50`. For screens only; CSV keeps numbers plain.
    public static func grouped(_ plain: String) -> String {
        var sign = ""
        var body = Substring(plain)
        if body.first == "-" {
            sign = "-"
            body = body.dropFirst()
        }
        let integer = body.prefix { $0 != "." }
        let rest = body.dropFirst(integer.count)
        var groups: [Substring] = []
        var end = integer.endIndex
        while end > integer.startIndex {
            let start = integer.index(end, offsetBy: -3, limitedBy: integer.startIndex) ?? integer.startIndex
            groups.insert(integer[start..<end], at: 0)
            end = start
        }
        return sign + groups.joined(separator: ",") + rest
    }
}

/// `count` and the noun, in the plural unless the count is 1: `1 customer`, `3 customers`.
public func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
}
