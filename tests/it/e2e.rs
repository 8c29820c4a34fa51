//! The real `linli run` process against the fake Bot API server (issue 16): long polling, a
//! conversation, SIGTERM with the outbox drained, and `kill -9` at random points with restarts
//! — every update applied once, every committed message sent. Heavy (`LINLI_TEST_HEAVY`, as
//! `.ci/run` sets): it starts the binary many times.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rand::Rng;
use serde_json::json;

use crate::fake_api::FakeApi;

const GROUP: i64 = -100_888;

fn heavy() -> bool {
    std::env::var("LINLI_TEST_HEAVY").is_ok()
}

/// `linli run` in `dir` (no bot.toml there: the defaults), on `db`, polling `api`.
fn spawn(dir: &std::path::Path, api: &url::Url, db: &str) -> Child {
    spawn_with(dir, api, db, true)
}

/// `linli run` in webhook mode, listening on `port` (Telegram is told `url_port`'s address).
fn spawn_webhook(
    dir: &std::path::Path,
    api: &url::Url,
    db: &str,
    port: u16,
    url_port: u16,
) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_linli"));
    for (k, _) in std::env::vars() {
        if k.starts_with("LINLI_") {
            cmd.env_remove(k);
        }
    }
    cmd.arg("run")
        .current_dir(dir)
        .env("TELOXIDE_TOKEN", "4242:e2e-token")
        .env("LINLI_TELEGRAM_API_URL", api.as_str())
        .env("LINLI_DATABASE_URL", db)
        .env("LINLI_TELEGRAM_MODE", "webhook")
        .env("LINLI_TELEGRAM_WEBHOOK_LISTEN", format!("127.0.0.1:{port}"))
        .env(
            "LINLI_TELEGRAM_WEBHOOK_URL",
            format!("http://127.0.0.1:{url_port}/hook"),
        )
        .env("LINLI_WEBHOOK_SECRET", "e2e-secret")
        .env("LINLI_TELEGRAM_PER_GROUP_PER_MINUTE", "600")
        .env("LINLI_TELEGRAM_PER_CHAT_PER_SECOND", "10")
        .env("LINLI_REMINDERS_QUIET_START", "00:00")
        .env("LINLI_REMINDERS_QUIET_END", "00:00")
        .env("LINLI_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The same; `fast`: a group may get 600 messages a minute (so that many cards take seconds),
/// else Telegram's own limits of `bot.toml`.
fn spawn_with(dir: &std::path::Path, api: &url::Url, db: &str, fast: bool) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_linli"));
    // The tests' own LINLI_TEST_* switches are no settings: the bot would refuse them.
    for (k, _) in std::env::vars() {
        if k.starts_with("LINLI_") {
            cmd.env_remove(k);
        }
    }
    cmd.arg("run")
        .current_dir(dir)
        .env("TELOXIDE_TOKEN", "4242:e2e-token")
        .env("LINLI_TELEGRAM_API_URL", api.as_str())
        .env("LINLI_DATABASE_URL", db)
        .env("LINLI_TELEGRAM_OUTBOX_POLL_MS", "100")
        // Faster than Telegram allows one group, so forty cards take seconds, not minutes.
        .env(
            "LINLI_TELEGRAM_PER_GROUP_PER_MINUTE",
            if fast { "600" } else { "20" },
        )
        .env(
            "LINLI_TELEGRAM_PER_CHAT_PER_SECOND",
            if fast { "10" } else { "1" },
        )
        .env("LINLI_TELEGRAM_DRAIN_SECONDS", "10")
        // No quiet hours: every message may go at once, whatever the hour of the test.
        .env("LINLI_REMINDERS_QUIET_START", "00:00")
        .env("LINLI_REMINDERS_QUIET_END", "00:00")
        .env("LINLI_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(if std::env::var("E2E_LOG").is_ok() {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .spawn()
        .expect("the linli binary")
}

fn listing(update_id: i64) -> serde_json::Value {
    // A different neighbour each time: flood control never holds one back.
    let user = 5000 + update_id;
    json!({"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_764_000_000,
        "chat": {"id": GROUP, "type": "supergroup", "title": "幸福里"},
        "from": {"id": user, "is_bot": false, "first_name": format!("邻居{update_id}"), "language_code": "zh-hans"},
        "text": "出闲置：台灯，八成新，10积分"}})
}

