//! `linli bench`: speed measured, never asserted by a test.
//!
//! `linli bench ledger` measures ledger transfers per second (each a full transfer in its own
//! write transaction: idempotency check, row locks, balance limits, two entries) beside the
//! physical floor of the same database: single-row insert transactions. SQLite is measured
//! with `synchronous = FULL` and `NORMAL` (WAL both), PostgreSQL when a server URL is given.
//! `linli bench parse` measures the parser over the labelled corpus and on one 4,096-character
//! message.

pub mod ingest;

use std::time::Instant;

use crate::config::DatabaseConfig;
use crate::domain::{AccountKind, TransferKind};
use crate::ledger::{self, Limits, Transfer};
use crate::store::{admin, members, Store};

/// One measured database.
#[derive(Debug)]
pub struct LedgerFigures {
    pub label: String,
    pub floor_per_sec: f64,
    pub transfers_per_sec: f64,
}

impl LedgerFigures {
    pub fn ratio(&self) -> f64 {
        self.transfers_per_sec / self.floor_per_sec
    }
}

/// Measures `n` single-row insert transactions, then `n` transfers, on a fresh database at `url`.
pub async fn bench_ledger(
    label: &str,
    url: &str,
    synchronous: &str,
    n: usize,
) -> anyhow::Result<LedgerFigures> {
    let cfg = DatabaseConfig {
        url: url.to_string(),
        max_connections: 2,
        busy_timeout_ms: 5000,
        synchronous: synchronous.into(),
        ..Default::default()
    };
    let store = Store::open(&cfg).await?;

    // The floor: one row, one write transaction, committed.
    let start = Instant::now();
    for i in 0..n {
        let mut tx = store.begin().await?;
        admin::insert_processed_update(&mut tx, &format!("floor:{i}"), i as i64).await?;
        tx.commit().await?;
    }
    let floor = n as f64 / start.elapsed().as_secs_f64();

    let limits = Limits {
        min_balance: 0,
        max_balance: i64::MAX / 4,
    };
    let mut tx = store.begin().await?;
    let community = members::ensure_community(&mut tx, -42, "bench", 0).await?;
    for id in [1, 2] {
        members::ensure_member(&mut tx, id, &format!("m{id}"), true, 100, 0).await?;
    }
    let issuance = ledger::account(&mut tx, community.id, AccountKind::Issuance, 0).await?;
    let a = ledger::account(&mut tx, community.id, AccountKind::Member, 1).await?;
    let b = ledger::account(&mut tx, community.id, AccountKind::Member, 2).await?;
    let seed = Transfer {
        community_id: community.id,
        kind: TransferKind::Grant,
        memo: "seed",
        idem_key: "seed",
        from: issuance,
        to: a,
        amount: n as i64 * 10,
        listing_id: None,
        actor_id: None,
        corrects: None,
        at: 0,
    };
    ledger::transfer(&mut tx, &seed, limits).await?;
    tx.commit().await?;

    let start = Instant::now();
    for i in 0..n {
        let key = format!("t:{i}");
        let (from, to) = if i % 3 == 2 { (b, a) } else { (a, b) };
        let t = Transfer {
            idem_key: &key,
            from,
            to,
            amount: 1,
            kind: TransferKind::Adjust,
            memo: "bench",
            ..seed.clone()
        };
        let mut tx = store.begin().await?;
        ledger::transfer(&mut tx, &t, limits).await?;
        tx.commit().await?;
    }
    let transfers = n as f64 / start.elapsed().as_secs_f64();
    store.close().await;
    Ok(LedgerFigures {
        label: label.to_string(),
        floor_per_sec: floor,
        transfers_per_sec: transfers,
    })
}

/// Runs the ledger benchmark on SQLite (FULL, NORMAL) and, given a server URL, PostgreSQL.
pub async fn run_ledger(
    n: usize,
    postgres_admin: Option<&str>,
) -> anyhow::Result<Vec<LedgerFigures>> {
    let dir = tempfile::tempdir()?;
    let mut out = Vec::new();
    for sync in ["FULL", "NORMAL"] {
        let url = format!(
            "sqlite://{}",
            dir.path().join(format!("bench-{sync}.db")).display()
        );
        out.push(bench_ledger(&format!("SQLite WAL synchronous={sync}"), &url, sync, n).await?);
    }
    if let Some(admin) = postgres_admin {
        let db = ScratchPg::create(admin, "linli_bench").await?;
        let r = bench_ledger("PostgreSQL", &db.url, "FULL", n).await;
        db.drop().await?;
        out.push(r?);
    }
    Ok(out)
}

