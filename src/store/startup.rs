//! The start-up check: before the pool is built, one connection is opened with a short timeout
//! and a write is tried in a transaction that is rolled back, so a database that cannot be used stops
//! start-up at once with one line saying why — not a database, read-only, nobody listening,
//! login refused — instead of the pool retrying for its whole acquire timeout.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::any::AnyConnectOptions;
use sqlx::{AnyConnection, Connection, Executor};

use super::{Backend, StoreError, StoreResult};

/// How long the first connection may take before start-up gives up.
pub(super) const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The settings each new connection gets: WAL, the busy timeout, foreign keys and the
/// synchronous level on SQLite; nothing on PostgreSQL.
pub(super) async fn prepare(
    conn: &mut AnyConnection,
    backend: Backend,
    busy_ms: u64,
    sync: &str,
) -> Result<(), sqlx::Error> {
    if backend == Backend::Sqlite {
        conn.execute(format!("PRAGMA busy_timeout = {busy_ms}").as_str())
            .await?;
        wal(conn, busy_ms).await?;
        conn.execute("PRAGMA foreign_keys = ON").await?;
        conn.execute(format!("PRAGMA synchronous = {sync}").as_str())
            .await?;
    }
    Ok(())
}

/// Puts the database in WAL mode. Turning a new database to WAL takes an exclusive lock that
/// SQLite does not wait for (busy_timeout does not apply): several instances opening one new
/// file together get "database is locked" at once. That answer is retried here, with short
/// sleeps, for as long as busy_timeout allows.
async fn wal(conn: &mut AnyConnection, busy_ms: u64) -> Result<(), sqlx::Error> {
    let until = std::time::Instant::now() + Duration::from_millis(busy_ms.max(1000));
    let mut pause = Duration::from_millis(5);
    loop {
        match conn.execute("PRAGMA journal_mode = WAL").await {
            Ok(_) => return Ok(()),
            Err(e) if sqlite_code(&e) == Some(5) && std::time::Instant::now() < until => {
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            Err(e) => return Err(e),
        }
    }
}

/// What the check needs to know about the database.
pub(super) struct Target<'a> {
    pub backend: Backend,
    /// The URL as configured (for the SQLite file and `mode=ro`, the PostgreSQL address).
    pub url: &'a str,
    pub busy_ms: u64,
    pub sync: &'a str,
}

/// Opens one connection (within [`CHECK_TIMEOUT`]) and checks that the database takes writes.
/// Errors name what is wrong.
pub(super) async fn check(opts: &AnyConnectOptions, t: &Target<'_>) -> StoreResult<()> {
    match t.backend {
        Backend::Sqlite => check_sqlite(opts, t).await,
        Backend::Postgres => check_postgres(opts, t).await,
    }
}

async fn check_sqlite(opts: &AnyConnectOptions, t: &Target<'_>) -> StoreResult<()> {
    let path = super::sqlite_file(t.url);
    // A file that is there and holds something else is named before SQLite touches it (it
    // would otherwise create FILE-wal and FILE-shm beside it).
    if let Some(p) = &path {
        if !has_sqlite_header(p) {
            return Err(StoreError::NotDatabase(p.display().to_string()));
        }
    }
    // Opening a local file does not hang; the timeout is for a file system that does. The
    // write lock may be awaited (busy_timeout) while another instance migrates.
    let conn = match tokio::time::timeout(CHECK_TIMEOUT, AnyConnection::connect_with(opts)).await {
        Ok(conn) => conn,
        Err(_) => {
            return Err(StoreError::CannotOpen {
                path: shown(path.as_deref(), t.url),
                why: format!("no answer within {} s", CHECK_TIMEOUT.as_secs()),
            })
        }
    };
    let attempt = async {
        let mut conn = conn?;
        prepare(&mut conn, t.backend, t.busy_ms, t.sync).await?;
        sqlite_write_check(&mut conn).await?;
        conn.close().await
    };
    attempt
        .await
        .map_err(|e| sqlite_error(e, path.as_deref(), t.url))
}

/// Begins a write transaction, creates a table in the main database and rolls back: a file
/// opened read-only (its permissions, its directory, `mode=ro`) refuses the write. (BEGIN
/// IMMEDIATE alone is accepted by a read-only WAL connection.) Another process holding the
/// write lock (busy) means the database is in use for writing, so it passes.
async fn sqlite_write_check(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    match conn.execute("BEGIN IMMEDIATE").await {
        Ok(_) => {}
        Err(e) if matches!(sqlite_code(&e), Some(5 | 6)) => return Ok(()),
        Err(e) => return Err(e),
    }
    let wrote = conn
        .execute("CREATE TABLE main.linli_startup_write_check (x INTEGER)")
        .await;
    let rolled_back = conn.execute("ROLLBACK").await;
    wrote?;
    rolled_back.map(|_| ())
}

/// True unless the file exists, is not empty and does not start like a SQLite database (an
/// empty or missing file becomes a new database).
fn has_sqlite_header(p: &Path) -> bool {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(p) else {
        return true; // missing or unreadable: SQLite says which
    };
    let mut head = Vec::with_capacity(SQLITE_HEADER.len());
    if f.by_ref()
        .take(SQLITE_HEADER.len() as u64)
        .read_to_end(&mut head)
        .is_err()
    {
        return true;
    }
    head.is_empty() || head == SQLITE_HEADER
}

