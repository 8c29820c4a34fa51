//! Database administration for the benchmarks: scratch PostgreSQL databases, the bare write
//! that measures a database's floor, and whole-table counts.

use sqlx::PgConnection;

use super::{Store, StoreResult, Tx};

/// Create an empty database `name` on the PostgreSQL server `conn` is connected to, first
/// dropping one left over from an interrupted run. `name` goes into the SQL as it is (a database
/// name cannot be a bound parameter): pass only names the program made.
pub async fn recreate_database(conn: &mut PgConnection, name: &str) -> StoreResult<()> {
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&mut *conn)
        .await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Drop the database `name` on the PostgreSQL server `conn` is connected to, if it exists. As
/// with [`recreate_database`], `name` goes into the SQL as it is.
pub async fn drop_database(conn: &mut PgConnection, name: &str) -> StoreResult<()> {
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Insert one row into `processed_updates`: the smallest write there is, which the ledger
/// benchmark times as the database's floor.
pub async fn insert_processed_update(tx: &mut Tx, key: &str, at: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO processed_updates (update_key, handled_at) VALUES ($1, $2)")
        .bind(key)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// How many listings the database holds, in every community and status.
pub async fn count_listings(store: &Store) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM listings")
        .fetch_one(store.pool())
        .await?)
}
