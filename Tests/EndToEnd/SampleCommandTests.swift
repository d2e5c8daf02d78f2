import Foundation
import Testing

@Suite("Sample command")
struct SampleCommandTests {
    let folder = ScratchFolder()

    var database: String { folder.file("warehouse.db") }

    func dotwork(_ arguments: [String]) throws -> DotworkProcess.Result {
        try DotworkProcess.run(arguments, environment: ["DOTWORK_DB": database, "HOME": folder.path])
    }

    @Test("builds a warehouse that stats reads")
    func build() throws {
        let result = try dotwork(["sample", "--customers", "200", "--seed", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("built the sample warehouse \(database) (dotwork sample --customers 200 --seed 5, USD): 200 customers"))
        #expect(result.stderr.contains("timings: total "))
        #expect(result.stderr.contains("sample: build indexes"))

        let stats = try dotwork(["stats"])
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("schema      version 1, generation 1"))
        #expect(stats.stdout.contains("WAL         0 bytes in ") || stats.stdout.contains("WAL         none"))
        #expect(!stats.stdout.contains("warning:"))
        #expect(stats.stdout.contains("sample  replace"))
    }

    @Test("needs --replace over data")
    func replace() throws {
        #expect(try dotwork(["sample", "--customers", "30"]).status == 0)
        let refused = try dotwork(["sample", "--customers", "40"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: the warehouse at \(database) already has data (in customers,"))
        #expect(refused.stderr.contains("help: add --replace"))

        let replaced = try dotwork(["sample", "--customers", "40", "--replace"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains(": 40 customers"))
    }

    @Test("writes CSV files that import")
    func csv() throws {
        let csvFolder = folder.file("csv")
        let result = try dotwork(["sample", "--customers", "50", "--csv", csvFolder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: database))
        let names = try FileManager.default.contentsOfDirectory(atPath: csvFolder).sorted()
        #expect(names == ["customer_identities.csv", "customers.csv", "events.csv", "members.csv", "order_lines.csv", "orders.csv", "products.csv"])
        let text = try String(contentsOfFile: csvFolder + "/order_lines.csv", encoding: .utf8)
        #expect(text.components(separatedBy: "\r\n").first == "order_id,line_no,sku,quantity,unit_price,line_total")

        #expect(try dotwork(["init"]).status == 0)
        let imported = try dotwork(["import", "orders", csvFolder + "/orders.csv"])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    @Test("usage mistakes exit 2", arguments: [
        (["sample", "--customers", "0"], "expected a whole number from 1 to 10,000,000"),
        (["sample", "--customers", "many"], "invalid value 'many' for --customers"),
        (["sample", "--seed", "-1"], "invalid value '-1' for --seed"),
        (["sample", "--currency", "JPY"], "invalid value 'JPY' for --currency"),
        (["sample", "--csv", "out", "--replace"], "--csv writes files instead"),
    ])
    func usage(arguments: [String], expected: String) throws {
        let result = try dotwork(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }
}
