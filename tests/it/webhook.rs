//! Webhook mode (issue 16): Telegram's posts through the real HTTP path — the secret token is
//! required, an update is answered only once committed, a repeated post is not applied twice,
//! and the replies go out through teloxide to a fake Bot API server.

use serde_json::json;
use teloxide::prelude::Requester;

use crate::fake_api::FakeApi;
use crate::helpers::{Db, TestDb};
use linli::telegram::webhook::{router, Hook};

async fn post(port: u16, secret: Option<&str>, update: &serde_json::Value) -> u16 {
    let mut req = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/hook"))
        .json(update);
    if let Some(s) = secret {
        req = req.header("X-Telegram-Bot-Api-Secret-Token", s);
    }
    req.send().await.unwrap().status().as_u16()
}

fn private(update_id: i64, text: &str) -> serde_json::Value {
    json!({"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_764_000_000,
        "chat": {"id": 555, "type": "private", "first_name": "Ann"},
        "from": {"id": 555, "is_bot": false, "first_name": "Ann", "language_code": "zh-hans"},
        "text": text}})
}

fn in_group(update_id: i64, text: &str) -> serde_json::Value {
    json!({"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_764_000_000,
        "chat": {"id": -100_777, "type": "supergroup", "title": "幸福里"},
        "from": {"id": 555, "is_bot": false, "first_name": "Ann", "language_code": "zh-hans"},
        "text": text}})
}

#[tokio::test]
async fn a_webhook_post_needs_the_secret_and_counts_once() {
    let tdb = TestDb::new(Db::Sqlite).await.unwrap();
    let (api, url) = FakeApi::start().await;
    let bot = teloxide::Bot::new("4242:token").set_api_url(url);
    let me = bot.get_me().await.unwrap();
    let (engine, sender) = crate::telegram::daytime_engine(tdb.config()).await;
    // As `linli run` in webhook mode: a post is answered once committed, its messages follow.
    let sender = std::sync::Arc::new((*sender).clone().answering_first());
    let hook = Hook::new(engine.clone(), sender.clone(), bot, me, "s3cret-token");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, router(hook, "/hook")).await.unwrap() });

    // No secret, or a wrong one: refused, nothing done.
    assert_eq!(post(port, None, &private(1, "/start")).await, 401);
    assert_eq!(post(port, Some("guess"), &private(1, "/start")).await, 401);
    assert!(api.of("sendMessage").is_empty());

    // With it: answered, and the reply went out to Ann.
    assert_eq!(
        post(port, Some("s3cret-token"), &private(1, "/start")).await,
        200
    );
    let to_ann = |api: &FakeApi| {
        api.of("sendMessage")
            .iter()
            .filter(|c| c.body["chat_id"] == 555)
            .count()
    };
    let first = soon(|| to_ann(&api)).await;
    assert!(first >= 1, "{:?}", api.calls());
    // Telegram posting the same update again (it never heard our 200): not applied twice.
    assert_eq!(
        post(port, Some("s3cret-token"), &private(1, "/start")).await,
        200
    );
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(to_ann(&api), first);

    // A listing in the group: its card goes to the group.
    let listing = in_group(2, "出闲置：儿童自行车，八成新，30积分");
    assert_eq!(post(port, Some("s3cret-token"), &listing).await, 200);
    let in_group = |api: &FakeApi| {
        api.of("sendMessage")
            .iter()
            .filter(|c| c.body["chat_id"] == -100_777)
            .count()
    };
    soon(|| in_group(&api)).await;
    let card = api
        .of("sendMessage")
        .into_iter()
        .find(|c| c.body["chat_id"] == -100_777)
        .expect("a card in the group");
    assert!(card.body["text"].as_str().unwrap().contains("儿童自行车"));
    let s = state_of(&engine).await;
    assert_eq!(s["listings"].as_array().unwrap().len(), 1);
    // An update the bot cannot read is acknowledged (posting it again would not help).
    assert_eq!(
        post(port, Some("s3cret-token"), &json!({"nonsense": true})).await,
        200
    );
}

/// What `count` gives once it is not 0 and has not changed for half a second (the messages
/// of an answered post follow it), or 0 after five seconds.
async fn soon(count: impl Fn() -> usize) -> usize {
    let (mut last, mut same) = (0, 0);
    for _ in 0..100 {
        let n = count();
        same = if n == last { same + 1 } else { 0 };
        last = n;
        if n > 0 && same >= 10 {
            return n;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    last
}

async fn state_of(engine: &linli::engine::Engine) -> serde_json::Value {
    linli::store::state::snapshot(&engine.store).await.unwrap()
}

/// Long polling with several instances on one PostgreSQL database: one holds the lead; the
/// others wait; when the leader's connection goes, another takes it. SQLite always leads.
async fn one_instance_polls_at_a_time(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let a = linli::store::Store::open(&tdb.config().database)
        .await
        .unwrap();
    let b = linli::store::Store::open(&tdb.config().database)
        .await
        .unwrap();
    let mut first = linli::store::leader::try_lead(&a)
        .await
        .unwrap()
        .expect("the first leads");
    assert!(first.holds().await);
    let second = linli::store::leader::try_lead(&b).await.unwrap();
    if db == Db::Sqlite {
        assert!(
            second.is_some(),
            "a SQLite file serves one instance: it always leads"
        );
        return;
    }
    assert!(second.is_none(), "the second waits");
    drop(first);
    // The lock goes with its connection; the second takes over.
    let mut taken = None;
    for _ in 0..50 {
        taken = linli::store::leader::try_lead(&b).await.unwrap();
        if taken.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        taken.is_some(),
        "the second takes over when the first is gone"
    );
}
both!(one_instance_polls_at_a_time);
