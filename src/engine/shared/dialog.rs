//! The dialog runner: walks a member through a flow of `dialogs/*.toml` step by step in
//! private chat, and says when it is finished — with every answer — without running anything
//! itself: the finish router (`engine::route_finish`) does.
//!
//! A member's place in a flow is a row of `dialog_state`, keyed by (member, chat), written in
//! the update's own transaction: a restart resumes where they were, and a flow left unanswered
//! for `dialogs.idle_minutes` ends with a gentle message ([`end_idle`]). 返回 / back goes one
//! step back; a wrong answer gets a clear re-prompt and the flow goes on.
//!
//! Simple mode (per member) shows the choices as big keys under the typing field; in the
//! normal mode they are buttons under the message.

use chrono::{Duration, NaiveDate};
use serde_json::{Map, Value};

use super::super::kernel::ctx::Ctx;
use super::super::kernel::text::{
    is_word, menu_number, norm, read_date, read_hours, read_number, read_time, BACK_WORDS,
    DONE_WORDS, NO_WORDS, SKIP_WORDS, YES_WORDS,
};
use super::super::kernel::{Args, Engine, EngineError, Flow, Refusal, Val};
use crate::dialog::{Input, Source, Step};
use crate::domain::valuation::Facts;
use crate::domain::Action;
use crate::store::dialogs::{self as db, State};
use crate::store::listings::{self as listings, CallbackTarget};
use crate::store::members;
use crate::store::outbox::Button;
use crate::store::ts;

/// Separates flow, step and value in a dialog button's stored argument.
const SEP: char = '\u{1f}';

/// What the resident gave at a step.
#[derive(Debug, Clone)]
pub enum Given {
    Text(String),
    Photo(String),
    /// A button's value.
    Value(String),
    /// A sticker, a voice message …
    Other,
}

/// Where a flow is after a step.
#[derive(Debug)]
pub enum Outcome {
    /// A question was asked (or the flow ended by itself, politely).
    Asked,
    /// Every step is answered: the flow's finish action should run with these answers.
    Finished(State),
}

/// The private chat the flow runs in: the helper's, when one acts for the resident.
fn chat_key(cx: &Ctx<'_>) -> i64 {
    cx.actor.as_ref().map_or(cx.me.id, |a| a.id)
}

pub async fn save(cx: &mut Ctx<'_>, st: &State) -> Flow {
    let (me, chat, now) = (cx.me.id, chat_key(cx), cx.now);
    Ok(db::save(&mut cx.tx, me, chat, st, now).await?)
}

/// Takes `member` (in their own private chat) out of the flow they are in, for something that
/// comes first (an emergency, a poll): true when there was one. What they answered in a
/// questionnaire is kept; they come back to it by sending 问卷.
pub async fn pause_for(cx: &mut Ctx<'_>, member: i64) -> Flow<bool> {
    let was = db::load(&mut cx.tx, member, member).await?.is_some();
    db::clear(&mut cx.tx, member, member).await?;
    Ok(was)
}

/// Puts `member` (in their own private chat) in flow `st`, replacing any.
pub async fn put(cx: &mut Ctx<'_>, member: i64, st: &State) -> Flow {
    let now = cx.now;
    Ok(db::save(&mut cx.tx, member, member, st, now).await?)
}

/// Ends the member's flow (if any) without a word.
pub async fn clear(cx: &mut Ctx<'_>) -> Flow {
    let (me, chat) = (cx.me.id, chat_key(cx));
    Ok(db::clear(&mut cx.tx, me, chat).await?)
}

/// The flow the member is in. One left longer than `dialogs.idle_minutes` ends here with a
/// gentle message, and the update is read afresh.
pub async fn current(cx: &mut Ctx<'_>) -> Flow<Option<State>> {
    let (me, chat) = (cx.me.id, chat_key(cx));
    let Some((st, updated)) = db::load(&mut cx.tx, me, chat).await? else {
        return Ok(None);
    };
    if cx.now - updated < cx.engine.cfg.dialogs.idle_minutes * 60 {
        return Ok(Some(st));
    }
    clear(cx).await?;
    let text = cx.t(cx.my_locale(), "dlg-timeout", &[]);
    cx.reply(text, Vec::new()).await?;
    Ok(None)
}

/// The message a flow of a dialogs file says when left (`cancel`), if one is open.
pub fn cancel_text(cx: &Ctx<'_>, st: Option<&State>) -> Option<String> {
    let f = cx.engine.dialogs.flow(&st?.flow)?;
    Some(cx.t(cx.my_locale(), &f.cancel, &[]))
}

/// Leaves the flow with its cancel message (or "nothing to cancel").
pub async fn cancel(cx: &mut Ctx<'_>, st: Option<&State>) -> Flow {
    let key = match st {
        Some(st) => cx
            .engine
            .dialogs
            .flow(&st.flow)
            .map(|f| f.cancel.clone())
            // A flow with no dialogs file (a questionnaire) may have its own words.
            .or_else(|| {
                let own = format!("{}-cancelled", st.flow);
                cx.engine.i18n.has(cx.my_locale(), &own).then_some(own)
            })
            .unwrap_or_else(|| "dlg-cancelled".into()),
        None => "dlg-nothing-to-cancel".into(),
    };
    clear(cx).await?;
    let text = cx.t(cx.my_locale(), &key, &[]);
    cx.reply_end(text).await
}

