//! Points around a hand-over: held in escrow when claimed or accepted, released to the giver
//! or refunded; credit moved after ratings, reports and disputes.

use super::super::kernel::ctx::Ctx;
use super::super::kernel::{ledger_stop, Flow};
use crate::domain::{AccountKind, TransferKind};
use crate::ledger::LedgerError;
use crate::store::listings::{self as db, Claim, Listing};
use crate::store::members;

/// Points moving between two accounts: (from, to, how many).
pub type Leg = ((AccountKind, i64), (AccountKind, i64), i64);

/// Moves points about listing `l`, with its title as the memo; by the member acting when
/// `by_me` (a worker's decision), else by the bot.
pub async fn move_for(
    cx: &mut Ctx<'_>,
    l: &Listing,
    kind: TransferKind,
    (from, to, amount): Leg,
    key: &str,
    by_me: bool,
) -> Result<i64, LedgerError> {
    let actor = by_me.then_some(cx.me.id);
    cx.move_points(
        l.community_id,
        kind,
        from,
        to,
        amount,
        key,
        &l.title,
        Some(l.id),
        actor,
    )
    .await
}

/// Holds a listing's points from `payer` in escrow for `claim`; the hold's transfer id, or
/// `None` for a free listing.
pub async fn hold(cx: &mut Ctx<'_>, l: &Listing, claim: i64, payer: i64) -> Flow<Option<i64>> {
    if l.points == 0 {
        return Ok(None);
    }
    let key = format!("hold:claim:{claim}");
    let leg = (
        (AccountKind::Member, payer),
        (AccountKind::Escrow, 0),
        l.points,
    );
    let id = move_for(cx, l, TransferKind::Hold, leg, &key, false)
        .await
        .map_err(ledger_stop)?;
    Ok(Some(id))
}

/// Moves a claim's held points out of escrow: to the giver (`Release`) or back (`Refund`).
pub async fn settle(cx: &mut Ctx<'_>, l: &Listing, c: &Claim, kind: TransferKind) -> Flow {
    if c.points == 0
        || (kind == TransferKind::Refund && !db::claim_has_hold(&mut cx.tx, c.id).await?)
    {
        return Ok(());
    }
    let to = if kind == TransferKind::Release {
        c.giver_id
    } else {
        c.receiver_id
    };
    let key = format!("{}:claim:{}", kind.as_str(), c.id);
    let leg = (
        (AccountKind::Escrow, 0),
        (AccountKind::Member, to),
        c.points,
    );
    move_for(cx, l, kind, leg, &key, false)
        .await
        .map_err(ledger_stop)?;
    Ok(())
}

/// Moves a member's credit by `delta`, within `credit.min..=credit.max`.
pub async fn adjust_credit(cx: &mut Ctx<'_>, member_id: i64, delta: i64) -> Flow {
    let credit = &cx.engine.cfg.credit;
    members::adjust_credit(&mut cx.tx, member_id, delta, credit.min, credit.max).await?;
    Ok(())
}
