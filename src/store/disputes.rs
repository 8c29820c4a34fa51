//! Disputes about a hand-over, their notes, the resolved ones as the handbook reads them, and
//! ratings of hand-overs.

use sqlx::{AnyConnection, Row};

use super::{StoreError, StoreResult, Tx};
use crate::domain::{DisputeCategory, DisputeStatus};

/// A dispute as stored.
#[derive(Debug, Clone)]
pub struct Dispute {
    pub id: i64,
    pub community_id: i64,
    pub claim_id: i64,
    pub listing_id: i64,
    pub opened_by: i64,
    pub against_id: i64,
    pub reason: String,
    pub photos: Vec<String>,
    pub frozen: i64,
    pub frozen_from: Option<i64>,
    pub shortfall: i64,
    pub status: DisputeStatus,
    pub created_at: i64,
}

pub async fn get(tx: &mut Tx, id: i64) -> StoreResult<Option<Dispute>> {
    let row = sqlx::query(
        "SELECT id, community_id, claim_id, listing_id, opened_by, against_id, reason, photos, frozen, frozen_from, shortfall, status, created_at FROM disputes WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let status: String = r.try_get("status")?;
    let photos: String = r.try_get("photos")?;
    Ok(Some(Dispute {
        id: r.try_get("id")?,
        community_id: r.try_get("community_id")?,
        claim_id: r.try_get("claim_id")?,
        listing_id: r.try_get("listing_id")?,
        opened_by: r.try_get("opened_by")?,
        against_id: r.try_get("against_id")?,
        reason: r.try_get("reason")?,
        photos: serde_json::from_str(&photos).unwrap_or_default(),
        frozen: r.try_get("frozen")?,
        frozen_from: r.try_get("frozen_from")?,
        shortfall: r.try_get("shortfall")?,
        status: DisputeStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("dispute status {status}")))?,
        created_at: r.try_get("created_at")?,
    }))
}

/// The case open (or taken) on a hand-over, if any.
pub async fn live_for_claim(tx: &mut Tx, claim_id: i64) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM disputes WHERE claim_id = $1 AND status IN ('open', 'taken')",
    )
    .bind(claim_id)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Points of a member frozen by the community's open disputes.
pub async fn frozen_of(tx: &mut Tx, community_id: i64, member_id: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(frozen), 0) AS BIGINT) FROM disputes
         WHERE community_id = $1 AND frozen_from = $2 AND status IN ('open', 'taken')",
    )
    .bind(community_id)
    .bind(member_id)
    .fetch_one(&mut **tx)
    .await?)
}

/// The community's disputes nobody took yet, oldest first.
pub async fn untaken_in(tx: &mut Tx, community_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM disputes WHERE community_id = $1 AND status = 'open' ORDER BY id",
    )
    .bind(community_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// The newest decided dispute on a hand-over, if any.
pub async fn decided_for_claim(tx: &mut Tx, claim_id: i64) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT MAX(id) FROM disputes WHERE claim_id = $1 AND status NOT IN ('open', 'taken')",
    )
    .bind(claim_id)
    .fetch_one(&mut **tx)
    .await?)
}

/// A dispute to open.
#[derive(Debug, Clone)]
pub struct NewDispute<'a> {
    pub community_id: i64,
    pub claim_id: i64,
    pub listing_id: i64,
    pub opened_by: i64,
    pub against_id: i64,
    pub reason: &'a str,
    pub category: DisputeCategory,
    pub photos: &'a [String],
}

pub async fn insert(tx: &mut Tx, d: &NewDispute<'_>, now: i64) -> StoreResult<i64> {
    let photos = serde_json::to_string(d.photos).unwrap_or_else(|_| "[]".into());
    Ok(sqlx::query_scalar(
        "INSERT INTO disputes (community_id, claim_id, listing_id, opened_by, against_id, reason, category, photos, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $9) RETURNING id",
    )
    .bind(d.community_id)
    .bind(d.claim_id)
    .bind(d.listing_id)
    .bind(d.opened_by)
    .bind(d.against_id)
    .bind(d.reason)
    .bind(d.category.as_str())
    .bind(&photos)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

/// Records the points frozen for a case: how many, from whom, and what could not be.
pub async fn set_frozen(
    tx: &mut Tx,
    id: i64,
    frozen: i64,
    from: i64,
    shortfall: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE disputes SET frozen = $2, frozen_from = $3, shortfall = $4 WHERE id = $1")
        .bind(id)
        .bind(frozen)
        .bind(from)
        .bind(shortfall)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The texts added to a case, oldest first.
pub async fn notes(tx: &mut Tx, id: i64) -> StoreResult<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT text FROM dispute_notes WHERE dispute_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?,
    )
}

pub async fn add_note(
    tx: &mut Tx,
    id: i64,
    author: i64,
    text: &str,
    photos: &[String],
    now: i64,
) -> StoreResult<()> {
    let photos = serde_json::to_string(photos).unwrap_or_else(|_| "[]".into());
    sqlx::query("INSERT INTO dispute_notes (dispute_id, author_id, text, photos, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(author)
        .bind(text)
        .bind(&photos)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A worker takes an open case.
pub async fn take(tx: &mut Tx, id: i64, worker: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE disputes SET status = 'taken', taken_by = $2, updated_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(worker)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A case is decided: its outcome and the points paid.
pub async fn resolve(
    tx: &mut Tx,
    id: i64,
    status: DisputeStatus,
    points: i64,
    now: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE disputes SET status = $2, outcome_points = $3, resolved_at = $4, updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(status.as_str())
        .bind(points)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records a rating of a hand-over once; false when this rater already rated it.
pub async fn rate(
    tx: &mut Tx,
    claim_id: i64,
    rater: i64,
    ratee: i64,
    score: i64,
    comment: Option<&str>,
    now: i64,
) -> StoreResult<bool> {
    let inserted = sqlx::query(
        "INSERT INTO ratings (claim_id, rater_id, ratee_id, score, created_at, comment) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(claim_id)
    .bind(rater)
    .bind(ratee)
    .bind(score)
    .bind(now)
    .bind(comment)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// Adds a comment to a rating.
pub async fn set_rating_comment(
    tx: &mut Tx,
    claim_id: i64,
    rater: i64,
    comment: Option<&str>,
) -> StoreResult<()> {
    sqlx::query("UPDATE ratings SET comment = $1 WHERE claim_id = $2 AND rater_id = $3")
        .bind(comment)
        .bind(claim_id)
        .bind(rater)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A resolved dispute, reduced to what the anonymised handbook may show.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedDispute {
    /// The kind of problem (a `DisputeCategory` name).
    pub category: String,
    /// How it ended: `compensated`, `refunded` or `dismissed`.
    pub status: String,
    /// Points paid, when it was compensated.
    pub outcome_points: Option<i64>,
}

/// Every resolved dispute of the community with id `community_id`, or of every community when
/// `None`. No names or member ids are read, so none can leak into the handbook.
pub async fn resolved(
    c: &mut AnyConnection,
    community_id: Option<i64>,
) -> StoreResult<Vec<ResolvedDispute>> {
    let rows: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT category, status, outcome_points FROM disputes
         WHERE status IN ('compensated', 'refunded', 'dismissed') AND ($1 = 0 OR community_id = $2)",
    )
    .bind(if community_id.is_some() { 1_i64 } else { 0 })
    .bind(community_id.unwrap_or(0))
    .fetch_all(&mut *c)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(category, status, outcome_points)| ResolvedDispute {
            category,
            status,
            outcome_points,
        })
        .collect())
}
