//! Offers and requests: posting one (from a group message, a command or the offer flow),
//! the card's claim button, the owner's decision, the hand-over, taking one down or renewing it.
//!
//! Points move through escrow: a claim on an offer holds the claimer's points at once; a
//! request's points are held from its owner when they accept a helper. Confirming receipt
//! releases them to the giver; a decline returns them.

use super::loans;
use super::moderation::hold_for_approval;
use super::ratings::ask_for_ratings;
use crate::domain::valuation::Facts;
use crate::domain::{
    AccountKind, Action, ClaimStatus, JobKind, ListingKind, ListingStatus, Points, Resource, Title,
    TransferKind,
};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::{Args, Flow, Refusal, ReplyTo, Stop, Val};
use crate::engine::shared::cards::{post_card_with, set_card_status};
use crate::engine::shared::dialog;
use crate::engine::shared::jobs::{restart_listing_jobs, schedule_listing_jobs, stop_listing_jobs};
use crate::engine::shared::matching;
use crate::engine::shared::points::{hold, settle};
use crate::i18n::Locale;
use crate::ledger;
use crate::parse::{self, Parsed};
use crate::store::dialogs::State;
use crate::store::jobs;
use crate::store::listings::{self as db, CallbackTarget, Claim, Listing, NewListing};
use crate::store::members::{self, Community};
use crate::store::outbox::Button;
use chrono::NaiveDate;

/// Creates a listing from what the resident wrote and posts its card in the group.
pub async fn post_listing(
    cx: &mut Ctx<'_>,
    community: &Community,
    kind: ListingKind,
    parsed: &Parsed,
    text: &str,
) -> Flow<Listing> {
    post_listing_with_photos(cx, community, kind, parsed, text, &[]).await
}

/// The same, with photos (transport file ids) shown above the card.
pub async fn post_listing_with_photos(
    cx: &mut Ctx<'_>,
    community: &Community,
    kind: ListingKind,
    parsed: &Parsed,
    text: &str,
    photos: &[String],
) -> Flow<Listing> {
    let title = parsed
        .title
        .as_deref()
        .and_then(Title::parse)
        .or_else(|| Title::parse(text));
    let Some(title) = title else {
        return Err(Refusal::new(if kind == ListingKind::Offer {
            "err-empty-offer"
        } else {
            "err-empty-want"
        })
        .into());
    };
    let resource = match parsed.resource {
        Some(parse::Resource::Service) => Resource::Service,
        Some(parse::Resource::Skill) => Resource::Skill,
        _ => Resource::Item,
    };
    let valuation = &cx.engine.cfg.valuation;
    let suggested = valuation.suggest(&Facts {
        resource: Some(resource),
        category: parsed.category.as_deref(),
        condition: parsed.condition.map(|c| c.as_str()),
        quantity: parsed.quantity,
        hours: parsed.hours,
        original_price: parsed.original_price,
        ..Default::default()
    });
    let (points, clamped) = asked_points(cx, parsed, suggested)?;
    let points = Points::new(points)
        .map_err(|_| Refusal::new("err-points-range").arg("max", Points::MAX_LISTING))?;
    // A request is paid by its author: it must be payable when posted.
    if kind == ListingKind::Request && points.get() > 0 {
        let have = available(cx, community.id, cx.me.id).await?;
        if have < points.get() {
            return Err(Refusal::new("err-request-unaffordable")
                .arg("points", points.get())
                .arg("balance", have)
                .into());
        }
    }
    let new = NewListing {
        community_id: community.id,
        owner_id: cx.me.id,
        kind,
        resource,
        mode: parsed.mode.map(|m| m.as_str()),
        title: title.as_str(),
        category: parsed.category.as_deref(),
        condition: parsed.condition.map(|c| c.as_str()),
        points: points.get(),
        suggested,
        quantity: parsed.quantity,
        days: parsed.days,
        // How long help takes (not the hours of a thing: "充电2小时").
        minutes: parsed
            .hours
            .filter(|h| *h > 0.0 && resource != Resource::Item)
            .map(|h| (h * 60.0).round() as i64),
        source_text: text,
    };
    let id = db::insert_listing(&mut cx.tx, &new, cx.now).await?;
    let listing = db::listing_for_update(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    db::add_photos(&mut cx.tx, id, photos).await?;
    matching::index(cx, &listing).await?;
    // Donated goods (a social worker's post, or one that says so) go first to those in need:
    // the window starts now, or when a worker approves a listing held for approval.
    if cx.engine.cfg.priority.window_hours > 0
        && kind == ListingKind::Offer
        && (cx.is_worker(community, cx.me.id).await? || says_priority(text))
    {
        matching::start_priority_window(cx, &listing).await?;
    }
    schedule_listing_jobs(cx, id, cx.me.id, community.id).await?;
    if hold_for_approval(cx, community, &listing).await? {
        return Ok(listing);
    }
    post_card_with(cx, community, &listing, photos.to_vec()).await?;
    matching::after_post(cx, &listing).await?;
    if let Some(args) = clamped {
        let text = cx.engine.tv(cx.my_locale(), "points-band-clamped", &args);
        let me = cx.me.clone();
        cx.say_private(&me, text, Vec::new(), Some(community.chat_id))
            .await?;
    }
    Ok(listing)
}

/// The points a post asks, from what its author wrote: free, the suggestion when none is
/// written, or the written points moved to the fair band's nearer edge (then with the words to
/// tell the author why).
fn asked_points(cx: &Ctx<'_>, parsed: &Parsed, suggested: i64) -> Flow<(i64, Option<Args>)> {
    let valuation = &cx.engine.cfg.valuation;
    let mut clamped: Option<Args> = None;
    let points = match (parsed.free, parsed.points) {
        // Negative ("-5积分", even beside "free"), or beyond what any listing may ask (a typo,
        // an overflow): the range, not the number.
        (_, Some(p)) if !(0..=valuation.max_points).contains(&p) => {
            return Err(Refusal::new("err-points-range")
                .arg("max", valuation.max_points)
                .into());
        }
        (true, _) | (_, Some(0)) => 0,
        (false, None) => suggested,
        // Outside the fair band: posted at its nearer edge (the post is not lost), and the
        // author is told why, privately, once the card is up.
        (false, Some(p)) => {
            let (lo, hi) = valuation.allowed_range(suggested);
            let at = p.clamp(lo, hi);
            if at != p {
                let args: Args = vec![
                    ("points", p.into()),
                    ("min", lo.into()),
                    ("max", hi.into()),
                    ("posted", at.into()),
                ];
                clamped = Some(args);
            }
            at
        }
    };
    Ok((points, clamped))
}

fn listing_args(l: &Listing) -> Args {
    vec![
        ("id", l.id.into()),
        ("title", l.title.clone().into()),
        ("points", l.points.into()),
        ("what", l.what().into()),
        ("kind", l.kind.as_str().into()),
    ]
}

fn with(mut base: Args, name: &'static str, v: impl Into<Val>) -> Args {
    base.push((name, v.into()));
    base
}

/// `/offer …` or `/want …`: the listing is made even when the parser is unsure.
pub async fn post_from_command(
    cx: &mut Ctx<'_>,
    community: &Community,
    kind: ListingKind,
    args: &str,
) -> Flow<Listing> {
    if args.is_empty() {
        let key = if kind == ListingKind::Offer {
            "err-empty-offer"
        } else {
            "err-empty-want"
        };
        return Err(Refusal::new(key).into());
    }
    let parsed = parse_as(cx, kind, args);
    post_listing(cx, community, kind, &parsed, args).await
}

/// Reads the fields of a text whose kind the writer already stated with a command: when the
/// parser alone is unsure, it reads it again behind the kind's own keyword.
fn parse_as(cx: &Ctx<'_>, kind: ListingKind, text: &str) -> parse::Parsed {
    let parsed = parse::parse(text, None, &cx.engine.lexicon);
    if parsed.kind != parse::Kind::None {
        return parsed;
    }
    let prefix = match (kind, parsed.lang) {
        (ListingKind::Offer, parse::Lang::Zh) => "出闲置：",
        (ListingKind::Offer, parse::Lang::En) => "OFFER: ",
        (ListingKind::Request, parse::Lang::Zh) => "求：",
        (ListingKind::Request, parse::Lang::En) => "WANTED: ",
    };
    let again = parse::parse(
        &format!("{prefix}{text}"),
        Some(parsed.lang),
        &cx.engine.lexicon,
    );
    if again.kind == parse::Kind::None {
        parsed
    } else {
        again
    }
}

/// `/withdraw N` (or `/cancel N`, `#N` accepted).
pub async fn withdraw_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let id = args
        .trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .map_err(|_| Refusal::new("usage-withdraw"))?;
    withdraw(cx, id).await
}

