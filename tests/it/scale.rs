//! A cheap update at city scale (issue 17): group commit keeps each update all-or-nothing and
//! deduplicated; pruning deletes old messages and update keys but never what is still in use;
//! flood control counts with one row.

use linli::engine::{ChatRef, Content, Engine, Handled, Incoming, Person};
use linli::i18n::Locale;
use serde_json::Value;

use crate::helpers::{console, state, Db, TestDb};

const GROUP: i64 = -100_500;

fn at() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-12-01T01:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc)
}

fn said(key: &str, from: i64, text: &str) -> Incoming {
    Incoming {
        message_id: None,
        key: key.into(),
        chat: ChatRef::Group {
            chat_id: GROUP,
            title: "幸福里".into(),
        },
        from: Person {
            id: from,
            name: format!("居民{from}"),
            lang_code: None,
        },
        content: Content::Text(text.into()),
        at: at(),
    }
}

/// The updates of one busy moment in a group: listings, a redelivered update, ordinary chat,
/// and a listing whose insert the database refuses (a trigger planted by the test).
fn batch() -> Vec<Incoming> {
    vec![
        said("u1", 1, "出闲置：儿童自行车，八成新，免费"),
        said("u2", 2, "大家早上好"),
        said("u1", 1, "出闲置：儿童自行车，八成新，免费"),
        said("u3", 3, "出闲置：炸弹形状的存钱罐，免费"),
        said("u4", 2, "求借电钻 周末用"),
        said("u5", 4, "OFFER: kettle, free"),
    ]
}

/// Makes the database refuse any listing whose title has 炸弹: a failure in the middle of a
/// batch that is no refusal (a refusal commits its polite message).
async fn plant_failure(engine: &Engine, db: Db) {
    let mut c = engine.store.pool().acquire().await.unwrap();
    let stmts: &[&str] = match db {
        Db::Sqlite => &[
            "CREATE TRIGGER boom BEFORE INSERT ON listings WHEN NEW.title LIKE '%炸弹%'
             BEGIN SELECT RAISE(ABORT, 'planted failure'); END",
        ],
        Db::Postgres => &[
            "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN
               IF NEW.title LIKE '%炸弹%' THEN RAISE EXCEPTION 'planted failure'; END IF;
               RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER boom BEFORE INSERT ON listings FOR EACH ROW EXECUTE FUNCTION boom()",
        ],
    };
    for s in stmts {
        sqlx::query(s).execute(&mut *c).await.unwrap();
    }
}

/// The state a test compares: everything but the outbox rows' ids and the update keys' order.
fn comparable(mut s: Value) -> Value {
    if let Some(o) = s.as_object_mut() {
        o.remove("generated_at");
    }
    s
}

async fn group_commit_is_one_by_one_in_one_transaction(db: Db) {
    let Some(one) = TestDb::new(db).await else {
        return;
    };
    let two = TestDb::new(db).await.unwrap();
    let a = console(&one, Locale::ZhCn).await;
    let b = console(&two, Locale::ZhCn).await;
    plant_failure(&a.engine, db).await;
    plant_failure(&b.engine, db).await;

    let singly: Vec<Result<Handled, _>> = {
        let mut v = Vec::new();
        for u in batch() {
            v.push(a.engine.handle(&u).await);
        }
        v
    };
    let batched = b.engine.handle_batch(&batch()).await;
    assert_eq!(batched.len(), batch().len());
    for (i, (s, g)) in singly.iter().zip(&batched).enumerate() {
        match (s, g) {
            (Ok(s), Ok(g)) => {
                assert_eq!(s.duplicate, g.duplicate, "update {i}");
                assert_eq!(s.outbox_ids.len(), g.outbox_ids.len(), "update {i}");
            }
            (Err(_), Err(_)) => {}
            _ => panic!("update {i}: one by one {s:?}, in a batch {g:?}"),
        }
    }
    // The redelivered update is skipped, the refused insert failed alone, the rest stand.
    assert!(batched[2].as_ref().unwrap().duplicate);
    assert!(batched[3].is_err(), "{:?}", batched[3]);
    assert!(!batched[0].as_ref().unwrap().outbox_ids.is_empty());
    assert!(batched[1].as_ref().unwrap().outbox_ids.is_empty());
    assert!(!batched[5].as_ref().unwrap().outbox_ids.is_empty());

    let (sa, sb) = (comparable(state(&a).await), comparable(state(&b).await));
    assert_eq!(sa["listings"], sb["listings"]);
    assert_eq!(sa["members"], sb["members"]);
    assert_eq!(sa["ledger"], sb["ledger"]);
    assert_eq!(
        sb["listings"].as_array().unwrap().len(),
        3,
        "{}",
        sb["listings"]
    );
    // The failed update left no key: delivered again (the trigger gone), it is applied.
    sqlx::query("DROP TRIGGER boom ON listings")
        .execute(b.engine.store.pool())
        .await
        .or(sqlx::query("DROP TRIGGER boom")
            .execute(b.engine.store.pool())
            .await)
        .unwrap();
    let again = b.engine.handle_batch(&batch()[3..4]).await;
    let again = again[0].as_ref().unwrap();
    assert!(!again.duplicate && !again.outbox_ids.is_empty());
}
crate::both!(group_commit_is_one_by_one_in_one_transaction);

