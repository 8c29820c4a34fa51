//! Moderation: flood control, `/addworker` and `/removeworker` by a group's admins (and its
//! Telegram administrators), `/verify`
//! (a worker checked a listing on a home visit), and approval of listings in approve-first
//! communities.

use crate::config::Moderation;
use crate::domain::{Action, ListingStatus, Role};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::text::nth_number;
use crate::engine::kernel::{Flow, Refusal, Val};
use crate::engine::shared::cards;
use crate::engine::shared::jobs::stop_listing_jobs;
use crate::parse;
use crate::store::listings::{self as db, CallbackTarget, Listing};
use crate::store::members::{self, Community};
use crate::store::reports::{self, Flood};
use crate::store::staff;

/// Flood control: more than `safety.flood_max` commands or listings within
/// `safety.flood_seconds` from one member in one chat (a group, or their private chat) are
/// dropped, with one warning. Workers are exempt. `Ok(true)` when this update is dropped.
pub async fn flooded(cx: &mut Ctx<'_>, chat_id: i64, text: &str) -> Flow<bool> {
    let command = text.trim_start().starts_with('/');
    let counts = command
        || (cx.community.is_some()
            && parse::parse(text, None, &cx.engine.lexicon).kind != parse::Kind::None);
    if !counts {
        return Ok(false);
    }
    // Workers are exempt: of this group's community, or (in private) anywhere.
    let exempt = match cx.community.clone() {
        Some(c) => cx.is_worker(&c, cx.me.id).await?,
        None => cx.is_staff_anywhere().await?,
    };
    if exempt {
        return Ok(false);
    }
    let s = &cx.engine.cfg.safety;
    let (window, max) = (s.flood_seconds, s.flood_max);
    let me = cx.me.id;
    match reports::flood(&mut cx.tx, me, chat_id, cx.now, window, max).await? {
        Flood::Allowed => Ok(false),
        Flood::Drop => Ok(true),
        Flood::Warn => {
            let text = cx.t(
                cx.my_locale(),
                "flood-warning",
                &[("seconds", window.into())],
            );
            let me = cx.me.clone();
            let via = (chat_id < 0).then_some(chat_id);
            cx.say_private(&me, text, Vec::new(), via).await?;
            Ok(true)
        }
    }
}

/// `/addworker ID` and `/removeworker ID` in a group, by one of its admins (Telegram: also as
/// a reply to the member's message). Audited.
pub async fn set_worker(cx: &mut Ctx<'_>, args: &str, add: bool) -> Flow {
    let who = args
        .split_whitespace()
        .next()
        .ok_or(Refusal::new("usage-addworker"))?;
    let community = cx
        .community
        .clone()
        .ok_or(Refusal::new("err-in-group-only"))?;
    if !may_set_up(cx, &community).await? {
        return Err(Refusal::new("err-not-admin").into());
    }
    let target = cx.find_member(who).await?;
    if add {
        members::grant_role(&mut cx.tx, target.id, community.id, Role::Worker).await?;
    } else {
        staff::revoke_role(&mut cx.tx, target.id, community.id, Role::Worker).await?;
    }
    let action = if add { "addworker" } else { "removeworker" };
    cx.audit(community.id, action, Some(target.id), None, action)
        .await?;
    let key = if add {
        "worker-added"
    } else {
        "worker-removed"
    };
    let text = cx.t(
        cx.engine.group_locale(community.chat_id),
        key,
        &[("name", target.name.clone().into())],
    );
    cx.say_group(community.chat_id, text, Vec::new()).await?;
    Ok(())
}

/// True when Telegram names the member an administrator of the community's group, or
/// `bot.toml` / a role makes them its admin.
pub async fn may_set_up(cx: &mut Ctx<'_>, community: &Community) -> Flow<bool> {
    if cx.is_admin(community, cx.me.id).await? {
        return Ok(true);
    }
    Ok(staff::group_admins(&mut cx.tx, community.id)
        .await?
        .contains(&cx.me.id))
}

/// `/verify N` or the Verify button: a worker checked listing N on a home visit; its card
/// shows the mark from now on.
pub async fn verify_listing(cx: &mut Ctx<'_>, listing_id: i64) -> Flow {
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-no-such-listing").arg("id", listing_id))?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    cx.require_worker(&community).await?;
    db::set_verified(&mut cx.tx, l.id, cx.now).await?;
    cx.audit(
        community.id,
        "verify",
        Some(l.owner_id),
        None,
        &format!("#{}", l.id),
    )
    .await?;
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    if l.status == ListingStatus::Open && l.review == "none" {
        cards::refresh_card(cx, &l).await?;
    }
    cx.tell_me("verify-done", &[("id", l.id.into())]).await
}

