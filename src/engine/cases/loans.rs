//! Loans: a lent item changes hands, the held points wait in escrow for its return; the
//! borrower is reminded before and on the due day and while overdue, the workers hear after a
//! week; the borrower may ask for more days and the lender accept.

use chrono::{Duration, NaiveDate};

use super::ratings::ask_for_ratings;
use crate::domain::{Action, ClaimStatus, Job, JobKind, ListingStatus, TransferKind};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::{Args, Flow, Refusal};
use crate::engine::shared::cards::{reopen, set_card_status};
use crate::engine::shared::points::settle;
use crate::store::jobs;
use crate::store::listings::{self as db, CallbackTarget, Claim, Listing};
use crate::store::loans::{self, Loan};
use crate::store::members::{self, Community, Member};

/// The reminders before, on and after the due day that one reminder after downtime replaces.
const DUE_REMINDERS: [JobKind; 3] = [JobKind::LoanDueSoon, JobKind::LoanDue, JobKind::LoanOverdue];

/// A lent item changed hands (the borrower confirmed receipt): the loan starts, the held
/// points wait in escrow for the return, the lender gets the "returned" button and the
/// borrower the due date.
pub async fn lend(
    cx: &mut Ctx<'_>,
    l: &Listing,
    c: &Claim,
    community: &Community,
    lender: &Member,
    borrower: &Member,
) -> Flow {
    let days = l
        .days
        .filter(|d| *d > 0)
        .unwrap_or(cx.engine.cfg.reminders.loan_default_days);
    let due_date = cx.engine.local_date(cx.now) + Duration::days(days);
    let due_at = cx.engine.remind_on(due_date);
    let loan = loans::insert(
        &mut cx.tx,
        l.id,
        c.id,
        c.giver_id,
        c.receiver_id,
        due_at,
        cx.now,
    )
    .await?;
    schedule_loan_jobs(cx, loan, l.community_id, c.receiver_id, due_date).await?;
    db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Lent, cx.now).await?;
    let date = cx.engine.short_date(due_at);
    let gloc = cx.engine.group_locale(community.chat_id);
    let shown =
        crate::engine::shared::cards::taker_name(cx, l.id, c.id, &borrower.name, gloc).await?;
    let status = cx.t(
        gloc,
        "card-status-lent",
        &[("receiver", shown.into()), ("date", date.clone().into())],
    );
    set_card_status(cx, l, status).await?;
    let args = |name: &str| -> Args {
        vec![
            ("id", l.id.into()),
            ("title", l.title.clone().into()),
            ("points", l.points.into()),
            ("name", name.into()),
            ("date", date.clone().into()),
        ]
    };
    let loc = cx.locale_of(lender);
    let text = cx
        .engine
        .tv(loc, "loan-started-lender", &args(&borrower.name));
    let returned = CallbackTarget::claim(Action::Returned, loan, lender.id);
    let returned = cx.button_t(loc, "button-returned", &returned).await?;
    cx.say_private(lender, text, vec![vec![returned]], Some(community.chat_id))
        .await?;
    let loc = cx.locale_of(borrower);
    let text = cx
        .engine
        .tv(loc, "loan-started-borrower", &args(&lender.name));
    let extend = CallbackTarget::claim(Action::Extend, loan, borrower.id);
    let extend = cx.button_t(loc, "button-extend", &extend).await?;
    cx.say_private(borrower, text, vec![vec![extend]], Some(community.chat_id))
        .await?;
    Ok(())
}

/// The reminders of a loan due on `due_date`: the day before, the day, when overdue, and the
/// workers' escalation (those already past are skipped).
async fn schedule_loan_jobs(
    cx: &mut Ctx<'_>,
    loan: i64,
    community: i64,
    borrower: i64,
    due_date: NaiveDate,
) -> Flow {
    let e = cx.engine;
    let r = &e.cfg.reminders;
    let plan = [
        (
            JobKind::LoanDueSoon,
            due_date - Duration::days(1),
            Some(borrower),
        ),
        (JobKind::LoanDue, due_date, Some(borrower)),
        (
            JobKind::LoanOverdue,
            due_date + Duration::days(r.overdue_every_days),
            Some(borrower),
        ),
        (
            JobKind::LoanEscalate,
            due_date + Duration::days(r.escalate_after_days),
            None,
        ),
    ];
    for (kind, day, member) in plan {
        let at = e.remind_on(day);
        if at > cx.now {
            jobs::schedule(&mut cx.tx, kind, Some(community), member, loan, at, cx.now).await?;
        }
    }
    Ok(())
}

