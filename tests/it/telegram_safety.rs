//! The dispute flow through teloxide's real request path: a photo with `/dispute` in private,
//! the case card in the social workers' chat, a worker's button there, the outcome privately;
//! points and credit checked in the state object. Also `/addworker` as a reply.

use linli::config::CommunityConfig;
use teloxide::types::{InlineKeyboardButtonKind, Message};
use teloxide_tests::{
    MockBot, MockCallbackQuery, MockGroupChat, MockMessagePhoto, MockMessageText, MockPrivateChat,
    MockUser,
};

use crate::helpers::{assert_ledger_sound, balance, member, Db, TestDb};

const GROUP: i64 = -100123;
const WORKERS: i64 = -100999;
const ALICE: u64 = 111;
const BOB: u64 = 222;
const CAROL: u64 = 333;
const DANA: u64 = 444;
const ADMIN: u64 = 555;

fn user(id: u64, name: &str) -> teloxide::types::User {
    MockUser::new()
        .id(id)
        .first_name(name)
        .language_code("zh-hans")
        .build()
}

fn group_chat() -> teloxide::types::Chat {
    MockGroupChat::new().id(GROUP).title("幸福里").build()
}

fn in_group(id: u64, name: &str, text: &str) -> MockMessageText {
    MockMessageText::new()
        .text(text)
        .from(user(id, name))
        .chat(group_chat())
}

fn private(id: u64, name: &str, text: &str) -> MockMessageText {
    MockMessageText::new()
        .text(text)
        .from(user(id, name))
        .chat(MockPrivateChat::new().id(id as i64).build())
}

fn tap(id: u64, name: &str, msg: &Message, data: String) -> MockCallbackQuery {
    MockCallbackQuery::new()
        .id(format!("q{id}{data}").into())
        .from(user(id, name))
        .message(msg.clone())
        .data(data)
}

