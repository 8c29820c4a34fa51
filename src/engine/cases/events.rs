//! Offline swap events (旧书交换会, 儿童用品互换会): a social worker creates one in private
//! (`dialogs/event.toml`), it is announced in groups with a card that counts places, residents
//! sign up with the card's button, by replying 报名 / +1 / 接龙 / 我家两个人 to it, or from
//! `/event` in private; a waitlist is promoted in order. The day before and two hours before,
//! each signed-up resident is reminded once. Residents register the things they bring (the
//! event's swap table); at the door a worker or volunteer checks them in by code (a QR code that
//! opens the bot when scanned), by tapping names, or adds walk-ins; attendance points are paid
//! in the check-in's own transaction, once. Swaps on the day are recorded; when it ends,
//! volunteers are paid, attendees are asked for feedback, and the workers get a report.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime};
use serde_json::{Map, Value};

use crate::domain::{
    AccountKind, Action, EventStatus, JobKind, ListingKind, ListingStatus, Recurrence, Resource,
    SignupStatus, TransferKind,
};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::text::{is_word, norm, nth_number, read_number, words_from};
use crate::engine::kernel::{ledger_stop, Args, Flow, Refusal};
use crate::engine::shared::dialog::{self, Outcome};
use crate::i18n::Locale;
use crate::store::dialogs::State;
use crate::store::events::{self as db, Event, Signup};
use crate::store::listings::{self as ldb, CallbackTarget, NewListing};
use crate::store::members::{self, Community, Member};
use crate::store::outbox::Button;

/// Wrong check-in codes one checker may type in [`MISS_WINDOW`] seconds before being stopped.
pub const MAX_MISSES: i64 = 5;
pub const MISS_WINDOW: i64 = 15 * 60;

/// Letters and digits that cannot be mistaken for one another when read aloud or off a screen.
const CODE_CHARS: &[u8] = b"ACDEFHJKMNPRTUVWXY34679";

/// Words that sign up when replied to an event's card (接龙).
const JOIN_WORDS: &[&str] = &[
    "报名",
    "我报名",
    "报名了",
    "+1",
    "＋1",
    "接龙",
    "参加",
    "我参加",
    "算我一个",
    "我也报名",
    "报个名",
    "加我一个",
    "我要参加",
    "我也参加",
    "我也去",
    "我去",
    "我要去",
    "算我",
    "me",
    "me too",
    "join",
    "rsvp",
    "count me in",
    "i'm in",
    "im in",
    "i'll come",
    "i will come",
];
const LEAVE_WORDS: &[&str] = &[
    "取消报名",
    "取消",
    "不去了",
    "去不了",
    "来不了",
    "cancel",
    "can't come",
    "cant come",
    "leave",
];

// ---------------------------------------------------------------------------------------
// Creating and announcing

