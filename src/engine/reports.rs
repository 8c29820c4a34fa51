//! Reports: the Report button on every card (it asks privately why, with a few reason
//! buttons), `/report N reason`, a message forwarded to the bot in private, or the dialog
//! through [`file_report`]. The social workers get the report with Hide / Dismiss / Warn and
//! the reporter's past upheld and dismissed reports (abuse is visible). Reports from
//! `safety.report_hide_after` different members hide the listing until a worker decides. An
//! upheld report rewards the reporter from the community pool and lowers the owner's credit.

use super::safety::{adjust_credit, member, require_worker};
use super::worker::audit;
use super::{Ctx, Flow, Refusal, Stop};
use crate::domain::{AccountKind, Action, ListingStatus, ReportCategory, TransferKind};
use crate::ledger;
use crate::store::listings::{self as db, CallbackTarget, Listing};
use crate::store::members::{self, Community};
use crate::store::outbox::Button;

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
pub(crate) async fn ask_reason(cx: &mut Ctx<'_>, query_id: &str, listing_id: i64) -> Flow {
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
        let t = CallbackTarget {
            action: Action::ReportWhy,
            listing_id: Some(l.id),
            claim_id: None,
            for_member: Some(cx.me.id),
            arg: Some(c.as_str().into()),
        };
        let token = db::new_callback(&mut cx.tx, &t, cx.now).await?;
        rows.push(vec![Button::callback(
            cx.t(loc, &format!("report-reason-{}", c.as_str()), &[]),
            token,
        )]);
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
        return Err(Refusal::new("err-not-for-you").into());
    }
    Ok(())
}

