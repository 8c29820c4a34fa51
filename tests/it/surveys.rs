//! Issue 15, needs surveys: a quick question as a native poll in the group (`📊`, `NAME votes
//! N`), a questionnaire answered privately by number (simple mode too), one answer per
//! resident, results with a chart and a CSV file for the workers only; on both backends, the
//! figures and files checked against `linli state --json`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use linli::i18n::Locale;

use crate::helpers::{assert_groups_clean, console, run, state, to, Db, TestDb};

fn out_dir(tag: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    std::env::temp_dir().join(format!("linli-survey-{tag}-{nanos}"))
}

fn csv_rows(path: &PathBuf) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
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

fn survey<'a>(s: &'a serde_json::Value, title: &str) -> &'a serde_json::Value {
    s["surveys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["title"].as_str().unwrap().contains(title))
        .unwrap_or_else(|| panic!("survey {title} in {s}"))
}

/// (question, choice) of each answer of `name`.
fn answers_of(sv: &serde_json::Value, name: &str) -> Vec<(i64, Option<i64>, Option<String>)> {
    sv["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["member"] == name)
        .map(|a| {
            (
                a["question"].as_i64().unwrap(),
                a["choice"].as_i64(),
                a["text"].as_str().map(String::from),
            )
        })
        .collect()
}

/// A poll in the group: one vote per resident (a changed vote replaces, none is counted
/// twice), nothing about the votes in the group, the results to the worker with a chart and a
/// CSV file that match the state, and a closed poll takes no more votes.
async fn a_poll_counts_one_vote_each_for_the_workers_only(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let dir = out_dir("poll");
    c.transport.write_files_to(dir.clone());
    run(
        &mut c,
        "@time 2026-12-01 09:00
@worker 张社工
张社工@幸福里: 大家好
小王@幸福里: 早
小李@幸福里: 早上好
小赵@幸福里: 你们好",
    )
    .await;
    // A resident may not start a poll.
    let p = run(&mut c, "小王: /poll 要不要办旧书交换？ 要 / 不要").await;
    assert!(
        p.iter().all(|m| !m.poll) && to(&p, "小王").len() == 1,
        "{p:?}"
    );
    let p = run(
        &mut c,
        "张社工: /poll 下次交换会最想换什么？ 童书 / 小家电 / 衣物 / 玩具",
    )
    .await;
    assert!(to(&p, "#幸福里").is_empty(), "a preview first: {p:?}");
    assert!(to(&p, "张社工")[0].text.contains("不是匿名"), "{p:?}");
    let p = run(&mut c, "张社工 taps \"发到群里\"").await;
    let poll = to(&p, "#幸福里")
        .into_iter()
        .find(|m| m.poll)
        .expect("a native poll in the group");
    assert_eq!(poll.text, "📊 下次交换会最想换什么？");
    assert_eq!(poll.buttons, vec!["童书", "小家电", "衣物", "玩具"]);
    assert!(to(&p, "张社工")[0].text.contains("/survey 1"), "{p:?}");
    let p = run(
        &mut c,
        "小王 votes 1
小李 votes 2
小赵 votes 2
小李 votes 3
小钱@幸福里: 我也投
小钱 votes 1",
    )
    .await;
    // A vote is told to nobody: no message at all.
    assert!(
        p.iter()
            .all(|m| m.to != "#幸福里" || !m.text.contains("票")),
        "{p:?}"
    );
    let s = state(&c).await;
    let sv = survey(&s, "下次交换会");
    assert_eq!(sv["kind"], "poll");
    assert_eq!(sv["respondents"], 4, "{sv}");
    assert_eq!(
        answers_of(sv, "小李"),
        vec![(1, Some(3), None)],
        "the newest vote"
    );
    assert_eq!(sv["answers"].as_array().unwrap().len(), 4);
    // The results, to the worker.
    let p = run(&mut c, "张社工: /survey 1").await;
    let mine = to(&p, "张社工");
    let text = &mine.iter().find(|m| m.text.contains("童书")).unwrap().text;
    assert!(text.contains("4 人参与"), "{text}");
    assert!(text.contains("1 童书 ▇▇▇▇▇▇▇▇▇▇ 2 (50%)"), "{text}");
    assert!(text.contains("2 小家电 ▇▇▇▇▇ 1 (25%)"), "{text}");
    assert!(text.contains("4 玩具  0 (0%)"), "{text}");
    assert!(mine.iter().any(|m| m.photos == Some(1)), "a chart: {p:?}");
    let png = image_size(&dir.join("survey-1-q1.png"));
    assert_eq!(png, (800, 500));
    let rows = csv_rows(&dir.join("survey-1-answers.csv"));
    assert_eq!(rows.len(), 4);
    for r in &rows {
        let (_, choice, _) = answers_of(sv, &r["member"])[0].clone();
        assert_eq!(r["option"], choice.unwrap().to_string(), "{r:?}");
        assert_eq!(r["question_text"], "下次交换会最想换什么？");
    }
    assert_eq!(
        rows.iter().filter(|r| r["answer"] == "童书").count(),
        2,
        "{rows:?}"
    );
    // A resident asking for the results gets the questionnaires open to them instead.
    let p = run(&mut c, "小王: /survey 1").await;
    assert!(!to(&p, "小王")[0].text.contains("童书"), "{p:?}");
    // Closed: the poll stops in the group, later votes are not counted.
    let p = run(&mut c, "张社工: /survey 1 结束").await;
    let stop = to(&p, "#幸福里");
    assert!(
        stop.len() == 1 && stop[0].poll && stop[0].edit,
        "the poll closed in the group: {p:?}"
    );
    run(&mut c, "小赵 votes 4").await;
    let s = state(&c).await;
    let sv = survey(&s, "下次交换会");
    assert_eq!(sv["status"], "closed");
    assert_eq!(answers_of(sv, "小赵"), vec![(1, Some(2), None)]);
    assert_groups_clean(&c).await;
    let _ = std::fs::remove_dir_all(dir);
}
both!(a_poll_counts_one_vote_each_for_the_workers_only);

fn image_size(path: &PathBuf) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    (reader.info().width, reader.info().height)
}

