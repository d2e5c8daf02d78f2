import Testing

@testable import Text

@Suite("Suggestion")
struct SuggestionTests {
    @Test("edit distance counts insertions, deletions and substitutions")
    func editDistance() {
        #expect(Suggestion.editDistance(Array("review".unicodeScalars), Array("reveiw".unicodeScalars)) == 2)
        #expect(Suggestion.editDistance(Array("".unicodeScalars), Array("abc".unicodeScalars)) == 3)
        #expect(Suggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }

    @Test("suggests the nearest close name")
    func nearest() {
        let kinds = ["view", "join", "login", "rate", "review", "comment", "post", "share"]
        #expect(Suggestion.nearest(to: "reveiw", among: kinds) == "review")
        #expect(Suggestion.nearest(to: "POST", among: kinds) == "post")
        #expect(Suggestion.nearest(to: "--curency", among: ["--currency", "--db"]) == "--currency")
    }

    @Test("suggests nothing for a name far from every candidate")
    func nothingClose() {
        #expect(Suggestion.nearest(to: "purchase", among: ["view", "join", "post"]) == nil)
        #expect(Suggestion.nearest(to: "x", among: []) == nil)
    }
}