/// SQLite's primary result code of an error (the extended code's low byte).
fn sqlite_code(e: &sqlx::Error) -> Option<i64> {
    let code = e.as_database_error()?.code()?;
    code.parse::<i64>().ok().map(|c| c & 0xff)
}

fn shown(path: Option<&Path>, url: &str) -> String {
    path.map_or_else(|| url.to_string(), |p| p.display().to_string())
}

/// An SQLite error at start-up, in words: not a database, read-only, cannot open.
fn sqlite_error(e: sqlx::Error, path: Option<&Path>, url: &str) -> StoreError {
    let name = shown(path, url);
    let read_only_url = url.contains("mode=ro");
    match sqlite_code(&e) {
        Some(26) => StoreError::NotDatabase(name),
        Some(8) if read_only_url => {
            StoreError::ReadOnly(format!("{name} is opened with mode=ro in its URL"))
        }
        Some(8) => StoreError::ReadOnly(format!(
            "{name} cannot be written (the file, or the directory that holds it, is not \
             writable)"
        )),
        Some(14) => cannot_open(name, path, read_only_url),
        _ => StoreError::Db(e),
    }
}

/// SQLite could not open the file (or the `-wal` and `-shm` files it keeps beside it).
fn cannot_open(name: String, path: Option<&Path>, read_only_url: bool) -> StoreError {
    let dir: Option<PathBuf> = path.map(|p| match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    });
    let exists = path.is_some_and(Path::exists);
    match dir {
        Some(d) if !d.is_dir() => StoreError::CannotOpen {
            path: name,
            why: format!("the directory {} does not exist", d.display()),
        },
        Some(_) if exists && read_only_url => StoreError::ReadOnly(format!(
            "{name} is opened with mode=ro in its URL, and its -wal and -shm files are missing"
        )),
        Some(d) if exists => StoreError::ReadOnly(format!(
            "{name} cannot be written, or {} cannot hold its -wal and -shm files (the file or \
             the directory is not writable)",
            d.display()
        )),
        Some(d) => StoreError::ReadOnly(format!(
            "{name} does not exist and cannot be created (the directory {} is not writable)",
            d.display()
        )),
        None => StoreError::CannotOpen {
            path: name,
            why: "SQLite cannot open it".into(),
        },
    }
}

/// `HOST:PORT` of a PostgreSQL URL, for messages.
fn pg_addr(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => format!(
            "{}:{}",
            u.host_str()
                .filter(|h| !h.is_empty())
                .unwrap_or("localhost"),
            u.port().unwrap_or(5432)
        ),
        Err(_) => "the configured PostgreSQL address".into(),
    }
}

async fn check_postgres(opts: &AnyConnectOptions, t: &Target<'_>) -> StoreResult<()> {
    let addr = pg_addr(t.url);
    let attempt = async {
        let mut conn = AnyConnection::connect_with(opts).await?;
        // A standby, or default_transaction_read_only: every write would fail.
        let mut tx = conn.begin().await?;
        let ro: String = sqlx::query_scalar("SELECT current_setting('transaction_read_only')")
            .fetch_one(&mut *tx)
            .await?;
        tx.rollback().await?;
        conn.close().await?;
        Ok::<bool, sqlx::Error>(ro == "on")
    };
    match tokio::time::timeout(CHECK_TIMEOUT, attempt).await {
        Ok(Ok(false)) => Ok(()),
        Ok(Ok(true)) => Err(StoreError::ReadOnly(format!(
            "PostgreSQL at {addr} accepts no writes (transaction_read_only is on: a standby, \
             or default_transaction_read_only)"
        ))),
        Ok(Err(e)) => Err(postgres_error(e, addr)),
        Err(_) => Err(StoreError::Unreachable {
            addr,
            why: format!("no answer within {} s", CHECK_TIMEOUT.as_secs()),
        }),
    }
}

/// A PostgreSQL error at start-up, in words: nobody listening, unreachable, login refused.
fn postgres_error(e: sqlx::Error, addr: String) -> StoreError {
    match e {
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            StoreError::NotListening(addr)
        }
        sqlx::Error::Io(io) => StoreError::Unreachable {
            addr,
            why: io.to_string(),
        },
        sqlx::Error::Database(d)
            if d.code().is_some_and(|c| {
                // 28xxx: authorization (wrong password, unknown role, pg_hba);
                // 3D000: the database does not exist.
                c.starts_with("28") || c == "3D000"
            }) =>
        {
            StoreError::LoginRefused {
                addr,
                why: d.message().to_string(),
            }
        }
        other => StoreError::Db(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_headers() {
        assert_eq!(pg_addr("postgres://u@db.example:6543/x"), "db.example:6543");
        assert_eq!(pg_addr("postgres://u@127.0.0.1/x"), "127.0.0.1:5432");
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.db");
        assert!(has_sqlite_header(&f), "a missing file becomes a database");
        std::fs::write(&f, b"").unwrap();
        assert!(has_sqlite_header(&f), "so does an empty one");
        std::fs::write(&f, b"hello, this is not a database at all").unwrap();
        assert!(!has_sqlite_header(&f));
        std::fs::write(&f, b"SQLite").unwrap();
        assert!(!has_sqlite_header(&f), "a cut header is no database");
    }
}
