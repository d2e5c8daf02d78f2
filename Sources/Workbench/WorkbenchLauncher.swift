import Foundation
import Rules
import Terminal
import Warehouse

/// Opens the workbench on a terminal: checks the warehouse, prepares the locale, the theme
/// and ncurses, then runs the event loop until the analyst quits or a signal stops it.
///
/// Everything that can fail before drawing (a missing warehouse, an unknown theme, a
/// terminal that cannot address the cursor) throws before ncurses starts, so the error is
/// printed on a normal terminal.
public enum WorkbenchLauncher {
    /// Runs the workbench and returns the process's exit status: 0 after quitting, 128 plus
    /// the signal's number after SIGHUP, SIGTERM or SIGINT.
    public static func run(_ options: WorkbenchOptions) throws -> Int32 {
        let accessWarnings = try checkAccess(options)
        let setting = try WarehouseSetting.open(path: options.warehousePath, asOf: options.asOf)
        let localeNotice = try TerminalLocale.prepare()
        let (theme, themeMessages) = try loadTheme(options)
        let terminal = try CursesTerminal.start(theme: theme, environment: options.environment)

        let loop = EventLoop<WorkbenchMessage>(device: terminal)
        let poster = loop.poster
        let rules = RuleSetting(
            warehousePath: options.warehousePath, outbox: options.outboxPath, user: options.user, environment: options.environment)
        let history = PublishedRuleHistory(warehouse: setting.path, environment: options.environment)
        let app = WorkbenchApp(setting: setting, ruleHistory: history, ruleSetting: rules) { poster.post($0) }
        app.status.post(.info, "opened \(setting.path), figures as of \(setting.asOf.iso)")
        for message in themeMessages {
            app.status.post(message)
        }
        for warning in accessWarnings {
            app.status.post(.warning, warning.message + "; " + warning.help)
        }
        if let localeNotice {
            app.status.post(.warning, localeNotice)
        }
        if !setting.isFast {
            app.status.post(.warning, "the derived data does not match the warehouse yet, so figures come from SQL and may be slow")
        }
        if let warning = setting.asOfWarning {
            app.status.post(.warning, warning)
        }

        let watcher = DataWatcher(
            path: setting.path, shownGeneration: setting.generation, interval: DataWatcher.interval(options.environment)
        ) { poster.post(.dataLanded($0)) }
        watcher.start()
        let reason = loop.run(app)
        watcher.stop()
        if reason != .quit, terminal.isAttached {
            FileHandle.standardError.write(Data("dotwork: the workbench stopped on \(describe(reason))\n".utf8))
        }
        return reason.exitStatus
    }

    /// Sets the team umask and checks that the warehouse is readable, before anything is
    /// created or drawn. Problems with `rules.db` and the outbox come back as warnings, because
    /// figures can be browsed without them.
    static func checkAccess(_ options: WorkbenchOptions) throws -> [AccessProblem] {
        TeamUmask.apply(forWarehouse: options.warehousePath)
        let layout = AccessCheck.Layout(warehousePath: options.warehousePath, outbox: options.outboxPath)
        let needs = AccessCheck.Needs(warehouse: .read, rules: .write, outbox: .write, rulesAndOutboxAreOptional: true)
        return try AccessCheck.require(layout, needs: needs)
    }

    /// Loads the chosen theme, or the default one. A missing default theme is not an error:
    /// the workbench then draws in the terminal's own colours and posts a warning.
    private static func loadTheme(_ options: WorkbenchOptions) throws -> (Theme, [StatusMessage]) {
        let locator = ThemeLocator(environment: options.environment)
        let name = options.themeName ?? ThemeLocator.defaultName
        do {
            let (theme, warnings) = try locator.load(name)
            return (theme, warnings.map { StatusMessage(.warning, "theme: \($0)") })
        } catch {
            guard case .themeNotFound = error, options.themeName == nil else { throw error }
            return (Theme.plain, [StatusMessage(.warning, "theme '\(name)' not found, so the terminal's own colours are used")])
        }
    }

    private static func describe(_ reason: StopReason) -> String {
        switch reason {
        case .quit: return "quit"
        case .hangup: return "SIGHUP"
        case .terminated(let signal): return SignalRelay.name(of: signal)
        }
    }
}
