import Analysis
import Terminal
import Text

extension CellTableSource {
    /// Returns a customer's timeline, newest first, with the columns of the table that
    /// `dotwork customer ID` prints. Line breaks in text show as the line-break marker, so
    /// each entry takes one row.
    static func timeline(_ profile: CustomerProfile) -> CellTableSource {
        let columns = [
            TableColumn("at", maxWidth: 20), TableColumn("type", maxWidth: 6), TableColumn("what", maxWidth: 12),
            TableColumn("detail", maxWidth: 60), TableColumn("amount", kind: .number, maxWidth: 16),
            TableColumn("member", maxWidth: 30),
        ]
        let timeline = profile.timeline
        return CellTableSource(columns: columns, rowCount: timeline.count) { index in
            let entry = timeline[index]
            let amount: TableCell = entry.amount.map {
                .number(PlainNumber.grouped(PlainNumber.money($0)), value: Double($0) / 100)
            } ?? .empty
            return [
                .text(entry.at), .text(entry.kind.rawValue), .text(CustomerProfile.oneLine(entry.what)),
                .text(CustomerProfile.oneLine(entry.detail)), amount,
                entry.member.map { .text(CustomerProfile.oneLine($0)) } ?? .empty,
            ]
        }
    }
}
