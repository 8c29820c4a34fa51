//! Disputes: within `safety.dispute_days` of a hand-over either side opens a case with a
//! reason and photos (`/dispute N reason`, a photo with that caption, or the dialog through
//! [`open_dispute`]). The points of the hand-over are frozen in escrow, taken from whoever
//! holds them (the giver); the social workers get a case card with Compensate / Return and
//! refund / Dismiss / Ask for more. The first press takes the case; one nobody takes is raised
//! again after `dispute_raise_hours` and told to the admins after `dispute_admins_hours`. Both
//! sides hear the outcome privately; every step is audited; an upheld case lowers the other
//! side's credit.

use fluent_bundle::FluentValue;
use sqlx::Row;

use super::safety::{adjust_credit, member, require_worker, Val};
use super::worker::audit;
use super::{ledger_stop, Ctx, Engine, EngineError, Flow, Refusal, Stop};
use crate::domain::{
    AccountKind, Action, ClaimStatus, DisputeCategory, DisputeStatus, TransferKind,
};
use crate::jobs::scheduler::{self, Job, JobKind};
use crate::ledger;
use crate::store::listings::{self as db, CallbackTarget, Claim, Listing};
use crate::store::members::{self, Community, Member};
use crate::store::Tx;

/// A dispute as stored.
#[derive(Debug, Clone)]
pub(crate) struct Dispute {
    pub id: i64,
    pub community_id: i64,
    pub claim_id: i64,
    pub listing_id: i64,
    pub opened_by: i64,
    pub against_id: i64,
    pub reason: String,
    pub photos: Vec<String>,
    pub frozen: i64,
    pub frozen_from: Option<i64>,
    pub shortfall: i64,
    pub status: DisputeStatus,
}

async fn dispute(tx: &mut Tx, id: i64) -> Flow<Option<Dispute>> {
    let row = sqlx::query(
        "SELECT id, community_id, claim_id, listing_id, opened_by, against_id, reason, photos, frozen, frozen_from, shortfall, status FROM disputes WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let status: String = r.try_get("status")?;
    let photos: String = r.try_get("photos")?;
    Ok(Some(Dispute {
        id: r.try_get("id")?,
        community_id: r.try_get("community_id")?,
        claim_id: r.try_get("claim_id")?,
        listing_id: r.try_get("listing_id")?,
        opened_by: r.try_get("opened_by")?,
        against_id: r.try_get("against_id")?,
        reason: r.try_get("reason")?,
        photos: serde_json::from_str(&photos).unwrap_or_default(),
        frozen: r.try_get("frozen")?,
        frozen_from: r.try_get("frozen_from")?,
        shortfall: r.try_get("shortfall")?,
        status: DisputeStatus::parse(&status).ok_or(Refusal::new("err-internal"))?,
    }))
}

/// `/dispute N reason` (N: the listing's number), or a photo with that caption: opens a case
/// on the member's hand-over of listing N, or adds to the case already open on it.
pub(crate) async fn dispute_command(
    cx: &mut Ctx<'_>,
    listing_id: i64,
    reason: &str,
    photos: &[String],
) -> Flow<i64> {
    let claim: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM claims WHERE listing_id = $1 AND (giver_id = $2 OR receiver_id = $2) ORDER BY id DESC LIMIT 1",
    )
    .bind(listing_id)
    .bind(cx.me.id)
    .fetch_optional(&mut *cx.tx)
    .await?;
    let claim = claim.ok_or(Refusal::new("dispute-err-not-yours").arg("id", listing_id))?;
    open_dispute(cx, claim, reason, photos).await
}

