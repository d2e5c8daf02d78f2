/// Terminal column widths of text, computed the way ncurses draws it.
///
/// ncurses advances the cursor by the C library's `wcwidth` for each code point:
/// 0 for combining marks, 2 for wide characters (CJK, most emoji), 1 for the rest,
/// and -1 for code points it cannot print. `WidthTable` contains those values for
/// every code point, generated from glibc by `scripts/generate-width-table`.
///
/// Text goes through two steps before it is drawn, and every measure here is of
/// the result (the *drawable* form):
/// - U+FE0F (variation selector 16) and U+200D (zero-width joiner) are removed.
///   Terminals disagree about whether they join or widen glyphs, so without them
///   the drawn text fills exactly the computed columns: `❤️` is 1 column and `👩‍💻`
///   is drawn as two glyphs of 2 columns each.
/// - Control characters (C0 including NUL, DEL, C1) and every other code point
///   whose width is -1 (unassigned code points, noncharacters) are replaced by
///   their Swift escape: `\u{`, the code point in uppercase hexadecimal without
///   leading zeros, and `}`. A tab becomes `\u{9}`, escape `\u{1B}` and next line
///   `\u{85}`. The escape is measured as the ASCII text it is. Text that already
///   contains such a backslash sequence looks the same when drawn.
public enum DisplayWidth {
    /// Returns the number of columns that `wcwidth` gives the code point: 0, 1 or 2,
    /// or -1 for a code point that cannot be printed. NUL is 0 here, as in glibc,
    /// although `drawable` escapes it.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F {
            return 1
        }
        let runs = WidthTable.runs
        // The largest entry not above `key` is the run that contains the code
        // point, because an entry's low two bits are at most 3.
        let key = value << 2 | 3
        var low = 0
        var high = runs.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if runs[middle] <= key {
                low = middle
            } else {
                high = middle
            }
        }
        return Int(runs[low] & 3) - 1
    }

    /// Returns whether the code point is removed before drawing (U+FE0F, U+200D).
    public static func isRemovedBeforeDrawing(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFE0F || scalar.value == 0x200D
    }

    /// Returns the text as the screen and tables draw it: U+FE0F and U+200D
    /// removed, and non-printable code points replaced by `\u{…}` escapes.
    public static func drawable(_ text: String) -> String {
        if isDrawnUnchanged(text) {
            return text
        }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch drawing(of: scalar) {
            case .removed:
                continue
            case .scalar:
                result.unicodeScalars.append(scalar)
            case .escaped:
                result += escape(scalar)
            }
        }
        return result
    }

    /// Returns the number of columns that the drawable form of the text occupies.
    public static func columns(of text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars {
            total += columns(of: drawing(of: scalar))
        }
        return total
    }

    /// Returns the escape that stands for a non-printable code point, such as `\u{1B}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    // MARK: - Drawing one code point

    /// The treatment of one code point before drawing.
    enum Drawing {
        case removed
        /// Drawn as itself, with its `wcwidth` (0, 1 or 2).
        case scalar(width: Int)
        /// Drawn as its escape, which is `length` ASCII characters wide.
        case escaped(length: Int)
    }

    static func drawing(of scalar: Unicode.Scalar) -> Drawing {
        if isRemovedBeforeDrawing(scalar) {
            return .removed
        }
        let width = width(of: scalar)
        if width < 0 || isControl(scalar) {
            return .escaped(length: escapeLength(scalar))
        }
        return .scalar(width: width)
    }

    /// Returns whether the code point is a C0 control, DEL or a C1 control.
    /// glibc gives all of them width -1 except NUL, which gets 0 but must not
    /// reach the screen either.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    static func columns(of drawing: Drawing) -> Int {
        switch drawing {
        case .removed:
            return 0
        case .scalar(let width):
            return width
        case .escaped(let length):
            return length
        }
    }

    /// Returns the length of `\u{…}` for the code point: 4 characters plus its hex digits.
    static func escapeLength(_ scalar: Unicode.Scalar) -> Int {
        let significantBits = UInt32.bitWidth - scalar.value.leadingZeroBitCount
        let digits = max(1, (significantBits + 3) / 4)
        return 4 + digits
    }

    /// Returns whether no code point of the text is removed or escaped. Printable
    /// ASCII, the common case, is checked first on the UTF-8 bytes.
    static func isDrawnUnchanged(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
            || text.unicodeScalars.allSatisfy { scalar in
                if case .scalar = drawing(of: scalar) { return true }
                return false
            }
    }
}
