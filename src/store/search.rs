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
    // One statement for all the terms (a title has a handful).
    for chunk in terms.chunks(100) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("($1, $2, ${})", i + 3))
            .collect();
        let sql = format!(
            "INSERT INTO listing_terms (listing_id, community_id, term) VALUES {} ON CONFLICT DO NOTHING",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql).bind(listing_id).bind(community_id);
        for t in chunk {
            q = q.bind(t);
        }
        q.execute(&mut **tx).await?;
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

/// A resident's wish: told when a matching offer is posted, until it expires.
#[derive(Debug, Clone, PartialEq)]
pub struct Wish {
    pub id: i64,
    pub member_id: i64,
    pub text: String,
    pub expires_at: i64,
}

pub async fn add_wish(
    tx: &mut Tx,
    member_id: i64,
    text: &str,
    expires_at: i64,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO wishes (member_id, text, active, expires_at, created_at) VALUES ($1, $2, 1, $3, $4)
         RETURNING id",
    )
    .bind(member_id)
    .bind(text)
    .bind(expires_at)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

fn wish_from(r: &sqlx::any::AnyRow) -> StoreResult<Wish> {
    Ok(Wish {
        id: r.try_get("id")?,
        member_id: r.try_get("member_id")?,
        text: r.try_get("text")?,
        expires_at: r.try_get("expires_at")?,
    })
}

/// A member's live wishes, oldest first.
pub async fn wishes_of(tx: &mut Tx, member_id: i64, now: i64) -> StoreResult<Vec<Wish>> {
    let rows = sqlx::query(
        "SELECT id, member_id, text, expires_at FROM wishes
         WHERE member_id = $1 AND active = 1 AND expires_at > $2 ORDER BY id",
    )
    .bind(member_id)
    .bind(now)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(wish_from).collect()
}

/// Ends a member's wish; false if it was not theirs or not live.
pub async fn end_wish(tx: &mut Tx, id: i64, member_id: i64) -> StoreResult<bool> {
    Ok(
        sqlx::query("UPDATE wishes SET active = 0 WHERE id = $1 AND member_id = $2 AND active = 1")
            .bind(id)
            .bind(member_id)
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1,
    )
}

/// The live wishes of a community's members (not `not_member`'s).
pub async fn wishes_in(
    tx: &mut Tx,
    community_id: i64,
    not_member: i64,
    now: i64,
) -> StoreResult<Vec<Wish>> {
    let rows = sqlx::query(
        "SELECT w.id, w.member_id, w.text, w.expires_at FROM wishes w
         JOIN memberships ms ON ms.member_id = w.member_id AND ms.community_id = $1
         WHERE w.active = 1 AND w.expires_at > $3 AND w.member_id <> $2 ORDER BY w.id",
    )
    .bind(community_id)
    .bind(not_member)
    .bind(now)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(wish_from).collect()
}

/// Records that a wish was told of an offer; false if it already was.
pub async fn note_alert(
    tx: &mut Tx,
    wish_id: i64,
    listing_id: i64,
    member_id: i64,
    now: i64,
) -> StoreResult<bool> {
    Ok(sqlx::query(
        "INSERT INTO wish_alerts (wish_id, listing_id, member_id, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind(wish_id)
    .bind(listing_id)
    .bind(member_id)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// The wish a member's alert about a listing was for, if it is still live at `now`:
/// (wish text).
pub async fn live_alert_wish(
    tx: &mut Tx,
    member_id: i64,
    listing_id: i64,
    now: i64,
) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT w.text FROM wish_alerts a JOIN wishes w ON w.id = a.wish_id
         WHERE a.member_id = $1 AND a.listing_id = $2 AND w.active = 1 AND w.expires_at > $3
         LIMIT 1",
    )
    .bind(member_id)
    .bind(listing_id)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?)
}

/// The times of a member's alerts since `since` (those held for later included), oldest first.
pub async fn alert_times(tx: &mut Tx, member_id: i64, since: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT at FROM wish_alerts WHERE member_id = $1 AND at >= $2 ORDER BY at",
    )
    .bind(member_id)
    .bind(since)
    .fetch_all(&mut **tx)
    .await?)
}

/// Every wish with its member's name (name, text, live flag, expiry), for `linli state --json`.
pub async fn all_wishes(
    c: &mut sqlx::AnyConnection,
) -> StoreResult<Vec<(String, String, bool, i64)>> {
    let rows = sqlx::query(
        "SELECT m.name, w.text, w.active, w.expires_at FROM wishes w JOIN members m ON m.id = w.member_id
         ORDER BY w.id",
    )
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            let active: i64 = r.try_get("active")?;
            Ok((
                r.try_get("name")?,
                r.try_get("text")?,
                active == 1,
                r.try_get("expires_at")?,
            ))
        })
        .collect()
}
