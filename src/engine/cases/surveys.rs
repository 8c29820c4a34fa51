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
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::text::{is_word, read_number};
use crate::engine::kernel::{Flow, Refusal};
use crate::engine::shared::dialog;
use crate::i18n::Locale;
use crate::store::dialogs::State;
use crate::store::listings::CallbackTarget;
use crate::store::members::{self, Community};
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

/// A question as written: "您家里有老人吗？ 有 / 没有" (options after the question mark or a
/// colon, between `/`), or a question with no options (a free-text answer).
pub fn read_question(piece: &str) -> (String, Vec<String>) {
    let piece = strip_number(piece.trim());
    let cut = piece
        .char_indices()
        .find(|(_, c)| ['?', '？', ':', '：'].contains(c))
        .map(|(i, c)| (i + c.len_utf8(), c));
    if let Some((at, mark)) = cut {
        let rest = piece[at..]
            .trim()
            .trim_start_matches(['(', '（', '['])
            .trim_end_matches([')', '）', ']']);
        let options: Vec<String> = rest
            .split(['/', '／'])
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty())
            .collect();
        if options.len() >= 2 {
            let q = piece[..at].trim();
            // "问题：A/B": the colon only introduces the options.
            let q = if [':', '：'].contains(&mark) {
                q.trim_end_matches([':', '：'])
            } else {
                q
            };
            return (q.trim().to_string(), options);
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
        Some(c @ ('.' | '、' | ')' | '）' | ':' | '：' | '．')) => {
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

/// A poll as written: `问题？ A / B / C`, or `问题 | A | B | C`.
pub fn read_poll(args: &str) -> Result<(String, Vec<String>), &'static str> {
    let parts = pieces(args);
    let (q, options) = match parts.as_slice() {
        [] => return Err("usage-poll"),
        [one] => read_question(one),
        [q, rest @ ..] => (
            strip_number(q).to_string(),
            rest.iter().map(|o| o.to_string()).collect(),
        ),
    };
    check_question(&q, &options)?;
    if options.len() < 2 {
        return Err("usage-poll");
    }
    Ok((q, options))
}

fn check_question(q: &str, options: &[String]) -> Result<(), &'static str> {
    if q.chars().count() < 2 {
        return Err("err-survey-question");
    }
    if q.chars().count() > MAX_QUESTION_CHARS {
        return Err("err-survey-long");
    }
    if options.len() > MAX_OPTIONS {
        return Err("err-survey-options");
    }
    if options.iter().any(|o| o.chars().count() > MAX_OPTION_CHARS) {
        return Err("err-survey-long");
    }
    let mut seen: Vec<String> = options.iter().map(|o| o.to_lowercase()).collect();
    seen.sort();
    seen.dedup();
    if seen.len() < options.len() {
        return Err("err-survey-same");
    }
    Ok(())
}

/// A question's words and options, as written.
pub type Written = (String, Vec<String>);

/// A questionnaire as written: the title, then its questions.
pub fn read_form(args: &str) -> Result<(String, Vec<Written>), &'static str> {
    let parts = pieces(args);
    let Some((title, rest)) = parts.split_first() else {
        return Err("usage-survey");
    };
    if rest.is_empty() {
        return Err("usage-survey");
    }
    if rest.len() > MAX_QUESTIONS {
        return Err("err-survey-many");
    }
    let mut questions = Vec::new();
    for p in rest {
        let (q, options) = read_question(p);
        check_question(&q, &options)?;
        questions.push((q, options));
    }
    Ok((title.to_string(), questions))
}

fn place_locale(cx: &Ctx<'_>, here: Option<i64>) -> Locale {
    here.map_or(cx.my_locale(), |chat| cx.engine.group_locale(chat))
}

/// `/poll QUESTION? A / B`: a native poll in the group of each community the worker serves.
pub async fn poll(cx: &mut Ctx<'_>, here: Option<i64>, args: &str) -> Flow {
    let (q, options) = read_poll(args).map_err(Refusal::new)?;
    let communities = desk::chosen(cx, here, "").await?;
    let mut ids = Vec::new();
    for c in &communities {
        let id = db::create(
            &mut cx.tx,
            c.id,
            "poll",
            &q,
            &[(q.clone(), options.clone())],
            cx.me.id,
            cx.now,
        )
        .await?;
        let row = cx.send_poll(c.chat_id, q.clone(), &options).await?;
        db::add_poll(&mut cx.tx, id, row).await?;
        cx.audit(c.id, "survey", None, None, &q).await?;
        ids.push((id, c.title.clone()));
    }
    said_sent(cx, here, "poll-sent", &ids).await
}

