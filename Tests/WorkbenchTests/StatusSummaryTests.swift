import Testing
import Warehouse

@testable import Workbench

@Suite("StatusSummary")
struct StatusSummaryTests {
    static let setting = WarehouseSetting(
        path: "/data/team/warehouse.db", asOf: CivilDate(iso: "2012-04-20")!, isAsOfChosen: false,
        asOfWarning: "orders end 2012-04-20 and events end 2012-05-30", currency: Currency(code: "GBP")!, isFast: true)

    @Test("every part when there is room")
    func wide() {
        let summary = StatusSummary(position: "row 3 of 12", setting: StatusSummaryTests.setting)
        #expect(summary.text(fitting: 80) == "row 3 of 12  as of 2012-04-20 (!)  warehouse.db  GBP")
    }

    @Test("least needed parts go first")
    func narrow() {
        let summary = StatusSummary(position: "row 3 of 12", setting: StatusSummaryTests.setting)
        #expect(summary.text(fitting: 40) == "row 3 of 12  as of 2012-04-20 (!)")
        #expect(summary.text(fitting: 20) == "row 3 of 12")
        #expect(summary.text(fitting: 8) == "row 3 o…")
    }

    @Test("computing until a table arrives")
    func computing() {
        let summary = StatusSummary(position: nil, setting: StatusSummaryTests.setting)
        #expect(summary.text(fitting: 12) == "computing…")
    }
}
