//! Issue 13: offline swap events, from the worker's flow to the report, on both backends,
//! checked through the transcript and `linli state --json`.

use std::sync::Arc;

use linli::engine::kernel::{ChatRef, Content, Incoming, Person};
use linli::i18n::Locale;
use serde_json::Value;

use crate::helpers::{
    assert_groups_clean, assert_ledger_sound, balance, console, run, state, to, Db, TestDb,
};

/// The worker's answers to the event flow: with `all_groups`, the first of several
/// communities hosts it and it is announced in all; then the
/// title, theme (a choice number), place, day, time, hours, slots, capacity, items per
/// family, attendance and volunteer points, groups (1 this one, 2 all), repeat (1 once).
#[allow(clippy::too_many_arguments)]
fn create_script(
    worker: &str,
    title: &str,
    theme: u8,
    day: &str,
    time: &str,
    capacity: u32,
    items: u32,
    points: (u32, u32),
    all_groups: bool,
) -> String {
    let groups = if all_groups { 2 } else { 1 };
    let mut lines = vec![format!("{worker}: /newevent")];
    if all_groups {
        // The worker serves several groups: the first hosts it.
        lines.push(format!("{worker}: 1"));
    }
    lines.extend([
        format!("{worker}: {title}"),
        format!("{worker}: {theme}"),
        format!("{worker}: 3号楼一层活动室"),
        format!("{worker}: {day}"),
        format!("{worker}: {time}"),
        format!("{worker}: 2"),
        format!("{worker}: 9:30 儿童区，10:30 图书区"),
        format!("{worker}: {capacity}"),
        format!("{worker}: {items}"),
        format!("{worker}: {}", points.0),
        format!("{worker}: {}", points.1),
        format!("{worker}: {groups}"),
        format!("{worker}: 1"),
        format!("{worker}: 是"),
    ]);
    lines.join("\n")
}

fn event(s: &Value, id: i64) -> &Value {
    s["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no event {id} in {s}"))
}

fn signup<'a>(s: &'a Value, id: i64, name: &str) -> &'a Value {
    event(s, id)["signups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["member"] == name)
        .unwrap_or_else(|| panic!("{name} did not sign up for {id}: {s}"))
}

fn code(s: &Value, id: i64, name: &str) -> String {
    signup(s, id, name)["code"].as_str().unwrap().to_string()
}

fn said(printed: &[linli::console::Printed], name: &str, words: &str) -> bool {
    to(printed, name).iter().any(|p| p.text.contains(words))
}

/// No group message carries a check-in code or any other private fact.
async fn assert_no_codes_in_groups(c: &linli::console::Console) {
    assert_groups_clean(c).await;
    let s = state(c).await;
    let group_texts: Vec<String> = sqlx::query_scalar("SELECT text FROM outbox WHERE chat_id < 0")
        .fetch_all(c.engine.store.pool())
        .await
        .unwrap();
    for e in s["events"].as_array().unwrap() {
        for x in e["signups"].as_array().unwrap() {
            let code = x["code"].as_str().unwrap();
            assert!(
                group_texts.iter().all(|t| !t.contains(code)),
                "check-in code {code} was said in a group"
            );
        }
    }
}

