extension DisplayWidth {
    /// Placement of text inside a column that is wider than the text.
    public enum Alignment: Sendable, Hashable {
        case left
        case right
        case center
    }

    /// The mark at the end of cut text: `…` (U+2026), 1 column wide.
    public static let ellipsis = "\u{2026}"

    /// Returns the drawable form of the text, cut to at most `columns` columns.
    ///
    /// Text that fits is returned whole. Otherwise the result keeps as much of the
    /// start as fits in `columns - 1` columns and ends with `…`. A cut never splits
    /// a code point or an escape, keeps combining marks with their base and never
    /// keeps half of a wide character. When a wide character or an escape would
    /// straddle the cut, the result is narrower than `columns` (use `fit` to pad).
    /// Zero columns give the empty string.
    public static func truncate(_ text: String, toColumns columns: Int) -> String {
        cut(text, toColumns: columns).text
    }

    /// Returns the drawable form of the text in exactly `columns` columns: cut as
    /// `truncate` does, then padded with spaces on the side that `alignment` leaves
    /// open. `.center` puts the odd column of padding on the right.
    public static func fit(
        _ text: String, toColumns columns: Int, alignment: Alignment = .left
    ) -> String {
        let (drawn, width) = cut(text, toColumns: columns)
        let padding = columns - width
        if padding == 0 {
            return drawn
        }
        switch alignment {
        case .left:
            return drawn + spaces(padding)
        case .right:
            return spaces(padding) + drawn
        case .center:
            return spaces(padding / 2) + drawn + spaces(padding - padding / 2)
        }
    }

    /// Returns the drawable text cut to `limit` columns, with its width in columns.
    static func cut(_ text: String, toColumns limit: Int) -> (text: String, columns: Int) {
        precondition(limit >= 0, "a text cannot be cut to \(limit) columns")
        let total = columns(of: text)
        if total <= limit {
            return (drawable(text), total)
        }
        if limit == 0 {
            return ("", 0)
        }

        // One column stays free for the ellipsis.
        let budget = limit - 1
        var head = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let drawing = drawing(of: scalar)
            let width = columns(of: drawing)
            if width > 0 && used + width > budget {
                break
            }
            switch drawing {
            case .removed:
                continue
            case .scalar:
                head.unicodeScalars.append(scalar)
            case .escaped:
                head += escape(scalar)
            }
            used += width
        }

        // Combining marks at the very start have no base left to attach to.
        if used == 0 {
            head = ""
        }
        return (head + ellipsis, used + 1)
    }

    static func spaces(_ count: Int) -> String {
        String(repeating: " ", count: count)
    }
}
