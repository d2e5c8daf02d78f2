import Testing

import Text

@Suite("CSVDelimiter")
struct CSVDelimiterTests {
    @Test(
        "option value",
        arguments: [
            (",", CSVDelimiter.comma), (";", .semicolon), ("|", .pipe), ("\t", .tab), ("tab", .tab),
            ("", nil), (" ", nil), (",,", nil), ("TAB", nil), ("\"", nil),
        ] as [(String, CSVDelimiter?)])
    func optionValue(_ value: String, _ expected: CSVDelimiter?) {
        #expect(CSVDelimiter(optionValue: value) == expected)
    }
}
