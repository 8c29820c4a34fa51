//! Weekly suggestions, only with consent: the resident's switch, what they searched for and
//! claimed (kept only while the switch is on), and what was suggested.

use super::{StoreResult, Tx};

/// Turns a member's suggestions on or off.
pub async fn set(tx: &mut Tx, member_id: i64, on: bool) -> StoreResult<()> {
    sqlx::query("UPDATE members SET recommend = $2 WHERE id = $1")
        .bind(member_id)
        .bind(on as i64)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether a member turned suggestions on.
pub async fn is_on(tx: &mut Tx, member_id: i64) -> StoreResult<bool> {
    let on: Option<i64> = sqlx::query_scalar("SELECT recommend FROM members WHERE id = $1")
        .bind(member_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(on == Some(1))
}

/// The members who turned suggestions on.
pub async fn consenting(tx: &mut Tx) -> StoreResult<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM members WHERE recommend = 1 ORDER BY id")
            .fetch_all(&mut **tx)
            .await?,
    )
}

/// Keeps a search or a claim for suggestions — only when the member turned them on (the
/// check is in the statement, so nothing is written without consent). Returns whether it was.
pub async fn note(
    tx: &mut Tx,
    member_id: i64,
    source: &str,
    text: &str,
    now: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO interests (member_id, source, text, times, at)
         SELECT id, $2, $3, 1, $4 FROM members WHERE id = $1 AND recommend = 1
         ON CONFLICT (member_id, source, text) DO UPDATE
           SET times = interests.times + 1, at = excluded.at",
    )
    .bind(member_id)
    .bind(source)
    .bind(text)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A member's interests kept since `since`, newest first: (source, text).
pub async fn interests(
    tx: &mut Tx,
    member_id: i64,
    since: i64,
    limit: i64,
) -> StoreResult<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT source, text FROM interests WHERE member_id = $1 AND at >= $2
         ORDER BY at DESC, times DESC LIMIT $3",
    )
    .bind(member_id)
    .bind(since)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?)
}

/// How many interests are kept for a member.
pub async fn count(tx: &mut Tx, member_id: i64) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM interests WHERE member_id = $1")
            .bind(member_id)
            .fetch_one(&mut **tx)
            .await?,
    )
}

/// Listings not to suggest to a member again: suggested before, or claimed by them.
pub async fn seen(tx: &mut Tx, member_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT listing_id FROM suggestions WHERE member_id = $1
         UNION SELECT listing_id FROM claims WHERE receiver_id = $1 OR claimer_id = $1",
    )
    .bind(member_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// Records a suggestion.
pub async fn suggested(tx: &mut Tx, member_id: i64, listing_id: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO suggestions (member_id, listing_id, at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .bind(member_id)
    .bind(listing_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Deletes everything kept about a member for suggestions; returns (interests, suggestions)
/// deleted.
pub async fn forget(tx: &mut Tx, member_id: i64) -> StoreResult<(u64, u64)> {
    let i = sqlx::query("DELETE FROM interests WHERE member_id = $1")
        .bind(member_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    let s = sqlx::query("DELETE FROM suggestions WHERE member_id = $1")
        .bind(member_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok((i, s))
}

/// Drops interests older than `before` (kept only `finding.interests_keep_days`).
pub async fn prune(tx: &mut Tx, before: i64) -> StoreResult<u64> {
    Ok(sqlx::query("DELETE FROM interests WHERE at < $1")
        .bind(before)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}
