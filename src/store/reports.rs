//! Reports of listings (or of forwarded messages) and flood bookkeeping.

use sqlx::Row;

use super::{StoreResult, Tx};
use crate::domain::ReportCategory;

/// A report to file.
#[derive(Debug, Clone)]
pub struct NewReport<'a> {
    pub community_id: i64,
    /// `None` for a forwarded message that is no listing.
    pub listing_id: Option<i64>,
    pub reporter_id: i64,
    pub owner_id: Option<i64>,
    pub category: ReportCategory,
    pub reason: &'a str,
    /// The reported message's words, when it is no listing.
    pub quoted: Option<&'a str>,
}

/// Files a report; `None` when this member already reported this listing.
pub async fn insert(tx: &mut Tx, r: &NewReport<'_>, now: i64) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "INSERT INTO reports (community_id, listing_id, reporter_id, owner_id, category, reason, quoted, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(r.community_id)
    .bind(r.listing_id)
    .bind(r.reporter_id)
    .bind(r.owner_id)
    .bind(r.category.as_str())
    .bind(r.reason)
    .bind(r.quoted)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?)
}

/// How many members have an open report on a listing.
pub async fn open_reporters(tx: &mut Tx, listing_id: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(DISTINCT reporter_id) FROM reports WHERE listing_id = $1 AND status = 'open'",
    )
    .bind(listing_id)
    .fetch_one(&mut **tx)
    .await?)
}

/// A reporter's record: reports upheld (or warned on) and dismissed.
pub async fn record_of(tx: &mut Tx, reporter_id: i64) -> StoreResult<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN status IN ('upheld', 'warned') THEN 1 ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN status = 'dismissed' THEN 1 ELSE 0 END), 0) AS BIGINT)
         FROM reports WHERE reporter_id = $1",
    )
    .bind(reporter_id)
    .fetch_one(&mut **tx)
    .await?)
}

/// A report as a worker decides it.
#[derive(Debug, Clone)]
pub struct Report {
    pub id: i64,
    pub community_id: i64,
    pub listing_id: Option<i64>,
    pub reporter_id: i64,
    pub owner_id: Option<i64>,
    pub status: String,
}

pub async fn get(tx: &mut Tx, id: i64) -> StoreResult<Option<Report>> {
    let row = sqlx::query(
        "SELECT id, community_id, listing_id, reporter_id, owner_id, status FROM reports WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some(Report {
        id: r.try_get("id")?,
        community_id: r.try_get("community_id")?,
        listing_id: r.try_get("listing_id")?,
        reporter_id: r.try_get("reporter_id")?,
        owner_id: r.try_get("owner_id")?,
        status: r.try_get("status")?,
    }))
}

/// The open reports of a listing, oldest first.
pub async fn open_for_listing(tx: &mut Tx, listing_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM reports WHERE listing_id = $1 AND status = 'open' ORDER BY id",
    )
    .bind(listing_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// A worker's decision on a report.
pub async fn decide(tx: &mut Tx, id: i64, status: &str, by: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE reports SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1")
        .bind(id)
        .bind(status)
        .bind(by)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What flood control decided about one more command or listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flood {
    /// Under the limit: counted.
    Allowed,
    /// Over the limit for the first time in the window: dropped, with a warning.
    Warn,
    /// Over the limit again: dropped silently.
    Drop,
}

/// Counts one more command or listing by a member in a chat within the last `window` seconds,
/// at most `max`.
pub async fn flood(
    tx: &mut Tx,
    member_id: i64,
    chat_id: i64,
    now: i64,
    window: i64,
    max: i64,
) -> StoreResult<Flood> {
    // One counter per member and chat: a window opens with the first counted message after
    // the last one closed; the message that goes one over `max` is warned, later ones dropped.
    let n: i64 = sqlx::query_scalar(
        "INSERT INTO flood_counts (member_id, chat_id, window_start, n) VALUES ($1, $2, $3, 1)
         ON CONFLICT (member_id, chat_id) DO UPDATE SET
           n = CASE WHEN flood_counts.window_start <= $3 - $4 THEN 1 ELSE flood_counts.n + 1 END,
           window_start = CASE WHEN flood_counts.window_start <= $3 - $4 THEN $3 ELSE flood_counts.window_start END
         RETURNING n",
    )
    .bind(member_id)
    .bind(chat_id)
    .bind(now)
    .bind(window)
    .fetch_one(&mut **tx)
    .await?;
    Ok(match n {
        n if n <= max => Flood::Allowed,
        n if n == max + 1 => Flood::Warn,
        _ => Flood::Drop,
    })
}
