//! Finding things from private chat: "我想要老花镜", "有没有婴儿车", "找电钻", "search drill"
//! list the matching open offers of the resident's communities, numbered, five at a time,
//! each a button (typing its number picks it); picking one shows it with a "I want it" button,
//! so nothing is claimed by a stray number. "看看有什么" / "browse" lists the newest offers.
//! Nothing found: a button posts the wish as a request.

use serde_json::{Map, Value};

use crate::domain::{Action, ListingKind, ListingStatus};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::{Flow, Refusal};
use crate::engine::shared::dialog::{self, Outcome};
use crate::engine::shared::matching::ranked;
use crate::i18n::Locale;
use crate::parse::search_terms;
use crate::store::listings::{self as ldb, CallbackTarget};
use crate::store::members;
use crate::store::search::{self, Found};

/// Results per page.
pub const PAGE: usize = 5;
/// How much of the query a listing must cover to be shown.
pub const FIND_MIN: f64 = 0.5;

/// Words that start a search, the thing named after them (longer ones first where one
/// starts another).
const FIND_PREFIXES: &[&str] = &[
    "我想要",
    "我要找",
    "我想找",
    "我想借",
    "想要",
    "想借",
    "找一下",
    "有没有人有",
    "有没有人出",
    "有没有",
    "谁家有",
    "谁有",
    "有人有",
    "有人出",
    "哪里有",
    "我需要",
    "需要",
    "家里缺个",
    "缺个",
    "搜索",
    "搜",
    "求借",
    "借个",
    "要个",
    "我要",
    "找个",
    "找",
    "要",
    "search for",
    "search",
    "find me",
    "find",
    "looking for",
    "i'm looking for",
    "im looking for",
    "anyone have",
    "does anyone have",
    "anyone got",
    "anybody got",
    "has anyone got",
    "do you have",
    "is there a",
    "is there",
    "i need a",
    "i need",
    "need a",
    "need ",
    "i want a",
    "i want an",
    "i want ",
    "i'd like a",
    "i would like a",
    "got any",
];
const FIND_SUFFIXES: &[&str] = &[
    "吗",
    "呢",
    "么",
    "啊",
    "呀",
    "?",
    "？",
    "!",
    "！",
    "。",
    ".",
    "可以借",
    "借我用用",
    "借我用一下",
    "借用一下",
    "借一下",
    "用一下",
    "用用",
];
/// Words that ask to look around.
const BROWSE_WORDS: &[&str] = &[
    "看看有什么",
    "有什么",
    "看看",
    "有什么东西",
    "有什么闲置",
    "逛逛",
    "看看闲置",
    "browse",
    "what's there",
    "what is there",
    "show me",
    "what's on offer",
    "what is on offer",
    "what's available",
    "show me what's available",
    "what do you have",
    "搜索",
    "搜",
    "找",
    "search",
    "find",
];

/// What a private message asks: a search for a thing, or a look around.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    Find(String),
    Browse,
    /// "提醒我 婴儿车", "tell me when there's a stroller": a wish.
    Wish(String),
}

/// Words that make a wish of the thing after them.
const WISH_PREFIXES: &[&str] = &[
    "有了提醒我",
    "有的话提醒我",
    "提醒我",
    "有了告诉我",
    "有了通知我",
    "alert me when there's a",
    "alert me when there is a",
    "alert me about",
    "alert me",
    "tell me when there's a",
    "tell me when there is a",
    "tell me when there's",
    "let me know when there's a",
];

