//! Social workers' ledger operations, each with a mandatory reason and an audit row:
//! `/grant NAME N reason` (from the donation pool), `/adjust NAME ±N reason`,
//! `/reverse TRANSFER reason`, `/subsidy NAME HOURS reason` (public work at the configured
//! rate), `/donation N reason` (goods from a merchant become pool points), `/setpoints
//! LISTING N reason`, and `/pool` (the community's accounts). Refused to anyone else.

use crate::domain::{AccountKind, JobKind, ListingStatus, Points, TransferKind};
use crate::engine::kernel::command::Command;
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::text::{nth_number, read_date};
use crate::engine::kernel::{ledger_stop, Flow, Refusal, Stop};
use crate::engine::shared::cards::refresh_card;
use crate::ledger::{self, LedgerError};
use crate::store::jobs;
use crate::store::listings as db;
use crate::store::members::{self, Community, Member};

/// The community a worker acts in: the group they wrote in, or (in private) the most recent
/// community they serve that `target` belongs to.
async fn community_for(cx: &mut Ctx<'_>, target: Option<&Member>) -> Flow<Community> {
    let candidates = match (&cx.community, target) {
        (Some(c), _) => vec![c.clone()],
        (None, Some(t)) => members::communities_of(&mut cx.tx, t.id).await?,
        (None, None) => members::communities_of(&mut cx.tx, cx.me.id).await?,
    };
    let mut served = cx.served(candidates).await?;
    if served.is_empty() && cx.community.is_none() && target.is_none() {
        // A worker who never wrote in their group (named in bot.toml): the communities served.
        let all = members::all_communities(&mut cx.tx).await?;
        served = cx.served(all).await?;
    }
    if served.is_empty() {
        return Err(cx.not_worker_refusal().await?.into());
    }
    Ok(served.remove(0))
}

fn reason_of(words: &[&str]) -> Flow<String> {
    let r = words.join(" ");
    if r.trim().is_empty() {
        return Err(Refusal::new("err-reason-needed").into());
    }
    Ok(r)
}

fn amount_of(s: Option<&&str>, signed: bool) -> Flow<i64> {
    let n = s.and_then(|s| s.trim_start_matches('+').parse::<i64>().ok());
    match n {
        Some(n) if n != 0 && (signed || n > 0) && n.abs() <= Points::MAX_LISTING => Ok(n),
        _ => Err(Refusal::new("err-amount").into()),
    }
}

/// Hours as written: `2`, `1.5`, `2h`, `2小时`, `90min`.
fn hours_of(s: Option<&&str>) -> Flow<f64> {
    let s = s.copied().unwrap_or("").to_lowercase();
    let (num, per_hour) = if let Some(m) = s.strip_suffix("min").or_else(|| s.strip_suffix("分钟"))
    {
        (m.to_string(), 60.0)
    } else {
        (
            s.trim_end_matches("hours")
                .trim_end_matches("hour")
                .trim_end_matches('h')
                .trim_end_matches("小时")
                .trim_end_matches('时')
                .to_string(),
            1.0,
        )
    };
    match num.trim().parse::<f64>() {
        Ok(h) if h > 0.0 && h <= 24.0 * 7.0 => Ok(h / per_hour),
        _ => Err(Refusal::new("err-hours").into()),
    }
}

/// Maps ledger refusals of worker operations to their messages.
fn worker_stop(e: LedgerError, pool: bool) -> Stop {
    match e {
        LedgerError::Insufficient { balance, .. } if pool => {
            Stop::Refuse(Refusal::new("err-pool-empty").arg("balance", balance))
        }
        LedgerError::Insufficient { balance, amount } => Stop::Refuse(
            Refusal::new("err-member-too-low")
                .arg("balance", balance)
                .arg("points", amount),
        ),
        LedgerError::NoSuchTransfer(id) => {
            Stop::Refuse(Refusal::new("err-no-such-transfer").arg("id", id))
        }
        LedgerError::NotReversible(id) => {
            Stop::Refuse(Refusal::new("err-not-reversible").arg("id", id))
        }
        LedgerError::AlreadyReversed(id) => {
            Stop::Refuse(Refusal::new("err-already-reversed").arg("id", id))
        }
        other => ledger_stop(other),
    }
}

