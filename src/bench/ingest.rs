//! `linli bench ingest`: whole group-listing updates (the card and its outbox row committed)
//! beside the single-row commit floor of the same database in the same run, one update per
//! transaction and in batches (group commit); the SQL statements one listing and one button
//! press cost; and the time per listing and per button press as the database grows.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use crate::clock::ManualClock;
use crate::engine::{ChatRef, Content, Engine, Incoming, Person};
use crate::store::{admin, members, ts};

/// SQL statements run so far in this process (counted by [`CountStatements`]).
pub static STATEMENTS: AtomicU64 = AtomicU64::new(0);

/// A tracing layer counting sqlx's statement events (target `sqlx::query`): one per statement
/// sent to the database, whichever backend. `linli bench` installs it.
pub struct CountStatements;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for CountStatements {
    fn on_event(&self, event: &tracing::Event<'_>, _cx: tracing_subscriber::layer::Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            STATEMENTS.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// The counting layer with its filter: sqlx's statement events only.
pub fn statement_counter<S>() -> impl tracing_subscriber::Layer<S>
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    use tracing_subscriber::Layer;
    CountStatements.with_filter(
        tracing_subscriber::filter::Targets::new()
            .with_target("sqlx::query", tracing::Level::TRACE),
    )
}

fn statements() -> u64 {
    STATEMENTS.load(Ordering::Relaxed)
}

/// One database measured by `bench ingest`.
#[derive(Debug)]
pub struct IngestFigures {
    pub label: String,
    /// Single-row write transactions per second: the database's floor.
    pub floor_per_sec: f64,
    /// Group listings per second, one transaction each.
    pub single_per_sec: f64,
    /// Group listings per second, [`BATCH`] to a transaction.
    pub batched_per_sec: f64,
    /// SQL statements per group listing and per button press (0 when not counted: the
    /// counting layer is not installed).
    pub statements_listing: f64,
    pub statements_press: f64,
}

/// Updates per transaction in the batched measurement.
pub const BATCH: usize = 32;

/// Time per update with `rows` listings and sent messages already in the database.
#[derive(Debug)]
pub struct GrowthRow {
    pub label: String,
    pub rows: usize,
    pub listing_p50_ms: f64,
    pub listing_mean_ms: f64,
    pub press_p50_ms: f64,
    pub press_mean_ms: f64,
}

/// A bench engine on `url`, its clock at 2026-12-01 09:00 Shanghai.
async fn engine(url: &str, synchronous: &str) -> anyhow::Result<Engine> {
    let mut cfg = crate::config::Config::default();
    cfg.database.url = url.to_string();
    cfg.database.synchronous = synchronous.to_string();
    let clock = Arc::new(ManualClock::new(start_at()));
    crate::app::build_engine(
        cfg,
        clock,
        crate::app::EngineOptions {
            assume_dm_open: true,
            ..Default::default()
        },
    )
    .await
}

fn start_at() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-12-01T01:00:00Z")
        .expect("a date")
        .with_timezone(&chrono::Utc)
}

const GROUP: i64 = -1_000_100;
const GROUP_TITLE: &str = "幸福里";

fn group() -> ChatRef {
    ChatRef::Group {
        chat_id: GROUP,
        title: GROUP_TITLE.into(),
    }
}

/// An update at minute `minute` after the start (a member posts about once an hour, so
/// flood control never drops one).
fn update(key: String, from: i64, chat: ChatRef, content: Content) -> Incoming {
    update_at(key, from, chat, content, 0)
}

fn update_at(key: String, from: i64, chat: ChatRef, content: Content, minute: usize) -> Incoming {
    Incoming {
        message_id: None,
        key,
        chat,
        from: Person {
            id: from,
            name: format!("居民{from}"),
            lang_code: None,
        },
        content,
        at: start_at() + chrono::Duration::minutes(minute as i64),
    }
}

/// The `i`-th group listing (a free lamp, so any neighbour can claim it), by one of 50 members.
fn listing(tag: &str, i: usize, minute: usize) -> Incoming {
    update_at(
        format!("{tag}:l{i}"),
        10_000 + (i % 50) as i64,
        group(),
        Content::Text("出闲置：台灯一个，八成新，免费，3栋自提".into()),
        minute,
    )
}

