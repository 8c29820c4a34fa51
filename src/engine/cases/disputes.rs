//! Disputes: within `safety.dispute_days` of a hand-over either side opens a case with a
//! reason and photos (`/dispute N reason`, a photo with that caption, or the dialog through
//! [`open_dispute`]). The points of the hand-over are frozen in escrow, taken from whoever
//! holds them (the giver); the social workers get a case card with Compensate / Return and
//! refund / Dismiss / Ask for more. The first press takes the case; one nobody takes is raised
//! again after `dispute_raise_hours` and told to the admins after `dispute_admins_hours`. Both
//! sides hear the outcome privately; every step is audited; an upheld case lowers the other
//! side's credit.

use crate::domain::{
    AccountKind, Action, ClaimStatus, DisputeCategory, DisputeStatus, Job, JobKind, TransferKind,
};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::text::{nth_number, words_from};
use crate::engine::kernel::{ledger_stop, Args, Flow, Refusal, Stop, Val};
use crate::engine::shared::points::{adjust_credit, move_for};
use crate::ledger;
use crate::store::debts;
use crate::store::disputes::{self as ddb, Dispute, NewDispute};
use crate::store::jobs;
use crate::store::listings::{self as db, CallbackTarget, Claim, Listing};
use crate::store::members::{self, Community};

