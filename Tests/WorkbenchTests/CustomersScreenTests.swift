import Analysis
import Foundation
import Text
import Terminal
import Testing
import Warehouse

@testable import Workbench

/// A rule history with fixed decisions, standing in for the published rules.
struct FixedRuleHistory: CustomerRuleHistory {
    let decisions: [String: [RuleDecision]]

    func decisions(forCustomer id: String) throws -> [RuleDecision]? {
        decisions[id] ?? []
    }
}

@Suite("Customers screen")
struct CustomersScreenTests {
    /// Types text into whatever takes keys now, one character at a time, without waiting for
    /// queries in between, then settles.
    func type(_ text: String, into bench: Bench) {
        for scalar in text.unicodeScalars {
            _ = bench.app.handle(.key(.character(scalar)))
        }
        bench.settle()
    }

    func customersScreen(_ bench: Bench) throws -> CustomersScreen {
        try #require(bench.app.stacks[3].first as? CustomersScreen)
    }

    /// Returns the ids in the result list as drawn.
    func listedIDs(_ bench: Bench) -> [String] {
        bench.screen.split(separator: "\n").compactMap { line -> String? in
            guard let bar = line.firstIndex(of: "│") else { return nil }
            let key = line[..<bar].trimmingCharacters(in: .whitespaces)
            return key == "customer_id" ? nil : key
        }
    }

    @Test("digit 4 opens the search in edit mode")
    func opensEditing() throws {
        let bench = try Bench()
        bench.press("4")
        let screen = try customersScreen(bench)
        #expect(bench.app.currentScreen === screen)
        #expect(screen.isEditing)
        #expect(bench.render().line(1) == "Customers by id, name or email: type the start of one")
        #expect(bench.render().line(2).hasPrefix("search: "))
    }

    @Test("results refresh as the analyst types", arguments: [
        ("ortiz", ["C02", "C03"]),
        ("ORTIZ", ["C02", "C03"]),
        ("c0", ["C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09"]),
        // C13 signs up after the as-of date, so it is out of scope.
        ("c1", ["C10", "C11", "C12"]),
        ("rita.r", ["C08"]),
        ("moreau", ["C04"]),
        ("ada f", ["C01"]),
    ])
    func typing(_ text: String, _ expected: [String]) throws {
        let bench = try Bench(rows: 20)
        bench.press("4")
        type(text, into: bench)
        let screen = try customersScreen(bench)
        #expect(screen.shownText == text)
        #expect(screen.page?.customers.map(\.id) == expected)
        #expect(listedIDs(bench) == expected)
        #expect(bench.render().line(1) == "Customers whose id, name or email starts with '\(text)': \(counted(expected.count, "customer"))")
    }

    @Test("digits and letters are text while editing")
    func editModeKeys() throws {
        let bench = try Bench()
        bench.press("4")
        type("c1q2", into: bench)
        let screen = try customersScreen(bench)
        #expect(screen.field.text == "c1q2")
        #expect(bench.app.currentIndex == 3)
        #expect(screen.page?.customers.isEmpty == true)
        #expect(bench.render().line(4) == "(no rows)")
    }

    @Test("Esc and C-g return to browse mode", arguments: ["Esc", "C-g", "Enter"])
    func leaveEditing(_ key: String) throws {
        let bench = try Bench()
        bench.press("4")
        type("c0", into: bench)
        bench.press(key)
        let screen = try customersScreen(bench)
        #expect(!screen.isEditing)
        #expect(screen.field.text == "c0")
        bench.press("j j")
        #expect(screen.pane.table?.selectedRow == 2)
        bench.press("s")
        #expect(screen.isEditing)
        type("3", into: bench)
        #expect(screen.page?.customers.map(\.id) == ["C03"])
    }

    @Test("emptying the text clears the list")
    func emptyText() throws {
        let bench = try Bench()
        bench.press("4")
        type("c0", into: bench)
        bench.press("Backspace Backspace")
        let screen = try customersScreen(bench)
        #expect(screen.page == nil)
        #expect(screen.pane.table == nil)
        #expect(bench.render().line(3).hasPrefix("Type the start of an id, a name"))
    }

    @Test("heading of a single match")
    func headingSingleMatch() throws {
        let paged = ScreenKind(name: "customers", title: "Customers") { CustomersScreen(host: $0, firstPageLimit: 1) }
        let bench = try Bench(screenKinds: [.cohorts, .pivot, .rules, paged])
        bench.press("4")
        type("C03", into: bench)
        let screen = try customersScreen(bench)
        #expect(screen.heading == "Customers whose id, name or email starts with 'C03': 1 customer")
    }

    @Test("export name is in NFC")
    func exportNameForm() throws {
        let bench = try Bench()
        bench.press("4")
        type("le\u{301}a", into: bench)
        let screen = try customersScreen(bench)
        #expect(screen.shownText == "le\u{301}a")
        #expect(Array(screen.exportName.unicodeScalars) == Array("customers-search-l\u{E9}a".unicodeScalars))
    }

