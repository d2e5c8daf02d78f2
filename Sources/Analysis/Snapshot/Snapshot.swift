import Foundation
import Warehouse

/// The columnar snapshot of one warehouse generation, mapped read-only.
///
/// Every column is an array indexed by an ordinal: customers by id, members by (source,
/// member id), events grouped by member and ordered by time, orders grouped by customer with
/// guests last, lines grouped by order. Groups are compressed sparse rows: `x.start[i]..<
/// x.start[i+1]` indexes the items of ordinal `i`. Days count from 1970-01-01; `noDay`
/// marks a missing date and `never` a rung a member has not reached.
public final class Snapshot: @unchecked Sendable {
    /// A missing date, sorting before every real day.
    static let noDay = Int32.min
    /// A day no member reaches, sorting after every real day.
    static let never = Int32.max

    /// Event kinds by code, in the order the design lists them.
    static let kinds = ["view", "join", "login", "rate", "review", "comment", "post", "share"]

    let folder: String
    let counts: SnapshotCounts
    private var files: [MappedFile] = []

    let customerIDs: MappedStrings
    let customerSignup: UnsafeBufferPointer<Int32>
    let customerRegion: UnsafeBufferPointer<Int32>
    let customerCountry: UnsafeBufferPointer<Int32>
    let customerChannel: UnsafeBufferPointer<Int32>
    let customerOptOut: UnsafeBufferPointer<UInt8>
    let customerMemberStart: UnsafeBufferPointer<Int32>
    let customerMembers: UnsafeBufferPointer<Int32>
    let customerOrderStart: UnsafeBufferPointer<Int32>

    let memberExists: UnsafeBufferPointer<Int32>
    let memberJoined: UnsafeBufferPointer<Int32>
    let memberJoiner: UnsafeBufferPointer<Int32>
    let memberCritic: UnsafeBufferPointer<Int32>
    let memberCreator: UnsafeBufferPointer<Int32>
    let memberLinkStart: UnsafeBufferPointer<Int32>
    let memberLinks: UnsafeBufferPointer<Int32>
    let memberEventStart: UnsafeBufferPointer<Int32>

    let eventDay: UnsafeBufferPointer<Int32>
    let eventKind: UnsafeBufferPointer<UInt8>
    let eventProduct: UnsafeBufferPointer<Int32>

    let orderCustomer: UnsafeBufferPointer<Int32>
    let orderDay: UnsafeBufferPointer<Int32>
    let orderIsReturn: UnsafeBufferPointer<UInt8>
    let orderChannel: UnsafeBufferPointer<Int32>
    let orderCountry: UnsafeBufferPointer<Int32>
    let orderLineStart: UnsafeBufferPointer<Int32>

    let lineProduct: UnsafeBufferPointer<Int32>
    let lineQuantity: UnsafeBufferPointer<Int32>
    let lineTotal: UnsafeBufferPointer<Int64>

    let productSKU: MappedStrings
    let productCategory: UnsafeBufferPointer<Int32>
    let productMerchandise: UnsafeBufferPointer<UInt8>

    /// Search keys sorted by their UTF-8 bytes, with the customer each belongs to.
    let searchBlob: UnsafeBufferPointer<UInt8>
    let searchOffsets: UnsafeBufferPointer<Int64>
    let searchCustomer: UnsafeBufferPointer<Int32>

    /// Extra customer columns by name.
    let attributes: [String: AttributeColumn]

    /// Names of the coded text columns; code `c > 0` is `names[c - 1]`, code 0 is missing.
    let regionNames: [String]
    let countryNames: [String]
    let channelNames: [String]
    let orderChannelNames: [String]
    let orderCountryNames: [String]
    let categoryNames: [String]

