import Foundation
import Warehouse

/// Writes the columnar snapshot of a warehouse: every customer, member, event, order and
/// line as arrays of integers in files, which the fast engine maps.
///
/// Rows are ordered so that the engine can walk them in groups: customers by id, members by
/// (source, member id), each member's events by time, orders grouped by customer (guests and
/// orders of unknown customers last), each order's lines together. Text columns become codes
/// into sorted name tables, so code order is key order. Dates become days since 1970-01-01.
/// Void orders are left out, because they contribute nothing to any figure.
struct SnapshotBuilder {
    let database: Database
    let folder: String
    var progress: ((String) -> Void)?

    /// Reads the warehouse in one read transaction and writes every file into `folder`.
    ///
    /// Inside a writer's open transaction it reads that transaction's rows instead, so an
    /// import can write the snapshot of what it is about to commit.
    func build() throws -> SnapshotCounts {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Reading every table through memory-mapped pages saves copying them out of the page
        // cache; 2 GiB is the ceiling of this SQLite build.
        try database.execute("PRAGMA mmap_size = 2147483648")
        defer { try? database.execute("PRAGMA mmap_size = 0") }
        guard database.isAutocommit else { return try writeAll() }
        return try database.readTransaction { try writeAll() }
    }

    private func writeAll() throws -> SnapshotCounts {
        var counts = SnapshotCounts()
        progress?("customers")
        let customers = try writeCustomers(&counts)
        progress?("attributes")
        try writeAttributes(customers: customers)
        progress?("search index")
        try writeSearchIndex(customers: customers)
        progress?("products")
        let products = try writeProducts(&counts)
        progress?("members and links")
        let members = try writeMembers(customers: customers, counts: &counts)
        progress?("events")
        try writeEvents(members: members, products: products, counts: &counts)
        progress?("orders and lines")
        try writeOrders(customers: customers, products: products, counts: &counts)
        try counts.write(to: file("manifest"))
        return counts
    }

    func file(_ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }

    // MARK: Customers and products

    private func writeCustomers(_ counts: inout SnapshotCounts) throws -> [String: Int32] {
        var ids: [String] = []
        var signup: [Int32] = []
        var optOut: [UInt8] = []
        var texts: [[String?]] = [[], [], []]
        let statement = try database.prepare(
            "SELECT customer_id, region, country, channel, signup_date, opt_out FROM customers ORDER BY customer_id")
        while let row = try statement.step() {
            ids.append(row.text(0))
            for column in 0..<3 {
                texts[column].append(row.optionalText(column + 1))
            }
            signup.append(SnapshotBuilder.day(row.textBytes(4)) ?? Snapshot.noDay)
            optOut.append(row.bool(5) ? 1 : 0)
        }
        try ColumnFile.writeStrings(ids, to: file("customer.id"))
        try ColumnFile.write(signup, to: file("customer.signup"))
        try ColumnFile.write(optOut, to: file("customer.optout"))
        for (column, name) in ["region", "country", "channel"].enumerated() {
            try writeCodes(texts[column], table: "customer.\(name)")
        }
        counts.customers = ids.count
        var ordinals: [String: Int32] = [:]
        ordinals.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() {
            ordinals[id] = Int32(index)
        }
        return ordinals
    }

    private func writeProducts(_ counts: inout SnapshotCounts) throws -> [String: Int32] {
        var skus: [String] = []
        var categories: [String?] = []
        var merchandise: [UInt8] = []
        let statement = try database.prepare("SELECT sku, category, merchandise FROM products ORDER BY sku")
        while let row = try statement.step() {
            skus.append(row.text(0))
            categories.append(row.optionalText(1))
            merchandise.append(row.bool(2) ? 1 : 0)
        }
        try ColumnFile.writeStrings(skus, to: file("product.sku"))
        try ColumnFile.write(merchandise, to: file("product.merch"))
        try writeCodes(categories, table: "product.category")
        counts.products = skus.count
        var ordinals: [String: Int32] = [:]
        for (index, sku) in skus.enumerated() {
            ordinals[sku] = Int32(index)
        }
        return ordinals
    }

