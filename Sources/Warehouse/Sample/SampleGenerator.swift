/// Generates the sample warehouse's data from a customer count and a seed.
///
/// The generator works in three passes. The first makes each customer with its orders,
/// identities and linked community members, in customer order. The second adds guest
/// orders and the members that match no customer. The third sorts orders, members and events
/// into key order, which gives them their ids. Every random draw comes from a `SplitMix64`
/// stream named by a tag and an index, and every quantity is an integer, so one seed gives
/// the same rows on every machine.
///
/// The shape per customer is about 1.5 members (45% of them linked to a customer through
/// Facebook, Twitter or email), 20 events (70% views, 15% joins and logins, 12% ratings,
/// reviews, comments and shares, 3% posts), 2 orders and 5 order lines. Spending is skewed:
/// most customers buy once or never and a few buy dozens of times. Members who buy are more
/// active, view products before buying them, and rate and review only what their customer
/// bought.
struct SampleGenerator {
    /// Changes whenever the generated rows change, so cached warehouses are rebuilt.
    static let version = 1

    let customerCount: Int
    let seed: UInt64
    var dataset: SampleDataset

    /// The products of each kind on sale each day, weighted by popularity.
    let phonesOnSale: [WeightedChoice]
    let accessoriesOnSale: [WeightedChoice]
    /// How many topics are open on each day: a prefix of `SampleCatalogue.topicsByDay`.
    let openTopics: [Int]

    /// Member indexes are assigned as members are made; events refer to them.
    var memberCount: Int32 = 0
    var linkedMemberCount = 0
    var registeredOrderCount = 0

    enum Stream: UInt64 {
        case signup = 1, customer, guest, unlinkedMember, fixup
    }

    init(customers: Int, seed: UInt64) {
        precondition(customers > 0, "a sample needs at least one customer, not \(customers)")
        customerCount = customers
        self.seed = seed
        dataset = SampleDataset(customerCount: customers, seed: seed)

        let products = SampleCatalogue.products
        phonesOnSale = (0..<SampleCalendar.dayCount).map { day in
            WeightedChoice(SampleCatalogue.phoneIndexes.map { products[$0].isOnSale(day: day) ? products[$0].popularity : 0 })
        }
        accessoriesOnSale = (0..<SampleCalendar.dayCount).map { day in
            WeightedChoice(SampleCatalogue.accessoryIndexes.map { products[$0].isOnSale(day: day) ? products[$0].popularity : 0 })
        }
        openTopics = (0..<SampleCalendar.dayCount).map { day in
            SampleCatalogue.topics.filter { $0.firstDay <= day }.count
        }
    }

    func random(_ stream: Stream, _ index: Int) -> SplitMix64 {
        SplitMix64(seed: seed, tag: stream.rawValue, index: index)
    }

    /// Generates every row and returns them in key order.
    static func generate(customers: Int, seed: UInt64) -> SampleDataset {
        var generator = SampleGenerator(customers: customers, seed: seed)
        generator.makeCustomers()
        generator.makeGuestOrders()
        generator.makeUnlinkedMembers()
        generator.alignFeedEnds()
        generator.sortIntoKeyOrder()
        return generator.dataset
    }

    // MARK: Customers

    /// Signup days in customer order: the first 1% are legacy accounts without a signup
    /// date, and the rest sign up in id order along the seasonal curve.
    func signupDays() -> [Int] {
        let legacy = customerCount / 100
        var days = (legacy..<customerCount).map { index in
            var random = random(.signup, index)
            return SampleCalendar.signupDays.pick(&random)
        }
        days.sort()
        return Array(repeating: -1, count: legacy) + days
    }

    mutating func makeCustomers() {
        let signups = signupDays()
        dataset.customers.reserveCapacity(customerCount)
        dataset.orders.reserveCapacity(customerCount * 2)
        dataset.lines.reserveCapacity(customerCount * 5)
        dataset.members.reserveCapacity(customerCount * 3 / 2)
        dataset.events.reserveCapacity(customerCount * 20)
        for index in 0..<customerCount {
            var random = random(.customer, index)
            makeCustomer(index, signupDay: signups[index], random: &random)
        }
    }