/// The search a plain message asks for, if any ("我想要老花镜" → 老花镜).
pub fn ask_of(text: &str) -> Option<Ask> {
    let written = text.trim().to_lowercase();
    // Traditional characters read as Simplified ("看看有什麼"); a wish keeps the resident's
    // own characters.
    let t = fast2s::convert(&written);
    if let Some(p) = WISH_PREFIXES.iter().find(|p| t.starts_with(*p)) {
        let rest: String = written.chars().skip(p.chars().count()).collect();
        let thing = rest
            .trim()
            .trim_start_matches(['：', ':', ' '])
            .trim_end_matches(['?', '？', '!', '！', '。', '.']);
        let n = thing.chars().count();
        return (1..=30).contains(&n).then(|| Ask::Wish(thing.to_string()));
    }
    let bare = t.trim_end_matches(['?', '？', '!', '！', '。', '.', '呢', '呀', '啊']);
    if BROWSE_WORDS.contains(&bare) {
        return Some(Ask::Browse);
    }
    let rest = match FIND_PREFIXES.iter().find_map(|p| t.strip_prefix(p)) {
        Some(r) => r.to_string(),
        // 求电钻, 借梯子 (not 求助, asking for help, nor 借出 / 借给, lending).
        None => match t
            .strip_prefix('求')
            .filter(|r| !r.starts_with('助'))
            .or_else(|| {
                t.strip_prefix('借')
                    .filter(|r| !r.starts_with(['出', '给']))
            }) {
            Some(r) => r.to_string(),
            None => around_you(&t)?,
        },
    };
    let mut thing = rest.trim().trim_start_matches(['：', ':', ' ']).to_string();
    while let Some(s) = FIND_SUFFIXES.iter().find(|s| thing.ends_with(*s)) {
        thing.truncate(thing.len() - s.len());
    }
    let thing = plain_thing(thing.trim());
    if ["东西", "啥", "什么", "something", "anything", "things"].contains(&thing.as_str()) {
        return Some(Ask::Browse);
    }
    (1..=30)
        .contains(&thing.chars().count())
        .then_some(Ask::Find(thing))
}

/// "有轮椅吗", "老花镜有吗", "电钻有没有": the thing between.
fn around_you(t: &str) -> Option<String> {
    let t = t.trim_end_matches(['?', '？', '!', '！', '。', '.']);
    for end in ["还有没有", "有没有", "还有吗", "有吗", "有么"] {
        if let Some(thing) = t.strip_suffix(end) {
            return (!thing.is_empty()).then(|| thing.to_string());
        }
    }
    let inner = t.strip_prefix('有')?;
    let thing = inner
        .strip_suffix('吗')
        .or_else(|| inner.strip_suffix('么'))?;
    (!thing.is_empty()).then(|| thing.to_string())
}

/// The thing itself: "一个", "a" dropped, words before the last 的 dropped (不要的婴儿车,
/// 闲置的书), "人能帮我…" cut to what is to be done.
fn plain_thing(thing: &str) -> String {
    let mut t = thing.to_string();
    if let Some((_, after)) = t.rsplit_once('的') {
        if !after.trim().is_empty() {
            t = after.trim().to_string();
        }
    }
    for lead in [
        "人能帮我",
        "人可以帮我",
        "人帮我",
        "能帮我",
        "帮我",
        "人能",
        "人",
        "一个",
        "个",
        "一辆",
        "一把",
        "a ",
        "an ",
        "some ",
        "any ",
    ] {
        if let Some(rest) = t.strip_prefix(lead) {
            if !rest.trim().is_empty() {
                t = rest.trim().to_string();
            }
        }
    }
    t
}

/// The member's communities' ids (a refusal when there are none).
async fn my_communities(cx: &mut Ctx<'_>) -> Flow<Vec<i64>> {
    let ids: Vec<i64> = members::communities_of(&mut cx.tx, cx.me.id)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    if ids.is_empty() {
        return Err(Refusal::new("err-no-community").into());
    }
    Ok(ids)
}

/// A search typed by the resident: kept for their weekly suggestions only when they turned
/// them on (`/recommend on`; the store checks), then its first page.
pub async fn search(cx: &mut Ctx<'_>, query: &str) -> Flow {
    crate::store::recommend::note(&mut cx.tx, cx.me.id, "search", query.trim(), cx.now).await?;
    find(cx, query, 0).await
}