    /// Writes `table.code` (0 for a missing value, else 1 + the index in the sorted names)
    /// and the names in `table.names`.
    private func writeCodes(_ values: [String?], table: String) throws {
        let names = Set(values.compactMap { $0 }).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var codes: [String: Int32] = [:]
        for (index, name) in names.enumerated() {
            codes[name] = Int32(index + 1)
        }
        try ColumnFile.write(values.map { $0.map { codes[$0]! } ?? 0 }, to: file(table + ".code"))
        try ColumnFile.writeStrings(names, to: file(table + ".names"))
    }

    /// One column per extra customer column, typed as recorded: numbers as `Double` (NaN
    /// when missing), dates as days (`noDay` when missing), text as codes into sorted names
    /// (0 when missing). A stored value of another JSON type than the recorded one is missing.
    private func writeAttributes(customers: [String: Int32]) throws {
        let attributes = try database.query("SELECT name, type FROM attribute_types ORDER BY name") {
            ($0.text(0), AttributeType(rawValue: $0.text(1)) ?? .text)
        }
        try ColumnFile.writeStrings(attributes.map(\.0), to: file("attribute.name"))
        try ColumnFile.write(attributes.map { UInt8(AttributeType.allCases.firstIndex(of: $0.1)!) }, to: file("attribute.type"))
        let count = customers.count
        for (index, (name, type)) in attributes.enumerated() {
            let statement = try database.prepare(
                """
                SELECT c.customer_id, j.type, j.value FROM customers c, json_each(c.attributes) j
                 WHERE j.key = ? AND j.value IS NOT NULL AND j.value <> ''
                """)
            try statement.bind([name])
            switch type {
            case .number:
                var values = [Double](repeating: .nan, count: count)
                while let row = try statement.step() {
                    guard let customer = customers[row.text(0)], row.text(1) == "integer" || row.text(1) == "real" else { continue }
                    values[Int(customer)] = row.real(2)
                }
                try ColumnFile.write(values, to: file("attribute.\(index).number"))
            case .date:
                var values = [Int32](repeating: Snapshot.noDay, count: count)
                while let row = try statement.step() {
                    guard let customer = customers[row.text(0)], row.text(1) == "text" else { continue }
                    values[Int(customer)] = SnapshotBuilder.day(row.textBytes(2)) ?? Snapshot.noDay
                }
                try ColumnFile.write(values, to: file("attribute.\(index).date"))
            case .text:
                var values = [String?](repeating: nil, count: count)
                while let row = try statement.step() {
                    guard let customer = customers[row.text(0)], row.text(1) == "text" else { continue }
                    values[Int(customer)] = row.text(2)
                }
                try writeCodes(values, table: "attribute.\(index).text")
            }
        }
    }

    /// The search keys of every customer, sorted: its id, its email, its whole name and each
    /// later word of the name, all normalised by `SearchKey`. A prefix search is then a binary
    /// search and a walk over adjacent keys.
    private func writeSearchIndex(customers: [String: Int32]) throws {
        var entries: [(key: [UInt8], customer: Int32)] = []
        entries.reserveCapacity(customers.count * 3)
        let statement = try database.prepare("SELECT customer_id, name, email FROM customers")
        while let row = try statement.step() {
            guard let customer = customers[row.text(0)] else { continue }
            for key in SearchKey.keys(id: row.text(0), name: row.optionalText(1), email: row.optionalText(2)) {
                entries.append((Array(key.utf8), customer))
            }
        }
        entries.sort { $0.key.lexicographicallyPrecedes($1.key) || ($0.key == $1.key && $0.customer < $1.customer) }
        var blob: [UInt8] = []
        var offsets: [Int64] = [0]
        for entry in entries {
            blob.append(contentsOf: entry.key)
            offsets.append(Int64(blob.count))
        }
        try ColumnFile.write(blob, to: file("search.key.utf8"))
        try ColumnFile.write(offsets, to: file("search.key.offsets"))
        try ColumnFile.write(entries.map(\.customer), to: file("search.customer"))
    }

