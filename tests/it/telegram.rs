//! The slice through teloxide's real request path, against teloxide_tests' fake Bot API server.

use std::sync::Arc;

use linli::app::{build_engine, EngineOptions};
use linli::clock::ManualClock;
use linli::jobs::sender::Sender;
use teloxide::types::{InlineKeyboardButtonKind, Message};
use teloxide_tests::{
    MockBot, MockCallbackQuery, MockGroupChat, MockMessageText, MockPrivateChat, MockUser,
};

use crate::helpers::{balance, Db, TestDb};

const GROUP: i64 = -100123;
const ALICE: u64 = 111;
const BOB: u64 = 222;
const CAROL: u64 = 333;

fn user(id: u64, name: &str) -> teloxide::types::User {
    MockUser::new()
        .id(id)
        .first_name(name)
        .language_code("zh-hans")
        .build()
}

fn in_group(id: u64, name: &str, text: &str) -> MockMessageText {
    MockMessageText::new()
        .text(text)
        .from(user(id, name))
        .chat(MockGroupChat::new().id(GROUP).title("幸福里").build())
}

fn private(id: u64, name: &str, text: &str) -> MockMessageText {
    MockMessageText::new()
        .text(text)
        .from(user(id, name))
        .chat(MockPrivateChat::new().id(id as i64).build())
}

fn tap(id: u64, name: &str, msg: &Message, data: String) -> MockCallbackQuery {
    MockCallbackQuery::new()
        .id(format!("q{id}{}", data.len()).into())
        .from(user(id, name))
        .message(msg.clone())
        .data(data)
}

/// An engine for the adapter (the bot is @test_bot) and its sender, on a daytime clock in
/// Shanghai: messages to others would otherwise wait out quiet hours.
pub async fn daytime_engine(
    cfg: linli::config::Config,
) -> (Arc<linli::engine::Engine>, Arc<Sender>) {
    let opts = EngineOptions {
        bot_username: Some("test_bot".into()),
        ..Default::default()
    };
    let daytime = chrono::DateTime::parse_from_rfc3339("2026-12-01T01:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let engine = Arc::new(
        build_engine(cfg, Arc::new(ManualClock::new(daytime)), opts)
            .await
            .unwrap(),
    );
    let sender = Arc::new(Sender::new(
        engine.store.clone(),
        engine.clock.clone(),
        None,
    ));
    (engine, sender)
}