/// The whole life of an event in Chinese: created by a worker, announced in two groups,
/// 接龙 replies, a full house and a waitlist, a cancellation that promotes, reminders at the
/// right local times, items registered, check-in by code and by list, a swap, the end,
/// feedback and the report.
async fn a_swap_event_from_announcement_to_report(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "@worker 张社工
小王@幸福里: 大家好
小李@幸福里: 你好
王奶奶@幸福里: 早
老赵@阳光苑: 早上好
小周@阳光苑: 早",
    )
    .await;
    // Saturday 2026-12-05, 9:30 for two hours, 3 places, 2 things each, books only.
    let printed = run(
        &mut c,
        &create_script(
            "张社工",
            "旧书交换会",
            2,
            "12月5日",
            "上午9点半",
            3,
            2,
            (5, 10),
            true,
        ),
    )
    .await;
    let cards: Vec<_> = printed.iter().filter(|p| p.to.starts_with('#')).collect();
    assert_eq!(cards.len(), 2, "a card in each group: {printed:?}");
    for card in &cards {
        assert!(
            card.text.contains("12月5日 星期六 上午9:30"),
            "{}",
            card.text
        );
        assert!(card.text.contains("3号楼一层活动室"), "{}", card.text);
        assert!(card.text.contains("还剩 3 个"), "{}", card.text);
        assert!(card.buttons.iter().any(|b| b.contains("报名")));
    }
    let s = state(&c).await;
    assert_eq!(event(&s, 1)["capacity"], 3);
    assert_eq!(event(&s, 1)["status"], "open");

    // 接龙 in the groups: a reply "报名", a family of two; the card counts places.
    let printed = run(
        &mut c,
        "小王@幸福里 > #1: 报名
小李@幸福里 > #1: 我家两个人",
    )
    .await;
    assert!(said(&printed, "小王", "签到码"), "{printed:?}");
    assert!(
        to(&printed, "小王")
            .iter()
            .any(|p| p.text.starts_with("[📷")),
        "the QR code comes as a photo: {printed:?}"
    );
    assert!(
        printed
            .iter()
            .any(|p| p.to == "#阳光苑" && p.edit && p.text.contains("已满")),
        "the cards in both groups say it is full: {printed:?}"
    );
    // Full: the next ones wait, in order.
    let printed = run(
        &mut c,
        "老赵@阳光苑 > #1: +1
小周@阳光苑 > #1: 接龙",
    )
    .await;
    assert!(said(&printed, "老赵", "候补第 1 位"), "{printed:?}");
    assert!(said(&printed, "小周", "候补第 2 位"), "{printed:?}");
    let s = state(&c).await;
    assert_eq!(event(&s, 1)["signed_up"], 3);
    assert_eq!(event(&s, 1)["waitlist"], 2);
    // A question replied to the card is answered privately; chatter does nothing.
    let printed = run(&mut c, "王奶奶@幸福里 > #1: 几点开始呀？").await;
    assert!(said(&printed, "王奶奶", "3号楼一层活动室"), "{printed:?}");
    assert!(
        printed.iter().all(|p| !p.to.starts_with('#')),
        "{printed:?}"
    );
    let printed = run(&mut c, "王奶奶@幸福里 > #1: 好的呀").await;
    assert!(printed.is_empty(), "{printed:?}");

    // 小李's family cancels: 老赵 is promoted (told, with his code); 小周 still waits.
    // Asked first: a typed "1" keeps the place, only the second button cancels.
    let printed = run(&mut c, "小李: 取消报名").await;
    assert!(said(&printed, "小李", "确定要取消"), "{printed:?}");
    let printed = run(&mut c, "小李: 1").await;
    assert!(said(&printed, "小李", "到时见"), "{printed:?}");
    assert_eq!(signup(&state(&c).await, 1, "小李")["status"], "confirmed");
    let printed = run(&mut c, "小李: 取消报名\n小李 taps \"确认取消\"").await;
    assert!(said(&printed, "小李", "已取消"), "{printed:?}");
    assert!(said(&printed, "老赵", "给你留了名额"), "{printed:?}");
    assert!(said(&printed, "老赵", "签到码"), "{printed:?}");
    let s = state(&c).await;
    assert_eq!(signup(&s, 1, "老赵")["status"], "confirmed");
    assert_eq!(
        signup(&s, 1, "小周")["status"],
        "confirmed",
        "one place left after 老赵: {s}"
    );
    assert_eq!(signup(&s, 1, "小李")["status"], "cancelled");

    // Items: books only, two per family.
    let printed = run(
        &mut c,
        "小王 taps \"我带东西\"
小王: 绘本五本
小王: 3",
    )
    .await;
    assert!(said(&printed, "小王", "交换桌"), "{printed:?}");
    run(
        &mut c,
        "老赵: /event 1
老赵 taps \"我带东西\"
老赵: 三国演义
老赵: 2",
    )
    .await;
    let printed = run(&mut c, "小王: /event 1").await;
    assert!(
        said(&printed, "小王", "绘本五本"),
        "the swap table: {printed:?}"
    );
    assert!(said(&printed, "小王", "三国演义"), "{printed:?}");

    // Reminders: nothing before the day before at 9:30, then each resident once.
    let printed = run(&mut c, "@time 2026-12-04 09:00").await;
    assert!(!said(&printed, "小王", "明天的活动"), "{printed:?}");
    let printed = run(&mut c, "@time 2026-12-04 10:00").await;
    for name in ["小王", "老赵", "小周"] {
        assert!(said(&printed, name, "明天的活动"), "{name}: {printed:?}");
    }
    assert!(
        said(&printed, "小王", "三国演义"),
        "the day before shows the table"
    );
    let printed = run(&mut c, "@time 2026-12-05 07:00").await;
    assert!(!said(&printed, "小王", "快开始了"), "{printed:?}");
    let printed = run(&mut c, "@time 2026-12-05 08:00").await;
    assert!(said(&printed, "小王", "快开始了"), "{printed:?}");
    let s = state(&c).await;
    assert_eq!(signup(&s, 1, "小王")["reminded"], "day,soon");

    // At the door: a volunteer checks 小王 in by code, the worker checks 老赵 in from the list.
    let wang = code(&s, 1, "小王");
    let printed = run(
        &mut c,
        &format!(
            "@time 2026-12-05 09:35
张社工: /event 1 志愿者 王奶奶
王奶奶: /checkin {wang}"
        ),
    )
    .await;
    assert!(said(&printed, "王奶奶", "小王 签到成功"), "{printed:?}");
    assert!(said(&printed, "小王", "获得 5 积分"), "{printed:?}");
    let printed = run(
        &mut c,
        "张社工: /event 1 名单
张社工 taps \"老赵\"",
    )
    .await;
    assert!(
        printed
            .iter()
            .any(|p| p.to == "张社工" && p.text.contains("老赵 签到成功")),
        "{printed:?}"
    );
    // A walk-in with no sign-up, and 小周 never comes.
    run(&mut c, "张社工: /event 1 现场 2").await;
    // 小王's picture books for 老赵's novel.
    let printed = run(&mut c, "王奶奶: /swap #1 #2").await;
    assert!(
        said(
            &printed,
            "王奶奶",
            "小王 的「绘本五本」和 老赵 的「三国演义」交换了"
        ),
        "{printed:?}"
    );

    // The end: volunteer paid, attendees asked, workers get the figures.
    let printed = run(&mut c, "@time 2026-12-05 12:00").await;
    assert!(said(&printed, "王奶奶", "10 积分已到账"), "{printed:?}");
    assert!(said(&printed, "小王", "打个分"), "{printed:?}");
    assert!(
        !said(&printed, "小周", "打个分"),
        "no feedback from a no-show"
    );
    assert!(said(&printed, "张社工", "签到 4 人"), "{printed:?}");
    let printed = run(
        &mut c,
        "小王 taps 4
小王: 书很多，孩子很喜欢
小王: 儿童用品交换
老赵 taps 5
老赵: 跳过
老赵: 儿童用品交换",
    )
    .await;
    assert!(said(&printed, "小王", "谢谢你的评价"), "{printed:?}");
    let printed = run(&mut c, "@time 2026-12-07 13:00").await;
    assert!(said(&printed, "张社工", "平均 4.5 星"), "{printed:?}");
    assert!(said(&printed, "张社工", "儿童用品交换 ×2"), "{printed:?}");
    assert!(said(&printed, "张社工", "孩子很喜欢"), "{printed:?}");

    let s = state(&c).await;
    let e = event(&s, 1);
    assert_eq!(e["status"], "done");
    assert_eq!(e["checked_in"], 4, "two families and two walk-ins: {e}");
    assert_eq!(e["walk_ins"], 2);
    assert_eq!(e["no_shows"], 1);
    assert_eq!(e["items"], 2);
    assert_eq!(e["swapped"], 2);
    assert_eq!(e["points_paid"], 5 + 5 + 10);
    assert_eq!(e["ratings"], 2);
    assert_eq!(balance(&s, "小王") - balance(&s, "小李"), 5, "{s}");
    assert_ledger_sound(&s);
    assert_no_codes_in_groups(&c).await;
}

