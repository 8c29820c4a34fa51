//! The dialog interpreter: runs the flows of `dialogs/*.toml` step by step in private chat.
//!
//! A member's place in a flow is a row of `dialog_state`, keyed by (member, chat), written in
//! the update's own transaction: a restart resumes where they were, and a flow left unanswered
//! for `dialogs.idle_minutes` ends with a gentle message ([`Engine::end_idle_dialogs`]).
//! Anywhere in a flow, 取消 / cancel leaves it, 菜单 / menu shows the main menu, 返回 / back
//! goes one step back. A wrong answer gets a clear re-prompt and the flow goes on.
//!
//! Simple mode (per member) shows the choices as big keys under the typing field and keeps
//! every message to three short lines; in the normal mode they are buttons under the message.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use fluent_bundle::FluentValue;
use serde_json::{Map, Value};
use sqlx::Row;

use super::{Content, Ctx, Engine, EngineError, Flow, Refusal, Stop};
use crate::dialog::{Input, Source, Step};
use crate::domain::{Action, ClaimStatus, ListingKind, ListingStatus};
use crate::i18n::Locale;
use crate::ledger::valuation::Facts;
use crate::parse;
use crate::store::listings::{self as db, CallbackTarget};
use crate::store::members;
use crate::store::outbox::{self, Button};
use crate::store::ts;

/// Separates flow, step and value in a dialog button's stored argument.
const SEP: char = '\u{1f}';

/// Days after a hand-over during which a dispute may be opened.
pub const DISPUTE_DAYS: i64 = 7;

/// A member's place in a flow.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub flow: String,
    pub step: String,
    pub answers: Map<String, Value>,
    pub trail: Vec<String>,
    pub wrong: i64,
}

/// What the resident gave at a step.
#[derive(Debug, Clone)]
enum Given {
    Text(String),
    Photo(String),
    /// A button's value.
    Value(String),
    /// A sticker, a voice message …
    Other,
}

/// A value shown in a message, turned into a Fluent value only where the text is made.
#[derive(Debug, Clone)]
enum Arg {
    S(String),
    N(i64),
}

