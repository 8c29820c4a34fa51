//! Offers and requests: the group card, claiming, the owner's decision, and the hand-over.
//!
//! Points move through escrow: a claim on an offer holds the claimer's points at once; a
//! request's points are held from its owner when they accept a helper. Confirming receipt
//! releases them to the giver; a decline returns them.

use fluent_bundle::FluentValue;

use super::{ledger_stop, Ctx, Flow, Refusal};
use crate::domain::{
    AccountKind, Action, ClaimStatus, ListingKind, ListingStatus, Points, Resource, Title,
    TransferKind,
};
use crate::i18n::Locale;
use crate::jobs::scheduler::{self, JobKind};
use crate::ledger;
use crate::ledger::valuation::Facts;
use crate::parse::{self, Parsed};
use crate::store::listings::{self as db, CallbackTarget, Claim, Listing, NewListing};
use crate::store::members::{self, Community, Member};
use crate::store::outbox::{Button, OutMsg};

/// Creates a listing from what the resident wrote and posts its card in the group.
pub(crate) async fn post_listing(
    cx: &mut Ctx<'_>,
    community: &Community,
    kind: ListingKind,
    parsed: &Parsed,
    text: &str,
) -> Flow<Listing> {
    post_listing_with_photos(cx, community, kind, parsed, text, &[]).await
}

