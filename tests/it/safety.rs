//! Trust and safety: disputes, reports, moderation, worker roles, flood control, and who may
//! do what (the authorisation matrix). Every story runs on SQLite and PostgreSQL.

use linli::clock::Clock;
use linli::config::{CommunityConfig, Moderation};
use linli::console::{Console, Printed};
use linli::engine::{ChatRef, Content, Incoming, Person};
use linli::i18n::Locale;
use linli::store::outbox::Button;
use serde_json::Value;

use crate::helpers::{
    assert_groups_clean, assert_ledger_sound, balance, console, console_with, group_leaks, member,
    run, state, to, Db, TestDb,
};

const DISPUTE_ZH: &str = include_str!("../scripts/dispute_zh.txt");
const DISPUTE_EN: &str = include_str!("../scripts/dispute_en.txt");

const GROUP_A: i64 = -1001;
const GROUP_B: i64 = -1002;

fn community(chat_id: i64) -> CommunityConfig {
    CommunityConfig {
        chat_id,
        ..Default::default()
    }
}

async fn id_of(c: &Console, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM members WHERE name = $1")
        .bind(name)
        .fetch_one(c.engine.store.pool())
        .await
        .unwrap_or_else(|_| panic!("no member {name}"))
}

/// Every button sent to `chat` (private: a member's id), oldest first.
async fn buttons_sent_to(c: &Console, chat: i64) -> Vec<Button> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT buttons FROM outbox WHERE chat_id = $1 AND op IN ('send', 'edit') ORDER BY id",
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

/// The newest button labelled with `label` sent to `chat`.
async fn button(c: &Console, chat: i64, label: &str) -> Button {
    buttons_sent_to(c, chat)
        .await
        .into_iter()
        .rev()
        .find(|b| b.label.contains(label))
        .unwrap_or_else(|| panic!("no button {label:?} sent to {chat}"))
}

async fn deliver(c: &mut Console, inc: &Incoming) -> Vec<Printed> {
    let h = c.engine.handle(inc).await.unwrap();
    c.sender
        .deliver_ids(&c.transport, &h.outbox_ids)
        .await
        .unwrap();
    c.sender.deliver_due(&c.transport).await.unwrap();
    c.transport.take()
}

async fn person(c: &Console, name: &str) -> Person {
    Person {
        id: id_of(c, name).await,
        name: name.into(),
        lang_code: None,
    }
}

/// Presses a button token as `name` in `chat`.
async fn press(c: &mut Console, name: &str, chat: ChatRef, token: &str) -> Vec<Printed> {
    let inc = Incoming {
        message_id: None,
        key: format!("test:{name}:{}", rand::random::<u64>()),
        chat,
        from: person(c, name).await,
        content: Content::Button {
            query_id: "q".into(),
            data: token.into(),
        },
        at: c.clock.now(),
    };
    deliver(c, &inc).await
}

async fn counts(c: &Console) -> Value {
    let pool = c.engine.store.pool();
    let audit: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit")
        .fetch_one(pool)
        .await
        .unwrap();
    let roles: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM member_roles")
        .fetch_one(pool)
        .await
        .unwrap();
    let notes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dispute_notes")
        .fetch_one(pool)
        .await
        .unwrap();
    serde_json::json!({"audit": audit, "roles": roles, "notes": notes})
}

/// Everything an action may change: the state object and the audit, roles and notes.
async fn fingerprint(c: &Console) -> Value {
    let mut s = state(c).await;
    s["outbox"] = Value::Null;
    serde_json::json!({"state": s, "counts": counts(c).await})
}

fn disputes(s: &Value) -> &Vec<Value> {
    s["disputes"].as_array().unwrap()
}

async fn dispute_script_in_chinese(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let printed = run(&mut c, DISPUTE_ZH).await;

    // The worker's case card: both sides with credit, the listing, the photo, the frozen points.
    let card = to(&printed, "社工老陈")
        .into_iter()
        .find(|p| p.text.contains("⚖️ 纠纷 #1"))
        .expect("case card");
    for part in [
        "儿童自行车",
        "小张（信用 100）",
        "小王（信用 100）",
        "照片 1 张 console-photo",
        "冻结 30 积分",
        "车把是坏的",
    ] {
        assert!(card.text.contains(part), "{part} in {}", card.text);
    }
    assert!(!card.text.contains("还差"), "no shortfall: {}", card.text);
    assert!(card.buttons.iter().any(|b| b == "赔偿 10"));
    // The worker heard the giver's side; both parties heard the outcome privately.
    assert!(to(&printed, "社工老陈")
        .iter()
        .any(|p| p.text.contains("补充（小王）：送出时是好的")));
    for name in ["小王", "小张"] {
        assert!(
            to(&printed, name)
                .iter()
                .any(|p| p.text.contains("处理结果：赔偿 10 积分")),
            "{name} heard the outcome"
        );
    }
    let s = state(&c).await;
    // 小张 paid 30 and got 10 back; 小王 keeps 20 of the 30; his credit dropped by 10.
    assert_eq!(balance(&s, "小张"), 30, "{s}");
    assert_eq!(balance(&s, "小王"), 70, "{s}");
    assert_eq!(member(&s, "小王")["credit"], 90);
    assert_eq!(member(&s, "小张")["credit"], 100);
    let d = &disputes(&s)[0];
    assert_eq!(d["status"], "compensated");
    assert_eq!(d["opened_by"], "小张");
    assert_eq!(d["taken_by"], "社工老陈");
    assert_eq!(d["category"], "damaged");
    assert_eq!(d["outcome_points"], 10);
    assert_ledger_sound(&s);
    // Audited: opened, taken, asked, compensated.
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit ORDER BY id")
        .fetch_all(c.engine.store.pool())
        .await
        .unwrap();
    assert_eq!(
        actions,
        [
            "dispute_open",
            "dispute_take",
            "dispute_ask",
            "dispute_compensated"
        ]
    );
    assert_groups_clean(&c).await;
}
both!(dispute_script_in_chinese);

