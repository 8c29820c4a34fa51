//! Multi-step conversations as data: `dialogs/*.toml`, loaded and checked at start-up.
//!
//! A flow is a list of steps. Each step shows a prompt (a Fluent key) and expects one kind of
//! answer: free text, a choice shown as buttons, a number, yes/no, photos, a date, or one of the
//! resident's own things (`pick`). Steps run in file order; `when` skips a step unless an earlier
//! choice had one of the given values, and `next` jumps. When the last step is answered the
//! flow's `finish` action runs in the engine with every answer. The format is documented in
//! `dialogs/README.md`; this module only reads and checks it, and [`crate::engine`] runs it.
//!
//! A broken file stops start-up with one line naming the file, the step and the fault.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::i18n::{I18n, Locale};

/// The built-in copies, used when the dialogs directory does not exist.
const BUILTIN: &[(&str, &str)] = &[
    ("menu.toml", include_str!("../../dialogs/menu.toml")),
    ("offer.toml", include_str!("../../dialogs/offer.toml")),
    ("request.toml", include_str!("../../dialogs/request.toml")),
    ("find.toml", include_str!("../../dialogs/find.toml")),
    ("feedback.toml", include_str!("../../dialogs/feedback.toml")),
    ("lend.toml", include_str!("../../dialogs/lend.toml")),
    ("rate.toml", include_str!("../../dialogs/rate.toml")),
    ("report.toml", include_str!("../../dialogs/report.toml")),
    ("dispute.toml", include_str!("../../dialogs/dispute.toml")),
    ("language.toml", include_str!("../../dialogs/language.toml")),
    ("help.toml", include_str!("../../dialogs/help.toml")),
    ("event.toml", include_str!("../../dialogs/event.toml")),
    (
        "event_item.toml",
        include_str!("../../dialogs/event_item.toml"),
    ),
    (
        "event_feedback.toml",
        include_str!("../../dialogs/event_feedback.toml"),
    ),
];

/// The one-line reason a dialogs file was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct DialogError(pub String);

/// What a step expects.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Free text of `min_len..=max_len` characters; `optional` adds a Skip button.
    Text {
        min_len: usize,
        max_len: usize,
        optional: bool,
    },
    /// One of a few options, shown as buttons; typing the number or the label chooses too.
    Choice { options: Vec<Choice> },
    /// A whole number in `min..=max`. With `suggest`, the prompt shows the suggested points for
    /// what was answered so far and the resident may ask within the valuation's spread. With
    /// `pays`, the resident pays them: no more than they can spend. With `halves`, half units
    /// are taken too ("半小时", "一个半小时", "1.5": hours of help).
    Number {
        min: i64,
        max: i64,
        suggest: bool,
        pays: bool,
        halves: bool,
    },
    /// Yes or no.
    YesNo,
    /// `min..=max` photos, then Done.
    Photos { min: usize, max: usize },
    /// A date `min_days..=max_days` days from today (2026-12-05, 12月5日, 明天, next friday, 7天 …).
    Date { min_days: i64, max_days: i64 },
    /// A time of day (14:00, 下午两点半, 9am).
    Time,
    /// One of the resident's own things, offered as buttons.
    Pick { source: Source },
}

impl Input {
    pub fn kind(&self) -> &'static str {
        match self {
            Input::Text { .. } => "text",
            Input::Choice { .. } => "choice",
            Input::Number { .. } => "number",
            Input::YesNo => "yesno",
            Input::Photos { .. } => "photos",
            Input::Date { .. } => "date",
            Input::Time => "time",
            Input::Pick { .. } => "pick",
        }
    }
}

/// An option of a choice: the value stored, and the Fluent key of its label.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// Where a `pick` step's options come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Hand-overs the resident took part in and has not rated yet.
    Unrated,
    /// Hand-overs of the last 7 days, which a dispute may be opened about.
    Disputable,
    /// Open listings of the resident's communities, not their own.
    Listings,
    /// The resident's communities (skipped when there is one).
    Communities,
    /// The communities where the member is a social worker (skipped when there is one).
    Served,
}

