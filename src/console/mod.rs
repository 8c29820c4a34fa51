//! The local chat simulator of `docs/console.md`: typed chats, the same engine.
//!
//! Each input line becomes an [`Incoming`] exactly as the Telegram adapter would make it; the
//! outbox is then drained through a transport that prints instead of calling Telegram.

use std::sync::{Arc, Mutex};

use chrono::{NaiveDateTime, TimeZone};
use rand::distributions::Alphanumeric;
use rand::Rng;
use regex::Regex;
use serde::Serialize;

use crate::clock::{Clock, ManualClock};
use crate::domain::Role;
use crate::engine::kernel::command::Command;
use crate::engine::{ChatRef, Content, Engine, Incoming, Person, ReplyTo};
use crate::jobs::sender::{Delivered, SendError, Sender, Transport};
use crate::store::members;
use crate::store::outbox::{self, Op, OutRow};
use crate::store::{Store, StoreError};

/// One message the bot showed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Printed {
    /// `NAME` for a private chat, `#GROUP` for a group.
    pub to: String,
    pub text: String,
    pub buttons: Vec<String>,
    /// True when this replaces an earlier message (a card that changed).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub edit: bool,
    /// True for an alert box on a pressed button.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub alert: bool,
    /// An album: how many photos.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photos: Option<usize>,
    /// A document: its file name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// A native poll (its options are the buttons).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub poll: bool,
    /// A reaction: the emoji, set on the message of `reply_to`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reaction: Option<String>,
    /// Whose message a reaction is on (the name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
}

impl Printed {
    /// The plain-text form of the spec: `bot → NAME: TEXT`, then `  [1] Label  [2] Label`.
    pub fn plain(&self) -> String {
        if let Some(emoji) = &self.reaction {
            let who = self.reply_to.as_deref().unwrap_or("?");
            return format!("bot → {} reacts {emoji} to {who}", self.to);
        }
        let mut s = format!("bot → {}: {}", self.to, self.text);
        if !self.buttons.is_empty() {
            s.push_str("\n ");
            for (i, b) in self.buttons.iter().enumerate() {
                s.push_str(&format!(" [{}] {}", i + 1, b));
            }
        }
        s
    }

    pub fn json(&self) -> String {
        serde_json::to_string(self).expect("printable")
    }
}

/// Prints instead of sending; a message's id is its outbox row id.
#[derive(Debug)]
pub struct ConsoleTransport {
    store: Store,
    printed: Mutex<Vec<Printed>>,
    /// Where documents and drawn photos are written (`--out DIR`).
    out: Mutex<Option<std::path::PathBuf>>,
    /// Who wrote each resident's message in a group, by its message id (a reaction names them).
    authors: Mutex<std::collections::HashMap<i64, String>>,
}

impl ConsoleTransport {
    pub fn new(store: Store) -> ConsoleTransport {
        ConsoleTransport {
            store,
            printed: Mutex::new(Vec::new()),
            out: Mutex::new(None),
            authors: Mutex::default(),
        }
    }

    /// Remembers that message `id` is `name`'s.
    fn wrote(&self, id: i64, name: &str) {
        self.authors
            .lock()
            .expect("authors lock")
            .insert(id, name.to_string());
    }

    /// Writes every document and drawn photo sent from now on into `dir` (created if needed).
    pub fn write_files_to(&self, dir: std::path::PathBuf) {
        *self.out.lock().expect("out lock") = Some(dir);
    }

    /// Writes a stored file into the `--out` directory, if there is one.
    fn keep(&self, f: &crate::store::files::StoredFile) -> Result<(), SendError> {
        let Some(dir) = self.out.lock().expect("out lock").clone() else {
            return Ok(());
        };
        std::fs::create_dir_all(&dir)
            .and_then(|_| std::fs::write(dir.join(&f.name), &f.data))
            .map_err(|e| SendError::Gone(format!("--out {}: {e}", dir.display())))
    }