async fn dispute_script_in_english(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    let printed = run(&mut c, DISPUTE_EN).await;
    assert!(
        to(&printed, "Dana")
            .iter()
            .any(|p| p.text.contains("has waited 24 hours")),
        "the case nobody took was raised again"
    );
    let s = state(&c).await;
    assert_eq!(balance(&s, "Carol"), 50, "refunded: {s}");
    assert_eq!(balance(&s, "Bob"), 50, "{s}");
    assert_eq!(
        member(&s, "Bob")["credit"],
        90,
        "the giver's credit dropped"
    );
    assert_eq!(disputes(&s)[0]["status"], "refunded");
    assert_ledger_sound(&s);
    assert_groups_clean(&c).await;
}
both!(dispute_script_in_english);

/// A case nobody takes is raised after 24 h and told to the admins after 48 h; the frozen
/// points are what the giver still has; dismissing returns them.
async fn unclaimed_case_escalates_and_a_short_giver_is_shown(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut cfg = tdb.config();
    let mut a = community(GROUP_A);
    a.admins = vec![1004];
    cfg.communities = vec![a];
    let mut c = console_with(cfg, Locale::ZhCn).await;
    run(
        &mut c,
        "@time 2026-12-01 09:00
小王@幸福里: 出闲置：儿童自行车，八成新，30积分
小张@幸福里: 我想要
@worker 社工老陈
管理员@幸福里: 大家好
小张 taps \"我想要\"
小王 taps \"同意\"
小张 taps \"我已收到\"
社工老陈: /adjust 小王 -70 测试：他已经花掉了",
    )
    .await;
    let s = state(&c).await;
    assert_eq!(balance(&s, "小王"), 10);
    let printed = run(
        &mut c,
        "@time 2026-12-03 09:00\n小张: /dispute 1 根本没收到",
    )
    .await;
    assert!(to(&printed, "小王")
        .iter()
        .any(|p| p.text.contains("10 积分先冻结") && p.text.contains("20 积分不够冻结")));
    let card = to(&printed, "社工老陈")
        .into_iter()
        .find(|p| p.text.contains("⚖️"))
        .unwrap();
    assert!(
        card.text
            .contains("冻结 10 积分，送出方余额不足，还差 20 积分"),
        "{}",
        card.text
    );
    // The admin is also a worker here, so the card went to both.
    assert!(to(&printed, "管理员").iter().any(|p| p.text.contains("⚖️")));
    let s = state(&c).await;
    assert_eq!(balance(&s, "小王"), 0);
    assert_eq!(member(&s, "小王")["frozen"], 10);
    assert_eq!(disputes(&s)[0]["shortfall"], 20);
    assert_eq!(disputes(&s)[0]["category"], "not_received");
    assert_ledger_sound(&s);

    let printed = run(&mut c, "@time 2026-12-04 10:00").await;
    assert!(to(&printed, "社工老陈")
        .iter()
        .any(|p| p.text.contains("已经 25 小时没人接手")));
    assert!(!printed.iter().any(|p| p.text.contains("没有社工接手")));
    let printed = run(&mut c, "@time 2026-12-05 10:00").await;
    assert!(
        to(&printed, "管理员")
            .iter()
            .any(|p| p.text.contains("没有社工接手")),
        "{printed:?}"
    );
    // Dismissed: the frozen 10 go back to the giver; nobody's credit moves.
    run(&mut c, "社工老陈 taps \"驳回\"").await;
    let s = state(&c).await;
    assert_eq!(balance(&s, "小王"), 10);
    assert_eq!(member(&s, "小王")["credit"], 100);
    assert_eq!(disputes(&s)[0]["status"], "dismissed");
    assert_ledger_sound(&s);
    // Too late for another: more than 7 days after the hand-over.
    let printed = run(
        &mut c,
        "@time 2026-12-09 10:00\n小张: /dispute 1 还是有问题",
    )
    .await;
    assert!(to(&printed, "小张")
        .iter()
        .any(|p| p.text.contains("已超过 7 天")));
    assert_eq!(disputes(&state(&c).await).len(), 1);
    // Written in the group, the refusal still comes privately.
    let printed = run(&mut c, "小张@幸福里: /dispute 1 还是有问题").await;
    assert!(to(&printed, "#幸福里").is_empty(), "{printed:?}");
    assert!(to(&printed, "小张")
        .iter()
        .any(|p| p.text.contains("已超过 7 天")));
    assert_groups_clean(&c).await;
}
both!(unclaimed_case_escalates_and_a_short_giver_is_shown);