    // MARK: Members, links and events

    private func writeMembers(customers: [String: Int32], counts: inout SnapshotCounts) throws -> [String: Int32] {
        var ordinals: [String: Int32] = [:]
        var joined: [Int32] = []
        let statement = try database.prepare("SELECT source, member_id, joined_at FROM members ORDER BY source, member_id")
        while let row = try statement.step() {
            ordinals[SnapshotBuilder.memberKey(row.text(0), row.text(1))] = Int32(joined.count)
            joined.append(SnapshotBuilder.day(row.textBytes(2)) ?? Snapshot.noDay)
        }
        try ColumnFile.write(joined, to: file("member.joined"))
        counts.members = joined.count

        var memberLinks = [[Int32]](repeating: [], count: joined.count)
        var customerLinks = [[Int32]](repeating: [], count: customers.count)
        let links = try database.prepare("SELECT source, member_id, customer_id FROM member_links")
        while let row = try links.step() {
            guard let member = ordinals[SnapshotBuilder.memberKey(row.text(0), row.text(1))],
                let customer = customers[row.text(2)]
            else { continue }
            memberLinks[Int(member)].append(customer)
            customerLinks[Int(customer)].append(member)
        }
        try writeCSR(memberLinks.map { $0.sorted() }, name: "member.links")
        try writeCSR(customerLinks.map { $0.sorted() }, name: "customer.members")
        counts.links = memberLinks.reduce(0) { $0 + $1.count }
        return ordinals
    }

    /// A compressed sparse row layout: `name.start` with `count + 1` offsets into `name.items`.
    private func writeCSR(_ lists: [[Int32]], name: String) throws {
        var starts: [Int32] = [0]
        var items: [Int32] = []
        for list in lists {
            items.append(contentsOf: list)
            starts.append(Int32(items.count))
        }
        try ColumnFile.write(starts, to: file(name + ".start"))
        try ColumnFile.write(items, to: file(name + ".items"))
    }

