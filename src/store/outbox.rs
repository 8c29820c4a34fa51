//! The outbox: every message the bot will send, written in the transaction of the update that
//! caused it, then taken row by row by a sender (see `jobs::sender`).

use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

use super::{opt_i64, StoreError, StoreResult};

/// What to do with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Send a new message.
    Send,
    /// Replace the text and buttons of the message sent by row `edit_of`.
    Edit,
    /// Answer a button press (a small notice, or an alert box).
    Answer,
    /// A native poll: the text is its question, the buttons' labels its options.
    Poll,
    /// Close the native poll sent by row `edit_of` (no more votes).
    StopPoll,
    /// A reaction (the text, an emoji) on the chat's message `react_to`.
    React,
}

impl Op {
    fn as_str(self) -> &'static str {
        match self {
            Op::Send => "send",
            Op::Edit => "edit",
            Op::Answer => "answer",
            Op::Poll => "poll",
            Op::StopPoll => "stop_poll",
            Op::React => "react",
        }
    }
    fn parse(s: &str) -> Option<Op> {
        match s {
            "send" => Some(Op::Send),
            "edit" => Some(Op::Edit),
            "answer" => Some(Op::Answer),
            "poll" => Some(Op::Poll),
            "stop_poll" => Some(Op::StopPoll),
            "react" => Some(Op::React),
            _ => None,
        }
    }
}

/// A button under a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub label: String,
    /// Opaque token looked up in `callbacks` when pressed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cb: Option<String>,
    /// Deep-link payload: the button opens a private chat with the bot (`/start PAYLOAD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// A link the button opens (`tg://user?id=N`: a chat with that member).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Button {
    pub fn callback(label: impl Into<String>, token: String) -> Button {
        Button {
            label: label.into(),
            cb: Some(token),
            start: None,
            url: None,
        }
    }
    /// A big key of the reply keyboard under the typing field: pressing it sends its label.
    pub fn key(label: impl Into<String>) -> Button {
        Button {
            label: label.into(),
            cb: None,
            start: None,
            url: None,
        }
    }
    pub fn is_key(&self) -> bool {
        self.cb.is_none() && self.start.is_none() && self.url.is_none()
    }
    /// A button that opens a private chat with member `id` (Telegram's `tg://user?id=`).
    pub fn chat_with(label: impl Into<String>, id: i64) -> Button {
        Button {
            label: label.into(),
            cb: None,
            start: None,
            url: Some(format!("tg://user?id={id}")),
        }
    }
    pub fn start_link(label: impl Into<String>, payload: impl Into<String>) -> Button {
        Button {
            label: label.into(),
            cb: None,
            start: Some(payload.into()),
            url: None,
        }
    }
}

/// A message to send, as the engine decides it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutMsg {
    pub chat_id: i64,
    pub op: Op,
    pub text: String,
    /// Rows of buttons.
    pub buttons: Vec<Vec<Button>>,
    pub edit_of: Option<i64>,
    pub callback_id: Option<String>,
    pub alert: bool,
    /// Wait until this member opens a private chat with the bot.
    pub hold_for: Option<i64>,
    /// Not before this time (quiet hours); `None`: at once.
    pub not_before: Option<i64>,
    /// Photos (transport file ids, `qr:PAYLOAD`, or `file:ID` of a stored file) sent as an
    /// album before the text.
    pub photos: Vec<String>,
    /// Stored files (`store::files`) sent as documents before the text.
    pub documents: Vec<i64>,
    /// Longest text, in lines, one message may have (simple mode); a longer text is sent as
    /// several messages, the buttons under the last. Not stored.
    pub max_lines: Option<usize>,
    /// A reaction's message (the chat's own message id).
    pub react_to: Option<i64>,
}

