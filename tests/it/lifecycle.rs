//! Issue 18, items 1, 5, 6, 7 and 9: a hand-over never stays stuck, a refund is always paid
//! (a debt where the giver cannot), somebody hears a call for help even without a social
//! worker, and points do not expire without a warning. Each on both backends.

use linli::config::Config;
use linli::i18n::Locale;

use crate::helpers::{balance, console, console_with, member, run, state, to, Db, TestDb};

fn texts<'a>(printed: &'a [linli::console::Printed], name: &str) -> Vec<&'a str> {
    to(printed, name).iter().map(|p| p.text.as_str()).collect()
}

fn listing_status(s: &serde_json::Value, id: i64) -> String {
    s["listings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == id)
        .map(|l| l["status"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

/// Item 5: the giver says "I handed it over", the receiver is asked to confirm; nobody
/// confirms, and after `handover.auto_confirm_days` the hand-over completes and both hear.
async fn an_unconfirmed_hand_over_completes_by_itself(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let printed = run(
        &mut c,
        "小王@幸福里: 出闲置：台灯，九成新，20积分
小李@幸福里: 你好
小李 taps \"我想要\"
小王 taps \"同意\"",
    )
    .await;
    let giver = to(&printed, "小王");
    let last = giver.last().unwrap();
    assert!(
        last.buttons.iter().any(|b| b.contains("我已交给对方")),
        "the giver has a button: {giver:?}"
    );
    assert!(
        last.buttons.iter().any(|b| b.contains("联系 小李")),
        "and a way to write to the receiver: {giver:?}"
    );
    let printed = run(&mut c, "小王 taps \"我已交给对方\"").await;
    let told = to(&printed, "小李");
    assert!(
        told.iter().any(
            |p| p.text.contains("交给你了") && p.buttons.iter().any(|b| b.contains("我已收到"))
        ),
        "the receiver is asked to confirm: {printed:?}"
    );
    // The nudge after three days carries the receiver's button and the day it completes.
    let printed = run(&mut c, "@time 2026-12-04 10:00").await;
    assert!(
        to(&printed, "小李")
            .iter()
            .any(|p| p.text.contains("12-08") && p.buttons.iter().any(|b| b.contains("我已收到"))),
        "{printed:?}"
    );
    assert_eq!(listing_status(&state(&c).await, 1), "accepted");
    let printed = run(&mut c, "@time 2026-12-08 10:00").await;
    assert!(
        texts(&printed, "小王")
            .iter()
            .any(|t| t.contains("自动完成")),
        "{printed:?}"
    );
    assert!(
        texts(&printed, "小李")
            .iter()
            .any(|t| t.contains("自动完成")),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(listing_status(&s, 1), "done", "{s}");
    assert_eq!(balance(&s, "小王"), 70, "{s}");
    assert_eq!(balance(&s, "小李"), 30, "{s}");
    assert_eq!(s["ledger"]["sum"], 0, "{s}");
    // A press after it completed is answered politely.
    let printed = run(&mut c, "小李 taps \"我已收到\"").await;
    assert!(
        texts(&printed, "小李")
            .iter()
            .any(|t| t.contains("已经确认收到")),
        "{printed:?}"
    );
}
crate::both!(an_unconfirmed_hand_over_completes_by_itself);

/// Item 5: a claim the owner never answers is released: the points come back, the claimer
/// and the owner hear, and someone else may claim.
async fn an_unanswered_claim_is_released(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let printed = run(
        &mut c,
        "小王@幸福里: 出闲置：台灯，九成新，20积分
小李@幸福里: 你好
小李 taps \"我想要\"",
    )
    .await;
    assert!(
        texts(&printed, "小王")
            .iter()
            .any(|t| t.contains("12-04 09:00 前不回复")),
        "the owner is told when it lapses: {printed:?}"
    );
    assert_eq!(balance(&state(&c).await, "小李"), 30);
    let printed = run(&mut c, "@time 2026-12-04 10:00").await;
    assert!(
        texts(&printed, "小李")
            .iter()
            .any(|t| t.contains("自动取消") && t.contains("20 积分已退回")),
        "{printed:?}"
    );
    assert!(
        texts(&printed, "小王")
            .iter()
            .any(|t| t.contains("自动取消")),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(listing_status(&s, 1), "open", "{s}");
    assert_eq!(balance(&s, "小李"), 50, "{s}");
    let printed = run(&mut c, "小张@幸福里: 你好\n小张 taps \"我想要\"").await;
    assert!(
        texts(&printed, "小王")
            .iter()
            .any(|t| t.contains("小张 想要")),
        "{printed:?}"
    );
}
crate::both!(an_unanswered_claim_is_released);

/// The first part of the refund story: 小王 gives 台灯 for 20 and spends what he has, so a
/// dispute can freeze only part of the 20.
const SPENT_BEFORE_DISPUTE: &str = "@worker 社工老陈
小王@幸福里: 出闲置：台灯，九成新，20积分
小李@幸福里: 你好
小李 taps \"我想要\"
小王 taps \"同意\"
小李 taps \"我已收到\"
小张@幸福里: 出闲置：书架，九成新，60积分
小王 taps \"我想要\"
小张 taps \"同意\"
小王 taps \"我已收到\"
小李: /dispute 1 灯是坏的";

/// Item 1: a refund the giver cannot pay is still paid in full: the pool fronts it, the giver
/// owes it (told privately), and what he earns next repays it first.
async fn a_refund_the_giver_cannot_pay_is_paid_and_owed(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(&mut c, SPENT_BEFORE_DISPUTE).await;
    let s = state(&c).await;
    assert_eq!(balance(&s, "小王"), 0, "10 frozen, none left: {s}");
    let printed = run(&mut c, "社工老陈 taps \"退回物品并退款\"").await;
    assert!(
        texts(&printed, "小李")
            .iter()
            .any(|t| t.contains("20 积分退给接收方")),
        "the receiver is refunded in full: {printed:?}"
    );
    assert!(
        texts(&printed, "小王")
            .iter()
            .any(|t| t.contains("你欠 10 积分")),
        "the giver hears of his debt: {printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(balance(&s, "小李"), 50, "paid 20, got 20 back: {s}");
    assert_eq!(member(&s, "小王")["debt"], 10, "{s}");
    assert_eq!(s["ledger"]["sum"], 0, "{s}");
    let printed = run(&mut c, "小王: 积分").await;
    assert!(
        texts(&printed, "小王")
            .iter()
            .any(|t| t.contains("欠款 10 积分")),
        "{printed:?}"
    );
    // He earns 15: 10 repay the debt first.
    run(
        &mut c,
        "小王@幸福里: 出闲置：花盆，九成新，15积分
小赵@幸福里: 你好
小赵 taps \"我想要\"
小王 taps \"同意\"
小赵 taps \"我已收到\"",
    )
    .await;
    let s = state(&c).await;
    assert_eq!(member(&s, "小王")["debt"], 0, "{s}");
    assert_eq!(balance(&s, "小王"), 5, "{s}");
    assert_eq!(s["ledger"]["sum"], 0, "{s}");
    let printed = run(&mut c, "小王: 明细").await;
    assert!(
        texts(&printed, "小王")
            .iter()
            .any(|t| t.contains("-10 还欠款")),
        "{printed:?}"
    );
}
crate::both!(a_refund_the_giver_cannot_pay_is_paid_and_owed);

/// Item 1: beyond `safety.debt_limit` the pool bears the rest and the workers are told.
async fn beyond_the_debt_limit_the_pool_bears_it(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut cfg: Config = tdb.config();
    cfg.safety.debt_limit = 4;
    let mut c = console_with(cfg, Locale::ZhCn).await;
    run(&mut c, SPENT_BEFORE_DISPUTE).await;
    run(
        &mut c,
        "社工老陈@幸福里: 大家好\n社工老陈: /donation 30 公益基金",
    )
    .await;
    let printed = run(&mut c, "社工老陈 taps \"退回物品并退款\"").await;
    assert!(
        texts(&printed, "社工老陈")
            .iter()
            .any(|t| t.contains("欠款 4") && t.contains("积分池承担 6")),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(member(&s, "小王")["debt"], 4, "{s}");
    assert_eq!(balance(&s, "小李"), 50, "{s}");
    assert_eq!(s["ledger"]["pool"], 20, "the pool paid 10 of its 30: {s}");
    assert_eq!(s["ledger"]["sum"], 0, "{s}");
}
crate::both!(beyond_the_debt_limit_the_pool_bears_it);

/// Items 6 and 7: with no social worker, "请社工联系我" reaches the group's administrator,
/// the resident is told who; the administrator becomes the worker with one tap, takes the
/// ticket, and the resident hears who will call.
async fn without_a_worker_the_group_administrator_hears(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(&mut c, "小李@幸福里: 大家好\n@admin 老张@幸福里").await;
    let printed = run(&mut c, "小李: 找社工\n小李 taps \"请社工联系我\"").await;
    assert!(
        texts(&printed, "小李")
            .iter()
            .any(|t| t.contains("还没有社工") && t.contains("老张")),
        "the resident is told honestly who hears: {printed:?}"
    );
    let card = to(&printed, "老张");
    assert!(
        card.iter()
            .any(|p| p.text.contains("求助 #1")
                && p.buttons.iter().any(|b| b.contains("我来当社工"))),
        "{printed:?}"
    );
    // A resident who is not the group's administrator cannot take it over.
    let printed = run(&mut c, "小李@幸福里: /setup").await;
    assert!(
        texts(&printed, "小李")
            .iter()
            .any(|t| t.contains("只有群管理员")),
        "{printed:?}"
    );
    let printed = run(&mut c, "老张 taps \"我来当社工\"").await;
    assert!(
        texts(&printed, "#幸福里")
            .iter()
            .any(|t| t.contains("老张 现在是本社区的社工")),
        "{printed:?}"
    );
    let printed = run(&mut c, "老张 taps \"我来联系\"").await;
    assert!(
        texts(&printed, "小李")
            .iter()
            .any(|t| t.contains("社工 老张 接手了")),
        "{printed:?}"
    );
    assert!(
        to(&printed, "老张")
            .iter()
            .any(|p| p.buttons.iter().any(|b| b.contains("联系 小李"))),
        "the worker gets a way to write to the resident: {printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(s["tickets"][0]["status"], "taken", "{s}");
    assert_eq!(s["tickets"][0]["member"], "小李", "{s}");
    let roles = member(&s, "老张")["roles"].as_array().unwrap().clone();
    assert!(roles.iter().any(|r| r == "worker"), "{s}");
}
crate::both!(without_a_worker_the_group_administrator_hears);

/// Item 6: with nobody at all, the resident is told so, and the request is kept for the
/// first worker a group administrator names with `/setup NAME`.
async fn with_nobody_to_tell_the_resident_hears_so(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let printed = run(
        &mut c,
        "小李@幸福里: 大家好\n小李: 找社工\n小李 taps \"请社工联系我\"",
    )
    .await;
    assert!(
        texts(&printed, "小李")
            .iter()
            .any(|t| t.contains("也没有能联系上的群管理员")),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(s["tickets"][0]["status"], "open", "{s}");
    // The administrator names someone; the reminder then reaches the new worker.
    let printed = run(
        &mut c,
        "@admin 老张@幸福里\n社工小周@幸福里: 你好\n老张@幸福里: /setup 社工小周",
    )
    .await;
    assert!(
        texts(&printed, "#幸福里")
            .iter()
            .any(|t| t.contains("社工小周 现在是本社区的社工")),
        "{printed:?}"
    );
    let printed = run(&mut c, "@time 2026-12-01 14:00").await;
    assert!(
        texts(&printed, "社工小周")
            .iter()
            .any(|t| t.contains("请求 #1") && t.contains("小时没人接手")),
        "{printed:?}"
    );
}
crate::both!(with_nobody_to_tell_the_resident_hears_so);

/// Item 7: with a worker, the ticket card has Take and Done; the resident hears each step.
async fn a_worker_takes_and_closes_a_help_request(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    let printed = run(
        &mut c,
        "@worker Chen
Li@Maple: hello
Li: help me
Li taps \"A social worker to call me\"",
    )
    .await;
    assert!(
        texts(&printed, "Li")
            .iter()
            .any(|t| t.contains("A social worker will contact you")),
        "{printed:?}"
    );
    // Asking twice does not open a second ticket.
    let printed = run(
        &mut c,
        "Li: help me\nLi taps \"A social worker to call me\"",
    )
    .await;
    assert!(
        texts(&printed, "Li")
            .iter()
            .any(|t| t.contains("waiting for a social worker")),
        "{printed:?}"
    );
    let printed = run(&mut c, "Chen taps \"I'll contact them\"").await;
    assert!(
        texts(&printed, "Li")
            .iter()
            .any(|t| t.contains("Chen took your request #1")),
        "{printed:?}"
    );
    let printed = run(&mut c, "Chen taps \"Done\"").await;
    assert!(
        texts(&printed, "Li")
            .iter()
            .any(|t| t.contains("marked your request #1 as done")),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(s["tickets"].as_array().unwrap().len(), 1, "{s}");
    assert_eq!(s["tickets"][0]["status"], "done", "{s}");
    assert_eq!(s["tickets"][0]["taken_by"], "Chen", "{s}");
}
crate::both!(a_worker_takes_and_closes_a_help_request);

/// Item 9: points are announced before they expire, once, and then expire with a message.
async fn points_are_announced_before_they_expire(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut cfg: Config = tdb.config();
    cfg.points.expiry_days = 30;
    cfg.points.expiry_warn_days = 14;
    let mut c = console_with(cfg, Locale::ZhCn).await;
    run(&mut c, "小王@幸福里: 大家好").await;
    let printed = run(&mut c, "@time 2026-12-10 10:00").await;
    assert!(texts(&printed, "小王").is_empty(), "too early: {printed:?}");
    let printed = run(&mut c, "@time 2026-12-18 10:00").await;
    assert!(
        texts(&printed, "小王")
            .iter()
            .any(|t| t.contains("50 积分会在") && t.contains("过期")),
        "{printed:?}"
    );
    let printed = run(&mut c, "@time 2026-12-20 10:00").await;
    assert!(
        texts(&printed, "小王").is_empty(),
        "warned once: {printed:?}"
    );
    let printed = run(&mut c, "@time 2027-01-01 10:00").await;
    assert!(
        texts(&printed, "小王").iter().any(|t| t.contains("过期")),
        "{printed:?}"
    );
    assert_eq!(balance(&state(&c).await, "小王"), 0);
}
crate::both!(points_are_announced_before_they_expire);

/// Item 10: a group photo whose caption is a listing keeps its photo on the card; a photo
/// sent privately starts the offer flow with it, and the card shows it.
async fn photos_stay_with_their_listing(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let printed = run(&mut c, "小王@幸福里 photo: 出闲置：台灯，九成新，20积分").await;
    let group = texts(&printed, "#幸福里");
    assert!(
        group.iter().any(|t| t.contains("📷")) && group.iter().any(|t| t.contains("台灯")),
        "the photo comes with the card: {printed:?}"
    );
    let printed = run(&mut c, "小李@幸福里: 大家好\n小李 photo: 儿童自行车").await;
    let told = texts(&printed, "小李");
    assert!(told.iter().any(|t| t.contains("收到照片")), "{printed:?}");
    assert!(
        told.iter()
            .any(|t| t.contains("「儿童自行车」是东西、帮忙，还是手艺")),
        "the caption is what is given: {printed:?}"
    );
    // The photos step shows the photo already received; then points and the confirmation.
    let printed = run(
        &mut c,
        "小李: 1\n小李: 1\n小李: 2\n小李 taps 1\n小李 taps 1\n小李 taps 1",
    )
    .await;
    let group = texts(&printed, "#幸福里");
    assert!(
        group.iter().any(|t| t.contains("📷")) && group.iter().any(|t| t.contains("儿童自行车")),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(s["listings"].as_array().unwrap().len(), 2, "{s}");
}
crate::both!(photos_stay_with_their_listing);

/// Item 11: in simple mode a typed number answers the keys in front of her (at the points
/// step "1" is the suggested points, not 1 point), and the words on her menu keys work typed.
async fn simple_mode_numbers_answer_the_keys_in_front(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(&mut c, "王奶奶@幸福里: 大家好\n王奶奶: 简单模式").await;
    let printed = run(
        &mut c,
        "王奶奶: 1\n王奶奶: 台灯\n王奶奶: 1\n王奶奶: 1\n王奶奶: 1\n王奶奶: 1",
    )
    .await;
    assert!(
        texts(&printed, "王奶奶")
            .iter()
            .any(|t| t.contains("1 ⏭ 跳过") || t.contains("请发照片")),
        "{printed:?}"
    );
    let printed = run(&mut c, "王奶奶: 1").await;
    assert!(
        texts(&printed, "王奶奶")
            .iter()
            .any(|t| t.contains("发布「台灯」，") && !t.contains("1 积分")),
        "1 chose the suggested points: {printed:?}"
    );
    let printed = run(&mut c, "王奶奶: 1").await;
    assert!(
        texts(&printed, "#幸福里")
            .iter()
            .any(|t| t.contains("台灯")),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert!(s["listings"][0]["points"].as_i64().unwrap() > 1, "{s}");
    // The words of her menu keys, typed without the number.
    let printed = run(&mut c, "王奶奶: 交接有问题").await;
    assert!(
        texts(&printed, "王奶奶")
            .iter()
            .any(|t| t.contains("没有可以投诉的交接")),
        "{printed:?}"
    );
    let printed = run(&mut c, "王奶奶: 求助").await;
    assert!(
        texts(&printed, "王奶奶")
            .iter()
            .any(|t| t.contains("你需要什么")),
        "{printed:?}"
    );
}
crate::both!(simple_mode_numbers_answer_the_keys_in_front);

/// Item 6: the communities nobody would hear (what `linli run` logs at start-up): one with
/// neither worker nor known administrator is listed; naming an administrator takes it off.
async fn communities_nobody_would_hear_are_found(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(&mut c, "小李@幸福里: 大家好\n小张@和平里: 大家好").await;
    let titles = |v: Vec<(i64, String)>| v.into_iter().map(|(_, t)| t).collect::<Vec<_>>();
    let nobody = titles(c.engine.unreachable_communities().await.unwrap());
    assert_eq!(nobody, vec!["幸福里".to_string(), "和平里".to_string()]);
    run(&mut c, "@admin 老张@幸福里").await;
    let nobody = titles(c.engine.unreachable_communities().await.unwrap());
    assert_eq!(nobody, vec!["和平里".to_string()]);
    run(&mut c, "@worker 社工小周").await;
    assert!(c.engine.unreachable_communities().await.unwrap().is_empty());
}
crate::both!(communities_nobody_would_hear_are_found);

/// Found by trying it as users would: a decided hand-over is not disputed (and refunded)
/// again; a receiver told it was handed over cannot just withdraw; a worker cannot move
/// points to themselves; a group administrator names workers by name; a worker named later
/// gets the case that waited for one.
async fn holes_found_by_users_are_closed(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "@admin 老张@幸福里
小王@幸福里: 出闲置：台灯，九成新，20积分
小李@幸福里: 你好
小李 taps \"我想要\"
小王 taps \"同意\"
小李 taps \"我已收到\"",
    )
    .await;
    let printed = run(&mut c, "小李: /dispute 1 灯不亮").await;
    assert!(
        texts(&printed, "小李")
            .iter()
            .any(|t| t.contains("还没有社工") && t.contains("老张")),
        "the dispute's opener is told honestly who decides: {printed:?}"
    );
    // The administrator told of it must become a worker before deciding.
    let printed = run(&mut c, "老张 taps \"驳回\"").await;
    assert!(
        texts(&printed, "老张")
            .iter()
            .any(|t| t.contains("先点“我来当社工”")),
        "{printed:?}"
    );
    // The giver sees what is frozen.
    let printed = run(&mut c, "小王: 积分").await;
    assert!(
        texts(&printed, "小王")
            .iter()
            .any(|t| t.contains("纠纷中冻结 20 积分")),
        "{printed:?}"
    );
    // The administrator names a worker by name; the worker gets the case that waited.
    run(&mut c, "小林@幸福里: 大家好").await;
    let printed = run(&mut c, "老张@幸福里: /addworker 小林").await;
    assert!(
        texts(&printed, "#幸福里")
            .iter()
            .any(|t| t.contains("小林")),
        "{printed:?}"
    );
    run(&mut c, "老张@幸福里: /removeworker 小林").await;
    let printed = run(&mut c, "老张@幸福里: /setup 小林").await;
    assert!(
        to(&printed, "小林")
            .iter()
            .any(|p| p.text.contains("纠纷 #1")
                && p.buttons.iter().any(|b| b.contains("退回物品并退款"))),
        "{printed:?}"
    );
    run(&mut c, "小林 taps \"退回物品并退款\"").await;
    let printed = run(&mut c, "小李: /dispute 1 还是不亮").await;
    assert!(
        texts(&printed, "小李")
            .iter()
            .any(|t| t.contains("已经处理过了")),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(s["disputes"].as_array().unwrap().len(), 1, "{s}");
    assert_eq!(balance(&s, "小李"), 50, "refunded once: {s}");
    // A worker does not pay themselves.
    let printed = run(&mut c, "小林: /adjust 小林 500 加点").await;
    assert!(
        texts(&printed, "小林")
            .iter()
            .any(|t| t.contains("不能给自己")),
        "{printed:?}"
    );
    // Once the giver says it was handed over, the receiver cannot take the points back.
    run(
        &mut c,
        "小王@幸福里: 出闲置：花盆，九成新，10积分
小李 taps \"我想要\"
小王 taps \"同意\"
小王 taps \"我已交给对方\"",
    )
    .await;
    let printed = run(&mut c, "小李: 撤回 2").await;
    assert!(
        texts(&printed, "小李")
            .iter()
            .any(|t| t.contains("不能直接取消")),
        "{printed:?}"
    );
    assert_eq!(listing_status(&state(&c).await, 2), "accepted");
}
crate::both!(holes_found_by_users_are_closed);

/// Found by trying it as users would: inside a flow, 帮助 and 积分 are not taken as answers;
/// 请社工联系我 typed opens a help request; a number after a message without buttons does not
/// press an older message's buttons.
async fn help_is_reachable_from_anywhere(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "@worker 社工小周\n王奶奶@幸福里: 大家好\n王奶奶: 简单模式\n王奶奶: 1",
    )
    .await;
    let printed = run(&mut c, "王奶奶: 帮助").await;
    assert!(
        !texts(&printed, "王奶奶")
            .iter()
            .any(|t| t.contains("「帮助」")),
        "帮助 is not what she gives: {printed:?}"
    );
    let printed = run(&mut c, "王奶奶: 取消\n王奶奶: 请社工联系我").await;
    assert!(
        texts(&printed, "王奶奶")
            .iter()
            .any(|t| t.contains("求助 #1 已发出")),
        "{printed:?}"
    );
    // 小李 has rating stars from a hand-over, then asks for help: "2" is not 2 stars.
    run(
        &mut c,
        "小王@幸福里: 出闲置：台灯，九成新，20积分
小李@幸福里: 你好
小李 taps \"我想要\"
小王 taps \"同意\"
小李 taps \"我已收到\"
小李: 帮助",
    )
    .await;
    let printed = run(&mut c, "小李: 2").await;
    assert!(
        !texts(&printed, "小李")
            .iter()
            .any(|t| t.contains("谢谢评价")),
        "{printed:?}"
    );
}
crate::both!(help_is_reachable_from_anywhere);

/// The hourly refresh of group administrators is shared between instances: each claims
/// groups not asked about within the hour, no group is claimed twice in an hour, and all are
/// due again an hour later.
async fn admin_checks_are_claimed_once_an_hour(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "小李@幸福里: 大家好\n小张@和平里: 大家好\n小王@长安里: 大家好",
    )
    .await;
    let first = c.engine.claim_admin_checks(3600, 2).await.unwrap();
    let second = c.engine.claim_admin_checks(3600, 2).await.unwrap();
    assert_eq!((first.len(), second.len()), (2, 1), "{first:?} {second:?}");
    let mut all: Vec<String> = first.into_iter().chain(second).map(|(_, t)| t).collect();
    all.sort();
    assert_eq!(all, ["和平里", "幸福里", "长安里"]);
    assert!(c
        .engine
        .claim_admin_checks(3600, 10)
        .await
        .unwrap()
        .is_empty());
    run(&mut c, "@time 2026-12-01 09:59").await;
    assert!(c
        .engine
        .claim_admin_checks(3600, 10)
        .await
        .unwrap()
        .is_empty());
    run(&mut c, "@time 2026-12-01 10:01").await;
    assert_eq!(
        c.engine.claim_admin_checks(3600, 10).await.unwrap().len(),
        3
    );
}
crate::both!(admin_checks_are_claimed_once_an_hour);
