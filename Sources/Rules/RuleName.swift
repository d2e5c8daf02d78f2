/// The names of rules, offers and flags: 1 to 63 characters of lower-case ASCII letters,
/// digits and `-`, starting with a letter or a digit (`[a-z0-9][a-z0-9-]{0,62}`).
///
/// Names become folder names in the outbox and keys in the back-office systems, so they are
/// kept to characters that every file system and system accepts as they are.
public enum RuleName {
    /// Whether `name` matches the pattern.
    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= RuleLimits.nameLength, isLetterOrDigit(first) else {
            return false
        }
        return bytes.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// Returns a valid name close to an invalid one, for a "did you mean": lower-cased, with
    /// every run of other characters turned into one `-`. Returns nil when `name` is valid
    /// already, contains characters outside ASCII (which have no obvious replacement), or has
    /// no letter or digit.
    public static func suggestion(for name: String) -> String? {
        guard !isValid(name), name.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
        var result = ""
        for byte in name.lowercased().utf8 {
            if isLetterOrDigit(byte) {
                result.append(Character(Unicode.Scalar(byte)))
            } else if !result.isEmpty && result.last != "-" {
                result.append("-")
            }
        }
        result = String(result.prefix(RuleLimits.nameLength))
        while result.last == "-" {
            result.removeLast()
        }
        return isValid(result) ? result : nil
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