    @Test("empty search has nothing to export")
    func exportEmpty() throws {
        let bench = try Bench()
        bench.press("4 Esc e")
        #expect(bench.app.prompt == nil)
        #expect(bench.app.status.current?.text == "nothing to export: the Customers screen shows no figures yet")
    }

    @Test("C-z and C-l work while editing")
    func editingControlKeys() throws {
        let bench = try Bench()
        bench.press("4")
        #expect(bench.press("C-z C-l") == [.suspend, .redraw])
        let screen = try customersScreen(bench)
        #expect(screen.isEditing)
        #expect(screen.field.text.isEmpty)
    }

    @Test("a newer search makes older results stale")
    func staleSearch() throws {
        let bench = try Bench()
        bench.press("4")
        let screen = try customersScreen(bench)
        _ = bench.app.handle(.key(.character("c")))
        let olderTicket = try #require(screen.pane.ticket)
        _ = bench.app.handle(.key(.character("1")))
        let newerTicket = try #require(screen.pane.ticket)
        #expect(olderTicket != newerTicket)
        #expect(!bench.app.runner.isLive(olderTicket))
        bench.settle()
        #expect(screen.page?.customers.map(\.id) == ["C10", "C11", "C12"])

        let warehouse = try Warehouse.open(at: GoldenFixture.warehousePath, readOnly: true)
        let older = try AnalysisEngine(warehouse: warehouse).searchCustomers("c", asOf: bench.app.setting.asOf, limit: .max)
        let late = QueryCompletion(ticket: olderTicket, worker: 0, outcome: .success(.customerSearch(older)), elapsed: .zero)
        #expect(bench.app.handle(.message(.query(late))) == .handled)
        #expect(screen.page?.customers.map(\.id) == ["C10", "C11", "C12"])
        #expect(screen.shownText == "c1")
    }

    @Test("first page shows before the full list")
    func firstPage() throws {
        let paged = ScreenKind(name: "customers", title: "Customers") { CustomersScreen(host: $0, firstPageLimit: 2) }
        let bench = try Bench(screenKinds: [.cohorts, .pivot, .rules, paged])
        bench.press("4")
        let screen = try customersScreen(bench)
        _ = bench.app.handle(.key(.character("c")))
        _ = bench.app.handle(.key(.character("0")))
        // Messages are handed over one at a time, so the first page is seen before the
        // second query, started when it arrives, completes.
        let deadline = ContinuousClock.now + .seconds(30)
        while screen.page == nil && ContinuousClock.now < deadline {
            if let message = bench.mailbox.takeFirst() {
                _ = bench.app.handle(.message(message))
            } else {
                usleep(1_000)
            }
        }
        #expect(screen.page?.customers.map(\.id) == ["C01", "C02"])
        #expect(screen.page?.total == 9)
        #expect(bench.render().line(1) == "Customers whose id, name or email starts with 'c0': the first 2 of 9 customers, reading the rest")
        #expect(screen.pane.isRunning)
        #expect(screen.exportRecords == nil)
        // Both keys go in before any message, so the full list cannot arrive in between.
        _ = bench.app.handle(.key(.escape))
        _ = bench.app.handle(.key(.escape))
        bench.settle()
        #expect(!screen.pane.isRunning)
        #expect(screen.page?.total == 9)
        #expect(screen.heading.hasSuffix("'c0': the first 2 of 9 customers, reading the rest was cancelled"))

        bench.press("s Backspace")
        type("0", into: bench)
        #expect(screen.page?.customers.count == 9)
        #expect(screen.page?.isComplete == true)
        #expect(bench.render().line(1) == "Customers whose id, name or email starts with 'c0': 9 customers")
        #expect(screen.exportRecords != nil)
    }

    @Test("full list keeps the cursor and the sort")
    func fullListKeepsPlace() throws {
        let paged = ScreenKind(name: "customers", title: "Customers") { CustomersScreen(host: $0, firstPageLimit: 3) }
        let bench = try Bench(screenKinds: [.cohorts, .pivot, .rules, paged])
        bench.press("4")
        let screen = try customersScreen(bench)
        _ = bench.app.handle(.key(.character("c")))
        while screen.page == nil {
            if let message = bench.mailbox.takeFirst() {
                _ = bench.app.handle(.message(message))
            } else {
                usleep(1_000)
            }
        }
        _ = bench.app.handle(.key(.enter))
        _ = bench.app.handle(.key(.character("]")))
        bench.settle()
        #expect(screen.page?.total == 12)
        #expect(screen.page?.isComplete == true)
        let table = try #require(screen.pane.table)
        #expect(table.sortOrder == TableSortOrder(column: 0, ascending: false))
        #expect(table.dataSource.rows(0..<1).first?.first?.text == "C12")
    }

