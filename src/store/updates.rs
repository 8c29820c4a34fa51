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

/// What one pruning pass deleted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    pub updates: u64,
    pub messages: u64,
    /// A limit was reached: there may be more to delete.
    pub more: bool,
}

/// Deletes what a running bot no longer needs once older than `before`: the keys of handled
/// updates (Telegram redelivers within a day), button answers, edits a newer sent edit
/// replaced, and sent messages nothing points to (not a listing's or an event's card, an
/// emergency tally, a survey's post, nor a message with edits). Failed and dropped rows go too.
/// At most `chunk` rows of each kind go per call, so that one call is one short transaction:
/// the caller calls again while [`Pruned::more`] says so.
pub async fn prune(c: &mut AnyConnection, before: i64, chunk: i64) -> StoreResult<Pruned> {
    let updates = sqlx::query(
        "DELETE FROM processed_updates WHERE update_key IN (
           SELECT update_key FROM processed_updates WHERE handled_at < $1 LIMIT $2)",
    )
    .bind(before)
    .bind(chunk)
    .execute(&mut *c)
    .await?
    .rows_affected();
    let done = "status IN ('sent', 'failed', 'dropped') AND created_at < $1";
    let answers = format!("op = 'answer' AND {done}");
    let edits = format!(
        "op = 'edit' AND {done} AND EXISTS (
           SELECT 1 FROM outbox n WHERE n.edit_of = outbox.edit_of AND n.op IN ('edit', 'stop_poll')
             AND n.id > outbox.id AND n.status = 'sent')"
    );
    let sends = format!(
        "op = 'send' AND {done}
           AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.edit_of = outbox.id)
           AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.card_outbox_id = outbox.id)
           AND NOT EXISTS (SELECT 1 FROM event_groups v WHERE v.card_outbox_id = outbox.id)
           AND NOT EXISTS (SELECT 1 FROM emergency_tallies t WHERE t.outbox_id = outbox.id)
           AND NOT EXISTS (SELECT 1 FROM survey_polls p WHERE p.outbox_id = outbox.id)"
    );
    let mut messages = 0;
    let mut more = updates == chunk as u64;
    for which in [answers, edits, sends] {
        let sql = format!(
            "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE {which} ORDER BY id LIMIT $2)"
        );
        let n = sqlx::query(&sql)
            .bind(before)
            .bind(chunk)
            .execute(&mut *c)
            .await?
            .rows_affected();
        more |= n == chunk as u64;
        messages += n;
    }
    // A chat's pacing is only needed while its last send is recent.
    let paces = super::outbox::prune_pace(&mut *c, before.saturating_mul(1000), chunk).await?;
    more |= paces == chunk as u64;
    Ok(Pruned {
        updates,
        messages,
        more,
    })
}