/// A search: the page of results from `offset`, or "nothing yet" with a button to ask for it.
pub async fn find(cx: &mut Ctx<'_>, query: &str, offset: usize) -> Flow {
    let communities = my_communities(cx).await?;
    let mut found = ranked(cx, &communities, ListingKind::Offer, query, false, FIND_MIN).await?;
    // 椅子, 桌子: the thing is the first character (办公椅, 轮椅, 书桌).
    let cs: Vec<char> = query.chars().collect();
    if found.is_empty() && cs.len() == 2 && cs[1] == '子' {
        let head = cs[0].to_string();
        found = ranked(cx, &communities, ListingKind::Offer, &head, false, FIND_MIN).await?;
    }
    let loc = cx.my_locale();
    if found.is_empty() {
        let text = cx.t(loc, "find-none", &[("query", query.to_string().into())]);
        let wish = cx
            .button_t(
                loc,
                "button-wish-add",
                &CallbackTarget::mine(Action::WishAdd, cx.me.id, query),
            )
            .await?;
        let ask = cx
            .button_t(
                loc,
                "button-find-ask",
                &CallbackTarget::mine(Action::FindAsk, cx.me.id, query),
            )
            .await?;
        return cx.reply(text, vec![vec![wish, ask]]).await;
    }
    let total = found.len();
    let page: Vec<Found> = found
        .into_iter()
        .skip(offset)
        .take(PAGE)
        .map(|(_, f)| f)
        .collect();
    let title = cx.t(
        loc,
        "find-title",
        &[
            ("query", query.to_string().into()),
            ("count", (total as i64).into()),
        ],
    );
    let more = (offset + PAGE < total).then(|| format!("{}|{query}", offset + PAGE));
    let here = format!("{offset}|{query}");
    show_page(cx, loc, title, &page, here, more).await
}

/// "看看有什么": the newest offers, a page at a time.
pub async fn browse(cx: &mut Ctx<'_>, offset: usize) -> Flow {
    let communities = my_communities(cx).await?;
    let loc = cx.my_locale();
    let page = search::newest(
        &mut cx.tx,
        &communities,
        cx.me.id,
        offset as i64,
        PAGE as i64 + 1,
    )
    .await?;
    if page.is_empty() {
        let text = cx.t(loc, "browse-none", &[]);
        return cx.reply_end(text).await;
    }
    let more = (page.len() > PAGE).then(|| format!("{}|", offset + PAGE));
    let page: Vec<Found> = page.into_iter().take(PAGE).collect();
    let title = cx.t(loc, "browse-title", &[]);
    show_page(cx, loc, title, &page, format!("{offset}|"), more).await
}

/// A page of listings numbered from 1 (the numbers typed press its buttons), each a button,
/// and "more" when there are.
async fn show_page(
    cx: &mut Ctx<'_>,
    loc: Locale,
    title: String,
    page: &[Found],
    here: String,
    more: Option<String>,
) -> Flow {
    let mut lines = vec![title];
    let mut rows = Vec::new();
    for (i, f) in page.iter().enumerate() {
        let owner = cx.member(f.owner_id).await?;
        let community = members::community_by_id(&mut cx.tx, f.community_id).await?;
        let shown = (i + 1) as i64;
        lines.push(cx.t(
            loc,
            "find-line",
            &[
                ("n", shown.into()),
                ("id", f.id.into()),
                ("title", f.title.clone().into()),
                ("points", f.points.into()),
                ("owner", owner.name.into()),
                ("community", community.title.into()),
            ],
        ));
        let label = cx.t(
            loc,
            "button-find-pick",
            &[("n", shown.into()), ("title", f.title.clone().into())],
        );
        let mut target = CallbackTarget::of_listing(Action::FindPick, f.id);
        target.arg = Some(here.clone());
        rows.push(vec![cx.button(label, &target).await?]);
    }
    if let Some(arg) = more {
        let b = cx
            .button_t(
                loc,
                "button-find-more",
                &CallbackTarget::mine(Action::FindMore, cx.me.id, arg),
            )
            .await?;
        rows.push(vec![b]);
    }
    lines.push(cx.t(loc, "find-hint", &[]));
    cx.reply(lines.join("\n"), rows).await
}