    /// Everything printed since the last call.
    pub fn take(&self) -> Vec<Printed> {
        std::mem::take(&mut *self.printed.lock().expect("printed lock"))
    }

    async fn chat_name(&self, chat_id: i64) -> Result<String, StoreError> {
        let mut c = self.store.pool().acquire().await?;
        Ok(if chat_id > 0 {
            members::member_by_id(&mut c, chat_id)
                .await?
                .map(|m| m.name)
                .unwrap_or_else(|| chat_id.to_string())
        } else {
            members::community_by_chat(&mut c, chat_id)
                .await?
                .map(|g| format!("#{}", g.title))
                .unwrap_or_else(|| chat_id.to_string())
        })
    }
}

impl Transport for ConsoleTransport {
    async fn deliver(
        &self,
        row: &OutRow,
        _edit_target: Option<i64>,
    ) -> Result<Delivered, SendError> {
        let m = &row.msg;
        if m.op == Op::Answer && m.text.is_empty() {
            return Ok(Delivered::default());
        }
        let to = self
            .chat_name(m.chat_id)
            .await
            .map_err(|e| SendError::Transient(e.to_string()))?;
        if m.op == Op::React {
            let who = m
                .react_to
                .and_then(|id| self.authors.lock().expect("authors lock").get(&id).cloned());
            self.printed.lock().expect("printed lock").push(Printed {
                to,
                text: String::new(),
                buttons: Vec::new(),
                edit: false,
                alert: false,
                photos: None,
                document: None,
                poll: false,
                reaction: Some(m.text.clone()),
                reply_to: who,
            });
            return Ok(Delivered::default());
        }
        if m.op == Op::Send && !m.photos.is_empty() {
            // An album goes before the text, as Telegram shows it.
            for id in m
                .photos
                .iter()
                .filter_map(|p| crate::store::files::photo_file(p))
            {
                if let Some(f) = row.file(id) {
                    self.keep(f)?;
                }
            }
            self.printed.lock().expect("printed lock").push(Printed {
                to: to.clone(),
                text: format!("[📷 ×{}]", m.photos.len()),
                buttons: Vec::new(),
                edit: false,
                alert: false,
                photos: Some(m.photos.len()),
                document: None,
                poll: false,
                reaction: None,
                reply_to: None,
            });
        }
        for f in m.documents.iter().filter_map(|id| row.file(*id)) {
            self.keep(f)?;
            self.printed.lock().expect("printed lock").push(Printed {
                to: to.clone(),
                text: format!("[📄 {}]", f.name),
                buttons: Vec::new(),
                edit: false,
                alert: false,
                photos: None,
                document: Some(f.name.clone()),
                poll: false,
                reaction: None,
                reply_to: None,
            });
        }
        if m.op == Op::Send && m.text.is_empty() {
            return Ok(Some(row.id).into());
        }
        let poll = matches!(m.op, Op::Poll | Op::StopPoll);
        let p = Printed {
            to,
            text: if poll {
                format!("📊 {}", m.text)
            } else {
                m.text.clone()
            },
            buttons: m
                .buttons
                .iter()
                .flatten()
                .map(|b| b.label.clone())
                .collect(),
            edit: matches!(m.op, Op::Edit | Op::StopPoll),
            alert: m.alert,
            photos: None,
            document: None,
            poll,
            reaction: None,
            reply_to: None,
        };
        self.printed.lock().expect("printed lock").push(p);
        Ok(match m.op {
            Op::Send => Some(row.id).into(),
            // The console's poll id, as Telegram gives one.
            Op::Poll => Delivered {
                message_id: Some(row.id),
                poll_id: Some(format!("console-poll-{}", row.id)),
            },
            _ => Delivered::default(),
        })
    }
}

