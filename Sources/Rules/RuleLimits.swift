/// The size limits of a rule file beyond those of its expression (`Limits`). Going past one
/// is a diagnostic at the place where it happened, never a trap.
public enum RuleLimits {
    /// Bytes in one rule file. A rule at every expression limit (500 conditions, 10,000 list
    /// values) stays well under it, and a larger file is almost surely not a rule.
    public static let fileBytes = 1 << 20
    /// Characters in a rule, offer or flag name, from the pattern `[a-z0-9][a-z0-9-]{0,62}`.
    public static let nameLength = 63
    /// Days an offer may stay valid after publishing: a year, counting a leap day.
    public static let validDays = 366
    /// The largest offer value or cost, in minor units: one million in the warehouse currency.
    /// Larger amounts are almost surely typed in cents by mistake, and the limit keeps every
    /// total (target count × amount) far inside 64 bits.
    public static let amountCents: Int64 = 100_000_000
}
