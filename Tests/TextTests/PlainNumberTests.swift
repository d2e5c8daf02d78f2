import Testing

import Text

@Suite("PlainNumber")
struct PlainNumberTests {
    struct MoneyCase: CustomTestStringConvertible, Sendable {
        let id: String
        let minorUnits: Int64
        let fractionDigits: Int
        let expected: String
        var testDescription: String { id }
    }

    static let moneyCases: [MoneyCase] = [
        MoneyCase(id: "zero", minorUnits: 0, fractionDigits: 2, expected: "0.00"),
        MoneyCase(id: "five cents", minorUnits: 5, fractionDigits: 2, expected: "0.05"),
        MoneyCase(id: "minus five cents", minorUnits: -5, fractionDigits: 2, expected: "-0.05"),
        MoneyCase(id: "fifty cents", minorUnits: 50, fractionDigits: 2, expected: "0.50"),
        MoneyCase(id: "one unit", minorUnits: 100, fractionDigits: 2, expected: "1.00"),
        MoneyCase(id: "negative thousands", minorUnits: -123_450, fractionDigits: 2, expected: "-1234.50"),
        MoneyCase(id: "no grouping", minorUnits: 123_456_789, fractionDigits: 2, expected: "1234567.89"),
        MoneyCase(id: "largest", minorUnits: .max, fractionDigits: 2, expected: "92233720368547758.07"),
        MoneyCase(id: "smallest", minorUnits: .min, fractionDigits: 2, expected: "-92233720368547758.08"),
        MoneyCase(id: "no fraction digits", minorUnits: -1234, fractionDigits: 0, expected: "-1234"),
        MoneyCase(id: "three fraction digits", minorUnits: 5, fractionDigits: 3, expected: "0.005"),
    ]

    @Test("money", arguments: moneyCases)
    func money(_ testCase: MoneyCase) {
        #expect(PlainNumber.money(testCase.minorUnits, fractionDigits: testCase.fractionDigits) == testCase.expected)
    }

    struct RatioCase: CustomTestStringConvertible, Sendable {
        let id: String
        let numerator: Int64
        let denominator: Int64
        let fractionDigits: Int
        let expected: String?
        var testDescription: String { id }
    }

    static let ratioCases: [RatioCase] = [
        RatioCase(id: "one third", numerator: 1, denominator: 3, fractionDigits: 4, expected: "0.3333"),
        RatioCase(id: "two thirds", numerator: 2, denominator: 3, fractionDigits: 4, expected: "0.6667"),
        RatioCase(id: "one eighth", numerator: 1, denominator: 8, fractionDigits: 2, expected: "0.13"),
        RatioCase(id: "minus one eighth", numerator: -1, denominator: 8, fractionDigits: 2, expected: "-0.13"),
        RatioCase(id: "negative denominator", numerator: 1, denominator: -8, fractionDigits: 2, expected: "-0.13"),
        RatioCase(id: "both negative", numerator: -1, denominator: -8, fractionDigits: 2, expected: "0.13"),
        RatioCase(id: "three eighths", numerator: 3, denominator: 8, fractionDigits: 2, expected: "0.38"),
        RatioCase(id: "half to integer", numerator: 1, denominator: 2, fractionDigits: 0, expected: "1"),
        RatioCase(id: "minus half to integer", numerator: -1, denominator: 2, fractionDigits: 0, expected: "-1"),
        RatioCase(id: "two and a half", numerator: 5, denominator: 2, fractionDigits: 0, expected: "3"),
        RatioCase(id: "just below half", numerator: 4_999, denominator: 10_000, fractionDigits: 0, expected: "0"),
        RatioCase(id: "zero numerator", numerator: 0, denominator: 5, fractionDigits: 4, expected: "0.0000"),
        RatioCase(id: "rounds to zero", numerator: -1, denominator: 1_000, fractionDigits: 2, expected: "0.00"),
        RatioCase(id: "whole share", numerator: 7, denominator: 7, fractionDigits: 4, expected: "1.0000"),
        RatioCase(id: "above one", numerator: 12_345, denominator: 100, fractionDigits: 2, expected: "123.45"),
        RatioCase(id: "zero denominator", numerator: 1, denominator: 0, fractionDigits: 4, expected: nil),
        RatioCase(id: "zero over zero", numerator: 0, denominator: 0, fractionDigits: 4, expected: nil),
        RatioCase(
            id: "revenue per customer at 1e15", numerator: 1_000_000_000_000_000, denominator: 7,
            fractionDigits: 4, expected: "142857142857142.8571"),
        RatioCase(
            id: "largest numerator", numerator: .max, denominator: 1, fractionDigits: 4,
            expected: "9223372036854775807.0000"),
        RatioCase(
            id: "smallest numerator", numerator: .min, denominator: 1, fractionDigits: 2,
            expected: "-9223372036854775808.00"),
        RatioCase(id: "smallest over itself", numerator: .min, denominator: .min, fractionDigits: 4, expected: "1.0000"),
        RatioCase(
            id: "tiny share of a huge base", numerator: 1, denominator: .max, fractionDigits: 18,
            expected: "0.000000000000000000"),
        RatioCase(
            id: "eighteen digits", numerator: 1, denominator: 3, fractionDigits: 18,
            expected: "0.333333333333333333"),
    ]

    @Test("ratio", arguments: ratioCases)
    func ratio(_ testCase: RatioCase) {
        let result = PlainNumber.ratio(
            testCase.numerator, testCase.denominator, fractionDigits: testCase.fractionDigits)
        #expect(result == testCase.expected)
    }
}
