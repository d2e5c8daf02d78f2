/// A colour in a theme: the terminal's default colour or a palette index, 0–255.
public enum ThemeColor: Sendable, Hashable, CustomStringConvertible {
    case terminalDefault
    case index(Int)

    /// The names of the first 16 palette entries, as theme files may write them.
    public static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses `default`, a colour name or a palette number from 0 to 255.
    public init?(name: String) {
        if name == "default" {
            self = .terminalDefault
        } else if let index = ThemeColor.names.firstIndex(of: name) {
            self = .index(index)
        } else if let number = Int(name), (0...255).contains(number), name.allSatisfy(\.isASCII) {
            self = .index(number)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .index(let index) where index < 16: return ThemeColor.names[index]
        case .index(let index): return String(index)
        }
    }

    /// The nearest of the eight basic colours, for terminals without 256 colours.
    ///
    /// Entries 16–231 are the 6×6×6 colour cube, where a channel at level 2 of 5 or above
    /// counts as lit; entries 232–255 are a grey ramp, split into black and white.
    public var basic: ThemeColor {
        guard case .index(let index) = self else { return self }
        switch index {
        case 0..<16:
            return .index(index % 8)
        case 16..<232:
            let cube = index - 16
            let red = cube / 36 >= 2 ? 1 : 0
            let green = cube / 6 % 6 >= 2 ? 2 : 0
            let blue = cube % 6 >= 2 ? 4 : 0
            return .index(red + green + blue)
        default:
            return .index(index - 232 < 12 ? 0 : 7)
        }
    }

    /// The number ncurses takes: -1 for the terminal's default colour.
    var cursesNumber: Int16 {
        switch self {
        case .terminalDefault: return -1
        case .index(let index): return Int16(index)
        }
    }
}
