import Testing

@testable import Terminal

@Suite("CellGrid")
struct CellGridTests {
    @Test("wide characters take two cells")
    func wideCharacters() {
        let grid = CellGrid(rows: 1, columns: 6)
        grid.put("東京x", at: Position(row: 0, column: 0), role: .normal)
        #expect(grid.line(0) == "東京x")
        #expect(grid.cell(row: 0, column: 1).isContinuation)
        #expect(grid.cell(row: 0, column: 4).text == "x")
    }

    @Test("combining marks join the cell before them")
    func combiningMarks() {
        let grid = CellGrid(rows: 1, columns: 3)
        grid.put("e\u{301}x", at: Position(row: 0, column: 0), role: .normal)
        #expect(grid.cell(row: 0, column: 0).text == "e\u{301}")
        #expect(grid.cell(row: 0, column: 1).text == "x")
    }

    @Test("overwriting half a wide character blanks the other half")
    func overwriteHalf() {
        let grid = CellGrid(rows: 1, columns: 4)
        grid.put("東京", at: Position(row: 0, column: 0), role: .normal)
        grid.put("a", at: Position(row: 0, column: 1), role: .normal)
        #expect(grid.line(0) == " a京")
    }

    @Test("text past the right edge is dropped")
    func rightEdge() {
        let grid = CellGrid(rows: 1, columns: 3)
        grid.put("ab東", at: Position(row: 0, column: 0), role: .normal)
        #expect(grid.line(0) == "ab")
    }

    @Test("role map marks roles by letter")
    func roleMap() {
        let grid = CellGrid(rows: 1, columns: 4)
        grid.put("ab", at: Position(row: 0, column: 1), role: .header)
        #expect(grid.roleMap([.header: "H"]) == ".HH.")
    }
}

@Suite("Canvas")
struct CanvasTests {
    @Test("text is cut with an ellipsis at the region's edge")
    func truncation() {
        let grid = render(columns: 10, rows: 1) { canvas in
            canvas.region(Rect(row: 0, column: 2, rows: 1, columns: 5)).text("abcdefgh", row: 0)
        }
        #expect(grid.line(0) == "  abcd…")
    }

    @Test("a wide character that does not fit is not split")
    func wideAtEdge() {
        let grid = render(columns: 4, rows: 1) { canvas in
            canvas.text("a東京", row: 0)
        }
        #expect(grid.line(0) == "a東…")
    }

    @Test("clip cuts without a mark")
    func clip() {
        #expect(Canvas.clip("ab東c", toColumns: 3) == "ab")
        #expect(Canvas.clip("abc", toColumns: 5) == "abc")
    }

    @Test("right alignment pads on the left")
    func rightAlignment() {
        let grid = render(columns: 6, rows: 1) { canvas in
            canvas.text("42", row: 0, width: 6, alignment: .right)
        }
        #expect(grid.line(0) == "    42")
    }

    @Test("drawing outside the region does nothing")
    func outside() {
        let grid = render(columns: 4, rows: 2) { canvas in
            let region = canvas.region(Rect(row: 0, column: 0, rows: 1, columns: 4))
            region.text("x", row: 1)
            region.text("y", row: 0, column: 4)
        }
        #expect(grid.text == "\n")
    }

    @Test("control characters are drawn as escapes")
    func controlCharacters() {
        let grid = render(columns: 12, rows: 1) { canvas in
            canvas.text("a\u{1B}b", row: 0)
        }
        #expect(grid.line(0) == "a\\u{1B}b")
    }

    @Test("emoji selectors and joiners are removed before drawing")
    func emojiSequences() {
        let grid = render(columns: 8, rows: 1) { canvas in
            canvas.text("❤️👩‍💻|", row: 0)
        }
        #expect(grid.line(0) == "❤👩💻|")
    }
}

@Suite("SizeNotice")
struct SizeNoticeTests {
    @Test("picks the longest wording that fits", arguments: [(80, "Terminal too small (80×9): needs at least 40×10"), (30, "Too small (30×9): needs 40×10"), (20, "Too small (<40×10)"), (5, "Too small")])
    func wording(columns: Int, expected: String) {
        let notice = SizeNotice(minimum: .minimum)
        #expect(notice.text(for: Size(rows: 9, columns: columns)) == expected)
    }

    @Test("draws one line in the notice role")
    func drawn() {
        let grid = render(columns: 20, rows: 6) { SizeNotice(minimum: .minimum).draw($0) }
        #expect(grid.text == "Too small (<40×10)\n\n\n\n\n")
        #expect(grid.role(row: 0, column: 0) == .notice)
    }
}
