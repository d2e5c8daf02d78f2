import Foundation
import Testing

@testable import Warehouse

@Suite("Warehouse location")
struct LocationTests {
    let folder = TemporaryFolder()

    var absentConfig: String { folder.file("absent.conf") }

    @Test("--db wins over everything")
    func optionFirst() throws {
        let config = folder.file("dotwork.conf")
        try "db = /srv/team.db\n".write(toFile: config, atomically: true, encoding: .utf8)
        let location = try WarehouseLocation.resolve(
            option: "mine.db", environment: ["DOTWORK_DB": "/env.db"], configFilePath: config,
            currentDirectory: "/home/ann")
        #expect(location == WarehouseLocation(path: "/home/ann/mine.db", origin: .option))
    }

    @Test("DOTWORK_DB comes before the config file")
    func environmentSecond() throws {
        let config = folder.file("dotwork.conf")
        try "db = /srv/team.db\n".write(toFile: config, atomically: true, encoding: .utf8)
        let location = try WarehouseLocation.resolve(
            option: nil, environment: ["DOTWORK_DB": "/env.db"], configFilePath: config)
        #expect(location == WarehouseLocation(path: "/env.db", origin: .environment))
    }

    @Test("db = in the config file, relative to its folder")
    func configThird() throws {
        let config = folder.file("dotwork.conf")
        try "# team warehouse\n\n  db =  shared/warehouse.db  \nother = 1\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        let location = try WarehouseLocation.resolve(option: nil, environment: [:], configFilePath: config)
        #expect(location.path == folder.file("shared/warehouse.db"))
        #expect(location.origin == .configFile(path: config, line: 3))
    }

    @Test("XDG_DATA_HOME, then ~/.local/share")
    func dataHomeLast() throws {
        let withXDG = try WarehouseLocation.resolve(
            option: nil, environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/ann"], configFilePath: absentConfig)
        #expect(withXDG == WarehouseLocation(path: "/data/dotwork/warehouse.db", origin: .dataHome))
        let withoutXDG = try WarehouseLocation.resolve(
            option: nil, environment: ["HOME": "/home/ann"], configFilePath: absentConfig)
        #expect(withoutXDG.path == "/home/ann/.local/share/dotwork/warehouse.db")
    }

    @Test("a relative XDG_DATA_HOME is ignored, as the XDG specification says")
    func relativeDataHome() throws {
        let location = try WarehouseLocation.resolve(
            option: nil, environment: ["XDG_DATA_HOME": "data", "HOME": "/home/ann"], configFilePath: absentConfig)
        #expect(location.path == "/home/ann/.local/share/dotwork/warehouse.db")
    }

    @Test("a malformed config line names file and line")
    func malformedConfig() throws {
        let config = folder.file("dotwork.conf")
        try "db = /a.db\njust words\n".write(toFile: config, atomically: true, encoding: .utf8)
        #expect(throws: WarehouseError.invalidConfigLine(file: config, line: 2, text: "just words")) {
            _ = try WarehouseLocation.resolve(option: nil, environment: [:], configFilePath: config)
        }
    }

    /// Root reads any file, so a folder in the config file's place stands for one this user
    /// may not read: it exists, and reading it fails.
    @Test("an unreadable config file is an error, not a fallback")
    func unreadableConfig() throws {
        let config = folder.file("dotwork.conf")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        #expect(throws: WarehouseError.unreadableConfig(file: config)) {
            _ = try WarehouseLocation.resolve(option: nil, environment: [:], configFilePath: config)
        }
        #expect(WarehouseError.unreadableConfig(file: config).help.contains("chmod 644 \(config)"))
    }
}
