/// The text attributes a theme may give a role; monochrome terminals show roles by these alone.
public struct TextAttributes: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let reverse = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)
    public static let standout = TextAttributes(rawValue: 1 << 5)

    /// Each attribute with its name in theme files, in the order they are written.
    public static let named: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline),
        ("reverse", .reverse), ("italic", .italic), ("standout", .standout),
    ]

    /// Parses one attribute name; `none` is the empty set.
    public init?(name: String) {
        if name == "none" {
            self = []
        } else if let match = TextAttributes.named.first(where: { $0.name == name }) {
            self = match.attribute
        } else {
            return nil
        }
    }

    public var description: String {
        let names = TextAttributes.named.filter { contains($0.attribute) }.map(\.name)
        return names.isEmpty ? "none" : names.joined(separator: " ")
    }
}
