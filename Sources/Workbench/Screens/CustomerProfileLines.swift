import Analysis
import Warehouse

/// The profile block of the customer view as labelled lines: who the customer is, the tier
/// and opt-out, the identities and the community members they link, extra attributes, and
/// the published rules that reached the customer. Every value is on one line, with line
/// breaks shown by the line-break marker.
struct CustomerProfileLines {
    struct Line: Equatable {
        let label: String
        let value: String
        /// Whether the value is drawn in the warning role, as an opt-out is.
        var isWarning = false
    }

    let lines: [Line]

    init(details: CustomerDetails, asOf: CivilDate) {
        let profile = details.profile
        let record = profile.record
        func text(_ value: String?) -> String {
            guard let value, !value.isEmpty else { return "–" }
            return CustomerProfile.oneLine(value)
        }
        var lines = [
            Line(label: "name", value: "\(text(record.name)) · email: \(text(record.email))"),
            Line(
                label: "tier",
                value: "\(record.tier) at \(asOf.iso) · region: \(text(record.region)) · country: \(text(record.country))"
                    + " · channel: \(text(record.channel)) · signup: \(text(record.signupDate))"),
            profile.optOut
                ? Line(label: "opt-out", value: "yes: never contacted by rules", isWarning: true)
                : Line(label: "opt-out", value: "no"),
            Line(label: "identities", value: profile.identities.isEmpty ? "none" : profile.identities.map(CustomerProfile.oneLine).joined(separator: ", ")),
            Line(label: "members", value: profile.members.isEmpty ? "none linked" : profile.members.map(CustomerProfileLines.describe).joined(separator: "; ")),
        ]
        if !profile.attributes.isEmpty {
            let attributes = profile.attributes.map { "\($0.name) \(CustomerProfile.oneLine($0.value))" }
            lines.append(Line(label: "attributes", value: attributes.joined(separator: ", ")))
        }
        lines.append(Line(label: "rules", value: CustomerProfileLines.describe(details.ruleDecisions)))
        self.lines = lines
    }

    /// Returns a linked member as `forum/1002 @carla via facebook 12345, creator`.
    static func describe(_ member: CustomerProfile.Member) -> String {
        var text = "\(member.source)/\(member.memberID)"
        if let handle = member.handle, !handle.isEmpty {
            text += " @" + CustomerProfile.oneLine(handle)
        }
        if let provider = member.provider, let externalID = member.externalID {
            text += " via \(provider) \(CustomerProfile.oneLine(externalID))"
        }
        text += ", " + (member.tier?.description ?? "not yet a member")
        return text
    }

    /// Returns the rule versions that reached the customer, newest first, or a sentence for
    /// none found and for none read.
    static func describe(_ decisions: [RuleDecision]?) -> String {
        guard let decisions else { return "not read: no rules database was given to this workbench" }
        guard !decisions.isEmpty else { return "none of the published rules hit or held out this customer" }
        return decisions.map { decision in
            let group = decision.group == .target ? "hit" : "held out"
            return "\(decision.rule) v\(decision.version) \(group) (published \(decision.publishedAt), \(decision.state))"
        }.joined(separator: "; ")
    }
}
