//! Social workers' ledger operations, each with a mandatory reason and an audit row:
//! `/grant NAME N reason` (from the donation pool), `/adjust NAME ±N reason`,
//! `/reverse TRANSFER reason`, `/subsidy NAME HOURS reason` (public work at the configured
//! rate), `/donation N reason` (goods from a merchant become pool points), `/setpoints
//! LISTING N reason`, and `/pool` (the community's accounts). Refused to anyone else.

use super::{ledger_stop, Ctx, Flow, Refusal, Stop};
use crate::domain::{AccountKind, ListingStatus, Points, Role, TransferKind};
use crate::ledger::{self, LedgerError};
use crate::store::listings as db;
use crate::store::members::{self, Community, Member};

/// The worker commands, for `/help` and the router.
pub(crate) const COMMANDS: &[&str] = &[
    "grant",
    "adjust",
    "reverse",
    "subsidy",
    "donation",
    "setpoints",
    "pool",
];

/// True when `member_id` is a social worker or admin of the community: named in `bot.toml`,
/// or given the role (for this community or every one).
pub(crate) async fn is_worker(
    cx: &mut Ctx<'_>,
    community: &Community,
    member_id: i64,
) -> Flow<bool> {
    if let Some(c) = cx.engine.cfg.community(community.chat_id) {
        if c.workers.contains(&member_id) || c.admins.contains(&member_id) {
            return Ok(true);
        }
    }
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM member_roles WHERE member_id = $1 AND community_id IN (0, $2) AND role IN ($3, $4)",
    )
    .bind(member_id)
    .bind(community.id)
    .bind(Role::Worker.as_str())
    .bind(Role::Admin.as_str())
    .fetch_one(&mut *cx.tx)
    .await?;
    Ok(n > 0)
}

/// The communities among `candidates` where the sender is a worker, most recent first.
async fn worker_communities(cx: &mut Ctx<'_>, candidates: Vec<Community>) -> Flow<Vec<Community>> {
    let mut out = Vec::new();
    for c in candidates {
        if is_worker(cx, &c, cx.me.id).await? {
            out.push(c);
        }
    }
    Ok(out)
}

/// Finds a member by numeric id or display name; a name shared by several is refused.
async fn find_member(cx: &mut Ctx<'_>, who: &str) -> Flow<Member> {
    let who = who.trim_start_matches('@');
    if let Ok(id) = who.parse::<i64>() {
        if let Some(m) = members::member_by_id(&mut cx.tx, id).await? {
            return Ok(m);
        }
    }
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM members WHERE name = $1 ORDER BY id")
        .bind(who)
        .fetch_all(&mut *cx.tx)
        .await?;
    match ids.as_slice() {
        [id] => Ok(members::member_by_id(&mut cx.tx, *id)
            .await?
            .ok_or(Refusal::new("err-internal"))?),
        [] => Err(Refusal::new("err-no-such-member")
            .arg("name", who.to_string())
            .into()),
        _ => Err(Refusal::new("err-ambiguous-member")
            .arg("name", who.to_string())
            .into()),
    }
}

/// The community a worker acts in: the group they wrote in, or (in private) the most recent
/// community they serve that `target` belongs to.
async fn community_for(cx: &mut Ctx<'_>, target: Option<&Member>) -> Flow<Community> {
    let candidates = match (&cx.community, target) {
        (Some(c), _) => vec![c.clone()],
        (None, Some(t)) => members::communities_of(&mut cx.tx, t.id).await?,
        (None, None) => members::communities_of(&mut cx.tx, cx.me.id).await?,
    };
    let mut served = worker_communities(cx, candidates).await?;
    if served.is_empty() {
        let mine = members::communities_of(&mut cx.tx, cx.me.id).await?;
        let any = worker_communities(cx, mine).await?;
        return Err(
            Refusal::new(if any.is_empty() && !is_global_worker(cx).await? {
                "err-not-worker"
            } else {
                "err-not-your-community"
            })
            .into(),
        );
    }
    Ok(served.remove(0))
}

async fn is_global_worker(cx: &mut Ctx<'_>) -> Flow<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM member_roles WHERE member_id = $1 AND community_id = 0",
    )
    .bind(cx.me.id)
    .fetch_one(&mut *cx.tx)
    .await?;
    let in_config = cx
        .engine
        .cfg
        .communities
        .iter()
        .any(|c| c.workers.contains(&cx.me.id) || c.admins.contains(&cx.me.id));
    Ok(n > 0 || in_config)
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

