//! Tickets: a resident's request to the social workers ("请社工联系我"), with who took it.

use sqlx::Row;

use super::{opt_i64, StoreError, StoreResult, Tx};
use crate::domain::{TicketKind, TicketStatus};

#[derive(Debug, Clone)]
pub struct Ticket {
    pub id: i64,
    pub community_id: i64,
    pub member_id: i64,
    pub kind: TicketKind,
    pub text: String,
    pub status: TicketStatus,
    pub taken_by: Option<i64>,
    pub created_at: i64,
}

/// Opens a ticket; its id.
pub async fn open(
    tx: &mut Tx,
    community_id: i64,
    member_id: i64,
    kind: TicketKind,
    text: &str,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO tickets (community_id, member_id, kind, text, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'open', $5, $5) RETURNING id",
    )
    .bind(community_id)
    .bind(member_id)
    .bind(kind.as_str())
    .bind(text)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

/// A ticket, its row locked until the transaction ends.
pub async fn get_for_update(tx: &mut Tx, id: i64) -> StoreResult<Option<Ticket>> {
    let sql = format!(
        "SELECT id, community_id, member_id, kind, text, status, taken_by, created_at FROM tickets WHERE id = $1{}",
        tx.backend.for_update()
    );
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut **tx).await?;
    row.map(|r| {
        let kind: String = r.try_get("kind")?;
        let status: String = r.try_get("status")?;
        Ok(Ticket {
            id: r.try_get("id")?,
            community_id: r.try_get("community_id")?,
            member_id: r.try_get("member_id")?,
            kind: TicketKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("ticket kind {kind}")))?,
            text: r.try_get("text")?,
            status: TicketStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("ticket status {status}")))?,
            taken_by: opt_i64(&r, "taken_by")?,
            created_at: r.try_get("created_at")?,
        })
    })
    .transpose()
}

/// The resident's ticket still open or taken, if any (one at a time is enough).
pub async fn live_of(tx: &mut Tx, community_id: i64, member_id: i64) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM tickets WHERE community_id = $1 AND member_id = $2 AND status IN ('open', 'taken') ORDER BY id LIMIT 1",
    )
    .bind(community_id)
    .bind(member_id)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Moves a ticket on (taken by a worker, or done).
pub async fn set_status(
    tx: &mut Tx,
    id: i64,
    status: TicketStatus,
    taken_by: Option<i64>,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE tickets SET status = $2, taken_by = COALESCE($3, taken_by), updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(taken_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The community's tickets nobody took yet, oldest first.
pub async fn open_in(tx: &mut Tx, community_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM tickets WHERE community_id = $1 AND status = 'open' ORDER BY id",
    )
    .bind(community_id)
    .fetch_all(&mut **tx)
    .await?)
}
