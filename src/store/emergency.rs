//! Emergencies: the notice, each resident's answer, the roll-call of things, and the tally
//! messages the workers see.

use sqlx::Row;

use super::{StoreResult, Tx};

#[derive(Debug, Clone)]
pub struct Emergency {
    pub id: i64,
    pub community_id: i64,
    pub text: String,
    pub items: Vec<String>,
    pub opened_by: i64,
    pub open: bool,
    pub created_at: i64,
}

fn from_row(r: &sqlx::any::AnyRow) -> StoreResult<Emergency> {
    let items: String = r.try_get("items")?;
    Ok(Emergency {
        id: r.try_get("id")?,
        community_id: r.try_get("community_id")?,
        text: r.try_get("text")?,
        items: serde_json::from_str(&items).unwrap_or_default(),
        opened_by: r.try_get("opened_by")?,
        open: r.try_get::<String, _>("status")? == "open",
        created_at: r.try_get("created_at")?,
    })
}

const COLS: &str = "id, community_id, text, items, opened_by, status, created_at";

pub async fn open(
    tx: &mut Tx,
    community_id: i64,
    text: &str,
    items: &[String],
    by: i64,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO emergencies (community_id, text, items, opened_by, status, created_at)
         VALUES ($1, $2, $3, $4, 'open', $5) RETURNING id",
    )
    .bind(community_id)
    .bind(text)
    .bind(serde_json::to_string(items).unwrap_or_else(|_| "[]".into()))
    .bind(by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

/// An emergency, its row locked until the transaction ends (answers are counted one at a
/// time, so the tally matches the taps).
pub async fn get_for_update(tx: &mut Tx, id: i64) -> StoreResult<Option<Emergency>> {
    let sql = format!(
        "SELECT {COLS} FROM emergencies WHERE id = $1{}",
        tx.backend.for_update()
    );
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut **tx).await?;
    row.as_ref().map(from_row).transpose()
}

/// The open emergency of a community, if any.
pub async fn open_in(tx: &mut Tx, community_id: i64) -> StoreResult<Option<Emergency>> {
    let sql = format!(
        "SELECT {COLS} FROM emergencies WHERE community_id = $1 AND status = 'open' ORDER BY id DESC LIMIT 1"
    );
    let row = sqlx::query(&sql)
        .bind(community_id)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn close(tx: &mut Tx, id: i64, now: i64) -> StoreResult<bool> {
    Ok(sqlx::query(
        "UPDATE emergencies SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open'",
    )
    .bind(id)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// Records a resident's answer (the latest counts); returns the one before, if any.
pub async fn answer(
    tx: &mut Tx,
    id: i64,
    member_id: i64,
    answer: &str,
    now: i64,
) -> StoreResult<Option<String>> {
    let before: Option<String> = sqlx::query_scalar(
        "SELECT answer FROM emergency_answers WHERE emergency_id = $1 AND member_id = $2",
    )
    .bind(id)
    .bind(member_id)
    .fetch_optional(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO emergency_answers (emergency_id, member_id, answer, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (emergency_id, member_id) DO UPDATE SET answer = $3, at = $4",
    )
    .bind(id)
    .bind(member_id)
    .bind(answer)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(before)
}

/// Records that a resident has a thing of the roll-call; false if already recorded.
pub async fn has(tx: &mut Tx, id: i64, member_id: i64, item: &str, now: i64) -> StoreResult<bool> {
    Ok(sqlx::query(
        "INSERT INTO emergency_has (emergency_id, member_id, item, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(member_id)
    .bind(item)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// Every answer: (member id, name, answer, at), oldest first.
pub async fn answers(tx: &mut Tx, id: i64) -> StoreResult<Vec<(i64, String, String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT a.member_id, m.name, a.answer, a.at FROM emergency_answers a
         JOIN members m ON m.id = a.member_id WHERE a.emergency_id = $1 ORDER BY a.at, a.member_id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?)
}

/// Where each resident's emergency ticket since `since` stands, the newest per resident:
/// (member, status, the name of the worker who took or closed it).
pub async fn need_tickets(
    tx: &mut Tx,
    community_id: i64,
    since: i64,
) -> StoreResult<Vec<(i64, String, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT t.member_id, t.status, w.name FROM tickets t
         LEFT JOIN members w ON w.id = t.taken_by
         WHERE t.community_id = $1 AND t.kind = 'emergency' AND t.created_at >= $2
         ORDER BY t.created_at, t.id",
    )
    .bind(community_id)
    .bind(since)
    .fetch_all(&mut **tx)
    .await?)
}

/// The roll-call's answers: (item, name), by item then time.
pub async fn haves(tx: &mut Tx, id: i64) -> StoreResult<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT h.item, m.name FROM emergency_has h JOIN members m ON m.id = h.member_id
         WHERE h.emergency_id = $1 ORDER BY h.item, h.at, h.member_id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?)
}

/// Members of the community who have not answered (its workers left out): (id, name).
pub async fn unanswered(
    tx: &mut Tx,
    id: i64,
    community_id: i64,
) -> StoreResult<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT m.id, m.name FROM memberships s JOIN members m ON m.id = s.member_id
         WHERE s.community_id = $2
           AND NOT EXISTS (SELECT 1 FROM emergency_answers a WHERE a.emergency_id = $1 AND a.member_id = m.id)
           AND NOT EXISTS (SELECT 1 FROM emergency_has h WHERE h.emergency_id = $1 AND h.member_id = m.id)
           AND NOT EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id
                             AND r.community_id IN (0, $2) AND r.role = 'worker')
         ORDER BY m.name",
    )
    .bind(id)
    .bind(community_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// Members of the community in simple mode: they also get the notice privately, with big keys.
pub async fn simple_members(tx: &mut Tx, community_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT m.id FROM memberships s JOIN members m ON m.id = s.member_id
         WHERE s.community_id = $1 AND m.simple = 1 ORDER BY m.id",
    )
    .bind(community_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// Emergency tickets of a community not yet done.
pub async fn open_tickets(tx: &mut Tx, community_id: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM tickets WHERE community_id = $1 AND kind = 'emergency' AND status <> 'done'",
    )
    .bind(community_id)
    .fetch_one(&mut **tx)
    .await?)
}

