//! Background work, the same for every transport: [`Ticker::tick`] runs what is due (scheduled
//! and recurring jobs, points expiry, forgotten dialogs), and `sender` takes the outbox rows to
//! the transport within its limits.

pub mod scheduler;
pub mod sender;

use crate::engine::{Engine, EngineError};

/// The periodic pass of one instance: the Telegram adapter calls [`Ticker::tick`] every few
/// seconds, the console at every `@time`.
#[derive(Debug)]
pub struct Ticker {
    /// This instance's name on the jobs it leases.
    pub owner: String,
    /// Seconds between two points-expiry passes (0: every tick).
    pub expire_every: i64,
    last_expiry: Option<i64>,
    last_prune: Option<i64>,
}

/// Seconds between two pruning passes (old sent messages and update keys).
const PRUNE_EVERY: i64 = 3600;

impl Ticker {
    pub fn new(owner: impl Into<String>, expire_every: i64) -> Ticker {
        Ticker {
            owner: owner.into(),
            expire_every,
            last_expiry: None,
            last_prune: None,
        }
    }

    /// Runs everything due at the engine's clock: points expiry (at most every
    /// `expire_every` seconds), due jobs, forgotten dialogs, then pruning (hourly). Returns the outbox rows
    /// written, in order.
    pub async fn tick(&mut self, engine: &Engine) -> Result<Vec<i64>, EngineError> {
        let now = engine.clock.now().timestamp();
        let mut out = Vec::new();
        if self
            .last_expiry
            .is_none_or(|last| now - last >= self.expire_every)
        {
            out.extend(engine.expire_points().await?);
            self.last_expiry = Some(now);
        }
        out.extend(scheduler::run_due(engine, &self.owner).await?);
        out.extend(engine.end_idle_dialogs().await?);
        // Last, and never in the way of the jobs: a failed pass is logged and tried next hour.
        if self.last_prune.is_none_or(|last| now - last >= PRUNE_EVERY) {
            self.last_prune = Some(now);
            if let Err(e) = engine.prune().await {
                tracing::warn!(error = %e, "pruning failed; trying again in an hour");
            }
        }
        Ok(out)
    }
}

/// The ticker's future must be `Send`: the Telegram adapter runs it on any thread.
#[allow(dead_code)]
fn tick_is_send(t: &mut Ticker, e: &Engine) {
    fn send<T: Send>(_: T) {}
    send(t.tick(e));
}
