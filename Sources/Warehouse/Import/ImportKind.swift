/// The tables `dotwork import KIND FILE` fills, and the columns each file may have.
public enum ImportKind: String, CaseIterable, Sendable {
    case customers
    case identities
    case products
    case orders
    case orderLines = "order-lines"
    case members
    case events

    public var table: String {
        switch self {
        case .customers: return "customers"
        case .identities: return "customer_identities"
        case .products: return "products"
        case .orders: return "orders"
        case .orderLines: return "order_lines"
        case .members: return "members"
        case .events: return "events"
        }
    }

    /// The columns a file of this kind may have, in table order.
    public var fields: [ImportField] {
        switch self {
        case .customers:
            return [
                .init("customer_id", .identifier, isRequired: true),
                .init("name", .text), .init("email", .text), .init("region", .text), .init("country", .text),
                .init("channel", .text), .init("signup_date", .date), .init("opt_out", .boolean),
            ]
        case .identities:
            return [
                .init("customer_id", .identifier, isRequired: true),
                .init("provider", .provider, isRequired: true),
                .init("external_id", .identifier, isRequired: true),
            ]
        case .products:
            return [
                .init("sku", .identifier, isRequired: true), .init("name", .text), .init("category", .text),
                .init("retail_price_cents", .money), .init("unit_cost_cents", .money),
                .init("merchandise", .boolean),
            ]
        case .orders:
            return [
                .init("order_id", .identifier, isRequired: true), .init("customer_id", .optionalIdentifier),
                .init("ordered_at", .timestamp, isRequired: true), .init("channel", .text), .init("country", .text),
                .init("status", .orderStatus),
            ]
        case .orderLines:
            return [
                .init("order_id", .identifier, isRequired: true), .init("line_no", .lineNumber),
                .init("sku", .identifier, isRequired: true), .init("quantity", .integer, isRequired: true),
                .init("unit_price_cents", .money, isRequired: true), .init("line_total_cents", .money),
            ]
        case .members:
            return [
                .init("source", .identifier, isRequired: true), .init("member_id", .identifier, isRequired: true),
                .init("handle", .text), .init("joined_at", .timestamp), .init("provider", .provider),
                .init("external_id", .optionalIdentifier),
            ]
        case .events:
            return [
                .init("source", .identifier, isRequired: true), .init("event_id", .identifier, isRequired: true),
                .init("member_id", .identifier, isRequired: true), .init("occurred_at", .timestamp, isRequired: true),
                .init("kind", .eventKind, isRequired: true), .init("topic", .text), .init("sku", .optionalIdentifier),
                .init("rating", .rating),
            ]
        }
    }

    /// The columns that identify a row, for upserts and duplicate checks.
    public var keyColumns: [String] {
        switch self {
        case .customers: return ["customer_id"]
        case .identities: return ["customer_id", "provider", "external_id"]
        case .products: return ["sku"]
        case .orders: return ["order_id"]
        case .orderLines: return ["order_id", "line_no"]
        case .members: return ["source", "member_id"]
        case .events: return ["source", "event_id"]
        }
    }

    /// Whether columns beyond `fields` are kept (as typed attributes) rather than ignored.
    public var keepsExtraColumns: Bool { self == .customers }

    /// The kinds named in help and suggestions, in the order a warehouse is best filled.
    public static var names: [String] { allCases.map(\.rawValue) }
}

/// One column an import file may have.
public struct ImportField: Sendable, Equatable {
    /// How a cell of the column is read.
    public enum ValueType: Sendable, Equatable {
        /// A non-empty id kept as text, trimmed: `007` stays `007`.
        case identifier
        /// An id that may be empty (a guest order's customer).
        case optionalIdentifier
        case text
        case date
        case timestamp
        /// An amount in the warehouse currency, stored in minor units.
        case money
        case integer
        case boolean
        /// A lower-case provider name such as `facebook` or `email`.
        case provider
        case eventKind
        case orderStatus
        /// A positive order line number; assigned in file order when the column is absent or empty.
        case lineNumber
        /// A whole-number rating, empty when there is none.
        case rating
    }

    /// The table column. A `_cents` money column is also read from a header without the suffix.
    public let column: String
    public let type: ValueType
    public let isRequired: Bool

    init(_ column: String, _ type: ValueType, isRequired: Bool = false) {
        self.column = column
        self.type = type
        self.isRequired = isRequired
    }

    /// Header names that fill this column, preferred first: `unit_price` holds an amount such
    /// as `12.50`, and `unit_price_cents` the same amount as whole minor units (`1250`).
    var headerNames: [String] {
        if type == .money, column.hasSuffix("_cents") {
            return [String(column.dropLast("_cents".count)), column]
        }
        return [column]
    }
}

/// The event kinds of the engagement ladder, in the order the design lists them.
public let eventKinds = ["view", "join", "login", "rate", "review", "comment", "post", "share"]
