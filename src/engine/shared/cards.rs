//! A listing's card in its group: title, details, owner, and either the claim and report
//! buttons or a status line. Posted once, then edited as the listing moves.

use super::super::kernel::ctx::Ctx;
use super::super::kernel::Flow;
use crate::domain::{Action, ListingKind};
use crate::i18n::Locale;
use crate::store::listings::{self as db, CallbackTarget, Listing};
use crate::store::members::{self, Community};
use crate::store::outbox::Button;

/// The message key of a card's first line: an offer, a loan, a request, or a request to borrow.
fn head_key(l: &Listing) -> &'static str {
    match l.kind {
        ListingKind::Offer if l.mode.as_deref() == Some("lend") => "card-lend",
        ListingKind::Offer => "card-offer",
        ListingKind::Request if l.mode.as_deref() == Some("lend") => "card-borrow",
        ListingKind::Request => "card-request",
    }
}

/// How long help takes, for a card or a confirmation: whole or half hours, else minutes.
pub fn duration(cx: &Ctx<'_>, loc: Locale, minutes: i64) -> String {
    if minutes >= 60 && minutes % 30 == 0 {
        let hours = minutes as f64 / 60.0;
        cx.t(loc, "card-hours", &[("hours", hours.into())])
    } else {
        cx.t(loc, "card-minutes", &[("minutes", minutes.into())])
    }
}