/// Refuses any action on a listing that is not in `want`.
fn require_status(l: &Listing, want: ListingStatus) -> Flow {
    if l.status == want {
        return Ok(());
    }
    let key = match l.status {
        ListingStatus::Reserved | ListingStatus::Accepted if want == ListingStatus::Open => {
            "err-already-claimed"
        }
        _ => "err-listing-closed",
    };
    Err(Refusal::new(key).arg("id", l.id).into())
}

/// Reserved by a neighbour (not yet handed over), and shown to all: it may open again.
pub fn is_reserved(l: &Listing) -> bool {
    matches!(l.status, ListingStatus::Reserved | ListingStatus::Accepted) && l.review == "none"
}

/// [`is_reserved`], by someone other than the member acting, on someone else's listing.
pub async fn reserved_by_another(cx: &mut Ctx<'_>, l: &Listing) -> Flow<bool> {
    if !is_reserved(l) || l.owner_id == cx.me.id {
        return Ok(false);
    }
    let claim = db::live_claim(&mut cx.tx, l.id).await?;
    Ok(claim.is_none_or(|c| c.claimer_id != cx.me.id))
}

/// Someone else reserved it first: said privately, with a button to be told if it opens
/// again (a claim declined, taken back or never answered; see `cards::reopen`).
pub async fn reserved_wait(cx: &mut Ctx<'_>, query_id: &str, l: &Listing) -> Flow {
    let loc = cx.my_locale();
    let args = [("id", l.id.into()), ("title", l.title.clone().into())];
    let text = cx.t(loc, "claim-taken-wait", &args);
    let t = CallbackTarget::listing(Action::PriorityWait, l.id, cx.me.id);
    let b = cx.button_t(loc, "button-tell-reopen", &t).await?;
    if !query_id.is_empty() {
        let alert = cx.t(loc, "err-already-claimed", &args);
        cx.answer_button(query_id, alert, true).await?;
    }
    let me = cx.me.clone();
    let group = cx.community.as_ref().map(|c| c.chat_id);
    cx.say_private(&me, text, vec![vec![b]], group).await?;
    Ok(())
}

/// Within a listing's priority window only a priority resident (under the weekly cap) may
/// claim; anyone else is told when it opens to all and may ask to be told then. False when
/// the claim must wait.
async fn priority_lets(
    cx: &mut Ctx<'_>,
    query_id: &str,
    l: &Listing,
    community: &Community,
) -> Flow<bool> {
    use crate::store::priority;
    let Some(until) = priority::until(&mut cx.tx, l.id)
        .await?
        .filter(|u| *u > cx.now)
    else {
        return Ok(true);
    };
    let cap = cx.engine.cfg.priority.max_claims_per_week;
    let key = if !priority::is_priority(&mut cx.tx, community.id, cx.me.id).await? {
        "priority-wait"
    } else if priority::claims_in_windows(&mut cx.tx, cx.me.id, cx.now - 7 * 86_400).await? >= cap {
        "priority-cap"
    } else {
        return Ok(true);
    };
    let loc = cx.my_locale();
    let at = cx.engine.local_fmt(until, "%m-%d %H:%M");
    let text = cx.t(
        loc,
        key,
        &[
            ("id", l.id.into()),
            ("title", l.title.clone().into()),
            ("at", at.into()),
            ("cap", cap.into()),
        ],
    );
    let t = CallbackTarget::listing(Action::PriorityWait, l.id, cx.me.id);
    let b = cx.button_t(loc, "button-priority-wait", &t).await?;
    if !query_id.is_empty() {
        cx.toast(query_id, String::new()).await?;
    }
    let me = cx.me.clone();
    let group = cx.community.as_ref().map(|c| c.chat_id);
    cx.say_private(&me, text, vec![vec![b]], group).await?;
    Ok(false)
}

/// Words that put an offer first for neighbours in need.
const PRIORITY_WORDS: &[&str] = &[
    "优先给困难",
    "困难家庭优先",
    "优先给有需要",
    "优先困难",
    "低保优先",
    "优先给老人",
    "优先给残疾",
    "优先给独居",
    "priority to families in need",
    "for families in need first",
    "priority to those in need",
];

fn says_priority(text: &str) -> bool {
    let t = text.to_lowercase();
    PRIORITY_WORDS.iter().any(|w| t.contains(w))
}

/// A resident taps "I want it" (offer) or "I can help" (request) on a card.
pub async fn claim_listing(cx: &mut Ctx<'_>, query_id: &str, listing_id: i64) -> Flow {
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    // Only from the card in the listing's own group, or privately by one of its members (the
    // button sent after a reply): a forwarded card or a copied token makes no outsider a member.
    let here = cx.community.as_ref().map(|c| c.id) == Some(l.community_id);
    let member = cx.community.is_none()
        && members::is_member_of(&mut cx.tx, l.community_id, cx.me.id).await?;
    if !here && !member {
        return Err(Refusal::new("err-not-for-you").into());
    }
    if l.owner_id == cx.me.id {
        return Err(Refusal::new("err-own-listing").into());
    }
    if l.review != "none" {
        return Err(Refusal::new("err-under-review").arg("id", l.id).into());
    }
    if reserved_by_another(cx, &l).await? {
        return reserved_wait(cx, query_id, &l).await;
    }
    // A second tap by the one who has it is no "someone else took it".
    if is_reserved(&l) {
        return Err(Refusal::new("err-already-yours").arg("id", l.id).into());
    }
    require_status(&l, ListingStatus::Open)?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    if !priority_lets(cx, query_id, &l, &community).await? {
        return Ok(());
    }
    cx.join(&community, cx.me.id).await?;
    let (giver, receiver) = match l.kind {
        ListingKind::Offer => (l.owner_id, cx.me.id),
        ListingKind::Request => (cx.me.id, l.owner_id),
    };
    let claim = db::insert_claim(
        &mut cx.tx, l.id, cx.me.id, giver, receiver, l.points, cx.now,
    )
    .await?;
    if l.kind == ListingKind::Offer {
        crate::store::recommend::note(&mut cx.tx, cx.me.id, "claim", &l.title, cx.now).await?;
        let hold = hold(cx, &l, claim, cx.me.id).await?;
        db::set_claim_status(&mut cx.tx, claim, ClaimStatus::Pending, hold, cx.now).await?;
    }
    db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Reserved, cx.now).await?;
    let gloc = cx.engine.group_locale(community.chat_id);
    // In a priority window only priority residents claim: a name would say who they are.
    let in_window = crate::store::priority::until(&mut cx.tx, l.id)
        .await?
        .is_some_and(|u| u > cx.now);
    let status = if in_window {
        cx.t(gloc, "card-status-reserved-quiet", &[])
    } else {
        cx.t(
            gloc,
            "card-status-reserved",
            &[("name", cx.me.name.clone().into())],
        )
    };
    set_card_status(cx, &l, status).await?;

    let release_at = cx.now + cx.engine.cfg.handover.release_unanswered_days * 86_400;
    jobs::schedule(
        &mut cx.tx,
        JobKind::ClaimRelease,
        Some(l.community_id),
        None,
        claim,
        release_at,
        cx.now,
    )
    .await?;
    let owner = cx.member(l.owner_id).await?;
    let oloc = cx.locale_of(&owner);
    let key = if l.kind == ListingKind::Offer {
        "claim-to-owner-offer"
    } else {
        "claim-to-owner-request"
    };
    let args = with(listing_args(&l), "name", cx.me.name.clone());
    let text = cx.engine.tv(
        oloc,
        key,
        &with(args, "date", cx.engine.local_fmt(release_at, "%m-%d %H:%M")),
    );
    let accept = cx
        .button_t(
            oloc,
            "button-accept",
            &CallbackTarget::claim(Action::Accept, claim, owner.id),
        )
        .await?;
    let decline = cx
        .button_t(
            oloc,
            "button-decline",
            &CallbackTarget::claim(Action::Decline, claim, owner.id),
        )
        .await?;
    cx.say_private(
        &owner,
        text,
        vec![vec![accept, decline]],
        Some(community.chat_id),
    )
    .await?;

    let key = if l.kind == ListingKind::Offer && l.points > 0 {
        "claim-sent-held"
    } else {
        "claim-sent"
    };
    let text = cx.engine.tv(
        cx.my_locale(),
        key,
        &with(listing_args(&l), "name", owner.name.clone()),
    );
    cx.toast(query_id, text).await
}

/// A claim and its listing, read after locking the listing: every change of a claim happens
/// under its listing's lock, so the claim read here cannot be stale (two instances pressing
/// Accept and Decline at once are serialised).
pub async fn locked_claim(cx: &mut Ctx<'_>, claim_id: i64) -> Flow<(Claim, Listing)> {
    let expired = || Refusal::new("err-button-expired");
    let first = db::claim(&mut cx.tx, claim_id).await?.ok_or_else(expired)?;
    let l = db::listing_for_update(&mut cx.tx, first.listing_id)
        .await?
        .ok_or_else(expired)?;
    let c = db::claim(&mut cx.tx, claim_id).await?.ok_or_else(expired)?;
    Ok((c, l))
}

