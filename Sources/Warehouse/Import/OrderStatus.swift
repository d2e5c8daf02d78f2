/// The stored status of orders, derived from their lines after every write of orders or lines.
enum OrderStatus {
    /// Marks an order `return` when all its lines are negative and `ok` when any is not; `void`
    /// orders and orders without lines keep their status. `orders` limits it to those ids.
    static func derive(_ database: Database, orders: [String]?) throws {
        var affected = ""
        if let orders {
            try database.execute("CREATE TEMP TABLE IF NOT EXISTS import_orders (order_id TEXT PRIMARY KEY) WITHOUT ROWID")
            try database.execute("DELETE FROM temp.import_orders")
            let insert = try database.cachedStatement("INSERT OR IGNORE INTO temp.import_orders (order_id) VALUES (?)")
            for order in orders {
                try insert.bind([order])
                try insert.run()
            }
            affected = " AND order_id IN (SELECT order_id FROM temp.import_orders)"
        }
        try database.execute(
            """
            UPDATE orders SET status = CASE
                WHEN NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.order_id) THEN status
                WHEN EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.order_id AND l.quantity >= 0) THEN 'ok'
                ELSE 'return' END
             WHERE status != 'void'\(affected)
            """)
    }
}

/// The recorded types of extra customer columns.
enum AttributeTypes {
    /// Merges `inferred` types with those recorded, widening to text where they differ, and
    /// rewrites stored numbers as text for a widened column. With `replacing`, types of
    /// columns not in `names` are dropped. Returns the types now recorded for `names`.
    static func record(_ database: Database, names: [String], inferred: [AttributeType], replacing: Bool) throws -> [AttributeType] {
        var types: [AttributeType] = []
        for (name, found) in zip(names, inferred) {
            let recorded = replacing
                ? nil
                : try database.scalarText("SELECT type FROM attribute_types WHERE name = ?", [name]).flatMap(AttributeType.init)
            let type = recorded.map { $0.widened(with: found) } ?? found
            if let recorded, recorded == .number, type == .text {
                let path = "$.\"\(name)\""
                try database.execute(
                    """
                    UPDATE customers SET attributes = json_set(attributes, ?1, CAST(json_extract(attributes, ?1) AS TEXT))
                     WHERE json_type(attributes, ?1) IN ('integer', 'real')
                    """, [path])
            }
            try database.execute(
                "INSERT INTO attribute_types (name, type) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET type = excluded.type",
                [name, type.rawValue])
            types.append(type)
        }
        if replacing {
            let kept = Set(names)
            for name in try database.query("SELECT name FROM attribute_types", row: { $0.text(0) }) where !kept.contains(name) {
                try database.execute("DELETE FROM attribute_types WHERE name = ?", [name])
            }
        }
        return types
    }
}
