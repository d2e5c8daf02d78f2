import Testing

@testable import Terminal

@Suite("LineInput")
struct LineInputTests {
    func type(_ script: String, into input: LineInput) -> [Outcome] {
        keys(script).map { input.handle($0, keyMap: KeyMap.standard) }
    }

    @Test("Enter submits and records the history")
    func submit() {
        let history = InputHistory()
        let input = LineInput(label: "/", history: history)
        #expect(type("\"revenue\" Enter", into: input).last == .submit)
        #expect(history.entries == ["revenue"])
    }

    @Test("Up and Down walk the history and keep the draft")
    func history() {
        let history = InputHistory()
        history.add("first")
        history.add("second")
        let input = LineInput(label: "/", history: history)
        _ = type("\"dra\" Up", into: input)
        #expect(input.text == "second")
        _ = type("Up Up", into: input)
        #expect(input.text == "first")
        _ = type("Down Down", into: input)
        #expect(input.text == "dra")
    }

    @Test("history skips repeats and empty entries")
    func historyRepeats() {
        let history = InputHistory(limit: 2)
        for entry in ["a", "b", "", "a", "c"] {
            history.add(entry)
        }
        #expect(history.entries == ["a", "c"])
    }

    @Test("Esc cancels")
    func cancel() {
        let input = LineInput(label: ":")
        #expect(type("\"x\" Esc", into: input).last == .cancel)
    }

    @Test("a long line scrolls to keep the cursor in view")
    func scrolling() {
        let input = LineInput(label: "/", text: "0123456789abcdef")
        let grid = render(columns: 10, rows: 1) { input.draw($0) }
        #expect(grid.line(0) == "/89abcdef")
        #expect(grid.cursor == Position(row: 0, column: 9))
        _ = type("Home", into: input)
        let home = render(columns: 10, rows: 1) { input.draw($0) }
        #expect(home.line(0) == "/012345678")
    }

    @Test("Tab runs the completer")
    func completion() {
        let input = LineInput(label: ":")
        input.completer = { $0 == "he" ? "help" : nil }
        _ = type("\"he\" Tab", into: input)
        #expect(input.text == "help")
    }
}

@Suite("ListPicker")
struct ListPickerTests {
    let items = ["東京", "Zürich", "São Paulo", "Lagos", "Zagreb"]

    @Test("typing filters and the selection follows")
    func filtering() {
        let picker = ListPicker(title: "City", items: items)
        for key in keys("\"z\" Down") {
            _ = picker.handle(key, keyMap: KeyMap.standard)
        }
        #expect(picker.matches == [1, 4])
        #expect(picker.selectedItem == "Zagreb")
        _ = picker.handle(.backspace, keyMap: KeyMap.standard)
        #expect(picker.selectedItem == "Zagreb")
        #expect(picker.handle(.enter, keyMap: KeyMap.standard) == .submit)
    }

    @Test("drawing shows the title, count and entries")
    func drawing() {
        let picker = ListPicker(title: "City", items: items)
        _ = picker.handle(.down, keyMap: KeyMap.standard)
        let grid = render(columns: 16, rows: 4) { picker.draw($0) }
        #expect(grid.text == "City         5/5\n 東京\n Zürich\n São Paulo")
        #expect(grid.role(row: 2, column: 0) == .selectedRow)
    }

    @Test("nothing matching says so and cannot be chosen")
    func noMatch() {
        let picker = ListPicker(title: "City", items: items)
        _ = picker.handle(.character("q"), keyMap: KeyMap.standard)
        let grid = render(columns: 30, rows: 3) { picker.draw($0) }
        #expect(grid.line(1) == "(nothing matches 'q')")
        #expect(picker.handle(.enter, keyMap: KeyMap.standard) == .handled)
    }
}
