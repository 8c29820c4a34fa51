//! Issue 12, item 1: a reply in a group (Telegram's "Reply"; the console's `NAME@GROUP > #N:`
//! and `NAME@GROUP > NAME2:`) is about what it quotes: interest in that listing, never a new
//! card; the owner replying that it is gone takes it down. On both backends.

use linli::i18n::Locale;

use crate::helpers::{console, run, state, to, Db, TestDb};

fn texts<'a>(printed: &'a [linli::console::Printed], name: &str) -> Vec<&'a str> {
    to(printed, name).iter().map(|p| p.text.as_str()).collect()
}

async fn a_reply_to_a_listing_is_interest_not_a_new_card(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::ZhCn).await;
    run(&mut c, "小王@幸福里: 出借梯子，可以借两天，免费").await;
    // Replying to the card: the claim button comes privately, nothing in the group.
    let printed = run(&mut c, "小李@幸福里 > #1: 能借我用一下吗").await;
    assert!(
        texts(&printed, "#幸福里").is_empty(),
        "no stray card: {printed:?}"
    );
    let mine = to(&printed, "小李");
    assert!(
        mine.iter().any(
            |p| p.text.contains("#1「梯子」") && p.buttons.iter().any(|b| b.contains("我想要"))
        ),
        "{printed:?}"
    );
    let printed = run(&mut c, "小李 taps \"我想要\"").await;
    assert!(
        texts(&printed, "小王")
            .iter()
            .any(|t| t.contains("小李 想要你的 #1「梯子」（免费）")),
        "{printed:?}"
    );
    // Replying to the owner's own post, once it is taken: told so, privately.
    let printed = run(&mut c, "小张@幸福里 > 小王: 我想借你的梯子").await;
    assert!(texts(&printed, "#幸福里").is_empty(), "{printed:?}");
    assert!(
        texts(&printed, "小张")
            .iter()
            .any(|t| t.contains("现在不能预约")),
        "{printed:?}"
    );
    // A reply to ordinary chatter is ordinary chatter; a reply that is itself an offer is one.
    let printed = run(&mut c, "小赵@幸福里 > 小张: 哈哈").await;
    assert!(printed.is_empty(), "{printed:?}");
    let printed = run(&mut c, "小赵@幸福里 > 小张: 出闲置：台灯，九成新，20积分").await;
    assert!(
        texts(&printed, "#幸福里")
            .iter()
            .any(|t| t.contains("台灯")),
        "{printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(s["listings"].as_array().unwrap().len(), 2, "{s}");
}
crate::both!(a_reply_to_a_listing_is_interest_not_a_new_card);

async fn the_owner_replying_gone_takes_it_down(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    run(&mut c, "Wang@Oak: OFFER: fridge, 60 points").await;
    // Someone else saying "gone" is only interest.
    let printed = run(&mut c, "Li@Oak > #1: gone?").await;
    assert!(
        texts(&printed, "Li")
            .iter()
            .any(|t| t.contains("Would you like #1")),
        "{printed:?}"
    );
    let printed = run(&mut c, "Wang@Oak > #1: given away").await;
    assert!(
        texts(&printed, "#Oak").iter().any(|t| t.contains("fridge")),
        "the card shows it is down: {printed:?}"
    );
    let s = state(&c).await;
    assert_eq!(s["listings"][0]["status"], "withdrawn", "{s}");
    // A reply line that quotes nothing known is one error, and the run goes on.
    assert!(c.line("Li@Oak > #9: hello").await.is_err());
    assert!(c.line("Li@Oak > Nobody: hello").await.is_err());
}
crate::both!(the_owner_replying_gone_takes_it_down);
