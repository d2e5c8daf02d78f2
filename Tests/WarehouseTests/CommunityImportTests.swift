import Foundation
import Testing

@testable import Warehouse

@Suite("Community import")
struct CommunityImportTests {
    @Test("HTML bodies become plain topic text", arguments: [
        ("<p>I just got a pound of coffee.</p>\n", "I just got a pound of coffee."),
        ("<p>a &amp; b &lt;tag&gt;</p><pre><code>x</code></pre>", "a & b <tag> x"),
        ("no markup", "no markup"),
        ("<p>one</p><p>two</p>", "one two"),
    ])
    func plainText(_ html: String, _ text: String) {
        #expect(HTMLText.plain(html) == text)
    }

    @Test("a small dump of every kind, with the system user and unmapped badges skipped")
    func smallDump() throws {
        let fixture = try ImportFixture()
        let posts = try fixture.write(
            "Posts.xml",
            """
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE posts SYSTEM 'posts.dtd'>
            <posts>
              <row Id="1" PostTypeId="1" CreationDate="2015-01-27T20:09:32.720" OwnerUserId="4" Title="How to store beans?" Body="&lt;p&gt;x&lt;/p&gt;" />
              <row Id="2" PostTypeId="2" CreationDate="2015-01-28T08:00:00.000" OwnerUserId="5" Body="&lt;p&gt;In a &lt;b&gt;jar&lt;/b&gt;.&lt;/p&gt;" />
              <row Id="3" PostTypeId="4" CreationDate="2015-01-28T08:00:00.000" OwnerUserId="5" />
              <row Id="4" PostTypeId="1" CreationDate="2015-01-28T09:00:00.000" OwnerUserId="-1" Title="Wiki" />
              <row Id="5" PostTypeId="2" CreationDate="2015-01-28T10:00:00.000" Body="orphan" />
            </posts>
            """)
        let report = try StackExchangeImporter(warehouse: fixture.warehouse, path: posts, source: "coffee").run()
        #expect(report.eventsByKind == ["post": 2])
        #expect(report.membersCreated == 2)
        #expect(report.skipped.values.reduce(0, +) == 3)
        let rows = try fixture.database.query("SELECT event_id, occurred_at, topic FROM events ORDER BY event_id") {
            "\($0.text(0))|\($0.text(1))|\($0.text(2))"
        }
        #expect(rows == ["post-1|2015-01-27T20:09:32Z|How to store beans?", "post-2|2015-01-28T08:00:00Z|In a jar ."])

        let badges = try fixture.write(
            "Badges.xml",
            """
            <?xml version="1.0" encoding="utf-8"?>
            <badges>
              <row Id="1" UserId="4" Name="Supporter" Date="2015-02-01T00:00:00.000" Class="3" TagBased="False" />
              <row Id="2" UserId="4" Name="Student" Date="2015-02-01T00:00:00.000" Class="3" TagBased="False" />
              <row Id="3" UserId="9" Name="Yearling" Date="2016-01-27T00:00:00.000" Class="2" TagBased="False" />
            </badges>
            """)
        let badgeReport = try StackExchangeImporter(warehouse: fixture.warehouse, path: badges, source: "coffee").run()
        #expect(badgeReport.eventsByKind == ["rate": 1, "login": 1])
        #expect(badgeReport.skippedBadges == ["Student": 1])
        #expect(badgeReport.membersCreated == 1)
        #expect(try fixture.count("members") == 3)
    }
}
