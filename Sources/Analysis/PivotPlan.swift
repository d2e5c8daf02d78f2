import Text

/// A pivot the grain allows: its dimensions, measure and the fact it counts over.
///
/// The fact is the finest of those the measure and the two dimensions bring. `sku` and
/// `category` read `events.sku` when the measure or the other dimension belongs to members or
/// events, and order lines otherwise. A pivot that would need members or events together with
/// orders or lines is rejected, because no fact row has both.
public struct PivotPlan: Sendable, Equatable {
    public let rows: PivotDimension
    public let columns: PivotDimension
    public let measure: Measure
    public let fact: Fact

    /// Why a pivot is rejected. The wording is in `message` and `help`.
    public enum Rejection: Error, Equatable, Sendable {
        case sameDimension(PivotDimension)
        case unknownEventKind(String, suggestion: String?)
        case mixedFacts(community: String, sales: String)
    }

    public init(rows: PivotDimension, columns: PivotDimension, measure: Measure) throws(Rejection) {
        if rows == columns {
            throw .sameDimension(rows)
        }
        if case .eventsOfKind(let kind) = measure, !PivotPlan.eventKinds.contains(kind) {
            throw .unknownEventKind(kind, suggestion: PivotPlan.nearestKind(kind))
        }
        let readsEvents = measure.fact.isCommunity || rows.isCommunityDimension || columns.isCommunityDimension
        func fact(of dimension: PivotDimension) -> Fact {
            if dimension == .sku || dimension == .category {
                return readsEvents ? .events : .orderLines
            }
            return dimension.ownFact
        }
        let parts: [(String, Fact)] = [
            ("--measure \(measure.name)", measure.fact), ("--rows \(rows.rawValue)", fact(of: rows)),
            ("--cols \(columns.rawValue)", fact(of: columns)),
        ]
        if let community = parts.first(where: { $0.1.isCommunity }), let sales = parts.first(where: { $0.1.isSales }) {
            throw .mixedFacts(community: community.0, sales: sales.0)
        }
        self.rows = rows
        self.columns = columns
        self.measure = measure
        self.fact = parts.map(\.1).max()!
    }

    static let eventKinds = ["view", "join", "login", "rate", "review", "comment", "post", "share"]

    static func nearestKind(_ kind: String) -> String? {
        Suggestion.nearest(to: kind, among: eventKinds)
    }
}

extension PivotPlan.Rejection {
    public var message: String {
        switch self {
        case .sameDimension(let dimension):
            return "--rows and --cols are both \(dimension.rawValue)"
        case .unknownEventKind(let kind, _):
            return "unknown event kind '\(kind)' in events:\(kind)"
        case .mixedFacts(let community, let sales):
            return "\(community) counts members or events and \(sales) counts orders; no row of the warehouse has both"
        }
    }

    public var help: String {
        switch self {
        case .sameDimension:
            return "choose two different dimensions"
        case .unknownEventKind(_, let suggestion):
            return (suggestion.map { "did you mean 'events:\($0)'? " } ?? "") + "kinds: " + PivotPlan.eventKinds.joined(separator: ", ")
        case .mixedFacts:
            return "filter customers by their activity instead, such as --where 'count(review, 90 days) > 0' or --where 'orders() > 0'"
        }
    }
}
