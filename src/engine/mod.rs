//! The use cases: one [`Incoming`] in, its effects and outgoing messages committed together.
//!
//! `Engine::handle` runs each update in ONE transaction: it skips an update whose key was
//! already handled, applies the effects, and writes every message into the outbox. A refusal
//! (claiming one's own listing, too few points …) undoes the effects through a savepoint and
//! leaves only the polite message. Nothing here knows about Telegram or the console.

mod commands;
mod dialogs;
mod disputes;
mod expiry;
mod helpers;
mod listings;
mod ratings;
mod reminders;
mod reports;
mod safety;
mod worker;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use fluent_bundle::FluentValue;

use crate::clock::Clock;
use crate::config::Config;
use crate::domain::{AccountKind, TransferKind};
use crate::i18n::{I18n, Locale};
use crate::ledger::{self, LedgerError, Limits};
use crate::parse::Lexicon;
use crate::store::members::{self, Community, Member};
use crate::store::outbox::{self, Button, OutMsg};
use crate::store::{ts, Store, StoreError, Tx};

/// Where a message came from.
#[derive(Debug, Clone, PartialEq)]
pub enum ChatRef {
    /// A group chat: one community.
    Group { chat_id: i64, title: String },
    /// The sender's private chat with the bot.
    Private,
}

/// A person as the transport knows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: i64,
    pub name: String,
    /// The language their app is set to (Telegram's `language_code`), if known.
    pub lang_code: Option<String>,
}

/// What arrived.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text(String),
    Photo {
        caption: Option<String>,
        /// The transport's id of the largest size, to show the photo again later.
        file_id: String,
    },
    /// A message forwarded to the bot (in private: a report of that message).
    Forwarded {
        text: Option<String>,
        /// The original author, when Telegram tells.
        author_id: Option<i64>,
        /// The chat it was first posted in, when Telegram tells (not for groups' members).
        origin_chat: Option<i64>,
    },
    /// A button press: Telegram's query id (to answer it) and the button's token.
    Button {
        query_id: String,
        data: String,
    },
    /// People joined the group.
    Joined(Vec<Person>),
    /// The group became a supergroup: its chat id changes from `from` to `to`.
    Migrated {
        from: i64,
        to: i64,
    },
    /// Anything else (stickers, voice …).
    Other,
}

/// One update, from any transport.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// Stable across redeliveries of the same update.
    pub key: String,
    pub chat: ChatRef,
    pub from: Person,
    pub content: Content,
    pub at: DateTime<Utc>,
}

/// Failures that are not the resident's doing.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("ledger: {0}")]
    Ledger(LedgerError),
}

impl From<sqlx::Error> for EngineError {
    fn from(e: sqlx::Error) -> Self {
        EngineError::Store(e.into())
    }
}

/// A polite refusal: a message key and its arguments, shown in the member's language.
#[derive(Debug)]
pub struct Refusal {
    pub key: &'static str,
    pub args: Vec<(&'static str, FluentValue<'static>)>,
}

impl Refusal {
    pub fn new(key: &'static str) -> Refusal {
        Refusal {
            key,
            args: Vec::new(),
        }
    }
    pub fn arg(mut self, name: &'static str, v: impl Into<FluentValue<'static>>) -> Refusal {
        self.args.push((name, v.into()));
        self
    }
}

/// How an action ended when it did not succeed.
#[derive(Debug)]
pub(crate) enum Stop {
    Refuse(Refusal),
    Fail(EngineError),
}

impl From<StoreError> for Stop {
    fn from(e: StoreError) -> Self {
        Stop::Fail(e.into())
    }
}

impl From<EngineError> for Stop {
    fn from(e: EngineError) -> Self {
        Stop::Fail(e)
    }
}

impl From<sqlx::Error> for Stop {
    fn from(e: sqlx::Error) -> Self {
        Stop::Fail(e.into())
    }
}

impl From<Refusal> for Stop {
    fn from(r: Refusal) -> Self {
        Stop::Refuse(r)
    }
}

pub(crate) type Flow<T = ()> = Result<T, Stop>;