/// A neighbour (not the owner) pressing the first button of card row `card`.
async fn press(
    e: &Engine,
    tag: &str,
    i: usize,
    card: i64,
    minute: usize,
) -> anyhow::Result<Incoming> {
    let tokens = admin::callback_tokens(&e.store, card).await?;
    let token = tokens
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("the card has no button"))?;
    Ok(update_at(
        format!("{tag}:p{i}"),
        20_000 + (i % 50) as i64,
        group(),
        Content::Button {
            query_id: format!("q{tag}{i}"),
            data: token,
        },
        minute,
    ))
}

/// The card of a handled listing: its first outbox row to the group.
fn card(h: &crate::engine::Handled) -> anyhow::Result<i64> {
    h.outbox_ids
        .first()
        .copied()
        .ok_or_else(|| anyhow::anyhow!("a listing without a card"))
}

/// Floor, listings one per transaction, listings in batches, and statements per update.
pub async fn bench_ingest(
    label: &str,
    url: &str,
    synchronous: &str,
    n: usize,
) -> anyhow::Result<IngestFigures> {
    let e = engine(url, synchronous).await?;
    let start = Instant::now();
    for i in 0..n {
        let mut tx = e.store.begin().await?;
        admin::insert_processed_update(&mut tx, &format!("floor:{i}"), i as i64).await?;
        tx.commit().await?;
    }
    let floor = n as f64 / start.elapsed().as_secs_f64();
    // Everyone has spoken once (members and the community exist), as in a running group.
    for i in 0..50 {
        for id in [10_000 + i, 20_000 + i] {
            let hello = update(
                format!("hi:{id}"),
                id,
                group(),
                Content::Text("大家好".into()),
            );
            e.handle(&hello).await?;
        }
    }

    let before = statements();
    let start = Instant::now();
    let mut cards = Vec::with_capacity(n);
    for i in 0..n {
        cards.push(card(&e.handle(&listing("s", i, i)).await?)?);
    }
    let single = n as f64 / start.elapsed().as_secs_f64();
    let statements_listing = (statements() - before) as f64 / n as f64;

    let presses = n.min(200);
    let mut taps = Vec::with_capacity(presses);
    for (i, c) in cards.iter().take(presses).enumerate() {
        taps.push(press(&e, "s", i, *c, n + i).await?);
    }
    let before = statements();
    for t in &taps {
        e.handle(t).await?;
    }
    let statements_press = (statements() - before) as f64 / presses as f64;

    let all: Vec<Incoming> = (0..n).map(|i| listing("b", i, 2 * n + i)).collect();
    let start = Instant::now();
    for chunk in all.chunks(BATCH) {
        for r in e.handle_batch(chunk).await {
            card(&r?)?;
        }
    }
    let batched = n as f64 / start.elapsed().as_secs_f64();
    let listings = admin::count_listings(&e.store).await?;
    anyhow::ensure!(listings as usize == 2 * n, "every listing made its card");
    e.store.close().await;
    Ok(IngestFigures {
        label: label.to_string(),
        floor_per_sec: floor,
        single_per_sec: single,
        batched_per_sec: batched,
        statements_listing,
        statements_press,
    })
}

