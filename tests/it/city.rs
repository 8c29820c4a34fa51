//! A city-scale load run (issue 17): three `linli run` instances in webhook mode on one
//! PostgreSQL database, and a load generator that posts a city's day of Telegram updates
//! round-robin across them, moving to the next instance when a post fails, as Telegram
//! retries. 5,000 groups and 200,000 residents; mostly ordinary chatter (the bot stays
//! silent), listings, claims through the owner's consent to the hand-over, private messages.
//! Each instance may send 10 messages a second, so the three keep within Telegram's 30;
//! a chat gets at most 1 a second and a group 20 a minute (Telegram's own limits, the
//! defaults). It prints updates/s, the time from a listing's post to its card, outbox lag,
//! peak memory per instance, and asserts: no limit broken, every card sent exactly once,
//! every listing stored, every instance exits 0 on SIGTERM.
//!
//! The day is compressed in time, but not within one group or one resident's chat: a
//! resident answers a message seconds after it arrives, never within the second, and a
//! group sees no two listings within a few seconds (a real group's pace).
//!
//! Heavy (`LINLI_TEST_HEAVY`) and PostgreSQL (`LINLI_TEST_POSTGRES`). `LINLI_CITY_SCALE`:
//! unset, 5,000 updates (about a minute of posting); `full`, 50,000; or a number of updates.
//! `LINLI_CITY_RATE` changes the updates offered per second (80). 127.0.0.1 only.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::fake_api::FakeApi;

const SECRET: &str = "city-secret";
/// Telegram's default for concurrent webhook connections.
const IN_FLIGHT: usize = 40;
/// How long a resident takes to read a message before pressing its button or writing again.
const READ: Duration = Duration::from_millis(2500);
/// No two listings in one group within this long.
const GROUP_GAP: Duration = Duration::from_secs(4);
const FIRST_RESIDENT: i64 = 3_000_000;
const FIRST_GROUP: i64 = -1_002_000_000_000;

const CHATTER: [&str; 12] = [
    "今天出太阳了",
    "谢谢大家",
    "快递放在门卫了",
    "明天上午停水，大家注意",
    "晚上一起去散步吧",
    "小区门口新开了一家面馆",
    "hello everyone",
    "电梯又坏了，已经报修",
    "好的",
    "哈哈哈",
    "早上好",
    "垃圾分类从下周开始",
];
/// Offers: the thing, then its condition and points (the token goes after the thing).
const OFFERS: [(&str, &str); 6] = [
    ("儿童自行车", "八成新 20积分"),
    ("台灯", "九成新，10积分"),
    ("电饭煲", "八成新，15积分"),
    ("小书架", "七成新 12积分"),
    ("婴儿推车", "九成新 20积分"),
    ("羽毛球拍", "八成新，8积分"),
];
const REQUESTS: [&str; 3] = ["求借电钻", "求一个婴儿床", "求借梯子"];
const PRIVATE: [&str; 3] = ["积分", "提醒", "/help"];

/// How big a city, and how much of its day.
struct Scale {
    label: String,
    groups: i64,
    residents: i64,
    updates: usize,
    rate: f64,
}

