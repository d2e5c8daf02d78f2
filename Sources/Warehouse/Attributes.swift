/// The type recorded for an extra customer column, which `attr "name"` in a rule compares as.
///
/// A column is a number when every non-empty value parsed as one, a date when every
/// non-empty value parsed as one, and text otherwise. A later import that finds another type
/// for the same column widens it to text.
public enum AttributeType: String, Sendable, CaseIterable {
    case number
    case date
    case text

    /// The type that holds values of both.
    func widened(with other: AttributeType) -> AttributeType {
        self == other ? self : .text
    }
}

/// What one column's values could all be read as, tracked while a file is read.
struct AttributeTypeTracker {
    private(set) var couldBeNumber = true
    private(set) var couldBeDate = true
    private(set) var sawValue = false

    mutating func observe(_ value: String, isDate: Bool) {
        sawValue = true
        if couldBeNumber && AttributeTypeTracker.plainNumber(value) == nil {
            couldBeNumber = false
        }
        if couldBeDate && !isDate {
            couldBeDate = false
        }
    }

    /// The inferred type; a column with no value at all is text.
    var type: AttributeType {
        guard sawValue else { return .text }
        if couldBeNumber { return .number }
        if couldBeDate { return .date }
        return .text
    }

    /// The value as a JSON number (`-12.5`, `7`), or nil when it is not a plain decimal
    /// number. Leading zeros (`007`) make it text, because such values are codes.
    static func plainNumber(_ value: String, decimalComma: Bool = false) -> String? {
        var text = Substring(value)
        var sign = ""
        if text.first == "-" {
            sign = "-"
            text = text.dropFirst()
        }
        let separator: Character = decimalComma ? "," : "."
        let parts = text.split(separator: separator, maxSplits: 1, omittingEmptySubsequences: false)
        guard let integer = parts.first, !integer.isEmpty, integer.count <= 15, integer.allSatisfy(isASCIIDigit),
            integer == "0" || integer.first != "0"
        else {
            return nil
        }
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 9, fraction.allSatisfy(isASCIIDigit) else { return nil }
            return sign + integer + "." + fraction
        }
        return sign + integer
    }
}

/// JSON text for the values that the warehouse writes itself.
enum JSONText {
    /// The string as a JSON string literal.
    static func string(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// One customer attribute as stored in the `attributes` JSON, already in its normal form.
enum AttributeValue: Equatable {
    /// A plain decimal number such as `-12.5` or `7`, written as a JSON number.
    case number(String)
    case date(CivilDate)
    case text(String)

    /// The value as JSON text.
    var json: String {
        switch self {
        case .number(let number): return number
        case .date(let date): return JSONText.string(date.iso)
        case .text(let text): return JSONText.string(text)
        }
    }

    /// Builds a JSON object with one member per name, in order. A missing value is `null`, which
    /// `json_patch` turns into an absent key.
    static func jsonObject(names: [String], values: [AttributeValue?]) -> String {
        precondition(names.count == values.count, "\(names.count) attribute names for \(values.count) values")
        let members = zip(names, values).map { name, value in
            JSONText.string(name) + ":" + (value?.json ?? "null")
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}
