/// The size limits of the expression language. Going past one is a diagnostic at the place
/// where it happened, never a trap or a stack overflow.
///
/// They bound what the parser, the checker and the SQL compiler do with hostile or
/// generated text. Nesting bounds recursion and the nesting of the SQL. Conditions and list
/// items bound the length of the SQL text (SQLite rejects statements over 1,000,000 bytes by
/// default) and the number of its bound parameters (32,766 by default). Literal sizes keep
/// numbers exact in 64 bits and windows within the calendar.
public enum Limits {
    /// Parentheses and `not` nested inside each other.
    ///
    /// SQLite's parser stack is the tightest bound. With SQLite 3.40.1 as Debian 12 builds it,
    /// the compiled SQL of the worst pattern failed with "parser stack overflow" at 28 levels
    /// and ran at 26. That pattern is `not (` alternating `and` and `or`, with a tier test
    /// innermost. Sixteen leaves room for the SQL that a caller wraps around a condition.
    public static let nestingDepth = 16
    /// Comparisons, `in` and `between` tests and bare `bought(…)` calls in one expression.
    public static let conditions = 500
    /// Values in one `in (…)` list.
    public static let listItems = 1_000
    /// Values in all the `in (…)` lists of one expression together.
    public static let listItemsInTotal = 10_000
    /// Arguments of one function call; no function takes more than two.
    public static let callArguments = 8
    /// Characters (Unicode scalars) in one string literal.
    public static let stringLength = 1_000
    /// Significant digits of a number literal, so every literal is exact in an `Int64`.
    public static let numberDigits = 18
    /// Days in an `N days` or `N weeks` window, a little over 273 years.
    public static let windowDays = 100_000
}