/// The same in English, signed up with the card's button and from the private list (a
/// number typed, as in simple mode), with a monthly series.
async fn an_event_in_english_with_a_series(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    run(
        &mut c,
        "@worker Sam
Alice@Oak: hello
Bob@Oak: hi",
    )
    .await;
    let mut script = [
        "Sam: new event",
        "Sam: Toy swap",
        "Sam: 3",
        "Sam: Oak hall",
        "Sam: 12-05",
        "Sam: 2pm",
        "Sam: 2",
        "Sam: skip",
        "Sam: 10",
        "Sam: 3",
        "Sam: 2",
        "Sam: 0",
        "Sam: 1",
        "Sam: 3",
        "Sam: yes",
    ]
    .join("\n");
    script.push('\n');
    let printed = run(&mut c, &script).await;
    let card = to(&printed, "#Oak");
    assert!(
        card.iter()
            .any(|p| p.text.contains("Sat 5 Dec, 2:00 pm") && p.text.contains("10 left")),
        "{printed:?}"
    );
    let printed = run(
        &mut c,
        "Alice taps \"RSVP\"
Bob: events",
    )
    .await;
    assert!(said(&printed, "Alice", "Check-in code"), "{printed:?}");
    assert!(said(&printed, "Bob", "Toy swap"), "{printed:?}");
    let printed = run(&mut c, "Bob: 1").await;
    assert!(said(&printed, "Bob", "You are signed up"), "{printed:?}");
    // Things for the swap table (the event takes kids' things only).
    let printed = run(
        &mut c,
        "Alice taps \"I'll bring\"
Alice: wooden train set
Alice: 2
Bob: /event 1
Bob taps \"I'll bring\"
Bob: puzzle box
Bob: 3",
    )
    .await;
    assert!(said(&printed, "Bob", "swap table"), "{printed:?}");
    // Alice asks in her own words the day before.
    let printed = run(
        &mut c,
        "@time 2026-12-04 15:00
Alice: where is it?",
    )
    .await;
    assert!(
        said(&printed, "Alice", "Tomorrow"),
        "the reminder: {printed:?}"
    );
    assert!(said(&printed, "Alice", "Oak hall"), "{printed:?}");
    let s = state(&c).await;
    let bob = code(&s, 1, "Bob");
    // At the door: Bob by code, Alice from the attendee list; then the train for the puzzle.
    let printed = run(
        &mut c,
        &format!(
            "@time 2026-12-05 14:10
Sam: /checkin {bob}
Sam: /event 1 attendees
Sam taps \"Alice\"
Sam: /swap #1 #2"
        ),
    )
    .await;
    assert!(said(&printed, "Sam", "Bob checked in"), "{printed:?}");
    assert!(said(&printed, "Sam", "Alice checked in"), "{printed:?}");
    assert!(said(&printed, "Sam", "were swapped"), "{printed:?}");
    let printed = run(&mut c, "@time 2026-12-05 17:00").await;
    // The series: the first Saturday of January is announced when this one ends.
    assert!(
        to(&printed, "#Oak")
            .iter()
            .any(|p| !p.edit && p.text.contains("Sat 2 Jan")),
        "{printed:?}"
    );
    assert!(
        said(&printed, "Sam", "next event of the series"),
        "{printed:?}"
    );
    assert!(said(&printed, "Alice", "How was it?"), "{printed:?}");
    let printed = run(
        &mut c,
        "Alice taps 5
Alice: The kids loved it
Alice: skip
@time 2026-12-07 17:30",
    )
    .await;
    assert!(said(&printed, "Sam", "average 5.0 stars"), "{printed:?}");
    assert!(said(&printed, "Sam", "The kids loved it"), "{printed:?}");
    let s = state(&c).await;
    assert_eq!(event(&s, 2)["series_of"], 1);
    assert_eq!(event(&s, 1)["points_paid"], 4);
    assert_eq!(event(&s, 1)["swapped"], 2);
    assert_no_codes_in_groups(&c).await;
}