/// The same, with photos (transport file ids) shown above the card.
pub(crate) async fn post_listing_with_photos(
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
        ..Default::default()
    });
    let points = match (parsed.free, parsed.points) {
        (true, _) | (_, Some(0)) => 0,
        (false, None) => suggested,
        (false, Some(p)) => {
            let (lo, hi) = valuation.allowed_range(suggested);
            if !(lo..=hi).contains(&p) {
                return Err(Refusal::new("err-points-band")
                    .arg("points", p)
                    .arg("min", lo)
                    .arg("max", hi)
                    .arg("suggested", suggested)
                    .into());
            }
            p
        }
    };
    let points = Points::new(points)
        .map_err(|_| Refusal::new("err-points-range").arg("max", Points::MAX_LISTING))?;
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
        source_text: text,
    };
    let id = db::insert_listing(&mut cx.tx, &new, cx.now).await?;
    let listing = db::listing_for_update(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    for (pos, file_id) in photos.iter().enumerate() {
        sqlx::query("INSERT INTO listing_photos (listing_id, pos, file_id) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(pos as i64)
            .bind(file_id)
            .execute(&mut *cx.tx)
            .await?;
    }
    super::reminders::schedule_listing_jobs(cx, id, cx.me.id, community.id).await?;
    if super::safety::hold_for_approval(cx, community, &listing).await? {
        return Ok(listing);
    }
    post_card(cx, community, &listing).await?;
    Ok(listing)
}

/// Posts a listing's card in its group and remembers it, to edit it later.
pub(crate) async fn post_card(cx: &mut Ctx<'_>, community: &Community, l: &Listing) -> Flow {
    let owner = member(cx, l.owner_id).await?;
    let (text, buttons) = card(cx, community, l, &owner.name, None).await?;
    // The listing's photos go first, as an album.
    let photos: Vec<String> =
        sqlx::query_scalar("SELECT file_id FROM listing_photos WHERE listing_id = $1 ORDER BY pos")
            .bind(l.id)
            .fetch_all(&mut *cx.tx)
            .await?;
    let mut msg = OutMsg::send(community.chat_id, text, buttons);
    msg.photos = photos;
    let card_id = cx.enqueue(msg).await?;
    db::set_card(&mut cx.tx, l.id, card_id).await?;
    Ok(())
}

/// The group card of a listing: title, details, owner, and either the claim button or a
/// status line.
async fn card(
    cx: &mut Ctx<'_>,
    community: &Community,
    l: &Listing,
    owner: &str,
    status: Option<String>,
) -> Flow<(String, Vec<Vec<Button>>)> {
    let loc = cx.engine.group_locale(community.chat_id);
    let head_key = match l.kind {
        ListingKind::Offer => "card-offer",
        ListingKind::Request => "card-request",
    };
    let mut lines = vec![cx.t(
        loc,
        head_key,
        &[("id", l.id.into()), ("title", l.title.clone().into())],
    )];
    let mut details = Vec::new();
    if let Some(c) = &l.condition {
        details.push(cx.t(loc, &format!("condition-{c}"), &[]));
    }
    details.push(if l.points == 0 {
        cx.t(loc, "card-free", &[])
    } else {
        cx.t(loc, "card-points", &[("points", l.points.into())])
    });
    if l.points != l.suggested && l.points > 0 {
        details.push(cx.t(loc, "card-suggested", &[("points", l.suggested.into())]));
    }
    details.push(cx.t(loc, "card-owner", &[("name", owner.to_string().into())]));
    if l.verified {
        details.push(cx.t(loc, "card-verified", &[]));
    }
    lines.push(details.join(" · "));
    let mut buttons = Vec::new();
    // Under review after reports, or taken down by a worker: no claim, no report.
    let status = match l.review.as_str() {
        "hidden" => Some(cx.t(loc, "card-status-review", &[])),
        "rejected" => Some(cx.t(loc, "card-status-removed", &[])),
        _ => status,
    };
    // Every open card can be reported; a claimed or finished one is settled between two people.
    let reportable = l.review == "none" && status.is_none();
    match status {
        Some(s) => lines.push(s),
        None => {
            let label_key = if l.kind == ListingKind::Offer {
                "button-claim-offer"
            } else {
                "button-claim-request"
            };
            let token = db::new_callback(
                &mut cx.tx,
                &CallbackTarget {
                    action: Action::Claim,
                    listing_id: Some(l.id),
                    claim_id: None,
                    for_member: None,
                    arg: None,
                },
                cx.now,
            )
            .await?;
            buttons.push(vec![Button::callback(cx.t(loc, label_key, &[]), token)]);
        }
    }
    if reportable {
        let token = db::new_callback(
            &mut cx.tx,
            &CallbackTarget {
                action: Action::Report,
                listing_id: Some(l.id),
                claim_id: None,
                for_member: None,
                arg: None,
            },
            cx.now,
        )
        .await?;
        let report = Button::callback(cx.t(loc, "button-report", &[]), token);
        match buttons.first_mut() {
            Some(row) => row.push(report),
            None => buttons.push(vec![report]),
        }
    }
    Ok((lines.join("\n"), buttons))
}

/// Shows a listing's card with a status line and no button.
pub(crate) async fn set_card_status(cx: &mut Ctx<'_>, l: &Listing, status: String) -> Flow {
    update_card(cx, l, Some(status)).await
}

/// Shows an open listing's card again with its current details and claim button.
pub(crate) async fn refresh_card(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    update_card(cx, l, None).await
}

/// Replaces the group card with its new state.
async fn update_card(cx: &mut Ctx<'_>, l: &Listing, status: Option<String>) -> Flow {
    let Some(card_id) = l.card_outbox_id else {
        return Ok(());
    };
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let owner = members::member_by_id(&mut cx.tx, l.owner_id)
        .await?
        .map(|m| m.name)
        .unwrap_or_default();
    let (text, buttons) = card(cx, &community, l, &owner, status).await?;
    cx.enqueue(OutMsg::edit(community.chat_id, card_id, text, buttons))
        .await?;
    Ok(())
}

/// A button was pressed: look up what it means and check who pressed it.
pub(crate) async fn on_button(cx: &mut Ctx<'_>, query_id: &str, data: &str) -> Flow {
    let Some(target) = db::callback(&mut cx.tx, data).await? else {
        return Err(Refusal::new("err-button-expired").into());
    };
    if target.for_member.is_some_and(|m| m != cx.me.id) {
        return Err(Refusal::new("err-not-for-you").into());
    }
    let (listing, claim) = (
        target.listing_id.unwrap_or_default(),
        target.claim_id.unwrap_or_default(),
    );
    match target.action {
        Action::Claim => claim_listing(cx, query_id, target.listing_id.unwrap_or_default()).await,
        Action::Accept => {
            decide_claim(cx, query_id, target.claim_id.unwrap_or_default(), true).await
        }
        Action::Decline => {
            decide_claim(cx, query_id, target.claim_id.unwrap_or_default(), false).await
        }
        Action::Confirm => confirm_receipt(cx, target.claim_id.unwrap_or_default()).await,
        Action::SetLang => {
            super::commands::set_lang(
                cx,
                Some(query_id),
                target.arg.as_deref().unwrap_or_default(),
            )
            .await
        }
        Action::Renew => super::reminders::renew_listing(cx, listing).await,
        Action::Withdraw => withdraw(cx, listing).await,
        Action::Returned => super::reminders::confirm_return(cx, claim).await,
        Action::Extend => super::reminders::ask_extension(cx, claim).await,
        Action::ExtendOk => super::reminders::answer_extension(cx, claim, true).await,
        Action::ExtendNo => super::reminders::answer_extension(cx, claim, false).await,
        Action::Snooze => {
            super::reminders::snooze_or_stop(cx, query_id, target.arg.as_deref(), false).await
        }
        Action::Rate => super::ratings::rate(cx, query_id, claim, target.arg.as_deref()).await,
        Action::Dialog => super::dialogs::on_button(cx, query_id, target.arg.as_deref()).await,
        Action::Menu => super::dialogs::on_menu_button(cx, target.arg.as_deref()).await,
        Action::Stop => {
            super::reminders::snooze_or_stop(cx, query_id, target.arg.as_deref(), true).await
        }
        Action::DisputePay
        | Action::DisputeRefund
        | Action::DisputeDismiss
        | Action::DisputeAsk => {
            super::disputes::on_case_button(
                cx,
                query_id,
                target.action,
                claim,
                target.arg.as_deref(),
            )
            .await
        }
        Action::Report => super::reports::ask_reason(cx, query_id, listing).await,
        Action::ReportWhy => {
            let why = target.arg.clone().unwrap_or_default();
            super::reports::file_report(cx, listing, &why).await?;
            let text = cx.t(cx.my_locale(), "report-thanks-toast", &[]);
            toast(cx, query_id, text).await
        }
        Action::ReportHide | Action::ReportDismiss | Action::ReportWarn => {
            super::reports::decide(cx, query_id, target.action, claim).await
        }
        Action::Approve => super::safety::decide_listing(cx, query_id, listing, true).await,
        Action::Reject => super::safety::decide_listing(cx, query_id, listing, false).await,
        Action::Verify => {
            super::safety::verify_listing(cx, listing).await?;
            let text = cx.t(cx.my_locale(), "verify-done", &[("id", listing.into())]);
            toast(cx, query_id, text).await
        }
    }
}

async fn toast(cx: &mut Ctx<'_>, query_id: &str, text: String) -> Flow {
    cx.enqueue(OutMsg::answer(cx.me.id, query_id.to_string(), text, false))
        .await?;
    Ok(())
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

async fn hold_points(cx: &mut Ctx<'_>, l: &Listing, claim: i64, payer: i64) -> Flow<Option<i64>> {
    if l.points == 0 {
        return Ok(None);
    }
    let from = ledger::account(&mut cx.tx, l.community_id, AccountKind::Member, payer).await?;
    let to = ledger::account(&mut cx.tx, l.community_id, AccountKind::Escrow, 0).await?;
    let key = format!("hold:claim:{claim}");
    let t = transfer(l, TransferKind::Hold, &key, from, to, cx.now);
    let id = ledger::transfer(&mut cx.tx, &t, cx.engine.limits())
        .await
        .map_err(ledger_stop)?;
    Ok(Some(id))
}

/// Moves a claim's held points out of escrow: to the giver (`Release`) or back (`Refund`).
pub(crate) async fn settle(cx: &mut Ctx<'_>, l: &Listing, c: &Claim, kind: TransferKind) -> Flow {
    if c.points == 0 || (kind == TransferKind::Refund && !claim_has_hold(cx, c).await?) {
        return Ok(());
    }
    let to_member = if kind == TransferKind::Release {
        c.giver_id
    } else {
        c.receiver_id
    };
    let from = ledger::account(&mut cx.tx, l.community_id, AccountKind::Escrow, 0).await?;
    let to = ledger::account(&mut cx.tx, l.community_id, AccountKind::Member, to_member).await?;
    let key = format!("{}:claim:{}", kind.as_str(), c.id);
    let mut t = transfer(l, kind, &key, from, to, cx.now);
    t.amount = c.points;
    ledger::transfer(&mut cx.tx, &t, cx.engine.limits())
        .await
        .map_err(ledger_stop)?;
    Ok(())
}

async fn claim_has_hold(cx: &mut Ctx<'_>, c: &Claim) -> Flow<bool> {
    let n: Option<i64> = sqlx::query_scalar("SELECT hold_transfer_id FROM claims WHERE id = $1")
        .bind(c.id)
        .fetch_one(&mut *cx.tx)
        .await?;
    Ok(n.is_some())
}

fn transfer<'a>(
    l: &'a Listing,
    kind: TransferKind,
    key: &'a str,
    from: i64,
    to: i64,
    at: i64,
) -> ledger::Transfer<'a> {
    ledger::Transfer {
        community_id: l.community_id,
        kind,
        memo: &l.title,
        idem_key: key,
        from,
        to,
        amount: l.points,
        listing_id: Some(l.id),
        actor_id: None,
        corrects: None,
        at,
    }
}

