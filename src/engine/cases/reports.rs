//! Reports: the Report button on every card (it asks privately why, with a few reason
//! buttons), `/report N reason`, a message forwarded to the bot in private, or the dialog
//! through [`file_report`]. The social workers get the report with Hide / Dismiss / Warn and
//! the reporter's past upheld and dismissed reports (abuse is visible). Reports from
//! `safety.report_hide_after` different members hide the listing until a worker decides. An
//! upheld report rewards the reporter from the community pool and lowers the owner's credit.

use crate::domain::{
    AccountKind, Action, ClaimStatus, ListingStatus, ReportCategory, TransferKind,
};
use crate::engine::kernel::ctx::{Ctx, Escalation};
use crate::engine::kernel::text::{nth_number, words_from};
use crate::engine::kernel::{Args, EngineError, Flow, Refusal, Stop, Val};
use crate::engine::shared::cards::{refresh_card, set_card_status};
use crate::engine::shared::jobs::stop_listing_jobs;
use crate::engine::shared::points::{adjust_credit, settle};
use crate::ledger;
use crate::store::listings::{self as db, CallbackTarget, Listing};
use crate::store::members::{self, Community};
use crate::store::reports::{self as rdb, NewReport};

/// The kind of a report: a category's own name (from the reason buttons), or guessed from
/// the words of the reason.
fn category_of(reason: &str) -> ReportCategory {
    if let Some(c) = ReportCategory::parse(reason.trim()) {
        return c;
    }
    // "fake: details", as the report dialog writes it.
    if let Some(c) = reason
        .split_once(':')
        .and_then(|(head, _)| ReportCategory::parse(head.trim()))
    {
        return c;
    }
    let r = reason.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| r.contains(w));
    if has(&["假", "骗", "fake", "scam"]) {
        ReportCategory::Fake
    } else if has(&["积分", "太贵", "points", "price", "expensive"]) {
        ReportCategory::WrongPoints
    } else if has(&["危险", "不安全", "unsafe", "danger"]) {
        ReportCategory::Unsafe
    } else {
        ReportCategory::Other
    }
}

/// The card's Report button: asks the member privately why, with a few reason buttons.
pub async fn ask_reason(cx: &mut Ctx<'_>, query_id: &str, listing_id: i64) -> Flow {
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    check_reporter(cx, &l).await?;
    let loc = cx.my_locale();
    let mut rows = Vec::new();
    for c in [
        ReportCategory::Fake,
        ReportCategory::WrongPoints,
        ReportCategory::Unsafe,
        ReportCategory::Other,
    ] {
        let mut t = CallbackTarget::mine(Action::ReportWhy, cx.me.id, c.as_str());
        t.listing_id = Some(l.id);
        let label = format!("report-reason-{}", c.as_str());
        rows.push(vec![cx.button_t(loc, &label, &t).await?]);
    }
    let text = cx.t(
        loc,
        "report-ask",
        &[("id", l.id.into()), ("title", l.title.clone().into())],
    );
    let me = cx.me.clone();
    let via = cx.community.as_ref().map(|c| c.chat_id);
    cx.say_private(&me, text, rows, via).await?;
    let text = cx.t(loc, "report-ask-toast", &[]);
    cx.toast(query_id, text).await
}

/// Only a member of the listing's community may report it, and not its owner.
async fn check_reporter(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    if l.owner_id == cx.me.id {
        return Err(Refusal::new("report-err-own").into());
    }
    if !members::is_member_of(&mut cx.tx, l.community_id, cx.me.id).await? {
        return Err(Refusal::new("report-err-not-member").arg("id", l.id).into());
    }
    Ok(())
}

