import CNcursesw
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import Text

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test("width matches wcwidth for every code point")
    func widthMatchesCLibrary() throws {
        let locale = setlocale(LC_ALL, "C.UTF-8")
        try #require(locale != nil, "the C.UTF-8 locale is not available")

        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF {
            // Surrogates are not Unicode scalars, so no String can contain them.
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = Int(wcwidth(wchar_t(value)))
            let actual = DisplayWidth.width(of: scalar)
            if actual != expected && mismatches.count < 20 {
                mismatches.append("U+\(String(value, radix: 16, uppercase: true)): \(actual), wcwidth \(expected)")
            }
        }
        #expect(mismatches == [])
    }

    struct ScalarCase: CustomTestStringConvertible, Sendable {
        let id: String
        let scalar: Unicode.Scalar
        let width: Int
        var testDescription: String { id }
    }

    static let scalarCases: [ScalarCase] = [
        ScalarCase(id: "ASCII letter", scalar: "A", width: 1),
        ScalarCase(id: "space", scalar: " ", width: 1),
        ScalarCase(id: "precomposed e acute", scalar: "\u{E9}", width: 1),
        ScalarCase(id: "combining acute", scalar: "\u{301}", width: 0),
        ScalarCase(id: "CJK ideograph", scalar: "\u{65E5}", width: 2),
        ScalarCase(id: "ideographic space", scalar: "\u{3000}", width: 2),
        ScalarCase(id: "fullwidth A", scalar: "\u{FF21}", width: 2),
        ScalarCase(id: "grinning face emoji", scalar: "\u{1F600}", width: 2),
        ScalarCase(id: "heavy black heart", scalar: "\u{2764}", width: 1),
        ScalarCase(id: "variation selector 16", scalar: "\u{FE0F}", width: 0),
        ScalarCase(id: "zero-width joiner", scalar: "\u{200D}", width: 0),
        ScalarCase(id: "regional indicator", scalar: "\u{1F1EC}", width: 1),
        ScalarCase(id: "horizontal ellipsis", scalar: "\u{2026}", width: 1),
        ScalarCase(id: "soft hyphen", scalar: "\u{AD}", width: 1),
        ScalarCase(id: "NUL", scalar: "\u{0}", width: 0),
        ScalarCase(id: "tab", scalar: "\t", width: -1),
        ScalarCase(id: "escape", scalar: "\u{1B}", width: -1),
        ScalarCase(id: "DEL", scalar: "\u{7F}", width: -1),
        ScalarCase(id: "C1 next line", scalar: "\u{85}", width: -1),
        ScalarCase(id: "unassigned U+0378", scalar: "\u{378}", width: -1),
        ScalarCase(id: "last code point", scalar: "\u{10FFFF}", width: -1),
    ]

    @Test("width of one code point", arguments: scalarCases)
    func widthOfScalar(_ testCase: ScalarCase) {
        #expect(DisplayWidth.width(of: testCase.scalar) == testCase.width)
    }

    struct TextCase: CustomTestStringConvertible, Sendable {
        let id: String
        let text: String
        let drawable: String
        let columns: Int
        var testDescription: String { id }
    }

    static let textCases: [TextCase] = [
        TextCase(id: "empty", text: "", drawable: "", columns: 0),
        TextCase(id: "ASCII", text: "Kin One", drawable: "Kin One", columns: 7),
        TextCase(id: "CJK", text: "日本語", drawable: "日本語", columns: 6),
        TextCase(id: "CJK and ASCII", text: "東京 store", drawable: "東京 store", columns: 10),
        TextCase(id: "emoji", text: "😀", drawable: "😀", columns: 2),
        TextCase(id: "heart with FE0F", text: "\u{2764}\u{FE0F}", drawable: "\u{2764}", columns: 1),
        TextCase(id: "heart without FE0F", text: "\u{2764}", drawable: "\u{2764}", columns: 1),
        TextCase(
            id: "ZWJ sequence", text: "\u{1F469}\u{200D}\u{1F4BB}", drawable: "\u{1F469}\u{1F4BB}",
            columns: 4),
        TextCase(
            id: "ZWJ sequence with FE0F", text: "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
            drawable: "\u{1F3F3}\u{1F308}", columns: 3),
        TextCase(id: "flag", text: "\u{1F1EC}\u{1F1E7}", drawable: "\u{1F1EC}\u{1F1E7}", columns: 2),
        TextCase(id: "combining mark", text: "e\u{301}", drawable: "e\u{301}", columns: 1),
        TextCase(id: "precomposed", text: "\u{E9}", drawable: "\u{E9}", columns: 1),
        TextCase(id: "tab", text: "a\tb", drawable: "a\\u{9}b", columns: 7),
        TextCase(id: "escape sequence", text: "\u{1B}[31m", drawable: "\\u{1B}[31m", columns: 10),
        TextCase(id: "NUL", text: "\u{0}", drawable: "\\u{0}", columns: 5),
        TextCase(id: "DEL", text: "x\u{7F}", drawable: "x\\u{7F}", columns: 7),
        TextCase(id: "C1 control", text: "\u{85}", drawable: "\\u{85}", columns: 6),
        TextCase(id: "CRLF", text: "a\r\nb", drawable: "a\\u{D}\\u{A}b", columns: 12),
        TextCase(id: "unassigned", text: "\u{378}", drawable: "\\u{378}", columns: 7),
        TextCase(id: "language tag", text: "\u{E0001}", drawable: "\u{E0001}", columns: 0),
        TextCase(id: "noncharacter", text: "\u{10FFFF}", drawable: "\\u{10FFFF}", columns: 10),
    ]

    @Test("drawable form", arguments: textCases)
    func drawableForm(_ testCase: TextCase) {
        #expect(DisplayWidth.drawable(testCase.text) == testCase.drawable)
    }

    @Test("columns", arguments: textCases)
    func columns(_ testCase: TextCase) {
        #expect(DisplayWidth.columns(of: testCase.text) == testCase.columns)
    }

    @Test("columns of drawable form are the same", arguments: textCases)
    func columnsOfDrawable(_ testCase: TextCase) {
        #expect(DisplayWidth.columns(of: testCase.drawable) == testCase.columns)
    }

    @Test(
        "escape is the shortest Swift form",
        arguments: [
            ("\u{0}", "\\u{0}"), ("\u{9}", "\\u{9}"), ("\u{1B}", "\\u{1B}"), ("\u{85}", "\\u{85}"),
            ("\u{378}", "\\u{378}"), ("\u{10FFFF}", "\\u{10FFFF}"),
        ] as [(Unicode.Scalar, String)])
    func escapeForm(_ scalar: Unicode.Scalar, _ expected: String) {
        #expect(DisplayWidth.escape(scalar) == expected)
    }

    @Test(
        "escape length matches escape",
        arguments: [0x0, 0x9, 0x1B, 0x7F, 0x85, 0x378, 0xFFFE, 0xE0000, 0x10FFFF] as [UInt32])
    func escapeLength(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(DisplayWidth.escapeLength(scalar) == DisplayWidth.escape(scalar).count)
    }

    @Test("ellipsis is one column")
    func ellipsisWidth() {
        #expect(DisplayWidth.columns(of: DisplayWidth.ellipsis) == 1)
    }
}