impl OutMsg {
    pub fn send(chat_id: i64, text: String, buttons: Vec<Vec<Button>>) -> OutMsg {
        OutMsg {
            chat_id,
            op: Op::Send,
            text,
            buttons,
            edit_of: None,
            callback_id: None,
            alert: false,
            hold_for: None,
            not_before: None,
            photos: Vec::new(),
            documents: Vec::new(),
            max_lines: None,
            react_to: None,
        }
    }
    pub fn edit(chat_id: i64, of: i64, text: String, buttons: Vec<Vec<Button>>) -> OutMsg {
        OutMsg {
            edit_of: Some(of),
            op: Op::Edit,
            ..OutMsg::send(chat_id, text, buttons)
        }
    }
    /// A native poll: `question` with these options (labels only).
    pub fn poll(chat_id: i64, question: String, options: &[String]) -> OutMsg {
        OutMsg {
            op: Op::Poll,
            ..OutMsg::send(
                chat_id,
                question,
                vec![options.iter().map(Button::key).collect()],
            )
        }
    }
    /// A reaction (`emoji`) on message `message_id` of the chat.
    pub fn react(chat_id: i64, message_id: i64, emoji: &str) -> OutMsg {
        OutMsg {
            op: Op::React,
            react_to: Some(message_id),
            ..OutMsg::send(chat_id, emoji.to_string(), Vec::new())
        }
    }
    pub fn answer(chat_id: i64, callback_id: String, text: String, alert: bool) -> OutMsg {
        OutMsg {
            callback_id: Some(callback_id),
            alert,
            op: Op::Answer,
            ..OutMsg::send(chat_id, text, Vec::new())
        }
    }
}

/// A row taken for sending.
#[derive(Debug, Clone)]
pub struct OutRow {
    pub id: i64,
    pub msg: OutMsg,
    pub attempts: i64,
    pub created_at: i64,
    /// The stored files its documents and `file:ID` photos name, read when it was taken.
    pub files: Vec<super::files::StoredFile>,
}

impl OutRow {
    /// A stored file this row names.
    pub fn file(&self, id: i64) -> Option<&super::files::StoredFile> {
        self.files.iter().find(|f| f.id == id)
    }
}

/// Writes a message to send; returns the id of its (last) row.
pub async fn enqueue(
    c: &mut AnyConnection,
    m: &OutMsg,
    update_key: Option<&str>,
    now: i64,
) -> StoreResult<i64> {
    let ids = enqueue_all(c, m, update_key, now).await?;
    Ok(*ids.last().expect("at least one row"))
}

/// Writes a message to send, split into several rows when it is longer than `max_lines`;
/// returns every row's id in sending order.
pub async fn enqueue_all(
    c: &mut AnyConnection,
    m: &OutMsg,
    update_key: Option<&str>,
    now: i64,
) -> StoreResult<Vec<i64>> {
    let mut ids = Vec::new();
    for part in split_lines(m) {
        ids.push(enqueue_one(c, &part, update_key, now).await?);
    }
    Ok(ids)
}

/// A `send` longer than its `max_lines`, as several messages: photos on the first, buttons
/// on the last.
pub fn split_lines(m: &OutMsg) -> Vec<OutMsg> {
    split_by_lines(m).iter().flat_map(fit_telegram).collect()
}

/// Telegram refuses a text longer than 4,096 characters: a longer message is sent as several,
/// cut between lines (photos and documents on the first, buttons under the last); an edit,
/// which must stay one message, is shortened.
const MAX_CHARS: usize = 4000;

fn fit_telegram(m: &OutMsg) -> Vec<OutMsg> {
    if m.text.chars().count() <= MAX_CHARS {
        return vec![m.clone()];
    }
    if m.op != Op::Send {
        let mut short: String = m.text.chars().take(MAX_CHARS - 1).collect();
        short.push('…');
        return vec![OutMsg {
            text: short,
            ..m.clone()
        }];
    }
    let mut chunks: Vec<String> = vec![String::new()];
    for line in m.text.lines() {
        for piece in line
            .chars()
            .collect::<Vec<_>>()
            .chunks(MAX_CHARS)
            .map(|c| c.iter().collect::<String>())
        {
            let last = chunks.last_mut().expect("a chunk");
            if last.chars().count() + piece.chars().count() + 1 > MAX_CHARS && !last.is_empty() {
                chunks.push(piece);
            } else {
                if !last.is_empty() {
                    last.push('\n');
                }
                last.push_str(&piece);
            }
        }
    }
    parts(m, chunks)
}

