//! Engine guarantees: at-most-once effects per update, nothing lost between commit and send,
//! and polite refusals that change nothing.

use linli::clock::Clock;
use linli::console::{Console, Printed};
use linli::engine::{ChatRef, Content, Incoming, Person};
use linli::i18n::Locale;
use linli::store::outbox::Button;
use serde_json::Value;

use crate::helpers::{assert_ledger_sound, balance, console, run, state, to, Db, TestDb};

/// The buttons a listing's group card was first posted with.
async fn card_buttons(c: &Console, listing: i64) -> Vec<Button> {
    let json: String = sqlx::query_scalar(
        "SELECT o.buttons FROM outbox o JOIN listings l ON l.card_outbox_id = o.id WHERE l.id = $1",
    )
    .bind(listing)
    .fetch_one(c.engine.store.pool())
    .await
    .unwrap();
    serde_json::from_str::<Vec<Vec<Button>>>(&json)
        .unwrap()
        .concat()
}

/// Every button ever sent to `chat`'s messages, in order (to press an old one again).
async fn buttons_sent_to(c: &Console, chat: i64) -> Vec<Button> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT buttons FROM outbox WHERE chat_id = $1 AND op = 'send' ORDER BY id",
    )
    .bind(chat)
    .fetch_all(c.engine.store.pool())
    .await
    .unwrap();
    rows.iter()
        .flat_map(|j| {
            serde_json::from_str::<Vec<Vec<Button>>>(j)
                .unwrap()
                .concat()
        })
        .collect()
}

async fn id_of(c: &Console, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM members WHERE name = $1")
        .bind(name)
        .fetch_one(c.engine.store.pool())
        .await
        .unwrap()
}

/// Presses the button `b` as `name`, through the engine and the sender.
async fn press(c: &mut Console, name: &str, chat: ChatRef, b: &Button) -> Vec<Printed> {
    let inc = Incoming {
        message_id: None,
        key: format!("test:{}:{}", name, rand_key()),
        chat,
        from: Person {
            id: id_of(c, name).await,
            name: name.into(),
            lang_code: None,
        },
        content: Content::Button {
            query_id: "q".into(),
            data: b.cb.clone().unwrap(),
        },
        at: c.clock.now(),
    };
    deliver(c, &inc).await
}

async fn deliver(c: &mut Console, inc: &Incoming) -> Vec<Printed> {
    let h = c.engine.handle(inc).await.unwrap();
    c.sender
        .deliver_ids(&c.transport, &h.outbox_ids)
        .await
        .unwrap();
    c.transport.take()
}

fn rand_key() -> u64 {
    rand::random()
}

async fn group_chat(c: &Console) -> ChatRef {
    let (chat_id, title): (i64, String) =
        sqlx::query_as("SELECT chat_id, title FROM communities ORDER BY id LIMIT 1")
            .fetch_one(c.engine.store.pool())
            .await
            .unwrap();
    ChatRef::Group { chat_id, title }
}

/// The parts of the state a refusal must not change.
fn essentials(s: &Value) -> Value {
    serde_json::json!({"members": s["members"], "listings": s["listings"], "ledger": s["ledger"]})
}

async fn the_same_update_twice_changes_and_sends_nothing_the_second_time(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let inc = Incoming {
        message_id: None,
        key: "tg:4242".into(),
        chat: ChatRef::Group {
            chat_id: -100,
            title: "幸福里".into(),
        },
        from: Person {
            id: 7,
            name: "小王".into(),
            lang_code: Some("zh-hans".into()),
        },
        content: Content::Text("出闲置：台灯，九成新，20积分".into()),
        at: c.clock.now(),
    };
    let first = deliver(&mut c, &inc).await;
    assert_eq!(first.len(), 1);
    let before = state(&c).await;
    let again = c.engine.handle(&inc).await.unwrap();
    assert!(again.duplicate);
    assert!(again.outbox_ids.is_empty());
    c.sender.deliver_due(&c.transport).await.unwrap();
    assert!(c.transport.take().is_empty(), "something was sent twice");
    assert_eq!(state(&c).await, before);
    assert_eq!(before["listings"].as_array().unwrap().len(), 1);
}