/// "More": the next page of the same search (or of browsing).
pub async fn more(cx: &mut Ctx<'_>, query_id: &str, arg: Option<&str>) -> Flow {
    let (offset, query) = arg.and_then(|a| a.split_once('|')).unwrap_or(("0", ""));
    let offset = offset.parse().unwrap_or(0);
    if !query_id.is_empty() {
        cx.toast(query_id, String::new()).await?;
    }
    if query.is_empty() {
        browse(cx, offset).await
    } else {
        find(cx, query, offset).await
    }
}

/// A listing picked from the results (or from a match notice): shown with the button that
/// claims it, and the way back to the list it came from.
pub async fn pick(cx: &mut Ctx<'_>, query_id: &str, id: i64, back: Option<&str>) -> Flow {
    let l = ldb::listing_for_update(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    let loc = cx.my_locale();
    if super::listings::reserved_by_another(cx, &l).await? {
        return super::listings::reserved_wait(cx, query_id, &l).await;
    }
    if !query_id.is_empty() {
        cx.toast(query_id, String::new()).await?;
    }
    if l.status != ListingStatus::Open || l.review != "none" {
        let text = cx.t(
            loc,
            "reply-not-open",
            &[("id", l.id.into()), ("title", l.title.clone().into())],
        );
        return cx.reply_end(text).await;
    }
    let owner = cx.member(l.owner_id).await?;
    let text = cx.t(
        loc,
        "find-picked",
        &[
            ("id", l.id.into()),
            ("title", l.title.clone().into()),
            ("points", l.points.into()),
            ("owner", owner.name.into()),
        ],
    );
    let target = CallbackTarget::listing(Action::Claim, l.id, cx.me.id);
    let yes = cx.button_t(loc, "button-find-claim", &target).await?;
    let mut row = vec![yes];
    if let Some(back) = back.filter(|b| b.contains('|')) {
        let t = CallbackTarget::mine(Action::FindMore, cx.me.id, back);
        row.push(cx.button_t(loc, "button-find-back", &t).await?);
    }
    cx.reply(text, vec![row]).await
}

/// A plain message that only names a thing ("老花镜", "轮椅", "drill") in private: a search,
/// when the lexicon knows it as a thing. False otherwise.
pub async fn bare_thing(cx: &mut Ctx<'_>, text: &str) -> Flow<bool> {
    let t = text
        .trim()
        .trim_end_matches(['?', '？', '。', '.', '!', '！']);
    let n = t.chars().count();
    if n == 0 || n > 12 || t.contains(char::is_whitespace) && n > 20 {
        return Ok(false);
    }
    let parsed = crate::parse::parse(t, None, &cx.engine.lexicon);
    let known = parsed.category.is_some()
        || search_terms(t, &cx.engine.lexicon)
            .iter()
            .any(|x| x.starts_with('~'));
    if !known || parsed.kind != crate::parse::Kind::None {
        return Ok(false);
    }
    search(cx, t).await?;
    Ok(true)
}

/// Nothing found: the request flow, with the thing already named.
pub async fn ask_for(cx: &mut Ctx<'_>, query_id: &str, what: Option<&str>) -> Flow<Outcome> {
    if !query_id.is_empty() {
        cx.toast(query_id, String::new()).await?;
    }
    let mut answers = Map::new();
    if let Some(w) = what.filter(|w| w.chars().count() >= 2) {
        answers.insert("what".into(), Value::from(w.to_string()));
    }
    dialog::start_with(cx, "request", answers).await
}

/// "提醒我 婴儿车" or its button: a wish, told when a matching offer is posted (at most
/// `finding.alerts_per_day` a day, after quiet hours) until it expires.
pub async fn wish(cx: &mut Ctx<'_>, query_id: &str, text: &str) -> Flow {
    my_communities(cx).await?;
    if !query_id.is_empty() {
        cx.toast(query_id, String::new()).await?;
    }
    let live = search::wishes_of(&mut cx.tx, cx.me.id, cx.now).await?;
    let max = cx.engine.cfg.finding.max_wishes;
    if live.len() as i64 >= max {
        return Err(Refusal::new("err-wish-too-many").arg("max", max).into());
    }
    let text = text.trim();
    // A thing's name: a Chinese character, or a word of two letters or more.
    let named = text.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c))
        || text.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    if !named {
        return Err(Refusal::new("err-wish-empty").into());
    }
    if live
        .iter()
        .any(|w| w.text.to_lowercase() == text.to_lowercase())
    {
        return Err(Refusal::new("err-wish-twice")
            .arg("text", text.to_string())
            .into());
    }
    let expires = cx.now + cx.engine.cfg.finding.wish_days * 86_400;
    search::add_wish(&mut cx.tx, cx.me.id, text, expires, cx.now).await?;
    let date = cx.engine.short_date(expires);
    cx.tell_me(
        "wish-added",
        &[("text", text.to_string().into()), ("date", date.into())],
    )
    .await
}

