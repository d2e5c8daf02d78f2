import Foundation
import Testing

/// Real exports imported through the binary, with figures checked against a computation of
/// the test's own that reads the file without dotwork's code.
///
/// The data comes from `$DOTWORK_REALDATA`, by default `../shared/realdata` beside the
/// repository. Tests never write into it. A missing folder skips these tests, except under
/// `CI=true`, where it is a failure.
@Suite("Real data")
struct RealDataTests {
    static let folder: String = {
        if let path = ProcessInfo.processInfo.environment["DOTWORK_REALDATA"], !path.isEmpty {
            return path
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/realdata").path
    }()

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: folder + "/uci_online_retail/online_retail_all.csv")
    }

    /// Fails under CI when the data is missing, and tells whether to go on.
    static func requireData() -> Bool {
        if isAvailable { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("no real data at \(folder); set DOTWORK_REALDATA")
        }
        return false
    }

    let scratch = ScratchFolder()

    func dotwork(_ arguments: [String], database: String) throws -> DotworkProcess.Result {
        try DotworkProcess.run(arguments + ["--db", database], environment: ["HOME": scratch.path])
    }

    // MARK: Online Retail

    /// Revenue in pence by country and UTC month, merchandise revenue likewise, and other
    /// figures, computed from the file with Foundation's decimal arithmetic and time zones.
    struct RetailFigures {
        var revenue: [String: [String: Int64]] = [:]
        var merchRevenue: [String: [String: Int64]] = [:]
        var lines = 0
        var customers = Set<String>()
        var guestRevenue: Int64 = 0
        var cancellationOrders = Set<String>()
        var roundedLines = 0
    }

    static let nonMerchandise: Set<String> = [
        "POST", "DOT", "M", "D", "B", "C2", "S", "CRUK", "PADS", "AMAZONFEE", "BANK CHARGES", "ADJUST", "ADJUST2",
    ]

    static func retailFigures(path: String) throws -> RetailFigures {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "Europe/London")
        parser.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let month = DateFormatter()
        month.locale = Locale(identifier: "en_US_POSIX")
        month.timeZone = TimeZone(identifier: "UTC")
        month.dateFormat = "yyyy-MM"

        var figures = RetailFigures()
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).dropFirst() {
            let fields = splitCSV(String(line))
            let (invoice, sku, quantityText, date, priceText, customer, country) =
                (fields[0], fields[1], fields[3], fields[4], fields[5], fields[6], fields[7])
            var quantity = Decimal(string: quantityText)!
            if invoice.hasPrefix("C") && quantity > 0 {
                quantity = -quantity
            }
            if invoice.hasPrefix("C") {
                figures.cancellationOrders.insert(invoice)
            }
            let price = Decimal(string: priceText)!
            if priceText.split(separator: ".").last.map({ $0.count > 2 }) == true && priceText.contains(".") {
                figures.roundedLines += 1
            }
            var total = quantity * price * 100
            var rounded = Decimal()
            NSDecimalRound(&rounded, &total, 0, .bankers)
            let pence = NSDecimalNumber(decimal: rounded).int64Value
            let key = month.string(from: parser.date(from: date)!)
            figures.revenue[country, default: [:]][key, default: 0] += pence
            if !nonMerchandise.contains(sku) {
                figures.merchRevenue[country, default: [:]][key, default: 0] += pence
            }
            figures.lines += 1
            if customer.isEmpty {
                figures.guestRevenue += pence
            } else {
                figures.customers.insert(customer)
            }
        }
        return figures
    }

    /// Splits one CSV line with RFC 4180 quoting; the Online Retail file has no line breaks in fields.
    static func splitCSV(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Cells of a pivot CSV as pence by row key and column key, without the totals.
    static func pivotCells(_ csv: String) -> [String: [String: Int64]] {
        let rows = csv.split(separator: "\r\n").map { splitCSV(String($0)) }
        let header = rows[0]
        var cells: [String: [String: Int64]] = [:]
        for row in rows.dropFirst() where row[0] != "total" {
            for (index, value) in row.enumerated().dropFirst() where header[index] != "total" {
                let pence = NSDecimalNumber(string: value).multiplying(by: 100).int64Value
                if pence != 0 {
                    cells[row[0], default: [:]][header[index]] = pence
                }
            }
        }
        return cells
    }

    @Test("Online Retail: revenue by country and month, customers, guests, returns")
    func onlineRetail() throws {
        guard RealDataTests.requireData() else { return }
        let path = RealDataTests.folder + "/uci_online_retail/online_retail_all.csv"
        let database = scratch.file("retail.db")
        #expect(try dotwork(["init", "--currency", "GBP"], database: database).status == 0)
        let imported = try dotwork(["import", "sales", path, "--preset", "online-retail"], database: database)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("541909 lines in 25900 orders"))
        #expect(imported.stderr.contains("flipped the sign of 0 cancellation lines"))
        #expect(imported.stderr.contains("4 lines priced with more than two decimals"))

        let expected = try RealDataTests.retailFigures(path: path)
        #expect(expected.lines == 541_909)
        #expect(expected.roundedLines == 4)
        for (measure, figures) in [("revenue", expected.revenue), ("merch-revenue", expected.merchRevenue)] {
            let pivot = try dotwork(
                ["pivot", "--rows", "order-country", "--cols", "order-month", "--measure", measure, "--format", "csv"],
                database: database)
            #expect(pivot.status == 0)
            let cells = RealDataTests.pivotCells(pivot.stdout)
            #expect(cells == figures.mapValues { $0.filter { $0.value != 0 } }.filter { !$0.value.isEmpty }, "\(measure)")
        }

        let cohorts = try dotwork(["cohorts", "--by", "tier", "--format", "csv"], database: database)
        let rows = cohorts.stdout.split(separator: "\r\n").map { RealDataTests.splitCSV(String($0)) }
        let guest = try #require(rows.first { $0[0] == "(guest)" })
        let total = try #require(rows.first { $0[0] == "total" })
        #expect(NSDecimalNumber(string: guest[17]).multiplying(by: 100).int64Value == expected.guestRevenue)
        #expect(Int(total[1]) == expected.customers.count)

        let stats = try dotwork(["stats"], database: database)
        #expect(stats.stdout.contains("as-of date  2011-12-09"))

        let rule = CombinedRealDataTests.repository + "/docs/real-data/uk-big-spenders.rule"
        let preview = try dotwork(["rule", "preview", rule], database: database)
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(RealDataTests.summary(preview.stdout, "hits") == "45")
        #expect(RealDataTests.summary(preview.stdout, "target") == "40")
    }

    /// The value of one line of a preview's summary block, such as `hits  45`.
    static func summary(_ output: String, _ label: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix(label + " ") }?.split(separator: " ").dropFirst().first.map(String.init)
    }

    @Test("Online Retail: a bad row in a copy leaves the warehouse unchanged")
    func onlineRetailAtomic() throws {
        guard RealDataTests.requireData() else { return }
        let source = RealDataTests.folder + "/uci_online_retail/online_retail_all.csv"
        let copy = scratch.file("retail-copy.csv")
        var lines = Array(try String(contentsOfFile: source, encoding: .utf8).components(separatedBy: "\r\n").prefix(20_001))
        lines[15_000] = "581587,22613,PACK OF 20 SPACEBOY NAPKINS,twelve,2011-12-09 12:50:00,0.85,12680,France"
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: copy, atomically: true, encoding: .utf8)
        let database = scratch.file("atomic.db")
        _ = try dotwork(["init", "--currency", "GBP"], database: database)
        let result = try dotwork(["import", "sales", copy, "--preset", "online-retail"], database: database)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(copy):15001:"))
        #expect(result.stderr.contains("quantity is not a whole number (twelve)"))
        let stats = try dotwork(["stats"], database: database)
        let lineCount = stats.stdout.split(separator: "\n").first { $0.hasPrefix("order_lines ") }
        #expect(lineCount?.split(separator: " ") == ["order_lines", "0"])
    }

    @Test("the Online Retail preset stops on a warehouse of another currency")
    func onlineRetailCurrency() throws {
        guard RealDataTests.requireData() else { return }
        let database = scratch.file("usd.db")
        _ = try dotwork(["init"], database: database)
        let result = try dotwork(
            ["import", "sales", RealDataTests.folder + "/uci_online_retail/online_retail_all.csv", "--preset", "online-retail"],
            database: database)
        #expect(result.status == 1)
        #expect(result.stderr.contains("reads amounts in GBP, but this warehouse keeps USD"))
        #expect(result.stderr.contains("dotwork init --currency GBP"))
    }

    // MARK: Electronics sales

    @Test("electronic sales: cancelled orders void, ratings as rate events, loyalty as an attribute")
    func electronicSales() throws {
        guard RealDataTests.requireData() else { return }
        let path = RealDataTests.folder + "/electronics_sales_kaggle/electronic_sales.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let rows = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).dropFirst().map { RealDataTests.splitCSV(String($0)) }
        var completedRevenue: Int64 = 0
        var cancelled = 0
        var customers = Set<String>()
        for row in rows {
            customers.insert(row[0])
            if row[7] == "Cancelled" {
                cancelled += 1
                continue
            }
            var total = Decimal(string: row[10])! * Decimal(string: row[11])! * 100
            var rounded = Decimal()
            NSDecimalRound(&rounded, &total, 0, .bankers)
            completedRevenue += NSDecimalNumber(decimal: rounded).int64Value
        }

        let database = scratch.file("electronics.db")
        _ = try dotwork(["init"], database: database)
        let imported = try dotwork(["import", "sales", path, "--preset", "electronic-sales"], database: database)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("\(rows.count) lines in \(rows.count) orders (\(cancelled) void)"))

        let cohorts = try dotwork(["cohorts", "--by", "tier", "--format", "csv"], database: database)
        let total = cohorts.stdout.split(separator: "\r\n").map { RealDataTests.splitCSV(String($0)) }.first { $0[0] == "total" }
        #expect(total.map { NSDecimalNumber(string: $0[17]).multiplying(by: 100).int64Value } == completedRevenue)
        #expect(total.flatMap { Int($0[1]) } == customers.count)
        // Every rated customer has a member linked straight to it, so nobody stays at tier none.
        #expect(total.map { $0[4] } == "0")

        let loyal = try dotwork(["customers", "--search", rows[0][0], "--format", "csv"], database: database)
        #expect(loyal.status == 0)
        let filtered = try dotwork(
            ["pivot", "--rows", "tier", "--cols", "channel", "--measure", "customers", "--where", #"attr "loyalty_member" = "Yes""#, "--format", "csv"],
            database: database)
        #expect(filtered.status == 0, "\(filtered.stderr)")
        // A customer keeps the loyalty flag of its last row in the file.
        var lastFlag: [String: String] = [:]
        for row in rows {
            lastFlag[row[0]] = row[3]
        }
        let loyalCount = lastFlag.values.filter { $0 == "Yes" }.count
        #expect(filtered.stdout.split(separator: "\r\n").last.map(String.init)?.hasSuffix(",\(loyalCount)") == true, "\(filtered.stdout)")
    }

    // MARK: Shopify

    @Test("Shopify orders: fields carried forward, marketing consent, voids and refunds")
    func shopify() throws {
        guard RealDataTests.requireData() else { return }
        let header = try String(
            contentsOfFile: RealDataTests.folder + "/exports/headers_only_rows_dropped_pii/shopify_orders_export_1__header.csv",
            encoding: .utf8
        ).trimmingCharacters(in: .newlines)
        let columns = RealDataTests.splitCSV(header)
        func row(_ values: [String: String]) -> String {
            columns.map { name in
                let value = values[name] ?? ""
                return value.contains(",") ? "\"\(value)\"" : value
            }.joined(separator: ",")
        }
        let lines = [
            header,
            row([
                "Name": "#1001", "Email": "Ann@Example.com", "Financial Status": "paid", "Accepts Marketing": "no",
                "Currency": "USD", "Created at": "2024-03-01 10:00:00 -0500", "Lineitem quantity": "2",
                "Lineitem name": "Kin One case", "Lineitem price": "19.99", "Lineitem sku": "CASE-1",
                "Billing Name": "Ann Archer", "Shipping Country": "US", "Source": "web",
            ]),
            row(["Name": "#1001", "Lineitem quantity": "1", "Lineitem name": "Charger", "Lineitem price": "25.00", "Lineitem sku": "CHG-1"]),
            row([
                "Name": "#1002", "Email": "bob@example.com", "Financial Status": "voided", "Accepts Marketing": "yes",
                "Currency": "USD", "Created at": "2024-03-02 11:00:00 -0500", "Lineitem quantity": "1",
                "Lineitem name": "Charger", "Lineitem price": "25.00", "Lineitem sku": "CHG-1", "Shipping Country": "CA",
            ]),
            row([
                "Name": "#1003", "Email": "ann@example.com", "Financial Status": "partially_refunded",
                "Accepts Marketing": "no", "Currency": "USD", "Created at": "2024-03-05 09:30:00 -0500",
                "Lineitem quantity": "3", "Lineitem name": "Kin One case", "Lineitem price": "19.99",
                "Lineitem sku": "CASE-1", "Refunded Amount": "19.99", "Shipping Country": "US",
            ]),
        ]
        let path = scratch.file("orders_export.csv")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let database = scratch.file("shopify.db")
        _ = try dotwork(["init"], database: database)
        let imported = try dotwork(["import", "sales", path, "--preset", "shopify-orders"], database: database)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("4 lines in 3 orders (1 void), 2 new customers"))

        let orders = try dotwork(["pivot", "--rows", "order-country", "--cols", "order-month", "--measure", "revenue", "--format", "csv"], database: database)
        // #1001: 2 × 19.99 + 25.00 = 64.98; #1003: 3 × 19.99 − 19.99 refunded = 39.98; #1002 is void.
        #expect(orders.stdout == "order_country,2024-03,total\r\nUS,104.96,104.96\r\ntotal,104.96,104.96\r\n")
        let ann = try dotwork(["customer", "ann@example.com"], database: database)
        #expect(ann.stdout.contains("opt-out   yes"))
        #expect(ann.stdout.contains("name      Ann Archer"))
        let bob = try dotwork(["customer", "bob@example.com"], database: database)
        #expect(bob.stdout.contains("opt-out   no"))
    }
}