/// How many cards for listing update `i` reached the group (a card names who posted it).
fn cards(api: &FakeApi, i: i64) -> usize {
    let owner = format!("发布人：邻居{i}");
    api.of("sendMessage")
        .iter()
        .filter(|c| c.body["chat_id"] == GROUP)
        .filter(|c| {
            let text = c.body["text"].as_str().unwrap_or_default();
            text.match_indices(&owner)
                .any(|(at, _)| !text[at + owner.len()..].starts_with(|d: char| d.is_ascii_digit()))
        })
        .count()
}

fn sigterm(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

fn wait_exit(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(s) = child.try_wait().unwrap() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// Listings posted while the process is killed with SIGKILL at random moments (and started
/// again each time): no update is applied twice, no card is lost, and the duplicates are only
/// what a kill between Telegram's answer and the outbox's "sent" can make. Then SIGTERM: the
/// process stops within the drain bound, exit code 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_and_restart_lose_nothing_and_apply_nothing_twice() {
    if !heavy() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/e2e.db", dir.path().display());
    let (api, url) = FakeApi::start().await;
    const N: i64 = 40;
    for i in 1..=N {
        api.push_update(listing(i));
    }
    let mut rng = rand::thread_rng();
    let kills: usize = std::env::var("E2E_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(20);
    for _ in 0..kills {
        let mut child = spawn(dir.path(), &url, &db);
        tokio::time::sleep(Duration::from_millis(rng.gen_range(150..900))).await;
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }
    // The last start runs until every update is consumed and every card is out. A message
    // whose sender died mid-send waits out its lease (60 s) before it is sent again.
    let mut child = spawn(dir.path(), &url, &db);
    // More neighbours post while it runs.
    const M: i64 = N + 5;
    tokio::time::sleep(Duration::from_secs(1)).await;
    for i in N + 1..=M {
        api.push_update(listing(i));
    }
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(150) {
        if api.confirmed() > M && (1..=M).all(|i| cards(&api, i) >= 1) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let lost: Vec<i64> = (1..=M).filter(|i| cards(&api, *i) == 0).collect();
    let duplicates: usize = (1..=M).map(|i| cards(&api, i).saturating_sub(1)).sum();
    let stopped = Instant::now();
    sigterm(&child);
    let status = wait_exit(&mut child, Duration::from_secs(20));
    let drain = stopped.elapsed();
    eprintln!(
        "e2e: kills {kills}, updates {M}, cards sent {}, lost {}, duplicates {duplicates}, stop after SIGTERM {:.1} s",
        api.of("sendMessage").iter().filter(|c| c.body["chat_id"] == GROUP).count(),
        lost.len(),
        drain.as_secs_f64()
    );
    if !lost.is_empty() {
        let store = linli::store::Store::open(&linli::config::DatabaseConfig {
            url: db.clone(),
            ..Default::default()
        })
        .await
        .unwrap();
        let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
            "SELECT op, status, attempts, COUNT(*) FROM outbox GROUP BY op, status, attempts",
        )
        .fetch_all(store.pool())
        .await
        .unwrap();
        let handled: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM processed_updates")
            .fetch_one(store.pool())
            .await
            .unwrap();
        eprintln!(
            "e2e: outbox {rows:?}; updates handled {handled}; confirmed {}",
            api.confirmed()
        );
    }
    assert!(lost.is_empty(), "cards never sent: {lost:?}");
    // Its limits were raised for speed: the fake server's counter must see that (so its zero
    // in the storm test means something).
    assert!(
        api.violations() > 0,
        "the violation counter sees a too-fast group"
    );
    assert!(
        status.is_some_and(|s| s.success()),
        "SIGTERM: exit 0 within the bound, got {status:?}"
    );
    // Each update made one listing, once.
    let store = linli::store::Store::open(&linli::config::DatabaseConfig {
        url: db.clone(),
        ..Default::default()
    })
    .await
    .unwrap();
    let s = linli::store::state::snapshot(&store).await.unwrap();
    let titles: Vec<String> = s["listings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles.len() as i64, M, "{titles:?}");
    // Stopped with nothing left to send.
    let unsent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending', 'held')",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(unsent, 0, "the outbox drained before the exit");
    // A kill can catch at most the message being sent (the fast path and the background
    // sender may each have one in flight).
    assert!(
        duplicates <= 2 * kills,
        "{duplicates} duplicates after {kills} kills"
    );
}

/// A 429 storm: every third send is refused ("retry after 1"). With Telegram's own limits
/// (1 a second to a chat, 20 a minute to a group) every card still arrives, once, in the order
/// the neighbours posted, and no accepted send breaks a limit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_storm_keeps_every_message_in_order_within_the_limits() {
    if !heavy() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/storm.db", dir.path().display());
    let (api, url) = FakeApi::start().await;
    api.refuse_every(3);
    const N: i64 = 12;
    for i in 1..=N {
        api.push_update(listing(i));
    }
    let mut child = spawn_with(dir.path(), &url, &db, false);
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(120) {
        if (1..=N).all(|i| cards(&api, i) >= 1) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let took = start.elapsed();
    sigterm(&child);
    let status = wait_exit(&mut child, Duration::from_secs(20));
    let refused = api.calls().iter().filter(|c| c.refused).count();
    let order: Vec<i64> = api
        .of("sendMessage")
        .iter()
        .filter(|c| c.body["chat_id"] == GROUP)
        .filter_map(|c| {
            let text = c.body["text"].as_str()?;
            let at = text.find("发布人：邻居")? + "发布人：邻居".len();
            text[at..]
                .chars()
                .take_while(|d| d.is_ascii_digit())
                .collect::<String>()
                .parse()
                .ok()
        })
        .collect();
    eprintln!(
        "e2e storm: {N} cards in {:.1} s, 429s {refused}, limit violations {}, order {order:?}",
        took.as_secs_f64(),
        api.violations()
    );
    assert_eq!(
        order,
        (1..=N).collect::<Vec<_>>(),
        "every card once, in order"
    );
    assert!(refused >= 3, "the storm happened");
    assert_eq!(api.violations(), 0);
    assert!(status.is_some_and(|s| s.success()), "{status:?}");
}

/// Three instances on one PostgreSQL database, long polling: one polls (the advisory lock),
/// all send and schedule. The first started is killed with SIGKILL mid-way; another takes
/// over. Every listing is made once and every card sent; the two left stop on SIGTERM.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_instances_on_postgres_share_the_work() {
    if !heavy() {
        return;
    }
    let Some(tdb) = crate::helpers::TestDb::new(crate::helpers::Db::Postgres).await else {
        return;
    };
    let db = tdb.config().database.url;
    let dir = tempfile::tempdir().unwrap();
    let (api, url) = FakeApi::start().await;
    const N: i64 = 30;
    for i in 1..=N {
        api.push_update(listing(i));
    }
    let mut first = spawn(dir.path(), &url, &db);
    tokio::time::sleep(Duration::from_millis(700)).await;
    let mut others = vec![spawn(dir.path(), &url, &db), spawn(dir.path(), &url, &db)];
    tokio::time::sleep(Duration::from_millis(800)).await;
    first.kill().unwrap();
    first.wait().unwrap();
    const M: i64 = N + 15;
    for i in N + 1..=M {
        api.push_update(listing(i));
    }
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(150) {
        if api.confirmed() > M && (1..=M).all(|i| cards(&api, i) >= 1) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let took = start.elapsed();
    let lost: Vec<i64> = (1..=M).filter(|i| cards(&api, *i) == 0).collect();
    let duplicates: usize = (1..=M).map(|i| cards(&api, i).saturating_sub(1)).sum();
    for child in &others {
        sigterm(child);
    }
    let exits: Vec<_> = others
        .iter_mut()
        .map(|c| wait_exit(c, Duration::from_secs(20)))
        .collect();
    eprintln!(
        "e2e three instances: {M} updates, lost {}, duplicates {duplicates}, all sent after {:.1} s",
        lost.len(),
        took.as_secs_f64()
    );
    assert!(lost.is_empty(), "cards never sent: {lost:?}");
    assert!(duplicates <= 2, "{duplicates} duplicates after one kill");
    assert!(
        exits.iter().all(|s| s.is_some_and(|s| s.success())),
        "{exits:?}"
    );
    let store = linli::store::Store::open(&tdb.config().database)
        .await
        .unwrap();
    let s = linli::store::state::snapshot(&store).await.unwrap();
    assert_eq!(s["listings"].as_array().unwrap().len() as i64, M);
}

/// Start-up: a token Telegram refuses stops the bot at once with one line and a failure
/// code; a Bot API server that is not there yet (the network not up) is tried again until it
/// answers, and then the bot works.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_stops_and_a_missing_network_is_waited_for() {
    if !heavy() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/start.db", dir.path().display());
    let (api, url) = FakeApi::start().await;
    api.refuse_token();
    let out = Command::new(env!("CARGO_BIN_EXE_linli"))
        .arg("run")
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("TELOXIDE_TOKEN", "4242:wrong")
        .env("LINLI_TELEGRAM_API_URL", url.as_str())
        .env("LINLI_DATABASE_URL", &db)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("refused the token"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");

    // Nobody listens on this port yet.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = url::Url::parse(&format!("http://127.0.0.1:{port}")).unwrap();
    let mut child = spawn(dir.path(), &url, &db);
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(
        child.try_wait().unwrap().is_none(),
        "still waiting for Telegram"
    );
    let api = FakeApi::start_on(port).await;
    api.push_update(listing(1));
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) && cards(&api, 1) == 0 {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    eprintln!(
        "e2e start-up: the card went out {:.1} s after Telegram became reachable",
        start.elapsed().as_secs_f64()
    );
    assert_eq!(cards(&api, 1), 1, "it started once Telegram answered");
    sigterm(&child);
    assert!(wait_exit(&mut child, Duration::from_secs(20)).is_some_and(|s| s.success()));
}

/// Webhook mode, three instances on one PostgreSQL database behind a round-robin "proxy"
/// (this test, posting as Telegram does): each tells Telegram the address with the secret;
/// posts spread across them; one is killed mid-way, and a post it could not answer is posted
/// again to the next, as Telegram retries. Every listing is made once, every card sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_webhook_instances_take_the_posts_between_them() {
    if !heavy() {
        return;
    }
    let Some(tdb) = crate::helpers::TestDb::new(crate::helpers::Db::Postgres).await else {
        return;
    };
    let db = tdb.config().database.url;
    let dir = tempfile::tempdir().unwrap();
    let (api, url) = FakeApi::start().await;
    let ports: Vec<u16> = (0..3)
        .map(|_| {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        })
        .collect();
    let mut children: Vec<Child> = ports
        .iter()
        .map(|port| spawn_webhook(dir.path(), &url, &db, *port, 9))
        .collect();
    let client = reqwest::Client::new();
    const M: i64 = 45;
    let mut posts = 0;
    let mut retried = 0;
    let mut alive = [true; 3];
    for i in 1..=M {
        if i == 16 {
            children[0].kill().unwrap();
            children[0].wait().unwrap();
            alive[0] = false;
        }
        // Round robin; a post that fails (refused, not up yet, killed) goes to the next.
        let mut k = i as usize % 3;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            posts += 1;
            let sent = client
                .post(format!("http://127.0.0.1:{}/hook", ports[k]))
                .header("X-Telegram-Bot-Api-Secret-Token", "e2e-secret")
                .json(&listing(i))
                .timeout(Duration::from_secs(10))
                .send()
                .await;
            if sent.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            assert!(Instant::now() < deadline, "no instance took update {i}");
            retried += 1;
            k = (k + 1) % 3;
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(150) && !(1..=M).all(|i| cards(&api, i) >= 1) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let lost: Vec<i64> = (1..=M).filter(|i| cards(&api, *i) == 0).collect();
    let duplicates: usize = (1..=M).map(|i| cards(&api, i).saturating_sub(1)).sum();
    let webhooks = api.of("setWebhook");
    for (n, child) in children.iter_mut().enumerate().filter(|(n, _)| alive[*n]) {
        sigterm(child);
        let s = wait_exit(child, Duration::from_secs(20));
        assert!(s.is_some_and(|s| s.success()), "instance {n}: {s:?}");
    }
    eprintln!(
        "e2e webhook x3: {M} updates in {posts} posts ({retried} posted again), lost {}, duplicates {duplicates}",
        lost.len()
    );
    assert!(lost.is_empty(), "cards never sent: {lost:?}");
    assert!(duplicates <= 2, "{duplicates}");
    assert!(webhooks.len() >= 3, "each instance set the webhook");
    assert!(
        webhooks.iter().all(|w| {
            let form = w.body.to_string();
            form.contains("e2e-secret") && form.contains("http://127.0.0.1:9/hook")
        }),
        "{webhooks:?}"
    );
    let store = linli::store::Store::open(&tdb.config().database)
        .await
        .unwrap();
    let s = linli::store::state::snapshot(&store).await.unwrap();
    assert_eq!(s["listings"].as_array().unwrap().len() as i64, M);
}

/// A conversation over Telegram (the real binary, button presses as callback queries) says
/// the same things, to the same people, as the console says for the same script: with long
/// polling, and in webhook mode.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conversation_over_telegram_says_what_the_console_says() {
    if !heavy() {
        return;
    }
    converse(false).await;
    converse(true).await;
}

async fn converse(webhook: bool) {
    use std::collections::BTreeMap;
    let people = [("Ann", 7001_i64), ("Bob", 7002_i64)];
    let script = [
        "Ann: /start",
        "Bob: /start",
        "Ann@幸福里: 出闲置：台灯，八成新，10积分",
        "Bob@幸福里: 大家好",
        "Bob taps \"我想要\"",
        "Ann taps \"同意\"",
        "Bob taps \"收到\"",
        "Ann: 积分",
    ];
    // The console.
    let tdb = crate::helpers::TestDb::new(crate::helpers::Db::Sqlite)
        .await
        .unwrap();
    let mut cfg = tdb.config();
    cfg.reminders.quiet_start = "00:00".into();
    cfg.reminders.quiet_end = "00:00".into();
    let mut c = crate::helpers::console_with(cfg, linli::i18n::Locale::ZhCn).await;
    let printed = crate::helpers::run(&mut c, &script.join("\n")).await;
    let mut console: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in printed.iter().filter(|p| !p.edit) {
        console
            .entry(p.to.clone())
            .or_default()
            .push(p.text.clone());
    }
    // Telegram.
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/talk.db", dir.path().display());
    let (api, url) = FakeApi::start().await;
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut child = if webhook {
        spawn_webhook(dir.path(), &url, &db, port, port)
    } else {
        spawn(dir.path(), &url, &db)
    };
    let client = reqwest::Client::new();
    let user = |name: &str| {
        let id = people.iter().find(|p| p.0 == name).unwrap().1;
        json!({"id": id, "is_bot": false, "first_name": name, "language_code": "zh-hans"})
    };
    let chat_of = |to: &str| -> i64 {
        match to.strip_prefix('#') {
            Some(_) => GROUP,
            None => people.iter().find(|p| p.0 == to).unwrap().1,
        }
    };
    for (n, line) in script.iter().enumerate() {
        let id = n as i64 + 1;
        let update = if let Some((name, label)) = line.split_once(" taps ") {
            let label = label.trim_matches('"');
            // The newest message shown to them with such a button (their chat or the group).
            let mine = [chat_of(name), GROUP];
            let (msg, data) = api
                .of("sendMessage")
                .iter()
                .rev()
                .filter(|c| mine.contains(&c.body["chat_id"].as_i64().unwrap_or_default()))
                .find_map(|c| {
                    let rows = c.body["reply_markup"]["inline_keyboard"].as_array()?;
                    let b = rows
                        .iter()
                        .flat_map(|r| r.as_array().cloned().unwrap_or_default())
                        .find(|b| b["text"].as_str().unwrap_or_default().contains(label))?;
                    Some((c.clone(), b["callback_data"].as_str()?.to_string()))
                })
                .unwrap_or_else(|| panic!("{name} sees no {label}"));
            let chat = msg.body["chat_id"].as_i64().unwrap();
            let chat_json = if chat < 0 {
                json!({"id": chat, "type": "supergroup", "title": "幸福里"})
            } else {
                json!({"id": chat, "type": "private", "first_name": name})
            };
            json!({"update_id": id, "callback_query": {
                "id": format!("cb{id}"), "from": user(name), "chat_instance": "e2e", "data": data,
                "message": {"message_id": msg.message_id, "date": 1_764_000_000, "chat": chat_json,
                            "text": msg.body["text"]}}})
        } else {
            let (who, text) = line.split_once(": ").unwrap();
            let (name, chat) = match who.split_once('@') {
                Some((name, _)) => (
                    name,
                    json!({"id": GROUP, "type": "supergroup", "title": "幸福里"}),
                ),
                None => (
                    who,
                    json!({"id": chat_of(who), "type": "private", "first_name": who}),
                ),
            };
            json!({"update_id": id, "message": {"message_id": id, "date": 1_764_000_000,
                   "chat": chat, "from": user(name), "text": text}})
        };
        let before = api.calls().len();
        if webhook {
            // Posted as Telegram does, again until the bot is up and answers 200.
            let start = Instant::now();
            loop {
                let r = client
                    .post(format!("http://127.0.0.1:{port}/hook"))
                    .header("X-Telegram-Bot-Api-Secret-Token", "e2e-secret")
                    .json(&update)
                    .send()
                    .await;
                if r.is_ok_and(|r| r.status().is_success()) {
                    break;
                }
                assert!(
                    start.elapsed() < Duration::from_secs(20),
                    "the webhook never answered"
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        } else {
            api.push_update(update);
        }
        // Wait for its answers to go out, then a little more.
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10)
            && ((!webhook && api.confirmed() <= id) || api.calls().len() == before)
        {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_millis(600)).await;
    }
    sigterm(&child);
    wait_exit(&mut child, Duration::from_secs(20));
    let mut telegram: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for call in api.calls().iter().filter(|c| !c.refused) {
        let text = call.body["text"].as_str().unwrap_or_default().to_string();
        let to = match call.method.to_lowercase().as_str() {
            "sendmessage" => call.body["chat_id"].as_i64(),
            // A button's small notice goes to whoever pressed it.
            "answercallbackquery" if !text.is_empty() => {
                let n: usize = call.body["callback_query_id"].as_str().unwrap()[2..]
                    .parse()
                    .unwrap();
                let name = script[n - 1].split(' ').next().unwrap();
                Some(chat_of(name))
            }
            _ => None,
        };
        let Some(chat) = to else { continue };
        let name = if chat == GROUP {
            "#幸福里".to_string()
        } else {
            people.iter().find(|p| p.1 == chat).unwrap().0.to_string()
        };
        telegram.entry(name).or_default().push(text);
    }
    // The console's clock is 2026-12-01 09:00, the process's is now: dates are left out.
    let dates = regex::Regex::new(r"\d{2}-\d{2}( \d{2}:\d{2})?").unwrap();
    for v in console.values_mut().chain(telegram.values_mut()) {
        for t in v.iter_mut() {
            *t = dates.replace_all(t, "MM-DD").to_string();
        }
        v.sort();
    }
    assert_eq!(telegram, console, "webhook mode: {webhook}");
}

/// Faults on the way to Telegram: every 4th send answers 500, every 5th goes out but its
/// connection drops before the answer, every answer is slow. Every card still arrives; the
/// only duplicates are sends whose answer was lost (Telegram cannot tell a retry from a new
/// message), at most one per dropped answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundreds_slow_answers_and_dropped_connections() {
    if !heavy() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/faults.db", dir.path().display());
    let (api, url) = FakeApi::start().await;
    api.faults(4, 5, 300);
    const N: i64 = 15;
    for i in 1..=N {
        api.push_update(listing(i));
    }
    let mut child = spawn(dir.path(), &url, &db);
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(150) && !(1..=N).all(|i| cards(&api, i) >= 1) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let took = start.elapsed();
    // Let a resend of a dropped answer happen, if it is going to.
    tokio::time::sleep(Duration::from_secs(3)).await;
    sigterm(&child);
    let status = wait_exit(&mut child, Duration::from_secs(20));
    let errors = api.calls().iter().filter(|c| c.refused).count();
    let lost: Vec<i64> = (1..=N).filter(|i| cards(&api, *i) == 0).collect();
    let duplicates: usize = (1..=N).map(|i| cards(&api, i).saturating_sub(1)).sum();
    let sends = api
        .calls()
        .iter()
        .filter(|c| c.method.to_lowercase().starts_with("send"))
        .count();
    let drops = sends / 5;
    eprintln!(
        "e2e faults: {N} cards in {:.1} s, 500s {errors}, dropped answers about {drops}, lost {}, duplicates {duplicates}",
        took.as_secs_f64(),
        lost.len()
    );
    assert!(lost.is_empty(), "{lost:?}");
    assert!(errors >= 2, "the faults happened");
    assert!(
        duplicates <= drops,
        "{duplicates} duplicates for {drops} dropped answers"
    );
    assert!(status.is_some_and(|s| s.success()), "{status:?}");
}
