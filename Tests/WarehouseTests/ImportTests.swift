import Foundation
import Testing
import Text

@testable import Warehouse

@Suite("Import")
struct ImportTests {
    @Test("every kind imports and keeps ids as text")
    func everyKind() throws {
        let fixture = try ImportFixture()
        try fixture.loadBasics()
        try fixture.load(.identities, "customer_id,provider,external_id\n007,Facebook, fb-1 \n")
        try fixture.load(.products, "sku,name,category,retail_price,unit_cost,merchandise\nA1,Phone,Phones,199.00,45.5,yes\nPOST,Postage,,3.00,,no\n")
        try fixture.load(.orderLines, "order_id,sku,quantity,unit_price\nO1,A1,2,199.00\nO1,POST,1,3\nO2,A1,1,199\n")
        try fixture.load(.members, "source,member_id,handle,joined_at,provider,external_id\nforum,m1,ann,2010-03-01,facebook,fb-1\n")
        try fixture.load(.events, "source,event_id,member_id,occurred_at,kind,topic,sku,rating\nforum,e1,m1,2011-01-02T09:00:00Z,review,great,A1,5\n")

        #expect(try fixture.database.scalarText("SELECT customer_id FROM customers ORDER BY customer_id LIMIT 1") == "007")
        #expect(try fixture.database.scalarInteger("SELECT retail_price_cents FROM products WHERE sku = 'A1'") == 19_900)
        #expect(try fixture.database.scalarInteger("SELECT unit_cost_cents FROM products WHERE sku = 'A1'") == 4_550)
        #expect(try fixture.database.scalarInteger("SELECT merchandise FROM products WHERE sku = 'POST'") == 0)
        let lines = try fixture.database.query("SELECT order_id, line_no, line_total_cents FROM order_lines ORDER BY 1, 2") {
            "\($0.text(0))/\($0.int(1))/\($0.int(2))"
        }
        #expect(lines == ["O1/1/39800", "O1/2/300", "O2/1/19900"])
        #expect(try fixture.database.scalarText("SELECT provider || ':' || external_id FROM customer_identities") == "facebook:fb-1")
        #expect(try fixture.count("member_links") == 1)
        #expect(try fixture.warehouse.generation() == 7)
        #expect(try fixture.count("batches") == 7)
    }

    @Test("a batch records file, size, checksum, user and counts")
    func batchRecord() throws {
        let fixture = try ImportFixture()
        let text = "customer_id,name\nc1,Ann\nc2,Bob\n"
        let report = try fixture.load(.customers, text)
        let row = try fixture.database.query(
            "SELECT kind, file, file_size, sha256, unix_user, mode, rows_added FROM batches WHERE batch_id = ?",
            [report.batchID]
        ) { [$0.text(0), $0.text(1), String($0.int(2)), $0.text(3), $0.text(4), $0.text(5), String($0.int(6))] }.first
        #expect(row?[0] == "customers")
        #expect(row?[1] == fixture.folder.file("customers.csv"))
        #expect(row?[2] == String(text.utf8.count))
        #expect(row?[3] == SHA256.hex(of: Array(text.utf8)))
        #expect(row?[4] == UnixUser.current())
        #expect(row?[5] == "append")
        #expect(row?[6] == "2")
    }

    @Test("extra customer columns become typed attributes")
    func attributes() throws {
        let fixture = try ImportFixture()
        try fixture.load(
            .customers,
            """
            customer_id,loyalty_points,birthday,segment,code
            c1,120,1980-02-29,gold,007
            c2,,1975-05-01,silver,12
            c3,-3.5,,,
            """)
        let types = try fixture.database.query("SELECT name, type FROM attribute_types ORDER BY name") { "\($0.text(0))=\($0.text(1))" }
        #expect(types == ["birthday=date", "code=text", "loyalty_points=number", "segment=text"])
        #expect(
            try fixture.database.scalarText("SELECT attributes FROM customers WHERE customer_id = 'c1'")
                == #"{"loyalty_points":120,"birthday":"1980-02-29","segment":"gold","code":"007"}"#)
        #expect(try fixture.database.scalarText("SELECT attributes FROM customers WHERE customer_id = 'c3'") == #"{"loyalty_points":-3.5}"#)
    }

