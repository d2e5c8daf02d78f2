extension Key: CustomStringConvertible {
    static let namedKeys: [(name: String, key: Key)] = [
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right),
        ("Home", .home), ("End", .end), ("PgUp", .pageUp), ("PgDn", .pageDown),
        ("Ins", .insert), ("Del", .delete), ("Backspace", .backspace), ("Enter", .enter),
        ("Tab", .tab), ("S-Tab", .backTab), ("Esc", .escape), ("Space", .character(" ")),
        ("C-Left", .controlLeft), ("C-Right", .controlRight), ("C-Up", .controlUp),
        ("C-Down", .controlDown), ("C-Home", .controlHome), ("C-End", .controlEnd),
    ]

    /// Parses a key name as key tables write it (`j`, `C-g`, `M-b`, `PgDn`, `F5`).
    public init?(name: String) {
        if let named = Key.namedKeys.first(where: { $0.name == name }) {
            self = named.key
            return
        }
        let scalars = Array(name.unicodeScalars)
        if scalars.count == 1, scalars[0].value > 0x20, scalars[0].properties.generalCategory != .control {
            self = .character(scalars[0])
            return
        }
        if name.hasPrefix("C-"), scalars.count == 3 {
            let character = Character(String(scalars[2]).lowercased())
            guard character.isLetter && character.isASCII || "@[\\]^_".contains(character) else { return nil }
            self = .control(character)
            return
        }
        if name.hasPrefix("M-"), scalars.count == 3, scalars[2].value > 0x20 {
            self = .alt(scalars[2])
            return
        }
        if name.hasPrefix("F"), let number = Int(name.dropFirst()), (1...24).contains(number) {
            self = .function(number)
            return
        }
        return nil
    }

    /// The key's name as key tables and the help overlay write it.
    public var description: String {
        if let named = Key.namedKeys.first(where: { $0.key == self }) {
            return named.name
        }
        switch self {
        case .character(let scalar): return String(scalar)
        case .control(let character): return "C-\(character)"
        case .alt(let scalar): return "M-\(scalar)"
        case .function(let number): return "F\(number)"
        case .resize: return "Resize"
        default: return "?"
        }
    }
}