/// `m` sent as several messages with these texts: photos and documents on the first, buttons
/// under the last.
fn parts(m: &OutMsg, chunks: Vec<String>) -> Vec<OutMsg> {
    let n = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, text)| OutMsg {
            text,
            buttons: if i + 1 == n {
                m.buttons.clone()
            } else {
                Vec::new()
            },
            photos: if i == 0 { m.photos.clone() } else { Vec::new() },
            documents: if i == 0 {
                m.documents.clone()
            } else {
                Vec::new()
            },
            ..m.clone()
        })
        .collect()
}

/// Simple mode's `max_lines`: a longer text as several messages.
fn split_by_lines(m: &OutMsg) -> Vec<OutMsg> {
    let lines: Vec<&str> = m.text.lines().filter(|l| !l.trim().is_empty()).collect();
    let max = match m.max_lines {
        Some(max) if m.op == Op::Send && lines.len() > max && max > 0 => max,
        _ => return vec![m.clone()],
    };
    let chunks: Vec<String> = lines.chunks(max).map(|c| c.join("\n")).collect();
    parts(m, chunks)
}

async fn enqueue_one(
    c: &mut AnyConnection,
    m: &OutMsg,
    update_key: Option<&str>,
    now: i64,
) -> StoreResult<i64> {
    let buttons =
        serde_json::to_string(&m.buttons).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let status = if m.hold_for.is_some() {
        "held"
    } else {
        "pending"
    };
    let id = sqlx::query_scalar(
        "INSERT INTO outbox (update_key, chat_id, op, text, buttons, edit_of, callback_id, alert, hold_for, status, not_before, created_at, photos, documents, react_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(update_key)
    .bind(m.chat_id)
    .bind(m.op.as_str())
    .bind(&m.text)
    .bind(buttons)
    .bind(m.edit_of)
    .bind(m.callback_id.as_deref())
    .bind(m.alert as i64)
    .bind(m.hold_for)
    .bind(status)
    .bind(m.not_before.unwrap_or(now).max(now))
    .bind(now)
    .bind(serde_json::to_string(&m.photos).map_err(|e| StoreError::Corrupt(e.to_string()))?)
    .bind(serde_json::to_string(&m.documents).map_err(|e| StoreError::Corrupt(e.to_string()))?)
    .bind(m.react_to)
    .fetch_one(&mut *c)
    .await?;
    Ok(id)
}

const ROW_COLS: &str =
    "id, chat_id, op, text, buttons, edit_of, callback_id, alert, hold_for, attempts, created_at, photos, documents, react_to";

fn row_from(r: &sqlx::any::AnyRow) -> StoreResult<OutRow> {
    let op: String = r.try_get("op")?;
    let buttons: String = r.try_get("buttons")?;
    let photos: String = r.try_get("photos")?;
    let documents: String = r.try_get("documents")?;
    Ok(OutRow {
        id: r.try_get("id")?,
        attempts: r.try_get("attempts")?,
        created_at: r.try_get("created_at")?,
        files: Vec::new(),
        msg: OutMsg {
            chat_id: r.try_get("chat_id")?,
            op: Op::parse(&op).ok_or_else(|| StoreError::Corrupt(format!("outbox op {op}")))?,
            text: r.try_get("text")?,
            buttons: serde_json::from_str(&buttons)
                .map_err(|e| StoreError::Corrupt(format!("outbox buttons: {e}")))?,
            edit_of: opt_i64(r, "edit_of")?,
            callback_id: r.try_get("callback_id")?,
            alert: r.try_get::<i64, _>("alert")? != 0,
            hold_for: opt_i64(r, "hold_for")?,
            not_before: None,
            photos: serde_json::from_str(&photos)
                .map_err(|e| StoreError::Corrupt(format!("outbox photos: {e}")))?,
            documents: serde_json::from_str(&documents)
                .map_err(|e| StoreError::Corrupt(format!("outbox documents: {e}")))?,
            max_lines: None,
            react_to: opt_i64(r, "react_to")?,
        },
    })
}

/// The rows a newer message to the same chat must wait for: one being sent, one due, or one
/// already tried (a 429 keeps the order). A message scheduled for later (quiet hours) does not
/// hold back an answer sent now.
fn blocking(now: &str) -> String {
    format!("status = 'sending' OR (status = 'pending' AND (not_before <= {now} OR attempts > 0))")
}

/// Ids of rows to try now, oldest first: the oldest unsent row of each chat (a newer one must
/// wait for it, so one busy chat cannot fill the batch), and every unsent button answer. Rows
/// not yet due are filtered out when taken.
pub async fn due_ids(c: &mut AnyConnection, now: i64, limit: i64) -> StoreResult<Vec<i64>> {
    let sql = format!(
        "SELECT MIN(id) FROM outbox WHERE op <> 'answer' AND ({}) GROUP BY chat_id
         UNION SELECT id FROM outbox WHERE op = 'answer' AND ((status = 'pending' AND not_before <= $1) OR (status = 'sending' AND lease_until < $1))",
        blocking("$1")
    );
    let mut ids: Vec<i64> = sqlx::query_scalar(&sql)
        .bind(now)
        .fetch_all(&mut *c)
        .await?;
    ids.sort_unstable();
    ids.truncate(limit as usize);
    Ok(ids)
}

/// Drops the edits of message row `of` not yet sent (a newer edit replaces them).
pub async fn drop_pending_edits(c: &mut AnyConnection, of: i64) -> StoreResult<u64> {
    Ok(sqlx::query(
        "UPDATE outbox SET status = 'dropped' WHERE op = 'edit' AND edit_of = $1 AND status = 'pending' AND attempts = 0",
    )
    .bind(of)
    .execute(&mut *c)
    .await?
    .rows_affected())
}

/// Takes row `id` for sending with a lease; `None` if it is not due or another sender has it.
pub async fn take(
    c: &mut AnyConnection,
    id: i64,
    now: i64,
    lease_secs: i64,
) -> StoreResult<Option<OutRow>> {
    let sql = format!(
        "UPDATE outbox SET status = 'sending', lease_until = $2, attempts = attempts + 1
         WHERE id = $1 AND ((status = 'pending' AND not_before <= $3) OR (status = 'sending' AND lease_until < $3))
         RETURNING {ROW_COLS}"
    );
    let row = sqlx::query(&sql)
        .bind(id)
        .bind(now + lease_secs)
        .bind(now)
        .fetch_optional(&mut *c)
        .await?;
    let Some(mut row) = row.as_ref().map(row_from).transpose()? else {
        return Ok(None);
    };
    let ids: Vec<i64> = (row.msg.documents.iter().copied())
        .chain(
            row.msg
                .photos
                .iter()
                .filter_map(|p| super::files::photo_file(p)),
        )
        .collect();
    for id in ids {
        if let Some(f) = super::files::get(c, id).await? {
            row.files.push(f);
        }
    }
    Ok(Some(row))
}

/// Rows a sender took but never finished, when no other sender can have them (one process on
/// a SQLite file, at its start): pending again at once, rather than after their lease.
pub async fn release_all_leases(c: &mut AnyConnection) -> StoreResult<u64> {
    Ok(sqlx::query(
        "UPDATE outbox SET status = 'pending', lease_until = NULL WHERE status = 'sending'",
    )
    .execute(&mut *c)
    .await?
    .rows_affected())
}

/// Puts a taken row back, to be tried again at `not_before`.
pub async fn retry_later(
    c: &mut AnyConnection,
    id: i64,
    not_before: i64,
    error: &str,
) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET status = 'pending', not_before = $2, lease_until = NULL, error = $3 WHERE id = $1")
        .bind(id)
        .bind(not_before)
        .bind(error)
        .execute(&mut *c)
        .await?;
    Ok(())
}