/// A parsed input line.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Nothing,
    Time(String),
    Worker(String),
    /// `NAME@GROUP > #N: TEXT` or `NAME@GROUP > NAME2: TEXT`: a reply in the group.
    Reply {
        name: String,
        group: String,
        to: ReplyTarget,
        text: String,
    },
    /// `@admin NAME@GROUP`: Telegram names NAME an administrator of GROUP.
    Admin {
        name: String,
        group: String,
    },
    Say {
        name: String,
        group: Option<String>,
        photo: bool,
        text: String,
    },
    TapIndex {
        name: String,
        n: usize,
    },
    TapLabel {
        name: String,
        label: String,
    },
    /// `NAME votes N`: NAME answers the newest poll shown to them with its N-th option.
    Vote {
        name: String,
        n: usize,
    },
}

/// What a reply line quotes: the bot's card for a listing, or a member's latest message.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplyTarget {
    Card(i64),
    Member(String),
}

/// Reads one line of the script grammar.
pub fn parse_line(line: &str) -> Result<Line, String> {
    static SAY: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    static TAP: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let say = SAY.get_or_init(|| {
        Regex::new(r"^([\p{L}\p{N}_-]+)(?:@([\p{L}\p{N}_-]+))?( photo)?:\s?(.*)$").expect("regex")
    });
    let tap = TAP.get_or_init(|| {
        Regex::new(r#"^([\p{L}\p{N}_-]+) taps (?:(\d+)|"(.+)")\s*$"#).expect("regex")
    });
    let t = line.trim_end_matches(['\r', '\n']);
    let trimmed = t.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(Line::Nothing);
    }
    if let Some(rest) = trimmed.strip_prefix("@time ") {
        return Ok(Line::Time(rest.trim().to_string()));
    }
    if let Some(rest) = trimmed.strip_prefix("@worker ") {
        let name = rest.trim();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            return Err(format!(
                "@worker needs a NAME (letters, digits, _ or -), got {name:?}"
            ));
        }
        return Ok(Line::Worker(name.to_string()));
    }
    static REPLY: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let reply = REPLY.get_or_init(|| {
        Regex::new(r"^([\p{L}\p{N}_-]+)@([\p{L}\p{N}_-]+) > (?:#(\d+)|([\p{L}\p{N}_-]+)):\s?(.*)$")
            .expect("regex")
    });
    if let Some(c) = reply.captures(t.trim_start()) {
        let to = match (c.get(3), c.get(4)) {
            (Some(n), _) => ReplyTarget::Card(n.as_str().parse().map_err(|_| "a listing number")?),
            (_, Some(m)) => ReplyTarget::Member(m.as_str().to_string()),
            _ => return Err("a reply needs #N or a NAME".into()),
        };
        if c[5].trim().is_empty() {
            return Err("nothing to say after the colon".into());
        }
        return Ok(Line::Reply {
            name: c[1].to_string(),
            group: c[2].to_string(),
            to,
            text: c[5].to_string(),
        });
    }
    if let Some(rest) = trimmed.strip_prefix("@admin ") {
        let ok = |w: &str| {
            !w.is_empty()
                && w.chars()
                    .all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '-')
        };
        return match rest.trim().split_once('@') {
            Some((name, group)) if ok(name) && ok(group) => Ok(Line::Admin {
                name: name.to_string(),
                group: group.to_string(),
            }),
            _ => Err(format!("@admin needs NAME@GROUP, got {:?}", rest.trim())),
        };
    }
    static VOTE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let vote =
        VOTE.get_or_init(|| Regex::new(r"^([\p{L}\p{N}_-]+) votes (\d+)\s*$").expect("regex"));
    if let Some(c) = vote.captures(trimmed) {
        return match c[2].parse::<usize>() {
            Ok(n) if n >= 1 => Ok(Line::Vote {
                name: c[1].to_string(),
                n,
            }),
            _ => Err(format!("poll options start at 1, got {}", &c[2])),
        };
    }
    if let Some(c) = tap.captures(trimmed) {
        let name = c[1].to_string();
        return match (c.get(2), c.get(3)) {
            (Some(n), _) => match n.as_str().parse::<usize>() {
                Ok(n) if n >= 1 => Ok(Line::TapIndex { name, n }),
                _ => Err(format!("button numbers start at 1, got {}", n.as_str())),
            },
            (_, Some(l)) => Ok(Line::TapLabel {
                name,
                label: l.as_str().to_string(),
            }),
            _ => Err("taps needs a number or a \"label\"".into()),
        };
    }
    if let Some(c) = say.captures(t.trim_start()) {
        let text = c[4].to_string();
        let photo = c.get(3).is_some();
        if text.trim().is_empty() && !photo {
            return Err("nothing to say after the colon".into());
        }
        return Ok(Line::Say {
            name: c[1].to_string(),
            group: c.get(2).map(|g| g.as_str().to_string()),
            photo,
            text,
        });
    }
    Err(format!("cannot read {trimmed:?}: expected NAME: TEXT, NAME@GROUP: TEXT, NAME taps N, NAME votes N, @time …, @worker NAME, @admin NAME@GROUP or # comment"))
}

