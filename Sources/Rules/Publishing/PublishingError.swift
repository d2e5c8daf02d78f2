import Warehouse

/// A failure of drafts, publishing or withdrawal. The cases hold the data; the wording lives
/// in `message` and `help`.
public enum PublishingError: Error, Sendable, Hashable {
    case storeTooNew(path: String, fileVersion: Int, supportedVersion: Int)
    /// The store needs migrations, but the user may only read it.
    case storeTooOld(path: String, fileVersion: Int, supportedVersion: Int)
    /// The user may not write the store, or may not create it, so drafts cannot be saved.
    case storeNotWritable(path: String, user: String)
    case invalidClock(value: String)
    /// The rule file has no valid `rule "NAME"`, so it cannot be saved as a draft.
    case unnamedDraft(path: String)
    case noDraft(rule: String, user: String, otherUsers: [String])
    case noVersion(rule: String)
    case unknownVersion(rule: String, version: Int, latest: Int?)
    /// The draft's text has errors against the warehouse; the diagnostics go with it.
    case draftHasErrors(rule: String, user: String, errors: Int)
    case notPreviewed(rule: String, user: String)
    /// The preview of this text ran at another as-of date than the one publishing uses.
    case previewAsOfDiffers(rule: String, previewAsOf: CivilDate, publishAsOf: CivilDate, isDefault: Bool)
    case countChanged(
        rule: String, asOf: CivilDate, previewedHits: Int, previewedTargets: Int, hits: Int, targets: Int)
    /// A version was published after the one the draft is based on.
    case staleBase(rule: String, baseVersion: Int?, latest: Int, publishedBy: String, publishedAt: String)
    case pastAsOfNotAllowed(rule: String, asOf: CivilDate, defaultAsOf: CivilDate?)
    case outboxFailed(path: String, reason: String)
    case alreadyWithdrawn(rule: String, version: Int, by: String, at: String)
    case alreadyExpired(rule: String, version: Int, at: String)
}

extension PublishingError: CustomStringConvertible {
    public var description: String { message }

    /// What failed, with the values concerned.
    public var message: String {
        switch self {
        case .storeTooNew(let path, let fileVersion, let supportedVersion):
            return "\(path) has schema version \(fileVersion), newer than the \(supportedVersion) this dotwork knows"
        case .storeTooOld(let path, let fileVersion, let supportedVersion):
            return "\(path) has schema version \(fileVersion) and needs upgrading to \(supportedVersion), but you may only read it"
        case .storeNotWritable(let path, let user):
            return "\(user) may not write \(path), so drafts cannot be saved, previews recorded or rules published"
        case .invalidClock(let value):
            return "invalid DOTWORK_NOW '\(value)': expected a UTC timestamp YYYY-MM-DDTHH:MM:SSZ"
        case .unnamedDraft(let path):
            return "\(path) has no valid rule \"NAME\", so it cannot be saved as a draft"
        case .noDraft(let rule, let user, let others):
            let othersText = others.isEmpty ? "" : " (drafts by \(others.joined(separator: ", ")) exist)"
            return "user \(user) has no draft of rule \(rule)\(othersText)"
        case .noVersion(let rule):
            return "rule \(rule) has no published version"
        case .unknownVersion(let rule, let version, let latest):
            return "rule \(rule) has no version \(version)" + (latest.map { "; the latest is v\($0)" } ?? "")
        case .draftHasErrors(let rule, let user, let errors):
            return "the draft of rule \(rule) by \(user) has \(errors == 1 ? "1 error" : "\(errors) errors")"
        case .notPreviewed(let rule, let user):
            return "user \(user) has not previewed the draft text of rule \(rule)"
        case .previewAsOfDiffers(let rule, let previewAsOf, let publishAsOf, let isDefault):
            if isDefault {
                return "the default as-of date of rule \(rule) moved from \(previewAsOf.iso) at your preview "
                    + "to \(publishAsOf.iso) now"
            }
            return "your preview of rule \(rule) ran as of \(previewAsOf.iso), not \(publishAsOf.iso)"
        case .countChanged(let rule, let asOf, let previewedHits, let previewedTargets, let hits, let targets):
            return "rule \(rule) as of \(asOf.iso) now hits \(hits) customers (\(targets) target), "
                + "but your preview counted \(previewedHits) (\(previewedTargets) target)"
        case .staleBase(let rule, let baseVersion, let latest, let publishedBy, let publishedAt):
            let base = baseVersion.map { "v\($0)" } ?? "no published version"
            return "your draft of rule \(rule) is based on \(base), but \(publishedBy) published v\(latest) "
                + "at \(publishedAt)"
        case .pastAsOfNotAllowed(let rule, let asOf, let defaultAsOf):
            let defaultText = defaultAsOf.map { " instead of the default \($0.iso)" } ?? ""
            return "publishing rule \(rule) as of \(asOf.iso)\(defaultText) needs --allow-past-as-of"
        case .outboxFailed(let path, let reason):
            return "cannot write the outbox folder \(path): \(reason)"
        case .alreadyWithdrawn(let rule, let version, let by, let at):
            return "rule \(rule) v\(version) was already withdrawn by \(by) at \(at)"
        case .alreadyExpired(let rule, let version, let at):
            return "rule \(rule) v\(version) already expired at \(at)"
        }
    }

