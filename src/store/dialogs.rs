//! Where members are in a multi-step flow: one row of `dialog_state` per (member, chat),
//! written in the update's own transaction so that a restart resumes the flow.

use serde_json::{Map, Value};
use sqlx::{AnyConnection, Row};

use super::{StoreResult, Tx};

/// A member's place in a flow.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub flow: String,
    pub step: String,
    pub answers: Map<String, Value>,
    /// The steps answered, for going back.
    pub trail: Vec<String>,
    /// Wrong answers at this step.
    pub wrong: i64,
}

/// The flow `member_id` is in, in the private chat `chat_id`, locked for the update, with
/// when it last moved.
pub async fn load(tx: &mut Tx, member_id: i64, chat_id: i64) -> StoreResult<Option<(State, i64)>> {
    let sql = format!(
        "SELECT flow, step, answers, trail, wrong, updated_at FROM dialog_state WHERE member_id = $1 AND chat_id = $2{}",
        tx.backend.for_update()
    );
    let row = sqlx::query(&sql)
        .bind(member_id)
        .bind(chat_id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(r) = row else { return Ok(None) };
    let answers: String = r.try_get("answers")?;
    let trail: String = r.try_get("trail")?;
    let st = State {
        flow: r.try_get("flow")?,
        step: r.try_get("step")?,
        answers: serde_json::from_str(&answers).unwrap_or_default(),
        trail: serde_json::from_str(&trail).unwrap_or_default(),
        wrong: r.try_get("wrong")?,
    };
    Ok(Some((st, r.try_get("updated_at")?)))
}

pub async fn save(
    tx: &mut Tx,
    member_id: i64,
    chat_id: i64,
    st: &State,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO dialog_state (member_id, chat_id, flow, step, answers, trail, wrong, started_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         ON CONFLICT (member_id, chat_id) DO UPDATE SET flow = EXCLUDED.flow, step = EXCLUDED.step,
           answers = EXCLUDED.answers, trail = EXCLUDED.trail, wrong = EXCLUDED.wrong, updated_at = EXCLUDED.updated_at",
    )
    .bind(member_id)
    .bind(chat_id)
    .bind(&st.flow)
    .bind(&st.step)
    .bind(Value::Object(st.answers.clone()).to_string())
    .bind(serde_json::to_string(&st.trail).unwrap_or_else(|_| "[]".into()))
    .bind(st.wrong)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn clear(tx: &mut Tx, member_id: i64, chat_id: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM dialog_state WHERE member_id = $1 AND chat_id = $2")
        .bind(member_id)
        .bind(chat_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Flows not moved since `cutoff`: (member, chat, when it last moved), oldest first.
pub async fn stale(
    c: &mut AnyConnection,
    cutoff: i64,
) -> StoreResult<Vec<(i64, i64, i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT member_id, chat_id, updated_at, flow FROM dialog_state WHERE updated_at <= $1 ORDER BY updated_at",
    )
    .bind(cutoff)
    .fetch_all(&mut *c)
    .await?)
}

/// Ends a stale flow unless it moved meanwhile; true when this call ended it.
pub async fn end_if_unchanged(
    tx: &mut Tx,
    member_id: i64,
    chat_id: i64,
    updated: i64,
) -> StoreResult<bool> {
    let gone = sqlx::query(
        "DELETE FROM dialog_state WHERE member_id = $1 AND chat_id = $2 AND updated_at = $3",
    )
    .bind(member_id)
    .bind(chat_id)
    .bind(updated)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(gone == 1)
}
