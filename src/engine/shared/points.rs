//! Points around a hand-over: held in escrow when claimed or accepted, released to the giver
//! or refunded; credit moved after ratings, reports and disputes.

use super::super::kernel::{ledger_stop, Flow};
use super::super::kernel::ctx::Ctx;
use crate::domain::{AccountKind, TransferKind};
use crate::store::listings::{self as db, Claim, Listing};
use crate::store::members;

/// Holds a listing's points from `payer` in escrow for `claim`; the hold's transfer id, or
/// `None` for a free listing.
pub async fn hold(cx: &mut Ctx<'_>, l: &Listing, claim: i64, payer: i64) -> Flow<Option<i64>> {
    if l.points == 0 {
        return Ok(None);
    }
    let key = format!("hold:claim:{claim}");
    let id = cx
        .move_points(
            l.community_id,
            TransferKind::Hold,
            (AccountKind::Member, payer),
            (AccountKind::Escrow, 0),
            l.points,
            &key,
            &l.title,
            Some(l.id),
            None,
        )
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
    cx.move_points(
        l.community_id,
        kind,
        (AccountKind::Escrow, 0),
        (AccountKind::Member, to),
        c.points,
        &key,
        &l.title,
        Some(l.id),
        None,
    )
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
