//! A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests: it answers the methods
//! the bot calls the way Telegram would (a message for each send, `true` for the rest) and
//! records every call, so a test sees exactly what went over the wire.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};

/// One call the bot made: the method and its JSON body (`{"raw": …}` for a multipart form).
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
    /// When it arrived, and whether it was refused with a 429.
    pub at: std::time::Instant,
    pub refused: bool,
    /// The message id the fake server gave a send.
    pub message_id: Option<i64>,
    /// The bot token in the call's path (several instances may be told apart by theirs).
    pub token: String,
}

#[derive(Clone, Default)]
pub struct FakeApi {
    calls: Arc<Mutex<Vec<Call>>>,
    next_id: Arc<Mutex<i64>>,
    /// Updates for getUpdates, and the offset the bot last confirmed (Telegram forgets the
    /// updates below it).
    updates: Arc<Mutex<Vec<Value>>>,
    confirmed: Arc<Mutex<i64>>,
    /// Every n-th send is refused with 429 `retry_after` 1 (0: never).
    refuse_every: Arc<Mutex<usize>>,
    /// getMe answers 401: the token is refused.
    refuse_token: Arc<Mutex<bool>>,
    /// Other faults on sends: every n-th answers 500; every n-th is taken and its connection
    /// then dropped with no answer; every answer waits this long.
    error_every: Arc<Mutex<usize>>,
    drop_every: Arc<Mutex<usize>>,
    slow_ms: Arc<Mutex<u64>>,
}