/// The event flow finished: the event is created, announced and its reminders scheduled.
pub async fn create(cx: &mut Ctx<'_>, st: &State) -> Flow {
    let a = &st.answers;
    let s = |k: &str| {
        a.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let n = |k: &str| a.get(k).and_then(|v| v.as_i64());
    let home = members::community_by_id(&mut cx.tx, n("community").unwrap_or_default()).await?;
    cx.require_worker(&home).await?;
    let date = NaiveDate::parse_from_str(&s("date"), "%Y-%m-%d")
        .map_err(|_| Refusal::new("err-internal"))?;
    let time =
        NaiveTime::parse_from_str(&s("time"), "%H:%M").map_err(|_| Refusal::new("err-internal"))?;
    let starts_at = cx.engine.local_ts(date, time);
    if starts_at <= cx.now {
        return Err(Refusal::new("err-event-past").into());
    }
    let hours = n("hours").unwrap_or(2).max(1);
    let slots = s("slots");
    let theme = Some(s("theme")).filter(|t| !t.is_empty());
    let recurrence = Recurrence::parse(&s("repeat")).unwrap_or(Recurrence::None);
    let new = db::NewEvent {
        community_id: home.id,
        created_by: cx.me.id,
        title: &s("title"),
        theme: theme.as_deref().unwrap_or("any"),
        place: &s("place"),
        starts_at,
        ends_at: starts_at + hours * 3600,
        slots: &slots,
        capacity: n("capacity").unwrap_or(20).max(1),
        item_limit: n("item_limit").unwrap_or(3),
        attend_points: n("attend_points").unwrap_or(0),
        volunteer_points: n("volunteer_points").unwrap_or(0),
        recurrence,
        series_of: None,
    };
    let id = db::create(&mut cx.tx, &new, cx.now).await?;
    let mut groups = vec![home.clone()];
    if s("groups") == "all" {
        for c in served(cx).await? {
            if c.id != home.id {
                groups.push(c);
            }
        }
    }
    let e = db::get(&mut cx.tx, id, false)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    announce(cx, &e, &groups).await?;
    cx.audit(home.id, "event_created", None, None, &format!("#{id}"))
        .await?;
    let names: Vec<String> = groups.iter().map(|g| g.title.clone()).collect();
    let loc = cx.my_locale();
    let when = when_text(cx, loc, &e);
    let text = cx.t(
        loc,
        "event-created",
        &[
            ("event", id.into()),
            ("title", e.title.clone().into()),
            ("when", when.into()),
            ("groups", names.join("、").into()),
        ],
    );
    cx.reply_end(text).await
}

/// The communities where the member acting is a social worker.
async fn served(cx: &mut Ctx<'_>) -> Flow<Vec<Community>> {
    let mut all = Vec::new();
    for chat in members::all_chats(&mut cx.tx).await? {
        if let Some(c) = members::community_by_chat(&mut cx.tx, chat).await? {
            all.push(c);
        }
    }
    cx.served(all).await
}

/// Posts the event's card in each group and schedules its reminders and its end.
async fn announce(cx: &mut Ctx<'_>, e: &Event, groups: &[Community]) -> Flow {
    for g in groups {
        db::add_group(&mut cx.tx, e.id, g.id).await?;
        let (text, buttons) = card(cx, e, g.chat_id).await?;
        let out = cx.say_group(g.chat_id, text, buttons).await?;
        db::set_card(&mut cx.tx, e.id, g.id, out).await?;
    }
    let day = e.starts_at - 86_400;
    let soon = e.starts_at - 2 * 3600;
    let jobs = [
        (JobKind::EventRemindDay, day),
        (JobKind::EventRemindSoon, soon),
        (JobKind::EventEnd, e.ends_at),
    ];
    for (kind, at) in jobs {
        if at > cx.now {
            crate::store::jobs::schedule(
                &mut cx.tx,
                kind,
                Some(e.community_id),
                None,
                e.id,
                at,
                cx.now,
            )
            .await?;
        }
    }
    Ok(())
}

/// "12月6日 星期六 上午9:00" / "Sat 6 Dec, 9:00 am", in the community's time zone.
pub fn when_text(cx: &Ctx<'_>, loc: Locale, e: &Event) -> String {
    let tz = cx.engine.cfg.timezone();
    let t = DateTime::from_timestamp(e.starts_at, 0)
        .unwrap_or_default()
        .with_timezone(&tz);
    let end = DateTime::from_timestamp(e.ends_at, 0)
        .unwrap_or_default()
        .with_timezone(&tz);
    let wd = t.weekday().num_days_from_monday() as usize;
    match loc {
        Locale::ZhCn | Locale::ZhHant => {
            const DAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
            let part = |h: u32| match h {
                0..=5 => "凌晨",
                6..=11 => "上午",
                12 => "中午",
                13..=17 => "下午",
                _ => "晚上",
            };
            let clock = |h: u32, m: u32| format!("{}:{m:02}", if h > 12 { h - 12 } else { h });
            // The end's part of the day only when it differs: 上午9:30–11:30, 上午9:00–下午5:00.
            let end_part = if part(end.hour()) == part(t.hour()) {
                ""
            } else {
                part(end.hour())
            };
            format!(
                "{}月{}日 星期{} {}{}–{}{}",
                t.month(),
                t.day(),
                DAYS[wd],
                part(t.hour()),
                clock(t.hour(), t.minute()),
                end_part,
                clock(end.hour(), end.minute())
            )
        }
        Locale::En => format!(
            "{} {}, {}–{}",
            t.format("%a"),
            t.format("%-d %b"),
            t.format("%-I:%M %P"),
            end.format("%-I:%M %P")
        ),
    }
}

use chrono::Timelike;

/// The card's text and buttons, in the group's language, with places left now.
async fn card(cx: &mut Ctx<'_>, e: &Event, chat_id: i64) -> Flow<(String, Vec<Vec<Button>>)> {
    let loc = cx.engine.group_locale(chat_id);
    let (taken, waiting) = db::counts(&mut cx.tx, e.id).await?;
    let left = (e.capacity - taken).max(0);
    let theme = theme_label(cx, loc, &e.theme);
    let mut args: Args = vec![
        ("event", e.id.into()),
        ("title", e.title.clone().into()),
        ("when", when_text(cx, loc, e).into()),
        ("place", e.place.clone().into()),
        ("capacity", e.capacity.into()),
        ("left", left.into()),
        ("waiting", waiting.into()),
        ("limit", e.item_limit.into()),
        ("theme", theme.into()),
        ("points", e.attend_points.into()),
        ("slots", slots_line(&e.slots).into()),
    ];
    let key = match e.status {
        EventStatus::Cancelled => "event-card-cancelled",
        EventStatus::Done => "event-card-done",
        _ if e.starts_at <= cx.now => "event-card-started",
        EventStatus::Closed => "event-card-closed",
        EventStatus::Open => "event-card",
    };
    args.push(("status", key.into()));
    let text = cx.engine.tv(loc, key, &args);
    if key != "event-card" {
        return Ok((text, Vec::new()));
    }
    let join = event_button(cx, loc, "button-event-join", Action::EventJoin, e.id).await?;
    let mut row = vec![join];
    if e.item_limit > 0 {
        row.push(event_button(cx, loc, "button-event-bring", Action::EventBring, e.id).await?);
    }
    Ok((text, vec![row]))
}

/// A button about event `id`, labelled by the message `key`, for whoever sees it (the case
/// checks who may press it).
async fn event_button(
    cx: &mut Ctx<'_>,
    loc: Locale,
    key: &str,
    action: Action,
    id: i64,
) -> Flow<Button> {
    Ok(cx
        .button_t(loc, key, &CallbackTarget::case(action, id, None))
        .await?)
}

/// The time slots or zones on a line of their own, or nothing.
fn slots_line(slots: &str) -> String {
    if slots.trim().is_empty() {
        String::new()
    } else {
        format!("\n🗂 {}", slots.trim())
    }
}

fn theme_label(cx: &Ctx<'_>, loc: Locale, theme: &str) -> String {
    if theme == "any" {
        cx.t(loc, "event-theme-any", &[])
    } else {
        cx.t(loc, &format!("cat-{theme}"), &[])
    }
}

/// Edits the card in every group the event is announced in (places left, or closed).
async fn refresh_cards(cx: &mut Ctx<'_>, e: &Event) -> Flow {
    for (_, chat, out) in db::groups(&mut cx.tx, e.id).await? {
        if let Some(of) = out {
            let (text, buttons) = card(cx, e, chat).await?;
            cx.edit(chat, of, text, buttons).await?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Signing up and cancelling

/// The event, locked for this update so sign-ups take places one after another.
async fn locked(cx: &mut Ctx<'_>, id: i64) -> Flow<Event> {
    Ok(db::get(&mut cx.tx, id, true)
        .await?
        .ok_or(Refusal::new("err-event-unknown").arg("event", id))?)
}

fn new_code() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    (0..6)
        .map(|_| CODE_CHARS[rng.gen_range(0..CODE_CHARS.len())] as char)
        .collect()
}

async fn unique_code(cx: &mut Ctx<'_>) -> Flow<String> {
    loop {
        let code = new_code();
        if db::signup_by_code(&mut cx.tx, &code).await?.is_none() {
            return Ok(code);
        }
    }
}

/// How a sign-up that does not fit is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// A family bigger than the places left is asked: fewer people now, or all of them wait.
    Ask,
    /// All of them wait (they chose to).
    Wait,
}

/// Signs the member acting up for `people` people: a place if there is room, else the
/// waitlist. `query_id` answers a button; `group` is where they asked (for a private-chat
/// nudge). Says privately what happened, with the check-in code; a helper acting for the
/// resident hears it, and so does the resident.
pub async fn join(
    cx: &mut Ctx<'_>,
    query_id: Option<&str>,
    id: i64,
    people: i64,
    group: Option<i64>,
    fit: Fit,
) -> Flow {
    let e = locked(cx, id).await?;
    let loc = cx.my_locale();
    if e.status != EventStatus::Open || e.starts_at <= cx.now {
        return Err(Refusal::new("err-event-closed")
            .arg("event", e.id)
            .arg("title", e.title.clone())
            .into());
    }
    let people = people.clamp(1, 10);
    let (taken, _) = db::counts(&mut cx.tx, e.id).await?;
    let old = db::signup_of(&mut cx.tx, e.id, cx.me.id).await?;
    if let Some(s) = old.as_ref().filter(|s| s.status != SignupStatus::Cancelled) {
        return change_people(cx, query_id, &e, s, people, taken, group).await;
    }
    let left = e.capacity - taken;
    let status = if people <= left {
        SignupStatus::Confirmed
    } else if left > 0 && fit == Fit::Ask {
        return ask_fewer(cx, query_id, &e, people, left, group).await;
    } else {
        SignupStatus::Waitlist
    };
    let code = match &old {
        Some(s) => s.code.clone(),
        None => unique_code(cx).await?,
    };
    let signed_by = cx.actor.as_ref().map(|a| a.id);
    let sid = db::put_signup(
        &mut cx.tx, e.id, cx.me.id, people, status, &code, signed_by, false, cx.now,
    )
    .await?;
    let s = db::signup(&mut cx.tx, sid)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    refresh_cards(cx, &e).await?;
    let me = cx.me.clone();
    tell_place(cx, &me, &e, &s, group, false).await?;
    if cx.actor.is_some() {
        tell_place(cx, &me, &e, &s, None, true).await?;
    }
    let key = if status == SignupStatus::Confirmed {
        "event-join-toast"
    } else {
        "event-waitlist-toast"
    };
    let text = cx.t(loc, key, &[("title", e.title.clone().into())]);
    match query_id {
        Some(q) if !q.is_empty() => cx.toast(q, text).await,
        _ => Ok(()),
    }
}

/// Someone already signed up asks again, maybe for a different number of people.
async fn change_people(
    cx: &mut Ctx<'_>,
    query_id: Option<&str>,
    e: &Event,
    s: &Signup,
    people: i64,
    taken: i64,
    group: Option<i64>,
) -> Flow {
    let loc = cx.my_locale();
    let fits = s.status == SignupStatus::Confirmed && taken - s.people + people <= e.capacity;
    if s.people == people || !fits {
        let text = already_text(cx, loc, e, s).await?;
        return answer(cx, query_id, text, group).await;
    }
    db::set_signup(&mut cx.tx, s.id, SignupStatus::Confirmed, people, cx.now).await?;
    if people < s.people {
        promote(cx, e).await?;
    }
    refresh_cards(cx, e).await?;
    let text = cx.t(
        loc,
        "event-people-changed",
        &[("title", e.title.clone().into()), ("people", people.into())],
    );
    answer(cx, query_id, text, group).await
}

/// A family bigger than the places left: sign up fewer now, or all wait together.
async fn ask_fewer(
    cx: &mut Ctx<'_>,
    query_id: Option<&str>,
    e: &Event,
    people: i64,
    left: i64,
    group: Option<i64>,
) -> Flow {
    let loc = cx.my_locale();
    let fewer = cx.t(loc, "button-event-join-fewer", &[("people", left.into())]);
    let fewer = cx
        .button(
            fewer,
            &CallbackTarget::case(Action::EventJoin, e.id, Some(left.to_string())),
        )
        .await?;
    let wait = cx.t(loc, "button-event-wait-all", &[("people", people.into())]);
    let wait = cx
        .button(
            wait,
            &CallbackTarget::case(Action::EventWait, e.id, Some(people.to_string())),
        )
        .await?;
    let text = cx.t(
        loc,
        "event-too-few-places",
        &[
            ("title", e.title.clone().into()),
            ("left", left.into()),
            ("people", people.into()),
        ],
    );
    if let Some(q) = query_id.filter(|q| !q.is_empty()) {
        cx.toast(q, String::new()).await?;
    }
    let me = cx.me.clone();
    cx.say_private(&me, text, vec![vec![fewer, wait]], group)
        .await?;
    Ok(())
}

/// Answers the member: a toast for a button, else privately.
async fn answer(
    cx: &mut Ctx<'_>,
    query_id: Option<&str>,
    text: String,
    group: Option<i64>,
) -> Flow {
    match query_id {
        Some(q) if !q.is_empty() => cx.toast(q, text).await,
        _ => {
            let me = cx.me.clone();
            cx.say_private(&me, text, Vec::new(), group).await?;
            Ok(())
        }
    }
}

/// Where the member stands: confirmed (with the code) or n-th on the waitlist.
async fn already_text(cx: &mut Ctx<'_>, loc: Locale, e: &Event, s: &Signup) -> Flow<String> {
    Ok(if s.status == SignupStatus::Confirmed {
        cx.t(
            loc,
            "event-already-in",
            &[
                ("title", e.title.clone().into()),
                ("people", s.people.into()),
                ("code", s.code.clone().into()),
            ],
        )
    } else {
        let pos = waitlist_position(cx, e.id, s.id).await?;
        cx.t(
            loc,
            "event-already-waiting",
            &[("title", e.title.clone().into()), ("position", pos.into())],
        )
    })
}

async fn waitlist_position(cx: &mut Ctx<'_>, event: i64, signup: i64) -> Flow<i64> {
    let w = db::signups(&mut cx.tx, event, SignupStatus::Waitlist).await?;
    Ok(w.iter()
        .position(|s| s.id == signup)
        .map_or(0, |p| p as i64 + 1))
}

/// Tells `m` privately of their place: confirmed, with the check-in code and its QR code
/// (buttons: bring things, cancel), or their place on the waitlist (button: cancel).
async fn tell_place(
    cx: &mut Ctx<'_>,
    m: &Member,
    e: &Event,
    s: &Signup,
    group: Option<i64>,
    direct: bool,
) -> Flow {
    let loc = cx.locale_of(m);
    let leave = event_button(cx, loc, "button-event-leave", Action::EventLeave, e.id).await?;
    let when = when_text(cx, loc, e);
    if s.status == SignupStatus::Confirmed {
        let mut row = Vec::new();
        if e.item_limit > 0 {
            let bring =
                event_button(cx, loc, "button-event-bring", Action::EventBring, e.id).await?;
            row.push(bring);
        }
        row.push(leave);
        let text = cx.t(
            loc,
            "event-joined",
            &[
                ("event", e.id.into()),
                ("title", e.title.clone().into()),
                ("when", when.into()),
                ("place", e.place.clone().into()),
                ("people", s.people.into()),
                ("code", s.code.clone().into()),
                ("limit", e.item_limit.into()),
            ],
        );
        let qr = format!("qr:ci-{}", s.code);
        if direct {
            cx.notify_photos(m, text, vec![row], vec![qr], group)
                .await?;
        } else {
            cx.say_private_photos(m, text, vec![row], vec![qr], group)
                .await?;
        }
    } else {
        let pos = waitlist_position(cx, e.id, s.id).await?;
        let text = cx.t(
            loc,
            "event-waitlisted",
            &[
                ("title", e.title.clone().into()),
                ("when", when.into()),
                ("position", pos.into()),
            ],
        );
        if direct {
            cx.notify(m, text, vec![vec![leave]], group).await?;
        } else {
            cx.say_private(m, text, vec![vec![leave]], group).await?;
        }
    }
    Ok(())
}

/// "Cancel my place": asked first (a typed "1" under a reminder must not lose a place):
/// keep it, or cancel it.
pub async fn ask_leave(
    cx: &mut Ctx<'_>,
    query_id: Option<&str>,
    id: i64,
    group: Option<i64>,
) -> Flow {
    let e = db::get(&mut cx.tx, id, false)
        .await?
        .ok_or(Refusal::new("err-event-unknown").arg("event", id))?;
    let s = live_signup(cx, &e).await?;
    if s.checked_in_at.is_some() || matches!(e.status, EventStatus::Done | EventStatus::Cancelled) {
        return Err(Refusal::new("err-event-leave-late")
            .arg("title", e.title.clone())
            .into());
    }
    let loc = cx.my_locale();
    let keep = event_button(cx, loc, "button-event-coming", Action::EventComing, e.id).await?;
    let go = event_button(cx, loc, "button-event-leave-ok", Action::EventLeaveOk, e.id).await?;
    let text = cx.t(
        loc,
        "event-leave-ask",
        &[
            ("title", e.title.clone().into()),
            ("when", when_text(cx, loc, &e).into()),
        ],
    );
    if let Some(q) = query_id.filter(|q| !q.is_empty()) {
        cx.toast(q, String::new()).await?;
    }
    let me = cx.me.clone();
    cx.say_private(&me, text, vec![vec![keep, go]], group)
        .await?;
    Ok(())
}

/// The member's live sign-up for an event, or a polite refusal.
async fn live_signup(cx: &mut Ctx<'_>, e: &Event) -> Flow<Signup> {
    Ok(db::signup_of(&mut cx.tx, e.id, cx.me.id)
        .await?
        .filter(|s| s.status != SignupStatus::Cancelled)
        .ok_or(Refusal::new("err-event-not-joined").arg("title", e.title.clone()))?)
}

/// "I'll come": the place is kept; the code again.
pub async fn coming(cx: &mut Ctx<'_>, query_id: &str, id: i64) -> Flow {
    let e = db::get(&mut cx.tx, id, false)
        .await?
        .ok_or(Refusal::new("err-event-unknown").arg("event", id))?;
    let s = live_signup(cx, &e).await?;
    let loc = cx.my_locale();
    let text = cx.t(
        loc,
        "event-coming",
        &[
            ("title", e.title.clone().into()),
            ("when", when_text(cx, loc, &e).into()),
            ("place", e.place.clone().into()),
            ("code", s.code.clone().into()),
            ("status", s.status.as_str().into()),
        ],
    );
    if !query_id.is_empty() {
        cx.toast(query_id, String::new()).await?;
    }
    let me = cx.me.clone();
    cx.say_private(&me, text, Vec::new(), None).await?;
    Ok(())
}

/// The member acting cancels their sign-up (confirmed): their things leave the swap table,
/// and the waitlist moves up.
pub async fn leave(cx: &mut Ctx<'_>, query_id: Option<&str>, id: i64, group: Option<i64>) -> Flow {
    let e = locked(cx, id).await?;
    let loc = cx.my_locale();
    let s = db::signup_of(&mut cx.tx, e.id, cx.me.id)
        .await?
        .filter(|s| s.status != SignupStatus::Cancelled)
        .ok_or(Refusal::new("err-event-not-joined").arg("title", e.title.clone()))?;
    if s.checked_in_at.is_some() || matches!(e.status, EventStatus::Done | EventStatus::Cancelled) {
        return Err(Refusal::new("err-event-leave-late")
            .arg("title", e.title.clone())
            .into());
    }
    db::set_signup(&mut cx.tx, s.id, SignupStatus::Cancelled, s.people, cx.now).await?;
    db::withdraw_items(&mut cx.tx, e.id, cx.me.id, cx.now).await?;
    promote(cx, &e).await?;
    refresh_cards(cx, &e).await?;
    let text = cx.t(loc, "event-left", &[("title", e.title.clone().into())]);
    answer(cx, query_id, text, group).await
}

/// Gives free places to the waitlist in order (a family too big for the places left is
/// passed over, not dropped); each promoted resident is told, with their code.
async fn promote(cx: &mut Ctx<'_>, e: &Event) -> Flow {
    let (mut taken, _) = db::counts(&mut cx.tx, e.id).await?;
    for s in db::signups(&mut cx.tx, e.id, SignupStatus::Waitlist).await? {
        if taken + s.people > e.capacity {
            continue;
        }
        taken += s.people;
        db::promote(&mut cx.tx, s.id, cx.now).await?;
        let m = cx.member(s.member_id).await?;
        let s = Signup {
            status: SignupStatus::Confirmed,
            ..s
        };
        let loc = cx.locale_of(&m);
        let text = cx.t(loc, "event-promoted", &[("title", e.title.clone().into())]);
        cx.notify(&m, text, Vec::new(), None).await?;
        tell_place(cx, &m, e, &s, None, true).await?;
    }
    Ok(())
}

/// How many people a 接龙 reply signs up: "我家两个人", "+2", "我们3个", "报名 2人"; 1 when
/// it says no number.
fn people_in(text: &str) -> i64 {
    let raw = text.trim().to_lowercase();
    if let Some(rest) = raw.strip_prefix('+').or_else(|| raw.strip_prefix('＋')) {
        if let Ok(n) = rest.trim().parse::<i64>() {
            return n.max(1);
        }
    }
    let re = regex::Regex::new(
        r"(?:([0-9]+|[一二两三四五六七八九十]|two|three|four|five|six)\s*(?:个人|个|人|位|口人|口|people|persons|of us|adults|kids))|(?:we(?:'re|’re| are)\s+([0-9]+|two|three|four|five|six))",
    )
    .expect("people pattern");
    match re.captures(&raw) {
        Some(c) => c
            .get(1)
            .or(c.get(2))
            .and_then(|n| read_number(n.as_str()))
            .unwrap_or(1)
            .clamp(1, 10),
        None => 1,
    }
}

/// True when a reply to the card asks something (几点, 在哪, 怎么报名, 吗, ?).
fn is_question(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "?",
        "？",
        "吗",
        "几点",
        "在哪",
        "哪里",
        "怎么",
        "什么时候",
        "多少",
        "when",
        "where",
        "how",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// True when a reply to the card asks to sign up (报名, +1, 接龙, 我家两个人 …).
fn says_join(text: &str) -> bool {
    let t = norm(text);
    // "不报名了", "没空报名": not a sign-up.
    if ["不报", "不参加", "不去", "没空", "没法", "不能"]
        .iter()
        .any(|w| t.contains(w))
    {
        return false;
    }
    let lower = text.to_lowercase();
    let we = lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w == "we" || w == "us");
    is_word(text, JOIN_WORDS)
        || [
            "报名",
            "接龙",
            "rsvp",
            "join",
            "countmein",
            "加我",
            "算我",
            "我要参加",
            "我也参加",
        ]
        .iter()
        .any(|w| t.starts_with(w))
        || (t.contains("报名") && !t.contains("取消") && !t.contains('怎') && !t.contains('吗'))
        || text.trim().starts_with(['+', '＋'])
        || (people_in(text) > 1 && (["我家", "我们", "一家"].iter().any(|w| t.contains(w)) || we))
}

/// A reply in a group to an event's card: 报名 / +1 / 接龙 / 我家两个人 sign up, 取消报名
/// cancels; anything else is left alone. False when the message replied to is no event card.
pub async fn reply_to_card(cx: &mut Ctx<'_>, text: &str, message_id: i64) -> Flow<bool> {
    let Some(community) = cx.community.clone() else {
        return Ok(false);
    };
    let Some(id) = db::by_card_message(&mut cx.tx, community.chat_id, message_id).await? else {
        return Ok(false);
    };
    let group = Some(community.chat_id);
    if is_word(text, LEAVE_WORDS) || norm(text).starts_with("取消报名") {
        ask_leave(cx, None, id, group).await?;
    } else if says_join(text) {
        join(cx, None, id, people_in(text), group, Fit::Ask).await?;
    } else if is_question(text) {
        // "几点开始？" replied to the card: the event's details, privately.
        show_to(cx, id, group).await?;
    }
    Ok(true)
}

// ---------------------------------------------------------------------------------------
// In private: /event, /join, /leave

/// `/event` (活动): the events a resident can join, numbered, each with its button; a worker
/// also `/event N …` subcommands (see [`worker_command`]).
pub async fn event_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let args = args.trim();
    if args.is_empty() {
        return list(cx).await;
    }
    let Some(id) = nth_number(args, 0) else {
        return list(cx).await;
    };
    let rest = words_from(args, 1);
    if rest.is_empty() {
        return show(cx, id).await;
    }
    worker_command(cx, id, &rest).await
}

/// The upcoming events of the member's communities, each with a sign-up button (the number
/// typed presses it, for simple mode).
async fn list(cx: &mut Ctx<'_>) -> Flow {
    let loc = cx.my_locale();
    if members::communities_of(&mut cx.tx, cx.me.id)
        .await?
        .is_empty()
    {
        return Err(Refusal::new("err-no-community").into());
    }
    let events = db::upcoming_for(&mut cx.tx, cx.me.id, cx.now).await?;
    if events.is_empty() {
        let text = cx.t(loc, "event-none", &[]);
        return cx.reply_end(text).await;
    }
    let mut lines = vec![cx.t(loc, "event-list-title", &[])];
    let mut rows = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let (taken, _) = db::counts(&mut cx.tx, e.id).await?;
        let mine = db::signup_of(&mut cx.tx, e.id, cx.me.id)
            .await?
            .filter(|s| s.status != SignupStatus::Cancelled);
        lines.push(cx.t(
            loc,
            "event-list-line",
            &[
                ("n", (i as i64 + 1).into()),
                ("event", e.id.into()),
                ("title", e.title.clone().into()),
                ("when", when_text(cx, loc, e).into()),
                ("place", e.place.clone().into()),
                ("left", (e.capacity - taken).max(0).into()),
                (
                    "mine",
                    mine.as_ref().map_or("no", |s| s.status.as_str()).into(),
                ),
            ],
        ));
        let (key, action) = if mine.is_some() {
            ("button-event-show-n", Action::EventShow)
        } else {
            ("button-event-join-n", Action::EventJoin)
        };
        let label = cx.t(
            loc,
            key,
            &[
                ("n", (i as i64 + 1).into()),
                ("title", e.title.clone().into()),
            ],
        );
        let b = cx
            .button(label, &CallbackTarget::case(action, e.id, None))
            .await?;
        rows.push(vec![b]);
    }
    lines.push(cx.t(loc, "event-list-hint", &[]));
    cx.reply(lines.join("\n"), rows).await
}

