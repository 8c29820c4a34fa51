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
use crate::store::outbox::Button;
use crate::store::{jobs, outbox, staff, ts, updates};
use kernel::ctx::Escalation;
use route::{route, Facts, Route};

impl Engine {
    /// Handles one update: all its effects and messages commit together, or none do.
    pub async fn handle(&self, inc: &Incoming) -> Result<Handled, EngineError> {
        let inc = &inc.cleaned();
        let now = ts(inc.at);
        let mut tx = self.store.begin().await?;
        if !updates::mark_handled(&mut tx, &inc.key, now).await? {
            return Ok(Handled {
                outbox_ids: Vec::new(),
                duplicate: true,
            });
        }
        let e = &self.cfg;
        let (me, _) = members::ensure_member(
            &mut tx,
            inc.from.id,
            &inc.from.name,
            self.assume_dm_open,
            e.credit.start,
            now,
        )
        .await?;
        let mut cx = Ctx::new(self, tx, now, inc.key.clone(), me);
        cx.enter_chat(inc).await?;
        // A helper acting for a resident writes as that resident; replies come back to them.
        let voted = matches!(inc.content, Content::PollVote { .. });
        if inc.chat == ChatRef::Private && !voted && !route::is_own_command(&inc.content) {
            cases::helpers::act_as(&mut cx).await?;
        }
        cx.tx.savepoint().await?;
        let kept = cx.out.len();
        match self.dispatch(&mut cx, inc).await {
            Ok(()) => cx.tx.release_savepoint().await?,
            Err(Stop::Refuse(r)) => {
                cx.tx.rollback_to_savepoint().await?;
                cx.forget_since(kept);
                cx.refuse(inc, r).await?;
            }
            Err(Stop::Fail(e)) => return Err(e),
        }
        if cx.actor.is_some() && !cx.out.is_empty() {
            cases::helpers::mark_acted(&mut cx, inc).await?;
        }
        if let Content::Button { query_id, .. } = &inc.content {
            if cx.answer.is_none() {
                cx.answer_button(query_id, String::new(), false).await?;
            }
        }
        Ok(Handled {
            outbox_ids: cx.commit().await?,
            duplicate: false,
        })
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
        let buttons = if reads_flow && state.is_none() && typed.is_some() {
            let chat = cx.actor.as_ref().map_or(cx.me.id, |a| a.id);
            let shown = outbox::newest_buttons(&mut cx.tx, chat, cx.now - 86_400, cx.now).await?;
            pressable(cx, shown).await?
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

    /// Every community's group: (chat id, title).
    pub async fn community_chats(&self) -> Result<Vec<(i64, String)>, EngineError> {
        let mut c = self.store.conn().await?;
        let mut out = Vec::new();
        for chat in members::all_chats(&mut c).await? {
            if let Some(g) = members::community_by_chat(&mut c, chat).await? {
                out.push((g.chat_id, g.title));
            }
        }
        Ok(out)
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

    /// Expires points due at the engine's clock (see [`cases::expiry`]).
    pub async fn expire_points(&self) -> Result<Vec<i64>, EngineError> {
        cases::expiry::expire_points(self).await
    }

    /// Ends the flows left unanswered for `dialogs.idle_minutes`, each with a gentle message.
    pub async fn end_idle_dialogs(&self) -> Result<Vec<i64>, EngineError> {
        shared::dialog::end_idle(self).await
    }
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

/// The engine's futures must be `Send`: the Telegram dispatcher runs them on any thread.
#[allow(dead_code)]
fn handle_is_send(e: &Engine, inc: &Incoming, job: &Job) {
    fn send<T: Send>(_: T) {}
    send(e.handle(inc));
    send(e.run_job(job, "check", 0));
    send(e.expire_points());
}
