//! The workspace schema and its migrations, one entry per version (never edit a released one;
//! add the next).

use rusqlite_migration::{M, Migrations};

/// Marks the database file as an SLA Studio workspace (`PRAGMA application_id`, "SLAS").
pub const APPLICATION_ID: i64 = 0x534C_4153;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(
            "PRAGMA application_id = 1397506387;
         CREATE TABLE agreements (
             id            TEXT PRIMARY KEY NOT NULL,
             title         TEXT NOT NULL,
             our_role      TEXT NOT NULL CHECK (our_role IN ('customer', 'provider')),
             counterparty  TEXT NOT NULL,
             status        TEXT NOT NULL CHECK (status IN ('draft', 'negotiating', 'agreed')),
             created_at_ms INTEGER NOT NULL,
             updated_at_ms INTEGER NOT NULL,
             draft_json    TEXT NOT NULL
         ) STRICT;
         CREATE INDEX agreements_by_last_change ON agreements (updated_at_ms DESC);
         CREATE TABLE rounds (
             agreement_id   TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
             number         INTEGER NOT NULL CHECK (number >= 1),
             author         TEXT NOT NULL CHECK (author IN ('customer', 'provider')),
             proposed_at_ms INTEGER NOT NULL,
             message        TEXT NOT NULL,
             snapshot_json  TEXT NOT NULL,
             PRIMARY KEY (agreement_id, number)
         ) STRICT;",
        ),
        // Rounds form a hash chain: each keeps its own fingerprint and names the one before.
        M::up(
            "ALTER TABLE rounds ADD COLUMN previous_hash TEXT;
         ALTER TABLE rounds ADD COLUMN hash TEXT;",
        ),
        // Comments: kept with the draft until the next round carries them.
        M::up(
            "ALTER TABLE rounds ADD COLUMN comments_json TEXT;
             CREATE TABLE pending_comments (
                 seq           INTEGER PRIMARY KEY AUTOINCREMENT,
                 agreement_id  TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
                 target_json   TEXT NOT NULL,
                 text          TEXT NOT NULL,
                 created_at_ms INTEGER NOT NULL
             ) STRICT;",
        ),
        // Signed rounds: this workspace's key pair, each round's signature, and the key each
        // party of an agreement signed with first (pinned; a different one needs the user's
        // explicit acceptance).
        M::up(
            "CREATE TABLE identity (
                 only_row   INTEGER PRIMARY KEY CHECK (only_row = 1),
                 secret_key BLOB NOT NULL CHECK (length(secret_key) = 32)
             ) STRICT;
             ALTER TABLE rounds ADD COLUMN signature_json TEXT;
             CREATE TABLE party_keys (
                 agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
                 role         TEXT NOT NULL CHECK (role IN ('customer', 'provider')),
                 public_key   TEXT NOT NULL,
                 pinned_at_ms INTEGER NOT NULL,
                 PRIMARY KEY (agreement_id, role)
             ) STRICT;",
        ),
    ])
}

/// The schema version the migrations above lead to.
pub fn latest_version() -> i64 {
    4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_end_at_the_latest_version() {
        assert!(migrations().validate().is_ok());
        assert_eq!(APPLICATION_ID, 1_397_506_387);
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, latest_version());
    }
}