/// `/event N`: the event, the member's place in it, and its swap table.
pub async fn show(cx: &mut Ctx<'_>, id: i64) -> Flow {
    show_to(cx, id, None).await
}

/// [`show`], privately, with a private-chat nudge in `group` when needed.
async fn show_to(cx: &mut Ctx<'_>, id: i64, group: Option<i64>) -> Flow {
    let e = db::get(&mut cx.tx, id, false)
        .await?
        .ok_or(Refusal::new("err-event-unknown").arg("event", id))?;
    let loc = cx.my_locale();
    let (taken, waiting) = db::counts(&mut cx.tx, e.id).await?;
    let mine = db::signup_of(&mut cx.tx, e.id, cx.me.id)
        .await?
        .filter(|s| s.status != SignupStatus::Cancelled);
    let mut text = cx.t(
        loc,
        "event-show",
        &[
            ("event", e.id.into()),
            ("title", e.title.clone().into()),
            ("when", when_text(cx, loc, &e).into()),
            ("place", e.place.clone().into()),
            ("capacity", e.capacity.into()),
            ("taken", taken.into()),
            ("waiting", waiting.into()),
            ("slots", slots_line(&e.slots).into()),
            ("theme", theme_label(cx, loc, &e.theme).into()),
            ("limit", e.item_limit.into()),
        ],
    );
    if let Some(s) = &mine {
        text.push('\n');
        text.push_str(&already_text(cx, loc, &e, s).await?);
    }
    text.push('\n');
    text.push_str(&swap_table(cx, loc, &e).await?);
    let mut row = Vec::new();
    if mine.is_none() && e.status == EventStatus::Open && e.starts_at > cx.now {
        row.push(event_button(cx, loc, "button-event-join", Action::EventJoin, e.id).await?);
    }
    let have = db::items_of(&mut cx.tx, e.id, cx.me.id).await?;
    if let Some(m) = &mine {
        let open = !matches!(e.status, EventStatus::Done | EventStatus::Cancelled);
        if open && m.status == SignupStatus::Confirmed && have < e.item_limit {
            row.push(event_button(cx, loc, "button-event-bring", Action::EventBring, e.id).await?);
        }
        row.push(event_button(cx, loc, "button-event-leave", Action::EventLeave, e.id).await?);
    }
    let rows = if row.is_empty() {
        Vec::new()
    } else {
        vec![row]
    };
    let me = cx.me.clone();
    cx.say_private(&me, text, rows, group).await?;
    Ok(())
}

