//! Issue 15, the social workers' desk: /stats (text and a chart), /export (CSV files), /audit,
//! on both backends; the figures and files are checked against `linli state --json`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use linli::i18n::Locale;

use crate::helpers::{console, run, state, to, Db, TestDb};

fn out_dir(tag: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    std::env::temp_dir().join(format!("linli-desk-{tag}-{nanos}"))
}

/// The one file in `dir` whose name contains `part`.
fn file_with(dir: &PathBuf, part: &str) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().contains(part))
        .collect();
    assert_eq!(found.len(), 1, "{part} in {dir:?}: {found:?}");
    found.into_iter().next().unwrap()
}

fn csv_rows(path: &PathBuf) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// The first number after `label` in `text`.
fn number_after(text: &str, label: &str) -> i64 {
    let rest = &text[text
        .find(label)
        .unwrap_or_else(|| panic!("{label} in {text}"))
        + label.len()..];
    rest.trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("a number after {label} in {text}"))
}

fn count(s: &serde_json::Value, kind: &str, resource: Option<&str>) -> i64 {
    s["listings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == kind && resource.is_none_or(|r| l["resource"] == r))
        .count() as i64
}

/// A month in a community, then the worker's figures, files and audit trail: every figure
/// equals what `linli state --json` says; the chart decodes at its size; the CSV rows are the
/// state's listings and ledger; a resident may not ask.
async fn stats_exports_and_audit_match_the_state(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let dir = out_dir("zh");
    c.transport.write_files_to(dir.clone());
    run(
        &mut c,
        "@time 2026-12-01 09:00
@worker 张社工
张社工@幸福里: 大家好
小张@幸福里: 你好
小王@幸福里: 出闲置：儿童推车，八成新，10积分
小张 taps \"我想要\"
小王 taps \"同意\"
小张 taps \"收到\"
小王@幸福里: 出闲置：冲击钻，10积分
小李@幸福里: 求借梯子 周末用
小李@幸福里: 出借：电钻，可以借三天，5积分
张社工: /donation 100 超市捐赠大米
张社工: /grant 小王 20 打扫楼道",
    )
    .await;
    let printed = run(&mut c, "张社工: /stats 本月").await;
    let s = state(&c).await;
    let text = to(&printed, "张社工")
        .iter()
        .map(|p| p.text.clone())
        .find(|t| t.contains("📊"))
        .expect("the figures");
    assert_eq!(
        number_after(&text, "送出"),
        count(&s, "offer", None),
        "{text}"
    );
    assert_eq!(
        number_after(&text, "送出 "),
        count(&s, "offer", Some("item"))
            + count(&s, "offer", Some("service"))
            + count(&s, "offer", Some("skill"))
    );
    assert_eq!(
        number_after(&text, "求助"),
        count(&s, "request", None),
        "{text}"
    );
    let done = s["listings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["status"] == "done")
        .count() as i64;
    assert_eq!(number_after(&text, "完成交接"), done, "{text}");
    let residents = s["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| !m["roles"].as_array().unwrap().iter().any(|r| r == "worker"))
        .count() as i64;
    assert_eq!(
        number_after(&text, "居民"),
        residents,
        "workers are no residents"
    );
    assert!(text.contains("公益池现有 80"), "{text}");
    assert!(
        to(&printed, "张社工").iter().any(|p| p.photos == Some(1)),
        "{printed:?}"
    );
    // The chart: a PNG of the promised size.
    let png = std::fs::read(file_with(&dir, "-stats-")).unwrap();
    let reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let info = reader.info();
    assert_eq!(
        (info.width, info.height),
        (linli::chart::WIDTH, linli::chart::HEIGHT)
    );

    // The files: listings and ledger rows are the state's.
    let printed = run(&mut c, "张社工: /export 本月").await;
    let docs: Vec<_> = to(&printed, "张社工")
        .into_iter()
        .filter_map(|p| p.document.clone())
        .collect();
    assert_eq!(docs.len(), 6, "{printed:?}");
    let listings = csv_rows(&file_with(&dir, "-listings-"));
    let in_state: Vec<(String, String, String)> = s["listings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].to_string(),
                l["title"].as_str().unwrap().to_string(),
                l["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let in_csv: Vec<(String, String, String)> = listings
        .iter()
        .map(|r| (r["id"].clone(), r["title"].clone(), r["status"].clone()))
        .collect();
    assert_eq!(in_csv, in_state);
    let ledger = csv_rows(&file_with(&dir, "-ledger-"));
    assert_eq!(
        ledger.len() as i64 * 2,
        s["ledger"]["entries"].as_i64().unwrap(),
        "a transfer is two entries"
    );
    assert!(ledger.iter().any(|r| r["kind"] == "grant"
        && r["to"] == "小王"
        && r["amount"] == "20"
        && r["by"] == "张社工"));
    let handovers = csv_rows(&file_with(&dir, "-handovers-"));
    assert_eq!(handovers.len(), 1);
    assert_eq!(handovers[0]["receiver"], "小张");
    // No phone numbers, no codes: only these columns.
    assert!(listings.iter().all(|r| r.len() == 9));

    // The audit trail: who, what, whom, how much, why.
    let printed = run(&mut c, "张社工: 操作记录").await;
    assert!(
        to(&printed, "张社工").iter().any(|p| p
            .text
            .contains("张社工 · 发放积分 · 小王（20 积分） · 打扫楼道")),
        "{printed:?}"
    );
    // A worker who never wrote in the group still has the pool; a reason for simple mode
    // goes to the audit.
    let printed = run(
        &mut c,
        "@worker 李社工\n李社工: /pool\n张社工: /simple 小张 on 眼睛不好\n张社工: /audit 1",
    )
    .await;
    assert!(
        to(&printed, "李社工").iter().any(|p| p.text.contains("80")),
        "{printed:?}"
    );
    assert!(
        to(&printed, "张社工")
            .iter()
            .any(|p| p.text.contains("开启简单模式 · 小张 · 眼睛不好")),
        "{printed:?}"
    );
    // Without a reason the audit says what was done in words, not its code (a user test).
    let printed = run(&mut c, "张社工: /simple 小张 off\n张社工: /audit 1").await;
    assert!(
        to(&printed, "张社工")
            .iter()
            .any(|p| p.text.contains("关闭简单模式 · 小张 · 关闭简单模式")
                && !p.text.contains("simple_off")),
        "{printed:?}"
    );
    // A resident may not ask; a period nobody can read is said plainly.
    let printed = run(&mut c, "小张: /stats\n张社工: /stats 2026-12-09 2026-12-01").await;
    assert!(
        to(&printed, "小张")
            .iter()
            .any(|p| p.text.contains("只有社工")),
        "{printed:?}"
    );
    assert!(
        to(&printed, "张社工")
            .iter()
            .any(|p| p.text.contains("没看懂时间段")),
        "{printed:?}"
    );
    crate::helpers::assert_groups_clean(&c).await;
    let _ = std::fs::remove_dir_all(&dir);
}
both!(stats_exports_and_audit_match_the_state);

/// The desk in English, and the weekly digest on Monday morning.
async fn the_desk_in_english_and_the_weekly_digest(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    let dir = out_dir("en");
    c.transport.write_files_to(dir.clone());
    run(
        &mut c,
        "@time 2026-12-01 09:00
@worker Sam
Sam@OakStreet: hello
Bob@OakStreet: OFFER: kettle, free
Amy@OakStreet: WANTED: a ladder for the weekend",
    )
    .await;
    let printed = run(&mut c, "Sam: /stats this week").await;
    assert!(
        to(&printed, "Sam")
            .iter()
            .any(|p| p.text.contains("Posted: 1 offers") && p.text.contains("1 requests")),
        "{printed:?}"
    );
    let printed = run(&mut c, "Sam: /export last 30 days\nSam: /audit").await;
    assert_eq!(
        to(&printed, "Sam")
            .iter()
            .filter(|p| p.document.is_some())
            .count(),
        6
    );
    assert!(
        to(&printed, "Sam")
            .iter()
            .any(|p| p.text.contains("Nothing recorded yet")),
        "{printed:?}"
    );
    // Monday 09:00: the worker gets the week's figures with a chart.
    let printed = run(&mut c, "@time 2026-12-07 09:30").await;
    let digest: Vec<_> = to(&printed, "Sam")
        .into_iter()
        .filter(|p| p.text.contains("Weekly digest"))
        .collect();
    assert_eq!(digest.len(), 1, "{printed:?}");
    assert!(
        digest[0].text.contains("Posted: 1 offers"),
        "{}",
        digest[0].text
    );
    assert!(to(&printed, "Bob").is_empty() && to(&printed, "#OakStreet").is_empty());
    crate::helpers::assert_groups_clean(&c).await;
    let _ = std::fs::remove_dir_all(&dir);
}
both!(the_desk_in_english_and_the_weekly_digest);

/// An emergency at night: the notice reaches the group at once (quiet hours do not apply),
/// once; every tap is answered privately and counted once in the workers' tally, which
/// matches the state; "I need help" reaches the workers as a ticket at once and never the
/// group; after the set time the workers get who has not answered; the end is told.
async fn an_emergency_roll_call(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "@time 2026-12-01 22:00
@worker 张社工
张社工@幸福里: 大家好
王奶奶@幸福里: 早
小李@幸福里: 你好
小王@幸福里: hi
老赵@幸福里: 在
小陈@幸福里: 晚上好
赵奶奶@幸福里: 好
赵奶奶: 简单模式",
    )
    .await;
    let printed = run(
        &mut c,
        "张社工: /emergency 今晚全小区停电停水，请报平安 | 发电机, 轮椅",
    )
    .await;
    // The neighbour in simple mode also gets it privately, the answers as big keys.
    assert!(
        to(&printed, "赵奶奶")
            .iter()
            .any(|p| p.text.contains("停电停水") && p.buttons.len() == 3),
        "{printed:?}"
    );
    let group = to(&printed, "#幸福里");
    assert_eq!(group.len(), 2, "{printed:?}");
    assert!(group[0].text.contains("今晚全小区停电停水"));
    assert_eq!(
        group[0].buttons,
        ["✅ 我安全", "🆘 我需要帮助", "🙋 我能帮忙"]
    );
    assert_eq!(group[1].buttons, ["🙋 发电机", "🙋 轮椅"]);
    assert!(
        to(&printed, "张社工")
            .iter()
            .any(|p| p.text.contains("未回复 6")),
        "{printed:?}"
    );
    // A resident's "I need help": the workers at once (it is 22:00), never the group.
    let printed = run(&mut c, "王奶奶 taps \"我需要帮助\"").await;
    assert!(to(&printed, "#幸福里").is_empty(), "{printed:?}");
    assert!(
        to(&printed, "张社工")
            .iter()
            .any(|p| p.text.contains("🆘 需要帮助 #")),
        "{printed:?}"
    );
    let tally = to(&printed, "张社工")
        .into_iter()
        .find(|p| p.edit)
        .expect("the tally, edited");
    assert!(tally.text.contains("需要帮助：王奶奶"), "{}", tally.text);
    assert!(tally.buttons.iter().any(|b| b.contains("王奶奶")));
    let printed = run(
        &mut c,
        "小李 taps \"我安全\"\n小王 taps \"我能帮忙\"\n小李 taps \"发电机\"\n小李 taps \"我安全\"",
    )
    .await;
    assert!(to(&printed, "#幸福里").is_empty(), "{printed:?}");
    let last = to(&printed, "张社工")
        .into_iter()
        .rev()
        .find(|p| p.edit)
        .unwrap();
    assert!(
        last.text
            .contains("✅ 安全 1 · 🆘 需要帮助 1 · 🙋 能帮忙 1 · 未回复 3"),
        "{}",
        last.text
    );
    assert!(last.text.contains("发电机：1 户（小李）"), "{}", last.text);
    let s = state(&c).await;
    let e = &s["emergencies"][0];
    assert_eq!(
        (
            e["safe"].as_i64(),
            e["need_help"].as_i64(),
            e["can_help"].as_i64(),
            e["roll_call"].as_i64()
        ),
        (Some(1), Some(1), Some(1), Some(1)),
        "the tally matches the taps: {s}"
    );
    assert!(s["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["kind"] == "emergency" && t["member"] == "王奶奶"));
    // 赵奶奶 types instead of tapping; 小陈 only answers the roll-call (that is an answer).
    let printed = run(&mut c, "赵奶奶: 救命\n小陈 taps \"轮椅\"").await;
    assert!(
        to(&printed, "张社工")
            .iter()
            .any(|p| p.text.contains("🆘 需要帮助 #") && p.text.contains("赵奶奶")),
        "at once, at night: {printed:?}"
    );
    let last = to(&printed, "张社工")
        .into_iter()
        .rev()
        .find(|p| p.edit)
        .unwrap();
    assert!(
        last.text.contains("需要帮助：王奶奶（22:00）、赵奶奶"),
        "{}",
        last.text
    );
    assert!(last.text.contains("未回复 1"), "{}", last.text);
    // An hour later: who has not answered, to call.
    let printed = run(&mut c, "@time 2026-12-01 23:05").await;
    assert!(
        to(&printed, "张社工")
            .iter()
            .any(|p| p.text.contains("请电话联系：老赵") && p.buttons == vec!["💬 老赵"]),
        "a call list with a button to write to each: {printed:?}"
    );
    // A resident may not send one; the end is told in the group; a late tap is answered.
    let printed = run(&mut c, "小李: /emergency 我家漏水了快来人").await;
    assert!(to(&printed, "小李")
        .iter()
        .any(|p| p.text.contains("只有社工")));
    let printed = run(&mut c, "张社工: /emergency 结束\n老赵 taps \"我安全\"").await;
    assert!(
        to(&printed, "#幸福里")
            .iter()
            .any(|p| p.text.contains("已解除")),
        "{printed:?}"
    );
    assert!(to(&printed, "老赵")
        .iter()
        .any(|p| p.text.contains("已经结束")));
    // Nothing about who needs help ever reached the group.
    let group_texts: Vec<String> = sqlx::query_scalar("SELECT text FROM outbox WHERE chat_id < 0")
        .fetch_all(c.engine.store.pool())
        .await
        .unwrap();
    assert!(
        group_texts.iter().all(|t| !t.contains("王奶奶")),
        "{group_texts:?}"
    );
    crate::helpers::assert_groups_clean(&c).await;
}
both!(an_emergency_roll_call);

/// Feedback in both ways (the command with its text, and the flow), as tickets.
async fn feedback_becomes_a_ticket(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "@time 2026-12-01 10:00\n@worker 张社工\n@worker 李社工\n张社工@幸福里: 大家好\n李社工@幸福里: 好\n小张@幸福里: 你好",
    )
    .await;
    let printed = run(&mut c, "小张: /feedback 群里的二维码扫不出来").await;
    assert!(
        to(&printed, "张社工")
            .iter()
            .any(|p| p.text.contains("💬 反馈 #1") && p.text.contains("二维码扫不出来")),
        "{printed:?}"
    );
    assert!(to(&printed, "小张")
        .iter()
        .any(|p| p.text.contains("谢谢你的反馈")));
    let printed = run(&mut c, "小张: 问题反馈\n小张: 希望活动能放在周末").await;
    assert!(to(&printed, "小张")
        .iter()
        .any(|p| p.text.contains("请写下遇到的问题")));
    assert!(to(&printed, "张社工")
        .iter()
        .any(|p| p.text.contains("💬 反馈 #2")));
    let s = state(&c).await;
    let kinds: Vec<&str> = s["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["feedback", "feedback"]);
    // 张社工 takes #2; a colleague closes it: the taker and the resident are told.
    run(
        &mut c,
        "@worker 李社工
张社工 taps \"我来联系\"",
    )
    .await;
    let printed = run(&mut c, "李社工 taps \"已处理\"").await;
    assert!(
        to(&printed, "张社工")
            .iter()
            .any(|p| p.text.contains("#2") && p.text.contains("李社工")),
        "{printed:?}"
    );
    assert!(to(&printed, "小张")
        .iter()
        .any(|p| p.text.contains("#2") && p.text.contains("已处理")));
}
both!(feedback_becomes_a_ticket);

/// Hot needs: unmet requests of the last 30 days by category and similar titles, the trend
/// against the 30 days before, and a forecast that states its backtest error.
async fn hot_needs_with_trend_and_an_honest_forecast(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "@time 2026-10-20 09:00
@worker 张社工
张社工@幸福里: 大家好
小王@幸福里: 求借电钻
@time 2026-11-10 09:00
小张@幸福里: 求借梯子
小张@幸福里: 求购婴儿车
小赵@幸福里: 求借人字梯
@time 2026-11-25 09:00
小李@幸福里: 求借冲击钻
小周@幸福里: 出闲置：婴儿车，八成新，10积分",
    )
    .await;
    // The pram is found: handed over, its asker takes the request down; no unmet need.
    run(
        &mut c,
        "小张: 我想要婴儿车\n小张: 1\n小张: 1\n小周 taps \"同意\"\n小张 taps \"收到\"\n小张 taps \"撤下\"",
    )
    .await;
    let printed = run(&mut c, "张社工: 热门需求").await;
    let text = to(&printed, "张社工")
        .iter()
        .map(|p| p.text.clone())
        .find(|t| t.contains("🔥"))
        .expect("hot needs");
    assert!(text.contains("1. 工具 3 ↑（前 30 天 1）"), "{text}");
    assert!(text.contains("梯子 2"), "similar titles together: {text}");
    assert!(!text.contains("儿童用品"), "the pram was found: {text}");
    assert!(text.contains("平均误差 ±"), "{text}");
    let printed = run(&mut c, "小张: /needs").await;
    assert!(to(&printed, "小张")
        .iter()
        .any(|p| p.text.contains("只有社工")));
}
both!(hot_needs_with_trend_and_an_honest_forecast);
