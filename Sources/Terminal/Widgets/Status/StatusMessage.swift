/// A message for the status bar, graded by how much it matters.
public struct StatusMessage: Sendable, Hashable {
    public enum Grade: String, Sendable, Hashable, CaseIterable {
        case info
        case warning
        case error

        /// The role the status bar draws a message of this grade in.
        public var role: Role {
            switch self {
            case .info: return .statusInfo
            case .warning: return .statusWarning
            case .error: return .statusError
            }
        }
    }

    public var grade: Grade
    public var text: String

    public init(_ grade: Grade, _ text: String) {
        self.grade = grade
        self.text = text
    }
}
