/// A failure of `dotwork sample`. The wording lives in `message` and `help`.
public enum SampleError: Error, Equatable, Sendable {
    /// The warehouse already has rows, in the tables named, and replacing was not requested.
    case warehouseHasData(path: String, tables: [String])
    /// Another connection has the warehouse open, so it cannot be replaced safely.
    case warehouseInUse(path: String)
    /// A signal asked the build to stop; the warehouse was left as it was.
    case interrupted(signal: String)
    /// A file or folder could not be written.
    case notWritable(path: String, reason: String)
}

extension SampleError: CustomStringConvertible {
    public var description: String { message }

    public var message: String {
        switch self {
        case .warehouseHasData(let path, let tables):
            return "the warehouse at \(path) already has data (in \(tables.joined(separator: ", ")))"
        case .warehouseInUse(let path):
            return "the warehouse at \(path) is open in another process, so it cannot be replaced"
        case .interrupted(let signal):
            return "stopped by \(signal); the warehouse was not changed"
        case .notWritable(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }

    public var help: String {
        switch self {
        case .warehouseHasData:
            return "add --replace to overwrite it with the sample, or choose another warehouse with --db"
        case .warehouseInUse:
            return "close the other dotwork sessions on this warehouse, then run the command again"
        case .interrupted:
            return "run the command again to build the sample"
        case .notWritable:
            return "choose a writable location, or free space on its disk"
        }
    }
}
