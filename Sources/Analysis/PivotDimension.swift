/// A way to split figures into rows or columns of a pivot.
public enum PivotDimension: String, CaseIterable, Sendable {
    case tier
    case memberTier = "member-tier"
    case signupMonth = "signup-month"
    case orderMonth = "order-month"
    case eventMonth = "event-month"
    case region
    case country
    case orderCountry = "order-country"
    case channel
    case orderChannel = "order-channel"
    case category
    case sku
    case eventKind = "event-kind"

    /// The fact a dimension belongs to, before `sku` and `category` pick theirs.
    var ownFact: Fact {
        switch self {
        case .tier, .signupMonth, .region, .country, .channel: return .customers
        case .memberTier: return .members
        case .eventMonth, .eventKind: return .events
        case .orderMonth, .orderCountry, .orderChannel: return .orders
        case .sku, .category: return .orderLines
        }
    }

    var isCustomerDimension: Bool { ownFact == .customers }

    /// Whether the dimension belongs to members or events.
    var isCommunityDimension: Bool { self == .memberTier || self == .eventMonth || self == .eventKind }

    var isOrderDimension: Bool { self == .orderMonth || self == .orderCountry || self == .orderChannel }

    /// Whether keys are months, which sort in time order (their text order).
    var isMonth: Bool { self == .signupMonth || self == .orderMonth || self == .eventMonth }

    /// Whether keys are tier words, which sort in ladder order.
    var isTier: Bool { self == .tier || self == .memberTier }

    /// The CSV name of the key column: the option value with `-` as `_`.
    public var columnName: String { rawValue.replacingOccurrences(of: "-", with: "_") }
}

/// The table a pivot counts over. Facts are ordered customers < members < events and
/// customers < orders < order lines; members or events never mix with orders or lines.
public enum Fact: Int, Sendable, Comparable {
    case customers
    case members
    case events
    case orders
    case orderLines

    var isCommunity: Bool { self == .members || self == .events }
    var isSales: Bool { self == .orders || self == .orderLines }

    public static func < (lhs: Fact, rhs: Fact) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// What a pivot cell counts, sums or divides.
public enum Measure: Equatable, Hashable, Sendable {
    case customers
    case members
    case events
    /// Events of one kind, keyed like `events`.
    case eventsOfKind(String)
    case orders
    case units
    case revenue
    case merchRevenue
    case aov
    case revenuePerCustomer
    case revenuePerBuyer
    case buyerShare

    public static let names = [
        "customers", "members", "events", "events:KIND", "orders", "units", "revenue", "merch-revenue", "aov",
        "revenue-per-customer", "revenue-per-buyer", "buyer-share",
    ]

    /// The measure an option value names, or nil.
    public init?(name: String) {
        switch name {
        case "customers": self = .customers
        case "members": self = .members
        case "events": self = .events
        case "orders": self = .orders
        case "units": self = .units
        case "revenue": self = .revenue
        case "merch-revenue": self = .merchRevenue
        case "aov": self = .aov
        case "revenue-per-customer": self = .revenuePerCustomer
        case "revenue-per-buyer": self = .revenuePerBuyer
        case "buyer-share": self = .buyerShare
        default:
            guard name.hasPrefix("events:") else { return nil }
            self = .eventsOfKind(String(name.dropFirst("events:".count)))
        }
    }

    public var name: String {
        switch self {
        case .customers: return "customers"
        case .members: return "members"
        case .events: return "events"
        case .eventsOfKind(let kind): return "events:" + kind
        case .orders: return "orders"
        case .units: return "units"
        case .revenue: return "revenue"
        case .merchRevenue: return "merch-revenue"
        case .aov: return "aov"
        case .revenuePerCustomer: return "revenue-per-customer"
        case .revenuePerBuyer: return "revenue-per-buyer"
        case .buyerShare: return "buyer-share"
        }
    }

    /// The fact the measure belongs to.
    var fact: Fact {
        switch self {
        case .customers, .revenuePerCustomer, .revenuePerBuyer, .buyerShare: return .customers
        case .members: return .members
        case .events, .eventsOfKind: return .events
        case .orders, .aov: return .orders
        case .units, .revenue, .merchRevenue: return .orderLines
        }
    }

    /// Whether the measure counts or divides customers, so rows without one are dropped.
    var isCustomerBased: Bool {
        switch self {
        case .customers, .revenuePerCustomer, .revenuePerBuyer, .buyerShare: return true
        default: return false
        }
    }

    /// How a value of the measure is printed.
    public var valueKind: ValueKind {
        switch self {
        case .customers, .members, .events, .eventsOfKind, .orders, .units: return .count
        case .revenue, .merchRevenue: return .money
        case .aov, .revenuePerCustomer, .revenuePerBuyer: return .moneyRatio
        case .buyerShare: return .share
        }
    }
}

/// How a figure is printed.
public enum ValueKind: Sendable {
    /// An integer.
    case count
    /// Cents, printed with two decimals.
    case money
    /// A quotient of cents by a count, rounded half away from zero to a cent.
    case moneyRatio
    /// A fraction with four decimals.
    case share
}
