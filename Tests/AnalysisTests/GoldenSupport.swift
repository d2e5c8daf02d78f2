import Foundation
import Text
import Warehouse

@testable import Analysis

/// The hand-checked warehouse of Tests/Golden, loaded through the real importer into a
/// temporary folder, and its expected outputs.
final class GoldenWarehouse {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden").path

    let directory: String
    let warehouse: Warehouse

    init() throws {
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-analysis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        warehouse = try Warehouse.create(at: directory + "/warehouse.db", currency: .default).warehouse
        try FolderImport.run(folder: GoldenWarehouse.folder, into: warehouse)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    var database: Database { warehouse.database }

    static let asOf = CivilDate(iso: "2012-04-20")!

    /// An expected file with LF line endings.
    static func expected(_ name: String) throws -> String {
        try String(contentsOfFile: folder + "/expected/" + name, encoding: .utf8)
    }

    /// Names of the expected files that match a prefix, sorted.
    static func expectedFiles(prefix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder + "/expected").filter { $0.hasPrefix(prefix) }.sorted()
    }
}

/// CSV records as text with LF line endings, to compare with the expected files.
func csvText(_ records: [[CSVCell]]) throws -> String {
    var writer = CSVWriter(to: [UInt8]())
    for record in records {
        try writer.writeRecord(record)
    }
    try writer.flush()
    return String(decoding: writer.output, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
}