fn listing_args(l: &Listing) -> Vec<(&'static str, FluentValue<'static>)> {
    vec![
        ("id", l.id.into()),
        ("title", l.title.clone().into()),
        ("points", l.points.into()),
    ]
}

fn with<'a>(
    mut base: Vec<(&'static str, FluentValue<'a>)>,
    name: &'static str,
    v: impl Into<FluentValue<'a>>,
) -> Vec<(&'static str, FluentValue<'a>)> {
    base.push((name, v.into()));
    base
}

async fn member(cx: &mut Ctx<'_>, id: i64) -> Flow<Member> {
    Ok(members::member_by_id(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-internal"))?)
}

async fn button(
    cx: &mut Ctx<'_>,
    loc: Locale,
    label: &str,
    action: Action,
    claim: i64,
    for_member: i64,
) -> Flow<Button> {
    let target = CallbackTarget::claim(action, claim, for_member);
    cx.engine
        .button(&mut cx.tx, loc, label, target, cx.now)
        .await
        .map_err(super::Stop::Fail)
}

/// A resident taps "I want it" (offer) or "I can help" (request) on a card.
async fn claim_listing(cx: &mut Ctx<'_>, query_id: &str, listing_id: i64) -> Flow {
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    // Only from the card in the listing's own group: a forwarded card or a copied token
    // does not make an outsider a member.
    if cx.community.as_ref().map(|c| c.id) != Some(l.community_id) {
        return Err(Refusal::new("err-not-for-you").into());
    }
    if l.owner_id == cx.me.id {
        return Err(Refusal::new("err-own-listing").into());
    }
    if l.review != "none" {
        return Err(Refusal::new("err-under-review").arg("id", l.id).into());
    }
    require_status(&l, ListingStatus::Open)?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    cx.join(&community, cx.me.id)
        .await
        .map_err(super::Stop::Fail)?;
    let (giver, receiver) = match l.kind {
        ListingKind::Offer => (l.owner_id, cx.me.id),
        ListingKind::Request => (cx.me.id, l.owner_id),
    };
    let claim = db::insert_claim(
        &mut cx.tx, l.id, cx.me.id, giver, receiver, l.points, cx.now,
    )
    .await?;
    if l.kind == ListingKind::Offer {
        let hold = hold_points(cx, &l, claim, cx.me.id).await?;
        db::set_claim_status(&mut cx.tx, claim, ClaimStatus::Pending, hold, cx.now).await?;
    }
    db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Reserved, cx.now).await?;
    let gloc = cx.engine.group_locale(community.chat_id);
    let status = cx.t(
        gloc,
        "card-status-reserved",
        &[("name", cx.me.name.clone().into())],
    );
    update_card(cx, &l, Some(status)).await?;

    let owner = member(cx, l.owner_id).await?;
    let oloc = cx.locale_of(&owner);
    let key = if l.kind == ListingKind::Offer {
        "claim-to-owner-offer"
    } else {
        "claim-to-owner-request"
    };
    let text = cx.t(
        oloc,
        key,
        &with(listing_args(&l), "name", cx.me.name.clone()),
    );
    let accept = button(cx, oloc, "button-accept", Action::Accept, claim, owner.id).await?;
    let decline = button(cx, oloc, "button-decline", Action::Decline, claim, owner.id).await?;
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
    let text = cx.t(
        cx.my_locale(),
        key,
        &with(listing_args(&l), "name", owner.name.clone()),
    );
    toast(cx, query_id, text).await
}

/// A claim and its listing, read after locking the listing: every change of a claim happens
/// under its listing's lock, so the claim read here cannot be stale (two instances pressing
/// Accept and Decline at once are serialised).
async fn locked_claim(cx: &mut Ctx<'_>, claim_id: i64) -> Flow<(Claim, Listing)> {
    let expired = || Refusal::new("err-button-expired");
    let first = db::claim(&mut cx.tx, claim_id).await?.ok_or_else(expired)?;
    let l = db::listing_for_update(&mut cx.tx, first.listing_id)
        .await?
        .ok_or_else(expired)?;
    let c = db::claim(&mut cx.tx, claim_id).await?.ok_or_else(expired)?;
    Ok((c, l))
}

/// The owner accepts or declines a claim.
async fn decide_claim(cx: &mut Ctx<'_>, query_id: &str, claim_id: i64, accept: bool) -> Flow {
    let (c, l) = locked_claim(cx, claim_id).await?;
    if c.status != ClaimStatus::Pending {
        return Err(Refusal::new("err-already-decided").arg("id", l.id).into());
    }
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let claimer = member(cx, c.claimer_id).await?;
    let gloc = cx.engine.group_locale(community.chat_id);
    if !accept {
        settle(cx, &l, &c, TransferKind::Refund).await?;
        db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Declined, None, cx.now).await?;
        db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Open, cx.now).await?;
        reopen_jobs(cx, &l).await?;
        update_card(cx, &l, None).await?;
        let cloc = cx.locale_of(&claimer);
        let key = if l.kind == ListingKind::Offer && l.points > 0 {
            "decline-to-claimer-refund"
        } else {
            "decline-to-claimer"
        };
        let text = cx.t(
            cloc,
            key,
            &with(listing_args(&l), "name", cx.me.name.clone()),
        );
        cx.say_private(&claimer, text, Vec::new(), Some(community.chat_id))
            .await?;
        let text = cx.t(cx.my_locale(), "decline-done", &listing_args(&l));
        return toast(cx, query_id, text).await;
    }
    let hold = if l.kind == ListingKind::Request {
        hold_points(cx, &l, c.id, c.receiver_id).await?
    } else {
        None
    };
    db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Accepted, hold, cx.now).await?;
    let nudge_at = cx.now + cx.engine.cfg.reminders.handover_nudge_days * 86_400;
    for m in [c.giver_id, c.receiver_id] {
        scheduler::schedule(
            &mut cx.tx,
            JobKind::HandoverNudge,
            Some(l.community_id),
            Some(m),
            c.id,
            nudge_at,
            cx.now,
        )
        .await?;
    }
    db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Accepted, cx.now).await?;
    let giver = member(cx, c.giver_id).await?;
    let receiver = member(cx, c.receiver_id).await?;
    let status = cx.t(
        gloc,
        "card-status-accepted",
        &[
            ("giver", giver.name.clone().into()),
            ("receiver", receiver.name.clone().into()),
        ],
    );
    update_card(cx, &l, Some(status)).await?;

    let gl = cx.locale_of(&giver);
    let text = cx.t(
        gl,
        "accept-to-giver",
        &with(listing_args(&l), "name", receiver.name.clone()),
    );
    cx.say_private(&giver, text, Vec::new(), Some(community.chat_id))
        .await?;
    let rl = cx.locale_of(&receiver);
    let text = cx.t(
        rl,
        "accept-to-receiver",
        &with(listing_args(&l), "name", giver.name.clone()),
    );
    let confirm = button(cx, rl, "button-confirm", Action::Confirm, c.id, receiver.id).await?;
    cx.say_private(
        &receiver,
        text,
        vec![vec![confirm]],
        Some(community.chat_id),
    )
    .await?;
    Ok(())
}

