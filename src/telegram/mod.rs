//! The Telegram adapter: updates in (long polling), outbox rows out. It decides no rule: it
//! turns updates into [`Incoming`], hands them to the engine, and delivers what the engine wrote.

use std::sync::Arc;
use std::time::Duration;

use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::{
    CallbackQueryId, ChatKind, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, InputMedia,
    InputMediaPhoto, InputPollOption, KeyboardButton, KeyboardMarkup, MaybeAnonymousUser, Me,
    MessageId, PollAnswer, ReactionType, ReplyMarkup, User,
};
use teloxide::{ApiError, RequestError};

use crate::engine::{ChatRef, Content, Engine, Incoming, Person, ReplyTo};
use crate::jobs::sender::{Delivered, SendError, Sender, Transport};
use crate::store::outbox::{Button, Op, OutMsg, OutRow};

pub mod webhook;

/// Delivers outbox rows through a teloxide `Bot`.
#[derive(Clone, Debug)]
pub struct TelegramTransport {
    pub bot: Bot,
    /// The bot's @username, for "open a private chat" links.
    pub username: String,
}

fn markup(rows: &[Vec<Button>], username: &str) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(rows.iter().map(|row| {
        row.iter()
            .filter_map(|b| match (&b.cb, &b.start, &b.url) {
                (Some(token), _, _) => Some(InlineKeyboardButton::callback(
                    b.label.clone(),
                    token.clone(),
                )),
                (None, Some(payload), _) => {
                    url::Url::parse(&format!("https://t.me/{username}?start={payload}"))
                        .ok()
                        .map(|u| InlineKeyboardButton::url(b.label.clone(), u))
                }
                (None, None, Some(link)) => url::Url::parse(link)
                    .ok()
                    .map(|u| InlineKeyboardButton::url(b.label.clone(), u)),
                _ => None,
            })
            .collect::<Vec<_>>()
    }))
}

/// Big keys under the typing field (simple mode): pressing one sends its label as text.
fn keys(rows: &[Vec<Button>]) -> KeyboardMarkup {
    KeyboardMarkup::new(rows.iter().map(|row| {
        row.iter()
            .map(|b| KeyboardButton::new(b.label.clone()))
            .collect::<Vec<_>>()
    }))
    .persistent()
}

fn classify(e: RequestError) -> SendError {
    match &e {
        RequestError::RetryAfter(s) => SendError::RetryAfter(s.duration()),
        RequestError::Api(
            ApiError::BotBlocked | ApiError::CantInitiateConversation | ApiError::UserDeactivated,
        ) => SendError::Forbidden,
        RequestError::MigrateToChatId(id) => SendError::Migrated(id.0),
        // A 5xx or an HTML error page from a proxy: Telegram is having a moment.
        RequestError::Network(_)
        | RequestError::Io(_)
        | RequestError::InvalidJson { .. }
        | RequestError::Api(ApiError::Unknown(_)) => SendError::Transient(e.to_string()),
        other => SendError::Gone(other.to_string()),
    }
}

impl TelegramTransport {
    /// A photo to send: a file Telegram has (its id), or `qr:PAYLOAD`, a QR code drawn here
    /// that opens the bot with `/start PAYLOAD` when scanned.
    fn photo(&self, row: &OutRow, id: &str) -> InputFile {
        if let Some(f) = crate::store::files::photo_file(id).and_then(|n| row.file(n)) {
            return InputFile::memory(f.data.clone()).file_name(f.name.clone());
        }
        match id.strip_prefix("qr:") {
            Some(payload) => {
                let link = format!("https://t.me/{}?start={payload}", self.username);
                match crate::qr::png(&link) {
                    Ok(bytes) => InputFile::memory(bytes).file_name("checkin.png"),
                    Err(e) => {
                        tracing::warn!("QR code for {payload}: {e}");
                        InputFile::memory(Vec::new())
                    }
                }
            }
            None => InputFile::file_id(id.to_string().into()),
        }
    }
}

