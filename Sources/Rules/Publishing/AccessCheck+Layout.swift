import Analysis
import Warehouse

extension AccessCheck.Layout {
    /// Creates the layout of the warehouse at `warehousePath`: its derived folder, `rules.db`
    /// beside it, and the outbox at `outbox`, else `outbox/` beside the warehouse.
    public init(warehousePath: String, outbox: String?) {
        self.init(
            warehouse: warehousePath, derivedFolder: AnalysisEngine.derivedFolder(warehouse: warehousePath),
            rulesStore: RuleStore.path(besideWarehouse: warehousePath),
            outbox: Outbox(root: outbox ?? RuleStore.defaultOutbox(besideWarehouse: warehousePath)).root)
    }
}
