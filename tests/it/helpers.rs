//! Test helpers: a fresh database per test (a SQLite file, or a scratch PostgreSQL database),
//! and a console over the real engine.

use std::sync::Arc;

use linli::app::{build_engine, EngineOptions};
use linli::clock::ManualClock;
use linli::config::Config;
use linli::console::{Console, Printed};
use linli::i18n::Locale;
use serde_json::Value;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A database that exists for one test.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

/// The PostgreSQL server for tests, from `LINLI_TEST_POSTGRES` (e.g.
/// `postgres://postgres@127.0.0.1:5432/postgres`). Without it PostgreSQL tests are skipped,
/// except under CI, where they must run.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("LINLI_TEST_POSTGRES") {
        Ok(u) if !u.is_empty() => Some(u),
        _ if std::env::var("CI").is_ok() => {
            panic!("CI must run the PostgreSQL tests: set LINLI_TEST_POSTGRES")
        }
        _ => None,
    }
}

impl TestDb {
    /// A fresh empty database, or `None` when PostgreSQL tests are off.
    pub async fn new(db: Db) -> Option<TestDb> {
        match db {
            Db::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                Some(TestDb {
                    url,
                    _dir: Some(dir),
                })
            }
            Db::Postgres => {
                let admin = postgres_admin_url()?;
                use sqlx::Connection;
                let mut c = sqlx::PgConnection::connect(&admin)
                    .await
                    .expect("connect to the test PostgreSQL server");
                let name = format!("linli_t_{}", rand_suffix());
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut c)
                    .await
                    .unwrap();
                let mut url = url::Url::parse(&admin).unwrap();
                url.set_path(&name);
                Some(TestDb {
                    url: url.to_string(),
                    _dir: None,
                })
            }
        }
    }

    pub fn config(&self) -> Config {
        let mut cfg = Config::default();
        cfg.database.url = self.url.clone();
        cfg.bot.locales_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales").into();
        cfg.dialogs.dir = concat!(env!("CARGO_MANIFEST_DIR"), "/dialogs").into();
        cfg
    }
}

fn rand_suffix() -> String {
    use rand::Rng;
    rand::thread_rng()
        .sample_iter(&rand::distributions::Alphanumeric)
        .take(10)
        .map(char::from)
        .collect::<String>()
        .to_lowercase()
}

/// A console over a fresh engine on `db`, its clock at 2026-12-01 09:00 Shanghai.
pub async fn console(db: &TestDb, locale: Locale) -> Console {
    console_with(db.config(), locale).await
}

pub async fn console_with(cfg: Config, locale: Locale) -> Console {
    let start = chrono::DateTime::parse_from_rfc3339("2026-12-01T01:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let clock = Arc::new(ManualClock::new(start));
    let opts = EngineOptions {
        locale: Some(locale),
        assume_dm_open: true,
        bot_username: None,
    };
    let engine = Arc::new(build_engine(cfg, clock.clone(), opts).await.unwrap());
    Console::new(engine, clock)
}

/// Runs script lines, panicking on a line the console cannot read; returns everything printed.
pub async fn run(console: &mut Console, script: &str) -> Vec<Printed> {
    let mut all = Vec::new();
    for line in script.lines() {
        match console.line(line).await {
            Ok(p) => all.extend(p),
            Err(e) => panic!("line {line:?}: {e}"),
        }
    }
    all
}

/// `linli state --json` of the console's database.
pub async fn state(console: &Console) -> Value {
    linli::store::state::snapshot(&console.engine.store)
        .await
        .unwrap()
}

/// The balance of the member called `name` in a state object.
pub fn balance(state: &Value, name: &str) -> i64 {
    member(state, name)["balance"].as_i64().unwrap()
}

pub fn member<'a>(state: &'a Value, name: &str) -> &'a Value {
    state["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("no member {name} in {state}"))
}

/// Messages printed to `to` (`NAME` or `#GROUP`).
pub fn to<'a>(printed: &'a [Printed], to: &str) -> Vec<&'a Printed> {
    printed.iter().filter(|p| p.to == to).collect()
}