async fn a_message_committed_but_not_sent_is_sent_after_a_restart(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let c = console(&tdb, Locale::En).await;
    let inc = Incoming {
        message_id: None,
        key: "tg:1".into(),
        chat: ChatRef::Group {
            chat_id: -100,
            title: "Oak".into(),
        },
        from: Person {
            id: 7,
            name: "Alice".into(),
            lang_code: None,
        },
        content: Content::Text("OFFER: desk lamp, 12 points".into()),
        at: c.clock.now(),
    };
    // Commit, then "crash" before the sender runs.
    let h = c.engine.handle(&inc).await.unwrap();
    assert_eq!(h.outbox_ids.len(), 1);
    drop(c);
    let mut restarted = console(&tdb, Locale::En).await;
    let printed = run(
        &mut restarted,
        "# after the restart, any line drains the outbox\n@time 2026-12-01 10:00\n",
    )
    .await;
    assert_eq!(printed.len(), 1, "{printed:?}");
    assert_eq!(printed[0].to, "#Oak");
    assert!(printed[0].text.contains("desk"), "{printed:?}");
    // ... and only once.
    let again = run(&mut restarted, "@time 2026-12-01 11:00\n").await;
    assert!(again.is_empty());
}

async fn refusal_case(
    db: Db,
    locale: Locale,
    script: &str,
    act: impl AsyncFnOnce(&mut Console) -> Vec<Printed>,
    who: &str,
    expect: &str,
) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, locale).await;
    run(&mut c, script).await;
    let before = essentials(&state(&c).await);
    let printed = act(&mut c).await;
    let mine = to(&printed, who);
    assert!(
        mine.iter().any(|p| p.text.contains(expect)),
        "expected {expect:?} for {who}, got {printed:?}"
    );
    assert_eq!(
        printed.len(),
        mine.len(),
        "only {who} hears of it: {printed:?}"
    );
    assert_eq!(
        essentials(&state(&c).await),
        before,
        "a refusal changed the state"
    );
}

async fn an_unknown_command_is_explained_in_the_members_language(db: Db) {
    for (locale, expect) in [
        (Locale::En, "I don't know /frobnicate"),
        (Locale::ZhCn, "我不认识 /frobnicate"),
    ] {
        refusal_case(
            db,
            locale,
            "Bob@Oak: hi\n",
            async |c| run(c, "Bob: /frobnicate now\n").await,
            "Bob",
            expect,
        )
        .await;
    }
}

async fn claiming_ones_own_listing_is_refused(db: Db) {
    // Each poster writes in the language they are answered in (an English post would make
    // Alice an English speaker).
    for (locale, post, expect) in [
        (
            Locale::En,
            "Alice@Oak: OFFER: kettle, 5 points\n",
            "your own listing",
        ),
        (
            Locale::ZhCn,
            "Alice@Oak: 出闲置：水壶，5积分\n",
            "你自己发布的",
        ),
    ] {
        refusal_case(
            db,
            locale,
            post,
            async |c| run(c, "Alice taps 1\n").await,
            "Alice",
            expect,
        )
        .await;
    }
}

async fn claiming_a_listing_already_claimed_is_refused(db: Db) {
    for (locale, expect) in [
        (Locale::En, "already reserved"),
        (Locale::ZhCn, "已经被别的邻居预约"),
    ] {
        let script = "Alice@Oak: OFFER: kettle, 5 points\nBob@Oak: hi\nCarol@Oak: hi\nBob taps 1\n";
        refusal_case(
            db,
            locale,
            script,
            async |c| {
                let b = card_buttons(c, 1).await;
                let chat = group_chat(c).await;
                press(c, "Carol", chat, &b[0]).await
            },
            "Carol",
            expect,
        )
        .await;
    }
}

async fn a_button_of_a_finished_listing_is_refused(db: Db) {
    for (locale, expect, again) in [
        (Locale::En, "is finished", "already confirmed"),
        (Locale::ZhCn, "已经结束", "已经确认收到"),
    ] {
        let script = "Alice@Oak: OFFER: kettle, 5 points\nBob@Oak: hi\nCarol@Oak: hi\nBob taps 1\nAlice taps 1\nBob taps 1\n";
        refusal_case(
            db,
            locale,
            script,
            async |c| {
                let b = card_buttons(c, 1).await;
                let chat = group_chat(c).await;
                press(c, "Carol", chat, &b[0]).await
            },
            "Carol",
            expect,
        )
        .await;
        // The receiver's own "I received it" pressed a second time is refused too.
        refusal_case(
            db,
            locale,
            script,
            async |c| {
                let bob = id_of(c, "Bob").await;
                let confirm = buttons_sent_to(c, bob)
                    .await
                    .into_iter()
                    .find(|b| b.label.contains("I received it") || b.label.contains("我已收到"))
                    .unwrap();
                press(c, "Bob", ChatRef::Private, &confirm).await
            },
            "Bob",
            again,
        )
        .await;
    }
}