/// Starts `flow` from its first step, replacing any flow the member was in.
pub async fn start(cx: &mut Ctx<'_>, flow: &str) -> Flow<Outcome> {
    start_with(cx, flow, Map::new()).await
}

/// Starts `flow` with answers read from a message (the parser's reading of "阿拉想寻人陪我去
/// 医院"): each is kept only when its step, in the flow's order, would accept it typed, so
/// nothing out of range or unknown is filled in; the resident is asked for the rest.
pub async fn start_prefilled(
    cx: &mut Ctx<'_>,
    flow: &str,
    given: &[(&str, Given)],
) -> Flow<Outcome> {
    let engine = cx.engine;
    let Some(f) = engine.dialogs.flow(flow) else {
        return Err(Refusal::new("err-internal").into());
    };
    let mut st = State {
        flow: f.name.clone(),
        step: String::new(),
        answers: Map::new(),
        trail: Vec::new(),
        wrong: 0,
    };
    let mut refused = Vec::new();
    let mut next = f.first(&st.answers);
    while let Some(step) = next {
        if let Some((_, g)) = given.iter().find(|(id, _)| *id == step.id) {
            // "5积分" read from the message is 5 points, never simple mode's key 5.
            match read_answer(cx, &st, step, g, false).await? {
                Read::Answer(v, _) => {
                    st.answers.insert(step.id.clone(), v);
                }
                // The parser's own word for something the step's buttons do not offer (the
                // category "food" of "一袋大米"): kept as read, never shown as a wrong answer.
                Read::Wrong(_)
                    if matches!(step.input, Input::Choice { .. })
                        && matches!(g, Given::Value(_)) =>
                {
                    if let Given::Value(v) = g {
                        st.answers.insert(step.id.clone(), Value::String(v.clone()));
                    }
                }
                // "1000积分": why it is asked again, before it is.
                Read::Wrong(why) => {
                    let said = match g {
                        Given::Text(t) | Given::Value(t) => t.clone(),
                        _ => String::new(),
                    };
                    let args = [("said", said.into()), ("why", why.into())];
                    refused.push(cx.t(cx.my_locale(), "dlg-prefill-refused", &args));
                }
                Read::More(_) => {}
            }
        }
        next = f.after(&step.id, &st.answers);
    }
    if !refused.is_empty() {
        cx.reply(refused.join("\n"), Vec::new()).await?;
    }
    start_with(cx, flow, st.answers).await
}

/// Starts `flow` with some answers already known; its first unanswered step is asked.
pub async fn start_with(
    cx: &mut Ctx<'_>,
    flow: &str,
    answers: Map<String, Value>,
) -> Flow<Outcome> {
    let engine = cx.engine;
    let Some(f) = engine.dialogs.flow(flow) else {
        return Err(Refusal::new("err-internal").into());
    };
    let st = State {
        flow: f.name.clone(),
        step: String::new(),
        answers,
        trail: Vec::new(),
        wrong: 0,
    };
    let mut next = f.first(&st.answers);
    let mut guard = f.steps.len() + 1;
    while let Some(s) = next {
        if !st.answers.contains_key(&s.id) {
            break;
        }
        guard -= 1;
        if guard == 0 {
            return Err(Refusal::new("err-internal").into());
        }
        next = f.after(&s.id, &st.answers);
    }
    match next {
        Some(s) => enter(cx, st, s).await,
        None => Ok(Outcome::Finished(st)),
    }
}

/// Moves to step `s`: answers it at once when there is nothing to choose (one community),
/// ends the flow politely when there is nothing at all, else asks.
async fn enter(cx: &mut Ctx<'_>, mut st: State, s: &Step) -> Flow<Outcome> {
    let engine = cx.engine;
    let f = engine.dialogs.flow(&st.flow).expect("known flow");
    let mut step = s;
    loop {
        st.step = step.id.clone();
        st.wrong = 0;
        let Input::Pick { source } = step.input else {
            break;
        };
        let options = pick_options(cx, source).await?;
        if options.is_empty() {
            clear(cx).await?;
            let days = cx.engine.cfg.safety.dispute_days;
            let text = cx.t(cx.my_locale(), empty_key(source), &[("days", days.into())]);
            cx.reply_end(text).await?;
            return Ok(Outcome::Asked);
        }
        if !matches!(source, Source::Communities | Source::Served) || options.len() != 1 {
            break;
        }
        st.answers.insert(step.id.clone(), options[0].0.into());
        st.answers
            .insert(format!("{}__label", step.id), options[0].1.clone().into());
        // On to the next step not answered yet (a flow may start with answers known).
        let mut next = f.after(&step.id, &st.answers);
        while let Some(n) = next.filter(|n| st.answers.contains_key(&n.id)) {
            next = f.after(&n.id, &st.answers);
        }
        match next {
            Some(n) => step = n,
            None => return Ok(Outcome::Finished(st)),
        }
    }
    save(cx, &st).await?;
    prompt(cx, &st, None).await?;
    Ok(Outcome::Asked)
}

fn empty_key(source: Source) -> &'static str {
    match source {
        Source::Communities => "err-no-community",
        Source::Served => "err-not-worker",
        Source::Unrated => "dlg-none-unrated",
        Source::Disputable => "dlg-none-disputable",
        Source::Listings => "dlg-none-listings",
    }
}

