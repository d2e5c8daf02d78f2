import Foundation

/// Imports a folder that holds one CSV file per raw table, named after the table
/// (`customers.csv`, `customer_identities.csv`, …), in the order that lets each file refer
/// to the ones before it. Each file is its own batch; missing files are skipped.
public enum FolderImport {
    /// The file name each kind is read from.
    public static func fileName(for kind: ImportKind) -> String {
        kind.table + ".csv"
    }

    /// Imports every table file found in `folder` and returns one report per file.
    @discardableResult
    public static func run(
        folder: String, into warehouse: Warehouse, options: ImportOptions = ImportOptions(),
        progress: ((ImportKind, Importer.Progress) -> Void)? = nil
    ) throws -> [Importer.Report] {
        var reports: [Importer.Report] = []
        for kind in ImportKind.allCases {
            let path = (folder as NSString).appendingPathComponent(fileName(for: kind))
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let importer = Importer(warehouse: warehouse, kind: kind, path: path, options: options)
            if let progress {
                importer.progress = { progress(kind, $0) }
            }
            reports.append(try importer.run())
        }
        return reports
    }
}