/// The bot's brain, shared by every transport.
pub struct Engine {
    pub store: Store,
    pub cfg: Arc<Config>,
    pub i18n: Arc<I18n>,
    pub lexicon: Arc<Lexicon>,
    /// The multi-step flows of `dialogs/`.
    pub dialogs: Arc<crate::dialog::Dialogs>,
    pub clock: Arc<dyn Clock>,
    /// Language of groups and of members who chose none.
    pub default_locale: Locale,
    /// The console's residents can always be written to privately; Telegram's only after
    /// they opened a private chat with the bot.
    pub assume_dm_open: bool,
    /// The bot's @username, to tell our commands from other bots' in groups.
    pub bot_username: Option<String>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("backend", &self.store.backend())
            .field("locale", &self.default_locale)
            .finish_non_exhaustive()
    }
}

/// The result of handling one update.
#[derive(Debug, Default, Clone)]
pub struct Handled {
    /// Outbox rows written, in sending order.
    pub outbox_ids: Vec<i64>,
    /// True when the update had been handled before and nothing was done.
    pub duplicate: bool,
}

/// Everything an action needs while its transaction is open.
pub(crate) struct Ctx<'a> {
    pub engine: &'a Engine,
    pub tx: Tx,
    pub now: i64,
    pub key: String,
    pub me: Member,
    pub community: Option<Community>,
    pub out: Vec<i64>,
    /// The outbox row that answers the button press, if any.
    answer: Option<i64>,
    nudged: Vec<i64>,
    /// The helper (family member or social worker) acting for `me`, if any.
    pub actor: Option<Member>,
    /// Refuse in private even when the update came from a group (disputes, reports).
    pub(crate) refuse_privately: bool,
}

impl Engine {
    pub fn limits(&self) -> Limits {
        Limits {
            min_balance: self.cfg.points.min_balance,
            max_balance: self.cfg.points.max_balance,
        }
    }

