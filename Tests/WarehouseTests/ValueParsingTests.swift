import Foundation
import Testing

@testable import Warehouse

@Suite("Decimal amounts")
struct DecimalAmountTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let decimalComma: Bool
        let expected: String
        var testDescription: String { text }
    }

    static let accepted = [
        Case(text: "12", decimalComma: false, expected: "12"),
        Case(text: "12.5", decimalComma: false, expected: "12.5"),
        Case(text: "$1,234.50", decimalComma: false, expected: "1234.50"),
        Case(text: "-12.50", decimalComma: false, expected: "-12.50"),
        Case(text: "(12.50)", decimalComma: false, expected: "-12.50"),
        Case(text: "-$12.50", decimalComma: false, expected: "-12.50"),
        Case(text: "$-12.50", decimalComma: false, expected: "-12.50"),
        Case(text: " £7.5000 ", decimalComma: false, expected: "7.50"),
        Case(text: "0.001", decimalComma: false, expected: "0.001"),
        Case(text: "USD 3.10", decimalComma: false, expected: "3.10"),
        Case(text: "12.40 EUR", decimalComma: false, expected: "12.40"),
        Case(text: ".5", decimalComma: false, expected: "0.5"),
        Case(text: "1.234,50", decimalComma: true, expected: "1234.50"),
        Case(text: "12,5", decimalComma: true, expected: "12.5"),
        Case(text: "1 234,50 €", decimalComma: true, expected: "1234.50"),
        Case(text: "12-", decimalComma: false, expected: "-12"),
    ]

    @Test("accepted forms", arguments: accepted)
    func accepts(_ testCase: Case) throws {
        let amount = try DecimalAmount.parse(testCase.text, decimalComma: testCase.decimalComma).get()
        #expect(amount.description == testCase.expected)
    }

    static let rejected: [(String, Bool, DecimalAmount.ParseFailure)] = [
        ("", false, .empty),
        ("abc", false, .notANumber),
        ("12,5", false, .misplacedGrouping),
        ("1,23,456", false, .misplacedGrouping),
        ("1.2.3", false, .notANumber),
        ("0.0000001", false, .tooManyDecimals(7)),
        ("12345678901234567890", false, .tooLarge),
        ("$", false, .notANumber),
        ("1.234.5", true, .misplacedGrouping),
    ]

    @Test("rejected forms", arguments: rejected)
    func rejects(_ text: String, _ decimalComma: Bool, _ failure: DecimalAmount.ParseFailure) {
        #expect(DecimalAmount.parse(text, decimalComma: decimalComma) == .failure(failure))
    }

    @Test("minor units round half to even only past two decimals")
    func minorUnits() throws {
        #expect(try DecimalAmount.parse("12.34").get().minorUnits == 1234)
        #expect(try DecimalAmount.parse("0.005").get().minorUnits == 0)
        #expect(try DecimalAmount.parse("0.015").get().minorUnits == 2)
        #expect(try DecimalAmount.parse("0.025").get().minorUnits == 2)
        #expect(try DecimalAmount.parse("-0.015").get().minorUnits == -2)
        #expect(try DecimalAmount.parse("0.0151").get().minorUnits == 2)
    }

    @Test("line totals stay exact until rounded once")
    func lineTotals() throws {
        let tenth = try DecimalAmount.parse("0.001").get()
        #expect(tenth.lineTotal(quantity: 1_000) == 100)
        #expect(tenth.lineTotal(quantity: 5) == 0)
        #expect(tenth.lineTotal(quantity: 15) == 2)
        #expect(try DecimalAmount.parse("1.25").get().lineTotal(quantity: -3) == -375)
        #expect(try DecimalAmount.parse("922337203685477.58").get().lineTotal(quantity: 200) == nil)
    }
}

@Suite("Timestamps")
struct TimestampParserTests {
    static let utc = TimestampParser()

