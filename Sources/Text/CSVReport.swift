#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole result table (header record first) as the CSV that people open in
/// spreadsheets: what `--format csv` prints and what the workbench exports. Both go through
/// here with the same writer settings, so the same records give the same bytes.
public enum CSVReport {
    /// Writes every record to `output`, flushes, and returns the output.
    public static func write<Output: CSVOutput>(
        _ records: [[CSVCell]], to output: Output, textGuard: CSVTextGuard = .spreadsheet
    ) throws(CSVError) -> Output {
        var writer = CSVWriter(to: output, textGuard: textGuard)
        for record in records {
            try writer.writeRecord(record)
        }
        try writer.flush()
        return writer.output
    }

    /// Writes the records to the file at `path`, replacing it.
    ///
    /// The bytes go to a temporary file in the same folder, which is then renamed over
    /// `path`. So a write that fails part-way (a full disk) leaves no half-written file, and
    /// a file already at `path` stays as it was.
    public static func write(
        _ records: [[CSVCell]], toFileAt path: String, textGuard: CSVTextGuard = .spreadsheet
    ) throws(CSVError) {
        let temporary = temporaryPath(for: path)
        do throws(CSVError) {
            let file = try write(records, to: try CSVFileOutput(creatingFileAt: temporary), textGuard: textGuard)
            try file.close()
            guard rename(temporary, path) == 0 else {
                throw .writeFailed(path: path, code: errno)
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Returns a file name beside `path` that no other process writing the same path uses:
    /// the name hidden with a leading dot and followed by this process's id.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(folder).\(name).\(getpid()).tmp"
    }
}