impl TelegramTransport {
    /// A reaction (the row's text, an emoji) on message `react_to` of the chat.
    async fn react(&self, chat: ChatId, m: &OutMsg) -> Result<Delivered, SendError> {
        let target = MessageId(m.react_to.unwrap_or_default() as i32);
        let emoji = ReactionType::Emoji {
            emoji: m.text.clone(),
        };
        self.bot
            .set_message_reaction(chat, target)
            .reaction([emoji])
            .await
            .map(|_| Delivered::default())
            .map_err(classify)
    }
}

impl Transport for TelegramTransport {
    async fn deliver(
        &self,
        row: &OutRow,
        edit_target: Option<i64>,
    ) -> Result<Delivered, SendError> {
        let m = &row.msg;
        let chat = ChatId(m.chat_id);
        match m.op {
            Op::Send => {
                // Photos go first as an album; the text with its buttons follows, so a card
                // with photos is edited like any other.
                match m.photos.as_slice() {
                    [] => {}
                    [one] => {
                        self.bot
                            .send_photo(chat, self.photo(row, one))
                            .await
                            .map_err(classify)?;
                    }
                    many => {
                        let media = many
                            .iter()
                            .map(|id| InputMedia::Photo(InputMediaPhoto::new(self.photo(row, id))));
                        self.bot
                            .send_media_group(chat, media)
                            .await
                            .map_err(classify)?;
                    }
                }
                for f in m.documents.iter().filter_map(|id| row.file(*id)) {
                    let file = InputFile::memory(f.data.clone()).file_name(f.name.clone());
                    self.bot.send_document(chat, file).await.map_err(classify)?;
                }
                if m.text.is_empty() {
                    return Ok(Delivered::default());
                }
                let send = |rows: &[Vec<Button>]| {
                    let mut req = self.bot.send_message(chat, &m.text);
                    if rows.iter().flatten().any(Button::is_key) {
                        req = req.reply_markup(ReplyMarkup::Keyboard(keys(rows)));
                    } else if !rows.is_empty() {
                        req = req.reply_markup(markup(rows, &self.username));
                    }
                    req
                };
                match send(&m.buttons).await {
                    Ok(msg) => Ok(Some(msg.id.0 as i64).into()),
                    // A "write to" button of someone whose privacy settings forbid it: the
                    // message goes without such buttons rather than not at all.
                    Err(e) if privacy_restricted(&e) => send(&without_user_links(&m.buttons))
                        .await
                        .map(|msg| Some(msg.id.0 as i64).into())
                        .map_err(classify),
                    Err(e) => Err(classify(e)),
                }
            }
            Op::Poll => {
                // Not anonymous: each answer comes back with the resident who gave it, so one
                // answer per resident is kept and residents are counted once.
                let options = m
                    .buttons
                    .iter()
                    .flatten()
                    .map(|b| InputPollOption::new(b.label.clone()));
                let msg = self
                    .bot
                    .send_poll(chat, &m.text, options)
                    .is_anonymous(false)
                    .await
                    .map_err(classify)?;
                Ok(Delivered {
                    message_id: Some(msg.id.0 as i64),
                    poll_id: msg.poll().map(|p| p.id.0.clone()),
                })
            }
            Op::Edit => {
                let target = MessageId(edit_target.unwrap_or_default() as i32);
                let edit = |rows: &[Vec<Button>]| {
                    self.bot
                        .edit_message_text(chat, target, &m.text)
                        .reply_markup(markup(rows, &self.username))
                };
                let result = match edit(&m.buttons).await {
                    Err(e) if privacy_restricted(&e) => edit(&without_user_links(&m.buttons)).await,
                    other => other,
                };
                match result {
                    Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => {
                        Ok(Delivered::default())
                    }
                    Err(e) => Err(classify(e)),
                }
            }
            Op::React => self.react(chat, m).await,
            Op::StopPoll => {
                let target = MessageId(edit_target.unwrap_or_default() as i32);
                match self.bot.stop_poll(chat, target).await {
                    Ok(_) => Ok(Delivered::default()),
                    // Closed already (by hand, or an earlier try): nothing left to do.
                    Err(RequestError::Api(ApiError::PollHasAlreadyClosed)) => {
                        Ok(Delivered::default())
                    }
                    Err(e) => Err(classify(e)),
                }
            }
            Op::Answer => {
                let mut req = self.bot.answer_callback_query(CallbackQueryId(
                    m.callback_id.clone().unwrap_or_default(),
                ));
                if !m.text.is_empty() {
                    req = req.text(&m.text).show_alert(m.alert);
                }
                req.await.map(|_| Delivered::default()).map_err(classify)
            }
        }
    }
}

