/// The byte-level state machine behind `CSVReader`.
///
/// The scanner takes input in chunks of any size and keeps all of its state
/// between them, so a quote, a CRLF or a multi-byte character may be split
/// across two chunks. It copies each field's content (without the enclosing
/// quotes, with doubled quotes made single) into one byte array per record.
///
/// Position: `line` and `column` are those of the next byte. A line ends at LF,
/// at CR, or at CRLF, which counts once. The column counts characters: bytes
/// that are not UTF-8 continuation bytes, or every byte for a single-byte
/// encoding.
struct CSVScanner {
    enum State {
        /// Before the first byte of a record: line breaks here are empty lines.
        case recordStart
        /// Before the first byte of a field, which decides whether it is quoted.
        case fieldStart
        case unquoted
        case quoted
        /// After a quote inside a quoted field: either the first of a doubled
        /// quote or the closing quote.
        case quotedQuote
    }

    let file: String
    let delimiter: UInt8
    /// See `TextEncoding.continuationMask`.
    let continuationMask: UInt8

    var state = State.recordStart
    var line = 1
    var column = 1
    /// Whether the last byte was a CR that ended a line, so an LF next is the
    /// second half of the same line break.
    var followsCarriageReturn = false

    // The record being read.
    var recordLine = 1
    var bytes: [UInt8] = []
    var fields: [CSVRecord.FieldSpan] = []
    var fieldStart = 0
    var fieldLine = 1
    var fieldColumn = 1
    var fieldIsQuoted = false

    init(file: String, delimiter: CSVDelimiter, encoding: TextEncoding) {
        self.file = file
        self.delimiter = delimiter.rawValue
        self.continuationMask = encoding.continuationMask
    }

    /// Clears the previous record. Its storage is reused unless a returned
    /// `CSVRecord` still refers to it.
    mutating func startRecord() {
        state = .recordStart
        bytes.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
    }

    /// Scans `input` from `start` until a record ends or the input runs out.
    /// Returns the index of the first byte not consumed and whether a record ended.
    mutating func scan(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int
    ) throws(CSVError) -> (next: Int, recordEnded: Bool) {
        let end = input.count
        var index = start
        while index < end {
            switch state {
            case .recordStart:
                let byte = input[index]
                if byte == Byte.lineFeed || byte == Byte.carriageReturn {
                    consumeLineBreak(byte)
                    index += 1
                    continue
                }
                followsCarriageReturn = false
                recordLine = line
                state = .fieldStart

            case .fieldStart:
                beginField(isQuoted: input[index] == Byte.quote)
                if fieldIsQuoted {
                    column += 1
                    index += 1
                    state = .quoted
                } else {
                    state = .unquoted
                }

            case .unquoted:
                let runEnd = scanRun(input, from: index, stoppingAt: delimiter)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<runEnd]))
                index = runEnd
                if index == end {
                    return (index, false)
                }
                let byte = input[index]
                index += 1
                endField()
                if byte == delimiter {
                    column += 1
                    state = .fieldStart
                } else {
                    consumeLineBreak(byte)
                    state = .recordStart
                    return (index, true)
                }

            case .quoted:
                if followsCarriageReturn && input[index] == Byte.lineFeed {
                    bytes.append(Byte.lineFeed)
                    consumeLineBreak(Byte.lineFeed)
                    index += 1
                    continue
                }
                followsCarriageReturn = false
                let runEnd = scanRun(input, from: index, stoppingAt: Byte.quote)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<runEnd]))
                index = runEnd
                if index == end {
                    return (index, false)
                }
                let byte = input[index]
                index += 1
                if byte == Byte.quote {
                    column += 1
                    state = .quotedQuote
                } else {
                    bytes.append(byte)
                    consumeLineBreak(byte)
                }

            case .quotedQuote:
                let byte = input[index]
                if byte == Byte.quote {
                    bytes.append(Byte.quote)
                    column += 1
                    index += 1
                    state = .quoted
                } else if byte == delimiter {
                    endField()
                    column += 1
                    index += 1
                    state = .fieldStart
                } else if byte == Byte.lineFeed || byte == Byte.carriageReturn {
                    endField()
                    consumeLineBreak(byte)
                    index += 1
                    state = .recordStart
                    return (index, true)
                } else {
                    let location = CSVLocation(file: file, line: line, column: column)
                    throw .textAfterClosingQuote(location, byte: byte)
                }
            }
        }
        return (index, false)
    }

    /// Ends the input. Returns whether that completed a record: false when no
    /// record had begun.
    mutating func finishInput() throws(CSVError) -> Bool {
        switch state {
        case .recordStart:
            return false
        case .fieldStart:
            // The input ended right after a delimiter: the last field is empty.
            beginField(isQuoted: false)
            endField()
            state = .recordStart
            return true
        case .unquoted, .quotedQuote:
            endField()
            state = .recordStart
            return true
        case .quoted:
            let location = CSVLocation(file: file, line: fieldLine, column: fieldColumn)
            throw .unterminatedQuote(location)
        }
    }

    /// Returns the index of the first byte from `start` that is `stop`, CR or LF,
    /// or the end of the input, counting the characters passed over.
    private mutating func scanRun(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, stoppingAt stop: UInt8
    ) -> Int {
        var index = start
        var characters = 0
        while index < input.count {
            let byte = input[index]
            if byte == stop || byte == Byte.carriageReturn || byte == Byte.lineFeed {
                break
            }
            if byte & continuationMask != 0x80 {
                characters += 1
            }
            index += 1
        }
        column += characters
        return index
    }

    /// Counts a CR or LF as a line break, unless it is the LF of a CRLF.
    private mutating func consumeLineBreak(_ byte: UInt8) {
        if byte == Byte.lineFeed && followsCarriageReturn {
            followsCarriageReturn = false
            return
        }
        line += 1
        column = 1
        followsCarriageReturn = byte == Byte.carriageReturn
    }

    private mutating func beginField(isQuoted: Bool) {
        fieldStart = bytes.count
        fieldLine = line
        fieldColumn = column
        fieldIsQuoted = isQuoted
    }

    private mutating func endField() {
        fields.append(
            CSVRecord.FieldSpan(
                start: fieldStart, end: bytes.count, line: fieldLine, column: fieldColumn,
                isQuoted: fieldIsQuoted))
    }
}