/// Whether a message to `name` (or `#GROUP`) contains `needle`.
pub fn says(printed: &[Printed], name: &str, needle: &str) -> bool {
    to(printed, name).iter().any(|p| p.text.contains(needle))
}

/// An engine on the same database, to swap into a console.
pub async fn dummy_engine(db: &TestDb) -> linli::engine::Engine {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    build_engine(db.config(), clock, EngineOptions::default())
        .await
        .unwrap()
}

/// Runs the story `f(db)` as two tests: `f::sqlite` and `f::postgres`.
#[macro_export]
macro_rules! both {
    ($f:ident) => {
        mod $f {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$f($crate::helpers::Db::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$f($crate::helpers::Db::Postgres).await
            }
        }
    };
}

/// The ledger's invariants, checked on a state object: the accounts sum to zero, escrow holds
/// exactly the points of live claims, and no balance is below its floor.
pub fn assert_ledger_sound(state: &Value) {
    let l = &state["ledger"];
    assert_eq!(l["sum"], 0, "ledger sum: {state}");
    let held: i64 = state["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["held"].as_i64().unwrap() + m["frozen"].as_i64().unwrap_or(0))
        .sum();
    assert_eq!(
        l["escrow"].as_i64().unwrap(),
        held,
        "escrow equals the held and frozen points: {state}"
    );
    assert!(
        l["pool"].as_i64().unwrap() >= 0,
        "pool never below 0: {state}"
    );
    for m in state["members"].as_array().unwrap() {
        assert!(m["balance"].as_i64().unwrap() >= 0, "no overdraft: {m}");
    }
}

/// Private facts that must never appear in a message to a resident group: balances, held
/// and frozen points, credit, reports, disputes, event check-in codes, phone numbers.
const PRIVATE_FACTS: &[&str] = &[
    // A survey's results and answers are the workers' alone.
    r"\d+ ?人参与",
    r"全部答完",
    r"▇",
    r"\(\d+%\)",
    r"(?i)\d+ answered",
    r"survey-\d+-answers",
    r"可用 ?\d+",
    r"余额",
    r"暂存",
    r"冻结",
    r"信用",
    r"举报人",
    r"纠纷",
    r"⚖️",
    r"🚩",
    r"(?i)\bbalance\b",
    r"(?i)\bavailable\b",
    r"(?i)\bheld\b",
    r"(?i)\bfrozen\b",
    r"(?i)\bcredit\b",
    r"(?i)\breport(ed|er)?\b",
    r"(?i)\bdispute",
    r"积分池",
    r"只有 ?\d+ ?积分",
    r"(?i)\bpool\b",
    r"(?i)only \d+ points",
    r"签到码",
    r"低保",
    r"残疾",
    r"优先领取",
    r"(?i)\bhas priority\b",
    r"(?i)check-in code",
    r"1[3-9]\d{9}",
    r"\+86",
];

/// Every message the bot wrote to a resident group (not a workers' chat) that carries a
/// private fact, with the pattern found.
pub async fn group_leaks(console: &Console) -> Vec<(String, String)> {
    let workers_chats: Vec<i64> = console
        .engine
        .cfg
        .communities
        .iter()
        .filter_map(|c| c.workers_chat_id)
        .collect();
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT chat_id, text FROM outbox WHERE chat_id < 0 ORDER BY id")
            .fetch_all(console.engine.store.pool())
            .await
            .unwrap();
    let patterns: Vec<regex::Regex> = PRIVATE_FACTS
        .iter()
        .map(|p| regex::Regex::new(p).unwrap())
        .collect();
    let mut leaks = Vec::new();
    for (chat, text) in rows {
        if workers_chats.contains(&chat) {
            continue;
        }
        if let Some(p) = patterns.iter().find(|p| p.is_match(&text)) {
            leaks.push((p.to_string(), text));
        }
    }
    leaks
}

/// Panics naming the first private fact found in a message to a resident group.
pub async fn assert_groups_clean(console: &Console) {
    let leaks = group_leaks(console).await;
    assert!(
        leaks.is_empty(),
        "private facts in group messages: {leaks:?}"
    );
}
