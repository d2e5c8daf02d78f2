import Foundation

/// The start-up check that the files a command needs are usable by the current user.
///
/// A shared warehouse lives in a folder that the team's group owns: the warehouse file with
/// its `-wal` and `-shm` files, the `.derived` folder, `rules.db` with its side files and
/// `rules.db.lock`, and the `outbox` folder. One file with the wrong mode or group makes
/// SQLite fail deep inside a command with "attempt to write a readonly database". This check
/// runs first, with a few `stat` calls, and names each unusable file with its mode, owner and
/// group, the user, and the command that fixes it. Nothing has been changed when it fails.
///
/// A missing file is not a problem when the folder lets the user create it. A missing
/// warehouse is left to the command, whose error names how to create one.
public enum AccessCheck {
    /// How much of one part of the layout a command uses.
    public enum Level: Int, Sendable, Comparable {
        case none, read, write

        public static func < (left: Level, right: Level) -> Bool { left.rawValue < right.rawValue }
    }

    /// The parts of the layout a command uses, and how.
    public struct Needs: Sendable, Equatable {
        /// The warehouse file, its side files and the `.derived` folder.
        public var warehouse: Level
        /// `rules.db`, its side files and `rules.db.lock`.
        public var rules: Level
        /// The outbox folder. Only `.write` is checked, because reading it is the back office's job.
        public var outbox: Level
        /// Whether problems with `rules.db` and the outbox are warnings rather than errors, for
        /// the workbench, which browses figures without them.
        public var rulesAndOutboxAreOptional: Bool

        public init(warehouse: Level, rules: Level = .none, outbox: Level = .none, rulesAndOutboxAreOptional: Bool = false) {
            self.warehouse = warehouse
            self.rules = rules
            self.outbox = outbox
            self.rulesAndOutboxAreOptional = rulesAndOutboxAreOptional
        }

        public static let nothing = Needs(warehouse: .none)
    }

    /// The paths of a warehouse's files. The Analysis and Rules modules own the names of the
    /// derived folder, `rules.db` and the outbox, so the caller passes them in.
    public struct Layout: Sendable, Equatable {
        public var warehouse: String
        public var derivedFolder: String
        public var rulesStore: String
        public var outbox: String

        public init(warehouse: String, derivedFolder: String, rulesStore: String, outbox: String) {
            self.warehouse = warehouse
            self.derivedFolder = derivedFolder
            self.rulesStore = rulesStore
            self.outbox = outbox
        }

        public var folder: String {
            let parent = (warehouse as NSString).deletingLastPathComponent
            return parent.isEmpty ? "." : parent
        }
    }

    /// Checks `layout` for `needs` as `account` and returns the problems and warnings found.
    public static func run(_ layout: Layout, needs: Needs, account: UnixAccount = .current()) -> AccessReport {
        var inspector = AccessInspector(account: account, teamFolder: FileStatus.read(layout.folder))
        inspector.inspectWarehouse(layout, level: needs.warehouse)

        let warehouseProblems = inspector.report.problems.count
        inspector.inspectRules(layout, level: needs.rules)
        inspector.inspectOutbox(layout.outbox, level: needs.outbox)
        if needs.rulesAndOutboxAreOptional {
            let optional = inspector.report.problems.dropFirst(warehouseProblems)
            inspector.report.problems.removeLast(optional.count)
            inspector.report.warnings += optional.map { $0.demoted(because: "saving drafts and publishing will fail until it is fixed") }
        }
        inspector.warnAboutSharedFolders(layout, needs: needs)
        return inspector.report
    }

    /// Runs the check and returns the warnings, or throws `AccessCheckFailure` when it finds a problem.
    public static func require(_ layout: Layout, needs: Needs, account: UnixAccount = .current()) throws -> [AccessProblem] {
        let report = run(layout, needs: needs, account: account)
        if !report.problems.isEmpty {
            throw AccessCheckFailure(problems: report.problems, warnings: report.warnings)
        }
        return report.warnings
    }
}

/// The findings of a check. Problems stop the command, and warnings do not.
public struct AccessReport: Sendable, Equatable {
    public var problems: [AccessProblem] = []
    public var warnings: [AccessProblem] = []
}

/// The check found files the command cannot use.
public struct AccessCheckFailure: Error, Sendable, Equatable {
    public let problems: [AccessProblem]
    public let warnings: [AccessProblem]
}
