//! The walking skeleton's slice, end to end through the console, on SQLite and PostgreSQL.

use linli::i18n::Locale;

use crate::helpers::{assert_ledger_sound, balance, console, run, state, to, Db, TestDb};

const SLICE_ZH: &str = include_str!("../scripts/slice_zh.txt");
const SLICE_EN: &str = include_str!("../scripts/slice_en.txt");

async fn slice_story(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    let printed = run(&mut c, SLICE_ZH).await;

    // The group saw the card, then its edits; private facts never went there.
    let group = to(&printed, "#幸福里");
    assert!(
        group[0].text.contains("儿童自行车")
            && group[0].text.contains("30 积分")
            && group[0].text.contains("小王")
    );
    assert_eq!(group[0].buttons, vec!["🙋 我想要", "⚠️ 举报"]);
    assert!(
        group.iter().any(|p| p.edit && p.text.contains("已送出")),
        "card edited to given: {group:?}"
    );
    assert!(
        group.iter().all(|p| !p.text.contains("可用")),
        "a balance leaked to the group"
    );
    // The owner was asked privately, with Accept / Decline.
    let owner = to(&printed, "小王");
    assert!(owner
        .iter()
        .any(|p| p.buttons == vec!["✅ 同意", "❌ 婉拒"]));

    let s = state(&c).await;
    assert_eq!(balance(&s, "小王"), 80, "{s}");
    assert_eq!(balance(&s, "小张"), 20, "{s}");
    assert_eq!(balance(&s, "小李"), 50, "{s}");
    assert_ledger_sound(&s);
    // 3 starter grants, a hold and a release: two entries each.
    assert_eq!(s["ledger"]["entries"], 10);
    let listings = s["listings"].as_array().unwrap();
    assert_eq!(listings[0]["status"], "done");
    assert_eq!(listings[1]["kind"], "request");
    assert_eq!(listings[1]["status"], "open");
}

#[tokio::test]
async fn slice_on_sqlite() {
    slice_story(Db::Sqlite).await;
}

#[tokio::test]
async fn slice_on_postgres() {
    slice_story(Db::Postgres).await;
}

#[tokio::test]
async fn slice_in_english_including_a_request() {
    let tdb = TestDb::new(Db::Sqlite).await.unwrap();
    let mut c = console(&tdb, Locale::En).await;
    let printed = run(&mut c, SLICE_EN).await;
    let group = to(&printed, "#OakStreet");
    assert!(
        group[0].text.contains("OFFER: kettle") && group[0].text.contains("free"),
        "{group:?}"
    );
    assert!(group.iter().any(|p| p.text.contains("WANTED: drill")));
    let s = state(&c).await;
    // The kettle was free; the drill request paid 15 points from Carol to Bob.
    assert_eq!(balance(&s, "Alice"), 50, "{s}");
    assert_eq!(balance(&s, "Bob"), 65, "{s}");
    assert_eq!(balance(&s, "Carol"), 35, "{s}");
    assert_ledger_sound(&s);
    let carol = to(&printed, "Carol");
    assert!(
        carol.iter().any(|p| p.text.contains("35 points available")),
        "{carol:?}"
    );
}

#[tokio::test]
async fn points_word_in_the_group_answers_privately() {
    let tdb = TestDb::new(Db::Sqlite).await.unwrap();
    let mut c = console(&tdb, Locale::ZhCn).await;
    let printed = run(&mut c, "小王@幸福里: 积分\n").await;
    assert!(to(&printed, "#幸福里").is_empty(), "{printed:?}");
    assert!(to(&printed, "小王")[0].text.contains("可用 50 积分"));
}

#[tokio::test]
async fn ordinary_chat_gets_no_answer() {
    let tdb = TestDb::new(Db::Sqlite).await.unwrap();
    let mut c = console(&tdb, Locale::ZhCn).await;
    let printed = run(
        &mut c,
        "小王@幸福里: 今天出太阳了\n小李@幸福里: 谢谢大家\nBob@幸福里: hello everyone\n",
    )
    .await;
    assert!(printed.is_empty(), "{printed:?}");
}

#[tokio::test]
async fn starter_points_are_given_once() {
    let tdb = TestDb::new(Db::Sqlite).await.unwrap();
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(
        &mut c,
        "小王@幸福里: 你好\n小王@幸福里: 又来了\n小王: /points\n",
    )
    .await;
    // A second console on the same database (a restart) does not grant again.
    let mut c2 = console(&tdb, Locale::ZhCn).await;
    run(&mut c2, "小王@幸福里: 我回来了\n").await;
    let s = state(&c2).await;
    assert_eq!(balance(&s, "小王"), 50);
    assert_eq!(s["ledger"]["entries"], 2);
}
