import Foundation
import Synchronization
import Testing
import Warehouse

@testable import Workbench

@Suite("QueryRunner")
struct QueryRunnerTests {
    /// Completions posted by workers, collected for the test.
    final class Collector: Sendable {
        let completions = Mutex<[QueryCompletion]>([])

        /// Waits until `count` completions have arrived, or 30 seconds.
        func wait(for count: Int) -> [QueryCompletion] {
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                let arrived = completions.withLock { $0 }
                if arrived.count >= count {
                    return arrived
                }
                usleep(2_000)
            }
            return completions.withLock { $0 }
        }
    }

    func runner(setting: WarehouseSetting, workerLimit: Int) -> (QueryRunner, Collector) {
        let collector = Collector()
        let runner = QueryRunner(setting: setting, workerLimit: workerLimit) { completion in
            collector.completions.withLock { $0.append(completion) }
        }
        return (runner, collector)
    }

    @Test("results come back for live queries")
    func live() throws {
        let (runner, collector) = runner(setting: try GoldenFixture.setting(), workerLimit: 2)
        let ticket = runner.submit(.cohorts(.region))
        #expect(runner.isLive(ticket))
        let completion = try #require(collector.wait(for: 1).first)
        #expect(completion.ticket == ticket)
        #expect(runner.finish(completion))
        #expect(!runner.hasLiveQueries)
        guard case .success(.cohorts(let table))? = completion.outcome else {
            Issue.record("expected cohorts, got \(String(describing: completion.outcome))")
            return
        }
        #expect(table.dimension == .region)
    }

    @Test("a cancelled waiting query never runs")
    func cancelledWaiting() throws {
        let (runner, collector) = runner(setting: try GoldenFixture.setting(), workerLimit: 1)
        let first = runner.submit(.retention)
        let second = runner.submit(.cohorts(.tier))
        runner.cancel(second)
        let completion = try #require(collector.wait(for: 1).first)
        #expect(completion.ticket == first)
        #expect(runner.finish(completion))
        usleep(100_000)
        #expect(collector.completions.withLock { $0.count } == 1)
    }

    @Test("a cancelled running query completes as stale")
    func cancelledRunning() throws {
        let (runner, collector) = runner(setting: try GoldenFixture.setting(), workerLimit: 1)
        let ticket = runner.submit(.retention)
        runner.cancel(ticket)
        #expect(!runner.isLive(ticket))
        for completion in collector.wait(for: 1) {
            #expect(!runner.finish(completion))
        }
    }

    @Test("background queries run one at a time")
    func background() throws {
        let (runner, collector) = runner(setting: try GoldenFixture.setting(), workerLimit: 2)
        let first = runner.submit(.cohorts(.region), priority: .background)
        let second = runner.submit(.cohorts(.tier), priority: .background)
        let completion = try #require(collector.wait(for: 1).first)
        #expect(completion.ticket == first)
        usleep(100_000)
        #expect(collector.completions.withLock { $0.count } == 1)
        #expect(runner.finish(completion))
        #expect(collector.wait(for: 2).last?.ticket == second)
    }

    @Test("interactive and promoted queries do not wait")
    func promoted() throws {
        let (runner, collector) = runner(setting: try GoldenFixture.setting(), workerLimit: 2)
        _ = runner.submit(.cohorts(.region), priority: .background)
        let waiting = runner.submit(.cohorts(.tier), priority: .background)
        runner.promote(waiting)
        let tickets = collector.wait(for: 2).map(\.ticket)
        #expect(tickets.contains(waiting))
    }

    @Test("failures carry the warehouse's message")
    func failure() throws {
        let golden = try GoldenFixture.setting()
        let missing = WarehouseSetting(
            path: "/nonexistent/warehouse.db", asOf: golden.asOf, isAsOfChosen: false, asOfWarning: nil,
            currency: golden.currency, isFast: true)
        let (runner, collector) = runner(setting: missing, workerLimit: 1)
        _ = runner.submit(.cohorts(.region))
        let completion = try #require(collector.wait(for: 1).first)
        guard case .failure(let failure)? = completion.outcome else {
            Issue.record("expected a failure, got \(String(describing: completion.outcome))")
            return
        }
        #expect(failure.message.contains("/nonexistent/warehouse.db"))
    }
}
