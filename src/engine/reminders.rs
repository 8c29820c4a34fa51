//! Reminders: what each scheduled job does, quiet hours, loans (return, extension), listing
//! renewal, and `/reminders` with its snooze and stop buttons.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone};
use fluent_bundle::FluentValue;

use super::{Ctx, Engine, EngineError, Flow, Refusal};
use crate::config::RemindersConfig;
use crate::domain::{AccountKind, Action, ClaimStatus, ListingStatus, TransferKind};
use crate::jobs::scheduler::{self, Job, JobKind};
use crate::ledger;
use crate::store::listings::{self as db, CallbackTarget};
use crate::store::members::{self, Member};
use crate::store::outbox::{self, Button, OutMsg};
use crate::store::{loans, Tx};

/// Jobs about a loan.
pub(crate) const LOAN_JOBS: [JobKind; 4] = [
    JobKind::LoanDueSoon,
    JobKind::LoanDue,
    JobKind::LoanOverdue,
    JobKind::LoanEscalate,
];
/// Jobs about an open listing.
pub(crate) const LISTING_JOBS: [JobKind; 2] = [JobKind::ListingCheck, JobKind::ListingExpire];

/// Most lines of one message to a member in simple mode.
pub const SIMPLE_MAX_LINES: usize = 3;

impl Engine {
    fn time_setting(&self, s: &str) -> NaiveTime {
        RemindersConfig::time_of(s).unwrap_or(NaiveTime::MIN)
    }

    /// The community's local date at `ts`.
    pub(crate) fn local_date(&self, ts: i64) -> NaiveDate {
        DateTime::from_timestamp(ts, 0)
            .unwrap_or_default()
            .with_timezone(&self.cfg.timezone())
            .date_naive()
    }

    /// `date` at `time` in the community's time zone, as stored.
    pub(crate) fn local_ts(&self, date: NaiveDate, time: NaiveTime) -> i64 {
        let tz = self.cfg.timezone();
        tz.from_local_datetime(&date.and_time(time))
            .earliest()
            .map(|t| t.timestamp())
            .unwrap_or_else(|| date.and_time(time).and_utc().timestamp())
    }

    /// The reminder time of day on `date`.
    pub(crate) fn remind_on(&self, date: NaiveDate) -> i64 {
        self.local_ts(date, self.time_setting(&self.cfg.reminders.remind_at))
    }

    /// `MM-DD` of a stored time, in the community's time zone.
    pub(crate) fn short_date(&self, ts: i64) -> String {
        self.local_date(ts).format("%m-%d").to_string()
    }

    /// When quiet hours end, if `now` is inside them: the community's own (for the group chat
    /// `chat`), else the configured default.
    pub(crate) fn quiet_until(&self, now: i64, chat: Option<i64>) -> Option<i64> {
        let r = &self.cfg.reminders;
        let own = chat.and_then(|c| self.cfg.community(c));
        let start = own
            .and_then(|c| c.quiet_start.as_deref())
            .unwrap_or(&r.quiet_start);
        let end = own
            .and_then(|c| c.quiet_end.as_deref())
            .unwrap_or(&r.quiet_end);
        let (start, end) = (self.time_setting(start), self.time_setting(end));
        if start == end {
            return None;
        }
        let local = DateTime::from_timestamp(now, 0)?.with_timezone(&self.cfg.timezone());
        let t = local.time();
        let quiet = if start < end {
            t >= start && t < end
        } else {
            t >= start || t < end
        };
        if !quiet {
            return None;
        }
        let date = if start > end && t >= start {
            local.date_naive() + Duration::days(1)
        } else {
            local.date_naive()
        };
        Some(self.local_ts(date, end))
    }