    @Test("export of the list equals the CLI's CSV")
    func exportList() throws {
        let bench = try Bench()
        bench.press("4")
        type("ortiz", into: bench)
        bench.press("Esc")
        let screen = try customersScreen(bench)
        #expect(screen.exportName == "customers-search-ortiz")
        let makeRecords = try #require(screen.exportRecords)
        let records = makeRecords()
        #expect(
            try csvText(records)
                == "customer_id,name,email,region,country,channel,signup_date,tier\r\n"
                + "C02,Ben Ortiz,home@ortiz.example,North,GB,store,2012-01-18,critic\r\n"
                + "C03,Carla Ortiz,Home@Ortiz.Example,Midlands,GB,web,2012-02-03,creator\r\n")
        bench.press("e")
        guard case .export(let pathPrompt, _)? = bench.app.prompt else {
            Issue.record("e opened no export prompt")
            return
        }
        #expect(pathPrompt.input.text == "./dotwork-customers-search-ortiz-2012-04-20.csv")
    }

    @Test("Enter opens the customer and q returns to the list")
    func openCustomer() throws {
        let bench = try Bench(columns: 120, rows: 24)
        bench.press("4")
        type("ortiz", into: bench)
        bench.press("Enter j Enter")
        let customer = try #require(bench.app.currentScreen as? CustomerScreen)
        #expect(customer.id == "C03")
        let screen = bench.render()
        #expect(screen.line(0) == " dotwork  1 Cohorts  2 Pivot  3 Rules  4 Customers  › Customer C03")
        #expect(screen.line(1) == "Customer C03, Carla Ortiz: 10 timeline entries, newest first")
        #expect(screen.line(2) == "name: Carla Ortiz · email: Home@Ortiz.Example")
        #expect(screen.line(3) == "tier: creator at 2012-04-20 · region: Midlands · country: GB · channel: web · signup: 2012-02-03")
        #expect(screen.line(4) == "opt-out: no")
        #expect(screen.text.contains("rules: not read: no rules database was given to this workbench"))
        #expect(screen.text.contains("members: forum/1002 @ortiz_home via email home@ortiz.example, critic; gallery/1001"))
        #expect(screen.text.contains("2012-04-10T18:20:00Z│event comment Spring sale"))
        #expect(screen.text.contains("2012-04-03T16:45:00Z│order return  O05 · 2 lines · web         -193.95"))

        bench.press("q")
        #expect(bench.app.currentScreen is CustomersScreen)
        #expect(bench.app.currentScreen.pane.table?.selectedRow == 1)
    }

    @Test("the timeline is newest first and exports as the CLI prints it")
    func timeline() throws {
        let bench = try Bench()
        bench.press("4")
        type("C03", into: bench)
        bench.press("Enter Enter")
        let customer = try #require(bench.app.currentScreen as? CustomerScreen)
        let table = try #require(customer.pane.table)
        let times = table.dataSource.rows(0..<table.rowCount).map { $0[0].text }
        #expect(times.count == 10)
        #expect(times == times.sorted(by: >))
        #expect(customer.exportName == "customer-C03")
        let makeRecords = try #require(customer.exportRecords)
        let csv = try csvText(makeRecords())
        #expect(csv.hasPrefix("customer_id,at,type,what,detail,amount,member\r\nC03,2012-04-10T18:20:00Z,event,comment,Spring sale,,forum/1002\r\n"))
        #expect(csv.contains("C03,2012-04-03T16:45:00Z,order,return,O05 · 2 lines · web,-193.95,\r\n"))
        #expect(csv.split(separator: "\r\n").count == 11)
    }

    @Test("an opted-out customer says so")
    func optOut() throws {
        let bench = try Bench(columns: 120)
        bench.press("4")
        type("omar", into: bench)
        bench.press("Enter Enter")
        #expect(bench.render().line(4) == "opt-out: yes: never contacted by rules")
    }

    @Test("the rule history fills the rules line")
    func rules() throws {
        let history = FixedRuleHistory(decisions: [
            "C03": [
                RuleDecision(rule: "kin-upgrade", version: 2, group: .holdout, publishedAt: "2012-04-02T09:00:00Z", state: "valid"),
                RuleDecision(rule: "mug-promo", version: 1, group: .target, publishedAt: "2012-03-01T09:00:00Z", state: "expired"),
            ]
        ])
        let bench = try Bench(columns: 160, rows: 24, ruleHistory: history)
        bench.press("4")
        type("C03", into: bench)
        bench.press("Enter Enter")
        #expect(
            bench.screen.contains(
                "rules: kin-upgrade v2 held out (published 2012-04-02T09:00:00Z, valid); mug-promo v1 hit (published 2012-03-01T09:00:00Z, expired)"))
        bench.press("q q s C-u")
        type("C02", into: bench)
        bench.press("Enter Enter")
        #expect(bench.screen.contains("rules: none of the published rules hit or held out this customer"))
    }

    @Test("the profile gives way to the timeline at 40×10")
    func smallest() throws {
        let bench = try Bench()
        bench.press("4")
        type("C03", into: bench)
        bench.press("Enter Enter")
        bench.size = Size.minimum
        let small = bench.render()
        #expect(small.line(2) == "name: Carla Ortiz · email: Home@Ortiz.E…")
        #expect(small.line(4) == "… 5 more lines: p shows the whole profi…")
        #expect(small.line(5).hasPrefix("at                  │type"))
        #expect(small.line(6).hasPrefix("2012-04-10T18:20:00Z│event"))
        #expect(small.line(9) == "? help  : command  1-4 scre… row 1 of 10")
        bench.press("p")
        let expanded = bench.render()
        #expect(expanded.line(2) == "name: Carla Ortiz · email:")
        #expect(expanded.line(3) == "Home@Ortiz.Example")
        #expect(!expanded.text.contains("│"))
        bench.press("p")
        bench.size = Size(rows: 16, columns: 100)
        #expect(bench.render().line(2) == "name: Carla Ortiz · email: Home@Ortiz.Example")
    }

    @Test("a sorted list opens the customer under the cursor")
    func sortedOpen() throws {
        let bench = try Bench()
        bench.press("4")
        type("c0", into: bench)
        bench.press("Esc ]")
        bench.press("Enter")
        #expect((bench.app.currentScreen as? CustomerScreen)?.id == "C09")
    }

    @Test("Enter in a drill-down opens the customer")
    func drillDownOpen() throws {
        let bench = try Bench()
        bench.press("2 j j l l Enter")
        #expect(bench.app.currentScreen is DrillDownScreen)
        bench.press("j Enter")
        #expect((bench.app.currentScreen as? CustomerScreen)?.id == "C08")
        #expect(bench.render().line(0).hasSuffix("2 Pivot  › Customers  › Customer C08  3 Rules  4 Customers"))
        bench.press("q")
        #expect(bench.app.currentScreen is DrillDownScreen)
    }

    @Test("help lists the screen's commands with their keys")
    func help() throws {
        let bench = try Bench(columns: 120, rows: 70)
        bench.press("4 Esc ?")
        let screen = bench.screen
        #expect(screen.contains("Customers screen"))
        #expect(screen.contains("s               edit-search  Type in the search field"))
        #expect(screen.contains("4               show-customers  Show the Customers screen"))
    }
}

