import Foundation
import Rules
import Warehouse

/// The version `dotwork --version` prints.
let dotworkVersion = "0.1.0"

/// Runs one command line and turns every failure into a message and an exit status.
enum CommandLineTool {
    /// Runs `arguments` (without the program name) and returns 0 on success, 1 on a failure and
    /// 2 on a usage error.
    static func exitStatus(arguments: [String], environment: [String: String]) -> Int32 {
        let parser = ArgumentParser(commands: Commands.all, workbench: Commands.workbench)
        let console = Console.shared
        do {
            switch try parser.parse(arguments, environment: environment) {
            case .version:
                console.out("dotwork \(dotworkVersion)\n")
                return 0
            case .help(let command?, _):
                console.out(HelpText.command(command))
                return 0
            case .help(nil, let group?):
                console.out(HelpText.group(group, commands: Commands.all))
                return 0
            case .help(nil, nil):
                console.out(HelpText.overview(commands: Commands.all))
                return 0
            case .workbench(let invocation), .run(let invocation):
                try GlobalOptionCheck.validate(invocation)
                printWarnings(try CommandAccess.check(invocation))
                return try invocation.command.run(invocation)
            }
        } catch UsageError.invalidExpression(let rendered) {
            // The renderer already writes each problem with its severity, place and help.
            console.message(rendered.hasSuffix("\n") ? String(rendered.dropLast()) : rendered)
            return 2
        } catch let error as UsageError {
            console.error(error.message, help: error.help)
            return 2
        } catch let error as RuleFileError {
            console.error(error.message, help: error.help)
            return 1
        } catch let error as PublishingError {
            console.error(error.message, help: error.help)
            return 1
        } catch let failure as AccessCheckFailure {
            printWarnings(failure.warnings)
            for problem in failure.problems {
                console.error(problem.message, help: problem.help)
            }
            return 1
        } catch let error as WarehouseError {
            console.error(error.message, help: error.help)
            return 1
        } catch let error as DatabaseError {
            console.error(error.description, help: databaseHelp(error))
            return 1
        } catch {
            console.error(String(describing: error), help: nil)
            return 1
        }
    }

    private static func printWarnings(_ warnings: [AccessProblem]) {
        for warning in warnings {
            Console.shared.message("warning: " + warning.message)
            Console.shared.message("help: " + warning.help)
        }
    }

    private static func databaseHelp(_ error: DatabaseError) -> String? {
        if error.isBusy {
            let holders = LockWaitMessages.lastHolders
            if !holders.isEmpty {
                return "nothing was changed; the warehouse stayed locked by " + holders.joined(separator: "; ")
                    + "; run the command again when that has finished"
            }
            return "another dotwork is writing to the warehouse; try again when it has finished"
        }
        if error.isDiskFull {
            return "free space on the warehouse's disk, then run the command again"
        }
        return nil
    }
}
