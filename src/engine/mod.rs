//! The engine: one [`Incoming`] in, its effects and outgoing messages committed together.
//!
//! Layers, each importing only from those below it (`tests/it/architecture.rs` keeps it so):
//!
//! | layer | module | holds |
//! |---|---|---|
//! | kernel | [`kernel`] | [`Engine`], [`Incoming`], refusals, [`Ctx`] (the one way to send), staff, the command table, words |
//! | shared | [`shared`] | cards, points held and settled, a listing's jobs, the menu, the dialog runner |
//! | cases | [`cases`] | one file per use case; a case calls only cases listed before it |
//! | routers | [`route`], [`route_finish`], [`route_job`] | update → route → case; finished flow → case; job kind → case |
//! | top | this file | [`Engine::handle`], [`Engine::run_job`] |
//!
//! `Engine::handle` runs each update in ONE transaction: it skips an update whose key was
//! already handled, applies the effects, and writes every message into the outbox. A refusal
//! (claiming one's own listing, too few points …) undoes the effects through a savepoint and
//! leaves only the polite message. Nothing here knows about Telegram or the console.

pub mod cases;
pub mod kernel;
pub mod route;
pub mod route_finish;
pub mod route_job;
pub mod shared;

pub use kernel::ctx::Ctx;
pub use kernel::{
    ChatRef, Content, Engine, EngineError, Flow, Handled, Incoming, Person, Refusal, ReplyTo, Stop,
    Val,
};

use crate::domain::{Action, Job};
use crate::store::listings;
use crate::store::members;
use crate::store::members::Member;
use crate::store::outbox::Button;
use crate::store::{jobs, outbox, staff, ts, updates, StoreError, Tx};
use kernel::ctx::Escalation;
use kernel::Waiting;
use route::{route, Facts, Route};

impl Engine {
    /// Handles one update: all its effects and messages commit together, or none do.
    pub async fn handle(&self, inc: &Incoming) -> Result<Handled, EngineError> {
        let tx = self.store.begin().await?;
        let (tx, handled) = self.handle_in(tx, inc).await;
        let handled = handled?;
        tx.commit().await?;
        Ok(handled)
    }

    /// Handles several updates in ONE transaction (group commit: one commit, one sync, for the
    /// lot), each inside its own savepoint: an update that fails leaves no trace and the others
    /// stay. Each update is still all-or-nothing, and a redelivered one is still skipped (its
    /// key is written in its savepoint). Results come in the order of `incs`; when the commit
    /// itself fails, every update fails and none was applied.
    pub async fn handle_batch(&self, incs: &[Incoming]) -> Vec<Result<Handled, EngineError>> {
        let mut tx = match self.store.begin().await {
            Ok(tx) => tx,
            Err(e) => return all_failed(incs, &e),
        };
        let mut out = Vec::with_capacity(incs.len());
        for inc in incs {
            if let Err(e) = tx.savepoint_named("upd").await {
                return all_failed(incs, &e);
            }
            // A panic must not unwind through the caller holding the turn (usually another
            // chat's): the batch fails, and every caller tries its own update alone.
            use futures::FutureExt;
            let (back, handled) = match std::panic::AssertUnwindSafe(self.handle_in(tx, inc))
                .catch_unwind()
                .await
            {
                Ok(r) => r,
                Err(_) => return all_failed(incs, &StoreError::Batch("an update panicked".into())),
            };
            tx = back;
            let closed = match &handled {
                Ok(_) => tx.release_named("upd").await,
                Err(_) => tx.rollback_named("upd").await,
            };
            match closed {
                Ok(()) => out.push(handled),
                // The transaction is unusable: nothing of the batch can commit.
                Err(e) => return all_failed(incs, &e),
            }
        }
        match tx.commit().await {
            Ok(()) => out,
            Err(e) => all_failed(incs, &e),
        }
    }