/// The options of a `pick` step: (value, label), newest first, at most nine. Hand-overs that
/// may be disputed are those of the last `safety.dispute_days`.
async fn pick_options(cx: &mut Ctx<'_>, source: Source) -> Flow<Vec<(i64, String)>> {
    let me = cx.me.id;
    Ok(match source {
        Source::Communities => members::communities_of(&mut cx.tx, me)
            .await?
            .into_iter()
            .map(|c| (c.id, c.title))
            .collect(),
        Source::Served => {
            let mut all = Vec::new();
            for chat in members::all_chats(&mut cx.tx).await? {
                if let Some(c) = members::community_by_chat(&mut cx.tx, chat).await? {
                    all.push(c);
                }
            }
            cx.served(all)
                .await?
                .into_iter()
                .map(|c| (c.id, c.title))
                .collect()
        }
        Source::Unrated => listings::handovers_of(&mut cx.tx, me, 0, true).await?,
        Source::Disputable => {
            let since = cx.now - cx.engine.cfg.safety.dispute_days * 86_400;
            listings::handovers_of(&mut cx.tx, me, since, false).await?
        }
        Source::Listings => listings::others_live(&mut cx.tx, me).await?,
    })
}

/// Asks the current step: an error line first after a wrong answer.
/// After a command answered in the middle of a flow ("积分" at the confirmation): the step
/// asked again, so the keys in front of the member are the step's, and "1" means what they
/// show (not the menu's keys a command may have shown).
pub async fn ask_again(cx: &mut Ctx<'_>) -> Flow {
    let Some(st) = current(cx).await? else {
        return Ok(());
    };
    let known = cx
        .engine
        .dialogs
        .flow(&st.flow)
        .is_some_and(|f| f.step(&st.step).is_some());
    if !known {
        return Ok(());
    }
    prompt(cx, &st, None).await
}

async fn prompt(cx: &mut Ctx<'_>, st: &State, error: Option<String>) -> Flow {
    let engine = cx.engine;
    let f = engine.dialogs.flow(&st.flow).expect("known flow");
    let step = f.step(&st.step).expect("known step");
    let loc = cx.my_locale();
    let args = step_args(cx, st, step).await?;
    let mut text = cx.engine.tv(loc, &step.prompt, &args);
    if let Some(e) = error {
        text = format!("{e}\n{text}");
    }
    let buttons = step_buttons(cx, st, step).await?;
    cx.reply(text, buttons).await
}

/// The arguments every prompt may use: each earlier answer by step id (a choice by its
/// label), and the step's own figures.
async fn step_args(cx: &mut Ctx<'_>, st: &State, step: &Step) -> Flow<Args> {
    let engine = cx.engine;
    let f = engine.dialogs.flow(&st.flow).expect("known flow");
    let loc = cx.my_locale();
    let mut args: Args = vec![("name", Val::S(cx.me.name.clone()))];
    for s in &f.steps {
        let Some(v) = st.answers.get(&s.id) else {
            continue;
        };
        let id: &'static str = leak_id(&s.id);
        let a = match (&s.input, v) {
            (Input::Choice { options }, Value::String(v)) => options
                .iter()
                .find(|o| &o.value == v)
                .map(|o| Val::S(cx.t(loc, &o.label, &[]))),
            (Input::Photos { .. }, Value::Array(a)) => Some(Val::N(a.len() as i64)),
            (Input::Pick { .. }, _) => st
                .answers
                .get(&format!("{}__label", s.id))
                .and_then(|l| l.as_str())
                .map(|l| Val::S(l.to_string())),
            (Input::Date { .. }, Value::String(d)) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .map(|d| Val::S(d.format("%m-%d").to_string())),
            (_, Value::String(s)) => Some(Val::S(s.clone())),
            (_, Value::Number(n)) => n.as_i64().map(Val::N),
            _ => None,
        };
        if let Some(a) = a {
            args.push((id, a));
        }
    }
    // How long help takes, for the confirmations ("发布求助「陪诊」（约 2 小时）"); empty when
    // the flow did not ask.
    let duration = match st.answers.get("hours").and_then(Value::as_f64) {
        Some(h) if h > 0.0 => {
            let d = super::cards::duration(cx, loc, (h * 60.0).round() as i64);
            cx.t(loc, "dlg-duration", &[("duration", d.into())])
        }
        _ => String::new(),
    };
    args.push(("duration", Val::S(duration)));
    // Simple mode's prompts say what to type for the numbered keys.
    args.push(("simple", Val::N(i64::from(cx.me.simple))));
    match &step.input {
        Input::Number {
            min,
            max,
            suggest,
            pays,
            ..
        } => {
            let (lo, mut hi) = number_range(cx, st, *min, *max, *suggest);
            // What the resident pays is shown up to what they can spend.
            if *pays {
                let can = spendable(cx, st).await?;
                if can >= lo {
                    hi = hi.min(can);
                }
            }
            args.push(("min", Val::N(lo)));
            args.push(("max", Val::N(hi)));
            if *suggest {
                args.push(("suggested", Val::N(suggestion(cx, st))));
            }
        }
        Input::Photos { min, max } => {
            let n = photos_of(st, &step.id).len();
            args.push(("count", Val::N(n as i64)));
            args.push(("min", Val::N(*min as i64)));
            args.push(("max", Val::N(*max as i64)));
        }
        Input::Text {
            min_len, max_len, ..
        } => {
            args.push(("min", Val::N(*min_len as i64)));
            args.push(("max", Val::N(*max_len as i64)));
        }
        Input::Date { min_days, max_days } => {
            let today = engine.local_date(cx.now);
            args.push((
                "first",
                Val::S(
                    (today + Duration::days(*min_days))
                        .format("%m-%d")
                        .to_string(),
                ),
            ));
            args.push((
                "last",
                Val::S(
                    (today + Duration::days(*max_days))
                        .format("%m-%d")
                        .to_string(),
                ),
            ));
        }
        _ => {}
    }
    Ok(args)
}