/// The owner accepts or declines a claim.
pub async fn decide_claim(cx: &mut Ctx<'_>, query_id: &str, claim_id: i64, accept: bool) -> Flow {
    let (c, l) = locked_claim(cx, claim_id).await?;
    if c.status != ClaimStatus::Pending {
        return Err(Refusal::new("err-already-decided").arg("id", l.id).into());
    }
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let claimer = cx.member(c.claimer_id).await?;
    if !accept {
        jobs::cancel(&mut cx.tx, &[JobKind::ClaimRelease], c.id).await?;
        settle(cx, &l, &c, TransferKind::Refund).await?;
        db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Declined, None, cx.now).await?;
        crate::engine::shared::cards::reopen(cx, &l).await?;
        let cloc = cx.locale_of(&claimer);
        let key = if l.kind == ListingKind::Offer && l.points > 0 {
            "decline-to-claimer-refund"
        } else {
            "decline-to-claimer"
        };
        let text = cx.engine.tv(
            cloc,
            key,
            &with(listing_args(&l), "name", cx.me.name.clone()),
        );
        cx.say_private(&claimer, text, Vec::new(), Some(community.chat_id))
            .await?;
        let text = cx
            .engine
            .tv(cx.my_locale(), "decline-done", &listing_args(&l));
        return cx.toast(query_id, text).await;
    }
    let hold = if l.kind == ListingKind::Request {
        match hold(cx, &l, c.id, c.receiver_id).await {
            Ok(h) => h,
            // The requester cannot pay now: the helper is told and the request opens again.
            Err(Stop::Refuse(r)) if r.key == "err-insufficient" => {
                return request_unpaid(cx, query_id, &l, &c, &community).await;
            }
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    jobs::cancel(&mut cx.tx, &[JobKind::ClaimRelease], c.id).await?;
    db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Accepted, hold, cx.now).await?;
    let nudge_at = cx.now + cx.engine.cfg.reminders.handover_nudge_days * 86_400;
    let auto_at = cx.now + cx.engine.cfg.handover.auto_confirm_days * 86_400;
    let community_id = Some(l.community_id);
    let follow_ups = [
        (
            JobKind::HandoverNudge,
            community_id,
            Some(c.giver_id),
            c.id,
            nudge_at,
        ),
        (
            JobKind::HandoverNudge,
            community_id,
            Some(c.receiver_id),
            c.id,
            nudge_at,
        ),
        (JobKind::HandoverAuto, community_id, None, c.id, auto_at),
    ];
    jobs::schedule_all(&mut cx.tx, &follow_ups, cx.now).await?;
    db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Accepted, cx.now).await?;
    let keys = (
        "card-status-accepted",
        "accept-to-giver",
        "accept-to-receiver",
    );
    tell_both(cx, &l, &c, &community, keys, Some(auto_at)).await
}

/// A requester accepted a helper but cannot pay the points now: the claim is declined, the
/// request is open again, the helper hears why, and the requester what to do.
async fn request_unpaid(
    cx: &mut Ctx<'_>,
    query_id: &str,
    l: &Listing,
    c: &Claim,
    community: &Community,
) -> Flow {
    db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Declined, None, cx.now).await?;
    crate::engine::shared::cards::reopen(cx, l).await?;
    let helper = cx.member(c.claimer_id).await?;
    let text = cx.engine.tv(
        cx.locale_of(&helper),
        "request-unpaid-helper",
        &with(listing_args(l), "name", cx.me.name.clone()),
    );
    cx.say_private(&helper, text, Vec::new(), Some(community.chat_id))
        .await?;
    let balance = available(cx, l.community_id, cx.me.id).await?;
    let text = cx.engine.tv(
        cx.my_locale(),
        "request-unpaid-owner",
        &with(listing_args(l), "balance", balance),
    );
    cx.reply(text, Vec::new()).await?;
    let text = cx.t(cx.my_locale(), "request-unpaid-toast", &[]);
    cx.toast(query_id, text).await
}

/// What a member can spend in a community now (held points are already in escrow).
async fn available(cx: &mut Ctx<'_>, community_id: i64, member_id: i64) -> Flow<i64> {
    let account = ledger::account(&mut cx.tx, community_id, AccountKind::Member, member_id).await?;
    let balance = ledger::balance(&mut cx.tx, account).await?;
    Ok(balance - cx.engine.cfg.points.min_balance)
}

/// The receiver confirms the hand-over: the held points go to the giver.
pub async fn confirm_receipt(cx: &mut Ctx<'_>, claim_id: i64) -> Flow {
    let (c, l) = locked_claim(cx, claim_id).await?;
    require_handing_over(&c, &l)?;
    complete_handover(cx, &l, &c, false).await
}

/// Refuses a hand-over step on a claim that is no longer being handed over.
pub fn require_handing_over(c: &Claim, l: &Listing) -> Flow {
    if c.status != ClaimStatus::Accepted {
        let key = if c.status == ClaimStatus::Confirmed {
            "err-already-confirmed"
        } else {
            "err-listing-closed"
        };
        return Err(Refusal::new(key).arg("id", l.id).into());
    }
    // A lent item stays "accepted" until it comes back: a second press finds the loan.
    if l.status == ListingStatus::Lent {
        return Err(Refusal::new("err-already-confirmed").arg("id", l.id).into());
    }
    Ok(())
}

/// The hand-over is done (confirmed by the receiver, or by itself after
/// `handover.auto_confirm_days`): a loan starts, or the held points go to the giver, both
/// sides are told and asked for a rating.
pub async fn complete_handover(cx: &mut Ctx<'_>, l: &Listing, c: &Claim, auto: bool) -> Flow {
    jobs::cancel(&mut cx.tx, &JobKind::HANDOVER, c.id).await?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    if l.mode.as_deref() == Some("lend") {
        let giver = cx.member(c.giver_id).await?;
        let receiver = cx.member(c.receiver_id).await?;
        return loans::lend(cx, l, c, &community, &giver, &receiver).await;
    }
    settle(cx, l, c, TransferKind::Release).await?;
    db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Confirmed, None, cx.now).await?;
    db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Done, cx.now).await?;
    // A thing was given ("已送出：A → B"), help was given ("已完成：A 帮了 B"), whichever
    // side posted it.
    let status = if l.resource == Resource::Item {
        "card-status-done-offer"
    } else {
        "card-status-done-request"
    };
    let keys = if auto {
        (status, "auto-confirm-to-giver", "auto-confirm-to-receiver")
    } else {
        (status, "confirm-to-giver", "confirm-to-receiver")
    };
    tell_both(cx, l, c, &community, keys, None).await?;
    if l.kind == ListingKind::Offer {
        // The receiver's own request for the same thing is asked to come down.
        matching::after_received(cx, l, c.receiver_id).await?;
    }
    ask_for_ratings(cx, l, c).await
}

/// A hand-over moved on: the card shows the status `keys.0` with both names, and the giver
/// and the receiver are told privately (`keys.1`, `keys.2`). While it is being handed over
/// (`auto_at`: when it completes by itself), the giver gets "I handed it over" and the
/// receiver "I received it".
async fn tell_both(
    cx: &mut Ctx<'_>,
    l: &Listing,
    c: &Claim,
    community: &Community,
    keys: (&str, &str, &str),
    auto_at: Option<i64>,
) -> Flow {
    let giver = cx.member(c.giver_id).await?;
    let receiver = cx.member(c.receiver_id).await?;
    let gloc = cx.engine.group_locale(community.chat_id);
    // Who took something inside a priority window is never said in the group.
    let shown =
        crate::engine::shared::cards::taker_name(cx, l.id, c.id, &receiver.name, gloc).await?;
    let names: Args = vec![
        ("giver", giver.name.clone().into()),
        ("receiver", shown.into()),
    ];
    let date = auto_at
        .map(|at| cx.engine.short_date(at))
        .unwrap_or_default();
    let status = cx.engine.tv(gloc, keys.0, &names);
    set_card_status(cx, l, status).await?;
    let via = Some(community.chat_id);
    let gl = cx.locale_of(&giver);
    let text = cx.engine.tv(
        gl,
        keys.1,
        &with(
            with(listing_args(l), "name", receiver.name.clone()),
            "date",
            date.clone(),
        ),
    );
    // While handing over, each side has a button that opens a chat with the other.
    let buttons = match auto_at {
        Some(_) => {
            let t = CallbackTarget::claim(Action::Handed, c.id, giver.id);
            let write = cx.t(
                gl,
                "button-write-to",
                &[("name", receiver.name.clone().into())],
            );
            vec![vec![
                cx.button_t(gl, l.handed_button(), &t).await?,
                Button::chat_with(write, receiver.id),
            ]]
        }
        None => Vec::new(),
    };
    cx.say_private(&giver, text, buttons, via).await?;
    let rl = cx.locale_of(&receiver);
    let text = cx.engine.tv(
        rl,
        keys.2,
        &with(
            with(listing_args(l), "name", giver.name.clone()),
            "date",
            date,
        ),
    );
    let buttons = match auto_at {
        Some(_) => {
            let t = CallbackTarget::claim(Action::Confirm, c.id, receiver.id);
            let write = cx.t(
                rl,
                "button-write-to",
                &[("name", giver.name.clone().into())],
            );
            vec![vec![
                cx.button_t(rl, l.confirm_button(), &t).await?,
                Button::chat_with(write, giver.id),
            ]]
        }
        None => Vec::new(),
    };
    cx.say_private(&receiver, text, buttons, via).await?;
    Ok(())
}

