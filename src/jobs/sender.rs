//! The outbox sender: takes rows in order and hands them to a transport, within Telegram's
//! limits, honouring `retry_after`, never letting a newer message to a chat overtake an older.
//!
//! Each row is taken with a lease before it is sent, so two senders never send it twice; a
//! sender that dies mid-send leaves the lease to run out and another sends it (at least once:
//! Telegram offers no exactly-once send). Ledger effects are never here: they committed with
//! the update.

use std::collections::HashSet;
use std::future::Future;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

use crate::clock::Clock;
use crate::config::TelegramConfig;
use crate::store::outbox::{self, Op, OutRow, Pace};
use crate::store::{members, ts, Store, StoreResult};

/// Seconds a sender may hold a row before another may take it over.
const LEASE_SECS: i64 = 60;
/// Tries before a row is given up as failed.
const MAX_ATTEMPTS: i64 = 8;
/// A button press must be answered within this many seconds, or not at all.
const ANSWER_TTL_SECS: i64 = 600;
/// Added to a chat's gap between instances: room for the overall limit's wait between a
/// reserved slot and the send.
const PACE_MARGIN_MS: i64 = 100;

/// Why a transport could not deliver a row.
#[derive(Debug)]
pub enum SendError {
    /// Too many requests: try again after this long (Telegram's 429 `retry_after`).
    RetryAfter(Duration),
    /// The user has not opened a private chat with the bot, or blocked it.
    Forbidden,
    /// The message can never be delivered (deleted target, expired query …).
    Gone(String),
    /// A network hiccup: try again later.
    Transient(String),
    /// The group became a supergroup with this chat id.
    Migrated(i64),
}

/// What a transport made of a row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Delivered {
    /// The id of the message sent, if it made one.
    pub message_id: Option<i64>,
    /// A native poll's id, by which its answers come back.
    pub poll_id: Option<String>,
}

impl From<Option<i64>> for Delivered {
    fn from(message_id: Option<i64>) -> Delivered {
        Delivered {
            message_id,
            poll_id: None,
        }
    }
}

/// Something that can show a message to people: Telegram, or the console.
pub trait Transport: Send + Sync {
    /// Delivers `row`. For an edit, `edit_target` is the transport's id of the message to
    /// change.
    fn deliver(
        &self,
        row: &OutRow,
        edit_target: Option<i64>,
    ) -> impl Future<Output = Result<Delivered, SendError>> + Send;
}

/// Telegram's rate limits.
#[derive(Debug)]
pub struct Limiter {
    /// When each chat may get its next message, and each group's sends of the last minute.
    chats: std::sync::Mutex<std::collections::HashMap<i64, Spacing>>,
    chat_gap: Duration,
    group_per_minute: usize,
    global: DefaultDirectRateLimiter,
}

/// A chat's recent sends (a group's last minute, a private chat's last one).
#[derive(Debug, Default)]
struct Spacing {
    sent: std::collections::VecDeque<std::time::Instant>,
}

impl Limiter {
    pub fn new(cfg: &TelegramConfig) -> Limiter {
        let nz = |n: u32| NonZeroU32::new(n.max(1)).expect("non-zero");
        Limiter {
            chats: Default::default(),
            chat_gap: Duration::from_secs_f64(1.0 / f64::from(cfg.per_chat_per_second.max(1))),
            group_per_minute: cfg.per_group_per_minute.max(1) as usize,
            // No bursts: a burst on top of the rate would go over Telegram's limits.
            global: RateLimiter::direct(
                Quota::per_second(nz(cfg.global_per_second)).allow_burst(nz(1)),
            ),
        }
    }

    /// When `chat_id` may get its next message: a chat's gap after its last one, and for a
    /// group no more than its per-minute count within a minute. When that is now, the slot
    /// is taken at once (under the same lock: two sends to one chat never both pass).
    fn take_or_wait(&self, chat_id: i64) -> Option<std::time::Instant> {
        let now = std::time::Instant::now();
        let mut chats = self.chats.lock().expect("limiter");
        if chats.len() > 50_000 {
            // Forget chats quiet for a minute: they are free again anyway.
            chats.retain(|_, s| {
                s.sent
                    .back()
                    .is_some_and(|t| now - *t < Duration::from_secs(60))
            });
        }
        let s = chats.entry(chat_id).or_default();
        let mut at = s
            .sent
            .back()
            .map_or(now, |last| (*last + self.chat_gap).max(now));
        if chat_id < 0 && s.sent.len() >= self.group_per_minute {
            let oldest = s.sent[s.sent.len() - self.group_per_minute];
            at = at.max(oldest + Duration::from_secs(60));
        }
        if at > now {
            return Some(at);
        }
        s.sent.push_back(now);
        let keep = if chat_id < 0 {
            self.group_per_minute
        } else {
            1
        };
        while s.sent.len() > keep {
            s.sent.pop_front();
        }
        None
    }