/// Writes the audit row of a worker's operation.
pub(crate) async fn audit(
    cx: &mut Ctx<'_>,
    community: i64,
    action: &str,
    target: Option<i64>,
    transfer: Option<i64>,
    reason: &str,
) -> Flow {
    sqlx::query(
        "INSERT INTO audit (community_id, actor_id, action, target_id, transfer_id, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(community)
    .bind(cx.me.id)
    .bind(action)
    .bind(target)
    .bind(transfer)
    .bind(reason)
    .bind(cx.now)
    .execute(&mut *cx.tx)
    .await?;
    Ok(())
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

/// Moves points between a community account and a member (or the pool), with audit and notices.
#[allow(clippy::too_many_arguments)]
async fn move_points(
    cx: &mut Ctx<'_>,
    community: &Community,
    kind: TransferKind,
    from: (AccountKind, i64),
    to: (AccountKind, i64),
    amount: i64,
    reason: &str,
    target: Option<&Member>,
) -> Flow<i64> {
    let from_id = ledger::account(&mut cx.tx, community.id, from.0, from.1).await?;
    let to_id = ledger::account(&mut cx.tx, community.id, to.0, to.1).await?;
    let key = format!("{}:{}", kind.as_str(), cx.key);
    let t = ledger::Transfer {
        community_id: community.id,
        kind,
        memo: reason,
        idem_key: &key,
        from: from_id,
        to: to_id,
        amount,
        listing_id: None,
        actor_id: Some(cx.me.id),
        corrects: None,
        at: cx.now,
    };
    let id = ledger::transfer(&mut cx.tx, &t, cx.engine.limits())
        .await
        .map_err(|e| worker_stop(e, from.0 == AccountKind::Pool))?;
    audit(
        cx,
        community.id,
        kind.as_str(),
        target.map(|m| m.id),
        Some(id),
        reason,
    )
    .await?;
    Ok(id)
}

/// Tells a member privately that a worker moved their points.
async fn notify(
    cx: &mut Ctx<'_>,
    member: &Member,
    community: &Community,
    signed: i64,
    reason: &str,
) -> Flow {
    if member.id == cx.me.id {
        return Ok(());
    }
    let loc = cx.locale_of(member);
    let amount = if signed > 0 {
        format!("+{signed}")
    } else {
        signed.to_string()
    };
    let text = cx.t(
        loc,
        "worker-notice",
        &[
            ("worker", cx.me.name.clone().into()),
            ("amount", amount.into()),
            ("reason", reason.to_string().into()),
            ("community", community.title.clone().into()),
        ],
    );
    cx.say_private(member, text, Vec::new(), None).await?;
    Ok(())
}

/// Answers the worker privately.
async fn done(cx: &mut Ctx<'_>, text: String) -> Flow {
    let me = cx.me.clone();
    cx.say_private(&me, text, Vec::new(), None).await?;
    Ok(())
}

/// Runs a worker command; `Ok(false)` when `name` is not one.
pub(crate) async fn run(cx: &mut Ctx<'_>, name: &str, args: &str) -> Flow<bool> {
    if !COMMANDS.contains(&name) {
        return Ok(false);
    }
    let words: Vec<&str> = args.split_whitespace().collect();
    match name {
        "grant" | "adjust" | "subsidy" => {
            let who = words.first().ok_or(Refusal::new(usage_key(name)))?;
            let target = find_member(cx, who).await?;
            let community = community_for(cx, Some(&target)).await?;
            let reason = reason_of(words.get(2..).unwrap_or(&[]))?;
            let (kind, from, to, amount, signed) = match name {
                "grant" => {
                    let n = amount_of(words.get(1), false)?;
                    (
                        TransferKind::Grant,
                        (AccountKind::Pool, 0),
                        (AccountKind::Member, target.id),
                        n,
                        n,
                    )
                }
                "subsidy" => {
                    let hours = hours_of(words.get(1))?;
                    let n = (hours * cx.engine.cfg.points.subsidy_per_hour as f64).round() as i64;
                    if n <= 0 {
                        return Err(Refusal::new("err-hours").into());
                    }
                    (
                        TransferKind::Subsidy,
                        (AccountKind::Issuance, 0),
                        (AccountKind::Member, target.id),
                        n,
                        n,
                    )
                }
                _ => {
                    let n = amount_of(words.get(1), true)?;
                    let (from, to) = if n > 0 {
                        ((AccountKind::Issuance, 0), (AccountKind::Member, target.id))
                    } else {
                        ((AccountKind::Member, target.id), (AccountKind::Issuance, 0))
                    };
                    (TransferKind::Adjust, from, to, n.abs(), n)
                }
            };
            let id = move_points(
                cx,
                &community,
                kind,
                from,
                to,
                amount,
                &reason,
                Some(&target),
            )
            .await?;
            notify(cx, &target, &community, signed, &reason).await?;
            let amount = if signed > 0 {
                format!("+{signed}")
            } else {
                signed.to_string()
            };
            let text = cx.t(
                cx.my_locale(),
                "worker-done",
                &[
                    ("id", id.into()),
                    ("name", target.name.clone().into()),
                    ("amount", amount.into()),
                    ("reason", reason.into()),
                ],
            );
            done(cx, text).await?;
        }
        "donation" => {
            let n = amount_of(words.first(), false)?;
            let reason = reason_of(words.get(1..).unwrap_or(&[]))?;
            let community = community_for(cx, None).await?;
            let id = move_points(
                cx,
                &community,
                TransferKind::Donation,
                (AccountKind::Issuance, 0),
                (AccountKind::Pool, 0),
                n,
                &reason,
                None,
            )
            .await?;
            let pool = pool_balance(cx, &community).await?;
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
            done(cx, text).await?;
        }
        "reverse" => {
            let id = words
                .first()
                .and_then(|w| w.trim_start_matches('#').parse::<i64>().ok())
                .ok_or(Refusal::new("usage-reverse"))?;
            let reason = reason_of(words.get(1..).unwrap_or(&[]))?;
            // The transfer's own community, if the worker serves it.
            let cid: Option<i64> =
                sqlx::query_scalar("SELECT community_id FROM transfers WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *cx.tx)
                    .await?;
            let cid = cid.ok_or(Refusal::new("err-no-such-transfer").arg("id", id))?;
            let community = members::community_by_id(&mut cx.tx, cid).await?;
            if !is_worker(cx, &community, cx.me.id).await? {
                return Err(Refusal::new("err-not-your-community").into());
            }
            let rid = ledger::reverse(
                &mut cx.tx,
                cid,
                id,
                &reason,
                Some(cx.me.id),
                cx.now,
                cx.engine.limits(),
            )
            .await
            .map_err(|e| worker_stop(e, true))?;
            audit(cx, cid, "reverse", None, Some(rid), &reason).await?;
            let text = cx.t(
                cx.my_locale(),
                "worker-reverse-done",
                &[
                    ("id", id.into()),
                    ("rid", rid.into()),
                    ("reason", reason.into()),
                ],
            );
            done(cx, text).await?;
        }
        "setpoints" => {
            let lid = words
                .first()
                .and_then(|w| w.trim_start_matches('#').parse::<i64>().ok())
                .ok_or(Refusal::new("usage-setpoints"))?;
            let n = words
                .get(1)
                .and_then(|w| w.parse::<i64>().ok())
                .ok_or(Refusal::new("usage-setpoints"))?;
            let points = Points::new(n)
                .map_err(|_| Refusal::new("err-points-range").arg("max", Points::MAX_LISTING))?;
            let reason = reason_of(words.get(2..).unwrap_or(&[]))?;
            let l = db::listing_for_update(&mut cx.tx, lid)
                .await?
                .ok_or(Refusal::new("err-no-such-listing").arg("id", lid))?;
            let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
            if !is_worker(cx, &community, cx.me.id).await? {
                return Err(Refusal::new("err-not-your-community").into());
            }
            if l.status != ListingStatus::Open {
                return Err(Refusal::new("err-listing-not-open").arg("id", lid).into());
            }
            db::set_points(&mut cx.tx, lid, points.get(), cx.now).await?;
            audit(
                cx,
                community.id,
                "setpoints",
                Some(l.owner_id),
                None,
                &format!("#{lid} {} → {}: {reason}", l.points, points.get()),
            )
            .await?;
            let l = db::listing_for_update(&mut cx.tx, lid)
                .await?
                .ok_or(Refusal::new("err-internal"))?;
            super::listings::refresh_card(cx, &l).await?;
            let text = cx.t(
                cx.my_locale(),
                "worker-setpoints-done",
                &[("id", lid.into()), ("points", points.get().into())],
            );
            done(cx, text).await?;
        }
        _ => {
            let community = community_for(cx, None).await?;
            let pool = pool_balance(cx, &community).await?;
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
            done(cx, text).await?;
        }
    }
    Ok(true)
}

fn usage_key(name: &str) -> &'static str {
    match name {
        "grant" => "usage-grant",
        "adjust" => "usage-adjust",
        _ => "usage-subsidy",
    }
}

async fn balance_of(cx: &mut Ctx<'_>, community: &Community, kind: AccountKind) -> Flow<i64> {
    let id = ledger::account(&mut cx.tx, community.id, kind, 0).await?;
    Ok(ledger::balance(&mut cx.tx, id).await?)
}

async fn pool_balance(cx: &mut Ctx<'_>, community: &Community) -> Flow<i64> {
    balance_of(cx, community, AccountKind::Pool).await
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
