//! The workspace database: opening (and refusing what is not a workspace), the write
//! transaction, and the parts by concern in the files beside this one.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use sla_model::{Identity, ModelError};

use crate::schema::{APPLICATION_ID, latest_version, migrations};
use crate::{DATABASE_FILE, StoreError};

mod agreements;
mod comments;
mod keys;
mod rounds;

use keys::load_or_create_identity;

/// An open workspace. One connection; callers that share it across threads wrap it in a
/// mutex. Timestamps are passed in (never read from the system clock here) and kept to the
/// millisecond.
#[derive(Debug)]
pub struct Workspace {
    conn: Connection,
    folder: PathBuf,
    /// This workspace's key pair: made on first open, kept in the database.
    identity: Identity,
}

impl Workspace {
    /// Opens the workspace in `folder`, creating the folder and the database if needed and
    /// migrating an older schema forward.
    pub fn open(folder: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
            path: folder.to_path_buf(),
            source,
        })?;
        let path = folder.join(DATABASE_FILE);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags)?;
        check_is_workspace(&conn, &path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > latest_version() {
            return Err(StoreError::NewerSchema {
                path,
                found: version,
                known: latest_version(),
            });
        }
        migrations()
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        let identity = load_or_create_identity(&mut conn)?;
        Ok(Self {
            conn,
            folder: folder.to_path_buf(),
            identity,
        })
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    pub fn database_path(&self) -> PathBuf {
        self.folder.join(DATABASE_FILE)
    }

    /// A write transaction that takes the write lock at once (no upgrade deadlocks).
    fn write(&mut self) -> Result<Transaction<'_>, StoreError> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// Refuses files that are not SQLite, and SQLite databases of other applications.
fn check_is_workspace(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let not_a_workspace = |reason: String| StoreError::NotAWorkspace {
        path: path.to_path_buf(),
        reason,
    };
    let application_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| not_a_workspace(format!("it is not a SQLite database ({e})")))?;
    if application_id == APPLICATION_ID {
        return Ok(());
    }
    if application_id != 0 {
        return Err(not_a_workspace(format!(
            "it belongs to another application (id {application_id:#x})"
        )));
    }
    let tables: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if tables > 0 {
        return Err(not_a_workspace(
            "it is a SQLite database of another application".into(),
        ));
    }
    Ok(())
}

fn timestamp(milliseconds: i64, what: &str) -> Result<Timestamp, StoreError> {
    Timestamp::from_millisecond(milliseconds).map_err(|e| StoreError::Corrupt {
        id: what.to_owned(),
        source: ModelError::invalid("timestamp", e),
    })
}
