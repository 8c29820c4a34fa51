//! Who polls Telegram when several instances share one PostgreSQL database: the one holding a
//! session advisory lock, on a connection taken out of the pool for as long as it polls. When
//! that process dies, its connection closes, the lock is free, and another instance takes over.
//! A SQLite file serves one instance: it always leads.

use sqlx::{Any, AnyConnection, Connection};

use super::{Backend, Store, StoreResult};

/// The advisory lock's key (any fixed number; "linli" in ASCII).
const POLLING_LOCK: i64 = 0x6c_69_6e_6c_69;

/// The lead: the connection that holds the lock (none for SQLite).
pub struct Lead {
    conn: Option<AnyConnection>,
}

impl Lead {
    /// True while the lock is still held (its connection answers).
    pub async fn holds(&mut self) -> bool {
        match self.conn.as_mut() {
            Some(c) => c.ping().await.is_ok(),
            None => true,
        }
    }
}

/// Takes the lead if nobody has it; `None` when another instance polls.
pub async fn try_lead(store: &Store) -> StoreResult<Option<Lead>> {
    if store.backend() == Backend::Sqlite {
        return Ok(Some(Lead { conn: None }));
    }
    let mut conn = sqlx::pool::PoolConnection::<Any>::detach(store.conn().await?);
    let got: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
        .bind(POLLING_LOCK)
        .fetch_one(&mut conn)
        .await?;
    if got {
        Ok(Some(Lead { conn: Some(conn) }))
    } else {
        let _ = conn.close().await;
        Ok(None)
    }
}