/// `/withdraw N`: the owner takes listing N down, or the claimer takes back their claim on it.
/// Held points go back to whoever paid them in both cases.
/// How an owner ends their own listing: taken back (`/withdraw`, "撤回", "不是"), or gone
/// elsewhere ("已送出", "没了", "gone"), which its card says instead of "withdrawn".
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Undone,
    Gone,
}

pub async fn withdraw(cx: &mut Ctx<'_>, listing_id: i64) -> Flow {
    withdraw_as(cx, listing_id, Ending::Undone).await
}

pub async fn withdraw_as(cx: &mut Ctx<'_>, listing_id: i64, how: Ending) -> Flow {
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-no-such-listing").arg("id", listing_id))?;
    let claim = db::live_claim(&mut cx.tx, l.id).await?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let gloc = cx.engine.group_locale(community.chat_id);
    let is_owner = l.owner_id == cx.me.id;
    let is_claimer = claim.as_ref().is_some_and(|c| c.claimer_id == cx.me.id);
    if !is_owner && !is_claimer {
        return Err(Refusal::new("err-not-yours").arg("id", l.id).into());
    }
    if l.status == ListingStatus::Lent {
        return Err(Refusal::new("err-listing-not-open").arg("id", l.id).into());
    }
    if l.status.is_ended() {
        return Err(Refusal::new("err-listing-closed").arg("id", l.id).into());
    }
    // The giver said it was handed over: the receiver may not just take the points back.
    if let Some(c) = claim.as_ref().filter(|c| c.handed_at.is_some()) {
        if c.receiver_id == cx.me.id {
            let giver = cx.member(c.giver_id).await?;
            return Err(Refusal::new("err-withdraw-handed")
                .arg("id", l.id)
                .arg("name", giver.name)
                .into());
        }
    }
    if is_owner {
        stop_listing_jobs(cx, l.id).await?;
    }
    if let Some(c) = &claim {
        jobs::cancel(&mut cx.tx, &JobKind::HANDOVER, c.id).await?;
        settle(cx, &l, c, TransferKind::Refund).await?;
        db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Cancelled, None, cx.now).await?;
        // The other side hears of it privately.
        let other = cx
            .member(if is_owner { c.claimer_id } else { l.owner_id })
            .await?;
        let key = if is_owner {
            "withdraw-to-claimer"
        } else {
            "withdraw-to-owner"
        };
        let text = cx.engine.tv(
            cx.locale_of(&other),
            key,
            &with(listing_args(&l), "name", cx.me.name.clone()),
        );
        cx.say_private(&other, text, Vec::new(), Some(community.chat_id))
            .await?;
    }
    if is_owner {
        db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Withdrawn, cx.now).await?;
        let status = match (how, l.kind) {
            (Ending::Undone, _) => "card-status-withdrawn",
            (Ending::Gone, ListingKind::Request) => "card-status-gone-request",
            // A thing lent out comes back: the card says it is out on loan, not given away.
            (Ending::Gone, _) if l.mode.as_deref() == Some("lend") => "card-status-gone-lend",
            (Ending::Gone, _) => "card-status-gone-offer",
        };
        let status = cx.t(gloc, status, &[]);
        set_card_status(cx, &l, status).await?;
    } else {
        crate::engine::shared::cards::reopen(cx, &l).await?;
    }
    let key = if is_owner && how == Ending::Gone {
        "withdraw-done-gone"
    } else if is_owner {
        "withdraw-done-owner"
    } else {
        "withdraw-done-claimer"
    };
    let refunded = claim.as_ref().map_or(0, |c| {
        if c.receiver_id == cx.me.id {
            c.points
        } else {
            0
        }
    });
    let text = cx.engine.tv(
        cx.my_locale(),
        key,
        &with(listing_args(&l), "refund", refunded),
    );
    let me = cx.me.clone();
    cx.say_private(&me, text, Vec::new(), None).await?;
    Ok(())
}

/// Posts the listing the offer, lend or request flow described, with its photos, in the
/// community it names (or the member's first).
pub async fn post_from_flow(cx: &mut Ctx<'_>, st: &State, kind: ListingKind) -> Flow {
    let a = &st.answers;
    let s = |k: &str| a.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let community_id = a.get("community").and_then(|v| v.as_i64());
    // Without a community step, the member's first community.
    let Some(community) = members::communities_of(&mut cx.tx, cx.me.id)
        .await?
        .into_iter()
        .find(|c| community_id.is_none_or(|id| c.id == id))
    else {
        return Err(Refusal::new("err-no-community").into());
    };
    let what = s("what").unwrap_or_default();
    let today = cx.engine.local_date(cx.now);
    let days = s("return")
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .map(|d| (d - today).num_days().max(1));
    let resource = match s("resource").as_deref() {
        Some("service") => parse::Resource::Service,
        Some("skill") => parse::Resource::Skill,
        _ => parse::Resource::Item,
    };
    let points = a.get("points").and_then(|v| v.as_i64());
    let parsed = parse::Parsed {
        kind: match kind {
            ListingKind::Offer => parse::Kind::Offer,
            ListingKind::Request => parse::Kind::Request,
        },
        resource: Some(resource),
        mode: match (resource, days) {
            (parse::Resource::Item, Some(_)) => Some(parse::Mode::Lend),
            (parse::Resource::Item, None) if kind == ListingKind::Offer => Some(parse::Mode::Give),
            _ => None,
        },
        title: Some(what.clone()),
        category: s("category"),
        condition: s("condition").and_then(|c| parse::Condition::from_name(&c)),
        points,
        free: points == Some(0),
        quantity: None,
        hours: a.get("hours").and_then(serde_json::Value::as_f64),
        days,
        lang: if cx.my_locale() == Locale::En {
            parse::Lang::En
        } else {
            parse::Lang::Zh
        },
        original_price: a.get("price").and_then(|v| v.as_f64()),
    };
    let photos = dialog::photos_of(st, "photos");
    let l = post_listing_with_photos(cx, &community, kind, &parsed, &what, &photos).await?;
    tell_posted(cx, &l, &community, true).await
}

/// Tells the member privately where their listing went up (at the end of a flow: with the
/// menu's keys in simple mode).
async fn tell_posted(cx: &mut Ctx<'_>, l: &Listing, community: &Community, end: bool) -> Flow {
    let text = cx.t(
        cx.my_locale(),
        "posted-private",
        &[
            ("id", l.id.into()),
            ("community", community.title.clone().into()),
        ],
    );
    if end {
        cx.reply_end(text).await
    } else {
        cx.reply(text, Vec::new()).await
    }
}

/// The thing a private search names, narrowed to what the parser read ("电钻" of the search
/// "电钻 周末用" in "求借电钻 周末用") when it read a request for a thing inside the search's
/// words; else the search as it was.
pub fn thing_asked_for(read: Option<&Parsed>, query: String) -> String {
    let narrowed = read
        .filter(|p| p.kind == parse::Kind::Request && p.resource == Some(parse::Resource::Item))
        .and_then(|p| p.title.clone())
        .filter(|t| !t.trim().is_empty() && t.len() < query.len() && query.contains(t.as_str()));
    narrowed.unwrap_or(query)
}

/// Help asked for: someone's time or know-how, not a thing.
pub fn is_help(p: &Parsed) -> bool {
    p.kind == parse::Kind::Request && p.resource != Some(parse::Resource::Item)
}

