import Foundation

/// Buffered writes to stdout (results) and stderr (messages and progress).
///
/// Results can be millions of CSV rows, so stdout is buffered and flushed in 64 KiB pieces;
/// stderr is written at once so progress and errors appear when they happen.
final class Console {
    nonisolated(unsafe) static let shared = Console()

    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 16

    func out(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold {
            flush()
        }
    }

    func out(bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold {
            flush()
        }
    }

    func flush() {
        writeAll(fileDescriptor: 1, buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes a line to stderr at once.
    func message(_ line: String) {
        writeAll(fileDescriptor: 2, Array((line + "\n").utf8))
    }

    /// Writes an error with its help line to stderr, in the form every failure uses.
    func error(_ message: String, help: String?) {
        self.message("error: " + message)
        if let help {
            self.message("help: " + help)
        }
    }

    private func writeAll(fileDescriptor: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(fileDescriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    // A closed pipe (dotwork … | head) ends the output; nothing more can be written.
                    return
                }
                offset += written
            }
        }
    }
}
