import Foundation
import Testing

@testable import Warehouse

@Suite("Migrator")
struct MigratorTests {
    let folder = TemporaryFolder()

    static let twoSteps = Migrator(migrations: [
        .init(version: 1, name: "create", sql: "CREATE TABLE a (x TEXT)"),
        .init(version: 2, name: "add column", sql: "ALTER TABLE a ADD COLUMN y INTEGER"),
    ])

    @Test("applies every migration once, in order")
    func appliesInOrder() throws {
        let database = try Database(path: folder.file("m.db"), mode: .create)
        #expect(try MigratorTests.twoSteps.migrate(database) == 2)
        #expect(try database.userVersion() == 2)
        #expect(try MigratorTests.twoSteps.migrate(database) == 0)
        try database.execute("INSERT INTO a (x, y) VALUES (?, ?)", ["v", 1])
    }

    @Test("continues from the file's version")
    func continuesFromVersion() throws {
        let database = try Database(path: folder.file("m.db"), mode: .create)
        let first = Migrator(migrations: [MigratorTests.twoSteps.migrations[0]])
        #expect(try first.migrate(database) == 1)
        #expect(try MigratorTests.twoSteps.migrate(database) == 1)
        #expect(try database.userVersion() == 2)
    }

    @Test("a failing migration leaves the previous version")
    func failureKeepsVersion() throws {
        let database = try Database(path: folder.file("m.db"), mode: .create)
        let broken = Migrator(migrations: [
            MigratorTests.twoSteps.migrations[0],
            .init(version: 2, name: "broken", sql: "ALTER TABLE a ADD COLUMN z INTEGER; ALTER TABLE missing ADD COLUMN q"),
        ])
        #expect(throws: DatabaseError.self) {
            try broken.migrate(database)
        }
        #expect(try database.userVersion() == 1)
        let columns = try database.query("SELECT name FROM pragma_table_info('a')") { $0.text(0) }
        #expect(columns == ["x"])
    }

    @Test("a newer file is rejected")
    func rejectsNewer() throws {
        let database = try Database(path: folder.file("m.db"), mode: .create)
        try database.setUserVersion(7)
        #expect(throws: Migrator.Failure.schemaNewerThanBinary(path: database.path, fileVersion: 7, supportedVersion: 2)) {
            try MigratorTests.twoSteps.migrate(database)
        }
        #expect(try database.userVersion() == 7)
    }
}
