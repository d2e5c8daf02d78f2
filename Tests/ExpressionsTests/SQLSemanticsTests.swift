import Testing
import Warehouse

@testable import Expressions

/// Expressions run through the SQL compiler on the hand-worked fixture, with the customers
/// each must select. The visible customers are C1, C2, C3, C5 and C6 (C4 signed up after the
/// as-of date).
@Suite("SQL semantics")
struct SQLSemanticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let source: String
        let expected: [String]
        var testDescription: String { id }

        init(_ id: String, _ source: String, _ expected: [String]) {
            self.id = id
            self.source = source
            self.expected = expected
        }
    }

    /// Every operator against a missing value: false, except `!=`, `not in` and
    /// `not between`, which are `not` of the test.
    static let missingValueCases: [Case] = [
        Case("text =", #"region = "EU""#, ["C1", "C6"]),
        Case("text !=", #"region != "EU""#, ["C2", "C3", "C5"]),
        Case("text <", #"region < "EU""#, ["C5"]),
        Case("text <=", #"region <= "EU""#, ["C1", "C5", "C6"]),
        Case("text >", #"region > "EU""#, ["C3"]),
        Case("text >=", #"region >= "EU""#, ["C1", "C3", "C6"]),
        Case("text in", #"region in ("EU", "US")"#, ["C1", "C3", "C6"]),
        Case("text not in", #"region not in ("EU", "US")"#, ["C2", "C5"]),
        Case("text between", #"region between "A" and "F""#, ["C1", "C5", "C6"]),
        Case("text not between", #"region not between "A" and "F""#, ["C2", "C3"]),
        Case("not =", #"not region = "EU""#, ["C2", "C3", "C5"]),
        Case("not !=", #"not region != "EU""#, ["C1", "C6"]),
        Case("not <", #"not (region < "EU")"#, ["C1", "C2", "C3", "C6"]),
        Case("empty text is missing", #"channel = """#, []),
        Case("empty text != anything", #"channel != "web""#, ["C2", "C3", "C5", "C6"]),
        Case("in with missing country", #"country in ("FR", "US", "JP")"#, ["C1", "C2", "C5"]),
        Case("number attribute >", #"attr "loyalty_points" > 10"#, ["C1"]),
        Case("number attribute <", #"attr "loyalty_points" < 10"#, ["C2"]),
        Case("number attribute = decimal", #"attr "loyalty_points" = 5.5"#, ["C2"]),
        Case("number attribute !=", #"attr "loyalty_points" != 120"#, ["C2", "C3", "C5", "C6"]),
        Case("number attribute between", #"attr "loyalty_points" between 5 and 200"#, ["C1", "C2"]),
        Case("number attribute not between", #"attr "loyalty_points" not between 5 and 200"#, ["C3", "C5", "C6"]),
        Case("number attribute in", #"attr "loyalty_points" in (120, 7)"#, ["C1"]),
        Case("date attribute <", #"attr "birthday" < 1979-01-01"#, ["C5"]),
        Case("date attribute >=", #"attr "birthday" >= 1979-01-01"#, ["C1"]),
        Case("date attribute !=", #"attr "birthday" != 1980-02-29"#, ["C2", "C3", "C5", "C6"]),
        Case("text attribute =", #"attr "segment" = "gold""#, ["C1"]),
        Case("text attribute !=", #"attr "segment" != "gold""#, ["C2", "C3", "C5", "C6"]),
        Case("text attribute >", #"attr "segment" > "a""#, ["C1", "C2"]),
        Case("signup <=", "signup_date <= 2011-01-10", ["C1", "C5"]),
        Case("signup !=", "signup_date != 2011-01-10", ["C2", "C3", "C5", "C6"]),
        Case("signup between", "signup_date between 2011-01-01 and 2011-12-31", ["C1", "C3"]),
        Case("days_since <", "days_since(order) < 100", ["C1", "C5"]),
        Case("days_since >=", "days_since(order) >= 0", ["C1", "C2", "C5"]),
        Case("days_since !=", "days_since(order) != 29", ["C2", "C3", "C5", "C6"]),
        Case("not days_since", "not days_since(order) >= 0", ["C3", "C6"]),
        Case("days_since in", "days_since(order) in (29, 60)", ["C1", "C5"]),
        Case("days_since between", "days_since(order) between 30 and 200", ["C2", "C5"]),
        Case("days_since not in", "days_since(order) not in (29, 60)", ["C2", "C3", "C6"]),
    ]

    static let valueCases: [Case] = [
        Case("customer id in", #"customer_id in ("C1", "C4", "C9")"#, ["C1"]),
        Case("customer id order", #"customer_id >= "C3""#, ["C3", "C5", "C6"]),
        Case("tier at least joiner", "tier >= joiner", ["C1", "C3"]),
        Case("tier below joiner includes none", "tier < joiner", ["C2", "C5", "C6"]),
        Case("tier none", "tier = none", ["C6"]),
        Case("tier not none", "tier != none", ["C1", "C2", "C3", "C5"]),
        Case("tier in", "tier in (spectator, creator)", ["C2", "C5"]),
        Case("tier between", "tier between spectator and joiner", ["C2", "C3", "C5"]),
        Case("tier word first", "joiner <= tier", ["C1", "C3"]),
        Case("days since any event", "days_since(any) = 0", ["C3"]),
        Case("days since any event at most", "days_since(any) <= 60", ["C1", "C2", "C3"]),
        Case("days since any event positive", "days_since(any) > 0", ["C1", "C2"]),
        Case("days since a view", "days_since(view) = 29", ["C1"]),
        Case("days since a later post", "days_since(post) >= 0", []),
        Case("days since signup", "days_since(signup) = 171", ["C1"]),
        Case("days since signup on as-of", "days_since(signup) = 0", ["C3"]),
        Case("days since signup any", "days_since(signup) >= 0", ["C1", "C3", "C5"]),
        Case("count of none is 0", "count(view) = 0", ["C3", "C5", "C6"]),
        Case("count any", "count(any) >= 1", ["C1", "C2", "C3"]),
        Case("count ignores later events", "count(any) = 2", ["C1"]),
        Case("count in 30 days", "count(any, 30 days) > 0", ["C1", "C3"]),
        Case("1 day is the as-of day", "count(review, 1 days) = 1", []),
        Case("2 days reach the day before", "count(review, 2 days) = 1", ["C1"]),
        Case("event on the as-of day", "count(login, 1 day) = 1", ["C3"]),
        Case("count of later posts is 0", "count(post) = 0", ["C1", "C2", "C3", "C5", "C6"]),
        Case("since includes its day", "count(view, since 2011-06-01) = 1", ["C1"]),
        Case("between one day", "count(view, between 2011-05-01 and 2011-05-01) = 1", ["C2"]),
        Case("spend of none is 0", "spend() = 0", ["C3", "C6"]),
        Case("spend positive", "spend() > 0", ["C1", "C2", "C5"]),
        Case("returns subtract", "spend() = 10", ["C1"]),
        Case("money with cents", "spend() = 250.50", ["C2"]),
        Case("money at least", "spend() >= 4.95", ["C1", "C2", "C5"]),
        Case("negative spend in window", "spend(since 2011-06-10) < 0", ["C1"]),
        Case("negative literal", "spend(since 2011-06-10) = -199", ["C1"]),
        Case("spend in 30 days", "spend(30 days) = 10.00", ["C1"]),
        Case("spend not 0", "spend() != 0", ["C1", "C2", "C5"]),
        Case("orders count ok only", "orders() = 1", ["C1", "C2", "C5"]),
        Case("orders of none is 0", "orders() = 0", ["C3", "C6"]),
        Case("orders between", "orders(between 2011-01-01 and 2011-03-01) = 1", ["C2"]),
        Case("orders in weeks", "orders(8 weeks) >= 1", ["C1"]),
        Case("bought a SKU", #"bought(sku "KIN-ONE")"#, ["C1"]),
        Case("not bought", #"not bought(sku "KIN-ONE")"#, ["C2", "C3", "C5", "C6"]),
        Case("void orders buy nothing", #"bought(sku "KIN-ONE", 10 days)"#, []),
        Case("bought a category", #"bought(category "Windows Phone")"#, ["C2"]),
        Case("bought since", #"bought(category "Fees", since 2011-05-01)"#, ["C5"]),
        Case("bought either", #"bought(category "Phones") or bought(category "Fees")"#, ["C1", "C5"]),
        Case("unknown SKU matches nobody", #"bought(sku "NEW-PHONE")"#, []),
        Case(
            "kin upgrade",
            #"bought(sku "KIN-ONE") and tier >= joiner and not bought(category "Windows Phone", 30 days)"#, ["C1"]),
        Case("grouped or", #"(region = "EU" or region = "US") and spend() > 0"#, ["C1"]),
        Case("and binds tighter than or", #"region = "EU" or region = "US" and spend() > 0"#, ["C1", "C6"]),
        Case("not binds tighter than and", #"not region = "EU" and tier >= spectator"#, ["C2", "C3", "C5"]),
        Case("double not", #"not not region = "EU""#, ["C1", "C6"]),
        Case("comparison both sides", "days_since(order) > days_since(any)", ["C1", "C2"]),
    ]

    @Test("missing values", arguments: missingValueCases)
    func missingValues(_ testCase: Case) throws {
        let fixture = try Fixture()
        #expect(try fixture.customers(testCase.source) == testCase.expected)
    }

    @Test("values and functions", arguments: valueCases)
    func values(_ testCase: Case) throws {
        let fixture = try Fixture()
        #expect(try fixture.customers(testCase.source) == testCase.expected)
    }

    @Test("earlier as-of date moves tiers, windows and signups")
    func earlierAsOf() throws {
        let fixture = try Fixture()
        let asOf = CivilDate(iso: "2011-05-31")!
        #expect(try fixture.customers("tier >= critic", asOf: asOf) == [])
        #expect(try fixture.customers("tier = joiner", asOf: asOf) == ["C1"])
        #expect(try fixture.customers("tier = spectator", asOf: asOf) == ["C2", "C5"])
        #expect(try fixture.customers("days_since(order) = 30", asOf: asOf) == ["C5"])
        #expect(try fixture.customers("count(view, 31 days) = 1", asOf: asOf) == ["C2"])
        #expect(try fixture.customers("tier >= none", asOf: asOf) == ["C1", "C2", "C5", "C6"])
    }
}