/// The receiver confirms the hand-over: the held points go to the giver.
async fn confirm_receipt(cx: &mut Ctx<'_>, claim_id: i64) -> Flow {
    let (c, l) = locked_claim(cx, claim_id).await?;
    if c.status != ClaimStatus::Accepted {
        return Err(Refusal::new("err-listing-closed").arg("id", l.id).into());
    }
    scheduler::cancel(&mut cx.tx, &[JobKind::HandoverNudge], c.id).await?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let giver = member(cx, c.giver_id).await?;
    let receiver = member(cx, c.receiver_id).await?;
    let gloc = cx.engine.group_locale(community.chat_id);
    if l.mode.as_deref() == Some("lend") {
        return lend(cx, &l, &c, &community, &giver, &receiver).await;
    }
    settle(cx, &l, &c, TransferKind::Release).await?;
    db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Confirmed, None, cx.now).await?;
    db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Done, cx.now).await?;
    let key = if l.kind == ListingKind::Offer {
        "card-status-done-offer"
    } else {
        "card-status-done-request"
    };
    let status = cx.t(
        gloc,
        key,
        &[
            ("giver", giver.name.clone().into()),
            ("receiver", receiver.name.clone().into()),
        ],
    );
    update_card(cx, &l, Some(status)).await?;

    let gl = cx.locale_of(&giver);
    let text = cx.t(
        gl,
        "confirm-to-giver",
        &with(listing_args(&l), "name", receiver.name.clone()),
    );
    cx.say_private(&giver, text, Vec::new(), Some(community.chat_id))
        .await?;
    let rl = cx.locale_of(&receiver);
    let text = cx.t(
        rl,
        "confirm-to-receiver",
        &with(listing_args(&l), "name", giver.name.clone()),
    );
    cx.say_private(&receiver, text, Vec::new(), Some(community.chat_id))
        .await?;
    super::ratings::ask_for_ratings(cx, &l, &c).await
}

