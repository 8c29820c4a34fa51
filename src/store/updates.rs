//! Updates already handled: Telegram delivers at least once, so each update's key is written
//! in the transaction that handles it, and a redelivery finds it.

use sqlx::AnyConnection;

use super::StoreResult;

/// Records an update as handled; false when it had been already.
pub async fn mark_handled(c: &mut AnyConnection, key: &str, now: i64) -> StoreResult<bool> {
    let fresh = sqlx::query(
        "INSERT INTO processed_updates (update_key, handled_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(key)
    .bind(now)
    .execute(&mut *c)
    .await?
    .rows_affected();
    Ok(fresh == 1)
}

/// When the last update was handled, if any was.
pub async fn last_handled_at(c: &mut AnyConnection) -> StoreResult<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT MAX(handled_at) FROM processed_updates")
            .fetch_one(&mut *c)
            .await?,
    )
}

/// How many updates were handled.
pub async fn handled_count(c: &mut AnyConnection) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM processed_updates")
        .fetch_one(&mut *c)
        .await?)
}