    /// Handles `inc` in a group commit with the updates that arrive at the same time (at most
    /// `database.group_commit` to a transaction; 1 handles each alone). Each update is still
    /// all-or-nothing and deduplicated; one that fails in a batch is tried once more alone
    /// (a deadlock victim, a conflict with another instance), so only its own fault fails it.
    pub async fn handle_grouped(&self, inc: &Incoming) -> Result<Handled, EngineError> {
        let max = self.cfg.database.group_commit.max(1) as usize;
        if max == 1 {
            return self.handle(inc).await;
        }
        loop {
            let (reply, mut rx) = tokio::sync::oneshot::channel();
            self.group
                .waiting
                .lock()
                .expect("queue")
                .push((inc.clone(), reply));
            loop {
                use tokio::sync::oneshot::error::TryRecvError;
                match rx.try_recv() {
                    Ok(r) => return self.or_alone(inc, r).await,
                    // The caller that took it was cancelled mid-batch: wait again.
                    Err(TryRecvError::Closed) => break,
                    Err(TryRecvError::Empty) => {}
                }
                let turn = self.group.turn.lock().await;
                if let Ok(r) = rx.try_recv() {
                    drop(turn);
                    return self.or_alone(inc, r).await;
                }
                let batch: Vec<Waiting> = {
                    let mut w = self.group.waiting.lock().expect("queue");
                    let n = w.len().min(max);
                    w.drain(..n).collect()
                };
                if batch.is_empty() {
                    continue;
                }
                let incs: Vec<Incoming> = batch.iter().map(|(i, _)| i.clone()).collect();
                let results = self.handle_batch(&incs).await;
                use std::sync::atomic::Ordering::Relaxed;
                self.group.transactions.fetch_add(1, Relaxed);
                self.group.updates.fetch_add(incs.len() as u64, Relaxed);
                for ((_, to), r) in batch.into_iter().zip(results) {
                    let _ = to.send(r);
                }
            }
        }
    }

    /// An update that failed in a group commit is tried once more alone, by its own caller and
    /// without the turn: only its own fault fails it (not a neighbour's, nor a deadlock with
    /// another instance, nor a commit that failed for the lot).
    async fn or_alone(
        &self,
        inc: &Incoming,
        r: Result<Handled, EngineError>,
    ) -> Result<Handled, EngineError> {
        match r {
            Ok(h) => Ok(h),
            Err(e) => {
                tracing::debug!(key = %inc.key, error = %e, "failed in a group commit; trying alone");
                self.handle(inc).await
            }
        }
    }

    /// One update inside `tx`, which is handed back whatever happens (the caller commits or
    /// rolls back).
    async fn handle_in(&self, tx: Tx, inc: &Incoming) -> (Tx, Result<Handled, EngineError>) {
        let inc = &inc.cleaned();
        let mut cx = Ctx::new(self, tx, ts(inc.at), inc.key.clone(), Member::nobody());
        cx.message_id = inc.message_id;
        let r = self.handle_cx(&mut cx, inc).await;
        let (tx, out) = cx.into_parts();
        (
            tx,
            r.map(|fresh| Handled {
                outbox_ids: if fresh { out } else { Vec::new() },
                duplicate: !fresh,
            }),
        )
    }

    /// The body of [`Engine::handle`]; false when the update had been handled already.
    async fn handle_cx(&self, cx: &mut Ctx<'_>, inc: &Incoming) -> Result<bool, EngineError> {
        let now = cx.now;
        if !updates::mark_handled(&mut cx.tx, &inc.key, now).await? {
            return Ok(false);
        }
        let e = &self.cfg;
        let (me, _) = members::ensure_member(
            &mut cx.tx,
            inc.from.id,
            &inc.from.name,
            self.assume_dm_open,
            e.credit.start,
            now,
        )
        .await?;
        cx.me = me;
        cx.enter_chat(inc).await?;
        // A helper acting for a resident writes as that resident; replies come back to them.
        let voted = matches!(inc.content, Content::PollVote { .. });
        if inc.chat == ChatRef::Private && !voted && !route::is_own_command(&inc.content) {
            cases::helpers::act_as(cx).await?;
        }
        cx.tx.savepoint().await?;
        let kept = cx.out.len();
        match self.dispatch(cx, inc).await {
            Ok(()) => cx.tx.release_savepoint().await?,
            Err(Stop::Refuse(r)) => {
                cx.tx.rollback_to_savepoint().await?;
                cx.forget_since(kept);
                cx.refuse(inc, r).await?;
            }
            Err(Stop::Fail(e)) => return Err(e),
        }
        if cx.actor.is_some() && !cx.out.is_empty() {
            cases::helpers::mark_acted(cx, inc).await?;
        }
        if let Content::Button { query_id, .. } = &inc.content {
            if cx.answer.is_none() {
                cx.answer_button(query_id, String::new(), false).await?;
            }
        }
        Ok(true)
    }