/// Files a report of listing `listing_id` by the member acting, with `reason` (free words, or
/// a category: `fake`, `wrong_points`, `unsafe`, `other`); returns the report's id. The
/// workers get it at once; the reporter is thanked privately.
pub(crate) async fn file_report(cx: &mut Ctx<'_>, listing_id: i64, reason: &str) -> Flow<i64> {
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
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO reports (community_id, listing_id, reporter_id, owner_id, category, reason, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(l.community_id)
    .bind(l.id)
    .bind(cx.me.id)
    .bind(l.owner_id)
    .bind(category.as_str())
    .bind(&reason)
    .bind(cx.now)
    .fetch_optional(&mut *cx.tx)
    .await?;
    let id = id.ok_or(Refusal::new("report-err-already").arg("id", l.id))?;
    let reporters: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT reporter_id) FROM reports WHERE listing_id = $1 AND status = 'open'",
    )
    .bind(l.id)
    .fetch_one(&mut *cx.tx)
    .await?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let hidden = reporters >= cx.engine.cfg.safety.report_hide_after && l.review == "none";
    if hidden {
        db::set_review(&mut cx.tx, l.id, "hidden", cx.now).await?;
        let l = db::listing_for_update(&mut cx.tx, l.id)
            .await?
            .ok_or(Refusal::new("err-internal"))?;
        super::listings::refresh_card(cx, &l).await?;
    }
    let owner = member(cx, l.owner_id).await?;
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
    cx.tell_me("report-thanks", &[("id", l.id.into())]).await?;
    Ok(id)
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
    let (upheld, dismissed): (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN status IN ('upheld', 'warned') THEN 1 ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN status = 'dismissed' THEN 1 ELSE 0 END), 0) AS BIGINT)
         FROM reports WHERE reporter_id = $1",
    )
    .bind(cx.me.id)
    .fetch_one(&mut *cx.tx)
    .await?;
    let args = [
        ("report", report_id.to_string()),
        ("community", community.title.clone()),
        (
            "id",
            l.map(|l| l.id.to_string()).unwrap_or_else(|| "-".into()),
        ),
        ("title", l.map(|l| l.title.clone()).unwrap_or_default()),
        ("owner", owner.to_string()),
        ("reporter", cx.me.name.clone()),
        ("category", category.as_str().to_string()),
        ("reason", reason.to_string()),
        ("upheld", upheld.to_string()),
        ("dismissed", dismissed.to_string()),
        ("reporters", reporters.to_string()),
        ("hidden", if hidden { "yes" } else { "no" }.to_string()),
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
pub(crate) async fn report_forwarded(
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
        let rows: Vec<(i64, i64, String, String)> = sqlx::query_as(
            "SELECT id, owner_id, title, source_text FROM listings WHERE community_id = $1 ORDER BY id DESC",
        )
        .bind(c.id)
        .fetch_all(&mut *cx.tx)
        .await?;
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
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO reports (community_id, listing_id, reporter_id, owner_id, category, reason, quoted, status, created_at)
         VALUES ($1, NULL, $2, $3, $4, $5, $6, 'open', $7) RETURNING id",
    )
    .bind(community.id)
    .bind(cx.me.id)
    .bind(owner.as_ref().map(|m| m.id))
    .bind(category.as_str())
    .bind(&reason)
    .bind(&text)
    .bind(cx.now)
    .fetch_one(&mut *cx.tx)
    .await?;
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
pub(crate) async fn decide(
    cx: &mut Ctx<'_>,
    query_id: &str,
    action: Action,
    report_id: i64,
) -> Flow {
    let row: Option<(i64, Option<i64>, String)> =
        sqlx::query_as("SELECT community_id, listing_id, status FROM reports WHERE id = $1")
            .bind(report_id)
            .fetch_optional(&mut *cx.tx)
            .await?;
    let (community_id, listing_id, _) =
        row.ok_or(Refusal::new("err-no-such-case").arg("case", report_id))?;
    let community = members::community_by_id(&mut cx.tx, community_id).await?;
    require_worker(cx, &community).await?;
    let listing = match listing_id {
        Some(id) => db::listing_for_update(&mut cx.tx, id).await?,
        None => None,
    };
    let status: String = sqlx::query_scalar("SELECT status FROM reports WHERE id = $1")
        .bind(report_id)
        .fetch_one(&mut *cx.tx)
        .await?;
    if status != "open" {
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
    let ids: Vec<i64> = match &listing {
        Some(l) => {
            sqlx::query_scalar(
                "SELECT id FROM reports WHERE listing_id = $1 AND status = 'open' ORDER BY id",
            )
            .bind(l.id)
            .fetch_all(&mut *cx.tx)
            .await?
        }
        None => vec![report_id],
    };
    let mut short = false;
    for id in &ids {
        sqlx::query(
            "UPDATE reports SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(new_status)
        .bind(cx.me.id)
        .bind(cx.now)
        .execute(&mut *cx.tx)
        .await?;
        let reporter: i64 = sqlx::query_scalar("SELECT reporter_id FROM reports WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *cx.tx)
            .await?;
        let r = member(cx, reporter).await?;
        if action == Action::ReportHide {
            let reward = cx.engine.cfg.safety.report_reward;
            let rewarded =
                reward > 0 && reward_reporter(cx, community.id, reporter, *id, reward).await?;
            short |= reward > 0 && !rewarded;
            let points = if rewarded { reward } else { 0 };
            cx.tell(&r, "report-outcome-upheld", &[("points", points.into())])
                .await?;
        } else {
            cx.tell(&r, &format!("report-outcome-{new_status}"), &[])
                .await?;
        }
    }
    let owner_id: Option<i64> = sqlx::query_scalar("SELECT owner_id FROM reports WHERE id = $1")
        .bind(report_id)
        .fetch_one(&mut *cx.tx)
        .await?;
    if let Some(l) = &listing {
        match action {
            Action::ReportHide => {
                take_down(cx, l).await?;
            }
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
    if let Some(owner) = owner_id {
        if action == Action::ReportHide {
            adjust_credit(cx, owner, cx.engine.cfg.safety.report_credit_delta).await?;
        }
        if action != Action::ReportDismiss {
            if let Some(o) = members::member_by_id(&mut cx.tx, owner).await? {
                let title = listing
                    .as_ref()
                    .map(|l| l.title.clone())
                    .unwrap_or_default();
                cx.tell(
                    &o,
                    &format!("report-owner-{new_status}"),
                    &[("title", title.into())],
                )
                .await?;
            }
        }
    }
    audit(
        cx,
        community.id,
        &format!("report_{new_status}"),
        owner_id,
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

/// An upheld report's listing comes down: a live claim is cancelled and its points go back.
async fn take_down(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    if let Some(c) = db::live_claim(&mut cx.tx, l.id).await? {
        super::listings::settle(cx, l, &c, TransferKind::Refund).await?;
        db::set_claim_status(
            &mut cx.tx,
            c.id,
            crate::domain::ClaimStatus::Cancelled,
            None,
            cx.now,
        )
        .await?;
    }
    if matches!(
        l.status,
        ListingStatus::Open | ListingStatus::Reserved | ListingStatus::Accepted
    ) {
        db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Withdrawn, cx.now).await?;
        crate::jobs::scheduler::cancel(&mut cx.tx, &super::reminders::LISTING_JOBS, l.id).await?;
    }
    db::set_review(&mut cx.tx, l.id, "rejected", cx.now).await?;
    let l = db::listing_for_update(&mut cx.tx, l.id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let chat = community_chat(cx, &l).await?;
    let status = cx.t(cx.engine.group_locale(chat), "card-status-removed", &[]);
    super::listings::set_card_status(cx, &l, status).await
}

async fn community_chat(cx: &mut Ctx<'_>, l: &Listing) -> Flow<i64> {
    Ok(members::community_by_id(&mut cx.tx, l.community_id)
        .await?
        .chat_id)
}

/// A listing shown again after review: its card as its state says.
async fn restore_card(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    if l.status == ListingStatus::Open {
        return super::listings::refresh_card(cx, l).await;
    }
    let chat = community_chat(cx, l).await?;
    let status = cx.t(cx.engine.group_locale(chat), "card-status-reviewed", &[]);
    super::listings::set_card_status(cx, l, status).await
}

/// Pays the reward of an upheld report from the community pool; `false` when the pool is short.
async fn reward_reporter(
    cx: &mut Ctx<'_>,
    community_id: i64,
    reporter: i64,
    report_id: i64,
    reward: i64,
) -> Flow<bool> {
    let from = ledger::account(&mut cx.tx, community_id, AccountKind::Pool, 0).await?;
    if ledger::balance(&mut cx.tx, from).await? < reward {
        return Ok(false);
    }
    let to = ledger::account(&mut cx.tx, community_id, AccountKind::Member, reporter).await?;
    let key = format!("report:{report_id}:reward");
    let memo = cx.t(cx.engine.default_locale, "report-reward-memo", &[]);
    let t = ledger::Transfer {
        community_id,
        kind: TransferKind::Grant,
        memo: &memo,
        idem_key: &key,
        from,
        to,
        amount: reward,
        listing_id: None,
        actor_id: Some(cx.me.id),
        corrects: None,
        at: cx.now,
    };
    match ledger::transfer(&mut cx.tx, &t, cx.engine.limits()).await {
        Ok(_) => Ok(true),
        Err(ledger::LedgerError::Insufficient { .. } | ledger::LedgerError::OverLimit { .. }) => {
            Ok(false)
        }
        Err(e) => Err(Stop::Fail(super::EngineError::Ledger(e))),
    }
}