/// The community side of the real data: Stack Exchange dumps and a clickstream.
@Suite("Real community data")
struct RealCommunityTests {
    let scratch = ScratchFolder()

    func dotwork(_ arguments: [String], database: String) throws -> DotworkProcess.Result {
        try DotworkProcess.run(arguments + ["--db", database], environment: ["HOME": scratch.path])
    }

    /// The attributes of each `<row …/>` of a dump, read with a regular expression rather than
    /// an XML parser, as an independent count.
    static func rows(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let rowPattern = try NSRegularExpression(pattern: "<row ([^>]*)/>")
        let attributePattern = try NSRegularExpression(pattern: "([A-Za-z]+)=\"([^\"]*)\"")
        let nsText = text as NSString
        return rowPattern.matches(in: text, range: NSRange(location: 0, length: nsText.length)).map { match in
            let body = nsText.substring(with: match.range(at: 1))
            var attributes: [String: String] = [:]
            for pair in attributePattern.matches(in: body, range: NSRange(location: 0, length: (body as NSString).length)) {
                attributes[(body as NSString).substring(with: pair.range(at: 1))] = (body as NSString).substring(with: pair.range(at: 2))
            }
            return attributes
        }
    }

    @Test("Stack Exchange posts, comments and badges with their counts")
    func stackExchange() throws {
        guard RealDataTests.requireData() else { return }
        let database = scratch.file("community.db")
        _ = try dotwork(["init"], database: database)
        let site = RealDataTests.folder + "/stackexchange"

        let posts = try RealCommunityTests.rows(site + "/coffee/Posts.xml")
        let kept = posts.filter { ["1", "2"].contains($0["PostTypeId"] ?? "") && ($0["OwnerUserId"] ?? "-1") != "-1" }
        let postsResult = try dotwork(["import", "community", site + "/coffee/Posts.xml", "--format", "stackexchange"], database: database)
        #expect(postsResult.status == 0, "\(postsResult.stderr)")
        #expect(postsResult.stdout.contains("into source coffee: \(kept.count) post;"))
        let otherTypes = Dictionary(grouping: posts.filter { !["1", "2"].contains($0["PostTypeId"] ?? "") }) { $0["PostTypeId"] ?? "" }
        for (type, rows) in otherTypes {
            #expect(postsResult.stderr.contains("skipped \(rows.count) rows: post type \(type)"), "type \(type)")
        }
        let owners = Set(kept.compactMap { $0["OwnerUserId"] })
        #expect(postsResult.stdout.contains("\(owners.count) new members"))

        let comments = try RealCommunityTests.rows(site + "/history_meta/Comments.xml")
        let withUser = comments.filter { ($0["UserId"] ?? "-1") != "-1" }
        let commentsResult = try dotwork(
            ["import", "community", site + "/history_meta/Comments.xml", "--format", "stackexchange"], database: database)
        #expect(commentsResult.stdout.contains("into source history_meta: \(withUser.count) comment;"))
        #expect(commentsResult.stderr.contains("skipped \(comments.count - withUser.count) rows: comment without a user"))

        let badges = try RealCommunityTests.rows(site + "/history_meta/Badges.xml")
        let votes: Set = ["Supporter", "Critic", "Civic Duty", "Suffrage", "Vox Populi", "Electorate"]
        let visits: Set = ["Yearling", "Enthusiast", "Fanatic"]
        let expectedRate = badges.filter { votes.contains($0["Name"] ?? "") }.count
        let expectedLogin = badges.filter { visits.contains($0["Name"] ?? "") }.count
        let expectedJoin = badges.filter { $0["Name"] == "Autobiographer" }.count
        let badgesResult = try dotwork(
            ["import", "community", site + "/history_meta/Badges.xml", "--format", "stackexchange"], database: database)
        #expect(badgesResult.status == 0)
        #expect(badgesResult.stdout.contains("\(expectedJoin) join, \(expectedLogin) login, \(expectedRate) rate"), "\(badgesResult.stdout)")
        #expect(badgesResult.stderr.contains("Student \(badges.filter { $0["Name"] == "Student" }.count)"))

        let again = try dotwork(["import", "community", site + "/coffee/Posts.xml", "--format", "stackexchange"], database: database)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already in source coffee"))

        let stats = try dotwork(["stats"], database: database)
        #expect(stats.stdout.contains("as-of date  2018-09-01"))
    }

