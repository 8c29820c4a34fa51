//! Webhook mode: Telegram posts each update to `telegram.webhook_url` (through a reverse proxy
//! that terminates HTTPS and forwards to `telegram.webhook_listen`), with the secret token of
//! `LINLI_WEBHOOK_SECRET` in the header `X-Telegram-Bot-Api-Secret-Token`.
//!
//! An update is answered `200 OK` only after the engine has committed it, so a crash before
//! the commit makes Telegram post it again (and a second post of a committed update is
//! skipped by its key): nothing is lost, nothing is applied twice. Updates of one chat (or of
//! one voter) are handled one after another; others in parallel. Several instances may sit
//! behind one proxy on one PostgreSQL database; each tells Telegram the same address at
//! start, and none removes it when it stops.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use secrecy::ExposeSecret;
use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, Me};

use super::in_order;
use crate::engine::Engine;
use crate::jobs::sender::Sender;

/// The updates the bot reads.
pub const ALLOWED: [AllowedUpdate; 4] = [
    AllowedUpdate::Message,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::PollAnswer,
    AllowedUpdate::MyChatMember,
];

/// What every request needs.
#[derive(Clone)]
pub struct Hook {
    engine: Arc<Engine>,
    sender: Arc<Sender>,
    bot: Bot,
    me: Me,
    secret: Arc<str>,
    /// One lock per chat (or voter): its updates run in the order they arrive.
    chats: Arc<Mutex<HashMap<i64, Arc<tokio::sync::Mutex<()>>>>>,
}

impl Hook {
    pub fn new(engine: Arc<Engine>, sender: Arc<Sender>, bot: Bot, me: Me, secret: &str) -> Hook {
        Hook {
            engine,
            sender,
            bot,
            me,
            secret: Arc::from(secret),
            chats: Arc::default(),
        }
    }
}

/// The routes: `POST path` takes an update.
pub fn router(hook: Hook, path: &str) -> Router {
    let path = if path.is_empty() { "/" } else { path };
    Router::new().route(path, post(receive)).with_state(hook)
}

/// Tells Telegram where to post, then serves until the process stops.
pub async fn serve(
    engine: Arc<Engine>,
    sender: Arc<Sender>,
    bot: Bot,
    me: Me,
) -> anyhow::Result<()> {
    let cfg = &engine.cfg.telegram;
    let secret = crate::config::webhook_secret().map_err(|e| anyhow::anyhow!("{e}"))?;
    let url = url::Url::parse(&cfg.webhook_url)?;
    let listen: SocketAddr = cfg.webhook_listen.parse()?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| anyhow::anyhow!("telegram.webhook_listen {listen}: {e}"))?;
    bot.set_webhook(url.clone())
        .secret_token(secret.expose_secret().to_string())
        .allowed_updates(ALLOWED)
        .await
        .map_err(|e| anyhow::anyhow!("Telegram refused the webhook {url}: {e}"))?;
    tracing::info!(%listen, %url, "waiting for Telegram's webhook posts");
    let hook = Hook::new(engine, sender, bot, me, secret.expose_secret());
    axum::serve(listener, router(hook, url.path())).await?;
    Ok(())
}

/// The same bytes, compared in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn receive(State(h): State<Hook>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers
        .get("x-telegram-bot-api-secret-token")
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !same(given, h.secret.as_bytes()) {
        return StatusCode::UNAUTHORIZED;
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(u) => u,
        Err(e) => {
            // Posting it again would not help: it is dropped, said in the log.
            tracing::warn!(error = %e, "an update the bot cannot read");
            return StatusCode::OK;
        }
    };
    let lock = in_order(&update).map(|key| {
        let mut chats = h.chats.lock().expect("chat locks");
        chats.entry(key).or_default().clone()
    });
    let _turn = match &lock {
        Some(l) => Some(l.lock().await),
        None => None,
    };
    match super::dispatch_update(&h.engine, &h.sender, &h.bot, &h.me, update).await {
        // Not committed: Telegram posts it again later.
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
        Ok(()) => StatusCode::OK,
    }
}
