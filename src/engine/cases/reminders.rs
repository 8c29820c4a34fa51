//! Reminders a member sees: `/reminders` (提醒) with Snooze and Stop, the monthly statement
//! (`/statement on|off`), and the jobs that nudge: a hand-over not confirmed, a listing still
//! open ("still available?"), its expiry, the weekly topic.

use crate::domain::{AccountKind, Action, ClaimStatus, Job, JobKind, ListingStatus};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::text::on_off;
use crate::engine::kernel::{Flow, Refusal};
use crate::engine::shared::cards::show_expired;
use crate::ledger;
use crate::store::jobs;
use crate::store::listings::{self as db, CallbackTarget};
use crate::store::members;

/// `/reminders` (提醒): the member's upcoming reminders, each with Snooze and Stop.
pub async fn list_reminders(cx: &mut Ctx<'_>) -> Flow {
    let upcoming = jobs::upcoming_for(&mut cx.tx, cx.me.id).await?;
    let loc = cx.my_locale();
    if upcoming.is_empty() {
        let text = cx.t(loc, "reminders-none", &[]);
        return cx.reply(text, Vec::new()).await;
    }
    let text = cx.t(
        loc,
        "reminders-title",
        &[("count", (upcoming.len() as i64).into())],
    );
    cx.reply(text, Vec::new()).await?;
    for job in upcoming {
        let what = cx.t(
            loc,
            &format!("reminder-{}", job.kind.as_str().replace('_', "-")),
            &[],
        );
        let text = format!(
            "{} {}",
            cx.engine.local_fmt(job.due_at, "%m-%d %H:%M"),
            what
        );
        let mut row = Vec::new();
        for (label, action) in [
            ("button-snooze", Action::Snooze),
            ("button-stop", Action::Stop),
        ] {
            let t = CallbackTarget::mine(action, cx.me.id, job.id.to_string());
            row.push(cx.button_t(loc, label, &t).await?);
        }
        cx.reply(text, vec![row]).await?;
    }
    Ok(())
}