async fn pruning_keeps_what_is_in_use(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let printed = crate::helpers::run(
        &mut c,
        "小王@幸福里: 出闲置：儿童自行车，八成新，免费\n\
         小李@幸福里: 大家好\n\
         小张@幸福里: 大家好\n\
         小李: 积分\n\
         小李 taps \"我想要\"\n",
    )
    .await;
    assert!(printed.iter().any(|p| p.to == "#幸福里"), "{printed:?}");
    let pool = c.engine.store.pool().clone();
    let count = |sql: String| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&sql)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    // The rows of the first day, and the update keys.
    let last = count("SELECT MAX(id) FROM outbox".into()).await;
    let first_day = format!("SELECT COUNT(*) FROM outbox WHERE id <= {last}");
    let rows = count(first_day.clone()).await;
    let keys = count("SELECT COUNT(*) FROM processed_updates".into()).await;
    assert!(rows >= 4 && keys >= 4, "rows {rows}, keys {keys}");
    // Within the retention nothing goes.
    crate::helpers::run(&mut c, "@time 2026-12-21 09:00\n").await;
    assert_eq!(count(first_day.clone()).await, rows);
    // After it, what nothing points to goes; the card (a listing points to it) stays, and
    // old buttons still work.
    crate::helpers::run(&mut c, "@time 2027-01-01 09:00\n").await;
    let left = count(first_day.clone()).await;
    assert!(left < rows, "rows {rows}, left {left}");
    assert_eq!(
        count("SELECT COUNT(*) FROM outbox o JOIN listings l ON l.card_outbox_id = o.id".into())
            .await,
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM processed_updates".into()).await,
        0,
        "update keys older than 30 days are pruned"
    );
    let s = state(&c).await;
    assert_eq!(s["listings"].as_array().unwrap().len(), 1);
    let later = crate::helpers::run(&mut c, "小张 taps \"我想要\"\n").await;
    assert!(!later.is_empty(), "an old message's button still answers");
}
crate::both!(pruning_keeps_what_is_in_use);

/// Forty neighbours posting at the same moment: every listing is committed once, in fewer
/// transactions than updates, and a redelivery of all of them changes nothing.
async fn updates_arriving_together_share_a_commit(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let c = console(&tdb, Locale::ZhCn).await;
    let run_all = |prefix: &'static str| {
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..40i64 {
            let e = c.engine.clone();
            tasks.spawn(async move {
                let u = said(
                    &format!("{prefix}{i}"),
                    300 + i,
                    "出闲置：台灯一个，八成新，免费",
                );
                e.handle_grouped(&u).await
            });
        }
        tasks
    };
    let mut first = run_all("c");
    let mut fresh = 0;
    while let Some(r) = first.join_next().await {
        let h = r.unwrap().expect("every update commits");
        assert!(!h.duplicate && !h.outbox_ids.is_empty(), "{h:?}");
        fresh += 1;
    }
    assert_eq!(fresh, 40);
    use std::sync::atomic::Ordering::Relaxed;
    let txs = c.engine.group.transactions.load(Relaxed);
    assert_eq!(c.engine.group.updates.load(Relaxed), 40);
    assert!(txs < 40, "40 updates in {txs} transactions");
    let mut again = run_all("c");
    while let Some(r) = again.join_next().await {
        assert!(r.unwrap().unwrap().duplicate);
    }
    let s = state(&c).await;
    assert_eq!(s["listings"].as_array().unwrap().len(), 40);
}
crate::both!(updates_arriving_together_share_a_commit);