    private mutating func makeCustomer(_ index: Int, signupDay: Int, random: inout SplitMix64) {
        let country = SampleNames.countryWeights.pick(&random)
        let regionCount = SampleNames.countries[country].regions.count
        var customer = SampleCustomer(
            firstName: UInt8(random.below(SampleNames.firstNames.count)),
            lastName: UInt8(random.below(SampleNames.lastNames.count)),
            emailOwner: Int32(index), emailStyle: UInt8(random.below(5)),
            emailDomain: UInt8(SampleNames.emailDomainWeights.pick(&random)), hasEmail: !random.chance(150),
            country: UInt8(country), region: random.chance(300) ? -1 : Int8(random.below(regionCount)),
            channel: UInt8(SampleNames.channelWeights.pick(&random)), signupDay: Int16(signupDay),
            optOut: random.chance(700), hasLoyaltyCard: random.chance(3_000), birthday: nil, loyaltyPoints: 0,
            segment: SampleGenerator.segments[SampleGenerator.segmentWeights.pick(&random)].segment)
        if random.chance(7_500) {
            let born = CivilDate(year: random.within(1945...1993), month: 1, day: 1)!
            customer.birthday = Int32(born.daysSinceEpoch + random.below(365))
        }
        // A household: this customer shares the address and surname of the one before.
        if index > 0, random.chance(150), dataset.customers[index - 1].hasEmail {
            let partner = dataset.customers[index - 1]
            customer.emailOwner = partner.emailOwner
            customer.lastName = partner.lastName
            customer.hasEmail = true
        }

        let purchases = makeOrders(customer: index, customer, random: &random)
        if customer.hasLoyaltyCard {
            customer.loyaltyPoints = Int32(purchases.reduce(0) { $0 + $1.spentCents } / 100)
        }
        dataset.customers.append(customer)
        makeLinkedMembers(customer: index, customer, purchases: purchases, random: &random)
    }

    /// Segments with their shares in ten-thousandths, and how many orders each places.
    static let segments: [(segment: SampleSegment, share: Int, orders: ClosedRange<Int>)] = [
        (.browser, 3_000, 0...0),
        (.oneTime, 4_000, 1...1),
        (.occasional, 2_000, 2...3),
        (.regular, 800, 3...8),
        (.bigSpender, 200, 8...30),
    ]
    static let segmentWeights = WeightedChoice(segments.map(\.share))

    // MARK: Orders

    /// A customer's order as loyalty points and the member's events need it.
    struct Purchase {
        var time: Int
        var firstLine: Int
        var lineCount: Int
        var spentCents: Int64
    }

    private mutating func makeOrders(customer index: Int, _ customer: SampleCustomer, random: inout SplitMix64) -> [Purchase] {
        let segment = SampleGenerator.segments[Int(customer.segment.rawValue)]
        let count = random.within(segment.orders)
        guard count > 0 else { return [] }

        let firstDay = max(Int(customer.signupDay), 0)
        let lastDay = SampleCalendar.dayCount - 1
        var purchases: [Purchase] = []
        for number in 0..<count {
            var day = SampleCalendar.orderDays.pick(&random, in: firstDay..<lastDay + 1)
            if number == 0 && customer.signupDay >= 0 && random.chance(5_000) {
                day = firstDay
            }
            let channel = orderChannel(customerChannel: Int(customer.channel), random: &random)
            let country = random.chance(200) ? SampleNames.countryWeights.pick(&random) : Int(customer.country)
            let time = SampleGenerator.time(day: day, hours: SampleCalendar.orderHours, random: &random)
            let isVoid = random.chance(150)
            let order = appendOrder(
                time: time, customer: index, channel: channel, country: country, status: isVoid ? .void : .ok,
                lines: { generator, random in
                    generator.appendLines(day: day, channel: channel, segment: customer.segment, random: &random)
                }, random: &random)
            if isVoid { continue }
            purchases.append(
                Purchase(time: time, firstLine: Int(order.firstLine), lineCount: Int(order.lineCount), spentCents: merchandiseCents(order)))

            if random.chance(400) {
                appendReturn(of: order, customer: index, random: &random)
            } else if random.chance(100) {
                appendExchange(of: order, customer: index, random: &random)
            }
        }
        return purchases
    }