/// A questionnaire: the notice in the group with a button, answered privately by number, by
/// word, by button and by "skip"; a neighbour in simple mode answers with numbers from the
/// private notice; a wrong number is explained; nobody answers twice; the results list the
/// words written, and the CSV rows are the state's answers.
async fn a_questionnaire_answered_privately_by_number(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let dir = out_dir("form");
    c.transport.write_files_to(dir.clone());
    run(
        &mut c,
        "@time 2026-12-01 09:00
@worker 张社工
张社工@幸福里: 大家好
小王@幸福里: 早
王奶奶@幸福里: 早
张社工: /simple 王奶奶 on 眼神不好",
    )
    .await;
    // A draft first: the worker sees how each question was read; nothing reaches the group.
    let p = run(
        &mut c,
        "张社工: /survey 社区需求调查 | 1. 您家里有60岁以上的老人吗？ 有 / 没有 | 2. 您最需要哪类帮助？（买菜跑腿 / 维修 / 陪伴聊天） | 3. 还有什么建议？",
    )
    .await;
    assert!(to(&p, "#幸福里").is_empty(), "{p:?}");
    let preview = &to(&p, "张社工")[0];
    assert!(
        preview
            .text
            .contains("2. 您最需要哪类帮助？  → 买菜跑腿 / 维修 / 陪伴聊天")
            && preview.text.contains("3. 还有什么建议？  → 写字回答"),
        "{}",
        preview.text
    );
    assert_eq!(state(&c).await["surveys"][0]["status"], "draft");
    // A resident cannot fill in a draft.
    let p = run(&mut c, "小王: /start survey-1").await;
    assert!(to(&p, "小王")[0].text.contains("没有找到"), "{p:?}");
    let p = run(&mut c, "张社工 taps \"发到群里\"").await;
    assert!(
        to(&p, "张社工")
            .iter()
            .any(|m| m.text.contains("问卷 #1 已发到")),
        "{p:?}"
    );
    let notice = to(&p, "#幸福里");
    assert!(
        notice.len() == 1
            && notice[0].text.contains("社区需求调查")
            && notice[0].text.contains("3 道题"),
        "{p:?}"
    );
    assert_eq!(notice[0].buttons, vec!["📝 填写问卷"]);
    let grandma = to(&p, "王奶奶");
    assert!(
        grandma.len() == 1 && grandma[0].text.contains("回复 1"),
        "the simple-mode notice: {p:?}"
    );
    // The finished last question's buttons no longer change an answer (below, after 小王 ends).
    // 小王 taps the group's button: question 1 comes privately.
    let p = run(&mut c, "小王 taps \"填写问卷\"").await;
    let q = &to(&p, "小王")[0];
    assert!(
        q.text.contains("第 1/3 题") && q.text.contains("1. 有") && q.buttons.len() == 2,
        "{p:?}"
    );
    let p = run(&mut c, "小王: 5").await;
    assert!(
        to(&p, "小王")[0].text.contains("1–2"),
        "a wrong number: {p:?}"
    );
    let p = run(&mut c, "小王: 有").await;
    assert!(to(&p, "小王")[0].text.contains("第 2/3 题"), "{p:?}");
    let p = run(&mut c, "小王 taps 2").await;
    assert!(
        to(&p, "小王").iter().any(|m| m.text.contains("第 3/3 题")),
        "{p:?}"
    );
    let p = run(&mut c, "小王: 希望多办几次旧物交换").await;
    assert!(to(&p, "小王")[0].text.contains("谢谢"), "{p:?}");
    let p = run(&mut c, "小王 taps \"1 有\"").await;
    assert!(to(&p, "小王")[0].text.contains("已经答过"), "{p:?}");
    let p = run(&mut c, "小王: 问卷").await;
    assert!(
        to(&p, "小王")[0].text.contains("没有要填的问卷"),
        "answered once: {p:?}"
    );
    let p = run(&mut c, "小王 taps \"填写问卷\"").await;
    assert!(to(&p, "小王")[0].text.contains("已经填过"), "{p:?}");
    // 王奶奶 in simple mode: "好的" starts it, then numbers, words and a skip.
    let p = run(
        &mut c,
        "王奶奶: 好的
王奶奶: 有的
王奶奶: 第三个
王奶奶: 跳过",
    )
    .await;
    assert!(
        p.iter().all(|m| m.text.lines().count() <= 3),
        "simple mode's three lines: {p:?}"
    );
    assert!(
        to(&p, "王奶奶").last().unwrap().text.contains("谢谢"),
        "{p:?}"
    );
    let s = state(&c).await;
    let sv = survey(&s, "社区需求调查");
    assert_eq!(sv["kind"], "form");
    assert_eq!(sv["questions"], 3);
    assert_eq!(sv["respondents"], 2);
    assert_eq!(
        answers_of(sv, "小王"),
        vec![
            (1, Some(1), None),
            (2, Some(2), None),
            (3, None, Some("希望多办几次旧物交换".into()))
        ]
    );
    assert_eq!(
        answers_of(sv, "王奶奶"),
        vec![(1, Some(1), None), (2, Some(3), None), (3, None, None)]
    );
    let p = run(&mut c, "张社工: /survey 1").await;
    let text = &to(&p, "张社工")
        .into_iter()
        .find(|m| m.text.contains("社区需求调查"))
        .unwrap()
        .text;
    assert!(text.contains("全部答完的：2 人"), "{text}");
    assert!(text.contains("1 有 ▇▇▇▇▇▇▇▇▇▇ 2 (100%)"), "{text}");
    assert!(text.contains("小王：希望多办几次旧物交换"), "{text}");
    assert!(dir.join("survey-1-q1.png").exists() && dir.join("survey-1-q2.png").exists());
    assert!(!dir.join("survey-1-q3.png").exists(), "no chart for words");
    let rows = csv_rows(&dir.join("survey-1-answers.csv"));
    assert_eq!(rows.len(), sv["answers"].as_array().unwrap().len());
    let help = rows
        .iter()
        .find(|r| r["member"] == "王奶奶" && r["question"] == "2")
        .unwrap();
    assert_eq!(
        (help["option"].as_str(), help["answer"].as_str()),
        ("3", "陪伴聊天")
    );
    // The month's export has the answers too.
    run(&mut c, "张社工: /export 本月").await;
    let export = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("-surveys-"))
        .expect("surveys in the export");
    assert_eq!(csv_rows(&export).len(), rows.len());
    assert_groups_clean(&c).await;
    let _ = std::fs::remove_dir_all(dir);
}
both!(a_questionnaire_answered_privately_by_number);

