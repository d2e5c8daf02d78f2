import Foundation
import Warehouse

/// The normal form in which customers are searched: Unicode NFC, then lower case.
///
/// NFC makes `é` typed as one code point or as `e` + U+0301 the same key; lower-casing makes
/// the search case-insensitive; accents are kept, so `e` does not find `é`.
public enum SearchKey {
    public static func normalize(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.lowercased().trimmingCharacters(in: .whitespaces)
    }

    /// The keys a customer is found by: id, email, whole name and each later word of the name.
    static func keys(id: String, name: String?, email: String?) -> [String] {
        var keys = [normalize(id)]
        if let email, !email.isEmpty {
            keys.append(normalize(email))
        }
        if let name, !name.isEmpty {
            let whole = normalize(name)
            keys.append(whole)
            for word in whole.split(separator: " ").dropFirst() {
                keys.append(String(word))
            }
        }
        return Array(Set(keys)).sorted()
    }
}

extension FastContext {
    /// Returns the ordinals of customers in scope with a search key that starts with `text`,
    /// in id order. Throws `CancellationError` when `isCancelled` returns true, which it checks
    /// every `AnalysisEngine.searchChunk` keys.
    func search(_ text: String, isCancelled: () -> Bool = { false }) throws -> [Int] {
        let prefix = Array(SearchKey.normalize(text).utf8)
        guard !prefix.isEmpty else { return [] }
        let count = snapshot.searchCustomer.count
        func key(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            let start = Int(snapshot.searchOffsets[index])
            let end = Int(snapshot.searchOffsets[index + 1])
            return UnsafeBufferPointer(rebasing: snapshot.searchBlob[start..<end])
        }
        // The first key not below the prefix.
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if key(middle).lexicographicallyPrecedes(prefix) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        // A customer has several keys (id, email, name, words of the name) and may match
        // through more than one, so the ordinals are sorted and repeats dropped.
        var found: [Int] = []
        var index = low
        while index < count, key(index).starts(with: prefix) {
            if (index - low) % AnalysisEngine.searchChunk == 0 && isCancelled() {
                throw CancellationError()
            }
            let customer = Int(snapshot.searchCustomer[index])
            if included[customer] {
                found.append(customer)
            }
            index += 1
        }
        found.sort()
        var unique: [Int] = []
        unique.reserveCapacity(found.count)
        for customer in found where customer != unique.last {
            unique.append(customer)
        }
        return unique
    }
}

/// The first customers a search found, in id order, and how many it found in all.
public struct CustomerSearchPage: Sendable, Equatable {
    public let customers: [CustomerRecord]
    public let total: Int

    /// Whether the page contains every customer found.
    public var isComplete: Bool { customers.count == total }
}

extension AnalysisEngine {
    /// The customers whose names and emails a search reads between two checks of its cancellation.
    static let searchChunk = 4096

    /// The customers in scope whose id, email, name or a word of the name starts with `text`,
    /// compared in `SearchKey` form, in id order.
    ///
    /// Filling names and emails takes one lookup per customer, seconds for a million, so on
    /// the snapshot path `isCancelled` is checked between chunks of keys and of customers, and
    /// a true value throws `CancellationError`. The path without a snapshot does not check it.
    public func searchCustomers(
        _ text: String, asOf: CivilDate, isCancelled: () -> Bool = { false }
    ) throws -> [CustomerRecord] {
        try searchCustomers(text, asOf: asOf, limit: .max, isCancelled: isCancelled).customers
    }

    /// Returns the first `limit` customers that `searchCustomers(_:asOf:isCancelled:)` finds,
    /// with the number found in all. On the snapshot path only those first customers are
    /// read, so a page of a million matches costs about as much as a page of a few.
    public func searchCustomers(
        _ text: String, asOf: CivilDate, limit: Int, isCancelled: () -> Bool = { false }
    ) throws -> CustomerSearchPage {
        precondition(limit >= 0, "a search page cannot hold \(limit) customers")
        guard let context = fastContext(asOf: asOf) else {
            let all = try referenceSearch(text, asOf: asOf)
            return CustomerSearchPage(customers: Array(all.prefix(limit)), total: all.count)
        }
        let ordinals = try context.search(text, isCancelled: isCancelled)
        let page = ordinals.prefix(limit)
        var found: [CustomerRecord] = []
        found.reserveCapacity(page.count)
        for start in stride(from: 0, to: page.count, by: AnalysisEngine.searchChunk) {
            if isCancelled() {
                throw CancellationError()
            }
            let records = page[start..<min(start + AnalysisEngine.searchChunk, page.count)].map { context.record(of: $0) }
            found += try withNamesAndEmails(DrillDownResult(customers: records)).customers
        }
        return CustomerSearchPage(customers: found, total: ordinals.count)
    }

    /// Finds customers by reading every customer and comparing its keys in `SearchKey` form.
    private func referenceSearch(_ text: String, asOf: CivilDate) throws -> [CustomerRecord] {
        // Without a snapshot, every customer is read and compared in the same normal form.
        let prefix = SearchKey.normalize(text)
        guard !prefix.isEmpty else { return [] }
        let matching = try warehouse.database.query(
            "SELECT customer_id, name, email FROM customers WHERE signup_date IS NULL OR signup_date <= ?", [asOf.iso]
        ) { row -> String? in
            let keys = SearchKey.keys(id: row.text(0), name: row.optionalText(1), email: row.optionalText(2))
            return keys.contains { $0.hasPrefix(prefix) } ? row.text(0) : nil
        }.compactMap { $0 }
        let tiers = try Ladder.customerTiers(warehouse.database, asOf: asOf)
        return try matching.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.compactMap { id in
            try warehouse.database.query(
                "SELECT customer_id, name, email, region, country, channel, signup_date FROM customers WHERE customer_id = ?", [id]
            ) {
                CustomerRecord(
                    id: $0.text(0), name: $0.optionalText(1), email: $0.optionalText(2), region: $0.optionalText(3),
                    country: $0.optionalText(4), channel: $0.optionalText(5), signupDate: $0.optionalText(6),
                    tier: tiers[id] ?? .none)
            }.first
        }
    }
}
