import CNcursesw

/// The ncurses attributes and colour pair of each role, for one theme and colour mode.
///
/// Pairs are allocated once at start-up, one per distinct foreground and background, with
/// -1 for the terminal's default colours; roles outside the theme fall back to `normal`.
struct CursesPalette {
    struct Entry {
        var attributes: attr_t
        var pair: Int16
    }

    private var entries: [Role: Entry] = [:]
    private let fallback: Entry

    init(theme: Theme, mode: ColorMode, pairLimit: Int) {
        var pairs: [ColorPair: Int16] = [:]
        for role in Role.all {
            let style = theme.style(for: role, in: mode)
            var pair: Int16 = 0
            if mode != .monochrome, style.hasColor {
                let key = ColorPair(foreground: style.foreground, background: style.background)
                if let existing = pairs[key] {
                    pair = existing
                } else if pairs.count + 1 < pairLimit {
                    pair = Int16(pairs.count + 1)
                    init_pair(pair, style.foreground.cursesNumber, style.background.cursesNumber)
                    pairs[key] = pair
                }
            }
            entries[role] = Entry(attributes: CursesPalette.cursesAttributes(style.attributes), pair: pair)
        }
        fallback = entries[.normal] ?? Entry(attributes: dotwork_a_normal(), pair: 0)
    }

    func attributes(for role: Role) -> Entry {
        entries[role] ?? fallback
    }

    private struct ColorPair: Hashable {
        var foreground: ThemeColor
        var background: ThemeColor
    }

    static func cursesAttributes(_ attributes: TextAttributes) -> attr_t {
        var result = dotwork_a_normal()
        if attributes.contains(.bold) { result |= dotwork_a_bold() }
        if attributes.contains(.dim) { result |= dotwork_a_dim() }
        if attributes.contains(.underline) { result |= dotwork_a_underline() }
        if attributes.contains(.reverse) { result |= dotwork_a_reverse() }
        if attributes.contains(.italic) { result |= dotwork_a_italic() }
        if attributes.contains(.standout) { result |= dotwork_a_standout() }
        return result
    }
}
