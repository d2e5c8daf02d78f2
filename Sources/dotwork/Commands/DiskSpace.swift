import Analysis
import Foundation
import Warehouse

/// The report of an import that filled the disk: that nothing landed, how much
/// space is free, and about how much the import needs.
///
/// The need is an estimate, written as one. The rows go into the write-ahead log first: about
/// three times the file's size with the indexes (measured on a generated events file), or what
/// the log held when the disk filled, scaled to the whole import. The checkpoint after the
/// commit copies as much again into the database file. A new snapshot is written beside the
/// current one before that goes.
struct ImportSpace {
    let warehousePath: String
    let file: String
    /// Rows written and in all when the disk filled; both 0 when not known.
    let rowsWritten: Int
    let rowsInAll: Int

    static func isDiskFull(_ error: Error) -> Bool {
        if let error = error as? DatabaseError { return error.isDiskFull }
        if case .diskFull = error as? SnapshotError { return true }
        return false
    }

    var folder: String { (warehousePath as NSString).deletingLastPathComponent }

    /// Bytes free to this user on the warehouse's file system, counting the write-ahead log,
    /// whose space the next import reuses; nil when unknown.
    var freeBytes: Int64? {
        var status = statvfs()
        guard statvfs(folder, &status) == 0 else { return nil }
        return Int64(status.f_bavail) * Int64(status.f_frsize) + ImportSpace.size(of: warehousePath + "-wal")
    }

    /// About how many bytes the import needs on the warehouse's disk.
    var neededBytes: Int64 {
        let fileSize = ImportSpace.size(of: file)
        var logBytes = fileSize * 3
        let walSize = ImportSpace.size(of: warehousePath + "-wal")
        if rowsWritten > 0, rowsInAll > rowsWritten {
            logBytes = max(logBytes, walSize * Int64(rowsInAll) / Int64(rowsWritten))
        } else {
            logBytes = max(logBytes, walSize)
        }
        let snapshotBytes = ImportSpace.folderSize(AnalysisEngine.derivedFolder(warehouse: warehousePath)) + fileSize / 2
        return 2 * logBytes + snapshotBytes
    }

    var message: String {
        "the disk holding \(folder) filled up while importing \(file); the import rolled back, so nothing was imported"
    }

    var help: String {
        let needed = neededBytes
        guard let free = freeBytes else {
            return "this import needs about \(ImportSpace.megabytes(needed)) free there; free space and import again"
        }
        let short = max(needed - free, 0)
        return "\(ImportSpace.megabytes(free)) is free there (counting the write-ahead log, which the next import reuses) "
            + "and this import needs about \(ImportSpace.megabytes(needed)) (the write-ahead log, the database file "
            + "it is copied into, and a new snapshot beside the current one): free at least "
            + "\(ImportSpace.megabytes(max(short, 1_048_576))) more, then import again"
    }

    static func megabytes(_ bytes: Int64) -> String {
        let value = Double(bytes) / 1_048_576
        return value < 10 ? String(format: "%.1f MB", value) : "\(Int(value.rounded())) MB"
    }

    static func size(of path: String) -> Int64 {
        var status = stat()
        return stat(path, &status) == 0 ? Int64(status.st_size) : 0
    }

    static func folderSize(_ path: String) -> Int64 {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total: Int64 = 0
        while let name = walker.nextObject() as? String {
            total += size(of: path + "/" + name)
        }
        return total
    }
}
