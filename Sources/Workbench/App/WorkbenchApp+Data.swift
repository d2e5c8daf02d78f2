import Terminal

extension WorkbenchApp {
    /// Offers new data that landed: a message now, and the key in the hint until the analyst
    /// switches. The figures on screen stay those of the data they were computed from.
    func offer(_ landed: LandedData) -> Outcome {
        guard landed.generation != setting.generation else { return .handled }
        landedData = landed
        status.hint = hint
        let key = keyMap.keys(for: "switch-data", in: .browse).first.map { "press \($0)" } ?? "run :switch-data"
        let landing = landed.lastBatch.map { "\($0) landed" } ?? "new data landed"
        status.post(.warning, "\(landing); \(key) to show it, keeping your place")
        return .redraw
    }

    /// Reopens the warehouse at its new generation and computes every screen opened so far
    /// again, keeping each one's view, choices, filter and cursor.
    func switchToLandedData() -> Outcome {
        guard landedData != nil else {
            status.post(.info, "no new data has landed since the figures were computed")
            return .redraw
        }
        let reopened: WarehouseSetting
        do {
            reopened = try WarehouseSetting.open(path: setting.path, asOf: setting.isAsOfChosen ? setting.asOf : nil)
        } catch {
            status.post(.error, "cannot open the new data: \(QueryWorker.describe(error))")
            return .redraw
        }
        landedData = nil
        status.hint = hint
        let asOfMoved = reopened.asOf != setting.asOf
        setting = reopened
        runner.reopen(reopened)
        for index in stacks.indices where activated.contains(index) {
            for screen in stacks[index] {
                screen.switchData(to: reopened)
            }
        }
        status.post(.info, "switched to the new data" + (asOfMoved ? ", figures now as of \(reopened.asOf.iso)" : ""))
        return .redraw
    }
}