    /// Flood control, the flow the member is in, then the route and its use case.
    async fn dispatch(&self, cx: &mut Ctx<'_>, inc: &Incoming) -> Flow {
        let workers_chat = matches!(inc.chat, ChatRef::Group { .. }) && cx.community.is_none();
        if let Some(text) = inc.content.text() {
            let chat_id = match &inc.chat {
                ChatRef::Group { chat_id, .. } => *chat_id,
                ChatRef::Private => cx.me.id,
            };
            if !workers_chat && cases::moderation::flooded(cx, chat_id, text).await? {
                return Ok(());
            }
        }
        let reads_flow = inc.chat == ChatRef::Private
            && !matches!(
                inc.content,
                Content::Button { .. } | Content::Forwarded { .. } | Content::PollVote { .. }
            );
        let state = if reads_flow {
            shared::dialog::current(cx).await?
        } else {
            None
        };
        // What a typed number or word may press: the newest buttons of the last day.
        let typed = inc
            .content
            .text()
            .filter(|t| kernel::command::split(t).is_none());
        let buttons = if reads_flow && typed.is_some() {
            let chat = cx.actor.as_ref().map_or(cx.me.id, |a| a.id);
            let shown = outbox::newest_buttons(&mut cx.tx, chat, cx.now - 86_400, cx.now).await?;
            let shown = pressable(cx, shown).await?;
            // In a flow, only a decision asked after its question (an owner's 同意 / 婉拒
            // under a neighbour's claim) takes a number or a yes: it is the message in front
            // of the member; the flow's question waits.
            if state.is_some() && !decides(cx, &shown).await? {
                Vec::new()
            } else {
                shown
            }
        } else {
            Vec::new()
        };
        let facts = Facts {
            dialogs: &self.dialogs,
            bot_username: self.bot_username.as_deref(),
            workers_chat,
            in_flow: state.is_some(),
            acting: cx.actor.is_some(),
            buttons: &buttons,
        };
        let r = route(inc, &facts);
        if r == Route::Ignore {
            return Ok(());
        }
        route::run(cx, inc, r, state).await
    }

    /// Runs one due job claimed by `owner`, in its own transaction, and marks it done; nothing
    /// if another instance took it over after our lease ran out. Returns the outbox rows.
    pub async fn run_job(&self, job: &Job, owner: &str, now: i64) -> Result<Vec<i64>, EngineError> {
        let mut cx = Ctx::for_job(self, self.store.begin().await?, now);
        if !jobs::still_mine(&mut cx.tx, job.id, owner).await? {
            return Ok(Vec::new());
        }
        cx.tx.savepoint().await?;
        match route_job::run(&mut cx, job).await {
            Ok(()) => cx.tx.release_savepoint().await?,
            // Whatever the job was about is gone: it is done, with nothing to say.
            Err(Stop::Refuse(r)) => {
                tracing::debug!(job = job.id, refusal = r.key, "job had nothing to do");
                cx.tx.rollback_to_savepoint().await?;
                cx.forget_since(0);
            }
            Err(Stop::Fail(e)) => return Err(e),
        }
        jobs::finish(&mut cx.tx, job.id, now).await?;
        cx.commit().await
    }