/// Snooze (one day later) or stop a reminder from its button.
pub async fn snooze_or_stop(
    cx: &mut Ctx<'_>,
    query_id: &str,
    job_id: Option<&str>,
    stop: bool,
) -> Flow {
    let id = job_id
        .and_then(|j| j.parse::<i64>().ok())
        .unwrap_or_default();
    let job = jobs::pending_job_of(&mut cx.tx, id, cx.me.id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    let key = if stop {
        jobs::set_status(&mut cx.tx, job.id, "cancelled").await?;
        "reminder-stopped"
    } else {
        jobs::move_job(&mut cx.tx, job.id, job.due_at.max(cx.now) + 86_400).await?;
        "reminder-snoozed"
    };
    let text = cx.t(cx.my_locale(), key, &[]);
    cx.toast(query_id, text).await
}

/// `/statement on|off`: the monthly points statement.
pub async fn set_statement(cx: &mut Ctx<'_>, arg: &str) -> Flow {
    let on = match arg.trim() {
        "" => true,
        w => on_off(w).ok_or(Refusal::new("usage-statement"))?,
    };
    members::set_statement(&mut cx.tx, cx.me.id, on).await?;
    let text = cx.t(
        cx.my_locale(),
        if on { "statement-on" } else { "statement-off" },
        &[],
    );
    cx.reply(text, Vec::new()).await
}

/// A hand-over accepted days ago and not confirmed: the side the job is for is nudged.
pub async fn nudge_handover(cx: &mut Ctx<'_>, job: &Job, chat: Option<i64>) -> Flow {
    // Read the claim again once its listing is locked: it may have just been confirmed.
    let Some(first) = db::claim(&mut cx.tx, job.ref_id).await? else {
        return Ok(());
    };
    let Some(l) = db::listing_for_update(&mut cx.tx, first.listing_id).await? else {
        return Ok(());
    };
    let Some(c) = db::claim(&mut cx.tx, job.ref_id)
        .await?
        .filter(|c| c.status == ClaimStatus::Accepted)
    else {
        return Ok(());
    };
    let Some(m) = members::member_by_id(&mut cx.tx, job.member_id.unwrap_or_default()).await?
    else {
        return Ok(());
    };
    let other = if m.id == c.giver_id {
        c.receiver_id
    } else {
        c.giver_id
    };
    let other = members::member_by_id(&mut cx.tx, other)
        .await?
        .map(|m| m.name)
        .unwrap_or_default();
    let (key, action, label) = if m.id == c.receiver_id {
        ("nudge-receiver", Action::Confirm, l.confirm_button())
    } else {
        ("nudge-giver", Action::Handed, l.handed_button())
    };
    let auto = jobs::pending_due(&mut cx.tx, JobKind::HandoverAuto, c.id).await?;
    let loc = cx.locale_of(&m);
    let text = cx.t(
        loc,
        key,
        &[
            ("id", l.id.into()),
            ("title", l.title.clone().into()),
            ("what", l.what().into()),
            ("name", other.into()),
            ("days", cx.engine.cfg.reminders.handover_nudge_days.into()),
            (
                "date",
                auto.map(|at| cx.engine.short_date(at))
                    .unwrap_or_default()
                    .into(),
            ),
        ],
    );
    // The giver who already said so has nothing to press.
    let buttons = if action == Action::Handed && c.handed_at.is_some() {
        Vec::new()
    } else {
        let t = CallbackTarget::claim(action, c.id, m.id);
        vec![vec![cx.button_t(loc, label, &t).await?]]
    };
    cx.notify(&m, text, buttons, chat).await?;
    Ok(())
}

/// The listing a job is about, locked, if it is still open.
async fn open_listing(cx: &mut Ctx<'_>, id: i64) -> Flow<Option<db::Listing>> {
    Ok(db::listing_for_update(&mut cx.tx, id)
        .await?
        .filter(|l| l.status == ListingStatus::Open))
}

/// An open listing after `listing_check_days`: its owner is asked whether it is still
/// available, with Renew and Withdraw.
pub async fn check_listing(cx: &mut Ctx<'_>, job: &Job, chat: Option<i64>) -> Flow {
    let Some(l) = open_listing(cx, job.ref_id).await? else {
        return Ok(());
    };
    let Some(owner) = members::member_by_id(&mut cx.tx, l.owner_id).await? else {
        return Ok(());
    };
    let loc = cx.locale_of(&owner);
    let r = &cx.engine.cfg.reminders;
    let expires = job.due_at + (r.listing_expire_days - r.listing_check_days) * 86_400;
    let text = cx.t(
        loc,
        "listing-check",
        &[
            ("id", l.id.into()),
            ("title", l.title.clone().into()),
            ("date", cx.engine.short_date(expires).into()),
        ],
    );
    let renew = CallbackTarget::listing(Action::Renew, l.id, owner.id);
    let renew = cx.button_t(loc, "button-renew", &renew).await?;
    let withdraw = CallbackTarget::listing(Action::Withdraw, l.id, owner.id);
    let withdraw = cx.button_t(loc, "button-withdraw", &withdraw).await?;
    cx.notify(&owner, text, vec![vec![renew, withdraw]], chat)
        .await?;
    Ok(())
}

/// An open listing after `listing_expire_days` comes down; its card says so and its owner
/// is told.
pub async fn expire_listing(cx: &mut Ctx<'_>, job: &Job, chat: Option<i64>) -> Flow {
    let Some(l) = open_listing(cx, job.ref_id).await? else {
        return Ok(());
    };
    db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Expired, cx.now).await?;
    show_expired(cx, &l).await?;
    if let Some(owner) = members::member_by_id(&mut cx.tx, l.owner_id).await? {
        let text = cx.t(
            cx.locale_of(&owner),
            "listing-expired",
            &[("id", l.id.into()), ("title", l.title.clone().into())],
        );
        cx.notify(&owner, text, Vec::new(), chat).await?;
    }
    Ok(())
}

/// The weekly topic, in turn from `reminders.topics`, to every group (after quiet hours).
pub async fn post_topic(cx: &mut Ctx<'_>) -> Flow {
    let topics = &cx.engine.cfg.reminders.topics;
    if topics.is_empty() {
        return Ok(());
    }
    let done = jobs::count_done(&mut cx.tx, JobKind::Topic).await?;
    let topic = topics[done as usize % topics.len()].clone();
    for chat in members::all_chats(&mut cx.tx).await? {
        let text = cx.t(
            cx.engine.group_locale(chat),
            "topic-post",
            &[("topic", topic.clone().into())],
        );
        cx.post_group(chat, text).await?;
    }
    Ok(())
}

/// The monthly statement to each member who asked for it: balance, earned and spent in each
/// community over the last month.
pub async fn send_statements(cx: &mut Ctx<'_>) -> Flow {
    for id in members::with_statement(&mut cx.tx).await? {
        let Some(m) = members::member_by_id(&mut cx.tx, id).await? else {
            continue;
        };
        let loc = cx.locale_of(&m);
        let mut lines = vec![cx.t(
            loc,
            "statement-title",
            &[("date", cx.engine.short_date(cx.now).into())],
        )];
        for c in members::communities_of(&mut cx.tx, m.id).await? {
            let account = ledger::account(&mut cx.tx, c.id, AccountKind::Member, m.id).await?;
            let balance = ledger::balance(&mut cx.tx, account).await?;
            let (earned, spent) =
                ledger::flows_since(&mut cx.tx, account, cx.now - 31 * 86_400).await?;
            lines.push(cx.t(
                loc,
                "statement-line",
                &[
                    ("community", c.title.into()),
                    ("balance", balance.into()),
                    ("earned", earned.into()),
                    ("spent", spent.into()),
                ],
            ));
        }
        cx.notify(&m, lines.join("\n"), Vec::new(), None).await?;
    }
    Ok(())
}