    /// How `chat_id`'s sends are paced across instances (see [`outbox::reserve_slot`]). A
    /// group's per-minute limit of N is kept as a burst of N/2 and then N/2 a minute, which
    /// never puts more than N into any minute whoever sends; a chat's gap gets a margin for
    /// the overall limit's wait between the slot and the send.
    pub fn pace(&self, chat_id: i64) -> Pace {
        let gap_ms = self.chat_gap.as_millis() as i64 + PACE_MARGIN_MS;
        if chat_id >= 0 {
            return Pace {
                gap_ms,
                every_ms: 0,
                tau_ms: 0,
            };
        }
        let n = self.group_per_minute as i64;
        let burst = (n / 2).max(1);
        let every_ms = 60_000 / (n - burst).max(1);
        Pace {
            gap_ms,
            every_ms,
            tau_ms: (burst - 1) * every_ms,
        }
    }

    /// Gives back the slot [`Limiter::take_or_wait`] took for `chat_id` (the send did not
    /// happen after all).
    fn release(&self, chat_id: i64) {
        if let Some(s) = self.chats.lock().expect("limiter").get_mut(&chat_id) {
            s.sent.pop_back();
        }
    }

    /// Waits until this instance may send to `chat_id`: the chat's gap after its last send
    /// from here and, for a group, its per-minute limit.
    async fn wait_chat(&self, chat_id: i64) {
        while let Some(at) = self.take_or_wait(chat_id) {
            tokio::time::sleep_until(at.into()).await;
        }
    }

    /// Waits for the overall limit, the last wait before a send, and moves the chat's slot to
    /// the moment it came: a message never leaves sooner than its chat allows after the one
    /// before.
    /// Returns whether the overall slot came within the margin (else the chat's shared slot
    /// may have passed meanwhile).
    async fn wait_global(&self, chat_id: i64) -> bool {
        let asked = std::time::Instant::now();
        self.global.until_ready().await;
        let now = std::time::Instant::now();
        let in_time = now - asked <= Duration::from_millis(PACE_MARGIN_MS as u64);
        if let Some(last) = self
            .chats
            .lock()
            .expect("limiter")
            .get_mut(&chat_id)
            .and_then(|s| s.sent.back_mut())
        {
            *last = now;
        }
        in_time
    }
}

/// Delivers outbox rows through a transport.
#[derive(Debug, Clone)]
pub struct Sender {
    store: Store,
    clock: Arc<dyn Clock>,
    limiter: Option<Arc<Limiter>>,
    /// Fast-path deliveries running after their update was answered ([`Sender::deliver_soon`]).
    soon: tokio_util::task::TaskTracker,
    /// Answer an update once committed and send its messages in the background (webhook
    /// mode), rather than sending them before the update counts as handled.
    answer_first: bool,
}

impl Sender {
    pub fn new(store: Store, clock: Arc<dyn Clock>, limiter: Option<Limiter>) -> Sender {
        Sender {
            store,
            clock,
            limiter: limiter.map(Arc::new),
            soon: tokio_util::task::TaskTracker::new(),
            answer_first: false,
        }
    }

    /// Sends an update's messages after it is answered (see [`Sender::answers_first`]).
    pub fn answering_first(mut self) -> Sender {
        self.answer_first = true;
        self
    }

    /// True when an update is answered as soon as it has committed: a webhook's post is
    /// answered within milliseconds, whatever the limits make its messages wait.
    pub fn answers_first(&self) -> bool {
        self.answer_first
    }