/// `/alert` (心愿): the member's wishes, each with a button that ends it; `/alert THING`
/// makes one.
pub async fn alert_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    if !args.trim().is_empty() {
        return wish(cx, "", args).await;
    }
    let loc = cx.my_locale();
    let wishes = search::wishes_of(&mut cx.tx, cx.me.id, cx.now).await?;
    if wishes.is_empty() {
        let text = cx.t(loc, "wish-none", &[]);
        return cx.reply_end(text).await;
    }
    let mut lines = vec![cx.t(loc, "wish-list-title", &[])];
    let mut rows = Vec::new();
    for (i, w) in wishes.iter().enumerate() {
        let date = cx.engine.short_date(w.expires_at);
        lines.push(cx.t(
            loc,
            "wish-line",
            &[
                ("n", (i as i64 + 1).into()),
                ("text", w.text.clone().into()),
                ("date", date.into()),
            ],
        ));
        let label = cx.t(
            loc,
            "button-wish-off",
            &[
                ("n", (i as i64 + 1).into()),
                ("text", w.text.clone().into()),
            ],
        );
        let t = CallbackTarget::mine(Action::WishOff, cx.me.id, w.id.to_string());
        rows.push(vec![cx.button(label, &t).await?]);
    }
    cx.reply(lines.join("\n"), rows).await
}

/// A wish's button: it ends.
pub async fn wish_off(cx: &mut Ctx<'_>, query_id: &str, arg: Option<&str>) -> Flow {
    let id = arg.and_then(|a| a.parse().ok()).unwrap_or(0);
    let key = if search::end_wish(&mut cx.tx, id, cx.me.id).await? {
        "wish-ended"
    } else {
        "err-button-expired"
    };
    let text = cx.t(cx.my_locale(), key, &[]);
    if query_id.is_empty() {
        return cx.reply_end(text).await;
    }
    cx.toast(query_id, text).await
}

/// A wish alert held over past the day's cap, now due: told only if the offer is still open
/// to claim and the wish still wanted.
pub async fn wish_alert_due(cx: &mut Ctx<'_>, member: i64, listing: i64) -> Flow {
    let Some(l) = ldb::listing_for_update(&mut cx.tx, listing).await? else {
        return Ok(());
    };
    let kept = crate::store::priority::until(&mut cx.tx, l.id)
        .await?
        .is_some_and(|u| u > cx.now);
    if l.status != ListingStatus::Open || l.review != "none" || kept {
        return Ok(());
    }
    let Some(wanted) = search::live_alert_wish(&mut cx.tx, member, l.id, cx.now).await? else {
        return Ok(());
    };
    crate::engine::shared::matching::tell_wish(cx, member, &wanted, l.id, &l.title, l.points).await
}

