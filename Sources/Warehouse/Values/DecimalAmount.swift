/// An exact decimal amount of money as written in a file, such as `$1,234.50` or `(0.001)`.
///
/// The value is `units / 10^scale`. Amounts are kept exact until a line total is rounded
/// half-even to the minor unit, so a unit price of `0.001` times 1,000 gives exactly `1.00`.
public struct DecimalAmount: Sendable, Hashable, CustomStringConvertible {
    /// The amount scaled by 10^scale: `-12.5` is units -125, scale 1.
    public let units: Int64
    /// Digits after the decimal separator, 0...maxScale.
    public let scale: Int

    /// The most decimals accepted; more is rejected as a likely unit or format mistake.
    public static let maxScale = 6

    public init(units: Int64, scale: Int) {
        precondition((0...DecimalAmount.maxScale).contains(scale), "scale \(scale) outside 0...\(DecimalAmount.maxScale)")
        self.units = units
        self.scale = scale
    }

    /// Why a text is not an amount.
    public enum ParseFailure: Error, Sendable, Equatable {
        case empty
        case notANumber
        case misplacedGrouping
        case tooManyDecimals(Int)
        case tooLarge
    }

    /// Parses money the way shops and spreadsheets export it.
    ///
    /// Accepted: an optional sign (`-` before or after a currency symbol, or parentheses for
    /// a negative amount), one of the symbols `$ £ €` or a three-letter code before or after
    /// the number, digits with thousands separators in groups of three, and a decimal
    /// separator. With `decimalComma` the separators swap (`1.234,50`), and a space or
    /// no-break space may also group thousands.
    public static func parse(_ text: String, decimalComma: Bool = false) -> Result<DecimalAmount, ParseFailure> {
        var body = Substring(text.trimmingWhitespace())
        guard !body.isEmpty else { return .failure(.empty) }

        var isNegative = false
        if body.first == "(" && body.last == ")" {
            isNegative = true
            body = body.dropFirst().dropLast()
            body = Substring(body.trimmingWhitespace())
        }
        // Signs and currency marks may come in either order around the digits.
        var changed = true
        while changed {
            changed = false
            if let first = body.first, first == "-" || first == "+" || first == "\u{2212}" {
                if first != "+" { isNegative.toggle() }
                body = body.dropFirst()
                changed = true
            }
            if let stripped = stripCurrency(body) {
                body = stripped
                changed = true
            }
            body = Substring(body.trimmingWhitespace())
        }
        if body.last == "-" {
            isNegative.toggle()
            body = body.dropLast()
        }
        guard !body.isEmpty else { return .failure(.notANumber) }

        let decimalSeparator: Character = decimalComma ? "," : "."
        let groupSeparators: Set<Character> = decimalComma ? [".", " ", "\u{A0}", "\u{202F}"] : [","]

        var integerPart = body
        var fractionPart: Substring = ""
        if let separator = body.lastIndex(of: decimalSeparator) {
            integerPart = body[..<separator]
            fractionPart = body[body.index(after: separator)...]
        }
        guard fractionPart.allSatisfy(isASCIIDigit) else { return .failure(.notANumber) }

        // Thousands separators must split the integer digits into groups of three.
        var integerDigits = ""
        if integerPart.contains(where: { groupSeparators.contains($0) }) {
            let groups = integerPart.split(omittingEmptySubsequences: false) { groupSeparators.contains($0) }
            guard let first = groups.first, (1...3).contains(first.count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else {
                return .failure(.misplacedGrouping)
            }
            integerDigits = groups.joined()
        } else {
            integerDigits = String(integerPart)
        }
        guard integerDigits.allSatisfy(isASCIIDigit), !(integerDigits.isEmpty && fractionPart.isEmpty) else {
            return .failure(.notANumber)
        }

        // Trailing zeros after the second decimal carry no value: `7.5000` is `7.50`.
        var fraction = Substring(fractionPart)
        while fraction.count > 2 && fraction.last == "0" {
            fraction = fraction.dropLast()
        }
        guard fraction.count <= maxScale else { return .failure(.tooManyDecimals(fraction.count)) }

        let allDigits = (integerDigits + fraction).drop { $0 == "0" }
        guard allDigits.count <= 18, let magnitude = Int64(allDigits.isEmpty ? "0" : String(allDigits)) else {
            return .failure(.tooLarge)
        }
        return .success(DecimalAmount(units: isNegative ? -magnitude : magnitude, scale: fraction.count))
    }

    /// Whether the amount is a whole number of minor units (at most two decimals).
    public var isExactInMinorUnits: Bool { scale <= 2 }

    /// The amount in minor units, rounded half-even when it has more than two decimals.
    public var minorUnits: Int64 {
        DecimalAmount.roundHalfEven(units, droppingDigits: scale - 2) ?? 0
    }

    /// quantity × amount in minor units, rounded half-even once; nil on overflow.
    public func lineTotal(quantity: Int64) -> Int64? {
        let (product, overflow) = units.multipliedReportingOverflow(by: quantity)
        guard !overflow else { return nil }
        return DecimalAmount.roundHalfEven(product, droppingDigits: scale - 2)
    }

    /// `value / 10^digits` rounded half to even; a negative `digits` multiplies instead.
    static func roundHalfEven(_ value: Int64, droppingDigits digits: Int) -> Int64? {
        if digits <= 0 {
            var result = value
            for _ in 0 ..< -digits {
                let (next, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                result = next
            }
            return result
        }
        var divisor: Int64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let quotient = value / divisor
        let remainder = value % divisor
        let doubled = remainder.magnitude * 2
        if doubled < divisor.magnitude {
            return quotient
        }
        if doubled > divisor.magnitude || quotient % 2 != 0 {
            return value < 0 ? quotient - 1 : quotient + 1
        }
        return quotient
    }

    /// The amount in plain decimal form, such as `-0.001` or `12.50`.
    public var description: String {
        let magnitude = units.magnitude
        var text = String(magnitude)
        if scale > 0 {
            if text.count <= scale {
                text = String(repeating: "0", count: scale - text.count + 1) + text
            }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -scale))
        }
        return (units < 0 ? "-" : "") + text
    }

    private static func stripCurrency(_ text: Substring) -> Substring? {
        for symbol in ["$", "£", "€", "US$"] {
            if text.hasPrefix(symbol) { return text.dropFirst(symbol.count) }
            if text.hasSuffix(symbol) { return text.dropLast(symbol.count) }
        }
        // A three-letter code such as `USD 12.00` or `12,00 EUR`.
        let letters = text.prefix { $0.isASCII && $0.isLetter && $0.isUppercase }
        if letters.count == 3 && text.count > 3 { return text.dropFirst(3) }
        let trailing = text.reversed().prefix { $0.isASCII && $0.isLetter && $0.isUppercase }
        if trailing.count == 3 && text.count > 3 { return text.dropLast(3) }
        return nil
    }
}

func isASCIIDigit(_ character: Character) -> Bool {
    character.isASCII && character.isNumber
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and no-break spaces.
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return Substring(self[start...end])
    }
}