/// The swap table: the things registered for the event.
async fn swap_table(cx: &mut Ctx<'_>, loc: Locale, e: &Event) -> Flow<String> {
    let items = db::items(&mut cx.tx, e.id).await?;
    if items.is_empty() {
        return Ok(cx.t(loc, "event-table-empty", &[]));
    }
    let mut lines = vec![cx.t(
        loc,
        "event-table-title",
        &[("count", (items.len() as i64).into())],
    )];
    for (id, title, category, owner, status) in items.iter().take(30) {
        lines.push(cx.t(
            loc,
            "event-table-line",
            &[
                ("id", (*id).into()),
                ("title", title.clone().into()),
                (
                    "category",
                    theme_label(cx, loc, category.as_deref().unwrap_or("other")).into(),
                ),
                ("owner", owner.clone().into()),
                ("status", status.clone().into()),
            ],
        ));
    }
    Ok(lines.join("\n"))
}

/// The member's coming events, one line each with the time, place and code (for "我的").
pub async fn mine_lines(cx: &mut Ctx<'_>, loc: Locale) -> Flow<Vec<String>> {
    let mut lines = Vec::new();
    for e in db::joined_by(&mut cx.tx, cx.me.id, cx.now).await? {
        let Some(s) = db::signup_of(&mut cx.tx, e.id, cx.me.id).await? else {
            continue;
        };
        lines.push(cx.t(
            loc,
            "mine-event",
            &[
                ("event", e.id.into()),
                ("title", e.title.clone().into()),
                ("when", when_text(cx, loc, &e).into()),
                ("place", e.place.clone().into()),
                ("code", s.code.clone().into()),
                ("status", s.status.as_str().into()),
            ],
        ));
    }
    Ok(lines)
}

/// Words asking about one's event: when, where, the code.
const ASK_WORDS: &[&str] = &[
    "几点",
    "什么时候",
    "在哪",
    "哪里",
    "地点",
    "地址",
    "签到码",
    "我的活动",
    "我报名的",
    "二维码",
    "when",
    "what time",
    "where",
    "my code",
    "check-in code",
    "checkin code",
    "my events",
];

/// A question about the events the member signed up for ("几点开始？", "在哪里", "我的签到码",
/// "where is it?"): answered with each one's time, place and code. False when the words are
/// no such question or the member signed up for nothing.
pub async fn ask_about(cx: &mut Ctx<'_>, text: &str) -> Flow<bool> {
    let t = text.to_lowercase();
    if !ASK_WORDS.iter().any(|w| t.contains(w)) {
        return Ok(false);
    }
    let loc = cx.my_locale();
    let lines = mine_lines(cx, loc).await?;
    if lines.is_empty() {
        return Ok(false);
    }
    cx.reply_end(lines.join("\n")).await?;
    Ok(true)
}

