import Glibc

/// The main loop: waits on the terminal's input, the message pipe from worker threads and
/// the signal pipe, hands each event to the application, and draws after each batch.
///
/// One turn of the loop:
/// 1. `poll` the three descriptors, until the application's next deadline if it has one;
/// 2. on SIGHUP, SIGTERM or SIGINT, or when the input hangs up: call the flush hook, then
///    restore the terminal only if it is still attached, and return;
/// 3. deliver posted messages, then every key waiting on the input, in order;
/// 4. redraw once if any outcome asked for it, or a notice when the screen is smaller than
///    `minimumSize`.
/// It runs on the main thread, which is the only one that touches the terminal.
public final class EventLoop<Message: Sendable> {
    public let device: TerminalDevice
    /// Workers post results here; they arrive as `.message` events.
    public let poster = MessagePoster<Message>()
    /// The smallest screen the application is drawn on. Below it a one-line notice shows
    /// the size needed.
    public var minimumSize = Size.minimum

    /// After this many wake-ups with input pending but no key read, the loop checks
    /// whether the terminal is gone, as a closed pty can poll readable forever.
    static var emptyReadLimit: Int { 64 }

    public init(device: TerminalDevice) {
        self.device = device
        SignalRelay.install()
    }

    /// Runs until the application quits or a signal or hang-up stops it, and returns why.
    /// The terminal is stopped when this returns.
    public func run<App: Application>(_ application: App) -> StopReason where App.Message == Message {
        draw(application)
        var emptyReads = 0
        while true {
            var descriptors = [
                pollfd(fd: SignalRelay.readEnd, events: Int16(POLLIN), revents: 0),
                pollfd(fd: poster.readEnd, events: Int16(POLLIN), revents: 0),
                pollfd(fd: device.inputDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout(for: application.nextDeadline))
            var needsDrawing = false

            if ready < 0 && errno != EINTR {
                return stop(application, reason: .hangup)
            }
            if let signal = SignalRelay.drain().first {
                return stop(application, reason: signal == SIGHUP ? .hangup : .terminated(signal: signal))
            }
            var events: [Event<Message>] = []
            if let deadline = application.nextDeadline, deadline <= .now {
                events.append(.timer)
            }
            if descriptors[1].revents != 0 {
                events += poster.drain().map { .message($0) }
            }

            let input = descriptors[2].revents
            let hungUp = Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
            if input & hungUp != 0 && input & Int16(POLLIN) == 0 {
                return stop(application, reason: .hangup)
            }
            // A SIGWINCH interrupts poll, and ncurses reports the new size as a key, so the
            // input is read after an interrupted poll too.
            if input != 0 || ready < 0 {
                let keys = device.readKeys()
                emptyReads = keys.isEmpty && input != 0 ? emptyReads + 1 : 0
                if emptyReads >= EventLoop.emptyReadLimit {
                    emptyReads = 0
                    if !device.isAttached {
                        return stop(application, reason: .hangup)
                    }
                }
                events += keys.map { $0 == .resize ? .resize(device.size) : .key($0) }
            }

            for event in events {
                let outcome = application.handle(event)
                if case .resize = event {
                    needsDrawing = true
                }
                switch outcome {
                case .quit:
                    return stop(application, reason: .quit)
                case .suspend:
                    device.suspend()
                    _ = application.handle(.resize(device.size))
                    draw(application)
                    needsDrawing = false
                case .redraw, .resize, .submit, .cancel:
                    needsDrawing = true
                case .ignored, .handled:
                    break
                }
            }
            if needsDrawing {
                draw(application)
            }
        }
    }

    /// Draws the application, or the size notice on a screen that is too small.
    public func draw<App: Application>(_ application: App) {
        let size = device.size
        device.render { canvas in
            if size.contains(minimumSize) {
                application.draw(canvas)
            } else {
                SizeNotice(minimum: minimumSize).draw(canvas)
            }
        }
    }

    private func stop<App: Application>(_ application: App, reason: StopReason) -> StopReason {
        application.flush(before: reason)
        if reason == .quit {
            device.stop(restoringTerminal: true)
            return reason
        }
        // The flush is done, so if restoring the terminal ever hangs, SIGALRM ends the
        // process without losing anything.
        alarm(EventLoop.restoreTimeoutSeconds)
        device.stop(restoringTerminal: device.isAttached)
        alarm(0)
        return reason
    }

    static var restoreTimeoutSeconds: UInt32 { 2 }

    private func timeout(for deadline: ContinuousClock.Instant?) -> Int32 {
        guard let deadline else { return -1 }
        let remaining = ContinuousClock.now.duration(to: deadline)
        if remaining <= .zero {
            return 0
        }
        let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: milliseconds + 1)
    }
}
