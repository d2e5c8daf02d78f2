/// Turns a generated dataset into rows, table by table in key order, for any sink.
///
/// The database and the CSV files receive the same rows from here, which is what makes an
/// import of the CSV files give the same warehouse as the sample. Derived columns (match
/// keys, the email key and the attributes JSON) use the importer's own rules.
struct SampleEmitter {
    let dataset: SampleDataset
    /// Called every `progressInterval` rows with the table, rows written and rows in all.
    var progress: ((SampleTable, Int, Int) -> Void)?
    /// Called between rows; throws to stop the emission.
    var checkInterruption: () throws -> Void = {}
    static let progressInterval = 65_536

    private let customerWidth: Int
    private let orderWidth: Int
    private let memberWidths: [Int]
    private let eventWidths: [Int]
    private let facebookOffset: Int

    init(dataset: SampleDataset) {
        self.dataset = dataset
        customerWidth = SampleRow.idWidth(count: dataset.customers.count)
        orderWidth = SampleRow.idWidth(count: dataset.orders.count)
        memberWidths = dataset.membersPerSource.map { SampleRow.idWidth(count: $0) }
        eventWidths = dataset.eventsPerSource.map { SampleRow.idWidth(count: $0) }
        facebookOffset = Int(dataset.seed % 1_000_000_000_000)
    }

    /// Returns the number of rows `table` receives.
    func rowCount(_ table: SampleTable) -> Int {
        switch table {
        case .customers: return dataset.customers.count
        case .identities: return dataset.identities.count
        case .products: return SampleCatalogue.products.count
        case .orders: return dataset.orders.count
        case .orderLines: return dataset.orders.reduce(0) { $0 + Int($1.lineCount) }
        case .members: return dataset.members.count
        case .events: return dataset.events.count
        }
    }

    /// Emits every table into `sink`.
    func emit<Sink: SampleSink>(into sink: inout Sink) throws {
        for table in SampleTable.allCases {
            try emit(table, into: &sink)
        }
    }

    func emit<Sink: SampleSink>(_ table: SampleTable, into sink: inout Sink) throws {
        let total = rowCount(table)
        try sink.begin(table, rowCount: total)
        var row = SampleRow()
        var written = 0
        func send() throws {
            try sink.write(row)
            row.removeAll()
            written += 1
            if written % SampleEmitter.progressInterval == 0 {
                try checkInterruption()
                progress?(table, written, total)
            }
        }

        switch table {
        case .customers:
            for index in dataset.customers.indices {
                appendCustomer(index, to: &row)
                try send()
            }
        case .identities:
            for identity in dataset.identities {
                appendIdentity(identity, to: &row)
                try send()
            }
        case .products:
            for product in SampleCatalogue.products {
                row.append(text: product.sku)
                row.append(text: product.name)
                row.append(text: product.category)
                row.append(money: Int64(product.retailCents))
                row.append(money: Int64(product.unitCostCents))
                row.append(boolean: product.isMerchandise)
                try send()
            }
        case .orders:
            for (index, order) in dataset.orders.enumerated() {
                row.append(id: index, width: orderWidth, prefix: "O")
                appendCustomerID(order.customer, to: &row)
                row.appendText { SampleCalendar.appendTimestamp(Int(order.time), to: &$0) }
                row.append(text: SampleNames.orderChannels[Int(order.channel)])
                row.append(text: SampleNames.countries[Int(order.country)].code)
                row.append(text: order.status.text)
                try send()
            }
        case .orderLines:
            for (index, order) in dataset.orders.enumerated() {
                for offset in 0..<Int(order.lineCount) {
                    let line = dataset.lines[Int(order.firstLine) + offset]
                    row.append(id: index, width: orderWidth, prefix: "O")
                    row.append(integer: offset + 1)
                    row.append(text: SampleCatalogue.products[Int(line.product)].sku)
                    row.append(integer: Int(line.quantity))
                    row.append(money: Int64(line.unitPriceCents))
                    row.append(money: line.totalCents)
                    try send()
                }
            }
        case .members:
            var rankInSource = [0, 0]
            for member in dataset.members {
                let source = Int(member.source)
                appendMember(member, rank: rankInSource[source], to: &row)
                rankInSource[source] += 1
                try send()
            }
        case .events:
            var rankInSource = [0, 0]
            let memberRanks = memberRanksInSource()
            for event in dataset.events {
                let member = Int(event.member)
                let source = Int(dataset.members[member].source)
                row.append(text: SampleNames.sources[source])
                row.append(id: rankInSource[source], width: eventWidths[source])
                row.append(id: memberRanks[member], width: memberWidths[source])
                row.appendText { SampleCalendar.appendTimestamp(Int(event.time), to: &$0) }
                row.append(text: event.kind.text)
                row.append(text: event.topic == SampleEvent.noTopic ? nil : SampleCatalogue.topics[Int(event.topic)].title)
                row.append(text: event.product == SampleEvent.noProduct ? nil : SampleCatalogue.products[Int(event.product)].sku)
                if event.rating > 0 {
                    row.append(integer: Int(event.rating))
                } else {
                    row.appendNull()
                }
                rankInSource[source] += 1
                try send()
            }
        }
        progress?(table, written, total)
        try sink.end(table)
    }

