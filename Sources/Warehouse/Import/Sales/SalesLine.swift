/// The columns a flat sales file can fill, after `--map` or a preset renamed its headers.
enum SalesColumn: String, CaseIterable {
    case orderID = "order_id"
    case orderedAt = "ordered_at"
    case sku
    case quantity
    case unitPrice = "unit_price"
    case lineTotal = "line_total"
    case customerID = "customer_id"
    case email
    case name
    case description
    case category
    case country
    case channel
    case status
    case customerRegion = "customer_region"
    case customerChannel = "customer_channel"
    case optOut = "opt_out"
    case acceptsMarketing = "accepts_marketing"
    case cancelledAt = "cancelled_at"
    case currency
    case refund
    case rating
    case fulfillmentStatus = "fulfillment_status"

    /// The column's position in `allCases`, for per-row arrays indexed by column.
    var index: Int { SalesColumn.indexes[self]! }

    private static let indexes = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    /// Columns every file needs, unless a preset derives them.
    static let required: [SalesColumn] = [.orderID, .orderedAt, .sku, .quantity, .unitPrice]
}

/// One order line read from a flat sales file, converted and checked.
struct SalesLine {
    let line: Int
    var orderID: String
    var orderedAt: UTCTimestamp
    var sku: String
    var quantity: Int64
    var unitPrice: DecimalAmount
    var lineTotal: Int64
    var customerID: String?
    var email: String?
    var name: String?
    var description: String?
    var category: String?
    var country: String?
    var channel: String?
    var status: String
    var customerRegion: String?
    var customerChannel: String?
    var optOut: Bool?
    var refund: DecimalAmount?
    var rating: Int64?
    var attributes: [String?]
    /// A cancellation line written with a positive quantity and stored negative.
    var wasFlipped = false
}
