import Foundation

/// Checks the values of the global options before a command runs.
enum GlobalOptionCheck {
    static func validate(_ invocation: Invocation) throws {
        if let asOf = invocation.value("--as-of"), !isCalendarDate(asOf) {
            throw UsageError.invalidValue(
                option: "--as-of", value: asOf, reason: "not a calendar date; write it as YYYY-MM-DD",
                command: invocation.command.name.isEmpty ? "" : invocation.command.name)
        }
    }

    /// Whether `text` is a real date in the form `YYYY-MM-DD` (so `2011-02-29` is not).
    static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month)
        else {
            return false
        }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
