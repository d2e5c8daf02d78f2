#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A destination for the bytes of a `CSVWriter`.
///
/// The writer passes whole records only, so each call receives complete UTF-8
/// characters.
public protocol CSVOutput {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(CSVError)
}

extension Array: CSVOutput where Element == UInt8 {
    /// Appends the bytes to the array.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) {
        append(contentsOf: bytes)
    }
}

/// An output that passes the CSV text to a `TextOutputStream`, such as a `String`.
public struct CSVTextStreamOutput<Stream: TextOutputStream>: CSVOutput {
    public var stream: Stream

    public init(_ stream: Stream) {
        self.stream = stream
    }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) {
        stream.write(String(decoding: bytes, as: UTF8.self))
    }
}

/// An output file descriptor: a file that this output creates and closes, or a
/// descriptor that the caller owns, such as standard output.
public final class CSVFileOutput: CSVOutput {
    /// The path, or the name given for a caller's descriptor, used in messages.
    public let path: String
    public let fileDescriptor: Int32
    private let ownsDescriptor: Bool
    private var isOpen = true

    /// Creates or truncates the file at `path` (mode 0666 before the umask).
    public init(creatingFileAt path: String) throws(CSVError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw .openFailed(path: path, code: errno)
        }
        self.path = path
        self.fileDescriptor = descriptor
        self.ownsDescriptor = true
    }

    /// Writes to a descriptor that the caller keeps open and closes, such as 1
    /// for standard output. `name` identifies it in messages.
    public init(fileDescriptor: Int32, name: String) {
        self.path = name
        self.fileDescriptor = fileDescriptor
        self.ownsDescriptor = false
    }

    /// Writes all the bytes, retrying short writes and interrupted calls.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(CSVError) {
        precondition(isOpen, "CSVFileOutput for '\(path)' was written after close()")
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: path, code: errno)
            }
            offset += written
        }
    }

    /// Closes the file when this output created it, reporting a failed close,
    /// which on some file systems is the first sign of a failed write. Does
    /// nothing more for a caller's descriptor.
    public func close() throws(CSVError) {
        guard isOpen else { return }
        isOpen = false
        if ownsDescriptor && systemClose(fileDescriptor) != 0 {
            throw .writeFailed(path: path, code: errno)
        }
    }

    deinit {
        if isOpen && ownsDescriptor {
            _ = systemClose(fileDescriptor)
        }
    }
}

// The C functions, named apart from the methods of CSVFileOutput that share their names.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
