import Text

/// One bad row of an import file: where it is and what is wrong with it.
public struct ImportIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public let location: CSVLocation
    public let problem: Problem
    /// Where the value itself starts when that is not on the record's first line.
    public let valueLocation: CSVLocation?

    /// What is wrong with a cell or a row. The wording is in `message` and `help`.
    public enum Problem: Error, Sendable, Equatable {
        case missingValue(column: String)
        case invalidAmount(column: String, value: String, failure: DecimalAmount.ParseFailure, decimalComma: Bool)
        case invalidMinorUnits(column: String, value: String)
        case invalidTimestamp(column: String, value: String, failure: TimestampParser.ParseFailure)
        case invalidDate(column: String, value: String, failure: TimestampParser.ParseFailure)
        case invalidInteger(column: String, value: String)
        case invalidBoolean(column: String, value: String)
        case unknownEventKind(value: String, suggestion: String?)
        /// An event name that `--kind-map` does not map and that is no kind itself.
        case unmappedEventKind(value: String)
        case unknownStatus(value: String, suggestion: String?)
        case invalidLineNumber(value: String)
        case fieldCount(found: Int, expected: Int)
        case duplicateKey(key: String, firstLine: Int)
        case keyExists(key: String, table: String)
        case unknownOrder(orderID: String)
        case amountOverflow(column: String)
        case undecodable(CSVError)
        /// A sales row priced in another currency than the warehouse's.
        case otherCurrency(value: String, warehouse: String)
        /// A sales row whose order has another customer or date than its first row.
        case orderMismatch(orderID: String, column: String, firstLine: Int)
    }

    public init(location: CSVLocation, problem: Problem, valueLocation: CSVLocation? = nil) {
        self.location = location
        self.problem = problem
        self.valueLocation = valueLocation.flatMap { $0.line == location.line ? nil : $0 }
    }

    /// `file:line:column: what is wrong (the value)`, where the line is the one the record starts on.
    public var description: String {
        let inRecord = valueLocation.map { "; the value starts on line \($0.line), column \($0.column)" } ?? ""
        return "\(location): \(message)\(inRecord)"
    }

    public var message: String {
        switch problem {
        case .missingValue(let column):
            return "\(column) is empty, but every row needs one"
        case .invalidAmount(let column, let value, let failure, _):
            switch failure {
            case .tooManyDecimals(let count):
                return "\(column) has \(count) decimals, more than the \(DecimalAmount.maxScale) kept (\(value))"
            case .tooLarge:
                return "\(column) is too large an amount (\(value))"
            case .misplacedGrouping:
                return "\(column) has a thousands separator in the wrong place (\(value))"
            case .empty, .notANumber:
                return "\(column) is not an amount (\(value))"
            }
        case .invalidMinorUnits(let column, let value):
            return "\(column) is not a whole number of minor units (\(value))"
        case .invalidTimestamp(let column, let value, let failure), .invalidDate(let column, let value, let failure):
            switch failure {
            case .slashDateNeedsFormat:
                return "\(column) is a slash date, which could be month-first or day-first (\(value))"
            case .noSuchDate:
                return "\(column) is not a calendar date (\(value))"
            case .timeOutOfRange:
                return "\(column) has a time outside 00:00:00–23:59:59 (\(value))"
            case .doesNotMatchFormat(let pattern):
                return "\(column) does not match the date format '\(pattern)' (\(value))"
            case .empty, .notISO8601:
                return "\(column) is not a date and time (\(value))"
            }
        case .invalidInteger(let column, let value):
            return "\(column) is not a whole number (\(value))"
        case .invalidBoolean(let column, let value):
            return "\(column) is not a yes/no value (\(value))"
        case .unknownEventKind(let value, _):
            return "unknown event kind (\(value))"
        case .unmappedEventKind(let value):
            return "the event name is not in --kind-map and is no event kind (\(value))"
        case .unknownStatus(let value, _):
            return "unknown order status (\(value))"
        case .invalidLineNumber(let value):
            return "line_no is not a positive whole number (\(value))"
        case .fieldCount(let found, let expected):
            return "the row has \(found) field\(found == 1 ? "" : "s") where the header has \(expected)"
        case .duplicateKey(let key, let firstLine):
            return "the key \(key) already appeared on line \(firstLine)"
        case .keyExists(let key, let table):
            return "the key \(key) is already in \(table)"
        case .unknownOrder(let orderID):
            return "order_id is not an order in the warehouse (\(orderID))"
        case .amountOverflow(let column):
            return "\(column) overflows when multiplied by the quantity"
        case .otherCurrency(let value, let warehouse):
            return "the row is priced in \(value), but the warehouse keeps \(warehouse) (\(value))"
        case .orderMismatch(let orderID, let column, let firstLine):
            return "order \(orderID) has another \(column) than on line \(firstLine)"
        case .undecodable(let error):
            // The CSV message starts with the same location this issue prints.
            let prefix = error.location.map { "\($0): " } ?? ""
            return error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : error.message
        }
    }

    /// What to do about it.
    public var help: String? {
        switch problem {
        case .missingValue:
            return nil
        case .invalidAmount(_, _, .misplacedGrouping, let decimalComma), .invalidAmount(_, _, .notANumber, let decimalComma):
            return decimalComma
                ? "with --decimal-comma, amounts are written like 1.234,50"
                : "write amounts like 1234.50, $1,234.50, -12.50 or (12.50); for 1.234,50 add --decimal-comma"
        case .invalidAmount:
            return nil
        case .invalidMinorUnits:
            return "a _cents column holds whole minor units such as 1250; name the column without _cents for 12.50"
        case .invalidTimestamp(_, _, .slashDateNeedsFormat), .invalidDate(_, _, .slashDateNeedsFormat):
            return "name the order with --date-format, such as --date-format '%m/%d/%Y %H:%M' or '%d/%m/%Y'"
        case .invalidTimestamp(_, _, .doesNotMatchFormat), .invalidDate(_, _, .doesNotMatchFormat):
            return "check --date-format against the file's dates"
        case .invalidTimestamp, .invalidDate:
            return "write dates as 2011-12-09 and times as 2011-12-09T12:50:00Z, or give --date-format"
        case .invalidInteger:
            return nil
        case .invalidBoolean:
            return "write 1/0, true/false, yes/no or y/n"
        case .unknownEventKind(_, let suggestion):
            return (suggestion.map { "did you mean '\($0)'? " } ?? "") + "kinds: " + eventKinds.joined(separator: ", ")
        case .unmappedEventKind(let value):
            return "add --kind-map '\(value)=KIND' with a kind of \(eventKinds.joined(separator: ", ")), or '\(value)=skip'"
        case .unknownStatus(_, let suggestion):
            return (suggestion.map { "did you mean '\($0)'? " } ?? "") + "statuses: ok, return, void"
        case .invalidLineNumber:
            return "leave line_no empty to number lines in file order"
        case .fieldCount:
            return "check the delimiter (--delimiter) and the quoting of fields that contain it"
        case .duplicateKey:
            return "remove one of the two rows"
        case .keyExists:
            return "use --mode upsert to update existing rows, or --mode replace to swap the table"
        case .unknownOrder:
            return "import the orders before their lines"
        case .amountOverflow:
            return nil
        case .undecodable(let error):
            return error.help
        case .otherCurrency:
            return "import each currency into a warehouse of its own (dotwork init --currency CODE --db PATH)"
        case .orderMismatch:
            return "an order's rows must agree on its customer and date; check the file's sort order and --map"
        }
    }
}
