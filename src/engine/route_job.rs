//! Which use case a scheduled job runs, by its kind.

use super::cases::{
    desk, disputes, emergency, events, finding, handover, loans, reminders, suggest, tickets,
    worker,
};
use super::kernel::ctx::Ctx;
use super::kernel::Flow;
use crate::domain::{Job, JobKind};
use crate::store::members;

/// Runs one due job in `cx` (nobody acting).
pub async fn run(cx: &mut Ctx<'_>, job: &Job) -> Flow {
    // The group the job is about, for its quiet hours.
    let chat = match job.community_id {
        Some(id) => Some(members::community_by_id(&mut cx.tx, id).await?.chat_id),
        None => None,
    };
    match job.kind {
        JobKind::LoanDueSoon | JobKind::LoanDue | JobKind::LoanOverdue => {
            loans::remind_borrower(cx, job, chat).await
        }
        JobKind::LoanEscalate => loans::escalate(cx, job).await,
        JobKind::HandoverNudge => reminders::nudge_handover(cx, job, chat).await,
        JobKind::ListingCheck => reminders::check_listing(cx, job, chat).await,
        JobKind::ListingExpire => reminders::expire_listing(cx, job, chat).await,
        JobKind::Topic => reminders::post_topic(cx).await,
        JobKind::Statement => reminders::send_statements(cx).await,
        JobKind::DisputeRaise | JobKind::DisputeAdmins => disputes::remind_untaken(cx, job).await,
        JobKind::HandoverAuto => handover::auto_confirm(cx, job).await,
        JobKind::ClaimRelease => handover::release_unanswered(cx, job).await,
        JobKind::TicketRemind => tickets::remind_untaken(cx, job).await,
        JobKind::EventRemindDay => events::remind(cx, job.ref_id, "day").await,
        JobKind::EventRemindSoon => events::remind(cx, job.ref_id, "soon").await,
        JobKind::EventEnd => events::end(cx, job.ref_id).await,
        JobKind::EventReport => events::report_job(cx, job.ref_id).await,
        JobKind::PriorityOpen => finding::priority_open(cx, job.ref_id).await,
        JobKind::Suggest => suggest::weekly(cx).await,
        JobKind::Digest => desk::digest(cx, job.due_at).await,
        JobKind::EmergencyCall => emergency::call_list(cx, job.ref_id).await,
        JobKind::WishAlert => {
            finding::wish_alert_due(cx, job.member_id.unwrap_or_default(), job.ref_id).await
        }
        JobKind::PriorityReview => {
            let community = job.community_id.unwrap_or_default();
            worker::priority_review(cx, community, job.member_id.unwrap_or_default()).await
        }
    }
}
