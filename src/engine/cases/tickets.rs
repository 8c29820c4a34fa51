//! A resident asks the social workers for help ("请社工联系我"): a ticket. The workers get a
//! card with Take and Done; the first to take it is named to the resident and gets a button
//! that opens a chat with them. A ticket nobody took is raised again after
//! `safety.ticket_remind_hours`. Where a community has no social worker, the group's
//! administrators hear instead, and may make themselves the worker (`/setup`, or the button
//! under what they were told); the new worker then gets what waited.

use super::{disputes, moderation};
use crate::domain::{Action, Job, JobKind, Role, TicketKind, TicketStatus};
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
    open_ticket(cx, TicketKind::Contact, text).await
}

/// `/feedback TEXT` (问题反馈): a problem or a suggestion, as a ticket the workers take and
/// close like any other; without a text, the flow that asks for it.
pub async fn feedback(cx: &mut Ctx<'_>, text: &str) -> Flow {
    let text = text.trim();
    if text.is_empty() {
        return Err(Refusal::new("usage-feedback").into());
    }
    open_ticket(cx, TicketKind::Feedback, text).await
}

/// Opens a ticket of `kind` in the member's first community; a member with a contact request
/// still waiting is told so instead of opening another.
pub async fn open_ticket(cx: &mut Ctx<'_>, kind: TicketKind, text: &str) -> Flow {
    let communities = members::communities_of(&mut cx.tx, cx.me.id).await?;
    let Some(c) = communities.into_iter().next() else {
        return Err(Refusal::new("err-no-community").into());
    };
    open_ticket_in(cx, c, kind, text).await
}

