//! Needs surveys (问卷调查). A worker asks a quick question as a Telegram native poll in the
//! groups (`/poll 问题？ 选项 / 选项`), or a longer questionnaire (`/survey 标题 | 问题 | 问题…`,
//! one question per line or between `|`) that residents answer privately, question by
//! question, by number or by word (simple mode works). One answer per resident and question: a
//! new vote or answer replaces the old one. The results — counts per option with a chart, the
//! words written, a CSV file — go to the workers only (`/survey N`); nothing about them is ever
//! said in a group.

use serde_json::{Map, Value};

use crate::domain::Action;
use crate::engine::cases::desk;
use crate::engine::kernel::command::Command;
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::text::{is_word, read_number};
use crate::engine::kernel::{Flow, Refusal};
use crate::engine::shared::dialog;
use crate::i18n::Locale;
use crate::store::dialogs::State;
use crate::store::listings::CallbackTarget;
use crate::store::members::Community;
use crate::store::outbox::Button;
use crate::store::surveys::{self as db, Question, Survey};
use crate::store::{files, StoreError};

/// The flow name a resident answering a questionnaire is in (no `dialogs/*.toml`: its steps
/// are the questionnaire's questions).
pub const FLOW: &str = "survey";

/// Telegram's limits for a native poll: 2–10 options of at most 100 characters, a question of
/// at most 300.
const MAX_OPTIONS: usize = 10;
const MAX_OPTION_CHARS: usize = 100;
const MAX_QUESTION_CHARS: usize = 300;
const MAX_QUESTIONS: usize = 20;
const MAX_ANSWER_CHARS: usize = 500;

/// Where a question's options begin: after its question mark; else after a colon that is
/// not between digits ("10:00" is a time). `true` when it is a question mark.
fn options_start(piece: &str) -> Option<(usize, bool)> {
    if let Some((i, c)) = piece.char_indices().find(|(_, c)| ['?', '？'].contains(c)) {
        return Some((i + c.len_utf8(), true));
    }
    let chars: Vec<(usize, char)> = piece.char_indices().collect();
    for (k, (i, c)) in chars.iter().enumerate() {
        if [':', '：'].contains(c) {
            let before = k > 0 && chars[k - 1].1.is_ascii_digit();
            let after = chars.get(k + 1).is_some_and(|x| x.1.is_ascii_digit());
            if !(before && after) {
                return Some((i + c.len_utf8(), false));
            }
        }
    }
    None
}

/// Options between `/` (or, when there is none, between `、` `，` `;`), brackets dropped.
fn split_options(rest: &str) -> (Vec<String>, bool) {
    let t = rest.trim();
    let bracketed = t.starts_with(['(', '（', '[', '【']) && t.ends_with([')', '）', ']', '】']);
    let t = t
        .trim_start_matches(['(', '（', '[', '【'])
        .trim_end_matches([')', '）', ']', '】']);
    let options = split_on_slashes(t)
        .unwrap_or_else(|| {
            t.split(['、', '，', ',', '；', ';'])
                .map(str::to_string)
                .collect()
        })
        .into_iter()
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty())
        .collect();
    (options, bracketed)
}

/// Pieces between `/` (not one between digits: "12/5" is a date), if there is such a `/`.
fn split_on_slashes(t: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = t.chars().collect();
    let mut out = vec![String::new()];
    let mut split = false;
    for (i, c) in chars.iter().enumerate() {
        let between_digits = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit());
        if ['/', '／'].contains(c) && !between_digits {
            out.push(String::new());
            split = true;
        } else {
            out.last_mut().expect("a piece").push(*c);
        }
    }
    split.then_some(out)
}

/// A question's words and options, as written.
pub type Written = (String, Vec<String>);

/// A question as written: "您家里有老人吗？ 有 / 没有" (options after the question mark or a
/// colon, between `/`), or a question with no options (a written answer). Words after a
/// question mark that make only one option are a mistake, said so.
pub fn read_question(piece: &str) -> Result<Written, Refusal> {
    let piece = strip_number(piece.trim());
    let Some((at, mark)) = options_start(piece) else {
        return Ok(no_mark(piece));
    };
    let rest = piece[at..].trim();
    let (options, bracketed) = split_options(rest);
    if options.len() >= 2 {
        let q = piece[..at].trim();
        // "问题：A/B": the colon only introduces the options.
        let q = if mark {
            q
        } else {
            q.trim_end_matches([':', '：']).trim_end()
        };
        return Ok((q.to_string(), options));
    }
    // "你喜欢什么？书": one option is no choice (a note in brackets is part of the question).
    if mark && !rest.is_empty() && !bracketed {
        return Err(Refusal::new("err-survey-one-option").arg("question", piece.to_string()));
    }
    Ok((piece.to_string(), Vec::new()))
}

/// "下次活动时间 周六 / 周日": no question mark, but options between `/`; the last word before
/// the first `/` is the first option.
fn no_mark(piece: &str) -> Written {
    if let Some(parts) = split_on_slashes(piece) {
        if let Some((q, first)) = parts[0].trim().rsplit_once(char::is_whitespace) {
            let mut options = vec![first.trim().to_string()];
            options.extend(
                parts[1..]
                    .iter()
                    .map(|o| o.trim().to_string())
                    .filter(|o| !o.is_empty()),
            );
            if options.len() >= 2 {
                return (q.trim().to_string(), options);
            }
        }
    }
    (piece.to_string(), Vec::new())
}

