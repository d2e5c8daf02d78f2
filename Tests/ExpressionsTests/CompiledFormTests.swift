import Testing
import Warehouse

@testable import Expressions

/// The checked tree that evaluators walk: names resolved, `!=` rewritten, types unified.
@Suite("Compiled form")
struct CompiledFormTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let source: String
        let condition: Condition
        var testDescription: String { id }
    }

    static let day = CivilDate(iso: "2011-01-01")!

    static let cases: [Case] = [
        Case(id: "field equals text", source: #"region = "EU""#, condition: .compare(.field(.region), .equal, .literal(.text("EU")))),
        Case(
            id: "not equal is not of equal", source: #"region != "EU""#,
            condition: .not(.compare(.field(.region), .equal, .literal(.text("EU"))))),
        Case(
            id: "number next to money becomes money", source: "spend() > 30",
            condition: .compare(.spend(.allTime), .greater, .literal(.money(Money(cents: 3_000))))),
        Case(
            id: "money on the right", source: "19.99 <= spend(2 weeks)",
            condition: .compare(.literal(.money(Money(cents: 1_999))), .lessOrEqual, .spend(.lastDays(14)))),
        Case(
            id: "tier word", source: "tier >= joiner",
            condition: .compare(.field(.tier), .greaterOrEqual, .literal(.tier(.joiner)))),
        Case(
            id: "attribute with its type", source: #"attr "birthday" < 2011-01-01"#,
            condition: .compare(.attribute(name: "birthday", type: .date), .less, .literal(.date(day)))),
        Case(
            id: "not in", source: #"country not in ("FR")"#,
            condition: .not(.among(.field(.country), [.literal(.text("FR"))]))),
        Case(
            id: "between", source: "count(any) between 1 and 2.5",
            condition: .between(
                .eventCount(.any, .allTime), lower: .literal(.number(NumberValue(units: 1, scale: 0))),
                upper: .literal(.number(NumberValue(units: 25, scale: 1))))),
        Case(
            id: "bought with a window", source: #"bought(category "Phones", between 2011-01-01 and 2011-01-31)"#,
            condition: .bought(.category("Phones"), .between(day, CivilDate(iso: "2011-01-31")!))),
        Case(
            id: "days since", source: "days_since(review) > 3",
            condition: .compare(
                .daysSince(.event(.kind(.review))), .greater, .literal(.number(NumberValue(units: 3, scale: 0))))),
        Case(
            id: "and chain stays flat", source: #"orders() > 0 and orders(since 2011-01-01) > 0 and not bought(sku "CASE")"#,
            condition: .and([
                .compare(.orderCount(.allTime), .greater, .literal(.number(NumberValue(units: 0, scale: 0)))),
                .compare(.orderCount(.since(day)), .greater, .literal(.number(NumberValue(units: 0, scale: 0)))),
                .not(.bought(.sku("CASE"), .allTime)),
            ])),
        Case(
            id: "parentheses leave no node", source: #"((region = "EU"))"#,
            condition: .compare(.field(.region), .equal, .literal(.text("EU")))),
    ]

    @Test("sources check to conditions", arguments: cases)
    func condition(_ testCase: Case) {
        #expect(Checker.check(testCase.source, catalog: testCatalog).condition == testCase.condition)
    }

    @Test("windows resolve to closed day ranges")
    func windows() {
        let asOf = CivilDate(iso: "2012-04-20")!
        #expect(Window.lastDays(30).resolved(asOf: asOf) == DayRange(first: CivilDate(iso: "2012-03-22")!, last: asOf))
        #expect(Window.lastDays(1).resolved(asOf: asOf) == DayRange(first: asOf, last: asOf))
        #expect(Window.allTime.resolved(asOf: asOf) == DayRange(first: nil, last: asOf))
        #expect(Window.since(Self.day).resolved(asOf: asOf) == DayRange(first: Self.day, last: asOf))
        let later = CivilDate(iso: "2013-01-01")!
        #expect(Window.between(Self.day, later).resolved(asOf: asOf) == DayRange(first: Self.day, last: asOf))
        #expect(Window.since(later).resolved(asOf: asOf).isEmpty)
        #expect(Window.lastDays(Limits.windowDays).resolved(asOf: CivilDate(iso: "0100-01-01")!).first == CivilDate.earliest)
    }

    @Test("number literals keep their exact value")
    func numbers() {
        #expect(NumberValue(parsing: "12.50") == NumberValue(units: 1_250, scale: 2))
        #expect(NumberValue(parsing: "-0.05")?.description == "-0.05")
        #expect(NumberValue(parsing: "007")?.integerValue == 7)
        #expect(NumberValue(parsing: "123456789012345678") != nil)
        #expect(NumberValue(parsing: "1234567890123456789") == nil)
        #expect(NumberValue(parsing: "0.0000000000000000001") == nil)
        #expect(NumberValue(parsing: "1.") == nil)
        #expect(NumberValue(parsing: "10.500").flatMap { Money($0) } == Money(cents: 1_050))
        #expect(NumberValue(parsing: "10.505").flatMap { Money($0) } == nil)
        #expect(Money(cents: -123_450).description == "-1234.50")
    }
}

@Suite("Warehouse catalog")
struct WarehouseCatalogTests {
    @Test("reads attribute types, SKUs and categories")
    func reads() throws {
        let fixture = try Fixture()
        let catalog = try WarehouseCatalog(warehouse: fixture.warehouse)
        #expect(catalog.attributeTypes == ["loyalty_points": .number, "birthday": .date, "segment": .text])
        #expect(catalog.containsSKU("KIN-ONE"))
        #expect(!catalog.containsSKU("kin-one"))
        #expect(catalog.containsCategory("Windows Phone"))
        #expect(catalog.nearestSKU(to: "KIN-ONR") == "KIN-ONE")
        #expect(catalog.nearestCategory(to: "Phone") == "Phones")
    }
}
