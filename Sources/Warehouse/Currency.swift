/// An ISO 4217 currency whose minor unit has two digits, the only kind a warehouse stores.
///
/// Amounts are integers in the minor unit (cents), so a currency with zero or three minor
/// digits (JPY, KWD) would need another scale and is rejected at `init`.
public struct Currency: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let code: String

    public static let `default` = Currency(validatedCode: "USD")

    private init(validatedCode: String) {
        self.code = validatedCode
    }

    /// The currency for an ISO 4217 code in any letter case, or nil when it is not a known
    /// code with two minor digits.
    public init?(code: String) {
        let upper = code.uppercased()
        guard Currency.twoDigitCodes.contains(upper) else { return nil }
        self.code = upper
    }

    public var description: String { code }

    /// Why `code` is not accepted, for an error message.
    public static func rejectionReason(for code: String) -> String {
        let upper = code.uppercased()
        if let digits = otherMinorDigits[upper] {
            return "\(upper) has \(digits) minor digit\(digits == 1 ? "" : "s"); the warehouse stores amounts in hundredths"
        }
        return "'\(code)' is not an ISO 4217 currency code"
    }

    /// Active ISO 4217 codes with two minor digits (ISO 4217 list one, as published in 2024).
    static let twoDigitCodes: Set<String> = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
        "BGN", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF",
        "CNY", "COP", "CRC", "CUP", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD",
        "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR",
        "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR",
        "LRD", "LSL", "MAD", "MDL", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN",
        "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR",
        "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE",
        "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD",
        "TWD", "TZS", "UAH", "USD", "UYU", "UZS", "VES", "WST", "XCD", "YER", "ZAR", "ZMW", "ZWL",
    ]

    /// Active codes whose minor unit is not two digits, named in the rejection message.
    static let otherMinorDigits: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
        "PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        "CLF": 4, "UYW": 4,
    ]
}