/// 取消 / cancel outside a flow from someone with one coming event: cancelling that place
/// is asked (nothing is cancelled without the question). False otherwise.
pub async fn cancel_word(cx: &mut Ctx<'_>) -> Flow<bool> {
    let events = db::joined_by(&mut cx.tx, cx.me.id, cx.now).await?;
    match events.as_slice() {
        [one] => {
            ask_leave(cx, None, one.id, None).await?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// 报名 / +1 / 接龙 written in a group (not a reply) where exactly one event is open for
/// sign-ups: a sign-up for it. False otherwise (the words go on to the parser).
pub async fn join_in_group(cx: &mut Ctx<'_>, text: &str) -> Flow<bool> {
    let Some(community) = cx.community.clone() else {
        return Ok(false);
    };
    if text.chars().count() > 20 || !says_join(text) {
        return Ok(false);
    }
    // An offer or a request is never a sign-up.
    if crate::parse::parse(text, None, &cx.engine.lexicon).kind != crate::parse::Kind::None {
        return Ok(false);
    }
    let open = db::open_in(&mut cx.tx, community.id, cx.now).await?;
    let [id] = open.as_slice() else {
        return Ok(false);
    };
    join(
        cx,
        None,
        *id,
        people_in(text),
        Some(community.chat_id),
        Fit::Ask,
    )
    .await?;
    Ok(true)
}

/// `/join [N] [people]` or 报名 in private: the one upcoming event, or the one numbered.
pub async fn join_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let id = match nth_number(args, 0) {
        Some(id) => id,
        None => {
            let events = db::upcoming_for(&mut cx.tx, cx.me.id, cx.now).await?;
            match events.as_slice() {
                [one] => one.id,
                _ => return list(cx).await,
            }
        }
    };
    let people = nth_number(args, 1).unwrap_or(1);
    join(cx, None, id, people, None, Fit::Ask).await
}

/// `/leave [N]` or 取消报名 in private: the one event joined, or the one numbered.
pub async fn leave_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let id = match nth_number(args, 0) {
        Some(id) => id,
        None => {
            let events = db::joined_by(&mut cx.tx, cx.me.id, cx.now).await?;
            match events.as_slice() {
                [one] => one.id,
                [] => return Err(Refusal::new("err-event-none-joined").into()),
                many => {
                    let ids: Vec<String> = many
                        .iter()
                        .map(|e| format!("#{} {}", e.id, e.title))
                        .collect();
                    return Err(Refusal::new("err-event-which")
                        .arg("events", ids.join("\n"))
                        .into());
                }
            }
        }
    };
    ask_leave(cx, None, id, None).await
}

// ---------------------------------------------------------------------------------------
// Bringing things

/// Only a resident with a place registers things: one waiting is told to wait for it.
async fn confirmed_for_items(cx: &mut Ctx<'_>, e: &Event) -> Flow {
    match db::signup_of(&mut cx.tx, e.id, cx.me.id).await? {
        Some(s) if s.status == SignupStatus::Confirmed => Ok(()),
        Some(s) if s.status == SignupStatus::Waitlist => {
            Err(Refusal::new("err-event-bring-waiting")
                .arg("title", e.title.clone())
                .into())
        }
        _ => Err(Refusal::new("err-event-bring-join")
            .arg("title", e.title.clone())
            .into()),
    }
}

/// "I'll bring things": for a signed-up resident, the flow for one thing (up to the limit).
pub async fn bring(cx: &mut Ctx<'_>, query_id: &str, id: i64) -> Flow<Outcome> {
    let e = db::get(&mut cx.tx, id, false)
        .await?
        .ok_or(Refusal::new("err-event-unknown").arg("event", id))?;
    confirmed_for_items(cx, &e).await?;
    if matches!(e.status, EventStatus::Done | EventStatus::Cancelled) {
        return Err(Refusal::new("err-event-closed")
            .arg("event", e.id)
            .arg("title", e.title.clone())
            .into());
    }
    let have = db::items_of(&mut cx.tx, e.id, cx.me.id).await?;
    if have >= e.item_limit {
        return Err(Refusal::new("err-event-item-limit")
            .arg("limit", e.item_limit)
            .into());
    }
    if !query_id.is_empty() {
        cx.toast(query_id, String::new()).await?;
    }
    let mut answers = Map::new();
    answers.insert("event".into(), Value::from(e.id));
    if e.theme != "any" {
        answers.insert("category".into(), Value::from(e.theme.clone()));
    }
    let loc = cx.my_locale();
    let text = cx.t(
        loc,
        "event-bring-start",
        &[
            ("title", e.title.clone().into()),
            ("theme", theme_label(cx, loc, &e.theme).into()),
            ("have", have.into()),
            ("limit", e.item_limit.into()),
        ],
    );
    cx.reply(text, Vec::new()).await?;
    dialog::start_with(cx, "event_item", answers).await
}

/// The event-item flow finished: the thing is on the event's swap table.
pub async fn add_item(cx: &mut Ctx<'_>, st: &State) -> Flow {
    let a = &st.answers;
    let s = |k: &str| a.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let id = a.get("event").and_then(|v| v.as_i64()).unwrap_or_default();
    let e = locked(cx, id).await?;
    confirmed_for_items(cx, &e).await?;
    let have = db::items_of(&mut cx.tx, e.id, cx.me.id).await?;
    if have >= e.item_limit {
        return Err(Refusal::new("err-event-item-limit")
            .arg("limit", e.item_limit)
            .into());
    }
    let category = s("category").unwrap_or_else(|| "other".into());
    let loc = cx.my_locale();
    if e.theme != "any" && category != e.theme {
        return Err(Refusal::new("err-event-theme")
            .arg("theme", theme_label(cx, loc, &e.theme))
            .into());
    }
    let title = s("what").unwrap_or_default();
    let condition = s("condition");
    let new = NewListing {
        community_id: e.community_id,
        owner_id: cx.me.id,
        kind: ListingKind::Offer,
        resource: Resource::Item,
        mode: Some("swap"),
        title: &title,
        category: Some(&category),
        condition: condition.as_deref(),
        points: 0,
        suggested: 0,
        quantity: None,
        days: None,
        minutes: None,
        source_text: "",
    };
    let lid = ldb::insert_listing(&mut cx.tx, &new, cx.now).await?;
    db::mark_item(&mut cx.tx, lid, e.id).await?;
    let text = cx.t(
        loc,
        "event-item-added",
        &[
            ("id", lid.into()),
            ("what", title.into()),
            ("title", e.title.clone().into()),
            ("have", (have + 1).into()),
            ("limit", e.item_limit.into()),
        ],
    );
    let mut rows = Vec::new();
    if have + 1 < e.item_limit {
        rows.push(vec![
            event_button(cx, loc, "button-event-bring-more", Action::EventBring, e.id).await?,
        ]);
    }
    cx.reply(text, rows).await
}

// ---------------------------------------------------------------------------------------
// At the door

/// True when the member acting may check people in: a worker of the event's community, or
/// one of its volunteers.
async fn at_the_door(cx: &mut Ctx<'_>, e: &Event) -> Flow<bool> {
    let home = members::community_by_id(&mut cx.tx, e.community_id).await?;
    if cx.is_worker(&home, cx.me.id).await? {
        return Ok(true);
    }
    Ok(db::volunteers(&mut cx.tx, e.id).await?.contains(&cx.me.id))
}

/// `/checkin CODE`, `/checkin N CODE`, or a scanned QR code (`/start ci-CODE`).
pub async fn checkin_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let mut parts = args.split_whitespace();
    let (event, code) = match (parts.next(), parts.next()) {
        (Some(a), Some(b)) => (a.trim_start_matches('#').parse::<i64>().ok(), b.to_string()),
        (Some(a), None) => (None, a.to_string()),
        _ => return Err(Refusal::new("err-checkin-usage").into()),
    };
    let code = code.trim_start_matches("ci-").to_uppercase();
    let loc = cx.my_locale();
    let since = cx.now - MISS_WINDOW;
    if db::misses(&mut cx.tx, cx.me.id, since, None).await? >= MAX_MISSES {
        let text = cx.t(
            loc,
            "checkin-locked",
            &[("minutes", (MISS_WINDOW / 60).into())],
        );
        return cx.reply_end(text).await;
    }
    let found = db::signup_by_code(&mut cx.tx, &code).await?;
    if let (Some(s), Some(want)) = (&found, event) {
        if s.event_id != want {
            // A real code, of another event: said so (not counted as a guess).
            let other = db::get(&mut cx.tx, s.event_id, false)
                .await?
                .ok_or(Refusal::new("err-internal"))?;
            let text = cx.t(
                loc,
                "checkin-wrong-event",
                &[
                    ("want", want.into()),
                    ("event", other.id.into()),
                    ("title", other.title.clone().into()),
                ],
            );
            return cx.reply_end(text).await;
        }
    }
    let Some(s) = found else {
        // Not refused: the miss must be kept, to cut guessing off.
        let n = db::misses(&mut cx.tx, cx.me.id, since, Some(cx.now)).await?;
        let text = cx.t(
            loc,
            "checkin-wrong",
            &[
                ("code", code.into()),
                ("left", (MAX_MISSES - n).max(0).into()),
            ],
        );
        return cx.reply_end(text).await;
    };
    let e = locked(cx, s.event_id).await?;
    if !at_the_door(cx, &e).await? {
        return Err(Refusal::new("err-checkin-not-staff").into());
    }
    // Read again under the event's lock: a cancellation just before counts.
    let s = db::signup(&mut cx.tx, s.id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let text = check_in(cx, &e, &s).await?;
    cx.reply_end(text).await
}

/// Checks a sign-up in (its event locked, the checker allowed): attendance points paid in
/// this transaction, once. Returns what the checker is told.
async fn check_in(cx: &mut Ctx<'_>, e: &Event, s: &Signup) -> Flow<String> {
    let loc = cx.my_locale();
    let m = cx.member(s.member_id).await?;
    let today = cx.engine.local_date(cx.now);
    if matches!(e.status, EventStatus::Done | EventStatus::Cancelled) {
        return Ok(cx.t(
            loc,
            "checkin-ended",
            &[("event", e.id.into()), ("title", e.title.clone().into())],
        ));
    }
    if cx.engine.local_date(e.starts_at) != today {
        return Ok(cx.t(
            loc,
            "checkin-other-day",
            &[
                ("event", e.id.into()),
                ("title", e.title.clone().into()),
                ("when", when_text(cx, loc, e).into()),
            ],
        ));
    }
    if s.status == SignupStatus::Cancelled {
        return Ok(cx.t(
            loc,
            "checkin-cancelled",
            &[("name", m.name.clone().into()), ("event", e.id.into())],
        ));
    }
    if s.status != SignupStatus::Confirmed {
        return Ok(cx.t(
            loc,
            "checkin-not-confirmed",
            &[("name", m.name.clone().into())],
        ));
    }
    if !db::check_in(&mut cx.tx, s.id, cx.me.id, cx.now).await? {
        let at = cx
            .engine
            .local_fmt(s.checked_in_at.unwrap_or(cx.now), "%H:%M");
        return Ok(cx.t(
            loc,
            "checkin-used",
            &[("name", m.name.clone().into()), ("at", at.into())],
        ));
    }
    pay(
        cx,
        e,
        &m,
        e.attend_points,
        &format!("event:{}:attend:{}", e.id, s.id),
        "memo-event-attend",
    )
    .await?;
    cx.audit(
        e.community_id,
        "event_checkin",
        Some(m.id),
        None,
        &format!("#{}", e.id),
    )
    .await?;
    let mloc = cx.locale_of(&m);
    let text = cx.t(
        mloc,
        "checkin-welcome",
        &[
            ("title", e.title.clone().into()),
            ("points", e.attend_points.into()),
        ],
    );
    cx.notify(&m, text, Vec::new(), None).await?;
    let f = {
        let (taken, _) = db::counts(&mut cx.tx, e.id).await?;
        let done = db::signups(&mut cx.tx, e.id, SignupStatus::Confirmed)
            .await?
            .iter()
            .filter(|x| x.checked_in_at.is_some())
            .map(|x| x.people)
            .sum::<i64>();
        (done, taken)
    };
    Ok(cx.t(
        loc,
        "checkin-ok",
        &[
            ("name", m.name.into()),
            ("people", s.people.into()),
            ("done", f.0.into()),
            ("taken", f.1.into()),
        ],
    ))
}

/// Points the event pays (attendance, volunteering), issued by the community, once per key.
async fn pay(cx: &mut Ctx<'_>, e: &Event, m: &Member, amount: i64, key: &str, memo: &str) -> Flow {
    if amount <= 0 {
        return Ok(());
    }
    let community = ledger_community(cx, e, &[m.id]).await?;
    let paid = cx
        .move_points(
            community,
            TransferKind::Grant,
            (AccountKind::Issuance, 0),
            (AccountKind::Member, m.id),
            amount,
            key,
            memo,
            None,
            None,
        )
        .await;
    match paid {
        // At the balance cap: the check-in (or the event's end) goes on without these points.
        Err(crate::ledger::LedgerError::OverLimit { .. }) => {
            tracing::info!("event {}: {} is at the points cap; not paid", e.id, m.id);
            Ok(())
        }
        Err(err) => Err(ledger_stop(err)),
        Ok(_) => Ok(()),
    }
}

/// The community whose points an event pays `who` in: the first of its groups (the host
/// first) they all belong to, so nobody gets a second community's starter points for coming;
/// else the host, which they join.
async fn ledger_community(cx: &mut Ctx<'_>, e: &Event, who: &[i64]) -> Flow<i64> {
    let mut ids = vec![e.community_id];
    for (c, _, _) in db::groups(&mut cx.tx, e.id).await? {
        if c != e.community_id {
            ids.push(c);
        }
    }
    for c in ids {
        let mut all = true;
        for m in who {
            all &= members::is_member_of(&mut cx.tx, c, *m).await?;
        }
        if all {
            return Ok(c);
        }
    }
    let home = members::community_by_id(&mut cx.tx, e.community_id).await?;
    for m in who {
        cx.join(&home, *m).await?;
    }
    Ok(home.id)
}

/// A name tapped in the attendee list.
pub async fn checkin_button(cx: &mut Ctx<'_>, query_id: &str, signup: i64) -> Flow {
    let s = db::signup(&mut cx.tx, signup)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    let e = locked(cx, s.event_id).await?;
    if !at_the_door(cx, &e).await? {
        return Err(Refusal::new("err-checkin-not-staff").into());
    }
    // Read again under the event's lock: a cancellation just before counts.
    let s = db::signup(&mut cx.tx, s.id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    let text = check_in(cx, &e, &s).await?;
    cx.toast(query_id, text).await
}

/// A worker's or volunteer's `/event N WORD …`: attendees (名单), walkin (现场), volunteer
/// (志愿者), report (报告), photo (照片, with a photo), close (截止), cancel (取消).
pub async fn worker_command(cx: &mut Ctx<'_>, id: i64, rest: &str) -> Flow {
    let e = locked(cx, id).await?;
    let word = rest
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let args = words_from(rest, 1);
    let home = members::community_by_id(&mut cx.tx, e.community_id).await?;
    let worker = cx.is_worker(&home, cx.me.id).await?;
    match word.as_str() {
        "attendees" | "list" | "名单" | "签到" => {
            if !at_the_door(cx, &e).await? {
                return Err(Refusal::new("err-checkin-not-staff").into());
            }
            attendees(cx, &e).await
        }
        "walkin" | "walk-in" | "现场" | "现场报名" => {
            if !at_the_door(cx, &e).await? {
                return Err(Refusal::new("err-checkin-not-staff").into());
            }
            walk_in(cx, &e, &args).await
        }
        _ if !worker => Err(cx.not_worker_refusal().await?.into()),
        "volunteer" | "志愿者" => add_volunteer(cx, &e, &args).await,
        "report" | "报告" => {
            let text = report_text(cx, cx.my_locale(), &e).await?;
            cx.reply_end(text).await
        }
        "close" | "截止" => {
            if e.status != EventStatus::Open {
                return Err(Refusal::new("err-event-closed")
                    .arg("event", e.id)
                    .arg("title", e.title.clone())
                    .into());
            }
            db::set_status(&mut cx.tx, e.id, EventStatus::Closed).await?;
            let e = locked(cx, id).await?;
            refresh_cards(cx, &e).await?;
            cx.tell_me("event-closed-ok", &[("title", e.title.clone().into())])
                .await
        }
        "cancel" | "取消" => cancel_event(cx, &e, &args).await,
        _ => Err(Refusal::new("err-event-subcommand").into()),
    }
}

/// The attendee list: one button per confirmed sign-up not checked in yet.
async fn attendees(cx: &mut Ctx<'_>, e: &Event) -> Flow {
    let loc = cx.my_locale();
    let confirmed = db::signups(&mut cx.tx, e.id, SignupStatus::Confirmed).await?;
    let (done, waiting): (Vec<_>, Vec<_>) = confirmed
        .into_iter()
        .partition(|s| s.checked_in_at.is_some());
    let mut rows = Vec::new();
    for s in waiting.iter().take(40) {
        let m = cx.member(s.member_id).await?;
        let label = cx.t(
            loc,
            "button-checkin-name",
            &[("name", m.name.into()), ("people", s.people.into())],
        );
        let b = cx
            .button(
                label,
                &CallbackTarget::case(Action::EventCheckin, s.id, None),
            )
            .await?;
        rows.push(vec![b]);
    }
    let text = cx.t(
        loc,
        "event-attendees",
        &[
            ("title", e.title.clone().into()),
            ("done", (done.len() as i64).into()),
            ("waiting", (waiting.len() as i64).into()),
            ("event", e.id.into()),
        ],
    );
    cx.reply(text, rows).await
}

/// `/event N walkin [NAME] [people]`: someone who came without signing up. A known resident
/// is checked in (and paid); otherwise the head count grows.
async fn walk_in(cx: &mut Ctx<'_>, e: &Event, args: &str) -> Flow {
    let loc = cx.my_locale();
    let mut words: Vec<&str> = args.split_whitespace().collect();
    let people = match words.last().and_then(|w| read_number(w)) {
        Some(n) if n > 0 => {
            words.pop();
            n.min(20)
        }
        _ => 1,
    };
    let name = words.join(" ");
    if name.is_empty() {
        db::add_walk_ins(&mut cx.tx, e.id, people).await?;
        let text = cx.t(loc, "event-walkins-added", &[("people", people.into())]);
        return cx.reply_end(text).await;
    }
    let m = cx.find_member(&name).await?;
    // Only at the door: on the event's day, before it is over (nothing is written otherwise).
    let over = matches!(e.status, EventStatus::Done | EventStatus::Cancelled);
    if over || cx.engine.local_date(e.starts_at) != cx.engine.local_date(cx.now) {
        let key = if over {
            "checkin-ended"
        } else {
            "checkin-other-day"
        };
        let text = cx.t(
            loc,
            key,
            &[
                ("event", e.id.into()),
                ("title", e.title.clone().into()),
                ("when", when_text(cx, loc, e).into()),
            ],
        );
        return cx.reply_end(text).await;
    }
    let s = match db::signup_of(&mut cx.tx, e.id, m.id).await? {
        Some(s) if s.status == SignupStatus::Confirmed => s,
        old => {
            let code = match old {
                Some(s) => s.code,
                None => unique_code(cx).await?,
            };
            let id = db::put_signup(
                &mut cx.tx,
                e.id,
                m.id,
                people,
                SignupStatus::Confirmed,
                &code,
                Some(cx.me.id),
                true,
                cx.now,
            )
            .await?;
            db::signup(&mut cx.tx, id)
                .await?
                .ok_or(Refusal::new("err-internal"))?
        }
    };
    let text = check_in(cx, e, &s).await?;
    refresh_cards(cx, e).await?;
    cx.reply_end(text).await
}

/// `/event N volunteer NAME`: NAME may check people in at this event and earns its volunteer
/// points when it ends. Audited.
async fn add_volunteer(cx: &mut Ctx<'_>, e: &Event, args: &str) -> Flow {
    if args.trim().is_empty() {
        return Err(Refusal::new("err-event-volunteer-usage")
            .arg("event", e.id)
            .into());
    }
    let m = cx.find_member(args.trim()).await?;
    let loc = cx.my_locale();
    if !db::add_volunteer(&mut cx.tx, e.id, m.id, cx.me.id, cx.now).await? {
        let text = cx.t(loc, "event-volunteer-already", &[("name", m.name.into())]);
        return cx.reply_end(text).await;
    }
    cx.audit(
        e.community_id,
        "event_volunteer",
        Some(m.id),
        None,
        &format!("#{}", e.id),
    )
    .await?;
    let mloc = cx.locale_of(&m);
    let text = cx.t(
        mloc,
        "event-volunteer-you",
        &[
            ("event", e.id.into()),
            ("title", e.title.clone().into()),
            ("when", when_text(cx, mloc, e).into()),
            ("points", e.volunteer_points.into()),
        ],
    );
    cx.notify(&m, text, Vec::new(), None).await?;
    let text = cx.t(
        loc,
        "event-volunteer-added",
        &[("name", m.name.into()), ("title", e.title.clone().into())],
    );
    cx.reply_end(text).await
}

/// A worker cancels the event: everyone signed up is told, the cards say so.
async fn cancel_event(cx: &mut Ctx<'_>, e: &Event, reason: &str) -> Flow {
    if reason.trim().is_empty() {
        return Err(Refusal::new("err-event-cancel-reason")
            .arg("event", e.id)
            .into());
    }
    if matches!(e.status, EventStatus::Done | EventStatus::Cancelled) {
        return Err(Refusal::new("err-event-closed")
            .arg("event", e.id)
            .arg("title", e.title.clone())
            .into());
    }
    db::set_status(&mut cx.tx, e.id, EventStatus::Cancelled).await?;
    cx.audit(e.community_id, "event_cancelled", None, None, reason)
        .await?;
    for status in [SignupStatus::Confirmed, SignupStatus::Waitlist] {
        for s in db::signups(&mut cx.tx, e.id, status).await? {
            let m = cx.member(s.member_id).await?;
            let loc = cx.locale_of(&m);
            let text = cx.t(
                loc,
                "event-cancelled-you",
                &[
                    ("title", e.title.clone().into()),
                    ("reason", reason.to_string().into()),
                ],
            );
            cx.notify(&m, text, Vec::new(), None).await?;
        }
    }
    let e = locked(cx, e.id).await?;
    refresh_cards(cx, &e).await?;
    cx.tell_me("event-cancelled-ok", &[("title", e.title.clone().into())])
        .await
}

/// `/event N photo` sent with a photo: kept for the event's report.
pub async fn add_photo(cx: &mut Ctx<'_>, id: i64, file_id: &str) -> Flow {
    let e = locked(cx, id).await?;
    if !at_the_door(cx, &e).await? {
        return Err(cx.not_worker_refusal().await?.into());
    }
    db::add_photo(&mut cx.tx, e.id, file_id, cx.me.id, cx.now).await?;
    let n = db::photos(&mut cx.tx, e.id).await?.len() as i64;
    cx.tell_me(
        "event-photo-added",
        &[("title", e.title.clone().into()), ("count", n.into())],
    )
    .await
}

/// `/swap #A #B` (two things swapped, no points) or `/swap #A NAME` (A given to NAME for its
/// points): recorded by a worker or volunteer of the event, or by A's owner.
pub async fn swap_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let mut parts = args.split_whitespace();
    let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
        return Err(Refusal::new("err-swap-usage").into());
    };
    let a_id = a
        .trim_start_matches('#')
        .parse::<i64>()
        .map_err(|_| Refusal::new("err-swap-usage"))?;
    let la = ldb::listing_for_update(&mut cx.tx, a_id)
        .await?
        .ok_or(Refusal::new("err-swap-usage"))?;
    let event = ldb::event_of(&mut cx.tx, la.id)
        .await?
        .ok_or(Refusal::new("err-swap-not-event").arg("id", la.id))?;
    let e = locked(cx, event).await?;
    if !(at_the_door(cx, &e).await? || la.owner_id == cx.me.id) {
        return Err(Refusal::new("err-swap-not-staff").into());
    }
    if la.status != ListingStatus::Open {
        return Err(Refusal::new("err-swap-taken").arg("id", la.id).into());
    }
    let other = match b.strip_prefix('#').map(str::parse::<i64>) {
        Some(Ok(b_id)) => {
            let lb = ldb::listing_for_update(&mut cx.tx, b_id)
                .await?
                .filter(|l| l.owner_id != la.owner_id)
                .ok_or(Refusal::new("err-swap-usage"))?;
            if ldb::event_of(&mut cx.tx, lb.id).await? != Some(e.id) {
                return Err(Refusal::new("err-swap-not-event").arg("id", lb.id).into());
            }
            if lb.status != ListingStatus::Open {
                return Err(Refusal::new("err-swap-taken").arg("id", lb.id).into());
            }
            Swap::Two(lb)
        }
        _ => Swap::Give(cx.find_member(&words_from(args, 1)).await?),
    };
    record_swap(cx, &e, &la, other).await
}