/// The card of a listing: its text and buttons.
async fn card(
    cx: &mut Ctx<'_>,
    community: &Community,
    l: &Listing,
    owner: &str,
    status: Option<String>,
) -> Flow<(String, Vec<Vec<Button>>)> {
    let loc = cx.engine.group_locale(community.chat_id);
    let mut lines = vec![cx.t(
        loc,
        head_key(l),
        &[("id", l.id.into()), ("title", l.title.clone().into())],
    )];
    let mut details = Vec::new();
    // What kind of thing, when it says more than "other".
    if let Some(c) = l.category.as_deref().filter(|c| *c != "other") {
        let key = format!("cat-{c}");
        if cx.engine.i18n.has(loc, &key) {
            details.push(cx.t(loc, &key, &[]));
        }
    }
    if head_key(l) == "card-lend" {
        let days = l.days.unwrap_or(cx.engine.cfg.reminders.loan_default_days);
        details.push(cx.t(loc, "card-lend-days", &[("days", days.into())]));
    }
    // A request to borrow says for how long, when the post did.
    if let (Some(days), "card-borrow") = (l.days, head_key(l)) {
        details.push(cx.t(loc, "card-borrow-days", &[("days", days.into())]));
    }
    if let Some(c) = &l.condition {
        details.push(cx.t(loc, &format!("condition-{c}"), &[]));
    }
    // How long help takes, when the post said: "约 2 小时", "约 30 分钟".
    if let Some(m) = l.minutes.filter(|m| *m > 0) {
        details.push(duration(cx, loc, m));
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
    // Donated goods: first for neighbours in need, then for all (no names, ever).
    if let Some(until) = crate::store::priority::until(&mut cx.tx, l.id)
        .await?
        .filter(|u| *u > cx.now && status.is_none())
    {
        let at = cx.engine.local_fmt(until, "%m-%d %H:%M");
        lines.push(cx.t(loc, "card-priority", &[("at", at.into())]));
    }
    // Under review after reports, or taken down by a worker: no claim, no report.
    let status = match l.review.as_str() {
        "hidden" => Some(cx.t(loc, "card-status-review", &[])),
        "rejected" => Some(cx.t(loc, "card-status-removed", &[])),
        _ => status,
    };
    // Every open card can be reported; a claimed or finished one is settled between two people.
    let reportable = l.review == "none" && status.is_none();
    let mut wanted = Vec::new();
    match status {
        Some(s) => lines.push(s),
        None => {
            let label = if l.kind == ListingKind::Offer {
                "button-claim-offer"
            } else {
                "button-claim-request"
            };
            wanted.push((label, CallbackTarget::of_listing(Action::Claim, l.id)));
        }
    }
    if reportable {
        wanted.push((
            "button-report",
            CallbackTarget::of_listing(Action::Report, l.id),
        ));
    }
    // The card's buttons stored in one statement.
    let row = cx.buttons_t(loc, &wanted).await?;
    let buttons = if row.is_empty() {
        Vec::new()
    } else {
        vec![row]
    };
    Ok((lines.join("\n"), buttons))
}

/// Posts a listing's card in its group (its photos first, as an album) and remembers it, to
/// edit it later.
pub async fn post_card(cx: &mut Ctx<'_>, community: &Community, l: &Listing) -> Flow {
    let photos = db::photos(&mut cx.tx, l.id).await?;
    post_card_with(cx, community, l, photos).await
}

/// [`post_card`] for a listing whose photos the caller has (it just stored them).
pub async fn post_card_with(
    cx: &mut Ctx<'_>,
    community: &Community,
    l: &Listing,
    photos: Vec<String>,
) -> Flow {
    // The owner is most often the member acting, whose name was just read.
    let owner = if l.owner_id == cx.me.id {
        cx.me.name.clone()
    } else {
        cx.member(l.owner_id).await?.name
    };
    let (text, buttons) = card(cx, community, l, &owner, None).await?;
    let card_id = cx
        .say_group_with_photos(community.chat_id, text, buttons, photos)
        .await?;
    db::set_card(&mut cx.tx, l.id, card_id).await?;
    Ok(())
}

/// Shows a listing's card with a status line and no button.
pub async fn set_card_status(cx: &mut Ctx<'_>, l: &Listing, status: String) -> Flow {
    update_card(cx, l, Some(status)).await
}

/// A reserved listing is open again (its claim declined, taken back or never answered): its
/// status, its jobs and its card follow, and the neighbours who found it taken and asked to be
/// told (`reserved_wait`) hear it, once.
pub async fn reopen(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    db::set_listing_status(&mut cx.tx, l.id, crate::domain::ListingStatus::Open, cx.now).await?;
    super::jobs::restart_listing_jobs(cx, l).await?;
    refresh_card(cx, l).await?;
    tell_waiters(cx, l, "listing-reopened").await
}

/// Tells the neighbours waiting for listing `l` that it is open (`key`: why), with a button to
/// see it, and forgets them: each is told once.
pub async fn tell_waiters(cx: &mut Ctx<'_>, l: &Listing, key: &str) -> Flow {
    for id in crate::store::priority::take_waiters(&mut cx.tx, l.id).await? {
        let m = cx.member(id).await?;
        let loc = cx.locale_of(&m);
        let text = cx.t(
            loc,
            key,
            &[("id", l.id.into()), ("title", l.title.clone().into())],
        );
        let t = CallbackTarget::of_listing(Action::FindPick, l.id);
        let b = cx.button_t(loc, "button-match-see", &t).await?;
        cx.notify(&m, text, vec![vec![b]], None).await?;
    }
    Ok(())
}

/// Shows an open listing's card again with its current details and claim button.
pub async fn refresh_card(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
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
    cx.edit(community.chat_id, card_id, text, buttons).await?;
    Ok(())
}

/// An expired listing's card: its first line and "expired", nothing else.
pub async fn show_expired(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    let Some(card_id) = l.card_outbox_id else {
        return Ok(());
    };
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let loc = cx.engine.group_locale(community.chat_id);
    let owner = members::member_by_id(&mut cx.tx, l.owner_id)
        .await?
        .map(|m| m.name)
        .unwrap_or_default();
    let text = format!(
        "{}\n{}",
        cx.t(
            loc,
            head_key(l),
            &[("id", l.id.into()), ("title", l.title.clone().into())]
        ),
        cx.t(loc, "card-status-expired", &[("name", owner.into())])
    );
    cx.edit(community.chat_id, card_id, text, Vec::new())
        .await?;
    Ok(())
}

/// How a card names the one who took a listing: by name, except for a claim made inside a
/// priority window (that would tell the group who has priority), then "a neighbour".
pub async fn taker_name(
    cx: &mut Ctx<'_>,
    listing_id: i64,
    claim_id: i64,
    name: &str,
    loc: crate::i18n::Locale,
) -> Flow<String> {
    let (claimed_at, _) = crate::store::listings::claim_times(&mut cx.tx, claim_id).await?;
    let in_window = crate::store::priority::until(&mut cx.tx, listing_id)
        .await?
        .is_some_and(|u| claimed_at < u);
    Ok(if in_window {
        cx.t(loc, "a-neighbour", &[])
    } else {
        name.to_string()
    })
}