/// Reports from three members hide a card; Hide rewards the reporters from the pool and
/// lowers the owner's credit; Dismiss brings a card back; a forwarded message is matched.
/// A listing taken down while a neighbour's claim is agreed: the hand-over is off, her points
/// come back and she is told why (user test, session 19: she was never told).
async fn a_takedown_tells_the_claimer(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "@time 2026-12-01 09:00
@worker 社工老陈
小王@幸福里: 出闲置：名牌包，全新，20积分
小李@幸福里: 大家好
甲@幸福里: 大家好
社工老陈@幸福里: 大家好
小李 taps \"我想要\"
小王 taps \"同意\"
甲: /report 1 是假货",
    )
    .await;
    assert_eq!(balance(&state(&c).await, "小李"), 30);
    let worker = id_of(&c, "社工老陈").await;
    let hide = button(&c, worker, "下架").await;
    let printed = press(
        &mut c,
        "社工老陈",
        ChatRef::Private,
        hide.cb.as_deref().unwrap(),
    )
    .await;
    assert!(
        to(&printed, "小李")
            .iter()
            .any(|p| p.text.contains("下架了 #1") && p.text.contains("已退回")),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(balance(&s, "小李"), 50, "{s}");
    assert_eq!(s["listings"][0]["status"], "withdrawn");
}
crate::both!(a_takedown_tells_the_claimer);

async fn reports_hide_reward_and_dismiss(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "@time 2026-12-01 09:00
@worker 社工老陈
小王@幸福里: 出闲置：名牌包，全新，20积分
小王@幸福里: 出闲置：台灯，九成新，10积分
甲@幸福里: 大家好
乙@幸福里: 大家好
丙@幸福里: 大家好
社工老陈@幸福里: 大家好
社工老陈: /donation 7 超市捐赠",
    )
    .await;
    // 甲 uses the card's button and picks a reason; 乙 and 丙 use /report.
    let printed = run(&mut c, "甲 taps \"举报\"").await;
    assert!(to(&printed, "甲")
        .iter()
        .any(|p| p.text.contains("为什么要举报 #2")));
    // The newest card is #2 (台灯); report #1 (名牌包) by command instead.
    run(&mut c, "甲 taps \"假的\"").await;
    run(&mut c, "乙: /report 1 是假货\n丙: /report 1 骗人的").await;
    let printed = run(&mut c, "甲: /report 1 假的").await;
    assert!(to(&printed, "甲")
        .iter()
        .all(|p| !p.text.contains("已经举报过")));
    let printed = run(&mut c, "甲: /report 1 再说一次").await;
    assert!(to(&printed, "甲")
        .iter()
        .any(|p| p.text.contains("已经举报过 #1")));
    let s = state(&c).await;
    let l1 = &s["listings"][0];
    assert_eq!(l1["review"], "hidden", "{s}");
    assert_eq!(s["listings"][1]["review"], "none");
    let card_edit = sqlx::query_scalar::<_, String>(
        "SELECT text FROM outbox WHERE chat_id = $1 AND op = 'edit' ORDER BY id DESC LIMIT 1",
    )
    .bind(GROUP_A)
    .fetch_one(c.engine.store.pool())
    .await
    .unwrap();
    // The card says it is under review, with no claim button; a claim through the old button
    // is refused.
    assert!(card_edit.contains("正在审核"), "{card_edit}");
    let claim = buttons_sent_to(&c, GROUP_A)
        .await
        .into_iter()
        .find(|b| b.label.contains("我想要"))
        .unwrap();
    let group = ChatRef::Group {
        chat_id: GROUP_A,
        title: "幸福里".into(),
    };
    let printed = press(&mut c, "甲", group, claim.cb.as_deref().unwrap()).await;
    assert!(
        to(&printed, "甲")
            .iter()
            .any(|p| p.text.contains("正在审核")),
        "{printed:?}"
    );
    let report_cards: Vec<String> = sqlx::query_scalar(
        "SELECT text FROM outbox WHERE chat_id = $1 AND text LIKE '%🚩%' ORDER BY id",
    )
    .bind(id_of(&c, "社工老陈").await)
    .fetch_all(c.engine.store.pool())
    .await
    .unwrap();
    assert_eq!(report_cards.len(), 4, "{report_cards:?}");
    assert!(
        report_cards[3].contains("共 3 人举报，已暂时隐藏"),
        "{}",
        report_cards[3]
    );

    // Hide: 3 reporters × 5 points from a pool of 7: one is paid, the worker hears the pool is short.
    let worker = id_of(&c, "社工老陈").await;
    let hide = button(&c, worker, "下架").await;
    let printed = press(
        &mut c,
        "社工老陈",
        ChatRef::Private,
        hide.cb.as_deref().unwrap(),
    )
    .await;
    assert!(to(&printed, "社工老陈")
        .iter()
        .any(|p| p.text.contains("积分池不够")));
    assert!(to(&printed, "小王")
        .iter()
        .any(|p| p.text.contains("已被社工下架")));
    let s = state(&c).await;
    assert_eq!(s["listings"][0]["status"], "withdrawn");
    assert_eq!(s["listings"][0]["review"], "rejected");
    assert_eq!(member(&s, "小王")["credit"], 95);
    let rewarded: i64 = ["乙", "丙", "甲"].iter().map(|n| balance(&s, n) - 50).sum();
    assert_eq!(rewarded, 5, "{s}");
    assert_eq!(s["ledger"]["pool"], 2);
    let reports = s["reports"].as_array().unwrap();
    assert_eq!(
        reports.iter().filter(|r| r["status"] == "upheld").count(),
        3
    );
    assert_ledger_sound(&s);

    // A forwarded copy of 台灯's text is matched to listing #2; Dismiss closes both reports on it
    // (the newest report card is the forwarded message's own).
    let inc = Incoming {
        message_id: None,
        key: "fwd:1".into(),
        chat: ChatRef::Private,
        from: person(&c, "乙").await,
        content: Content::Forwarded {
            text: Some("出闲置：台灯，九成新，10积分".into()),
            author_id: Some(id_of(&c, "小王").await),
            origin_chat: None,
        },
        at: c.clock.now(),
    };
    let printed = deliver(&mut c, &inc).await;
    assert!(to(&printed, "乙").iter().any(|p| p.text.contains("#2")));
    // A forwarded message that is no listing is reported as itself.
    let inc = Incoming {
        message_id: None,
        key: "fwd:2".into(),
        content: Content::Forwarded {
            text: Some("加我微信领免费鸡蛋".into()),
            author_id: None,
            origin_chat: None,
        },
        ..inc
    };
    let printed = deliver(&mut c, &inc).await;
    assert!(to(&printed, "社工老陈")
        .iter()
        .any(|p| p.text.contains("加我微信领免费鸡蛋")));
    let cards: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, buttons FROM outbox WHERE chat_id = $1 AND text LIKE '%#2「台灯」%' AND text LIKE '%🚩%' ORDER BY id",
    )
    .bind(worker)
    .fetch_all(c.engine.store.pool())
    .await
    .unwrap();
    let b: Vec<Button> = serde_json::from_str::<Vec<Vec<Button>>>(&cards[0].1)
        .unwrap()
        .concat();
    let dismiss = b.iter().find(|b| b.label.contains("驳回")).unwrap();
    press(
        &mut c,
        "社工老陈",
        ChatRef::Private,
        dismiss.cb.as_deref().unwrap(),
    )
    .await;
    let s = state(&c).await;
    let on_2: Vec<&Value> = s["reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["listing"] == 2)
        .collect();
    assert_eq!(on_2.len(), 2);
    assert!(on_2.iter().all(|r| r["status"] == "dismissed"), "{s}");
    assert_eq!(
        member(&s, "小王")["credit"],
        95,
        "dismissed: no credit change"
    );
    // The reporter's record shows on the next card: 乙 had one upheld, one dismissed.
    let printed = run(&mut c, "乙: /report 2 又发了一遍").await;
    let card = to(&printed, "社工老陈")
        .into_iter()
        .find(|p| p.text.contains("🚩"))
        .unwrap();
    assert!(card.text.contains("成立 1 · 驳回 1"), "{}", card.text);
    assert_groups_clean(&c).await;
}
both!(reports_hide_reward_and_dismiss);