    /// Records who administers a group, as Telegram says (getChatAdministrators; the
    /// console's `@admin`): with `replace`, the list is the whole list and earlier names go.
    /// Where a community has no social worker, its administrators hear what is escalated.
    pub async fn note_group_admins(
        &self,
        chat_id: i64,
        title: &str,
        admins: &[Person],
        replace: bool,
    ) -> Result<(), EngineError> {
        let now = ts(self.clock.now());
        let mut tx = self.store.begin().await?;
        let c = members::ensure_community(&mut tx, chat_id, title, now).await?;
        for a in admins {
            members::ensure_member(
                &mut tx,
                a.id,
                &a.name,
                self.assume_dm_open,
                self.cfg.credit.start,
                now,
            )
            .await?;
            staff::add_group_admin(&mut tx, c.id, a.id, now).await?;
        }
        if replace {
            staff::drop_group_admins_before(&mut tx, c.id, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Claims up to `limit` groups (chat id, title) whose administrators were last asked
    /// about more than `every_secs` ago; this instance asks Telegram about them now.
    pub async fn claim_admin_checks(
        &self,
        every_secs: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>, EngineError> {
        let now = ts(self.clock.now());
        let mut c = self.store.conn().await?;
        Ok(members::claim_admin_checks(&mut c, now, now - every_secs, limit).await?)
    }

    /// The groups (chat id, title) where nobody would hear a report, a dispute or a call for
    /// help: no workers' chat, no social worker or admin, no known group administrator.
    pub async fn unreachable_communities(&self) -> Result<Vec<(i64, String)>, EngineError> {
        let now = ts(self.clock.now());
        let mut cx = Ctx::for_job(self, self.store.begin().await?, now);
        let mut out = Vec::new();
        for chat in members::all_chats(&mut cx.tx).await? {
            let Some(c) = members::community_by_chat(&mut cx.tx, chat).await? else {
                continue;
            };
            if matches!(cx.escalation(&c).await, Ok(Escalation::Nobody)) {
                out.push((c.chat_id, c.title));
            }
        }
        Ok(out)
    }

    /// Gives search terms to the open listings made before search existed (at start-up;
    /// nothing to do after the first time). Returns how many.
    pub async fn index_unindexed(&self) -> Result<usize, EngineError> {
        let rows = {
            let mut c = self.store.conn().await?;
            crate::store::search::unindexed(&mut c).await?
        };
        if rows.is_empty() {
            return Ok(0);
        }
        let mut tx = self.store.begin().await?;
        for (id, community, title) in &rows {
            let terms = crate::parse::index_terms(title, &self.lexicon);
            crate::store::search::index(&mut tx, *id, *community, &terms).await?;
        }
        tx.commit().await?;
        Ok(rows.len())
    }

    /// Deletes sent messages and handled update keys older than `database.keep_days` (see
    /// [`updates::prune`]); nothing when it is 0.
    pub async fn prune(&self) -> Result<updates::Pruned, EngineError> {
        let days = i64::from(self.cfg.database.keep_days);
        if days == 0 {
            return Ok(updates::Pruned::default());
        }
        let before = ts(self.clock.now()) - days * 86_400;
        let mut pruned = updates::Pruned::default();
        // Short transactions of at most 1,000 rows each: updates are never kept waiting long.
        loop {
            let mut tx = self.store.begin().await?;
            let step = updates::prune(&mut tx, before, 1000).await?;
            tx.commit().await?;
            pruned.updates += step.updates;
            pruned.messages += step.messages;
            if !step.more {
                break;
            }
        }
        if pruned != updates::Pruned::default() {
            tracing::info!(
                updates = pruned.updates,
                messages = pruned.messages,
                "pruned what is older than {days} days"
            );
        }
        Ok(pruned)
    }

    /// Expires points due at the engine's clock (see [`cases::expiry`]).
    pub async fn expire_points(&self) -> Result<Vec<i64>, EngineError> {
        cases::expiry::expire_points(self).await
    }

    /// Ends the flows left unanswered for `dialogs.idle_minutes`, each with a gentle message.
    pub async fn end_idle_dialogs(&self) -> Result<Vec<i64>, EngineError> {
        shared::dialog::end_idle(self).await
    }
}

/// Every update of a batch failed with the batch's transaction.
fn all_failed(incs: &[Incoming], e: &StoreError) -> Vec<Result<Handled, EngineError>> {
    incs.iter()
        .map(|_| Err(StoreError::Batch(e.to_string()).into()))
        .collect()
}

/// The buttons a typed number may press: none when they are an old flow step's (the flow
/// ended; numbers go to the main menu again).
async fn pressable(cx: &mut Ctx<'_>, shown: Vec<Button>) -> Flow<Vec<Button>> {
    for b in &shown {
        let token = b.cb.as_deref().unwrap_or_default();
        let target = listings::callback(&mut cx.tx, token).await?;
        if target.is_none_or(|t| t.action == Action::Dialog) {
            return Ok(Vec::new());
        }
    }
    Ok(shown)
}

/// Whether these buttons ask the member to decide about a claim, a hand-over or a loan.
async fn decides(cx: &mut Ctx<'_>, shown: &[Button]) -> Flow<bool> {
    for b in shown {
        let token = b.cb.as_deref().unwrap_or_default();
        if let Some(t) = listings::callback(&mut cx.tx, token).await? {
            if matches!(
                t.action,
                Action::Accept
                    | Action::Decline
                    | Action::Confirm
                    | Action::Handed
                    | Action::ExtendOk
                    | Action::ExtendNo
                    | Action::Returned
            ) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// The engine's futures must be `Send`: the Telegram dispatcher runs them on any thread.
#[allow(dead_code)]
fn handle_is_send(e: &Engine, inc: &Incoming, job: &Job) {
    fn send<T: Send>(_: T) {}
    send(e.handle(inc));
    send(e.run_job(job, "check", 0));
    send(e.expire_points());
}