/// Files a report of listing `listing_id` by the member acting, with `reason` (free words, or
/// a category: `fake`, `wrong_points`, `unsafe`, `other`); returns the report's id. The
/// workers get it at once; the reporter is thanked privately.
pub async fn file_report(cx: &mut Ctx<'_>, listing_id: i64, reason: &str) -> Flow<i64> {
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-no-such-listing").arg("id", listing_id))?;
    check_reporter(cx, &l).await?;
    let category = category_of(reason);
    let reason = if reason.trim().is_empty() {
        category.as_str().to_string()
    } else {
        reason.trim().to_string()
    };
    let new = NewReport {
        community_id: l.community_id,
        listing_id: Some(l.id),
        reporter_id: cx.me.id,
        owner_id: Some(l.owner_id),
        category,
        reason: &reason,
        quoted: None,
    };
    let id = rdb::insert(&mut cx.tx, &new, cx.now)
        .await?
        .ok_or(Refusal::new("report-err-already").arg("id", l.id))?;
    let reporters = rdb::open_reporters(&mut cx.tx, l.id).await?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let hidden = reporters >= cx.engine.cfg.safety.report_hide_after && l.review == "none";
    let owner = cx.member(l.owner_id).await?;
    if hidden {
        db::set_review(&mut cx.tx, l.id, "hidden", cx.now).await?;
        let l = db::listing_for_update(&mut cx.tx, l.id)
            .await?
            .ok_or(Refusal::new("err-internal"))?;
        refresh_card(cx, &l).await?;
        let args: Args = vec![("id", l.id.into()), ("title", l.title.clone().into())];
        cx.tell(&owner, "report-owner-hidden", &args).await?;
    }
    send_card(
        cx,
        &community,
        id,
        Some(&l),
        &owner.name,
        category,
        &reason,
        reporters,
        hidden,
    )
    .await?;
    // Said as it is: with no social worker the group's administrators have it, or nobody yet.
    let key = match cx.escalation(&community).await? {
        Escalation::GroupAdmins(_) => "report-thanks-admins",
        Escalation::Nobody => "report-thanks-nobody",
        _ => "report-thanks",
    };
    cx.tell_me(key, &[("id", l.id.into())]).await?;
    Ok(id)
}

/// A category as the workers read it (the reason button's words, in their language).
fn label(cx: &Ctx<'_>, c: ReportCategory) -> String {
    cx.t(
        cx.engine.default_locale,
        &format!("report-reason-{}", c.as_str()),
        &[],
    )
}

/// The reason as the workers read it: a bare category name (from a reason button) in words,
/// "fake: details" (from the report flow) as the details after the category's words.
fn shown_reason(cx: &Ctx<'_>, category: ReportCategory, reason: &str) -> String {
    match reason.split_once(':') {
        _ if ReportCategory::parse(reason.trim()).is_some() => label(cx, category),
        Some((head, rest)) if ReportCategory::parse(head.trim()).is_some() => {
            rest.trim().to_string()
        }
        _ => reason.to_string(),
    }
}

/// The report card for the workers, with the reporter's past record.
#[allow(clippy::too_many_arguments)]
async fn send_card(
    cx: &mut Ctx<'_>,
    community: &Community,
    report_id: i64,
    l: Option<&Listing>,
    owner: &str,
    category: ReportCategory,
    reason: &str,
    reporters: i64,
    hidden: bool,
) -> Flow {
    let me = cx.me.id;
    let (upheld, dismissed) = rdb::record_of(&mut cx.tx, me).await?;
    let args: Args = vec![
        ("report", report_id.into()),
        ("community", community.title.clone().into()),
        ("id", l.map_or(Val::from("-"), |l| l.id.into())),
        (
            "title",
            l.map(|l| l.title.clone()).unwrap_or_default().into(),
        ),
        ("owner", owner.into()),
        ("reporter", cx.me.name.clone().into()),
        ("category", label(cx, category).into()),
        ("reason", shown_reason(cx, category, reason).into()),
        ("upheld", upheld.into()),
        ("dismissed", dismissed.into()),
        ("reporters", reporters.into()),
        ("hidden", if hidden { "yes" } else { "no" }.into()),
    ];
    let t = |a: Action| CallbackTarget::case(a, report_id, None);
    let buttons = vec![vec![
        ("button-hide".to_string(), t(Action::ReportHide)),
        ("button-dismiss".to_string(), t(Action::ReportDismiss)),
        ("button-warn".to_string(), t(Action::ReportWarn)),
    ]];
    cx.tell_workers(community, "report-card", &args, &buttons)
        .await
}