/// "Tell me when it opens to all" under a priority listing.
pub async fn priority_wait(cx: &mut Ctx<'_>, query_id: &str, listing: i64) -> Flow {
    crate::store::priority::add_waiter(&mut cx.tx, listing, cx.me.id).await?;
    let text = cx.t(cx.my_locale(), "priority-wait-ok", &[]);
    if query_id.is_empty() {
        return cx.reply_end(text).await;
    }
    cx.toast(query_id, text).await
}

/// A priority window ended: the card no longer says so, and those who asked are told.
pub async fn priority_open(cx: &mut Ctx<'_>, listing: i64) -> Flow {
    let Some(l) = ldb::listing_for_update(&mut cx.tx, listing).await? else {
        return Ok(());
    };
    // Not yet: the window started again when a worker approved the listing.
    let until = crate::store::priority::until(&mut cx.tx, l.id).await?;
    if l.status != ListingStatus::Open || l.review != "none" || until.is_some_and(|u| u > cx.now) {
        return Ok(());
    }
    crate::engine::shared::cards::refresh_card(cx, &l).await?;
    crate::engine::shared::matching::after_priority(cx, &l).await?;
    crate::engine::shared::cards::tell_waiters(cx, &l, "priority-open").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_private_message_asks_for() {
        let f = |s: &str| Some(Ask::Find(s.to_string()));
        assert_eq!(ask_of("我想要老花镜"), f("老花镜"));
        assert_eq!(ask_of("有没有婴儿车？"), f("婴儿车"));
        assert_eq!(ask_of("找电钻"), f("电钻"));
        assert_eq!(ask_of("谁有梯子吗"), f("梯子"));
        assert_eq!(ask_of("search drill"), f("drill"));
        assert_eq!(ask_of("Does anyone have a ladder?"), f("ladder"));
        assert_eq!(ask_of("看看有什么"), Some(Ask::Browse));
        assert_eq!(ask_of("有什么呢？"), Some(Ask::Browse));
        assert_eq!(ask_of("browse"), Some(Ask::Browse));
        assert_eq!(ask_of("提醒我 婴儿车"), Some(Ask::Wish("婴儿车".into())));
        assert_eq!(
            ask_of("Alert me when there's a stroller"),
            Some(Ask::Wish("stroller".into()))
        );
        assert_eq!(ask_of("有轮椅吗"), f("轮椅"));
        assert_eq!(ask_of("老花镜有吗？"), f("老花镜"));
        assert_eq!(ask_of("有没有不要的婴儿车"), f("婴儿车"));
        assert_eq!(ask_of("有没有人能帮我修水管"), f("修水管"));
        assert_eq!(ask_of("搜索 轮椅"), f("轮椅"));
        assert_eq!(ask_of("求借电钻"), f("电钻"));
        assert_eq!(ask_of("anyone got a stroller?"), f("stroller"));
        assert_eq!(ask_of("I need a wheelchair"), f("wheelchair"));
        assert_eq!(ask_of("有没有免费的东西"), Some(Ask::Browse));
        assert_eq!(ask_of("I want a drill"), f("drill"));
        assert_eq!(ask_of("求电钻"), f("电钻"));
        assert_eq!(ask_of("要电钻"), f("电钻"));
        assert_eq!(ask_of("借梯子"), f("梯子"));
        assert_eq!(ask_of("有没有人有梯子可以借"), f("梯子"));
        assert_eq!(ask_of("need drill"), f("drill"));
        assert_eq!(ask_of("搜索"), Some(Ask::Browse));
        assert_eq!(ask_of("show me what's available"), Some(Ask::Browse));
        assert_eq!(ask_of("求助"), None);
        assert_eq!(ask_of("借出电钻"), None);
        assert_eq!(ask_of("needle"), None);
        assert_eq!(ask_of("你好"), None);
        assert_eq!(ask_of("我想要"), None);
    }
}
