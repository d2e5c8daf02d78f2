/// The keys of one pivot dimension as small dense integer codes, for the fast engine.
///
/// Real keys take codes `0..<realCount`; then come the `(guest)` or `(unlinked)` literal, the
/// missing key, and the total. A row of any fact maps to its code through `code(…)`, which
/// reads the column the dimension names for the fact's row.
final class KeyAxis {
    /// Where a row's code comes from. The per-customer or per-product codes live in `table`.
    enum Source {
        /// `table[customer]`: tier, signup month, region, country, channel.
        case customer
        case memberTier
        /// The event's month minus `base`.
        case eventMonth
        case eventKind
        /// `table[product]` of the event's product.
        case eventProduct
        /// The order's month minus `base`.
        case orderMonth
        case orderCountry
        case orderChannel
        /// `table[product]` of the line's product.
        case lineProduct
    }

    let dimension: PivotDimension
    let source: Source
    /// Codes per customer or per product, for the sources that read one.
    let table: UnsafeMutableBufferPointer<Int32>
    /// The first month of a month axis.
    let base: Int32
    let realCount: Int
    /// The key of each real code.
    let keys: [PivotKey]
    /// The key of the literal code: `(guest)` for order facts, `(unlinked)` otherwise.
    let literal: PivotKey

    /// Whether a row's code depends on the event, rather than on its member or customer only.
    let readsEvent: Bool

    var literalCode: Int { realCount }
    var missingCode: Int { realCount + 1 }
    var totalCode: Int { realCount + 2 }
    var size: Int { realCount + 3 }

    deinit {
        table.deallocate()
    }

    func key(ofCode code: Int) -> PivotKey {
        if code < realCount { return keys[code] }
        return code == literalCode ? literal : .missing
    }

    /// The code of a fact row. `customer` is -1 for a guest order or an unlinked member, which
    /// takes the literal code in a customer dimension.
    @inline(__always)
    func code(
        _ context: FastContext, customer: Int32, member: Int = 0, event: Int = 0, order: Int = 0, line: Int = 0,
        months: MonthTable
    ) -> Int {
        let snapshot = context.snapshot
        switch source {
        case .customer:
            return customer < 0 ? realCount : Int(table[Int(customer)])
        case .memberTier:
            return Int(context.memberTier[member])
        case .eventMonth:
            return Int(months[snapshot.eventDay[event]] - base)
        case .eventKind:
            return Int(snapshot.eventKind[event])
        case .eventProduct:
            let product = snapshot.eventProduct[event]
            return product < 0 ? realCount + 1 : Int(table[Int(product)])
        case .orderMonth:
            return Int(months[snapshot.orderDay[order]] - base)
        case .orderCountry:
            let value = snapshot.orderCountry[order]
            return value == 0 ? realCount + 1 : Int(value) - 1
        case .orderChannel:
            let value = snapshot.orderChannel[order]
            return value == 0 ? realCount + 1 : Int(value) - 1
        case .lineProduct:
            let product = snapshot.lineProduct[line]
            return product < 0 ? realCount + 1 : Int(table[Int(product)])
        }
    }

    /// Returns the code of each member's rows on an axis that does not read the event, from the
    /// member's one included customer or the literal code when it has none. The codes are
    /// scattered from the customers in order, which reads the customer tables sequentially.
    func codesOfMembers(_ context: FastContext, months: MonthTable) -> [Int32] {
        precondition(!readsEvent, "the \(dimension.rawValue) axis reads the event, so a member has no one code")
        let snapshot = context.snapshot
        if source == .memberTier {
            return context.memberTier.map(Int32.init)
        }
        var codes = [Int32](repeating: Int32(code(context, customer: -1, months: months)), count: snapshot.counts.members)
        for customer in 0..<snapshot.counts.customers where context.included[customer] {
            let range = Int(snapshot.customerMemberStart[customer])..<Int(snapshot.customerMemberStart[customer + 1])
            guard !range.isEmpty else { continue }
            let customerCode = Int32(code(context, customer: Int32(customer), months: months))
            for index in range {
                codes[Int(snapshot.customerMembers[index])] = customerCode
            }
        }
        return codes
    }