/// Opens a ticket of `kind` in community `c` (an emergency's own community).
pub async fn open_ticket_in(cx: &mut Ctx<'_>, c: Community, kind: TicketKind, text: &str) -> Flow {
    let loc = cx.my_locale();
    let waiting = match kind {
        TicketKind::Contact => db::live_of(&mut cx.tx, c.id, cx.me.id).await?,
        _ => None,
    };
    if let Some(id) = waiting {
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
    let id = db::open(&mut cx.tx, c.id, cx.me.id, kind, text, cx.now).await?;
    let t = db::get_for_update(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let name = cx.me.name.clone();
    let (card, opened) = match kind {
        TicketKind::Feedback => ("ticket-card-feedback", "ticket-opened-feedback"),
        TicketKind::Emergency => ("ticket-card-emergency", "ticket-opened-emergency"),
        TicketKind::Contact => ("ticket-card", "ticket-opened"),
    };
    cx.tell_workers(&c, card, &card_args(&t, &name, &c), &card_buttons(id))
        .await?;
    // Someone who needs help in an emergency is raised again after a quarter of an hour.
    let at = match kind {
        TicketKind::Emergency => cx.now + 15 * 60,
        _ => cx.now + cx.engine.cfg.safety.ticket_remind_hours * 3600,
    };
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
    let text = cx.t(loc, opened, &[("ticket", id.into()), ("who", who.into())]);
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
    // Someone in an emergency hears at once who took it, whatever the hour.
    cx.urgent |= t.kind == TicketKind::Emergency;
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
    let resident = move_on(cx, &t, &c, TicketStatus::Taken, "ticket-taken-resident").await?;
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

/// Moves a ticket on by the worker acting (taken or done), audited; the resident hears it
/// (`key`). Returns the resident.
async fn move_on(
    cx: &mut Ctx<'_>,
    t: &Ticket,
    c: &Community,
    status: TicketStatus,
    key: &str,
) -> Flow<members::Member> {
    db::set_status(&mut cx.tx, t.id, status, Some(cx.me.id), cx.now).await?;
    let action = format!("ticket_{}", status.as_str());
    cx.audit(
        c.id,
        &action,
        Some(t.member_id),
        None,
        &format!("#{}", t.id),
    )
    .await?;
    let resident = cx.member(t.member_id).await?;
    let worker = cx.me.name.clone();
    cx.tell(
        &resident,
        key,
        &[("ticket", t.id.into()), ("worker", worker.into())],
    )
    .await?;
    Ok(resident)
}

/// Done: the ticket is closed and the resident told.
pub async fn done(cx: &mut Ctx<'_>, query_id: &str, id: i64) -> Flow {
    let (t, c) = for_worker(cx, id).await?;
    let loc = cx.my_locale();
    if t.status == TicketStatus::Done {
        let text = cx.t(loc, "ticket-already-done", &[("ticket", id.into())]);
        return cx.toast(query_id, text).await;
    }
    move_on(cx, &t, &c, TicketStatus::Done, "ticket-done-resident").await?;
    // The worker who took it hears that a colleague closed it.
    if let Some(taker) = t.taken_by.filter(|w| *w != cx.me.id) {
        let taker = cx.member(taker).await?;
        let worker = cx.me.name.clone();
        cx.tell(
            &taker,
            "ticket-done-by-other",
            &[("ticket", id.into()), ("worker", worker.into())],
        )
        .await?;
    }
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
    args.push(("minutes", ((cx.now - t.created_at) / 60).into()));
    let key = if t.kind == TicketKind::Emergency {
        cx.urgent = true;
        "ticket-raised-emergency"
    } else {
        "ticket-raised"
    };
    cx.tell_workers(&c, key, &args, &card_buttons(t.id)).await?;
    // Raised three times at most: after that the card waits where it is.
    let every = match t.kind {
        TicketKind::Emergency => 15 * 60,
        _ => cx.engine.cfg.safety.ticket_remind_hours * 3600,
    };
    if cx.now - t.created_at >= 3 * every {
        return Ok(());
    }
    crate::store::jobs::schedule(
        &mut cx.tx,
        JobKind::TicketRemind,
        Some(c.id),
        None,
        t.id,
        cx.now + every,
        cx.now,
    )
    .await?;
    Ok(())
}

/// `/setup` (设置社工) in a group, by one of its administrators: makes them, or the member
/// named (`/setup NAME`), the community's social worker. Audited; the group is told who now
/// answers reports, disputes and requests for help.
pub async fn setup(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let community = cx
        .community
        .clone()
        .ok_or(Refusal::new("err-setup-in-group"))?;
    if !moderation::may_set_up(cx, &community).await? {
        return Err(Refusal::new("err-setup-not-admin").into());
    }
    let target = match args.split_whitespace().next() {
        Some(who) => cx.find_member(who).await?,
        None => cx.me.clone(),
    };
    if cx.is_worker(&community, target.id).await? {
        let text = cx.t(
            cx.my_locale(),
            "setup-already-named",
            &[("name", target.name.clone().into())],
        );
        let me = cx.me.clone();
        return cx
            .say_private(&me, text, Vec::new(), Some(community.chat_id))
            .await
            .map(|_| ())
            .map_err(Into::into);
    }
    make_worker(cx, &community, &target).await?;
    let text = cx.t(
        cx.engine.group_locale(community.chat_id),
        "setup-done-group",
        &[("name", target.name.clone().into())],
    );
    cx.say_group(community.chat_id, text, Vec::new()).await?;
    Ok(())
}

/// Gives `target` the worker's role in `community`, audited; they are told privately.
async fn make_worker(cx: &mut Ctx<'_>, community: &Community, target: &members::Member) -> Flow {
    members::grant_role(&mut cx.tx, target.id, community.id, Role::Worker).await?;
    cx.audit(community.id, "setup", Some(target.id), None, "setup")
        .await?;
    cx.tell(
        target,
        "setup-done-worker",
        &[
            ("community", community.title.clone().into()),
            ("by", cx.me.name.clone().into()),
        ],
    )
    .await?;
    catch_up(cx, community).await
}

/// A community's new social worker gets what waited for one: the open help requests and the
/// disputes nobody took.
async fn catch_up(cx: &mut Ctx<'_>, community: &Community) -> Flow {
    for id in db::open_in(&mut cx.tx, community.id).await? {
        let Some(t) = db::get_for_update(&mut cx.tx, id).await? else {
            continue;
        };
        let resident = cx.member(t.member_id).await?;
        let args = card_args(&t, &resident.name, community);
        cx.tell_workers(community, "ticket-card", &args, &card_buttons(id))
            .await?;
    }
    disputes::raise_untaken(cx, community).await
}

/// The "I'll be the social worker" button under an escalation to a group administrator.
pub async fn setup_button(cx: &mut Ctx<'_>, query_id: &str, community_id: i64) -> Flow {
    let community = members::community_by_id(&mut cx.tx, community_id).await?;
    if !moderation::may_set_up(cx, &community).await? {
        return Err(Refusal::new("err-setup-not-admin").into());
    }
    if cx.is_worker(&community, cx.me.id).await? {
        let text = cx.t(cx.my_locale(), "setup-already", &[]);
        return cx.toast(query_id, text).await;
    }
    let me = cx.me.clone();
    make_worker(cx, &community, &me).await?;
    let text = cx.t(
        cx.engine.group_locale(community.chat_id),
        "setup-done-group",
        &[("name", me.name.clone().into())],
    );
    cx.say_group(community.chat_id, text, Vec::new()).await?;
    let text = cx.t(cx.my_locale(), "setup-toast", &[]);
    cx.toast(query_id, text).await
}
