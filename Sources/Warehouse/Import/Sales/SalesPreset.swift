import Foundation

/// How one shop's or ERP's flat sales export maps onto the warehouse.
///
/// A flat sales file has one row per order line, with the order's, customer's and product's
/// fields repeated on each row. A preset names its columns and the quirks of its source.
public struct SalesPreset: Sendable {
    public let name: String
    public let summary: String
    /// Source header → sales column.
    public let columnMap: [String: String]
    /// The currency the file's amounts are in, when the source has only one.
    public let currency: String?
    /// The zone of the file's zoneless timestamps.
    public let zone: String?
    /// Orders whose id starts with this are cancellations: their quantities count negative.
    public let cancellationPrefix: String?
    /// SKUs of postage, fees and adjustments, which are not merchandise.
    public let nonMerchandiseSKUs: Set<String>
    /// Descriptions that stand for a missing value, such as `nan`.
    public let missingDescriptions: Set<String>
    /// Written status (lower case) → `ok`, `void` or `return`.
    public let statusMap: [String: String]
    /// Sales columns that a later row of the same order may leave empty, to be carried forward.
    public let carriedForward: Set<String>
    /// Source columns kept as customer attributes, with their attribute names.
    public let attributes: [String: String]
    /// Each line's rating becomes a `rate` event of a member linked straight to the customer.
    public let ratingsAsEvents: Bool
    /// Orders take the row's line number as their id (for sources without order ids).
    public let orderPerRow: Bool

    init(
        name: String, summary: String, columnMap: [String: String], currency: String? = nil, zone: String? = nil,
        cancellationPrefix: String? = nil, nonMerchandiseSKUs: Set<String> = [], missingDescriptions: Set<String> = [],
        statusMap: [String: String] = [:], carriedForward: Set<String> = [], attributes: [String: String] = [:],
        ratingsAsEvents: Bool = false, orderPerRow: Bool = false
    ) {
        self.name = name
        self.summary = summary
        self.columnMap = columnMap
        self.currency = currency
        self.zone = zone
        self.cancellationPrefix = cancellationPrefix
        self.nonMerchandiseSKUs = nonMerchandiseSKUs
        self.missingDescriptions = missingDescriptions
        self.statusMap = statusMap
        self.carriedForward = carriedForward
        self.attributes = attributes
        self.ratingsAsEvents = ratingsAsEvents
        self.orderPerRow = orderPerRow
    }

    public static let all: [SalesPreset] = [onlineRetail, shopifyOrders, electronicSales]

    public static func named(_ name: String) -> SalesPreset? {
        all.first { $0.name == name }
    }

    /// The UCI Online Retail file: a UK gift retailer's invoice lines, 2010-12 to 2011-12.
    public static let onlineRetail = SalesPreset(
        name: "online-retail",
        summary: "UCI Online Retail invoice lines (GBP, UK local time, C-prefixed cancellations)",
        columnMap: [
            "InvoiceNo": "order_id", "StockCode": "sku", "Description": "description", "Quantity": "quantity",
            "InvoiceDate": "ordered_at", "UnitPrice": "unit_price", "CustomerID": "customer_id", "Country": "country",
        ],
        currency: "GBP", zone: "Europe/London", cancellationPrefix: "C",
        nonMerchandiseSKUs: ["POST", "DOT", "M", "D", "B", "C2", "S", "CRUK", "PADS", "AMAZONFEE", "BANK CHARGES", "ADJUST", "ADJUST2"],
        missingDescriptions: ["nan"])

    /// Shopify's orders export: order fields only on an order's first row, line items on each.
    /// The export has no customer id, so customers are known by their email in lower case.
    public static let shopifyOrders = SalesPreset(
        name: "shopify-orders",
        summary: "Shopify orders export (order fields carried forward, refunds as negative lines)",
        columnMap: [
            "Name": "order_id", "Email": "email", "Created at": "ordered_at", "Lineitem quantity": "quantity",
            "Lineitem name": "description", "Lineitem price": "unit_price", "Lineitem sku": "sku",
            "Financial Status": "status", "Cancelled at": "cancelled_at", "Accepts Marketing": "accepts_marketing",
            "Currency": "currency", "Billing Name": "name", "Shipping Country": "country", "Source": "channel",
            "Refunded Amount": "refund", "Fulfillment Status": "fulfillment_status",
        ],
        statusMap: [
            "paid": "ok", "pending": "ok", "authorized": "ok", "partially_paid": "ok", "partially_refunded": "ok",
            "refunded": "ok", "voided": "void", "expired": "void",
        ],
        carriedForward: [
            "email", "ordered_at", "status", "cancelled_at", "accepts_marketing", "currency", "name", "country",
            "channel", "refund",
        ])

    /// The electronics sales sample: one purchase per row with its rating and loyalty flag.
    public static let electronicSales = SalesPreset(
        name: "electronic-sales",
        summary: "electronics purchases, one per row, with ratings as rate events and the loyalty flag as an attribute",
        columnMap: [
            "Customer ID": "customer_id", "Product Type": "category", "SKU": "sku", "Rating": "rating",
            "Order Status": "status", "Unit Price": "unit_price", "Quantity": "quantity", "Purchase Date": "ordered_at",
        ],
        statusMap: ["completed": "ok", "cancelled": "void"],
        attributes: ["Loyalty Member": "loyalty_member", "Age": "age", "Gender": "gender"],
        ratingsAsEvents: true, orderPerRow: true)
}
