import Expressions
import Terminal
import Testing

@testable import Workbench

@Suite("FilterPrompt")
struct FilterPromptTests {
    static let catalog = InMemoryCatalog(skus: ["KIN-ONE"], categories: ["Phones"])

    /// Returns a prompt after typing `text` one character at a time.
    func typed(_ text: String) -> FilterPrompt {
        let prompt = FilterPrompt(text: "", catalog: FilterPromptTests.catalog, history: nil)
        for scalar in text.unicodeScalars {
            _ = prompt.handle(.character(scalar), keyMap: .standard)
        }
        return prompt
    }

    func render(_ prompt: FilterPrompt, columns: Int = 60) -> CellGrid {
        let grid = CellGrid(rows: 2, columns: columns)
        prompt.draw(Canvas(screen: grid))
        return grid
    }

    static let letters: [Role: Character] = [
        .prompt: "p", .input: "i", .syntaxName: "n", .syntaxString: "s", .syntaxNumber: "9", .syntaxKeyword: "k",
        .syntaxError: "E", .statusError: "X", .statusWarning: "W", .statusBar: "b",
    ]

    @Test("typo is marked under its place")
    func typo() {
        let grid = render(typed("regoin = \"North\""))
        #expect(grid.text == """
            where regoin = "North"
                  ^^^^^^ error: unknown name 'regoin'; did you mean 're…
            """)
        #expect(grid.roleMap(FilterPromptTests.letters).split(separator: "\n")[0].prefix(22) == "ppppppEEEEEEiiisssssss")
    }

    @Test("valid text shows the keys to use")
    func valid() {
        let prompt = typed("region = \"North\" and count(review) > 2")
        #expect(prompt.problem == nil)
        #expect(prompt.check.condition != nil)
        #expect(render(prompt, columns: 80).line(1) == "Enter applies the filter; an empty filter keeps every customer; Esc cancels")
    }

    @Test("tokens are coloured by kind")
    func colours() {
        let grid = render(typed("region = \"N\" and orders() > 2"))
        let roles = grid.roleMap(FilterPromptTests.letters).split(separator: "\n")[0]
        #expect(roles.prefix(35) == "ppppppnnnnnniiisssikkkinnnnnniiiii9")
    }

    @Test("missing operand points past the end")
    func missingOperand() {
        let grid = render(typed("region ="))
        #expect(grid.line(1).hasPrefix("              ^ error: "))
    }

    @Test("unknown SKU is only a warning")
    func warning() throws {
        let prompt = typed("bought(sku \"KIN-ZERO\")")
        let problem = try #require(prompt.problem)
        #expect(!problem.isError)
        #expect(prompt.check.condition != nil)
        let roles = render(prompt).roleMap(FilterPromptTests.letters).split(separator: "\n")[1]
        #expect(roles.contains("W"))
    }

    @Test("empty text has no problem")
    func empty() {
        let prompt = typed("   ")
        #expect(prompt.problem == nil)
    }

    @Test("long text scrolls to keep the cursor")
    func scrolling() {
        let prompt = typed("region = \"North\" and channel = \"web\" and orders() > 2")
        let grid = render(prompt, columns: 30)
        #expect(grid.line(0) == "where  \"web\" and orders() > 2")
        #expect(grid.cursor == Position(row: 0, column: 29))
    }

    @Test("one-line description for the status bar")
    func description() throws {
        let prompt = typed("count(reveiw) > 0")
        let problem = try #require(prompt.problem)
        #expect(FilterPrompt.describe(problem).hasPrefix("error at column 7: unknown event kind 'reveiw'"))
    }
}
