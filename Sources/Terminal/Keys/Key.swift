/// One key press, decoded from the terminal's input.
///
/// Keys have names, used by key tables and shown by the help overlay: a printable key is
/// itself (`j`, `/`, `?`), `Space` is the space bar, `C-g` is Ctrl-G, `M-b` is Alt-B (Escape
/// then B), and the named keys are `Up Down Left Right Home End PgUp PgDn Ins Del Backspace
/// Enter Tab S-Tab Esc C-Left C-Right C-Up C-Down C-Home C-End F1`…`F12`.
public enum Key: Sendable, Hashable {
    /// A printable character, typed as text in an editor.
    case character(Unicode.Scalar)
    /// Ctrl with a letter or one of `@[\]^_`, stored lower-case: `.control("g")`.
    case control(Character)
    /// Alt (or Escape quickly followed by a key) with a printable character.
    case alt(Unicode.Scalar)
    case up, down, left, right
    case home, end, pageUp, pageDown, insert, delete
    case backspace, enter, tab, backTab, escape
    case controlLeft, controlRight, controlUp, controlDown, controlHome, controlEnd
    case function(Int)
    /// The terminal changed size; the event loop turns it into a resize event.
    case resize

    /// Returns the key that a code point read from the terminal stands for: control
    /// characters become their named key or `C-` key.
    public static func fromCodePoint(_ value: UInt32) -> Key? {
        switch value {
        case 0x09: return .tab
        case 0x0A, 0x0D: return .enter
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .control("@")
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(value + 0x60)!))
        case 0x1C...0x1F: return .control(Character(Unicode.Scalar(value + 0x40)!))
        default:
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .control else { return nil }
            return .character(scalar)
        }
    }

    /// The printable character of a text key, if it is one.
    public var text: Unicode.Scalar? {
        if case .character(let scalar) = self { return scalar }
        return nil
    }
}