    /// Returns each member's rank within its source, which is its id.
    private func memberRanksInSource() -> [Int] {
        var counts = [0, 0]
        return dataset.members.map { member in
            defer { counts[Int(member.source)] += 1 }
            return counts[Int(member.source)]
        }
    }

    // MARK: Customers

    private func appendCustomerID(_ customer: Int32, to row: inout SampleRow) {
        if customer < 0 {
            row.appendNull()
        } else {
            row.append(id: Int(customer), width: customerWidth, prefix: "C")
        }
    }

    private func appendCustomer(_ index: Int, to row: inout SampleRow) {
        let customer = dataset.customers[index]
        let country = SampleNames.countries[Int(customer.country)]
        row.append(id: index, width: customerWidth, prefix: "C")
        row.append(text: SampleNames.firstNames[Int(customer.firstName)] + " " + SampleNames.lastNames[Int(customer.lastName)])
        let email = customer.hasEmail ? emailAddress(of: customer) : nil
        row.append(text: email)
        row.append(text: customer.region < 0 ? nil : country.regions[Int(customer.region)])
        row.append(text: country.code)
        row.append(text: SampleNames.channels[Int(customer.channel)])
        if customer.signupDay < 0 {
            row.appendNull()
        } else {
            row.appendText { SampleCalendar.appendDate(Int(customer.signupDay), to: &$0) }
        }
        row.append(boolean: customer.optOut)
        row.append(text: email.map { IdentityLinks.matchKey(provider: "email", externalID: $0) })

        let loyaltyNumber = customer.hasLoyaltyCard ? "LY" + String(10_000_000 + index) : nil
        let points = customer.hasLoyaltyCard ? String(customer.loyaltyPoints) : nil
        let birthday = customer.birthday.map { CivilDate(daysSinceEpoch: Int($0)) }
        let values: [AttributeValue?] = [loyaltyNumber.map { .text($0) }, points.map { .number($0) }, birthday.map { .date($0) }]
        row.append(text: AttributeValue.jsonObject(names: SampleTable.attributes.map(\.name), values: values))
        row.append(text: loyaltyNumber)
        row.append(text: points)
        row.append(text: birthday?.iso)
    }

    /// Returns the customer's address, built from the household owner's name and number.
    /// Names have no digits, so the number alone keeps addresses unique and only a household
    /// shares one.
    private func emailAddress(of customer: SampleCustomer) -> String {
        let owner = dataset.customers[Int(customer.emailOwner)]
        let first = SampleEmitter.foldedFirstNames[Int(owner.firstName)]
        let last = SampleEmitter.foldedLastNames[Int(owner.lastName)]
        let number = String(customer.emailOwner)
        let local: String
        switch owner.emailStyle {
        case 0: local = first + "." + last + number
        case 1: local = first + last + number
        case 2: local = String(first.prefix(1)) + last + number
        case 3: local = first + number
        default: local = first + "_" + last + number
        }
        return local + "@" + SampleNames.emailDomains[Int(owner.emailDomain)]
    }

    // MARK: Identities

    private func appendIdentity(_ identity: SampleIdentity, to row: inout SampleRow) {
        appendCustomerID(identity.customer, to: &row)
        let provider: String
        let externalID: String
        switch identity.provider {
        case .email:
            provider = "email"
            externalID = secondEmail(of: identity.customer)
        case .facebook:
            provider = "facebook"
            externalID = facebookID(of: identity.customer) + (identity.isVariant ? ".0" : "")
        case .twitter:
            provider = "twitter"
            externalID = twitterHandle(of: identity.customer)
        }
        row.append(text: provider)
        row.append(text: externalID)
        row.append(text: IdentityLinks.matchKey(provider: provider, externalID: externalID))
    }