/// Opens a dispute on the hand-over `claim_id` for the member acting, freezes its points and
/// sends the case card to the social workers; returns the dispute's id. If a case is already
/// open on that hand-over, the reason and photos are added to it instead (what a worker's
/// "ask for more" waits for). The member and the other side are told privately.
pub(crate) async fn open_dispute(
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
    let live: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM disputes WHERE claim_id = $1 AND status IN ('open', 'taken')",
    )
    .bind(c.id)
    .fetch_optional(&mut *cx.tx)
    .await?;
    if let Some(id) = live {
        return add_note(cx, id, reason, photos).await.map(|_| id);
    }
    if c.status != ClaimStatus::Confirmed {
        return Err(Refusal::new("dispute-err-not-handed-over")
            .arg("id", l.id)
            .into());
    }
    let handed_over: i64 = sqlx::query_scalar("SELECT updated_at FROM claims WHERE id = $1")
        .bind(c.id)
        .fetch_one(&mut *cx.tx)
        .await?;
    let days = cx.engine.cfg.safety.dispute_days;
    if cx.now - handed_over > days * 86_400 {
        return Err(Refusal::new("dispute-err-too-late")
            .arg("id", l.id)
            .arg("days", days)
            .into());
    }
    let against = if cx.me.id == c.giver_id {
        c.receiver_id
    } else {
        c.giver_id
    };
    let category = DisputeCategory::of_reason(reason);
    let photos_json = serde_json::to_string(photos).unwrap_or_else(|_| "[]".into());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO disputes (community_id, claim_id, listing_id, opened_by, against_id, reason, category, photos, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $9) RETURNING id",
    )
    .bind(l.community_id)
    .bind(c.id)
    .bind(l.id)
    .bind(cx.me.id)
    .bind(against)
    .bind(reason)
    .bind(category.as_str())
    .bind(&photos_json)
    .bind(cx.now)
    .fetch_one(&mut *cx.tx)
    .await?;
    let (frozen, shortfall) = freeze(cx, &l, &c, id).await?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    audit(
        cx,
        community.id,
        "dispute_open",
        Some(against),
        None,
        reason,
    )
    .await?;
    let s = &cx.engine.cfg.safety;
    for (kind, hours) in [
        (JobKind::DisputeRaise, s.dispute_raise_hours),
        (JobKind::DisputeAdmins, s.dispute_admins_hours),
    ] {
        scheduler::schedule(
            &mut cx.tx,
            kind,
            Some(community.id),
            None,
            id,
            cx.now + hours * 3600,
            cx.now,
        )
        .await?;
    }
    let d = dispute(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let (key, args, buttons) = case_card(cx, &d, &l, &c, &community, false).await?;
    cx.tell_workers(&community, key, &args, &buttons).await?;

    let other = member(cx, against).await?;
    let args: Vec<(&'static str, Val)> = vec![
        ("case", id.into()),
        ("id", l.id.into()),
        ("title", l.title.clone().into()),
        ("name", cx.me.name.clone().into()),
        ("frozen", frozen.into()),
        ("shortfall", shortfall.into()),
    ];
    cx.tell(&other, "dispute-opened-other", &args).await?;
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
        let to = ledger::account(&mut cx.tx, l.community_id, AccountKind::Escrow, 0).await?;
        let key = format!("hold:dispute:{dispute_id}");
        let t = ledger::Transfer {
            community_id: l.community_id,
            kind: TransferKind::Hold,
            memo: &l.title,
            idem_key: &key,
            from,
            to,
            amount: frozen,
            listing_id: Some(l.id),
            actor_id: None,
            corrects: None,
            at: cx.now,
        };
        ledger::transfer(&mut cx.tx, &t, cx.engine.limits())
            .await
            .map_err(ledger_stop)?;
    }
    sqlx::query("UPDATE disputes SET frozen = $2, frozen_from = $3, shortfall = $4 WHERE id = $1")
        .bind(dispute_id)
        .bind(frozen)
        .bind(c.giver_id)
        .bind(shortfall)
        .execute(&mut *cx.tx)
        .await?;
    Ok((frozen, shortfall))
}