async fn claiming_without_enough_points_is_refused(db: Db) {
    for (locale, expect) in [
        (Locale::En, "Not enough points: this needs 60, you have 50"),
        (Locale::ZhCn, "积分不够：需要 60 积分，你现在可用 50 积分"),
    ] {
        refusal_case(
            db,
            locale,
            "Alice@Oak: OFFER: sofa, 60 points\nBob@Oak: hi\n",
            async |c| run(c, "Bob taps 1\n").await,
            "Bob",
            expect,
        )
        .await;
    }
}

async fn a_button_meant_for_someone_else_is_refused(db: Db) {
    let script = "Alice@Oak: OFFER: kettle, 5 points\nBob@Oak: hi\nCarol@Oak: hi\nBob taps 1\n";
    refusal_case(
        db,
        Locale::En,
        script,
        async |c| {
            let alice = id_of(c, "Alice").await;
            let accept = buttons_sent_to(c, alice).await.remove(0);
            press(c, "Carol", ChatRef::Private, &accept).await
        },
        "Carol",
        "isn't meant for you",
    )
    .await;
}

async fn a_decline_returns_the_held_points_and_reopens_the_card(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    let printed = run(
        &mut c,
        "Alice@Oak: OFFER: kettle, 5 points\nBob@Oak: hi\nBob taps 1\n",
    )
    .await;
    assert!(to(&printed, "Bob")[0].text.contains("5 points are held"));
    assert_eq!(balance(&state(&c).await, "Bob"), 45);
    let printed = run(&mut c, "Alice taps \"Decline\"\n").await;
    assert!(
        to(&printed, "Bob")
            .iter()
            .any(|p| p.text.contains("held points are back")),
        "{printed:?}"
    );
    let card = to(&printed, "#Oak");
    assert_eq!(
        card[0].buttons,
        vec!["🙋 I'd like it", "⚠️ Report"],
        "the card is open again"
    );
    let s = state(&c).await;
    assert_eq!(balance(&s, "Bob"), 50);
    assert_eq!(s["listings"][0]["status"], "open");
    assert_ledger_sound(&s);
}

async fn a_member_who_never_opened_a_private_chat_gets_a_link_in_the_group_and_the_message_later(
    db: Db,
) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    // Telegram's rule: no private message before the member opens the chat.
    let mut engine = std::sync::Arc::try_unwrap(std::mem::replace(
        &mut c.engine,
        std::sync::Arc::new(crate::helpers::dummy_engine(&tdb).await),
    ))
    .unwrap_or_else(|_| panic!("engine shared"));
    engine.assume_dm_open = false;
    c.engine = std::sync::Arc::new(engine);
    let printed = run(
        &mut c,
        "Alice@Oak: OFFER: kettle, 5 points\nBob@Oak: hi\nBob taps 1\n",
    )
    .await;
    let group = to(&printed, "#Oak");
    let nudge = group
        .iter()
        .find(|p| p.text.contains("open a private chat with me"))
        .expect("a nudge in the group");
    assert_eq!(nudge.buttons, vec!["💬 Open a private chat"]);
    assert!(
        to(&printed, "Alice").is_empty(),
        "nothing private before Alice opens the chat"
    );
    assert!(
        group.iter().all(|p| !p.text.contains("Do you agree")),
        "the private question leaked to the group"
    );
    // Alice opens the chat: the held question arrives.
    let printed = run(&mut c, "Alice taps \"Open a private chat\"\n").await;
    assert!(
        to(&printed, "Alice")
            .iter()
            .any(|p| p.text.contains("would like your #1")),
        "{printed:?}"
    );
}

both!(the_same_update_twice_changes_and_sends_nothing_the_second_time);
both!(a_message_committed_but_not_sent_is_sent_after_a_restart);
both!(an_unknown_command_is_explained_in_the_members_language);
both!(claiming_ones_own_listing_is_refused);
both!(claiming_a_listing_already_claimed_is_refused);
both!(a_button_of_a_finished_listing_is_refused);
both!(claiming_without_enough_points_is_refused);
both!(a_button_meant_for_someone_else_is_refused);
both!(a_decline_returns_the_held_points_and_reopens_the_card);
both!(a_member_who_never_opened_a_private_chat_gets_a_link_in_the_group_and_the_message_later);