    /// Returns a work address, unique to the customer.
    private func secondEmail(of customer: Int32) -> String {
        let person = dataset.customers[Int(customer)]
        return SampleEmitter.foldedFirstNames[Int(person.firstName)] + "." + SampleEmitter.foldedLastNames[Int(person.lastName)]
            + "." + String(customer, radix: 36) + "@work.example"
    }

    /// Returns a 15-digit Facebook id, unique to the customer. 2654435761 is odd and not a
    /// multiple of 5, so multiplying by it permutes the residues modulo 10^12.
    private func facebookID(of customer: Int32) -> String {
        String(100_000_000_000_000 + (Int(customer) &* 2_654_435_761 &+ facebookOffset) % 1_000_000_000_000)
    }

    private func twitterHandle(of customer: Int32) -> String {
        let person = dataset.customers[Int(customer)]
        return "@" + SampleEmitter.foldedFirstNames[Int(person.firstName)] + "_"
            + SampleEmitter.foldedLastNames[Int(person.lastName)].prefix(3) + String(customer, radix: 36)
    }

    // MARK: Members

    private func appendMember(_ member: SampleMember, rank: Int, to row: inout SampleRow) {
        let source = Int(member.source)
        row.append(text: SampleNames.sources[source])
        row.append(id: rank, width: memberWidths[source])

        let provider: String?
        let externalID: String?
        var handleWord = SampleNames.handleWords[Int(member.handleWord) % SampleNames.handleWords.count]
        switch member.identity {
        case .none:
            (provider, externalID) = (nil, nil)
        case .customerEmail(let customer, let styled):
            let address = emailAddress(of: dataset.customers[Int(customer)])
            (provider, externalID) = ("email", styled ? SampleEmitter.capitalized(address) : address)
        case .secondEmail(let customer):
            (provider, externalID) = ("email", secondEmail(of: customer))
        case .customerFacebook(let customer):
            (provider, externalID) = ("facebook", facebookID(of: customer))
        case .customerTwitter(let customer):
            (provider, externalID) = ("twitter", twitterHandle(of: customer))
        case .customerNumber(let customer):
            var id = SampleRow()
            id.append(id: Int(customer), width: customerWidth, prefix: "C")
            (provider, externalID) = ("customer", id.string(start: 0, end: id.bytes.count))
        case .otherEmail(let number):
            let domain = SampleNames.emailDomains[Int(number) % SampleNames.emailDomains.count]
            (provider, externalID) = ("email", handleWord + String(number) + "@" + domain)
        case .otherFacebook(let number):
            let id = 200_000_000_000_000 + (Int(number) &* 2_654_435_761 &+ facebookOffset) % 1_000_000_000_000
            (provider, externalID) = ("facebook", String(id))
        case .otherTwitter(let number):
            (provider, externalID) = ("twitter", "@" + handleWord + String(number, radix: 36))
        }
        switch member.identity {
        case .customerEmail, .secondEmail, .customerFacebook, .customerTwitter, .customerNumber:
            handleWord = SampleEmitter.foldedFirstNames[Int(member.handleWord)]
        case .none, .otherEmail, .otherFacebook, .otherTwitter:
            break
        }

        row.append(text: handleWord + String(member.handleNumber))
        if member.joinedAt < 0 {
            row.appendNull()
        } else {
            row.appendText { SampleCalendar.appendTimestamp(Int(member.joinedAt), to: &$0) }
        }
        row.append(text: provider)
        row.append(text: externalID)
        row.append(text: externalID.map { IdentityLinks.matchKey(provider: provider, externalID: $0) })
    }

    /// Returns the address with its first letter and its domain's first letter in capitals, as
    /// some people type it. Identity matching ignores the case.
    static func capitalized(_ address: String) -> String {
        guard let at = address.firstIndex(of: "@") else { return address }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        return local.prefix(1).uppercased() + local.dropFirst() + "@" + domain.prefix(1).uppercased() + domain.dropFirst()
    }

    /// Names in lower-case ASCII, for addresses and handles.
    static let foldedFirstNames = SampleNames.firstNames.map(folded)
    static let foldedLastNames = SampleNames.lastNames.map(folded)

    static func folded(_ name: String) -> String {
        let replacements: [Character: String] = [
            "é": "e", "ë": "e", "í": "i", "ó": "o", "ø": "o", "ł": "l", "ñ": "n", "'": "",
        ]
        return name.lowercased().map { replacements[$0] ?? String($0) }.joined()
    }
}
