import Foundation

extension SalesImporter {
    /// Gathers customers, products and orders from the lines and writes everything in one
    /// write transaction.
    func apply(_ read: SalesRead, startedAt: String) throws -> Report {
        var report = read.report
        let gathered = SalesGathering(lines: read.lines, preset: preset)
        report.lines = read.lines.count
        report.orders = gathered.orders.count
        report.voidOrders = gathered.orders.filter { $0.status == "void" }.count
        report.guestLines = read.lines.filter { $0.customerID == nil }.count

        report.batchID = try database.writeTransaction {
            switch options.mode {
            case .replace:
                try database.execute("DELETE FROM order_lines")
                try database.execute("DELETE FROM orders")
            case .upsert:
                let delete = try database.prepare("DELETE FROM order_lines WHERE order_id = ?")
                for order in gathered.orders {
                    try delete.bind([order.id])
                    try delete.run()
                }
            case .append:
                break
            }
            let attributeTypes = try AttributeTypes.record(
                database, names: read.attributeNames, inferred: read.attributeTypes, replacing: false)
            report.newCustomers = try writeCustomers(gathered, names: read.attributeNames, types: attributeTypes)
            (report.newProducts, report.namedPlaceholders) = try writeProducts(gathered)
            report.refundLines = try writeOrders(gathered)
            if preset?.ratingsAsEvents == true {
                report.ratingEvents = try writeRatings(read.lines)
            }
            if let signal = interruption() {
                throw ImportFailure.interrupted(signal: signal)
            }
            try OrderStatus.derive(database, orders: options.mode == .replace ? nil : gathered.orders.map(\.id))
            try IdentityLinks.rebuild(database)
            let batch = BatchRecord(
                kind: "sales", file: absolutePath(path), fileSize: read.fileSize, sha256: read.sha256, startedAt: startedAt,
                mode: options.mode, added: read.lines.count, rejected: report.rejected, rounded: report.rounded)
            return try batch.commit(to: database)
        }
        return report
    }

    /// Inserts customers the warehouse does not have yet and returns how many.
    private func writeCustomers(_ gathered: SalesGathering, names: [String], types: [AttributeType]) throws -> Int {
        let insert = try database.prepare(
            """
            INSERT INTO customers (customer_id, name, email, region, country, channel, signup_date, opt_out, email_key, attributes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, json_patch('{}', ?)) ON CONFLICT (customer_id) DO NOTHING
            """)
        var added = 0
        for customer in gathered.customers {
            let values: [AttributeValue?] = zip(customer.attributes, types).map { text, type in
                guard let text else { return nil }
                switch type {
                case .number: return AttributeTypeTracker.plainNumber(text, decimalComma: options.decimalComma).map(AttributeValue.number)
                case .date: return (try? timestampParser.date(text).get()).map(AttributeValue.date)
                case .text: return .text(text)
                }
            }
            try insert.bind([
                customer.id, customer.name, customer.email, customer.region, customer.country, customer.channel,
                customer.signup.iso, customer.optOut, customer.email.map { IdentityLinks.matchKey(provider: "email", externalID: $0) },
                AttributeValue.jsonObject(names: names, values: values),
            ])
            try insert.run()
            added += database.changes
            insert.clearBindings()
        }
        return added
    }

    /// Inserts new products and fills what placeholder products lack; returns both counts.
    private func writeProducts(_ gathered: SalesGathering) throws -> (added: Int, named: Int) {
        let nonMerchandise = preset?.nonMerchandiseSKUs ?? []
        let fill = try database.prepare(
            """
            UPDATE products SET name = coalesce(name, ?), category = coalesce(category, ?),
                   retail_price_cents = coalesce(retail_price_cents, ?), merchandise = ?
             WHERE sku = ? AND name IS NULL
            """)
        let insert = try database.prepare(
            "INSERT OR IGNORE INTO products (sku, name, category, retail_price_cents, merchandise) VALUES (?, ?, ?, ?, ?)")
        var added = 0
        var named = 0
        for product in gathered.products {
            let isMerchandise = !nonMerchandise.contains(product.sku)
            try fill.bind([product.name, product.category, product.retailPrice, isMerchandise, product.sku])
            try fill.run()
            named += database.changes
            try insert.bind([product.sku, product.name, product.category, product.retailPrice, isMerchandise])
            try insert.run()
            added += database.changes
        }
        return (added, named)
    }

    /// Inserts orders and their lines, numbered in file order, and a negative line for each
    /// refunded amount. Returns the number of refund lines.
    private func writeOrders(_ gathered: SalesGathering) throws -> Int {
        let insertOrder = try database.prepare(
            """
            INSERT INTO orders (order_id, customer_id, ordered_at, channel, country, status) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (order_id) DO UPDATE SET customer_id = excluded.customer_id, ordered_at = excluded.ordered_at,
                channel = excluded.channel, country = excluded.country, status = excluded.status
            """)
        let insertLine = try database.prepare(
            "INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents, line_total_cents) VALUES (?, ?, ?, ?, ?, ?)")
        var refunds = 0
        for (index, order) in gathered.orders.enumerated() {
            if index % 4_096 == 0 {
                if let signal = interruption() { throw ImportFailure.interrupted(signal: signal) }
                progress?(.applying(rows: index, total: gathered.orders.count))
            }
            try insertOrder.bind([order.id, order.customer, order.orderedAt.stored, order.channel, order.country, order.status])
            try insertOrder.run()
            for (number, line) in order.lines.enumerated() {
                try insertLine.bind([order.id, number + 1, line.sku, line.quantity, line.unitPrice.minorUnits, line.lineTotal])
                try insertLine.run()
            }
            if let refund = order.refund {
                try database.execute("INSERT OR IGNORE INTO products (sku, name, merchandise) VALUES ('REFUND', 'Refund', 0)")
                try insertLine.bind([order.id, order.lines.count + 1, "REFUND", -1, refund.minorUnits, -abs(refund.minorUnits)])
                try insertLine.run()
                refunds += 1
            }
        }
        return refunds
    }

    /// Writes each rated line as a `rate` event of a member linked straight to its customer.
    private func writeRatings(_ lines: [SalesLine]) throws -> Int {
        let source = preset?.name ?? "sales"
        let member = try database.prepare(
            """
            INSERT OR IGNORE INTO members (source, member_id, handle, joined_at, provider, external_id, match_key)
            VALUES (?, ?, NULL, NULL, 'customer', ?, ?)
            """)
        let event = try database.prepare(
            """
            INSERT INTO events (source, event_id, member_id, occurred_at, kind, topic, sku, rating)
            VALUES (?, ?, ?, ?, 'rate', NULL, ?, ?)
            ON CONFLICT (source, event_id) DO UPDATE SET rating = excluded.rating
            """)
        var count = 0
        for line in lines {
            guard let rating = line.rating, let customer = line.customerID else { continue }
            try member.bind([source, customer, customer, customer])
            try member.run()
            try event.bind([source, "\(line.orderID)-\(line.sku)", customer, line.orderedAt.stored, line.sku, rating])
            try event.run()
            count += 1
        }
        return count
    }
}