    @Test("a file that is not a dump is rejected with its place")
    func notADump() throws {
        guard RealDataTests.requireData() else { return }
        let database = scratch.file("community.db")
        _ = try dotwork(["init"], database: database)
        let result = try dotwork(
            ["import", "community", RealDataTests.folder + "/uci_online_retail/online_retail_all.csv", "--format", "stackexchange"],
            database: database)
        #expect(result.status == 1)
        #expect(result.stderr.contains("not a readable XML dump"))
        let missing = try dotwork(["import", "community", scratch.file("Posts.xml"), "--format", "stackexchange"], database: database)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no file at"))
    }

    @Test("a clickstream's own event names through --kind-map")
    func clickstream() throws {
        guard RealDataTests.requireData() else { return }
        let path = RealDataTests.folder + "/retentioneering_ecom_clickstream/ecom.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var names: [String: Int] = [:]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).dropFirst() {
            names[String(line.split(separator: ",")[2]), default: 0] += 1
        }
        let database = scratch.file("clicks.db")
        _ = try dotwork(["init"], database: database)
        let base = ["import", "events", path, "--source", "ecom", "--map", "user_id=member_id", "--map", "event=kind",
                    "--map", "timestamp=occurred_at"]
        let unmapped = try dotwork(base + ["--kind-map", "product_view=view"], database: database)
        #expect(unmapped.status == 1)
        #expect(unmapped.stderr.contains("catalog (\(names["catalog"]!))"))

