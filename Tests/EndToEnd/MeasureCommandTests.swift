import Foundation
import Testing

/// `dotwork rule measure` through the binary, on copies of the golden warehouse with
/// big-spenders published at a past as-of date.
@Suite("Measure command")
struct MeasureCommandTests {
    let publishing = try! PublishCommandTests()

    func dotwork(_ arguments: [String], now: String = "2026-01-10T09:00:00Z") throws -> DotworkProcess.Result {
        try publishing.dotwork(arguments, now: now)
    }

    /// Publishes big-spenders as of 2012-03-01, where it has one hit, held out.
    func publishPast() throws {
        try publishing.prepare("big-spenders", extra: ["--as-of", "2012-03-01"])
        let publish = try dotwork(["rule", "publish", "big-spenders", "--as-of", "2012-03-01", "--allow-past-as-of"])
        #expect(publish.status == 0, "stderr: \(publish.stderr)")
    }

    @Test("golden groups too small in a table")
    func tooSmallTable() throws {
        try publishPast()
        let result = try dotwork(["rule", "measure", "big-spenders"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("window          2012-03-02 to 2012-04-20, 50 days\n"))
        #expect(result.stdout.contains("revenue                 0.00    17.50\n"))
        #expect(result.stdout.contains("offer cost  0.00 USD; 12.00 USD × 0 targets\n"))
        #expect(
            result.stdout.contains(
                "verdict: the groups are too small to tell: the target has 0 customers (30 needed) and 0 buyers (5 needed), "
                    + "the holdout has 1 customer (30 needed) and 1 buyer (5 needed); intervals are left out\n"))
        #expect(result.stderr.contains("note: big-spenders v1 is valid until 2026-02-09T09:00:00Z"))
    }

    @Test("CSV has the header and CRLF")
    func csv() throws {
        try publishPast()
        let result = try dotwork(["rule", "measure", "big-spenders", "--version", "v1", "--format", "csv"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.components(separatedBy: "\r\n")
        #expect(lines.count == 3)
        #expect(lines.last == "")
        #expect(lines[0].hasPrefix("rule,version,version_as_of,window_start,window_end,window_days,target_customers,"))
        #expect(lines[0].hasSuffix(",offer_cost,uplift_after_cost,uplift_after_cost_low,uplift_after_cost_high,verdict"))
        #expect(lines[1] == "big-spenders,1,2012-03-01,2012-03-02,2012-04-20,50,0,1,0,1,,1.0000,,,,0,1,0.00,17.50,,17.50,,,,,,,0.00,,,,groups-too-small")
        #expect(result.stderr.contains("note: the groups are too small to tell"))
    }

    @Test("short window, withdrawn and expired versions")
    func windowAndStates() throws {
        try publishPast()
        let short = try dotwork(["rule", "measure", "big-spenders", "--as-of", "2012-03-04"])
        #expect(short.status == 0)
        #expect(short.stdout.contains("verdict: too early to tell: the window has 3 days, and a measurement needs at least 7; "
            + "measure again as of 2012-03-08 or later\n"))
        let before = try dotwork(["rule", "measure", "big-spenders", "--as-of", "2012-02-01"])
        #expect(before.stdout.contains("window          none: 2012-02-01 is not after the version's as-of date\n"))
        #expect(before.stdout.contains("verdict: nothing to measure yet"))

        let withdrawn = try dotwork(["rule", "withdraw", "big-spenders"], now: "2026-01-12T00:00:00Z")
        #expect(withdrawn.status == 0)
        let afterWithdrawal = try dotwork(["rule", "measure", "big-spenders"], now: "2026-01-13T00:00:00Z")
        #expect(afterWithdrawal.status == 0)
        #expect(afterWithdrawal.stderr.contains("note: big-spenders v1 was withdrawn by alice at 2026-01-12T00:00:00Z"))
        let expired = try dotwork(["rule", "measure", "big-spenders"], now: "2027-01-01T00:00:00Z")
        #expect(expired.status == 0)
        #expect(!expired.stderr.contains("valid until"))
    }

    @Test("unknown rule, version and bad input")
    func failures() throws {
        let never = try dotwork(["rule", "measure", "big-spenders"])
        #expect(never.status == 1)
        #expect(never.stderr.contains("error: rule big-spenders has no published version"))
        try publishPast()
        let unknown = try dotwork(["rule", "measure", "big-spenders", "--version", "4"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("error: rule big-spenders has no version 4; the latest is v1"))
        for (arguments, message) in [
            (["--version", "x"], "invalid value 'x' for --version"),
            (["--format", "json"], "invalid value 'json' for --format"),
        ] {
            let result = try dotwork(["rule", "measure", "big-spenders"] + arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        let badName = try dotwork(["rule", "measure", "Big Spenders"])
        #expect(badName.status == 2)
        let help = try DotworkProcess.run(["rule", "measure", "--help"])
        #expect(help.stdout.contains("--version N"))
    }
}
