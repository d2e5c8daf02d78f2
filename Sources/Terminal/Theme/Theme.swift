/// A colour theme: the style of each role, read from a theme file.
///
/// A theme has three sections, one per `ColorMode`. A role's style in a mode comes from the
/// first of these that has it:
/// - 256 colours: `[colours]`, then `[monochrome]`;
/// - 8 colours: `[8-colours]`, then `[colours]` mapped to the nearest basic colours, then
///   `[monochrome]`;
/// - monochrome: `[monochrome]`, then the attributes of `[colours]`.
/// A role in none of them is drawn as `normal`, and `normal` itself defaults to the
/// terminal's own colours. The file format is described in `Themes/README.md`.
public struct Theme: Sendable {
    public var name: String
    /// Where the theme was read from, for messages; empty for a theme built in code.
    public var path: String
    public var colors: [Role: Style] = [:]
    public var basicColors: [Role: Style] = [:]
    public var monochrome: [Role: TextAttributes] = [:]

    public init(name: String, path: String = "") {
        self.name = name
        self.path = path
    }

    /// A theme with no entries: every role is drawn in the terminal's own colours. Used
    /// when no theme file can be found, so the workbench still starts.
    public static let plain = Theme(name: "plain")

    /// Returns how a role is drawn in a colour mode.
    public func style(for role: Role, in mode: ColorMode) -> Style {
        if let style = ownStyle(for: role, in: mode) {
            return style
        }
        if role != .normal, let normal = ownStyle(for: .normal, in: mode) {
            return normal
        }
        return .plain
    }

    private func ownStyle(for role: Role, in mode: ColorMode) -> Style? {
        switch mode {
        case .full:
            return colors[role] ?? monochrome[role].map { Style(attributes: $0) }
        case .basic:
            if let style = basicColors[role] {
                return style
            }
            if let style = colors[role] {
                return Style(foreground: style.foreground.basic, background: style.background.basic, attributes: style.attributes)
            }
            return monochrome[role].map { Style(attributes: $0) }
        case .monochrome:
            if let attributes = monochrome[role] ?? colors[role]?.attributes {
                return Style(attributes: attributes)
            }
            return nil
        }
    }
}