/// The moments reserved for `chat` by `n` senders at once, each reserving `each` slots (as
/// instances sharing the database do), in milliseconds on one clock.
async fn reserve_together(
    store: &linli::store::Store,
    chat: i64,
    pace: linli::store::outbox::Pace,
    n: usize,
    each: usize,
) -> Vec<f64> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let store = store.clone();
        tasks.spawn(async move {
            let mut out = Vec::new();
            for _ in 0..each {
                let mut c = store.pool().acquire().await.unwrap();
                // The slot on the database's clock: what every instance counts on (a reading
                // of our own clock would lag it under load).
                let (_, at) = linli::store::outbox::reserve_slot_at(
                    &mut c,
                    store.backend(),
                    chat,
                    pace,
                    None,
                )
                .await
                .unwrap()
                .expect("a slot");
                out.push(at as f64);
            }
            out
        });
    }
    let mut slots = Vec::new();
    while let Some(r) = tasks.join_next().await {
        slots.extend(r.unwrap());
    }
    slots.sort_by(f64::total_cmp);
    slots
}

/// Three instances sending to the same chats: the slots each gets from the database are never
/// closer than a chat's gap, and a group never gets more than its per-minute limit in any
/// minute, whoever sends (Telegram's limits hold across instances).
async fn send_slots_are_shared_between_instances(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let c = console(&tdb, Locale::ZhCn).await;
    let store = &c.engine.store;
    let limiter = linli::jobs::sender::Limiter::new(&Default::default());
    // Slots are whole milliseconds on the database's clock.
    let slack = 1.0;
    let private = reserve_together(store, 77, limiter.pace(77), 3, 8).await;
    assert_eq!(private.len(), 24);
    for w in private.windows(2) {
        assert!(w[1] - w[0] >= 1000.0 - slack, "private slots {w:?}");
    }
    let group = reserve_together(store, GROUP, limiter.pace(GROUP), 3, 20).await;
    for w in group.windows(2) {
        assert!(w[1] - w[0] >= 1000.0 - slack, "group slots {w:?}");
    }
    for (i, t) in group.iter().enumerate() {
        let in_minute = group[i..].iter().take_while(|u| *u - t < 60_000.0).count();
        assert!(
            in_minute <= 20,
            "{in_minute} sends to the group within a minute of {t}"
        );
    }
    // The first sends go without waiting for the per-minute spacing: a burst is allowed.
    assert!(group[9] - group[0] < 12_000.0, "{:?}", &group[..10]);
    // Another chat is not held up by these.
    let mut c = store.pool().acquire().await.unwrap();
    let other =
        linli::store::outbox::reserve_slot(&mut c, store.backend(), 78, limiter.pace(78), None);
    assert_eq!(other.await.unwrap(), Some(0), "a quiet chat sends at once");
    drop(c);
    // The background pass takes a slot only if it is free now: the chat just reserved is
    // not (and nothing is taken from it), the group is not, a quiet chat is.
    let mut c = store.pool().acquire().await.unwrap();
    for (chat, free) in [(78, None), (GROUP, None), (79, Some(0))] {
        let pace = limiter.pace(chat);
        let got = linli::store::outbox::reserve_slot(&mut c, store.backend(), chat, pace, Some(0));
        assert_eq!(got.await.unwrap(), free, "chat {chat}");
    }
    // One gap after the first, not after slots the refused tries would have taken.
    let after =
        linli::store::outbox::reserve_slot(&mut c, store.backend(), 78, limiter.pace(78), None);
    let after = after.await.unwrap().expect("a slot");
    assert!(after > 500 && after < 1_300, "{after}");
    drop(c);
}
crate::both!(send_slots_are_shared_between_instances);
