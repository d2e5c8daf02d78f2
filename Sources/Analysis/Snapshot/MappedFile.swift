import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file mapped read-only into memory and read as an array of fixed-size values.
///
/// The snapshot's columns are written once per import and then only read, so readers map
/// them instead of loading them: the pages come from the page cache, which all workbench
/// sessions on the box share.
final class MappedFile: @unchecked Sendable {
    let path: String
    let byteCount: Int
    private let base: UnsafeRawPointer?

    init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SnapshotError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SnapshotError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        byteCount = Int(status.st_size)
        if byteCount == 0 {
            base = nil
            return
        }
        let mapped = mmap(nil, byteCount, PROT_READ, MAP_SHARED, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw SnapshotError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        base = UnsafeRawPointer(mapped)
    }

    deinit {
        if let base {
            munmap(UnsafeMutableRawPointer(mutating: base), byteCount)
        }
    }

    /// The file as a buffer of `T`; valid while the file stays mapped.
    func buffer<T>(of type: T.Type) -> UnsafeBufferPointer<T> {
        guard let base else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base.assumingMemoryBound(to: T.self), count: byteCount / MemoryLayout<T>.stride)
    }
}

/// A failure to read or write the derived data.
public enum SnapshotError: Error, Equatable, Sendable {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case damaged(path: String, reason: String)
    /// The disk filled while writing; `written` bytes of the snapshot were on disk by then.
    case diskFull(path: String, written: Int64)
}

extension SnapshotError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read the derived data \(path): \(reason)"
        case .unwritable(let path, let reason): return "cannot write the derived data \(path): \(reason)"
        case .damaged(let path, let reason): return "the derived data \(path) is damaged: \(reason)"
        case .diskFull(let path, _): return "the disk filled while writing the derived data \(path)"
        }
    }
}

/// Writes arrays of fixed-size values to files.
enum ColumnFile {
    static func write<T>(_ values: [T], to path: String) throws {
        try values.withUnsafeBytes { try write(bytes: $0, to: path) }
    }

    /// Writes `bytes` to a new file, telling a full disk apart from other failures.
    static func write(bytes: UnsafeRawBufferPointer, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw SnapshotError.unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == ENOSPC || errno == EDQUOT {
                    throw SnapshotError.diskFull(path: path, written: Int64(offset))
                }
                throw SnapshotError.unwritable(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Strings as one UTF-8 blob and an offsets file with `count + 1` entries.
    static func writeStrings(_ strings: [String], to path: String) throws {
        var blob: [UInt8] = []
        var offsets: [Int64] = [0]
        offsets.reserveCapacity(strings.count + 1)
        for string in strings {
            blob.append(contentsOf: string.utf8)
            offsets.append(Int64(blob.count))
        }
        try write(blob, to: path + ".utf8")
        try write(offsets, to: path + ".offsets")
    }
}

/// Strings read from a blob and its offsets, decoded on access.
struct MappedStrings: @unchecked Sendable {
    private let blob: MappedFile
    private let offsets: MappedFile

    init(path: String) throws {
        blob = try MappedFile(path: path + ".utf8")
        offsets = try MappedFile(path: path + ".offsets")
    }

    var count: Int { max(offsets.buffer(of: Int64.self).count - 1, 0) }

    subscript(index: Int) -> String {
        let bounds = offsets.buffer(of: Int64.self)
        let bytes = blob.buffer(of: UInt8.self)
        let start = Int(bounds[index])
        let end = Int(bounds[index + 1])
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// All strings, for small tables.
    func all() -> [String] {
        (0..<count).map { self[$0] }
    }
}