impl FakeApi {
    /// Starts the server; returns it and its base URL (for `Bot::set_api_url`).
    pub async fn start() -> (FakeApi, url::Url) {
        let api = FakeApi::default();
        let app = Router::new()
            .route("/{token}/{method}", post(answer))
            .with_state(api.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (
            api,
            url::Url::parse(&format!("http://127.0.0.1:{port}")).unwrap(),
        )
    }

    /// From now on: every `error`-th send answers 500, every `drop`-th is accepted and then its
    /// connection dropped (the bot never hears it went out), every answer takes `slow_ms`.
    pub fn faults(&self, error: usize, drop: usize, slow_ms: u64) {
        *self.error_every.lock().unwrap() = error;
        *self.drop_every.lock().unwrap() = drop;
        *self.slow_ms.lock().unwrap() = slow_ms;
    }

    /// From now on, getMe says the token is wrong (401 Unauthorized).
    pub fn refuse_token(&self) {
        *self.refuse_token.lock().unwrap() = true;
    }

    /// Starts on a given port (to appear after the bot has started trying).
    pub async fn start_on(port: u16) -> FakeApi {
        let api = FakeApi::default();
        let app = Router::new()
            .route("/{token}/{method}", post(answer))
            .with_state(api.clone());
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        api
    }

    /// From now on, every `n`-th send is refused: 429, retry after 1 s.
    pub fn refuse_every(&self, n: usize) {
        *self.refuse_every.lock().unwrap() = n;
    }

    /// Sends Telegram would have refused: more than 1 message a second to one chat, 20 a
    /// minute to one group, 30 a second in all (counted on the sends it accepted).
    pub fn violations(&self) -> usize {
        let sent: Vec<Call> = self
            .calls()
            .into_iter()
            .filter(|c| c.method.to_lowercase().starts_with("send") && !c.refused)
            .collect();
        let chat = |c: &Call| c.body["chat_id"].as_i64().unwrap_or_default();
        let within = |a: &Call, b: &Call, secs: f64| b.at.duration_since(a.at).as_secs_f64() < secs;
        let mut n = 0;
        for (i, c) in sent.iter().enumerate() {
            let later = &sent[i + 1..];
            // The next message to the same chat less than a second later (with a little
            // slack for the clock of two processes).
            if let Some(next) = later.iter().find(|d| chat(d) == chat(c)) {
                n += within(c, next, 0.9) as usize;
            }
            if chat(c) < 0 {
                let in_minute = later
                    .iter()
                    .filter(|d| chat(d) == chat(c) && within(c, d, 59.0))
                    .count();
                n += (in_minute >= 20) as usize;
            }
            n += (later.iter().filter(|d| within(c, d, 0.99)).count() >= 30) as usize;
        }
        n
    }

    /// The same count as `violations`, each with what it broke, in time linear in the sends
    /// (for load runs with tens of thousands of them): `(limit, chat)`, `limit` one of
    /// `"chat/s"`, `"group/min"`, `"global/s"` (chat 0).
    pub fn violation_list(&self) -> Vec<(&'static str, i64)> {
        let calls = self.calls.lock().unwrap();
        let sent: Vec<(i64, std::time::Instant)> = calls
            .iter()
            .filter(|c| c.method.to_lowercase().starts_with("send") && !c.refused)
            .map(|c| (c.body["chat_id"].as_i64().unwrap_or_default(), c.at))
            .collect();
        drop(calls);
        let gap = |a: std::time::Instant, b: std::time::Instant| b.duration_since(a).as_secs_f64();
        let mut out = Vec::new();
        let mut by_chat: std::collections::HashMap<i64, Vec<std::time::Instant>> =
            std::collections::HashMap::new();
        for (chat, at) in &sent {
            by_chat.entry(*chat).or_default().push(*at);
        }
        for (chat, times) in &by_chat {
            for (i, t) in times.iter().enumerate() {
                if times.get(i + 1).is_some_and(|next| gap(*t, *next) < 0.9) {
                    out.push(("chat/s", *chat));
                }
            }
            if *chat < 0 {
                // For each send, the later sends to the group within 59 s (a moving end):
                // `end - i - 1` of them, 20 or more too many.
                let mut end = 0;
                for (i, t) in times.iter().enumerate() {
                    end = end.max(i + 1);
                    while end < times.len() && gap(*t, times[end]) < 59.0 {
                        end += 1;
                    }
                    if end - i > 20 {
                        out.push(("group/min", *chat));
                    }
                }
            }
        }
        // The same for all sends within 0.99 s: 30 later ones or more too many.
        let mut end = 0;
        for (i, (_, t)) in sent.iter().enumerate() {
            end = end.max(i + 1);
            while end < sent.len() && gap(*t, sent[end].1) < 0.99 {
                end += 1;
            }
            if end - i > 30 {
                out.push(("global/s", 0));
            }
        }
        out
    }

    /// The calls from the `from`-th on (cheaper than `calls` for a poller that has seen the
    /// earlier ones).
    pub fn calls_since(&self, from: usize) -> Vec<Call> {
        let calls = self.calls.lock().unwrap();
        calls.get(from..).map(|c| c.to_vec()).unwrap_or_default()
    }

    /// Queues an update for long polling.
    pub fn push_update(&self, update: Value) {
        self.updates.lock().unwrap().push(update);
    }

    /// The offset the bot has confirmed with getUpdates: every update below it is consumed.
    pub fn confirmed(&self) -> i64 {
        *self.confirmed.lock().unwrap()
    }

    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }

    /// The calls of one method.
    /// The calls of one method that were accepted.
    pub fn of(&self, method: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.method.eq_ignore_ascii_case(method) && !c.refused)
            .collect()
    }
}