/// "1.", "1、", "2)", "Q3:" before a question are its number, not its words.
fn strip_number(s: &str) -> &str {
    let t = s.trim_start_matches(['Q', 'q']);
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return s;
    }
    let rest = &t[digits..];
    match rest.chars().next() {
        // "14:30开会", "1.5公斤": a time or a number, not a question's number.
        Some(c @ ('.' | '、' | ')' | '）' | ':' | '：' | '．'))
            if !rest[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit()) =>
        {
            rest[c.len_utf8()..].trim_start()
        }
        _ => s,
    }
}

/// Lines, or pieces between `|`.
fn pieces(args: &str) -> Vec<&str> {
    args.split(['\n', '|', '｜'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A poll as written: `问题？ A / B / C`, `问题 | A | B | C`, or `问题 A / B` (no mark: the
/// last word before the first `/` is the first option).
pub fn read_poll(args: &str) -> Result<Written, Refusal> {
    let parts = pieces(args);
    let (q, options) = match parts.as_slice() {
        [] => return Err(Refusal::new("usage-poll")),
        [one] => read_question(one)?,
        [q, rest @ ..] => (
            strip_number(q).to_string(),
            rest.iter().map(|o| o.to_string()).collect(),
        ),
    };
    check_question(&q, &options)?;
    if options.len() < 2 {
        return Err(Refusal::new("err-poll-options"));
    }
    Ok((q, options))
}

fn check_question(q: &str, options: &[String]) -> Result<(), Refusal> {
    if q.chars().count() < 2 {
        return Err(Refusal::new("err-survey-question"));
    }
    if q.chars().count() > MAX_QUESTION_CHARS {
        return Err(Refusal::new("err-survey-long"));
    }
    if options.len() > MAX_OPTIONS {
        return Err(Refusal::new("err-survey-options"));
    }
    if options.iter().any(|o| o.chars().count() > MAX_OPTION_CHARS) {
        return Err(Refusal::new("err-survey-long"));
    }
    for (i, o) in options.iter().enumerate() {
        if options[..i]
            .iter()
            .any(|p| p.to_lowercase() == o.to_lowercase())
        {
            return Err(Refusal::new("err-survey-same").arg("option", o.clone()));
        }
    }
    Ok(())
}

/// A questionnaire as written: the title, then its questions.
pub fn read_form(args: &str) -> Result<(String, Vec<Written>), Refusal> {
    if args.trim_start().starts_with(['|', '｜']) {
        return Err(Refusal::new("err-survey-title"));
    }
    let parts = pieces(args);
    let Some((title, rest)) = parts.split_first() else {
        return Err(Refusal::new("usage-survey"));
    };
    if rest.is_empty() {
        return Err(Refusal::new("usage-survey"));
    }
    // A title that reads as a question with options was meant as a question.
    if read_question(title).is_ok_and(|(_, o)| !o.is_empty()) {
        return Err(Refusal::new("err-survey-title"));
    }
    if rest.len() > MAX_QUESTIONS {
        return Err(Refusal::new("err-survey-many"));
    }
    let mut questions = Vec::new();
    for p in rest {
        let (q, options) = read_question(p)?;
        check_question(&q, &options)?;
        questions.push((q, options));
    }
    Ok((title.to_string(), questions))
}

fn place_locale(cx: &Ctx<'_>, here: Option<i64>) -> Locale {
    here.map_or(cx.my_locale(), |chat| cx.engine.group_locale(chat))
}

/// `/poll QUESTION? A / B`: a draft native poll for the group of each community the worker
/// serves; the worker sees it read and sends it.
pub async fn poll(cx: &mut Ctx<'_>, here: Option<i64>, args: &str) -> Flow {
    let (q, options) = read_poll(args)?;
    let communities = desk::chosen(cx, here, "").await?;
    let mut ids = Vec::new();
    for c in &communities {
        let question = [(q.clone(), options.clone())];
        ids.push(db::create(&mut cx.tx, c.id, "poll", &q, &question, cx.me.id, cx.now).await?);
    }
    let loc = place_locale(cx, here);
    let text = cx.t(
        loc,
        "poll-preview",
        &[
            ("question", q.clone().into()),
            ("options", options.join(" / ").into()),
            ("communities", titles(&communities).into()),
        ],
    );
    preview(cx, here, &ids, text).await
}

fn titles(communities: &[Community]) -> String {
    communities
        .iter()
        .map(|c| c.title.clone())
        .collect::<Vec<_>>()
        .join("、")
}

/// A draft's preview with its "send" and "don't send" buttons, where the worker asked.
async fn preview(cx: &mut Ctx<'_>, here: Option<i64>, ids: &[i64], text: String) -> Flow {
    let loc = place_locale(cx, here);
    // The drafts' ids, and the workers' chat asked in (the answer goes there).
    let list: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    let arg = Some(match here {
        Some(chat) => format!("{}@{chat}", list.join(",")),
        None => list.join(","),
    });
    let first = ids.first().copied().unwrap_or_default();
    let send = CallbackTarget::case(Action::SurveyPublish, first, arg.clone());
    let drop = CallbackTarget::case(Action::SurveyDiscard, first, arg);
    let buttons = vec![vec![
        cx.button_t(loc, "button-survey-publish", &send).await?,
        cx.button_t(loc, "button-survey-discard", &drop).await?,
    ]];
    let chat = here.unwrap_or(cx.me.id);
    cx.send_to(chat, text, buttons).await?;
    Ok(())
}

/// A poll goes out: the native poll in the group, and privately to neighbours in simple mode,
/// whose next words answer it (whatever they were doing waits).
async fn send_poll(cx: &mut Ctx<'_>, c: &Community, s: &Survey) -> Flow {
    let Some(q) = s.question(1).cloned() else {
        return Ok(());
    };
    let row = cx.send_poll(c.chat_id, q.text.clone(), &q.options).await?;
    db::add_post(&mut cx.tx, s.id, row).await?;
    for m in crate::store::emergency::simple_members(&mut cx.tx, c.id).await? {
        let m = cx.member(m).await?;
        let paused = dialog::pause_for(cx, m.id).await?;
        let mut answers = Map::new();
        answers.insert("survey".into(), Value::from(s.id));
        let st = State {
            flow: FLOW.to_string(),
            step: "1".into(),
            answers,
            trail: Vec::new(),
            wrong: 0,
        };
        dialog::put(cx, m.id, &st).await?;
        let loc = cx.locale_of(&m);
        let mut text = cx.t(
            loc,
            "poll-private",
            &[
                ("worker", cx.me.name.clone().into()),
                ("question", q.text.clone().into()),
            ],
        );
        if paused {
            text = format!("{text}\n{}", cx.t(loc, "flow-paused", &[]));
        }
        let mut rows = Vec::new();
        for (k, o) in q.options.iter().enumerate() {
            let t = CallbackTarget::case(Action::SurveyChoice, s.id, Some(format!("1:{}", k + 1)));
            rows.push(vec![cx.button(format!("{} {o}", k + 1), &t).await?]);
        }
        cx.notify(&m, text, rows, Some(c.chat_id)).await?;
    }
    Ok(())
}

/// Tells the worker where each survey went (or will go) and how to see its results.
async fn said_sent(cx: &mut Ctx<'_>, here: Option<i64>, key: &str, ids: &[(i64, String)]) -> Flow {
    let loc = place_locale(cx, here);
    let lines: Vec<String> = ids
        .iter()
        .map(|(id, title)| {
            cx.t(
                loc,
                key,
                &[("id", (*id).into()), ("community", title.clone().into())],
            )
        })
        .collect();
    let chat = here.unwrap_or(cx.me.id);
    cx.send_to(chat, lines.join("\n"), Vec::new()).await?;
    Ok(())
}

/// `/survey` (问卷): for a worker, their surveys, one's results (`/survey N`), its end
/// (`/survey N end`) or a new questionnaire (`/survey TITLE | QUESTION | …`); for a resident,
/// the questionnaires open to them.
pub async fn command(cx: &mut Ctx<'_>, here: Option<i64>, args: &str) -> Flow {
    let args = args.trim();
    if here.is_none() && !cx.is_staff_anywhere().await? {
        if args.contains(['|', '｜', '\n']) {
            return Err(cx.not_worker_refusal().await?.into());
        }
        return open_forms(cx).await;
    }
    let words: Vec<&str> = args.split_whitespace().collect();
    let id = words
        .first()
        .and_then(|w| w.trim_start_matches('#').parse::<i64>().ok())
        .filter(|_| words.len() <= 2 && !args.contains(['|', '｜', '\n']));
    match (id, words.get(1)) {
        _ if args.is_empty() => list(cx, here).await,
        (Some(id), None) => results(cx, here, id).await,
        (Some(id), Some(w)) if is_word(w, &["end", "close", "stop", "结束", "关闭", "截止"]) => {
            close(cx, here, id).await
        }
        (Some(_), Some(_)) => Err(Refusal::new("usage-survey").into()),
        (None, _) => create_form(cx, here, args).await,
    }
}

/// A new questionnaire for each community the worker serves, as a draft: the worker sees how
/// every question was read and sends it with a button (a mistake never reaches the group).
async fn create_form(cx: &mut Ctx<'_>, here: Option<i64>, args: &str) -> Flow {
    let (title, questions) = read_form(args)?;
    let communities = desk::chosen(cx, here, "").await?;
    let loc = place_locale(cx, here);
    let mut ids = Vec::new();
    for c in &communities {
        let id = db::create(
            &mut cx.tx, c.id, "form", &title, &questions, cx.me.id, cx.now,
        )
        .await?;
        ids.push(id);
    }
    let mut lines = vec![cx.t(
        loc,
        "survey-preview",
        &[
            ("title", title.clone().into()),
            ("communities", titles(&communities).into()),
        ],
    )];
    for (n, (q, options)) in questions.iter().enumerate() {
        let how = if options.is_empty() {
            cx.t(loc, "survey-preview-words", &[])
        } else {
            options.join(" / ")
        };
        lines.push(format!("{}. {q}  → {how}", n + 1));
    }
    // The drafts' ids, and the workers' chat asked in (the answer goes there).
    preview(cx, here, &ids, lines.join("\n")).await
}

/// The drafts a preview's button names (`IDS[@WORKERS_CHAT]`), each of a community the worker
/// serves, and the workers' chat it was asked in.
async fn drafts(
    cx: &mut Ctx<'_>,
    arg: Option<&str>,
) -> Flow<(Vec<(Survey, Community)>, Option<i64>)> {
    let (ids, here) = match arg.unwrap_or_default().split_once('@') {
        Some((ids, chat)) => (ids, chat.parse::<i64>().ok()),
        None => (arg.unwrap_or_default(), None),
    };
    let mut out = Vec::new();
    for id in ids.split(',').filter_map(|w| w.parse().ok()) {
        let (s, c) = for_worker(cx, here, id).await?;
        if s.published_at.is_some() || !s.is_open() {
            return Err(Refusal::new("err-survey-sent-already").into());
        }
        out.push((s, c));
    }
    Ok((out, here))
}

/// "Send it": the notice with a "fill it in" button goes to each group.
pub async fn publish(cx: &mut Ctx<'_>, query_id: &str, arg: Option<&str>) -> Flow {
    let mut ids = Vec::new();
    let (all, here) = drafts(cx, arg).await?;
    let mut key = "survey-sent";
    for (s, c) in all {
        db::publish(&mut cx.tx, s.id, cx.now).await?;
        if s.is_poll() {
            key = "poll-sent";
            send_poll(cx, &c, &s).await?;
        } else {
            invite(cx, &c, s.id, &s.title, s.questions.len()).await?;
        }
        cx.audit(c.id, "survey", None, None, &s.title).await?;
        ids.push((s.id, c.title.clone()));
    }
    cx.answer_button(query_id, String::new(), false).await?;
    said_sent(cx, here, key, &ids).await
}

/// "Don't send": the drafts are closed unseen.
pub async fn discard(cx: &mut Ctx<'_>, query_id: &str, arg: Option<&str>) -> Flow {
    for (s, _) in drafts(cx, arg).await?.0 {
        db::close(&mut cx.tx, s.id, cx.now).await?;
    }
    let text = cx.t(cx.my_locale(), "survey-discarded", &[]);
    cx.toast(query_id, text).await
}

async fn invite(cx: &mut Ctx<'_>, c: &Community, id: i64, title: &str, n: usize) -> Flow {
    let args = |worker: &str| -> Vec<(&str, fluent_bundle::FluentValue<'static>)> {
        vec![
            ("title", title.to_string().into()),
            ("count", (n as i64).into()),
            ("worker", worker.to_string().into()),
        ]
    };
    let gloc = cx.engine.group_locale(c.chat_id);
    let text = cx.t(gloc, "survey-notice", &args(&cx.me.name));
    let label = cx.t(gloc, "button-survey-fill", &[]);
    let button = Button::start_link(label, format!("survey-{id}"));
    let row = cx.say_group(c.chat_id, text, vec![vec![button]]).await?;
    db::add_post(&mut cx.tx, id, row).await?;
    let target = CallbackTarget::case(Action::SurveyStart, id, None);
    for m in crate::store::emergency::simple_members(&mut cx.tx, c.id).await? {
        let m = cx.member(m).await?;
        // "1" must start it: whatever they were doing waits.
        let paused = dialog::pause_for(cx, m.id).await?;
        let loc = cx.locale_of(&m);
        let mut text = cx.t(loc, "survey-notice-private", &args(&cx.me.name));
        if paused {
            text = format!("{text}\n{}", cx.t(loc, "flow-paused", &[]));
        }
        let label = cx.t(loc, "button-survey-fill", &[]);
        let b = cx.button(format!("1 {label}"), &target).await?;
        cx.notify(&m, text, vec![vec![b]], Some(c.chat_id)).await?;
    }
    Ok(())
}

/// `/start survey-N`: the link under a questionnaire's notice.
pub fn payload(args: &str) -> Option<i64> {
    args.trim().strip_prefix("survey-")?.parse().ok()
}

/// The questionnaires open to a resident: the one to answer, or a numbered list.
async fn open_forms(cx: &mut Ctx<'_>) -> Flow {
    let mut todo = Vec::new();
    for s in db::open_forms_for(&mut cx.tx, cx.me.id).await? {
        let done = db::answered(&mut cx.tx, s.id, cx.me.id).await?;
        if done.len() < s.questions.len() {
            todo.push(s);
        }
    }
    let loc = cx.my_locale();
    match todo.as_slice() {
        [] => {
            let text = cx.t(loc, "survey-none-open", &[]);
            cx.reply(text, Vec::new()).await
        }
        [one] => begin(cx, one.id).await,
        many => {
            let mut lines = vec![cx.t(loc, "survey-open-list", &[])];
            let mut rows = Vec::new();
            for (i, s) in many.iter().enumerate().take(MAX_OPTIONS) {
                lines.push(format!("{}. {}", i + 1, s.title));
                let t = CallbackTarget::case(Action::SurveyStart, s.id, None);
                rows.push(vec![cx.button(format!("{} {}", i + 1, s.title), &t).await?]);
            }
            cx.reply(lines.join("\n"), rows).await
        }
    }
}

/// The button "fill in": the questionnaire starts (or goes on where it stopped).
pub async fn start_button(cx: &mut Ctx<'_>, query_id: &str, id: i64) -> Flow {
    cx.answer_button(query_id, String::new(), false).await?;
    begin(cx, id).await
}

/// A survey a resident may answer: it exists, was sent, and is open. Whoever has the link
/// may answer (a neighbour who never wrote in the group is no known member yet); nobody joins
/// a community or gets points by answering.
async fn for_resident(cx: &mut Ctx<'_>, id: i64) -> Flow<Survey> {
    let s = db::get(&mut cx.tx, id)
        .await?
        .filter(|s| s.published_at.is_some())
        .ok_or(Refusal::new("err-survey-unknown"))?;
    if !s.is_open() {
        return Err(Refusal::new("err-survey-closed").into());
    }
    Ok(s)
}

/// Starts or resumes questionnaire `id` at its first unanswered question.
pub async fn begin(cx: &mut Ctx<'_>, id: i64) -> Flow {
    let s = for_resident(cx, id).await?;
    if s.is_poll() && !cx.me.simple {
        return Err(Refusal::new("err-survey-is-poll").into());
    }
    next(cx, &s, true).await
}

/// Asks the first question not answered yet, or thanks the resident when none is left.
async fn next(cx: &mut Ctx<'_>, s: &Survey, first: bool) -> Flow {
    let done = db::answered(&mut cx.tx, s.id, cx.me.id).await?;
    let loc = cx.my_locale();
    let Some(q) = s.questions.iter().find(|q| !done.contains(&q.n)) else {
        dialog::clear(cx).await?;
        let key = match (first, s.is_poll()) {
            (true, _) => "survey-already",
            (false, true) => "poll-thanks",
            (false, false) => "survey-thanks",
        };
        let text = cx.t(loc, key, &[("title", s.title.clone().into())]);
        return cx.reply_end(text).await;
    };
    let mut answers = Map::new();
    answers.insert("survey".into(), Value::from(s.id));
    let st = State {
        flow: FLOW.to_string(),
        step: q.n.to_string(),
        answers,
        trail: Vec::new(),
        wrong: 0,
    };
    dialog::save(cx, &st).await?;
    ask(cx, s, q, None).await
}

/// One question: its number of all, the words, the options numbered (also as buttons). In
/// simple mode the options are only on the numbered keys, so a question fits three lines.
async fn ask(cx: &mut Ctx<'_>, s: &Survey, q: &Question, error: Option<String>) -> Flow {
    let loc = cx.my_locale();
    let simple = cx.me.simple;
    let mut lines = Vec::new();
    if let (Some(e), false) = (&error, simple) {
        lines.push(e.clone());
    }
    lines.push(cx.t(
        loc,
        "survey-question",
        &[
            ("title", s.title.clone().into()),
            ("n", q.n.into()),
            ("count", (s.questions.len() as i64).into()),
            ("question", q.text.clone().into()),
        ],
    ));
    let mut rows = Vec::new();
    if q.options.is_empty() {
        lines.push(cx.t(loc, "survey-write", &[]));
    } else {
        for (i, o) in q.options.iter().enumerate() {
            if !simple {
                lines.push(format!("{}. {o}", i + 1));
            }
            let t = CallbackTarget::case(
                Action::SurveyChoice,
                s.id,
                Some(format!("{}:{}", q.n, i + 1)),
            );
            rows.push(vec![cx.button(format!("{} {o}", i + 1), &t).await?]);
        }
        let max = (q.options.len() as i64).into();
        lines.push(match (&error, simple) {
            (Some(e), true) => e.clone(),
            _ => cx.t(loc, "survey-pick", &[("max", max)]),
        });
    }
    cx.reply(lines.join("\n"), rows).await
}

/// The option a resident means: a number ("2", "２", "二", "第二个", "②"), the option's words,
/// a part of them ("买菜" for "买菜跑腿"), or words holding one option ("有的"); the longest
/// option wins when several fit.
pub fn pick_option(t: &str, options: &[String]) -> Option<i64> {
    let t = t.trim().to_lowercase();
    if let Some(k) = options.iter().position(|o| o.to_lowercase() == t) {
        return Some(k as i64 + 1);
    }
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩";
    if let Some(k) = CIRCLED.chars().position(|c| t == c.to_string()) {
        return Some(k as i64 + 1);
    }
    let bare = t
        .trim_start_matches(['第', '选'])
        .trim_end_matches(['个', '项', '号', '.', '。']);
    if let Some(n) = read_number(bare).filter(|n| *n > 0) {
        // "3" among "2人 / 3人 / 4人以上" is "3人".
        let digits = n.to_string();
        let starts = |o: &String| {
            o.starts_with(&digits) && !o[digits.len()..].starts_with(|c: char| c.is_ascii_digit())
        };
        if t.chars().all(|c| c.is_ascii_digit()) {
            if let Some(k) = options.iter().position(starts) {
                return Some(k as i64 + 1);
            }
        }
        return Some(n);
    }
    let fits = |f: &dyn Fn(&str) -> bool| -> Option<i64> {
        let mut best: Option<(usize, usize)> = None;
        for (k, o) in options.iter().enumerate() {
            let o = o.to_lowercase();
            if f(&o) && best.is_none_or(|(_, len)| o.chars().count() > len) {
                best = Some((k, o.chars().count()));
            }
        }
        best.map(|(k, _)| k as i64 + 1)
    };
    fits(&|o: &str| t.contains(o)).or_else(|| fits(&|o: &str| o.contains(&t)))
}

/// What a resident typed while answering a questionnaire.
pub async fn typed(cx: &mut Ctx<'_>, st: State, text: Option<&str>) -> Flow {
    let id = st.answers.get("survey").and_then(Value::as_i64);
    let n = st.step.parse::<i64>().ok();
    let (Some(id), Some(n)) = (id, n) else {
        return dialog::clear(cx).await;
    };
    let s = match for_resident(cx, id).await {
        Ok(s) => s,
        Err(_) => {
            // Closed meanwhile: the flow ends here (a refusal would undo the end).
            dialog::clear(cx).await?;
            let text = cx.t(cx.my_locale(), "err-survey-closed", &[]);
            return cx.reply_end(text).await;
        }
    };
    let Some(q) = s.question(n).cloned() else {
        return next(cx, &s, false).await;
    };
    let loc = cx.my_locale();
    let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        // A sticker or a photo: the question again.
        return ask(cx, &s, &q, None).await;
    };
    // "问卷", "我要填问卷": where they are.
    if Command::by_word(t, false) == Some(Command::Survey)
        || t.contains("问卷") && t.chars().count() <= 6
    {
        return ask(cx, &s, &q, None).await;
    }
    if is_word(t, &["跳过", "不答", "不知道", "skip", "pass", "-"]) {
        db::answer(&mut cx.tx, s.id, n, cx.me.id, None, None, cx.now).await?;
        return next(cx, &s, false).await;
    }
    if q.options.is_empty() {
        if t.chars().count() > MAX_ANSWER_CHARS {
            let e = cx.t(
                loc,
                "err-survey-answer-long",
                &[("max", (MAX_ANSWER_CHARS as i64).into())],
            );
            return ask(cx, &s, &q, Some(e)).await;
        }
        db::answer(&mut cx.tx, s.id, n, cx.me.id, None, Some(t), cx.now).await?;
        return next(cx, &s, false).await;
    }
    match pick_option(t, &q.options) {
        Some(k) if (1..=q.options.len() as i64).contains(&k) => {
            db::answer(&mut cx.tx, s.id, n, cx.me.id, Some(k), None, cx.now).await?;
            next(cx, &s, false).await
        }
        _ => {
            let e = cx.t(
                loc,
                "err-survey-pick",
                &[("max", (q.options.len() as i64).into())],
            );
            ask(cx, &s, &q, Some(e)).await
        }
    }
}

/// A pressed option of a question (`arg`: "QUESTION:OPTION"). A questionnaire's answers are
/// given once, in order; a poll's private copy may change its vote, as the group's poll may.
pub async fn choice_button(cx: &mut Ctx<'_>, query_id: &str, id: i64, arg: Option<&str>) -> Flow {
    let s = for_resident(cx, id).await?;
    let picked = arg
        .and_then(|a| a.split_once(':'))
        .and_then(|(n, k)| Some((n.parse::<i64>().ok()?, k.parse::<i64>().ok()?)));
    let Some((n, k)) = picked else {
        return Err(Refusal::new("err-button-expired").into());
    };
    let Some(q) = s.question(n) else {
        return Err(Refusal::new("err-button-expired").into());
    };
    if !(1..=q.options.len() as i64).contains(&k) {
        return Err(Refusal::new("err-button-expired").into());
    }
    if !s.is_poll() {
        let done = db::answered(&mut cx.tx, s.id, cx.me.id).await?;
        let current = s
            .questions
            .iter()
            .find(|q| !done.contains(&q.n))
            .map(|q| q.n);
        if current != Some(n) {
            let text = cx.t(cx.my_locale(), "survey-answered-before", &[]);
            return cx.toast(query_id, text).await;
        }
    }
    let label = q.options[(k - 1) as usize].clone();
    db::answer(&mut cx.tx, s.id, n, cx.me.id, Some(k), None, cx.now).await?;
    cx.answer_button(query_id, format!("✓ {label}"), false)
        .await?;
    next(cx, &s, false).await
}

/// A vote on one of the bot's native polls, told to the bot alone: kept (one per resident, the
/// newest), or dropped when taken back. Nothing is said anywhere, and nobody joins a
/// community by voting (a forwarded copy of the poll counts in it too).
pub async fn vote(cx: &mut Ctx<'_>, poll_id: &str, options: &[i64]) -> Flow {
    let Some(id) = db::by_poll_id(&mut cx.tx, poll_id).await? else {
        tracing::debug!(poll_id, "a vote on a poll the bot does not know");
        return Ok(());
    };
    let Some(s) = db::get(&mut cx.tx, id).await? else {
        return Ok(());
    };
    if !s.is_open() {
        return Ok(());
    }
    let size = s.question(1).map_or(0, |q| q.options.len()) as i64;
    match options.first() {
        None => db::retract(&mut cx.tx, s.id, 1, cx.me.id).await?,
        Some(&o) if (0..size).contains(&o) => {
            db::answer(&mut cx.tx, s.id, 1, cx.me.id, Some(o + 1), None, cx.now).await?
        }
        Some(_) => {}
    }
    Ok(())
}

/// A survey the worker may see: of a community they serve (in this workers' chat).
async fn for_worker(cx: &mut Ctx<'_>, here: Option<i64>, id: i64) -> Flow<(Survey, Community)> {
    let mine = desk::chosen(cx, here, "").await?;
    let s = db::get(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-survey-unknown").arg("id", id))?;
    let c = mine
        .into_iter()
        .find(|c| c.id == s.community_id)
        .ok_or(Refusal::new("err-survey-unknown").arg("id", id))?;
    Ok((s, c))
}

/// `/survey`: the newest surveys of the communities served, with their answer counts.
async fn list(cx: &mut Ctx<'_>, here: Option<i64>) -> Flow {
    let mine = desk::chosen(cx, here, "").await?;
    let ids: Vec<i64> = mine.iter().map(|c| c.id).collect();
    let loc = place_locale(cx, here);
    let mut lines = vec![cx.t(loc, "survey-list-title", &[])];
    let all = db::of_communities(&mut cx.tx, &ids, 20).await?;
    if all.is_empty() {
        lines.push(cx.t(loc, "survey-list-empty", &[]));
    }
    for s in &all {
        let people = db::respondents(&mut cx.tx, s.id).await?;
        let community = mine
            .iter()
            .find(|c| c.id == s.community_id)
            .map(|c| c.title.clone())
            .unwrap_or_default();
        lines.push(cx.t(
            loc,
            "survey-list-line",
            &[
                ("id", s.id.into()),
                ("kind", s.kind.clone().into()),
                ("title", s.title.clone().into()),
                ("community", community.into()),
                ("people", people.into()),
                ("open", status_word(s).into()),
            ],
        ));
    }
    lines.push(cx.t(loc, "survey-list-hint", &[]));
    let chat = here.unwrap_or(cx.me.id);
    cx.send_to(chat, lines.join("\n"), Vec::new()).await?;
    Ok(())
}

/// "yes" (open), "draft" (never sent) or "no" (closed), for the messages' selectors.
fn status_word(s: &Survey) -> &'static str {
    match (s.is_open(), s.published_at) {
        (true, Some(_)) => "yes",
        (_, None) => "draft",
        (false, _) => "no",
    }
}

/// `/survey N end`: no more answers; a native poll is closed in the group, and a
/// questionnaire's notice loses its button.
async fn close(cx: &mut Ctx<'_>, here: Option<i64>, id: i64) -> Flow {
    let (s, c) = for_worker(cx, here, id).await?;
    if !db::close(&mut cx.tx, s.id, cx.now).await? {
        return Err(Refusal::new("err-survey-closed-worker")
            .arg("id", id)
            .into());
    }
    let gloc = cx.engine.group_locale(c.chat_id);
    let key = if s.is_poll() {
        "survey-poll-closed"
    } else {
        "survey-form-closed"
    };
    let text = cx.t(gloc, key, &[("title", s.title.clone().into())]);
    for (row, op) in db::posts(&mut cx.tx, s.id).await? {
        if op == "poll" {
            cx.stop_poll(c.chat_id, row, text.clone()).await?;
        } else {
            cx.edit(c.chat_id, row, text.clone(), Vec::new()).await?;
        }
    }
    cx.audit(c.id, "survey_close", None, None, &s.title).await?;
    results(cx, here, id).await
}

/// `/survey N`: counts per option (with bars and a chart), the words written, and a CSV file
/// of every answer — to the worker only.
async fn results(cx: &mut Ctx<'_>, here: Option<i64>, id: i64) -> Flow {
    let (s, c) = for_worker(cx, here, id).await?;
    let loc = place_locale(cx, here);
    let counts = db::counts(&mut cx.tx, s.id).await?;
    let texts = db::texts(&mut cx.tx, s.id).await?;
    let people = db::respondents(&mut cx.tx, s.id).await?;
    let mut lines = vec![cx.t(
        loc,
        "survey-results-title",
        &[
            ("id", s.id.into()),
            ("kind", s.kind.clone().into()),
            ("title", s.title.clone().into()),
            ("community", c.title.clone().into()),
            ("people", people.into()),
            ("open", status_word(&s).into()),
        ],
    )];
    if !s.is_poll() {
        let all = db::finished(&mut cx.tx, s.id, s.questions.len() as i64).await?;
        lines.push(cx.t(loc, "survey-results-finished", &[("count", all.into())]));
    }
    let mut photos = Vec::new();
    for q in &s.questions {
        lines.push(String::new());
        lines.push(format!("{}. {}", q.n, q.text));
        if q.options.is_empty() {
            lines.extend(written(cx, loc, q, &texts));
            continue;
        }
        let bars = bars_of(q, &counts);
        lines.extend(bar_lines(&bars));
        if photos.len() < MAX_OPTIONS {
            photos.push(chart(cx, loc, &s, q, &bars).await?);
        }
    }
    let csv = answers_csv(cx, &s).await?;
    let name = format!("survey-{}-answers.csv", s.id);
    let doc = files::put(&mut cx.tx, &name, "text/csv", &csv, cx.now).await?;
    let chat = here.unwrap_or(cx.me.id);
    cx.send_files(chat, lines.join("\n"), photos, vec![doc])
        .await?;
    Ok(())
}

/// (option, how many chose it), in the question's order.
fn bars_of(q: &Question, counts: &[(i64, i64, i64)]) -> Vec<(String, i64)> {
    q.options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let n = counts
                .iter()
                .find(|(qn, k, _)| *qn == q.n && *k == i as i64 + 1)
                .map_or(0, |c| c.2);
            (o.clone(), n)
        })
        .collect()
}

/// "  童书 ▇▇▇▇▇ 5 (50%)": one line per option.
pub fn bar_lines(bars: &[(String, i64)]) -> Vec<String> {
    let total: i64 = bars.iter().map(|b| b.1).sum();
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    bars.iter()
        .enumerate()
        .map(|(i, (o, n))| {
            let width = (n * 10 + max - 1) / max;
            // Rounded to the nearest percent.
            let pct = if total > 0 {
                (n * 200 + total) / (2 * total)
            } else {
                0
            };
            format!(
                "  {} {o} {} {n} ({pct}%)",
                i + 1,
                "▇".repeat(width as usize)
            )
        })
        .collect()
}

/// The words written to a free-text question, with who wrote them (at most 30 lines; the CSV
/// file has them all).
fn written(
    cx: &Ctx<'_>,
    loc: Locale,
    q: &Question,
    texts: &[(i64, String, String)],
) -> Vec<String> {
    let mine: Vec<&(i64, String, String)> = texts.iter().filter(|t| t.0 == q.n).collect();
    if mine.is_empty() {
        return vec![cx.t(loc, "survey-results-no-words", &[])];
    }
    let mut out: Vec<String> = mine
        .iter()
        .take(30)
        .map(|(_, who, words)| match loc {
            Locale::En => format!("  · {who}: {words}"),
            _ => format!("  · {who}：{words}"),
        })
        .collect();
    if mine.len() > 30 {
        out.push(cx.t(
            loc,
            "survey-results-more",
            &[("count", ((mine.len() - 30) as i64).into())],
        ));
    }
    out
}

/// A chart of one question's counts, kept as a file; its photo id.
async fn chart(
    cx: &mut Ctx<'_>,
    loc: Locale,
    s: &Survey,
    q: &Question,
    bars: &[(String, i64)],
) -> Flow<String> {
    let short: String = q.text.chars().take(24).collect();
    let title = format!("#{} {}", s.id, short);
    let y = cx.t(loc, "chart-people", &[]);
    let bars: Vec<(String, i64)> = bars
        .iter()
        .map(|(o, n)| (o.chars().take(12).collect(), *n))
        .collect();
    let png = crate::chart::bars_png(&title, &y, &bars).map_err(StoreError::Corrupt)?;
    let name = format!("survey-{}-q{}.png", s.id, q.n);
    let id = files::put(&mut cx.tx, &name, "image/png", &png, cx.now).await?;
    Ok(format!("file:{id}"))
}

/// Every answer of a survey as CSV: survey, question, resident (as named in the bot), the
/// option or the words, when.
async fn answers_csv(cx: &mut Ctx<'_>, s: &Survey) -> Flow<Vec<u8>> {
    let rows = crate::store::desk::survey_rows(&mut cx.tx, Some(s.id), s.community_id, 0, i64::MAX)
        .await?;
    Ok(desk::csv_bytes(
        cx.engine,
        crate::store::desk::SURVEY_HEADER,
        rows,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(piece: &str) -> Written {
        read_question(piece).unwrap()
    }

    fn words(v: &[&str]) -> Vec<String> {
        v.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn questions_with_and_without_options() {
        assert_eq!(
            q("1. 您家里有老人吗？ 有 / 没有"),
            ("您家里有老人吗？".into(), words(&["有", "没有"]))
        );
        assert_eq!(
            q("2、最需要哪类帮助？（买菜 / 维修 / 陪伴）"),
            ("最需要哪类帮助？".into(), words(&["买菜", "维修", "陪伴"]))
        );
        assert_eq!(
            q("你喜欢什么？书、玩具、衣服"),
            ("你喜欢什么？".into(), words(&["书", "玩具", "衣服"]))
        );
        assert_eq!(
            q("Q3: Best day: Saturday/Sunday"),
            ("Best day".into(), words(&["Saturday", "Sunday"]))
        );
        // A time is no colon before options.
        assert_eq!(
            q("明天10:00开会吗？ 去 / 不去"),
            ("明天10:00开会吗？".into(), words(&["去", "不去"]))
        );
        // No options, or a note in brackets: a written answer, the words kept whole.
        assert_eq!(q("还有什么建议？"), ("还有什么建议？".into(), vec![]));
        assert_eq!(q("有什么建议？（可以写多条）").1, Vec::<String>::new());
        assert_eq!(q("时间：周六"), ("时间：周六".into(), vec![]));
        // One option after the question mark is a mistake, said so.
        assert_eq!(
            read_question("你喜欢什么？书").unwrap_err().key,
            "err-survey-one-option"
        );
        assert_eq!(strip_number("2026年的计划"), "2026年的计划");
        assert_eq!(
            q("14:30开会可以吗？ 可以 / 不行"),
            ("14:30开会可以吗？".into(), words(&["可以", "不行"]))
        );
        assert_eq!(q("哪天方便？ 12/5 / 12/6").1, words(&["12/5", "12/6"]));
        assert_eq!(
            q("您家有老人 有 / 没有"),
            ("您家有老人".into(), words(&["有", "没有"]))
        );
    }

    #[test]
    fn polls_and_forms_as_written() {
        assert_eq!(
            read_poll("哪天好？ 周六 / 周日").unwrap().1,
            words(&["周六", "周日"])
        );
        assert_eq!(
            read_poll("Which day? | Sat | Sun").unwrap(),
            ("Which day?".into(), words(&["Sat", "Sun"]))
        );
        assert_eq!(
            read_poll("下次活动时间 周六 / 周日").unwrap(),
            ("下次活动时间".into(), words(&["周六", "周日"]))
        );
        assert_eq!(
            read_poll("哪天好？ 周六").unwrap_err().key,
            "err-survey-one-option"
        );
        assert_eq!(
            read_poll("哪天好 | 周六").unwrap_err().key,
            "err-poll-options"
        );
        let same = read_poll("哪天？ 周六 / 周六").unwrap_err();
        assert_eq!(same.key, "err-survey-same");
        let eleven = (1..=11)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(" / ");
        assert_eq!(
            read_poll(&format!("选哪个？ {eleven}")).unwrap_err().key,
            "err-survey-options"
        );
        let (title, qs) = read_form("需求调查\n1. 有老人吗？ 有/没有\n2. 建议").unwrap();
        assert_eq!(title, "需求调查");
        assert_eq!(qs.len(), 2);
        assert!(qs[1].1.is_empty());
        assert_eq!(read_form("只有标题").unwrap_err().key, "usage-survey");
        assert_eq!(
            read_form("| 你喜欢什么？书 / 玩具 | 建议").unwrap_err().key,
            "err-survey-title"
        );
    }

    #[test]
    fn options_picked_by_number_word_or_part() {
        let o = words(&["有", "没有"]);
        assert_eq!(pick_option("有", &o), Some(1));
        assert_eq!(pick_option("没", &o), Some(2));
        assert_eq!(pick_option("有的", &o), Some(1));
        assert_eq!(pick_option("没有的", &o), Some(2));
        assert_eq!(pick_option("第二个", &o), Some(2));
        assert_eq!(pick_option("②", &o), Some(2));
        assert_eq!(pick_option("２", &o), Some(2));
        assert_eq!(
            pick_option("3", &o),
            Some(3),
            "out of range is the caller's"
        );
        let help = words(&["买菜跑腿", "维修", "陪伴聊天"]);
        assert_eq!(pick_option("买菜", &help), Some(1));
        assert_eq!(pick_option("陪伴", &help), Some(3));
        assert_eq!(pick_option("不知道", &help), None);
        let people = words(&["2人", "3人", "4人以上"]);
        assert_eq!(pick_option("3", &people), Some(2), "the option that says 3");
        assert_eq!(pick_option("第三个", &people), Some(3));
    }

    #[test]
    fn bars_are_proportional() {
        let lines = bar_lines(&[("a".into(), 2), ("b".into(), 1), ("c".into(), 0)]);
        assert_eq!(lines[0], "  1 a ▇▇▇▇▇▇▇▇▇▇ 2 (67%)");
        assert_eq!(lines[1], "  2 b ▇▇▇▇▇ 1 (33%)");
        assert_eq!(lines[2], "  3 c  0 (0%)");
    }
}
