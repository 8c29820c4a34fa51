//! The scheduler: one-off jobs due at a time (loan reminders, nudges, listing checks) and
//! recurring ones from cron schedules in `bot.toml` (the weekly topic, the monthly statement).
//!
//! Time comes from the engine's `Clock`, so the console's `@time` drives it. A due job is
//! claimed with a lease in a short transaction (`store::jobs::claim_next`), then run in a
//! second transaction that writes its effects and outbox rows and marks it done only if the
//! lease is still its own: a crashed instance's claim is taken over after the lease, and a job
//! is never done twice. After downtime a recurring schedule runs once for all the ticks it
//! missed.

use chrono::{DateTime, Utc};

use crate::domain::JobKind;
use crate::engine::{Engine, EngineError};
use crate::store::{jobs, StoreError};

/// Turns every recurring schedule whose time has come into one job per tick due now, and moves
/// the schedule to its next tick after `now` (missed ticks collapse into one).
async fn enqueue_recurring(engine: &Engine, now: DateTime<Utc>) -> Result<(), StoreError> {
    let tz = engine.cfg.timezone();
    let r = &engine.cfg.reminders;
    let mut wanted = vec![
        ("statement", JobKind::Statement, r.statement_cron.as_str()),
        (
            "suggest",
            JobKind::Suggest,
            engine.cfg.finding.suggest_cron.as_str(),
        ),
    ];
    if !engine.cfg.desk.digest_cron.is_empty() {
        wanted.push((
            "digest",
            JobKind::Digest,
            engine.cfg.desk.digest_cron.as_str(),
        ));
    }
    if !r.topics.is_empty() {
        wanted.push(("topic", JobKind::Topic, r.topic_cron.as_str()));
    }
    for (name, kind, expr) in wanted {
        let Ok(schedule) = expr.parse::<cron::Schedule>() else {
            continue;
        };
        let mut tx = engine.store.begin().await?;
        let after_now = schedule
            .after(&now.with_timezone(&tz))
            .next()
            .map(|t| t.timestamp());
        match (jobs::schedule_next(&mut tx, name).await?, after_now) {
            // First start: the schedule begins now, no back-fill.
            (None, Some(n)) => jobs::start_schedule(&mut tx, name, n).await?,
            // Moving the schedule on is the claim on this tick: of several instances, only the
            // one whose update still finds the old time enqueues the job.
            (Some(due), Some(n))
                if due <= now.timestamp()
                    && jobs::advance_schedule(&mut tx, name, due, n).await? =>
            {
                jobs::schedule(&mut tx, kind, None, None, 0, due, now.timestamp()).await?;
            }
            _ => {}
        }
        tx.commit().await?;
    }
    Ok(())
}

/// Runs every job due at the engine's clock, in order. Returns the outbox rows written.
pub async fn run_due(engine: &Engine, owner: &str) -> Result<Vec<i64>, EngineError> {
    let now = engine.clock.now();
    enqueue_recurring(engine, now).await?;
    let mut out = Vec::new();
    while let Some(job) = jobs::claim_next(&engine.store, owner, now.timestamp()).await? {
        out.extend(engine.run_job(&job, owner, now.timestamp()).await?);
    }
    Ok(out)
}
