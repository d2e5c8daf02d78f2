import Foundation
import Text
import Warehouse

/// `dotwork sample`: builds a believable warehouse of a phone and accessories retailer and
/// its community, the same for the same options on every machine.
enum SampleCommand {
    static let defaultCustomers = 20_000

    static let spec = CommandSpec(
        words: ["sample"],
        summary: "build a sample warehouse of a phone retailer and its community (the same for the same options)",
        arguments: [],
        options: [
            .value("--customers", "N", "how many customers, 1 to 10,000,000 (default 20,000); about 1.5 members, 20 events, 2 orders and 5 order lines each"),
            .value("--seed", "S", "the random seed, a whole number from 0 (default 1)"),
            .value("--currency", "CODE", "the currency of a new warehouse (default: the existing warehouse's, else USD)"),
            .flag("--replace", "overwrite a warehouse that already has data"),
            .value("--csv", "DIR", "write one CSV file per table into DIR instead of building a warehouse"),
        ],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let customers = try customerCount(invocation)
        let seed = try seedValue(invocation)
        var currency: Currency?
        if let code = invocation.value("--currency") {
            guard let parsed = Currency(code: code) else {
                throw UsageError.invalidValue(
                    option: "--currency", value: code, reason: Currency.rejectionReason(for: code), command: "sample")
            }
            currency = parsed
        }

        if let folder = invocation.value("--csv") {
            for option in ["--replace", "--currency"] where invocation.isSet(option) {
                throw UsageError.invalidValue(
                    option: "--csv", value: folder,
                    reason: "\(option) applies to a warehouse, and --csv writes files instead", command: "sample")
            }
        }

        let builder = SampleBuilder(customers: customers, seed: seed)
        let interruption = Interruption()
        builder.interruption = { interruption.signalName() }
        let meter = SampleProgress(customers: customers)
        builder.progress = { meter.show($0) }

        let report: SampleBuilder.Report
        let started = ContinuousClock.now
        do {
            if let folder = invocation.value("--csv") {
                report = try builder.writeCSV(folder: folder)
            } else {
                let location = try invocation.warehouseLocation()
                report = try builder.build(
                    at: location.path, currency: currency, replacing: invocation.isSet("--replace"),
                    afterCommit: { try DerivedData.refresh($0) })
            }
        } catch let error as SampleError {
            meter.clear()
            Console.shared.error(error.message, help: error.help)
            return 1
        }
        meter.clear()

        let elapsed = ContinuousClock.now - started
        let phases = report.phaseSeconds.map { "\($0.phase.rawValue) \(seconds($0.seconds))" }
        Console.shared.message("timings: total \(seconds(elapsed)); " + phases.joined(separator: "; "))
        let counts = report.rows.map { "\($0.rows.formatted()) \($0.table)" }.joined(separator: ", ")
        if invocation.isSet("--csv") {
            Console.shared.out("wrote the sample (\(builder.description)) to \(report.path): \(counts)\n")
        } else {
            Console.shared.out(
                "built the sample warehouse \(report.path) (\(builder.description), \(report.currency.code)): \(counts), "
                    + "\(report.memberLinks.formatted()) member links\n")
        }
        return 0
    }

    static func customerCount(_ invocation: Invocation) throws -> Int {
        guard let text = invocation.value("--customers") else { return defaultCustomers }
        guard let count = Int(text.replacingOccurrences(of: "_", with: "")),
            (1...SampleBuilder.maximumCustomers).contains(count)
        else {
            throw UsageError.invalidValue(
                option: "--customers", value: text,
                reason: "expected a whole number from 1 to \(SampleBuilder.maximumCustomers.formatted())", command: "sample")
        }
        return count
    }

    static func seedValue(_ invocation: Invocation) throws -> UInt64 {
        guard let text = invocation.value("--seed") else { return 1 }
        guard let seed = UInt64(text) else {
            throw UsageError.invalidValue(
                option: "--seed", value: text, reason: "expected a whole number from 0 to \(UInt64.max)", command: "sample")
        }
        return seed
    }

    static func seconds(_ duration: Duration) -> String {
        let components = duration.components
        return seconds(Double(components.seconds) + Double(components.attoseconds) / 1e18)
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.1f s", value)
    }
}

/// Progress of a sample build on stderr: the status line on a terminal, and one line per
/// phase otherwise, so logs stay short.
final class SampleProgress {
    private let customers: Int
    private let line = StatusLine()

    init(customers: Int) {
        self.customers = customers
    }

    func show(_ progress: SampleBuilder.Progress) {
        switch progress {
        case .phase(let phase):
            let text = phase == .generate ? "generating \(customers.formatted()) customers" : phase.rawValue
            if line.isTerminal {
                line.show(text)
            } else {
                Console.shared.message("sample: " + text)
            }
        case .rows(let table, let written, let total):
            let percent = total > 0 ? written * 100 / total : 100
            line.show("writing \(table): \(percent)% (\(written.formatted()) of \(total.formatted()) rows)")
        }
    }

    func clear() {
        line.clear()
    }
}
