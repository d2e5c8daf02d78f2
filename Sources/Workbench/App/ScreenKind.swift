/// A top-level screen of the workbench, one digit away.
///
/// The order of `all` is the order of the tabs and of the digits that switch to them, and
/// only the screens listed get a digit and a `show-NAME` command. A new screen (Rules)
/// joins the list with its name, title and a function that makes it.
struct ScreenKind: Sendable {
    /// The name in the screen's command: `show-cohorts`.
    let name: String
    let title: String
    let make: @Sendable (ScreenHost) -> any WorkbenchScreen

    static let cohorts = ScreenKind(name: "cohorts", title: "Cohorts") { CohortsScreen(host: $0) }
    static let pivot = ScreenKind(name: "pivot", title: "Pivot") { PivotScreen(host: $0) }
    static let customers = ScreenKind(name: "customers", title: "Customers") { CustomersScreen(host: $0) }

    /// The screens in tab order; the first is home.
    static let all: [ScreenKind] = [.cohorts, .pivot, .customers]

    /// The command that shows the screen.
    var commandName: String { "show-" + name }
}