/// Grows one database through `sizes` (listings, sent messages and handled updates already
/// there, spread over `size / 200` communities) and times `k` listings and `k` button presses
/// at each size.
pub async fn bench_growth(
    label: &str,
    url: &str,
    synchronous: &str,
    sizes: &[usize],
    k: usize,
) -> anyhow::Result<Vec<GrowthRow>> {
    let e = engine(url, synchronous).await?;
    let mut seeded = 0;
    let mut out = Vec::new();
    for (round, &size) in sizes.iter().enumerate() {
        seed(&e, seeded, size).await?;
        seeded = size;
        let tag = format!("g{round}");
        let mut listing_ms = Vec::with_capacity(k);
        let mut cards = Vec::with_capacity(k);
        for i in 0..k {
            let u = listing(&tag, i, round * 100_000 + i);
            let t = Instant::now();
            let h = e.handle(&u).await?;
            listing_ms.push(t.elapsed().as_secs_f64() * 1000.0);
            cards.push(card(&h)?);
        }
        admin::mark_outbox_sent(&e.store).await?;
        let mut press_ms = Vec::with_capacity(k);
        for (i, c) in cards.iter().enumerate() {
            let u = press(&e, &tag, i, *c, round * 100_000 + k + i).await?;
            let t = Instant::now();
            e.handle(&u).await?;
            press_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        admin::mark_outbox_sent(&e.store).await?;
        out.push(GrowthRow {
            label: label.to_string(),
            rows: size,
            listing_p50_ms: p50(&mut listing_ms),
            listing_mean_ms: mean(&listing_ms),
            press_p50_ms: p50(&mut press_ms),
            press_mean_ms: mean(&press_ms),
        });
    }
    e.store.close().await;
    Ok(out)
}

/// Adds listings (with search terms and their two pending jobs), sent messages and handled
/// updates from `from` up to
/// `to` of each: over communities of 200 listings, the messages to their groups and to their
/// members, the bench's own group and members among them.
async fn seed(e: &Engine, from: usize, to: usize) -> anyhow::Result<()> {
    let now = ts(start_at()) - 86_400;
    let mut tx = e.store.begin().await?;
    let mut community_ids = std::collections::HashMap::new();
    let mut listings = Vec::new();
    let mut sent = Vec::new();
    for i in from..to {
        let chat = if i % 200 == 0 && i < 2000 {
            GROUP
        } else {
            -2_000_000 - (i / 200) as i64
        };
        let cid = match community_ids.get(&chat) {
            Some(c) => *c,
            None => {
                let c = members::ensure_community(&mut tx, chat, "bench", now)
                    .await?
                    .id;
                community_ids.insert(chat, c);
                c
            }
        };
        let owner = 100_000 + (i % 5_000) as i64;
        let title = format!("旧物{}", i % 997);
        listings.push((cid, owner, "offer", title.clone(), vec![title]));
        let to_chat = match i % 3 {
            0 => chat,
            1 => owner,
            _ => 10_000 + (i % 50) as i64,
        };
        sent.push((to_chat, format!("消息 {i}")));
    }
    for id in 100_000..100_000 + (to - from).min(5_000) as i64 {
        members::ensure_member(&mut tx, id, "邻居", true, 0, now).await?;
    }
    let ids = admin::bulk_listings(&mut tx, &listings, now).await?;
    let jobs: Vec<(i64, i64, i64)> = ids
        .iter()
        .zip(&listings)
        .map(|(id, (c, o, ..))| (*c, *o, *id))
        .collect();
    admin::bulk_listing_jobs(&mut tx, &jobs, now).await?;
    admin::bulk_sent_outbox(&mut tx, &sent, now).await?;
    admin::bulk_processed(&mut tx, &format!("seed{from}"), to - from, now).await?;
    tx.commit().await?;
    Ok(())
}

fn p50(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// `bench ingest` on SQLite (FULL, NORMAL) and, given a server, PostgreSQL; then the growth
/// table on SQLite NORMAL and PostgreSQL.
pub async fn run_ingest(
    n: usize,
    sizes: &[usize],
    postgres_admin: Option<&str>,
) -> anyhow::Result<(Vec<IngestFigures>, Vec<GrowthRow>)> {
    let dir = tempfile::tempdir()?;
    let mut figures = Vec::new();
    let mut growth = Vec::new();
    for sync in ["FULL", "NORMAL"] {
        let url = format!(
            "sqlite://{}",
            dir.path().join(format!("ingest-{sync}.db")).display()
        );
        figures.push(bench_ingest(&format!("SQLite WAL synchronous={sync}"), &url, sync, n).await?);
    }
    let url = format!("sqlite://{}", dir.path().join("growth.db").display());
    growth.extend(bench_growth("SQLite NORMAL", &url, "NORMAL", sizes, 200).await?);
    if let Some(admin) = postgres_admin {
        let db = super::ScratchPg::create(admin, "linli_bench_i").await?;
        let r = bench_ingest("PostgreSQL", &db.url, "FULL", n).await;
        db.drop().await?;
        figures.push(r?);
        let db = super::ScratchPg::create(admin, "linli_bench_g").await?;
        let r = bench_growth("PostgreSQL", &db.url, "FULL", sizes, 200).await;
        db.drop().await?;
        growth.extend(r?);
    }
    Ok((figures, growth))
}