/// `/withdraw`: the claimer takes a claim back, the owner takes the listing down; held points
/// go back each time, the card follows, and nobody else can do it.
async fn withdrawing_a_claim_or_a_listing_returns_the_held_points(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    run(
        &mut c,
        "Alice@Oak: OFFER: chair, 20 points\nCarol@Oak: hi\nBob@Oak: hi\nBob taps 1\n",
    )
    .await;
    assert_eq!(balance(&state(&c).await, "Bob"), 30);
    // Typed without the slash, as the accept message says.
    let printed = run(&mut c, "Bob: withdraw 1\n").await;
    assert!(
        to(&printed, "Alice")
            .iter()
            .any(|p| p.text.contains("cancelled their claim")),
        "{printed:?}"
    );
    assert!(to(&printed, "#Oak")
        .iter()
        .any(|p| p.edit && p.buttons == vec!["🙋 I'd like it", "⚠️ Report"]));
    assert!(to(&printed, "Bob")
        .iter()
        .any(|p| p.text.contains("20 points are back")));
    assert_eq!(balance(&state(&c).await, "Bob"), 50);

    let printed = run(&mut c, "Bob taps 1\nAlice: /withdraw #1\n").await;
    assert!(
        to(&printed, "Bob")
            .iter()
            .any(|p| p.text.contains("Alice withdrew #1")),
        "{printed:?}"
    );
    assert!(to(&printed, "#Oak")
        .iter()
        .any(|p| p.edit && p.text.contains("Withdrawn") && p.buttons.is_empty()));
    let s = state(&c).await;
    assert_eq!(balance(&s, "Bob"), 50);
    assert_eq!(s["listings"][0]["status"], "withdrawn");
    assert_ledger_sound(&s);

    let before = state(&c).await;
    let printed = run(
        &mut c,
        "Carol: /withdraw 1\nAlice: /withdraw 1\nAlice: /withdraw chair\n",
    )
    .await;
    assert!(printed[0].text.contains("not yours"), "{printed:?}");
    assert!(printed[1].text.contains("is finished"), "{printed:?}");
    assert!(printed[2].text.contains("Usage: withdraw"), "{printed:?}");
    assert_eq!(state(&c).await, before);
}

both!(withdrawing_a_claim_or_a_listing_returns_the_held_points);

/// After a hand-over each side rates the other once; the rated member's credit moves, and
/// credit shows only in private.
async fn ratings_move_credit_once_and_stay_private(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    let printed = run(&mut c, "Alice@Oak: OFFER: kettle, 5 points\nBob@Oak: hi\nBob taps 1\nAlice taps \"Accept\"\nBob taps \"I received it\"\n").await;
    assert!(
        to(&printed, "Alice")
            .iter()
            .any(|p| p.text.contains("How did Bob do") && p.buttons.len() == 5),
        "{printed:?}"
    );
    assert!(to(&printed, "Bob")
        .iter()
        .any(|p| p.text.contains("How did Alice do")));
    let printed = run(&mut c, "Bob taps \"5⭐\"\nAlice taps \"1⭐\"\n").await;
    assert!(
        to(&printed, "Bob")
            .iter()
            .any(|p| p.text.contains("Thank you for rating (5⭐)")),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(crate::helpers::member(&s, "Alice")["credit"], 102);
    assert_eq!(crate::helpers::member(&s, "Bob")["credit"], 97);
    // Once only: pressing another star of the same message is refused, nothing moves.
    let bob = id_of(&c, "Bob").await;
    let stars: Vec<Button> = buttons_sent_to(&c, bob)
        .await
        .into_iter()
        .filter(|b| b.label.contains('⭐'))
        .collect();
    let printed = press(&mut c, "Bob", ChatRef::Private, &stars[0]).await;
    assert!(
        printed
            .iter()
            .any(|p| p.alert && p.text.contains("already rated")),
        "{printed:?}"
    );
    assert_eq!(
        crate::helpers::member(&state(&c).await, "Alice")["credit"],
        102
    );
    let printed = run(&mut c, "Bob: points\nBob@Oak: points\n").await;
    assert!(to(&printed, "Bob")
        .iter()
        .any(|p| p.text.contains("Credit: 97")));
    assert!(to(&printed, "#Oak").is_empty(), "credit never in a group");
}

both!(ratings_move_credit_once_and_stay_private);