/// A running simulator: engine, clock, and the printing transport.
pub struct Console {
    pub engine: Arc<Engine>,
    pub clock: Arc<ManualClock>,
    pub sender: Sender,
    pub transport: ConsoleTransport,
    seq: u64,
    ticker: crate::jobs::Ticker,
    /// What each member last wrote in each group (`> NAME:` replies quote it).
    last_said: std::collections::HashMap<(String, String), String>,
}

impl Console {
    pub fn new(engine: Arc<Engine>, clock: Arc<ManualClock>) -> Console {
        let sender = Sender::new(engine.store.clone(), clock.clone(), None);
        let transport = ConsoleTransport::new(engine.store.clone());
        Console {
            engine,
            clock,
            sender,
            transport,
            seq: 0,
            ticker: crate::jobs::Ticker::new("console", 0),
            last_said: Default::default(),
        }
    }

    /// Runs one input line; returns what the bot printed, or the error line for stderr.
    pub async fn line(&mut self, line: &str) -> Result<Vec<Printed>, String> {
        let parsed = parse_line(line)?;
        let incoming = match parsed {
            Line::Nothing => return Ok(Vec::new()),
            Line::Time(t) => {
                self.set_time(&t).await?;
                // Jobs due by now run before the next line.
                self.ticker
                    .tick(&self.engine)
                    .await
                    .map_err(|e| e.to_string())?;
                self.flush().await.map_err(|e| e.to_string())?;
                return Ok(self.transport.take());
            }
            Line::Worker(name) => {
                let mut tx = self.engine.store.begin().await.map_err(|e| e.to_string())?;
                let id = self
                    .member_id(&mut tx, &name)
                    .await
                    .map_err(|e| e.to_string())?;
                let now = crate::store::ts(self.clock.now());
                members::ensure_member(&mut tx, id, &name, true, self.engine.cfg.credit.start, now)
                    .await
                    .map_err(|e| e.to_string())?;
                members::grant_role(&mut tx, id, 0, Role::Worker)
                    .await
                    .map_err(|e| e.to_string())?;
                tx.commit().await.map_err(|e| e.to_string())?;
                return Ok(Vec::new());
            }
            Line::Reply {
                name,
                group,
                to,
                text,
            } => self.reply(&name, &group, &to, text).await?,
            Line::Admin { name, group } => {
                let from = self.person(&name).await.map_err(|e| e.to_string())?;
                let chat = {
                    let mut c = self
                        .engine
                        .store
                        .pool()
                        .acquire()
                        .await
                        .map_err(|e| e.to_string())?;
                    self.group_chat(&mut c, &group)
                        .await
                        .map_err(|e| e.to_string())?
                };
                self.engine
                    .note_group_admins(chat, &group, &[from], false)
                    .await
                    .map_err(|e| e.to_string())?;
                return Ok(Vec::new());
            }
            Line::Say {
                name,
                group,
                photo,
                text,
            } => self
                .say(&name, group.as_deref(), photo, text)
                .await
                .map_err(|e| e.to_string())?,
            Line::TapIndex { name, n } => {
                self.tap(&name, false, |buttons| buttons.get(n - 1).cloned())
                    .await?
            }
            Line::Vote { name, n } => self.vote(&name, n).await?,
            Line::TapLabel { name, label } => {
                self.tap(&name, true, |buttons| {
                    buttons.iter().find(|b| b.label.contains(&label)).cloned()
                })
                .await?
            }
        };
        let handled = self
            .engine
            .handle(&incoming)
            .await
            .map_err(|e| format!("the bot failed: {e}"))?;
        self.sender
            .deliver_ids(&self.transport, &handled.outbox_ids)
            .await
            .map_err(|e| e.to_string())?;
        self.flush().await.map_err(|e| e.to_string())?;
        Ok(self.transport.take())
    }