enum Swap {
    Two(ldb::Listing),
    Give(Member),
}

async fn record_swap(cx: &mut Ctx<'_>, e: &Event, la: &ldb::Listing, other: Swap) -> Flow {
    let giver = cx.member(la.owner_id).await?;
    let (taker, lb, points, other_title) = match &other {
        Swap::Two(lb) => (
            cx.member(lb.owner_id).await?,
            Some(lb.id),
            0,
            lb.title.clone(),
        ),
        Swap::Give(m) => (m.clone(), None, la.points, String::new()),
    };
    if taker.id == giver.id {
        return Err(Refusal::new("err-swap-usage").into());
    }
    let sid = db::add_swap(
        &mut cx.tx, e.id, la.id, lb, giver.id, taker.id, points, cx.me.id, cx.now,
    )
    .await?;
    if points > 0 {
        let community = ledger_community(cx, e, &[taker.id, giver.id]).await?;
        cx.move_points(
            community,
            TransferKind::Release,
            (AccountKind::Member, taker.id),
            (AccountKind::Member, giver.id),
            points,
            &format!("eventswap:{}:{sid}", e.id),
            "memo-event-swap",
            Some(la.id),
            None,
        )
        .await
        .map_err(ledger_stop)?;
    }
    ldb::set_listing_status(&mut cx.tx, la.id, ListingStatus::Done, cx.now).await?;
    if let Some(b) = lb {
        ldb::set_listing_status(&mut cx.tx, b, ListingStatus::Done, cx.now).await?;
    }
    // Both sides hear it (the one recording may be a volunteer).
    for m in [&giver, &taker] {
        if m.id == cx.me.id {
            continue;
        }
        let mloc = cx.locale_of(m);
        let text = cx.t(
            mloc,
            "event-swap-recorded",
            &[
                ("giver", giver.name.clone().into()),
                ("taker", taker.name.clone().into()),
                ("what", la.title.clone().into()),
                ("other", other_title.clone().into()),
                ("points", points.into()),
                ("two", i64::from(lb.is_some()).into()),
            ],
        );
        cx.notify(m, text, Vec::new(), None).await?;
    }
    let loc = cx.my_locale();
    let text = cx.t(
        loc,
        "event-swap-recorded",
        &[
            ("giver", giver.name.clone().into()),
            ("taker", taker.name.clone().into()),
            ("what", la.title.clone().into()),
            ("other", other_title.into()),
            ("points", points.into()),
            ("two", i64::from(lb.is_some()).into()),
        ],
    );
    cx.reply_end(text).await
}