    private func writeEvents(members: [String: Int32], products: [String: Int32], counts: inout SnapshotCounts) throws {
        let memberCount = counts.members
        var days: [Int32] = []
        var kinds: [UInt8] = []
        var productsOfEvents: [Int32] = []
        var memberOfEvent: [Int32] = []
        // The first day each member reached each rung, for tiers at any as-of date.
        var firstEvent = [Int32](repeating: Snapshot.never, count: memberCount)
        var firstJoiner = [Int32](repeating: Snapshot.never, count: memberCount)
        var firstCritic = [Int32](repeating: Snapshot.never, count: memberCount)
        var firstCreator = [Int32](repeating: Snapshot.never, count: memberCount)

        let statement = try database.prepare(
            "SELECT source, member_id, occurred_at, kind, sku FROM events ORDER BY source, member_id, occurred_at")
        var lastSource = ""
        var lastMember = ""
        var member: Int32 = -1
        var lastSku = ""
        var lastProduct: Int32 = -1
        while let row = try statement.step() {
            let source = row.text(0)
            let memberID = row.text(1)
            if memberID != lastMember || source != lastSource {
                lastSource = source
                lastMember = memberID
                guard let ordinal = members[SnapshotBuilder.memberKey(source, memberID)] else {
                    throw SnapshotError.damaged(path: folder, reason: "event of unknown member \(source)/\(memberID)")
                }
                member = ordinal
            }
            let day = SnapshotBuilder.day(row.textBytes(2)) ?? Snapshot.noDay
            let kind = Snapshot.kindCode(row.textBytes(3))
            var product: Int32 = -1
            if !row.isNull(4) {
                let sku = row.text(4)
                if sku != lastSku {
                    lastSku = sku
                    lastProduct = products[sku] ?? -1
                }
                product = lastProduct
            }
            let index = Int(member)
            firstEvent[index] = min(firstEvent[index], day)
            switch Snapshot.rung(ofKind: kind) {
            case 2: firstJoiner[index] = min(firstJoiner[index], day)
            case 3: firstCritic[index] = min(firstCritic[index], day)
            case 4: firstCreator[index] = min(firstCreator[index], day)
            default: break
            }
            memberOfEvent.append(member)
            days.append(day)
            kinds.append(kind)
            productsOfEvents.append(product)
        }

        // Events come sorted by member key and time, which is member ordinal order.
        var starts = [Int32](repeating: 0, count: memberCount + 1)
        for member in memberOfEvent {
            starts[Int(member) + 1] += 1
        }
        for index in 0..<memberCount {
            starts[index + 1] += starts[index]
        }
        let joinedFile = try MappedFile(path: file("member.joined"))
        let (joinerDays, existence) = withExtendedLifetime(joinedFile) { () -> ([Int32], [Int32]) in
            let joined = joinedFile.buffer(of: Int32.self)
            let joinerDays = (0..<memberCount).map { min(firstJoiner[$0], joined[$0] == Snapshot.noDay ? Snapshot.never : joined[$0]) }
            let existence = (0..<memberCount).map { index -> Int32 in
                let joinedDay = joined[index] == Snapshot.noDay ? Snapshot.never : joined[index]
                let first = min(joinedDay, firstEvent[index])
                // A member with neither a joined date nor events exists at every date.
                return first == Snapshot.never ? Snapshot.noDay : first
            }
            return (joinerDays, existence)
        }
        try ColumnFile.write(starts, to: file("member.events.start"))
        try ColumnFile.write(existence, to: file("member.exists"))
        try ColumnFile.write(joinerDays, to: file("member.joiner"))
        try ColumnFile.write(firstCritic, to: file("member.critic"))
        try ColumnFile.write(firstCreator, to: file("member.creator"))
        try ColumnFile.write(days, to: file("event.day"))
        try ColumnFile.write(kinds, to: file("event.kind"))
        try ColumnFile.write(productsOfEvents, to: file("event.product"))
        counts.events = days.count
    }

    // MARK: Orders and lines

