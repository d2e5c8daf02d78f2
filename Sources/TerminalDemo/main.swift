import Foundation
import Glibc
import Terminal

/// Parses the demo's options: `--theme NAME`, `--rows N`.
func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(status)
}

let arguments = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfo.processInfo.environment
let rowText = option("--rows", in: arguments) ?? "1000000"
guard let rowCount = Int(rowText), rowCount >= 0 else {
    fail("error: invalid value '\(rowText)' for --rows: expected a whole number of rows", status: 2)
}

let localeNotice: String?
let themeResult: (theme: Theme, warnings: [ThemeWarning])
let terminal: CursesTerminal
do {
    localeNotice = try TerminalLocale.prepare()
    themeResult = try ThemeLocator(environment: environment).load(option("--theme", in: arguments) ?? ThemeLocator.defaultName)
    terminal = try CursesTerminal.start(theme: themeResult.theme, environment: environment)
} catch {
    fail(error.description, status: 1)
}

let loop = EventLoop<DemoApp.Message>(device: terminal)
let app = DemoApp(rowCount: rowCount, size: terminal.size, poster: loop.poster, flushFile: environment["DOTWORK_DEMO_FLUSH_FILE"])
app.status.post(.info, "theme \(themeResult.theme.name), \(terminal.colorMode.rawValue)")
for warning in themeResult.warnings {
    app.status.post(.warning, "theme: \(warning)")
}
if let localeNotice {
    app.status.post(.warning, localeNotice)
}

let reason = loop.run(app)
if reason != .quit, terminal.isAttached {
    FileHandle.standardError.write(Data("TerminalDemo: stopped by \(DemoApp.describe(reason))\n".utf8))
}
exit(reason.exitStatus)