    /// Sends whatever is left in the outbox (messages released by this line, for instance).
    async fn flush(&self) -> Result<(), StoreError> {
        self.sender.deliver_due(&self.transport).await?;
        Ok(())
    }

    async fn history_started(&self) -> Result<bool, StoreError> {
        let mut c = self.engine.store.pool().acquire().await?;
        Ok(crate::store::updates::handled_count(&mut c).await? > 0)
    }

    async fn set_time(&self, t: &str) -> Result<(), String> {
        let naive = NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M")
            .map_err(|_| format!("@time needs YYYY-MM-DD HH:MM, got {t:?}"))?;
        let tz = self.engine.cfg.timezone();
        let local = tz
            .from_local_datetime(&naive)
            .earliest()
            .ok_or_else(|| format!("{t} does not exist in {tz}"))?;
        let at = local.with_timezone(&chrono::Utc);
        if self.clock.set(at) {
            return Ok(());
        }
        // Before anything has happened in the database the clock may be set anywhere, so a
        // script dated in the past still runs on a fresh database.
        if !self.history_started().await.map_err(|e| e.to_string())? {
            self.clock.reset(at);
            return Ok(());
        }
        Err(format!(
            "@time {t} is before the current time; the clock never goes back"
        ))
    }

    fn next_key(&mut self) -> String {
        self.seq += 1;
        let r: String = rand::thread_rng()
            .sample_iter(&Alphanumeric)
            .take(10)
            .map(char::from)
            .collect();
        format!("console:{r}:{}", self.seq)
    }

    /// The stable id of a resident: theirs if the database knows them, else a new one.
    async fn member_id(&self, c: &mut sqlx::AnyConnection, name: &str) -> Result<i64, StoreError> {
        if let Some(m) = members::member_by_name(c, name).await? {
            return Ok(m.id);
        }
        let (max, _) = members::id_bounds(c).await?;
        Ok(max.unwrap_or(1000).max(1000) + 1)
    }

    async fn group_chat(
        &self,
        c: &mut sqlx::AnyConnection,
        title: &str,
    ) -> Result<i64, StoreError> {
        if let Some(g) = members::community_by_title(c, title).await? {
            return Ok(g.chat_id);
        }
        let (_, min) = members::id_bounds(c).await?;
        Ok(min.unwrap_or(-1000).min(-1000) - 1)
    }

    async fn person(&self, name: &str) -> Result<Person, StoreError> {
        let mut c = self.engine.store.pool().acquire().await?;
        Ok(Person {
            id: self.member_id(&mut c, name).await?,
            name: name.to_string(),
            lang_code: None,
        })
    }