/// Returns a taken row untouched (it must wait for an earlier message); not an attempt.
pub async fn put_back(c: &mut AnyConnection, id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET status = 'pending', lease_until = NULL, attempts = attempts - 1 WHERE id = $1 AND status = 'sending'")
        .bind(id)
        .execute(&mut *c)
        .await?;
    Ok(())
}

/// Ends row `id` as sent, in one statement with what Telegram gave: the message id and, for
/// a poll, the poll's id (by which its answers come back).
pub async fn finish_sent(
    c: &mut AnyConnection,
    id: i64,
    message_id: Option<i64>,
    poll_id: Option<&str>,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_message_id = $2, poll_id = COALESCE($3, poll_id), error = NULL, lease_until = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(message_id)
    .bind(poll_id)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// The poll rows sent to `chats`, newest first: (outbox id, chat, Telegram's poll id, how
/// many options).
pub async fn sent_polls(
    c: &mut AnyConnection,
    chats: &[i64],
) -> StoreResult<Vec<(i64, i64, String, usize)>> {
    if chats.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = chats.iter().map(|c| c.to_string()).collect();
    let sql = format!(
        "SELECT id, chat_id, poll_id, buttons FROM outbox WHERE op = 'poll' AND status = 'sent' AND poll_id IS NOT NULL
           AND chat_id IN ({}) ORDER BY id DESC",
        list.join(", ")
    );
    let rows = sqlx::query(&sql).fetch_all(&mut *c).await?;
    rows.iter()
        .map(|r| {
            let b: String = r.try_get("buttons")?;
            let rows: Vec<Vec<Button>> =
                serde_json::from_str(&b).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            Ok((
                r.try_get("id")?,
                r.try_get("chat_id")?,
                r.try_get("poll_id")?,
                rows.iter().flatten().count(),
            ))
        })
        .collect()
}

/// Ends a row: `sent` (with the message id Telegram gave), `failed` or `dropped`.
pub async fn finish(
    c: &mut AnyConnection,
    id: i64,
    status: &str,
    message_id: Option<i64>,
    error: Option<&str>,
) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET status = $2, sent_message_id = $3, error = $4, lease_until = NULL WHERE id = $1")
        .bind(id)
        .bind(status)
        .bind(message_id)
        .bind(error)
        .execute(&mut *c)
        .await?;
    Ok(())
}