/// Approve-first: a member's first listing waits for a worker; later ones appear at once.
/// A worker marks a listing verified and the card shows it.
async fn approve_first_and_verified_mark(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut cfg = tdb.config();
    let mut a = community(GROUP_A);
    a.moderation = Moderation::ApproveFirst;
    a.approve_first_listings = 1;
    cfg.communities = vec![a];
    let mut c = console_with(cfg, Locale::ZhCn).await;
    let printed = run(
        &mut c,
        "@time 2026-12-01 09:00
@worker 社工老陈
小王@幸福里: 出闲置：台灯，九成新，10积分",
    )
    .await;
    assert!(
        to(&printed, "#幸福里").is_empty(),
        "no card yet: {printed:?}"
    );
    assert!(to(&printed, "小王").iter().any(|p| p.text.contains("审核")));
    let card = to(&printed, "社工老陈")
        .into_iter()
        .find(|p| p.text.contains("待审核 #1"))
        .expect("approval card");
    assert_eq!(card.buttons, ["✅ 通过", "❌ 不通过", "🏠 已上门核实"]);
    // A claim through a guessed button is impossible: there is no card, and the listing waits.
    let printed = run(&mut c, "社工老陈 taps \"通过\"").await;
    let group = to(&printed, "#幸福里");
    assert_eq!(group.len(), 1);
    assert!(group[0].text.contains("台灯"));
    assert!(to(&printed, "小王")
        .iter()
        .any(|p| p.text.contains("已通过审核")));
    // The second listing appears at once.
    let printed = run(&mut c, "小王@幸福里: 出闲置：电风扇，八成新，10积分").await;
    assert_eq!(to(&printed, "#幸福里").len(), 1);
    let printed = run(&mut c, "社工老陈: /verify 2").await;
    let edit = to(&printed, "#幸福里");
    assert!(
        edit[0].edit && edit[0].text.contains("🏠 社工已核实"),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(s["listings"][1]["verified"], true);
    assert_eq!(s["listings"][0]["verified"], false);
    assert_groups_clean(&c).await;
}
both!(approve_first_and_verified_mark);

/// A donated listing held for approval is open to priority residents first for the whole
/// window from its approval, not from when it was written.
async fn a_held_donation_starts_its_priority_window_when_approved(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut cfg = tdb.config();
    let mut a = community(GROUP_A);
    a.moderation = Moderation::ApproveFirst;
    a.approve_first_listings = 1;
    cfg.communities = vec![a];
    let mut c = console_with(cfg, Locale::ZhCn).await;
    run(
        &mut c,
        "@time 2026-12-01 09:00
@worker 社工老陈
小李@幸福里: 你好
小王@幸福里: 出闲置：冬天的棉被，优先给困难家庭，免费
@time 2026-12-01 20:00
社工老陈 taps \"通过\"",
    )
    .await;
    let printed = run(&mut c, "小李 taps \"我想要\"").await;
    assert!(
        to(&printed, "小李")
            .iter()
            .any(|p| p.text.contains("12-02 20:00")),
        "the window runs from the approval: {printed:?}"
    );
    run(&mut c, "小李 taps \"开放时提醒我\"").await;
    // 24 hours after it was written, it is still kept for priority residents.
    let printed = run(&mut c, "@time 2026-12-02 10:00").await;
    assert!(to(&printed, "小李").is_empty(), "{printed:?}");
    let printed = run(&mut c, "@time 2026-12-02 20:30").await;
    assert!(
        to(&printed, "小李")
            .iter()
            .any(|p| p.text.contains("现在所有人都可以领了")),
        "{printed:?}"
    );
    assert_groups_clean(&c).await;
}
both!(a_held_donation_starts_its_priority_window_when_approved);

/// An admin names and removes workers in the group; nobody else can.
async fn admins_name_workers_in_the_group(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut cfg = tdb.config();
    let mut a = community(GROUP_A);
    a.admins = vec![1001];
    cfg.communities = vec![a];
    let mut c = console_with(cfg, Locale::ZhCn).await;
    let printed = run(
        &mut c,
        "@time 2026-12-01 09:00
管理员@幸福里: 大家好
小李@幸福里: 大家好
小张@幸福里: /addworker 1002",
    )
    .await;
    assert!(to(&printed, "#幸福里")
        .iter()
        .any(|p| p.text.contains("只有管理员")));
    assert!(member(&state(&c).await, "小李")["roles"]
        .as_array()
        .unwrap()
        .is_empty());
    let printed = run(&mut c, "管理员@幸福里: /addworker 1002").await;
    assert!(to(&printed, "#幸福里")
        .iter()
        .any(|p| p.text.contains("欢迎 小李 成为本社区的社工")));
    assert_eq!(member(&state(&c).await, "小李")["roles"][0], "worker");
    let printed = run(&mut c, "小李: /pool").await;
    assert!(to(&printed, "小李")
        .iter()
        .any(|p| p.text.contains("幸福里")));
    assert!(!to(&printed, "小李")
        .iter()
        .any(|p| p.text.contains("只有社工")));
    run(&mut c, "管理员@幸福里: /removeworker 1002").await;
    assert!(member(&state(&c).await, "小李")["roles"]
        .as_array()
        .unwrap()
        .is_empty());
    let printed = run(&mut c, "小李: /pool").await;
    assert!(to(&printed, "小李")
        .iter()
        .any(|p| p.text.contains("只有社工")));
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit WHERE action LIKE '%worker' ORDER BY id")
            .fetch_all(c.engine.store.pool())
            .await
            .unwrap();
    assert_eq!(actions, ["addworker", "removeworker"]);
}
both!(admins_name_workers_in_the_group);

/// Too many commands or listings in a short time are dropped with one warning; workers are
/// exempt; dropped updates still count as handled.
async fn flood_is_dropped_with_one_warning(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut cfg = tdb.config();
    cfg.safety.flood_max = 3;
    cfg.safety.flood_seconds = 60;
    let mut c = console_with(cfg, Locale::ZhCn).await;
    run(&mut c, "@time 2026-12-01 09:00\n@worker 社工老陈").await;
    let mut printed = Vec::new();
    // Six different things (the same thing again within the hour is no new card anyway).
    for thing in ["杯子", "台灯", "书架", "电饭煲", "跳绳", "雨伞"] {
        printed.extend(
            run(
                &mut c,
                &format!("小王@幸福里: 出闲置：{thing}，九成新，5积分"),
            )
            .await,
        );
    }
    let s = state(&c).await;
    assert_eq!(s["listings"].as_array().unwrap().len(), 3, "{s}");
    let warnings = to(&printed, "小王")
        .into_iter()
        .filter(|p| p.text.contains("发得太快"))
        .count();
    assert_eq!(warnings, 1);
    let handled: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM processed_updates")
        .fetch_one(c.engine.store.pool())
        .await
        .unwrap();
    assert_eq!(handled, 6);
    // Plain chat is never counted; after the window the member may post again.
    run(&mut c, "小王@幸福里: 大家早上好").await;
    run(
        &mut c,
        "@time 2026-12-01 09:02\n小王@幸福里: 出闲置：碗，九成新，5积分",
    )
    .await;
    assert_eq!(state(&c).await["listings"].as_array().unwrap().len(), 4);
    // Commands in private count too, per chat.
    let mut printed = Vec::new();
    for _ in 0..5 {
        printed.extend(run(&mut c, "小李: /points").await);
    }
    let mine = to(&printed, "小李");
    assert_eq!(
        mine.iter().filter(|p| p.text.contains("我的积分")).count(),
        3
    );
    assert_eq!(
        mine.iter().filter(|p| p.text.contains("发得太快")).count(),
        1
    );
    // A worker is exempt.
    for thing in ["水壶", "花盆", "拖把", "衣架", "凳子"] {
        run(
            &mut c,
            &format!("社工老陈@幸福里: 出闲置：{thing}，九成新，免费"),
        )
        .await;
    }
    assert_eq!(state(&c).await["listings"].as_array().unwrap().len(), 9);
}
both!(flood_is_dropped_with_one_warning);

/// One attempt in the matrix: who presses or writes what, and whether it must act.
async fn attempt(c: &mut Console, name: &str, what: &Attempt<'_>, must_act: bool, why: &str) {
    let before = fingerprint(c).await;
    let printed = match what {
        Attempt::Private(text) => run(c, &format!("{name}: {text}")).await,
        Attempt::Group(text) => run(c, &format!("{name}@幸福里: {text}")).await,
        Attempt::Token(token) => press(c, name, ChatRef::Private, token).await,
    };
    let after = fingerprint(c).await;
    if must_act {
        assert_ne!(
            before, after,
            "{name} {what:?} must act ({why}): {printed:?}"
        );
    } else {
        assert_eq!(
            before, after,
            "{name} {what:?} must change nothing ({why}): {printed:?}"
        );
        let said: Vec<&Printed> = printed
            .iter()
            .filter(|p| p.to == name || p.to == "#幸福里")
            .collect();
        assert!(
            said.iter()
                .any(|p| REFUSALS.iter().any(|r| p.text.contains(r))),
            "{name} {what:?}: a clear refusal ({why}), got {printed:?}"
        );
    }
}

const REFUSALS: &[&str] = &[
    "只有社工",
    "不是你负责的社区",
    "不是给你的",
    "按钮已失效",
    "已经处理完了",
    "只有管理员",
];

#[derive(Debug)]
enum Attempt<'a> {
    Private(&'a str),
    Group(&'a str),
    Token(&'a str),
}

/// Every worker command and button, tried by a resident, a worker of another community, the
/// community's worker and its admin, plus buttons pressed by the wrong member and old or
/// forged tokens: only the right ones act; the others get a refusal and nothing changes.
async fn authorisation_matrix(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut cfg = tdb.config();
    // Ids in order of first appearance: 小王 1001, 小张 1002, 居民 1003, 社工甲 1004,
    // 社工乙 1005, 管理员 1006.
    let mut a = community(GROUP_A);
    a.workers = vec![1004];
    a.admins = vec![1006];
    a.moderation = Moderation::ApproveFirst;
    a.approve_first_listings = 1;
    let mut b = community(GROUP_B);
    b.workers = vec![1005];
    cfg.communities = vec![a, b];
    let mut c = console_with(cfg, Locale::ZhCn).await;
    run(
        &mut c,
        "@time 2026-12-01 09:00
小王@幸福里: 大家好
小张@幸福里: 大家好
居民@幸福里: 大家好
社工甲@幸福里: 大家好
社工乙@幸福里: 大家好
社工乙@和平里: 大家好
管理员@幸福里: 大家好
社工甲: /donation 100 超市捐赠
小王@幸福里: 出闲置：儿童自行车，八成新，30积分",
    )
    .await;
    for (name, id) in [
        ("小王", 1001),
        ("小张", 1002),
        ("居民", 1003),
        ("社工甲", 1004),
        ("社工乙", 1005),
        ("管理员", 1006),
    ] {
        assert_eq!(id_of(&c, name).await, id);
    }
    let (worker, admin) = (1004, 1006);
    // Approval buttons.
    let approve = button(&c, worker, "✅ 通过").await.cb.unwrap();
    for (who, why) in [
        ("居民", "a resident"),
        ("社工乙", "another community's worker"),
        ("小王", "the owner"),
    ] {
        attempt(&mut c, who, &Attempt::Token(&approve), false, why).await;
    }
    for label in ["不通过", "已上门核实"] {
        let token = button(&c, worker, label).await.cb.unwrap();
        for (who, why) in [
            ("居民", "a resident"),
            ("社工乙", "another community's worker"),
        ] {
            attempt(&mut c, who, &Attempt::Token(&token), false, why).await;
        }
    }
    attempt(
        &mut c,
        "管理员",
        &Attempt::Token(&approve),
        true,
        "the admin approves",
    )
    .await;
    attempt(
        &mut c,
        "社工甲",
        &Attempt::Token(&approve),
        false,
        "an old button",
    )
    .await;

    // A hand-over and a dispute.
    run(
        &mut c,
        "小张 taps \"我想要\"
小王 taps \"同意\"
小张 taps \"我已收到\"
小王@幸福里: 出闲置：台灯，九成新，10积分
@time 2026-12-01 10:00
小张: /dispute 1 车把是坏的",
    )
    .await;
    // Someone else's buttons: 小王's star rating and 小王's own claim decision.
    let stars = button(&c, 1001, "5⭐").await.cb.unwrap();
    attempt(
        &mut c,
        "小张",
        &Attempt::Token(&stars),
        false,
        "a rating meant for 小王",
    )
    .await;
    attempt(
        &mut c,
        "居民",
        &Attempt::Token("forged-token-123"),
        false,
        "a forged token",
    )
    .await;
    attempt(
        &mut c,
        "社工甲",
        &Attempt::Token("AAAAAAAAAAAAAAAA"),
        false,
        "a forged token",
    )
    .await;

    let case_buttons = ["赔偿 5", "退回物品并退款", "驳回", "问发起人", "问对方"];
    for label in case_buttons {
        let token = button(&c, worker, label).await.cb.unwrap();
        for (who, why) in [
            ("居民", "a resident"),
            ("社工乙", "another community's worker"),
            ("小张", "a party"),
        ] {
            attempt(&mut c, who, &Attempt::Token(&token), false, why).await;
        }
    }
    let ask = button(&c, worker, "问对方").await.cb.unwrap();
    attempt(
        &mut c,
        "管理员",
        &Attempt::Token(&ask),
        true,
        "the admin asks",
    )
    .await;
    attempt(
        &mut c,
        "社工甲",
        &Attempt::Token(&ask),
        true,
        "the worker asks",
    )
    .await;
    for (who, why) in [
        ("居民", "a resident"),
        ("社工乙", "another community's worker"),
    ] {
        attempt(
            &mut c,
            who,
            &Attempt::Private("/compensate 1 5 不行"),
            false,
            why,
        )
        .await;
    }
    attempt(
        &mut c,
        "社工甲",
        &Attempt::Private("/compensate 1 5 车把小问题"),
        true,
        "the worker",
    )
    .await;
    let dismiss = button(&c, admin, "驳回").await.cb.unwrap();
    attempt(
        &mut c,
        "管理员",
        &Attempt::Token(&dismiss),
        false,
        "a case already decided",
    )
    .await;

    // A report and its buttons.
    run(&mut c, "居民: /report 2 是假的").await;
    for label in ["下架", "驳回", "警告"] {
        let token = button(&c, worker, label).await.cb.unwrap();
        for (who, why) in [
            ("居民", "a resident"),
            ("社工乙", "another community's worker"),
            ("小王", "the owner"),
        ] {
            attempt(&mut c, who, &Attempt::Token(&token), false, why).await;
        }
    }
    let warn = button(&c, admin, "警告").await.cb.unwrap();
    attempt(
        &mut c,
        "管理员",
        &Attempt::Token(&warn),
        true,
        "the admin warns",
    )
    .await;
    let hide = button(&c, worker, "下架").await.cb.unwrap();
    attempt(
        &mut c,
        "社工甲",
        &Attempt::Token(&hide),
        false,
        "an old report button",
    )
    .await;
    // The reason buttons of a report are the reporter's only.
    run(&mut c, "小张 taps \"举报\"").await;
    let why = button(&c, 1002, "不安全").await.cb.unwrap();
    attempt(
        &mut c,
        "居民",
        &Attempt::Token(&why),
        false,
        "someone else's reason button",
    )
    .await;

    // Worker commands in private.
    let transfer: i64 = sqlx::query_scalar("SELECT MAX(id) FROM transfers WHERE kind = 'starter'")
        .fetch_one(c.engine.store.pool())
        .await
        .unwrap();
    let reverse = format!("/reverse {transfer} 测试");
    let commands: Vec<(&str, bool)> = vec![
        ("/grant 小张 1 测试", true),
        ("/adjust 小张 -1 测试", true),
        ("/subsidy 小张 1 测试", true),
        ("/setpoints 2 12 测试", true),
        ("/verify 2", true),
        (reverse.as_str(), true),
        ("/donation 5 测试", false),
        ("/pool", false),
    ];
    for (cmd, other_refused) in &commands {
        attempt(&mut c, "居民", &Attempt::Private(cmd), false, "a resident").await;
        if *other_refused {
            attempt(
                &mut c,
                "社工乙",
                &Attempt::Private(cmd),
                false,
                "another community's worker",
            )
            .await;
        }
    }
    for (cmd, _) in &commands {
        if cmd.starts_with("/pool") {
            continue;
        }
        let who = if cmd.starts_with("/reverse") {
            "管理员"
        } else {
            "社工甲"
        };
        attempt(
            &mut c,
            who,
            &Attempt::Private(cmd),
            true,
            "the community's own",
        )
        .await;
    }
    attempt(
        &mut c,
        "管理员",
        &Attempt::Private("/grant 小张 1 管理员也可以"),
        true,
        "the admin",
    )
    .await;
    // Naming workers: only an admin, in the group.
    for (who, why) in [
        ("居民", "a resident"),
        ("社工甲", "a worker"),
        ("社工乙", "another community's worker"),
    ] {
        attempt(&mut c, who, &Attempt::Group("/addworker 1003"), false, why).await;
    }
    attempt(
        &mut c,
        "管理员",
        &Attempt::Group("/addworker 1003"),
        true,
        "the admin",
    )
    .await;
    attempt(
        &mut c,
        "管理员",
        &Attempt::Group("/removeworker 1003"),
        true,
        "the admin",
    )
    .await;
    let s = state(&c).await;
    assert_ledger_sound(&s);
    assert_groups_clean(&c).await;
}
both!(authorisation_matrix);

/// Every console script of the suite, in both languages: no message the bot sent to a
/// resident group carries a private fact.
async fn no_private_fact_reaches_a_group_in_any_script(db: Db) {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scripts"));
    // The scripts and those of its folders (the dialogs').
    let mut names = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "txt") {
                names.push(p);
            }
        }
    }
    names.sort();
    assert!(names.len() >= 20, "{names:?}");
    let mut total_group_rows = 0;
    for path in names {
        let Some(tdb) = TestDb::new(db).await else {
            return;
        };
        let locale = if path.to_string_lossy().ends_with("_en.txt") {
            Locale::En
        } else {
            Locale::ZhCn
        };
        let mut c = console(&tdb, locale).await;
        let script = std::fs::read_to_string(&path).unwrap();
        for line in script.lines() {
            // A script may hold lines the console refuses on purpose; they print an error.
            let _ = c.line(line).await;
        }
        let groups: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE chat_id < 0")
            .fetch_one(c.engine.store.pool())
            .await
            .unwrap();
        total_group_rows += groups;
        assert_groups_clean(&c).await;
    }
    assert!(total_group_rows > 20, "the scripts wrote to groups");
}
both!(no_private_fact_reaches_a_group_in_any_script);