/// Telegram refused a button that opens a chat with a user whose privacy settings forbid it.
fn privacy_restricted(e: &RequestError) -> bool {
    matches!(e, RequestError::Api(ApiError::Unknown(s)) if s.contains("PRIVACY_RESTRICTED"))
}

/// The rows without `tg://user` buttons (empty rows dropped).
fn without_user_links(rows: &[Vec<Button>]) -> Vec<Vec<Button>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .filter(|b| !b.url.as_deref().is_some_and(|u| u.starts_with("tg://user")))
                .cloned()
                .collect::<Vec<_>>()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

fn person(u: &User) -> Person {
    Person {
        id: u.id.0 as i64,
        name: u.first_name.clone(),
        lang_code: u.language_code.clone(),
    }
}

fn chat_ref(chat: &teloxide::types::Chat) -> Option<ChatRef> {
    match &chat.kind {
        ChatKind::Private(_) => Some(ChatRef::Private),
        ChatKind::Public(p) => match p.kind {
            teloxide::types::PublicChatKind::Channel(_) => None,
            _ => Some(ChatRef::Group {
                chat_id: chat.id.0,
                title: chat.title().unwrap_or_default().to_string(),
            }),
        },
    }
}

/// The handler tree: messages and button presses.
pub fn schema() -> UpdateHandler<anyhow::Error> {
    dptree::entry()
        .branch(Update::filter_message().endpoint(on_message))
        .branch(Update::filter_callback_query().endpoint(on_callback))
        .branch(Update::filter_poll_answer().endpoint(on_poll_answer))
}

/// A resident's answer to one of the bot's polls (an empty list: the vote taken back).
async fn on_poll_answer(
    bot: Bot,
    update: Update,
    answer: PollAnswer,
    engine: Arc<Engine>,
    sender: Arc<Sender>,
    me: Me,
) -> anyhow::Result<()> {
    let Some(inc) = poll_vote(&update, &answer, engine.clock.now()) else {
        return Ok(());
    };
    handle(&bot, &engine, &sender, &me, inc).await
}

/// The update a poll answer is: a vote by a person (an anonymous voter is no resident).
pub fn poll_vote(
    update: &Update,
    answer: &PollAnswer,
    at: chrono::DateTime<chrono::Utc>,
) -> Option<Incoming> {
    let MaybeAnonymousUser::User(u) = &answer.voter else {
        return None;
    };
    Some(Incoming {
        message_id: None,
        key: format!("tg:{}", update.id.0),
        chat: ChatRef::Private,
        from: person(u),
        content: Content::PollVote {
            poll_id: answer.poll_id.0.clone(),
            options: answer.option_ids.iter().map(|o| i64::from(*o)).collect(),
        },
        at,
    })
}

