import Foundation
import Warehouse

/// The one clock that validity and expiry of published versions read.
///
/// It is the wall clock, unless the environment sets `DOTWORK_NOW` to a timestamp in the
/// stored form `YYYY-MM-DDTHH:MM:SSZ`, which tests use to move time.
public enum RuleClock {
    /// Returns the current instant, or throws when `DOTWORK_NOW` is set but not a timestamp.
    public static func now(environment: [String: String]) throws(PublishingError) -> UTCTimestamp {
        let text = Timestamp.now(environment: environment)
        guard let now = UTCTimestamp(stored: text) else {
            throw .invalidClock(value: text)
        }
        return now
    }
}
