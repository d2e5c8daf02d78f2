import Warehouse

/// The command line's choices for the workbench: the global options `--db`, `--as-of` and
/// `--theme`, the `--outbox` of published rules, the user, and the environment for the
/// terminal type, `NO_COLOR`, the theme folders and `DOTWORK_NOW`.
public struct WorkbenchOptions: Sendable {
    public var warehousePath: String
    /// The as-of date from `--as-of`, or nil for the default.
    public var asOf: CivilDate?
    /// The theme from `--theme`, or nil for the default.
    public var themeName: String?
    public var environment: [String: String]
    /// The outbox from `--outbox`, or nil for `outbox/` beside the warehouse.
    public var outboxPath: String?
    /// The Unix user whose drafts the Rules screen writes.
    public var user: String

    public init(
        warehousePath: String, asOf: CivilDate?, themeName: String?, environment: [String: String], outboxPath: String? = nil,
        user: String = UnixUser.current()
    ) {
        self.warehousePath = warehousePath
        self.asOf = asOf
        self.themeName = themeName
        self.environment = environment
        self.outboxPath = outboxPath
        self.user = user
    }
}
