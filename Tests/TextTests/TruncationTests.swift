import Testing

@testable import Text

@Suite("DisplayWidth truncation")
struct TruncationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let text: String
        let limit: Int
        let expected: String
        let columns: Int
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "zero columns", text: "abc", limit: 0, expected: "", columns: 0),
        Case(id: "zero columns of empty text", text: "", limit: 0, expected: "", columns: 0),
        Case(id: "shorter than the limit", text: "ab", limit: 5, expected: "ab", columns: 2),
        Case(id: "exact fit", text: "abc", limit: 3, expected: "abc", columns: 3),
        Case(id: "one column too many", text: "abcd", limit: 3, expected: "ab…", columns: 3),
        Case(id: "one column", text: "abc", limit: 1, expected: "…", columns: 1),
        Case(id: "one column that fits", text: "a", limit: 1, expected: "a", columns: 1),
        Case(id: "wide exact fit", text: "日本", limit: 4, expected: "日本", columns: 4),
        Case(id: "wide straddles the cut", text: "日本語", limit: 4, expected: "日…", columns: 3),
        Case(id: "wide ends before the ellipsis", text: "日本語", limit: 5, expected: "日本…", columns: 5),
        Case(id: "wide in two columns", text: "日本", limit: 2, expected: "…", columns: 1),
        Case(id: "wide after ASCII", text: "a日本", limit: 4, expected: "a日…", columns: 4),
        Case(
            id: "combining mark stays with its base", text: "e\u{301}e\u{301}e\u{301}", limit: 2,
            expected: "e\u{301}…", columns: 2),
        Case(
            id: "combining marks exact fit", text: "e\u{301}e\u{301}", limit: 2,
            expected: "e\u{301}e\u{301}", columns: 2),
        Case(id: "leading combining mark", text: "\u{301}abc", limit: 1, expected: "…", columns: 1),
        Case(id: "escape straddles the cut", text: "ab\u{1B}cd", limit: 6, expected: "ab…", columns: 3),
        Case(
            id: "escape ends before the ellipsis", text: "ab\u{1B}cd", limit: 9,
            expected: "ab\\u{1B}…", columns: 9),
        Case(id: "escape exact fit", text: "ab\u{1B}", limit: 8, expected: "ab\\u{1B}", columns: 8),
        Case(
            id: "ZWJ sequence cut between glyphs", text: "\u{1F469}\u{200D}\u{1F4BB}x", limit: 4,
            expected: "\u{1F469}…", columns: 3),
        Case(
            id: "ZWJ sequence exact fit", text: "\u{1F469}\u{200D}\u{1F4BB}", limit: 4,
            expected: "\u{1F469}\u{1F4BB}", columns: 4),
        Case(
            id: "FE0F removed before cutting", text: "\u{2764}\u{FE0F}\u{2764}\u{FE0F}\u{2764}\u{FE0F}",
            limit: 2, expected: "\u{2764}…", columns: 2),
        Case(
            id: "FE0F removed when it fits", text: "\u{2764}\u{FE0F}\u{2764}\u{FE0F}", limit: 2,
            expected: "\u{2764}\u{2764}", columns: 2),
    ]

    @Test("truncate", arguments: cases)
    func truncate(_ testCase: Case) {
        #expect(DisplayWidth.truncate(testCase.text, toColumns: testCase.limit) == testCase.expected)
    }

    @Test("truncated columns", arguments: cases)
    func truncatedColumns(_ testCase: Case) {
        let result = DisplayWidth.truncate(testCase.text, toColumns: testCase.limit)
        #expect(DisplayWidth.columns(of: result) == testCase.columns)
    }

    static let boundaryTexts = [
        "plain ASCII text", "日本語のテキスト", "a日b本c", "e\u{301}a\u{308}o\u{302}\u{323}x",
        "tab\there\u{1B}[0m", "\u{1F469}\u{200D}\u{1F4BB} \u{2764}\u{FE0F} \u{1F1EC}\u{1F1E7}",
        "\u{301}leading mark", "mixed 東京\u{85}e\u{301}😀",
    ]

    /// Checks every limit from 0 to one past the text's width: the result fits,
    /// a cut result ends with the ellipsis after whole drawing units from the
    /// start of the text, and no further unit would have fitted.
    @Test("truncate at every boundary", arguments: boundaryTexts)
    func truncateAtEveryBoundary(_ text: String) {
        let total = DisplayWidth.columns(of: text)
        let units = Self.drawingUnits(of: text)
        for limit in 0...(total + 1) {
            let result = DisplayWidth.truncate(text, toColumns: limit)
            #expect(DisplayWidth.columns(of: result) <= limit, "limit \(limit)")
            if total <= limit {
                #expect(result == DisplayWidth.drawable(text), "limit \(limit)")
                continue
            }
            if limit == 0 {
                #expect(result == "", "limit \(limit)")
                continue
            }
            #expect(result.hasSuffix(DisplayWidth.ellipsis), "limit \(limit)")
            let head = String(result.dropLast())
            let headUnitCount = (0...units.count).first { units.prefix($0).joined() == head }
            #expect(headUnitCount != nil, "limit \(limit): '\(head)' splits a unit")
            // The cut is as late as possible: the next unit that takes columns
            // would not fit before the ellipsis.
            let next = units.dropFirst(headUnitCount ?? 0).first { DisplayWidth.columns(of: $0) > 0 }
            let nextColumns = DisplayWidth.columns(of: next ?? "")
            #expect(DisplayWidth.columns(of: head) + nextColumns + 1 > limit, "limit \(limit)")
        }
    }

    /// Splits the drawable form of the text into what a cut must keep together:
    /// a code point with the zero-width code points after it, or one escape.
    static func drawingUnits(of text: String) -> [String] {
        var units: [String] = []
        for scalar in text.unicodeScalars {
            switch DisplayWidth.drawing(of: scalar) {
            case .removed:
                continue
            case .escaped:
                units.append(DisplayWidth.escape(scalar))
            case .scalar(width: 0) where !units.isEmpty:
                units[units.count - 1].unicodeScalars.append(scalar)
            case .scalar:
                units.append(String(scalar))
            }
        }
        return units
    }

    struct FitCase: CustomTestStringConvertible, Sendable {
        let id: String
        let text: String
        let limit: Int
        let alignment: DisplayWidth.Alignment
        let expected: String
        var testDescription: String { id }
    }

    static let fitCases: [FitCase] = [
        FitCase(id: "left pads on the right", text: "ab", limit: 4, alignment: .left, expected: "ab  "),
        FitCase(id: "right pads on the left", text: "ab", limit: 4, alignment: .right, expected: "  ab"),
        FitCase(id: "center odd padding", text: "ab", limit: 5, alignment: .center, expected: " ab  "),
        FitCase(id: "exact fit", text: "abc", limit: 3, alignment: .right, expected: "abc"),
        FitCase(id: "cut then padded", text: "日本語", limit: 4, alignment: .left, expected: "日… "),
        FitCase(id: "cut then right aligned", text: "日本語", limit: 4, alignment: .right, expected: " 日…"),
        FitCase(id: "wide padded", text: "日本", limit: 6, alignment: .left, expected: "日本  "),
        FitCase(id: "control escaped", text: "\t", limit: 6, alignment: .left, expected: "\\u{9} "),
        FitCase(id: "FE0F removed", text: "\u{2764}\u{FE0F}", limit: 2, alignment: .right, expected: " \u{2764}"),
        FitCase(id: "zero columns", text: "abc", limit: 0, alignment: .left, expected: ""),
        FitCase(id: "empty text", text: "", limit: 3, alignment: .center, expected: "   "),
    ]

    @Test("fit", arguments: fitCases)
    func fit(_ testCase: FitCase) {
        let result = DisplayWidth.fit(testCase.text, toColumns: testCase.limit, alignment: testCase.alignment)
        #expect(result == testCase.expected)
    }

    @Test("fit fills exactly the columns", arguments: fitCases)
    func fitColumns(_ testCase: FitCase) {
        let result = DisplayWidth.fit(testCase.text, toColumns: testCase.limit, alignment: testCase.alignment)
        #expect(DisplayWidth.columns(of: result) == testCase.limit)
    }
}