async fn on_message(
    bot: Bot,
    update: Update,
    msg: Message,
    engine: Arc<Engine>,
    sender: Arc<Sender>,
    me: Me,
) -> anyhow::Result<()> {
    // A group's migration may come without a sender: Telegram's service account stands in.
    let service = User {
        id: teloxide::types::UserId(777000),
        is_bot: false,
        first_name: "Telegram".into(),
        last_name: None,
        username: None,
        language_code: None,
        is_premium: false,
        added_to_attachment_menu: false,
    };
    let migrating = msg.migrate_to_chat_id().is_some() || msg.migrate_from_chat_id().is_some();
    let from = match msg.from.as_ref() {
        Some(u) if !u.is_bot || migrating => u,
        None if migrating => &service,
        _ => return Ok(()),
    };
    let Some(chat) = chat_ref(&msg.chat) else {
        return Ok(());
    };
    let content = if let Some(origin) = msg.forward_origin() {
        use teloxide::types::MessageOrigin;
        let (author_id, origin_chat) = match origin {
            MessageOrigin::User { sender_user, .. } => (Some(sender_user.id.0 as i64), None),
            MessageOrigin::Chat { sender_chat, .. } => (None, Some(sender_chat.id.0)),
            MessageOrigin::Channel { chat, .. } => (None, Some(chat.id.0)),
            MessageOrigin::HiddenUser { .. } => (None, None),
        };
        Content::Forwarded {
            text: msg.text().or(msg.caption()).map(str::to_string),
            author_id,
            origin_chat,
        }
    } else if let Some(t) = msg.text() {
        let t = with_reply_target(t, &msg);
        match msg.reply_to_message() {
            // A reply in a group is about what it quotes: the bot's card or a member's post.
            Some(quoted) if matches!(chat, ChatRef::Group { .. }) => Content::Reply {
                text: t,
                to: ReplyTo {
                    from_bot: quoted.from.as_ref().is_some_and(|u| u.id == me.id),
                    message_id: Some(i64::from(quoted.id.0)),
                    author_id: quoted.from.as_ref().map(|u| u.id.0 as i64),
                    text: quoted.text().or(quoted.caption()).map(str::to_string),
                },
            },
            _ => Content::Text(t),
        }
    } else if let Some(sizes) = msg.photo() {
        Content::Photo {
            caption: msg.caption().map(str::to_string),
            file_id: sizes
                .iter()
                .max_by_key(|p| p.width * p.height)
                .map(|p| p.file.id.to_string())
                .unwrap_or_default(),
        }
    } else if let Some(to) = msg.migrate_to_chat_id() {
        Content::Migrated {
            from: msg.chat.id.0,
            to: to.0,
        }
    } else if let Some(from) = msg.migrate_from_chat_id() {
        Content::Migrated {
            from: from.0,
            to: msg.chat.id.0,
        }
    } else if let Some(joined) = msg.new_chat_members() {
        Content::Joined(joined.iter().filter(|u| !u.is_bot).map(person).collect())
    } else {
        Content::Other
    };
    // `/setup` is for the group's administrators: ask Telegram who they are right now.
    if let (ChatRef::Group { chat_id, title }, Content::Text(t)) = (&chat, &content) {
        if is_setup(t) {
            refresh_admins(&bot, &engine, *chat_id, title).await;
        }
    }
    let inc = Incoming {
        message_id: Some(i64::from(msg.id.0)),
        key: format!("tg:{}", update.id.0),
        chat,
        from: person(from),
        content,
        at: engine.clock.now(),
    };
    handle(&bot, &engine, &sender, &me, inc).await
}

fn is_setup(text: &str) -> bool {
    use crate::engine::kernel::command::{self, Command};
    command::split(text.trim()).is_some_and(|w| Command::parse(&w.name) == Some(Command::Setup))
}

/// Asks Telegram who administers group `chat_id` and records it (the whole list).
async fn refresh_admins(bot: &Bot, engine: &Engine, chat_id: i64, title: &str) {
    match bot.get_chat_administrators(ChatId(chat_id)).await {
        Ok(admins) => {
            let people: Vec<Person> = admins
                .iter()
                .filter(|a| !a.user.is_bot)
                .map(|a| person(&a.user))
                .collect();
            if let Err(e) = engine
                .note_group_admins(chat_id, title, &people, true)
                .await
            {
                tracing::warn!(chat_id, error = %e, "could not record the group's administrators");
            }
        }
        Err(e) => {
            tracing::warn!(chat_id, error = %e, "could not ask Telegram for the group's administrators")
        }
    }
}

/// Every hour, asks Telegram who administers each group (they hear what is escalated where a
/// community has no social worker). Instances share the round: each minute one claims up to
/// `ADMIN_CHECKS_PER_MINUTE` groups not asked within the hour. When a round is done for the
/// first time, one line says how many communities nobody would hear.
async fn run_admins(bot: &Bot, engine: &Engine) {
    const ADMIN_CHECKS_PER_MINUTE: i64 = 300;
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    let mut said = false;
    loop {
        tick.tick().await;
        let chats = match engine
            .claim_admin_checks(3600, ADMIN_CHECKS_PER_MINUTE)
            .await
        {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "could not list the groups to ask about");
                continue;
            }
        };
        for (chat_id, title) in &chats {
            refresh_admins(bot, engine, *chat_id, title).await;
        }
        if chats.is_empty() && !std::mem::replace(&mut said, true) {
            match engine.unreachable_communities().await {
                Ok(list) if list.is_empty() => {}
                Ok(list) => {
                    let some: Vec<&str> = list.iter().take(5).map(|(_, t)| t.as_str()).collect();
                    tracing::warn!(
                        communities = list.len(),
                        examples = %some.join(", "),
                        "communities with no social worker and no group administrator: reports, disputes and requests for help there reach nobody; name workers in bot.toml or send /setup in the group"
                    );
                }
                Err(e) => tracing::warn!(error = %e, "could not check who hears escalations"),
            }
        }
    }
}

