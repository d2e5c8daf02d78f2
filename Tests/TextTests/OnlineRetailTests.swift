import Testing

#if canImport(Glibc)
import Glibc
#endif

import Text

/// Reads the UCI Online Retail export (541,909 order lines, CRLF, minimal quoting),
/// a real file that the team did not write. The file is shared read-only, so the
/// test only reads it, and it skips when this machine does not have the file.
@Suite("CSVReader on the Online Retail file")
struct OnlineRetailTests {
    static let path = "/work/shared/realdata/uci_online_retail/online_retail_all.csv"
    static let isPresent = access(path, R_OK) == 0

    @Test(
        "every record read",
        .enabled(if: isPresent, "the Online Retail file is not on this machine: \(path)"))
    func everyRecordRead() throws {
        let reader = try CSVReader(path: Self.path)
        let header = try #require(try reader.next())
        #expect(
            try header.strings() == [
                "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID",
                "Country",
            ])

        var dataRecords = 0
        var recordsNotOnTheirLine = 0
        var recordsWithoutEightFields = 0
        var checked: [Int: [String]] = [:]
        while let record = try reader.next() {
            dataRecords += 1
            if record.line != dataRecords + 1 {
                recordsNotOnTheirLine += 1
            }
            if record.count != 8 {
                recordsWithoutEightFields += 1
            }
            if [2, 624, 873, 38_250, 541_910].contains(record.line) {
                checked[record.line] = try record.strings()
            }
        }

        #expect(dataRecords == 541_909)
        #expect(recordsNotOnTheirLine == 0)
        #expect(recordsWithoutEightFields == 0)
        #expect(
            checked[2] == [
                "536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "6", "2010-12-01 08:26:00", "2.55",
                "17850", "United Kingdom",
            ])
        #expect(checked[624] == ["536414", "22139", "nan", "56", "2010-12-01 11:52:00", "0.0", "", "United Kingdom"])
        #expect(checked[873]?[2] == "RECORD FRAME 7\" SINGLE SIZE ")
        #expect(checked[38_250]?[2] == "Dotcomgiftshop Gift Voucher £40.00")
        #expect(
            checked[541_910] == [
                "581587", "22138", "BAKING SET 9 PIECE RETROSPOT ", "3", "2011-12-09 12:50:00", "4.95", "12680",
                "France",
            ])
    }
}
