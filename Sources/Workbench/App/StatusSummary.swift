import Text

/// The right side of the status bar: where the cursor is, the as-of date, the warehouse and
/// its currency, shortened to the room there is by leaving out the least needed parts first.
struct StatusSummary {
    /// The table position, `row 3 of 12`, or nil while the screen has no table.
    let position: String?
    let setting: WarehouseSetting

    /// The parts in the order shown, which is also the order of importance.
    var parts: [String] {
        var asOf = "as of \(setting.asOf.iso)"
        if setting.asOfWarning != nil {
            asOf += " (!)"
        }
        if setting.asOf == WarehouseSetting.openEndedAsOf {
            asOf = "no dated data"
        }
        return [position ?? "computing…", asOf, setting.fileName, setting.currency.code]
    }

    /// Returns as many parts, from the first, as fit in `columns`, or else the first part cut to fit.
    func text(fitting columns: Int) -> String {
        let parts = self.parts
        for count in stride(from: parts.count, to: 0, by: -1) {
            let text = parts.prefix(count).joined(separator: "  ")
            if DisplayWidth.columns(of: text) <= columns {
                return text
            }
        }
        return DisplayWidth.truncate(parts[0], toColumns: columns)
    }
}
