//! The scheduler: one-off jobs due at a time (loan reminders, nudges, listing checks) and
//! recurring ones from cron schedules in `bot.toml` (the weekly topic, the monthly statement).
//!
//! Time comes from the engine's `Clock`, so the console's `@time` drives it. A due job is
//! claimed with a lease in a short transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so
//! several instances never take the same one), then run in a second transaction that writes its
//! effects and outbox rows and marks it done only if the lease is still its own: a crashed
//! instance's claim is taken over after the lease, and a job is never done twice. After
//! downtime a recurring schedule runs once for all the ticks it missed.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::engine::{Engine, EngineError};
use crate::store::{Backend, StoreError, Tx};

/// Seconds an instance may hold a claimed job before another may take it over.
pub const LEASE_SECS: i64 = 120;

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    LoanDueSoon,
    LoanDue,
    LoanOverdue,
    LoanEscalate,
    HandoverNudge,
    ListingCheck,
    ListingExpire,
    Topic,
    Statement,
    /// A dispute nobody took is raised again in the workers' chat.
    DisputeRaise,
    /// A dispute nobody took is told to the admins.
    DisputeAdmins,
}

impl JobKind {
    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::LoanDueSoon => "loan_due_soon",
            JobKind::LoanDue => "loan_due",
            JobKind::LoanOverdue => "loan_overdue",
            JobKind::LoanEscalate => "loan_escalate",
            JobKind::HandoverNudge => "handover_nudge",
            JobKind::ListingCheck => "listing_check",
            JobKind::ListingExpire => "listing_expire",
            JobKind::Topic => "topic",
            JobKind::Statement => "statement",
            JobKind::DisputeRaise => "dispute_raise",
            JobKind::DisputeAdmins => "dispute_admins",
        }
    }

    pub fn parse(s: &str) -> Option<JobKind> {
        [
            JobKind::LoanDueSoon,
            JobKind::LoanDue,
            JobKind::LoanOverdue,
            JobKind::LoanEscalate,
            JobKind::HandoverNudge,
            JobKind::ListingCheck,
            JobKind::ListingExpire,
            JobKind::Topic,
            JobKind::Statement,
            JobKind::DisputeRaise,
            JobKind::DisputeAdmins,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A job as stored.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub kind: JobKind,
    pub community_id: Option<i64>,
    pub member_id: Option<i64>,
    pub ref_id: i64,
    pub due_at: i64,
}

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
) -> Result<(), StoreError> {
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

/// Cancels the pending jobs of these kinds about `ref_id`.
pub async fn cancel(tx: &mut Tx, kinds: &[JobKind], ref_id: i64) -> Result<(), StoreError> {
    for k in kinds {
        sqlx::query("UPDATE jobs SET status = 'cancelled' WHERE kind = $1 AND ref_id = $2 AND status = 'pending'")
            .bind(k.as_str())
            .bind(ref_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A member's upcoming jobs, soonest first.
pub async fn upcoming_for(tx: &mut Tx, member_id: i64) -> Result<Vec<Job>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, kind, community_id, member_id, ref_id, due_at FROM jobs
         WHERE member_id = $1 AND status = 'pending' ORDER BY due_at, id LIMIT 20",
    )
    .bind(member_id)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(job_from).collect()
}

/// A pending job of `member_id`, for its snooze and stop buttons.
pub async fn pending_job_of(
    tx: &mut Tx,
    id: i64,
    member_id: i64,
) -> Result<Option<Job>, StoreError> {
    let row = sqlx::query(
        "SELECT id, kind, community_id, member_id, ref_id, due_at FROM jobs WHERE id = $1 AND member_id = $2 AND status = 'pending'",
    )
    .bind(id)
    .bind(member_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.as_ref().map(job_from).transpose()
}

pub async fn set_status(tx: &mut Tx, id: i64, status: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE jobs SET status = $2 WHERE id = $1")
        .bind(id)
        .bind(status)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn move_job(tx: &mut Tx, id: i64, due_at: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE jobs SET due_at = $2 WHERE id = $1")
        .bind(id)
        .bind(due_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Claims the next due job for `owner`, or `None` when nothing is due.
async fn claim_next(engine: &Engine, owner: &str, now: i64) -> Result<Option<Job>, StoreError> {
    let mut tx = engine.store.begin().await?;
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
    let row = sqlx::query(
        "UPDATE jobs SET status = 'running', lease_owner = $2, lease_until = $3 WHERE id = $1
         RETURNING id, kind, community_id, member_id, ref_id, due_at",
    )
    .bind(id)
    .bind(owner)
    .bind(now + LEASE_SECS)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(job_from(&row)?))
}

/// Turns every recurring schedule whose time has come into one job per tick due now, and moves
/// the schedule to its next tick after `now` (missed ticks collapse into one).
async fn enqueue_recurring(engine: &Engine, now: DateTime<Utc>) -> Result<(), StoreError> {
    let tz = engine.cfg.timezone();
    let r = &engine.cfg.reminders;
    let mut wanted = vec![("statement", JobKind::Statement, r.statement_cron.as_str())];
    if !r.topics.is_empty() {
        wanted.push(("topic", JobKind::Topic, r.topic_cron.as_str()));
    }
    for (name, kind, expr) in wanted {
        let Ok(schedule) = expr.parse::<cron::Schedule>() else {
            continue;
        };
        let mut tx = engine.store.begin().await?;
        let next: Option<i64> = sqlx::query_scalar("SELECT next_at FROM schedules WHERE name = $1")
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?;
        let after_now = schedule
            .after(&now.with_timezone(&tz))
            .next()
            .map(|t| t.timestamp());
        match next {
            None => {
                // First start: the schedule begins now, no back-fill.
                if let Some(n) = after_now {
                    sqlx::query("INSERT INTO schedules (name, next_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .bind(name)
                        .bind(n)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            Some(due) if due <= now.timestamp() => {
                // Moving the schedule on is the claim on this tick: of several instances, only
                // the one whose update still finds the old time enqueues the job.
                let Some(n) = after_now else { continue };
                let moved = sqlx::query(
                    "UPDATE schedules SET next_at = $2 WHERE name = $1 AND next_at = $3",
                )
                .bind(name)
                .bind(n)
                .bind(due)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if moved == 1 {
                    schedule_job(&mut tx, kind, due, now.timestamp()).await?;
                }
            }
            Some(_) => {}
        }
        tx.commit().await?;
    }
    Ok(())
}

async fn schedule_job(tx: &mut Tx, kind: JobKind, due: i64, now: i64) -> Result<(), StoreError> {
    schedule(tx, kind, None, None, 0, due, now).await
}

/// Runs every job due at the engine's clock, in order. Returns the outbox rows written.
pub async fn run_due(engine: &Engine, owner: &str) -> Result<Vec<i64>, EngineError> {
    let now = engine.clock.now();
    enqueue_recurring(engine, now).await?;
    let mut out = Vec::new();
    while let Some(job) = claim_next(engine, owner, now.timestamp()).await? {
        let mut tx = engine.store.begin().await?;
        let mine: Option<String> = sqlx::query_scalar(&format!(
            "SELECT lease_owner FROM jobs WHERE id = $1 AND status = 'running'{}",
            tx.backend.for_update()
        ))
        .bind(job.id)
        .fetch_optional(&mut *tx)
        .await?
        .flatten();
        if mine.as_deref() != Some(owner) {
            continue; // Taken over after our lease ran out.
        }
        let rows = engine.run_job(&mut tx, &job, now.timestamp()).await?;
        sqlx::query("UPDATE jobs SET status = 'done', ran_at = $2, lease_owner = NULL, lease_until = NULL WHERE id = $1")
            .bind(job.id)
            .bind(now.timestamp())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        out.extend(rows);
    }
    Ok(out)
}
