/// A date format written with strftime tokens, for files whose dates are not ISO 8601.
///
/// Supported tokens: `%Y` (four-digit year), `%y` (two-digit year, 1969–2068 as POSIX
/// reads it), `%m`, `%d`, `%e` (one or two digits), `%H`, `%I` with `%p` (AM/PM), `%M`,
/// `%S`, `%f` (fractional seconds, truncated), `%b`/`%B` (English month names), `%z`
/// (`+0100`, `+01:00` or `Z`), `%F` (`%Y-%m-%d`), `%T` (`%H:%M:%S`) and `%%`. Numbers
/// accept one or two digits, so `%d/%m/%Y` reads both `1/2/2011` and `01/02/2011`.
public struct DateFormat: Sendable, Equatable {
    enum Piece: Equatable {
        case literal(Character)
        case year4, year2, month, day, hour24, hour12, minute, second, fraction, amPm, monthName, offset
    }

    public let pattern: String
    let pieces: [Piece]

    /// Why a pattern is rejected.
    public enum PatternFailure: Error, Equatable, Sendable {
        case unknownToken(String)
        case missingParts(String)
    }

    public init(pattern: String) throws(PatternFailure) {
        var pieces: [Piece] = []
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                pieces.append(.literal(character))
                continue
            }
            guard let token = characters.next() else { throw .unknownToken("%") }
            switch token {
            case "Y": pieces.append(.year4)
            case "y": pieces.append(.year2)
            case "m": pieces.append(.month)
            case "d", "e": pieces.append(.day)
            case "H": pieces.append(.hour24)
            case "I": pieces.append(.hour12)
            case "M": pieces.append(.minute)
            case "S": pieces.append(.second)
            case "f": pieces.append(.fraction)
            case "p": pieces.append(.amPm)
            case "b", "B", "h": pieces.append(.monthName)
            case "z": pieces.append(.offset)
            case "F": pieces += [.year4, .literal("-"), .month, .literal("-"), .day]
            case "T": pieces += [.hour24, .literal(":"), .minute, .literal(":"), .second]
            case "%": pieces.append(.literal("%"))
            default: throw .unknownToken("%" + String(token))
            }
        }
        let hasYear = pieces.contains(.year4) || pieces.contains(.year2)
        let hasMonth = pieces.contains(.month) || pieces.contains(.monthName)
        guard hasYear, hasMonth, pieces.contains(.day) else {
            throw .missingParts("a date format needs a year (%Y or %y), a month (%m or %b) and a day (%d)")
        }
        self.pattern = pattern
        self.pieces = pieces
    }

    static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    func parse(_ text: String) -> Result<DateTimeFields, TimestampParser.ParseFailure> {
        let failure = TimestampParser.ParseFailure.doesNotMatchFormat(pattern)
        var fields = DateTimeFields()
        var input = Substring(text)
        var isPM: Bool?

        func number(maxDigits: Int) -> Int? {
            let digits = input.prefix { $0.isASCII && $0.isNumber }.prefix(maxDigits)
            guard !digits.isEmpty, let value = Int(digits) else { return nil }
            input = input.dropFirst(digits.count)
            return value
        }

        for piece in pieces {
            switch piece {
            case .literal(let expected):
                guard input.first == expected else { return .failure(failure) }
                input = input.dropFirst()
            case .year4:
                guard let value = number(maxDigits: 4) else { return .failure(failure) }
                fields.year = value
            case .year2:
                guard let value = number(maxDigits: 2) else { return .failure(failure) }
                fields.year = value < 69 ? 2000 + value : 1900 + value
            case .month:
                guard let value = number(maxDigits: 2) else { return .failure(failure) }
                fields.month = value
            case .day:
                guard let value = number(maxDigits: 2) else { return .failure(failure) }
                fields.day = value
            case .hour24, .hour12:
                guard let value = number(maxDigits: 2) else { return .failure(failure) }
                fields.hour = value
            case .minute:
                guard let value = number(maxDigits: 2) else { return .failure(failure) }
                fields.minute = value
            case .second:
                guard let value = number(maxDigits: 2) else { return .failure(failure) }
                fields.second = value
            case .fraction:
                guard number(maxDigits: 9) != nil else { return .failure(failure) }
            case .amPm:
                let marker = input.prefix(2).uppercased()
                guard marker == "AM" || marker == "PM" else { return .failure(failure) }
                isPM = marker == "PM"
                input = input.dropFirst(2)
            case .monthName:
                let letters = input.prefix { $0.isLetter }.lowercased()
                guard letters.count >= 3,
                    let index = DateFormat.monthNames.firstIndex(where: { $0 == letters || $0.prefix(3) == letters })
                else {
                    return .failure(failure)
                }
                fields.month = index + 1
                input = input.dropFirst(letters.count)
            case .offset:
                let zone = input.prefix { $0 == "Z" || $0 == "+" || $0 == "-" || $0 == ":" || ($0.isASCII && $0.isNumber) }
                guard let offset = DateTimeFields.parseOffset(Array(zone.utf8)[...]) else { return .failure(failure) }
                fields.offsetSeconds = offset
                input = input.dropFirst(zone.count)
            }
        }
        guard input.isEmpty else { return .failure(failure) }
        if let isPM {
            guard (1...12).contains(fields.hour) else { return .failure(.timeOutOfRange) }
            fields.hour = fields.hour % 12 + (isPM ? 12 : 0)
        }
        return .success(fields)
    }
}