fn scale() -> Scale {
    let v = std::env::var("LINLI_CITY_SCALE").unwrap_or_default();
    let updates = match v.as_str() {
        "full" => 50_000,
        s => s.parse().unwrap_or(5_000),
    };
    let rate = std::env::var("LINLI_CITY_RATE")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(80.0);
    Scale {
        label: if v.is_empty() { "default".into() } else { v },
        groups: 5_000,
        residents: 200_000,
        updates,
        rate,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Kind {
    Chatter,
    Listing,
    Claim,
    Private,
}

/// A listing's unique word, carried by its title into its card and every message about it.
fn token(n: usize) -> String {
    let mut s = String::from("qz");
    let mut n = n;
    for _ in 0..4 {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    s
}

fn find_token(text: &str) -> Option<&str> {
    let at = text.find("qz")?;
    text.get(at..at + 6)
}

/// `linli run` in webhook mode on `db`, listening on `port`, its log in `dir/instance-N.log`.
fn spawn_city(dir: &std::path::Path, api: &url::Url, db: &str, port: u16, n: usize) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_linli"));
    // The tests' own LINLI_TEST_* and LINLI_CITY_* switches are no settings: the bot would
    // refuse them.
    for (k, _) in std::env::vars() {
        if k.starts_with("LINLI_") {
            cmd.env_remove(k);
        }
    }
    let log = std::fs::File::create(dir.join(format!("instance-{n}.log"))).unwrap();
    cmd.arg("run")
        .current_dir(dir)
        .env("TELOXIDE_TOKEN", format!("4242:city-{n}"))
        .env("LINLI_TELEGRAM_API_URL", api.as_str())
        .env("LINLI_DATABASE_URL", db)
        .env("LINLI_TELEGRAM_MODE", "webhook")
        .env("LINLI_TELEGRAM_WEBHOOK_LISTEN", format!("127.0.0.1:{port}"))
        .env("LINLI_TELEGRAM_WEBHOOK_URL", "http://127.0.0.1:9/hook")
        .env("LINLI_WEBHOOK_SECRET", SECRET)
        // Three instances, 30 messages a second between them (Telegram's overall limit).
        .env("LINLI_TELEGRAM_GLOBAL_PER_SECOND", "10")
        .env("LINLI_REMINDERS_QUIET_START", "00:00")
        .env("LINLI_REMINDERS_QUIET_END", "00:00")
        .env("LINLI_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::from(log))
        .spawn()
        .expect("the linli binary")
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

fn user(id: i64) -> Value {
    json!({"id": id, "is_bot": false, "first_name": format!("居民{id}"), "language_code": "zh-hans"})
}

fn group_chat(id: i64) -> Value {
    json!({"id": id, "type": "supergroup", "title": format!("小区{}", FIRST_GROUP - id)})
}

fn text_update(id: i64, chat: Value, from: i64, text: &str) -> Value {
    json!({"update_id": id, "message": {
        "message_id": id, "date": 1_764_000_000, "chat": chat, "from": user(from), "text": text}})
}

/// A button press on message `message_id` of `chat`.
fn tap_update(id: i64, chat: Value, from: i64, message_id: i64, data: &str) -> Value {
    json!({"update_id": id, "callback_query": {
        "id": format!("cb{id}"), "from": user(from), "chat_instance": "city", "data": data,
        "message": {"message_id": message_id, "date": 1_764_000_000, "chat": chat, "text": ""}}})
}

fn private_chat(id: i64) -> Value {
    json!({"id": id, "type": "private", "first_name": format!("居民{id}")})
}

/// A message the bot sent with a button whose label contains `label`: its callback data.
fn button(body: &Value, label: &str) -> Option<String> {
    body["reply_markup"]["inline_keyboard"]
        .as_array()?
        .iter()
        .flat_map(|r| r.as_array().cloned().unwrap_or_default())
        .find(|b| b["text"].as_str().unwrap_or_default().contains(label))?["callback_data"]
        .as_str()
        .map(str::to_string)
}

/// A button the bot sent, and when it arrived.
#[derive(Clone)]
struct Press {
    at: Instant,
    message_id: i64,
    data: String,
}

/// What the city knows of one listing.
struct Listing {
    group: i64,
    owner: i64,
    posted: Instant,
    cards: Vec<Instant>,
    card: Option<Press>,
    claimer: Option<i64>,
    /// 0 open, 1 claimed, 2 accepted, 3 received.
    stage: u8,
    tapped: Option<Instant>,
    ask: Option<Press>,
    hand: Option<Press>,
}

/// What the fake Telegram server has seen, as the residents see it.
#[derive(Default)]
struct Board {
    seen: usize,
    listings: HashMap<String, Listing>,
    /// Per chat: messages the bot sent it, and when the last arrived.
    to: HashMap<i64, (usize, Instant)>,
    /// Groups: when the last listing was posted there.
    last_listing: HashMap<i64, Instant>,
    sends: usize,
    edits: usize,
    answers: usize,
}

impl Board {
    /// Reads the calls the fake server got since the last look.
    fn scan(&mut self, api: &FakeApi) {
        let calls = api.calls_since(self.seen);
        self.seen += calls.len();
        for c in calls.iter().filter(|c| !c.refused) {
            let m = c.method.to_lowercase();
            if m == "editmessagetext" {
                self.edits += 1;
            }
            if m == "answercallbackquery" {
                self.answers += 1;
            }
            if !m.starts_with("send") {
                continue;
            }
            self.sends += 1;
            let chat = c.body["chat_id"].as_i64().unwrap_or_default();
            let e = self.to.entry(chat).or_insert((0, c.at));
            *e = (e.0 + 1, c.at);
            let text = c.body["text"].as_str().unwrap_or_default();
            let Some(l) = find_token(text).and_then(|t| self.listings.get_mut(t)) else {
                continue;
            };
            let press = |label| {
                button(&c.body, label).map(|data| Press {
                    at: c.at,
                    message_id: c.message_id.unwrap_or_default(),
                    data,
                })
            };
            if chat == l.group && text.contains("发布人：") {
                l.cards.push(c.at);
                if l.card.is_none() {
                    l.card = press("我想要");
                }
            } else if chat == l.owner && l.stage == 1 && l.ask.is_none() {
                l.ask = press("同意");
            } else if Some(chat) == l.claimer && l.stage == 2 && l.hand.is_none() {
                l.hand = press("我已收到");
            }
        }
    }

    fn count(&self, id: i64) -> usize {
        self.to.get(&id).map_or(0, |e| e.0)
    }
}

/// The load generator: who has a private chat open, who waits for the bot's answer.
struct City {
    rng: StdRng,
    groups: i64,
    residents: i64,
    next_update: i64,
    next_token: usize,
    /// Residents who opened a private chat with the bot: how many messages from it they wait
    /// for (in all), and until when they are busy with what they last did.
    started: HashMap<i64, (usize, Instant)>,
    started_list: Vec<i64>,
    /// Owners and claimers in the middle of a claim.
    in_flow: std::collections::HashSet<i64>,
    /// Claim steps the mix asked for when none was ready: taken in place of later chatter.
    claim_debt: usize,
    /// Offers by residents with a private chat open, not yet received: they can be claimed
    /// to the end (oldest first); and their owners, who post no other offer meanwhile.
    claimable: Vec<String>,
    offering: std::collections::HashSet<i64>,
}

impl City {
    fn new(scale: &Scale) -> City {
        City {
            rng: StdRng::seed_from_u64(16),
            groups: scale.groups,
            residents: scale.residents,
            next_update: 1,
            next_token: 0,
            started: HashMap::new(),
            started_list: Vec::new(),
            in_flow: Default::default(),
            claim_debt: 0,
            claimable: Vec::new(),
            offering: Default::default(),
        }
    }

    /// `id` got the bot's answers to what they last did, and has had time to read them.
    fn answered(&self, b: &Board, id: i64, now: Instant) -> bool {
        let Some((wait_for, busy)) = self.started.get(&id) else {
            return false;
        };
        let read = match b.to.get(&id) {
            Some((n, at)) => n >= wait_for && now.duration_since(*at) >= READ,
            None => *wait_for == 0,
        };
        read && now >= *busy
    }

    fn free(&self, b: &Board, id: i64, now: Instant) -> bool {
        !self.in_flow.contains(&id) && self.answered(b, id, now)
    }

    /// A resident with a private chat open and nothing going on, other than `not`.
    fn pick_free(&mut self, b: &Board, now: Instant, not: i64) -> Option<i64> {
        if self.started_list.is_empty() {
            return None;
        }
        for _ in 0..20 {
            let id = self.started_list[self.rng.gen_range(0..self.started_list.len())];
            if id != not && self.free(b, id, now) {
                return Some(id);
            }
        }
        None
    }

    /// `id` did something: they wait for `n` more messages from the bot, and are busy for
    /// a few seconds (what the bot answers may come in several messages).
    fn acted(&mut self, b: &Board, id: i64, n: usize, now: Instant) {
        let busy = now + Duration::from_secs(4);
        if self.started.insert(id, (b.count(id) + n, busy)).is_none() {
            self.started_list.push(id);
        }
    }

    fn resident(&mut self) -> i64 {
        FIRST_RESIDENT + self.rng.gen_range(0..self.residents)
    }

    fn group(&mut self) -> i64 {
        FIRST_GROUP - self.rng.gen_range(0..self.groups)
    }

    /// The next update of the day, and what kind it turned out to be.
    fn next(&mut self, b: &mut Board, now: Instant) -> (Kind, Value) {
        let id = self.next_update;
        self.next_update += 1;
        let x: f64 = self.rng.gen();
        let mut kind = match x {
            x if x < 0.85 => Kind::Chatter,
            x if x < 0.93 => Kind::Listing,
            x if x < 0.97 => Kind::Claim,
            _ => Kind::Private,
        };
        if kind == Kind::Claim || (kind == Kind::Chatter && self.claim_debt > 0) {
            if let Some(u) = self.claim_step(b, id, now) {
                if kind == Kind::Chatter {
                    self.claim_debt -= 1;
                }
                return (Kind::Claim, u);
            }
            if kind == Kind::Claim {
                self.claim_debt = (self.claim_debt + 1).min(50);
                kind = Kind::Chatter;
            }
        }
        match kind {
            Kind::Listing => {
                if let Some(u) = self.listing(b, id, now) {
                    return (Kind::Listing, u);
                }
            }
            Kind::Private => {
                if let Some(u) = self.private(b, id, now) {
                    return (Kind::Private, u);
                }
            }
            _ => {}
        }
        let (from, group) = (self.resident(), self.group());
        let text = CHATTER[self.rng.gen_range(0..CHATTER.len())];
        (
            Kind::Chatter,
            text_update(id, group_chat(group), from, text),
        )
    }

    /// An offer or a request with a new token, in a group with no listing for a while; half
    /// by residents with a private chat open (so that it can be claimed to the end).
    fn listing(&mut self, b: &mut Board, id: i64, now: Instant) -> Option<Value> {
        let group = (0..20).map(|_| self.group()).find(|g| {
            b.last_listing
                .get(g)
                .is_none_or(|t| now.duration_since(*t) >= GROUP_GAP)
                && b.to
                    .get(g)
                    .is_none_or(|(_, t)| now.duration_since(*t) >= READ)
        })?;
        let owner = match self.rng.gen_bool(0.5) {
            true => self
                .pick_free(b, now, 0)
                .filter(|r| !self.offering.contains(r))
                .unwrap_or_else(|| self.resident()),
            false => self.resident(),
        };
        let tok = token(self.next_token);
        self.next_token += 1;
        let offer = self.rng.gen_bool(0.75);
        let text = if offer {
            let (thing, rest) = OFFERS[self.rng.gen_range(0..OFFERS.len())];
            format!("出闲置：{thing}{tok} {rest}")
        } else {
            let thing = REQUESTS[self.rng.gen_range(0..REQUESTS.len())];
            format!("{thing}{tok} 周末用 10积分")
        };
        b.listings.insert(
            tok.clone(),
            Listing {
                group,
                owner,
                posted: now,
                cards: Vec::new(),
                card: None,
                claimer: None,
                stage: 0,
                tapped: None,
                ask: None,
                hand: None,
            },
        );
        if offer && self.started.contains_key(&owner) && self.offering.insert(owner) {
            self.claimable.push(tok.clone());
        }
        b.last_listing.insert(group, now);
        Some(text_update(id, group_chat(group), owner, &text))
    }

    /// `/start` from someone new, or a word to the bot from someone who started before.
    fn private(&mut self, b: &Board, id: i64, now: Instant) -> Option<Value> {
        if self.rng.gen_bool(0.5) {
            if let Some(r) = self.pick_free(b, now, 0) {
                self.acted(b, r, 1, now);
                let text = PRIVATE[self.rng.gen_range(0..PRIVATE.len())];
                return Some(text_update(id, private_chat(r), r, text));
            }
        }
        let r = self.resident();
        if self.in_flow.contains(&r) || (self.started.contains_key(&r) && !self.free(b, r, now)) {
            return None;
        }
        // A welcome in two messages.
        self.acted(b, r, 2, now);
        Some(text_update(id, private_chat(r), r, "/start"))
    }
}

impl City {
    /// The next step of a claim that is ready, the furthest first: the receiver confirms the
    /// hand-over, the owner accepts, or a neighbour claims a card.
    fn claim_step(&mut self, b: &mut Board, id: i64, now: Instant) -> Option<Value> {
        let read = |p: &Option<Press>| p.as_ref().is_some_and(|p| now.duration_since(p.at) >= READ);
        let mut best: Option<(u8, usize)> = None;
        for (i, tok) in self.claimable.iter().enumerate() {
            let l = &b.listings[tok];
            let ready = match (l.stage, l.claimer) {
                (2, Some(c)) => {
                    read(&l.hand) && self.answered(b, l.owner, now) && self.answered(b, c, now)
                }
                (1, Some(c)) => {
                    read(&l.ask) && self.answered(b, l.owner, now) && self.answered(b, c, now)
                }
                (0, _) => read(&l.card) && self.free(b, l.owner, now),
                _ => false,
            };
            if ready && best.is_none_or(|(s, _)| l.stage > s) {
                best = Some((l.stage, i));
            }
        }
        let at = best?.1;
        let tok = self.claimable[at].clone();
        let (stage, owner, group) = {
            let l = &b.listings[&tok];
            (l.stage, l.owner, l.group)
        };
        let claimer = match stage {
            0 => self.pick_free(b, now, owner)?,
            _ => b.listings[&tok].claimer?,
        };
        // The owner is asked; then each side hears that it was accepted, then received (the
        // one pressing a claim button only gets a small notice).
        self.acted(b, owner, 1, now);
        self.acted(b, claimer, usize::from(stage > 0), now);
        let l = b.listings.get_mut(&tok)?;
        l.stage += 1;
        let (chat, from, press) = match stage {
            0 => {
                l.claimer = Some(claimer);
                l.tapped = Some(now);
                self.in_flow.extend([owner, claimer]);
                (group_chat(group), claimer, l.card.clone()?)
            }
            1 => (private_chat(owner), owner, l.ask.clone()?),
            _ => {
                self.claimable.remove(at);
                self.offering.remove(&owner);
                self.in_flow.remove(&owner);
                self.in_flow.remove(&claimer);
                (private_chat(claimer), claimer, l.hand.clone()?)
            }
        };
        Some(tap_update(id, chat, from, press.message_id, &press.data))
    }
}

/// One update posted: what it was, when it was first posted, when an instance answered 200
/// (never: no instance took it within a minute), and how many posts it took.
struct Posted {
    kind: Kind,
    start: Instant,
    done: Option<Instant>,
    tries: usize,
}

/// Posts `update` as Telegram does: to instance `first`, and on a failure to the next.
async fn post(client: &reqwest::Client, ports: &[u16], first: usize, update: &Value) -> Posted {
    let start = Instant::now();
    let mut k = first % ports.len();
    let mut tries = 0;
    loop {
        tries += 1;
        let r = client
            .post(format!("http://127.0.0.1:{}/hook", ports[k]))
            .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
            .json(update)
            .timeout(Duration::from_secs(30))
            .send()
            .await;
        if r.is_ok_and(|r| r.status().is_success()) {
            let done = Some(Instant::now());
            return Posted {
                kind: Kind::Chatter,
                start,
                done,
                tries,
            };
        }
        if start.elapsed() > Duration::from_secs(60) {
            return Posted {
                kind: Kind::Chatter,
                start,
                done: None,
                tries,
            };
        }
        k = (k + 1) % ports.len();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The posting phase: `scale.updates` updates at `scale.rate` a second (at most IN_FLIGHT
/// unanswered at a time, as Telegram), round-robin across the instances.
async fn generate(
    scale: &Scale,
    ports: &[u16],
    board: &Arc<Mutex<Board>>,
) -> (Vec<Posted>, Duration) {
    let client = reqwest::Client::new();
    let ports: Arc<[u16]> = ports.into();
    let sem = Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
    let mut city = City::new(scale);
    let mut tasks = tokio::task::JoinSet::new();
    let start = tokio::time::Instant::now();
    let period = Duration::from_secs_f64(1.0 / scale.rate);
    let given_up = Arc::new(AtomicBool::new(false));
    for i in 0..scale.updates {
        // An update no instance took within a minute: they are down, the run is over.
        if given_up.load(Ordering::Relaxed) {
            break;
        }
        tokio::time::sleep_until(start + period.mul_f64(i as f64)).await;
        let permit = sem.clone().acquire_owned().await.unwrap();
        let (kind, update) = {
            let mut b = board.lock().unwrap();
            city.next(&mut b, Instant::now())
        };
        let (client, ports, given_up) = (client.clone(), ports.clone(), given_up.clone());
        tasks.spawn(async move {
            let p = post(&client, &ports, i, &update).await;
            drop(permit);
            if p.done.is_none() {
                given_up.store(true, Ordering::Relaxed);
            }
            Posted { kind, ..p }
        });
    }
    let mut posted = Vec::with_capacity(scale.updates);
    while let Some(p) = tasks.join_next().await {
        posted.push(p.unwrap());
    }
    (posted, start.elapsed())
}

/// Reads the fake server's calls into the board every 100 ms until `stop`.
async fn watch(api: FakeApi, board: Arc<Mutex<Board>>, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::Relaxed) {
        board.lock().unwrap().scan(&api);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    board.lock().unwrap().scan(&api);
}

/// The outbox, once a second: rows due and not yet sent, and the age of the oldest (s).
#[derive(Default)]
struct Lag {
    max_rows: i64,
    max_age: i64,
    /// Rows due, every 10 s.
    every_10s: Vec<i64>,
}

const DUE: &str = "WITH t AS (SELECT EXTRACT(EPOCH FROM now())::BIGINT AS now)
     SELECT COUNT(*), COALESCE(MAX(t.now - created_at), 0)::BIGINT FROM outbox, t
     WHERE status IN ('pending', 'sending') AND not_before <= t.now";

async fn sample_outbox(pool: sqlx::PgPool, stop: Arc<AtomicBool>) -> Lag {
    let mut lag = Lag::default();
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        if let Ok((rows, age)) = sqlx::query_as::<_, (i64, i64)>(DUE).fetch_one(&pool).await {
            lag.max_rows = lag.max_rows.max(rows);
            lag.max_age = lag.max_age.max(age);
            if n % 10 == 0 {
                lag.every_10s.push(rows);
            }
        }
        n += 1;
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    lag
}

/// After the posting phase: until every listing's card is out and nothing is due in the
/// outbox, at most `limit`.
async fn settle(board: &Arc<Mutex<Board>>, pool: &sqlx::PgPool, limit: Duration) -> Duration {
    let start = Instant::now();
    while start.elapsed() < limit {
        let cards = board
            .lock()
            .unwrap()
            .listings
            .values()
            .all(|l| !l.cards.is_empty());
        let due = sqlx::query_as::<_, (i64, i64)>(DUE)
            .fetch_one(pool)
            .await
            .map_or(1, |r| r.0);
        if cards && due == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    start.elapsed()
}

/// The peak resident memory of process `pid` (VmHWM), in MiB.
fn peak_mib(pid: u32) -> Option<f64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kib: f64 = s
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

fn sigterm_and_wait(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(s) = child.try_wait().unwrap() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// The warnings and errors in the instances' logs: how many, and the first few, each once.
fn log_lines(dir: &std::path::Path, n: usize) -> (usize, usize, Vec<String>) {
    let ansi = regex::Regex::new(r"\x1b\[[0-9;]*m").unwrap();
    let (mut warn, mut error, mut kinds) = (0, 0, Vec::<String>::new());
    for i in 0..n {
        let text =
            std::fs::read_to_string(dir.join(format!("instance-{i}.log"))).unwrap_or_default();
        for line in text.lines().map(|l| ansi.replace_all(l, "").to_string()) {
            let Some(at) = line.find(" WARN ").or_else(|| line.find(" ERROR ")) else {
                continue;
            };
            if line[at..].starts_with(" WARN ") {
                warn += 1;
            } else {
                error += 1;
            }
            let what: String = line[at..].chars().take(160).collect();
            if kinds.len() < 6 && !kinds.contains(&what) {
                kinds.push(what);
            }
        }
    }
    (warn, error, kinds)
}

/// The `p`-th fraction of `v` (sorted here), in ms.
fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// What the run measured.
struct Figures {
    posted: Vec<Posted>,
    phase: Duration,
    settle: Duration,
    lag: Lag,
    peaks: Vec<Option<f64>>,
    exits: Vec<Option<std::process::ExitStatus>>,
    violations: Vec<(&'static str, i64)>,
    listings_stored: i64,
    held: i64,
    logs: (usize, usize, Vec<String>),
    /// Sends to one chat less than 0.9 s after the one before: by the same instance, by
    /// another.
    close: (usize, usize),
}

/// Consecutive sends to one chat within 0.9 s, by the same instance and across instances.
fn close_sends(api: &FakeApi) -> (usize, usize) {
    let mut last: HashMap<i64, (Instant, String)> = HashMap::new();
    let (mut same, mut across) = (0, 0);
    for c in api.calls() {
        if c.refused || !c.method.to_lowercase().starts_with("send") {
            continue;
        }
        let chat = c.body["chat_id"].as_i64().unwrap_or_default();
        if let Some((at, token)) = last.get(&chat) {
            if c.at.duration_since(*at).as_secs_f64() < 0.9 {
                if *token == c.token {
                    same += 1;
                } else {
                    across += 1;
                }
            }
        }
        last.insert(chat, (c.at, c.token));
    }
    (same, across)
}

/// A city's day on three webhook instances; see the module's comment.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_city_day_on_three_webhook_instances() {
    if std::env::var("LINLI_TEST_HEAVY").is_err() {
        eprintln!("city: skipped (set LINLI_TEST_HEAVY=1 and LINLI_TEST_POSTGRES)");
        return;
    }
    let Some(tdb) = crate::helpers::TestDb::new(crate::helpers::Db::Postgres).await else {
        eprintln!("city: skipped (no LINLI_TEST_POSTGRES)");
        return;
    };
    let wall = Instant::now();
    let scale = scale();
    let db = tdb.config().database.url;
    let dir = tempfile::tempdir().unwrap();
    let (api, url) = FakeApi::start().await;
    let ports: Vec<u16> = (0..3).map(|_| free_port()).collect();
    let mut children: Vec<Child> = ports
        .iter()
        .enumerate()
        .map(|(n, port)| spawn_city(dir.path(), &url, &db, *port, n))
        .collect();
    // Up when each has told Telegram its address.
    let up = Instant::now();
    while api.of("setWebhook").len() < 3 && up.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for (n, c) in children.iter_mut().enumerate() {
        if let Some(s) = c.try_wait().unwrap() {
            let log = std::fs::read_to_string(dir.path().join(format!("instance-{n}.log")));
            panic!(
                "instance {n} stopped at start ({s}): {}",
                log.unwrap_or_default()
            );
        }
    }
    assert_eq!(
        api.of("setWebhook").len(),
        3,
        "every instance set the webhook"
    );
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(2)
        .connect(&db)
        .await
        .unwrap();
    let board = Arc::new(Mutex::new(Board::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = tokio::spawn(watch(api.clone(), board.clone(), stop.clone()));
    let sampler = tokio::spawn(sample_outbox(pool.clone(), stop.clone()));
    let (posted, phase) = generate(&scale, &ports, &board).await;
    let settle = settle(&board, &pool, Duration::from_secs(120)).await;
    let peaks: Vec<Option<f64>> = children.iter().map(|c| peak_mib(c.id())).collect();
    let exits = children
        .iter_mut()
        .map(|c| sigterm_and_wait(c, Duration::from_secs(30)))
        .collect();
    stop.store(true, Ordering::Relaxed);
    let lag = sampler.await.unwrap();
    watcher.await.unwrap();
    let listings_stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM listings")
        .fetch_one(&pool)
        .await
        .unwrap();
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = 'held'")
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    let f = Figures {
        posted,
        phase,
        settle,
        lag,
        peaks,
        exits,
        violations: api.violation_list(),
        listings_stored,
        held,
        logs: log_lines(dir.path(), 3),
        close: close_sends(&api),
    };
    let board = board.lock().unwrap();
    report(&scale, &f, &board, wall.elapsed());
    show_violations(&f, &api);
    check(&f, &board, &api, &scale);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The figures, as a table (`--nocapture`).
fn report(scale: &Scale, f: &Figures, b: &Board, wall: Duration) {
    eprintln!(
        "\ncity ({}): {} groups, {} residents, 3 webhook instances on PostgreSQL at 10 messages/s each",
        scale.label, scale.groups, scale.residents
    );
    let mut rows = traffic(scale, f, b);
    rows.extend(outcome(f, b));
    rows.push(("wall time", format!("{:.0} s", wall.as_secs_f64())));
    for (k, v) in rows {
        eprintln!("  {k:<48} {v}");
    }
    for line in &f.logs.2 {
        eprintln!("  log: {line}");
    }
    let mut by_limit: Vec<(&str, usize)> = Vec::new();
    for (limit, _) in &f.violations {
        match by_limit.iter_mut().find(|(l, _)| l == limit) {
            Some(e) => e.1 += 1,
            None => by_limit.push((limit, 1)),
        }
    }
    if !by_limit.is_empty() {
        eprintln!("  violations by limit: {by_limit:?}");
    }
}

/// The sends to the chats of the first few violations, with their times (s from the first).
fn show_violations(f: &Figures, api: &FakeApi) {
    let calls = api.calls();
    let Some(t0) = calls.first().map(|c| c.at) else {
        return;
    };
    let mut shown = Vec::new();
    for (limit, chat) in &f.violations {
        if shown.len() == 4 || shown.contains(chat) {
            continue;
        }
        shown.push(*chat);
        eprintln!("  {limit} in chat {chat}:");
        for c in calls
            .iter()
            .filter(|c| c.body["chat_id"].as_i64() == Some(*chat))
        {
            let text: String = c.body["text"]
                .as_str()
                .unwrap_or_default()
                .chars()
                .take(40)
                .collect();
            eprintln!(
                "    {:>8.3} s instance {} {} {}{}",
                c.at.duration_since(t0).as_secs_f64(),
                c.token.trim_start_matches("bot4242:city-"),
                c.method,
                text.replace('\n', " "),
                if c.refused { " (refused)" } else { "" }
            );
        }
    }
}

/// The rows about the traffic and the times.
fn traffic(scale: &Scale, f: &Figures, b: &Board) -> Vec<(&'static str, String)> {
    let n = |k: Kind| f.posted.iter().filter(|p| p.kind == k).count();
    let answered: Vec<&Posted> = f.posted.iter().filter(|p| p.done.is_some()).collect();
    let mut answer: Vec<f64> = answered
        .iter()
        .filter_map(|p| Some(ms(p.done? - p.start)))
        .collect();
    let first = f.posted.iter().map(|p| p.start).min();
    let last = answered.iter().filter_map(|p| p.done).max();
    let span = match (first, last) {
        (Some(a), Some(b)) => (b - a).as_secs_f64(),
        _ => f64::NAN,
    };
    let mut card: Vec<f64> = b
        .listings
        .values()
        .filter_map(|l| Some(ms(*l.cards.first()? - l.posted)))
        .collect();
    let mut asked: Vec<f64> = b
        .listings
        .values()
        .filter_map(|l| Some(ms(l.ask.as_ref()?.at - l.tapped?)))
        .collect();
    let three = |v: &mut Vec<f64>| {
        format!(
            "{:.0} / {:.0} / {:.0} ms",
            pct(v, 0.5),
            pct(v, 0.99),
            pct(v, 1.0)
        )
    };
    let refused: usize = f.posted.iter().map(|p| p.tries - 1).sum();
    vec![
        (
            "updates posted",
            format!(
                "{} (chatter {}, listings {}, claim steps {}, private {})",
                f.posted.len(),
                n(Kind::Chatter),
                n(Kind::Listing),
                n(Kind::Claim),
                n(Kind::Private)
            ),
        ),
        (
            "posting phase",
            format!(
                "{:.1} s, offered {:.0}/s",
                f.phase.as_secs_f64(),
                scale.rate
            ),
        ),
        (
            "updates/s accepted (200s)",
            format!("{:.1}", answered.len() as f64 / span),
        ),
        ("webhook answer p50 / p99 / max", three(&mut answer)),
        ("posts failed, sent to the next", refused.to_string()),
        ("listing → its card p50 / p99 / max", three(&mut card)),
        ("claim → owner asked p50 / p99 / max", three(&mut asked)),
    ]
}

/// The rows about what the bot did and how it ended.
fn outcome(f: &Figures, b: &Board) -> Vec<(&'static str, String)> {
    let stage = |s: u8| b.listings.values().filter(|l| l.stage >= s).count();
    let lost = b.listings.values().filter(|l| l.cards.is_empty()).count();
    let dup: usize = b
        .listings
        .values()
        .map(|l| l.cards.len().saturating_sub(1))
        .sum();
    let listings = f.posted.iter().filter(|p| p.kind == Kind::Listing).count();
    let peaks: Vec<String> = f
        .peaks
        .iter()
        .map(|p| p.map_or("?".into(), |m| format!("{m:.1}")))
        .collect();
    let exits: Vec<String> = f
        .exits
        .iter()
        .map(|e| match e.map(|s| s.code()) {
            Some(Some(c)) => c.to_string(),
            Some(None) => "signal".into(),
            None => "still running".into(),
        })
        .collect();
    // At most 30 samples of the outbox's rows due.
    let step = f.lag.every_10s.len().div_ceil(30).max(1);
    let series: Vec<i64> = f.lag.every_10s.iter().step_by(step).copied().collect();
    vec![
        (
            "claims tapped / accepted / received",
            format!("{} / {} / {}", stage(1), stage(2), stage(3)),
        ),
        (
            "bot: sends / edits / button answers",
            format!("{} / {} / {}", b.sends, b.edits, b.answers),
        ),
        (
            "outbox lag max",
            format!(
                "{} rows due, oldest {} s; rows due every {} s: {series:?}",
                f.lag.max_rows,
                f.lag.max_age,
                10 * step
            ),
        ),
        (
            "all sent, after the posting phase",
            format!("{:.1} s", f.settle.as_secs_f64()),
        ),
        (
            "peak memory per instance (VmHWM)",
            format!("{} MiB", peaks.join(" / ")),
        ),
        ("limit violations", f.violations.len().to_string()),
        (
            "chat sends < 0.9 s apart: same / other instance",
            format!("{} / {}", f.close.0, f.close.1),
        ),
        ("cards lost / duplicated", format!("{lost} / {dup}")),
        (
            "listings stored / posted",
            format!("{} / {listings}", f.listings_stored),
        ),
        ("held for a private chat", f.held.to_string()),
        (
            "instance logs",
            format!("{} warnings, {} errors", f.logs.0, f.logs.1),
        ),
        ("exit codes after SIGTERM", exits.join(" / ")),
    ]
}

/// What must hold: every failure is said, then the test fails.
fn check(f: &Figures, b: &Board, api: &FakeApi, scale: &Scale) {
    let mut failed = Vec::new();
    let unanswered = f.posted.iter().filter(|p| p.done.is_none()).count();
    if unanswered > 0 {
        failed.push(format!(
            "{unanswered} updates no instance took within a minute"
        ));
    }
    // The fast count agrees with the fake server's own (which is quadratic: small runs only).
    if scale.updates <= 10_000 {
        assert_eq!(f.violations.len(), api.violations(), "the two counts");
    }
    // No limit may break, by one instance or across them (the instances reserve each
    // chat's slots in the database).
    let (same, across) = close_sends(api);
    if !f.violations.is_empty() {
        let mut chats: Vec<i64> = f.violations.iter().map(|v| v.1).collect();
        chats.dedup();
        chats.truncate(10);
        failed.push(format!(
            "{} sends over Telegram's limits, {same} by one instance and {across} across instances within a second (chats {chats:?} …)",
            f.violations.len(),
        ));
    }
    let tokens = |keep: &dyn Fn(&Listing) -> bool| -> Vec<&String> {
        let mut t: Vec<&String> = b
            .listings
            .iter()
            .filter(|(_, l)| keep(l))
            .map(|(t, _)| t)
            .collect();
        t.sort();
        t
    };
    let lost = tokens(&|l| l.cards.is_empty());
    if !lost.is_empty() {
        failed.push(format!("{} cards never sent: {lost:?}", lost.len()));
    }
    let dup = tokens(&|l| l.cards.len() > 1);
    if !dup.is_empty() {
        failed.push(format!("{} cards sent more than once: {dup:?}", dup.len()));
    }
    let listings = f.posted.iter().filter(|p| p.kind == Kind::Listing).count();
    if f.listings_stored != listings as i64 {
        failed.push(format!(
            "{} listings in the database, {listings} posted",
            f.listings_stored
        ));
    }
    if !f.exits.iter().all(|e| e.is_some_and(|s| s.success())) {
        failed.push(format!("exits after SIGTERM: {:?}", f.exits));
    }
    assert!(failed.is_empty(), "city:\n  {}", failed.join("\n  "));
}