/// How words typed privately read as a listing, if they do; with `as_help`, words that read
/// as nothing alone and name no thing ("陪我去医院" at a search's question) are read again as
/// help asked for.
pub fn read_words(cx: &Ctx<'_>, typed: &str, as_help: bool) -> Option<Parsed> {
    let read = |t: &str| match parse::judge(t, None, &cx.engine.lexicon) {
        parse::Verdict::Sure(p) | parse::Verdict::Unsure(p) => Some(p),
        parse::Verdict::None(_) => None,
    };
    read(typed).or_else(|| {
        let prefix = match parse::detect(typed) {
            _ if !as_help => return None,
            // Words naming a thing ("search drill") are a search, not help asked for.
            _ if parse::names_a_thing(typed, &cx.engine.lexicon) => return None,
            parse::Lang::Zh => "求助：",
            parse::Lang::En => "Can anyone help: ",
        };
        read(&format!("{prefix}{typed}")).filter(is_help)
    })
}

/// Words typed privately that read as an offer or a request ("阿拉想寻人陪我去医院", "出闲置：
/// 儿童自行车 八成新"): the wizard of its kind, see [`wizard_for`]. `None` when the words read
/// as neither; with `help_only`, unless they ask for someone's time or know-how.
pub async fn wizard_from_words(
    cx: &mut Ctx<'_>,
    typed: &str,
    help_only: bool,
) -> Flow<Option<dialog::Outcome>> {
    match read_words(cx, typed, help_only) {
        Some(p) if !help_only || is_help(&p) => wizard_for(cx, &p).await,
        _ => Ok(None),
    }
}

/// The wizard of a reading's kind (lending has its own), with what was read filled in, so
/// the resident only answers what is missing and confirms. `None` for a reading of neither.
pub async fn wizard_for(cx: &mut Ctx<'_>, p: &Parsed) -> Flow<Option<dialog::Outcome>> {
    let help = is_help(p);
    let flow = match (p.kind, p.mode) {
        (parse::Kind::Offer, Some(parse::Mode::Lend)) => "lend",
        (parse::Kind::Offer, _) => "offer",
        (parse::Kind::Request, _) => "request",
        (parse::Kind::None, _) => return Ok(None),
    };
    // Someone in no group yet hears where to start, not that their post is on its way.
    if members::communities_of(&mut cx.tx, cx.me.id)
        .await?
        .is_empty()
    {
        return Err(Refusal::new("err-no-community").into());
    }
    let key = if help {
        "private-help-read"
    } else {
        "private-listing-read"
    };
    let title = p.title.clone().unwrap_or_default();
    if !title.is_empty() {
        let text = cx.t(cx.my_locale(), key, &[("title", title.clone().into())]);
        cx.reply(text, Vec::new()).await?;
    }
    let text = |s: String| dialog::Given::Text(s);
    let value = |s: &str| dialog::Given::Value(s.to_string());
    let mut given: Vec<(&str, dialog::Given)> = Vec::new();
    if !title.is_empty() {
        given.push(("what", text(title)));
    }
    if let Some(r) = p.resource {
        given.push(("resource", value(r.as_str())));
    }
    if let Some(c) = &p.category {
        given.push(("category", value(c)));
    }
    if let Some(c) = p.condition {
        given.push(("condition", value(c.as_str())));
    }
    if let Some(h) = p.hours.filter(|h| (h * 2.0).fract() == 0.0) {
        given.push(("hours", text(format!("{h}"))));
    }
    if let Some(d) = p.days.filter(|_| flow == "lend") {
        given.push(("return", text(format!("{d}天"))));
    }
    match (p.free, p.points) {
        (true, _) => given.push(("points", value("!free"))),
        (false, Some(n)) => given.push(("points", text(n.to_string()))),
        _ => {}
    }
    Ok(Some(dialog::start_prefilled(cx, flow, &given).await?))
}

/// What a photo sent privately tells the offer flow: the photo, and its caption as what is
/// given when the caption can be a title.
pub fn photo_offer_answers(
    file_id: &str,
    caption: Option<&str>,
) -> serde_json::Map<String, serde_json::Value> {
    let mut answers = serde_json::Map::new();
    answers.insert("photos".into(), serde_json::json!([file_id]));
    let what = caption
        .map(str::trim)
        .filter(|c| (2..=40).contains(&c.chars().count()))
        .and_then(Title::parse);
    if let Some(t) = what {
        answers.insert("what".into(), t.as_str().into());
    }
    answers
}

/// Words that the owner replies to their listing to say it is gone ("已送出", "没了").
const GONE_WORDS: &[&str] = &[
    "已送出",
    "送出了",
    "送出去了",
    "已经送出",
    "没了",
    "已经没了",
    "已借出",
    "不送了",
    "已经送人了",
    // Of a post listing several things: all of them.
    "都没了",
    "全没了",
    "都送出了",
    "都送完了",
    "都送掉了",
    "全部送出",
    "all gone",
    "all taken",
    // Cantonese: 送咗啦 / 冇咗 / 畀咗人
    "送咗",
    "送咗啦",
    "冇咗",
    "冇晒",
    "畀咗人",
    "俾咗人",
    "gone",
    "taken",
    "given away",
    "no longer available",
    "sold out",
];

/// Words the author replies to a card the bot made of something that was no listing (or that
/// they take back): "撤回", "不是", "undo". Its card then says it was withdrawn, where a gone
/// word ([`GONE_WORDS`]) makes it say the thing went.
const UNDO_WORDS: &[&str] = &[
    "撤回",
    "撤销",
    "不是",
    "不是的",
    "删掉",
    "删除",
    "发错了",
    "唔係",
    "唔系",
    "undo",
    "not a listing",
    "delete",
];

/// Said anywhere in the owner's reply to their card, these also mean it is gone
/// ("不好意思，已经被预定了", "已送出，谢谢大家关注").
const GONE_PHRASES: &[&str] = &[
    "已送出",
    "送出去了",
    "已经送人",
    "已经给人了",
    "被预定了",
    "已被预定",
    "被领走了",
    "已经被拿走",
    "已借出",
    "借出去了",
    "已经借出",
    "借走了",
    "已经借走",
    "送掉了",
    "已经送掉",
    "也没了",
    "都没了",
    "已经给了",
    "送人了",
    "送完了",
    "被人拿走了",
    "有人拿走了",
    "no longer available",
    "is gone",
    "are gone",
    "is taken",
    "are taken",
    "has been taken",
    "been claimed",
];

/// The owner's reply says the thing is gone: a gone word alone or as its first clause
/// ("没了，谢谢大家"), or a gone phrase anywhere.
fn says_gone(text: &str) -> bool {
    use crate::engine::kernel::text::is_word;
    let first = text
        .split([',', '，', '。', '.', '!', '！', '~', ' '])
        .find(|p| !p.trim().is_empty())
        .unwrap_or("");
    let lower = text.to_lowercase();
    // Only the words that say it is gone open a longer reply ("不是，我是说九成新" is no undo).
    let opening = [
        "没了",
        "已经没了",
        "送出了",
        "不送了",
        "gone",
        "taken",
        "sold out",
    ];
    is_word(text, GONE_WORDS)
        || is_word(text, UNDO_WORDS)
        || is_word(first, &opening)
        || is_word(first, GONE_WORDS)
        || GONE_PHRASES.iter().any(|p| lower.contains(p))
}

/// True when `text` is the member's own message in this group that is already a listing.
pub async fn already_listed(
    cx: &mut Ctx<'_>,
    text: &str,
) -> Result<bool, crate::store::StoreError> {
    let Some(community) = cx.community.clone() else {
        return Ok(false);
    };
    Ok(db::by_source(&mut cx.tx, community.id, cx.me.id, text)
        .await?
        .is_some())
}

/// The author's own message, replied to with one of these, is made a listing of that kind
/// (the bot did not take it for one).
fn kind_word(text: &str) -> Option<ListingKind> {
    use crate::engine::kernel::text::is_word;
    if is_word(text, &["出", "送", "offer", "give"]) {
        Some(ListingKind::Offer)
    } else if is_word(text, &["求", "要", "want", "request"]) {
        Some(ListingKind::Request)
    } else {
        None
    }
}

