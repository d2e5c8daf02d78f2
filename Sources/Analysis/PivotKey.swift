/// The key of a pivot row or column, or of a cohort.
///
/// Real keys sort first (text by UTF-8 bytes, which is time order for `YYYY-MM` months;
/// tiers in ladder order), then the `(guest)` or `(unlinked)` literal, then the missing key.
public enum PivotKey: Hashable, Sendable {
    case value(String)
    /// Order facts with no customer in scope.
    case guest
    /// Member or event facts of a member with no linked customer in scope.
    case unlinked
    /// A missing value, such as a customer without a region.
    case missing

    /// The key as a CSV cell: literals written out, the missing key empty.
    public var csvText: String? {
        switch self {
        case .value(let text): return text
        case .guest: return "(guest)"
        case .unlinked: return "(unlinked)"
        case .missing: return nil
        }
    }

    /// The key as the screen shows it.
    public var displayText: String {
        csvText ?? "(none)"
    }

    /// The order of keys in one dimension.
    static func precedes(_ lhs: PivotKey, _ rhs: PivotKey, tierOrder: Bool) -> Bool {
        switch (lhs, rhs) {
        case (.value(let a), .value(let b)):
            if tierOrder, let x = tierRank[a], let y = tierRank[b] {
                return x < y
            }
            return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
        default:
            return lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .value: return 0
        case .guest, .unlinked: return 1
        case .missing: return 2
        }
    }

    static let tierRank: [String: Int] = ["none": 0, "spectator": 1, "joiner": 2, "critic": 3, "creator": 4]

    /// The key stored in a SQL result: NULL is missing, and the literals have their own text.
    init(sqlText: String?) {
        switch sqlText {
        case nil: self = .missing
        case "\u{1}guest"?: self = .guest
        case "\u{1}unlinked"?: self = .unlinked
        case let text?: self = .value(text)
        }
    }
}

/// One figure: a count, an amount of cents, or a ratio kept as its exact numerator and denominator.
public enum PivotValue: Hashable, Sendable {
    case count(Int64)
    case money(Int64)
    /// Cents over a count, printed to the cent.
    case moneyRatio(numerator: Int64, denominator: Int64)
    /// A fraction printed with four decimals.
    case share(numerator: Int64, denominator: Int64)
}
