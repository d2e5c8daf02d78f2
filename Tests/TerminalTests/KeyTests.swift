import Testing

@testable import Terminal

@Suite("Key")
struct KeyTests {
    static let namedKeys: [(String, Key)] = [
        ("j", .character("j")), ("?", .character("?")), ("Space", .character(" ")), ("C-g", .control("g")),
        ("C-_", .control("_")), ("M-b", .alt("b")), ("PgDn", .pageDown), ("S-Tab", .backTab),
        ("C-Left", .controlLeft), ("F5", .function(5)), ("Esc", .escape), ("東", .character("東")),
    ]

    @Test("names parse and print back", arguments: namedKeys)
    func roundTrip(name: String, key: Key) {
        #expect(Key(name: name) == key)
        #expect(key.description == name)
    }

    @Test("unknown names are rejected", arguments: ["", "C-", "C-1", "Ctrl-g", "F99", "jj"])
    func unknown(name: String) {
        #expect(Key(name: name) == nil)
    }

    static let codePoints: [(UInt32, Key)] = [
        (0x09, .tab), (0x0D, .enter), (0x7F, .backspace), (0x08, .backspace), (0x1B, .escape),
        (0x07, .control("g")), (0x1A, .control("z")), (0x1F, .control("_")), (0x41, .character("A")),
    ]

    @Test("code points decode to keys", arguments: codePoints)
    func decoding(value: UInt32, key: Key) {
        #expect(Key.fromCodePoint(value) == key)
    }
}

@Suite("KeyMap")
struct KeyMapTests {
    @Test("the default table parses without problems")
    func defaults() {
        let (_, problems) = KeyMap.parse(KeyMap.defaultTable, source: "default")
        #expect(problems.isEmpty)
        #expect(KeyMap.standard.command(for: .character("j"), in: .browse) == "move-down")
        #expect(KeyMap.standard.command(for: .control("z"), in: .edit) == "suspend")
    }

    @Test("a context binding wins over an all binding")
    func contextWins() {
        let (keyMap, _) = KeyMap.parse("all x one\nedit x two", source: "t")
        #expect(keyMap.command(for: .character("x"), in: .edit) == "two")
        #expect(keyMap.command(for: .character("x"), in: .browse) == "one")
    }

    @Test("a later line replaces an earlier one")
    func laterWins() {
        let merged = KeyMap.standard.merging(KeyMap.parse("browse j page-down", source: "user").keyMap)
        #expect(merged.command(for: .character("j"), in: .browse) == "page-down")
        #expect(merged.keys(for: "move-down", in: .browse) == [.down])
    }

    @Test("bad lines are reported with source and line")
    func problems() {
        let (keyMap, problems) = KeyMap.parse("# comment\nbrowse j\nbrows j move-down\nedit Ctrl-x undo\nprompt # cancel", source: "keys.txt")
        #expect(problems.map(\.line) == [2, 3, 4])
        #expect(problems[1].description == "keys.txt:3: unknown context 'brows' (contexts: all, browse, edit, prompt): 'brows j move-down'")
        #expect(problems[2].description == "keys.txt:4: unknown key 'Ctrl-x': 'edit Ctrl-x undo'")
        #expect(keyMap.command(for: .character("#"), in: .prompt) == "cancel")
    }

    @Test("keys for a command list every binding in order")
    func keysForCommand() {
        #expect(KeyMap.standard.keys(for: "move-down", in: .browse) == [.down, .character("j")])
        #expect(KeyMap.standard.keys(for: "suspend", in: .prompt) == [.control("z")])
    }
}
