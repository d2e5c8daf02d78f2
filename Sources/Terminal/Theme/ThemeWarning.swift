import Text

/// An entry of a theme file that could not be used; the rest of the theme still applies.
public struct ThemeWarning: Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        case unknownSection
        case missingEquals
        case unknownRole
        case invalidColor
        case invalidAttribute
        case missingColors
        case colorInMonochrome
        case colorBeyondEight
    }

    public var file: String
    public var line: Int
    /// The role the entry is for; empty when the line names none.
    public var role: String
    /// The offending text: a colour, an attribute, a role or the whole line.
    public var value: String
    public var problem: Problem

    public var description: String {
        let place = "\(file):\(line)"
        switch problem {
        case .unknownSection:
            return "\(place): unknown section '\(value)' (sections: [colours], [8-colours], [monochrome])"
        case .missingEquals:
            return "\(place): expected 'role = foreground background [attributes]', found '\(value)'"
        case .unknownRole:
            return "\(place): unknown role '\(value)'" + hint(value, among: Role.all.map(\.rawValue), list: "roles are listed in Themes/README.md")
        case .invalidColor:
            return "\(place): role '\(role)': invalid colour '\(value)'" + hint(value, among: ThemeColor.names + ["default"], list: "use default, a name such as blue, or 0-255")
        case .invalidAttribute:
            return "\(place): role '\(role)': invalid attribute '\(value)'" + hint(value, among: TextAttributes.named.map(\.name) + ["none"], list: "attributes: bold dim underline reverse italic standout none")
        case .missingColors:
            return "\(place): role '\(role)': expected a foreground and a background colour, found '\(value)'"
        case .colorInMonochrome:
            return "\(place): role '\(role)': colour '\(value)' in the [monochrome] section, which takes attributes only"
        case .colorBeyondEight:
            return "\(place): role '\(role)': colour '\(value)' in the [8-colours] section, which takes black to white or 0-7"
        }
    }

    private func hint(_ value: String, among candidates: [String], list: String) -> String {
        if let nearest = Suggestion.nearest(to: value, among: candidates) {
            return "; did you mean '\(nearest)'?"
        }
        return "; \(list)"
    }
}
