/// Character encodings that CSV files arrive in, with byte-to-text decoding.
///
/// UTF-8 is the default. Latin-1 (ISO 8859-1) maps each byte to the code point
/// of the same value, so it decodes any bytes. Windows-1252 (cp1252) is Latin-1
/// with printable characters in 0x80–0x9F, where five bytes (0x81, 0x8D, 0x8F,
/// 0x90, 0x9D) are undefined and fail to decode.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8
    case latin1
    case cp1252

    /// The encoding's usual name, for messages.
    public var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .latin1: "Latin-1"
        case .cp1252: "Windows-1252"
        }
    }

    /// Returns the text that the bytes encode, or nil when a byte cannot be
    /// decoded. `firstUndecodableByte(in:)` then finds that byte.
    public func decode(_ bytes: some Collection<UInt8>) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        switch self {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .latin1:
            var text = ""
            text.unicodeScalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            return text
        case .cp1252:
            var text = ""
            for byte in bytes {
                guard let scalar = Self.windows1252Scalar(byte) else { return nil }
                text.unicodeScalars.append(scalar)
            }
            return text
        }
    }

    /// Returns the offset from the start of `bytes` of the first byte that cannot
    /// be decoded, or nil when all of them can.
    ///
    /// For UTF-8 this is the first byte of the first invalid sequence: a stray
    /// continuation byte, a lead byte without enough continuation bytes, an
    /// overlong form, a surrogate or a value above U+10FFFF.
    public func firstUndecodableByte(in bytes: some Collection<UInt8>) -> Int? {
        switch self {
        case .utf8:
            var parser = Unicode.UTF8.ForwardParser()
            var iterator = bytes.makeIterator()
            var offset = 0
            while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid(let encoded):
                    offset += encoded.count
                case .error:
                    return offset
                case .emptyInput:
                    return nil
                }
            }
        case .latin1:
            return nil
        case .cp1252:
            return bytes.firstIndex { Self.windows1252Scalar($0) == nil }
                .map { bytes.distance(from: bytes.startIndex, to: $0) }
        }
    }

    /// The mask for counting characters (columns) in bytes: a byte whose bits
    /// under the mask equal 0x80 does not start a character. It is 0xC0 for
    /// UTF-8, whose continuation bytes are 0x80–0xBF, and 0 for the single-byte
    /// encodings, where every byte is a character.
    var continuationMask: UInt8 {
        self == .utf8 ? 0xC0 : 0
    }

    /// Returns the code point for a Windows-1252 byte, or nil for the five
    /// undefined bytes.
    static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar? {
        guard byte >= 0x80 && byte < 0xA0 else {
            return Unicode.Scalar(byte)
        }
        let value = windows1252High[Int(byte - 0x80)]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    /// Code points for bytes 0x80–0x9F in Windows-1252, 0 where the byte is undefined.
    static let windows1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,  // 0x88
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,  // 0x98
    ]
}
