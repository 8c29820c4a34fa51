//! A resident asks the social workers for help ("请社工联系我"): a ticket. The workers get a
//! card with Take and Done; the first to take it is named to the resident and gets a button
//! that opens a chat with them. A ticket nobody took is raised again after
//! `safety.ticket_remind_hours`. Where a community has no social worker, the group's
//! administrators hear instead, and may make themselves the worker (`/setup`).

use crate::domain::{Action, Job, JobKind, TicketKind, TicketStatus};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::{Args, Flow, Refusal};
use crate::store::listings::CallbackTarget;
use crate::store::members::{self, Community};
use crate::store::outbox::Button;
use crate::store::tickets::{self as db, Ticket};

/// The ticket card's buttons: Take and Done.
fn card_buttons(id: i64) -> Vec<Vec<(String, CallbackTarget)>> {
    vec![vec![
        (
            "button-ticket-take".into(),
            CallbackTarget::case(Action::TicketTake, id, None),
        ),
        (
            "button-ticket-done".into(),
            CallbackTarget::case(Action::TicketDone, id, None),
        ),
    ]]
}

fn card_args(t: &Ticket, name: &str, community: &Community) -> Args {
    vec![
        ("ticket", t.id.into()),
        ("name", name.to_string().into()),
        ("community", community.title.clone().into()),
        ("text", t.text.clone().into()),
    ]
}

