import Testing

@testable import Workbench

@Suite("LadderBar")
struct LadderBarTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let id: String
        let counts: [Int64]
        let expected: String
        var testDescription: String { id }
    }

    static let cases = [
        Case(id: "one tier fills the bar", counts: [0, 0, 0, 0, 5], expected: "██████████"),
        Case(id: "halves", counts: [1, 0, 0, 1, 0], expected: "·····▓▓▓▓▓"),
        Case(id: "thirds round by remainder", counts: [0, 0, 2, 0, 1], expected: "▒▒▒▒▒▒▒███"),
        Case(id: "small share may vanish", counts: [0, 1, 0, 0, 99], expected: "██████████"),
        Case(id: "every tier", counts: [2, 2, 4, 2, 2], expected: "·░░▒▒▒▓▓██"),
        Case(id: "no customers", counts: [0, 0, 0, 0, 0], expected: ""),
    ]

    @Test("bar for tier counts", arguments: cases)
    func bar(_ testCase: Case) {
        #expect(LadderBar.text(tierCounts: testCase.counts) == testCase.expected)
    }

    @Test("bar always fills its width")
    func width() {
        for counts: [Int64] in [[1, 1, 1, 1, 1], [3, 0, 7, 1, 1], [1, 2, 3, 4, 5], [997, 1, 1, 1, 0]] {
            #expect(LadderBar.text(tierCounts: counts).count == LadderBar.width, "counts \(counts)")
        }
    }

    @Test("legend names every tier")
    func legend() {
        #expect(LadderBar.legend == "·none ░spectator ▒joiner ▓critic █creator")
    }
}

@Suite("Sparkline")
struct SparklineTests {
    @Test("heights follow the values")
    func heights() {
        #expect(Sparkline.text([0, 0.5, 1], maximum: 1) == "▁▅█")
    }

    @Test("missing values are spaces")
    func missing() {
        #expect(Sparkline.text([0.25, nil, 0.75], maximum: 0.75) == "▃ █")
    }

    @Test("all zero stays at the bottom")
    func zeros() {
        #expect(Sparkline.text([0, 0], maximum: 0) == "▁▁")
    }
}