/// A listing open again (a declined or withdrawn claim) is checked and expires afresh.
async fn reopen_jobs(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    scheduler::cancel(&mut cx.tx, &super::reminders::LISTING_JOBS, l.id).await?;
    super::reminders::schedule_listing_jobs(cx, l.id, l.owner_id, l.community_id).await
}

/// A lent item changed hands: the loan starts, the held points wait in escrow for the return,
/// the lender gets the "returned" button and the borrower the due date.
async fn lend(
    cx: &mut Ctx<'_>,
    l: &Listing,
    c: &Claim,
    community: &Community,
    lender: &Member,
    borrower: &Member,
) -> Flow {
    let loan = super::reminders::start_loan(cx, l, c, l.days).await?;
    db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Lent, cx.now).await?;
    let due: i64 = sqlx::query_scalar("SELECT due_at FROM loans WHERE id = $1")
        .bind(loan)
        .fetch_one(&mut *cx.tx)
        .await?;
    let date = cx.engine.short_date(due);
    let gloc = cx.engine.group_locale(community.chat_id);
    let status = cx.t(
        gloc,
        "card-status-lent",
        &[
            ("receiver", borrower.name.clone().into()),
            ("date", date.clone().into()),
        ],
    );
    update_card(cx, l, Some(status)).await?;
    let args = |name: &str| {
        with(
            with(listing_args(l), "name", name.to_string()),
            "date",
            date.clone(),
        )
    };
    let loc = cx.locale_of(lender);
    let text = cx.t(loc, "loan-started-lender", &args(&borrower.name));
    let returned = button(
        cx,
        loc,
        "button-returned",
        Action::Returned,
        loan,
        lender.id,
    )
    .await?;
    cx.say_private(lender, text, vec![vec![returned]], Some(community.chat_id))
        .await?;
    let loc = cx.locale_of(borrower);
    let text = cx.t(loc, "loan-started-borrower", &args(&lender.name));
    let extend = button(cx, loc, "button-extend", Action::Extend, loan, borrower.id).await?;
    cx.say_private(borrower, text, vec![vec![extend]], Some(community.chat_id))
        .await?;
    Ok(())
}