type Args = Vec<(&'static str, Arg)>;

fn fmt(cx: &Ctx<'_>, loc: Locale, key: &str, args: &[(&str, Arg)]) -> String {
    let fa: Vec<(&str, FluentValue)> = args
        .iter()
        .map(|(k, v)| {
            (
                *k,
                match v {
                    Arg::S(s) => FluentValue::from(s.clone()),
                    Arg::N(n) => FluentValue::from(*n),
                },
            )
        })
        .collect();
    cx.t(loc, key, &fa)
}

/// Lower case letters and digits only: how typed words and key labels are compared.
pub(crate) fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_word(text: &str, words: &[&str]) -> bool {
    let t = norm(text);
    !t.is_empty() && words.iter().any(|w| norm(w) == t)
}

const CANCEL_WORDS: &[&str] = &["取消", "退出", "不弄了", "算了", "cancel", "quit", "exit"];
const MENU_WORDS: &[&str] = &["菜单", "主菜单", "目录", "menu", "main menu"];
const BACK_WORDS: &[&str] = &["返回", "上一步", "back"];
const SKIP_WORDS: &[&str] = &["跳过", "不用", "没有", "不要", "skip", "none", "no"];
const DONE_WORDS: &[&str] = &[
    "完成",
    "好了",
    "发完了",
    "就这些",
    "done",
    "finished",
    "that's all",
];
const YES_WORDS: &[&str] = &[
    "是", "是的", "好", "好的", "对", "对的", "确认", "确定", "发布", "可以", "行", "嗯", "yes",
    "y", "ok", "okay", "sure", "yep",
];
const NO_WORDS: &[&str] = &["否", "不", "不是", "不对", "不行", "no", "n", "nope"];

pub(crate) fn is_cancel(text: &str) -> bool {
    is_word(text, CANCEL_WORDS) || text.trim() == "/cancel"
}

/// The plain words for `/helper`.
pub(crate) fn is_helper_word(text: &str) -> bool {
    is_word(text, &["代办", "请人代办", "helper"])
}

pub(crate) fn is_menu(text: &str) -> bool {
    is_word(text, MENU_WORDS) || matches!(text.trim(), "/menu" | "/菜单")
}

/// The menu entry a typed number (or a big key "3 我的积分") chooses.
pub(crate) fn menu_number(text: &str) -> Option<usize> {
    let t = parse::normalize::normalize(text);
    let t = t.trim();
    let first = t.chars().next()?;
    let n = first.to_digit(10).or_else(|| {
        "一二三四五六七八九"
            .chars()
            .position(|c| c == first)
            .map(|i| i as u32 + 1)
    })?;
    let rest = &t[first.len_utf8()..];
    // "1", "1 送东西", "1." — but not "10" or "1只猫".
    let rest_ok = rest.is_empty() || rest.starts_with([' ', '.', '、', '．']);
    (rest_ok && (1..=9).contains(&n)).then_some(n as usize)
}

impl Ctx<'_> {
    /// The private chat the flow runs in: the helper's, when one acts for the resident.
    fn chat_key(&self) -> i64 {
        self.actor.as_ref().map_or(self.me.id, |a| a.id)
    }

    async fn dialog_state(&mut self) -> Result<Option<(State, i64)>, EngineError> {
        let sql = format!(
            "SELECT flow, step, answers, trail, wrong, updated_at FROM dialog_state WHERE member_id = $1 AND chat_id = $2{}",
            self.engine.store.backend().for_update()
        );
        let row = sqlx::query(&sql)
            .bind(self.me.id)
            .bind(self.chat_key())
            .fetch_optional(&mut *self.tx)
            .await?;
        let Some(r) = row else { return Ok(None) };
        let answers: String = r.try_get("answers")?;
        let trail: String = r.try_get("trail")?;
        let st = State {
            flow: r.try_get("flow")?,
            step: r.try_get("step")?,
            answers: serde_json::from_str(&answers).unwrap_or_default(),
            trail: serde_json::from_str(&trail).unwrap_or_default(),
            wrong: r.try_get("wrong")?,
        };
        Ok(Some((st, r.try_get("updated_at")?)))
    }

    async fn save_dialog(&mut self, st: &State) -> Result<(), EngineError> {
        sqlx::query(
            "INSERT INTO dialog_state (member_id, chat_id, flow, step, answers, trail, wrong, started_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
             ON CONFLICT (member_id, chat_id) DO UPDATE SET flow = EXCLUDED.flow, step = EXCLUDED.step,
               answers = EXCLUDED.answers, trail = EXCLUDED.trail, wrong = EXCLUDED.wrong, updated_at = EXCLUDED.updated_at",
        )
        .bind(self.me.id)
        .bind(self.chat_key())
        .bind(&st.flow)
        .bind(&st.step)
        .bind(Value::Object(st.answers.clone()).to_string())
        .bind(serde_json::to_string(&st.trail).unwrap_or_else(|_| "[]".into()))
        .bind(st.wrong)
        .bind(self.now)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn clear_dialog(&mut self) -> Result<(), EngineError> {
        sqlx::query("DELETE FROM dialog_state WHERE member_id = $1 AND chat_id = $2")
            .bind(self.me.id)
            .bind(self.chat_key())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Replies to the member acting, privately.
    pub(crate) async fn reply(&mut self, text: String, buttons: Vec<Vec<Button>>) -> Flow {
        let me = self.me.clone();
        self.say_private(&me, text, buttons, None).await?;
        Ok(())
    }

    /// The last message of something finished: in simple mode it carries the menu's big keys.
    pub(crate) async fn reply_end(&mut self, text: String) -> Flow {
        let buttons = if self.me.simple {
            menu_keys(self)
        } else {
            Vec::new()
        };
        self.reply(text, buttons).await
    }
}

/// The main menu's big keys: "1 送东西", two to a row.
fn menu_keys(cx: &Ctx<'_>) -> Vec<Vec<Button>> {
    menu_keys_in(cx, cx.my_locale())
}

/// The same in another member's language.
fn menu_keys_in(cx: &Ctx<'_>, loc: Locale) -> Vec<Vec<Button>> {
    let keys: Vec<Button> = cx
        .engine
        .dialogs
        .menu
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| Button::key(format!("{} {}", i + 1, cx.t(loc, &item.label, &[]))))
        .collect();
    keys.chunks(2).map(|c| c.to_vec()).collect()
}

/// Shows the numbered main menu.
pub(crate) async fn show_menu(cx: &mut Ctx<'_>, before: Option<String>) -> Flow {
    let loc = cx.my_locale();
    let mut lines: Vec<String> = before.into_iter().collect();
    lines.push(cx.t(loc, &cx.engine.dialogs.menu.title.clone(), &[]));
    if cx.me.simple {
        let keys = menu_keys(cx);
        return cx.reply(lines.join("\n"), keys).await;
    }
    let items = cx.engine.dialogs.menu.items.clone();
    let mut row = Vec::new();
    let mut rows = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let label = format!("{} {}", i + 1, cx.t(loc, &item.label, &[]));
        lines.push(label.clone());
        let t = CallbackTarget {
            action: Action::Menu,
            listing_id: None,
            claim_id: None,
            for_member: Some(cx.me.id),
            arg: Some((i + 1).to_string()),
        };
        row.push(Button::callback(
            label,
            db::new_callback(&mut cx.tx, &t, cx.now).await?,
        ));
        if row.len() == 3 {
            rows.push(std::mem::take(&mut row));
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    cx.reply(lines.join("\n"), rows).await
}

/// Runs menu entry `n` (1-based).
pub(crate) async fn choose_menu(cx: &mut Ctx<'_>, n: usize) -> Flow {
    let Some(item) = cx.engine.dialogs.menu.items.get(n.wrapping_sub(1)).cloned() else {
        return show_menu(cx, Some(cx.t(cx.my_locale(), "menu-no-such", &[]))).await;
    };
    cx.clear_dialog().await?;
    if let Some(flow) = &item.flow {
        return start(cx, flow).await;
    }
    match item.command.as_deref().unwrap_or_default() {
        "points" => super::commands::show_points(cx, None, 5).await,
        "history" => super::commands::show_points(cx, None, 20).await,
        "mine" => show_mine(cx).await,
        "reminders" => super::reminders::list_reminders(cx).await,
        "lang" => start(cx, "language").await,
        "simple_off" => set_simple(cx, false).await,
        _ => super::commands::help(cx).await,
    }
}

/// Starts `flow` from its first step, replacing any flow the member was in.
pub(crate) async fn start(cx: &mut Ctx<'_>, flow: &str) -> Flow {
    start_with(cx, flow, Map::new()).await
}

/// Starts `flow` with some answers already known; its first unanswered step is asked.
pub(crate) async fn start_with(cx: &mut Ctx<'_>, flow: &str, answers: Map<String, Value>) -> Flow {
    let engine = cx.engine;
    let Some(f) = engine.dialogs.flow(flow) else {
        return Err(Refusal::new("err-internal").into());
    };
    let mut st = State {
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
        Some(s) => enter(cx, &mut st, s).await,
        None => finish(cx, st).await,
    }
}

/// Moves to step `s`: answers it at once when there is nothing to choose (one community),
/// ends the flow politely when there is nothing at all, else asks.
async fn enter(cx: &mut Ctx<'_>, st: &mut State, s: &Step) -> Flow {
    let engine = cx.engine;
    let f = engine.dialogs.flow(&st.flow).expect("known flow");
    let mut step = s;
    loop {
        st.step = step.id.clone();
        st.wrong = 0;
        if let Input::Pick { source } = step.input {
            let options = pick_options(cx, source).await?;
            if options.is_empty() {
                cx.clear_dialog().await?;
                let text = cx.t(cx.my_locale(), empty_key(source), &[]);
                return cx.reply_end(text).await;
            }
            if source == Source::Communities && options.len() == 1 {
                st.answers.insert(step.id.clone(), options[0].0.into());
                st.answers
                    .insert(format!("{}__label", step.id), options[0].1.clone().into());
                match f.after(&step.id, &st.answers) {
                    Some(n) => {
                        step = n;
                        continue;
                    }
                    None => return finish(cx, st.clone()).await,
                }
            }
        }
        break;
    }
    cx.save_dialog(st).await?;
    prompt(cx, st, None).await
}

fn empty_key(source: Source) -> &'static str {
    match source {
        Source::Communities => "err-no-community",
        Source::Unrated => "dlg-none-unrated",
        Source::Disputable => "dlg-none-disputable",
        Source::Listings => "dlg-none-listings",
    }
}

/// The options of a `pick` step: (value, label), newest first, at most nine.
async fn pick_options(cx: &mut Ctx<'_>, source: Source) -> Result<Vec<(i64, String)>, EngineError> {
    let me = cx.me.id;
    Ok(match source {
        Source::Communities => members::communities_of(&mut cx.tx, me)
            .await?
            .into_iter()
            .map(|c| (c.id, c.title))
            .collect(),
        Source::Unrated | Source::Disputable => {
            let since = if source == Source::Disputable {
                cx.now - DISPUTE_DAYS * 86_400
            } else {
                0
            };
            let rows = sqlx::query(
                "SELECT c.id, l.id AS listing_id, l.title, m.name AS other FROM claims c
                 JOIN listings l ON l.id = c.listing_id
                 JOIN members m ON m.id = CASE WHEN c.giver_id = $1 THEN c.receiver_id ELSE c.giver_id END
                 WHERE (c.giver_id = $1 OR c.receiver_id = $1) AND c.status = 'confirmed' AND c.updated_at >= $2
                   AND ($3 = 0 OR NOT EXISTS (SELECT 1 FROM ratings r WHERE r.claim_id = c.id AND r.rater_id = $1))
                 ORDER BY c.id DESC LIMIT 9",
            )
            .bind(me)
            .bind(since)
            .bind((source == Source::Unrated) as i64)
            .fetch_all(&mut *cx.tx)
            .await?;
            let mut v = Vec::new();
            for r in rows {
                let title: String = r.try_get("title")?;
                let other: String = r.try_get("other")?;
                let lid: i64 = r.try_get("listing_id")?;
                v.push((r.try_get("id")?, format!("#{lid} {title} · {other}")));
            }
            v
        }
        Source::Listings => {
            let rows = sqlx::query(
                "SELECT l.id, l.title FROM listings l
                 JOIN memberships ms ON ms.community_id = l.community_id AND ms.member_id = $1
                 WHERE l.owner_id <> $1 AND l.status IN ('open', 'reserved', 'accepted', 'lent')
                 ORDER BY l.id DESC LIMIT 9",
            )
            .bind(me)
            .fetch_all(&mut *cx.tx)
            .await?;
            let mut v = Vec::new();
            for r in rows {
                let id: i64 = r.try_get("id")?;
                let title: String = r.try_get("title")?;
                v.push((id, format!("#{id} {title}")));
            }
            v
        }
    })
}

/// Asks the current step: an error line first after a wrong answer.
async fn prompt(cx: &mut Ctx<'_>, st: &State, error: Option<String>) -> Flow {
    let engine = cx.engine;
    let f = engine.dialogs.flow(&st.flow).expect("known flow");
    let step = f.step(&st.step).expect("known step");
    let loc = cx.my_locale();
    let args = step_args(cx, st, step).await?;
    let mut text = fmt(cx, loc, &step.prompt, &args);
    if let Some(e) = error {
        text = format!("{e}\n{text}");
    }
    let buttons = step_buttons(cx, st, step, &args).await?;
    cx.reply(text, buttons).await
}

/// The arguments every prompt may use: each earlier answer by step id (a choice by its
/// label), and the step's own figures.
async fn step_args(cx: &mut Ctx<'_>, st: &State, step: &Step) -> Result<Args, EngineError> {
    let engine = cx.engine;
    let f = engine.dialogs.flow(&st.flow).expect("known flow");
    let loc = cx.my_locale();
    let mut args: Args = vec![("name", Arg::S(cx.me.name.clone()))];
    for s in &f.steps {
        let Some(v) = st.answers.get(&s.id) else {
            continue;
        };
        let id: &'static str = leak_id(&s.id);
        let a = match (&s.input, v) {
            (Input::Choice { options }, Value::String(v)) => options
                .iter()
                .find(|o| &o.value == v)
                .map(|o| Arg::S(cx.t(loc, &o.label, &[]))),
            (Input::Photos { .. }, Value::Array(a)) => Some(Arg::N(a.len() as i64)),
            (Input::Pick { .. }, _) => st
                .answers
                .get(&format!("{}__label", s.id))
                .and_then(|l| l.as_str())
                .map(|l| Arg::S(l.to_string())),
            (Input::Date { .. }, Value::String(d)) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .map(|d| Arg::S(d.format("%m-%d").to_string())),
            (_, Value::String(s)) => Some(Arg::S(s.clone())),
            (_, Value::Number(n)) => n.as_i64().map(Arg::N),
            _ => None,
        };
        if let Some(a) = a {
            args.push((id, a));
        }
    }
    match &step.input {
        Input::Number { min, max, suggest } => {
            let (lo, hi) = number_range(cx, st, *min, *max, *suggest);
            args.push(("min", Arg::N(lo)));
            args.push(("max", Arg::N(hi)));
            if *suggest {
                args.push(("suggested", Arg::N(suggestion(cx, st))));
            }
        }
        Input::Photos { min, max } => {
            let n = photos_of(st, &step.id).len();
            args.push(("count", Arg::N(n as i64)));
            args.push(("min", Arg::N(*min as i64)));
            args.push(("max", Arg::N(*max as i64)));
        }
        Input::Text {
            min_len, max_len, ..
        } => {
            args.push(("min", Arg::N(*min_len as i64)));
            args.push(("max", Arg::N(*max_len as i64)));
        }
        Input::Date { min_days, max_days } => {
            let today = engine.local_date(cx.now);
            args.push((
                "first",
                Arg::S(
                    (today + Duration::days(*min_days))
                        .format("%m-%d")
                        .to_string(),
                ),
            ));
            args.push((
                "last",
                Arg::S(
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

fn photos_of(st: &State, step: &str) -> Vec<String> {
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
        hours: a.get("hours").and_then(|v| v.as_i64()).map(|h| h as f64),
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

/// A dialog button: pressing it answers `value` at this step.
async fn dialog_button(
    cx: &mut Ctx<'_>,
    st: &State,
    label: String,
    value: &str,
) -> Result<Button, EngineError> {
    if cx.me.simple {
        return Ok(Button::key(label));
    }
    let t = CallbackTarget {
        action: Action::Dialog,
        listing_id: None,
        claim_id: None,
        for_member: Some(cx.me.id),
        arg: Some(format!("{}{SEP}{}{SEP}{value}", st.flow, st.step)),
    };
    Ok(Button::callback(
        label,
        db::new_callback(&mut cx.tx, &t, cx.now).await?,
    ))
}

async fn step_buttons(
    cx: &mut Ctx<'_>,
    st: &State,
    step: &Step,
    args: &Args,
) -> Result<Vec<Vec<Button>>, EngineError> {
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
        Input::YesNo => {
            items.push((cx.t(loc, "dlg-yes", &[]), "!yes".into()));
            items.push((cx.t(loc, "dlg-no", &[]), "!no".into()));
            per_row = 2;
        }
        Input::Number { suggest: true, .. } => {
            let suggested = args
                .iter()
                .find(|(k, _)| *k == "suggested")
                .and_then(|(_, v)| match v {
                    Arg::N(n) => Some(*n),
                    Arg::S(_) => None,
                })
                .unwrap_or(0);
            let label = fmt(
                cx,
                loc,
                "dlg-use-suggested",
                &[("points", Arg::N(suggested))],
            );
            items.push((label, "!suggested".into()));
            items.push((cx.t(loc, "dlg-free", &[]), "!free".into()));
            per_row = 2;
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

/// A private message or photo: part of a flow, a word that starts one, or a menu number.
/// Returns false when it is none of these and the usual commands should read it.
pub(crate) async fn on_private(cx: &mut Ctx<'_>, content: &Content) -> Flow<bool> {
    let text = match content {
        Content::Text(t) => Some(t.as_str()),
        Content::Photo { caption, .. } => caption.as_deref(),
        _ => None,
    };
    let idle = cx.engine.cfg.dialogs.idle_minutes * 60;
    let mut state = cx.dialog_state().await?;
    if let Some((_, updated)) = &state {
        if cx.now - updated >= idle {
            // Left too long: the flow ended; this message is read afresh.
            cx.clear_dialog().await?;
            state = None;
            let text = cx.t(cx.my_locale(), "dlg-timeout", &[]);
            cx.reply(text, Vec::new()).await?;
        }
    }
    if let Some(t) = text {
        if is_menu(t) {
            cx.clear_dialog().await?;
            show_menu(cx, None).await?;
            return Ok(true);
        }
        if is_cancel(t) {
            let key = match &state {
                Some((st, _)) => cx
                    .engine
                    .dialogs
                    .flow(&st.flow)
                    .map(|f| f.cancel.clone())
                    .unwrap_or_else(|| "dlg-cancelled".into()),
                None => "dlg-nothing-to-cancel".into(),
            };
            cx.clear_dialog().await?;
            let text = cx.t(cx.my_locale(), &key, &[]);
            cx.reply_end(text).await?;
            return Ok(true);
        }
    }
    let Some((st, _)) = state else {
        return start_by_words(cx, text).await;
    };
    // A command in the middle of a flow is a command; the flow waits.
    if let Some(t) = text {
        if let Some(cmd) = super::commands::split_command(t) {
            if cmd.args.is_empty() && cx.engine.dialogs.by_command(&cmd.name).is_some() {
                return start_by_words(cx, text).await;
            }
            return Ok(false);
        }
    }
    let given = match content {
        Content::Photo { file_id, .. } => Given::Photo(file_id.clone()),
        Content::Text(t) => Given::Text(t.clone()),
        _ => Given::Other,
    };
    answer(cx, st, given).await?;
    Ok(true)
}

/// Outside a flow: a word or bare command that starts one, a menu number, simple mode words.
async fn start_by_words(cx: &mut Ctx<'_>, text: Option<&str>) -> Flow<bool> {
    let Some(t) = text else { return Ok(false) };
    let engine = cx.engine;
    let flow = match super::commands::split_command(t) {
        Some(cmd) if cmd.args.is_empty() => engine.dialogs.by_command(&cmd.name),
        Some(_) => None,
        None => engine.dialogs.by_word(t),
    };
    if let Some(f) = flow {
        start(cx, &f.name.clone()).await?;
        return Ok(true);
    }
    if super::commands::split_command(t).is_none() {
        if let Some(n) = menu_number(t) {
            choose_menu(cx, n).await?;
            return Ok(true);
        }
        if is_word(
            t,
            &[
                "简单模式",
                "大字模式",
                "老人模式",
                "简单",
                "simple mode",
                "simple",
            ],
        ) {
            set_simple(cx, true).await?;
            return Ok(true);
        }
        if is_word(t, &["普通模式", "标准模式", "normal mode", "full mode"]) {
            set_simple(cx, false).await?;
            return Ok(true);
        }
        if is_word(
            t,
            &[
                "我的",
                "我的东西",
                "我发的",
                "mine",
                "my things",
                "my listings",
            ],
        ) {
            show_mine(cx).await?;
            return Ok(true);
        }
    }
    Ok(false)
}

/// A dialog button was pressed.
pub(crate) async fn on_button(cx: &mut Ctx<'_>, query_id: &str, arg: Option<&str>) -> Flow {
    let mut parts = arg.unwrap_or_default().splitn(3, SEP);
    let (flow, step, value) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let idle = cx.engine.cfg.dialogs.idle_minutes * 60;
    let state = cx
        .dialog_state()
        .await?
        .filter(|(_, updated)| cx.now - updated < idle);
    let current = state
        .as_ref()
        .is_some_and(|(st, _)| st.flow == flow && st.step == step);
    if !current {
        return Err(Refusal::new("err-dialog-old").into());
    }
    let (st, _) = state.expect("checked");
    cx.enqueue(outbox::OutMsg::answer(
        cx.me.id,
        query_id.to_string(),
        String::new(),
        false,
    ))
    .await?;
    match value {
        "!cancel" => {
            let key = cx
                .engine
                .dialogs
                .flow(flow)
                .map(|f| f.cancel.clone())
                .unwrap_or_else(|| "dlg-cancelled".into());
            cx.clear_dialog().await?;
            let text = cx.t(cx.my_locale(), &key, &[]);
            cx.reply_end(text).await
        }
        v => answer(cx, st, Given::Value(v.to_string())).await,
    }
}

/// A menu button was pressed.
pub(crate) async fn on_menu_button(cx: &mut Ctx<'_>, arg: Option<&str>) -> Flow {
    let n = arg.and_then(|a| a.parse::<usize>().ok()).unwrap_or(0);
    choose_menu(cx, n).await
}

/// What an answer means at this step: the next step, a re-prompt, or the end.
async fn answer(cx: &mut Ctx<'_>, mut st: State, given: Given) -> Flow {
    let engine = cx.engine;
    let Some(f) = engine.dialogs.flow(&st.flow) else {
        cx.clear_dialog().await?;
        return Ok(());
    };
    let Some(step) = f.step(&st.step) else {
        // The files changed under a waiting flow: start it again.
        cx.clear_dialog().await?;
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
            cx.save_dialog(&st).await?;
            return prompt(cx, &st, None).await;
        }
        return prompt(cx, &st, None).await;
    }
    if matches!(given, Given::Other) {
        let text = cx.t(loc, "dlg-other", &[]);
        return prompt(cx, &st, Some(text)).await;
    }
    match read(cx, &st, step, &given).await? {
        Read::Wrong(text) => {
            st.wrong += 1;
            cx.save_dialog(&st).await?;
            prompt(cx, &st, Some(text)).await
        }
        Read::More(v) => {
            // Another photo: keep asking until Done or the most photos.
            st.answers.insert(step.id.clone(), v);
            st.wrong = 0;
            cx.save_dialog(&st).await?;
            prompt(cx, &st, None).await
        }
        Read::Answer(v, label) => {
            if step.id == "confirm" && v == Value::Bool(false) {
                cx.clear_dialog().await?;
                let text = cx.t(loc, &f.cancel, &[]);
                return cx.reply_end(text).await;
            }
            st.answers.insert(step.id.clone(), v);
            if let Some(l) = label {
                st.answers.insert(format!("{}__label", step.id), l.into());
            }
            st.trail.push(step.id.clone());
            match f.after(&step.id, &st.answers) {
                Some(next) => enter(cx, &mut st, next).await,
                None => finish(cx, st).await,
            }
        }
    }
}

enum Read {
    Answer(Value, Option<String>),
    /// A partial answer (photos so far).
    More(Value),
    Wrong(String),
}

async fn read(
    cx: &mut Ctx<'_>,
    st: &State,
    step: &Step,
    given: &Given,
) -> Result<Read, EngineError> {
    let loc = cx.my_locale();
    let wrong = |cx: &Ctx<'_>, key: &str, args: &[(&str, Arg)]| {
        let key = step.error.as_deref().unwrap_or(key);
        Read::Wrong(fmt(cx, loc, key, args))
    };
    let text = match given {
        Given::Text(t) => Some(t.trim().to_string()),
        _ => None,
    };
    let value = match given {
        Given::Value(v) => Some(v.as_str()),
        _ => None,
    };
    Ok(match &step.input {
        Input::Text {
            min_len,
            max_len,
            optional,
        } => {
            let skip =
                value == Some("!skip") || text.as_deref().is_some_and(|t| is_word(t, SKIP_WORDS));
            if *optional && skip {
                return Ok(Read::Answer(Value::Null, None));
            }
            let Some(t) = text else {
                return Ok(wrong(
                    cx,
                    "dlg-bad-text",
                    &[
                        ("min", Arg::N(*min_len as i64)),
                        ("max", Arg::N(*max_len as i64)),
                    ],
                ));
            };
            let n = t.chars().count();
            if n < *min_len || n > *max_len {
                return Ok(wrong(
                    cx,
                    "dlg-bad-text",
                    &[
                        ("min", Arg::N(*min_len as i64)),
                        ("max", Arg::N(*max_len as i64)),
                    ],
                ));
            }
            Read::Answer(Value::String(t), None)
        }
        Input::Choice { options } => {
            let found = match (value, &text) {
                (Some(v), _) => options.iter().find(|o| o.value == v),
                (None, Some(t)) => {
                    let nt = norm(t);
                    options
                        .iter()
                        // The label, then the number shown beside it, then the stored value.
                        .find(|o| norm(&cx.t(loc, &o.label, &[])) == nt)
                        .or_else(|| menu_number(t).and_then(|n| options.get(n - 1)))
                        .or_else(|| options.iter().find(|o| norm(&o.value) == nt))
                }
                _ => None,
            };
            match found {
                Some(o) => Read::Answer(Value::String(o.value.clone()), None),
                None => wrong(
                    cx,
                    "dlg-bad-choice",
                    &[("max", Arg::N(options.len() as i64))],
                ),
            }
        }
        Input::Number { min, max, suggest } => {
            let (lo, hi) = number_range(cx, st, *min, *max, *suggest);
            let n = match (value, &text) {
                (Some("!suggested"), _) => Some(suggestion(cx, st)),
                (Some("!free"), _) => Some(0),
                (None, Some(t)) => read_number(t),
                _ => None,
            };
            match n {
                // Free is always allowed where points are asked with a suggestion.
                Some(0) if *suggest && *min == 0 => Read::Answer(0.into(), None),
                Some(n) if (lo..=hi).contains(&n) => Read::Answer(n.into(), None),
                _ => wrong(
                    cx,
                    "dlg-bad-number",
                    &[
                        ("min", Arg::N(lo)),
                        ("max", Arg::N(hi)),
                        ("suggested", Arg::N(suggestion(cx, st))),
                    ],
                ),
            }
        }
        Input::YesNo => {
            let yes = match (value, &text) {
                (Some("!yes"), _) => Some(true),
                (Some("!no"), _) => Some(false),
                (None, Some(t)) if is_word(t, YES_WORDS) || t == "1" => Some(true),
                (None, Some(t)) if is_word(t, NO_WORDS) || t == "2" => Some(false),
                _ => None,
            };
            match yes {
                Some(b) => Read::Answer(Value::Bool(b), None),
                None => wrong(cx, "dlg-bad-yesno", &[]),
            }
        }
        Input::Photos { min, max } => {
            let mut photos = photos_of(st, &step.id);
            if let Given::Photo(id) = given {
                if photos.len() < *max && !id.is_empty() {
                    photos.push(id.clone());
                }
                let v = Value::Array(photos.iter().cloned().map(Value::String).collect());
                return Ok(if photos.len() >= *max {
                    Read::Answer(v, None)
                } else {
                    Read::More(v)
                });
            }
            let done =
                value == Some("!done") || text.as_deref().is_some_and(|t| is_word(t, DONE_WORDS));
            let skip =
                value == Some("!skip") || text.as_deref().is_some_and(|t| is_word(t, SKIP_WORDS));
            if (done || skip) && photos.len() >= *min {
                Read::Answer(
                    Value::Array(photos.into_iter().map(Value::String).collect()),
                    None,
                )
            } else {
                wrong(
                    cx,
                    "dlg-bad-photo",
                    &[("min", Arg::N(*min as i64)), ("max", Arg::N(*max as i64))],
                )
            }
        }
        Input::Date { min_days, max_days } => {
            let today = cx.engine.local_date(cx.now);
            let d = text.as_deref().and_then(|t| read_date(t, today));
            let first = today + Duration::days(*min_days);
            let last = today + Duration::days(*max_days);
            match d {
                Some(d) if d >= first && d <= last => {
                    Read::Answer(Value::String(d.format("%Y-%m-%d").to_string()), None)
                }
                _ => wrong(
                    cx,
                    "dlg-bad-date",
                    &[
                        ("first", Arg::S(first.format("%m-%d").to_string())),
                        ("last", Arg::S(last.format("%m-%d").to_string())),
                    ],
                ),
            }
        }
        Input::Pick { source } => {
            let options = pick_options(cx, *source).await?;
            let found = match (value, &text) {
                (Some(v), _) => options.iter().find(|(id, _)| id.to_string() == v),
                (None, Some(t)) => {
                    let tt = t.trim();
                    // "#12" names a listing by its number; "2" is the second option.
                    let by_id = tt
                        .strip_prefix('#')
                        .or_else(|| tt.strip_prefix('＃'))
                        .and_then(|n| n.trim().parse::<i64>().ok());
                    match by_id {
                        Some(id) => options
                            .iter()
                            // The number shown: a listing's, also for a hand-over of it.
                            .find(|(_, l)| l.starts_with(&format!("#{id} "))),
                        None => menu_number(tt)
                            .and_then(|n| options.get(n - 1))
                            .or_else(|| options.iter().find(|(_, l)| norm(l) == norm(tt))),
                    }
                }
                _ => None,
            };
            match found {
                Some((id, label)) => Read::Answer((*id).into(), Some(label.clone())),
                None => wrong(
                    cx,
                    "dlg-bad-choice",
                    &[("max", Arg::N(options.len() as i64))],
                ),
            }
        }
    })
}

/// A typed number: 30, 30积分, 三十, thirty, 免费 / free (0).
pub(crate) fn read_number(t: &str) -> Option<i64> {
    let t = parse::normalize::normalize(t);
    let n = norm(&t);
    if n.contains("免费") || n == "free" || n == "nothing" {
        return Some(0);
    }
    let digits: String = t
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    let word = n
        .trim_end_matches("积分")
        .trim_end_matches('分')
        .trim_end_matches("个")
        .trim_end_matches("小时")
        .trim_end_matches("points")
        .trim_end_matches("hours");
    parse::numbers::zh_num(word)
        .or_else(|| parse::numbers::en_num(word))
        .filter(|f| f.fract() == 0.0 && *f >= 0.0)
        .map(|f| f as i64)
}

/// A typed date: 2026-12-05, 12-05, 12/5, 12月5日, 5号, 今天, 明天, 后天, 下周六, 周五, 7天,
/// 2周, tomorrow, next friday, friday, in 7 days, 2 weeks.
pub(crate) fn read_date(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let t = parse::normalize::normalize(t).to_lowercase();
    let t = t.trim().trim_end_matches(['。', '.', '!', '！']);
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    match compact.as_str() {
        "今天" | "today" => return Some(today),
        "明天" | "tomorrow" => return Some(today + Duration::days(1)),
        "后天" | "dayaftertomorrow" | "thedayaftertomorrow" => {
            return Some(today + Duration::days(2))
        }
        "大后天" => return Some(today + Duration::days(3)),
        _ => {}
    }
    // Full and month-day dates.
    let re = regex::Regex::new(r"^(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})[日号]?$")
        .expect("date pattern");
    if let Some(c) = re.captures(&compact) {
        let m: u32 = c[2].parse().ok()?;
        let d: u32 = c[3].parse().ok()?;
        return match c.get(1) {
            Some(y) => NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, m, d),
            None => {
                let this = NaiveDate::from_ymd_opt(today.year(), m, d)?;
                if this >= today {
                    Some(this)
                } else {
                    NaiveDate::from_ymd_opt(today.year() + 1, m, d)
                }
            }
        };
    }
    // "5号": that day of this month, or of the next.
    let day_re = regex::Regex::new(r"^(\d{1,2})[日号]$").expect("day pattern");
    if let Some(c) = day_re.captures(&compact) {
        let d: u32 = c[1].parse().ok()?;
        let this = NaiveDate::from_ymd_opt(today.year(), today.month(), d);
        return match this {
            Some(x) if x >= today => Some(x),
            _ => {
                let (y, m) = if today.month() == 12 {
                    (today.year() + 1, 1)
                } else {
                    (today.year(), today.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, d)
            }
        };
    }
    // "7天", "7天后", "2周", "in 7 days", "2 weeks", "一周".
    let span_re = regex::Regex::new(
        r"^(?:in)?(\d+|[一二两三四五六七八九十]+)(天|日|周|星期|个星期|days?|weeks?)(?:后|以后|later)?$",
    )
    .expect("span pattern");
    if let Some(c) = span_re.captures(&compact) {
        let n = c[1]
            .parse::<i64>()
            .ok()
            .or_else(|| parse::numbers::zh_num(&c[1]).map(|f| f as i64))
            .filter(|n| (0..=3660).contains(n))?;
        let unit = &c[2];
        let days = if unit.starts_with('周') || unit.contains("星期") || unit.starts_with("week")
        {
            n * 7
        } else {
            n
        };
        return today.checked_add_signed(Duration::days(days));
    }
    // Weekdays: 周五 / 星期五 / 礼拜五 (the next one), 下周五 (next week's), friday, next friday.
    let zh_days = ["一", "二", "三", "四", "五", "六", "日"];
    let en_days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let (next_week, rest) = if let Some(r) = compact.strip_prefix("下") {
        (true, r.to_string())
    } else if let Some(r) = compact.strip_prefix("next") {
        (true, r.to_string())
    } else {
        (false, compact.clone())
    };
    let wd = ["周", "星期", "礼拜"].iter().find_map(|p| {
        let d = rest.strip_prefix(p)?;
        let d = if d == "天" { "日" } else { d };
        zh_days.iter().position(|z| *z == d)
    });
    let wd = wd.or_else(|| en_days.iter().position(|e| *e == rest || e[..3] == rest));
    if let Some(i) = wd {
        let target = Weekday::try_from(i as u8).ok()?;
        let from = today.weekday().num_days_from_monday() as i64;
        let to = target.num_days_from_monday() as i64;
        let mut ahead = (to - from).rem_euclid(7);
        if next_week {
            // 下周五: Friday of next week (Monday-based weeks).
            ahead = 7 - from + to;
        } else if ahead == 0 {
            ahead = 7;
        }
        return Some(today + Duration::days(ahead));
    }
    None
}

/// The last step was answered: the flow's action runs with every answer. A refusal (too few
/// points, already rated …) undoes the action's effects, ends the flow, and is said with the
/// menu's keys in simple mode, so the resident is never left at a step that cannot succeed.
async fn finish(cx: &mut Ctx<'_>, st: State) -> Flow {
    cx.clear_dialog().await?;
    cx.tx.savepoint_named("finish").await?;
    let kept = cx.out.len();
    match run_finish(cx, st).await {
        Ok(()) => {
            cx.tx.release_named("finish").await?;
            Ok(())
        }
        Err(Stop::Refuse(r)) => {
            cx.tx.rollback_named("finish").await?;
            cx.out.truncate(kept);
            cx.answer = None;
            let text = cx.t(cx.my_locale(), r.key, &r.args);
            cx.reply_end(text).await
        }
        Err(e) => Err(e),
    }
}

async fn run_finish(cx: &mut Ctx<'_>, st: State) -> Flow {
    let engine = cx.engine;
    let f = engine.dialogs.flow(&st.flow).expect("known flow");
    let a = &st.answers;
    let s = |k: &str| a.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let n = |k: &str| a.get(k).and_then(|v| v.as_i64());
    match f.finish.as_str() {
        "post_offer" | "post_request" => {
            let kind = if f.finish == "post_offer" {
                ListingKind::Offer
            } else {
                ListingKind::Request
            };
            post(cx, &st, kind).await
        }
        "rate" => {
            let claim = n("handover").unwrap_or_default();
            let comment = s("comment");
            if a.get("recorded").is_some_and(|v| v == &Value::Bool(true)) {
                // The stars were given with a button; only the comment is new.
                super::ratings::set_comment(cx, claim, comment.as_deref()).await?;
                let text = cx.t(cx.my_locale(), "rate-comment-thanks", &[]);
                return cx.reply_end(text).await;
            }
            let stars = s("stars").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
            super::ratings::rate_claim(cx, claim, stars, comment.as_deref()).await?;
            let text = cx.t(cx.my_locale(), "rate-thanks", &[("score", stars.into())]);
            cx.reply_end(text).await
        }
        "report" => {
            let listing = n("listing").unwrap_or_default();
            let category = s("reason").unwrap_or_else(|| "other".into());
            let reason = match s("details") {
                Some(d) if !d.trim().is_empty() => format!("{category}: {d}"),
                _ => category,
            };
            super::reports::file_report(cx, listing, &reason).await?;
            if cx.me.simple {
                let text = cx.t(cx.my_locale(), "help-simple-text", &[]);
                return show_menu(cx, Some(text)).await;
            }
            Ok(())
        }
        "dispute" => {
            let claim = n("handover").unwrap_or_default();
            let reason = s("reason").unwrap_or_default();
            let photos = photos_of(&st, "photos");
            super::disputes::open_dispute(cx, claim, &reason, &photos).await?;
            if cx.me.simple {
                let text = cx.t(cx.my_locale(), "help-simple-text", &[]);
                return show_menu(cx, Some(text)).await;
            }
            Ok(())
        }
        "set_lang" => {
            let l = s("lang")
                .and_then(|l| Locale::parse(&l))
                .unwrap_or(cx.my_locale());
            members::set_lang(&mut cx.tx, cx.me.id, l).await?;
            cx.me.lang = Some(l);
            let text = cx.t(l, "lang-set", &[]);
            cx.reply_end(text).await
        }
        "help" => match s("topic").as_deref() {
            Some("worker") => ask_worker(cx).await,
            Some("simple") => set_simple(cx, !cx.me.simple).await,
            // Boxed: a flow that starts a flow.
            Some("lang") => Box::pin(start(cx, "language")).await,
            _ => super::commands::help(cx).await,
        },
        other => Err(Refusal::new("err-internal")
            .arg("what", other.to_string())
            .into()),
    }
}

/// Posts the listing a flow described, with its photos.
async fn post(cx: &mut Ctx<'_>, st: &State, kind: ListingKind) -> Flow {
    let a = &st.answers;
    let s = |k: &str| a.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let community_id = a.get("community").and_then(|v| v.as_i64());
    // Without a community step, the member's first community.
    let Some(community) = members::communities_of(&mut cx.tx, cx.me.id)
        .await?
        .into_iter()
        .find(|c| community_id.is_none_or(|id| c.id == id))
    else {
        return Err(Refusal::new("err-no-community").into());
    };
    let what = s("what").unwrap_or_default();
    let today = cx.engine.local_date(cx.now);
    let days = s("return")
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .map(|d| (d - today).num_days().max(1));
    let resource = match s("resource").as_deref() {
        Some("service") => parse::Resource::Service,
        Some("skill") => parse::Resource::Skill,
        _ => parse::Resource::Item,
    };
    let points = a.get("points").and_then(|v| v.as_i64());
    let parsed = parse::Parsed {
        kind: match kind {
            ListingKind::Offer => parse::Kind::Offer,
            ListingKind::Request => parse::Kind::Request,
        },
        resource: Some(resource),
        mode: match (resource, days) {
            (parse::Resource::Item, Some(_)) => Some(parse::Mode::Lend),
            (parse::Resource::Item, None) if kind == ListingKind::Offer => Some(parse::Mode::Give),
            _ => None,
        },
        title: Some(what.clone()),
        category: s("category"),
        condition: s("condition").and_then(|c| parse::Condition::from_name(&c)),
        points,
        free: points == Some(0),
        quantity: None,
        hours: a.get("hours").and_then(|v| v.as_i64()).map(|h| h as f64),
        days,
        lang: if cx.my_locale() == Locale::En {
            parse::Lang::En
        } else {
            parse::Lang::Zh
        },
    };
    let photos = photos_of(st, "photos");
    let l =
        super::listings::post_listing_with_photos(cx, &community, kind, &parsed, &what, &photos)
            .await?;
    let text = cx.t(
        cx.my_locale(),
        "posted-private",
        &[
            ("id", l.id.into()),
            ("community", community.title.clone().into()),
        ],
    );
    cx.reply_end(text).await
}

/// Help: a social worker is asked to contact the member.
async fn ask_worker(cx: &mut Ctx<'_>) -> Flow {
    let communities = members::communities_of(&mut cx.tx, cx.me.id).await?;
    let Some(c) = communities.into_iter().next() else {
        return Err(Refusal::new("err-no-community").into());
    };
    let ids = cx
        .engine
        .tell_workers(
            &mut cx.tx,
            &c,
            "help-worker-asked",
            &[("name", cx.me.name.clone())],
            cx.now,
        )
        .await?;
    cx.out.extend(ids);
    let text = cx.t(cx.my_locale(), "help-worker-sent", &[]);
    cx.reply_end(text).await
}

/// Simple mode on or off, with the menu (or its keys removed) at once.
pub(crate) async fn set_simple(cx: &mut Ctx<'_>, on: bool) -> Flow {
    members::set_simple(&mut cx.tx, cx.me.id, on).await?;
    cx.me.simple = on;
    let key = if on { "simple-on" } else { "simple-off" };
    let text = cx.t(cx.my_locale(), key, &[]);
    if on {
        show_menu(cx, Some(text)).await
    } else {
        cx.reply(text, Vec::new()).await
    }
}

/// `/simple [on|off]` for oneself; `/simple NAME on|off` by a social worker of a community
/// the resident belongs to (audited, and the resident is told).
pub(crate) async fn simple_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let on = |w: &str| match w {
        "on" | "开" | "开启" => Some(true),
        "off" | "关" | "关闭" => Some(false),
        _ => None,
    };
    let parts: Vec<&str> = args.split_whitespace().collect();
    let (who, flag) = match parts.as_slice() {
        [] => return set_simple(cx, true).await,
        [w] => match on(w) {
            Some(f) => return set_simple(cx, f).await,
            None => return Err(Refusal::new("usage-simple").into()),
        },
        [who, w] => match on(w) {
            Some(f) => (*who, f),
            None => return Err(Refusal::new("usage-simple").into()),
        },
        _ => return Err(Refusal::new("usage-simple").into()),
    };
    let target = super::worker::find_member(cx, who).await?;
    let mut allowed = None;
    for c in members::communities_of(&mut cx.tx, target.id).await? {
        if super::worker::is_worker(cx, &c, cx.me.id).await? {
            allowed = Some(c);
            break;
        }
    }
    let Some(community) = allowed else {
        return Err(Refusal::new("err-not-worker").into());
    };
    members::set_simple(&mut cx.tx, target.id, flag).await?;
    let action = if flag { "simple_on" } else { "simple_off" };
    super::worker::audit(cx, community.id, action, Some(target.id), None, action).await?;
    let loc = cx.locale_of(&target);
    let key = if flag {
        "simple-on-by-worker"
    } else {
        "simple-off-by-worker"
    };
    let text = cx.t(loc, key, &[("name", cx.me.name.clone().into())]);
    let mut told = target.clone();
    told.simple = flag;
    let buttons = if flag {
        // The resident's own view: the menu's big keys, in their language.
        menu_keys_in(cx, loc)
    } else {
        Vec::new()
    };
    cx.say_private(&told, text, buttons, None).await?;
    let text = cx.t(
        cx.my_locale(),
        "simple-set-for",
        &[
            ("name", target.name.clone().into()),
            ("on", flag.to_string().into()),
        ],
    );
    cx.reply(text, Vec::new()).await
}

/// 我的 / mine: the member's open listings, claims waiting and loans, briefly.
pub(crate) async fn show_mine(cx: &mut Ctx<'_>) -> Flow {
    let loc = cx.my_locale();
    let me = cx.me.id;
    let rows = sqlx::query(
        "SELECT id, title, status FROM listings WHERE owner_id = $1 AND status IN ('open', 'reserved', 'accepted', 'lent')
         ORDER BY id DESC LIMIT 5",
    )
    .bind(me)
    .fetch_all(&mut *cx.tx)
    .await?;
    let mut lines = vec![cx.t(loc, "mine-title", &[])];
    for r in rows {
        let id: i64 = r.try_get("id")?;
        let title: String = r.try_get("title")?;
        let status: String = r.try_get("status")?;
        let status = ListingStatus::parse(&status).unwrap_or(ListingStatus::Open);
        lines.push(cx.t(
            loc,
            "mine-listing",
            &[
                ("id", id.into()),
                ("title", title.into()),
                ("status", status.as_str().into()),
            ],
        ));
    }
    let claims = sqlx::query(
        "SELECT l.id, l.title, c.status FROM claims c JOIN listings l ON l.id = c.listing_id
         WHERE c.claimer_id = $1 AND c.status IN ('pending', 'accepted') ORDER BY c.id DESC LIMIT 5",
    )
    .bind(me)
    .fetch_all(&mut *cx.tx)
    .await?;
    for r in claims {
        let id: i64 = r.try_get("id")?;
        let title: String = r.try_get("title")?;
        let status: String = r.try_get("status")?;
        let status = ClaimStatus::parse(&status).unwrap_or(ClaimStatus::Pending);
        lines.push(cx.t(
            loc,
            "mine-claim",
            &[
                ("id", id.into()),
                ("title", title.into()),
                ("status", status.as_str().into()),
            ],
        ));
    }
    let loans = sqlx::query(
        "SELECT l.title, lo.due_at FROM loans lo JOIN listings l ON l.id = lo.listing_id
         WHERE lo.borrower_id = $1 AND lo.status = 'active' ORDER BY lo.due_at LIMIT 5",
    )
    .bind(me)
    .fetch_all(&mut *cx.tx)
    .await?;
    for r in loans {
        let title: String = r.try_get("title")?;
        let due: i64 = r.try_get("due_at")?;
        let date = cx.engine.short_date(due);
        lines.push(cx.t(
            loc,
            "mine-loan",
            &[("title", title.into()), ("date", date.into())],
        ));
    }
    if lines.len() == 1 {
        lines.push(cx.t(loc, "mine-nothing", &[]));
    }
    cx.reply_end(lines.join("\n")).await
}

impl Engine {
    /// Ends the flows left unanswered for `dialogs.idle_minutes`, each with a gentle message
    /// (after quiet hours). Safe with several instances: a flow ends once.
    pub async fn end_idle_dialogs(&self) -> Result<Vec<i64>, EngineError> {
        let now = ts(self.clock.now());
        let cutoff = now - self.cfg.dialogs.idle_minutes * 60;
        let stale: Vec<(i64, i64, i64)> = {
            let mut c = self
                .store
                .pool()
                .acquire()
                .await
                .map_err(crate::store::StoreError::from)?;
            sqlx::query("SELECT member_id, chat_id, updated_at FROM dialog_state WHERE updated_at <= $1 ORDER BY updated_at")
                .bind(cutoff)
                .fetch_all(&mut *c)
                .await?
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
                .collect::<Result<_, sqlx::Error>>()?
        };
        let mut out = Vec::new();
        for (member_id, chat_id, updated) in stale {
            let mut tx = self.store.begin().await?;
            let gone = sqlx::query(
                "DELETE FROM dialog_state WHERE member_id = $1 AND chat_id = $2 AND updated_at = $3",
            )
            .bind(member_id)
            .bind(chat_id)
            .bind(updated)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if gone == 1 {
                // The chat the flow ran in: the helper's, when one acted for the member.
                if let Some(m) = members::member_by_id(&mut tx, chat_id).await? {
                    let loc = m.lang.unwrap_or(self.default_locale);
                    let text = self.t(loc, "dlg-timeout", &[]);
                    let msg = self.private_msg(&m, text, Vec::new(), now, false, None);
                    out.push(outbox::enqueue(&mut tx, &msg, None, now).await?);
                }
            }
            tx.commit().await?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_in_both_languages() {
        // 2026-12-01 is a Tuesday.
        let today = d("2026-12-01");
        for (text, want) in [
            ("2026-12-05", "2026-12-05"),
            ("12-05", "2026-12-05"),
            ("12/5", "2026-12-05"),
            ("12月5日", "2026-12-05"),
            ("12月5号", "2026-12-05"),
            ("5号", "2026-12-05"),
            ("明天", "2026-12-02"),
            ("后天", "2026-12-03"),
            ("7天", "2026-12-08"),
            ("7天后", "2026-12-08"),
            ("两周", "2026-12-15"),
            ("周五", "2026-12-04"),
            ("星期二", "2026-12-08"),
            ("下周六", "2026-12-12"),
            ("tomorrow", "2026-12-02"),
            ("Friday", "2026-12-04"),
            ("next friday", "2026-12-11"),
            ("in 3 days", "2026-12-04"),
            ("2 weeks", "2026-12-15"),
            ("1月3日", "2027-01-03"),
            ("１２月５日", "2026-12-05"),
        ] {
            assert_eq!(read_date(text, today), Some(d(want)), "{text}");
        }
        for bad in [
            "",
            "soon",
            "下下周",
            "13月40日",
            "whenever",
            "100000000天",
            "9223372036854775807天",
            "99999999999999999999 weeks",
            "99999-12-01",
        ] {
            assert_eq!(read_date(bad, today), None, "{bad}");
        }
    }

    #[test]
    fn numbers_and_words() {
        assert_eq!(read_number("30"), Some(30));
        assert_eq!(read_number("30积分"), Some(30));
        assert_eq!(read_number("三十"), Some(30));
        assert_eq!(read_number("免费"), Some(0));
        assert_eq!(read_number("free"), Some(0));
        assert_eq!(read_number("👍 用建议 24 分"), Some(24));
        assert_eq!(read_number("多少都行"), None);
        assert_eq!(menu_number("1"), Some(1));
        assert_eq!(menu_number("3 我的积分"), Some(3));
        assert_eq!(menu_number("三"), Some(3));
        assert_eq!(menu_number("10"), None);
        assert_eq!(menu_number("0"), None);
        assert!(is_cancel("取消") && is_cancel("✖ 取消") && is_cancel("Cancel!"));
        assert!(is_menu("菜单") && is_menu("Menu") && !is_menu("菜单在哪"));
    }
}
