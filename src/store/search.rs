//! Search terms of listings (`parse::search_terms`), and the open listings whose terms meet a
//! query's, within some communities.

use sqlx::Row;

use super::{StoreResult, Tx};
use crate::domain::ListingKind;

/// Records a listing's terms.
pub async fn index(
    tx: &mut Tx,
    listing_id: i64,
    community_id: i64,
    terms: &[String],
) -> StoreResult<()> {
    for t in terms {
        sqlx::query(
            "INSERT INTO listing_terms (listing_id, community_id, term) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )
        .bind(listing_id)
        .bind(community_id)
        .bind(t)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A listing found: its id, title, owner, community, points, and all its terms.
#[derive(Debug, Clone)]
pub struct Found {
    pub id: i64,
    pub title: String,
    pub owner_id: i64,
    pub community_id: i64,
    pub points: i64,
    pub terms: Vec<String>,
}

/// Open listings of `kind` in `communities` (not owned by `not_owner`, not on an event's swap
/// table, not under review) sharing at least one term with `terms`, most shared first, then
/// newest; at most `limit`.
pub async fn find(
    tx: &mut Tx,
    communities: &[i64],
    kind: ListingKind,
    terms: &[String],
    not_owner: i64,
    limit: i64,
) -> StoreResult<Vec<Found>> {
    if communities.is_empty() || terms.is_empty() {
        return Ok(Vec::new());
    }
    // $1 kind, $2 owner, $3 limit, then the communities, then the terms.
    let cs: Vec<String> = (0..communities.len())
        .map(|i| format!("${}", i + 4))
        .collect();
    let ts: Vec<String> = (0..terms.len())
        .map(|i| format!("${}", i + 4 + communities.len()))
        .collect();
    let sql = format!(
        "SELECT t.listing_id, COUNT(*) AS hits FROM listing_terms t JOIN listings l ON l.id = t.listing_id
         WHERE t.community_id IN ({}) AND t.term IN ({}) AND l.status = 'open' AND l.kind = $1
           AND l.owner_id <> $2 AND l.event_id IS NULL AND l.review = 'none'
         GROUP BY t.listing_id ORDER BY hits DESC, t.listing_id DESC LIMIT $3",
        cs.join(", "),
        ts.join(", ")
    );
    let mut q = sqlx::query(&sql)
        .bind(kind.as_str())
        .bind(not_owner)
        .bind(limit);
    for c in communities {
        q = q.bind(*c);
    }
    for t in terms {
        q = q.bind(t.as_str());
    }
    let ids: Vec<i64> = q
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| r.try_get("listing_id"))
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for id in ids {
        out.push(found(tx, id).await?);
    }
    Ok(out)
}

async fn found(tx: &mut Tx, id: i64) -> StoreResult<Found> {
    let r =
        sqlx::query("SELECT id, title, owner_id, community_id, points FROM listings WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
    let terms: Vec<String> =
        sqlx::query_scalar("SELECT term FROM listing_terms WHERE listing_id = $1")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
    Ok(Found {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        owner_id: r.try_get("owner_id")?,
        community_id: r.try_get("community_id")?,
        points: r.try_get("points")?,
        terms,
    })
}

/// The newest open offers of `communities` (browsing), skipping `offset`.
pub async fn newest(
    tx: &mut Tx,
    communities: &[i64],
    not_owner: i64,
    offset: i64,
    limit: i64,
) -> StoreResult<Vec<Found>> {
    if communities.is_empty() {
        return Ok(Vec::new());
    }
    let cs: Vec<String> = (0..communities.len())
        .map(|i| format!("${}", i + 4))
        .collect();
    let sql = format!(
        "SELECT id FROM listings WHERE community_id IN ({}) AND status = 'open' AND kind = 'offer'
           AND owner_id <> $1 AND event_id IS NULL AND review = 'none'
         ORDER BY id DESC LIMIT $2 OFFSET $3",
        cs.join(", ")
    );
    let mut q = sqlx::query_scalar(&sql)
        .bind(not_owner)
        .bind(limit)
        .bind(offset);
    for c in communities {
        q = q.bind(*c);
    }
    let ids: Vec<i64> = q.fetch_all(&mut **tx).await?;
    let mut out = Vec::new();
    for id in ids {
        out.push(found(tx, id).await?);
    }
    Ok(out)
}

/// Open listings with no terms yet (made before search existed): (id, community, title).
pub async fn unindexed(c: &mut sqlx::AnyConnection) -> StoreResult<Vec<(i64, i64, String)>> {
    let rows = sqlx::query(
        "SELECT l.id, l.community_id, l.title FROM listings l
         WHERE l.status = 'open' AND l.event_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM listing_terms t WHERE t.listing_id = l.id)",
    )
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                r.try_get("community_id")?,
                r.try_get("title")?,
            ))
        })
        .collect()
}
