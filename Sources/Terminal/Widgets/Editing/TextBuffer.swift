import Text

/// Editable text as lines of characters, with a cursor: the model under the single-line
/// input and the multi-line editor. It neither draws nor reads keys.
///
/// The cursor is a line index and a character index in that line (0 is before the first
/// character), always valid. Characters are Swift `Character`s (grapheme clusters), so the
/// cursor never lands inside an emoji sequence or between a letter and its accent.
public struct TextBuffer: Sendable, Hashable {
    public struct Cursor: Sendable, Hashable, Comparable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        public static func < (left: Cursor, right: Cursor) -> Bool {
            (left.line, left.column) < (right.line, right.column)
        }
    }

    public private(set) var lines: [[Character]]
    public private(set) var cursor = Cursor(line: 0, column: 0)
    /// The display column that up and down moves aim for, kept across short lines.
    private var preferredColumn: Int?

    public init(_ text: String = "") {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        cursor = Cursor(line: lines.count - 1, column: lines[lines.count - 1].count)
    }

    /// The whole text, lines joined by newlines.
    public var text: String {
        lines.map { String($0) }.joined(separator: "\n")
    }

    public var currentLine: [Character] { lines[cursor.line] }

    /// Returns the display column of a character index in a line.
    public func displayColumn(line: Int, column: Int) -> Int {
        DisplayWidth.columns(of: String(lines[line][0..<column]))
    }

    /// Puts the cursor at a position, clamped to the text.
    public mutating func moveCursor(to position: Cursor) {
        let line = min(max(position.line, 0), lines.count - 1)
        cursor = Cursor(line: line, column: min(max(position.column, 0), lines[line].count))
        preferredColumn = nil
    }

    // MARK: Changes

    /// Inserts text at the cursor; newlines in it split the line.
    public mutating func insert(_ text: String) {
        preferredColumn = nil
        let pieces = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let line = lines[cursor.line]
        let before = Array(line[0..<cursor.column])
        let after = Array(line[cursor.column...])
        if pieces.count == 1 {
            // Re-measure in characters: a combining mark typed after a letter joins it.
            let merged = Array(String(before + pieces[0]))
            lines[cursor.line] = merged + after
            cursor.column = merged.count
            return
        }
        var inserted = [before + pieces[0]]
        inserted += pieces[1..<(pieces.count - 1)]
        let last = pieces[pieces.count - 1]
        inserted.append(last + after)
        lines.replaceSubrange(cursor.line...cursor.line, with: inserted)
        cursor = Cursor(line: cursor.line + pieces.count - 1, column: last.count)
    }

    /// Deletes the character before the cursor, joining lines at a line start. Returns
    /// whether anything changed.
    @discardableResult
    public mutating func deleteBackward() -> Bool {
        preferredColumn = nil
        if cursor.column > 0 {
            lines[cursor.line].remove(at: cursor.column - 1)
            cursor.column -= 1
            return true
        }
        guard cursor.line > 0 else { return false }
        let joined = lines.remove(at: cursor.line)
        cursor.line -= 1
        cursor.column = lines[cursor.line].count
        lines[cursor.line] += joined
        return true
    }

    /// Deletes the character after the cursor, joining lines at a line end.
    @discardableResult
    public mutating func deleteForward() -> Bool {
        preferredColumn = nil
        if cursor.column < lines[cursor.line].count {
            lines[cursor.line].remove(at: cursor.column)
            return true
        }
        guard cursor.line + 1 < lines.count else { return false }
        lines[cursor.line] += lines.remove(at: cursor.line + 1)
        return true
    }

    /// Deletes from the start of the word before the cursor to the cursor.
    @discardableResult
    public mutating func deleteWordBackward() -> Bool {
        let end = cursor
        moveWordLeft()
        return delete(from: cursor, to: end)
    }

    /// Deletes from the cursor to the end of the line, or the line break at its end.
    @discardableResult
    public mutating func deleteToLineEnd() -> Bool {
        if cursor.column == lines[cursor.line].count {
            return deleteForward()
        }
        return delete(from: cursor, to: Cursor(line: cursor.line, column: lines[cursor.line].count))
    }

    /// Deletes from the start of the line to the cursor.
    @discardableResult
    public mutating func deleteToLineStart() -> Bool {
        delete(from: Cursor(line: cursor.line, column: 0), to: cursor)
    }

    /// Deletes the text between two positions and leaves the cursor at the first.
    @discardableResult
    public mutating func delete(from start: Cursor, to end: Cursor) -> Bool {
        preferredColumn = nil
        guard start < end else { return false }
        let head = Array(lines[start.line][0..<start.column])
        let tail = Array(lines[end.line][end.column...])
        lines.replaceSubrange(start.line...end.line, with: [head + tail])
        cursor = start
        return true
    }

    // MARK: Moves

    public mutating func moveLeft() {
        preferredColumn = nil
        if cursor.column > 0 {
            cursor.column -= 1
        } else if cursor.line > 0 {
            cursor.line -= 1
            cursor.column = lines[cursor.line].count
        }
    }

    public mutating func moveRight() {
        preferredColumn = nil
        if cursor.column < lines[cursor.line].count {
            cursor.column += 1
        } else if cursor.line + 1 < lines.count {
            cursor.line += 1
            cursor.column = 0
        }
    }

    /// Moves up or down by `count` lines, keeping the display column where possible.
    public mutating func moveLines(by count: Int) {
        let goal = preferredColumn ?? displayColumn(line: cursor.line, column: cursor.column)
        let line = min(max(cursor.line + count, 0), lines.count - 1)
        var column = 0
        var width = 0
        for character in lines[line] {
            let next = width + DisplayWidth.columns(of: String(character))
            if next > goal { break }
            width = next
            column += 1
        }
        cursor = Cursor(line: line, column: column)
        preferredColumn = goal
    }

    public mutating func moveToLineStart() {
        preferredColumn = nil
        cursor.column = 0
    }

    public mutating func moveToLineEnd() {
        preferredColumn = nil
        cursor.column = lines[cursor.line].count
    }

    public mutating func moveToDocumentStart() {
        moveCursor(to: Cursor(line: 0, column: 0))
    }

    public mutating func moveToDocumentEnd() {
        moveCursor(to: Cursor(line: lines.count - 1, column: lines[lines.count - 1].count))
    }

    /// Moves to the start of the word before the cursor, across line breaks.
    public mutating func moveWordLeft() {
        preferredColumn = nil
        while let previous = characterBefore(), !TextBuffer.isWordCharacter(previous) {
            moveLeft()
        }
        while let previous = characterBefore(), TextBuffer.isWordCharacter(previous), cursor.column > 0 {
            moveLeft()
        }
    }

    /// Moves to the end of the word after the cursor, across line breaks.
    public mutating func moveWordRight() {
        preferredColumn = nil
        while let next = characterAfter(), !TextBuffer.isWordCharacter(next) {
            moveRight()
        }
        while let next = characterAfter(), TextBuffer.isWordCharacter(next), cursor.column < lines[cursor.line].count {
            moveRight()
        }
    }

    /// The character before the cursor, with a line break as `\n`; nil at the start.
    private func characterBefore() -> Character? {
        if cursor.column > 0 {
            return lines[cursor.line][cursor.column - 1]
        }
        return cursor.line > 0 ? "\n" : nil
    }

    /// The character after the cursor, with a line break as `\n`; nil at the end.
    private func characterAfter() -> Character? {
        if cursor.column < lines[cursor.line].count {
            return lines[cursor.line][cursor.column]
        }
        return cursor.line + 1 < lines.count ? "\n" : nil
    }

    /// Letters, digits and `_` make words; a rule name's `-` does not.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }
}
