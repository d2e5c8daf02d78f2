import Dispatch
import Foundation
import Synchronization

/// Turns Ctrl-C, SIGTERM and SIGHUP into a flag that long work checks between steps, so it
/// can roll back and say so instead of dying mid-way.
final class Interruption {
    /// The last signal caught, 0 for none; written on the signal queue, read by the worker.
    private final class Flag: Sendable {
        let signalNumber = Atomic<Int32>(0)
    }

    private static let caught: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private let flag = Flag()
    private var sources: [DispatchSourceSignal] = []

    /// Starts catching the signals; they stay caught for the life of the process.
    init() {
        let queue = DispatchQueue(label: "dotwork.signals")
        for number in Interruption.caught {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let flag = self.flag
            source.setEventHandler {
                flag.signalNumber.store(number, ordering: .relaxed)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The name of the signal that arrived, or nil.
    func signalName() -> String? {
        switch flag.signalNumber.load(ordering: .relaxed) {
        case 0: return nil
        case SIGINT: return "Ctrl-C (SIGINT)"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        case let number: return "signal \(number)"
        }
    }
}
