/// Times the steps of a command when the `DOTWORK_TIMINGS` environment variable is set, and
/// reports them on stderr as one `timings:` line that `make bench` reads.
///
/// The line reads `timings: total 0.412 s; check 0.003 s; …`, each step in milliseconds
/// precision, in the order the steps ran.
final class StepTimings {
    private let isEnabled: Bool
    private let started = ContinuousClock.now
    private var steps: [(name: String, seconds: Double)] = []

    init(environment: [String: String]) {
        isEnabled = !(environment["DOTWORK_TIMINGS"] ?? "").isEmpty
    }

    /// Runs `body` and records how long it took under `name`.
    func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        let result = try body()
        if isEnabled {
            steps.append((name, StepTimings.seconds(ContinuousClock.now - start)))
        }
        return result
    }

    /// Computes a figure again when timings are on, as the workbench does once the as-of date's
    /// context is built. With `DOTWORK_TIMINGS=sql` it also times the SQL reference of the same
    /// figure. Both results must equal `fast`, so the times `make bench` compares are of one answer.
    func measureAgain<Figure: Equatable>(
        _ invocation: Invocation, fast: Figure, what: String,
        _ warm: () throws -> Figure, reference: () throws -> Figure
    ) throws {
        guard isEnabled else { return }
        let again = try measure("compute, warm", warm)
        guard again == fast else {
            throw FigureMismatch(figure: what, other: "a second computation in the same process")
        }
        guard invocation.environment["DOTWORK_TIMINGS"] == "sql" else { return }
        let referenceFigure = try measure("sql reference", reference)
        guard referenceFigure == fast else {
            throw FigureMismatch(figure: what, other: "the SQL reference")
        }
    }

    /// Writes the timings line on stderr, when timings are on.
    func report() {
        guard isEnabled else { return }
        let parts = [("total", StepTimings.seconds(ContinuousClock.now - started))] + steps
        Console.shared.message("timings: " + parts.map { "\($0.0) \(String(format: "%.3f", $0.1)) s" }.joined(separator: "; "))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let components = duration.components
        return Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// A figure that came out differently from two computations that must agree.
struct FigureMismatch: Error, CustomStringConvertible {
    let figure: String
    let other: String

    var description: String {
        "the \(figure) from the derived data differs from \(other); rebuild the derived data with 'dotwork init' and report this if it stays"
    }
}