/// One worker's movement of points: what kind, between which accounts, how much.
struct Movement {
    kind: TransferKind,
    from: (AccountKind, i64),
    to: (AccountKind, i64),
    amount: i64,
}

/// Moves points between a community account and a member (or the pool), with the audit row.
async fn move_points(
    cx: &mut Ctx<'_>,
    community: &Community,
    m: Movement,
    reason: &str,
    target: Option<&Member>,
) -> Flow<i64> {
    let key = format!("{}:{}", m.kind.as_str(), cx.key);
    let me = cx.me.id;
    let id = cx
        .move_points(
            community.id,
            m.kind,
            m.from,
            m.to,
            m.amount,
            &key,
            reason,
            None,
            Some(me),
        )
        .await
        .map_err(|e| worker_stop(e, m.from.0 == AccountKind::Pool))?;
    cx.audit(
        community.id,
        m.kind.as_str(),
        target.map(|m| m.id),
        Some(id),
        reason,
    )
    .await?;
    Ok(id)
}

/// `+5` or `-5`.
fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// Tells a member privately that a worker moved their points.
async fn notify(
    cx: &mut Ctx<'_>,
    member: &Member,
    community: &Community,
    amount: i64,
    reason: &str,
) -> Flow {
    if member.id == cx.me.id {
        return Ok(());
    }
    let key = if amount > 0 {
        "worker-notice"
    } else {
        "worker-notice-take"
    };
    let text = cx.t(
        cx.locale_of(member),
        key,
        &[
            ("worker", cx.me.name.clone().into()),
            ("amount", amount.abs().into()),
            ("reason", reason.to_string().into()),
            ("community", community.title.clone().into()),
        ],
    );
    cx.say_private(member, text, Vec::new(), None).await?;
    Ok(())
}

/// `/grant NAME N reason`, `/adjust NAME ±N reason`, `/subsidy NAME HOURS reason`: points to
/// (or from) a resident, who is told.
pub async fn to_member(cx: &mut Ctx<'_>, command: Command, args: &str) -> Flow {
    let words: Vec<&str> = args.split_whitespace().collect();
    let usage = match command {
        Command::Grant => "usage-grant",
        Command::Adjust => "usage-adjust",
        _ => "usage-subsidy",
    };
    let who = words.first().ok_or(Refusal::new(usage))?;
    let target = cx.find_member(who).await?;
    let community = community_for(cx, Some(&target)).await?;
    // Nobody moves points to or from their own account: another worker does it.
    if target.id == cx.me.id {
        return Err(Refusal::new("err-not-for-yourself").into());
    }
    let reason = reason_of(words.get(2..).unwrap_or(&[]))?;
    let (kind, signed_amount) = match command {
        Command::Grant => (TransferKind::Grant, amount_of(words.get(1), false)?),
        Command::Subsidy => {
            let hours = hours_of(words.get(1))?;
            let n = (hours * cx.engine.cfg.points.subsidy_per_hour as f64).round() as i64;
            if n <= 0 {
                return Err(Refusal::new("err-hours").into());
            }
            (TransferKind::Subsidy, n)
        }
        _ => (TransferKind::Adjust, amount_of(words.get(1), true)?),
    };
    // A grant comes from the donation pool; a subsidy or an adjustment is issued (or, below
    // zero, taken back) by the community.
    let source = if kind == TransferKind::Grant {
        (AccountKind::Pool, 0)
    } else {
        (AccountKind::Issuance, 0)
    };
    let member = (AccountKind::Member, target.id);
    let (from, to) = if signed_amount > 0 {
        (source, member)
    } else {
        (member, source)
    };
    let m = Movement {
        kind,
        from,
        to,
        amount: signed_amount.abs(),
    };
    let id = move_points(cx, &community, m, &reason, Some(&target)).await?;
    notify(cx, &target, &community, signed_amount, &reason).await?;
    let text = cx.t(
        cx.my_locale(),
        "worker-done",
        &[
            ("id", id.into()),
            ("name", target.name.clone().into()),
            ("amount", signed(signed_amount).into()),
            ("reason", reason.into()),
        ],
    );
    cx.reply(text, Vec::new()).await
}