    @Test("ISO forms to UTC", arguments: [
        ("2011-12-09T12:50:00Z", "2011-12-09T12:50:00Z"),
        ("2011-12-09 12:50:00", "2011-12-09T12:50:00Z"),
        ("2011-12-09T12:50", "2011-12-09T12:50:00Z"),
        ("2011-12-09T12:50:00.999Z", "2011-12-09T12:50:00Z"),
        ("2011-12-09T12:50:00+01:00", "2011-12-09T11:50:00Z"),
        ("2011-12-09T00:30:00-0230", "2011-12-09T03:00:00Z"),
        ("2011-12-09T23:30:00-05", "2011-12-10T04:30:00Z"),
        ("2011-12-09", "2011-12-09T00:00:00Z"),
        ("2012-02-29T08:00:00Z", "2012-02-29T08:00:00Z"),
    ])
    func iso(_ text: String, _ stored: String) throws {
        #expect(try TimestampParserTests.utc.timestamp(text).get().stored == stored)
    }

    @Test("zoneless times read in --tz, with daylight saving")
    func zone() throws {
        let london = TimestampParser(zone: TimeZone(identifier: "Europe/London")!)
        #expect(try london.timestamp("2011-07-01 10:00:00").get().stored == "2011-07-01T09:00:00Z")
        #expect(try london.timestamp("2011-12-01 10:00:00").get().stored == "2011-12-01T10:00:00Z")
        #expect(try london.timestamp("2011-07-01T10:00:00Z").get().stored == "2011-07-01T10:00:00Z")
    }

    @Test("rejected timestamps", arguments: [
        ("12/09/2011 12:50", TimestampParser.ParseFailure.slashDateNeedsFormat),
        ("2011-02-29T00:00:00Z", .noSuchDate),
        ("2011-12-09T25:00:00Z", .timeOutOfRange),
        ("yesterday", .notISO8601),
        ("2011-12-09T12:50:00+99", .notISO8601),
        ("", .empty),
    ])
    func rejects(_ text: String, _ failure: TimestampParser.ParseFailure) {
        #expect(TimestampParserTests.utc.timestamp(text) == .failure(failure))
    }

    @Test("date formats with strftime tokens")
    func formats() throws {
        let dayFirst = TimestampParser(format: try DateFormat(pattern: "%d/%m/%Y %H:%M"))
        #expect(try dayFirst.timestamp("1/12/2010 8:26").get().stored == "2010-12-01T08:26:00Z")
        let monthName = TimestampParser(format: try DateFormat(pattern: "%d %b %Y %I:%M %p"))
        #expect(try monthName.timestamp("09 Dec 2011 12:50 PM").get().stored == "2011-12-09T12:50:00Z")
        #expect(try monthName.timestamp("09 Dec 2011 12:05 AM").get().stored == "2011-12-09T00:05:00Z")
        let shortYear = TimestampParser(format: try DateFormat(pattern: "%m/%d/%y"))
        #expect(try shortYear.date("12/9/11").get().iso == "2011-12-09")
        #expect(shortYear.date("2011-12-9") == .failure(.doesNotMatchFormat("%m/%d/%y")))
        #expect(try shortYear.date("2011-12-09").get().iso == "2011-12-09")
    }

    @Test("date format patterns are checked")
    func patterns() {
        #expect(throws: DateFormat.PatternFailure.unknownToken("%Q")) { _ = try DateFormat(pattern: "%Q-%m-%d") }
        #expect(throws: DateFormat.PatternFailure.self) { _ = try DateFormat(pattern: "%H:%M") }
    }
}

@Suite("Calendar dates")
struct CivilDateTests {
    @Test("day numbers round-trip from year 1 to 9999")
    func roundTrip() {
        for days in stride(from: -719_162, through: 2_932_896, by: 997) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
        }
        #expect(CivilDate(iso: "1970-01-01")?.daysSinceEpoch == 0)
        #expect(CivilDate(iso: "2000-03-01")?.daysSinceEpoch == 11_017)
    }

    @Test("only real dates exist")
    func validity() {
        #expect(CivilDate(iso: "2012-02-29") != nil)
        #expect(CivilDate(iso: "2011-02-29") == nil)
        #expect(CivilDate(iso: "1900-02-29") == nil)
        #expect(CivilDate(iso: "2000-02-29") != nil)
        #expect(CivilDate(iso: "2011-13-01") == nil)
        #expect(CivilDate(iso: "2011-1-01") == nil)
    }

    @Test("timestamps before 1970 keep their date")
    func beforeEpoch() {
        let timestamp = UTCTimestamp(stored: "1969-12-31T23:59:59Z")!
        #expect(timestamp.date.iso == "1969-12-31")
        #expect(timestamp.stored == "1969-12-31T23:59:59Z")
    }
}