    @Test("a column that turns out to be text widens and keeps its values")
    func attributeWidening() throws {
        let fixture = try ImportFixture()
        try fixture.load(.customers, "customer_id,score\nc1,10\n")
        try fixture.load(.customers, "customer_id,score\nc2,high\n", name: "more.csv")
        #expect(try fixture.database.scalarText("SELECT type FROM attribute_types WHERE name = 'score'") == "text")
        #expect(try fixture.database.scalarText("SELECT json_type(attributes, '$.score') FROM customers WHERE customer_id = 'c1'") == "text")
        #expect(try fixture.database.scalarText("SELECT attributes ->> 'score' FROM customers WHERE customer_id = 'c1'") == "10")
    }

    @Test("--map renames headers, matched ignoring case and spaces")
    func columnMap() throws {
        let fixture = try ImportFixture()
        var options = ImportOptions()
        options.columnMap = ["Customer ID": "customer_id", "E-Mail": "email"]
        try fixture.load(.customers, " customer id ,e-mail,Name\nc1,a@b.c,Ann\n", options: options)
        #expect(try fixture.database.scalarText("SELECT email || '/' || name FROM customers") == "a@b.c/Ann")
    }

    @Test("upsert updates only the file's columns")
    func upsert() throws {
        let fixture = try ImportFixture()
        try fixture.load(.customers, "customer_id,name,region,tier_note\nc1,Ann,North,x\nc2,Bob,South,y\n")
        var options = ImportOptions()
        options.mode = .upsert
        let report = try fixture.load(.customers, "customer_id,region,tier_note\nc1,East,\nc3,West,z\n", options: options, name: "update.csv")
        #expect(report.added == 1)
        #expect(report.updated == 1)
        let rows = try fixture.database.query("SELECT customer_id, name, region, attributes FROM customers ORDER BY 1") {
            "\($0.text(0))|\($0.text(1))|\($0.text(2))|\($0.text(3))"
        }
        #expect(rows == [#"c1|Ann|East|{}"#, #"c2|Bob|South|{"tier_note":"y"}"#, #"c3||West|{"tier_note":"z"}"#])
    }

    @Test("replace swaps the table and removes lines of vanished orders")
    func replace() throws {
        let fixture = try ImportFixture()
        try fixture.loadBasics()
        try fixture.load(.orderLines, "order_id,sku,quantity,unit_price\nO1,A1,1,5\nO2,A1,1,5\n")
        var options = ImportOptions()
        options.mode = .replace
        let report = try fixture.load(.orders, "order_id,customer_id,ordered_at\nO2,8,2011-01-06T10:00:00Z\nO3,,2011-01-07T10:00:00Z\n", options: options, name: "orders2.csv")
        #expect(report.added == 2)
        #expect(report.removedRows == 1)
        #expect(try fixture.database.query("SELECT order_id FROM orders ORDER BY 1") { $0.text(0) } == ["O2", "O3"])
        #expect(try fixture.database.query("SELECT order_id FROM order_lines") { $0.text(0) } == ["O2"])
    }

    @Test("order status follows the lines: all negative is a return, void stays void")
    func orderStatus() throws {
        let fixture = try ImportFixture()
        try fixture.load(
            .orders,
            """
            order_id,customer_id,ordered_at,status
            R,c1,2011-01-05T10:00:00Z,
            M,c1,2011-01-05T10:00:00Z,
            V,c1,2011-01-05T10:00:00Z,void
            E,c1,2011-01-05T10:00:00Z,return
            """)
        try fixture.load(.orderLines, "order_id,sku,quantity,unit_price\nR,A,-1,5\nR,B,-2,5\nM,A,2,5\nM,B,-1,5\nV,A,-1,5\n")
        let statuses = try fixture.database.query("SELECT order_id, status FROM orders ORDER BY 1") { "\($0.text(0))=\($0.text(1))" }
        #expect(statuses == ["E=return", "M=ok", "R=return", "V=void"])
    }

    @Test("line numbers continue in file order after existing lines")
    func lineNumbers() throws {
        let fixture = try ImportFixture()
        try fixture.loadBasics()
        try fixture.load(.orderLines, "order_id,sku,quantity,unit_price\nO1,A,1,1\nO1,B,1,1\n")
        try fixture.load(.orderLines, "order_id,line_no,sku,quantity,unit_price\nO1,,C,1,1\nO2,5,D,1,1\nO2,,E,1,1\n", name: "more.csv")
        let lines = try fixture.database.query("SELECT order_id || line_no || sku FROM order_lines ORDER BY 1") { $0.text(0) }
        #expect(lines == ["O11A", "O12B", "O13C", "O25D", "O26E"])
    }

