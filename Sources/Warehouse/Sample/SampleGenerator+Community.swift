/// Community members and their events.
///
/// A member's engagement (how far up the ladder it climbs) and volume of events follow its
/// customer's spending, so pivots of tiers against revenue show a relationship. Members that
/// match no customer are mostly spectators and joiners.
extension SampleGenerator {
    /// The engagement a member is given. Its tier comes from the events this produces.
    enum Engagement: Int, CaseIterable {
        case spectator, joiner, critic, creator
    }

    /// Engagement weights for members that match no customer, and for customers' members
    /// by segment, from browsers to big spenders.
    static let unlinkedEngagement = WeightedChoice([50, 25, 18, 7])
    static let linkedEngagement = [
        WeightedChoice([40, 30, 22, 8]), WeightedChoice([35, 30, 25, 10]), WeightedChoice([25, 30, 32, 13]),
        WeightedChoice([20, 28, 35, 17]), WeightedChoice([12, 25, 38, 25]),
    ]

    /// Chance in ten-thousandths that a customer of each segment is a community member.
    static let membershipChance = [4_900, 5_900, 6_900, 7_900, 8_800]

    /// Kinds of the events a member makes on its own, by engagement; ratings and reviews
    /// come from purchases instead. Order: view, login, comment, share, post.
    static let kindWeights = [
        WeightedChoice([100, 0, 0, 0, 0]), WeightedChoice([78, 22, 0, 0, 0]), WeightedChoice([64, 14, 15, 7, 0]),
        WeightedChoice([55, 12, 15, 6, 12]),
    ]
    static let ownKinds: [SampleEvent.Kind] = [.view, .login, .comment, .share, .post]

    /// Events a member makes on its own over its active time, by engagement.
    static let eventCounts: [ClosedRange<Int>] = [1...6, 2...12, 3...20, 6...44]

    // MARK: Members of customers

    mutating func makeLinkedMembers(customer index: Int, _ customer: SampleCustomer, purchases: [Purchase], random: inout SplitMix64) {
        let segment = Int(customer.segment.rawValue)
        let customerID = Int32(index)
        var wantsFacebookIdentity = random.chance(800)
        var wantsTwitterIdentity = random.chance(400)
        var wantsSecondEmail = false

        if random.chance(SampleGenerator.membershipChance[segment]) {
            let memberships = random.chance(1_500) ? 2 : 1
            for number in 0..<memberships {
                // A second membership is on the ideas board; a first one is there 12% of the time.
                var source = 1
                if number == 0 && !random.chance(1_200) {
                    source = 0
                }
                let identity: SampleMember.Identity
                switch random.below(100) {
                case 0..<38:
                    identity = .customerFacebook(customer: customerID)
                    wantsFacebookIdentity = true
                case 38..<56:
                    identity = .customerTwitter(customer: customerID)
                    wantsTwitterIdentity = true
                case 56..<60 where source == 1:
                    identity = .customerNumber(customer: customerID)
                case 56..<62:
                    identity = .secondEmail(customer: customerID)
                    wantsSecondEmail = true
                default:
                    identity = customer.hasEmail
                        ? .customerEmail(customer: customerID, styled: random.chance(1_200))
                        : .customerFacebook(customer: customerID)
                    if !customer.hasEmail {
                        wantsFacebookIdentity = true
                    }
                }
                let engagement = Engagement(rawValue: SampleGenerator.linkedEngagement[segment].pick(&random))!
                let anchorDay = purchases.first.map { $0.time / SampleCalendar.secondsPerDay } ?? max(Int(customer.signupDay), 0)
                let startDay = min(max(anchorDay + random.within(-30...90), 0), SampleCalendar.dayCount - 1)
                makeMember(
                    source: source, identity: identity, engagement: engagement, startDay: startDay,
                    handleWord: Int(customer.firstName), purchases: purchases, random: &random)
                linkedMemberCount += 1
            }
        }

        if wantsSecondEmail {
            dataset.identities.append(SampleIdentity(customer: customerID, provider: .email, isVariant: true))
        }
        if wantsFacebookIdentity {
            dataset.identities.append(SampleIdentity(customer: customerID, provider: .facebook, isVariant: random.chance(300)))
        }
        if wantsTwitterIdentity {
            dataset.identities.append(SampleIdentity(customer: customerID, provider: .twitter, isVariant: false))
        }
    }

    // MARK: Members of no customer

    /// Members that match no customer, enough to bring all members to 1.5 per customer.
    mutating func makeUnlinkedMembers() {
        let count = max(customerCount * 3 / 2 - Int(memberCount), 0)
        for index in 0..<count {
            var random = random(.unlinkedMember, index)
            let number = Int32(index)
            let identity: SampleMember.Identity
            switch random.below(100) {
            case 0..<30: identity = .otherFacebook(number)
            case 30..<45: identity = .otherTwitter(number)
            case 45..<80: identity = .otherEmail(number)
            default: identity = .none
            }
            let engagement = Engagement(rawValue: SampleGenerator.unlinkedEngagement.pick(&random))!
            makeMember(
                source: random.chance(1_200) ? 1 : 0, identity: identity, engagement: engagement,
                startDay: SampleCalendar.communityDays.pick(&random), handleWord: -1, purchases: [], random: &random)
        }
    }

