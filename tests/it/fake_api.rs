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

/// One call the bot made: the method and its JSON body (`{}` for an upload).
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
}

#[derive(Clone, Default)]
pub struct FakeApi {
    calls: Arc<Mutex<Vec<Call>>>,
    next_id: Arc<Mutex<i64>>,
    /// Updates for getUpdates, and the offset the bot last confirmed (Telegram forgets the
    /// updates below it).
    updates: Arc<Mutex<Vec<Value>>>,
    confirmed: Arc<Mutex<i64>>,
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
    pub fn of(&self, method: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.method.eq_ignore_ascii_case(method))
            .collect()
    }
}

async fn answer(
    State(api): State<FakeApi>,
    Path((_token, method)): Path<(String, String)>,
    body: Bytes,
) -> ([(axum::http::HeaderName, &'static str); 1], String) {
    let body: Value = serde_json::from_slice(&body).unwrap_or(json!({}));
    if method.eq_ignore_ascii_case("getUpdates") {
        return reply(get_updates(&api, &body).await);
    }
    api.calls.lock().unwrap().push(Call {
        method: method.clone(),
        body: body.clone(),
    });
    let result = match method.to_lowercase().as_str() {
        "getme" => json!({
            "id": 4242, "is_bot": true, "first_name": "Linli", "username": "linli_test_bot",
            "can_join_groups": true, "can_read_all_group_messages": true,
            "supports_inline_queries": false, "can_connect_to_business": false,
            "has_main_web_app": false
        }),
        m if m.starts_with("send") => {
            let id = {
                let mut n = api.next_id.lock().unwrap();
                *n += 1;
                *n
            };
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
            msg
        }
        "getwebhookinfo" => {
            json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0})
        }
        _ => json!(true),
    };
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
