import Foundation
import Glibc
import Testing

@testable import Terminal

/// A terminal whose input is a pipe the test writes key names to, one per line, and whose
/// screen is a grid.
final class PipeTerminal: TerminalDevice {
    let grid: CellGrid
    let readEnd: Int32
    private(set) var writeEnd: Int32
    var frames = 0
    var stoppedRestoring: Bool?
    var suspensions = 0

    init(size: Size) {
        grid = CellGrid(size: size)
        var ends: [Int32] = [0, 0]
        pipe(&ends)
        readEnd = ends[0]
        writeEnd = ends[1]
        _ = fcntl(readEnd, F_SETFL, fcntl(readEnd, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(readEnd)
        closeInput()
    }

    /// Closes the writing end, as a terminal that hangs up does.
    func closeInput() {
        if writeEnd >= 0 {
            close(writeEnd)
            writeEnd = -1
        }
    }

    func send(_ names: String) {
        let bytes = Array((names.split(separator: " ").joined(separator: "\n") + "\n").utf8)
        _ = bytes.withUnsafeBufferPointer { write(writeEnd, $0.baseAddress, $0.count) }
    }

    var inputDescriptor: Int32 { readEnd }
    var size: Size { grid.size }

    func readKeys() -> [Key] {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(readEnd, &buffer, buffer.count)
        guard count > 0 else { return [] }
        return String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\n").compactMap { name in
            if name == "Resize" {
                grid.resize(to: Size(rows: 6, columns: 20))
                return .resize
            }
            return Key(name: String(name))
        }
    }

    func render(_ draw: (Canvas) -> Void) {
        grid.clear()
        draw(Canvas(screen: grid))
        frames += 1
    }

    func suspend() {
        suspensions += 1
    }

    var isAttached: Bool { true }

    func stop(restoringTerminal: Bool) {
        stoppedRestoring = restoringTerminal
    }
}

final class CountingApp: Application {
    typealias Message = String
    var keysSeen: [Key] = []
    var messages: [String] = []
    var sizes: [Size] = []
    var flushed: [StopReason] = []

    func handle(_ event: Event<String>) -> Outcome {
        switch event {
        case .key(let key):
            keysSeen.append(key)
            switch key {
            case .character("q"): return .quit
            case .control("z"): return .suspend
            default: return .redraw
            }
        case .message(let text):
            messages.append(text)
            return text == "last" ? .quit : .redraw
        case .resize(let size):
            sizes.append(size)
            return .redraw
        case .timer:
            return .handled
        }
    }

    func draw(_ canvas: Canvas) {
        canvas.text("keys \(keysSeen.count)", row: 0)
    }

    func flush(before reason: StopReason) {
        flushed.append(reason)
    }
}

@Suite("EventLoop")
struct EventLoopTests {
    @Test("keys are delivered in order and quit stops the loop")
    func keys() {
        let terminal = PipeTerminal(size: Size(rows: 10, columns: 40))
        let app = CountingApp()
        let loop = EventLoop<String>(device: terminal)
        terminal.send("j k C-z q")
        #expect(loop.run(app) == .quit)
        #expect(app.keysSeen == [.character("j"), .character("k"), .control("z"), .character("q")])
        #expect(terminal.suspensions == 1)
        #expect(app.flushed == [.quit])
        #expect(terminal.stoppedRestoring == true)
        #expect(terminal.grid.line(0) == "keys 3")
        #expect(terminal.frames == 2)
    }

    @Test("messages posted from other threads arrive in order")
    func messages() {
        let terminal = PipeTerminal(size: Size(rows: 10, columns: 40))
        let app = CountingApp()
        let loop = EventLoop<String>(device: terminal)
        let poster = loop.poster
        let thread = Thread {
            for number in 1...100 {
                poster.post("m\(number)")
            }
            poster.post("last")
        }
        thread.start()
        #expect(loop.run(app) == .quit)
        #expect(app.messages == (1...100).map { "m\($0)" } + ["last"])
    }

    @Test("a small screen shows the notice instead of the application")
    func smallScreen() {
        let terminal = PipeTerminal(size: Size(rows: 10, columns: 40))
        let app = CountingApp()
        let loop = EventLoop<String>(device: terminal)
        terminal.send("j Resize q")
        _ = loop.run(app)
        #expect(app.sizes == [Size(rows: 6, columns: 20)])
        loop.draw(app)
        #expect(terminal.grid.line(0) == "Too small (<40×10)")
    }

    @Test("a closed input is a hang-up that flushes")
    func hangUp() {
        let terminal = PipeTerminal(size: Size(rows: 10, columns: 40))
        let app = CountingApp()
        let loop = EventLoop<String>(device: terminal)
        terminal.closeInput()
        #expect(loop.run(app) == .hangup)
        #expect(app.flushed == [.hangup])
    }

    @Test("stop reasons have the shell's exit statuses")
    func exitStatus() {
        #expect(StopReason.quit.exitStatus == 0)
        #expect(StopReason.hangup.exitStatus == 129)
        #expect(StopReason.terminated(signal: SIGTERM).exitStatus == 143)
    }
}