    // MARK: One member

    /// Appends a member active from `startDay` and its events. A customer's member views
    /// products in the days before buying them and may rate or review them afterwards.
    private mutating func makeMember(
        source: Int, identity: SampleMember.Identity, engagement: Engagement, startDay: Int, handleWord: Int,
        purchases: [Purchase], random: inout SplitMix64
    ) {
        let memberIndex = memberCount
        memberCount += 1
        let lastDay = SampleCalendar.dayCount - 1
        let start = SampleGenerator.time(day: startDay, hours: SampleCalendar.communityHours, random: &random)
        // Spectators mostly only look, so the community rarely records a join for them.
        let hasJoinDate = random.chance(engagement == .spectator ? 2_000 : 9_200)
        let endDay = random.chance(3_500) ? lastDay : min(startDay + random.within(30...700), lastDay)
        let word = handleWord >= 0 ? handleWord : random.below(SampleNames.handleWords.count)
        dataset.members.append(
            SampleMember(
                source: UInt8(source), joinedAt: hasJoinDate ? Int32(start) : -1, start: Int32(start), identity: identity,
                handleWord: UInt8(word), handleNumber: UInt16(random.below(1_000))))

        if hasJoinDate {
            appendEvent(time: start, member: memberIndex, kind: .join)
        }

        var count = random.within(SampleGenerator.eventCounts[engagement.rawValue])
        if random.chance(500) {
            count *= 5
        } else if random.chance(100) {
            count *= 20
        }
        let kinds = SampleGenerator.kindWeights[engagement.rawValue]
        for _ in 0..<count {
            let day = SampleCalendar.communityDays.pick(&random, in: startDay..<endDay + 1)
            let time = SampleGenerator.time(day: day, hours: SampleCalendar.communityHours, random: &random)
            let kind = SampleGenerator.ownKinds[kinds.pick(&random)]
            var event = SampleEvent(
                time: Int32(time), member: memberIndex, kind: kind, rating: 0, product: SampleEvent.noProduct,
                topic: SampleEvent.noTopic)
            switch kind {
            case .view where random.chance(4_500), .share where random.chance(5_000):
                event.product = UInt8(productOnSale(day: day, random: &random))
            case .view, .comment, .share, .post:
                event.topic = UInt16(SampleCatalogue.topicsByDay[random.below(openTopics[day])])
            default:
                break
            }
            dataset.events.append(event)
        }

        for purchase in purchases {
            appendPurchaseEvents(purchase, member: memberIndex, engagement: engagement, random: &random)
        }
    }

    /// Returns a product on sale on `day`, a phone two times in five.
    private func productOnSale(day: Int, random: inout SplitMix64) -> Int {
        if random.chance(4_000) {
            return SampleCatalogue.phoneIndexes[phonesOnSale[day].pick(&random)]
        }
        return SampleCatalogue.accessoryIndexes[accessoriesOnSale[day].pick(&random)]
    }

    /// Views of a purchase's products in the two weeks before it, and ratings and reviews of
    /// them in the weeks after, by members engaged enough to write them.
    private mutating func appendPurchaseEvents(_ purchase: Purchase, member: Int32, engagement: Engagement, random: inout SplitMix64) {
        let products = SampleCatalogue.products
        for offset in 0..<purchase.lineCount {
            let line = dataset.lines[purchase.firstLine + offset]
            let product = products[Int(line.product)]
            guard product.isMerchandise, line.quantity > 0 else { continue }

            if random.chance(product.kind == .phone ? 7_000 : 2_500) {
                for _ in 0..<random.within(1...3) {
                    let time = purchase.time - random.below(14 * SampleCalendar.secondsPerDay)
                    if time >= 0 {
                        appendEvent(time: time, member: member, kind: .view, product: line.product)
                    }
                }
            }

            let reviewChance: Int
            switch engagement {
            case .spectator: reviewChance = 0
            case .joiner: reviewChance = product.kind == .phone ? 1_000 : 300
            case .critic, .creator: reviewChance = product.kind == .phone ? 5_500 : 2_000
            }
            guard random.chance(reviewChance) else { continue }
            let time = purchase.time + random.within(1...45) * SampleCalendar.secondsPerDay + random.below(3_600)
            guard time / SampleCalendar.secondsPerDay < SampleCalendar.dayCount else { continue }
            let rating = SampleGenerator.rating(quality: product.quality, random: &random)
            appendEvent(time: time, member: member, kind: random.chance(5_500) ? .rate : .review, product: line.product, rating: rating)
        }
    }

    /// Rating noise around a product's quality: most ratings are its rounded average.
    static let ratingNoise = WeightedChoice([6, 20, 44, 22, 8])

    static func rating(quality: Int, random: inout SplitMix64) -> UInt8 {
        let rating = (quality + 5) / 10 + ratingNoise.pick(&random) - 2
        return UInt8(min(max(rating, 1), 5))
    }

    mutating func appendEvent(time: Int, member: Int32, kind: SampleEvent.Kind, product: UInt8 = SampleEvent.noProduct, rating: UInt8 = 0) {
        dataset.events.append(
            SampleEvent(time: Int32(time), member: member, kind: kind, rating: rating, product: product, topic: SampleEvent.noTopic))
    }
}