async fn on_callback(
    bot: Bot,
    update: Update,
    q: CallbackQuery,
    engine: Arc<Engine>,
    sender: Arc<Sender>,
    me: Me,
) -> anyhow::Result<()> {
    let chat = q
        .message
        .as_ref()
        .and_then(|m| chat_ref(m.chat()))
        .unwrap_or(ChatRef::Private);
    let content = Content::Button {
        query_id: q.id.0.clone(),
        data: q.data.clone().unwrap_or_default(),
    };
    let inc = Incoming {
        message_id: None,
        key: format!("tg:{}", update.id.0),
        chat,
        from: person(&q.from),
        content,
        at: engine.clock.now(),
    };
    handle(&bot, &engine, &sender, &me, inc).await
}

/// Runs the engine and delivers this update's messages at once (the fast path); the
/// background sender picks up anything left.
async fn handle(
    bot: &Bot,
    engine: &Engine,
    sender: &Sender,
    me: &Me,
    inc: Incoming,
) -> anyhow::Result<()> {
    let transport = TelegramTransport {
        bot: bot.clone(),
        username: me.username().to_string(),
    };
    match engine.handle_grouped(&inc).await {
        // A webhook's post is answered once committed: the messages go in the background.
        Ok(h) if sender.answers_first() => sender.deliver_soon(transport, h.outbox_ids),
        Ok(h) => {
            sender.deliver_ids(&transport, &h.outbox_ids).await?;
        }
        Err(e) => {
            tracing::error!(error = %e, key = %inc.key, "update failed; nothing was changed");
            let text = engine.i18n.t(engine.default_locale, "err-internal", &[]);
            match &inc.content {
                Content::Button { query_id, .. } => {
                    let _ = bot
                        .answer_callback_query(CallbackQueryId(query_id.clone()))
                        .text(text)
                        .show_alert(true)
                        .await;
                }
                _ => {
                    let chat = match &inc.chat {
                        ChatRef::Group { chat_id, .. } => *chat_id,
                        ChatRef::Private => inc.from.id,
                    };
                    let _ = bot.send_message(ChatId(chat), text).await;
                }
            }
        }
    }
    Ok(())
}

/// Updates of one chat run one after another, as teloxide does by default; a poll answer has
/// no chat, so a voter's answers run in order by the voter (a quick change of mind is never
/// overtaken by the vote it replaces).
pub fn in_order(update: &Update) -> Option<i64> {
    use teloxide::types::UpdateKind;
    match &update.kind {
        UpdateKind::PollAnswer(a) => match &a.voter {
            MaybeAnonymousUser::User(u) => Some(u.id.0 as i64),
            MaybeAnonymousUser::Chat(c) => Some(c.id.0),
        },
        _ => update.chat().map(|c| c.id.0),
    }
}

/// Runs what is due every 20 seconds (points expiry once an hour); each instance has its own
/// lease owner name.
async fn run_ticker(engine: &Engine) {
    let owner = format!(
        "{}:{}",
        std::env::var("HOSTNAME").unwrap_or_else(|_| "linli".into()),
        std::process::id()
    );
    let mut ticker = crate::jobs::Ticker::new(owner, 3600);
    let mut tick = tokio::time::interval(Duration::from_secs(20));
    loop {
        tick.tick().await;
        if let Err(e) = ticker.tick(engine).await {
            tracing::warn!(error = %e, "periodic pass failed; will try again");
        }
    }
}

