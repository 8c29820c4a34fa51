//! Reminders and loans through the console's clock: the right local time, never in quiet
//! hours, never after a return, each missed job once after a jump.

use linli::i18n::Locale;

use crate::helpers::{assert_ledger_sound, balance, console, state, to, Db, TestDb};

const LENDING_ZH: &str = include_str!("../scripts/lending_zh.txt");

/// Runs the script line by line, keeping what each line printed.
async fn run_lines(
    c: &mut linli::console::Console,
    script: &str,
) -> Vec<(String, Vec<linli::console::Printed>)> {
    let mut out = Vec::new();
    for line in script.lines() {
        let printed = c.line(line).await.unwrap_or_else(|e| panic!("{line}: {e}"));
        out.push((line.to_string(), printed));
    }
    out
}

fn after<'a>(
    lines: &'a [(String, Vec<linli::console::Printed>)],
    line: &str,
) -> &'a [linli::console::Printed] {
    &lines
        .iter()
        .find(|(l, _)| l == line)
        .unwrap_or_else(|| panic!("no line {line}"))
        .1
}

async fn a_loan_is_reminded_at_the_right_times_and_never_after_its_return(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let lines = run_lines(&mut c, LENDING_ZH).await;

    let receipt = after(&lines, "小李 taps \"我已收到\"");
    assert!(
        to(receipt, "小李")
            .iter()
            .any(|p| p.text.contains("12-04 前归还")),
        "{receipt:?}"
    );
    assert!(to(receipt, "小王")
        .iter()
        .any(|p| p.buttons == vec!["✅ 已归还"]));
    assert!(to(receipt, "#幸福里")
        .iter()
        .any(|p| p.text.contains("借给了 小李，12-04 归还")));
    let s = state(&c).await;
    assert_eq!(s["loans"][0]["due"], "2026-12-04T09:00:00+08:00");

    let soon = after(&lines, "@time 2026-12-03 09:00");
    assert_eq!(soon.len(), 1, "{soon:?}");
    assert!(
        soon[0].to == "小李" && soon[0].text.contains("明天（12-04）到期"),
        "{soon:?}"
    );
    let today = after(&lines, "@time 2026-12-04 09:00");
    assert!(
        today.len() == 1 && today[0].text.contains("今天（12-04）到期"),
        "{today:?}"
    );
    // The first overdue reminder falls due at 09:00 on 12-06; at 23:00 it waits for the morning.
    assert!(
        after(&lines, "@time 2026-12-06 23:00").is_empty(),
        "nothing in quiet hours"
    );
    let morning = after(&lines, "@time 2026-12-07 08:00");
    let borrower = to(morning, "小李");
    assert!(
        borrower.len() == 1 && borrower[0].text.contains("超过归还日期 2 天"),
        "{morning:?}"
    );
    // The lender hears it too, with the button for its return.
    let lender = to(morning, "小王");
    assert!(
        lender.len() == 1
            && lender[0]
                .text
                .contains("小李 借的「电钻」已超过归还日期 2 天")
            && lender[0].buttons == vec!["✅ 已归还"],
        "{morning:?}"
    );
    // A jump of four days: the missed overdue reminder runs once, and the workers hear.
    let jump = after(&lines, "@time 2026-12-11 10:00");
    assert_eq!(to(jump, "小李").len(), 1, "each missed job once: {jump:?}");
    assert!(
        to(jump, "社工小陈")
            .iter()
            .any(|p| p.text.contains("逾期 7 天")),
        "{jump:?}"
    );

    let returned = after(&lines, "小王 taps \"已归还\"");
    assert!(to(returned, "小李")
        .iter()
        .any(|p| p.text.contains("借用结束")));
    // Only the workers' weekly digest (Monday 09:00) comes after the return.
    let later = after(&lines, "@time 2026-12-20 09:00");
    assert!(
        later
            .iter()
            .all(|p| p.to == "社工小陈" && (p.text.contains("每周小结") || p.photos.is_some())),
        "no reminder after the return: {later:?}"
    );
    let s = state(&c).await;
    assert_eq!(s["loans"][0]["status"], "returned");
    assert_eq!(balance(&s, "小王"), 55);
    assert_eq!(balance(&s, "小李"), 45);
    assert_ledger_sound(&s);
}

/// While the item is out, the borrower's points stay held in escrow.
async fn points_stay_held_while_an_item_is_lent(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let (start, _) = LENDING_ZH.split_once("@time 2026-12-03 09:00\n").unwrap();
    run_lines(&mut c, start).await;
    let s = state(&c).await;
    assert_eq!(crate::helpers::member(&s, "小李")["held"], 5);
    assert_eq!(s["loans"][0]["status"], "active");
    assert_eq!(s["listings"][0]["status"], "lent");
    assert_ledger_sound(&s);
}