    /// Returns where an order is placed: mostly the customer's own channel.
    private func orderChannel(customerChannel: Int, random: inout SplitMix64) -> Int {
        switch SampleNames.channels[customerChannel] {
        case "store": return random.chance(7_000) ? 1 : 2
        case "phone": return random.chance(6_000) ? 0 : 2
        default: return random.chance(8_500) ? 2 : 1
        }
    }

    @discardableResult
    mutating func appendOrder(
        time: Int, customer: Int, channel: Int, country: Int, status: SampleOrder.Status,
        lines: (inout SampleGenerator, inout SplitMix64) -> Void, random: inout SplitMix64
    ) -> SampleOrder {
        let firstLine = dataset.lines.count
        lines(&self, &random)
        let order = SampleOrder(
            time: Int32(time), customer: Int32(customer), channel: UInt8(channel), country: UInt8(country),
            status: status, firstLine: Int32(firstLine), lineCount: UInt8(dataset.lines.count - firstLine))
        dataset.orders.append(order)
        if customer >= 0 {
            registeredOrderCount += 1
        }
        return order
    }

    static let lineCountWeights = WeightedChoice([0, 45, 25, 15, 8, 4, 2, 1])

    /// Appends the lines of an order placed on `day`: maybe a phone, accessories, then fees.
    mutating func appendLines(day: Int, channel: Int, segment: SampleSegment, random: inout SplitMix64) {
        let products = SampleCatalogue.products
        var count = SampleGenerator.lineCountWeights.pick(&random)
        if segment == .bigSpender {
            count += random.below(3)
        }
        var chosen: [Int] = []
        if random.chance(segment == .bigSpender ? 4_500 : 2_800) {
            chosen.append(SampleCatalogue.phoneIndexes[phonesOnSale[day].pick(&random)])
        }
        var attempts = 0
        while chosen.count < count && attempts < 3 * count {
            attempts += 1
            let product = SampleCatalogue.accessoryIndexes[accessoriesOnSale[day].pick(&random)]
            if !chosen.contains(product) {
                chosen.append(product)
            }
        }

        let season = SampleCalendar.retailSeason(day)
        var merchandiseCents = 0
        for product in chosen {
            let item = products[product]
            var quantity = 1
            if item.kind == .accessory {
                quantity = random.chance(8_500) ? 1 : (random.chance(8_000) ? 2 : 3)
            }
            var price = item.retailCents
            if season >= 150 || season == 105 {
                let discount = item.kind == .phone
                    ? (random.chance(3_000) ? random.within(5...10) : 0)
                    : (random.chance(5_000) ? random.within(10...25) : 0)
                price = price * (100 - discount) / 100
            }
            merchandiseCents += quantity * price
            dataset.lines.append(SampleLine(product: UInt8(product), quantity: Int16(quantity), unitPriceCents: Int32(price)))
        }

        if SampleNames.orderChannels[channel] == "web" {
            if random.chance(1_000) {
                appendFee(SampleCatalogue.expressPostage)
            } else if merchandiseCents < 5_000 {
                appendFee(SampleCatalogue.postage)
            }
        }
        if SampleCalendar.date(ofDay: day).month == 12 && random.chance(1_200) {
            appendFee(SampleCatalogue.giftWrap)
        }
    }

    private mutating func appendFee(_ product: Int) {
        let price = SampleCatalogue.products[product].retailCents
        dataset.lines.append(SampleLine(product: UInt8(product), quantity: 1, unitPriceCents: Int32(price)))
    }

