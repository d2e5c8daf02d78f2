import Text
import Warehouse

/// The names an expression may use, so the checker can resolve them and suggest the
/// nearest one for a misspelling.
///
/// Fields and event kinds are fixed by the language and the warehouse schema, so their
/// default lists serve every catalog. Attribute names and types, SKUs and categories come
/// from the data.
public protocol Catalog: Sendable {
    var fields: [CustomerField] { get }
    var eventKinds: [EventKind] { get }
    /// The recorded type of each extra customer column.
    var attributeTypes: [String: AttributeType] { get }
    func containsSKU(_ sku: String) -> Bool
    func containsCategory(_ category: String) -> Bool
    /// Returns the known SKU closest to `sku`, for a "did you mean".
    func nearestSKU(to sku: String) -> String?
    /// Returns the known category closest to `category`, for a "did you mean".
    func nearestCategory(to category: String) -> String?
}

extension Catalog {
    public var fields: [CustomerField] { CustomerField.allCases }
    public var eventKinds: [EventKind] { EventKind.allCases }
}

/// A catalog of fixed lists, for tests and for callers that have no warehouse at hand.
public struct InMemoryCatalog: Catalog {
    public let attributeTypes: [String: AttributeType]
    public let skus: [String]
    public let categories: [String]
    private let skuSet: Set<String>
    private let categorySet: Set<String>

    public init(attributeTypes: [String: AttributeType] = [:], skus: [String] = [], categories: [String] = []) {
        self.attributeTypes = attributeTypes
        self.skus = skus
        self.categories = categories
        self.skuSet = Set(skus)
        self.categorySet = Set(categories)
    }

    public func containsSKU(_ sku: String) -> Bool { skuSet.contains(sku) }
    public func containsCategory(_ category: String) -> Bool { categorySet.contains(category) }
    public func nearestSKU(to sku: String) -> String? { Suggestion.nearest(to: sku, among: skus) }
    public func nearestCategory(to category: String) -> String? {
        Suggestion.nearest(to: category, among: categories)
    }
}
