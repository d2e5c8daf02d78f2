/// The last pass: matching feed ends, then key order for orders, members and events.
extension SampleGenerator {
    /// Makes the latest order and the latest event fall within a week of each other, so the
    /// default as-of date needs no warning. Large samples already do; a tiny one may get one
    /// extra guest order or one extra view.
    mutating func alignFeedEnds() {
        guard let lastOrder = dataset.orders.map(\.time).max(), let lastEvent = dataset.events.map(\.time).max() else {
            return
        }
        // Whole days between the instants; their dates may be one day further apart.
        let gapDays = abs(Int(lastOrder) - Int(lastEvent)) / SampleCalendar.secondsPerDay
        guard gapDays >= AsOf.feedGapLimit else { return }
        var random = random(.fixup, 0)
        if lastOrder < lastEvent {
            let day = Int(lastEvent) / SampleCalendar.secondsPerDay
            appendOrder(
                time: Int(lastEvent), customer: -1, channel: 2, country: 0, status: .ok,
                lines: { generator, random in
                    generator.appendLines(day: day, channel: 2, segment: .oneTime, random: &random)
                }, random: &random)
        } else {
            appendEvent(time: Int(lastOrder), member: 0, kind: .view)
        }
    }

    /// Sorts orders by time, members by source and start, and events by source and time,
    /// keeping generation order among equals, and points events at the sorted members.
    mutating func sortIntoKeyOrder() {
        dataset.orders = SampleGenerator.stableOrder(dataset.orders.lazy.map { UInt64($0.time) }).map { dataset.orders[$0] }

        let memberOrder = SampleGenerator.stableOrder(
            dataset.members.lazy.map { UInt64($0.source) << 32 | UInt64(UInt32(bitPattern: $0.start)) })
        var rankOfMember = [Int32](repeating: 0, count: memberOrder.count)
        for (rank, index) in memberOrder.enumerated() {
            rankOfMember[index] = Int32(rank)
        }
        dataset.members = memberOrder.map { dataset.members[$0] }
        dataset.membersPerSource = SampleNames.sources.indices.map { source in
            dataset.members.lazy.filter { Int($0.source) == source }.count
        }

        let members = dataset.members
        let eventOrder = SampleGenerator.stableOrder(
            dataset.events.lazy.map { event in
                let member = rankOfMember[Int(event.member)]
                return UInt64(members[Int(member)].source) << 32 | UInt64(UInt32(bitPattern: event.time))
            })
        var sorted: [SampleEvent] = []
        sorted.reserveCapacity(eventOrder.count)
        for index in eventOrder {
            var event = dataset.events[index]
            event.member = rankOfMember[Int(event.member)]
            sorted.append(event)
        }
        dataset.events = sorted
        dataset.eventsPerSource = SampleNames.sources.indices.map { source in
            sorted.lazy.filter { Int(members[Int($0.member)].source) == source }.count
        }
    }

    /// Returns the indexes of `keys` sorted by key, equal keys in their original order.
    ///
    /// Keys must fit in 34 bits. Each key is packed above its index into one 64-bit word,
    /// so a plain sort of the words is stable and no comparison closure runs per element.
    static func stableOrder<Keys: Collection>(_ keys: Keys) -> [Int] where Keys.Element == UInt64 {
        precondition(keys.count < 1 << 30, "\(keys.count) rows are too many to sort")
        var words: [UInt64] = []
        words.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() {
            precondition(key < 1 << 34, "sort key \(key) does not fit in 34 bits")
            words.append(key << 30 | UInt64(index))
        }
        words.sort()
        return words.map { Int($0 & (1 << 30 - 1)) }
    }
}