/// The callback data of the buttons of a message whose label contains `label`.
fn button(msg: &Message, label: &str) -> String {
    msg.reply_markup()
        .into_iter()
        .flat_map(|m| m.inline_keyboard.iter().flatten())
        .find_map(|b| match &b.kind {
            InlineKeyboardButtonKind::CallbackData(d) if b.text.contains(label) => Some(d.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no button {label:?} on {:?}", msg.text()))
}

/// SQLite only, like the slice's Telegram test: MockBot runs each dispatch on a Tokio runtime
/// of its own, and a PostgreSQL connection opened there fails once that runtime shuts down
/// ("A Tokio 1.x context was found, but it is being shutdown"). The same flow runs on both
/// backends through the console (`safety::dispute_script_*`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dispute_through_the_telegram_adapter() {
    let tdb = TestDb::new(Db::Sqlite).await.unwrap();
    let mut cfg = tdb.config();
    cfg.communities = vec![CommunityConfig {
        chat_id: GROUP,
        workers_chat_id: Some(WORKERS),
        workers: vec![DANA as i64],
        admins: vec![ADMIN as i64],
        ..Default::default()
    }];
    let (engine, sender) = crate::telegram::daytime_engine(cfg).await;
    let mut bot = MockBot::new(private(ALICE, "Alice", "/start"), linli::telegram::schema());
    bot.dependencies(teloxide::dptree::deps![engine.clone(), sender.clone()]);
    bot.dispatch().await;
    for (id, name) in [(BOB, "Bob"), (DANA, "Dana")] {
        bot.update(private(id, name, "/start"));
        bot.dispatch().await;
    }
    bot.update(in_group(CAROL, "Carol", "大家好"));
    bot.dispatch().await;

    // The hand-over: Alice offers, Bob claims, Alice accepts, Bob confirms.
    bot.update(in_group(
        ALICE,
        "Alice",
        "出闲置：儿童自行车，八成新，30积分",
    ));
    bot.dispatch().await;
    let card = bot.get_responses().sent_messages_text[0].message.clone();
    bot.update(tap(BOB, "Bob", &card, button(&card, "我想要")));
    bot.dispatch().await;
    let ask = bot
        .get_responses()
        .sent_messages_text
        .iter()
        .find(|m| m.message.chat.id.0 == ALICE as i64)
        .unwrap()
        .message
        .clone();
    bot.update(tap(ALICE, "Alice", &ask, button(&ask, "同意")));
    bot.dispatch().await;
    let to_bob = bot
        .get_responses()
        .sent_messages_text
        .iter()
        .find(|m| m.message.chat.id.0 == BOB as i64)
        .unwrap()
        .message
        .clone();
    bot.update(tap(BOB, "Bob", &to_bob, button(&to_bob, "我已收到")));
    bot.dispatch().await;

    // Bob sends a photo with the dispute in its caption.
    bot.update(
        MockMessagePhoto::new()
            .caption("/dispute 1 车把是坏的")
            .from(user(BOB, "Bob"))
            .chat(MockPrivateChat::new().id(BOB as i64).build()),
    );
    bot.dispatch().await;
    let r = bot.get_responses();
    let case = r
        .sent_messages_text
        .iter()
        .find(|m| m.message.chat.id.0 == WORKERS)
        .expect("the case card goes to the workers' chat")
        .message
        .clone();
    let text = case.text().unwrap();
    assert!(
        text.contains("纠纷 #1") && text.contains("照片 1 张") && text.contains("冻结 30 积分"),
        "{text}"
    );
    assert!(text.contains("Alice（信用 100）"), "{text}");
    assert!(
        r.sent_messages_text
            .iter()
            .all(|m| m.message.chat.id.0 != GROUP),
        "nothing about the dispute in the group"
    );
    let s = linli::store::state::snapshot(&engine.store).await.unwrap();
    assert_eq!(balance(&s, "Alice"), 50, "30 frozen: {s}");
    assert_eq!(member(&s, "Alice")["frozen"], 30);
    assert_ledger_sound(&s);

    // Carol (a resident) cannot decide; Dana, a worker, can, from the workers' chat.
    let pay = button(&case, "赔偿 10");
    bot.update(tap(CAROL, "Carol", &case, pay.clone()));
    bot.dispatch().await;
    let r = bot.get_responses();
    assert_eq!(r.answered_callback_queries[0].show_alert, Some(true));
    assert!(r.sent_messages.is_empty());
    bot.update(tap(DANA, "Dana", &case, pay));
    bot.dispatch().await;
    let r = bot.get_responses();
    for id in [ALICE, BOB] {
        assert!(
            r.sent_messages_text
                .iter()
                .any(|m| m.message.chat.id.0 == id as i64
                    && m.message.text().unwrap().contains("赔偿 10 积分")),
            "{id} hears the outcome privately"
        );
    }
    assert!(r
        .sent_messages_text
        .iter()
        .any(|m| m.message.chat.id.0 == WORKERS
            && m.message.text().unwrap().contains("已由 Dana 处理")));
    let s = linli::store::state::snapshot(&engine.store).await.unwrap();
    assert_eq!(balance(&s, "Bob"), 30, "{s}");
    assert_eq!(balance(&s, "Alice"), 70, "{s}");
    assert_eq!(member(&s, "Alice")["credit"], 90);
    assert_eq!(s["disputes"][0]["status"], "compensated");
    assert_eq!(s["disputes"][0]["opened_by"], "Bob");
    assert_ledger_sound(&s);
    // The workers' chat is no community: Dana got no starter points there.
    assert_eq!(balance(&s, "Dana"), 0);

    // The admin names Carol a worker by replying to her message.
    let carol_msg = in_group(CAROL, "Carol", "我可以帮忙").build();
    bot.update(in_group(ADMIN, "Admin", "/addworker").reply_to_message(carol_msg));
    bot.dispatch().await;
    let s = linli::store::state::snapshot(&engine.store).await.unwrap();
    assert_eq!(member(&s, "Carol")["roles"][0], "worker", "{s}");
}