/// A message forwarded to the bot in private: reported as the listing it shows (by its text
/// and author, among the member's communities), or as itself when no listing matches.
pub async fn report_forwarded(
    cx: &mut Ctx<'_>,
    text: Option<&str>,
    author_id: Option<i64>,
    origin_chat: Option<i64>,
) -> Flow {
    let text = text.unwrap_or("").trim().to_string();
    let communities = members::communities_of(&mut cx.tx, cx.me.id).await?;
    if communities.is_empty() {
        return Err(Refusal::new("err-no-community").into());
    }
    let mut found = None;
    for c in &communities {
        let rows = db::texts_in(&mut cx.tx, c.id).await?;
        for (id, owner, title, source) in rows {
            let author_ok = author_id.is_none_or(|a| a == owner);
            let text_ok = !text.is_empty()
                && (source.trim() == text || text.contains(&title) || text.contains(source.trim()));
            if author_ok && text_ok && owner != cx.me.id {
                found = Some(id);
                break;
            }
        }
        if found.is_some() {
            break;
        }
    }
    let reason = cx.t(cx.my_locale(), "report-forwarded-reason", &[]);
    if let Some(id) = found {
        file_report(cx, id, &reason).await?;
        return Ok(());
    }
    // No listing: the message itself is reported, in the community it came from if the member
    // is in it, else their most recent one.
    let community = origin_chat
        .and_then(|o| communities.iter().find(|c| c.chat_id == o))
        .unwrap_or(&communities[0])
        .clone();
    let owner = match author_id {
        Some(a) => members::member_by_id(&mut cx.tx, a).await?,
        None => None,
    };
    let category = category_of(&text);
    let new = NewReport {
        community_id: community.id,
        listing_id: None,
        reporter_id: cx.me.id,
        owner_id: owner.as_ref().map(|m| m.id),
        category,
        reason: &reason,
        quoted: Some(&text),
    };
    let id = rdb::insert(&mut cx.tx, &new, cx.now)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let owner_name = owner.map(|m| m.name).unwrap_or_else(|| "?".into());
    let quoted: String = text.chars().take(200).collect();
    send_card(
        cx,
        &community,
        id,
        None,
        &owner_name,
        category,
        &format!("{reason}: «{quoted}»"),
        1,
        false,
    )
    .await?;
    cx.tell_me("report-thanks-message", &[]).await
}