/// `linli run`: updates in (long polling, or a webhook), the outbox sender, the scheduler and
/// the hourly refresh of group administrators, until SIGTERM or Ctrl-C; then no more updates
/// are taken and what is in the outbox is sent for up to `telegram.drain_seconds`.
pub async fn run(engine: Arc<Engine>, bot: Bot, me: Me) -> anyhow::Result<()> {
    let limiter = crate::jobs::sender::Limiter::new(&engine.cfg.telegram);
    let sender = Sender::new(engine.store.clone(), engine.clock.clone(), Some(limiter));
    let sender = Arc::new(if engine.cfg.telegram.mode == "webhook" {
        sender.answering_first()
    } else {
        sender
    });
    let poll = Duration::from_millis(engine.cfg.telegram.outbox_poll_ms);
    let transport = TelegramTransport {
        bot: bot.clone(),
        username: me.username().to_string(),
    };
    if engine.store.backend() == crate::store::Backend::Sqlite {
        // One process per SQLite file: what a crashed run was sending is this run's to send.
        let mut c = engine.store.conn().await?;
        let n = crate::store::outbox::release_all_leases(&mut c).await?;
        if n > 0 {
            tracing::info!(
                n,
                "messages the last run was sending when it stopped will be sent again"
            );
        }
    }
    let stop = shutdown_signal();
    tokio::pin!(stop);
    let updates = async {
        if engine.cfg.telegram.mode == "webhook" {
            webhook::serve(engine.clone(), sender.clone(), bot.clone(), me.clone()).await
        } else {
            poll_as_leader(&engine, &sender, &bot, &me).await
        }
    };
    tokio::select! {
        r = updates => r?,
        r = sender.run(&transport, poll) => r?,
        _ = run_ticker(&engine) => {},
        _ = run_admins(&bot, &engine) => {},
        _ = &mut stop => tracing::info!("stopping: no more updates are taken"),
    }
    let drain_for = Duration::from_secs(engine.cfg.telegram.drain_seconds);
    if !sender.finish_soon(drain_for).await {
        tracing::warn!("messages still being sent when the drain time ran out");
    }
    let sent = drain(&sender, &transport, engine.cfg.telegram.drain_seconds).await;
    tracing::info!(sent, "outbox drained; Linli stopped");
    Ok(())
}

/// Asks Telegram who the bot is, at start-up. A refused token stops with one clear line; a
/// network error (the service started before the network, Telegram unreachable) is retried
/// with back-off, 1 s doubling to a minute, and logged, until Telegram answers.
pub async fn get_me_patiently(bot: &Bot, api_url: &str) -> anyhow::Result<Me> {
    let mut wait = Duration::from_secs(1);
    let mut tries = 0u32;
    loop {
        tries += 1;
        match bot.get_me().await {
            Ok(me) => return Ok(me),
            Err(RequestError::Api(ApiError::InvalidToken)) => anyhow::bail!(
                "Telegram refused the token (401 Unauthorized, or no bot at {api_url}): check TELOXIDE_TOKEN, from @BotFather"
            ),
            Err(RequestError::RetryAfter(s)) => wait = s.duration().max(wait),
            Err(e) => {
                tracing::warn!(error = %e, tries, retry_in_secs = wait.as_secs(), "cannot reach Telegram yet; trying again");
            }
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(Duration::from_secs(60));
    }
}

/// SIGTERM (a service manager stopping the bot) or Ctrl-C.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {},
                    _ = tokio::signal::ctrl_c() => {},
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Sends what is due in the outbox until nothing is left to send now, or `secs` have passed.
/// Returns how many messages went out.
pub async fn drain(sender: &Sender, transport: &TelegramTransport, secs: u64) -> usize {
    let mut sent = 0;
    let until = tokio::time::Instant::now() + Duration::from_secs(secs);
    while tokio::time::Instant::now() < until {
        match tokio::time::timeout_at(until, sender.deliver_due(transport)).await {
            Ok(Ok(0)) => break,
            Ok(Ok(n)) => sent += n,
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "outbox pass failed while stopping");
                break;
            }
            Err(_) => break,
        }
    }
    sent
}