/// An active loan and its listing, the loan read again after the listing is locked (a return
/// or an extension committed meanwhile is seen).
async fn locked_active_loan(cx: &mut Ctx<'_>, loan_id: i64) -> Flow<Option<(Loan, Listing)>> {
    let Some(first) = loans::get(&mut cx.tx, loan_id).await? else {
        return Ok(None);
    };
    let Some(l) = db::listing_for_update(&mut cx.tx, first.listing_id).await? else {
        return Ok(None);
    };
    Ok(loans::get(&mut cx.tx, loan_id)
        .await?
        .filter(|l| l.active)
        .map(|loan| (loan, l)))
}

/// A loan's button pressed: the loan must still be out.
async fn active_loan(cx: &mut Ctx<'_>, loan_id: i64) -> Flow<(Loan, Listing)> {
    Ok(locked_active_loan(cx, loan_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?)
}

/// A return said in words. The lender's "还回来了" confirms it when one loan of theirs is out
/// (with several, the buttons to choose); the borrower's "我还了" asks the lender to confirm,
/// with the button. Anyone else is told they have nothing lent or borrowed.
pub async fn returned_in_words(cx: &mut Ctx<'_>) -> Flow {
    let lent = loans::active_of(&mut cx.tx, cx.me.id, true).await?;
    if let [only] = lent.as_slice() {
        return confirm_return(cx, only.id).await;
    }
    let loc = cx.my_locale();
    let me = cx.me.clone();
    if !lent.is_empty() {
        let mut rows = Vec::new();
        for loan in &lent {
            let Some(l) = db::listing_for_update(&mut cx.tx, loan.listing_id).await? else {
                continue;
            };
            let label = cx.t(
                loc,
                "button-returned-which",
                &[("id", l.id.into()), ("title", l.title.clone().into())],
            );
            let t = CallbackTarget::claim(Action::Returned, loan.id, me.id);
            rows.push(vec![cx.button(label, &t).await?]);
        }
        let text = cx.t(loc, "loan-returned-which", &[]);
        cx.say_private(&me, text, rows, None).await?;
        return Ok(());
    }
    let borrowed = loans::active_of(&mut cx.tx, me.id, false).await?;
    if borrowed.is_empty() {
        return Err(Refusal::new("err-no-loan").into());
    }
    for loan in borrowed {
        let Some(l) = db::listing_for_update(&mut cx.tx, loan.listing_id).await? else {
            continue;
        };
        let lender = cx.member(loan.lender_id).await?;
        let lloc = cx.locale_of(&lender);
        let args = [
            ("id", l.id.into()),
            ("title", l.title.clone().into()),
            ("name", me.name.clone().into()),
        ];
        let text = cx.t(lloc, "loan-borrower-says-returned", &args);
        let t = CallbackTarget::claim(Action::Returned, loan.id, lender.id);
        let b = cx.button_t(lloc, "button-returned", &t).await?;
        cx.notify(&lender, text, vec![vec![b]], None).await?;
        let text = cx.t(
            loc,
            "loan-asked-lender",
            &[
                ("id", l.id.into()),
                ("title", l.title.clone().into()),
                ("name", lender.name.clone().into()),
            ],
        );
        cx.say_private(&me, text, Vec::new(), None).await?;
    }
    Ok(())
}

/// The lender confirms the item came back: the loan ends, the held points go to the lender,
/// and no reminder about it is sent again.
pub async fn confirm_return(cx: &mut Ctx<'_>, loan_id: i64) -> Flow {
    let loan = loans::get(&mut cx.tx, loan_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    let l = db::listing_for_update(&mut cx.tx, loan.listing_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    let loan = loans::get(&mut cx.tx, loan_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    if !loan.active {
        return Err(Refusal::new("err-listing-closed").arg("id", l.id).into());
    }
    let c = db::claim(&mut cx.tx, loan.claim_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    settle(cx, &l, &c, TransferKind::Release).await?;
    loans::set_returned(&mut cx.tx, loan.id, cx.now).await?;
    db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Confirmed, None, cx.now).await?;
    jobs::cancel(&mut cx.tx, &JobKind::LOAN, loan.id).await?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let borrower = cx.member(loan.borrower_id).await?;
    // A thing lent is there to be lent again: the listing opens, its card gets its button
    // back, and whoever asked to be told when it is free hears it.
    reopen(cx, &l).await?;
    let args = |name: &str| -> Args {
        vec![
            ("id", l.id.into()),
            ("title", l.title.clone().into()),
            ("points", c.points.into()),
            ("name", name.into()),
        ]
    };
    let text = cx.engine.tv(
        cx.locale_of(&borrower),
        "loan-returned-borrower",
        &args(&cx.me.name),
    );
    cx.say_private(&borrower, text, Vec::new(), Some(community.chat_id))
        .await?;
    let loc = cx.my_locale();
    let text = cx
        .engine
        .tv(loc, "loan-returned-lender", &args(&borrower.name));
    let text = format!(
        "{text}\n{}",
        cx.engine.tv(loc, "loan-lend-again", &args(""))
    );
    let withdraw = CallbackTarget::listing(Action::Withdraw, l.id, cx.me.id);
    let withdraw = cx.button_t(loc, "button-withdraw", &withdraw).await?;
    cx.reply(text, vec![vec![withdraw]]).await?;
    ask_for_ratings(cx, &l, &c).await
}

/// "多借两天" in words: the borrower's loan due soonest asks its lender for that many days.
pub async fn more_days_in_words(cx: &mut Ctx<'_>, days: i64) -> Flow {
    let borrowed = loans::active_of(&mut cx.tx, cx.me.id, false).await?;
    let Some(loan) = borrowed.iter().min_by_key(|l| (l.due_at, l.id)) else {
        return Err(Refusal::new("err-no-loan").into());
    };
    ask_extension_for(cx, loan.id, days).await
}

/// The borrower asks for more days; the lender gets Accept / Decline.
pub async fn ask_extension(cx: &mut Ctx<'_>, loan_id: i64) -> Flow {
    let days = cx.engine.cfg.reminders.loan_extension_days;
    ask_extension_for(cx, loan_id, days).await
}

/// The borrower asks for `days` more days; the lender gets Accept / Decline.
async fn ask_extension_for(cx: &mut Ctx<'_>, loan_id: i64, days: i64) -> Flow {
    let (loan, l) = active_loan(cx, loan_id).await?;
    if loan.extension_days.is_some() {
        return Err(Refusal::new("err-extension-pending").into());
    }
    loans::set_extension(&mut cx.tx, loan.id, Some(days)).await?;
    let lender = cx.member(loan.lender_id).await?;
    let loc = cx.locale_of(&lender);
    let text = cx.t(
        loc,
        "loan-extend-ask",
        &[
            ("name", cx.me.name.clone().into()),
            ("title", l.title.clone().into()),
            ("days", days.into()),
        ],
    );
    let ok = CallbackTarget::claim(Action::ExtendOk, loan.id, lender.id);
    let ok = cx.button_t(loc, "button-accept", &ok).await?;
    let no = CallbackTarget::claim(Action::ExtendNo, loan.id, lender.id);
    let no = cx.button_t(loc, "button-decline", &no).await?;
    cx.say_private(&lender, text, vec![vec![ok, no]], None)
        .await?;
    let text = cx.t(
        cx.my_locale(),
        "loan-extend-asked",
        &[("name", lender.name.clone().into())],
    );
    cx.reply(text, Vec::new()).await
}

/// The lender answers a request for more days.
pub async fn answer_extension(cx: &mut Ctx<'_>, loan_id: i64, accept: bool) -> Flow {
    let (loan, l) = active_loan(cx, loan_id).await?;
    let Some(days) = loan.extension_days else {
        return Err(Refusal::new("err-already-decided").arg("id", l.id).into());
    };
    let borrower = cx.member(loan.borrower_id).await?;
    let bloc = cx.locale_of(&borrower);
    let mut args: Args = vec![
        ("name", cx.me.name.clone().into()),
        ("title", l.title.clone().into()),
    ];
    if !accept {
        loans::set_extension(&mut cx.tx, loan.id, None).await?;
        let text = cx.engine.tv(bloc, "loan-extend-no", &args);
        cx.say_private(&borrower, text, Vec::new(), None).await?;
        return Ok(());
    }
    // From the old due date, or from today when the loan is already overdue.
    let e = cx.engine;
    let due_date = e.local_date(loan.due_at).max(e.local_date(cx.now)) + Duration::days(days);
    loans::set_due(&mut cx.tx, loan.id, e.remind_on(due_date)).await?;
    jobs::cancel(&mut cx.tx, &JobKind::LOAN, loan.id).await?;
    schedule_loan_jobs(cx, loan.id, l.community_id, borrower.id, due_date).await?;
    let date = due_date.format("%m-%d").to_string();
    args.push(("date", date.clone().into()));
    let text = cx.engine.tv(bloc, "loan-extend-ok", &args);
    cx.say_private(&borrower, text, Vec::new(), None).await?;
    let text = cx.t(cx.my_locale(), "loan-extend-done", &[("date", date.into())]);
    cx.reply(text, Vec::new()).await
}

/// The borrower's reminder before, on or after the due day (jobs `loan_due_soon`,
/// `loan_due`, `loan_overdue`), with a button to ask for more days. After downtime one
/// reminder says it all; while the item stays out, another follows every few days.
pub async fn remind_borrower(cx: &mut Ctx<'_>, job: &Job, chat: Option<i64>) -> Flow {
    let Some((loan, l)) = locked_active_loan(cx, job.ref_id).await? else {
        return Ok(());
    };
    let (Some(borrower), Some(lender)) = (
        members::member_by_id(&mut cx.tx, loan.borrower_id).await?,
        members::member_by_id(&mut cx.tx, loan.lender_id).await?,
    ) else {
        return Ok(());
    };
    let e = cx.engine;
    let (due_date, today) = (e.local_date(loan.due_at), e.local_date(cx.now));
    // A "due tomorrow" that runs on or after the day is replaced by the day's own reminder.
    if job.kind == JobKind::LoanDueSoon && today >= due_date {
        return Ok(());
    }
    let key = match job.kind {
        JobKind::LoanDueSoon => "loan-due-soon",
        JobKind::LoanDue if today <= due_date => "loan-due-today",
        _ => "loan-overdue",
    };
    let loc = cx.locale_of(&borrower);
    let args: Args = vec![
        ("title", l.title.clone().into()),
        ("name", lender.name.clone().into()),
        ("date", e.short_date(loan.due_at).into()),
        ("days", (today - due_date).num_days().into()),
    ];
    let mut text = e.tv(loc, key, &args);
    if cx.now - job.due_at > 6 * 3600 && job.kind != JobKind::LoanOverdue {
        text = format!("{} {}", e.t(loc, "reminder-late", &[]), text);
    }
    let extend = CallbackTarget::claim(Action::Extend, loan.id, borrower.id);
    let extend = cx.button_t(loc, "button-extend", &extend).await?;
    cx.notify(&borrower, text, vec![vec![extend]], chat).await?;
    // Overdue: the lender hears it too, with the button for when it comes back.
    if key == "loan-overdue" {
        let lloc = cx.locale_of(&lender);
        let largs: Args = vec![
            ("title", l.title.clone().into()),
            ("name", borrower.name.clone().into()),
            ("days", (today - due_date).num_days().into()),
        ];
        let text = e.tv(lloc, "loan-overdue-lender", &largs);
        let back = CallbackTarget::claim(Action::Returned, loan.id, lender.id);
        let back = cx.button_t(lloc, "button-returned", &back).await?;
        cx.notify(&lender, text, vec![vec![back]], chat).await?;
    }
    jobs::cancel_due(&mut cx.tx, &DUE_REMINDERS, loan.id, cx.now).await?;
    if job.kind != JobKind::LoanDueSoon && today > due_date {
        // Overdue: remind again in a few days while it stays out.
        let next = e.remind_on(today + Duration::days(e.cfg.reminders.overdue_every_days));
        jobs::schedule(
            &mut cx.tx,
            JobKind::LoanOverdue,
            job.community_id,
            Some(borrower.id),
            loan.id,
            next,
            cx.now,
        )
        .await?;
    }
    Ok(())
}

/// A loan still out a week after its day: the workers are told (job `loan_escalate`).
pub async fn escalate(cx: &mut Ctx<'_>, job: &Job) -> Flow {
    let Some((loan, l)) = locked_active_loan(cx, job.ref_id).await? else {
        return Ok(());
    };
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let name = |m: Option<Member>| m.map(|m| m.name).unwrap_or_default();
    let borrower = name(members::member_by_id(&mut cx.tx, loan.borrower_id).await?);
    let lender = name(members::member_by_id(&mut cx.tx, loan.lender_id).await?);
    let days = (cx.engine.local_date(cx.now) - cx.engine.local_date(loan.due_at)).num_days();
    let args: Args = vec![
        ("id", l.id.into()),
        ("title", l.title.clone().into()),
        ("borrower", borrower.into()),
        ("lender", lender.into()),
        ("days", days.into()),
        ("community", community.title.clone().into()),
    ];
    cx.tell_workers(&community, "loan-escalated", &args, &[])
        .await
}