impl Source {
    const ALL: [(&'static str, Source); 5] = [
        ("served", Source::Served),
        ("unrated", Source::Unrated),
        ("disputable", Source::Disputable),
        ("listings", Source::Listings),
        ("communities", Source::Communities),
    ];
    fn parse(s: &str) -> Option<Source> {
        Source::ALL.iter().find(|(n, _)| *n == s).map(|(_, v)| *v)
    }
}

/// One step of a flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub id: String,
    pub prompt: String,
    pub input: Input,
    /// Shown before the prompt again after a wrong answer; a default per input kind otherwise.
    pub error: Option<String>,
    /// Ask this step only when an earlier choice's answer is one of these values.
    pub when: Vec<(String, Vec<String>)>,
    /// The step after this one; `None`: the next in the file, or finish after the last.
    pub next: Option<String>,
}

/// A whole flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub name: String,
    /// The file it came from, for messages.
    pub file: String,
    /// Fluent key of its name in menus and help.
    pub title: String,
    /// Plain words (no slash) that start it in private chat, in any language.
    pub words: Vec<String>,
    /// Commands (without slash) that start it when written with nothing after them.
    pub commands: Vec<String>,
    /// The engine action run with the answers.
    pub finish: String,
    /// Fluent key said when the resident cancels.
    pub cancel: String,
    pub steps: Vec<Step>,
}

impl Flow {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    fn index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// The first step to ask, given the answers so far.
    pub fn first(&self, answers: &serde_json::Map<String, serde_json::Value>) -> Option<&Step> {
        self.step_from(0, answers)
    }

    /// The step after `id`, skipping steps whose `when` does not hold; `None`: finish.
    pub fn after(
        &self,
        id: &str,
        answers: &serde_json::Map<String, serde_json::Value>,
    ) -> Option<&Step> {
        let i = self.index(id)?;
        match &self.steps[i].next {
            Some(n) if n == FINISH => None,
            Some(n) => self.step_from(self.index(n)?, answers),
            None => self.step_from(i + 1, answers),
        }
    }

    fn step_from(
        &self,
        mut i: usize,
        answers: &serde_json::Map<String, serde_json::Value>,
    ) -> Option<&Step> {
        while let Some(s) = self.steps.get(i) {
            let holds = s.when.iter().all(|(step, values)| {
                answers
                    .get(step)
                    .and_then(|v| v.as_str())
                    .is_some_and(|v| values.iter().any(|w| w == v))
            });
            if holds {
                return Some(s);
            }
            i += 1;
        }
        None
    }
}

/// An entry of the numbered main menu: a flow to start or a command to run.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// Fluent key of the label.
    pub label: String,
    pub flow: Option<String>,
    pub command: Option<String>,
}

/// The numbered main menu (1–9).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Menu {
    /// Fluent key of the line above the choices.
    pub title: String,
    #[serde(rename = "item")]
    pub items: Vec<MenuItem>,
}

/// Every flow and the menu.
#[derive(Debug, Clone, PartialEq)]
pub struct Dialogs {
    pub flows: Vec<Flow>,
    pub menu: Menu,
}

/// A `next` that ends the flow.
pub const FINISH: &str = "finish";

/// Commands a menu item may run.
pub const MENU_COMMANDS: &[&str] = &[
    "points",
    "history",
    "mine",
    "reminders",
    "help",
    "lang",
    "simple_off",
];

/// The finish actions and the steps each reads: (step id, input kind, required).
/// A step an action reads: its id, its input kind, and whether it must exist.
pub type Reads = &'static [(&'static str, &'static str, bool)];

