/// The warehouse's migrations, in order. Never edit a migration that has shipped: add one.
enum WarehouseSchema {
    static let migrations: [Migrator.Migration] = [
        Migrator.Migration(version: 1, name: "raw tables, identity links, settings and import batches", sql: rawTables)
    ]

    /// Ids, codes and SKUs are TEXT so that `007` stays `007`; amounts are integers in the
    /// warehouse currency's minor unit; timestamps are `YYYY-MM-DDTHH:MM:SSZ` and dates
    /// `YYYY-MM-DD`, one form each so that text order is time order.
    static let rawTables = """
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE batches (
            batch_id      INTEGER PRIMARY KEY,
            kind          TEXT NOT NULL,
            file          TEXT NOT NULL,
            file_size     INTEGER NOT NULL,
            sha256        TEXT NOT NULL,
            unix_user     TEXT NOT NULL,
            started_at    TEXT NOT NULL,
            finished_at   TEXT NOT NULL,
            mode          TEXT NOT NULL CHECK (mode IN ('append', 'upsert', 'replace')),
            rows_added    INTEGER NOT NULL DEFAULT 0,
            rows_updated  INTEGER NOT NULL DEFAULT 0,
            rows_rejected INTEGER NOT NULL DEFAULT 0,
            rows_rounded  INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE customers (
            customer_id TEXT PRIMARY KEY,
            name        TEXT,
            email       TEXT,
            region      TEXT,
            country     TEXT,
            channel     TEXT,
            signup_date TEXT,
            opt_out     INTEGER NOT NULL DEFAULT 0 CHECK (opt_out IN (0, 1)),
            attributes  TEXT NOT NULL DEFAULT '{}',
            email_key   TEXT
        );
        CREATE INDEX customers_by_email_key ON customers (email_key) WHERE email_key IS NOT NULL;

        CREATE TABLE attribute_types (
            name TEXT PRIMARY KEY,
            type TEXT NOT NULL CHECK (type IN ('number', 'date', 'text'))
        ) WITHOUT ROWID;

        CREATE TABLE customer_identities (
            customer_id TEXT NOT NULL,
            provider    TEXT NOT NULL,
            external_id TEXT NOT NULL,
            match_key   TEXT NOT NULL,
            PRIMARY KEY (customer_id, provider, external_id)
        ) WITHOUT ROWID;
        CREATE INDEX customer_identities_by_match ON customer_identities (provider, match_key);

        CREATE TABLE products (
            sku                TEXT PRIMARY KEY,
            name               TEXT,
            category           TEXT,
            retail_price_cents INTEGER,
            unit_cost_cents    INTEGER,
            merchandise        INTEGER NOT NULL DEFAULT 1 CHECK (merchandise IN (0, 1))
        );

        CREATE TABLE orders (
            order_id    TEXT PRIMARY KEY,
            customer_id TEXT,
            ordered_at  TEXT NOT NULL,
            channel     TEXT,
            country     TEXT,
            status      TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'return', 'void'))
        );
        CREATE INDEX orders_by_customer ON orders (customer_id, ordered_at);
        CREATE INDEX orders_by_time ON orders (ordered_at);

        CREATE TABLE order_lines (
            order_id         TEXT NOT NULL,
            line_no          INTEGER NOT NULL,
            sku              TEXT NOT NULL,
            quantity         INTEGER NOT NULL,
            unit_price_cents INTEGER NOT NULL,
            line_total_cents INTEGER NOT NULL,
            PRIMARY KEY (order_id, line_no)
        ) WITHOUT ROWID;

        CREATE TABLE members (
            source      TEXT NOT NULL,
            member_id   TEXT NOT NULL,
            handle      TEXT,
            joined_at   TEXT,
            provider    TEXT,
            external_id TEXT,
            match_key   TEXT,
            PRIMARY KEY (source, member_id)
        ) WITHOUT ROWID;
        CREATE INDEX members_by_match ON members (provider, match_key) WHERE match_key IS NOT NULL;

        -- One row per member-customer link, rebuilt after every import that can change links.
        CREATE TABLE member_links (
            source      TEXT NOT NULL,
            member_id   TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            PRIMARY KEY (source, member_id, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX member_links_by_customer ON member_links (customer_id);

        CREATE TABLE events (
            source      TEXT NOT NULL,
            event_id    TEXT NOT NULL,
            member_id   TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            kind        TEXT NOT NULL
                CHECK (kind IN ('view', 'join', 'login', 'rate', 'review', 'comment', 'post', 'share')),
            topic       TEXT,
            sku         TEXT,
            rating      INTEGER,
            PRIMARY KEY (source, event_id)
        ) WITHOUT ROWID;
        -- Covering for the ladder and for the snapshot, which reads events member by member.
        CREATE INDEX events_by_member ON events (source, member_id, occurred_at, kind, sku);
        CREATE INDEX events_by_time ON events (occurred_at);
        """
}