/// Long polling, by the one instance that holds the lead (several instances on one
/// PostgreSQL database: the others wait, sending and scheduling meanwhile, and take over
/// within seconds when the leader dies).
async fn poll_as_leader(
    engine: &Arc<Engine>,
    sender: &Arc<Sender>,
    bot: &Bot,
    me: &Me,
) -> anyhow::Result<()> {
    let mut waiting_said = false;
    loop {
        let Some(mut lead) = crate::store::leader::try_lead(&engine.store).await? else {
            if !std::mem::replace(&mut waiting_said, true) {
                tracing::info!("another instance polls Telegram; this one sends and schedules, and takes over if it stops");
            }
            tokio::time::sleep(Duration::from_secs(5)).await;
            continue;
        };
        waiting_said = false;
        tracing::info!("polling Telegram for updates");
        // Telegram may still deliver to a webhook set earlier: polling needs it gone.
        if let Err(e) = bot.delete_webhook().await {
            tracing::warn!(error = %e, "could not remove a webhook; polling may fail");
        }
        let mut offset: Option<i32> = None;
        // The lead lasts as long as its connection: when it drops, another may poll.
        while lead.holds().await {
            let mut req = bot
                .get_updates()
                .timeout(10)
                .allowed_updates(webhook::ALLOWED);
            if let Some(o) = offset {
                req = req.offset(o);
            }
            let updates = match req.await {
                Ok(u) => u,
                Err(RequestError::RetryAfter(s)) => {
                    tokio::time::sleep(s.duration()).await;
                    continue;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "getUpdates failed; trying again");
                    tokio::time::sleep(Duration::from_secs(2)).await;
                    continue;
                }
            };
            let next = updates.iter().map(|u| u.id.0 as i32 + 1).max();
            handle_batch(engine, sender, bot, me, updates).await;
            // Confirmed to Telegram only now, with the next call: a crash before this point
            // has the batch delivered again, and what was already committed is skipped.
            if next.is_some() {
                offset = next;
            }
        }
        tracing::warn!("lost the polling lead (database connection); stopping polling");
    }
}

/// One batch of updates: each chat's (or voter's) in order, different chats side by side.
async fn handle_batch(
    engine: &Arc<Engine>,
    sender: &Arc<Sender>,
    bot: &Bot,
    me: &Me,
    updates: Vec<Update>,
) {
    let mut lanes: Vec<(Option<i64>, Vec<Update>)> = Vec::new();
    for u in updates {
        let key = in_order(&u);
        match lanes.iter_mut().find(|(k, _)| k.is_some() && *k == key) {
            Some((_, lane)) => lane.push(u),
            None => lanes.push((key, vec![u])),
        }
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (_, lane) in lanes {
        let (engine, sender, bot, me) = (engine.clone(), sender.clone(), bot.clone(), me.clone());
        tasks.spawn(async move {
            for update in lane {
                let _ = dispatch_update(&engine, &sender, &bot, &me, update).await;
            }
        });
    }
    while tasks.join_next().await.is_some() {}
}

/// Runs one update through the handlers (as the webhook does): Err when it was not committed.
pub async fn dispatch_update(
    engine: &Arc<Engine>,
    sender: &Arc<Sender>,
    bot: &Bot,
    me: &Me,
    update: Update,
) -> anyhow::Result<()> {
    let deps = dptree::deps![
        update,
        bot.clone(),
        me.clone(),
        engine.clone(),
        sender.clone()
    ];
    match schema().dispatch(deps).await {
        std::ops::ControlFlow::Break(Err(e)) => {
            tracing::error!(error = %e, "update failed");
            Err(e)
        }
        _ => Ok(()),
    }
}

/// `/addworker` or `/removeworker` sent as a reply names the member replied to: the adapter
/// adds their numeric id, the way the command is written by hand.
fn with_reply_target(text: &str, msg: &Message) -> String {
    use crate::engine::kernel::command::{self, Command};
    let t = text.trim();
    let bare = command::split(t).is_some_and(|w| {
        w.args.is_empty()
            && matches!(
                Command::parse(&w.name),
                Some(Command::AddWorker | Command::RemoveWorker)
            )
    });
    match msg.reply_to_message().and_then(|m| m.from.as_ref()) {
        Some(u) if bare && !u.is_bot => format!("{t} {}", u.id.0),
        _ => text.to_string(),
    }
}
