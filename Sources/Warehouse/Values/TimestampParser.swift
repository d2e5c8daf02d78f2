import Foundation

/// Reads the timestamps and dates of imported files into the warehouse's UTC forms.
///
/// Without a date format it accepts ISO 8601 forms: `2011-12-09`, `2011-12-09T12:50`,
/// `2011-12-09 12:50:00`, with optional fractional seconds (truncated) and an optional `Z`
/// or offset (`+01:00`, `+0100`, `+01`). A time without a zone is read in `zone` (UTC unless
/// `--tz` names another). Slash dates such as `12/9/2011` are ambiguous between month-first
/// and day-first, so they are only read with an explicit `--date-format`.
public struct TimestampParser: Sendable {
    /// Why a text is not a timestamp or date.
    public enum ParseFailure: Error, Sendable, Equatable {
        case empty
        case slashDateNeedsFormat
        case notISO8601
        case noSuchDate
        case timeOutOfRange
        case doesNotMatchFormat(String)
    }

    /// The zone of times written without one; nil means UTC.
    public let zone: TimeZone?
    /// strftime tokens (`%d/%m/%Y %H:%M`), or nil for ISO 8601.
    public let format: DateFormat?

    public init(zone: TimeZone? = nil, format: DateFormat? = nil) {
        self.zone = zone
        self.format = format
    }

    /// The instant the text names, truncated to the second.
    public func timestamp(_ text: String) -> Result<UTCTimestamp, ParseFailure> {
        let trimmed = String(text.trimmingWhitespace())
        guard !trimmed.isEmpty else { return .failure(.empty) }
        let fields: DateTimeFields
        switch dateTimeFields(of: trimmed) {
        case .success(let parsed): fields = parsed
        case .failure(let failure): return .failure(failure)
        }
        guard let date = CivilDate(year: fields.year, month: fields.month, day: fields.day) else {
            return .failure(.noSuchDate)
        }
        guard fields.hour < 24, fields.minute < 60, fields.second < 61 else {
            return .failure(.timeOutOfRange)
        }
        // A leap second is read as the last second of its minute.
        let wall = UTCTimestamp(date: date, hour: fields.hour, minute: fields.minute, second: min(fields.second, 59))
        if let offset = fields.offsetSeconds {
            return .success(UTCTimestamp(secondsSinceEpoch: wall.secondsSinceEpoch - offset))
        }
        return .success(utc(fromLocal: wall))
    }

    /// The calendar date the text names. A date with a time keeps its own date part; a zone
    /// is not applied to dates, because a signup date is a day, not an instant.
    public func date(_ text: String) -> Result<CivilDate, ParseFailure> {
        let trimmed = String(text.trimmingWhitespace())
        guard !trimmed.isEmpty else { return .failure(.empty) }
        let fields: DateTimeFields
        switch dateTimeFields(of: trimmed) {
        case .success(let parsed): fields = parsed
        case .failure(let failure): return .failure(failure)
        }
        guard let date = CivilDate(year: fields.year, month: fields.month, day: fields.day) else {
            return .failure(.noSuchDate)
        }
        return .success(date)
    }

    /// The parts of the text by the date format; ISO 8601 text is also read when a format is
    /// given, since it cannot be mistaken for another order of day and month.
    private func dateTimeFields(of text: String) -> Result<DateTimeFields, ParseFailure> {
        guard let format else { return DateTimeFields.parseISO(text) }
        let formatted = format.parse(text)
        if case .failure = formatted, case .success(let iso) = DateTimeFields.parseISO(text) {
            return .success(iso)
        }
        return formatted
    }

    /// Converts a wall-clock time in `zone` to UTC. In a daylight-saving gap the earlier
    /// offset is used; in an overlap, the first of the two instants.
    private func utc(fromLocal wall: UTCTimestamp) -> UTCTimestamp {
        guard let zone, zone.secondsFromGMT() != 0 || zone.identifier != "UTC" else { return wall }
        let guess = Date(timeIntervalSince1970: TimeInterval(wall.secondsSinceEpoch))
        let firstOffset = zone.secondsFromGMT(for: guess)
        let candidate = wall.secondsSinceEpoch - firstOffset
        let secondOffset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(candidate)))
        let offset = max(firstOffset, secondOffset)
        return UTCTimestamp(secondsSinceEpoch: wall.secondsSinceEpoch - offset)
    }
}

/// The parts of a date and time read from text, before validation.
struct DateTimeFields {
    var year = 0
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = 0
    /// Seconds east of UTC when the text named a zone.
    var offsetSeconds: Int?

    /// `YYYY-MM-DD` optionally followed by `T` or a space and `HH:MM[:SS[.fff]]` and a zone.
    static func parseISO(_ text: String) -> Result<DateTimeFields, TimestampParser.ParseFailure> {
        let bytes = Array(text.utf8)
        if bytes.contains(UInt8(ascii: "/")) {
            return .failure(.slashDateNeedsFormat)
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = CivilDate.digits(bytes, 0, 4), let month = CivilDate.digits(bytes, 5, 2),
            let day = CivilDate.digits(bytes, 8, 2)
        else {
            return .failure(.notISO8601)
        }
        var fields = DateTimeFields(year: year, month: month, day: day)
        var index = 10
        if index == bytes.count { return .success(fields) }

        guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " "), bytes.count >= index + 6,
            let hour = CivilDate.digits(bytes, index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
            let minute = CivilDate.digits(bytes, index + 4, 2)
        else {
            return .failure(.notISO8601)
        }
        fields.hour = hour
        fields.minute = minute
        index += 6
        if index + 3 <= bytes.count && bytes[index] == UInt8(ascii: ":") {
            guard let second = CivilDate.digits(bytes, index + 1, 2) else { return .failure(.notISO8601) }
            fields.second = second
            index += 3
            if index < bytes.count && (bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",")) {
                index += 1
                let start = index
                while index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
                    index += 1
                }
                if index == start { return .failure(.notISO8601) }
            }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: " ") {
            index += 1
        }
        if index == bytes.count { return .success(fields) }
        guard let offset = parseOffset(bytes[index...]) else { return .failure(.notISO8601) }
        fields.offsetSeconds = offset
        return .success(fields)
    }

    /// `Z`, `+HH:MM`, `+HHMM` or `+HH` (and the same with `-`), as seconds east of UTC.
    static func parseOffset(_ bytes: ArraySlice<UInt8>) -> Int? {
        let zone = Array(bytes)
        if zone == Array("Z".utf8) || zone == Array("UTC".utf8) { return 0 }
        guard let sign = zone.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let digits = zone.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard digits.count == 2 || digits.count == 4, zone.count - 1 - digits.count <= 1 else { return nil }
        let values = Array(digits)
        guard let hours = CivilDate.digits(values, 0, 2), hours <= 18 else { return nil }
        let minutes = values.count == 4 ? CivilDate.digits(values, 2, 2) : 0
        guard let minutes, minutes < 60 else { return nil }
        let seconds = hours * 3_600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }
}
