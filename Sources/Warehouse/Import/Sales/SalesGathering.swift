/// The orders, customers and products that a sales file's lines describe.
struct SalesGathering {
    struct Order {
        let id: String
        let customer: String?
        let orderedAt: UTCTimestamp
        let country: String?
        let channel: String?
        let status: String
        var lines: [SalesLine]
        var refund: DecimalAmount?
    }

    struct Customer {
        let id: String
        let name: String?
        let email: String?
        let region: String?
        let channel: String?
        let optOut: Bool
        /// The date of the first order: the first purchase.
        let signup: CivilDate
        /// The country of most of the customer's orders, ties going to the latest order's.
        let country: String?
        let attributes: [String?]
    }

    struct Product {
        let sku: String
        let name: String?
        let category: String?
        let retailPrice: Int64?
    }

    var orders: [Order] = []
    var customers: [Customer] = []
    var products: [Product] = []

    init(lines: [SalesLine], preset: SalesPreset?) {
        var orderIndex: [String: Int] = [:]
        for line in lines {
            if let index = orderIndex[line.orderID] {
                orders[index].lines.append(line)
                if orders[index].refund == nil { orders[index].refund = line.refund }
            } else {
                orderIndex[line.orderID] = orders.count
                orders.append(
                    Order(
                        id: line.orderID, customer: line.customerID, orderedAt: line.orderedAt, country: line.country,
                        channel: line.channel, status: line.status, lines: [line], refund: line.refund))
            }
        }

        var customerOrders: [String: [Order]] = [:]
        var customerOrder: [String] = []
        for order in orders {
            guard let customer = order.customer else { continue }
            if customerOrders[customer] == nil { customerOrder.append(customer) }
            customerOrders[customer, default: []].append(order)
        }
        customers = customerOrder.map { id in
            let own = customerOrders[id]!
            let first = own.min { $0.orderedAt < $1.orderedAt }!
            let lines = own.flatMap(\.lines)
            func firstValue(_ path: KeyPath<SalesLine, String?>) -> String? {
                lines.lazy.compactMap { $0[keyPath: path] }.first
            }
            return Customer(
                id: id, name: firstValue(\.name), email: firstValue(\.email), region: firstValue(\.customerRegion),
                channel: firstValue(\.customerChannel), optOut: lines.compactMap(\.optOut).last ?? false,
                signup: first.orderedAt.date,
                country: SalesGathering.mostFrequent(own.map { ($0.country, $0.orderedAt) }),
                attributes: lines.last?.attributes ?? [])
        }

        var productLines: [String: [(SalesLine, UTCTimestamp)]] = [:]
        var productOrder: [String] = []
        for order in orders {
            for line in order.lines {
                if productLines[line.sku] == nil { productOrder.append(line.sku) }
                productLines[line.sku, default: []].append((line, order.orderedAt))
            }
        }
        products = productOrder.map { sku in
            let lines = productLines[sku]!
            // Counted by orders: one vote per order and value.
            var descriptions: [String: (String?, UTCTimestamp)] = [:]
            var prices: [String: (String?, UTCTimestamp)] = [:]
            for (line, at) in lines {
                descriptions[line.orderID + "\u{1F}" + (line.description ?? "")] = (line.description, at)
                if line.unitPrice.units > 0 {
                    prices[line.orderID + "\u{1F}" + line.unitPrice.description] = (line.unitPrice.description, at)
                }
            }
            let price = SalesGathering.mostFrequent(Array(prices.values)).flatMap { text in
                (try? DecimalAmount.parse(text).get())?.minorUnits
            }
            return Product(
                sku: sku, name: SalesGathering.mostFrequent(Array(descriptions.values)),
                category: lines.lazy.compactMap(\.0.category).first, retailPrice: price)
        }
    }

    /// The most frequent non-missing value; ties go to the value of the latest occurrence.
    static func mostFrequent(_ values: [(String?, UTCTimestamp)]) -> String? {
        var counts: [String: (count: Int, latest: UTCTimestamp)] = [:]
        for case let (value?, at) in values {
            let entry = counts[value]
            counts[value] = ((entry?.count ?? 0) + 1, max(entry?.latest ?? at, at))
        }
        return counts.max { a, b in
            a.value.count != b.value.count ? a.value.count < b.value.count
                : a.value.latest != b.value.latest ? a.value.latest < b.value.latest : a.key > b.key
        }?.key
    }
}