    /// Handles one update: all its effects and messages commit together, or none do.
    pub async fn handle(&self, inc: &Incoming) -> Result<Handled, EngineError> {
        let now = ts(inc.at);
        let mut tx = self.store.begin().await?;
        let fresh = sqlx::query("INSERT INTO processed_updates (update_key, handled_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(&inc.key)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            == 1;
        if !fresh {
            return Ok(Handled {
                outbox_ids: Vec::new(),
                duplicate: true,
            });
        }
        let (me, _) = members::ensure_member(
            &mut tx,
            inc.from.id,
            &inc.from.name,
            self.assume_dm_open,
            self.cfg.credit.start,
            now,
        )
        .await?;
        let mut cx = Ctx {
            engine: self,
            tx,
            now,
            key: inc.key.clone(),
            me,
            community: None,
            out: Vec::new(),
            answer: None,
            nudged: Vec::new(),
            actor: None,
            refuse_privately: false,
        };
        cx.enter_chat(inc).await?;
        // A helper acting for a resident writes as that resident; replies come back to them.
        if inc.chat == ChatRef::Private && !helpers::is_own_command(&inc.content) {
            helpers::act_as(&mut cx).await?;
        }

        cx.tx.savepoint().await?;
        let kept = cx.out.len();
        match self.dispatch(&mut cx, inc).await {
            Ok(()) => cx.tx.release_savepoint().await?,
            Err(Stop::Refuse(r)) => {
                cx.tx.rollback_to_savepoint().await?;
                cx.out.truncate(kept);
                cx.answer = None;
                cx.nudged.clear();
                cx.refuse(inc, r).await?;
            }
            Err(Stop::Fail(e)) => return Err(e),
        }
        if cx.actor.is_some() && !cx.out.is_empty() {
            helpers::mark_acted(&mut cx, inc).await?;
        }
        if let Content::Button { query_id, .. } = &inc.content {
            if cx.answer.is_none() {
                let m = OutMsg::answer(cx.me.id, query_id.clone(), String::new(), false);
                cx.enqueue(m).await?;
            }
        }
        let Ctx { tx, out, .. } = cx;
        tx.commit().await?;
        Ok(Handled {
            outbox_ids: out,
            duplicate: false,
        })
    }

    async fn dispatch(&self, cx: &mut Ctx<'_>, inc: &Incoming) -> Flow {
        if cx.actor.is_some() && helpers::not_for_helpers(&inc.content) {
            return Err(Refusal::new("err-not-while-acting").into());
        }
        if safety::route(cx, inc).await? {
            return Ok(());
        }
        match (&inc.chat, &inc.content) {
            (_, Content::Button { query_id, data }) => {
                listings::on_button(cx, query_id, data).await
            }
            (_, Content::Migrated { from, to }) => {
                Ok(members::migrate_chat(&mut cx.tx, *from, *to).await?)
            }
            // In the workers' chat, commands work as in private; the rest is the workers' talk.
            (ChatRef::Group { .. }, Content::Text(t)) if cx.community.is_none() => {
                if commands::split_command(t).is_some() {
                    commands::on_private_text(cx, t).await
                } else {
                    Ok(())
                }
            }
            (ChatRef::Group { .. }, _) if cx.community.is_none() => Ok(()),
            (ChatRef::Group { .. }, Content::Joined(people)) => commands::welcome(cx, people).await,
            (ChatRef::Group { .. }, Content::Text(t)) => commands::on_group_text(cx, t).await,
            (
                ChatRef::Group { .. },
                Content::Photo {
                    caption: Some(t), ..
                },
            ) => commands::on_group_text(cx, t).await,
            (ChatRef::Group { .. }, _) => Ok(()),
            (ChatRef::Private, c) if dialogs::on_private(cx, c).await? => Ok(()),
            (ChatRef::Private, Content::Text(t)) => commands::on_private_text(cx, t).await,
            (
                ChatRef::Private,
                Content::Photo {
                    caption: Some(t), ..
                },
            ) => commands::on_private_text(cx, t).await,
            (ChatRef::Private, _) => commands::on_private_other(cx).await,
        }
    }

    /// The language of a group's messages.
    pub fn group_locale(&self, chat_id: i64) -> Locale {
        self.cfg
            .community(chat_id)
            .and_then(|c| c.locale.as_deref())
            .and_then(Locale::parse)
            .unwrap_or(self.default_locale)
    }

    pub fn t(&self, loc: Locale, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.i18n.t(loc, key, args)
    }
}

impl Ctx<'_> {
    /// Registers where the update came from: the community and membership (with the
    /// starter points, once), and an opened private chat.
    async fn enter_chat(&mut self, inc: &Incoming) -> Result<(), EngineError> {
        if self.me.lang.is_none() {
            if let Some(l) = inc.from.lang_code.as_deref().and_then(Locale::parse) {
                members::set_lang(&mut self.tx, self.me.id, l).await?;
                self.me.lang = Some(l);
            }
        }
        match &inc.chat {
            ChatRef::Group { .. } if matches!(inc.content, Content::Migrated { .. }) => {}
            // The social workers' chat is no community: nobody joins it or gets points there.
            ChatRef::Group { chat_id, .. } if safety::is_workers_chat(self, *chat_id) => {}
            ChatRef::Group { chat_id, title } => {
                let community =
                    members::ensure_community(&mut self.tx, *chat_id, title, self.now).await?;
                self.join(&community, self.me.id).await?;
                self.community = Some(community);
            }
            ChatRef::Private if !self.me.dm_open => {
                members::set_dm_open(&mut self.tx, self.me.id, true).await?;
                outbox::release_held(&mut self.tx, self.me.id, self.now).await?;
                self.me.dm_open = true;
            }
            ChatRef::Private => {}
        }
        Ok(())
    }

    /// Adds a member to a community; a newcomer gets the starter points from its issuance account.
    pub async fn join(&mut self, community: &Community, member_id: i64) -> Result<(), EngineError> {
        let new =
            members::ensure_membership(&mut self.tx, community.id, member_id, self.now).await?;
        let starter = self.engine.cfg.points.starter;
        if new && starter > 0 {
            let from =
                ledger::account(&mut self.tx, community.id, AccountKind::Issuance, 0).await?;
            let to =
                ledger::account(&mut self.tx, community.id, AccountKind::Member, member_id).await?;
            let key = format!("starter:{}:{}", community.id, member_id);
            let t = ledger::Transfer {
                community_id: community.id,
                kind: TransferKind::Starter,
                memo: "",
                idem_key: &key,
                from,
                to,
                amount: starter,
                listing_id: None,
                actor_id: None,
                corrects: None,
                at: self.now,
            };
            ledger::transfer(&mut self.tx, &t, self.engine.limits())
                .await
                .map_err(EngineError::Ledger)?;
        }
        Ok(())
    }

    /// The language to speak to a member in.
    pub fn locale_of(&self, m: &Member) -> Locale {
        m.lang.unwrap_or(self.engine.default_locale)
    }

    pub fn my_locale(&self) -> Locale {
        self.locale_of(&self.me)
    }

    pub fn t(&self, loc: Locale, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.engine.t(loc, key, args)
    }

