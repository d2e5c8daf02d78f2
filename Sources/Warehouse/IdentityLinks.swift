/// Links community members to customers, as the identity rules say.
///
/// A member is linked to a customer when its `(provider, external_id)` matches one of the
/// customer's identities, where `customers.email` counts as an `email` identity. Matching
/// trims spaces, compares emails in lower case and reads a numeric id written `17850.0` as
/// `17850`; both sides store that normal form in `match_key` at import. A member whose
/// provider is `customer` links straight to the customer with that id. Links are
/// many-to-many (a shared household address links one member to several customers) and are
/// rebuilt whole after every import that can change them.
public enum IdentityLinks {
    /// The normal form of an external id for matching.
    public static func matchKey(provider: String?, externalID: String) -> String {
        var key = String(externalID.trimmingWhitespace())
        if provider == "email" {
            key = key.lowercased()
        }
        if let dot = key.firstIndex(of: "."), dot != key.startIndex {
            let whole = key[..<dot]
            let fraction = key[key.index(after: dot)...]
            if !fraction.isEmpty, fraction.allSatisfy({ $0 == "0" }), whole.allSatisfy(isASCIIDigit) {
                key = String(whole)
            }
        }
        return key
    }

    /// Rebuilds `member_links` from members, identities and customer emails.
    public static func rebuild(_ database: Database) throws {
        try database.execute("DELETE FROM member_links")
        try database.execute(
            """
            INSERT OR IGNORE INTO member_links (source, member_id, customer_id)
            SELECT m.source, m.member_id, i.customer_id
              FROM members m
              JOIN customer_identities i ON i.provider = m.provider AND i.match_key = m.match_key
              JOIN customers c ON c.customer_id = i.customer_id
            UNION ALL
            SELECT m.source, m.member_id, c.customer_id
              FROM members m
              JOIN customers c ON c.email_key = m.match_key
             WHERE m.provider = 'email'
            UNION ALL
            SELECT m.source, m.member_id, c.customer_id
              FROM members m
              JOIN customers c ON c.customer_id = m.match_key
             WHERE m.provider = 'customer'
            """)
    }
}
