/// The sample's fixed time span, 2009-01-01 to 2011-12-31, and how activity spreads over it.
///
/// Instants are whole seconds since 2009-01-01T00:00:00Z and days are counted from that date,
/// so the generator works in small integers and formats text only when it writes a row.
/// Day weights carry the seasons analysts expect from a phone retailer: steady growth,
/// quiet Januaries, a Black Friday spike and a Christmas peak, busier weekends, and bursts of
/// community talk when phones launch.
enum SampleCalendar {
    static let firstDate = CivilDate(year: 2009, month: 1, day: 1)!
    static let lastDate = CivilDate(year: 2011, month: 12, day: 31)!
    static let dayCount = lastDate.daysSinceEpoch - firstDate.daysSinceEpoch + 1
    static let secondsPerDay = 86_400

    /// Returns the date `day` days after 2009-01-01.
    static func date(ofDay day: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: firstDate.daysSinceEpoch + day)
    }

    /// Returns the day number of `date`, which may fall outside the span.
    static func day(of date: CivilDate) -> Int {
        date.daysSinceEpoch - firstDate.daysSinceEpoch
    }

    /// Orders per day, relative: 80% growth over the three years and the retail seasons.
    static let orderDays = WeightedChoice((0..<dayCount).map { day in
        (100 + 80 * day / dayCount) * retailSeason(day) * weekdayFactor(day, weekend: 125)
    })

    /// New customers per day: the same growth with milder seasons, because many sign up
    /// without buying at once.
    static let signupDays = WeightedChoice((0..<dayCount).map { day in
        (100 + 60 * day / dayCount) * (100 + retailSeason(day)) * weekdayFactor(day, weekend: 115)
    })

    /// Community activity per day: the community grows faster than the shop, and talk
    /// spikes for a few weeks after each phone launch.
    static let communityDays = WeightedChoice((0..<dayCount).map { day in
        (50 + 150 * day / dayCount) * (200 + retailSeason(day) + launchBuzz(day)) * weekdayFactor(day, weekend: 110)
    })

    /// Orders per hour of the UTC day.
    static let orderHours = WeightedChoice([2, 1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 9, 10, 10, 9, 9, 9, 10, 11, 12, 12, 10, 7, 4])

    /// Community events per hour of the UTC day, with a later evening peak than orders.
    static let communityHours = WeightedChoice([5, 4, 3, 2, 1, 1, 2, 3, 5, 6, 7, 7, 8, 8, 8, 8, 9, 10, 11, 12, 13, 12, 10, 7])

    /// Returns the day of the week, 0 for Monday through 6 for Sunday. 2009-01-01 was a Thursday.
    static func weekday(_ day: Int) -> Int {
        (day + 3) % 7
    }

    private static func weekdayFactor(_ day: Int, weekend: Int) -> Int {
        weekday(day) >= 5 ? weekend : 100
    }

    /// Returns the retail season of `day` as a percentage of an ordinary day.
    static func retailSeason(_ day: Int) -> Int {
        let date = date(ofDay: day)
        switch (date.month, date.day) {
        case (1, 1): return 40
        case (1, 2...14): return 105
        case (1, _), (2, _): return 75
        case (3, _), (4, _): return 85
        case (5, _), (6, _), (7, _), (8, _): return 90
        case (9, _), (10, _): return 95
        case (11, _):
            let blackFriday = blackFridayDay(year: date.year)
            if date.day == blackFriday { return 320 }
            if date.day == blackFriday + 3 { return 220 }
            return date.day > blackFriday ? 170 : 110
        case (12, 1...23): return 170 + 6 * date.day
        case (12, 24): return 120
        case (12, 25): return 25
        case (12, 26): return 230
        default: return 130
        }
    }

    /// Returns the November day of Black Friday, the day after the fourth Thursday.
    static func blackFridayDay(year: Int) -> Int {
        let firstOfNovember = day(of: CivilDate(year: year, month: 11, day: 1)!)
        let firstThursday = 1 + (3 - weekday(firstOfNovember) + 7) % 7
        return firstThursday + 21 + 1
    }

    /// Returns extra community activity, in percent, in the weeks after a phone launch.
    static func launchBuzz(_ day: Int) -> Int {
        var buzz = 0
        for launch in SampleCatalogue.phoneLaunchDays {
            let since = day - launch
            if (-7..<42).contains(since) {
                buzz += since < 0 ? 60 : 200 - 4 * since
            }
        }
        return buzz
    }

    /// Writes `second` (seconds since 2009-01-01T00:00:00Z) as `YYYY-MM-DDTHH:MM:SSZ`.
    static func appendTimestamp(_ second: Int, to bytes: inout [UInt8]) {
        let day = second / secondsPerDay
        let secondOfDay = second - day * secondsPerDay
        bytes.append(contentsOf: dateText[day])
        bytes.append(UInt8(ascii: "T"))
        appendTwoDigits(secondOfDay / 3_600, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(secondOfDay % 3_600 / 60, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(secondOfDay % 60, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Writes the date of `day` as `YYYY-MM-DD`.
    static func appendDate(_ day: Int, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: dateText[day])
    }

    private static func appendTwoDigits(_ value: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "0") + UInt8(value / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// `YYYY-MM-DD` of every day in the span, as UTF-8.
    private static let dateText: [[UInt8]] = (0..<dayCount).map { Array(date(ofDay: $0).iso.utf8) }
}