/// A reply in a group to a listing's card or to the message it came from: interest in that
/// listing, never a new card. The one interested gets the claim button privately; the owner
/// replying that it is gone takes it down. A reply to anything else is an ordinary message.
pub async fn reply_in_group(cx: &mut Ctx<'_>, text: &str, to: &ReplyTo) -> Flow {
    let community = cx.community.clone().ok_or(Refusal::new("err-internal"))?;
    let found = match (to.from_bot, to.message_id, to.author_id, to.text.as_deref()) {
        (true, Some(m), _, _) => db::by_card_message(&mut cx.tx, community.chat_id, m).await?,
        (false, _, Some(a), Some(t)) => {
            let items = db::all_by_source(&mut cx.tx, community.id, a, t).await?;
            if items.len() > 1 {
                // A post that listed several things: the one the reply names, or all of them.
                match listed_item(cx, a, &items, text) {
                    Some(id) => Some(id),
                    None => return reply_to_list(cx, &community, a, &items, text).await,
                }
            } else {
                items.first().map(|(id, _)| *id)
            }
        }
        _ => None,
    };
    let mut found = match found {
        Some(id) => db::listing_for_update(&mut cx.tx, id).await?,
        None => None,
    };
    // A reply to a neighbour's post that names another open post of theirs ("is the rice
    // cooker still available?" replied to her later list of furniture): the post it names.
    if let Some(l) = found.as_ref().filter(|_| !to.from_bot) {
        if let Some(other) = named_sibling(cx, &community, l, text).await? {
            found = db::listing_for_update(&mut cx.tx, other).await?;
        }
    }
    let Some(l) = found else {
        // "出" / "求" replied to one's own message: make it the listing the bot did not see.
        if let (Some(kind), Some(quoted)) = (kind_word(text), to.text.as_deref()) {
            if to.author_id == Some(cx.me.id) && !to.from_bot {
                return post_from_command(cx, &community, kind, quoted)
                    .await
                    .map(|_| ());
            }
        }
        // A reply to a neighbour's other message ("> 陈太: 我识剪头发 可以帮你" after her
        // request and a "谢谢"): when it answers one of her open posts, it is about that post.
        if let Some(id) = answers_open_post(cx, &community, to, text).await? {
            if let Some(l) = db::listing_for_update(&mut cx.tx, id).await? {
                return show_interest(cx, &community, &l).await;
            }
        }
        return post_from_group(cx, text, &[]).await;
    };
    use crate::engine::kernel::text::is_word;
    if l.owner_id == cx.me.id {
        // "已送出" on a card already ended changes nothing and needs no answer.
        if !says_gone(text) || l.status.is_ended() {
            return Ok(());
        }
        if is_word(text, UNDO_WORDS) {
            let done = withdraw(cx, l.id).await;
            return privately(cx, &community, done).await;
        }
        // "已送出" while handing it over to the neighbour agreed with is that hand-over, not
        // a withdrawal (which would refund them): the owner is shown how to finish it.
        if let Some(c) = db::live_claim(&mut cx.tx, l.id)
            .await?
            .filter(|c| c.status == ClaimStatus::Accepted)
        {
            return gone_in_handover(cx, &community, &l, &c).await;
        }
        return withdraw_as(cx, l.id, Ending::Gone).await;
    }
    // A neighbour's "撤回" is no interest: it cancels their own claim, if they have one, and
    // is answered privately otherwise ("gone?" from a neighbour is still interest).
    if is_word(text, UNDO_WORDS) {
        let claim = db::live_claim(&mut cx.tx, l.id).await?;
        if claim.is_some_and(|c| c.claimer_id == cx.me.id) {
            let done = withdraw(cx, l.id).await;
            return privately(cx, &community, done).await;
        }
        let owner = cx.member(l.owner_id).await?;
        let not_yours = Refusal::new("undo-not-yours")
            .arg("id", l.id)
            .arg("title", l.title.clone())
            .arg("name", owner.name);
        return privately(cx, &community, Err(not_yours.into())).await;
    }
    // "举报，这是假的" replied to a card is a report, answered privately, never the claim button.
    if super::reports::says_report(text) {
        let done = super::reports::file_report(cx, l.id, text)
            .await
            .map(|_| ());
        return privately(cx, &community, done).await;
    }
    show_interest(cx, &community, &l).await
}

/// Of the things a post listed, the one a reply to it is about: the one a neighbour names;
/// never one for its owner, whose reply may name several ("rice cooker is gone, desk still
/// here": [`reply_to_list`]).
fn listed_item(cx: &Ctx<'_>, owner: i64, items: &[(i64, String)], text: &str) -> Option<i64> {
    if owner == cx.me.id {
        return None;
    }
    best_named(items, text, &cx.engine.lexicon)
}

/// A reply to a post that listed several things, naming none of them for a neighbour: a
/// private choice of those still open. For its owner: each clause saying a thing is gone
/// ("rice cooker is gone, desk still here") takes that one's card down; gone or undone with no
/// thing named, all of them.
async fn reply_to_list(
    cx: &mut Ctx<'_>,
    community: &Community,
    owner: i64,
    items: &[(i64, String)],
    text: &str,
) -> Flow {
    use crate::engine::kernel::text::is_word;
    let lex = &cx.engine.lexicon;
    if owner != cx.me.id {
        return choose_listed(cx, community, items).await;
    }
    let undo = is_word(text, UNDO_WORDS);
    let gone = if undo {
        items.iter().map(|(id, _)| *id).collect()
    } else {
        gone_of(items, text, lex, true).unwrap_or_default()
    };
    take_down(cx, community, &gone, undo).await
}

/// The owner's posts `ids` taken down: withdrawn (`undo`), or marked gone (a hand-over agreed
/// is shown how to finish instead). Each answer is private.
async fn take_down(cx: &mut Ctx<'_>, community: &Community, ids: &[i64], undo: bool) -> Flow {
    for &id in ids {
        let Some(l) = db::listing_for_update(&mut cx.tx, id).await? else {
            continue;
        };
        if l.status.is_ended() {
            continue;
        }
        let done = if undo {
            withdraw(cx, l.id).await
        } else {
            match db::live_claim(&mut cx.tx, l.id)
                .await?
                .filter(|c| c.status == ClaimStatus::Accepted)
            {
                Some(c) => gone_in_handover(cx, community, &l, &c).await,
                None => withdraw_as(cx, l.id, Ending::Gone).await,
            }
        };
        privately(cx, community, done).await?;
    }
    Ok(())
}

/// Which of an owner's posts `items` their words say are gone: those named in a clause that
/// says so ("电饭煲和书桌都送掉了，椅子还在"); in a reply to the post, all of them when the
/// words say so of everything ("都送完了", "all gone") or name none while there is only one.
/// `None` when they say none is.
fn gone_of(
    items: &[(i64, String)],
    text: &str,
    lex: &parse::Lexicon,
    replied: bool,
) -> Option<Vec<i64>> {
    let mut gone: Vec<i64> = Vec::new();
    for clause in text.split([',', '，', '.', '。', ';', '；', '!', '！', '~']) {
        if !says_gone(clause) {
            continue;
        }
        let share = naming_share(clause, lex);
        let named: Vec<i64> = items
            .iter()
            .filter(|(_, title)| share(title) >= 1.0)
            .map(|(id, _)| *id)
            .collect();
        match (named.is_empty(), best_named(items, clause, lex)) {
            (false, _) => gone.extend(named),
            (true, Some(id)) => gone.push(id),
            (true, None) => {}
        }
    }
    // Without a reply to the post, only a thing named counts ("菜都没了" is about the market).
    if replied && gone.is_empty() && says_gone(text) && best_named(items, text, lex).is_none() {
        let lower = text.to_lowercase();
        let all = ["都", "全", "all", "everything"]
            .iter()
            .any(|w| lower.contains(w));
        if all || items.len() == 1 {
            gone = items.iter().map(|(id, _)| *id).collect();
        }
    }
    gone.sort_unstable();
    gone.dedup();
    (!gone.is_empty()).then_some(gone)
}

/// The things of a listed post still open, offered privately to choose from (each button
/// shows that one with its claim button).
async fn choose_listed(cx: &mut Ctx<'_>, community: &Community, items: &[(i64, String)]) -> Flow {
    let loc = cx.my_locale();
    let mut rows = Vec::new();
    for (id, title) in items {
        let Some(l) = db::listing_for_update(&mut cx.tx, *id).await? else {
            continue;
        };
        if l.status != ListingStatus::Open || l.review != "none" {
            continue;
        }
        let label = cx.t(
            loc,
            "button-find-pick",
            &[
                ("n", (rows.len() + 1).into()),
                ("title", title.clone().into()),
            ],
        );
        let t = CallbackTarget::of_listing(Action::FindPick, *id);
        rows.push(vec![cx.button(label, &t).await?]);
    }
    let key = if rows.is_empty() {
        "reply-list-none-open"
    } else {
        "reply-list-choose"
    };
    let text = cx.t(loc, key, &[("count", rows.len().into())]);
    let me = cx.me.clone();
    cx.say_private(&me, text, rows, Some(community.chat_id))
        .await?;
    Ok(())
}

/// Another open post of `l`'s owner, of the same kind, that `text` names while it does not
/// name `l`'s title.
async fn named_sibling(
    cx: &mut Ctx<'_>,
    community: &Community,
    l: &Listing,
    text: &str,
) -> Result<Option<i64>, crate::store::StoreError> {
    if l.owner_id == cx.me.id {
        return Ok(None);
    }
    let lex = &cx.engine.lexicon;
    if naming_share(text, lex)(&l.title) > 0.0 {
        return Ok(None);
    }
    let since = cx.now - REPLY_ABOUT_SECS;
    let open = db::open_of_owner(&mut cx.tx, community.id, l.owner_id, l.kind, since).await?;
    Ok(best_named(&open, text, lex).filter(|&other| other != l.id))
}