    /// A reply in a group: to a listing's card (by the card's message id, as Telegram quotes
    /// it) or to a member's latest message there (its author and words).
    async fn reply(
        &mut self,
        name: &str,
        group: &str,
        to: &ReplyTarget,
        text: String,
    ) -> Result<Incoming, String> {
        let err = |e: StoreError| e.to_string();
        let from = self.person(name).await.map_err(err)?;
        let mut c = self
            .engine
            .store
            .pool()
            .acquire()
            .await
            .map_err(|e| e.to_string())?;
        let chat_id = self.group_chat(&mut c, group).await.map_err(err)?;
        let quoted = match to {
            ReplyTarget::Card(n) => {
                // `#N` is a listing's card or an event's: the newer one in this group.
                let listing = crate::store::listings::card_message(&mut c, *n)
                    .await
                    .map_err(err)?
                    .filter(|(chat, _)| *chat == chat_id)
                    .map(|(_, m)| m);
                let event = crate::store::events::card_message(&mut c, *n, chat_id)
                    .await
                    .map_err(err)?;
                match listing.into_iter().chain(event).max() {
                    Some(msg) => ReplyTo {
                        from_bot: true,
                        message_id: Some(msg),
                        ..Default::default()
                    },
                    None => return Err(format!("there is no card for #{n} in {group}")),
                }
            }
            ReplyTarget::Member(who) => {
                let Some(words) = self.last_said.get(&(group.to_string(), who.clone())) else {
                    return Err(format!("{who} has written nothing in {group} to reply to"));
                };
                ReplyTo {
                    from_bot: false,
                    message_id: None,
                    author_id: Some(self.member_id(&mut c, who).await.map_err(err)?),
                    text: Some(words.clone()),
                }
            }
        };
        drop(c);
        self.last_said
            .insert((group.to_string(), name.to_string()), text.clone());
        let message_id = self.group_message(name);
        Ok(Incoming {
            message_id,
            key: self.next_key(),
            chat: ChatRef::Group {
                chat_id,
                title: group.to_string(),
            },
            from,
            content: Content::Reply { text, to: quoted },
            at: self.clock.now(),
        })
    }

    async fn say(
        &mut self,
        name: &str,
        group: Option<&str>,
        photo: bool,
        text: String,
    ) -> Result<Incoming, StoreError> {
        let from = self.person(name).await?;
        if let Some(g) = group {
            self.last_said
                .insert((g.to_string(), name.to_string()), text.clone());
        }
        let chat = match group {
            Some(g) => {
                let mut c = self.engine.store.pool().acquire().await?;
                ChatRef::Group {
                    chat_id: self.group_chat(&mut c, g).await?,
                    title: g.to_string(),
                }
            }
            None => ChatRef::Private,
        };
        let message_id = group.and_then(|_| self.group_message(name));
        let content = if photo {
            Content::Photo {
                caption: Some(text).filter(|t| !t.trim().is_empty()),
                file_id: format!("console-photo-{}", self.next_key()),
            }
        } else {
            Content::Text(text)
        };
        Ok(Incoming {
            message_id,
            key: self.next_key(),
            chat,
            from,
            content,
            at: self.clock.now(),
        })
    }

    /// A new message id for `name`'s message in a group (far above the bot's own, which are
    /// outbox row ids), remembered so a reaction on it names them.
    fn group_message(&mut self, name: &str) -> Option<i64> {
        let id = 1_000_000_000 + self.seq as i64 + 1;
        self.transport.wrote(id, name);
        Some(id)
    }