// ---------------------------------------------------------------------------------------
// Jobs: reminders, the end, the report

/// The day-before (`day`) or two-hours-before (`soon`) reminder, to each confirmed resident
/// once, with a cancel button; the day before also shows the swap table.
pub async fn remind(cx: &mut Ctx<'_>, event: i64, which: &str) -> Flow {
    let Some(e) = db::get(&mut cx.tx, event, true).await? else {
        return Ok(());
    };
    if !matches!(e.status, EventStatus::Open | EventStatus::Closed) {
        return Ok(());
    }
    let home = members::community_by_id(&mut cx.tx, e.community_id).await?;
    // When it would arrive (after quiet hours, or late after a stop): a reminder that comes
    // too late to help is not sent; the day word says the day it arrives.
    let arrives = cx
        .engine
        .quiet_until(cx.now, Some(home.chat_id))
        .unwrap_or(cx.now)
        .max(cx.now);
    let too_late = match which {
        "day" => arrives >= e.starts_at - 3 * 3600,
        _ => arrives >= e.starts_at,
    };
    if too_late {
        return Ok(());
    }
    let same_day = cx.engine.local_date(arrives) == cx.engine.local_date(e.starts_at);
    for s in db::signups(&mut cx.tx, e.id, SignupStatus::Confirmed).await? {
        if s.reminded.split(',').any(|r| r == which) {
            continue;
        }
        db::mark_reminded(&mut cx.tx, s.id, which).await?;
        let m = cx.member(s.member_id).await?;
        let loc = cx.locale_of(&m);
        let mut text = cx.t(
            loc,
            &format!("event-remind-{which}"),
            &[
                ("title", e.title.clone().into()),
                ("when", when_text(cx, loc, &e).into()),
                ("place", e.place.clone().into()),
                ("code", s.code.clone().into()),
                ("people", s.people.into()),
                ("today", i64::from(same_day).into()),
            ],
        );
        if which == "day" {
            text.push('\n');
            text.push_str(&swap_table(cx, loc, &e).await?);
        }
        // "I'll come" first: a typed "1" keeps the place.
        let coming =
            event_button(cx, loc, "button-event-coming", Action::EventComing, e.id).await?;
        let leave = event_button(cx, loc, "button-event-leave", Action::EventLeave, e.id).await?;
        cx.notify(&m, text, vec![vec![coming, leave]], Some(home.chat_id))
            .await?;
    }
    Ok(())
}

/// The event's end: done; volunteers paid; attendees asked for feedback; the workers get the
/// figures now and the full report two days later; a series gets its next event.
pub async fn end(cx: &mut Ctx<'_>, event: i64) -> Flow {
    let Some(e) = db::get(&mut cx.tx, event, true).await? else {
        return Ok(());
    };
    if !matches!(e.status, EventStatus::Open | EventStatus::Closed) {
        return Ok(());
    }
    db::set_status(&mut cx.tx, e.id, EventStatus::Done).await?;
    let e = Event {
        status: EventStatus::Done,
        ..e
    };
    refresh_cards(cx, &e).await?;
    // The next of a series first: the thank-you with its stars is then the newest message.
    next_in_series(cx, &e).await?;
    let home = members::community_by_id(&mut cx.tx, e.community_id).await?;
    for v in db::volunteers(&mut cx.tx, e.id).await? {
        let m = cx.member(v).await?;
        pay(
            cx,
            &e,
            &m,
            e.volunteer_points,
            &format!("event:{}:vol:{}", e.id, v),
            "memo-event-volunteer",
        )
        .await?;
        let loc = cx.locale_of(&m);
        let text = cx.t(
            loc,
            "event-volunteer-thanks",
            &[
                ("title", e.title.clone().into()),
                ("points", e.volunteer_points.into()),
            ],
        );
        cx.notify(&m, text, Vec::new(), Some(home.chat_id)).await?;
    }
    for s in db::signups(&mut cx.tx, e.id, SignupStatus::Confirmed).await? {
        if s.checked_in_at.is_none() {
            continue;
        }
        let m = cx.member(s.member_id).await?;
        let loc = cx.locale_of(&m);
        let mut row = Vec::new();
        for stars in 1..=5 {
            let t = CallbackTarget::case(Action::EventStars, s.id, Some(stars.to_string()));
            row.push(cx.button("⭐".repeat(stars), &t).await?);
        }
        let text = cx.t(
            loc,
            "event-feedback-ask",
            &[("title", e.title.clone().into())],
        );
        cx.notify(&m, text, vec![row], Some(home.chat_id)).await?;
    }
    let text = report_text(cx, cx.engine.group_locale(home.chat_id), &e).await?;
    cx.tell_workers(
        &home,
        "event-ended-workers",
        &[("report", text.into())],
        &[],
    )
    .await?;
    crate::store::jobs::schedule(
        &mut cx.tx,
        JobKind::EventReport,
        Some(e.community_id),
        None,
        e.id,
        e.ends_at + 2 * 86_400,
        cx.now,
    )
    .await?;
    Ok(())
}