/// Holds a row until `member` opens a private chat (Telegram refused to start one).
pub async fn hold(c: &mut AnyConnection, id: i64, member: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'held', hold_for = $2, lease_until = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(member)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// Releases every row held for `member`; returns how many.
pub async fn release_held(c: &mut AnyConnection, member: i64, now: i64) -> StoreResult<u64> {
    Ok(sqlx::query("UPDATE outbox SET status = 'pending', hold_for = NULL, not_before = CASE WHEN not_before > $2 THEN not_before ELSE $2 END
         WHERE hold_for = $1 AND status = 'held'")
        .bind(member)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected())
}

/// Where the message of row `id` stands: its status and, once sent, Telegram's message id.
pub async fn sent_state(c: &mut AnyConnection, id: i64) -> StoreResult<(String, Option<i64>)> {
    let r = sqlx::query("SELECT status, sent_message_id FROM outbox WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *c)
        .await?;
    Ok((r.try_get("status")?, opt_i64(&r, "sent_message_id")?))
}

/// True when an older row to the same chat is still waiting: a newer one must not overtake it.
pub async fn has_older_unsent(
    c: &mut AnyConnection,
    chat_id: i64,
    id: i64,
    now: i64,
) -> StoreResult<bool> {
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM outbox WHERE chat_id = $1 AND id < $2
           AND status IN ('pending', 'sending') AND op <> 'answer' AND ({}) LIMIT 1) older",
        blocking("$3")
    );
    let n: i64 = sqlx::query_scalar(&sql)
        .bind(chat_id)
        .bind(id)
        .bind(now)
        .fetch_one(&mut *c)
        .await?;
    Ok(n > 0)
}

/// Every sent `send` row with its current text and buttons (after edits), oldest first.
/// The console uses it to find the message whose button a resident taps.
pub async fn shown_messages(
    c: &mut AnyConnection,
) -> StoreResult<Vec<(i64, i64, Vec<Vec<Button>>)>> {
    let rows = sqlx::query(
        "SELECT o.id, o.chat_id, COALESCE(
             (SELECT e.buttons FROM outbox e WHERE e.edit_of = o.id AND e.status = 'sent' ORDER BY e.id DESC LIMIT 1),
             o.buttons) AS buttons
         FROM outbox o WHERE o.op = 'send' AND o.status = 'sent' ORDER BY o.id",
    )
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            let b: String = r.try_get("buttons")?;
            Ok((
                r.try_get("id")?,
                r.try_get("chat_id")?,
                serde_json::from_str(&b).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            ))
        })
        .collect()
}