/// "请社工联系我": opens a ticket in the member's first community (or says one is open), and
/// tells the member honestly who will answer.
pub async fn ask_worker(cx: &mut Ctx<'_>, text: &str) -> Flow {
    let communities = members::communities_of(&mut cx.tx, cx.me.id).await?;
    let Some(c) = communities.into_iter().next() else {
        return Err(Refusal::new("err-no-community").into());
    };
    let loc = cx.my_locale();
    if let Some(id) = db::live_of(&mut cx.tx, c.id, cx.me.id).await? {
        let t = db::get_for_update(&mut cx.tx, id)
            .await?
            .ok_or(Refusal::new("err-internal"))?;
        let text = match t.taken_by {
            Some(w) => {
                let w = cx.member(w).await?;
                cx.t(
                    loc,
                    "ticket-already-taken",
                    &[("ticket", id.into()), ("worker", w.name.into())],
                )
            }
            None => cx.t(loc, "ticket-already-open", &[("ticket", id.into())]),
        };
        return cx.reply_end(text).await;
    }
    let id = db::open(
        &mut cx.tx,
        c.id,
        cx.me.id,
        TicketKind::Contact,
        text,
        cx.now,
    )
    .await?;
    let t = db::get_for_update(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let name = cx.me.name.clone();
    cx.tell_workers(
        &c,
        "ticket-card",
        &card_args(&t, &name, &c),
        &card_buttons(id),
    )
    .await?;
    let at = cx.now + cx.engine.cfg.safety.ticket_remind_hours * 3600;
    crate::store::jobs::schedule(
        &mut cx.tx,
        JobKind::TicketRemind,
        Some(c.id),
        None,
        id,
        at,
        cx.now,
    )
    .await?;
    let who = cx.who_answers(&c, loc).await?;
    let text = cx.t(
        loc,
        "ticket-opened",
        &[("ticket", id.into()), ("who", who.into())],
    );
    cx.reply_end(text).await
}

/// The ticket a worker's button is about, locked, and its community, if the member acting
/// is a worker there.
async fn for_worker(cx: &mut Ctx<'_>, id: i64) -> Flow<(Ticket, Community)> {
    let t = db::get_for_update(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    let c = members::community_by_id(&mut cx.tx, t.community_id).await?;
    cx.require_worker(&c).await?;
    Ok((t, c))
}

/// Take: the first worker to press it has it; the resident hears who, the worker gets a
/// button that opens a chat with the resident.
pub async fn take(cx: &mut Ctx<'_>, query_id: &str, id: i64) -> Flow {
    let (t, c) = for_worker(cx, id).await?;
    let loc = cx.my_locale();
    if let Some(w) = t.taken_by.filter(|_| t.status != TicketStatus::Open) {
        let w = cx.member(w).await?;
        let key = if t.status == TicketStatus::Done {
            "ticket-was-done"
        } else {
            "ticket-was-taken"
        };
        let text = cx.t(
            loc,
            key,
            &[("ticket", id.into()), ("worker", w.name.into())],
        );
        return cx.toast(query_id, text).await;
    }
    db::set_status(&mut cx.tx, id, TicketStatus::Taken, Some(cx.me.id), cx.now).await?;
    cx.audit(
        c.id,
        "ticket_take",
        Some(t.member_id),
        None,
        &format!("#{id}"),
    )
    .await?;
    let resident = cx.member(t.member_id).await?;
    let worker = cx.me.name.clone();
    cx.tell(
        &resident,
        "ticket-taken-resident",
        &[("ticket", id.into()), ("worker", worker.into())],
    )
    .await?;
    let text = cx.t(
        loc,
        "ticket-taken-worker",
        &[
            ("ticket", id.into()),
            ("name", resident.name.clone().into()),
        ],
    );
    let link = cx.t(
        loc,
        "button-write-to",
        &[("name", resident.name.clone().into())],
    );
    let me = cx.me.clone();
    cx.say_private(
        &me,
        text,
        vec![vec![Button::chat_with(link, resident.id)]],
        Some(c.chat_id),
    )
    .await?;
    let text = cx.t(loc, "ticket-take-toast", &[("ticket", id.into())]);
    cx.toast(query_id, text).await
}

/// Done: the ticket is closed and the resident told.
pub async fn done(cx: &mut Ctx<'_>, query_id: &str, id: i64) -> Flow {
    let (t, c) = for_worker(cx, id).await?;
    let loc = cx.my_locale();
    if t.status == TicketStatus::Done {
        let text = cx.t(loc, "ticket-already-done", &[("ticket", id.into())]);
        return cx.toast(query_id, text).await;
    }
    db::set_status(&mut cx.tx, id, TicketStatus::Done, Some(cx.me.id), cx.now).await?;
    cx.audit(
        c.id,
        "ticket_done",
        Some(t.member_id),
        None,
        &format!("#{id}"),
    )
    .await?;
    let resident = cx.member(t.member_id).await?;
    let worker = cx.me.name.clone();
    cx.tell(
        &resident,
        "ticket-done-resident",
        &[("ticket", id.into()), ("worker", worker.into())],
    )
    .await?;
    let text = cx.t(loc, "ticket-done-toast", &[("ticket", id.into())]);
    cx.toast(query_id, text).await
}

/// The job `ticket_remind`: a ticket nobody took is raised again, and again later.
pub async fn remind_untaken(cx: &mut Ctx<'_>, job: &Job) -> Flow {
    let Some(t) = db::get_for_update(&mut cx.tx, job.ref_id).await? else {
        return Ok(());
    };
    if t.status != TicketStatus::Open {
        return Ok(());
    }
    let c = members::community_by_id(&mut cx.tx, t.community_id).await?;
    let resident = cx.member(t.member_id).await?;
    let mut args = card_args(&t, &resident.name, &c);
    args.push(("hours", ((cx.now - t.created_at) / 3600).into()));
    cx.tell_workers(&c, "ticket-raised", &args, &card_buttons(t.id))
        .await?;
    // Raised three times at most: after that the card waits where it is.
    let every = cx.engine.cfg.safety.ticket_remind_hours * 3600;
    if cx.now - t.created_at >= 3 * every {
        return Ok(());
    }
    let at = cx.now + cx.engine.cfg.safety.ticket_remind_hours * 3600;
    crate::store::jobs::schedule(
        &mut cx.tx,
        JobKind::TicketRemind,
        Some(c.id),
        None,
        t.id,
        at,
        cx.now,
    )
    .await?;
    Ok(())
}
