import CNcursesw

extension CursesTerminal {
    /// At most this many keys are read per call, so a long paste cannot starve redraws.
    static let keysPerRead = 512

    public func readKeys() -> [Key] {
        var keys: [Key] = []
        while keys.count < CursesTerminal.keysPerRead, let key = nextKey() {
            if key == .escape, let following = nextKey() {
                // ncurses has already waited the escape delay, so a key right behind Escape
                // was typed with it: Alt (Meta) sends Escape before the key.
                if case .character(let scalar) = following {
                    keys.append(.alt(scalar))
                } else if following == .backspace {
                    keys.append(.alt("\u{7F}"))
                } else {
                    keys.append(contentsOf: [.escape, following])
                }
                continue
            }
            if key == .resize {
                refreshSize()
            }
            keys.append(key)
        }
        return keys
    }

    private func nextKey() -> Key? {
        while true {
            var value: wint_t = 0
            let status = wget_wch(dotwork_stdscr(), &value)
            if status == ERR {
                return nil
            }
            if status == KEY_CODE_YES {
                if let key = decode(keyCode: Int32(value)) {
                    return key
                }
                continue
            }
            if let key = Key.fromCodePoint(UInt32(value)) {
                return key
            }
        }
    }

    private func decode(keyCode: Int32) -> Key? {
        switch keyCode {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_F0 + 1...KEY_F0 + 24: return .function(Int(keyCode - KEY_F0))
        default: return extendedKeys[keyCode]
        }
    }

    /// The codes ncurses gives Ctrl with the arrows, Home and End. They are not constants:
    /// ncurses numbers xterm's extended capabilities (`kLFT5` and so on) when it reads the
    /// terminal description, so each is looked up by its escape sequence.
    static func extendedKeyCodes() -> [Int32: Key] {
        let capabilities: [(String, Key)] = [
            ("kLFT5", .controlLeft), ("kRIT5", .controlRight), ("kUP5", .controlUp),
            ("kDN5", .controlDown), ("kHOM5", .controlHome), ("kEND5", .controlEnd),
        ]
        let notAString = UnsafeMutablePointer<CChar>(bitPattern: -1)
        var codes: [Int32: Key] = [:]
        for (name, key) in capabilities {
            guard let sequence = tigetstr(name), sequence != notAString else { continue }
            let code = key_defined(sequence)
            if code > 0 {
                codes[code] = key
            }
        }
        return codes
    }
}