    /// The axis of `dimension` for rows of `fact` in `context`.
    init(_ dimension: PivotDimension, fact: Fact, context: FastContext, months: MonthTable) {
        self.dimension = dimension
        var codes: [Int32] = []
        var base: Int32 = 0
        let snapshot = context.snapshot
        literal = fact.isSales ? .guest : .unlinked
        let tierWords = ["none", "spectator", "joiner", "critic", "creator"]

        func coded(_ column: UnsafeBufferPointer<Int32>, names: [String]) -> ([Int32], [PivotKey], Int) {
            let missing = Int32(names.count + 1)
            return (column.map { $0 == 0 ? missing : $0 - 1 }, names.map(PivotKey.value), names.count)
        }
        func monthKeys(from first: Int32, to last: Int32) -> [PivotKey] {
            first <= last ? (first...last).map { .value(MonthTable.key(ofMonth: $0)) } : []
        }

        switch dimension {
        case .tier:
            source = .customer
            codes = context.customerTier.map(Int32.init)
            keys = tierWords.map(PivotKey.value)
            realCount = 5
        case .memberTier:
            source = .memberTier
            keys = tierWords.map(PivotKey.value)
            realCount = 5
        case .signupMonth:
            // Months come from the table rather than from a date per customer, because this
            // runs on every pivot by signup month.
            var firstDay = Int32.max
            var lastDay = Int32.min
            for day in snapshot.customerSignup where day != Snapshot.noDay {
                firstDay = min(firstDay, day)
                lastDay = max(lastDay, day)
            }
            let first = firstDay <= lastDay ? months[firstDay] : 0
            let last = firstDay <= lastDay ? months[lastDay] : -1
            let count = Int(max(last - first + 1, 0))
            source = .customer
            codes = snapshot.customerSignup.map { $0 == Snapshot.noDay ? Int32(count + 1) : months[$0] - first }
            keys = monthKeys(from: first, to: last)
            realCount = count
        case .region:
            let (columnCodes, names, count) = coded(snapshot.customerRegion, names: snapshot.regionNames)
            source = .customer
            codes = columnCodes
            keys = names
            realCount = count
        case .country:
            let (columnCodes, names, count) = coded(snapshot.customerCountry, names: snapshot.countryNames)
            source = .customer
            codes = columnCodes
            keys = names
            realCount = count
        case .channel:
            let (columnCodes, names, count) = coded(snapshot.customerChannel, names: snapshot.channelNames)
            source = .customer
            codes = columnCodes
            keys = names
            realCount = count
        case .eventMonth:
            let first = months[context.firstEventDay ?? context.asOfDay]
            let last = max(months[context.asOfDay], first - 1)
            source = .eventMonth
            base = first
            keys = monthKeys(from: first, to: last)
            realCount = keys.count
        case .orderMonth:
            let first = months[snapshot.orderDay.min() ?? context.asOfDay]
            let last = max(months[context.asOfDay], first - 1)
            source = .orderMonth
            base = first
            keys = monthKeys(from: first, to: last)
            realCount = keys.count
        case .eventKind:
            source = .eventKind
            keys = Snapshot.kinds.map(PivotKey.value)
            realCount = keys.count
        case .orderCountry:
            source = .orderCountry
            keys = snapshot.orderCountryNames.map(PivotKey.value)
            realCount = keys.count
        case .orderChannel:
            source = .orderChannel
            keys = snapshot.orderChannelNames.map(PivotKey.value)
            realCount = keys.count
        case .sku:
            let count = snapshot.counts.products
            codes = (0..<Int32(count)).map { $0 }
            source = fact == .events ? .eventProduct : .lineProduct
            keys = (0..<count).map { .value(snapshot.productSKU[$0]) }
            realCount = count
        case .category:
            let names = snapshot.categoryNames
            let missing = Int32(names.count + 1)
            codes = snapshot.productCategory.map { $0 == 0 ? missing : $0 - 1 }
            source = fact == .events ? .eventProduct : .lineProduct
            keys = names.map(PivotKey.value)
            realCount = names.count
        }
        self.base = base
        switch source {
        case .eventMonth, .eventKind, .eventProduct: readsEvent = true
        default: readsEvent = false
        }
        table = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(codes.count, 1))
        _ = table.initialize(from: codes)
    }
}

extension MonthTable {
    /// `YYYY-MM` of a month number.
    static func key(ofMonth month: Int32) -> String {
        let year = Int(month) / 12
        let number = Int(month) % 12 + 1
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + (number < 10 ? "0" : "")
            + String(number)
    }
}
