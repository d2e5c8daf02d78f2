/// A generated sample held in compact arrays: indexes and small integers, no text.
///
/// Text (names, addresses, ids, timestamps) is written only when a row is emitted, which
/// keeps a million customers and twenty million events within a few hundred megabytes.
/// Orders, members and events are sorted in the order of their table keys before they are
/// emitted, and their ids are their ranks in that order.
struct SampleDataset {
    let customerCount: Int
    let seed: UInt64
    var customers: [SampleCustomer] = []
    /// Customer identities in key order: by customer, then provider name.
    var identities: [SampleIdentity] = []
    /// Orders by time; an order's id is its rank here.
    var orders: [SampleOrder] = []
    var lines: [SampleLine] = []
    /// Members by source, then first activity; a member's id is its rank within its source.
    var members: [SampleMember] = []
    /// Events by source, then time; an event's id is its rank within its source.
    var events: [SampleEvent] = []
    /// Members per source, for the width of their ids.
    var membersPerSource: [Int] = []
    var eventsPerSource: [Int] = []
}

struct SampleCustomer {
    var firstName: UInt8
    var lastName: UInt8
    /// The customer whose address this customer uses: itself, or an earlier member of the household.
    var emailOwner: Int32
    var emailStyle: UInt8
    var emailDomain: UInt8
    var hasEmail: Bool
    var country: UInt8
    /// An index into the country's regions, or -1 when the region is missing.
    var region: Int8
    var channel: UInt8
    /// Days since 2009-01-01, or -1 for a customer without a signup date.
    var signupDay: Int16
    var optOut: Bool
    var hasLoyaltyCard: Bool
    /// Days since 1970-01-01, or nil when the birthday is unknown.
    var birthday: Int32?
    var loyaltyPoints: Int32
    var segment: SampleSegment
}

/// How much a customer buys, from never to the few big spenders.
enum SampleSegment: UInt8, CaseIterable {
    case browser, oneTime, occasional, regular, bigSpender
}

enum SampleProvider: UInt8 {
    case email, facebook, twitter
}

struct SampleIdentity {
    var customer: Int32
    var provider: SampleProvider
    /// Whether a Facebook id is written as a spreadsheet float (`100004567890123.0`), or an
    /// email identity is the customer's second address.
    var isVariant: Bool
}

struct SampleOrder {
    /// Seconds since 2009-01-01T00:00:00Z.
    var time: Int32
    /// The customer's index, or -1 for a guest.
    var customer: Int32
    var channel: UInt8
    var country: UInt8
    var status: Status
    var firstLine: Int32
    var lineCount: UInt8

    enum Status: UInt8 {
        case ok, `return`, void

        var text: String {
            switch self {
            case .ok: return "ok"
            case .return: return "return"
            case .void: return "void"
            }
        }
    }
}

struct SampleLine {
    var product: UInt8
    var quantity: Int16
    var unitPriceCents: Int32

    var totalCents: Int64 { Int64(quantity) * Int64(unitPriceCents) }
}

struct SampleMember {
    var source: UInt8
    /// Seconds since 2009-01-01, or -1 when the community has no join date for the member.
    var joinedAt: Int32
    /// The first instant the member was active, for ordering ids.
    var start: Int32
    var identity: Identity
    /// The first word and number of the display handle.
    var handleWord: UInt8
    var handleNumber: UInt16

    enum Identity {
        /// No provider: the member cannot be linked.
        case none
        /// The customer's own address; `styled` writes it with capitals, which matching ignores.
        case customerEmail(customer: Int32, styled: Bool)
        case secondEmail(customer: Int32)
        case customerFacebook(customer: Int32)
        case customerTwitter(customer: Int32)
        /// Provider `customer`: the ideas board stores the customer number itself.
        case customerNumber(customer: Int32)
        /// Identities that match no customer, numbered among the unlinked members.
        case otherEmail(Int32)
        case otherFacebook(Int32)
        case otherTwitter(Int32)
    }
}

struct SampleEvent {
    var time: Int32
    /// The member's generation index, before members are sorted.
    var member: Int32
    var kind: Kind
    /// 1 to 5 for rate and review events, else 0.
    var rating: UInt8
    /// A product index, or `SampleEvent.noProduct`.
    var product: UInt8
    /// A topic index, or `SampleEvent.noTopic`.
    var topic: UInt16

    static let noProduct: UInt8 = .max
    static let noTopic: UInt16 = .max

    /// The event kinds, in the order the warehouse lists them.
    enum Kind: UInt8, CaseIterable {
        case view, join, login, rate, review, comment, post, share

        var text: String { eventKinds[Int(rawValue)] }
    }
}
