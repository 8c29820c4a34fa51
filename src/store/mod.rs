//! Storage: one sqlx `Any` pool over SQLite (embedded default) or PostgreSQL (several instances).
//!
//! Queries are written once in the SQL both databases share (`$1` parameters, `RETURNING`,
//! `ON CONFLICT`); the few differences (how a write transaction starts, row locks) are methods
//! of [`Backend`]. Each backend has its own migration history under `migrations/`.

pub mod admin;
pub mod debts;
pub mod desk;
pub mod dialogs;
pub mod disputes;
pub mod emergency;
pub mod events;
pub mod files;
pub mod helpers;
pub mod jobs;
pub mod leader;
pub mod listings;
pub mod loans;
pub mod members;
pub mod outbox;
pub mod priority;
pub mod recommend;
pub mod reports;
pub mod search;
pub mod staff;
mod startup;
pub mod state;
pub mod surveys;
pub mod tickets;
pub mod updates;

use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyConnection, AnyPool, Executor};

use crate::config::DatabaseConfig;

/// The placeholders of a multi-row `VALUES` list: `rows` rows of `cols` parameters each,
/// numbered from `$1` (`($1, $2), ($3, $4)`).
pub(crate) fn values(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| {
            let row: Vec<String> = (1..=cols).map(|c| format!("${}", r * cols + c)).collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The suffix that locks the selected rows until commit (SQLite's write transaction
    /// already holds the database lock).
    pub fn for_update(self) -> &'static str {
        match self {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE",
        }
    }
}

/// Storage errors. Constraint violations that a resident can cause are turned into refusals
/// where they happen; what reaches this type is an operator's problem.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// A batch of updates committed together failed as a whole (group commit).
    #[error("the batch's transaction failed: {0}")]
    Batch(String),
    #[error("cannot take the migration lock: {0}")]
    Lock(String),
    /// The SQLite file holds something else.
    #[error("{0} is not a SQLite database (the file holds something else)")]
    NotDatabase(String),
    /// The database can be read but not written.
    #[error("the database is read-only: {0}")]
    ReadOnly(String),
    /// The SQLite file cannot be opened or created.
    #[error("cannot open the SQLite file {path}: {why}")]
    CannotOpen { path: String, why: String },
    /// Nothing accepts connections at the PostgreSQL address.
    #[error("nobody is listening at {0} (is PostgreSQL running there?)")]
    NotListening(String),
    /// The PostgreSQL address cannot be reached (no route, unknown host, no answer).
    #[error("cannot reach PostgreSQL at {addr}: {why}")]
    Unreachable { addr: String, why: String },
    /// PostgreSQL answered and refused: wrong password, unknown role, missing database.
    #[error("PostgreSQL at {addr} refused the login: {why}")]
    LoginRefused { addr: String, why: String },
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A connection pool and the backend it talks to.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// For a SQLite file: the lock file that serialises migrations of several processes.
    migrate_lock: Option<std::path::PathBuf>,
}

/// The file a SQLite URL names (`sqlite://path?…`, `sqlite:path`), unless it is in memory.
fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && !path.contains(":memory:")).then(|| std::path::PathBuf::from(path))
}

/// A write transaction. Dropping it without `commit` rolls it back.
pub struct Tx {
    inner: sqlx::Transaction<'static, Any>,
    pub backend: Backend,
}

impl Deref for Tx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.inner
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.inner
    }
}

impl Tx {
    pub async fn commit(self) -> StoreResult<()> {
        Ok(self.inner.commit().await?)
    }

    /// Runs `f` inside a savepoint: its writes are undone if it returns `Err`, the rest of the
    /// transaction stays.
    pub async fn savepoint(&mut self) -> StoreResult<()> {
        self.inner.execute("SAVEPOINT action").await?;
        Ok(())
    }

    pub async fn rollback_to_savepoint(&mut self) -> StoreResult<()> {
        self.inner.execute("ROLLBACK TO SAVEPOINT action").await?;
        Ok(())
    }

    /// A savepoint inside the action's, named `name` (letters only).
    pub async fn savepoint_named(&mut self, name: &str) -> StoreResult<()> {
        self.inner
            .execute(format!("SAVEPOINT {name}").as_str())
            .await?;
        Ok(())
    }