/// The parser's speed: messages per second over the corpus, and microseconds for one long message.
pub fn run_parse(corpus: &str, rounds: usize) -> (usize, f64, f64) {
    let lex = crate::parse::Lexicon::builtin();
    let texts: Vec<String> = corpus
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    // One pass first: what is built on first use (the table of Traditional characters) is
    // start-up, not throughput.
    for t in &texts {
        std::hint::black_box(crate::parse::parse(t, None, &lex));
    }
    let start = Instant::now();
    let mut listings = 0usize;
    for _ in 0..rounds {
        for t in &texts {
            listings += crate::parse::parse(t, None, &lex).kind.is_listing() as usize;
        }
    }
    let per_sec = (rounds * texts.len()) as f64 / start.elapsed().as_secs_f64();
    let long: String = texts
        .iter()
        .cycle()
        .flat_map(|t| t.chars().chain(std::iter::once(' ')))
        .take(4096)
        .collect();
    let start = Instant::now();
    let reps = 2000;
    for _ in 0..reps {
        std::hint::black_box(crate::parse::parse(std::hint::black_box(&long), None, &lex));
    }
    let long_us = start.elapsed().as_secs_f64() * 1e6 / reps as f64;
    (listings / rounds.max(1), per_sec, long_us)
}

/// Whole updates through `Engine::handle`: the offer dialog, eight private messages a flow.
#[derive(Debug)]
pub struct DialogFigures {
    pub label: String,
    pub updates: usize,
    pub updates_per_sec: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// Runs `flows` offer dialogs (each resident first says hello in the group), one update at a
/// time, each in its own transaction with its outbox rows, as the Telegram adapter would.
pub async fn bench_dialog(
    label: &str,
    url: &str,
    synchronous: &str,
    flows: usize,
) -> anyhow::Result<DialogFigures> {
    use crate::engine::{ChatRef, Content, Incoming, Person};
    let mut cfg = crate::config::Config::default();
    cfg.database.url = url.to_string();
    cfg.database.synchronous = synchronous.to_string();
    let start_at =
        chrono::DateTime::parse_from_rfc3339("2026-12-01T01:00:00Z")?.with_timezone(&chrono::Utc);
    let clock = std::sync::Arc::new(crate::clock::ManualClock::new(start_at));
    let engine = crate::app::build_engine(
        cfg,
        clock,
        crate::app::EngineOptions {
            assume_dm_open: true,
            ..Default::default()
        },
    )
    .await?;
    let steps = [
        "我要送东西",
        "儿童自行车",
        "1",
        "1",
        "3",
        "跳过",
        "20",
        "是",
    ];
    let mut key = 0u64;
    let mut inc = |id: i64, chat: ChatRef, text: &str| {
        key += 1;
        Incoming {
            message_id: None,
            key: format!("bench:{key}"),
            chat,
            from: Person {
                id,
                name: format!("居民{id}"),
                lang_code: None,
            },
            content: Content::Text(text.to_string()),
            at: start_at,
        }
    };
    let group = ChatRef::Group {
        chat_id: -1000,
        title: "幸福里".into(),
    };
    for i in 0..flows {
        engine
            .handle(&inc(1000 + i as i64, group.clone(), "大家好"))
            .await?;
    }
    let mut times = Vec::with_capacity(flows * steps.len());
    let started = Instant::now();
    for i in 0..flows {
        for s in steps {
            let u = inc(1000 + i as i64, ChatRef::Private, s);
            let t = Instant::now();
            engine.handle(&u).await?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let total = started.elapsed().as_secs_f64();
    let listings = admin::count_listings(&engine.store).await?;
    anyhow::ensure!(listings as usize == flows, "every flow posted its listing");
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    Ok(DialogFigures {
        label: label.to_string(),
        updates: times.len(),
        updates_per_sec: times.len() as f64 / total,
        p50_ms: pct(0.5),
        p99_ms: pct(0.99),
    })
}

/// The dialog benchmark on SQLite (FULL, NORMAL) and PostgreSQL when a server is given.
pub async fn run_dialog(
    flows: usize,
    postgres_admin: Option<&str>,
) -> anyhow::Result<Vec<DialogFigures>> {
    let dir = tempfile::tempdir()?;
    let mut out = Vec::new();
    for sync in ["FULL", "NORMAL"] {
        let url = format!(
            "sqlite://{}",
            dir.path().join(format!("dialog-{sync}.db")).display()
        );
        out.push(bench_dialog(&format!("SQLite WAL synchronous={sync}"), &url, sync, flows).await?);
    }
    if let Some(admin) = postgres_admin {
        let db = ScratchPg::create(admin, "linli_bench_d").await?;
        let r = bench_dialog("PostgreSQL", &db.url, "FULL", flows).await;
        db.drop().await?;
        out.push(r?);
    }
    Ok(out)
}

/// A scratch PostgreSQL database for one measurement, made on the server at `admin`.
struct ScratchPg {
    conn: sqlx::PgConnection,
    name: String,
    url: String,
}

impl ScratchPg {
    async fn create(admin: &str, prefix: &str) -> anyhow::Result<ScratchPg> {
        use sqlx::Connection;
        let name = format!("{prefix}{}", std::process::id());
        let mut conn = sqlx::PgConnection::connect(admin).await?;
        admin::recreate_database(&mut conn, &name).await?;
        let mut url = url::Url::parse(admin)?;
        url.set_path(&name);
        Ok(ScratchPg {
            conn,
            name,
            url: url.to_string(),
        })
    }

    async fn drop(mut self) -> anyhow::Result<()> {
        admin::drop_database(&mut self.conn, &self.name).await?;
        Ok(())
    }
}

/// What `linli bench match` measured on one database.
#[derive(Debug, Clone)]
pub struct MatchFigures {
    pub label: String,
    pub listings: usize,
    pub communities: usize,
    pub seed_secs: f64,
    pub search_p50_ms: f64,
    pub search_p99_ms: f64,
    pub match_p50_ms: f64,
    pub match_p99_ms: f64,
    /// Average results per search (a check that the searches find things).
    pub found_avg: f64,
}

const NOUNS: &[&str] = &[
    "自行车",
    "婴儿车",
    "电钻",
    "冲击钻",
    "梯子",
    "电饭煲",
    "微波炉",
    "吸尘器",
    "台灯",
    "书桌",
    "书架",
    "绘本",
    "图画书",
    "玩具",
    "积木",
    "轮椅",
    "拐杖",
    "老花镜",
    "雨伞",
    "帐篷",
    "收音机",
    "电风扇",
    "冰箱",
    "洗衣机",
    "沙发",
    "椅子",
    "床垫",
    "被子",
    "枕头",
    "花盆",
    "扳手",
    "螺丝刀",
    "工具箱",
    "篮球",
    "足球",
    "羽毛球拍",
    "跑步机",
    "哑铃",
    "吉他",
    "电子琴",
    "书包",
    "文具",
    "校服",
    "童装",
    "外套",
    "鞋子",
    "行李箱",
    "收纳箱",
    "电水壶",
    "炒锅",
    "碗筷",
    "烤箱",
    "打印机",
    "显示器",
    "键盘",
    "鼠标",
    "路由器",
    "手机",
    "平板",
    "相机",
];
const ADJS: &[&str] = &[
    "",
    "儿童",
    "旧",
    "闲置",
    "小",
    "大",
    "电动",
    "折叠",
    "木",
    "九成新",
    "全新",
    "二手",
    "宝宝",
];

/// Seeds `listings` listings (a fifth of them requests) over `listings / 200` communities, then
/// times `queries` searches within one community and `queries` matches of a new offer against
/// a community's requests, as the engine runs them (`matching::ranked`).
pub async fn bench_match(
    label: &str,
    url: &str,
    synchronous: &str,
    listings: usize,
    queries: usize,
) -> anyhow::Result<MatchFigures> {
    use crate::domain::ListingKind;
    use rand::{Rng, SeedableRng};
    let mut cfg = crate::config::Config::default();
    cfg.database.url = url.to_string();
    cfg.database.synchronous = synchronous.to_string();
    let start_at =
        chrono::DateTime::parse_from_rfc3339("2026-12-01T01:00:00Z")?.with_timezone(&chrono::Utc);
    let clock = std::sync::Arc::new(crate::clock::ManualClock::new(start_at));
    let engine = crate::app::build_engine(cfg, clock, crate::app::EngineOptions::default()).await?;
    let now = start_at.timestamp();
    let communities = (listings / 200).max(1);
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let seeded = Instant::now();
    let mut community_ids = Vec::with_capacity(communities);
    {
        let mut tx = engine.store.begin().await?;
        for i in 0..communities {
            let c = crate::store::members::ensure_community(
                &mut tx,
                -1_000_000 - i as i64,
                &format!("小区{i}"),
                now,
            )
            .await?;
            let owner = 10_000 + i as i64;
            crate::store::members::ensure_member(
                &mut tx,
                owner,
                &format!("居民{i}"),
                true,
                100,
                now,
            )
            .await?;
            community_ids.push((c.id, owner));
        }
        tx.commit().await?;
    }
    let mut made = 0;
    while made < listings {
        let n = (listings - made).min(20_000);
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let (c, owner) = community_ids[rng.gen_range(0..communities)];
            let title = format!(
                "{}{}",
                ADJS[rng.gen_range(0..ADJS.len())],
                NOUNS[rng.gen_range(0..NOUNS.len())]
            );
            let kind = if rng.gen_range(0..5) == 0 {
                "request"
            } else {
                "offer"
            };
            let terms = crate::parse::index_terms(&title, &engine.lexicon);
            rows.push((c, owner, kind, title, terms));
        }
        let mut tx = engine.store.begin().await?;
        admin::bulk_listings(&mut tx, &rows, now).await?;
        tx.commit().await?;
        made += n;
    }
    let seed_secs = seeded.elapsed().as_secs_f64();
    let mut search = Vec::with_capacity(queries);
    let mut matching = Vec::with_capacity(queries);
    let mut found = 0usize;
    for _ in 0..queries {
        let (c, _) = community_ids[rng.gen_range(0..communities)];
        let noun = NOUNS[rng.gen_range(0..NOUNS.len())];
        let mut cx = crate::engine::Ctx::for_job(&engine, engine.store.begin().await?, now);
        let t = Instant::now();
        let r = crate::engine::shared::matching::ranked(
            &mut cx,
            &[c],
            ListingKind::Offer,
            noun,
            false,
            0.5,
        )
        .await
        .map_err(|e| anyhow::anyhow!("search: {e:?}"))?;
        search.push(t.elapsed().as_secs_f64() * 1000.0);
        found += r.len();
        let offer = format!("{}{}", ADJS[rng.gen_range(0..ADJS.len())], noun);
        let t = Instant::now();
        crate::engine::shared::matching::ranked(
            &mut cx,
            &[c],
            ListingKind::Request,
            &offer,
            true,
            0.5,
        )
        .await
        .map_err(|e| anyhow::anyhow!("match: {e:?}"))?;
        matching.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let pct = |v: &mut Vec<f64>, p: f64| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[((v.len() - 1) as f64 * p) as usize]
    };
    Ok(MatchFigures {
        label: label.to_string(),
        listings,
        communities,
        seed_secs,
        search_p50_ms: pct(&mut search, 0.5),
        search_p99_ms: pct(&mut search, 0.99),
        match_p50_ms: pct(&mut matching, 0.5),
        match_p99_ms: pct(&mut matching, 0.99),
        found_avg: found as f64 / queries.max(1) as f64,
    })
}

/// The match benchmark on SQLite (NORMAL) and PostgreSQL when a server is given.
pub async fn run_match(
    listings: usize,
    postgres_admin: Option<&str>,
) -> anyhow::Result<Vec<MatchFigures>> {
    let dir = tempfile::tempdir()?;
    let mut out = Vec::new();
    let url = format!("sqlite://{}", dir.path().join("match.db").display());
    out.push(
        bench_match(
            "SQLite WAL synchronous=NORMAL",
            &url,
            "NORMAL",
            listings,
            1000,
        )
        .await?,
    );
    if let Some(admin) = postgres_admin {
        let db = ScratchPg::create(admin, "linli_bench_m").await?;
        let r = bench_match("PostgreSQL", &db.url, "FULL", listings, 1000).await;
        db.drop().await?;
        out.push(r?);
    }
    Ok(out)
}

/// What `linli bench stats` measured on one database.
#[derive(Debug, Clone)]
pub struct StatsFigures {
    pub label: String,
    pub listings: usize,
    pub seed_secs: f64,
    pub stats_p50_ms: f64,
    pub stats_max_ms: f64,
    pub export_ms: f64,
    pub export_bytes: usize,
}

/// Seeds `listings` listings (a fifth requests, a tenth handed over) in one community, then
/// times `/stats` figures for the month (20 times) and one whole CSV export.
pub async fn bench_stats(
    label: &str,
    url: &str,
    synchronous: &str,
    listings: usize,
) -> anyhow::Result<StatsFigures> {
    use rand::{Rng, SeedableRng};
    let mut cfg = crate::config::Config::default();
    cfg.database.url = url.to_string();
    cfg.database.synchronous = synchronous.to_string();
    let start_at =
        chrono::DateTime::parse_from_rfc3339("2026-12-15T01:00:00Z")?.with_timezone(&chrono::Utc);
    let clock = std::sync::Arc::new(crate::clock::ManualClock::new(start_at));
    let engine = crate::app::build_engine(cfg, clock, crate::app::EngineOptions::default()).await?;
    let now = start_at.timestamp();
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let seeded = Instant::now();
    let community = {
        let mut tx = engine.store.begin().await?;
        let c = crate::store::members::ensure_community(&mut tx, -1_000_000, "幸福里", now).await?;
        for i in 0..200 {
            crate::store::members::ensure_member(
                &mut tx,
                10_000 + i,
                &format!("居民{i}"),
                true,
                100,
                now,
            )
            .await?;
        }
        tx.commit().await?;
        c
    };
    let mut made = 0;
    while made < listings {
        let n = (listings - made).min(20_000);
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let owner = 10_000 + rng.gen_range(0..200);
            let title = format!(
                "{}{}",
                ADJS[rng.gen_range(0..ADJS.len())],
                NOUNS[rng.gen_range(0..NOUNS.len())]
            );
            let kind = if rng.gen_range(0..5) == 0 {
                "request"
            } else {
                "offer"
            };
            rows.push((community.id, owner, kind, title, Vec::new()));
        }
        let mut tx = engine.store.begin().await?;
        admin::bulk_listings(&mut tx, &rows, now).await?;
        tx.commit().await?;
        made += n;
    }
    let seed_secs = seeded.elapsed().as_secs_f64();
    let period = crate::engine::cases::desk::Period {
        from: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
        to: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).expect("a date"),
    };
    let from = engine.local_ts(period.from, chrono::NaiveTime::MIN);
    let to = engine.local_ts(period.to, chrono::NaiveTime::MIN);
    let mut times = Vec::new();
    let mut posted = 0;
    for _ in 0..20 {
        let mut tx = engine.store.begin().await?;
        let t = Instant::now();
        let s = crate::store::desk::stats(&mut tx, community.id, from, to, &[]).await?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        posted = s.offers_item + s.requests_item;
        drop(tx);
    }
    anyhow::ensure!(
        posted as usize == listings,
        "stats counted {posted} of {listings}"
    );
    times.sort_by(|a, b| a.total_cmp(b));
    let mut tx = engine.store.begin().await?;
    let t = Instant::now();
    let files =
        crate::engine::cases::desk::csv_files(&engine, &mut tx, &community, &period).await?;
    let export_ms = t.elapsed().as_secs_f64() * 1000.0;
    drop(tx);
    Ok(StatsFigures {
        label: label.to_string(),
        listings,
        seed_secs,
        stats_p50_ms: times[times.len() / 2],
        stats_max_ms: *times.last().unwrap_or(&0.0),
        export_ms,
        export_bytes: files.iter().map(|f| f.1.len()).sum(),
    })
}

/// The stats benchmark on SQLite (NORMAL) and PostgreSQL when a server is given.
pub async fn run_stats(
    listings: usize,
    postgres_admin: Option<&str>,
) -> anyhow::Result<Vec<StatsFigures>> {
    let dir = tempfile::tempdir()?;
    let mut out = Vec::new();
    let url = format!("sqlite://{}", dir.path().join("stats.db").display());
    out.push(bench_stats("SQLite WAL synchronous=NORMAL", &url, "NORMAL", listings).await?);
    if let Some(admin) = postgres_admin {
        let db = ScratchPg::create(admin, "linli_bench_s").await?;
        let r = bench_stats("PostgreSQL", &db.url, "FULL", listings).await;
        db.drop().await?;
        out.push(r?);
    }
    Ok(out)
}
