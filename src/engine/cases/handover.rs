//! The life of a hand-over after the owner's answer: the giver says "I handed it over" and the
//! receiver is asked to confirm; a hand-over nobody confirmed completes by itself after
//! `handover.auto_confirm_days`; a claim its owner never answered is released after
//! `handover.release_unanswered_days`, its hold refunded.

use super::listings::{complete_handover, locked_claim, require_handing_over};
use crate::domain::{Action, ClaimStatus, Job, JobKind, ListingStatus, TransferKind};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::{Args, Flow, Refusal};
use crate::engine::shared::points::settle;
use crate::store::jobs;
use crate::store::listings::{self as db, CallbackTarget, Claim, Listing};
use crate::store::members;

fn args(l: &Listing, name: &str) -> Args {
    vec![
        ("id", l.id.into()),
        ("title", l.title.clone().into()),
        ("points", l.points.into()),
        ("name", name.to_string().into()),
        ("what", l.what().into()),
    ]
}

/// When an accepted hand-over completes by itself, from its pending job.
async fn auto_at(cx: &mut Ctx<'_>, c: &Claim) -> Flow<Option<i64>> {
    Ok(jobs::pending_due(&mut cx.tx, JobKind::HandoverAuto, c.id).await?)
}

/// The giver taps "I handed it over": the receiver is asked to confirm, with the button.
/// "给了", "交给他了" typed by a giver: the hand-over they agreed to (the oldest, when several
/// wait) is done, as the button says it.
pub async fn handed_in_words(cx: &mut Ctx<'_>) -> Flow {
    let waiting = db::handing_over(&mut cx.tx, cx.me.id).await?;
    let Some(first) = waiting.first() else {
        return Err(Refusal::new("err-nothing-to-hand").into());
    };
    handed_over(cx, "", *first).await
}

pub async fn handed_over(cx: &mut Ctx<'_>, query_id: &str, claim_id: i64) -> Flow {
    let (c, l) = locked_claim(cx, claim_id).await?;
    if c.status == ClaimStatus::Confirmed || l.status == ListingStatus::Lent {
        // The receiver already confirmed: nothing left for the giver to say.
        return Err(Refusal::new("handed-after-done").arg("id", l.id).into());
    }
    require_handing_over(&c, &l)?;
    if c.giver_id != cx.me.id {
        return Err(Refusal::new("err-not-for-you").into());
    }
    if c.handed_at.is_some() {
        let text = cx.t(
            cx.my_locale(),
            "handed-already",
            &[("id", l.id.into()), ("what", l.what().into())],
        );
        return cx.toast(query_id, text).await;
    }
    db::set_handed(&mut cx.tx, c.id, cx.now).await?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let receiver = cx.member(c.receiver_id).await?;
    let rl = cx.locale_of(&receiver);
    let mut a = args(&l, &cx.me.name);
    let date = auto_at(cx, &c).await?.map(|at| cx.engine.short_date(at));
    a.push(("date", date.unwrap_or_default().into()));
    let text = cx.engine.tv(rl, "handed-to-receiver", &a);
    let t = CallbackTarget::claim(Action::Confirm, c.id, receiver.id);
    let button = cx.button_t(rl, l.confirm_button(), &t).await?;
    cx.say_private(&receiver, text, vec![vec![button]], Some(community.chat_id))
        .await?;
    let text = cx
        .engine
        .tv(cx.my_locale(), "handed-done", &args(&l, &receiver.name));
    cx.toast(query_id, text).await
}

/// The job `handover_auto`: a hand-over still not confirmed completes by itself.
pub async fn auto_confirm(cx: &mut Ctx<'_>, job: &Job) -> Flow {
    let Ok((c, l)) = locked_claim(cx, job.ref_id).await else {
        return Ok(());
    };
    if c.status != ClaimStatus::Accepted || l.status == ListingStatus::Lent {
        return Ok(());
    }
    complete_handover(cx, &l, &c, true).await
}

/// The job `claim_release`: a claim its owner never answered is cancelled, the points held
/// for it go back, the listing is open again; the claimer and the owner are told.
pub async fn release_unanswered(cx: &mut Ctx<'_>, job: &Job) -> Flow {
    let Ok((c, l)) = locked_claim(cx, job.ref_id).await else {
        return Ok(());
    };
    if c.status != ClaimStatus::Pending {
        return Ok(());
    }
    settle(cx, &l, &c, TransferKind::Refund).await?;
    db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Cancelled, None, cx.now).await?;
    crate::engine::shared::cards::reopen(cx, &l).await?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let claimer = cx.member(c.claimer_id).await?;
    let owner = cx.member(l.owner_id).await?;
    let days = cx.engine.cfg.handover.release_unanswered_days;
    let held = if c.receiver_id == claimer.id {
        c.points
    } else {
        0
    };
    let mut a = args(&l, &owner.name);
    a.push(("days", days.into()));
    a.push(("refund", held.into()));
    let text = cx
        .engine
        .tv(cx.locale_of(&claimer), "release-to-claimer", &a);
    cx.notify(&claimer, text, Vec::new(), Some(community.chat_id))
        .await?;
    let mut a = args(&l, &claimer.name);
    a.push(("days", days.into()));
    let text = cx.engine.tv(cx.locale_of(&owner), "release-to-owner", &a);
    cx.notify(&owner, text, Vec::new(), Some(community.chat_id))
        .await?;
    Ok(())
}
