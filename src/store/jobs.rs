//! Scheduled jobs and recurring schedules: every statement on `jobs` and `schedules`.
//!
//! A due job is claimed with a lease in a short transaction (`FOR UPDATE SKIP LOCKED` on
//! PostgreSQL, so several instances never take the same one); the run's transaction marks it
//! done only while the lease is still its own.

use sqlx::Row;

use super::{Backend, StoreError, StoreResult, Tx};
use crate::domain::{Job, JobKind};

/// Seconds an instance may hold a claimed job before another may take it over.
pub const LEASE_SECS: i64 = 120;

const COLUMNS: &str = "id, kind, community_id, member_id, ref_id, due_at";

fn job_from(r: &sqlx::any::AnyRow) -> Result<Job, StoreError> {
    let kind: String = r.try_get("kind")?;
    Ok(Job {
        id: r.try_get("id")?,
        kind: JobKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("job kind {kind}")))?,
        community_id: r.try_get("community_id")?,
        member_id: r.try_get("member_id")?,
        ref_id: r.try_get("ref_id")?,
        due_at: r.try_get("due_at")?,
    })
}

/// Schedules a job; scheduling the same job again changes nothing.
pub async fn schedule(
    tx: &mut Tx,
    kind: JobKind,
    community_id: Option<i64>,
    member_id: Option<i64>,
    ref_id: i64,
    due_at: i64,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO jobs (kind, community_id, member_id, ref_id, due_at, status, created_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT DO NOTHING",
    )
    .bind(kind.as_str())
    .bind(community_id)
    .bind(member_id)
    .bind(ref_id)
    .bind(due_at)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A job to schedule: kind, community, member, what it is about, when it is due.
pub type NewJob = (JobKind, Option<i64>, Option<i64>, i64, i64);

/// Schedules several jobs in one statement; a job already scheduled is left as it is.
pub async fn schedule_all(tx: &mut Tx, jobs: &[NewJob], now: i64) -> StoreResult<()> {
    if jobs.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO jobs (kind, community_id, member_id, ref_id, due_at, status, created_at)
         VALUES {} ON CONFLICT DO NOTHING",
        super::values(jobs.len(), 7)
    );
    let mut q = sqlx::query(&sql);
    for (kind, community, member, ref_id, due_at) in jobs {
        q = q
            .bind(kind.as_str())
            .bind(*community)
            .bind(*member)
            .bind(*ref_id)
            .bind(*due_at)
            .bind("pending")
            .bind(now);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

/// When the pending job of `kind` about `ref_id` is due, if there is one.
pub async fn pending_due(tx: &mut Tx, kind: JobKind, ref_id: i64) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT MIN(due_at) FROM jobs WHERE kind = $1 AND ref_id = $2 AND status = 'pending'",
    )
    .bind(kind.as_str())
    .bind(ref_id)
    .fetch_one(&mut **tx)
    .await?)
}

/// Cancels the pending jobs of these kinds about `ref_id`.
pub async fn cancel(tx: &mut Tx, kinds: &[JobKind], ref_id: i64) -> StoreResult<()> {
    cancel_due(tx, kinds, ref_id, i64::MAX).await
}

/// Cancels the pending jobs of these kinds about `ref_id` due by `until`.
pub async fn cancel_due(
    tx: &mut Tx,
    kinds: &[JobKind],
    ref_id: i64,
    until: i64,
) -> StoreResult<()> {
    for k in kinds {
        sqlx::query(
            "UPDATE jobs SET status = 'cancelled' WHERE kind = $1 AND ref_id = $2 AND status = 'pending' AND due_at <= $3",
        )
        .bind(k.as_str())
        .bind(ref_id)
        .bind(until)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A member's upcoming jobs, soonest first.
pub async fn upcoming_for(tx: &mut Tx, member_id: i64) -> StoreResult<Vec<Job>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM jobs WHERE member_id = $1 AND status = 'pending' ORDER BY due_at, id LIMIT 20"
    ))
    .bind(member_id)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(job_from).collect()
}

/// A pending job of `member_id`, for its snooze and stop buttons.
pub async fn pending_job_of(tx: &mut Tx, id: i64, member_id: i64) -> StoreResult<Option<Job>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM jobs WHERE id = $1 AND member_id = $2 AND status = 'pending'"
    ))
    .bind(id)
    .bind(member_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.as_ref().map(job_from).transpose()
}

pub async fn set_status(tx: &mut Tx, id: i64, status: &str) -> StoreResult<()> {
    sqlx::query("UPDATE jobs SET status = $2 WHERE id = $1")
        .bind(id)
        .bind(status)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn move_job(tx: &mut Tx, id: i64, due_at: i64) -> StoreResult<()> {
    sqlx::query("UPDATE jobs SET due_at = $2 WHERE id = $1")
        .bind(id)
        .bind(due_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Claims the next due job for `owner` in its own short transaction, or `None` when nothing
/// is due (a running job whose lease ran out is due again).
pub async fn claim_next(store: &super::Store, owner: &str, now: i64) -> StoreResult<Option<Job>> {
    let mut tx = store.begin().await?;
    let lock = match tx.backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "SELECT id FROM jobs WHERE (status = 'pending' AND due_at <= $1) OR (status = 'running' AND lease_until < $1)
         ORDER BY due_at, id LIMIT 1{lock}"
    );
    let Some(id): Option<i64> = sqlx::query_scalar(&sql)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Ok(None);
    };
    let row = sqlx::query(&format!(
        "UPDATE jobs SET status = 'running', lease_owner = $2, lease_until = $3 WHERE id = $1 RETURNING {COLUMNS}"
    ))
    .bind(id)
    .bind(owner)
    .bind(now + LEASE_SECS)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(job_from(&row)?))
}

/// True when the running job `id` is still leased to `owner` (locked for the run's
/// transaction): false once another instance took it over.
pub async fn still_mine(tx: &mut Tx, id: i64, owner: &str) -> StoreResult<bool> {
    let mine: Option<String> = sqlx::query_scalar(&format!(
        "SELECT lease_owner FROM jobs WHERE id = $1 AND status = 'running'{}",
        tx.backend.for_update()
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .flatten();
    Ok(mine.as_deref() == Some(owner))
}

/// Marks a job done.
pub async fn finish(tx: &mut Tx, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE jobs SET status = 'done', ran_at = $2, lease_owner = NULL, lease_until = NULL WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// When a recurring schedule fires next, if it was ever set.
pub async fn schedule_next(tx: &mut Tx, name: &str) -> StoreResult<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT next_at FROM schedules WHERE name = $1")
            .bind(name)
            .fetch_optional(&mut **tx)
            .await?,
    )
}

/// Sets a recurring schedule's first time (no back-fill).
pub async fn start_schedule(tx: &mut Tx, name: &str, next: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO schedules (name, next_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(name)
        .bind(next)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Moves a schedule from `due` to `next`; true when this call moved it (the claim on the tick:
/// of several instances, only the one whose update still finds the old time gets it).
pub async fn advance_schedule(tx: &mut Tx, name: &str, due: i64, next: i64) -> StoreResult<bool> {
    let moved = sqlx::query("UPDATE schedules SET next_at = $2 WHERE name = $1 AND next_at = $3")
        .bind(name)
        .bind(next)
        .bind(due)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(moved == 1)
}

/// How many jobs of a kind have run.
pub async fn count_done(tx: &mut Tx, kind: JobKind) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = $1 AND status = 'done'")
            .bind(kind.as_str())
            .fetch_one(&mut **tx)
            .await?,
    )
}