/// `/withdraw N`: the owner takes listing N down, or the claimer takes back their claim on it.
/// Held points go back to whoever paid them in both cases.
pub(crate) async fn withdraw(cx: &mut Ctx<'_>, listing_id: i64) -> Flow {
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
    if matches!(
        l.status,
        ListingStatus::Done | ListingStatus::Withdrawn | ListingStatus::Expired
    ) {
        return Err(Refusal::new("err-listing-closed").arg("id", l.id).into());
    }
    if is_owner {
        scheduler::cancel(&mut cx.tx, &super::reminders::LISTING_JOBS, l.id).await?;
    }
    if let Some(c) = &claim {
        scheduler::cancel(&mut cx.tx, &[JobKind::HandoverNudge], c.id).await?;
        settle(cx, &l, c, TransferKind::Refund).await?;
        db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Cancelled, None, cx.now).await?;
        // The other side hears of it privately.
        let other = member(cx, if is_owner { c.claimer_id } else { l.owner_id }).await?;
        let key = if is_owner {
            "withdraw-to-claimer"
        } else {
            "withdraw-to-owner"
        };
        let text = cx.t(
            cx.locale_of(&other),
            key,
            &with(listing_args(&l), "name", cx.me.name.clone()),
        );
        cx.say_private(&other, text, Vec::new(), Some(community.chat_id))
            .await?;
    }
    if is_owner {
        db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Withdrawn, cx.now).await?;
        let status = cx.t(gloc, "card-status-withdrawn", &[]);
        update_card(cx, &l, Some(status)).await?;
    } else {
        db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Open, cx.now).await?;
        reopen_jobs(cx, &l).await?;
        update_card(cx, &l, None).await?;
    }
    let key = if is_owner {
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
    let text = cx.t(
        cx.my_locale(),
        key,
        &with(listing_args(&l), "refund", refunded),
    );
    let me = cx.me.clone();
    cx.say_private(&me, text, Vec::new(), None).await?;
    Ok(())
}
