import Text

/// The one line shown instead of the application on a screen below the minimum size.
public struct SizeNotice {
    public var minimum: Size

    public init(minimum: Size) {
        self.minimum = minimum
    }

    /// Returns the notice for a screen of `size`: the longest wording that fits its width.
    public func text(for size: Size) -> String {
        let wordings = [
            "Terminal too small (\(size)): needs at least \(minimum)",
            "Too small (\(size)): needs \(minimum)",
            "Too small: needs \(minimum)",
            "Too small (<\(minimum))",
            "Too small",
        ]
        return wordings.first { DisplayWidth.columns(of: $0) <= size.columns } ?? wordings.last!
    }

    public func draw(_ canvas: Canvas) {
        guard canvas.rows > 0 else { return }
        canvas.text(text(for: canvas.size), row: 0, role: .notice)
    }
}
