/// How one role is drawn: foreground, background and attributes.
public struct Style: Sendable, Hashable, CustomStringConvertible {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's own colours without attributes.
    public static let plain = Style()

    /// Whether the style uses any colour other than the terminal's defaults.
    public var hasColor: Bool {
        foreground != .terminalDefault || background != .terminalDefault
    }

    public var description: String {
        attributes.isEmpty ? "\(foreground) \(background)" : "\(foreground) \(background) \(attributes)"
    }
}