    /// Undoes everything since `savepoint_named(name)` and ends that savepoint.
    pub async fn rollback_named(&mut self, name: &str) -> StoreResult<()> {
        self.inner
            .execute(format!("ROLLBACK TO SAVEPOINT {name}").as_str())
            .await?;
        self.inner
            .execute(format!("RELEASE SAVEPOINT {name}").as_str())
            .await?;
        Ok(())
    }

    pub async fn release_named(&mut self, name: &str) -> StoreResult<()> {
        self.inner
            .execute(format!("RELEASE SAVEPOINT {name}").as_str())
            .await?;
        Ok(())
    }

    pub async fn release_savepoint(&mut self) -> StoreResult<()> {
        self.inner.execute("RELEASE SAVEPOINT action").await?;
        Ok(())
    }
}

impl Store {
    /// Connects, creating the SQLite file if needed, and applies pending migrations.
    pub async fn open(cfg: &DatabaseConfig) -> StoreResult<Store> {
        let store = Self::connect(cfg).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connects without migrating. One connection is opened first, with a short timeout, and a
    /// write is tried on it and rolled back: a database that cannot be used fails here at once,
    /// with an error saying why (not a database, read-only, nobody listening, login refused).
    pub async fn connect(cfg: &DatabaseConfig) -> StoreResult<Store> {
        sqlx::any::install_default_drivers();
        let backend = if cfg.url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let url = match backend {
            Backend::Sqlite if !cfg.url.contains("mode=") => {
                format!(
                    "{}{}mode=rwc",
                    cfg.url,
                    if cfg.url.contains('?') { '&' } else { '?' }
                )
            }
            _ => cfg.url.clone(),
        };
        let opts = AnyConnectOptions::from_str(&url)?;
        let sync = cfg.synchronous.to_ascii_uppercase();
        let target = startup::Target {
            backend,
            url: &cfg.url,
            busy_ms: cfg.busy_timeout_ms,
            sync: &sync,
        };
        startup::check(&opts, &target).await?;
        let busy = cfg.busy_timeout_ms;
        // Connections live as long as the process: a new one (its PRAGMAs, its statement
        // cache) is never opened in the middle of an update once the pool has warmed up.
        let pool = AnyPoolOptions::new()
            .max_connections(cfg.max_connections)
            .min_connections(cfg.max_connections.min(2))
            .idle_timeout(None)
            .max_lifetime(None)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                let sync = sync.clone();
                Box::pin(async move { startup::prepare(conn, backend, busy, &sync).await })
            })
            .connect_with(opts)
            .await?;
        let migrate_lock = match backend {
            Backend::Sqlite => sqlite_file(&cfg.url).map(|p| {
                let mut name = p.into_os_string();
                name.push(".migrate-lock");
                std::path::PathBuf::from(name)
            }),
            Backend::Postgres => None,
        };
        Ok(Store {
            pool,
            backend,
            migrate_lock,
        })
    }

    /// Applies the migrations not applied yet. Several processes starting together on one new
    /// database take turns: on SQLite through an exclusive lock on a file beside the database,
    /// on PostgreSQL through sqlx's advisory lock.
    pub async fn migrate(&self) -> StoreResult<()> {
        let _turn = match &self.migrate_lock {
            Some(path) => {
                let path = path.clone();
                let file =
                    tokio::task::spawn_blocking(move || -> std::io::Result<std::fs::File> {
                        let f = std::fs::OpenOptions::new()
                            .create(true)
                            .truncate(false)
                            .write(true)
                            .open(&path)?;
                        f.lock()?;
                        Ok(f)
                    })
                    .await
                    .map_err(|e| StoreError::Lock(e.to_string()))?
                    .map_err(|e| StoreError::Lock(e.to_string()))?;
                Some(file)
            }
            None => None,
        };
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A connection from the pool, for reads outside a write transaction.
    pub async fn conn(&self) -> StoreResult<sqlx::pool::PoolConnection<Any>> {
        Ok(self.pool.acquire().await?)
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite, so two writers never deadlock
    /// on a lock upgrade).
    pub async fn begin(&self) -> StoreResult<Tx> {
        let inner = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(Tx {
            inner,
            backend: self.backend,
        })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Current time as stored: UTC unix seconds.
pub fn ts(t: chrono::DateTime<chrono::Utc>) -> i64 {
    t.timestamp()
}

/// Reads an optional column that SQLite may return as NULL.
pub(crate) fn opt_i64(row: &sqlx::any::AnyRow, col: &str) -> StoreResult<Option<i64>> {
    use sqlx::Row;
    Ok(row.try_get::<Option<i64>, _>(col)?)
}