pub const ACTIONS: &[(&str, Reads)] = &[
    (
        "post_offer",
        &[
            ("what", "text", true),
            ("resource", "choice", false),
            ("category", "choice", false),
            ("condition", "choice", false),
            ("hours", "number", false),
            ("photos", "photos", false),
            ("points", "number", false),
            ("return", "date", false),
            ("community", "pick", false),
            ("confirm", "yesno", false),
        ],
    ),
    (
        "post_request",
        &[
            ("what", "text", true),
            ("resource", "choice", false),
            ("hours", "number", false),
            ("points", "number", false),
            ("return", "date", false),
            ("community", "pick", false),
            ("confirm", "yesno", false),
        ],
    ),
    ("find", &[("what", "text", true)]),
    ("feedback", &[("text", "text", true)]),
    (
        "rate",
        &[
            ("handover", "pick", true),
            ("stars", "choice", true),
            ("comment", "text", false),
        ],
    ),
    (
        "report",
        &[
            ("listing", "pick", true),
            ("reason", "choice", true),
            ("details", "text", false),
        ],
    ),
    (
        "dispute",
        &[
            ("handover", "pick", true),
            ("reason", "text", true),
            ("photos", "photos", false),
            ("confirm", "yesno", false),
        ],
    ),
    (
        "create_event",
        &[
            ("community", "pick", true),
            ("title", "text", true),
            ("theme", "choice", true),
            ("place", "text", true),
            ("date", "date", true),
            ("time", "time", true),
            ("hours", "number", false),
            ("slots", "text", false),
            ("capacity", "number", true),
            ("item_limit", "number", false),
            ("attend_points", "number", false),
            ("volunteer_points", "number", false),
            ("groups", "choice", false),
            ("repeat", "choice", false),
            ("confirm", "yesno", false),
        ],
    ),
    (
        "event_item",
        &[
            ("what", "text", true),
            ("category", "choice", false),
            ("condition", "choice", false),
            ("confirm", "yesno", false),
        ],
    ),
    (
        "event_feedback",
        &[
            ("stars", "choice", true),
            ("comment", "text", false),
            ("next", "text", false),
        ],
    ),
    ("set_lang", &[("lang", "choice", true)]),
    ("help", &[("topic", "choice", true)]),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFlow {
    flow: String,
    title: String,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    commands: Vec<String>,
    finish: String,
    cancel: Option<String>,
    #[serde(rename = "step", default)]
    steps: Vec<RawStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: String,
    prompt: String,
    input: String,
    error: Option<String>,
    next: Option<String>,
    #[serde(default)]
    when: BTreeMap<String, WhenValues>,
    min_len: Option<usize>,
    max_len: Option<usize>,
    optional: Option<bool>,
    options: Option<Vec<Choice>>,
    min: Option<i64>,
    max: Option<i64>,
    suggest: Option<bool>,
    pays: Option<bool>,
    halves: Option<bool>,
    min_days: Option<i64>,
    max_days: Option<i64>,
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum WhenValues {
    One(String),
    Many(Vec<String>),
}

impl Dialogs {
    /// Reads every `*.toml` of `dir` (the built-in copies when it does not exist) and checks
    /// them; with `i18n`, also that every key they name exists in every locale.
    pub fn load(dir: &Path, i18n: Option<&I18n>) -> Result<Dialogs, DialogError> {
        let files: Vec<(String, String)> = if dir.is_dir() {
            let mut names: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| DialogError(format!("{}: {e}", dir.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            names.sort();
            names
                .into_iter()
                .map(|p| {
                    std::fs::read_to_string(&p)
                        .map(|t| (p.display().to_string(), t))
                        .map_err(|e| DialogError(format!("{}: {e}", p.display())))
                })
                .collect::<Result<_, _>>()?
        } else {
            BUILTIN
                .iter()
                .map(|(n, t)| (format!("dialogs/{n}"), t.to_string()))
                .collect()
        };
        Dialogs::from_files(&files, i18n)
    }

    /// The built-in copies.
    pub fn builtin() -> Dialogs {
        let files: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(n, t)| (format!("dialogs/{n}"), t.to_string()))
            .collect();
        Dialogs::from_files(&files, None).expect("built-in dialogs are valid")
    }

    /// Checks `(file name, text)` pairs; `menu.toml` is the menu, every other file a flow.
    pub fn from_files(
        files: &[(String, String)],
        i18n: Option<&I18n>,
    ) -> Result<Dialogs, DialogError> {
        let mut flows = Vec::new();
        let mut menu = None;
        for (file, text) in files {
            if Path::new(file)
                .file_name()
                .is_some_and(|n| n == "menu.toml")
            {
                let m: Menu = toml::from_str(text)
                    .map_err(|e| DialogError(format!("{file}: {}", one_line(&e.to_string()))))?;
                menu = Some((file.clone(), m));
            } else {
                flows.push(parse_flow(file, text)?);
            }
        }
        let Some((menu_file, menu)) = menu else {
            return Err(DialogError("dialogs: menu.toml is missing".into()));
        };
        let d = Dialogs { flows, menu };
        d.check(&menu_file, i18n)?;
        Ok(d)
    }

    pub fn flow(&self, name: &str) -> Option<&Flow> {
        self.flows.iter().find(|f| f.name == name)
    }

    /// The flow a plain word starts, if any.
    pub fn by_word(&self, text: &str) -> Option<&Flow> {
        let t = normalize_word(text);
        self.flows
            .iter()
            .find(|f| f.words.iter().any(|w| normalize_word(w) == t))
    }

    /// The flow a bare command starts, if any.
    pub fn by_command(&self, name: &str) -> Option<&Flow> {
        self.flows
            .iter()
            .find(|f| f.commands.iter().any(|c| c == name))
    }

    /// Every Fluent key the files name.
    pub fn keys(&self) -> Vec<(String, String, String)> {
        let mut keys = Vec::new();
        for f in &self.flows {
            keys.push((f.file.clone(), "-".into(), f.title.clone()));
            keys.push((f.file.clone(), "-".into(), f.cancel.clone()));
            for s in &f.steps {
                keys.push((f.file.clone(), s.id.clone(), s.prompt.clone()));
                if let Some(e) = &s.error {
                    keys.push((f.file.clone(), s.id.clone(), e.clone()));
                }
                if let Input::Choice { options } = &s.input {
                    for o in options {
                        keys.push((f.file.clone(), s.id.clone(), o.label.clone()));
                    }
                }
            }
        }
        keys.push(("menu.toml".into(), "-".into(), self.menu.title.clone()));
        for i in &self.menu.items {
            keys.push(("menu.toml".into(), "-".into(), i.label.clone()));
        }
        keys
    }

    fn check(&self, menu_file: &str, i18n: Option<&I18n>) -> Result<(), DialogError> {
        let mut names = HashSet::new();
        let mut words = HashSet::new();
        let mut commands = HashSet::new();
        for f in &self.flows {
            let fail = |m: String| Err(DialogError(format!("{}: {m}", f.file)));
            if !names.insert(f.name.as_str()) {
                return fail(format!("flow \"{}\" is defined twice", f.name));
            }
            for w in &f.words {
                if !words.insert(normalize_word(w)) {
                    return fail(format!("the word \"{w}\" already starts another flow"));
                }
            }
            for c in &f.commands {
                if !commands.insert(c.as_str()) {
                    return fail(format!("the command \"{c}\" already starts another flow"));
                }
            }
        }
        if !(1..=9).contains(&self.menu.items.len()) {
            return Err(DialogError(format!(
                "{menu_file}: the menu needs 1 to 9 items, it has {}",
                self.menu.items.len()
            )));
        }
        for (n, item) in self.menu.items.iter().enumerate() {
            let fail = |m: String| Err(DialogError(format!("{menu_file}: item {}: {m}", n + 1)));
            match (&item.flow, &item.command) {
                (Some(f), None) if self.flow(f).is_none() => {
                    return fail(format!("flow \"{f}\" does not exist"))
                }
                (None, Some(c)) if !MENU_COMMANDS.contains(&c.as_str()) => {
                    return fail(format!(
                        "unknown command \"{c}\"; expected one of {}",
                        MENU_COMMANDS.join(", ")
                    ))
                }
                (Some(_), Some(_)) | (None, None) => {
                    return fail("needs exactly one of flow or command".into())
                }
                _ => {}
            }
        }
        if let Some(i18n) = i18n {
            for (file, step, key) in self.keys() {
                for loc in Locale::ALL {
                    if !i18n.has(loc, &key) {
                        let at = if step == "-" {
                            String::new()
                        } else {
                            format!("step \"{step}\": ")
                        };
                        let file = if file == "menu.toml" {
                            menu_file.to_string()
                        } else {
                            file
                        };
                        return Err(DialogError(format!(
                            "{file}: {at}message \"{key}\" is missing from locale {}",
                            loc.code()
                        )));
                    }
                }
            }
        }
        Ok(())
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower case, without spaces and end punctuation: how plain words are compared.
/// A typed word as the flows compare it: no spaces or closing punctuation, lower case, and
/// Traditional characters read as Simplified ("我要送東西" is "我要送东西").
pub fn normalize_word(s: &str) -> String {
    fast2s::convert(s.trim().trim_end_matches(['?', '？', '!', '！', '。', '.']))
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn parse_flow(file: &str, text: &str) -> Result<Flow, DialogError> {
    let raw: RawFlow = toml::from_str(text)
        .map_err(|e| DialogError(format!("{file}: {}", one_line(&e.to_string()))))?;
    let fail = |m: String| Err(DialogError(format!("{file}: {m}")));
    if raw.flow.trim().is_empty() {
        return fail("flow needs a name".into());
    }
    if raw.steps.is_empty() {
        return fail("a flow needs at least one [[step]]".into());
    }
    let Some((_, reads)) = ACTIONS.iter().find(|(a, _)| *a == raw.finish) else {
        return fail(format!(
            "unknown finish action \"{}\"; expected one of {}",
            raw.finish,
            ACTIONS
                .iter()
                .map(|(a, _)| *a)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    let mut steps: Vec<Step> = Vec::new();
    for r in raw.steps {
        let step = parse_step(r, &steps).map_err(|(id, m)| {
            DialogError(if id.is_empty() {
                format!("{file}: {m}")
            } else {
                format!("{file}: step \"{id}\": {m}")
            })
        })?;
        steps.push(step);
    }
    let ids: Vec<&str> = steps.iter().map(|s| s.id.as_str()).collect();
    for s in &steps {
        if let Some(n) = &s.next {
            if n != FINISH && !ids.contains(&n.as_str()) {
                return fail(format!(
                    "step \"{}\": next \"{n}\" is not a step of this flow (or \"{FINISH}\")",
                    s.id
                ));
            }
            if n == &s.id {
                return fail(format!("step \"{}\": next points to itself", s.id));
            }
        }
    }
    for (id, kind, required) in reads.iter() {
        match steps.iter().find(|s| s.id == *id) {
            Some(s) if s.input.kind() != *kind => {
                return fail(format!(
                    "step \"{id}\": {} reads it as {kind}, but its input is {}",
                    raw.finish,
                    s.input.kind()
                ))
            }
            None if *required => {
                return fail(format!(
                    "{} needs a step with id \"{id}\" (input {kind})",
                    raw.finish
                ))
            }
            _ => {}
        }
    }
    for s in &steps {
        if !reads.iter().any(|(id, _, _)| *id == s.id) {
            return fail(format!(
                "step \"{}\": {} does not read a step with this id; it reads {}",
                s.id,
                raw.finish,
                reads
                    .iter()
                    .map(|(i, _, _)| *i)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    Ok(Flow {
        name: raw.flow,
        file: file.to_string(),
        title: raw.title,
        words: raw.words,
        commands: raw.commands,
        finish: raw.finish,
        cancel: raw.cancel.unwrap_or_else(|| "dlg-cancelled".into()),
        steps,
    })
}

/// Read and check one `[[step]]`; `before` are the steps above it. The error is the step id
/// (empty when it has none) and the fault.
fn parse_step(r: RawStep, before: &[Step]) -> Result<Step, (String, String)> {
    if r.id.trim().is_empty() {
        return Err((String::new(), "a step needs an id".into()));
    }
    let at = |m: String| (r.id.clone(), m);
    check_step_id(&r.id, before).map_err(at)?;
    check_keys_apply(&r).map_err(at)?;
    let input = read_input(&r).map_err(at)?;
    let when = read_when(r.when, before).map_err(at)?;
    Ok(Step {
        id: r.id,
        prompt: r.prompt,
        input,
        error: r.error,
        when,
        next: r.next,
    })
}

/// Check that a step id is new in its flow and is not the word that ends a flow, since `next`
/// refers to steps by id.
fn check_step_id(id: &str, before: &[Step]) -> Result<(), String> {
    if before.iter().any(|s| s.id == id) {
        return Err("this id is used by an earlier step".into());
    }
    if id == FINISH {
        return Err(format!("\"{FINISH}\" cannot be a step id"));
    }
    Ok(())
}

/// Check that the input kind is known and that the step sets only the optional keys that kind
/// reads, so a misplaced key (`max_len` on a number) is an error rather than silently ignored.
fn check_keys_apply(r: &RawStep) -> Result<(), String> {
    let given: Vec<(&str, bool)> = vec![
        ("min_len", r.min_len.is_some()),
        ("max_len", r.max_len.is_some()),
        ("optional", r.optional.is_some()),
        ("options", r.options.is_some()),
        ("min", r.min.is_some()),
        ("max", r.max.is_some()),
        ("suggest", r.suggest.is_some()),
        ("pays", r.pays.is_some()),
        ("halves", r.halves.is_some()),
        ("min_days", r.min_days.is_some()),
        ("max_days", r.max_days.is_some()),
        ("source", r.source.is_some()),
    ];
    let allowed: &[&str] = match r.input.as_str() {
        "text" => &["min_len", "max_len", "optional"],
        "choice" => &["options"],
        "number" => &["min", "max", "suggest", "pays", "halves"],
        "yesno" => &[],
        "photos" => &["min", "max"],
        "date" => &["min_days", "max_days"],
        "time" => &[],
        "pick" => &["source"],
        other => {
            return Err(format!(
            "unknown input \"{other}\"; expected text, choice, number, yesno, photos, date, time or pick"
        ))
        }
    };
    if let Some((k, _)) = given.iter().find(|(k, g)| *g && !allowed.contains(k)) {
        return Err(format!("\"{k}\" does not apply to input {}", r.input));
    }
    Ok(())
}

/// Read what the step expects, with each kind's defaults, and check its bounds. The input kind
/// is already known to be valid ([`check_keys_apply`]).
fn read_input(r: &RawStep) -> Result<Input, String> {
    Ok(match r.input.as_str() {
        "text" => {
            let (min_len, max_len) = (r.min_len.unwrap_or(1), r.max_len.unwrap_or(200));
            if min_len > max_len || max_len > 1000 || max_len == 0 {
                return Err("needs 0 <= min_len <= max_len <= 1000 and max_len > 0".into());
            }
            Input::Text {
                min_len,
                max_len,
                optional: r.optional.unwrap_or(false),
            }
        }
        "choice" => read_choice(r.options.clone().unwrap_or_default())?,
        "number" => {
            let (min, max) = (r.min.unwrap_or(0), r.max.unwrap_or(1000));
            if min > max || min < 0 {
                return Err(format!("needs 0 <= min <= max (min {min}, max {max})"));
            }
            Input::Number {
                min,
                max,
                suggest: r.suggest.unwrap_or(false),
                pays: r.pays.unwrap_or(false),
                halves: r.halves.unwrap_or(false),
            }
        }
        "yesno" => Input::YesNo,
        "time" => Input::Time,
        "photos" => {
            let (min, max) = (r.min.unwrap_or(0), r.max.unwrap_or(5));
            if min < 0 || min > max || max > 10 || max == 0 {
                return Err(format!(
                    "needs 0 <= min <= max <= 10 photos, max > 0 (min {min}, max {max})"
                ));
            }
            Input::Photos {
                min: min as usize,
                max: max as usize,
            }
        }
        "date" => {
            let (min_days, max_days) = (r.min_days.unwrap_or(1), r.max_days.unwrap_or(90));
            if min_days < 0 || min_days > max_days || max_days > 366 {
                return Err("needs 0 <= min_days <= max_days <= 366".into());
            }
            Input::Date { min_days, max_days }
        }
        "pick" => read_pick(r.source.as_deref().unwrap_or_default())?,
        _ => unreachable!("checked above"),
    })
}

/// Check a choice's options: 1 to 9 (the numbers a resident can type), values unique and not
/// empty, not starting with `!`, and a value that is a number only as its own option number, so
/// typing a number never chooses a different option.
fn read_choice(options: Vec<Choice>) -> Result<Input, String> {
    if !(1..=9).contains(&options.len()) {
        return Err("a choice needs 1 to 9 options".into());
    }
    let mut seen = HashSet::new();
    for (i, o) in options.iter().enumerate() {
        if o.value.starts_with('!') {
            return Err(format!("option value \"{}\" may not start with !", o.value));
        }
        if o.value.parse::<usize>().is_ok_and(|n| n != i + 1) {
            return Err(format!(
                "option value \"{}\" is a number but option {} (typing {} would choose another)",
                o.value,
                i + 1,
                o.value
            ));
        }
        if o.value.trim().is_empty() || !seen.insert(o.value.as_str()) {
            return Err(format!(
                "option values must be unique and not empty (\"{}\")",
                o.value
            ));
        }
    }
    Ok(Input::Choice { options })
}

/// Read a `pick` step's source of options.
fn read_pick(src: &str) -> Result<Input, String> {
    let Some(source) = Source::parse(src) else {
        return Err(format!(
            "unknown source \"{src}\"; expected one of {}",
            Source::ALL
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    Ok(Input::Pick { source })
}

/// Read the step's `when` conditions and check that each names an earlier choice step and
/// values among its options (a condition that can never hold would hide the step for good).
fn read_when(
    when: BTreeMap<String, WhenValues>,
    before: &[Step],
) -> Result<Vec<(String, Vec<String>)>, String> {
    let mut out = Vec::new();
    for (step, values) in when {
        let values = match values {
            WhenValues::One(v) => vec![v],
            WhenValues::Many(v) => v,
        };
        let Some(earlier) = before.iter().find(|s| s.id == step) else {
            return Err(format!("when: \"{step}\" is not an earlier step"));
        };
        let Input::Choice { options } = &earlier.input else {
            return Err(format!("when: \"{step}\" is not a choice"));
        };
        if let Some(v) = values
            .iter()
            .find(|v| !options.iter().any(|o| &o.value == *v))
        {
            return Err(format!("when: \"{v}\" is not an option of \"{step}\""));
        }
        out.push((step, values));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MENU: &str = "title = \"menu-title\"\n[[item]]\nlabel = \"menu-offer\"\nflow = \"x\"\n";

    fn flow(steps: &str) -> Result<Dialogs, DialogError> {
        let text = format!("flow = \"x\"\ntitle = \"t\"\nfinish = \"set_lang\"\n{steps}");
        Dialogs::from_files(
            &[
                ("dialogs/menu.toml".into(), MENU.into()),
                ("dialogs/x.toml".into(), text),
            ],
            None,
        )
    }

    #[test]
    fn builtin_files_are_valid_and_checked_against_locales() {
        let d = Dialogs::builtin();
        assert!(d.flow("offer").is_some());
        let i18n = I18n::builtin();
        Dialogs::from_files(
            &BUILTIN
                .iter()
                .map(|(n, t)| (format!("dialogs/{n}"), t.to_string()))
                .collect::<Vec<_>>(),
            Some(&i18n),
        )
        .unwrap();
    }

    #[test]
    fn a_broken_file_names_file_step_and_fault() {
        let ok = "[[step]]\nid = \"lang\"\nprompt = \"p\"\ninput = \"choice\"\noptions = [{ value = \"en\", label = \"l\" }]\n";
        assert!(flow(ok).is_ok());
        let e = flow(&ok.replace("choice", "chioce")).unwrap_err().0;
        assert_eq!(
            e,
            "dialogs/x.toml: step \"lang\": unknown input \"chioce\"; expected text, choice, number, yesno, photos, date, time or pick"
        );
        let e = flow(&format!("{ok}next = \"nowhere\"\n")).unwrap_err().0;
        assert!(
            e.starts_with("dialogs/x.toml: step \"lang\": next \"nowhere\""),
            "{e}"
        );
        let e = flow(&format!("{ok}min = 3\n")).unwrap_err().0;
        assert_eq!(
            e,
            "dialogs/x.toml: step \"lang\": \"min\" does not apply to input choice"
        );
        let e = flow(&ok.replace("\"lang\"", "\"language\"")).unwrap_err().0;
        assert_eq!(
            e,
            "dialogs/x.toml: set_lang needs a step with id \"lang\" (input choice)"
        );
        let extra = "[[step]]\nid = \"mood\"\nprompt = \"p\"\ninput = \"yesno\"\n";
        let e = flow(&format!("{ok}{extra}")).unwrap_err().0;
        assert!(
            e.contains("step \"mood\": set_lang does not read a step with this id"),
            "{e}"
        );
        let e = flow("").unwrap_err().0;
        assert_eq!(e, "dialogs/x.toml: a flow needs at least one [[step]]");
        let e = flow(&format!("{ok}colour = 1\n")).unwrap_err().0;
        assert!(
            e.starts_with("dialogs/x.toml: ") && e.contains("colour"),
            "{e}"
        );
        assert!(!e.contains('\n'));
    }

    #[test]
    fn missing_locale_keys_are_named() {
        let i18n = I18n::builtin();
        let ok = "[[step]]\nid = \"lang\"\nprompt = \"no-such-key\"\ninput = \"choice\"\noptions = [{ value = \"en\", label = \"lang-set\" }]\n";
        let text = format!("flow = \"x\"\ntitle = \"lang-set\"\nfinish = \"set_lang\"\n{ok}");
        let e = Dialogs::from_files(
            &[
                (
                    "dialogs/menu.toml".into(),
                    MENU.replace("menu-offer", "lang-set")
                        .replace("menu-title", "lang-set"),
                ),
                ("dialogs/x.toml".into(), text),
            ],
            Some(&i18n),
        )
        .unwrap_err()
        .0;
        assert_eq!(
            e,
            "dialogs/x.toml: step \"lang\": message \"no-such-key\" is missing from locale zh-CN"
        );
    }

    #[test]
    fn when_skips_steps() {
        let d = Dialogs::builtin();
        let f = d.flow("offer").unwrap();
        let mut answers = serde_json::Map::new();
        answers.insert("resource".into(), "service".into());
        // A service has no condition and no photos step.
        let mut id = f.first(&answers).unwrap().id.clone();
        let mut seen = vec![id.clone()];
        while let Some(s) = f.after(&id, &answers) {
            id = s.id.clone();
            seen.push(id.clone());
        }
        assert!(!seen.contains(&"condition".to_string()), "{seen:?}");
        assert!(seen.contains(&"hours".to_string()), "{seen:?}");
    }
}
