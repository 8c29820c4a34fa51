//! Expiry of points (off unless `points.expiry_days` is set): points a member earned more than
//! that many days ago and has not spent go back to the community's issuance account, and the
//! member is told privately.

use crate::domain::TransferKind;
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::{Engine, EngineError};
use crate::ledger;
use crate::store::members;
use crate::store::ts;

/// Expires what is due at the engine's clock, one account per transaction; returns the
/// outbox rows written.
pub async fn expire_points(engine: &Engine) -> Result<Vec<i64>, EngineError> {
    let days = engine.cfg.points.expiry_days;
    if days <= 0 {
        return Ok(Vec::new());
    }
    let now = ts(engine.clock.now());
    let accounts = {
        let mut c = engine.store.conn().await?;
        ledger::member_accounts_in_credit(&mut c).await?
    };
    let mut out = Vec::new();
    for (account, community_id, member_id) in accounts {
        let mut cx = Ctx::for_job(engine, engine.store.begin().await?, now);
        match expire_account(&mut cx, account, community_id, member_id, days).await {
            Ok(()) => out.extend(cx.commit().await?),
            // One account's trouble does not stop the others.
            Err(e) => tracing::warn!(account, error = %e, "expiring points failed"),
        }
    }
    Ok(out)
}

/// Expires one account's old points, its row locked first so two instances cannot both do it.
async fn expire_account(
    cx: &mut Ctx<'_>,
    account: i64,
    community_id: i64,
    member_id: i64,
    days: i64,
) -> Result<(), EngineError> {
    let cutoff = cx.now - days * 86_400;
    ledger::lock_account(&mut cx.tx, account).await?;
    let n = ledger::expirable(&mut cx.tx, account, cutoff)
        .await?
        .min(ledger::balance(&mut cx.tx, account).await?);
    if n <= 0 {
        return warn_soon(cx, account, community_id, member_id, cutoff).await;
    }
    let key = format!("expire:{account}:{cutoff}");
    cx.issue(community_id, member_id, -n, TransferKind::Expire, &key)
        .await
        .map_err(EngineError::Ledger)?;
    if let Some(m) = members::member_by_id(&mut cx.tx, member_id).await? {
        let c = members::community_by_id(&mut cx.tx, community_id).await?;
        let text = cx.t(
            cx.locale_of(&m),
            "points-expired",
            &[
                ("points", n.into()),
                ("days", days.into()),
                ("community", c.title.into()),
            ],
        );
        cx.notify(&m, text, Vec::new(), Some(c.chat_id)).await?;
    }
    Ok(())
}

/// Warns the member privately of points that will expire within `points.expiry_warn_days`
/// (once in that many days), so they can use or give them first.
async fn warn_soon(
    cx: &mut Ctx<'_>,
    account: i64,
    community_id: i64,
    member_id: i64,
    cutoff: i64,
) -> Result<(), EngineError> {
    let warn_days = cx.engine.cfg.points.expiry_warn_days;
    if warn_days <= 0 {
        return Ok(());
    }
    let window = warn_days * 86_400;
    if ledger::expiry_warned_at(&mut cx.tx, account)
        .await?
        .is_some_and(|at| cx.now - at < window)
    {
        return Ok(());
    }
    let soon = ledger::expirable(&mut cx.tx, account, cutoff + window)
        .await?
        .min(ledger::balance(&mut cx.tx, account).await?);
    if soon <= 0 {
        return Ok(());
    }
    ledger::set_expiry_warned(&mut cx.tx, account, cx.now).await?;
    // The day the next of them expire: their credit's day plus `expiry_days`.
    let days = cx.engine.cfg.points.expiry_days;
    let expires = ledger::oldest_credit_since(&mut cx.tx, account, cutoff)
        .await?
        .map_or(cx.now + window, |at| at + days * 86_400);
    let Some(m) = members::member_by_id(&mut cx.tx, member_id).await? else {
        return Ok(());
    };
    let c = members::community_by_id(&mut cx.tx, community_id).await?;
    let text = cx.t(
        cx.locale_of(&m),
        "points-expire-soon",
        &[
            ("points", soon.into()),
            ("date", cx.engine.short_date(expires).into()),
            ("community", c.title.into()),
        ],
    );
    cx.notify(&m, text, Vec::new(), Some(c.chat_id)).await?;
    Ok(())
}