/// The inline buttons of the last `limit` messages shown to `chat_id` since `since` that had
/// any, newest first (a button's words typed may answer an older message: "同意" after a
/// newer rating prompt). Links and the big keys are left out.
pub async fn recent_buttons(
    c: &mut AnyConnection,
    chat_id: i64,
    since: i64,
    now: i64,
    limit: i64,
) -> StoreResult<Vec<Button>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT buttons FROM outbox WHERE chat_id = $1 AND op = 'send' AND buttons <> '[]'
           AND status <> 'held' AND not_before <= $2 AND created_at >= $3
         ORDER BY id DESC LIMIT $4",
    )
    .bind(chat_id)
    .bind(now)
    .bind(since)
    .bind(limit)
    .fetch_all(&mut *c)
    .await?;
    let mut out = Vec::new();
    for b in rows {
        let rows: Vec<Vec<Button>> =
            serde_json::from_str(&b).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        out.extend(rows.into_iter().flatten().filter(|b| b.cb.is_some()));
    }
    Ok(out)
}

/// Numbers the buttons that come back to the bot ("1 ✅ 同意", "2 婉拒"), in reading order, the
/// way a typed number presses them (`newest_buttons`): for a neighbour in simple mode, who
/// answers by typing the number. Labels already numbered, and messages whose buttons are the
/// big keys, are left as they are.
pub fn number_buttons(rows: &mut [Vec<Button>]) {
    let pressable = || rows.iter().flatten().filter(|b| b.url.is_none());
    // "1 …", "1. 毛线手套", "1⭐": a label that opens with a digit says its number already.
    let numbered = |b: &Button| b.label.starts_with(|c: char| c.is_ascii_digit());
    if pressable().next().is_none()
        || !pressable().all(|b| b.cb.is_some())
        || pressable().any(numbered)
    {
        return;
    }
    let mut n = 0;
    for b in rows.iter_mut().flatten().filter(|b| b.url.is_none()) {
        n += 1;
        b.label = format!("{n} {}", b.label);
    }
}

/// The buttons under the newest message shown to `chat_id` since `since` that has any: its
/// inline buttons, in reading order, or nothing when that message carries reply-keyboard keys
/// (the main menu's) instead.
pub async fn newest_buttons(
    c: &mut AnyConnection,
    chat_id: i64,
    since: i64,
    now: i64,
) -> StoreResult<Vec<Button>> {
    let buttons: Option<String> = sqlx::query_scalar(
        "SELECT buttons FROM outbox WHERE chat_id = $1 AND op = 'send'
           AND status <> 'held' AND not_before <= $2 AND created_at >= $3
         ORDER BY id DESC LIMIT 1",
    )
    .bind(chat_id)
    .bind(now)
    .bind(since)
    .fetch_optional(&mut *c)
    .await?;
    let rows: Vec<Vec<Button>> = match buttons {
        Some(b) => serde_json::from_str(&b).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        None => return Ok(Vec::new()),
    };
    // Links open a chat elsewhere: only the buttons that come back to the bot count.
    let flat: Vec<Button> = rows
        .into_iter()
        .flatten()
        .filter(|b| b.url.is_none())
        .collect();
    Ok(if flat.iter().all(|b| b.cb.is_some()) {
        flat
    } else {
        Vec::new()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_between_lines_and_an_edit_is_shortened() {
        let line = "名".repeat(30);
        let text = vec![line.as_str(); 300].join("\n");
        let mut m = OutMsg::send(1, text, vec![vec![Button::key("ok")]]);
        m.documents = vec![7];
        let parts = split_lines(&m);
        assert!(parts.len() >= 3, "{}", parts.len());
        assert!(parts.iter().all(|p| p.text.chars().count() <= MAX_CHARS));
        assert_eq!(
            parts.iter().map(|p| p.text.lines().count()).sum::<usize>(),
            300
        );
        assert_eq!(parts[0].documents, vec![7]);
        assert!(parts.last().unwrap().buttons.len() == 1 && parts[0].buttons.is_empty());
        let e = OutMsg::edit(1, 5, m.text.clone(), Vec::new());
        let parts = split_lines(&e);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].text.chars().count(), MAX_CHARS);
    }
}