pub async fn add_tally(tx: &mut Tx, id: i64, chat_id: i64, outbox_id: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO emergency_tallies (emergency_id, chat_id, outbox_id) VALUES ($1, $2, $3)
         ON CONFLICT (emergency_id, chat_id) DO UPDATE SET outbox_id = $3",
    )
    .bind(id)
    .bind(chat_id)
    .bind(outbox_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The tally messages: (chat id, outbox id).
pub async fn tallies(tx: &mut Tx, id: i64) -> StoreResult<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT chat_id, outbox_id FROM emergency_tallies WHERE emergency_id = $1 ORDER BY chat_id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?)
}

/// Every emergency with its counts, for `linli state --json`:
/// (id, community title, status, safe, need, help, items answered).
pub async fn all(c: &mut sqlx::AnyConnection) -> StoreResult<Vec<serde_json::Value>> {
    let rows = sqlx::query(
        "SELECT e.id, c.title, e.status, e.community_id,
           CAST((SELECT COUNT(*) FROM emergency_answers a WHERE a.emergency_id = e.id AND a.answer = 'safe') AS BIGINT) AS safe,
           CAST((SELECT COUNT(*) FROM emergency_answers a WHERE a.emergency_id = e.id AND a.answer = 'need') AS BIGINT) AS need,
           CAST((SELECT COUNT(*) FROM emergency_answers a WHERE a.emergency_id = e.id AND a.answer = 'help') AS BIGINT) AS help,
           CAST((SELECT COUNT(*) FROM emergency_has h WHERE h.emergency_id = e.id) AS BIGINT) AS has
         FROM emergencies e JOIN communities c ON c.id = e.community_id ORDER BY e.id",
    )
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(serde_json::json!({
                "id": r.try_get::<i64, _>("id")?,
                "community": r.try_get::<String, _>("title")?,
                "status": r.try_get::<String, _>("status")?,
                "safe": r.try_get::<i64, _>("safe")?,
                "need_help": r.try_get::<i64, _>("need")?,
                "can_help": r.try_get::<i64, _>("help")?,
                "roll_call": r.try_get::<i64, _>("has")?,
            }))
        })
        .collect()
}