/// `/donation N reason`: goods from a merchant become points in the community's pool.
pub async fn donation(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let words: Vec<&str> = args.split_whitespace().collect();
    let n = amount_of(words.first(), false)?;
    let reason = reason_of(words.get(1..).unwrap_or(&[]))?;
    let community = community_for(cx, None).await?;
    let m = Movement {
        kind: TransferKind::Donation,
        from: (AccountKind::Issuance, 0),
        to: (AccountKind::Pool, 0),
        amount: n,
    };
    let id = move_points(cx, &community, m, &reason, None).await?;
    let pool = balance_of(cx, &community, AccountKind::Pool).await?;
    let text = cx.t(
        cx.my_locale(),
        "worker-donation-done",
        &[
            ("id", id.into()),
            ("points", n.into()),
            ("pool", pool.into()),
            ("reason", reason.into()),
        ],
    );
    cx.reply(text, Vec::new()).await
}

/// `/reverse TRANSFER reason`: a new entry that undoes a transfer of a community the worker
/// serves. Every member whose balance it moves is told privately, and the worker's answer
/// names who and how much.
pub async fn reverse(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let words: Vec<&str> = args.split_whitespace().collect();
    let id = nth_number(args, 0).ok_or(Refusal::new("usage-reverse"))?;
    let reason = reason_of(words.get(1..).unwrap_or(&[]))?;
    let cid = ledger::community_of_transfer(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-no-such-transfer").arg("id", id))?;
    let community = members::community_by_id(&mut cx.tx, cid).await?;
    cx.require_worker(&community).await?;
    let original = ledger::recorded(&mut cx.tx, cid, id)
        .await?
        .ok_or(Refusal::new("err-no-such-transfer").arg("id", id))?;
    if original.kind == TransferKind::Reverse {
        return Err(Refusal::new("err-reverse-of-reverse").arg("id", id).into());
    }
    let limits = cx.engine.limits();
    let me = cx.me.id;
    let rid = ledger::reverse(&mut cx.tx, cid, id, &reason, Some(me), cx.now, limits)
        .await
        .map_err(|e| worker_stop(e, true))?;
    cx.audit(cid, "reverse", None, Some(rid), &reason).await?;
    // The side that received points gives them back; the side that paid gets them again.
    let mut moved = Vec::new();
    for (account, amount) in [
        (original.to, -original.amount),
        (original.from, original.amount),
    ] {
        let (kind, member) = ledger::account_owner(&mut cx.tx, account).await?;
        let who = match kind {
            AccountKind::Member => {
                let m = cx.member(member).await?;
                notify(cx, &m, &community, amount, &reason).await?;
                m.name
            }
            AccountKind::Pool => cx.t(cx.my_locale(), "account-pool", &[]),
            _ => continue,
        };
        moved.push(format!("{who} {}", signed(amount)));
    }
    let text = cx.t(
        cx.my_locale(),
        "worker-reverse-done",
        &[
            ("id", id.into()),
            ("rid", rid.into()),
            ("moved", moved.join(", ").into()),
            ("reason", reason.into()),
        ],
    );
    cx.reply(text, Vec::new()).await
}

/// `/setpoints LISTING N reason`: the points an open listing asks, overridden.
pub async fn set_points(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let words: Vec<&str> = args.split_whitespace().collect();
    let lid = nth_number(args, 0).ok_or(Refusal::new("usage-setpoints"))?;
    let n = words
        .get(1)
        .and_then(|w| w.parse::<i64>().ok())
        .ok_or(Refusal::new("usage-setpoints"))?;
    let max = cx.engine.cfg.valuation.max_points;
    let points = Points::new(n)
        .ok()
        .filter(|p| p.get() <= max)
        .ok_or(Refusal::new("err-points-range").arg("max", max))?;
    let reason = reason_of(words.get(2..).unwrap_or(&[]))?;
    let l = db::listing_for_update(&mut cx.tx, lid)
        .await?
        .ok_or(Refusal::new("err-no-such-listing").arg("id", lid))?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    cx.require_worker(&community).await?;
    if l.status != ListingStatus::Open {
        return Err(Refusal::new("err-listing-not-open").arg("id", lid).into());
    }
    db::set_points(&mut cx.tx, lid, points.get(), cx.now).await?;
    let note = format!("#{lid} {} → {}: {reason}", l.points, points.get());
    cx.audit(community.id, "setpoints", Some(l.owner_id), None, &note)
        .await?;
    let l = db::listing_for_update(&mut cx.tx, lid)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    refresh_card(cx, &l).await?;
    let text = cx.t(
        cx.my_locale(),
        "worker-setpoints-done",
        &[("id", lid.into()), ("points", points.get().into())],
    );
    cx.reply(text, Vec::new()).await
}

/// `/pool`: the community's pool, the points issued and those held in escrow.
pub async fn pool(cx: &mut Ctx<'_>) -> Flow {
    let community = community_for(cx, None).await?;
    let pool = balance_of(cx, &community, AccountKind::Pool).await?;
    let issued = -balance_of(cx, &community, AccountKind::Issuance).await?;
    let escrow = balance_of(cx, &community, AccountKind::Escrow).await?;
    let text = cx.t(
        cx.my_locale(),
        "worker-pool",
        &[
            ("community", community.title.clone().into()),
            ("pool", pool.into()),
            ("issued", issued.into()),
            ("escrow", escrow.into()),
        ],
    );
    cx.reply(text, Vec::new()).await
}

async fn balance_of(cx: &mut Ctx<'_>, community: &Community, kind: AccountKind) -> Flow<i64> {
    let id = ledger::account(&mut cx.tx, community.id, kind, 0).await?;
    Ok(ledger::balance(&mut cx.tx, id).await?)
}

/// `/priority NAME on REASON [YYYY-MM-DD]` marks a resident as priority (low income, a
/// disability, an elderly person living alone …: the reason says which certificate was seen,
/// the date when to review it) in the communities where both are; `/priority NAME off` ends
/// it; `/priority` lists them. Audited; the resident is told privately; never said in a group.
pub async fn priority(cx: &mut Ctx<'_>, args: &str) -> Flow {
    use crate::store::priority as db;
    let words: Vec<&str> = args.split_whitespace().collect();
    let loc = cx.my_locale();
    let Some((name, rest)) = words.split_first() else {
        return list_priority(cx).await;
    };
    let on = match rest.first().map(|w| w.to_lowercase()) {
        Some(w) if ["on", "开", "开启", "是"].contains(&w.as_str()) => true,
        Some(w) if ["off", "关", "关闭", "取消"].contains(&w.as_str()) => false,
        _ => return Err(Refusal::new("err-priority-usage").into()),
    };
    let m = cx.find_member(name).await?;
    let theirs = members::communities_of(&mut cx.tx, m.id).await?;
    let served = cx.served(theirs).await?;
    if served.is_empty() {
        return Err(cx.not_worker_refusal().await?.into());
    }
    let mut reason_words: Vec<&str> = rest.iter().skip(1).copied().collect();
    let today = chrono::DateTime::from_timestamp(cx.now, 0)
        .unwrap_or_default()
        .with_timezone(&cx.engine.cfg.timezone())
        .date_naive();
    // The review date: YYYY-MM-DD or plain words (2027年6月1日, 明年6月1日 …) as last word.
    let review = reason_words.last().and_then(|w| {
        chrono::NaiveDate::parse_from_str(w, "%Y-%m-%d")
            .ok()
            .or_else(|| read_date(w, today))
    });
    if review.is_some() {
        reason_words.pop();
    }
    let reason = reason_words.join(" ");
    if on && reason.is_empty() {
        return Err(Refusal::new("err-priority-reason").into());
    }
    let review = match (on, review) {
        (false, _) => None,
        (true, Some(d)) if d > today => Some(d),
        (true, _) => return Err(Refusal::new("err-priority-review").into()),
    };
    let audit_reason = if reason.is_empty() {
        cx.t(loc, "priority-off-reason", &[])
    } else {
        reason.clone()
    };
    let review_text = review.map(|d| d.format("%Y-%m-%d").to_string());
    let mut changed = false;
    for c in &served {
        let was = db::is_priority(&mut cx.tx, c.id, m.id).await?;
        if on {
            db::mark(
                &mut cx.tx,
                c.id,
                m.id,
                &reason,
                review_text.as_deref(),
                cx.me.id,
                cx.now,
            )
            .await?;
            // The worker hears on the review date.
            let due = cx.engine.local_ts(
                review.unwrap_or(today),
                chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            );
            jobs::schedule(
                &mut cx.tx,
                JobKind::PriorityReview,
                Some(c.id),
                Some(m.id),
                c.id,
                due,
                cx.now,
            )
            .await?;
        } else if !db::unmark(&mut cx.tx, c.id, m.id).await? {
            continue;
        }
        changed |= was != on;
        let action = if on { "priority_on" } else { "priority_off" };
        cx.audit(c.id, action, Some(m.id), None, &audit_reason)
            .await?;
    }
    if !on && !changed {
        return Err(Refusal::new("err-priority-not-marked")
            .arg("name", m.name.clone())
            .into());
    }
    // Told once: marking again (a new review date) is the worker's business.
    if changed {
        let key = if on {
            "priority-you-on"
        } else {
            "priority-you-off"
        };
        let worker = cx.me.name.clone();
        cx.tell(&m, key, &[("worker", worker.into())]).await?;
    }
    let text = cx.t(
        loc,
        if on {
            "priority-marked"
        } else {
            "priority-unmarked"
        },
        &[
            ("name", m.name.clone().into()),
            ("review", review_text.unwrap_or_default().into()),
        ],
    );
    cx.reply_end(text).await
}

/// A priority mark's review date has come: the community's workers are asked to look at it
/// again (the mark stays until a worker ends it: nobody loses help because a worker was busy).
pub async fn priority_review(cx: &mut Ctx<'_>, community_id: i64, member_id: i64) -> Flow {
    let community = members::community_by_id(&mut cx.tx, community_id).await?;
    let marks = crate::store::priority::marks_in(&mut cx.tx, community_id).await?;
    let Some((_, name, reason, review)) = marks.into_iter().find(|(id, ..)| *id == member_id)
    else {
        return Ok(());
    };
    // Marked again with a later date since: that date's job will ask.
    let today = cx.engine.local_fmt(cx.now, "%Y-%m-%d");
    if review.as_deref().is_some_and(|r| r > today.as_str()) {
        return Ok(());
    }
    // Priority is for social workers' eyes only: never the group administrators' fallback.
    if !matches!(
        cx.escalation(&community).await?,
        crate::engine::kernel::ctx::Escalation::WorkersChat(_)
            | crate::engine::kernel::ctx::Escalation::Workers(_)
    ) {
        return Ok(());
    }
    cx.tell_workers(
        &community,
        "priority-review-due",
        &[
            ("name", name.into()),
            ("reason", reason.into()),
            ("review", review.unwrap_or_default().into()),
        ],
        &[],
    )
    .await
}

/// The priority residents of the communities the worker serves.
async fn list_priority(cx: &mut Ctx<'_>) -> Flow {
    let loc = cx.my_locale();
    let mut all = Vec::new();
    for chat in members::all_chats(&mut cx.tx).await? {
        if let Some(c) = members::community_by_chat(&mut cx.tx, chat).await? {
            all.push(c);
        }
    }
    let served = cx.served(all).await?;
    if served.is_empty() {
        return Err(cx.not_worker_refusal().await?.into());
    }
    let mut lines = vec![cx.t(loc, "priority-list-title", &[])];
    for c in &served {
        for (_, name, reason, review) in crate::store::priority::marks_in(&mut cx.tx, c.id).await? {
            lines.push(cx.t(
                loc,
                "priority-list-line",
                &[
                    ("name", name.into()),
                    ("community", c.title.clone().into()),
                    ("reason", reason.into()),
                    ("review", review.unwrap_or_else(|| "—".into()).into()),
                ],
            ));
        }
    }
    if lines.len() == 1 {
        lines.push(cx.t(loc, "priority-list-none", &[]));
    }
    cx.reply_end(lines.join("\n")).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_in_the_ways_people_write_them() {
        for (s, h) in [
            ("2", 2.0),
            ("1.5", 1.5),
            ("2h", 2.0),
            ("2小时", 2.0),
            ("90min", 1.5),
            ("3hours", 3.0),
        ] {
            assert_eq!(hours_of(Some(&s)).ok(), Some(h), "{s}");
        }
        assert!(hours_of(Some(&"0")).is_err());
        assert!(hours_of(Some(&"lots")).is_err());
        assert!(hours_of(None).is_err());
    }

    #[test]
    fn amounts_are_positive_unless_signed() {
        assert_eq!(amount_of(Some(&"20"), false).ok(), Some(20));
        assert!(amount_of(Some(&"-5"), false).is_err());
        assert_eq!(amount_of(Some(&"-5"), true).ok(), Some(-5));
        assert!(amount_of(Some(&"0"), true).is_err());
        assert!(amount_of(Some(&"x"), true).is_err());
    }
}