/// Tells the worker where each survey went and how to see its results.
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
        return open_forms(cx).await;
    }
    let mut words = args.split_whitespace();
    let first = words.next().map(|w| w.trim_start_matches('#'));
    match first.and_then(|w| w.parse::<i64>().ok()) {
        _ if args.is_empty() => list(cx, here).await,
        Some(id) => match words.next() {
            None => results(cx, here, id).await,
            Some(w) if is_word(w, &["end", "close", "stop", "结束", "关闭", "截止"]) => {
                close(cx, here, id).await
            }
            Some(_) => Err(Refusal::new("usage-survey").into()),
        },
        None => create_form(cx, here, args).await,
    }
}

/// A new questionnaire in each community the worker serves: a notice with a "fill it in"
/// button in the group, and privately, with a numbered key, for neighbours in simple mode.
async fn create_form(cx: &mut Ctx<'_>, here: Option<i64>, args: &str) -> Flow {
    let (title, questions) = read_form(args).map_err(Refusal::new)?;
    let communities = desk::chosen(cx, here, "").await?;
    let mut ids = Vec::new();
    for c in &communities {
        let id = db::create(
            &mut cx.tx, c.id, "form", &title, &questions, cx.me.id, cx.now,
        )
        .await?;
        invite(cx, c, id, &title, questions.len()).await?;
        cx.audit(c.id, "survey", None, None, &title).await?;
        ids.push((id, c.title.clone()));
    }
    said_sent(cx, here, "survey-sent", &ids).await
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
    cx.say_group(c.chat_id, text, vec![vec![button]]).await?;
    let target = CallbackTarget::case(Action::SurveyStart, id, None);
    for m in crate::store::emergency::simple_members(&mut cx.tx, c.id).await? {
        let m = cx.member(m).await?;
        let loc = cx.locale_of(&m);
        let text = cx.t(loc, "survey-notice-private", &args(&cx.me.name));
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

/// A survey a resident may answer: it exists, is open, and is of their community.
async fn for_resident(cx: &mut Ctx<'_>, id: i64) -> Flow<Survey> {
    let s = db::get(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-survey-unknown"))?;
    if !members::is_member_of(&mut cx.tx, s.community_id, cx.me.id).await? {
        return Err(Refusal::new("err-not-for-you").into());
    }
    if !s.is_open() {
        return Err(Refusal::new("err-survey-closed").into());
    }
    Ok(s)
}

/// Starts or resumes questionnaire `id` at its first unanswered question.
pub async fn begin(cx: &mut Ctx<'_>, id: i64) -> Flow {
    let s = for_resident(cx, id).await?;
    if s.is_poll() {
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
        let key = if first {
            "survey-already"
        } else {
            "survey-thanks"
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

/// One question: its number of all, the words, the options numbered (also as buttons).
async fn ask(cx: &mut Ctx<'_>, s: &Survey, q: &Question, error: Option<String>) -> Flow {
    let loc = cx.my_locale();
    let mut lines = Vec::new();
    if let Some(e) = error {
        lines.push(e);
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
            lines.push(format!("{}. {o}", i + 1));
            let t = CallbackTarget::case(
                Action::SurveyChoice,
                s.id,
                Some(format!("{}:{}", q.n, i + 1)),
            );
            rows.push(vec![cx.button(format!("{} {o}", i + 1), &t).await?]);
        }
        lines.push(cx.t(
            loc,
            "survey-pick",
            &[("max", (q.options.len() as i64).into())],
        ));
    }
    cx.reply(lines.join("\n"), rows).await
}

/// What a resident typed while answering a questionnaire.
pub async fn typed(cx: &mut Ctx<'_>, st: State, text: &str) -> Flow {
    let id = st.answers.get("survey").and_then(Value::as_i64);
    let n = st.step.parse::<i64>().ok();
    let (Some(id), Some(n)) = (id, n) else {
        dialog::clear(cx).await?;
        return Ok(());
    };
    let s = match for_resident(cx, id).await {
        Ok(s) => s,
        Err(e) => {
            dialog::clear(cx).await?;
            return Err(e);
        }
    };
    let Some(q) = s.question(n).cloned() else {
        return next(cx, &s, false).await;
    };
    let t = text.trim();
    let loc = cx.my_locale();
    if q.options.is_empty() {
        if t.chars().count() > MAX_ANSWER_CHARS {
            let e = cx.t(
                loc,
                "err-survey-answer-long",
                &[("max", (MAX_ANSWER_CHARS as i64).into())],
            );
            return ask(cx, &s, &q, Some(e)).await;
        }
        let skip = is_word(t, &["跳过", "不答", "skip", "pass", "-"]);
        let words = (!skip).then_some(t);
        db::answer(&mut cx.tx, s.id, n, cx.me.id, None, words, cx.now).await?;
        return next(cx, &s, false).await;
    }
    let by_word = q
        .options
        .iter()
        .position(|o| o.to_lowercase() == t.to_lowercase())
        .map(|i| i as i64 + 1);
    match by_word.or_else(|| read_number(t)) {
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

/// A pressed option of a questionnaire's question (`arg`: "QUESTION:OPTION").
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
    let label = q.options[(k - 1) as usize].clone();
    db::answer(&mut cx.tx, s.id, n, cx.me.id, Some(k), None, cx.now).await?;
    cx.answer_button(query_id, format!("✓ {label}"), false)
        .await?;
    next(cx, &s, false).await
}

/// A vote on one of the bot's native polls, told to the bot alone: kept (one per resident, the
/// newest), or dropped when taken back. Nothing is said anywhere.
pub async fn vote(cx: &mut Ctx<'_>, poll_id: &str, options: &[i64]) -> Flow {
    let Some(id) = db::by_poll_id(&mut cx.tx, poll_id).await? else {
        return Ok(());
    };
    let Some(s) = db::get(&mut cx.tx, id).await? else {
        return Ok(());
    };
    if !s.is_open() {
        return Ok(());
    }
    // Whoever votes in the group is one of its neighbours.
    let c = members::community_by_id(&mut cx.tx, s.community_id).await?;
    cx.join(&c, cx.me.id).await?;
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
                ("open", if s.is_open() { "yes" } else { "no" }.into()),
            ],
        ));
    }
    lines.push(cx.t(loc, "survey-list-hint", &[]));
    let chat = here.unwrap_or(cx.me.id);
    cx.send_to(chat, lines.join("\n"), Vec::new()).await?;
    Ok(())
}

/// `/survey N end`: no more answers; a native poll is closed in the group too.
async fn close(cx: &mut Ctx<'_>, here: Option<i64>, id: i64) -> Flow {
    let (s, c) = for_worker(cx, here, id).await?;
    if !db::close(&mut cx.tx, s.id, cx.now).await? {
        return Err(Refusal::new("err-survey-closed").into());
    }
    if s.is_poll() {
        let gloc = cx.engine.group_locale(c.chat_id);
        let text = cx.t(
            gloc,
            "survey-poll-closed",
            &[("title", s.title.clone().into())],
        );
        for row in db::poll_rows(&mut cx.tx, s.id).await? {
            cx.stop_poll(c.chat_id, row, text.clone()).await?;
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
            ("open", if s.is_open() { "yes" } else { "no" }.into()),
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
            let pct = if total > 0 { n * 100 / total } else { 0 };
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
        .map(|(_, who, words)| format!("  · {who}：{words}"))
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

    #[test]
    fn questions_with_and_without_options() {
        assert_eq!(
            read_question("1. 您家里有老人吗？ 有 / 没有"),
            ("您家里有老人吗？".into(), vec!["有".into(), "没有".into()])
        );
        assert_eq!(
            read_question("2、最需要哪类帮助？（买菜 / 维修 / 陪伴）"),
            (
                "最需要哪类帮助？".into(),
                vec!["买菜".into(), "维修".into(), "陪伴".into()]
            )
        );
        assert_eq!(
            read_question("Q3: Best day: Saturday/Sunday"),
            ("Best day".into(), vec!["Saturday".into(), "Sunday".into()])
        );
        // No options, or only one: a written answer, the words kept whole.
        assert_eq!(
            read_question("还有什么建议？"),
            ("还有什么建议？".into(), vec![])
        );
        assert_eq!(read_question("时间：周六"), ("时间：周六".into(), vec![]));
        assert_eq!(strip_number("2026年的计划"), "2026年的计划");
    }

    #[test]
    fn polls_and_forms_as_written() {
        assert_eq!(
            read_poll("哪天好？ 周六 / 周日").unwrap().1,
            vec!["周六", "周日"]
        );
        assert_eq!(
            read_poll("Which day? | Sat | Sun").unwrap(),
            ("Which day?".into(), vec!["Sat".into(), "Sun".into()])
        );
        assert_eq!(read_poll("哪天好？ 周六"), Err("usage-poll"));
        assert_eq!(read_poll("哪天？ 周六 / 周六"), Err("err-survey-same"));
        let eleven = (1..=11)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(" / ");
        assert_eq!(
            read_poll(&format!("选哪个？ {eleven}")),
            Err("err-survey-options")
        );
        let (title, qs) = read_form("需求调查\n1. 有老人吗？ 有/没有\n2. 建议").unwrap();
        assert_eq!(title, "需求调查");
        assert_eq!(qs.len(), 2);
        assert!(qs[1].1.is_empty());
        assert_eq!(read_form("只有标题"), Err("usage-survey"));
    }

    #[test]
    fn bars_are_proportional() {
        let lines = bar_lines(&[("a".into(), 2), ("b".into(), 1), ("c".into(), 0)]);
        assert_eq!(lines[0], "  1 a ▇▇▇▇▇▇▇▇▇▇ 2 (66%)");
        assert_eq!(lines[1], "  2 b ▇▇▇▇▇ 1 (33%)");
        assert_eq!(lines[2], "  3 c  0 (0%)");
    }
}
