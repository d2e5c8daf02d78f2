/// A calendar day in the proleptic Gregorian calendar, stored as days since 1970-01-01.
///
/// Dates in the warehouse and in analyst text are `YYYY-MM-DD`; this type parses and prints
/// that form for years 0001 to 9999 and does the day arithmetic of windows exactly.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let number: Int

    public init(number: Int) {
        self.number = number
    }

    /// The earliest and latest days that `YYYY-MM-DD` can write.
    public static let minimum = Day(year: 1, month: 1, day: 1)!
    public static let maximum = Day(year: 9999, month: 12, day: 31)!

    /// The day for a valid calendar date, or nil (for example 2011-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        number = Day.daysSinceEpoch(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD` (four, two and two ASCII digits), or returns nil.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            return nil
        }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10) else {
            return nil
        }
        self.init(year: year, month: month, day: day)
    }

    /// The day `count` days later (earlier when negative), kept within `minimum...maximum`.
    public func adding(days count: Int) -> Day {
        let (sum, overflow) = number.addingReportingOverflow(count)
        if overflow {
            return count > 0 ? .maximum : .minimum
        }
        return Day(number: Swift.min(Swift.max(sum, Day.minimum.number), Day.maximum.number))
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int {
        other.number - number
    }

    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var dayOfMonth: Int { civil.day }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = civil
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        lhs.number < rhs.number
    }

    // The two conversions below are the well-known era-based algorithms for the proleptic
    // Gregorian calendar: a 400-year era has exactly 146,097 days, and counting years from
    // March puts the leap day at the end of the year.

    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private var civil: (year: Int, month: Int, day: Int) {
        let shifted = number + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2:
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