async fn dispute(cx: &mut Ctx<'_>, id: i64) -> Flow<Dispute> {
    Ok(ddb::get(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-internal"))?)
}

/// `/dispute N reason` (N: the listing's number), or a photo with that caption: opens a case
/// on the member's hand-over of listing N, or adds to the case already open on it.
pub async fn dispute_command(cx: &mut Ctx<'_>, args: &str, photos: &[String]) -> Flow {
    let listing_id = nth_number(args, 0).ok_or(Refusal::new("usage-dispute"))?;
    let reason = words_from(args, 1);
    let me = cx.me.id;
    let claim = db::claim_of_member(&mut cx.tx, listing_id, me)
        .await?
        .ok_or(Refusal::new("dispute-err-not-yours").arg("id", listing_id))?;
    open_dispute(cx, claim, &reason, photos).await.map(|_| ())
}

/// Opens a dispute on the hand-over `claim_id` for the member acting, freezes its points and
/// sends the case card to the social workers; returns the dispute's id. If a case is already
/// open on that hand-over, the reason and photos are added to it instead (what a worker's
/// "ask for more" waits for). The member and the other side are told privately.
pub async fn open_dispute(
    cx: &mut Ctx<'_>,
    claim_id: i64,
    reason: &str,
    photos: &[String],
) -> Flow<i64> {
    let first = db::claim(&mut cx.tx, claim_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    let l = db::listing_for_update(&mut cx.tx, first.listing_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let c = db::claim(&mut cx.tx, claim_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    if cx.me.id != c.giver_id && cx.me.id != c.receiver_id {
        return Err(Refusal::new("dispute-err-not-yours").arg("id", l.id).into());
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Refusal::new("usage-dispute").into());
    }
    if let Some(id) = ddb::live_for_claim(&mut cx.tx, c.id).await? {
        return add_note(cx, id, reason, photos).await.map(|_| id);
    }
    if c.status != ClaimStatus::Confirmed {
        return Err(Refusal::new("dispute-err-not-handed-over")
            .arg("id", l.id)
            .into());
    }
    let (_, handed_over) = db::claim_times(&mut cx.tx, c.id).await?;
    let days = cx.engine.cfg.safety.dispute_days;
    if cx.now - handed_over > days * 86_400 {
        return Err(Refusal::new("dispute-err-too-late")
            .arg("id", l.id)
            .arg("days", days)
            .into());
    }
    // A hand-over is decided once: a new complaint goes to a worker, not to a new case.
    if let Some(case) = ddb::decided_for_claim(&mut cx.tx, c.id).await? {
        return Err(Refusal::new("dispute-err-settled")
            .arg("case", case)
            .arg("id", l.id)
            .into());
    }
    let against = if cx.me.id == c.giver_id {
        c.receiver_id
    } else {
        c.giver_id
    };
    let new = NewDispute {
        community_id: l.community_id,
        claim_id: c.id,
        listing_id: l.id,
        opened_by: cx.me.id,
        against_id: against,
        reason,
        category: DisputeCategory::of_reason(reason),
        photos,
    };
    let id = ddb::insert(&mut cx.tx, &new, cx.now).await?;
    let (frozen, shortfall) = freeze(cx, &l, &c, id).await?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    cx.audit(community.id, "dispute_open", Some(against), None, reason)
        .await?;
    let s = &cx.engine.cfg.safety;
    for (kind, hours) in [
        (JobKind::DisputeRaise, s.dispute_raise_hours),
        (JobKind::DisputeAdmins, s.dispute_admins_hours),
    ] {
        let at = cx.now + hours * 3600;
        jobs::schedule(&mut cx.tx, kind, Some(community.id), None, id, at, cx.now).await?;
    }
    let d = dispute(cx, id).await?;
    let (args, buttons) = case_card(cx, &d, &l, &c, &community).await?;
    cx.tell_workers(&community, "dispute-card", &args, &buttons)
        .await?;
    let other = cx.member(against).await?;
    let args: Args = vec![
        ("case", id.into()),
        ("id", l.id.into()),
        ("title", l.title.clone().into()),
        ("name", cx.me.name.clone().into()),
        ("frozen", frozen.into()),
        ("shortfall", shortfall.into()),
    ];
    cx.tell(&other, "dispute-opened-other", &args).await?;
    // Honest about who will decide: the workers, the group's administrators, or nobody yet.
    let who = cx.who_answers(&community, cx.my_locale()).await?;
    let mut args = args;
    args.push(("who", who.into()));
    cx.tell_me("dispute-opened", &args).await?;
    Ok(id)
}

/// Freezes the hand-over's points: moved into escrow from the giver (who was paid), as far
/// as their balance allows. Returns (frozen, shortfall).
async fn freeze(cx: &mut Ctx<'_>, l: &Listing, c: &Claim, dispute_id: i64) -> Flow<(i64, i64)> {
    if c.points == 0 {
        return Ok((0, 0));
    }
    let from = ledger::account(&mut cx.tx, l.community_id, AccountKind::Member, c.giver_id).await?;
    let balance = ledger::balance(&mut cx.tx, from).await?;
    let frozen = c
        .points
        .min(balance - cx.engine.limits().min_balance)
        .max(0);
    let shortfall = c.points - frozen;
    if frozen > 0 {
        let key = format!("hold:dispute:{dispute_id}");
        let leg = (
            (AccountKind::Member, c.giver_id),
            (AccountKind::Escrow, 0),
            frozen,
        );
        move_for(cx, l, TransferKind::Hold, leg, &key, false)
            .await
            .map_err(ledger_stop)?;
    }
    ddb::set_frozen(&mut cx.tx, dispute_id, frozen, c.giver_id, shortfall).await?;
    Ok((frozen, shortfall))
}

type CardButtons = Vec<Vec<(String, CallbackTarget)>>;

/// The case card: both sides with their credit, the listing, the reason, the photos, the
/// frozen points and the history of the hand-over; with the workers' buttons.
async fn case_card(
    cx: &mut Ctx<'_>,
    d: &Dispute,
    l: &Listing,
    c: &Claim,
    community: &Community,
) -> Flow<(Args, CardButtons)> {
    let opener = cx.member(d.opened_by).await?;
    let against = cx.member(d.against_id).await?;
    let giver = cx.member(c.giver_id).await?;
    let (claimed, handed) = db::claim_times(&mut cx.tx, c.id).await?;
    let notes = ddb::notes(&mut cx.tx, d.id).await?;
    let at = |t: i64| cx.engine.local_fmt(t, "%m-%d %H:%M");
    let args: Args = vec![
        ("case", d.id.into()),
        ("community", community.title.clone().into()),
        ("id", l.id.into()),
        ("title", l.title.clone().into()),
        ("points", c.points.into()),
        ("opener", opener.name.clone().into()),
        ("opener_credit", opener.credit.into()),
        ("against", against.name.clone().into()),
        ("against_credit", against.credit.into()),
        ("giver", giver.name.clone().into()),
        ("reason", d.reason.clone().into()),
        ("photos", (d.photos.len() as i64).into()),
        ("photo_ids", d.photos.join(", ").into()),
        ("frozen", d.frozen.into()),
        ("shortfall", d.shortfall.into()),
        ("claimed", at(claimed).into()),
        ("handed", at(handed).into()),
        ("notes", notes.join(" / ").into()),
        ("raised", "no".into()),
    ];
    let t = |action: Action, arg: Option<String>| CallbackTarget::case(action, d.id, arg);
    let pay: Vec<(String, CallbackTarget)> = cx
        .engine
        .cfg
        .safety
        .compensate_buttons
        .iter()
        .map(|p| {
            (
                format!("button-compensate {p}"),
                t(Action::DisputePay, Some(p.to_string())),
            )
        })
        .collect();
    let buttons = vec![
        pay,
        vec![
            ("button-refund".into(), t(Action::DisputeRefund, None)),
            ("button-dismiss".into(), t(Action::DisputeDismiss, None)),
        ],
        vec![
            (
                "button-ask-opener".into(),
                t(Action::DisputeAsk, Some(d.opened_by.to_string())),
            ),
            (
                "button-ask-other".into(),
                t(Action::DisputeAsk, Some(d.against_id.to_string())),
            ),
        ],
    ];
    Ok((args, buttons))
}

/// A party adds to an open case: the workers see it at once.
async fn add_note(cx: &mut Ctx<'_>, id: i64, text: &str, photos: &[String]) -> Flow {
    let d = dispute(cx, id).await?;
    let me = cx.me.id;
    ddb::add_note(&mut cx.tx, id, me, text, photos, cx.now).await?;
    let community = members::community_by_id(&mut cx.tx, d.community_id).await?;
    let args: Args = vec![
        ("case", id.into()),
        ("name", cx.me.name.clone().into()),
        ("text", text.into()),
        ("photos", (photos.len() as i64).into()),
        ("photo_ids", photos.join(", ").into()),
    ];
    cx.tell_workers(&community, "dispute-note", &args, &[])
        .await?;
    cx.tell_me("dispute-note-added", &[("case", id.into())])
        .await
}

/// A case for a worker's decision: it must exist, be theirs to decide, and still be open.
/// The first worker to act takes it (the reminders stop).
async fn case_for_worker(
    cx: &mut Ctx<'_>,
    case_id: i64,
) -> Flow<(Dispute, Listing, Claim, Community)> {
    let first = ddb::get(&mut cx.tx, case_id)
        .await?
        .ok_or(Refusal::new("err-no-such-case").arg("case", case_id))?;
    let community = members::community_by_id(&mut cx.tx, first.community_id).await?;
    cx.require_worker(&community).await?;
    let l = db::listing_for_update(&mut cx.tx, first.listing_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let d = dispute(cx, case_id).await?;
    if !matches!(d.status, DisputeStatus::Open | DisputeStatus::Taken) {
        return Err(Refusal::new("err-case-closed").arg("case", case_id).into());
    }
    let c = db::claim(&mut cx.tx, d.claim_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    if d.status == DisputeStatus::Open {
        let me = cx.me.id;
        ddb::take(&mut cx.tx, d.id, me, cx.now).await?;
        jobs::cancel(&mut cx.tx, &JobKind::DISPUTE, d.id).await?;
        cx.audit(
            community.id,
            "dispute_take",
            Some(d.opened_by),
            None,
            &format!("#{}", d.id),
        )
        .await?;
    }
    Ok((d, l, c, community))
}

/// A button of a case card.
pub async fn on_case_button(
    cx: &mut Ctx<'_>,
    query_id: &str,
    action: Action,
    case_id: i64,
    arg: Option<&str>,
) -> Flow {
    let n = arg.and_then(|a| a.parse::<i64>().ok());
    let reason = cx.t(cx.my_locale(), "dispute-button-reason", &[]);
    match action {
        Action::DisputePay => {
            decide(cx, case_id, Decision::Compensate(n.unwrap_or(0)), &reason).await?
        }
        Action::DisputeRefund => decide(cx, case_id, Decision::Refund, &reason).await?,
        Action::DisputeDismiss => decide(cx, case_id, Decision::Dismiss, &reason).await?,
        _ => ask_more(cx, case_id, n.unwrap_or(0)).await?,
    }
    let key = if action == Action::DisputeAsk {
        "dispute-asked-toast"
    } else {
        "dispute-done-toast"
    };
    let text = cx.t(cx.my_locale(), key, &[("case", case_id.into())]);
    cx.toast(query_id, text).await
}

/// `/compensate CASE N reason`: any amount, with the worker's own reason.
pub async fn compensate_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let (Some(case_id), Some(points)) = (nth_number(args, 0), nth_number(args, 1)) else {
        return Err(Refusal::new("usage-compensate").into());
    };
    let reason = words_from(args, 2);
    if reason.trim().is_empty() {
        return Err(Refusal::new("err-reason-needed").into());
    }
    decide(cx, case_id, Decision::Compensate(points), &reason).await
}

#[derive(Debug, Clone, Copy)]
enum Decision {
    /// N points to the side who opened the case (upheld).
    Compensate(i64),
    /// The item goes back, the frozen points to the receiver; the giver's credit drops.
    Refund,
    /// Not upheld: the frozen points go back to the giver.
    Dismiss,
}

/// Carries out a decision: the points move, the loser's credit drops, both sides and the
/// workers hear the outcome.
async fn decide(cx: &mut Ctx<'_>, case_id: i64, decision: Decision, reason: &str) -> Flow {
    let (d, l, c, community) = case_for_worker(cx, case_id).await?;
    let (status, paid, loser) = pay_out(cx, &d, &l, &c, decision).await?;
    if let Some(loser) = loser {
        adjust_credit(cx, loser, cx.engine.cfg.safety.dispute_credit_delta).await?;
    }
    ddb::resolve(&mut cx.tx, d.id, status, paid, cx.now).await?;
    cx.audit(
        community.id,
        &format!("dispute_{}", status.as_str()),
        Some(d.against_id),
        None,
        &format!("#{} {paid}: {reason}", d.id),
    )
    .await?;
    // Both sides hear the outcome privately, in their own language.
    let by_button = reason == cx.t(cx.my_locale(), "dispute-button-reason", &[]);
    for id in [d.opened_by, d.against_id] {
        let m = cx.member(id).await?;
        // A button's reason is said in each side's own language.
        let reason = if by_button {
            cx.t(cx.locale_of(&m), "dispute-button-reason", &[])
        } else {
            reason.to_string()
        };
        let args: Args = vec![
            ("case", d.id.into()),
            ("id", l.id.into()),
            ("title", l.title.clone().into()),
            ("points", paid.into()),
            ("reason", reason.into()),
        ];
        cx.tell(&m, &format!("dispute-outcome-{}", status.as_str()), &args)
            .await?;
    }
    let args: Args = vec![
        ("case", d.id.into()),
        ("worker", cx.me.name.clone().into()),
        ("outcome", status.as_str().into()),
        ("points", paid.into()),
    ];
    cx.tell_workers(&community, "dispute-decided", &args, &[])
        .await
}

/// The points of a decision: (the case's new status, points paid, whose credit drops).
async fn pay_out(
    cx: &mut Ctx<'_>,
    d: &Dispute,
    l: &Listing,
    c: &Claim,
    decision: Decision,
) -> Flow<(DisputeStatus, i64, Option<i64>)> {
    let (giver, receiver) = (c.giver_id, c.receiver_id);
    Ok(match decision {
        Decision::Compensate(n) => {
            if n <= 0 || n > crate::domain::Points::MAX_LISTING {
                return Err(Refusal::new("err-amount").into());
            }
            if d.opened_by == receiver {
                // Paid from the frozen points, the rest of them back to the giver; what the
                // giver could not have frozen is paid by the pool and owed by the giver.
                if n > d.frozen + d.shortfall {
                    return Err(Refusal::new("dispute-err-over-frozen")
                        .arg("frozen", d.frozen + d.shortfall)
                        .into());
                }
                let from_frozen = n.min(d.frozen);
                unfreeze(cx, d, l, receiver, from_frozen, "pay").await?;
                unfreeze(cx, d, l, giver, d.frozen - from_frozen, "rest").await?;
                cover_shortfall(cx, d, l, c, n - from_frozen).await?;
            } else {
                // The giver complains: their frozen points come back, and the receiver pays.
                unfreeze(cx, d, l, giver, d.frozen, "rest").await?;
                pay_between(cx, d, l, receiver, giver, n).await?;
            }
            (DisputeStatus::Compensated, n, Some(d.against_id))
        }
        Decision::Refund => {
            unfreeze(cx, d, l, receiver, d.frozen, "refund").await?;
            cover_shortfall(cx, d, l, c, d.shortfall).await?;
            (DisputeStatus::Refunded, d.frozen + d.shortfall, Some(giver))
        }
        Decision::Dismiss => {
            unfreeze(cx, d, l, d.frozen_from.unwrap_or(giver), d.frozen, "rest").await?;
            (DisputeStatus::Dismissed, 0, None)
        }
    })
}

/// Moves `amount` of a case's frozen points out of escrow to `to`.
async fn unfreeze(
    cx: &mut Ctx<'_>,
    d: &Dispute,
    l: &Listing,
    to: i64,
    amount: i64,
    part: &str,
) -> Flow {
    if amount <= 0 {
        return Ok(());
    }
    let key = format!("dispute:{}:{part}", d.id);
    let kind = if to == d.frozen_from.unwrap_or_default() {
        TransferKind::Release
    } else {
        TransferKind::Refund
    };
    let leg = ((AccountKind::Escrow, 0), (AccountKind::Member, to), amount);
    move_for(cx, l, kind, leg, &key, true)
        .await
        .map_err(ledger_stop)?;
    Ok(())
}

/// What the giver owes the receiver beyond the frozen points (`owed`): the pool pays the
/// receiver now (the issuance account what the pool lacks), and the giver owes it, up to
/// `safety.debt_limit` in all. The giver is told privately; the workers when the pool bears a
/// part or new points had to be issued.
async fn cover_shortfall(cx: &mut Ctx<'_>, d: &Dispute, l: &Listing, c: &Claim, owed: i64) -> Flow {
    if owed <= 0 {
        return Ok(());
    }
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let pool = ledger::account(&mut cx.tx, l.community_id, AccountKind::Pool, 0).await?;
    let from_pool = owed.min(ledger::balance(&mut cx.tx, pool).await?.max(0));
    for (from, amount, part) in [
        (AccountKind::Pool, from_pool, "cover"),
        (AccountKind::Issuance, owed - from_pool, "issue"),
    ] {
        if amount > 0 {
            let key = format!("dispute:{}:{part}", d.id);
            let leg = ((from, 0), (AccountKind::Member, c.receiver_id), amount);
            move_for(cx, l, TransferKind::Refund, leg, &key, true)
                .await
                .map_err(ledger_stop)?;
        }
    }
    let before = debts::outstanding(&mut cx.tx, l.community_id, c.giver_id).await?;
    let debt = owed.min((cx.engine.cfg.safety.debt_limit - before).max(0));
    if debt > 0 {
        debts::add(&mut cx.tx, l.community_id, c.giver_id, d.id, debt, cx.now).await?;
    }
    let giver = cx.member(c.giver_id).await?;
    let args: Args = vec![
        ("case", d.id.into()),
        ("id", l.id.into()),
        ("title", l.title.clone().into()),
        ("points", owed.into()),
        ("debt", debt.into()),
        ("total", (before + debt).into()),
    ];
    cx.tell(&giver, "dispute-debt", &args).await?;
    let borne = owed - debt;
    if borne > 0 || from_pool < owed {
        let args: Args = vec![
            ("case", d.id.into()),
            ("name", giver.name.clone().into()),
            ("points", owed.into()),
            ("debt", debt.into()),
            ("borne", borne.into()),
            ("issued", (owed - from_pool).into()),
            ("limit", cx.engine.cfg.safety.debt_limit.into()),
        ];
        cx.tell_workers(&community, "dispute-debt-workers", &args, &[])
            .await?;
    }
    Ok(())
}

/// Compensation paid by one member to another (the giver's complaint).
async fn pay_between(
    cx: &mut Ctx<'_>,
    d: &Dispute,
    l: &Listing,
    from: i64,
    to: i64,
    n: i64,
) -> Flow {
    let key = format!("dispute:{}:pay", d.id);
    let leg = ((AccountKind::Member, from), (AccountKind::Member, to), n);
    move_for(cx, l, TransferKind::Adjust, leg, &key, true)
        .await
        .map_err(|e| match e {
            ledger::LedgerError::Insufficient { balance, amount } => Stop::Refuse(
                Refusal::new("err-member-too-low")
                    .arg("balance", balance)
                    .arg("points", amount),
            ),
            other => ledger_stop(other),
        })?;
    Ok(())
}

/// "Ask for more": the party is asked privately to add to the case with `/dispute N …`.
async fn ask_more(cx: &mut Ctx<'_>, case_id: i64, party: i64) -> Flow {
    let (d, l, _, community) = case_for_worker(cx, case_id).await?;
    if party != d.opened_by && party != d.against_id {
        return Err(Refusal::new("err-button-expired").into());
    }
    let m = cx.member(party).await?;
    let args: Args = vec![
        ("case", d.id.into()),
        ("id", l.id.into()),
        ("title", l.title.clone().into()),
        ("worker", cx.me.name.clone().into()),
    ];
    cx.tell(&m, "dispute-ask", &args).await?;
    cx.audit(
        community.id,
        "dispute_ask",
        Some(party),
        None,
        &format!("#{}", d.id),
    )
    .await
}

/// Sends the card of every case nobody took in `community` to its workers again (a new
/// worker was just named).
pub async fn raise_untaken(cx: &mut Ctx<'_>, community: &Community) -> Flow {
    for id in ddb::untaken_in(&mut cx.tx, community.id).await? {
        let d = dispute(cx, id).await?;
        let Some(l) = db::listing_for_update(&mut cx.tx, d.listing_id).await? else {
            continue;
        };
        let Some(c) = db::claim(&mut cx.tx, d.claim_id).await? else {
            continue;
        };
        let (args, buttons) = case_card(cx, &d, &l, &c, community).await?;
        cx.tell_workers(community, "dispute-card", &args, &buttons)
            .await?;
    }
    Ok(())
}

/// A case nobody took: raised again in the workers' chat, or told to the admins (the jobs
/// `dispute_raise` and `dispute_admins`).
pub async fn remind_untaken(cx: &mut Ctx<'_>, job: &Job) -> Flow {
    let Some(d) = ddb::get(&mut cx.tx, job.ref_id).await? else {
        return Ok(());
    };
    if d.status != DisputeStatus::Open {
        return Ok(());
    }
    let community = members::community_by_id(&mut cx.tx, d.community_id).await?;
    // In quiet hours the reminder waits as a job, not as a held message: a case settled in
    // the night is then not raised in the morning.
    if let Some(until) = cx.engine.quiet_until(cx.now, Some(community.chat_id)) {
        crate::store::jobs::schedule(
            &mut cx.tx,
            job.kind,
            job.community_id,
            job.member_id,
            job.ref_id,
            until,
            cx.now,
        )
        .await?;
        return Ok(());
    }
    let args: Args = vec![
        ("case", d.id.into()),
        ("id", d.listing_id.into()),
        ("reason", Val::S(d.reason.clone())),
        ("hours", ((cx.now - d.created_at) / 3600).into()),
        ("community", community.title.clone().into()),
    ];
    if job.kind == JobKind::DisputeRaise {
        return cx
            .tell_workers(&community, "dispute-raised", &args, &[])
            .await;
    }
    cx.tell_admins(&community, "dispute-admins", &args).await
}
