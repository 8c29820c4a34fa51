//! Priority residents (marked by a social worker) and the listings open to them first.

use sqlx::Row;

use super::{StoreResult, Tx};

/// Marks (or marks again) a resident as priority in a community.
pub async fn mark(
    tx: &mut Tx,
    community_id: i64,
    member_id: i64,
    reason: &str,
    review_on: Option<&str>,
    by: i64,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO priority_marks (community_id, member_id, reason, review_on, marked_by, active, created_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6)
         ON CONFLICT (community_id, member_id) DO UPDATE
           SET reason = $3, review_on = $4, marked_by = $5, active = 1, created_at = $6",
    )
    .bind(community_id)
    .bind(member_id)
    .bind(reason)
    .bind(review_on)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Ends a mark; false if there was none.
pub async fn unmark(tx: &mut Tx, community_id: i64, member_id: i64) -> StoreResult<bool> {
    Ok(sqlx::query(
        "UPDATE priority_marks SET active = 0 WHERE community_id = $1 AND member_id = $2 AND active = 1",
    )
    .bind(community_id)
    .bind(member_id)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

pub async fn is_priority(tx: &mut Tx, community_id: i64, member_id: i64) -> StoreResult<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM priority_marks WHERE community_id = $1 AND member_id = $2 AND active = 1",
    )
    .bind(community_id)
    .bind(member_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

/// The priority residents of a community: (member id, name, reason, review date).
pub async fn marks_in(
    tx: &mut Tx,
    community_id: i64,
) -> StoreResult<Vec<(i64, String, String, Option<String>)>> {
    let rows = sqlx::query(
        "SELECT p.member_id, m.name, p.reason, p.review_on FROM priority_marks p
         JOIN members m ON m.id = p.member_id
         WHERE p.community_id = $1 AND p.active = 1 ORDER BY m.name",
    )
    .bind(community_id)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("member_id")?,
                r.try_get("name")?,
                r.try_get("reason")?,
                r.try_get("review_on")?,
            ))
        })
        .collect()
}

pub async fn set_until(tx: &mut Tx, listing_id: i64, until: i64) -> StoreResult<()> {
    sqlx::query("UPDATE listings SET priority_until = $1 WHERE id = $2")
        .bind(until)
        .bind(listing_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Until when a listing is open to priority residents only (None: open to all).
pub async fn until(tx: &mut Tx, listing_id: i64) -> StoreResult<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT priority_until FROM listings WHERE id = $1")
            .bind(listing_id)
            .fetch_optional(&mut **tx)
            .await?
            .flatten(),
    )
}

/// Claims a member made within priority windows since `since` that are live or done (the
/// fairness cap): a claim declined or taken back took nothing.
pub async fn claims_in_windows(tx: &mut Tx, member_id: i64, since: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM claims c JOIN listings l ON l.id = c.listing_id
         WHERE c.claimer_id = $1 AND c.created_at >= $2 AND l.priority_until IS NOT NULL
           AND c.created_at < l.priority_until
           AND c.status IN ('pending', 'accepted', 'confirmed')",
    )
    .bind(member_id)
    .bind(since)
    .fetch_one(&mut **tx)
    .await?)
}

pub async fn add_waiter(tx: &mut Tx, listing_id: i64, member_id: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO priority_waiters (listing_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(listing_id)
    .bind(member_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn waiters(tx: &mut Tx, listing_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT member_id FROM priority_waiters WHERE listing_id = $1 ORDER BY member_id",
    )
    .bind(listing_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// The neighbours waiting to hear that listing `listing_id` is open, forgotten as they are
/// told.
pub async fn take_waiters(tx: &mut Tx, listing_id: i64) -> StoreResult<Vec<i64>> {
    let waiting = waiters(tx, listing_id).await?;
    sqlx::query("DELETE FROM priority_waiters WHERE listing_id = $1")
        .bind(listing_id)
        .execute(&mut **tx)
        .await?;
    Ok(waiting)
}

/// The members marked priority anywhere (for `linli state --json`).
pub async fn marked(c: &mut sqlx::AnyConnection) -> StoreResult<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT DISTINCT member_id FROM priority_marks WHERE active = 1")
            .fetch_all(&mut *c)
            .await?,
    )
}