@Suite("Customer view with line breaks")
struct CustomerLineBreakTests {
    /// A warehouse of one customer whose name and event topic span several lines.
    final class Folder {
        let path: String
        let warehousePath: String

        init() throws {
            path = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-customer-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            warehousePath = path + "/warehouse.db"
            let warehouse = try Warehouse.create(at: warehousePath, currency: .default).warehouse
            let database = warehouse.database
            try database.execute(
                "INSERT INTO customers (customer_id, name, email, signup_date) VALUES ('M1', ?, 'm1@example.com', '2012-01-02')",
                ["Mary\nAnn"])
            try database.execute("INSERT INTO members (source, member_id, handle, joined_at) VALUES ('forum', '1', 'mary', '2012-01-03T00:00:00Z')")
            try database.execute("INSERT INTO member_links (source, member_id, customer_id) VALUES ('forum', '1', 'M1')")
            try database.execute(
                "INSERT INTO events (source, event_id, member_id, occurred_at, kind, topic) VALUES ('forum', 'e1', '1', '2012-01-04T10:00:00Z', 'post', ?)",
                ["first line\r\nsecond line\nthird"])
            try AnalysisEngine.refresh(warehouse)
        }

        deinit {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    @Test("line breaks show a marker on one row")
    func marker() throws {
        let folder = try Folder()
        let bench = try Bench(columns: 120, warehousePath: folder.warehousePath)
        bench.press("4")
        for scalar in "m1".unicodeScalars {
            _ = bench.app.handle(.key(.character(scalar)))
        }
        bench.settle()
        bench.press("Enter Enter")
        let screen = bench.render()
        #expect(screen.line(1) == "Customer M1, Mary ↵ Ann: 1 timeline entry, newest first")
        #expect(screen.line(2) == "name: Mary ↵ Ann · email: m1@example.com")
        #expect(screen.text.contains("2012-01-04T10:00:00Z│event post first line ↵ second line ↵ third"))
        let customer = try #require(bench.app.currentScreen as? CustomerScreen)
        let makeRecords = try #require(customer.exportRecords)
        let csv = try csvText(makeRecords())
        #expect(csv.contains("\"first line\r\nsecond line\nthird\""))
    }
}