        var mapping: [String] = []
        for name in names.keys.sorted() {
            let kind = name == "product_view" || name == "catalog" ? "view" : (name == "review_page" ? "review" : "skip")
            mapping += ["--kind-map", "\(name)=\(kind)"]
        }
        let imported = try dotwork(base + mapping, database: database)
        #expect(imported.status == 0, "\(imported.stderr)")
        let kept = names["product_view"]! + names["catalog"]! + names["review_page"]!
        #expect(imported.stdout.contains("\(kept) added"))
        #expect(imported.stderr.contains("purchase \(names["purchase"]!)"))
    }
}

/// The warehouse of the combined walk-through: real sales, real community, invented links.
@Suite("Combined real data")
struct CombinedRealDataTests {
    let scratch = ScratchFolder()
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test("the invented links file is what its script writes, and says what it is")
    func inventedLinks() throws {
        guard RealDataTests.requireData() else { return }
        let output = scratch.file("links.csv")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CombinedRealDataTests.repository + "/scripts/generate-invented-links", RealDataTests.folder, output]
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let committed = CombinedRealDataTests.repository + "/docs/real-data/invented-member-links.csv"
        #expect(FileManager.default.contents(atPath: output) == FileManager.default.contents(atPath: committed))
        let readme = try String(contentsOfFile: CombinedRealDataTests.repository + "/docs/real-data/README.md", encoding: .utf8)
        #expect(readme.contains("Every link in it is made up"))
    }

    @Test("the ladder of the linked warehouse at the as-of date of the sales")
    func ladder() throws {
        guard RealDataTests.requireData() else { return }
        let database = scratch.file("combined.db")
        func dotwork(_ arguments: [String]) throws -> DotworkProcess.Result {
            try DotworkProcess.run(arguments + ["--db", database], environment: ["HOME": scratch.path])
        }
        let data = RealDataTests.folder
        _ = try dotwork(["init", "--currency", "GBP"])
        #expect(try dotwork(["import", "sales", data + "/uci_online_retail/online_retail_all.csv", "--preset", "online-retail"]).status == 0)
        for file in ["Comments.xml", "Badges.xml"] {
            #expect(try dotwork(["import", "community", data + "/stackexchange/history_meta/" + file, "--format", "stackexchange"]).status == 0)
        }
        let links = try dotwork(["import", "members", CombinedRealDataTests.repository + "/docs/real-data/invented-member-links.csv", "--mode", "upsert"])
        #expect(links.status == 0, "\(links.stderr)")

        let stats = try dotwork(["stats"])
        #expect(stats.stdout.contains("warning: orders end 2011-12-09 and events end 2018-09-01, 2458 days apart"))
        let cohorts = try dotwork(["cohorts", "--by", "tier", "--format", "csv"])
        let rows = cohorts.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let customers = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0[1]) })
        #expect(customers["none"] == "4264")
        #expect(customers["spectator"] == "1")
        #expect(customers["joiner"] == "28")
        #expect(customers["critic"] == "79")
        #expect(customers["total"] == "4372")

        let preview = try dotwork(["rule", "preview", CombinedRealDataTests.repository + "/docs/real-data/active-commenters.rule"])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(RealDataTests.summary(preview.stdout, "hits") == "25")
        #expect(RealDataTests.summary(preview.stdout, "holdout") == "5")

        // The walk-through then opens the workbench and forms the cohorts by tier.
        let printed = try dotwork(["cohorts", "--by", "tier"]).stdout
        let session = try TmuxSession(workbench: database, in: scratch.path, width: 320, height: 30)
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("d", "d", "d")
        session.waitFor("Cohorts by tier ")
        for key in ["none", "spectator", "joiner", "critic", "total"] {
            TableText.expectSameRow(key, in: session, printed: printed)
        }
    }
}