type CardArgs = Vec<(&'static str, String)>;
type CardButtons = Vec<Vec<(String, CallbackTarget)>>;

/// The case card: both sides with their credit, the listing, the reason, the photos, the
/// frozen points and the history of the hand-over; with the workers' buttons.
async fn case_card(
    cx: &mut Ctx<'_>,
    d: &Dispute,
    l: &Listing,
    c: &Claim,
    community: &Community,
    raised: bool,
) -> Flow<(&'static str, CardArgs, CardButtons)> {
    let opener = member(cx, d.opened_by).await?;
    let against = member(cx, d.against_id).await?;
    let giver = member(cx, c.giver_id).await?;
    let (claimed, handed): (i64, i64) =
        sqlx::query_as("SELECT created_at, updated_at FROM claims WHERE id = $1")
            .bind(c.id)
            .fetch_one(&mut *cx.tx)
            .await?;
    let notes: Vec<String> =
        sqlx::query_scalar("SELECT text FROM dispute_notes WHERE dispute_id = $1 ORDER BY id")
            .bind(d.id)
            .fetch_all(&mut *cx.tx)
            .await?;
    let fmt = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .unwrap_or_default()
            .with_timezone(&cx.engine.cfg.timezone())
            .format("%m-%d %H:%M")
            .to_string()
    };
    let args = vec![
        ("case", d.id.to_string()),
        ("community", community.title.clone()),
        ("id", l.id.to_string()),
        ("title", l.title.clone()),
        ("points", c.points.to_string()),
        ("opener", opener.name.clone()),
        ("opener_credit", opener.credit.to_string()),
        ("against", against.name.clone()),
        ("against_credit", against.credit.to_string()),
        ("giver", giver.name.clone()),
        ("reason", d.reason.clone()),
        ("photos", d.photos.len().to_string()),
        ("photo_ids", d.photos.join(", ")),
        ("frozen", d.frozen.to_string()),
        ("shortfall", d.shortfall.to_string()),
        ("claimed", fmt(claimed)),
        ("handed", fmt(handed)),
        ("notes", notes.join(" / ")),
        ("raised", if raised { "yes" } else { "no" }.to_string()),
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
    Ok(("dispute-card", args, buttons))
}

/// A party adds to an open case: the workers see it at once.
async fn add_note(cx: &mut Ctx<'_>, id: i64, text: &str, photos: &[String]) -> Flow {
    let d = dispute(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let photos_json = serde_json::to_string(photos).unwrap_or_else(|_| "[]".into());
    sqlx::query("INSERT INTO dispute_notes (dispute_id, author_id, text, photos, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(cx.me.id)
        .bind(text)
        .bind(&photos_json)
        .bind(cx.now)
        .execute(&mut *cx.tx)
        .await?;
    let community = members::community_by_id(&mut cx.tx, d.community_id).await?;
    let args = [
        ("case", id.to_string()),
        ("name", cx.me.name.clone()),
        ("text", text.to_string()),
        ("photos", photos.len().to_string()),
        ("photo_ids", photos.join(", ")),
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
    let first = dispute(&mut cx.tx, case_id)
        .await?
        .ok_or(Refusal::new("err-no-such-case").arg("case", case_id))?;
    let community = members::community_by_id(&mut cx.tx, first.community_id).await?;
    require_worker(cx, &community).await?;
    let l = db::listing_for_update(&mut cx.tx, first.listing_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let d = dispute(&mut cx.tx, case_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    if !matches!(d.status, DisputeStatus::Open | DisputeStatus::Taken) {
        return Err(Refusal::new("err-case-closed").arg("case", case_id).into());
    }
    let c = db::claim(&mut cx.tx, d.claim_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    if d.status == DisputeStatus::Open {
        sqlx::query(
            "UPDATE disputes SET status = 'taken', taken_by = $2, updated_at = $3 WHERE id = $1",
        )
        .bind(d.id)
        .bind(cx.me.id)
        .bind(cx.now)
        .execute(&mut *cx.tx)
        .await?;
        scheduler::cancel(
            &mut cx.tx,
            &[JobKind::DisputeRaise, JobKind::DisputeAdmins],
            d.id,
        )
        .await?;
        audit(
            cx,
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
pub(crate) async fn on_case_button(
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
pub(crate) async fn compensate_command(
    cx: &mut Ctx<'_>,
    case_id: i64,
    points: i64,
    reason: &str,
) -> Flow {
    if reason.trim().is_empty() {
        return Err(Refusal::new("err-reason-needed").into());
    }
    decide(cx, case_id, Decision::Compensate(points), reason).await
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

async fn decide(cx: &mut Ctx<'_>, case_id: i64, decision: Decision, reason: &str) -> Flow {
    let (d, l, c, community) = case_for_worker(cx, case_id).await?;
    let giver = c.giver_id;
    let receiver = c.receiver_id;
    let (status, paid, loser) = match decision {
        Decision::Compensate(n) => {
            if n <= 0 || n > crate::domain::Points::MAX_LISTING {
                return Err(Refusal::new("err-amount").into());
            }
            if d.opened_by == receiver {
                // Paid from the frozen points; the rest goes back to the giver.
                if n > d.frozen {
                    return Err(Refusal::new("dispute-err-over-frozen")
                        .arg("frozen", d.frozen)
                        .into());
                }
                unfreeze(cx, &d, &l, receiver, n, "pay").await?;
                unfreeze(cx, &d, &l, giver, d.frozen - n, "rest").await?;
            } else {
                // The giver complains: their frozen points come back, and the receiver pays.
                unfreeze(cx, &d, &l, giver, d.frozen, "rest").await?;
                pay_between(cx, &d, &l, receiver, giver, n).await?;
            }
            (DisputeStatus::Compensated, n, Some(d.against_id))
        }
        Decision::Refund => {
            unfreeze(cx, &d, &l, receiver, d.frozen, "refund").await?;
            (DisputeStatus::Refunded, d.frozen, Some(giver))
        }
        Decision::Dismiss => {
            unfreeze(cx, &d, &l, d.frozen_from.unwrap_or(giver), d.frozen, "rest").await?;
            (DisputeStatus::Dismissed, 0, None)
        }
    };
    if let Some(loser) = loser {
        adjust_credit(cx, loser, cx.engine.cfg.safety.dispute_credit_delta).await?;
    }
    sqlx::query("UPDATE disputes SET status = $2, outcome_points = $3, resolved_at = $4, updated_at = $4 WHERE id = $1")
        .bind(d.id)
        .bind(status.as_str())
        .bind(paid)
        .bind(cx.now)
        .execute(&mut *cx.tx)
        .await?;
    audit(
        cx,
        community.id,
        &format!("dispute_{}", status.as_str()),
        Some(d.against_id),
        None,
        &format!("#{} {paid}: {reason}", d.id),
    )
    .await?;
    // Both sides hear the outcome privately, in their own language.
    for id in [d.opened_by, d.against_id] {
        let m = member(cx, id).await?;
        let args: Vec<(&'static str, Val)> = vec![
            ("case", d.id.into()),
            ("id", l.id.into()),
            ("title", l.title.clone().into()),
            ("points", paid.into()),
            ("reason", reason.to_string().into()),
        ];
        cx.tell(&m, &format!("dispute-outcome-{}", status.as_str()), &args)
            .await?;
    }
    let args = [
        ("case", d.id.to_string()),
        ("worker", cx.me.name.clone()),
        ("outcome", status.as_str().to_string()),
        ("points", paid.to_string()),
    ];
    cx.tell_workers(&community, "dispute-decided", &args, &[])
        .await
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
    let from = ledger::account(&mut cx.tx, d.community_id, AccountKind::Escrow, 0).await?;
    let to_acc = ledger::account(&mut cx.tx, d.community_id, AccountKind::Member, to).await?;
    let key = format!("dispute:{}:{part}", d.id);
    let kind = if to == d.frozen_from.unwrap_or_default() {
        TransferKind::Release
    } else {
        TransferKind::Refund
    };
    let t = ledger::Transfer {
        community_id: d.community_id,
        kind,
        memo: &l.title,
        idem_key: &key,
        from,
        to: to_acc,
        amount,
        listing_id: Some(l.id),
        actor_id: Some(cx.me.id),
        corrects: None,
        at: cx.now,
    };
    ledger::transfer(&mut cx.tx, &t, cx.engine.limits())
        .await
        .map_err(ledger_stop)?;
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
    let from_acc = ledger::account(&mut cx.tx, d.community_id, AccountKind::Member, from).await?;
    let to_acc = ledger::account(&mut cx.tx, d.community_id, AccountKind::Member, to).await?;
    let key = format!("dispute:{}:pay", d.id);
    let t = ledger::Transfer {
        community_id: d.community_id,
        kind: TransferKind::Adjust,
        memo: &l.title,
        idem_key: &key,
        from: from_acc,
        to: to_acc,
        amount: n,
        listing_id: Some(l.id),
        actor_id: Some(cx.me.id),
        corrects: None,
        at: cx.now,
    };
    ledger::transfer(&mut cx.tx, &t, cx.engine.limits())
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
    let m = member(cx, party).await?;
    let args: Vec<(&'static str, Val)> = vec![
        ("case", d.id.into()),
        ("id", l.id.into()),
        ("title", l.title.clone().into()),
        ("worker", cx.me.name.clone().into()),
    ];
    cx.tell(&m, "dispute-ask", &args).await?;
    audit(
        cx,
        community.id,
        "dispute_ask",
        Some(party),
        None,
        &format!("#{}", d.id),
    )
    .await?;
    Ok(())
}

impl Engine {
    /// A case nobody took: raised again in the workers' chat, or told to the admins.
    pub(crate) async fn run_dispute_job(
        &self,
        tx: &mut Tx,
        job: &Job,
        now: i64,
    ) -> Result<Vec<i64>, EngineError> {
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM disputes WHERE id = $1")
                .bind(job.ref_id)
                .fetch_optional(&mut **tx)
                .await?;
        if status.as_deref() != Some("open") {
            return Ok(Vec::new());
        }
        let (community_id, listing_id, reason, opened_at): (i64, i64, String, i64) =
            sqlx::query_as(
                "SELECT community_id, listing_id, reason, created_at FROM disputes WHERE id = $1",
            )
            .bind(job.ref_id)
            .fetch_one(&mut **tx)
            .await?;
        let community = members::community_by_id(tx, community_id).await?;
        let hours = ((now - opened_at) / 3600).to_string();
        let args = [
            ("case", job.ref_id.to_string()),
            ("id", listing_id.to_string()),
            ("reason", reason),
            ("hours", hours),
            ("community", community.title.clone()),
        ];
        if job.kind == JobKind::DisputeRaise {
            return super::safety::tell_workers(
                self,
                tx,
                &community,
                "dispute-raised",
                &args,
                &[],
                now,
                None,
            )
            .await;
        }
        let admins: Vec<Member> = super::safety::admins_of(tx, &self.cfg, &community).await?;
        let mut out = Vec::new();
        for a in admins {
            let loc = a.lang.unwrap_or(self.default_locale);
            let fa: Vec<(&str, FluentValue)> = args
                .iter()
                .map(|(k, v)| (*k, FluentValue::from(v.clone())))
                .collect();
            let text = self.t(loc, "dispute-admins", &fa);
            let m = self.private_msg(&a, text, Vec::new(), now, false, Some(community.chat_id));
            out.push(crate::store::outbox::enqueue(tx, &m, None, now).await?);
        }
        Ok(out)
    }
}