/// A worker's decision on a report: Hide (upheld: the listing comes down, the reporters are
/// rewarded, the owner's credit drops), Dismiss (the listing shows again), Warn (the owner is
/// warned privately, the listing shows again).
pub async fn decide(cx: &mut Ctx<'_>, query_id: &str, action: Action, report_id: i64) -> Flow {
    let first = rdb::get(&mut cx.tx, report_id)
        .await?
        .ok_or(Refusal::new("err-no-such-case").arg("case", report_id))?;
    let community = members::community_by_id(&mut cx.tx, first.community_id).await?;
    cx.require_worker(&community).await?;
    let listing = match first.listing_id {
        Some(id) => db::listing_for_update(&mut cx.tx, id).await?,
        None => None,
    };
    // Read again under the listing's lock: another worker may have decided meanwhile.
    let report = rdb::get(&mut cx.tx, report_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    if report.status != "open" {
        return Err(Refusal::new("err-case-closed")
            .arg("case", report_id)
            .into());
    }
    let new_status = match action {
        Action::ReportHide => "upheld",
        Action::ReportWarn => "warned",
        _ => "dismissed",
    };
    // The decision covers every open report of the listing (or this one alone).
    let ids = match &listing {
        Some(l) => rdb::open_for_listing(&mut cx.tx, l.id).await?,
        None => vec![report_id],
    };
    let mut short = false;
    for id in &ids {
        short |= decide_one(cx, &community, *id, action, new_status).await?;
    }
    if let Some(l) = &listing {
        match action {
            Action::ReportHide => take_down(cx, l).await?,
            _ if l.review == "hidden" => {
                db::set_review(&mut cx.tx, l.id, "none", cx.now).await?;
                let l = db::listing_for_update(&mut cx.tx, l.id)
                    .await?
                    .ok_or(Refusal::new("err-internal"))?;
                restore_card(cx, &l).await?;
            }
            _ => {}
        }
    }
    if let Some(owner) = report.owner_id {
        tell_owner(cx, owner, action, new_status, listing.as_ref()).await?;
    }
    cx.audit(
        community.id,
        &format!("report_{new_status}"),
        report.owner_id,
        None,
        &format!("#{report_id}"),
    )
    .await?;
    if short {
        cx.tell_me("report-pool-short", &[]).await?;
    }
    let text = cx.t(
        cx.my_locale(),
        "report-done-toast",
        &[("report", report_id.into())],
    );
    cx.toast(query_id, text).await
}

/// Decides one report and tells its reporter (an upheld one is rewarded from the pool);
/// `true` when the pool was too short to reward.
async fn decide_one(
    cx: &mut Ctx<'_>,
    community: &Community,
    id: i64,
    action: Action,
    status: &str,
) -> Flow<bool> {
    let me = cx.me.id;
    rdb::decide(&mut cx.tx, id, status, me, cx.now).await?;
    let report = rdb::get(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let r = cx.member(report.reporter_id).await?;
    if action != Action::ReportHide {
        cx.tell(&r, &format!("report-outcome-{status}"), &[])
            .await?;
        return Ok(false);
    }
    let reward = cx.engine.cfg.safety.report_reward;
    let rewarded = reward > 0 && reward_reporter(cx, community.id, r.id, id, reward).await?;
    let points = if rewarded { reward } else { 0 };
    cx.tell(&r, "report-outcome-upheld", &[("points", points.into())])
        .await?;
    Ok(reward > 0 && !rewarded)
}

/// The listing's owner hears of an upheld report or a warning privately; an upheld one
/// lowers their credit.
async fn tell_owner(
    cx: &mut Ctx<'_>,
    owner: i64,
    action: Action,
    status: &str,
    listing: Option<&Listing>,
) -> Flow {
    if action == Action::ReportHide {
        adjust_credit(cx, owner, cx.engine.cfg.safety.report_credit_delta).await?;
    }
    if action == Action::ReportDismiss {
        return Ok(());
    }
    if let Some(o) = members::member_by_id(&mut cx.tx, owner).await? {
        let title = listing.map(|l| l.title.clone()).unwrap_or_default();
        cx.tell(
            &o,
            &format!("report-owner-{status}"),
            &[("title", title.into())],
        )
        .await?;
    }
    Ok(())
}

/// An upheld report's listing comes down: a live claim is cancelled, its points go back and
/// its claimer is told.
async fn take_down(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    if let Some(c) = db::live_claim(&mut cx.tx, l.id).await? {
        settle(cx, l, &c, TransferKind::Refund).await?;
        db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Cancelled, None, cx.now).await?;
        // The neighbour who claimed it hears that the hand-over is off and why.
        let claimer = cx.member(c.claimer_id).await?;
        let text = cx.t(
            cx.locale_of(&claimer),
            "takedown-to-claimer",
            &[("id", l.id.into()), ("title", l.title.clone().into())],
        );
        let group = members::community_by_id(&mut cx.tx, l.community_id)
            .await?
            .chat_id;
        cx.say_private(&claimer, text, Vec::new(), Some(group))
            .await?;
    }
    if matches!(
        l.status,
        ListingStatus::Open | ListingStatus::Reserved | ListingStatus::Accepted
    ) {
        db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Withdrawn, cx.now).await?;
        stop_listing_jobs(cx, l.id).await?;
    }
    db::set_review(&mut cx.tx, l.id, "rejected", cx.now).await?;
    let l = db::listing_for_update(&mut cx.tx, l.id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let status = card_status(cx, &l, "card-status-removed").await?;
    set_card_status(cx, &l, status).await
}

/// A status line for a listing's card, in its group's language.
async fn card_status(cx: &mut Ctx<'_>, l: &Listing, key: &str) -> Flow<String> {
    let chat = members::community_by_id(&mut cx.tx, l.community_id)
        .await?
        .chat_id;
    Ok(cx.t(cx.engine.group_locale(chat), key, &[]))
}

/// A listing shown again after review: its card as its state says.
async fn restore_card(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    if l.status == ListingStatus::Open {
        return refresh_card(cx, l).await;
    }
    let status = card_status(cx, l, "card-status-reviewed").await?;
    set_card_status(cx, l, status).await
}

/// Pays the reward of an upheld report from the community pool; `false` when the pool is short.
async fn reward_reporter(
    cx: &mut Ctx<'_>,
    community_id: i64,
    reporter: i64,
    report_id: i64,
    reward: i64,
) -> Flow<bool> {
    let pool = ledger::account(&mut cx.tx, community_id, AccountKind::Pool, 0).await?;
    if ledger::balance(&mut cx.tx, pool).await? < reward {
        return Ok(false);
    }
    let key = format!("report:{report_id}:reward");
    let memo = cx.t(cx.engine.default_locale, "report-reward-memo", &[]);
    let me = cx.me.id;
    let paid = cx
        .move_points(
            community_id,
            TransferKind::Grant,
            (AccountKind::Pool, 0),
            (AccountKind::Member, reporter),
            reward,
            &key,
            &memo,
            None,
            Some(me),
        )
        .await;
    match paid {
        Ok(_) => Ok(true),
        Err(ledger::LedgerError::Insufficient { .. } | ledger::LedgerError::OverLimit { .. }) => {
            Ok(false)
        }
        Err(e) => Err(Stop::Fail(EngineError::Ledger(e))),
    }
}

/// Words typed under "why are you reporting?" instead of a tap ("这是假的，根本没有这东西") are
/// the reason: the report is filed with them, not lost to "I did not understand". True when
/// they were.
pub async fn typed_reason(cx: &mut Ctx<'_>, typed: &str) -> Flow<bool> {
    if typed.trim().chars().count() < 2 {
        return Ok(false);
    }
    let chat = cx.actor.as_ref().map_or(cx.me.id, |a| a.id);
    let shown =
        crate::store::outbox::recent_buttons(&mut cx.tx, chat, cx.now - 86_400, cx.now, 1).await?;
    for token in shown.iter().filter_map(|b| b.cb.as_deref()) {
        let Some(t) = db::callback(&mut cx.tx, token).await? else {
            continue;
        };
        if t.action != Action::ReportWhy || t.for_member.is_some_and(|m| m != cx.me.id) {
            continue;
        }
        if let Some(listing) = t.listing_id {
            file_report(cx, listing, typed).await?;
            return Ok(true);
        }
    }
    Ok(false)
}

/// Words that report a listing when replied to its card or post ("举报，这是假的", "scam").
const REPORT_WORDS: &[&str] = &[
    "举报",
    "是假的",
    "骗子",
    "骗人的",
    "诈骗",
    "虚假信息",
    "假信息",
    "舉報",
    "騙子",
    "scam",
    "is fake",
    "it's fake",
    "report this",
    "reported",
];

/// Whether a neighbour's reply to a listing reports it rather than wanting it.
pub fn says_report(text: &str) -> bool {
    let t = text.to_lowercase();
    REPORT_WORDS.iter().any(|w| t.contains(w))
}

/// `/report N reason`.
pub async fn report_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let listing = nth_number(args, 0).ok_or(Refusal::new("usage-report"))?;
    let reason = words_from(args, 1);
    file_report(cx, listing, &reason).await.map(|_| ())
}

/// A reason button under "why are you reporting?": the report is filed.
pub async fn report_why(cx: &mut Ctx<'_>, query_id: &str, listing: i64, why: Option<&str>) -> Flow {
    file_report(cx, listing, why.unwrap_or_default()).await?;
    let text = cx.t(cx.my_locale(), "report-thanks-toast", &[]);
    cx.toast(query_id, text).await
}