/// Step ids as `'static` names for Fluent arguments: the few ids of the loaded files, each
/// leaked once.
fn leak_id(id: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::Mutex;
    static IDS: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut ids = IDS.lock().expect("ids lock");
    let set = ids.get_or_insert_with(HashSet::new);
    if let Some(s) = set.get(id) {
        return s;
    }
    let s: &'static str = Box::leak(id.to_string().into_boxed_str());
    set.insert(s);
    s
}

pub fn photos_of(st: &State, step: &str) -> Vec<String> {
    st.answers
        .get(step)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The points the valuation rules suggest for what was answered so far.
fn suggestion(cx: &Ctx<'_>, st: &State) -> i64 {
    let a = &st.answers;
    let s = |k: &str| a.get(k).and_then(|v| v.as_str());
    let resource = match s("resource") {
        Some("service") => crate::domain::Resource::Service,
        Some("skill") => crate::domain::Resource::Skill,
        _ => crate::domain::Resource::Item,
    };
    cx.engine.cfg.valuation.suggest(&Facts {
        resource: Some(resource),
        category: s("category"),
        condition: s("condition"),
        hours: a.get("hours").and_then(Value::as_f64),
        ..Default::default()
    })
}

/// The numbers a step accepts: its own bounds, and with `suggest` the valuation's band.
fn number_range(cx: &Ctx<'_>, st: &State, min: i64, max: i64, suggest: bool) -> (i64, i64) {
    if !suggest {
        return (min, max);
    }
    let (lo, hi) = cx.engine.cfg.valuation.allowed_range(suggestion(cx, st));
    (lo.max(min), hi.min(max))
}

async fn dialog_button(cx: &mut Ctx<'_>, st: &State, label: String, value: &str) -> Flow<Button> {
    if cx.me.simple {
        return Ok(Button::key(label));
    }
    let arg = format!("{}{SEP}{}{SEP}{value}", st.flow, st.step);
    let t = CallbackTarget::mine(Action::Dialog, cx.me.id, arg);
    Ok(cx.button(label, &t).await?)
}

/// The answers a step offers as buttons besides its options (yes/no, the suggested points
/// and free, done or skip), as (label, value); numbered "1 …", "2 …" in simple mode, where a
/// typed number picks them.
fn answer_items(cx: &Ctx<'_>, st: &State, step: &Step) -> Vec<(String, String)> {
    let loc = cx.my_locale();
    let mut items: Vec<(String, String)> = Vec::new();
    match &step.input {
        Input::YesNo => {
            items.push((cx.t(loc, "dlg-yes", &[]), "!yes".into()));
            items.push((cx.t(loc, "dlg-no", &[]), "!no".into()));
        }
        Input::Number { suggest: true, .. } => {
            let label = cx.engine.tv(
                loc,
                "dlg-use-suggested",
                &[("points", Val::N(suggestion(cx, st)))],
            );
            items.push((label, "!suggested".into()));
            items.push((cx.t(loc, "dlg-free", &[]), "!free".into()));
        }
        Input::Photos { min, .. } => {
            let n = photos_of(st, &step.id).len();
            if n >= *min && n > 0 {
                items.push((cx.t(loc, "dlg-done", &[]), "!done".into()));
            }
            if *min == 0 && n == 0 {
                items.push((cx.t(loc, "dlg-skip", &[]), "!skip".into()));
            }
        }
        Input::Text { optional: true, .. } => {
            items.push((cx.t(loc, "dlg-skip", &[]), "!skip".into()));
        }
        _ => {}
    }
    if cx.me.simple {
        for (i, (label, _)) in items.iter_mut().enumerate() {
            *label = format!("{} {label}", i + 1);
        }
    }
    items
}

/// In simple mode, a typed number or a key's own words pick one of the step's answer
/// buttons (`answer_items`) before anything else reads them: "1" at the points step is the
/// suggested points, not 1 point.
fn simple_pick(cx: &Ctx<'_>, st: &State, step: &Step, given: &Given) -> Option<Given> {
    let Given::Text(t) = given else { return None };
    // A photo step takes no number: "1" is its first key (跳过 / 完成) in any mode.
    if !cx.me.simple && !matches!(step.input, Input::Photos { .. }) {
        return None;
    }
    let items = answer_items(cx, st, step);
    let t = t.trim();
    items
        .iter()
        .find(|(label, _)| norm(label) == norm(t))
        .or_else(|| menu_number(t).and_then(|n| items.get(n - 1)))
        .map(|(_, value)| Given::Value(value.clone()))
}

async fn step_buttons(cx: &mut Ctx<'_>, st: &State, step: &Step) -> Flow<Vec<Vec<Button>>> {
    let loc = cx.my_locale();
    let simple = cx.me.simple;
    let mut items: Vec<(String, String)> = Vec::new();
    let mut per_row = 3;
    match &step.input {
        Input::Choice { options } => {
            for (i, o) in options.iter().enumerate() {
                let label = cx.t(loc, &o.label, &[]);
                let label = if simple {
                    format!("{} {label}", i + 1)
                } else {
                    label
                };
                items.push((label, o.value.clone()));
            }
            if simple {
                per_row = 2;
            }
        }
        Input::Pick { source } => {
            for (i, (id, label)) in pick_options(cx, *source).await?.into_iter().enumerate() {
                let label = if simple {
                    format!("{} {label}", i + 1)
                } else {
                    label
                };
                items.push((label, id.to_string()));
            }
            per_row = 1;
        }
        Input::YesNo | Input::Number { suggest: true, .. } | Input::Photos { .. } => {
            items = answer_items(cx, st, step);
            per_row = 2;
        }
        Input::Text { optional: true, .. } => items = answer_items(cx, st, step),
        _ => {}
    }
    let mut rows: Vec<Vec<Button>> = Vec::new();
    let mut row = Vec::new();
    for (label, value) in items {
        row.push(dialog_button(cx, st, label, &value).await?);
        if row.len() == per_row {
            rows.push(std::mem::take(&mut row));
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    let mut last = Vec::new();
    if !st.trail.is_empty() {
        last.push(dialog_button(cx, st, cx.t(loc, "dlg-back", &[]), "!back").await?);
    }
    last.push(dialog_button(cx, st, cx.t(loc, "dlg-cancel", &[]), "!cancel").await?);
    rows.push(last);
    Ok(rows)
}

/// A dialog button was pressed: its answer, if it belongs to the step the member is at.
pub async fn on_button(cx: &mut Ctx<'_>, query_id: &str, arg: Option<&str>) -> Flow<Outcome> {
    let mut parts = arg.unwrap_or_default().splitn(3, SEP);
    let (flow, step, value) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let (me, chat) = (cx.me.id, chat_key(cx));
    let idle = cx.engine.cfg.dialogs.idle_minutes * 60;
    let state = db::load(&mut cx.tx, me, chat)
        .await?
        .filter(|(st, updated)| cx.now - updated < idle && st.flow == flow && st.step == step);
    let Some((st, _)) = state else {
        return Err(Refusal::new("err-dialog-old").into());
    };
    cx.answer_button(query_id, String::new(), false).await?;
    if value == "!cancel" {
        cancel(cx, Some(&st)).await?;
        return Ok(Outcome::Asked);
    }
    answer(cx, st, Given::Value(value.to_string())).await
}

/// A new offer or request typed where a flow of one waits for something else ("求人帮忙搬家"
/// at the photo step of "电饭煲"): said plainly, instead of the step's usual complaint.
fn still_posting(cx: &Ctx<'_>, st: &State, given: &Given) -> Option<String> {
    let Given::Text(t) = given else { return None };
    if !["offer", "request", "lend"].contains(&st.flow.as_str()) {
        return None;
    }
    let what = st.answers.get("what")?.as_str()?.to_string();
    match crate::parse::judge(t, None, &cx.engine.lexicon) {
        crate::parse::Verdict::Sure(_) => Some(cx.t(
            cx.my_locale(),
            "dlg-still-posting",
            &[("what", what.into())],
        )),
        _ => None,
    }
}

/// What an answer means at this step: the next step, a re-prompt, or the end.
pub async fn answer(cx: &mut Ctx<'_>, mut st: State, given: Given) -> Flow<Outcome> {
    let engine = cx.engine;
    let Some(f) = engine.dialogs.flow(&st.flow) else {
        clear(cx).await?;
        return Ok(Outcome::Asked);
    };
    let Some(step) = f.step(&st.step) else {
        // The files changed under a waiting flow: start it again.
        clear(cx).await?;
        return start(cx, &f.name.clone()).await;
    };
    let loc = cx.my_locale();
    // 返回 / back: one step back.
    let back = match &given {
        Given::Value(v) => v == "!back",
        Given::Text(t) => is_word(t, BACK_WORDS),
        _ => false,
    };
    if back {
        if let Some(prev) = st.trail.pop() {
            // Forget this step's partial answer (photos so far) and the previous one.
            for id in [st.step.clone(), prev.clone()] {
                st.answers.remove(&id);
                st.answers.remove(&format!("{id}__label"));
            }
            st.step = prev;
            st.wrong = 0;
            save(cx, &st).await?;
        }
        prompt(cx, &st, None).await?;
        return Ok(Outcome::Asked);
    }
    if matches!(given, Given::Other) {
        let text = cx.t(loc, "dlg-other", &[]);
        prompt(cx, &st, Some(text)).await?;
        return Ok(Outcome::Asked);
    }
    match read(cx, &st, step, &given).await? {
        Read::Wrong(text) => {
            st.wrong += 1;
            save(cx, &st).await?;
            let text = still_posting(cx, &st, &given).unwrap_or(text);
            prompt(cx, &st, Some(text)).await?;
        }
        Read::More(v) => {
            // Another photo: keep asking until Done or the most photos.
            st.answers.insert(step.id.clone(), v);
            st.wrong = 0;
            save(cx, &st).await?;
            prompt(cx, &st, None).await?;
        }
        Read::Answer(v, label) => {
            if step.id == "confirm" && v == Value::Bool(false) {
                clear(cx).await?;
                let text = cx.t(loc, &f.cancel, &[]);
                cx.reply_end(text).await?;
                return Ok(Outcome::Asked);
            }
            st.answers.insert(step.id.clone(), v);
            if let Some(l) = label {
                st.answers.insert(format!("{}__label", step.id), l.into());
            }
            st.trail.push(step.id.clone());
            // Steps the flow started with answers for (not answered here) are not asked.
            let mut next = f.after(&step.id, &st.answers);
            while let Some(n) =
                next.filter(|n| st.answers.contains_key(&n.id) && !st.trail.contains(&n.id))
            {
                next = f.after(&n.id, &st.answers);
            }
            return match next {
                Some(next) => enter(cx, st, next).await,
                None => Ok(Outcome::Finished(st)),
            };
        }
    }
    Ok(Outcome::Asked)
}

/// Ends the flows left unanswered for `dialogs.idle_minutes`, each with a gentle message
/// (after quiet hours). Safe with several instances: a flow ends once.
pub async fn end_idle(engine: &Engine) -> Result<Vec<i64>, EngineError> {
    let now = ts(engine.clock.now());
    let cutoff = now - engine.cfg.dialogs.idle_minutes * 60;
    let stale = {
        let mut c = engine.store.conn().await?;
        db::stale(&mut c, cutoff).await?
    };
    let mut out = Vec::new();
    for (member_id, chat_id, updated, flow) in stale {
        let mut cx = Ctx::for_job(engine, engine.store.begin().await?, now);
        if db::end_if_unchanged(&mut cx.tx, member_id, chat_id, updated).await? {
            // The chat the flow ran in: the helper's, when one acted for the member.
            if let Some(m) = members::member_by_id(&mut cx.tx, chat_id).await? {
                let loc = cx.locale_of(&m);
                // A flow may say how to come back to it ("survey-timeout": send 问卷).
                let own = format!("{flow}-timeout");
                let key = if engine.i18n.has(loc, &own) {
                    own.as_str()
                } else {
                    "dlg-timeout"
                };
                let text = cx.t(loc, key, &[]);
                cx.notify(&m, text, Vec::new(), None).await?;
            }
        }
        out.extend(cx.commit().await?);
    }
    Ok(out)
}

/// What an answer was at a step.
enum Read {
    Answer(Value, Option<String>),
    /// A partial answer (photos so far).
    More(Value),
    Wrong(String),
}

/// What was given, as the readers take it: typed text (trimmed) or a button's value.
struct Typed<'a> {
    text: Option<String>,
    value: Option<&'a str>,
}

impl Typed<'_> {
    fn of(given: &Given) -> Typed<'_> {
        Typed {
            text: match given {
                Given::Text(t) => Some(t.trim().to_string()),
                _ => None,
            },
            value: match given {
                Given::Value(v) => Some(v.as_str()),
                _ => None,
            },
        }
    }

    /// The button `v` was pressed, or one of `words` was typed.
    fn said(&self, v: &str, words: &[&str]) -> bool {
        self.value == Some(v) || self.text.as_deref().is_some_and(|t| is_word(t, words))
    }
}

