import Warehouse

/// The command line's choices for the workbench: the global options `--db`, `--as-of` and
/// `--theme`, and the environment for the terminal type, `NO_COLOR` and the theme folders.
public struct WorkbenchOptions: Sendable {
    public var warehousePath: String
    /// The as-of date from `--as-of`, or nil for the default.
    public var asOf: CivilDate?
    /// The theme from `--theme`, or nil for the default.
    public var themeName: String?
    public var environment: [String: String]

    public init(warehousePath: String, asOf: CivilDate?, themeName: String?, environment: [String: String]) {
        self.warehousePath = warehousePath
        self.asOf = asOf
        self.themeName = themeName
        self.environment = environment
    }
}