/// A refusal to a reply in a group is said privately: it is about one resident's claim ("小王
/// 说已经把 #1 交给你了…" is no message for the whole group).
async fn privately(cx: &mut Ctx<'_>, community: &Community, done: Flow) -> Flow {
    match done {
        Err(Stop::Refuse(r)) => {
            let text = cx.engine.tv(cx.my_locale(), r.key, &r.args);
            let me = cx.me.clone();
            cx.say_private(&me, text, Vec::new(), Some(community.chat_id))
                .await?;
            Ok(())
        }
        other => other,
    }
}

/// The owner says "已送出" while a hand-over is agreed: told privately how to finish it, with
/// the button when they have not pressed it yet.
async fn gone_in_handover(cx: &mut Ctx<'_>, community: &Community, l: &Listing, c: &Claim) -> Flow {
    let other = cx
        .member(if c.giver_id == cx.me.id {
            c.receiver_id
        } else {
            c.giver_id
        })
        .await?;
    let loc = cx.my_locale();
    let text = cx.engine.tv(
        loc,
        "gone-in-handover",
        &with(listing_args(l), "name", other.name),
    );
    let buttons = if c.giver_id == cx.me.id && c.handed_at.is_none() {
        let t = CallbackTarget::claim(Action::Handed, c.id, cx.me.id);
        vec![vec![cx.button_t(loc, l.handed_button(), &t).await?]]
    } else {
        Vec::new()
    };
    let me = cx.me.clone();
    cx.say_private(&me, text, buttons, Some(community.chat_id))
        .await?;
    Ok(())
}

/// How long a neighbour's post stays what a reply to any of their messages may be about.
const REPLY_ABOUT_SECS: i64 = 7 * 86_400;

/// The open post of the neighbour replied to that a reply answers: helping with their request
/// (an offer, or "我可以帮你"), or wanting their offer (a request, or "我想要"). The one its
/// words name, else their newest of that kind; `None` when the reply answers none.
async fn answers_open_post(
    cx: &mut Ctx<'_>,
    community: &Community,
    to: &ReplyTo,
    text: &str,
) -> Result<Option<i64>, crate::store::StoreError> {
    let Some(author) = to.author_id.filter(|a| !to.from_bot && *a != cx.me.id) else {
        return Ok(None);
    };
    let lex = &cx.engine.lexicon;
    let about = match parse::follow_up_to(text, lex) {
        Some(k) => k,
        None => match parse::judge(text, None, lex) {
            parse::Verdict::Sure(p) | parse::Verdict::Unsure(p) => match p.kind {
                parse::Kind::Offer => parse::Kind::Request,
                parse::Kind::Request => parse::Kind::Offer,
                parse::Kind::None => return Ok(None),
            },
            parse::Verdict::None(_) => return Ok(None),
        },
    };
    let kind = match about {
        parse::Kind::Offer => ListingKind::Offer,
        _ => ListingKind::Request,
    };
    let since = cx.now - REPLY_ABOUT_SECS;
    let open = db::open_of_owner(&mut cx.tx, community.id, author, kind, since).await?;
    // A reply naming something else ("我有电钻" to her request for a ladder) is a post of its own.
    Ok(named_or_latest(&open, text, &cx.engine.lexicon))
}

/// Someone showed interest in listing `l` in its group (a reply, or a follow-up right after
/// it): no new card; they get the claim button privately (or are told it is no longer open).
async fn show_interest(cx: &mut Ctx<'_>, community: &Community, l: &Listing) -> Flow {
    let loc = cx.my_locale();
    if reserved_by_another(cx, l).await? {
        return reserved_wait(cx, "", l).await;
    }
    if l.status != ListingStatus::Open || l.review != "none" {
        let text = cx.t(
            loc,
            "reply-not-open",
            &[("id", l.id.into()), ("title", l.title.clone().into())],
        );
        let me = cx.me.clone();
        cx.say_private(&me, text, Vec::new(), Some(community.chat_id))
            .await?;
        return Ok(());
    }
    let key = if l.kind == ListingKind::Offer {
        "reply-interest-offer"
    } else {
        "reply-interest-request"
    };
    let text = cx.engine.tv(loc, key, &listing_args(l));
    let label = if l.kind == ListingKind::Offer {
        "button-claim-offer"
    } else {
        "button-claim-request"
    };
    let t = CallbackTarget::listing(Action::Claim, l.id, cx.me.id);
    let button = cx.button_t(loc, label, &t).await?;
    let me = cx.me.clone();
    cx.say_private(&me, text, vec![vec![button]], Some(community.chat_id))
        .await?;
    Ok(())
}

/// A message in a group: an offer or request if the parser recognises one, else nothing.
pub async fn post_from_group(cx: &mut Ctx<'_>, text: &str, photos: &[String]) -> Flow {
    let community = cx.community.clone().ok_or(Refusal::new("err-internal"))?;
    // "电饭煲送掉了，书桌还在" from someone with open posts: about those posts.
    if let Some(gone) = owner_says_gone(cx, &community, text, photos).await? {
        return take_down(cx, &community, &gone, false).await;
    }
    let parsed = match parse::judge(text, None, &cx.engine.lexicon) {
        parse::Verdict::Sure(p) => p,
        parse::Verdict::Unsure(_) => return unsure(cx, &community, text).await,
        parse::Verdict::None(_) => return follow_up(cx, &community, text).await,
    };
    let kind = match parsed.kind {
        parse::Kind::Offer => ListingKind::Offer,
        _ => ListingKind::Request,
    };
    // "孙叔，我周末想借一下梯子" within the hour of a neighbour's ladder: interest in it, not a
    // request of its own.
    if kind == ListingKind::Request {
        if let Some(l) = offer_just_named(cx, &community, text).await? {
            return show_interest(cx, &community, &l).await;
        }
    }
    // "我有电钻 我可以帮忙" or "I can babysit on Friday" right after someone's request answers
    // it: no card of its own. Help naming something no request asked for is an offer.
    if kind == ListingKind::Offer && parse::offers_help(text, &cx.engine.lexicon) {
        let since = cx.now - FOLLOW_UP_SECS;
        let asked = db::recent_in_group(
            &mut cx.tx,
            community.id,
            cx.me.id,
            ListingKind::Request,
            since,
        )
        .await?;
        if let Some(id) = named_or_latest(&asked, text, &cx.engine.lexicon) {
            if let Some(l) = db::listing_for_update(&mut cx.tx, id).await? {
                return show_interest(cx, &community, &l).await;
            }
        }
    }
    if says_again(cx, &community, kind, &parsed).await? {
        return Ok(());
    }
    if post_list(cx, &community, kind, text, photos).await? {
        return Ok(());
    }
    post_listing_with_photos(cx, &community, kind, &parsed, text, photos)
        .await
        .map(|_| ())
}

/// A post listing several things ("搬家清理：1. 书桌 2. 办公椅 3. 电饭煲"): a card for each, read
/// with what the post says of them all (free, lent, when to pick up), so each can be claimed
/// on its own; the photos go with the first. `false` (nothing posted) when fewer than two of
/// its items read as listings of the post's kind.
async fn post_list(
    cx: &mut Ctx<'_>,
    community: &Community,
    kind: ListingKind,
    text: &str,
    photos: &[String],
) -> Flow<bool> {
    let Some((head, items)) = parse::list_items(text) else {
        return Ok(false);
    };
    let want = match kind {
        ListingKind::Offer => parse::Kind::Offer,
        ListingKind::Request => parse::Kind::Request,
    };
    let read: Vec<parse::Parsed> = items
        .iter()
        .map(|item| parse_as(cx, kind, &parse::item_text(item, &head)))
        .filter(|p| p.kind == want && p.title.is_some())
        .collect();
    if read.len() < 2 {
        return Ok(false);
    }
    for (i, p) in read.iter().enumerate() {
        let photos = if i == 0 { photos } else { &[] };
        post_listing_with_photos(cx, community, kind, p, text, photos).await?;
    }
    Ok(true)
}

/// The open posts of the writer (of the last week) that their group message says are gone,
/// naming them ("电饭煲和书桌都送掉了"); `None` when it says none is.
async fn owner_says_gone(
    cx: &mut Ctx<'_>,
    community: &Community,
    text: &str,
    photos: &[String],
) -> Result<Option<Vec<i64>>, crate::store::StoreError> {
    if !photos.is_empty() || !says_gone(text) {
        return Ok(None);
    }
    let since = cx.now - REPLY_ABOUT_SECS;
    let mut open = Vec::new();
    for kind in [ListingKind::Offer, ListingKind::Request] {
        open.extend(db::open_of_owner(&mut cx.tx, community.id, cx.me.id, kind, since).await?);
    }
    Ok(gone_of(&open, text, &cx.engine.lexicon, false))
}