/// A restart in the middle loses no reminder and sends none twice.
async fn a_restart_loses_no_reminder_and_repeats_none(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let (first, rest) = LENDING_ZH.split_once("@time 2026-12-04 09:00\n").unwrap();
    let mut c = console(&tdb, Locale::ZhCn).await;
    run_lines(&mut c, first).await;
    drop(c);
    let mut c = console(&tdb, Locale::ZhCn).await;
    let lines = run_lines(&mut c, &format!("@time 2026-12-04 09:00\n{rest}")).await;
    let today = after(&lines, "@time 2026-12-04 09:00");
    assert!(
        today.len() == 1 && today[0].text.contains("今天（12-04）到期"),
        "{today:?}"
    );
    let all: usize = lines.iter().map(|(_, p)| to(p, "小李").len()).sum();
    // today, one overdue in the morning, one after the jump, the return notice and the rating.
    assert_eq!(all, 5, "{lines:?}");
}

/// The borrower asks for more days and the lender accepts: the reminders move.
async fn an_extension_moves_the_due_date_and_its_reminders(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    let lines = run_lines(
        &mut c,
        "@time 2026-12-01 09:00\nAlice@Oak: LEND: ladder for 3 days, 5 points\nBob@Oak: hi\nBob taps 1\nAlice taps \"Accept\"\nBob taps \"I received it\"\n\
         Bob taps \"Ask for more days\"\nAlice taps \"Accept\"\n@time 2026-12-04 09:00\n@time 2026-12-07 09:00\n",
    )
    .await;
    let accepted = &lines
        .iter()
        .rev()
        .find(|(l, _)| l == "Alice taps \"Accept\"")
        .unwrap()
        .1;
    assert!(
        to(accepted, "Bob")
            .iter()
            .any(|p| p.text.contains("now due 12-07")),
        "{accepted:?}"
    );
    assert!(
        after(&lines, "@time 2026-12-04 09:00").is_empty(),
        "the old due date is gone"
    );
    let due = after(&lines, "@time 2026-12-07 09:00");
    assert!(
        due.len() == 1 && due[0].text.contains("due back today (12-07)"),
        "{due:?}"
    );
    // /reminders lists what is coming, with snooze and stop.
    let mut c2 = c;
    let printed = crate::helpers::run(&mut c2, "Bob: /reminders\n").await;
    assert!(
        printed[0].text.contains("upcoming reminders"),
        "{printed:?}"
    );
    assert!(
        printed[1].buttons == vec!["⏰ Snooze a day", "🔕 Stop"],
        "{printed:?}"
    );
    let stopped = crate::helpers::run(&mut c2, "Bob taps \"Stop\"\nBob: /reminders\n").await;
    assert!(
        stopped.iter().any(|p| p.text.contains("Reminder stopped")),
        "{stopped:?}"
    );
}

/// An open listing asks its owner after 14 days and comes down after 30 unless renewed.
async fn an_old_listing_is_checked_then_expires(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    let lines = run_lines(
        &mut c,
        "@time 2026-12-01 09:00\nAlice@Oak: OFFER: bookshelf, 10 points\nCarol@Oak: OFFER: desk lamp, 8 points\n@time 2026-12-15 10:00\n\
         Carol taps \"Still available\"\n@time 2026-12-31 10:00\n",
    )
    .await;
    let check = after(&lines, "@time 2026-12-15 10:00");
    assert_eq!(check.len(), 2, "{check:?}");
    assert!(check.iter().all(|p| p.text.contains("still available")
        && p.buttons == vec!["👍 Still available", "🚫 Withdraw"]));
    let expired = after(&lines, "@time 2026-12-31 10:00");
    assert!(
        to(expired, "#Oak")
            .iter()
            .any(|p| p.edit && p.text.contains("bookshelf") && p.text.contains("Expired")),
        "{expired:?}"
    );
    assert!(to(expired, "Alice")
        .iter()
        .any(|p| p.text.contains("has come down")));
    assert!(
        to(expired, "Carol")
            .iter()
            .all(|p| !p.text.contains("come down")),
        "Carol renewed: {expired:?}"
    );
    let s = state(&c).await;
    assert_eq!(s["listings"][0]["status"], "expired");
    assert_eq!(s["listings"][1]["status"], "open");
}