    /// The fast path without waiting for it: the update's rows are delivered in the
    /// background (within the limits, in order per chat), so the update is answered as soon
    /// as it has committed. [`Sender::finish_soon`] waits for these at stop.
    pub fn deliver_soon<T: Transport + 'static>(&self, transport: T, ids: Vec<i64>) {
        if ids.is_empty() {
            return;
        }
        let me = self.clone();
        self.soon.spawn(async move {
            if let Err(e) = me.deliver_ids(&transport, &ids).await {
                // The rows stay in the outbox: the background pass sends them.
                tracing::warn!(error = %e, "fast-path delivery failed; the outbox pass will send");
            }
        });
    }

    /// Waits, up to `within`, for the deliveries [`Sender::deliver_soon`] started (at stop:
    /// a message being sent is not cut off halfway, to be sent again by another instance).
    pub async fn finish_soon(&self, within: Duration) -> bool {
        self.soon.close();
        tokio::time::timeout(within, self.soon.wait()).await.is_ok()
    }

    /// The fast path: right after an update commits, deliver its own rows.
    pub async fn deliver_ids(&self, transport: &impl Transport, ids: &[i64]) -> StoreResult<usize> {
        let mut blocked = HashSet::new();
        let mut n = 0;
        for &id in ids {
            n += self.deliver_one(transport, id, &mut blocked, true).await? as usize;
        }
        Ok(n)
    }

    /// Sends every due row, oldest first within each chat, until nothing more can go now.
    /// Returns how many were sent.
    pub async fn deliver_due(&self, transport: &impl Transport) -> StoreResult<usize> {
        let mut blocked = HashSet::new();
        let mut n = 0;
        loop {
            let ids = {
                let mut c = self.store.pool().acquire().await?;
                outbox::due_ids(&mut c, ts(self.clock.now()), 200).await?
            };
            let mut progressed = 0;
            for id in &ids {
                progressed += self
                    .deliver_one(transport, *id, &mut blocked, false)
                    .await? as usize;
            }
            n += progressed;
            if progressed == 0 {
                return Ok(n);
            }
        }
    }

    /// Runs forever: a pass every `poll`.
    pub async fn run(&self, transport: &impl Transport, poll: Duration) -> StoreResult<()> {
        loop {
            if let Err(e) = self.deliver_due(transport).await {
                tracing::warn!(error = %e, "outbox pass failed; retrying");
            }
            tokio::time::sleep(poll).await;
        }
    }

    /// Reserves `chat`'s next slot as every instance on the database sees it (other
    /// instances send to the same chats); `within_ms` bounds how far away it may be. If the
    /// database cannot be asked, this instance's own pacing is all there is (said in the log).
    async fn reserve(&self, l: &Limiter, chat: i64, within_ms: Option<i64>) -> Option<i64> {
        let slot = async {
            let mut c = self.store.pool().acquire().await?;
            outbox::reserve_slot(&mut c, self.store.backend(), chat, l.pace(chat), within_ms).await
        };
        slot.await.unwrap_or_else(|e| {
            tracing::warn!(chat, error = %e, "cannot reserve a send slot; pacing locally");
            Some(0)
        })
    }

    /// How long until `chat`'s shared slot, without reserving it (0 if the database
    /// cannot be asked: the reservation after it says so in the log).
    async fn slot_wait(&self, l: &Limiter, chat: i64) -> i64 {
        let wait = async {
            let mut c = self.store.pool().acquire().await?;
            outbox::slot_wait(&mut c, self.store.backend(), chat, l.pace(chat)).await
        };
        wait.await.unwrap_or(0)
    }

    /// Waits, within Telegram's limits, until a message may go to `chat`: this instance's own
    /// pacing, the chat's slot shared by all instances, and the overall limit. A slot is
    /// reserved only right before the send (within the margin), so a send never leaves later
    /// than the slot another instance counts on, and no overall turn is spent on a chat that
    /// is not free.
    ///
    /// `patient` (an update's own messages, in their own task) waits for all of it. The
    /// background pass is not: it goes through every chat with something due, so a chat that
    /// is not free now is left for the next pass (false) instead of holding up the others.
    async fn may_send(&self, l: &Limiter, chat: i64, patient: bool) -> bool {
        if !patient {
            if l.take_or_wait(chat).is_some() {
                return false;
            }
            if self.reserve(l, chat, Some(0)).await.is_none() {
                l.release(chat);
                return false;
            }
            return l.wait_global(chat).await || self.reserve(l, chat, Some(0)).await.is_some();
        }
        l.wait_chat(chat).await;
        for _ in 0..8 {
            let wait = self.slot_wait(l, chat).await;
            if wait > 0 {
                tokio::time::sleep(Duration::from_millis(wait as u64)).await;
            }
            l.wait_global(chat).await;
            if let Some(w) = self.reserve(l, chat, Some(PACE_MARGIN_MS)).await {
                tokio::time::sleep(Duration::from_millis(w as u64)).await;
                return true;
            }
        }
        // Another instance took every slot we waited for: go now rather than never.
        true
    }

    /// Sends row `id` if it is due and no one else has it. Chats in `blocked` are skipped:
    /// an older message to them is still waiting.
    async fn deliver_one(
        &self,
        transport: &impl Transport,
        id: i64,
        blocked: &mut HashSet<i64>,
        patient: bool,
    ) -> StoreResult<bool> {
        let now = ts(self.clock.now());
        let mut c = self.store.pool().acquire().await?;
        let Some(row) = outbox::take(&mut c, id, now, LEASE_SECS).await? else {
            return Ok(false);
        };
        let chat = row.msg.chat_id;
        if blocked.contains(&chat) && row.msg.op != Op::Answer {
            outbox::put_back(&mut c, id).await?;
            return Ok(false);
        }
        if row.msg.op != Op::Answer && outbox::has_older_unsent(&mut c, chat, id, now).await? {
            outbox::put_back(&mut c, id).await?;
            blocked.insert(chat);
            return Ok(false);
        }
        let mut target = None;
        match row.msg.op {
            Op::Edit | Op::StopPoll => {
                let (status, mid) =
                    outbox::sent_state(&mut c, row.msg.edit_of.unwrap_or_default()).await?;
                match (status.as_str(), mid) {
                    ("sent", Some(m)) => target = Some(m),
                    ("pending" | "sending" | "held", _) => {
                        outbox::put_back(&mut c, id).await?;
                        blocked.insert(chat);
                        return Ok(false);
                    }
                    _ => {
                        outbox::finish(
                            &mut c,
                            id,
                            "dropped",
                            None,
                            Some("the message to edit was never sent"),
                        )
                        .await?;
                        return Ok(false);
                    }
                }
            }
            Op::Answer if now - row.created_at > ANSWER_TTL_SECS => {
                outbox::finish(
                    &mut c,
                    id,
                    "dropped",
                    None,
                    Some("button press too old to answer"),
                )
                .await?;
                return Ok(false);
            }
            _ => {}
        }
        drop(c);
        if let (Some(l), false) = (&self.limiter, row.msg.op == Op::Answer) {
            if !self.may_send(l, chat, patient).await {
                let mut c = self.store.pool().acquire().await?;
                outbox::put_back(&mut c, id).await?;
                blocked.insert(chat);
                return Ok(false);
            }
        }
        let result = transport.deliver(&row, target).await;
        let mut c = self.store.pool().acquire().await?;
        match result {
            Ok(d) => {
                outbox::finish_sent(&mut c, id, d.message_id, d.poll_id.as_deref()).await?;
                return Ok(true);
            }
            Err(SendError::RetryAfter(d)) => {
                tracing::info!(chat, secs = d.as_secs(), "rate limited by Telegram");
                outbox::retry_later(
                    &mut c,
                    id,
                    now + d.as_secs().max(1) as i64,
                    "429 retry_after",
                )
                .await?;
                blocked.insert(chat);
            }
            Err(SendError::Forbidden) if chat > 0 => {
                // A private chat the user never opened (or closed): keep the message for them.
                members::set_dm_open(&mut c, chat, false).await?;
                outbox::hold(&mut c, id, chat).await?;
                blocked.insert(chat);
            }
            Err(SendError::Forbidden) => {
                outbox::finish(&mut c, id, "failed", None, Some("forbidden")).await?;
            }
            Err(SendError::Migrated(to)) => {
                tracing::info!(from = chat, to, "group migrated to a supergroup");
                members::migrate_chat(&mut c, chat, to).await?;
                outbox::put_back(&mut c, id).await?;
            }
            Err(SendError::Gone(e)) => {
                outbox::finish(&mut c, id, "dropped", None, Some(&e)).await?;
            }
            Err(SendError::Transient(e)) if row.attempts >= MAX_ATTEMPTS => {
                tracing::warn!(id, error = %e, "giving up on a message");
                outbox::finish(&mut c, id, "failed", None, Some(&e)).await?;
            }
            Err(SendError::Transient(e)) => {
                let backoff = 2_i64.pow(row.attempts.clamp(0, 8) as u32);
                outbox::retry_later(&mut c, id, now + backoff, &e).await?;
                blocked.insert(chat);
            }
        }
        Ok(false)
    }
}