    /// Opens the snapshot written in `folder`.
    public init(folder: String) throws {
        self.folder = folder
        counts = try SnapshotCounts.read(from: (folder as NSString).appendingPathComponent("manifest"))
        var files: [MappedFile] = []
        func map<T>(_ name: String, _ type: T.Type) throws -> UnsafeBufferPointer<T> {
            let file = try MappedFile(path: (folder as NSString).appendingPathComponent(name))
            files.append(file)
            return file.buffer(of: type)
        }
        func strings(_ name: String) throws -> MappedStrings {
            try MappedStrings(path: (folder as NSString).appendingPathComponent(name))
        }

        customerIDs = try strings("customer.id")
        customerSignup = try map("customer.signup", Int32.self)
        customerRegion = try map("customer.region.code", Int32.self)
        customerCountry = try map("customer.country.code", Int32.self)
        customerChannel = try map("customer.channel.code", Int32.self)
        customerOptOut = try map("customer.optout", UInt8.self)
        customerMemberStart = try map("customer.members.start", Int32.self)
        customerMembers = try map("customer.members.items", Int32.self)
        customerOrderStart = try map("customer.orders.start", Int32.self)

        memberExists = try map("member.exists", Int32.self)
        memberJoined = try map("member.joined", Int32.self)
        memberJoiner = try map("member.joiner", Int32.self)
        memberCritic = try map("member.critic", Int32.self)
        memberCreator = try map("member.creator", Int32.self)
        memberLinkStart = try map("member.links.start", Int32.self)
        memberLinks = try map("member.links.items", Int32.self)
        memberEventStart = try map("member.events.start", Int32.self)

        eventDay = try map("event.day", Int32.self)
        eventKind = try map("event.kind", UInt8.self)
        eventProduct = try map("event.product", Int32.self)

        orderCustomer = try map("order.customer", Int32.self)
        orderDay = try map("order.day", Int32.self)
        orderIsReturn = try map("order.return", UInt8.self)
        orderChannel = try map("order.channel.code", Int32.self)
        orderCountry = try map("order.country.code", Int32.self)
        orderLineStart = try map("order.lines.start", Int32.self)

        lineProduct = try map("line.product", Int32.self)
        lineQuantity = try map("line.quantity", Int32.self)
        lineTotal = try map("line.total", Int64.self)

        productSKU = try strings("product.sku")
        productCategory = try map("product.category.code", Int32.self)
        productMerchandise = try map("product.merch", UInt8.self)

        regionNames = try strings("customer.region.names").all()
        countryNames = try strings("customer.country.names").all()
        channelNames = try strings("customer.channel.names").all()
        orderChannelNames = try strings("order.channel.names").all()
        orderCountryNames = try strings("order.country.names").all()
        categoryNames = try strings("product.category.names").all()
        searchBlob = try map("search.key.utf8", UInt8.self)
        searchOffsets = try map("search.key.offsets", Int64.self)
        searchCustomer = try map("search.customer", Int32.self)

        let attributeNames = try strings("attribute.name").all()
        let attributeTypes = try map("attribute.type", UInt8.self)
        var attributes: [String: AttributeColumn] = [:]
        for (index, name) in attributeNames.enumerated() {
            switch AttributeType.allCases[Int(attributeTypes[index])] {
            case .number: attributes[name] = .number(try map("attribute.\(index).number", Double.self))
            case .date: attributes[name] = .date(try map("attribute.\(index).date", Int32.self))
            case .text:
                attributes[name] = .text(
                    try map("attribute.\(index).text.code", Int32.self), try strings("attribute.\(index).text.names").all())
            }
        }
        self.attributes = attributes
        self.files = files

        guard customerSignup.count == counts.customers, memberExists.count == counts.members,
            eventDay.count == counts.events, orderDay.count == counts.orders, lineTotal.count == counts.lines
        else {
            throw SnapshotError.damaged(path: folder, reason: "column lengths differ from the manifest")
        }
    }

    /// The kind code of an event kind's text, or 255 for a kind outside the ladder.
    static func kindCode(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        // Kinds differ in their first byte and length, so no string is built per event.
        guard let first = bytes.first else { return 255 }
        let code: UInt8
        switch (first, bytes.count) {
        case (UInt8(ascii: "v"), 4): code = 0
        case (UInt8(ascii: "j"), 4): code = 1
        case (UInt8(ascii: "l"), 5): code = 2
        case (UInt8(ascii: "r"), 4): code = 3
        case (UInt8(ascii: "r"), 6): code = 4
        case (UInt8(ascii: "c"), 7): code = 5
        case (UInt8(ascii: "p"), 4): code = 6
        case (UInt8(ascii: "s"), 5): code = 7
        default: return 255
        }
        return bytes.elementsEqual(kinds[Int(code)].utf8) ? code : 255
    }

    /// The rung an event kind reaches: 1 spectator, 2 joiner, 3 critic, 4 creator.
    static func rung(ofKind code: UInt8) -> Int {
        switch code {
        case 0: return 1
        case 1, 2: return 2
        case 6: return 4
        default: return 3
        }
    }
}

/// One extra customer column of the snapshot, by its recorded type.
enum AttributeColumn {
    /// NaN where the value is missing.
    case number(UnsafeBufferPointer<Double>)
    /// `Snapshot.noDay` where the value is missing.
    case date(UnsafeBufferPointer<Int32>)
    /// Codes into the sorted names, 0 where the value is missing.
    case text(UnsafeBufferPointer<Int32>, [String])
}