both!(a_loan_is_reminded_at_the_right_times_and_never_after_its_return);
both!(a_restart_loses_no_reminder_and_repeats_none);
both!(points_stay_held_while_an_item_is_lent);
both!(an_extension_moves_the_due_date_and_its_reminders);
both!(an_old_listing_is_checked_then_expires);

/// Three engine instances on one database and 1,000 due reminders: each is sent exactly once.
async fn three_instances_send_each_due_reminder_exactly_once(db: Db) {
    use std::sync::Arc;

    use linli::app::{build_engine, EngineOptions};
    use linli::clock::ManualClock;
    use linli::domain::JobKind;
    use linli::jobs::scheduler;
    use linli::store::jobs;

    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let start = chrono::DateTime::parse_from_rfc3339("2026-12-01T01:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let clock = Arc::new(ManualClock::new(start));
    let mut engines = Vec::new();
    for _ in 0..3 {
        let e = build_engine(
            tdb.config(),
            clock.clone(),
            EngineOptions {
                assume_dm_open: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        engines.push(Arc::new(e));
    }
    let now = start.timestamp();
    {
        let mut tx = engines[0].store.begin().await.unwrap();
        let c = linli::store::members::ensure_community(&mut tx, -77, "Oak", now)
            .await
            .unwrap();
        linli::store::members::ensure_member(&mut tx, 501, "Owner", true, 100, now)
            .await
            .unwrap();
        for i in 0..1000 {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO listings (community_id, owner_id, kind, resource, title, points, suggested, status, source_text, created_at, updated_at)
                 VALUES ($1, 501, 'offer', 'item', $2, 1, 1, 'open', '', $3, $3) RETURNING id",
            )
            .bind(c.id)
            .bind(format!("thing {i}"))
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
            jobs::schedule(
                &mut tx,
                JobKind::ListingCheck,
                Some(c.id),
                Some(501),
                id,
                now - 60,
                now,
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    }
    let mut tasks = Vec::new();
    for (i, e) in engines.iter().enumerate() {
        let e = Arc::clone(e);
        tasks.push(tokio::spawn(async move {
            scheduler::run_due(&e, &format!("instance-{i}"))
                .await
                .unwrap()
                .len()
        }));
    }
    let mut total = 0;
    for t in tasks {
        total += t.await.unwrap();
    }
    assert_eq!(total, 1000, "every reminder once, across the instances");
    let pool = engines[0].store.pool();
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE chat_id = 501")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(sent, 1000);
    let distinct: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT listing_id) FROM callbacks WHERE action = 'renew'",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(distinct, 1000, "no listing was reminded twice");
    let done: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE status = 'done'")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(done, 1000);
}

both!(three_instances_send_each_due_reminder_exactly_once);

/// The weekly topic goes to every group on its cron time; after weeks of downtime it is posted
/// once, not once per missed week. The monthly statement reaches only those who asked.
async fn recurring_jobs_run_on_time_and_once_after_downtime(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut cfg = tdb.config();
    cfg.reminders.topics = vec!["旧物改造".into(), "Repair café".into()];
    let mut c = crate::helpers::console_with(cfg, Locale::ZhCn).await;
    // 2026-12-01 is a Tuesday; the first Saturday 10:00 is 12-05.
    let lines = run_lines(
        &mut c,
        "@time 2026-12-01 09:00\nA@幸福里: 你好\nB@南苑: 你好\nA: /statement on\n@time 2026-12-05 09:59\n@time 2026-12-05 10:00\n\
         @time 2026-12-26 11:00\n@time 2027-01-01 09:00\n",
    )
    .await;
    assert!(after(&lines, "@time 2026-12-05 09:59").is_empty());
    let first = after(&lines, "@time 2026-12-05 10:00");
    assert_eq!(first.len(), 2, "{first:?}");
    assert!(
        first.iter().all(|p| p.text.contains("本周话题：旧物改造")),
        "{first:?}"
    );
    let jump = after(&lines, "@time 2026-12-26 11:00");
    assert_eq!(
        jump.len(),
        2,
        "three missed Saturdays, posted once: {jump:?}"
    );
    assert!(
        jump.iter().all(|p| p.text.contains("Repair café")),
        "{jump:?}"
    );
    let monthly = after(&lines, "@time 2027-01-01 09:00");
    assert_eq!(monthly.len(), 1, "{monthly:?}");
    assert!(
        monthly[0].to == "A" && monthly[0].text.contains("积分月报"),
        "{monthly:?}"
    );
}

/// A job claimed by an instance that died is taken over once its lease has run out.
async fn a_dead_instances_job_is_taken_over_after_its_lease(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    run_lines(
        &mut c,
        "@time 2026-12-01 09:00\nAlice@Oak: OFFER: bookshelf, 10 points\n",
    )
    .await;
    let pool = c.engine.store.pool().clone();
    // Another instance took the check and died while holding it.
    let lease_until = chrono::DateTime::parse_from_rfc3339("2026-12-15T02:05:00Z")
        .unwrap()
        .timestamp();
    sqlx::query("UPDATE jobs SET status = 'running', lease_owner = 'dead', lease_until = $1 WHERE kind = 'listing_check'")
        .bind(lease_until)
        .execute(&pool)
        .await
        .unwrap();
    let during = run_lines(&mut c, "@time 2026-12-15 10:00\n").await;
    assert!(
        during[0].1.is_empty(),
        "not while the lease holds: {during:?}"
    );
    let after_lease = run_lines(&mut c, "@time 2026-12-15 10:10\n").await;
    assert!(
        after_lease[0]
            .1
            .iter()
            .any(|p| p.text.contains("still available")),
        "{after_lease:?}"
    );
    let done: String = sqlx::query_scalar("SELECT status FROM jobs WHERE kind = 'listing_check'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(done, "done");
}

both!(recurring_jobs_run_on_time_and_once_after_downtime);
both!(a_dead_instances_job_is_taken_over_after_its_lease);

/// An accepted claim with no confirmed hand-over after three days nudges both sides, once;
/// a confirmed one nudges nobody.
async fn an_unconfirmed_handover_nudges_both_after_three_days(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    let lines = run_lines(
        &mut c,
        "@time 2026-12-01 09:00\nAlice@Oak: OFFER: kettle, 5 points\nBob@Oak: hi\nBob taps 1\nAlice taps \"Accept\"\n\
         Carol@Oak: OFFER: rug, 5 points\nDan@Oak: hi\nDan taps 1\nCarol taps \"Accept\"\nDan taps \"I received it\"\n\
         @time 2026-12-04 08:59\n@time 2026-12-04 09:00\n@time 2026-12-09 09:00\n",
    )
    .await;
    assert!(after(&lines, "@time 2026-12-04 08:59").is_empty());
    let nudges = after(&lines, "@time 2026-12-04 09:00");
    assert_eq!(nudges.len(), 2, "{nudges:?}");
    assert!(to(nudges, "Bob")[0]
        .text
        .contains("agreed 3 days ago. If you have it"));
    assert!(to(nudges, "Alice")[0].text.contains("Have you met Bob"));
    // Nudged once; then the hand-over completes by itself (`handover.auto_confirm_days`).
    let later = after(&lines, "@time 2026-12-09 09:00");
    assert!(
        !later.iter().any(|p| p.text.contains("days ago")),
        "nudged once: {later:?}"
    );
    assert!(
        to(later, "Bob")
            .iter()
            .any(|p| p.text.contains("completed by itself")),
        "{later:?}"
    );
}

both!(an_unconfirmed_handover_nudges_both_after_three_days);

/// A community's own quiet hours: a claim at 21:00 reaches the owner at 09:30 the next day,
/// while the claimer's own answer comes at once.
async fn a_communitys_own_quiet_hours_hold_messages_to_others(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut cfg = tdb.config();
    // The console gives the first group it sees chat id -1001.
    cfg.communities = vec![linli::config::CommunityConfig {
        chat_id: -1001,
        locale: Some("en".into()),
        workers_chat_id: None,
        workers: vec![],
        admins: vec![],
        quiet_start: Some("20:00".into()),
        quiet_end: Some("09:30".into()),
        ..Default::default()
    }];
    let mut c = crate::helpers::console_with(cfg, Locale::En).await;
    let lines = run_lines(
        &mut c,
        "@time 2026-12-01 21:00\nAlice@Oak: OFFER: kettle, 5 points\nBob@Oak: hi\nBob taps 1\n@time 2026-12-02 09:29\n@time 2026-12-02 09:30\n",
    )
    .await;
    let tap = after(&lines, "Bob taps 1");
    assert!(
        to(tap, "Bob")
            .iter()
            .any(|p| p.text.contains("points are held")),
        "{tap:?}"
    );
    assert!(
        to(tap, "Alice").is_empty(),
        "not at 21:00 in this community: {tap:?}"
    );
    assert!(after(&lines, "@time 2026-12-02 09:29").is_empty());
    let morning = after(&lines, "@time 2026-12-02 09:30");
    assert!(
        to(morning, "Alice")
            .iter()
            .any(|p| p.text.contains("would like your #1")),
        "{morning:?}"
    );
}

both!(a_communitys_own_quiet_hours_hold_messages_to_others);
