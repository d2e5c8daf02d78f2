import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import Text

@Suite("TextEncoding")
struct TextEncodingTests {
    @Test("Latin-1 maps each byte to the same code point")
    func latin1AllBytes() {
        let bytes = (0...255).map { UInt8($0) }
        let decoded = TextEncoding.latin1.decode(bytes)
        #expect(decoded?.unicodeScalars.map(\.value) == (0...255).map { UInt32($0) })
    }

    @Test("Windows-1252 matches the C library's iconv for every byte")
    func windows1252MatchesIconv() throws {
        var mismatches: [String] = []
        for byte in UInt8(0)...255 {
            let expected = try Self.iconvScalar(byte, from: "CP1252")
            let actual = TextEncoding.windows1252Scalar(byte)?.value
            if actual != expected {
                mismatches.append("0x\(String(byte, radix: 16)): \(String(describing: actual)), iconv \(String(describing: expected))")
            }
        }
        #expect(mismatches == [])
    }

    @Test("Windows-1252 undefined bytes", arguments: [0x81, 0x8D, 0x8F, 0x90, 0x9D] as [UInt8])
    func windows1252Undefined(_ byte: UInt8) {
        #expect(TextEncoding.cp1252.decode([0x41, byte]) == nil)
        #expect(TextEncoding.cp1252.firstUndecodableByte(in: [0x41, byte]) == 1)
    }

    @Test("Windows-1252 text")
    func windows1252Text() {
        let bytes: [UInt8] = [0x80, 0x20, 0x93, 0x4F, 0x4B, 0x94, 0x20, 0x85, 0x20, 0xA3, 0xE9]
        #expect(TextEncoding.cp1252.decode(bytes) == "€ “OK” … £é")
    }

    struct UTF8Case: CustomTestStringConvertible, Sendable {
        let id: String
        let bytes: [UInt8]
        let firstUndecodable: Int?
        var testDescription: String { id }
    }

    static let utf8Cases: [UTF8Case] = [
        UTF8Case(id: "ASCII", bytes: Array("abc".utf8), firstUndecodable: nil),
        UTF8Case(id: "empty", bytes: [], firstUndecodable: nil),
        UTF8Case(id: "valid multi-byte", bytes: Array("é日\u{1F600}".utf8), firstUndecodable: nil),
        UTF8Case(id: "Latin-1 e acute", bytes: [0x63, 0x61, 0x66, 0xE9], firstUndecodable: 3),
        UTF8Case(id: "stray continuation byte", bytes: [0x61, 0x80, 0x62], firstUndecodable: 1),
        UTF8Case(id: "truncated at the end", bytes: [0x61, 0xE6, 0x97], firstUndecodable: 1),
        UTF8Case(id: "truncated before ASCII", bytes: [0xC3, 0x41], firstUndecodable: 0),
        UTF8Case(id: "overlong slash", bytes: [0xC0, 0xAF], firstUndecodable: 0),
        UTF8Case(id: "overlong three bytes", bytes: [0xE0, 0x80, 0xAF], firstUndecodable: 0),
        UTF8Case(id: "surrogate", bytes: [0x41, 0xED, 0xA0, 0x80], firstUndecodable: 1),
        UTF8Case(id: "above U+10FFFF", bytes: [0xF4, 0x90, 0x80, 0x80], firstUndecodable: 0),
        UTF8Case(id: "byte 0xFF", bytes: [0xFF], firstUndecodable: 0),
        UTF8Case(id: "after a valid emoji", bytes: Array("\u{1F600}".utf8) + [0xF5], firstUndecodable: 4),
    ]

    @Test("UTF-8 first undecodable byte", arguments: utf8Cases)
    func utf8FirstUndecodable(_ testCase: UTF8Case) {
        #expect(TextEncoding.utf8.firstUndecodableByte(in: testCase.bytes) == testCase.firstUndecodable)
    }

    @Test("UTF-8 decodes only valid input", arguments: utf8Cases)
    func utf8Decode(_ testCase: UTF8Case) {
        let decoded = TextEncoding.utf8.decode(testCase.bytes)
        #expect((decoded == nil) == (testCase.firstUndecodable != nil))
    }

    @Test("UTF-8 decodes a slice")
    func utf8DecodesSlice() {
        let bytes = Array("xx日本xx".utf8)
        #expect(TextEncoding.utf8.decode(bytes[2..<8]) == "日本")
        #expect(TextEncoding.utf8.firstUndecodableByte(in: bytes[3..<8]) == 0)
    }

    /// Returns the code point that glibc's iconv gives one byte of `encoding`,
    /// or nil when iconv rejects the byte.
    static func iconvScalar(_ byte: UInt8, from encoding: String) throws -> UInt32? {
        let converter = iconv_open("UTF-32LE", encoding)
        try #require(Int(bitPattern: converter) != -1, "iconv cannot convert from \(encoding)")
        defer { iconv_close(converter) }

        var input = [CChar(bitPattern: byte)]
        var output = [UInt8](repeating: 0, count: 8)
        let result = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputPointer = inputBuffer.baseAddress
                var inputLeft = 1
                var outputPointer = UnsafeMutableRawPointer(outputBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self) as UnsafeMutablePointer<CChar>?
                var outputLeft = 8
                return iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            }
        }
        if result == -1 {
            return nil
        }
        return UInt32(output[0]) | UInt32(output[1]) << 8 | UInt32(output[2]) << 16 | UInt32(output[3]) << 24
    }
}