/// 60 residents press RSVP at once for 20 places: exactly 20 confirmed, 40 on the waitlist in
/// the order they were taken, and nobody sees an error.
async fn sixty_sign_ups_at_once_for_twenty_places(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let mut script = String::from("@worker 张社工\n");
    for i in 0..60 {
        script.push_str(&format!("N{i}@幸福里: 你好\n"));
    }
    script.push_str(&create_script(
        "张社工",
        "换书会",
        1,
        "12月5日",
        "9:30",
        20,
        2,
        (0, 0),
        false,
    ));
    run(&mut c, &script).await;
    let token: String = sqlx::query_scalar(
        "SELECT token FROM callbacks WHERE action = 'event_join' ORDER BY token LIMIT 1",
    )
    .fetch_one(c.engine.store.pool())
    .await
    .unwrap();
    let (chat_id, title): (i64, String) = sqlx::query_as("SELECT chat_id, title FROM communities")
        .fetch_one(c.engine.store.pool())
        .await
        .unwrap();
    let engine = c.engine.clone();
    let mut tasks = Vec::new();
    for i in 0..60 {
        let id: i64 = sqlx::query_scalar("SELECT id FROM members WHERE name = $1")
            .bind(format!("N{i}"))
            .fetch_one(engine.store.pool())
            .await
            .unwrap();
        let engine = Arc::clone(&engine);
        let inc = Incoming {
            message_id: None,
            key: format!("rsvp:{i}"),
            chat: ChatRef::Group {
                chat_id,
                title: title.clone(),
            },
            from: Person {
                id,
                name: format!("N{i}"),
                lang_code: None,
            },
            content: Content::Button {
                query_id: format!("q{i}"),
                data: token.clone(),
            },
            at: engine.clock.now(),
        };
        tasks.push(tokio::spawn(async move { engine.handle(&inc).await }));
    }
    for t in tasks {
        let handled = t.await.unwrap().expect("no error reaches a resident");
        assert!(!handled.outbox_ids.is_empty(), "every press is answered");
    }
    let alerts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE op = 'answer' AND alert = 1")
            .fetch_one(engine.store.pool())
            .await
            .unwrap();
    assert_eq!(alerts, 0, "nobody was refused");
    let s = state(&c).await;
    let e = event(&s, 1);
    assert_eq!(e["signed_up"], 20, "{e}");
    assert_eq!(e["waitlist"], 40, "{e}");
    // Arrival order: the 20 confirmed came first, and the waitlist is in the order taken.
    let signups = e["signups"].as_array().unwrap();
    assert_eq!(signups.len(), 60);
    for (i, x) in signups.iter().enumerate() {
        let want = if i < 20 { "confirmed" } else { "waitlist" };
        assert_eq!(x["status"], want, "sign-up {i} in arrival order: {x}");
    }
    // A cancellation promotes the first on the waitlist, exactly.
    let first_waiting = signups[20]["member"].as_str().unwrap().to_string();
    let first_in = signups[0]["member"].as_str().unwrap().to_string();
    let printed = run(
        &mut c,
        &format!("{first_in}: 取消报名\n{first_in} taps \"确认取消\""),
    )
    .await;
    assert!(
        said(&printed, &first_waiting, "给你留了名额"),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(event(&s, 1)["signed_up"], 20);
    assert_eq!(event(&s, 1)["waitlist"], 39);
}

/// A code works once, another event's code is refused, guessing is cut off after a few wrong
/// codes, feedback comes only from someone checked in, and points are paid exactly once even
/// when the update is delivered again after a restart and the end job runs twice.
async fn check_in_codes_are_single_use_and_guarded(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let mut script = String::from(
        "@worker 张社工
小王@幸福里: 你好
小李@幸福里: 你好
",
    );
    script.push_str(&create_script(
        "张社工",
        "旧书交换会",
        1,
        "12月5日",
        "9:30",
        10,
        2,
        (5, 8),
        false,
    ));
    script.push('\n');
    script.push_str(&create_script(
        "张社工",
        "儿童用品交换会",
        1,
        "12月12日",
        "9:30",
        10,
        2,
        (5, 0),
        false,
    ));
    script.push_str(
        "
小王@幸福里 > #1: 报名
小李@幸福里 > #1: 报名
小李@幸福里 > #2: 报名",
    );
    run(&mut c, &script).await;
    let s = state(&c).await;
    let (wang, li1, li2) = (
        code(&s, 1, "小王"),
        code(&s, 1, "小李"),
        code(&s, 2, "小李"),
    );
    let printed = run(
        &mut c,
        &format!(
            "@time 2026-12-05 09:40
张社工: /checkin {wang}
张社工: /checkin {}
张社工: /checkin 1 {li2}
张社工: /checkin {li2}",
            wang.to_lowercase()
        ),
    )
    .await;
    let worker: Vec<&str> = to(&printed, "张社工")
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert!(worker[0].contains("签到成功"), "{worker:?}");
    assert!(
        worker[1].contains("签到过了"),
        "a code works once: {worker:?}"
    );
    assert!(
        worker[2].contains("不是活动 #1 的"),
        "not event 1's code: {worker:?}"
    );
    assert!(
        worker[3].contains("签到只在活动当天"),
        "event 2 is next week: {worker:?}"
    );
    // Guessing: after five wrong codes, even a right one is held back.
    let printed = run(
        &mut c,
        "张社工: /checkin FFFFFF
张社工: /checkin AAAAAA
张社工: /checkin CCCCCC
张社工: /checkin DDDDDD
张社工: /checkin EEEEEE",
    )
    .await;
    assert!(said(&printed, "张社工", "还能试 0 次"), "{printed:?}");
    let printed = run(&mut c, &format!("张社工: /checkin {li1}")).await;
    assert!(said(&printed, "张社工", "太多"), "{printed:?}");
    let s = state(&c).await;
    assert_eq!(signup(&s, 1, "小李")["checked_in"], false);
    // Fifteen minutes later it works again.
    let printed = run(
        &mut c,
        &format!(
            "@time 2026-12-05 10:00
张社工: /checkin {li1}"
        ),
    )
    .await;
    assert!(said(&printed, "张社工", "小李 签到成功"), "{printed:?}");
    // The QR code opens the bot with /start ci-CODE when scanned: the same check-in.
    let printed = run(&mut c, &format!("张社工: /start ci-{li1}")).await;
    assert!(said(&printed, "张社工", "签到过了"), "{printed:?}");

    // The same check-in update delivered again, to a restarted engine: nothing twice.
    let before = state(&c).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM members WHERE name = '张社工'")
        .fetch_one(c.engine.store.pool())
        .await
        .unwrap();
    let inc = Incoming {
        message_id: None,
        key: "checkin-once".into(),
        chat: ChatRef::Private,
        from: Person {
            id,
            name: "张社工".into(),
            lang_code: None,
        },
        content: Content::Text(format!("/checkin {wang}")),
        at: c.engine.clock.now(),
    };
    c.engine.handle(&inc).await.unwrap();
    let restarted = crate::helpers::dummy_engine(&tdb).await;
    let again = restarted.handle(&inc).await.unwrap();
    assert!(again.duplicate, "a redelivered update is not applied twice");
    assert_eq!(balance(&state(&c).await, "小王"), balance(&before, "小王"));

    // The end runs twice (a restart in the middle): the volunteer is paid once.
    run(&mut c, "张社工: /event 1 志愿者 小李").await;
    run(&mut c, "@time 2026-12-05 12:00").await;
    let job =
        sqlx::query_as::<_, (i64,)>("SELECT id FROM jobs WHERE kind = 'event_end' AND ref_id = 1")
            .fetch_one(c.engine.store.pool())
            .await
            .unwrap();
    sqlx::query(
        "UPDATE jobs SET status = 'pending', lease_owner = NULL, ran_at = NULL WHERE id = $1",
    )
    .bind(job.0)
    .execute(c.engine.store.pool())
    .await
    .unwrap();
    run(&mut c, "@time 2026-12-05 12:30").await;
    let s = state(&c).await;
    assert_eq!(event(&s, 1)["points_paid"], 5 + 5 + 8, "{}", event(&s, 1));
    assert_ledger_sound(&s);

    // Feedback: 小李 was checked in and may rate once; a star button pressed by someone who
    // was not checked in is refused.
    let printed = run(&mut c, "小李 taps 5\n小李: 跳过\n小李: 跳过").await;
    assert!(said(&printed, "小李", "谢谢你的评价"), "{printed:?}");
    let token: String = sqlx::query_scalar(
        "SELECT token FROM callbacks WHERE action = 'event_stars' AND arg = '5' ORDER BY claim_id LIMIT 1",
    )
    .fetch_one(c.engine.store.pool())
    .await
    .unwrap();
    run(&mut c, "老孙@幸福里: 你好").await;
    let sun: i64 = sqlx::query_scalar("SELECT id FROM members WHERE name = '老孙'")
        .fetch_one(c.engine.store.pool())
        .await
        .unwrap();
    let press = Incoming {
        message_id: None,
        key: "stars-by-other".into(),
        chat: ChatRef::Private,
        from: Person {
            id: sun,
            name: "老孙".into(),
            lang_code: None,
        },
        content: Content::Button {
            query_id: "q".into(),
            data: token,
        },
        at: c.engine.clock.now(),
    };
    c.engine.handle(&press).await.unwrap();
    let s = state(&c).await;
    assert_eq!(event(&s, 1)["ratings"], 1, "{}", event(&s, 1));
}

both!(a_swap_event_from_announcement_to_report);
both!(an_event_in_english_with_a_series);
both!(sixty_sign_ups_at_once_for_twenty_places);
both!(check_in_codes_are_single_use_and_guarded);

/// What residents and a social worker stumbled on when they tried it (the user tests of
/// issue 13), each now answered: a family too big for the places left is asked; a helper's
/// sign-up reaches the resident too; "几点开始" and "我的" give the time, place and code; a
/// plain 报名 in the group signs up for its one event; a cancelled resident's things leave the
/// table; the stars count even when the comment is cancelled; a walk-in who had cancelled
/// counts as a walk-in; coming to an event of another group pays no second starter points;
/// 两点半 is the afternoon; a cancellation needs a reason; a reminder too late is not sent.
async fn what_the_user_tests_stumbled_on(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "@worker 张社工
小王@幸福里: 大家好
王奶奶@幸福里: 早
小李@幸福里: 你好
老赵@阳光苑: 早上好",
    )
    .await;
    let printed = run(
        &mut c,
        &create_script(
            "张社工",
            "旧书交换会",
            1,
            "12月5日",
            "两点半",
            4,
            2,
            (5, 0),
            true,
        ),
    )
    .await;
    assert!(
        to(&printed, "#幸福里")
            .iter()
            .any(|p| p.text.contains("下午2:30–4:30")),
        "{printed:?}"
    );
    // A plain 报名 in the group, and a family too big for what is left.
    let printed = run(
        &mut c,
        "老赵@阳光苑 > #1: 报名
小王@幸福里: 报名
小李@幸福里 > #1: 我们一家四口",
    )
    .await;
    assert!(said(&printed, "小王", "签到码"), "{printed:?}");
    assert!(said(&printed, "小李", "只剩 2 个名额"), "{printed:?}");
    let printed = run(&mut c, "小李 taps \"先报 2 人\"").await;
    assert!(said(&printed, "小李", "2 人"), "{printed:?}");
    let s = state(&c).await;
    assert_eq!(event(&s, 1)["signed_up"], 4);

    // A grandson acts for 王奶奶: she hears of her place herself too. Full, so she waits.
    let p = run(&mut c, "王奶奶: 代办").await;
    let helper_code: String = regex::Regex::new(r"\d{6}")
        .unwrap()
        .find(&to(&p, "王奶奶")[0].text)
        .unwrap()
        .as_str()
        .into();
    let printed = run(
        &mut c,
        &format!(
            "小孙: /actfor {helper_code}
小孙: /as 王奶奶
小孙: 活动
小孙: 1"
        ),
    )
    .await;
    assert!(said(&printed, "小孙", "【代 王奶奶】"), "{printed:?}");
    assert!(said(&printed, "王奶奶", "候补第 1 位"), "{printed:?}");
    run(&mut c, "小孙: /as off").await;
    // Asking in her own words: the place and whether she waits.
    let printed = run(&mut c, "王奶奶: 几点开始？在哪里？").await;
    assert!(said(&printed, "王奶奶", "3号楼一层活动室"), "{printed:?}");
    assert!(said(&printed, "王奶奶", "候补中"), "{printed:?}");
    let printed = run(&mut c, "小王: 我的").await;
    assert!(said(&printed, "小王", "签到码"), "{printed:?}");

    // 小王 registers a book, then cancels: the book leaves the table, 王奶奶 gets the place.
    run(
        &mut c,
        "小王 taps \"我带东西\"
小王: 唐诗三百首
小王: 1
小王: 3",
    )
    .await;
    assert_eq!(event(&state(&c).await, 1)["items"], 1);
    let printed = run(&mut c, "小王: 取消\n小王 taps \"确认取消\"").await;
    assert!(said(&printed, "王奶奶", "给你留了名额"), "{printed:?}");
    let s = state(&c).await;
    assert_eq!(event(&s, 1)["items"], 0, "{}", event(&s, 1));
    assert_eq!(signup(&s, 1, "王奶奶")["status"], "confirmed");

    // The reminders: the clock jumps past the day before (the bot was down): no "明天".
    let printed = run(&mut c, "@time 2026-12-05 13:00").await;
    assert!(!said(&printed, "王奶奶", "明天"), "{printed:?}");
    assert!(said(&printed, "王奶奶", "快开始了"), "{printed:?}");

    // At the door: 老赵 from the other group; 小王, who cancelled, comes anyway.
    let zhao_before = balance(&state(&c).await, "老赵");
    let s = state(&c).await;
    let (zhao, wang) = (code(&s, 1, "老赵"), code(&s, 1, "小王"));
    let printed = run(
        &mut c,
        &format!(
            "@time 2026-12-05 14:40
张社工: /checkin {zhao}
张社工: /checkin {wang}
张社工: /event 1 现场 小王"
        ),
    )
    .await;
    assert!(
        said(&printed, "张社工", "小王 已经取消了报名"),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(
        balance(&s, "老赵"),
        zhao_before + 5,
        "no second starter points"
    );
    assert_eq!(event(&s, 1)["walk_ins"], 1, "{}", event(&s, 1));
    assert_eq!(event(&s, 1)["signed_up"], 4, "{}", event(&s, 1));

    // Feedback: the stars count even when the comment is cancelled.
    run(
        &mut c,
        "@time 2026-12-05 17:00
老赵 taps 2
老赵: 取消",
    )
    .await;
    let s = state(&c).await;
    assert_eq!(event(&s, 1)["ratings"], 1, "{}", event(&s, 1));
    assert_eq!(signup(&s, 1, "老赵")["stars"], 2);

    // A cancellation without a reason is refused politely; with one, everyone hears it.
    run(
        &mut c,
        &create_script(
            "张社工",
            "玩具交换",
            3,
            "12月12日",
            "9:30",
            10,
            2,
            (0, 0),
            true,
        ),
    )
    .await;
    run(&mut c, "老赵@阳光苑 > #2: +1").await;
    let printed = run(&mut c, "张社工: /event 2 取消").await;
    assert!(said(&printed, "张社工", "请写取消的原因"), "{printed:?}");
    let printed = run(&mut c, "张社工: /event 2 取消 场地维修").await;
    assert!(said(&printed, "老赵", "原因：场地维修"), "{printed:?}");
    assert_eq!(event(&state(&c).await, 2)["status"], "cancelled");
    assert_ledger_sound(&state(&c).await);
    assert_no_codes_in_groups(&c).await;
}

both!(what_the_user_tests_stumbled_on);

/// From the code review: a resident at the points cap is still checked in (unpaid, not
/// refused); a walk-in added on the wrong day writes nothing; a cancelled event cannot be
/// "closed" back to life; "不报名了" replied to the card signs nobody up.
async fn the_door_and_the_status_hold_at_the_edges(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut cfg = tdb.config();
    cfg.points.max_balance = 60;
    let mut c = crate::helpers::console_with(cfg, Locale::ZhCn).await;
    run(
        &mut c,
        "@worker 张社工\n小王@幸福里: 你好\n小李@幸福里: 你好",
    )
    .await;
    run(
        &mut c,
        &create_script(
            "张社工",
            "旧书交换会",
            1,
            "12月5日",
            "9:30",
            10,
            2,
            (20, 0),
            false,
        ),
    )
    .await;
    let printed = run(&mut c, "小王@幸福里 > #1: 报名\n小李@幸福里 > #1: 不报名了").await;
    assert!(said(&printed, "小王", "签到码"), "{printed:?}");
    assert!(!said(&printed, "小李", "签到码"), "{printed:?}");
    // The day before: a walk-in is refused and nothing is written.
    let printed = run(&mut c, "@time 2026-12-04 10:00\n张社工: /event 1 现场 小李").await;
    assert!(said(&printed, "张社工", "签到只在活动当天"), "{printed:?}");
    let s = state(&c).await;
    assert_eq!(event(&s, 1)["signups"].as_array().unwrap().len(), 1, "{s}");
    // On the day: 小王 has 50 of at most 60 points; 20 more would pass the cap.
    let wang = code(&s, 1, "小王");
    let printed = run(
        &mut c,
        &format!("@time 2026-12-05 09:40\n张社工: /checkin {wang}"),
    )
    .await;
    assert!(said(&printed, "张社工", "小王 签到成功"), "{printed:?}");
    let s = state(&c).await;
    assert_eq!(signup(&s, 1, "小王")["checked_in"], true);
    assert_eq!(balance(&s, "小王"), 50, "not paid over the cap");
    // A cancelled event stays cancelled.
    run(
        &mut c,
        &create_script(
            "张社工",
            "玩具交换",
            3,
            "12月12日",
            "9:30",
            10,
            2,
            (0, 0),
            false,
        ),
    )
    .await;
    run(&mut c, "张社工: /event 2 取消 下雨").await;
    let printed = run(&mut c, "张社工: /event 2 截止").await;
    assert!(said(&printed, "张社工", "不能报名了"), "{printed:?}");
    assert_eq!(event(&state(&c).await, 2)["status"], "cancelled");
}

both!(the_door_and_the_status_hold_at_the_edges);