/// `linli handbook`: resolved disputes by kind of problem, with no names, ids or anyone's points.
async fn handbook_is_anonymous_and_grouped_by_kind(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(&mut c, DISPUTE_ZH).await;
    // A second case on another hand-over, still open: not in the handbook.
    run(
        &mut c,
        "小王@幸福里: 出闲置：台灯，九成新，10积分
小张 taps \"我想要\"
小王 taps \"同意\"
小张 taps \"我已收到\"
小王: /dispute 2 她一直没来拿，爽约了",
    )
    .await;
    let text = linli::handbook::render(
        &c.engine.store,
        &c.engine.i18n,
        Locale::ZhCn,
        Some(GROUP_A),
        "2026-12-05",
    )
    .await
    .unwrap();
    assert!(text.starts_with("# 邻里纠纷手册 · 幸福里"), "{text}");
    assert!(text.contains("共处理了 1 件"), "{text}");
    assert!(text.contains("## 物品损坏（1 件）"), "{text}");
    assert!(
        text.contains("赔偿 1 件，退回并退款 0 件，驳回 0 件"),
        "{text}"
    );
    assert!(
        !text.contains("爽约、迟到"),
        "an open case is not in it: {text}"
    );
    for private in ["小王", "小张", "社工老陈", "车把", "#1", "10 积分", "30"] {
        assert!(!text.contains(private), "{private} in {text}");
    }
    let en = linli::handbook::render(
        &c.engine.store,
        &c.engine.i18n,
        Locale::En,
        None,
        "2026-12-05",
    )
    .await
    .unwrap();
    assert!(en.contains("## Damaged items (1)"), "{en}");
}
both!(handbook_is_anonymous_and_grouped_by_kind);