/// In English: a poll written with `|`, a questionnaire left half-way and resumed where it
/// stopped, mistakes in a definition explained, and a closed questionnaire refused politely.
async fn surveys_in_english_resume_and_refuse_politely(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    run(
        &mut c,
        "@time 2026-12-01 09:00
@worker Sam
Sam@Maple: hello
Ann@Maple: hi",
    )
    .await;
    let p = run(
        &mut c,
        "Sam: /poll Which day suits the swap? | Saturday | Sunday\nSam taps \"Send to the group\"",
    )
    .await;
    let poll = to(&p, "#Maple").into_iter().find(|m| m.poll).unwrap();
    assert_eq!(poll.buttons, vec!["Saturday", "Sunday"]);
    let p = run(&mut c, "Sam: /poll Which day? | Saturday").await;
    assert!(
        to(&p, "Sam")[0].text.contains("at least 2 options"),
        "{p:?}"
    );
    let p = run(&mut c, "Sam: /poll Which day? | Saturday | saturday").await;
    assert!(
        to(&p, "Sam")[0].text.contains("\"saturday\" appears twice"),
        "{p:?}"
    );
    let p = run(
        &mut c,
        "Sam: /survey | Do you live alone? yes / no | Ideas?",
    )
    .await;
    assert!(
        to(&p, "Sam")[0].text.contains("starts with its title"),
        "{p:?}"
    );
    let p = run(&mut c, "Sam: /survey Needs | What do you like? books").await;
    assert!(to(&p, "Sam")[0].text.contains("only one option"), "{p:?}");
    let p = run(&mut c, "Sam: /survey Needs").await;
    assert!(to(&p, "Sam")[0].text.contains("Usage: /survey"), "{p:?}");
    run(
        &mut c,
        "Sam: /survey Needs check | Do you live alone? yes / no | What would help you most?
Sam taps \"Send to the group\"",
    )
    .await;
    let p = run(
        &mut c,
        "Ann: survey
Ann: 2
Ann: cancel",
    )
    .await;
    assert!(
        p.iter().any(|m| m.text.contains("question 2 of 2")),
        "{p:?}"
    );
    // Back later: it goes on at question 2.
    let p = run(&mut c, "Ann: /survey").await;
    assert!(to(&p, "Ann")[0].text.contains("question 2 of 2"), "{p:?}");
    let p = run(&mut c, "Ann: a lift that works").await;
    assert!(to(&p, "Ann")[0].text.contains("Thank you"), "{p:?}");
    let p = run(&mut c, "Sam: /survey").await;
    let list = &to(&p, "Sam")[0].text;
    assert!(
        list.contains("#2 📋 questionnaire · Needs check · Maple · 1 answered · open")
            && !list.contains("draft (not sent)")
            && list.contains("#1 📊 poll"),
        "{list}"
    );
    run(&mut c, "Sam: /survey 2 end").await;
    let p = run(&mut c, "Ann: /start survey-2").await;
    assert!(to(&p, "Ann")[0].text.contains("has ended"), "{p:?}");
    let p = run(&mut c, "Sam: /survey 9").await;
    assert!(to(&p, "Sam")[0].text.contains("can't find"), "{p:?}");
    assert_groups_clean(&c).await;
}
both!(surveys_in_english_resume_and_refuse_politely);