/// The callback data of every button of a message.
fn callbacks(msg: &Message) -> Vec<String> {
    msg.reply_markup()
        .map(|m| {
            m.inline_keyboard
                .iter()
                .flatten()
                .filter_map(|b| match &b.kind {
                    InlineKeyboardButtonKind::CallbackData(d) => Some(d.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn urls(msg: &Message) -> Vec<String> {
    msg.reply_markup()
        .map(|m| {
            m.inline_keyboard
                .iter()
                .flatten()
                .filter_map(|b| match &b.kind {
                    InlineKeyboardButtonKind::Url(u) => Some(u.to_string()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_slice_through_the_telegram_adapter() {
    let tdb = TestDb::new(Db::Sqlite).await.unwrap();
    let (engine, sender) = daytime_engine(tdb.config()).await;

    // Alice and Bob have opened a private chat with the bot; Carol has not.
    let mut bot = MockBot::new(private(ALICE, "Alice", "/start"), linli::telegram::schema());
    bot.dependencies(teloxide::dptree::deps![engine.clone(), sender.clone()]);
    bot.dispatch().await;
    assert!(bot.get_responses().sent_messages_text.iter().any(|m| m
        .message
        .text()
        .unwrap()
        .contains("你好 Alice")));
    bot.update(private(BOB, "Bob", "/start"));
    bot.dispatch().await;

    // A group message becomes a card with a claim button.
    bot.update(in_group(
        ALICE,
        "Alice",
        "出闲置：儿童自行车，八成新，30积分",
    ));
    bot.dispatch().await;
    let r = bot.get_responses();
    assert_eq!(r.sent_messages_text.len(), 1);
    let card = r.sent_messages_text[0].message.clone();
    assert_eq!(card.chat.id.0, GROUP);
    assert!(
        card.text().unwrap().contains("儿童自行车") && card.text().unwrap().contains("30 积分")
    );
    let claim = callbacks(&card).remove(0);
    assert!(claim.len() <= 64);

    // Ordinary chat gets nothing.
    bot.update(in_group(BOB, "Bob", "今天天气真好"));
    bot.dispatch().await;
    assert!(bot.get_responses().sent_messages.is_empty());

    // Bob taps: points held, the card shows it, Alice is asked privately.
    bot.update(tap(BOB, "Bob", &card, claim.clone()));
    bot.dispatch().await;
    let r = bot.get_responses();
    assert_eq!(
        r.answered_callback_queries.len(),
        1,
        "every button press is answered"
    );
    assert!(r.edited_messages_text.iter().any(|e| e
        .message
        .text()
        .unwrap()
        .contains("Bob 已预约")));
    let ask = r
        .sent_messages_text
        .iter()
        .find(|m| m.message.chat.id.0 == ALICE as i64)
        .expect("Alice is asked")
        .message
        .clone();
    let (accept, _decline) = {
        let c = callbacks(&ask);
        (c[0].clone(), c[1].clone())
    };

    // Bob cannot accept on Alice's behalf.
    bot.update(tap(BOB, "Bob", &ask, accept.clone()));
    bot.dispatch().await;
    let r = bot.get_responses();
    assert!(r.answered_callback_queries[0].show_alert == Some(true));
    assert!(r.sent_messages.is_empty() && r.edited_messages_text.is_empty());

    // Alice accepts: both hear privately; Bob gets the confirm button.
    bot.update(tap(ALICE, "Alice", &ask, accept));
    bot.dispatch().await;
    let r = bot.get_responses();
    let to_bob = r
        .sent_messages_text
        .iter()
        .find(|m| m.message.chat.id.0 == BOB as i64)
        .expect("Bob hears")
        .message
        .clone();
    assert!(r
        .sent_messages_text
        .iter()
        .any(|m| m.message.chat.id.0 == ALICE as i64));
    assert!(
        r.sent_messages_text
            .iter()
            .all(|m| m.message.chat.id.0 != GROUP),
        "nothing private in the group"
    );
    let confirm = callbacks(&to_bob).remove(0);

    // Bob confirms receipt: the points move and the card says it was given.
    bot.update(tap(BOB, "Bob", &to_bob, confirm));
    bot.dispatch().await;
    let r = bot.get_responses();
    let done = r
        .edited_messages_text
        .iter()
        .find(|e| e.message.chat.id.0 == GROUP)
        .expect("card edited")
        .message
        .clone();
    assert!(done.text().unwrap().contains("已送出"), "{:?}", done.text());
    assert!(callbacks(&done).is_empty(), "a finished card has no button");

    let s = linli::store::state::snapshot(&engine.store).await.unwrap();
    assert_eq!(balance(&s, "Alice"), 80);
    assert_eq!(balance(&s, "Bob"), 20);
    assert_eq!(s["ledger"]["sum"], 0);

    // The old claim button of the finished card is refused with an alert, nothing changes.
    bot.update(tap(BOB, "Bob", &card, claim));
    bot.dispatch().await;
    let r = bot.get_responses();
    assert_eq!(r.answered_callback_queries[0].show_alert, Some(true));
    assert!(r.answered_callback_queries[0]
        .text
        .as_deref()
        .unwrap()
        .contains("已经结束"));

    // Carol never opened a private chat: the group gets a link to open one, and nothing private.
    bot.update(in_group(CAROL, "Carol", "出闲置：台灯，九成新，5积分"));
    bot.dispatch().await;
    let lamp = bot.get_responses().sent_messages_text[0].message.clone();
    bot.update(tap(BOB, "Bob", &lamp, callbacks(&lamp).remove(0)));
    bot.dispatch().await;
    let r = bot.get_responses();
    let nudge = r
        .sent_messages_text
        .iter()
        .find(|m| m.message.chat.id.0 == GROUP)
        .expect("a nudge in the group")
        .message
        .clone();
    assert!(nudge.text().unwrap().contains("Carol"));
    assert_eq!(
        urls(&nudge),
        vec!["https://t.me/test_bot?start=go".to_string()]
    );
    assert!(r
        .sent_messages_text
        .iter()
        .all(|m| m.message.chat.id.0 != CAROL as i64));
    assert!(
        !nudge.text().unwrap().contains("同意"),
        "the private question stays private"
    );
}

/// The callback data of the button whose label contains `label`.
fn button(msg: &Message, label: &str) -> String {
    msg.reply_markup()
        .and_then(|m| {
            m.inline_keyboard.iter().flatten().find_map(|b| {
                match (&b.kind, b.text.contains(label)) {
                    (InlineKeyboardButtonKind::CallbackData(d), true) => Some(d.clone()),
                    _ => None,
                }
            })
        })
        .unwrap_or_else(|| panic!("no button {label:?} under {:?}", msg.text()))
}

fn photo(id: u64, name: &str, file: &str) -> teloxide_tests::MockMessagePhoto {
    teloxide_tests::MockMessagePhoto::new()
        .photo(vec![
            teloxide_tests::MockPhotoSize::new()
                .file_id(teloxide::types::FileId(format!("{file}-small")))
                .width(90)
                .height(60)
                .build(),
            teloxide_tests::MockPhotoSize::new()
                .file_id(teloxide::types::FileId(file.to_string()))
                .width(1280)
                .height(960)
                .build(),
        ])
        .from(user(id, name))
        .chat(MockPrivateChat::new().id(id as i64).build())
}

/// The offer flow in a private chat through teloxide: buttons at each step, two photos, a
/// wrong answer, and the card in the group after the album.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_offer_dialog_with_photos_through_the_telegram_adapter() {
    let tdb = TestDb::new(Db::Sqlite).await.unwrap();
    let (engine, sender) = daytime_engine(tdb.config()).await;
    let mut bot = MockBot::new(private(ALICE, "Alice", "/start"), linli::telegram::schema());
    bot.dependencies(teloxide::dptree::deps![engine.clone(), sender.clone()]);
    bot.dispatch().await;
    bot.update(in_group(ALICE, "Alice", "大家好"));
    bot.dispatch().await;

    macro_rules! last_to_alice {
        ($bot:expr) => {
            $bot.get_responses()
                .sent_messages_text
                .iter()
                .rev()
                .find(|m| m.message.chat.id.0 == ALICE as i64)
                .map(|m| m.message.clone())
                .expect("a message to Alice")
        };
    }

    bot.update(private(ALICE, "Alice", "我要送东西"));
    bot.dispatch().await;
    assert!(last_to_alice!(bot).text().unwrap().contains("你想送出什么"));
    bot.update(private(ALICE, "Alice", "儿童自行车"));
    bot.dispatch().await;
    let ask = last_to_alice!(bot);
    assert!(ask.text().unwrap().contains("是东西、帮忙，还是手艺"));
    bot.update(tap(ALICE, "Alice", &ask, button(&ask, "东西")));
    bot.dispatch().await;
    let ask = last_to_alice!(bot);
    assert!(ask.text().unwrap().contains("属于哪一类"));
    bot.update(tap(ALICE, "Alice", &ask, button(&ask, "儿童用品")));
    bot.dispatch().await;
    let ask = last_to_alice!(bot);
    assert!(ask.text().unwrap().contains("有几成新"));
    // A wrong answer: a clear re-prompt with the same buttons.
    bot.update(private(ALICE, "Alice", "非常新"));
    bot.dispatch().await;
    let ask = last_to_alice!(bot);
    assert!(ask.text().unwrap().contains("请点按钮"), "{:?}", ask.text());
    bot.update(tap(ALICE, "Alice", &ask, button(&ask, "八成新")));
    bot.dispatch().await;
    assert!(last_to_alice!(bot).text().unwrap().contains("请发照片"));
    bot.update(photo(ALICE, "Alice", "front-photo"));
    bot.dispatch().await;
    bot.update(photo(ALICE, "Alice", "side-photo"));
    bot.dispatch().await;
    let ask = last_to_alice!(bot);
    assert!(
        ask.text().unwrap().contains("已收到 2 张"),
        "{:?}",
        ask.text()
    );
    bot.update(tap(ALICE, "Alice", &ask, button(&ask, "完成")));
    bot.dispatch().await;
    let ask = last_to_alice!(bot);
    assert!(ask.text().unwrap().contains("建议 12 积分"));
    bot.update(tap(ALICE, "Alice", &ask, button(&ask, "12 积分")));
    bot.dispatch().await;
    let ask = last_to_alice!(bot);
    assert!(ask.text().unwrap().contains("发布「儿童自行车」，12 积分"));
    bot.update(tap(ALICE, "Alice", &ask, button(&ask, "是")));
    bot.dispatch().await;
    let r = bot.get_responses();
    // The album first, with the largest size of each photo, then the card with its button.
    assert_eq!(r.sent_media_group.len(), 1, "one album");
    let album = &r.sent_media_group[0].messages;
    assert_eq!(album.len(), 2);
    assert!(album.iter().all(|m| m.chat.id.0 == GROUP));
    let card = r
        .sent_messages_text
        .iter()
        .find(|m| m.message.chat.id.0 == GROUP)
        .expect("the card")
        .message
        .clone();
    assert!(card.text().unwrap().contains("儿童自行车"));
    assert!(card.id.0 > album[1].id.0, "the card comes after the album");
    assert_eq!(callbacks(&card).len(), 2, "the claim and report buttons");
    let photos: Vec<String> =
        sqlx::query_scalar("SELECT file_id FROM listing_photos WHERE listing_id = 1 ORDER BY pos")
            .fetch_all(engine.store.pool())
            .await
            .unwrap();
    assert_eq!(photos, vec!["front-photo", "side-photo"]);

    // An old button of the finished flow is refused politely; nothing is posted twice.
    bot.update(tap(ALICE, "Alice", &ask, button(&ask, "是")));
    bot.dispatch().await;
    let r = bot.get_responses();
    assert_eq!(r.answered_callback_queries[0].show_alert, Some(true));
    assert!(r.sent_media_group.is_empty() && r.sent_messages_text.is_empty());
}

/// A voice message or a sticker never meets silence: a kind answer and the menu, whose big keys
/// (simple mode) come as Telegram's reply keyboard; inside a flow, the question again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn voice_and_stickers_get_a_kind_answer_and_the_menu() {
    let tdb = TestDb::new(Db::Sqlite).await.unwrap();
    let (engine, sender) = daytime_engine(tdb.config()).await;
    let mut bot = MockBot::new(
        in_group(ALICE, "王奶奶", "大家好"),
        linli::telegram::schema(),
    );
    bot.dependencies(teloxide::dptree::deps![engine.clone(), sender.clone()]);
    bot.dispatch().await;
    bot.update(private(ALICE, "王奶奶", "简单模式"));
    bot.dispatch().await;

    bot.update(
        teloxide_tests::MockMessageVoice::new()
            .from(user(ALICE, "王奶奶"))
            .chat(MockPrivateChat::new().id(ALICE as i64).build()),
    );
    bot.dispatch().await;
    let r = bot.get_responses();
    let reply = r.sent_messages_text.last().expect("never silence");
    assert!(reply.message.text().unwrap().contains("只看得懂文字"));
    assert!(reply.message.text().unwrap().lines().count() <= 3);
    match &reply.bot_request.reply_markup {
        Some(teloxide::types::ReplyMarkup::Keyboard(k)) => {
            assert_eq!(
                k.keyboard.iter().flatten().count(),
                9,
                "the menu's nine keys"
            );
            assert!(k.keyboard[0][0].text.starts_with("1 "));
        }
        other => panic!("expected the big keys, got {other:?}"),
    }

    // Inside a flow: the same kind words, then the question again.
    bot.update(private(ALICE, "王奶奶", "1"));
    bot.dispatch().await;
    bot.update(
        teloxide_tests::MockMessageSticker::new()
            .from(user(ALICE, "王奶奶"))
            .chat(MockPrivateChat::new().id(ALICE as i64).build()),
    );
    bot.dispatch().await;
    let r = bot.get_responses();
    let reply = r.sent_messages_text.last().expect("never silence");
    let text = reply.message.text().unwrap();
    assert!(
        text.contains("听不懂") && text.contains("你想送出什么"),
        "{text}"
    );
}

/// Issue 13 through teloxide: a worker creates an event in private (typed answers), its card
/// goes to the group, a resident taps RSVP there and gets the check-in QR code as an uploaded
/// PNG photo (sendPhoto with a file, not a file id), then the code in text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_sign_up_sends_the_qr_code_through_the_telegram_adapter() {
    let tdb = TestDb::new(Db::Sqlite).await.unwrap();
    let mut cfg = tdb.config();
    cfg.communities = vec![linli::config::CommunityConfig {
        chat_id: GROUP,
        workers: vec![CAROL as i64],
        ..Default::default()
    }];
    let (engine, sender) = daytime_engine(cfg).await;
    let mut bot = MockBot::new(private(ALICE, "Alice", "/start"), linli::telegram::schema());
    bot.dependencies(teloxide::dptree::deps![engine.clone(), sender.clone()]);
    bot.dispatch().await;
    for (id, name, text) in [
        (CAROL, "Carol", "/start"),
        (ALICE, "Alice", "大家好"),
        (CAROL, "Carol", "大家好"),
    ] {
        let update = if text == "/start" {
            private(id, name, text)
        } else {
            in_group(id, name, text)
        };
        bot.update(update);
        bot.dispatch().await;
    }
    for answer in [
        "/newevent",
        "旧书交换会",
        "1",
        "社区活动室",
        "12月5日",
        "9:30",
        "2",
        "跳过",
        "20",
        "2",
        "5",
        "0",
        "1",
        "1",
        "是",
    ] {
        bot.update(private(CAROL, "Carol", answer));
        bot.dispatch().await;
    }
    let card = bot
        .get_responses()
        .sent_messages_text
        .iter()
        .find(|m| m.message.chat.id.0 == GROUP)
        .map(|m| m.message.clone())
        .expect("the event card in the group");
    assert!(
        card.text().unwrap().contains("旧书交换会"),
        "{:?}",
        card.text()
    );
    bot.update(tap(ALICE, "Alice", &card, button(&card, "报名")));
    bot.dispatch().await;
    let r = bot.get_responses();
    let photo = r
        .sent_messages_photo
        .iter()
        .find(|p| p.message.chat.id.0 == ALICE as i64)
        .expect("the QR code is sent to Alice as a photo");
    // An uploaded file (by name), not a file id; the fake server keeps binary data only as
    // a marker (the PNG itself is checked in `qr::tests`).
    assert_eq!(photo.bot_request.file_name, "checkin.png");
    assert_eq!(
        photo.bot_request.file_data, "error_getting_data",
        "binary data"
    );
    let text = r
        .sent_messages_text
        .iter()
        .find(|m| m.message.chat.id.0 == ALICE as i64)
        .and_then(|m| m.message.text().map(str::to_string))
        .expect("the sign-up message");
    assert!(text.contains("签到码"), "{text}");
    assert!(
        r.sent_messages_photo
            .iter()
            .all(|p| p.message.chat.id.0 != GROUP),
        "no code in the group"
    );
}

/// A worker's poll goes out through `sendPoll` (not anonymous, the options as written), and a
/// resident's `poll_answer` update comes back as their one vote; a vote taken back is dropped.
#[tokio::test]
async fn a_poll_and_its_answers_through_the_telegram_adapter() {
    use teloxide::types::{MaybeAnonymousUser, PollAnswer, Update, UpdateId, UpdateKind};
    let tdb = TestDb::new(Db::Sqlite).await.unwrap();
    let mut cfg = tdb.config();
    cfg.communities = vec![linli::config::CommunityConfig {
        chat_id: GROUP,
        workers: vec![CAROL as i64],
        ..Default::default()
    }];
    let (engine, sender) = daytime_engine(cfg).await;
    let mut bot = MockBot::new(private(CAROL, "Carol", "/start"), linli::telegram::schema());
    bot.dependencies(teloxide::dptree::deps![engine.clone(), sender.clone()]);
    bot.dispatch().await;
    bot.update(in_group(ALICE, "Alice", "大家好"));
    bot.dispatch().await;
    bot.update(private(
        CAROL,
        "Carol",
        "/poll 旧书交换放在哪天？ 周六 / 周日",
    ));
    bot.dispatch().await;
    let preview = bot
        .get_responses()
        .sent_messages_text
        .last()
        .map(|m| m.message.clone())
        .expect("the preview");
    bot.update(tap(CAROL, "Carol", &preview, button(&preview, "发到群里")));
    bot.dispatch().await;
    let r = bot.get_responses();
    let sent = r
        .sent_messages_poll
        .iter()
        .find(|p| p.message.chat.id.0 == GROUP)
        .expect("a native poll in the group");
    assert_eq!(sent.bot_request.is_anonymous, Some(false));
    let poll = sent.message.poll().expect("a poll message");
    let options: Vec<&str> = poll.options.iter().map(|o| o.text.as_str()).collect();
    assert_eq!(options, ["周六", "周日"]);
    let poll_id = poll.id.clone();
    let vote = |id: u32, options: Vec<u8>| Update {
        id: UpdateId(9000 + id),
        kind: UpdateKind::PollAnswer(PollAnswer {
            poll_id: poll_id.clone(),
            voter: MaybeAnonymousUser::User(user(BOB, "Bob")),
            option_ids: options,
        }),
    };
    let answers = |engine: Arc<linli::engine::Engine>| async move {
        let rows: Vec<(i64, Option<i64>)> =
            sqlx::query_as("SELECT member_id, choice FROM survey_answers ORDER BY member_id")
                .fetch_all(engine.store.pool())
                .await
                .unwrap();
        rows
    };
    bot.update(vote(1, vec![1]));
    bot.dispatch().await;
    assert_eq!(answers(engine.clone()).await, vec![(BOB as i64, Some(2))]);
    bot.update(vote(2, vec![0]));
    bot.dispatch().await;
    assert_eq!(answers(engine.clone()).await, vec![(BOB as i64, Some(1))]);
    bot.update(vote(3, vec![]));
    bot.dispatch().await;
    assert_eq!(answers(engine.clone()).await, vec![]);
    // Nothing was said to anyone about the votes (responses are those of the last dispatch).
    assert!(bot.get_responses().sent_messages.is_empty());
}

/// Issue 12: a message the parser is unsure of gets Telegram's setMessageReaction (👀) on that
/// very message, and no card; a sure one a card and no reaction.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unsure_message_gets_a_reaction_through_the_telegram_adapter() {
    let tdb = TestDb::new(Db::Sqlite).await.unwrap();
    let (engine, sender) = daytime_engine(tdb.config()).await;
    let lex = &engine.lexicon;
    let unsure = [
        "谁家有多余的纸箱 我们搬家要用",
        "楼下超市鸡蛋打折 免费送购物袋",
        "物业说周六免费清洗油烟机 要的登记",
        "我家阿姨做的包子太多了 谁要",
        "社区活动室有免费的书可以借",
        "换季了 家里的冬衣谁要",
    ]
    .into_iter()
    .find(|t| {
        matches!(
            linli::parse::judge(t, None, lex),
            linli::parse::Verdict::Unsure(_)
        )
    })
    .expect("one of the candidates is unsure for the shipped model");
    let msg = in_group(ALICE, "Alice", unsure).id(4242);
    let mut bot = MockBot::new(msg, linli::telegram::schema());
    bot.dependencies(teloxide::dptree::deps![engine.clone(), sender.clone()]);
    bot.dispatch().await;
    let r = bot.get_responses();
    assert!(r.sent_messages.is_empty(), "no card");
    assert_eq!(r.set_message_reaction.len(), 1, "one reaction");
    let reaction = &r.set_message_reaction[0];
    assert_eq!(reaction.message_id, 4242, "on the message itself");
    assert_eq!(
        reaction.reaction.as_deref().unwrap_or_default(),
        &[teloxide::types::ReactionType::Emoji {
            emoji: "👀".into()
        }]
    );
    bot.update(in_group(BOB, "Bob", "出闲置：儿童自行车，八成新，30积分"));
    bot.dispatch().await;
    let r = bot.get_responses();
    assert_eq!(r.sent_messages_text.len(), 1, "a card");
    assert!(r.set_message_reaction.is_empty(), "and no reaction");
}