/// The giver opens the case (the receiver never paid what was agreed, say): the frozen points
/// go back to the giver and the compensation is paid by the receiver.
async fn a_givers_dispute_is_paid_by_the_receiver(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "@time 2026-12-01 09:00
@worker 社工老陈
小王@幸福里: 出闲置：台灯，九成新，10积分
小张@幸福里: 大家好
小张 taps \"我想要\"
小王 taps \"同意\"
小张 taps \"我已收到\"
小王: /dispute 1 她拿走的时候把灯罩弄坏了",
    )
    .await;
    let s = state(&c).await;
    assert_eq!(balance(&s, "小王"), 50, "10 frozen from the giver: {s}");
    assert_eq!(member(&s, "小王")["frozen"], 10);
    // The receiver cannot settle her own case; the worker pays the giver 15 from her.
    let printed = run(&mut c, "小张: /compensate 1 15 我自己说了算").await;
    assert!(to(&printed, "小张")
        .iter()
        .any(|p| p.text.contains("只有社工")));
    run(&mut c, "社工老陈: /compensate 1 15 灯罩坏了，照价赔").await;
    let s = state(&c).await;
    assert_eq!(balance(&s, "小王"), 75, "{s}");
    assert_eq!(balance(&s, "小张"), 25, "{s}");
    assert_eq!(member(&s, "小张")["credit"], 90);
    assert_eq!(member(&s, "小王")["credit"], 100);
    assert_eq!(disputes(&s)[0]["status"], "compensated");
    assert_eq!(disputes(&s)[0]["outcome_points"], 15);
    assert_ledger_sound(&s);
    let reason: String =
        sqlx::query_scalar("SELECT reason FROM audit WHERE action = 'dispute_compensated'")
            .fetch_one(c.engine.store.pool())
            .await
            .unwrap();
    assert!(reason.contains("灯罩坏了，照价赔"), "{reason}");
}
both!(a_givers_dispute_is_paid_by_the_receiver);

/// The group scan itself finds a leak: a balance, a credit score or a phone number planted in
/// a group message is reported; the same words in a private message are not.
async fn the_group_scan_finds_a_planted_leak(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "@time 2026-12-01 09:00\n小王@幸福里: 出闲置：台灯，九成新，10积分\n小王: 积分",
    )
    .await;
    assert!(group_leaks(&c).await.is_empty());
    for (i, text) in [
        "小王 可用 50 积分",
        "小王 信用分 90",
        "电话 13912345678",
        "Bob's credit is 90",
    ]
    .iter()
    .enumerate()
    {
        sqlx::query("INSERT INTO outbox (chat_id, op, text, status, not_before, created_at) VALUES ($1, 'send', $2, 'sent', 0, 0)")
            .bind(GROUP_A)
            .bind(*text)
            .execute(c.engine.store.pool())
            .await
            .unwrap();
        assert_eq!(group_leaks(&c).await.len(), i + 1, "{text}");
    }
}
both!(the_group_scan_finds_a_planted_leak);
