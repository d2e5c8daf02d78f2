import Warehouse

/// The catalog of one warehouse, read once: attribute types from `attribute_types`, SKUs and
/// categories from `products`.
///
/// It keeps the lists in memory, so checking never touches the database again and the value
/// can move to another thread. Build a new one after an import.
public struct WarehouseCatalog: Catalog {
    private let lists: InMemoryCatalog

    /// Reads the catalog from `database`. Attribute types other than `number`, `date` and
    /// `text` cannot be stored (the column has a CHECK constraint) and are skipped.
    public init(database: Database) throws {
        var attributeTypes: [String: AttributeType] = [:]
        for (name, type) in try database.query("SELECT name, type FROM attribute_types ORDER BY name", row: {
            ($0.text(0), $0.text(1))
        }) {
            if let type = AttributeType(rawValue: type) {
                attributeTypes[name] = type
            }
        }
        let skus = try database.query("SELECT sku FROM products ORDER BY sku") { $0.text(0) }
        let categories = try database.query(
            "SELECT DISTINCT category FROM products WHERE category IS NOT NULL AND category <> '' ORDER BY category"
        ) { $0.text(0) }
        lists = InMemoryCatalog(attributeTypes: attributeTypes, skus: skus, categories: categories)
    }

    public init(warehouse: Warehouse) throws {
        try self.init(database: warehouse.database)
    }

    public var attributeTypes: [String: AttributeType] { lists.attributeTypes }
    /// Every SKU of `products`, in byte order, for completion in an editor.
    public var skus: [String] { lists.skus }
    /// Every non-empty category of `products`, in byte order.
    public var categories: [String] { lists.categories }
    public func containsSKU(_ sku: String) -> Bool { lists.containsSKU(sku) }
    public func containsCategory(_ category: String) -> Bool { lists.containsCategory(category) }
    public func nearestSKU(to sku: String) -> String? { lists.nearestSKU(to: sku) }
    public func nearestCategory(to category: String) -> String? { lists.nearestCategory(to: category) }
}
