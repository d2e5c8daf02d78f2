/// How many colours the terminal shows, which decides the section of a theme in use.
public enum ColorMode: String, Sendable, CaseIterable {
    /// 256 colours or more: the `[colours]` section.
    case full = "256 colours"
    /// 8 or 16 colours: the `[8-colours]` section, else the 256-colour entries mapped down.
    case basic = "8 colours"
    /// No colour, because the terminal has none or `NO_COLOR` is set: attributes only,
    /// from the `[monochrome]` section.
    case monochrome = "monochrome"

    /// Chooses the mode for a terminal's colour count and the environment.
    ///
    /// `NO_COLOR` set to any non-empty value turns colour off, as no-color.org specifies.
    public static func choose(colors: Int, environment: [String: String]) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return .monochrome
        }
        if colors >= 256 {
            return .full
        }
        if colors >= 8 {
            return .basic
        }
        return .monochrome
    }
}