    private func writeOrders(customers: [String: Int32], products: [String: Int32], counts: inout SnapshotCounts) throws {
        struct OrderRow {
            var customer: Int32
            var day: Int32
            var isReturn: Bool
            var channel: String?
            var country: String?
        }
        var ordinals: [String: Int32] = [:]
        var orders: [OrderRow] = []
        let statement = try database.prepare(
            "SELECT order_id, customer_id, ordered_at, status, channel, country FROM orders WHERE status != 'void'")
        while let row = try statement.step() {
            let customer = row.optionalText(1).flatMap { customers[$0] } ?? -1
            ordinals[row.text(0)] = Int32(orders.count)
            orders.append(
                OrderRow(
                    customer: customer, day: SnapshotBuilder.day(row.textBytes(2)) ?? Snapshot.noDay,
                    isReturn: row.text(3) == "return", channel: row.optionalText(4), country: row.optionalText(5)))
        }
        // Group orders by customer ordinal, guests last, each customer's orders by day.
        let order = orders.indices.sorted { a, b in
            let x = orders[a].customer < 0 ? Int32.max : orders[a].customer
            let y = orders[b].customer < 0 ? Int32.max : orders[b].customer
            return x != y ? x < y : (orders[a].day, a) < (orders[b].day, b)
        }
        var position = [Int32](repeating: 0, count: orders.count)
        for (newIndex, oldIndex) in order.enumerated() {
            position[oldIndex] = Int32(newIndex)
        }

        var customerStarts = [Int32](repeating: 0, count: counts.customers + 1)
        for row in orders where row.customer >= 0 {
            customerStarts[Int(row.customer) + 1] += 1
        }
        for index in 0..<counts.customers {
            customerStarts[index + 1] += customerStarts[index]
        }

        var lines = [[(product: Int32, quantity: Int32, total: Int64)]](repeating: [], count: orders.count)
        let lineStatement = try database.prepare(
            "SELECT order_id, sku, quantity, line_total_cents FROM order_lines ORDER BY order_id, line_no")
        while let row = try lineStatement.step() {
            guard let ordinal = ordinals[row.text(0)] else { continue }
            lines[Int(position[Int(ordinal)])].append(
                (products[row.text(1)] ?? -1, Int32(clamping: row.integer(2)), row.integer(3)))
        }

        let sorted = order.map { orders[$0] }
        try ColumnFile.write(customerStarts, to: file("customer.orders.start"))
        try ColumnFile.write(sorted.map(\.customer), to: file("order.customer"))
        try ColumnFile.write(sorted.map(\.day), to: file("order.day"))
        try ColumnFile.write(sorted.map { UInt8($0.isReturn ? 1 : 0) }, to: file("order.return"))
        try writeCodes(sorted.map(\.channel), table: "order.channel")
        try writeCodes(sorted.map(\.country), table: "order.country")
        var lineStarts: [Int32] = [0]
        for list in lines {
            lineStarts.append(lineStarts.last! + Int32(list.count))
        }
        let flat = lines.joined()
        try ColumnFile.write(lineStarts, to: file("order.lines.start"))
        try ColumnFile.write(flat.map(\.product), to: file("line.product"))
        try ColumnFile.write(flat.map(\.quantity), to: file("line.quantity"))
        try ColumnFile.write(flat.map(\.total), to: file("line.total"))
        counts.orders = orders.count
        counts.lines = flat.count
    }

    // MARK: Parsing

    static func memberKey(_ source: String, _ memberID: String) -> String {
        source + "\u{1F}" + memberID
    }

    /// Days since 1970-01-01 of the date at the start of `YYYY-MM-DD…`, or nil.
    static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard bytes.count >= 10 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int {
            var value = 0
            for index in start..<start + count {
                value = value * 10 + Int(bytes[index] &- 48)
            }
            return value
        }
        guard let date = CivilDate(year: number(0, 4), month: number(5, 2), day: number(8, 2)) else { return nil }
        return Int32(date.daysSinceEpoch)
    }
}

/// Row counts of a snapshot, written as its manifest.
struct SnapshotCounts: Equatable {
    var customers = 0
    var products = 0
    var members = 0
    var links = 0
    var events = 0
    var orders = 0
    var lines = 0

    static let formatVersion = 1

    func write(to path: String) throws {
        let text = """
            format \(SnapshotCounts.formatVersion)
            customers \(customers)
            products \(products)
            members \(members)
            links \(links)
            events \(events)
            orders \(orders)
            lines \(lines)

            """
        try Array(text.utf8).withUnsafeBytes { try ColumnFile.write(bytes: $0, to: path) }
    }

    static func read(from path: String) throws -> SnapshotCounts {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SnapshotError.unreadable(path: path, reason: "no manifest")
        }
        var values: [String: Int] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = Int(parts[1]) {
                values[String(parts[0])] = value
            }
        }
        guard values["format"] == formatVersion else {
            throw SnapshotError.damaged(path: path, reason: "format \(values["format"] ?? 0), expected \(formatVersion)")
        }
        return SnapshotCounts(
            customers: values["customers"] ?? 0, products: values["products"] ?? 0, members: values["members"] ?? 0,
            links: values["links"] ?? 0, events: values["events"] ?? 0, orders: values["orders"] ?? 0,
            lines: values["lines"] ?? 0)
    }
}
