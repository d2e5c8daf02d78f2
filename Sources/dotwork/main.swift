import Foundation

let status = CommandLineTool.exitStatus(
    arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
Console.shared.flush()
exit(status)