    /// Merchandise bought in an order, in cents.
    private func merchandiseCents(_ order: SampleOrder) -> Int64 {
        let lines = dataset.lines[Int(order.firstLine)..<Int(order.firstLine) + Int(order.lineCount)]
        return lines.filter { SampleCatalogue.products[Int($0.product)].isMerchandise }.reduce(0) { $0 + $1.totalCents }
    }

    /// Appends a later order that sends back some or all of an order's merchandise: every
    /// line is negative, so its status is `return`.
    private mutating func appendReturn(of order: SampleOrder, customer: Int, random: inout SplitMix64) {
        let returned = merchandiseLines(of: order).filter { _ in random.chance(6_000) }
        let day = Int(order.time) / SampleCalendar.secondsPerDay + random.within(3...30)
        guard !returned.isEmpty, day < SampleCalendar.dayCount else { return }
        let time = SampleGenerator.time(day: day, hours: SampleCalendar.orderHours, random: &random)
        appendOrder(
            time: time, customer: customer, channel: Int(order.channel), country: Int(order.country), status: .return,
            lines: { generator, _ in
                for line in returned {
                    generator.dataset.lines.append(
                        SampleLine(product: line.product, quantity: -line.quantity, unitPriceCents: line.unitPriceCents))
                }
            }, random: &random)
    }

    /// Appends an exchange: one item sent back and another taken in its place, so the order
    /// mixes a negative and a positive line and stays `ok`.
    private mutating func appendExchange(of order: SampleOrder, customer: Int, random: inout SplitMix64) {
        let candidates = merchandiseLines(of: order).filter { SampleCatalogue.products[Int($0.product)].kind == .accessory }
        let day = Int(order.time) / SampleCalendar.secondsPerDay + random.within(2...20)
        guard let returned = candidates.first, day < SampleCalendar.dayCount else { return }
        let replacement = SampleCatalogue.accessoryIndexes[accessoriesOnSale[day].pick(&random)]
        let price = SampleCatalogue.products[replacement].retailCents
        let time = SampleGenerator.time(day: day, hours: SampleCalendar.orderHours, random: &random)
        appendOrder(
            time: time, customer: customer, channel: 1, country: Int(order.country), status: .ok,
            lines: { generator, _ in
                generator.dataset.lines.append(SampleLine(product: returned.product, quantity: -1, unitPriceCents: returned.unitPriceCents))
                generator.dataset.lines.append(SampleLine(product: UInt8(replacement), quantity: 1, unitPriceCents: Int32(price)))
            }, random: &random)
    }

    private func merchandiseLines(of order: SampleOrder) -> [SampleLine] {
        dataset.lines[Int(order.firstLine)..<Int(order.firstLine) + Int(order.lineCount)]
            .filter { SampleCatalogue.products[Int($0.product)].isMerchandise && $0.quantity > 0 }
    }

    /// Guest orders: about 8% of all orders, placed without a customer account.
    mutating func makeGuestOrders() {
        let count = registeredOrderCount * 8 / 92
        for index in 0..<count {
            var random = random(.guest, index)
            let day = SampleCalendar.orderDays.pick(&random)
            let channel = random.chance(7_000) ? 2 : 1
            let time = SampleGenerator.time(day: day, hours: SampleCalendar.orderHours, random: &random)
            appendOrder(
                time: time, customer: -1, channel: channel, country: SampleNames.countryWeights.pick(&random),
                status: random.chance(150) ? .void : .ok,
                lines: { generator, random in
                    generator.appendLines(day: day, channel: channel, segment: .oneTime, random: &random)
                }, random: &random)
        }
    }

    /// Returns an instant on `day` at an hour drawn from `hours`.
    static func time(day: Int, hours: WeightedChoice, random: inout SplitMix64) -> Int {
        day * SampleCalendar.secondsPerDay + hours.pick(&random) * 3_600 + random.below(3_600)
    }
}