    pub async fn enqueue(&mut self, m: OutMsg) -> Result<i64, StoreError> {
        let ids = outbox::enqueue_all(&mut self.tx, &m, Some(&self.key), self.now).await?;
        let id = *ids.last().expect("at least one row");
        if m.op == outbox::Op::Answer {
            self.answer = Some(id);
        }
        self.out.extend(ids);
        Ok(id)
    }

    /// Sends to a group chat.
    pub async fn say_group(
        &mut self,
        chat_id: i64,
        text: String,
        buttons: Vec<Vec<Button>>,
    ) -> Result<i64, StoreError> {
        self.enqueue(OutMsg::send(chat_id, text, buttons)).await
    }

    /// Sends privately to `member`. If they never opened a private chat with the bot
    /// (Telegram forbids the first message), the message waits for them and the group
    /// `via_group` gets a button that opens the private chat, and nothing private.
    pub async fn say_private(
        &mut self,
        member: &Member,
        text: String,
        buttons: Vec<Vec<Button>>,
        via_group: Option<i64>,
    ) -> Result<i64, StoreError> {
        // A reply to a resident someone acts for goes to that helper, marked as such.
        let redirected;
        let (member, text) = match &self.actor {
            Some(helper) if member.id == self.me.id => {
                let loc = self.locale_of(helper);
                let mark = self.t(loc, "acting-mark", &[("name", member.name.clone().into())]);
                redirected = helper.clone();
                (&redirected, format!("{mark}{text}"))
            }
            _ => (member, text),
        };
        // A message to the person acting is an answer; to anyone else it waits out quiet hours.
        let m = self.engine.private_msg(
            member,
            text,
            buttons,
            self.now,
            member.id == self.me.id || self.actor.as_ref().is_some_and(|a| a.id == member.id),
            via_group.or(self.community.as_ref().map(|c| c.chat_id)),
        );
        if !member.dm_open {
            if let Some(group) = via_group {
                if !self.nudged.contains(&member.id) {
                    self.nudged.push(member.id);
                    let loc = self.engine.group_locale(group);
                    let text = self.t(loc, "dm-needed", &[("name", member.name.clone().into())]);
                    let label = self.t(loc, "button-open-private", &[]);
                    self.say_group(group, text, vec![vec![Button::start_link(label, "go")]])
                        .await?;
                }
            }
        }
        self.enqueue(m).await
    }

    /// Shows a refusal where the resident will see it: an alert on the button they pressed,
    /// or a reply in the chat they wrote in.
    async fn refuse(&mut self, inc: &Incoming, r: Refusal) -> Result<(), EngineError> {
        let text = self.t(self.my_locale(), r.key, &r.args);
        match (&inc.content, &inc.chat) {
            (Content::Button { query_id, .. }, _) => {
                self.enqueue(OutMsg::answer(self.me.id, query_id.clone(), text, true))
                    .await?;
            }
            (_, ChatRef::Group { chat_id, .. }) if self.refuse_privately => {
                let me = self.me.clone();
                self.say_private(&me, text, Vec::new(), Some(*chat_id))
                    .await?;
            }
            (_, ChatRef::Group { chat_id, .. }) => {
                let loc = self
                    .me
                    .lang
                    .unwrap_or_else(|| self.engine.group_locale(*chat_id));
                let text = self.t(loc, r.key, &r.args);
                self.say_group(*chat_id, text, Vec::new()).await?;
            }
            (_, ChatRef::Private) => {
                let me = self.me.clone();
                self.say_private(&me, text, Vec::new(), None).await?;
            }
        }
        Ok(())
    }
}

/// Maps a ledger refusal to the resident's message; anything else is a failure.
pub(crate) fn ledger_stop(e: LedgerError) -> Stop {
    match e {
        LedgerError::Insufficient { balance, amount } => Stop::Refuse(
            Refusal::new("err-insufficient")
                .arg("points", amount)
                .arg("balance", balance),
        ),
        LedgerError::OverLimit { .. } => Stop::Refuse(Refusal::new("err-over-limit")),
        other => Stop::Fail(EngineError::Ledger(other)),
    }
}

/// The engine's futures must be `Send`: the Telegram dispatcher runs them on any thread.
#[allow(dead_code)]
fn handle_is_send(e: &Engine, inc: &Incoming) {
    fn send<T: Send>(_: T) {}
    send(e.handle(inc));
    send(crate::jobs::scheduler::run_due(e, "check"));
    send(e.expire_points());
}