    /// The next step to take.
    public var help: String {
        switch self {
        case .storeTooNew:
            return "use the newer dotwork that wrote it"
        case .storeTooOld:
            return "a user who may write it upgrades it by running 'dotwork rule list' once"
        case .storeNotWritable:
            return "run 'dotwork rule save FILE' in a shell to see which file or folder needs which change. Figures and rule previews work meanwhile"
        case .invalidClock:
            return "unset DOTWORK_NOW to use the system clock"
        case .unnamedDraft(let path):
            return "start the file with a line such as rule \"my-rule\"; 'dotwork rule check \(path)' shows the problem"
        case .noDraft(let rule, _, let others):
            if let owner = others.first {
                return "copy it with 'dotwork rule show \(rule) --user \(owner) > \(rule).rule', "
                    + "then 'dotwork rule save \(rule).rule'"
            }
            return "save one with 'dotwork rule save FILE'"
        case .noVersion(let rule):
            return "publish it first with 'dotwork rule publish \(rule)'"
        case .unknownVersion(let rule, _, _):
            return "'dotwork rule history \(rule)' lists its versions"
        case .draftHasErrors(let rule, _, _):
            return "fix the rule file, check it with 'dotwork rule check FILE', then 'dotwork rule save FILE' "
                + "and publish \(rule) again"
        case .notPreviewed(let rule, _):
            return "run 'dotwork rule preview FILE' on the file you saved, then publish \(rule) again"
        case .previewAsOfDiffers(_, _, let publishAsOf, let isDefault):
            return isDefault
                ? "preview the rule again to see its hits as of \(publishAsOf.iso), then publish"
                : "run 'dotwork rule preview FILE --as-of \(publishAsOf.iso)', then publish"
        case .countChanged:
            return "the warehouse changed since your preview; preview the rule again, then publish"
        case .staleBase(let rule, _, let latest, _, _):
            return "compare with 'dotwork rule diff \(rule)', merge the changes of v\(latest) into your file, "
                + "then 'dotwork rule save FILE --rebase' and publish again"
        case .pastAsOfNotAllowed:
            return "add --allow-past-as-of if the back office should act on hits of that date, "
                + "or leave out --as-of"
        case .outboxFailed:
            return "check that the folder exists and that you may write to it, or choose another with --outbox DIR"
        case .alreadyWithdrawn, .alreadyExpired:
            return "nothing to withdraw; 'dotwork rule history' shows every version"
        }
    }
}