/// An emergency comes before a questionnaire: a neighbour in simple mode half-way through one
/// gets the notice, and "2" is "I need help", not an answer; "好的" keeps the emergency's keys
/// in front of her; "我家有轮椅" answers the roll-call; her answers so far are kept.
async fn an_emergency_interrupts_a_questionnaire(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "@time 2026-12-01 09:00
@worker 张社工
张社工@幸福里: 大家好
王奶奶@幸福里: 早
张社工: /simple 王奶奶 on 眼神不好
张社工: /survey 需求 | 有老人吗？ 有 / 没有 | 需要什么帮助？ 买菜 / 维修
张社工 taps \"发到群里\"
王奶奶: 1
王奶奶: 1",
    )
    .await;
    let p = run(&mut c, "张社工: /emergency 停水通知 | 饮用水, 轮椅").await;
    let notice = to(&p, "王奶奶");
    assert!(
        notice
            .iter()
            .any(|m| m.text.contains("我家有饮用水") && m.buttons[1].starts_with("2 ")),
        "{p:?}"
    );
    let p = run(&mut c, "王奶奶: 好的").await;
    assert!(
        to(&p, "王奶奶")[0]
            .buttons
            .iter()
            .any(|b| b.contains("需要帮助")),
        "the emergency's keys again: {p:?}"
    );
    let p = run(&mut c, "王奶奶: 2\n王奶奶: 我家有轮椅").await;
    assert!(
        to(&p, "张社工").iter().any(|m| m.text.contains("王奶奶")),
        "{p:?}"
    );
    let s = state(&c).await;
    let e = &s["emergencies"][0];
    assert_eq!(
        (e["need_help"].as_i64(), e["roll_call"].as_i64()),
        (Some(1), Some(1)),
        "{e}"
    );
    let sv = survey(&s, "需求");
    assert_eq!(answers_of(sv, "王奶奶"), vec![(1, Some(1), None)]);
    // Later she goes on where she stopped.
    let p = run(&mut c, "王奶奶: 问卷").await;
    assert!(to(&p, "王奶奶")[0].text.contains("第 2/2 题"), "{p:?}");
    // A poll reaches her privately, and "第二个" answers it.
    let p = run(
        &mut c,
        "张社工: /poll 活动哪天办？ 周六 / 周日\n张社工 taps \"发到群里\"",
    )
    .await;
    assert!(
        to(&p, "王奶奶")
            .iter()
            .any(|m| m.text.contains("活动哪天办") && m.text.contains("先停一下")),
        "{p:?}"
    );
    let p = run(&mut c, "王奶奶: 第二个").await;
    assert!(to(&p, "王奶奶")[0].text.contains("谢谢"), "{p:?}");
    let s = state(&c).await;
    assert_eq!(
        answers_of(survey(&s, "活动哪天办"), "王奶奶"),
        vec![(1, Some(2), None)]
    );
}
both!(an_emergency_interrupts_a_questionnaire);