async fn answer(
    State(api): State<FakeApi>,
    Path((token, method)): Path<(String, String)>,
    body: Bytes,
) -> ([(axum::http::HeaderName, &'static str); 1], String) {
    // JSON, or a multipart form (an upload, setWebhook): then its raw text.
    let body: Value = serde_json::from_slice(&body)
        .unwrap_or_else(|_| json!({"raw": String::from_utf8_lossy(&body).to_string()}));
    if method.eq_ignore_ascii_case("getUpdates") {
        return reply(get_updates(&api, &body).await);
    }
    let is_send = method.to_lowercase().starts_with("send");
    // Counted only when a fault is asked for (a scan of every call: slow in a load run).
    let faults = [&api.refuse_every, &api.error_every, &api.drop_every]
        .iter()
        .any(|n| *n.lock().unwrap() > 0);
    let nth = if is_send && faults {
        api.calls
            .lock()
            .unwrap()
            .iter()
            .filter(|c| c.method.to_lowercase().starts_with("send"))
            .count()
            + 1
    } else {
        0
    };
    let every = |n: &Arc<Mutex<usize>>| {
        let n = *n.lock().unwrap();
        is_send && n > 0 && nth % n == 0
    };
    let refused = every(&api.refuse_every);
    let error = !refused && every(&api.error_every);
    let dropped = !refused && !error && every(&api.drop_every);
    let slow = *api.slow_ms.lock().unwrap();
    if slow > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(slow)).await;
    }
    api.calls.lock().unwrap().push(Call {
        method: method.clone(),
        body: body.clone(),
        at: std::time::Instant::now(),
        refused: refused || error,
        message_id: None,
        token,
    });
    if error {
        return (
            [(CONTENT_TYPE, "application/json")],
            json!({"ok": false, "error_code": 500, "description": "Internal Server Error"})
                .to_string(),
        );
    }
    if method.eq_ignore_ascii_case("getMe") && *api.refuse_token.lock().unwrap() {
        return (
            [(CONTENT_TYPE, "application/json")],
            json!({"ok": false, "error_code": 401, "description": "Unauthorized"}).to_string(),
        );
    }
    if refused {
        return (
            [(CONTENT_TYPE, "application/json")],
            json!({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 1",
                   "parameters": {"retry_after": 1}})
            .to_string(),
        );
    }
    let result = match method.to_lowercase().as_str() {
        "getme" => json!({
            "id": 4242, "is_bot": true, "first_name": "Linli", "username": "linli_test_bot",
            "can_join_groups": true, "can_read_all_group_messages": true,
            "supports_inline_queries": false, "can_connect_to_business": false,
            "has_main_web_app": false
        }),
        "getchatadministrators" => json!([]),
        m if m.starts_with("send") || m == "editmessagetext" => {
            let id = {
                let mut n = api.next_id.lock().unwrap();
                *n += 1;
                *n
            };
            if let Some(last) = api.calls.lock().unwrap().last_mut() {
                last.message_id = Some(id);
            }
            let chat_id = body["chat_id"].as_i64().unwrap_or_default();
            let chat = if chat_id < 0 {
                json!({"id": chat_id, "type": "supergroup", "title": "group"})
            } else {
                json!({"id": chat_id, "type": "private", "first_name": "someone"})
            };
            let mut msg = json!({
                "message_id": id, "date": 1_764_000_000, "chat": chat,
                "from": {"id": 4242, "is_bot": true, "first_name": "Linli"},
                "text": body["text"].as_str().unwrap_or_default()
            });
            if m == "sendpoll" {
                msg["poll"] = json!({
                    "id": format!("poll{id}"), "question": body["question"], "options": [],
                    "total_voter_count": 0, "is_closed": false, "is_anonymous": false,
                    "type": "regular", "allows_multiple_answers": false
                });
            }
            // An album is answered with its messages.
            if m == "sendmediagroup" {
                let n = body["media"].as_array().map_or(1, |a| a.len().max(1));
                return reply(Value::Array(vec![msg; n]));
            }
            msg
        }
        "getwebhookinfo" => {
            json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0})
        }
        _ => json!(true),
    };
    if dropped {
        // The message went out; the answer never reaches the bot.
        panic!("fake Bot API: connection dropped on purpose");
    }
    reply(result)
}

fn reply(result: Value) -> ([(axum::http::HeaderName, &'static str); 1], String) {
    (
        [(CONTENT_TYPE, "application/json")],
        json!({"ok": true, "result": result}).to_string(),
    )
}

/// Long polling as Telegram does it: `offset` confirms every update below it; the updates from
/// it on are returned, or, when there are none, the call waits (here at most a second).
async fn get_updates(api: &FakeApi, body: &Value) -> Value {
    let offset = body["offset"].as_i64().unwrap_or(0);
    {
        let mut c = api.confirmed.lock().unwrap();
        *c = (*c).max(offset);
    }
    let wait = body["timeout"].as_u64().unwrap_or(0).min(1) * 1000;
    let until = tokio::time::Instant::now() + std::time::Duration::from_millis(wait);
    loop {
        let confirmed = api.confirmed();
        let ready: Vec<Value> = api
            .updates
            .lock()
            .unwrap()
            .iter()
            .filter(|u| u["update_id"].as_i64().unwrap_or(0) >= confirmed)
            .take(100)
            .cloned()
            .collect();
        if !ready.is_empty() || tokio::time::Instant::now() >= until {
            return Value::Array(ready);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
