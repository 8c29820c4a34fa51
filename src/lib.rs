//! Linli (邻里): a Telegram bot that turns neighbourhood group chats into an exchange of idle
//! things, spare time and skills, paid in community points.
//!
//! The layout (`docs/architecture.md`): pure `domain` and `parse`, the `ledger`, the `engine`
//! (one update in, one transaction, outbox rows out), `store` (SQLite or PostgreSQL), `jobs`
//! (the outbox sender), and two transports: `telegram` and the local `console`.

pub mod app;
pub mod bench;
pub mod chart;
pub mod clock;
pub mod config;
pub mod console;
pub mod dialog;
pub mod domain;
pub mod engine;
pub mod handbook;
pub mod i18n;
pub mod jobs;
pub mod ledger;
pub mod parse;
pub mod qr;
pub mod store;
pub mod telegram;