    /// A vote on the newest poll shown in a group `name` is in, as Telegram's `poll_answer`
    /// would bring it (the voter, the poll's id, the option from 0).
    async fn vote(&mut self, name: &str, n: usize) -> Result<Incoming, String> {
        let err = |e: StoreError| e.to_string();
        let from = self.person(name).await.map_err(err)?;
        let mut c = self
            .engine
            .store
            .pool()
            .acquire()
            .await
            .map_err(|e| e.to_string())?;
        let chats: Vec<i64> = members::communities_of(&mut c, from.id)
            .await
            .map_err(err)?
            .iter()
            .map(|g| g.chat_id)
            .collect();
        let polls = outbox::sent_polls(&mut c, &chats).await.map_err(err)?;
        let Some((_, _, poll_id, options)) = polls.into_iter().next() else {
            return Err(format!("no poll has been shown to {name}"));
        };
        if n > options {
            return Err(format!(
                "{name}'s newest poll has {options} options, not {n}"
            ));
        }
        Ok(Incoming {
            message_id: None,
            key: self.next_key(),
            chat: ChatRef::Private,
            from,
            content: Content::PollVote {
                poll_id,
                options: vec![n as i64 - 1],
            },
            at: self.clock.now(),
        })
    }

    /// Presses a button of the newest message that shows buttons to `name`.
    async fn tap(
        &mut self,
        name: &str,
        by_label: bool,
        pick: impl Fn(&[outbox::Button]) -> Option<outbox::Button>,
    ) -> Result<Incoming, String> {
        let err = |e: StoreError| e.to_string();
        let from = self.person(name).await.map_err(err)?;
        let mut c = self
            .engine
            .store
            .pool()
            .acquire()
            .await
            .map_err(|e| e.to_string())?;
        let mine: Vec<i64> = members::communities_of(&mut c, from.id)
            .await
            .map_err(err)?
            .iter()
            .map(|g| g.chat_id)
            .collect();
        let shown = outbox::shown_messages(&mut c).await.map_err(err)?;
        let visible: Vec<_> = shown
            .iter()
            .rev()
            .filter(|(_, chat, buttons)| {
                !buttons.is_empty() && (*chat == from.id || mine.contains(chat))
            })
            .collect();
        let newest = *visible
            .first()
            .ok_or_else(|| format!("{name} sees no message with buttons"))?;
        let flat = |m: &(i64, i64, Vec<Vec<outbox::Button>>)| -> Vec<outbox::Button> {
            m.2.iter().flatten().cloned().collect()
        };
        let buttons = flat(newest);
        // `taps N`: the newest message's buttons. `taps "LABEL"`: the newest message with such
        // a button, buttons under messages first, then the big keys of simple mode (which stay
        // under the typing field, so a key never hides a card's button).
        let keys = |m: &&&(i64, i64, Vec<Vec<outbox::Button>>)| {
            m.2.iter().flatten().all(outbox::Button::is_key)
        };
        let found = if by_label {
            visible
                .iter()
                .filter(|m| !keys(m))
                .chain(visible.iter().filter(|m| keys(m)))
                .find_map(|m| pick(&flat(m)).map(|b| (*m, b)))
        } else {
            pick(&buttons).map(|b| (newest, b))
        };
        let (newest, b) = found.ok_or_else(|| {
            format!(
                "{name} sees no such button; the buttons are: {}",
                labels(&buttons)
            )
        })?;
        let chat = if newest.1 > 0 {
            ChatRef::Private
        } else {
            let g = members::community_by_chat(&mut c, newest.1)
                .await
                .map_err(err)?
                .ok_or("unknown group")?;
            ChatRef::Group {
                chat_id: g.chat_id,
                title: g.title,
            }
        };
        drop(c);
        if let Some(link) = &b.url {
            // A link opens a chat with another member in Telegram; nothing reaches the bot.
            return Err(format!(
                "{name} opens {link} (a private chat outside the bot; nothing is sent to the bot)"
            ));
        }
        let content = match (b.cb, b.start) {
            (Some(token), _) => Content::Button {
                query_id: format!("q{}", self.seq + 1),
                data: token,
            },
            (None, Some(payload)) => {
                return Ok(Incoming {
                    message_id: None,
                    key: self.next_key(),
                    chat: ChatRef::Private,
                    from,
                    content: Content::Text(format!("/{} {payload}", Command::Start.name())),
                    at: self.clock.now(),
                });
            }
            // A key of the reply keyboard sends its label, as the resident's own message.
            (None, None) => {
                return Ok(Incoming {
                    message_id: None,
                    key: self.next_key(),
                    chat: ChatRef::Private,
                    from,
                    content: Content::Text(b.label),
                    at: self.clock.now(),
                });
            }
        };
        Ok(Incoming {
            message_id: None,
            key: self.next_key(),
            chat,
            from,
            content,
            at: self.clock.now(),
        })
    }
}