/// The Verify button: as `/verify`, answered with a toast too.
pub async fn verify_button(cx: &mut Ctx<'_>, query_id: &str, listing_id: i64) -> Flow {
    verify_listing(cx, listing_id).await?;
    let text = cx.t(cx.my_locale(), "verify-done", &[("id", listing_id.into())]);
    cx.toast(query_id, text).await
}

/// In an approve-first community, a member's first listings wait for a worker: `Ok(true)`
/// when this one does (no card yet; the workers get Approve / Reject).
pub async fn hold_for_approval(cx: &mut Ctx<'_>, community: &Community, l: &Listing) -> Flow<bool> {
    let Some(cc) = cx.engine.cfg.community(community.chat_id) else {
        return Ok(false);
    };
    if cc.moderation != Moderation::ApproveFirst {
        return Ok(false);
    }
    let limit = cc.approve_first_listings;
    if cx.is_worker(community, l.owner_id).await? {
        return Ok(false);
    }
    if db::count_by_owner(&mut cx.tx, community.id, l.owner_id).await? > limit {
        return Ok(false);
    }
    db::set_review(&mut cx.tx, l.id, "pending", cx.now).await?;
    let owner = cx.member(l.owner_id).await?;
    let args: Vec<(&'static str, Val)> = vec![
        ("id", l.id.into()),
        ("title", l.title.clone().into()),
        ("points", l.points.into()),
        ("name", owner.name.clone().into()),
        ("community", community.title.clone().into()),
        ("text", l.title.clone().into()),
    ];
    let t = |action| CallbackTarget::of_listing(action, l.id);
    let buttons = [vec![
        ("button-approve".into(), t(Action::Approve)),
        ("button-reject".into(), t(Action::Reject)),
        ("button-verify".into(), t(Action::Verify)),
    ]];
    cx.tell_workers(community, "approval-card", &args, &buttons)
        .await?;
    let me = cx.me.clone();
    let text = cx.t(cx.my_locale(), "listing-pending", &[("id", l.id.into())]);
    cx.say_private(&me, text, Vec::new(), Some(community.chat_id))
        .await?;
    Ok(true)
}

/// A worker approves (the card appears) or rejects (the listing is withdrawn) a waiting listing.
pub async fn decide_listing(
    cx: &mut Ctx<'_>,
    query_id: &str,
    listing_id: i64,
    approve: bool,
) -> Flow {
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    cx.require_worker(&community).await?;
    if l.review != "pending" {
        return Err(Refusal::new("err-case-closed").into());
    }
    let owner = cx.member(l.owner_id).await?;
    let args: Vec<(&'static str, Val)> =
        vec![("id", l.id.into()), ("title", l.title.clone().into())];
    if approve {
        db::set_review(&mut cx.tx, l.id, "none", cx.now).await?;
        let l = db::listing_for_update(&mut cx.tx, listing_id)
            .await?
            .ok_or(Refusal::new("err-internal"))?;
        // A donated listing's priority window starts when it becomes public.
        let donated = crate::store::priority::until(&mut cx.tx, l.id)
            .await?
            .is_some();
        if donated {
            crate::engine::shared::matching::start_priority_window(cx, &l).await?;
        }
        cards::post_card(cx, &community, &l).await?;
        // Now it is public: those looking for it hear, as for any new card.
        crate::engine::shared::matching::after_post(cx, &l).await?;
        cx.tell(&owner, "listing-approved", &args).await?;
    } else {
        db::set_review(&mut cx.tx, l.id, "rejected", cx.now).await?;
        db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Withdrawn, cx.now).await?;
        stop_listing_jobs(cx, l.id).await?;
        cx.tell(&owner, "listing-rejected", &args).await?;
    }
    let action = if approve { "approve" } else { "reject" };
    cx.audit(
        community.id,
        action,
        Some(l.owner_id),
        None,
        &format!("#{}", l.id),
    )
    .await?;
    let text = cx.t(
        cx.my_locale(),
        &format!("{action}-done"),
        &[("id", l.id.into())],
    );
    cx.toast(query_id, text).await
}

/// `/verify N`.
pub async fn verify_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let listing = nth_number(args, 0).ok_or(Refusal::new("usage-verify"))?;
    verify_listing(cx, listing).await
}