    /// A private message to `member` about something in the group `chat`: held until they
    /// open a private chat with the bot, and until quiet hours end unless it answers something
    /// they just did.
    pub(crate) fn private_msg(
        &self,
        member: &Member,
        text: String,
        buttons: Vec<Vec<Button>>,
        now: i64,
        urgent: bool,
        chat: Option<i64>,
    ) -> OutMsg {
        let mut m = OutMsg::send(member.id, text, buttons);
        if member.simple {
            m.max_lines = Some(SIMPLE_MAX_LINES);
        }
        if !member.dm_open {
            m.hold_for = Some(member.id);
        }
        if !urgent {
            m.not_before = self.quiet_until(now, chat);
        }
        m
    }

    /// An active loan and its listing, the loan read again after the listing is locked (a
    /// return or an extension committed meanwhile is seen).
    async fn locked_active_loan(
        &self,
        tx: &mut Tx,
        loan_id: i64,
    ) -> Result<Option<(loans::Loan, db::Listing)>, EngineError> {
        let Some(first) = loans::get(tx, loan_id).await? else {
            return Ok(None);
        };
        let Some(l) = db::listing_for_update(tx, first.listing_id).await? else {
            return Ok(None);
        };
        Ok(loans::get(tx, loan_id)
            .await?
            .filter(|l| l.active)
            .map(|loan| (loan, l)))
    }

