import Warehouse

/// The one place where commands that commit new raw rows (`import`, `sample`) refresh the
/// derived data that readers use instead of the raw tables.
enum DerivedData {
    /// Refreshes the derived data of `warehouse` for its current generation.
    static func refresh(_ warehouse: Warehouse) throws {
        // NOTE: nothing is derived yet. The analysis engine's refresh (cubes, the per-customer
        // table and the columnar snapshot) is called from here once it exists.
    }
}