/// Reads the answer to `step`.
async fn read(cx: &mut Ctx<'_>, st: &State, step: &Step, given: &Given) -> Flow<Read> {
    read_answer(cx, st, step, given, true).await
}

/// Reads an answer; with `pick`, a number typed in simple mode may pick an answer button.
async fn read_answer(
    cx: &mut Ctx<'_>,
    st: &State,
    step: &Step,
    given: &Given,
    pick: bool,
) -> Flow<Read> {
    let picked = if pick {
        simple_pick(cx, st, step, given)
    } else {
        None
    };
    let typed = Typed::of(picked.as_ref().unwrap_or(given));
    let read = match &step.input {
        Input::Text {
            min_len,
            max_len,
            optional,
        } => read_text(&typed, *min_len, *max_len, *optional),
        Input::Choice { options } => {
            let loc = cx.my_locale();
            let found = match (typed.value, &typed.text) {
                (Some(v), _) => options.iter().find(|o| o.value == v),
                (None, Some(t)) => {
                    let nt = norm(t);
                    options
                        .iter()
                        // The label, then the number shown beside it, then the stored value.
                        .find(|o| norm(&cx.t(loc, &o.label, &[])) == nt)
                        .or_else(|| menu_number(t).and_then(|n| options.get(n - 1)))
                        .or_else(|| options.iter().find(|o| norm(&o.value) == nt))
                        .or_else(|| {
                            // Part of one label only ("所有群" for "发到我负责的所有群").
                            let part: Vec<_> = options
                                .iter()
                                .filter(|o| {
                                    nt.chars().count() >= 2
                                        && norm(&cx.t(loc, &o.label, &[])).contains(&nt)
                                })
                                .collect();
                            (part.len() == 1).then(|| part[0])
                        })
                }
                _ => None,
            };
            match found {
                Some(o) => Ok(Read::Answer(Value::String(o.value.clone()), None)),
                None => Err((
                    "dlg-bad-choice",
                    vec![("max", Val::N(options.len() as i64))],
                )),
            }
        }
        Input::Number {
            max, halves: true, ..
        } => read_halves(&typed, *max),
        Input::Number {
            min,
            max,
            suggest,
            pays,
            ..
        } => {
            let read = read_points(cx, st, &typed, *min, *max, *suggest);
            if *pays {
                paid_points(cx, st, read).await?
            } else {
                read
            }
        }
        Input::YesNo => {
            let yes = match (typed.value, &typed.text) {
                (Some("!yes"), _) => Some(true),
                (Some("!no"), _) => Some(false),
                (None, Some(t)) if is_word(t, YES_WORDS) || t == "1" => Some(true),
                (None, Some(t)) if is_word(t, NO_WORDS) || t == "2" => Some(false),
                _ => None,
            };
            yes.map(|b| Read::Answer(Value::Bool(b), None))
                .ok_or(("dlg-bad-yesno", Vec::new()))
        }
        Input::Photos { min, max } => read_photos(st, step, given, &typed, *min, *max),
        Input::Date { min_days, max_days } => {
            let today = cx.engine.local_date(cx.now);
            read_day(&typed, today, *min_days, *max_days)
        }
        Input::Time => match typed.text.as_deref().and_then(read_time) {
            Some(t) => Ok(Read::Answer(
                Value::String(t.format("%H:%M").to_string()),
                None,
            )),
            None => Err(("dlg-bad-time", Vec::new())),
        },
        Input::Pick { source } => {
            let options = pick_options(cx, *source).await?;
            read_pick(&typed, &options)
        }
    };
    Ok(read.unwrap_or_else(|(key, args)| {
        // The step's own message replaces the kind's generic one, not a particular refusal.
        let key = match step.error.as_deref() {
            Some(own) if key != "dlg-points-over-balance" => own,
            _ => key,
        };
        Read::Wrong(cx.engine.tv(cx.my_locale(), key, &args))
    }))
}

