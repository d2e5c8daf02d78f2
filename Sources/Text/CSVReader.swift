#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming CSV reader that works on bytes, for files of any size.
///
/// The reader pulls the input in chunks (64 KiB by default, with `read(2)` for
/// files) and returns one `CSVRecord` per `next()` call. It accepts RFC 4180
/// and the usual departures from it:
/// - The delimiter is `,`, `;`, tab or `|`.
/// - Lines end with CRLF, LF or a lone CR, mixed freely, and the last record
///   may lack a line break.
/// - A UTF-8 byte order mark at the very start is skipped, whatever the encoding.
/// - Empty lines are skipped but counted, so line numbers stay physical. A
///   one-column file must therefore write an empty value as `""`.
/// - A quoted field may contain delimiters, line breaks and doubled quotes.
/// - A quote inside an unquoted field is kept as it is (`5" disk`).
///
/// Two inputs are errors, both reported with a `file:line:column` location:
/// - A byte other than the delimiter or a line break after a closing quote. Input
///   such as `"ab"c` usually means an unescaped quote inside the field, and
///   guessing could shift every later column without notice.
/// - Input that ends inside a quoted field, reported at the field's opening quote.
///
/// Fields stay bytes until `CSVRecord.string(at:)` decodes them in the reader's
/// encoding. The encoding also decides what the column counts: characters of
/// UTF-8 (bytes other than continuation bytes), or bytes of the single-byte
/// encodings.
public final class CSVReader {
    /// The path of the file, or the name given to in-memory input, used in locations.
    public let name: String
    public let delimiter: CSVDelimiter
    public let encoding: TextEncoding

    private enum Input {
        case file(descriptor: Int32)
        case memory
    }

    private let input: Input
    private var isInputOpen = true
    private let chunkSize: Int
    /// The buffer that `read(2)` fills for a file, or all the bytes of memory input.
    private var chunk: [UInt8]
    /// The next byte to scan.
    private var chunkPosition = 0
    /// The end of the bytes that are ready to scan.
    private var chunkEnd = 0
    private var hasCheckedByteOrderMark = false
    private var scanner: CSVScanner
    /// The error that stopped reading. The position after an error is unreliable,
    /// so later calls throw it again instead of guessing where the next record starts.
    private var failure: CSVError?

    /// Opens the file at `path` for reading. `chunkSize` is the number of bytes
    /// per `read(2)` call.
    public init(
        path: String, delimiter: CSVDelimiter = .comma, encoding: TextEncoding = .utf8,
        chunkSize: Int = 64 * 1024
    ) throws(CSVError) {
        precondition(chunkSize > 0, "a CSV reader needs a positive chunk size, not \(chunkSize)")
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .openFailed(path: path, code: errno)
        }
        self.name = path
        self.delimiter = delimiter
        self.encoding = encoding
        self.input = .file(descriptor: descriptor)
        self.chunkSize = chunkSize
        // Two bytes more than a read, so the bytes read before a byte order mark
        // is ruled out still fit (see `skipByteOrderMark`).
        self.chunk = [UInt8](repeating: 0, count: chunkSize + 2)
        self.scanner = CSVScanner(file: path, delimiter: delimiter, encoding: encoding)
    }

    /// Reads CSV from bytes in memory. `name` identifies the input in locations.
    /// `chunkSize` splits the bytes as a file would be split, for tests of chunk
    /// boundaries.
    public init(
        bytes: [UInt8], name: String, delimiter: CSVDelimiter = .comma,
        encoding: TextEncoding = .utf8, chunkSize: Int = 64 * 1024
    ) {
        precondition(chunkSize > 0, "a CSV reader needs a positive chunk size, not \(chunkSize)")
        self.name = name
        self.delimiter = delimiter
        self.encoding = encoding
        self.input = .memory
        self.chunkSize = chunkSize
        self.chunk = bytes
        self.scanner = CSVScanner(file: name, delimiter: delimiter, encoding: encoding)
    }

    deinit {
        closeInput()
    }

    /// Returns the next record, or nil at the end of the input. After an error,
    /// every later call throws the same error.
    ///
    /// The returned record shares storage with the reader until the next call.
    /// Keeping it makes the next call allocate new storage, and dropping it lets
    /// the reader reuse the old.
    public func next() throws(CSVError) -> CSVRecord? {
        if let failure {
            throw failure
        }
        do {
            return try readRecord()
        } catch {
            closeInput()
            failure = error
            throw error
        }
    }

    private func readRecord() throws(CSVError) -> CSVRecord? {
        if !hasCheckedByteOrderMark {
            try skipByteOrderMark()
        }
        scanner.startRecord()
        while true {
            if chunkPosition == chunkEnd {
                if try !readChunk() {
                    closeInput()
                    guard try scanner.finishInput() else { return nil }
                    return makeRecord()
                }
            }
            let outcome = try scanChunk()
            chunkPosition = outcome.next
            if outcome.recordEnded {
                return makeRecord()
            }
        }
    }

    private func scanChunk() throws(CSVError) -> (next: Int, recordEnded: Bool) {
        let result = chunk.withUnsafeBufferPointer { bytes in
            let ready = UnsafeBufferPointer(rebasing: bytes[..<chunkEnd])
            return Result { () throws(CSVError) in try scanner.scan(ready, from: chunkPosition) }
        }
        return try result.get()
    }

    private func makeRecord() -> CSVRecord {
        CSVRecord(
            file: name, line: scanner.recordLine, encoding: encoding, bytes: scanner.bytes,
            spans: scanner.fields)
    }

    /// Skips EF BB BF if the input starts with them.
    ///
    /// A file may deliver its first three bytes over several reads (a small
    /// chunk size, a pipe). They collect at the start of `chunk`: at most two
    /// bytes and then one full read.
    private func skipByteOrderMark() throws(CSVError) {
        hasCheckedByteOrderMark = true
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        switch input {
        case .memory:
            if chunk.starts(with: mark) {
                chunkPosition = mark.count
                chunkEnd = mark.count
            }
        case .file:
            var start: [UInt8] = []
            while start.count < mark.count, try readChunk() {
                start += chunk[chunkPosition..<chunkEnd]
            }
            chunk.replaceSubrange(0..<start.count, with: start)
            chunkPosition = start.starts(with: mark) ? mark.count : 0
            chunkEnd = start.count
        }
    }

    /// Makes the next bytes of the input ready to scan. Returns false at the end.
    private func readChunk() throws(CSVError) -> Bool {
        switch input {
        case .memory:
            chunkPosition = chunkEnd
            chunkEnd = min(chunk.count, chunkEnd + chunkSize)
        case .file(let descriptor):
            chunkPosition = 0
            chunkEnd = isInputOpen ? try readSome(from: descriptor) : 0
        }
        return chunkPosition < chunkEnd
    }

    /// Reads up to `chunkSize` bytes into the start of `chunk`, retrying
    /// interrupted calls. Returns the number of bytes read, 0 at the end of the file.
    private func readSome(from descriptor: Int32) throws(CSVError) -> Int {
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress, chunkSize)
            }
            if count >= 0 {
                return count
            }
            if errno != EINTR {
                throw .readFailed(path: name, code: errno)
            }
        }
    }

    private func closeInput() {
        guard isInputOpen else { return }
        isInputOpen = false
        if case .file(let descriptor) = input {
            _ = close(descriptor)
        }
    }
}
