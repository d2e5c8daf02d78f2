/// A date in the proleptic Gregorian calendar, without a time or zone: a warehouse `YYYY-MM-DD`.
///
/// Arithmetic goes through the day number since 1970-01-01, with Howard Hinnant's
/// days-from-civil algorithm, so it is exact for every year from 1 to 9999 and needs no
/// Foundation calendar in hot loops.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A date from its parts, or nil when the day does not exist (2011-02-29) or the year is
    /// outside 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysInMonth(year: year, month: month)).contains(day)
        else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date written `YYYY-MM-DD`, or nil when the text is not exactly that form of a real date.
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = CivilDate.digits(bytes, 0, 4), let month = CivilDate.digits(bytes, 5, 2),
            let day = CivilDate.digits(bytes, 8, 2)
        else {
            return nil
        }
        self.init(year: year, month: month, day: day)
    }

    /// The date `days` after 1970-01-01 (negative for earlier dates).
    public init(daysSinceEpoch days: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public func adding(days: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        CivilDate.pad(year, 4) + "-" + CivilDate.pad(month, 2) + "-" + CivilDate.pad(day, 2)
    }

    /// `YYYY-MM`, the key of a calendar month.
    public var monthKey: String {
        CivilDate.pad(year, 4) + "-" + CivilDate.pad(month, 2)
    }

    public var description: String { iso }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<start + count] {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// An instant to the second in UTC: a warehouse `YYYY-MM-DDTHH:MM:SSZ`.
public struct UTCTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int

    public init(secondsSinceEpoch: Int) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public init(date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        secondsSinceEpoch = date.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// The timestamp in the stored form, or nil when the text is not exactly that form.
    public init?(stored text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
            let date = CivilDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
            let hour = CivilDate.digits(bytes, 11, 2), hour < 24,
            let minute = CivilDate.digits(bytes, 14, 2), minute < 60,
            let second = CivilDate.digits(bytes, 17, 2), second < 60
        else {
            return nil
        }
        self.init(date: date, hour: hour, minute: minute, second: second)
    }

    public var date: CivilDate {
        CivilDate(daysSinceEpoch: dayNumber)
    }

    /// Days since 1970-01-01, rounded down for instants before it.
    var dayNumber: Int {
        secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var stored: String {
        let days = dayNumber
        let secondOfDay = secondsSinceEpoch - days * 86_400
        let hour = secondOfDay / 3_600
        let minute = secondOfDay % 3_600 / 60
        let second = secondOfDay % 60
        return CivilDate(daysSinceEpoch: days).iso + "T" + CivilDate.pad(hour, 2) + ":" + CivilDate.pad(minute, 2)
            + ":" + CivilDate.pad(second, 2) + "Z"
    }

    public var description: String { stored }

    public static func < (lhs: UTCTimestamp, rhs: UTCTimestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}