    @Test("unknown SKUs get placeholder products; events create unseen members")
    func placeholders() throws {
        let fixture = try ImportFixture()
        try fixture.loadBasics()
        let lines = try fixture.load(.orderLines, "order_id,sku,quantity,unit_price\nO1,NEW-1,1,1\nO2,NEW-1,1,1\n")
        #expect(lines.placeholderProducts == 1)
        let events = try fixture.load(
            .events, "event_id,member_id,occurred_at,kind,sku\ne1,m1,2011-01-01T00:00:00Z,view,NEW-2\ne2,m1,2011-01-02T00:00:00Z,VIEW,\n",
            options: { var options = ImportOptions(); options.source = "forum"; return options }())
        #expect(events.placeholderProducts == 1)
        #expect(events.createdMembers == 1)
        #expect(try fixture.database.scalarText("SELECT source || '/' || member_id FROM members") == "forum/m1")
        #expect(try fixture.database.scalarInteger("SELECT count(*) FROM events WHERE kind = 'view'") == 2)
    }

    @Test("amounts with more than two decimals are counted and rounded once per line")
    func roundedAmounts() throws {
        let fixture = try ImportFixture()
        try fixture.loadBasics()
        let report = try fixture.load(.orderLines, "order_id,sku,quantity,unit_price\nO1,A,1000,0.001\nO1,B,15,0.001\nO2,C,1,2.50\n")
        #expect(report.rounded == 2)
        let totals = try fixture.database.query("SELECT line_total_cents FROM order_lines ORDER BY order_id, line_no") { $0.int(0) }
        #expect(totals == [100, 2, 250])
    }

    @Test("decimal comma and semicolons")
    func decimalComma() throws {
        let fixture = try ImportFixture()
        var options = ImportOptions()
        options.decimalComma = true
        options.delimiter = .semicolon
        try fixture.load(.products, "sku;retail_price\nA;1.234,50\nB;\"12,5\"\n", options: options)
        #expect(try fixture.database.query("SELECT retail_price_cents FROM products ORDER BY sku") { $0.int(0) } == [123_450, 1_250])
    }

    @Test("Latin-1 and Windows-1252 files")
    func encodings() throws {
        let fixture = try ImportFixture()
        var bytes = Array("customer_id,name\nc1,Ren".utf8) + [0xE9] + Array("e\nc2,".utf8) + [0x80] + Array("uro\n".utf8)
        var options = ImportOptions()
        options.encoding = .cp1252
        let path = try fixture.writeBytes("cp.csv", bytes)
        _ = try Importer(warehouse: fixture.warehouse, kind: .customers, path: path, options: options).run()
        #expect(try fixture.database.query("SELECT name FROM customers ORDER BY 1") { $0.text(0) } == ["Renée", "€uro"])
        bytes = Array("customer_id,name\nc3,Gr".utf8) + [0xFC] + Array("n\n".utf8)
        options.encoding = .latin1
        let latin = try fixture.writeBytes("latin.csv", bytes)
        _ = try Importer(warehouse: fixture.warehouse, kind: .customers, path: latin, options: options).run()
        #expect(try fixture.database.scalarText("SELECT name FROM customers WHERE customer_id = 'c3'") == "Grün")
    }

    @Test("--rejects sets bad rows aside and imports the rest")
    func rejects() throws {
        let fixture = try ImportFixture()
        var options = ImportOptions()
        options.rejectsPath = fixture.folder.file("rejects.csv")
        let report = try fixture.load(.customers, "customer_id,signup_date\nc1,2010-01-01\nc2,2010-02-30\nc3,\n,2010-01-01\n", options: options)
        #expect(report.added == 2)
        #expect(report.rejected == 2)
        let rejects = try String(contentsOfFile: options.rejectsPath!, encoding: .utf8)
        let path = fixture.folder.file("customers.csv")
        #expect(
            rejects == "customer_id,signup_date,reject_reason\r\n"
                + "c2,2010-02-30,\(path):3:4: signup_date is not a calendar date (2010-02-30)\r\n"
                + ",2010-01-01,\"\(path):5:1: customer_id is empty, but every row needs one\"\r\n")

        // The rejects file, corrected, imports as it is: reject_reason is ignored.
        let corrected = try fixture.write("fixed.csv", rejects.replacingOccurrences(of: "2010-02-30", with: "2010-02-28").replacingOccurrences(of: "\r\n,2010", with: "\r\nc4,2010"))
        let second = try Importer(warehouse: fixture.warehouse, kind: .customers, path: corrected, options: ImportOptions()).run()
        #expect(second.added == 2)
        #expect(second.ignoredColumns.isEmpty)
    }
}
