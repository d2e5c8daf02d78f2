import Warehouse

/// The migrations of `rules.db`, in order. Never edit a migration that has shipped: add one.
enum RuleStoreSchema {
    static let migrations: [Migrator.Migration] = [
        Migrator.Migration(version: 1, name: "drafts, versions, hit lists, previews and the audit log", sql: firstTables),
        Migrator.Migration(
            version: 2, name: "hit lists by customer",
            sql: "CREATE INDEX version_hits_by_customer ON version_hits (customer_id, is_held_out)"),
        Migrator.Migration(version: 3, name: "append-only audit log", sql: appendOnlyAuditLog),
    ]

    /// Timestamps are `YYYY-MM-DDTHH:MM:SSZ` and dates `YYYY-MM-DD`, as in the warehouse, so
    /// text order is time order. Customer ids are TEXT so that `007` stays `007`.
    static let firstTables = """
        CREATE TABLE drafts (
            rule_name    TEXT NOT NULL,
            unix_user    TEXT NOT NULL,
            text         TEXT NOT NULL,
            text_sha256  TEXT NOT NULL,
            base_version INTEGER,
            saved_at     TEXT NOT NULL,
            PRIMARY KEY (rule_name, unix_user)
        ) WITHOUT ROWID;

        CREATE TABLE versions (
            rule_name            TEXT NOT NULL,
            version              INTEGER NOT NULL CHECK (version >= 1),
            text                 TEXT NOT NULL,
            text_sha256          TEXT NOT NULL,
            action               TEXT NOT NULL CHECK (action IN ('offer', 'flag')),
            action_name          TEXT NOT NULL,
            value_minor_units    INTEGER,
            cost_minor_units     INTEGER,
            currency             TEXT NOT NULL,
            holdout_basis_points INTEGER NOT NULL,
            as_of                TEXT NOT NULL,
            published_by         TEXT NOT NULL,
            published_at         TEXT NOT NULL,
            valid_until          TEXT NOT NULL,
            target_count         INTEGER NOT NULL,
            holdout_count        INTEGER NOT NULL,
            targets_sha256       TEXT NOT NULL,
            holdout_sha256       TEXT NOT NULL,
            folder               TEXT NOT NULL,
            state                TEXT NOT NULL CHECK (state IN ('pending', 'written')),
            withdrawn_by         TEXT,
            withdrawn_at         TEXT,
            PRIMARY KEY (rule_name, version)
        );

        CREATE TABLE version_hits (
            rule_name   TEXT NOT NULL,
            version     INTEGER NOT NULL,
            customer_id TEXT NOT NULL,
            is_held_out INTEGER NOT NULL CHECK (is_held_out IN (0, 1)),
            PRIMARY KEY (rule_name, version, customer_id),
            FOREIGN KEY (rule_name, version) REFERENCES versions (rule_name, version) ON DELETE CASCADE
        ) WITHOUT ROWID;

        CREATE TABLE previews (
            preview_id    INTEGER PRIMARY KEY,
            unix_user     TEXT NOT NULL,
            rule_name     TEXT NOT NULL,
            text_sha256   TEXT NOT NULL,
            as_of         TEXT NOT NULL,
            hit_count     INTEGER NOT NULL,
            target_count  INTEGER NOT NULL,
            holdout_count INTEGER NOT NULL,
            previewed_at  TEXT NOT NULL
        );
        CREATE INDEX previews_by_text ON previews (rule_name, unix_user, text_sha256, preview_id);

        CREATE TABLE audit_log (
            entry_id      INTEGER PRIMARY KEY,
            at            TEXT NOT NULL,
            unix_user     TEXT NOT NULL,
            action        TEXT NOT NULL CHECK (action IN ('publish', 'withdraw')),
            rule_name     TEXT NOT NULL,
            version       INTEGER NOT NULL,
            target_count  INTEGER NOT NULL,
            holdout_count INTEGER NOT NULL
        );
        """

    /// Triggers that abort every UPDATE and DELETE of the audit log, so no dotwork command can
    /// rewrite it. They guard against mistakes in dotwork, not against tampering, because
    /// anyone who can write `rules.db` directly can drop them.
    ///
    /// A publish records its audit entry when its version is marked written, so a publish
    /// that dies while pending leaves no entry to delete. Files written before this migration
    /// may hold entries of still-pending versions, which are removed first: start-up then
    /// finishes or removes those versions, and finishing records the entry again.
    static let appendOnlyAuditLog = """
        DELETE FROM audit_log
         WHERE action = 'publish'
           AND EXISTS (SELECT 1 FROM versions v
                        WHERE v.rule_name = audit_log.rule_name AND v.version = audit_log.version
                          AND v.state = 'pending');

        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'the audit log is append-only: its entries cannot be changed');
        END;

        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'the audit log is append-only: its entries cannot be deleted');
        END;
        """
}