/// How a chat's sends are paced across instances: the gap after each send, and for a group
/// the spacing and allowance of its per-minute limit (a cell-rate algorithm: `tau_ms` is how
/// far ahead of its schedule a burst may run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    pub gap_ms: i64,
    pub every_ms: i64,
    pub tau_ms: i64,
}

/// The database's clock in milliseconds, and its many-argument maximum, as SQL.
fn clock_sql(backend: super::Backend) -> (&'static str, &'static str) {
    match backend {
        super::Backend::Sqlite => (
            "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)",
            "max",
        ),
        super::Backend::Postgres => (
            "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)",
            "GREATEST",
        ),
    }
}

/// Reserves the next moment `chat_id` may get a message, shared by every instance on the
/// database, and returns how many milliseconds from now that is. One statement on the
/// database's clock: two instances never get the same slot, whatever their own clocks say.
/// With `within_ms`, a slot further away than that is not reserved (None).
pub async fn reserve_slot(
    c: &mut AnyConnection,
    backend: super::Backend,
    chat_id: i64,
    pace: Pace,
    within_ms: Option<i64>,
) -> StoreResult<Option<i64>> {
    Ok(reserve_slot_at(c, backend, chat_id, pace, within_ms)
        .await?
        .map(|(wait, _)| wait))
}

/// [`reserve_slot`], with the slot itself (milliseconds on the database's clock) after the
/// wait.
pub async fn reserve_slot_at(
    c: &mut AnyConnection,
    backend: super::Backend,
    chat_id: i64,
    pace: Pace,
    within_ms: Option<i64>,
) -> StoreResult<Option<(i64, i64)>> {
    let (now, max) = clock_sql(backend);
    let slot = format!("{max}(excluded.at_ms, send_pace.next_ms, send_pace.tat_ms - $4)");
    let sql = format!(
        "INSERT INTO send_pace (chat_id, at_ms, next_ms, tat_ms)
           SELECT $1, n.ms, n.ms + $2, n.ms + $3 FROM (SELECT {now} AS ms) n WHERE 1 = 1
         ON CONFLICT (chat_id) DO UPDATE SET
           at_ms = excluded.at_ms,
           next_ms = {slot} + $2,
           tat_ms = {max}(send_pace.tat_ms, {slot}) + $3
         WHERE {slot} <= excluded.at_ms + $5
         RETURNING next_ms - $2 - at_ms, next_ms - $2"
    );
    let got: Option<(i64, i64)> = sqlx::query_as(&sql)
        .bind(chat_id)
        .bind(pace.gap_ms)
        .bind(pace.every_ms)
        .bind(pace.tau_ms)
        .bind(within_ms.unwrap_or(i64::MAX / 4))
        .fetch_optional(&mut *c)
        .await?;
    Ok(got.map(|(w, at)| (w.max(0), at)))
}

/// How many milliseconds from now `chat_id`'s next slot is (0 when free), without reserving
/// it: a sender waits this long before it takes its turn for the overall limit.
pub async fn slot_wait(
    c: &mut AnyConnection,
    backend: super::Backend,
    chat_id: i64,
    pace: Pace,
) -> StoreResult<i64> {
    let (now, max) = clock_sql(backend);
    let sql =
        format!("SELECT {max}(next_ms, tat_ms - $2) - {now} FROM send_pace WHERE chat_id = $1");
    let wait: Option<i64> = sqlx::query_scalar(&sql)
        .bind(chat_id)
        .bind(pace.tau_ms)
        .fetch_optional(&mut *c)
        .await?;
    Ok(wait.unwrap_or(0).max(0))
}

/// Forgets the pacing of chats that have had nothing for a while (before `before_ms`), at
/// most `chunk` of them.
pub async fn prune_pace(c: &mut AnyConnection, before_ms: i64, chunk: i64) -> StoreResult<u64> {
    Ok(sqlx::query(
        "DELETE FROM send_pace WHERE chat_id IN (
           SELECT chat_id FROM send_pace WHERE next_ms < $1 LIMIT $2)",
    )
    .bind(before_ms)
    .bind(chunk)
    .execute(&mut *c)
    .await?
    .rows_affected())
}
