//! The engine's kernel: what every use case stands on. The [`Engine`] services struct, the
//! update as it arrives ([`Incoming`]), how an action ends when it does not succeed
//! ([`Refusal`], [`Stop`]), [`ctx::Ctx`] — the one way to send —, who is staff ([`staff`]), the
//! command table ([`command`]), and the plain words and numbers residents type ([`text`]).
//! Nothing here calls a use case.

pub mod command;
pub mod ctx;
pub mod staff;
pub mod text;

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use fluent_bundle::FluentValue;

use crate::clock::Clock;
use crate::config::{Config, RemindersConfig};
use crate::i18n::{I18n, Locale};
use crate::ledger::{LedgerError, Limits};
use crate::parse::Lexicon;
use crate::store::{Store, StoreError};

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
    /// A group message that replies (Telegram's "Reply") to another message.
    Reply {
        text: String,
        to: ReplyTo,
    },
    /// An answer to one of the bot's native polls, given in a group but told to the bot alone
    /// (Telegram's `poll_answer`): the options chosen, from 0; none when taken back.
    PollVote {
        poll_id: String,
        options: Vec<i64>,
    },
    /// Anything else (stickers, voice …).
    Other,
}

/// The message a reply quotes: the bot's own (a card, by the transport's message id) or a
/// member's (its author and words, to find the listing it posted).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReplyTo {
    pub from_bot: bool,
    pub message_id: Option<i64>,
    pub author_id: Option<i64>,
    pub text: Option<String>,
}

impl Content {
    /// The words of a text, or of a photo's caption.
    pub fn text(&self) -> Option<&str> {
        match self {
            Content::Text(t) | Content::Reply { text: t, .. } => Some(t),
            Content::Photo {
                caption: Some(t), ..
            } => Some(t),
            _ => None,
        }
    }
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
    /// The message's id in its chat, when the transport gives one (a reaction is set on it).
    pub message_id: Option<i64>,
}

impl Incoming {
    /// The same update without NUL characters in any of its words (PostgreSQL refuses them in
    /// text; SQLite keeps them): both backends store the same.
    pub fn cleaned(&self) -> Incoming {
        let clean = |s: &str| s.replace('\0', "");
        let person = |p: &Person| Person {
            name: clean(&p.name),
            ..p.clone()
        };
        let content = match &self.content {
            Content::Text(t) => Content::Text(clean(t)),
            Content::Reply { text, to } => Content::Reply {
                text: clean(text),
                to: ReplyTo {
                    text: to.text.as_deref().map(clean),
                    ..to.clone()
                },
            },
            Content::Photo { caption, file_id } => Content::Photo {
                caption: caption.as_deref().map(clean),
                file_id: file_id.clone(),
            },
            Content::Forwarded {
                text,
                author_id,
                origin_chat,
            } => Content::Forwarded {
                text: text.as_deref().map(clean),
                author_id: *author_id,
                origin_chat: *origin_chat,
            },
            Content::Joined(people) => Content::Joined(people.iter().map(person).collect()),
            other => other.clone(),
        };
        let chat = match &self.chat {
            ChatRef::Group { chat_id, title } => ChatRef::Group {
                chat_id: *chat_id,
                title: clean(title),
            },
            ChatRef::Private => ChatRef::Private,
        };
        Incoming {
            message_id: self.message_id,
            key: self.key.clone(),
            chat,
            from: person(&self.from),
            content,
            at: self.at,
        }
    }
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

/// A message argument: a text or a number, kept as plain data (Fluent's values are not
/// `Sync`, so they are made only where a text is formatted).
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    S(String),
    N(i64),
}

impl Val {
    pub fn fluent(&self) -> FluentValue<'static> {
        match self {
            Val::S(s) => FluentValue::from(s.clone()),
            Val::N(n) => FluentValue::from(*n),
        }
    }
}

impl From<String> for Val {
    fn from(s: String) -> Val {
        Val::S(s)
    }
}

impl From<&str> for Val {
    fn from(s: &str) -> Val {
        Val::S(s.to_string())
    }
}

impl From<i64> for Val {
    fn from(n: i64) -> Val {
        Val::N(n)
    }
}