/// The report two days after: with the feedback in.
pub async fn report_job(cx: &mut Ctx<'_>, event: i64) -> Flow {
    let Some(e) = db::get(&mut cx.tx, event, false).await? else {
        return Ok(());
    };
    let home = members::community_by_id(&mut cx.tx, e.community_id).await?;
    let text = report_text(cx, cx.engine.group_locale(home.chat_id), &e).await?;
    cx.tell_workers(
        &home,
        "event-report-workers",
        &[("report", text.into())],
        &[],
    )
    .await
}

/// The event's figures, feedback and suggestions, as the workers read them.
pub async fn report_text(cx: &mut Ctx<'_>, loc: Locale, e: &Event) -> Flow<String> {
    let f = db::figures(&mut cx.tx, e).await?;
    let (comments, next) = db::comments(&mut cx.tx, e.id).await?;
    let rating = if f.ratings > 0 {
        format!("{:.1}", f.stars_sum as f64 / f.ratings as f64)
    } else {
        "—".into()
    };
    let mut text = cx.t(
        loc,
        "event-report",
        &[
            ("event", e.id.into()),
            ("title", e.title.clone().into()),
            ("when", when_text(cx, loc, e).into()),
            ("signed", f.signed_up.into()),
            ("capacity", e.capacity.into()),
            ("waitlist", f.waitlist.into()),
            ("cancelled", f.cancelled.into()),
            ("checked", f.checked_in.into()),
            ("walkins", f.walk_ins.into()),
            ("noshows", f.no_shows.into()),
            ("items", f.items.into()),
            ("swapped", f.swapped.into()),
            ("swaps", f.swaps.into()),
            ("points", f.points_paid.into()),
            ("volunteers", f.volunteers.into()),
            ("ratings", f.ratings.into()),
            ("rating", rating.into()),
            ("photos", f.photos.into()),
        ],
    );
    for c in comments.iter().take(10) {
        text.push_str(&format!("\n💬 {c}"));
    }
    let mut tally: Vec<(String, i64)> = Vec::new();
    for n in &next {
        let key = norm(n);
        match tally.iter_mut().find(|(k, _)| norm(k) == key) {
            Some((_, c)) => *c += 1,
            None => tally.push((n.clone(), 1)),
        }
    }
    tally.sort_by_key(|t| std::cmp::Reverse(t.1));
    if !tally.is_empty() {
        let line: Vec<String> = tally
            .iter()
            .take(5)
            .map(|(t, c)| format!("{t} ×{c}"))
            .collect();
        text.push('\n');
        text.push_str(&cx.t(
            loc,
            "event-report-next",
            &[("next", line.join("，").into())],
        ));
    }
    Ok(text)
}

/// A repeating event makes its next one when it ends, announced in the same groups.
async fn next_in_series(cx: &mut Ctx<'_>, e: &Event) -> Flow {
    let tz = cx.engine.cfg.timezone();
    let start = DateTime::from_timestamp(e.starts_at, 0)
        .unwrap_or_default()
        .with_timezone(&tz);
    let date = start.date_naive();
    let next = match e.recurrence {
        Recurrence::None => return Ok(()),
        Recurrence::Weekly => date + Duration::days(7),
        Recurrence::Monthly => same_weekday_next_month(date),
    };
    let starts_at = cx.engine.local_ts(next, start.time());
    let new = db::NewEvent {
        community_id: e.community_id,
        created_by: e.created_by,
        title: &e.title,
        theme: &e.theme,
        place: &e.place,
        starts_at,
        ends_at: starts_at + (e.ends_at - e.starts_at),
        slots: &e.slots,
        capacity: e.capacity,
        item_limit: e.item_limit,
        attend_points: e.attend_points,
        volunteer_points: e.volunteer_points,
        recurrence: e.recurrence,
        series_of: Some(e.series_of.unwrap_or(e.id)),
    };
    let id = db::create(&mut cx.tx, &new, cx.now).await?;
    let mut groups = Vec::new();
    for (c, _, _) in db::groups(&mut cx.tx, e.id).await? {
        groups.push(members::community_by_id(&mut cx.tx, c).await?);
    }
    let n = db::get(&mut cx.tx, id, false)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    announce(cx, &n, &groups).await?;
    // The worker who made the series hears of the next one.
    let worker = cx.member(e.created_by).await?;
    let loc = cx.locale_of(&worker);
    let text = cx.t(
        loc,
        "event-series-next",
        &[
            ("event", n.id.into()),
            ("title", n.title.clone().into()),
            ("when", when_text(cx, loc, &n).into()),
        ],
    );
    cx.notify(&worker, text, Vec::new(), None).await?;
    Ok(())
}

/// The same weekday in the same week of the next month ("the first Saturday"); the last
/// such weekday when the next month has no fifth one.
pub fn same_weekday_next_month(d: NaiveDate) -> NaiveDate {
    let nth = (d.day() - 1) / 7; // 0 = first
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    let first = NaiveDate::from_ymd_opt(y, m, 1).expect("first of month");
    let offset =
        (7 + d.weekday().num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    let mut day = first + Duration::days(i64::from(offset) + 7 * i64::from(nth));
    while day.month() != m {
        day -= Duration::days(7);
    }
    day
}

// ---------------------------------------------------------------------------------------
// Feedback

/// A star button under the feedback question: the stars are kept with the flow for a comment
/// and a wish for the next event; only from someone who was checked in, once.
pub async fn stars(
    cx: &mut Ctx<'_>,
    query_id: &str,
    signup: i64,
    arg: Option<&str>,
) -> Flow<Outcome> {
    let s = db::signup(&mut cx.tx, signup)
        .await?
        .filter(|s| s.member_id == cx.me.id)
        .ok_or(Refusal::new("err-not-for-you"))?;
    if s.checked_in_at.is_none() {
        return Err(Refusal::new("err-feedback-not-attended").into());
    }
    if s.stars.is_some() {
        return Err(Refusal::new("err-feedback-given").into());
    }
    let stars = arg
        .and_then(|a| a.parse::<i64>().ok())
        .unwrap_or(5)
        .clamp(1, 5);
    // Kept at once: a comment left unwritten loses nothing.
    if !db::set_stars(&mut cx.tx, s.id, stars).await? {
        return Err(Refusal::new("err-feedback-given").into());
    }
    if !query_id.is_empty() {
        let text = cx.t(
            cx.my_locale(),
            "event-stars-kept",
            &[("stars", stars.into())],
        );
        cx.toast(query_id, text).await?;
    }
    let mut answers = Map::new();
    answers.insert("signup".into(), Value::from(s.id));
    answers.insert("stars".into(), Value::from(stars.to_string()));
    dialog::start_with(cx, "event_feedback", answers).await
}

/// The feedback flow finished.
pub async fn feedback(cx: &mut Ctx<'_>, st: &State) -> Flow {
    let a = &st.answers;
    let s = |k: &str| {
        a.get(k)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let id = a.get("signup").and_then(|v| v.as_i64()).unwrap_or_default();
    let signup = db::signup(&mut cx.tx, id)
        .await?
        .filter(|s| s.member_id == cx.me.id)
        .ok_or(Refusal::new("err-feedback-not-attended"))?;
    if signup.checked_in_at.is_none() {
        return Err(Refusal::new("err-feedback-not-attended").into());
    }
    let stars = signup.stars.unwrap_or(5);
    db::set_feedback_text(
        &mut cx.tx,
        signup.id,
        s("comment").as_deref(),
        s("next").as_deref(),
    )
    .await?;
    cx.tell_me("event-feedback-thanks", &[("stars", stars.into())])
        .await
}

/// What the start payload of a scanned check-in QR code carries.
pub fn checkin_payload(args: &str) -> Option<&str> {
    args.trim().strip_prefix("ci-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jielong_replies_count_people() {
        for (t, join, n) in [
            ("报名", true, 1),
            ("+1", true, 1),
            ("+2", true, 2),
            ("接龙", true, 1),
            ("接龙 3号楼 王阿姨", true, 1),
            ("我家两个人", true, 2),
            ("我们3个人", true, 3),
            ("报名 2人", true, 2),
            ("count me in", true, 1),
            ("we are 2", true, 2),
            ("We're three", true, 3),
            ("RSVP, 2 people", true, 2),
            ("几点开始？", false, 1),
            ("我也报名", true, 1),
            ("报个名", true, 1),
            ("加我一个", true, 1),
            ("我和孙子两个人报名", true, 2),
            ("我要参加", true, 1),
            ("怎么报名？", false, 1),
            ("不报名了", false, 1),
            ("送家具2个", false, 2),
            ("sweater for 2 kids", false, 2),
            ("在哪里", false, 1),
        ] {
            assert_eq!(says_join(t), join, "{t}");
            assert_eq!(people_in(t), n, "{t}");
        }
    }

    #[test]
    fn the_first_saturday_stays_the_first_saturday() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(same_weekday_next_month(d(2026, 12, 5)), d(2027, 1, 2));
        assert_eq!(same_weekday_next_month(d(2026, 11, 7)), d(2026, 12, 5));
        // A fifth Tuesday becomes the last Tuesday of the next month.
        assert_eq!(same_weekday_next_month(d(2026, 12, 29)), d(2027, 1, 26));
    }

    #[test]
    fn codes_are_six_unambiguous_characters() {
        for _ in 0..100 {
            let c = new_code();
            assert_eq!(c.len(), 6);
            assert!(c.bytes().all(|b| CODE_CHARS.contains(&b)));
            assert!(!c.contains(['0', 'O', '1', 'I', 'L']));
        }
    }
}