fn labels(buttons: &[outbox::Button]) -> String {
    buttons
        .iter()
        .enumerate()
        .map(|(i, b)| format!("[{}] {}", i + 1, b.label))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar() {
        assert_eq!(parse_line("  # hi").unwrap(), Line::Nothing);
        assert_eq!(parse_line("").unwrap(), Line::Nothing);
        assert_eq!(
            parse_line("@time 2026-12-01 09:00").unwrap(),
            Line::Time("2026-12-01 09:00".into())
        );
        assert_eq!(
            parse_line("小王@幸福里: 出闲置：儿童自行车").unwrap(),
            Line::Say {
                name: "小王".into(),
                group: Some("幸福里".into()),
                photo: false,
                text: "出闲置：儿童自行车".into()
            }
        );
        assert_eq!(
            parse_line("Bob: /points").unwrap(),
            Line::Say {
                name: "Bob".into(),
                group: None,
                photo: false,
                text: "/points".into()
            }
        );
        assert_eq!(
            parse_line("Bob photo: a lamp").unwrap(),
            Line::Say {
                name: "Bob".into(),
                group: None,
                photo: true,
                text: "a lamp".into()
            }
        );
        assert_eq!(
            parse_line("Bob taps 2").unwrap(),
            Line::TapIndex {
                name: "Bob".into(),
                n: 2
            }
        );
        assert_eq!(
            parse_line("Bob taps \"Accept\"").unwrap(),
            Line::TapLabel {
                name: "Bob".into(),
                label: "Accept".into()
            }
        );
        assert!(parse_line("Bob taps 0").is_err());
        assert!(parse_line("this is not a line").is_err());
        assert!(parse_line("Bob:").is_err());
    }
}

/// How the console prints.
#[derive(Debug, Clone, Copy, Default)]
pub struct PrintOptions {
    /// One JSON object per message instead of `bot → …` lines.
    pub json: bool,
    /// Repeat each input line (prefixed `» `) before the bot's answer, for transcripts.
    pub echo: bool,
    /// Show a prompt before each line (a person is typing).
    pub prompt: bool,
}

/// Runs every line of `input`, printing the bot's messages to stdout and errors to stderr.
/// Returns the number of lines that could not be run.
pub async fn run_lines(
    console: &mut Console,
    input: impl std::io::BufRead,
    opts: PrintOptions,
) -> std::io::Result<usize> {
    use std::io::Write;
    let mut errors = 0;
    let stdout = std::io::stdout();
    if opts.prompt {
        print!("> ");
        stdout.lock().flush()?;
    }
    for (i, line) in crate::parse::read_lines(input).enumerate() {
        let line = line?.unwrap_or_else(|_| {
            errors += 1;
            eprintln!("line {}: not valid UTF-8; skipped", i + 1);
            String::new()
        });
        if opts.echo && !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            println!("» {line}");
        }
        match console.line(&line).await {
            Ok(printed) => {
                let mut out = stdout.lock();
                for p in printed {
                    writeln!(out, "{}", if opts.json { p.json() } else { p.plain() })?;
                }
            }
            Err(e) => {
                errors += 1;
                eprintln!("line {}: {e}", i + 1);
            }
        }
        if opts.prompt {
            print!("> ");
            stdout.lock().flush()?;
        }
    }
    Ok(errors)
}