/// A wrong answer: the message key (unless the step names its own) and its arguments.
type Wrong = (&'static str, Args);

fn read_text(
    typed: &Typed<'_>,
    min_len: usize,
    max_len: usize,
    optional: bool,
) -> Result<Read, Wrong> {
    if optional && typed.said("!skip", SKIP_WORDS) {
        return Ok(Read::Answer(Value::Null, None));
    }
    let wrong = || {
        (
            "dlg-bad-text",
            vec![
                ("min", Val::N(min_len as i64)),
                ("max", Val::N(max_len as i64)),
            ],
        )
    };
    let t = typed.text.clone().ok_or_else(wrong)?;
    // A bare number is a key pressed by habit (simple mode's "1"), not a name or a reason.
    if t.trim().chars().all(|c| c.is_ascii_digit()) && !t.trim().is_empty() {
        return Err(("dlg-words-not-number", Vec::new()));
    }
    let n = t.chars().count();
    if n < min_len || n > max_len {
        return Err(wrong());
    }
    Ok(Read::Answer(Value::String(t), None))
}

/// The points the member can spend in the community the flow posts in (its `community`
/// answer, else their first): their balance above the floor.
async fn spendable(cx: &mut Ctx<'_>, st: &State) -> Flow<i64> {
    let chosen = st.answers.get("community").and_then(|v| v.as_i64());
    let Some(community) = members::communities_of(&mut cx.tx, cx.me.id)
        .await?
        .into_iter()
        .find(|c| chosen.is_none_or(|id| c.id == id))
    else {
        // No community: the flow's end says so; nothing to compare with here.
        return Ok(i64::MAX);
    };
    let kind = crate::domain::AccountKind::Member;
    let account = crate::ledger::account(&mut cx.tx, community.id, kind, cx.me.id).await?;
    let balance = crate::ledger::balance(&mut cx.tx, account).await?;
    Ok(balance - cx.engine.cfg.points.min_balance)
}

/// A paying step's answer: no more than the resident can spend; a wrong answer shows the same
/// range as the question (up to what they can spend).
async fn paid_points(
    cx: &mut Ctx<'_>,
    st: &State,
    read: Result<Read, Wrong>,
) -> Flow<Result<Read, Wrong>> {
    let can = spendable(cx, st).await?;
    Ok(match read {
        Ok(Read::Answer(Value::Number(ref n), _)) => {
            let asked = n.as_i64().unwrap_or(0);
            if asked > 0 && asked > can {
                Err((
                    "dlg-points-over-balance",
                    vec![("points", Val::N(asked)), ("balance", Val::N(can.max(0)))],
                ))
            } else {
                read
            }
        }
        Err((key, mut args)) => {
            let lo = args
                .iter()
                .find_map(|(n, v)| match (*n, v) {
                    ("min", Val::N(x)) => Some(*x),
                    _ => None,
                })
                .unwrap_or(0);
            for (n, v) in args.iter_mut() {
                if let ("max", Val::N(hi)) = (*n, v) {
                    if can >= lo {
                        *hi = (*hi).min(can);
                    }
                }
            }
            Err((key, args))
        }
        read => read,
    })
}

/// Hours in halves ("半小时" 0.5, "一个半钟头" 1.5, "2"), from half an hour to `max`.
fn read_halves(typed: &Typed<'_>, max: i64) -> Result<Read, Wrong> {
    let h = typed.text.as_deref().and_then(read_hours);
    match h {
        Some(h) if h >= 0.5 && h <= max as f64 && (h * 2.0).fract() == 0.0 => {
            let v = if h.fract() == 0.0 {
                Value::from(h as i64)
            } else {
                Value::from(h)
            };
            Ok(Read::Answer(v, None))
        }
        _ => Err((
            "dlg-bad-hours",
            vec![("min", Val::N(1)), ("max", Val::N(max))],
        )),
    }
}

fn read_points(
    cx: &Ctx<'_>,
    st: &State,
    typed: &Typed<'_>,
    min: i64,
    max: i64,
    suggest: bool,
) -> Result<Read, Wrong> {
    let (lo, hi) = number_range(cx, st, min, max, suggest);
    let n = match (typed.value, &typed.text) {
        (Some("!suggested"), _) => Some(suggestion(cx, st)),
        (Some("!free"), _) => Some(0),
        // "不要", "不收", "白送": no points, as an elderly neighbour says it.
        (None, Some(t)) if suggest && is_word(t, NO_POINTS_WORDS) => Some(0),
        (None, Some(t)) => read_number(t),
        _ => None,
    };
    match n {
        // Free is always allowed where points are asked with a suggestion.
        Some(0) if suggest && min == 0 => Ok(Read::Answer(0.into(), None)),
        Some(n) if (lo..=hi).contains(&n) => Ok(Read::Answer(n.into(), None)),
        _ => Err((
            "dlg-bad-number",
            vec![
                ("min", Val::N(lo)),
                ("max", Val::N(hi)),
                ("suggested", Val::N(suggestion(cx, st))),
            ],
        )),
    }
}

/// Words that ask no points where points are asked.
const NO_POINTS_WORDS: &[&str] = &[
    "不要",
    "不要了",
    "不要积分",
    "不要分",
    "不收",
    "不收积分",
    "不收分",
    "不用",
    "不用给",
    "不用积分",
    "白送",
    "送",
    "送人",
    "不要钱",
    "no points",
    "none",
    "nothing",
    "for free",
];

fn read_photos(
    st: &State,
    step: &Step,
    given: &Given,
    typed: &Typed<'_>,
    min: usize,
    max: usize,
) -> Result<Read, Wrong> {
    let mut photos = photos_of(st, &step.id);
    if let Given::Photo(id) = given {
        if photos.len() < max && !id.is_empty() {
            photos.push(id.clone());
        }
        let v = Value::Array(photos.iter().cloned().map(Value::String).collect());
        return Ok(if photos.len() >= max {
            Read::Answer(v, None)
        } else {
            Read::More(v)
        });
    }
    let done = typed.said("!done", DONE_WORDS) || typed.said("!skip", SKIP_WORDS);
    if done && photos.len() >= min {
        return Ok(Read::Answer(
            Value::Array(photos.into_iter().map(Value::String).collect()),
            None,
        ));
    }
    Err((
        "dlg-bad-photo",
        vec![("min", Val::N(min as i64)), ("max", Val::N(max as i64))],
    ))
}

fn read_day(
    typed: &Typed<'_>,
    today: NaiveDate,
    min_days: i64,
    max_days: i64,
) -> Result<Read, Wrong> {
    // A bare number where a return day is asked ("7", as the prompt's "7天") is so many days.
    let bare_days = |t: &str| {
        let t = t.trim();
        (t.len() <= 3 && !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<i64>().ok())
            .flatten()
            .filter(|n| (min_days..=max_days).contains(n))
            .map(|n| today + Duration::days(n))
    };
    let d = typed
        .text
        .as_deref()
        .and_then(|t| bare_days(t).or_else(|| read_date(t, today)));
    let first = today + Duration::days(min_days);
    let last = today + Duration::days(max_days);
    match d {
        Some(d) if d >= first && d <= last => Ok(Read::Answer(
            Value::String(d.format("%Y-%m-%d").to_string()),
            None,
        )),
        _ => Err((
            "dlg-bad-date",
            vec![
                ("first", Val::S(first.format("%m-%d").to_string())),
                ("last", Val::S(last.format("%m-%d").to_string())),
            ],
        )),
    }
}

fn read_pick(typed: &Typed<'_>, options: &[(i64, String)]) -> Result<Read, Wrong> {
    let found = match (typed.value, &typed.text) {
        (Some(v), _) => options.iter().find(|(id, _)| id.to_string() == v),
        (None, Some(t)) => {
            let tt = t.trim();
            // "#12" names a listing by its number; "2" is the second option.
            let by_id = tt
                .strip_prefix('#')
                .or_else(|| tt.strip_prefix('＃'))
                .and_then(|n| n.trim().parse::<i64>().ok());
            match by_id {
                // The number shown: a listing's, also for a hand-over of it.
                Some(id) => options
                    .iter()
                    .find(|(_, l)| l.starts_with(&format!("#{id} "))),
                None => menu_number(tt)
                    .and_then(|n| options.get(n - 1))
                    .or_else(|| options.iter().find(|(_, l)| norm(l) == norm(tt))),
            }
        }
        _ => None,
    };
    match found {
        Some((id, label)) => Ok(Read::Answer((*id).into(), Some(label.clone()))),
        None => Err((
            "dlg-bad-choice",
            vec![("max", Val::N(options.len() as i64))],
        )),
    }
}