/// A neighbour's open offer of the last hour that a request fully names, unless the request
/// is headed as one of its own ([`headed_request`]).
async fn offer_just_named(
    cx: &mut Ctx<'_>,
    community: &Community,
    text: &str,
) -> Result<Option<Listing>, crate::store::StoreError> {
    if headed_request(text) {
        return Ok(None);
    }
    let since = cx.now - FOLLOW_UP_SECS;
    let offered = db::recent_in_group(
        &mut cx.tx,
        community.id,
        cx.me.id,
        ListingKind::Offer,
        since,
    )
    .await?;
    let share = naming_share(text, &cx.engine.lexicon);
    let Some((id, _)) = offered.iter().find(|(_, title)| share(title) >= 1.0) else {
        return Ok(None);
    };
    Ok(db::listing_for_update(&mut cx.tx, *id)
        .await?
        .filter(|l| l.status == ListingStatus::Open))
}

/// A request its writer heads as one ("求借电钻", "收：…", "WANTED: …"): a post of its own even
/// right after a neighbour offered the thing (it meets that offer as a match).
fn headed_request(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    [
        "求",
        "收",
        "征",
        "徵",
        "[",
        "【",
        "wanted",
        "wtb",
        "iso",
        "looking for",
        "request",
    ]
    .iter()
    .any(|h| t.starts_with(h))
}

/// The reaction on a message that may be a listing: the author can make it one by replying
/// `/offer` or `/want` (or 出 / 求) to it.
pub const UNSURE_REACTION: &str = "👀";

/// A message the rules call a listing and the learned layer ordinary chat: no card. When it is
/// interest in a post just made, it is that; otherwise a quiet 👀 on it.
async fn unsure(cx: &mut Ctx<'_>, community: &Community, text: &str) -> Flow {
    if parse::follow_up_to(text, &cx.engine.lexicon).is_some() {
        return follow_up(cx, community, text).await;
    }
    cx.react(community.chat_id, UNSURE_REACTION).await?;
    // The first time, the author is told privately what the 👀 means (only if the private
    // chat is open: no nudge in the group for a hint).
    if cx.me.dm_open && members::first_unsure_hint(&mut cx.tx, cx.me.id, cx.now).await? {
        let args = [("group", community.title.clone().into())];
        let text = cx.t(cx.my_locale(), "unsure-hint", &args);
        cx.reply(text, Vec::new()).await?;
    }
    Ok(())
}

/// The author writing about the same thing again within the hour ("冰箱还在 要的私聊" after
/// "出闲置：冰箱"): their open card already says it, so no second card.
async fn says_again(
    cx: &mut Ctx<'_>,
    community: &Community,
    kind: ListingKind,
    parsed: &Parsed,
) -> Result<bool, crate::store::StoreError> {
    let Some(title) = parsed.title.as_deref() else {
        return Ok(false);
    };
    let since = cx.now - FOLLOW_UP_SECS;
    let titles = db::own_recent_titles(&mut cx.tx, community.id, cx.me.id, kind, since).await?;
    if titles.is_empty() {
        return Ok(false);
    }
    // The same name, or one inside the other ("冰箱" and "海尔冰箱"); "婴儿车" and "婴儿推车", or
    // "chair 1" and "chair 10", are two things.
    let same = |t: &str| {
        let (a, b) = (parse::normalize(t), parse::normalize(title));
        let numbered = |s: &str| s.chars().any(|c| c.is_numeric());
        a == b || (!numbered(&a) && !numbered(&b) && (a.contains(&b) || b.contains(&a)))
    };
    Ok(titles.iter().any(|t| same(t)))
}

/// How long after a post a message like "我想要" or "能借我用一下吗" (no reply) is about it.
const FOLLOW_UP_SECS: i64 = 3600;

/// A message that is no listing: when it wants what was just offered ("我想要", "能借我用一下吗",
/// "还在吗") or offers to help with what was just asked ("我可以帮忙"), and someone else posted
/// such a thing in this group within the hour, it is interest in that post (the latest of that
/// kind); otherwise ordinary chat, and the bot stays silent.
async fn follow_up(cx: &mut Ctx<'_>, community: &Community, text: &str) -> Flow {
    let about = match parse::follow_up_to(text, &cx.engine.lexicon) {
        Some(parse::Kind::Offer) => ListingKind::Offer,
        Some(parse::Kind::Request) => ListingKind::Request,
        _ => return Ok(()),
    };
    let since = cx.now - FOLLOW_UP_SECS;
    let recent = db::recent_in_group(&mut cx.tx, community.id, cx.me.id, about, since).await?;
    let Some(id) = named_or_latest(&recent, text, &cx.engine.lexicon) else {
        return Ok(());
    };
    let Some(l) = db::listing_for_update(&mut cx.tx, id).await? else {
        return Ok(());
    };
    show_interest(cx, community, &l).await
}

/// Of recent posts (newest first), the one a follow-up names ("电饭煲还在吗" is about the
/// 电饭煲, not the newest post): the largest share of its title's words in the message (a
/// word of a long title, "孩子" in "给孩子辅导作业", counts for less); else the newest.
fn named_or_latest(recent: &[(i64, String)], text: &str, lex: &parse::Lexicon) -> Option<i64> {
    // A message naming a thing none of the posts is about ("有人能借我一下梯子吗" after a post of
    // picture books) is not about the latest post.
    match best_named(recent, text, lex) {
        Some(id) => Some(id),
        None if parse::names_a_thing(text, lex) => None,
        None => recent.first().map(|(id, _)| *id),
    }
}

/// Of `recent` posts (newest first), the one whose title the message names most fully, if
/// it names any.
fn best_named(recent: &[(i64, String)], text: &str, lex: &parse::Lexicon) -> Option<i64> {
    let share = naming_share(text, lex);
    let mut best: Option<(f64, i64)> = None;
    for (id, title) in recent {
        let s = share(title);
        if s > 0.0 && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, *id));
        }
    }
    best.map(|(_, id)| id)
}

/// How fully a message names a post's title (0 to 1), as a function of the title.
fn naming_share<'a>(text: &str, lex: &'a parse::Lexicon) -> impl Fn(&str) -> f64 + 'a {
    let said = parse::normalize(text).to_lowercase();
    // The synonym groups the message names (`~自行车` for "is the bike still available?"): a
    // post whose title names one of them is named in full, whatever the language.
    let said_groups: Vec<String> = parse::search_terms(text, lex)
        .into_iter()
        .filter(|w| w.starts_with('~'))
        .collect();
    // Any word of those groups inside the title ("自行车" in "儿童自行车") names it too.
    let said_words: Vec<String> = lex
        .synonym_groups()
        .filter(|g| said_groups.iter().any(|s| s[1..] == g[0]))
        .flatten()
        .cloned()
        .collect();
    move |title: &str| {
        let terms = parse::search_terms(title, lex);
        let written = parse::normalize(title).to_lowercase();
        if terms.iter().any(|w| said_groups.contains(w))
            || said_words.iter().any(|w| written.contains(w.as_str()))
        {
            return 1.0;
        }
        let words: Vec<String> = terms
            .into_iter()
            .filter(|w| w.chars().count() >= 2 && !w.starts_with('~'))
            .collect();
        let found = words.iter().filter(|w| said.contains(w.as_str())).count();
        found as f64 / words.len().max(1) as f64
    }
}

/// `/offer …` or `/want …`: in a group, posted there; in private, in the member's first
/// community, and they are told where.
pub async fn offer_command(cx: &mut Ctx<'_>, kind: ListingKind, args: &str) -> Flow {
    if let Some(community) = cx.community.clone() {
        return post_from_command(cx, &community, kind, args)
            .await
            .map(|_| ());
    }
    let communities = members::communities_of(&mut cx.tx, cx.me.id).await?;
    let Some(community) = communities.into_iter().next() else {
        return Err(Refusal::new("err-no-community").into());
    };
    let l = post_from_command(cx, &community, kind, args).await?;
    tell_posted(cx, &l, &community, false).await
}

/// The owner says an open listing is still available: the check and expiry start again.
pub async fn renew_listing(cx: &mut Ctx<'_>, listing_id: i64) -> Flow {
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    if l.status != ListingStatus::Open {
        return Err(Refusal::new("err-listing-not-open").arg("id", l.id).into());
    }
    restart_listing_jobs(cx, &l).await?;
    let text = cx.t(cx.my_locale(), "listing-renewed", &[("id", l.id.into())]);
    cx.reply(text, Vec::new()).await
}