/// Message arguments by name.
pub type Args = Vec<(&'static str, Val)>;

/// A polite refusal: a message key and its arguments, shown in the member's language.
#[derive(Debug)]
pub struct Refusal {
    pub key: &'static str,
    pub args: Args,
}

impl Refusal {
    pub fn new(key: &'static str) -> Refusal {
        Refusal {
            key,
            args: Vec::new(),
        }
    }
    pub fn arg(mut self, name: &'static str, v: impl Into<Val>) -> Refusal {
        self.args.push((name, v.into()));
        self
    }
}

/// How an action ended when it did not succeed.
#[derive(Debug)]
pub enum Stop {
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

/// The result of an action: done (with a value), refused politely, or failed.
pub type Flow<T = ()> = Result<T, Stop>;

/// Maps a ledger refusal to the resident's message; anything else is a failure.
pub fn ledger_stop(e: LedgerError) -> Stop {
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

/// The bot's brain, shared by every transport: the services every use case needs.
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
    /// Updates waiting for the next group commit ([`Engine::handle_grouped`]).
    pub group: GroupCommit,
}

/// Group commit: updates arriving together (a webhook's concurrent requests, a polling
/// batch's chats) wait here, and whichever caller gets the turn handles all that wait in one
/// transaction. Nobody waits for company: a lone update goes at once.
#[derive(Default)]
pub struct GroupCommit {
    pub(crate) waiting: std::sync::Mutex<Vec<Waiting>>,
    pub(crate) turn: tokio::sync::Mutex<()>,
    /// Transactions the group commit has run, and the updates in them.
    pub transactions: std::sync::atomic::AtomicU64,
    pub updates: std::sync::atomic::AtomicU64,
}

pub(crate) type Waiting = (
    Incoming,
    tokio::sync::oneshot::Sender<Result<Handled, EngineError>>,
);

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

/// Most lines of one message to a member in simple mode.
pub const SIMPLE_MAX_LINES: usize = 3;

impl Engine {
    pub fn limits(&self) -> Limits {
        Limits {
            min_balance: self.cfg.points.min_balance,
            max_balance: self.cfg.points.max_balance,
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

    /// A message by key with [`Val`] arguments.
    pub fn tv(&self, loc: Locale, key: &str, args: &[(&'static str, Val)]) -> String {
        let fa: Vec<(&str, FluentValue)> = args.iter().map(|(k, v)| (*k, v.fluent())).collect();
        self.t(loc, key, &fa)
    }

    /// True when `chat_id` is some community's workers' chat (configured in `bot.toml`).
    pub fn is_workers_chat(&self, chat_id: i64) -> bool {
        self.cfg
            .communities
            .iter()
            .any(|c| c.workers_chat_id == Some(chat_id))
    }

    fn time_setting(&self, s: &str) -> NaiveTime {
        RemindersConfig::time_of(s).unwrap_or(NaiveTime::MIN)
    }

    /// The community's local date at `ts`.
    pub fn local_date(&self, ts: i64) -> NaiveDate {
        DateTime::from_timestamp(ts, 0)
            .unwrap_or_default()
            .with_timezone(&self.cfg.timezone())
            .date_naive()
    }

    /// `date` at `time` in the community's time zone, as stored.
    pub fn local_ts(&self, date: NaiveDate, time: NaiveTime) -> i64 {
        let tz = self.cfg.timezone();
        tz.from_local_datetime(&date.and_time(time))
            .earliest()
            .map(|t| t.timestamp())
            .unwrap_or_else(|| date.and_time(time).and_utc().timestamp())
    }

    /// The reminder time of day on `date`.
    pub fn remind_on(&self, date: NaiveDate) -> i64 {
        self.local_ts(date, self.time_setting(&self.cfg.reminders.remind_at))
    }

    /// A stored time in the community's time zone, formatted (`%m-%d`, `%m-%d %H:%M` …).
    pub fn local_fmt(&self, ts: i64, fmt: &str) -> String {
        DateTime::from_timestamp(ts, 0)
            .unwrap_or_default()
            .with_timezone(&self.cfg.timezone())
            .format(fmt)
            .to_string()
    }

    /// `MM-DD` of a stored time, in the community's time zone.
    pub fn short_date(&self, ts: i64) -> String {
        self.local_date(ts).format("%m-%d").to_string()
    }

    /// When quiet hours end, if `now` is inside them: the community's own (for the group chat
    /// `chat`), else the configured default.
    pub fn quiet_until(&self, now: i64, chat: Option<i64>) -> Option<i64> {
        let r = &self.cfg.reminders;
        let own = chat.and_then(|c| self.cfg.community(c));
        let start = own
            .and_then(|c| c.quiet_start.as_deref())
            .unwrap_or(&r.quiet_start);
        let end = own
            .and_then(|c| c.quiet_end.as_deref())
            .unwrap_or(&r.quiet_end);
        let (start, end) = (self.time_setting(start), self.time_setting(end));
        if start == end {
            return None;
        }
        let local = DateTime::from_timestamp(now, 0)?.with_timezone(&self.cfg.timezone());
        let t = local.time();
        let quiet = if start < end {
            t >= start && t < end
        } else {
            t >= start || t < end
        };
        if !quiet {
            return None;
        }
        let date = if start > end && t >= start {
            local.date_naive() + Duration::days(1)
        } else {
            local.date_naive()
        };
        Some(self.local_ts(date, end))
    }
}
