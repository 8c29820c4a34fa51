//! Scheduling the jobs that follow a listing: "still available?" and its expiry.

use super::super::kernel::ctx::Ctx;
use super::super::kernel::Flow;
use crate::domain::JobKind;
use crate::store::jobs;
use crate::store::listings::Listing;

/// Schedules the "still available?" check and the expiry of a new or renewed listing.
pub async fn schedule_listing_jobs(
    cx: &mut Ctx<'_>,
    listing: i64,
    owner: i64,
    community: i64,
) -> Flow {
    let r = &cx.engine.cfg.reminders;
    let at = |days: i64| cx.now + days * 86_400;
    let both = [
        (JobKind::ListingCheck, r.listing_check_days),
        (JobKind::ListingExpire, r.listing_expire_days),
    ]
    .map(|(kind, days)| (kind, Some(community), Some(owner), listing, at(days)));
    jobs::schedule_all(&mut cx.tx, &both, cx.now).await?;
    Ok(())
}

/// A listing open again (a declined or withdrawn claim, a renewal) is checked and expires afresh.
pub async fn restart_listing_jobs(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    jobs::cancel(&mut cx.tx, &JobKind::LISTING, l.id).await?;
    schedule_listing_jobs(cx, l.id, l.owner_id, l.community_id).await
}

/// A listing that will not be claimed any more: no check, no expiry.
pub async fn stop_listing_jobs(cx: &mut Ctx<'_>, listing: i64) -> Flow {
    jobs::cancel(&mut cx.tx, &JobKind::LISTING, listing).await?;
    Ok(())
}