    /// Runs one due job inside `tx`; returns the outbox rows it wrote.
    pub async fn run_job(&self, tx: &mut Tx, job: &Job, now: i64) -> Result<Vec<i64>, EngineError> {
        let mut out = Vec::new();
        let late = now - job.due_at > 6 * 3600;
        // The group the job is about, for its quiet hours.
        let chat = match job.community_id {
            Some(id) => Some(members::community_by_id(tx, id).await?.chat_id),
            None => None,
        };
        match job.kind {
            JobKind::LoanDueSoon | JobKind::LoanDue | JobKind::LoanOverdue => {
                let Some((loan, l)) = self.locked_active_loan(tx, job.ref_id).await? else {
                    return Ok(out);
                };
                let (Some(borrower), Some(lender)) = (
                    members::member_by_id(tx, loan.borrower_id).await?,
                    members::member_by_id(tx, loan.lender_id).await?,
                ) else {
                    return Ok(out);
                };
                let due_date = self.local_date(loan.due_at);
                let today = self.local_date(now);
                // A "due tomorrow" that runs on or after the day is replaced by the day's own reminder.
                if job.kind == JobKind::LoanDueSoon && today >= due_date {
                    return Ok(out);
                }
                let key = match job.kind {
                    JobKind::LoanDueSoon => "loan-due-soon",
                    JobKind::LoanDue if today <= due_date => "loan-due-today",
                    _ => "loan-overdue",
                };
                let days_over = (today - due_date).num_days();
                let loc = borrower.lang.unwrap_or(self.default_locale);
                let mut text = {
                    let args: Vec<(&str, FluentValue)> = vec![
                        ("title", l.title.clone().into()),
                        ("name", lender.name.clone().into()),
                        ("date", self.short_date(loan.due_at).into()),
                        ("days", days_over.into()),
                    ];
                    self.t(loc, key, &args)
                };
                if late && job.kind != JobKind::LoanOverdue {
                    text = format!("{} {}", self.t(loc, "reminder-late", &[]), text);
                }
                let extend = self
                    .button(
                        tx,
                        loc,
                        "button-extend",
                        CallbackTarget::claim(Action::Extend, loan.id, borrower.id),
                        now,
                    )
                    .await?;
                let m = self.private_msg(&borrower, text, vec![vec![extend]], now, false, chat);
                out.push(outbox::enqueue(tx, &m, None, now).await?);
                // After downtime, one reminder says it all: the others already due are dropped.
                sqlx::query(
                    "UPDATE jobs SET status = 'cancelled' WHERE ref_id = $1 AND status = 'pending' AND due_at <= $2
                     AND kind IN ('loan_due_soon', 'loan_due', 'loan_overdue')",
                )
                .bind(loan.id)
                .bind(now)
                .execute(&mut **tx)
                .await?;
                if job.kind != JobKind::LoanDueSoon && today > due_date {
                    // Overdue: remind again in a few days while it stays out.
                    let next = self
                        .remind_on(today + Duration::days(self.cfg.reminders.overdue_every_days));
                    scheduler::schedule(
                        tx,
                        JobKind::LoanOverdue,
                        job.community_id,
                        Some(borrower.id),
                        loan.id,
                        next,
                        now,
                    )
                    .await?;
                }
            }
            JobKind::LoanEscalate => {
                let Some((loan, l)) = self.locked_active_loan(tx, job.ref_id).await? else {
                    return Ok(out);
                };
                let community = members::community_by_id(tx, l.community_id).await?;
                let names = (
                    members::member_by_id(tx, loan.borrower_id)
                        .await?
                        .map(|m| m.name)
                        .unwrap_or_default(),
                    members::member_by_id(tx, loan.lender_id)
                        .await?
                        .map(|m| m.name)
                        .unwrap_or_default(),
                );
                let days = (self.local_date(now) - self.local_date(loan.due_at)).num_days();
                let args = [
                    ("id", l.id.to_string()),
                    ("title", l.title.clone()),
                    ("borrower", names.0),
                    ("lender", names.1),
                    ("days", days.to_string()),
                    ("community", community.title.clone()),
                ];
                out.extend(
                    self.tell_workers(tx, &community, "loan-escalated", &args, now)
                        .await?,
                );
            }
            JobKind::HandoverNudge => {
                // Read the claim again once its listing is locked: it may have just been confirmed.
                let Some(first) = db::claim(tx, job.ref_id).await? else {
                    return Ok(out);
                };
                let Some(l) = db::listing_for_update(tx, first.listing_id).await? else {
                    return Ok(out);
                };
                let Some(c) = db::claim(tx, job.ref_id)
                    .await?
                    .filter(|c| c.status == ClaimStatus::Accepted)
                else {
                    return Ok(out);
                };
                let Some(m) = members::member_by_id(tx, job.member_id.unwrap_or_default()).await?
                else {
                    return Ok(out);
                };
                let other = if m.id == c.giver_id {
                    c.receiver_id
                } else {
                    c.giver_id
                };
                let other = members::member_by_id(tx, other)
                    .await?
                    .map(|m| m.name)
                    .unwrap_or_default();
                let loc = m.lang.unwrap_or(self.default_locale);
                let key = if m.id == c.receiver_id {
                    "nudge-receiver"
                } else {
                    "nudge-giver"
                };
                let text = self.t(
                    loc,
                    key,
                    &[
                        ("id", l.id.into()),
                        ("title", l.title.clone().into()),
                        ("name", other.into()),
                        ("days", self.cfg.reminders.handover_nudge_days.into()),
                    ],
                );
                let msg = self.private_msg(&m, text, Vec::new(), now, false, chat);
                out.push(outbox::enqueue(tx, &msg, None, now).await?);
            }
            JobKind::ListingCheck => {
                let Some(l) = db::listing_for_update(tx, job.ref_id)
                    .await?
                    .filter(|l| l.status == ListingStatus::Open)
                else {
                    return Ok(out);
                };
                let Some(owner) = members::member_by_id(tx, l.owner_id).await? else {
                    return Ok(out);
                };
                let loc = owner.lang.unwrap_or(self.default_locale);
                let r = &self.cfg.reminders;
                let expires = job.due_at + (r.listing_expire_days - r.listing_check_days) * 86_400;
                let text = self.t(
                    loc,
                    "listing-check",
                    &[
                        ("id", l.id.into()),
                        ("title", l.title.clone().into()),
                        ("date", self.short_date(expires).into()),
                    ],
                );
                let renew = self
                    .button(
                        tx,
                        loc,
                        "button-renew",
                        CallbackTarget::listing(Action::Renew, l.id, owner.id),
                        now,
                    )
                    .await?;
                let withdraw = self
                    .button(
                        tx,
                        loc,
                        "button-withdraw",
                        CallbackTarget::listing(Action::Withdraw, l.id, owner.id),
                        now,
                    )
                    .await?;
                let msg =
                    self.private_msg(&owner, text, vec![vec![renew, withdraw]], now, false, chat);
                out.push(outbox::enqueue(tx, &msg, None, now).await?);
            }
            JobKind::ListingExpire => {
                let Some(l) = db::listing_for_update(tx, job.ref_id)
                    .await?
                    .filter(|l| l.status == ListingStatus::Open)
                else {
                    return Ok(out);
                };
                db::set_listing_status(tx, l.id, ListingStatus::Expired, now).await?;
                let community = members::community_by_id(tx, l.community_id).await?;
                if let Some(card) = l.card_outbox_id {
                    let gloc = self.group_locale(community.chat_id);
                    let owner = members::member_by_id(tx, l.owner_id)
                        .await?
                        .map(|m| m.name)
                        .unwrap_or_default();
                    let text = format!(
                        "{}\n{}",
                        self.t(
                            gloc,
                            if l.kind == crate::domain::ListingKind::Offer {
                                "card-offer"
                            } else {
                                "card-request"
                            },
                            &[("id", l.id.into()), ("title", l.title.clone().into())]
                        ),
                        self.t(gloc, "card-status-expired", &[("name", owner.into())])
                    );
                    out.push(
                        outbox::enqueue(
                            tx,
                            &OutMsg::edit(community.chat_id, card, text, Vec::new()),
                            None,
                            now,
                        )
                        .await?,
                    );
                }
                if let Some(owner) = members::member_by_id(tx, l.owner_id).await? {
                    let loc = owner.lang.unwrap_or(self.default_locale);
                    let text = self.t(
                        loc,
                        "listing-expired",
                        &[("id", l.id.into()), ("title", l.title.clone().into())],
                    );
                    let msg = self.private_msg(&owner, text, Vec::new(), now, false, chat);
                    out.push(outbox::enqueue(tx, &msg, None, now).await?);
                }
            }
            JobKind::Topic => {
                let topics = &self.cfg.reminders.topics;
                if topics.is_empty() {
                    return Ok(out);
                }
                let done: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM jobs WHERE kind = 'topic' AND status = 'done'",
                )
                .fetch_one(&mut **tx)
                .await?;
                let topic = &topics[done as usize % topics.len()];
                let chats: Vec<(i64,)> =
                    sqlx::query_as("SELECT chat_id FROM communities ORDER BY id")
                        .fetch_all(&mut **tx)
                        .await?;
                for (chat,) in chats {
                    let text = self.t(
                        self.group_locale(chat),
                        "topic-post",
                        &[("topic", topic.clone().into())],
                    );
                    let mut m = OutMsg::send(chat, text, Vec::new());
                    m.not_before = self.quiet_until(now, Some(chat));
                    out.push(outbox::enqueue(tx, &m, None, now).await?);
                }
            }
            JobKind::DisputeRaise | JobKind::DisputeAdmins => {
                out.extend(self.run_dispute_job(tx, job, now).await?);
            }
            JobKind::Statement => {
                let ids: Vec<i64> =
                    sqlx::query_scalar("SELECT id FROM members WHERE statement = 1 ORDER BY id")
                        .fetch_all(&mut **tx)
                        .await?;
                for id in ids {
                    let Some(m) = members::member_by_id(tx, id).await? else {
                        continue;
                    };
                    let loc = m.lang.unwrap_or(self.default_locale);
                    let mut lines = vec![self.t(
                        loc,
                        "statement-title",
                        &[("date", self.short_date(now).into())],
                    )];
                    for c in members::communities_of(tx, m.id).await? {
                        let account = ledger::account(tx, c.id, AccountKind::Member, m.id).await?;
                        let balance = ledger::balance(tx, account).await?;
                        let month_start = now - 31 * 86_400;
                        let (got, gave): (i64, i64) = sqlx::query_as(
                            "SELECT CAST(COALESCE(SUM(CASE WHEN e.amount > 0 THEN e.amount ELSE 0 END), 0) AS BIGINT),
                                    CAST(COALESCE(SUM(CASE WHEN e.amount < 0 THEN -e.amount ELSE 0 END), 0) AS BIGINT)
                             FROM entries e JOIN transfers t ON t.id = e.transfer_id WHERE e.account_id = $1 AND t.created_at >= $2",
                        )
                        .bind(account)
                        .bind(month_start)
                        .fetch_one(&mut **tx)
                        .await?;
                        lines.push(self.t(
                            loc,
                            "statement-line",
                            &[
                                ("community", c.title.into()),
                                ("balance", balance.into()),
                                ("earned", got.into()),
                                ("spent", gave.into()),
                            ],
                        ));
                    }
                    let msg = self.private_msg(&m, lines.join("\n"), Vec::new(), now, false, None);
                    out.push(outbox::enqueue(tx, &msg, None, now).await?);
                }
            }
        }
        Ok(out)
    }

    /// Sends `key` to the community's workers' chat, or to each of its workers privately.
    pub(crate) async fn tell_workers(
        &self,
        tx: &mut Tx,
        community: &members::Community,
        key: &str,
        args: &[(&'static str, String)],
        now: i64,
    ) -> Result<Vec<i64>, EngineError> {
        // Fluent values are not `Sync`: they are made where a text is formatted, never kept across an await.
        let text_in = |loc| {
            let fa: Vec<(&str, FluentValue)> = args
                .iter()
                .map(|(k, v)| (*k, FluentValue::from(v.clone())))
                .collect();
            self.t(loc, key, &fa)
        };
        let cfg = self.cfg.community(community.chat_id);
        if let Some(chat) = cfg.and_then(|c| c.workers_chat_id) {
            let text = text_in(self.group_locale(chat));
            return Ok(vec![
                outbox::enqueue(tx, &OutMsg::send(chat, text, Vec::new()), None, now).await?,
            ]);
        }
        let mut out = Vec::new();
        for w in super::safety::staff_of(tx, &self.cfg, community, false).await? {
            let text = text_in(w.lang.unwrap_or(self.default_locale));
            let msg = self.private_msg(&w, text, Vec::new(), now, false, Some(community.chat_id));
            out.push(outbox::enqueue(tx, &msg, None, now).await?);
        }
        Ok(out)
    }

    /// A button whose meaning (`target`) is stored under an opaque token.
    pub(crate) async fn button(
        &self,
        tx: &mut Tx,
        loc: crate::i18n::Locale,
        label: &str,
        target: CallbackTarget,
        now: i64,
    ) -> Result<Button, EngineError> {
        Ok(Button::callback(
            self.t(loc, label, &[]),
            db::new_callback(tx, &target, now).await?,
        ))
    }
}

/// Schedules the "still available?" check and the expiry of a new or renewed listing.
pub(crate) async fn schedule_listing_jobs(
    cx: &mut Ctx<'_>,
    listing: i64,
    owner: i64,
    community: i64,
) -> Flow {
    let r = &cx.engine.cfg.reminders;
    let check = cx.now + r.listing_check_days * 86_400;
    let expire = cx.now + r.listing_expire_days * 86_400;
    scheduler::schedule(
        &mut cx.tx,
        JobKind::ListingCheck,
        Some(community),
        Some(owner),
        listing,
        check,
        cx.now,
    )
    .await?;
    scheduler::schedule(
        &mut cx.tx,
        JobKind::ListingExpire,
        Some(community),
        Some(owner),
        listing,
        expire,
        cx.now,
    )
    .await?;
    Ok(())
}

/// Starts a loan when the borrower confirms receipt of a lent item: the held points stay in
/// escrow until the lender confirms the return.
pub(crate) async fn start_loan(
    cx: &mut Ctx<'_>,
    l: &db::Listing,
    c: &db::Claim,
    days: Option<i64>,
) -> Flow<i64> {
    let days = days
        .filter(|d| *d > 0)
        .unwrap_or(cx.engine.cfg.reminders.loan_default_days);
    let due_date = cx.engine.local_date(cx.now) + Duration::days(days);
    let due_at = cx.engine.remind_on(due_date);
    let id = loans::insert(
        &mut cx.tx,
        l.id,
        c.id,
        c.giver_id,
        c.receiver_id,
        due_at,
        cx.now,
    )
    .await?;
    schedule_loan_jobs(cx, id, l.community_id, c.receiver_id, due_date).await?;
    Ok(id)
}

async fn schedule_loan_jobs(
    cx: &mut Ctx<'_>,
    loan: i64,
    community: i64,
    borrower: i64,
    due_date: NaiveDate,
) -> Flow {
    let e = cx.engine;
    let r = &e.cfg.reminders;
    let jobs = [
        (
            JobKind::LoanDueSoon,
            e.remind_on(due_date - Duration::days(1)),
            Some(borrower),
        ),
        (JobKind::LoanDue, e.remind_on(due_date), Some(borrower)),
        (
            JobKind::LoanOverdue,
            e.remind_on(due_date + Duration::days(r.overdue_every_days)),
            Some(borrower),
        ),
        (
            JobKind::LoanEscalate,
            e.remind_on(due_date + Duration::days(r.escalate_after_days)),
            None,
        ),
    ];
    for (kind, at, member) in jobs {
        if at > cx.now {
            scheduler::schedule(&mut cx.tx, kind, Some(community), member, loan, at, cx.now)
                .await?;
        }
    }
    Ok(())
}

/// The lender confirms the item came back: the loan ends, the held points go to the lender,
/// and no reminder about it is sent again.
pub(crate) async fn confirm_return(cx: &mut Ctx<'_>, loan_id: i64) -> Flow {
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
    super::listings::settle(cx, &l, &c, TransferKind::Release).await?;
    loans::set_returned(&mut cx.tx, loan.id, cx.now).await?;
    db::set_claim_status(&mut cx.tx, c.id, ClaimStatus::Confirmed, None, cx.now).await?;
    db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Done, cx.now).await?;
    scheduler::cancel(&mut cx.tx, &LOAN_JOBS, loan.id).await?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    let borrower = members::member_by_id(&mut cx.tx, loan.borrower_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let gloc = cx.engine.group_locale(community.chat_id);
    let status = cx.t(
        gloc,
        "card-status-returned",
        &[
            ("giver", cx.me.name.clone().into()),
            ("receiver", borrower.name.clone().into()),
        ],
    );
    super::listings::set_card_status(cx, &l, status).await?;
    let args = |name: String| -> Vec<(&'static str, FluentValue<'static>)> {
        vec![
            ("id", l.id.into()),
            ("title", l.title.clone().into()),
            ("points", c.points.into()),
            ("name", name.into()),
        ]
    };
    let text = cx.t(
        cx.locale_of(&borrower),
        "loan-returned-borrower",
        &args(cx.me.name.clone()),
    );
    cx.say_private(&borrower, text, Vec::new(), Some(community.chat_id))
        .await?;
    let text = cx.t(
        cx.my_locale(),
        "loan-returned-lender",
        &args(borrower.name.clone()),
    );
    let me = cx.me.clone();
    cx.say_private(&me, text, Vec::new(), None).await?;
    super::ratings::ask_for_ratings(cx, &l, &c).await
}

/// The borrower asks for more days; the lender gets Accept / Decline.
pub(crate) async fn ask_extension(cx: &mut Ctx<'_>, loan_id: i64) -> Flow {
    let loan = loans::get(&mut cx.tx, loan_id)
        .await?
        .filter(|l| l.active)
        .ok_or(Refusal::new("err-button-expired"))?;
    let l = db::listing_for_update(&mut cx.tx, loan.listing_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    if loan.extension_days.is_some() {
        return Err(Refusal::new("err-extension-pending").into());
    }
    let days = cx.engine.cfg.reminders.loan_extension_days;
    loans::set_extension(&mut cx.tx, loan.id, Some(days)).await?;
    let lender = members::member_by_id(&mut cx.tx, loan.lender_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
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
    let ok = cx
        .engine
        .button(
            &mut cx.tx,
            loc,
            "button-accept",
            CallbackTarget::claim(Action::ExtendOk, loan.id, lender.id),
            cx.now,
        )
        .await
        .map_err(super::Stop::Fail)?;
    let no = cx
        .engine
        .button(
            &mut cx.tx,
            loc,
            "button-decline",
            CallbackTarget::claim(Action::ExtendNo, loan.id, lender.id),
            cx.now,
        )
        .await
        .map_err(super::Stop::Fail)?;
    cx.say_private(&lender, text, vec![vec![ok, no]], None)
        .await?;
    let text = cx.t(
        cx.my_locale(),
        "loan-extend-asked",
        &[("name", lender.name.clone().into())],
    );
    let me = cx.me.clone();
    cx.say_private(&me, text, Vec::new(), None).await?;
    Ok(())
}

/// The lender answers a request for more days.
pub(crate) async fn answer_extension(cx: &mut Ctx<'_>, loan_id: i64, accept: bool) -> Flow {
    let loan = loans::get(&mut cx.tx, loan_id)
        .await?
        .filter(|l| l.active)
        .ok_or(Refusal::new("err-button-expired"))?;
    let l = db::listing_for_update(&mut cx.tx, loan.listing_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    let Some(days) = loan.extension_days else {
        return Err(Refusal::new("err-already-decided").arg("id", l.id).into());
    };
    let borrower = members::member_by_id(&mut cx.tx, loan.borrower_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let bloc = cx.locale_of(&borrower);
    if accept {
        // From the old due date, or from today when the loan is already overdue.
        let due_date = cx
            .engine
            .local_date(loan.due_at)
            .max(cx.engine.local_date(cx.now))
            + Duration::days(days);
        loans::set_due(&mut cx.tx, loan.id, cx.engine.remind_on(due_date)).await?;
        scheduler::cancel(&mut cx.tx, &LOAN_JOBS, loan.id).await?;
        schedule_loan_jobs(cx, loan.id, l.community_id, borrower.id, due_date).await?;
        let date = due_date.format("%m-%d").to_string();
        let text = cx.t(
            bloc,
            "loan-extend-ok",
            &[
                ("name", cx.me.name.clone().into()),
                ("title", l.title.clone().into()),
                ("date", date.clone().into()),
            ],
        );
        cx.say_private(&borrower, text, Vec::new(), None).await?;
        let text = cx.t(cx.my_locale(), "loan-extend-done", &[("date", date.into())]);
        let me = cx.me.clone();
        cx.say_private(&me, text, Vec::new(), None).await?;
    } else {
        loans::set_extension(&mut cx.tx, loan.id, None).await?;
        let text = cx.t(
            bloc,
            "loan-extend-no",
            &[
                ("name", cx.me.name.clone().into()),
                ("title", l.title.clone().into()),
            ],
        );
        cx.say_private(&borrower, text, Vec::new(), None).await?;
    }
    Ok(())
}

/// The owner says an open listing is still available: the check and expiry start again.
pub(crate) async fn renew_listing(cx: &mut Ctx<'_>, listing_id: i64) -> Flow {
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    if l.status != ListingStatus::Open {
        return Err(Refusal::new("err-listing-not-open").arg("id", l.id).into());
    }
    scheduler::cancel(&mut cx.tx, &LISTING_JOBS, l.id).await?;
    schedule_listing_jobs(cx, l.id, l.owner_id, l.community_id).await?;
    let text = cx.t(cx.my_locale(), "listing-renewed", &[("id", l.id.into())]);
    let me = cx.me.clone();
    cx.say_private(&me, text, Vec::new(), None).await?;
    Ok(())
}

/// `/reminders` (提醒): the member's upcoming reminders, each with Snooze and Stop.
pub(crate) async fn list_reminders(cx: &mut Ctx<'_>) -> Flow {
    let jobs = scheduler::upcoming_for(&mut cx.tx, cx.me.id).await?;
    let loc = cx.my_locale();
    let me = cx.me.clone();
    if jobs.is_empty() {
        let text = cx.t(loc, "reminders-none", &[]);
        cx.say_private(&me, text, Vec::new(), None).await?;
        return Ok(());
    }
    let text = cx.t(
        loc,
        "reminders-title",
        &[("count", (jobs.len() as i64).into())],
    );
    cx.say_private(&me, text, Vec::new(), None).await?;
    for job in jobs {
        let what = cx.t(
            loc,
            &format!("reminder-{}", job.kind.as_str().replace('_', "-")),
            &[],
        );
        let local = DateTime::from_timestamp(job.due_at, 0)
            .unwrap_or_default()
            .with_timezone(&cx.engine.cfg.timezone());
        let text = format!("{} {}", local.format("%m-%d %H:%M"), what);
        let mut row = Vec::new();
        for (label, action) in [
            ("button-snooze", Action::Snooze),
            ("button-stop", Action::Stop),
        ] {
            let t = CallbackTarget {
                action,
                listing_id: None,
                claim_id: None,
                for_member: Some(me.id),
                arg: Some(job.id.to_string()),
            };
            let token = db::new_callback(&mut cx.tx, &t, cx.now).await?;
            row.push(Button::callback(cx.t(loc, label, &[]), token));
        }
        cx.say_private(&me, text, vec![row], None).await?;
    }
    Ok(())
}

/// Snooze (one day later) or stop a reminder from its button.
pub(crate) async fn snooze_or_stop(
    cx: &mut Ctx<'_>,
    query_id: &str,
    job_id: Option<&str>,
    stop: bool,
) -> Flow {
    let id = job_id
        .and_then(|j| j.parse::<i64>().ok())
        .unwrap_or_default();
    let job = scheduler::pending_job_of(&mut cx.tx, id, cx.me.id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    let key = if stop {
        scheduler::set_status(&mut cx.tx, job.id, "cancelled").await?;
        "reminder-stopped"
    } else {
        scheduler::move_job(&mut cx.tx, job.id, job.due_at.max(cx.now) + 86_400).await?;
        "reminder-snoozed"
    };
    let text = cx.t(cx.my_locale(), key, &[]);
    cx.enqueue(OutMsg::answer(cx.me.id, query_id.to_string(), text, false))
        .await?;
    Ok(())
}

/// `/statement on|off`: the monthly points statement.
pub(crate) async fn set_statement(cx: &mut Ctx<'_>, arg: &str) -> Flow {
    let on = match arg.trim().to_lowercase().as_str() {
        "on" | "开" | "开启" | "yes" | "" => true,
        "off" | "关" | "关闭" | "no" => false,
        _ => return Err(Refusal::new("usage-statement").into()),
    };
    sqlx::query("UPDATE members SET statement = $2 WHERE id = $1")
        .bind(cx.me.id)
        .bind(on as i64)
        .execute(&mut *cx.tx)
        .await?;
    let text = cx.t(
        cx.my_locale(),
        if on { "statement-on" } else { "statement-off" },
        &[],
    );
    let me = cx.me.clone();
    cx.say_private(&me, text, Vec::new(), None).await?;
    Ok(())
}