/// The measurement walk-through of docs/real-data.md: uk-win-back published on the Online
/// Retail data as of 2011-06-30 and measured as of 2011-12-09, against figures the test reads
/// from the file itself.
@Suite("Real data measurement")
struct RealDataMeasureTests {
    let scratch = ScratchFolder()

    func dotwork(_ arguments: [String], database: String) throws -> DotworkProcess.Result {
        try RealDataTests().dotwork(arguments, database: database)
    }

    /// Counted invoices and revenue in pence per customer over the UTC days `first` to `last`.
    /// An invoice all of whose lines are negative is a return, so it is no order.
    static func spending(path: String, first: String, last: String) throws -> [String: (orders: Int, revenue: Int64)] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "Europe/London")
        parser.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"

        var revenue: [String: Int64] = [:]
        var invoiceCustomer: [String: String] = [:]
        var invoiceHasPositive: [String: Bool] = [:]
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).dropFirst() {
            let fields = RealDataTests.splitCSV(String(line))
            let customer = fields[6].hasSuffix(".0") ? String(fields[6].dropLast(2)) : fields[6]
            guard !customer.isEmpty else { continue }
            let date = day.string(from: parser.date(from: fields[4])!)
            guard date >= first && date <= last else { continue }
            var quantity = Decimal(string: fields[3])!
            if fields[0].hasPrefix("C") && quantity > 0 {
                quantity = -quantity
            }
            var total = quantity * Decimal(string: fields[5])! * 100
            var rounded = Decimal()
            NSDecimalRound(&rounded, &total, 0, .bankers)
            revenue[customer, default: 0] += NSDecimalNumber(decimal: rounded).int64Value
            invoiceCustomer[fields[0]] = customer
            invoiceHasPositive[fields[0]] = (invoiceHasPositive[fields[0]] ?? false) || quantity >= 0
        }
        var spending: [String: (orders: Int, revenue: Int64)] = revenue.mapValues { (0, $0) }
        for (invoice, customer) in invoiceCustomer where invoiceHasPositive[invoice] == true {
            spending[customer]?.orders += 1
        }
        return spending
    }

    /// The 0.975 quantile of Student's t by the Cornish–Fisher expansion around the normal
    /// quantile, accurate to about 1e-6 for the hundreds of degrees of freedom here.
    static func tQuantile(_ nu: Double) -> Double {
        let z = 1.959963984540054
        let z3 = z * z * z
        let z5 = z3 * z * z
        let z7 = z5 * z * z
        return z + (z3 + z) / (4 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu * nu)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu * nu * nu)
    }

    @Test("uk-win-back as of 2011-06-30, measured at 2011-12-09")
    func walkThrough() throws {
        guard RealDataTests.requireData() else { return }
        let path = RealDataTests.folder + "/uci_online_retail/online_retail_all.csv"
        let database = scratch.file("retail.db")
        #expect(try dotwork(["init", "--currency", "GBP"], database: database).status == 0)
        #expect(try dotwork(["import", "sales", path, "--preset", "online-retail"], database: database).status == 0)

        let rule = CombinedRealDataTests.repository + "/docs/real-data/uk-win-back.rule"
        let preview = try dotwork(["rule", "preview", rule, "--as-of", "2011-06-30", "--limit", "0"], database: database)
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(try dotwork(["rule", "save", rule], database: database).status == 0)
        let publish = try dotwork(
            ["rule", "publish", "uk-win-back", "--as-of", "2011-06-30", "--allow-past-as-of"], database: database)
        #expect(publish.status == 0, "\(publish.stderr)")
        #expect(publish.stdout.hasPrefix("published uk-win-back v1 as of 2011-06-30: 593 targets, 610 holdout\n"))

        let measure = try dotwork(["rule", "measure", "uk-win-back", "--format", "csv"], database: database)
        #expect(measure.status == 0, "\(measure.stderr)")
        let lines = measure.stdout.components(separatedBy: "\r\n")
        let row = Dictionary(uniqueKeysWithValues: zip(lines[0].split(separator: ",").map(String.init),
            lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        #expect(row["window_start"] == "2011-07-01")
        #expect(row["window_end"] == "2011-12-09")
        #expect(row["verdict"] == "no-clear-difference")

        let outbox = scratch.file("outbox/uk-win-back/v1")
        func group(_ file: String) throws -> [String] {
            try String(contentsOfFile: outbox + "/" + file, encoding: .utf8).components(separatedBy: "\r\n").dropFirst()
                .filter { !$0.isEmpty }.map { String($0.split(separator: ",", omittingEmptySubsequences: false)[0]) }
        }
        let spending = try RealDataMeasureTests.spending(path: path, first: "2011-07-01", last: "2011-12-09")
        var statistics: [(mean: Double, variance: Double, count: Double)] = []
        for (name, file) in [("target", "targets.csv"), ("holdout", "holdout.csv")] {
            let ids = try group(file)
            let values = ids.map { spending[$0]?.revenue ?? 0 }
            let revenue = values.reduce(0, +)
            #expect(row["\(name)_customers"] == String(ids.count))
            #expect(row["\(name)_buyers"] == String(ids.filter { (spending[$0]?.orders ?? 0) > 0 }.count))
            #expect(row["\(name)_orders"] == String(ids.map { spending[$0]?.orders ?? 0 }.reduce(0, +)))
            #expect(row["\(name)_revenue"].map { NSDecimalNumber(string: $0).multiplying(by: 100).int64Value } == revenue)
            let mean = Double(revenue) / Double(ids.count)
            let variance = values.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / Double(ids.count - 1)
            statistics.append((mean, variance, Double(ids.count)))
        }
        let parts = statistics.map { $0.variance / $0.count }
        let nu = (parts[0] + parts[1]) * (parts[0] + parts[1])
            / (parts[0] * parts[0] / (statistics[0].count - 1) + parts[1] * parts[1] / (statistics[1].count - 1))
        let difference = statistics[0].mean - statistics[1].mean
        let halfWidth = RealDataMeasureTests.tQuantile(nu) * (parts[0] + parts[1]).squareRoot()
        func cents(_ column: String) -> Double { (row[column].flatMap(Double.init) ?? .nan) * 100 }
        #expect(abs(cents("revenue_per_customer_difference") - difference) <= 0.5)
        #expect(abs(cents("revenue_per_customer_low") - (difference - halfWidth)) <= 0.51)
        #expect(abs(cents("revenue_per_customer_high") - (difference + halfWidth)) <= 0.51)
        #expect(row["offer_cost"] == "2372.00")

        let table = try dotwork(["rule", "measure", "uk-win-back"], database: database)
        #expect(table.stdout.contains("buyer share               0.5531      0.5164      0.0367  -0.0196 to 0.0931\n"))
        #expect(table.stdout.contains("revenue per customer      426.52      399.72       26.80  -69.49 to 123.08\n"))
    }
}
