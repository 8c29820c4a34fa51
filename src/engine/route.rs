//! Which code handles an update: [`route`] (a pure function from the update and a few facts
//! to a [`Route`], tested as a table below), then [`run`] calls the use case of that route,
//! and [`run_button`] the use case of a pressed button's action.

use super::cases::{
    account, desk, disputes, emergency, events, finding, handover, helpers, listings, loans,
    moderation, ratings, reminders, reports, suggest, surveys, tickets, worker,
};
use super::kernel::command::{self, Command, Places, Who};
use super::kernel::ctx::Ctx;
use super::kernel::text::{
    is_cancel, is_helper_word, is_menu, is_word, menu_number, norm, nth_number, on_off, BACK_WORDS,
    MINE_WORDS, SIMPLE_OFF_WORDS, SIMPLE_ON_WORDS,
};
use super::kernel::{ChatRef, Content, Flow, Incoming, Refusal};
use super::route_finish::{choose_menu, conclude};
use super::shared::dialog::{self, Given};
use super::shared::menu::show_menu;
use crate::dialog::Dialogs;
use crate::domain::{Action, ListingKind};
use crate::store::dialogs::State;
use crate::store::listings as db;
use crate::store::outbox::Button;

/// What is known about an update before it is routed.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub dialogs: &'a Dialogs,
    /// The bot's @username, to tell our commands from other bots'.
    pub bot_username: Option<&'a str>,
    /// The group is a social workers' chat (no community).
    pub workers_chat: bool,
    /// The sender is in a flow (private chat).
    pub in_flow: bool,
    /// A helper is acting for the sender.
    pub acting: bool,
    /// The inline buttons under the newest private message to the sender (a typed number or
    /// a button's words presses one of them).
    pub buttons: &'a [Button],
}

/// Where an update goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// Nothing to do (chatter, another bot's command, the workers' talk).
    Ignore,
    /// An answer to one of the bot's native polls.
    PollVote,
    /// A helper tried a social worker's power as the resident.
    NotWhileActing,
    /// A message forwarded to the bot in private: a report.
    ReportForwarded,
    /// The group became a supergroup.
    Migrate { from: i64, to: i64 },
    /// People joined the group.
    Welcome,
    /// A button press.
    Button { query_id: String, token: String },
    /// A command of the table, with its arguments.
    Command { command: Command, args: String },
    /// A slash command nobody knows.
    UnknownCommand(String),
    /// Words that answer an emergency ("救命", "我安全"), if one is open.
    Emergency(&'static str),
    /// A number past the buttons in front of the member (those buttons, shown again).
    NumberOutOfRange(Vec<Button>),
    /// A command that works only in private, written in a group: said privately.
    PrivateOnly(String),
    /// A word or bare command that starts a flow.
    StartFlow(String),
    /// A search from private chat ("我想要老花镜"): the thing named.
    Find(String),
    /// A look at what is on offer ("看看有什么").
    Browse,
    /// 菜单 / menu.
    Menu,
    /// A number chosen from the main menu.
    MenuChoice(usize),
    /// A button pressed by typing its number or its words.
    Press(String),
    /// 取消 / cancel.
    Cancel,
    /// An answer to the flow's current step.
    Answer,
    /// Simple mode on or off, by its plain words.
    SimpleMode(bool),
    /// A group message that may be an offer or a request.
    GroupText(String),
    /// Private words that mean nothing to the bot: a hint.
    Hint,
    /// A sticker, voice, photo without words in private: a kind answer.
    SomethingElse,
    /// A photo in private outside a flow: the offer flow starts with it.
    PhotoOffer,
    /// A group message replying to another message: maybe interest in a listing.
    Reply,
    /// "还回来了", "我已经还了": a loan's return said in words.
    Returned,
    /// "多借两天", "再借一个礼拜": a borrower asks for so many more days.
    MoreDays(i64),
    /// "给了", "交给他了": the giver says the thing was handed over.
    Handed,
}

/// The route of an update. Pure: the same update and facts always give the same route.
pub fn route(inc: &Incoming, f: &Facts<'_>) -> Route {
    let text = inc.content.text();
    if f.acting && text.is_some_and(is_staff_command) {
        return Route::NotWhileActing;
    }
    match (&inc.chat, &inc.content) {
        (_, Content::PollVote { .. }) => Route::PollVote,
        (_, Content::Button { query_id, data }) => Route::Button {
            query_id: query_id.clone(),
            token: data.clone(),
        },
        (_, Content::Migrated { from, to }) => Route::Migrate {
            from: *from,
            to: *to,
        },
        (ChatRef::Private, Content::Forwarded { .. }) => Route::ReportForwarded,
        (ChatRef::Group { .. }, _) if f.workers_chat => match text.and_then(command::split) {
            // In the workers' chat, commands work as in private; the rest is the workers' talk.
            Some(w) if w.is_for(f.bot_username) => command_route(&w.name, w.args, false),
            _ => Route::Ignore,
        },
        (ChatRef::Group { .. }, Content::Joined(_)) => Route::Welcome,
        // A reply is about what it quotes, unless it is a command.
        (ChatRef::Group { .. }, Content::Reply { text, .. }) if command::split(text).is_none() => {
            Route::Reply
        }
        (ChatRef::Group { .. }, _) => match text {
            Some(t) => group_text(t, f),
            None => Route::Ignore,
        },
        // A photo sent privately is something to give, unless its caption is a command.
        (ChatRef::Private, Content::Photo { caption, .. })
            if !f.in_flow && caption.as_deref().and_then(command::split).is_none() =>
        {
            Route::PhotoOffer
        }
        (ChatRef::Private, _) => private(text, f),
    }
}

/// True for a command that is a social worker's power (never used by a helper acting for a
/// resident): the table's staff commands, and `/simple NAME on|off` for someone else.
fn is_staff_command(text: &str) -> bool {
    let Some(w) = command::split(text) else {
        return false;
    };
    match Command::parse(&w.name) {
        Some(Command::Simple) => w.args.split_whitespace().count() > 1,
        Some(c) => c.spec().who == Who::Staff,
        None => false,
    }
}

/// A helper's own commands (`/as`, `/actfor`, `/helper`, 代办): never done as the resident.
pub fn is_own_command(c: &Content) -> bool {
    let Content::Text(t) = c else { return false };
    let own = command::split(t)
        .and_then(|w| Command::parse(&w.name))
        .is_some_and(|c| c.spec().who == Who::OwnSelf);
    own || is_helper_word(t)
}

/// A command by name: its route where it works, else unknown.
fn command_route(name: &str, args: &str, in_group: bool) -> Route {
    match Command::parse(name) {
        Some(c) if !in_group || c.spec().places == Places::Both => Route::Command {
            command: c,
            args: args.to_string(),
        },
        Some(c) => Route::PrivateOnly(c.name().to_string()),
        None => Route::UnknownCommand(name.to_string()),
    }
}

/// Words in a group: our command, the word 积分 or 明细, or maybe a listing.
fn group_text(t: &str, f: &Facts<'_>) -> Route {
    if let Some(w) = command::split(t) {
        if !w.is_for(f.bot_username) {
            return Route::Ignore;
        }
        return command_route(&w.name, w.args, true);
    }
    // "我安全" under an emergency notice: counted if one is open (the use case checks).
    if let Some(a) = emergency::typed_in_group(t) {
        return Route::Emergency(a);
    }
    match Command::by_word(t, true) {
        Some(command) => Route::Command {
            command,
            args: String::new(),
        },
        None => Route::GroupText(t.to_string()),
    }
}

/// In private: the menu, cancel, a flow's answer, a flow's start, a command, or words.
fn private(text: Option<&str>, f: &Facts<'_>) -> Route {
    let Some(t) = text else {
        return if f.in_flow {
            Route::Answer
        } else {
            Route::SomethingElse
        };
    };
    if is_menu(t) {
        return Route::Menu;
    }
    if is_cancel(t) {
        return Route::Cancel;
    }
    if let Some(w) = command::split(t) {
        // A bare command that starts a flow starts it (in the middle of another too); any
        // other command is answered and the flow waits.
        if w.args.is_empty() {
            if let Some(flow) = f.dialogs.by_command(&w.name) {
                return Route::StartFlow(flow.name.clone());
            }
        }
        return command_route(&w.name, w.args, false);
    }
    // "救命", "我安全": an emergency's answer when one is open (the use case checks).
    if let Some(a) = emergency::typed_answer(t) {
        return Route::Emergency(a);
    }
    // A button in front of the member, its words typed whole ("我要这一件" under "1 ✅ 我要这一件"):
    // pressed, before a flow's answer or a flow's words read them.
    if let Some(b) = f
        .buttons
        .iter()
        .find(|b| b.cb.is_some() && says_whole_label(t, &b.label))
    {
        return Route::Press(b.cb.clone().unwrap_or_default());
    }
    if f.in_flow && !f.buttons.is_empty() {
        // A decision asked after the flow's question (only such buttons are given in a flow):
        // its number or a yes or no answers it.
        let n = menu_number(t).filter(|n| (1..=f.buttons.len()).contains(n));
        let token = n
            .and_then(|n| f.buttons[n - 1].cb.clone())
            .or_else(|| yes_or_no(t, f.buttons));
        if let Some(token) = token {
            return Route::Press(token);
        }
    }
    if f.in_flow {
        // Asking for help or for one's points never becomes an answer: the flow waits.
        if let Some(
            command @ (Command::Help
            | Command::Points
            | Command::History
            | Command::Event
            | Command::Leave),
        ) = Command::by_word(t, false)
        {
            return Route::Command {
                command,
                args: String::new(),
            };
        }
        // "我的" too: what one has going on, and the flow's question again.
        if is_word(t, MINE_WORDS) {
            return Route::Command {
                command: Command::Mine,
                args: String::new(),
            };
        }
        if let Some(flow) = f.dialogs.by_word(t).filter(|fl| fl.name == "help") {
            return Route::StartFlow(flow.name.clone());
        }
        return Route::Answer;
    }
    plain_words(t, f)
}

/// Private words outside a flow: a flow's words, a menu number, simple mode, mine, a
/// command's word, or a hint.
fn plain_words(t: &str, f: &Facts<'_>) -> Route {
    if let Some(flow) = f.dialogs.by_word(t) {
        return Route::StartFlow(flow.name.clone());
    }
    if let Some(n) = menu_number(t) {
        // The buttons in front of the member first; the main menu when there are none.
        return match f.buttons.get(n - 1).and_then(|b| b.cb.clone()) {
            Some(token) => Route::Press(token),
            // A number past the list in front of them is a slip, not the main menu's.
            None if !f.buttons.is_empty() => Route::NumberOutOfRange(f.buttons.to_vec()),
            None => Route::MenuChoice(n),
        };
    }
    // "返回" with no flow to step back in: back to the menu.
    if is_word(t, BACK_WORDS) {
        return Route::Menu;
    }
    if is_word(t, SIMPLE_ON_WORDS) {
        return Route::SimpleMode(true);
    }
    if is_word(t, SIMPLE_OFF_WORDS) {
        return Route::SimpleMode(false);
    }
    if is_word(t, RETURN_WORDS) {
        return Route::Returned;
    }
    if let Some(days) = more_days(t) {
        return Route::MoreDays(days);
    }
    if is_word(t, HANDED_WORDS) {
        return Route::Handed;
    }
    if is_word(t, MINE_WORDS) {
        return Route::Command {
            command: Command::Mine,
            args: String::new(),
        };
    }
    if let Some(command) = Command::by_word(t, false) {
        return Route::Command {
            command,
            args: String::new(),
        };
    }
    if let Some((command, on)) = word_with_switch(t) {
        let args = if on { "on" } else { "off" }.to_string();
        return Route::Command { command, args };
    }
    // "心愿 轮椅", "统计 上月": a command's word with its arguments, like `/alert 轮椅`.
    if let Some((w, rest)) = t.trim().split_once(char::is_whitespace) {
        let with_args = [
            Command::Alert,
            Command::Stats,
            Command::Export,
            Command::Audit,
            Command::Needs,
            Command::Survey,
            Command::Poll,
            Command::Withdraw,
        ];
        if let Some(command) = Command::by_word(w, false).filter(|c| with_args.contains(c)) {
            return Route::Command {
                command,
                args: rest.trim().to_string(),
            };
        }
    }
    // "我想借出去一个轮椅", "我要借出东西": lending, never a search for the thing.
    if lends_out(t) {
        return Route::StartFlow("lend".into());
    }
    // "我想要老花镜", "有没有婴儿车", "search drill", "看看有什么".
    match finding::ask_of(t) {
        Some(finding::Ask::Find(q)) => return Route::Find(q),
        Some(finding::Ask::Browse) => return Route::Browse,
        Some(finding::Ask::Wish(w)) => {
            return Route::Command {
                command: Command::Alert,
                args: w,
            }
        }
        None => {}
    }
    // "好" / "不行" to a yes-or-no question ("同意吗？" above ✅ 同意 / ❌ 婉拒) is its answer:
    // elderly neighbours answer a question, they do not read buttons.
    if let Some(token) = yes_or_no(t, f.buttons) {
        return Route::Press(token);
    }
    // "好的" under a message with one numbered key (a questionnaire's "回复 1 开始") presses
    // it; never a card's button (a claim holds points).
    if let [only] = f.buttons {
        if is_word(t, YES_WORDS) && only.cb.is_some() && only.label.starts_with("1 ") {
            return Route::Press(only.cb.clone().unwrap_or_default());
        }
    }
    match f.buttons.iter().find(|b| says_label(t, &b.label)) {
        Some(b) => Route::Press(b.cb.clone().unwrap_or_default()),
        None => Route::Hint,
    }
}

/// Thanks said to the bot in private: answered kindly, never "I didn't understand".
const THANKS_WORDS: &[&str] = &[
    "谢谢",
    "谢谢你",
    "谢谢您",
    "谢谢啦",
    "谢了",
    "多谢",
    "感谢",
    "辛苦了",
    "thanks",
    "thank you",
    "thanks a lot",
    "thank you very much",
    "thx",
    "cheers",
    // Cantonese and Taiwanese thanks (唔該, 多謝晒, 感恩).
    "唔该",
    "唔该晒",
    "多谢晒",
    "感恩",
];

/// A greeting said to the bot in private: greeted back, with what to do next.
const GREETING_WORDS: &[&str] = &[
    "你好",
    "您好",
    "你好呀",
    "你好啊",
    "大家好",
    "哈喽",
    "嗨",
    "早",
    "早上好",
    "早安",
    "晚上好",
    "下午好",
    "早晨",
    "hello",
    "hi",
    "hey",
    "hello there",
    "hi there",
    "good morning",
    "good evening",
    "good afternoon",
];

/// A loan's return said in words, by the lender ("还回来了") or the borrower ("我还了").
const RETURN_WORDS: &[&str] = &[
    "已归还",
    "归还了",
    "还了",
    "还回来了",
    "收回来了",
    "已经还了",
    "已经还回来了",
    "我还了",
    "我已经还了",
    "还回去了",
    "已经还回去了",
    "我还回去了",
    "送回去了",
    "还给他了",
    "还给她了",
    "东西还了",
    "returned",
    "it's back",
    "got it back",
    "i returned it",
    "i gave it back",
];

/// "我想借出去一个轮椅", "我要借出东西", "借出去一把梯子": the member wants to lend something.
fn lends_out(t: &str) -> bool {
    let t = t.trim();
    let rest = ["我要", "我想", "想", "要", "我"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t);
    rest.starts_with("借出") || rest.starts_with("借给邻居")
}

/// The giver's words for a hand-over done ("给了", "交给他了").
const HANDED_WORDS: &[&str] = &[
    "给了",
    "给他了",
    "给她了",
    "交给他了",
    "交给她了",
    "已交给",
    "已经给了",
    "已经给他了",
    "已经给她了",
    "已经交给他了",
    "已经交给她了",
    "东西给了",
    "东西给他了",
    "交了",
    "拿走了",
    "他拿走了",
    "她拿走了",
    "handed over",
    "handed it over",
    "gave it to her",
    "gave it to him",
    "they picked it up",
];

/// "多借两天", "再借一个礼拜", "能多用三天吗", "keep it 2 more days": a borrower asking for
/// so many more days (1 to 30).
fn more_days(t: &str) -> Option<i64> {
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)(?:(?:多|再|延长|延期|晚)(?:借|用|还)?|(?:keep|have) it (?:for )?)[ ]?(\d+|[一二两三四五六七八九十]+)[ ]?(?:个|more |extra )?(天|日|周|星期|礼拜|days?|weeks?)(?: more| longer)?",
        )
        .expect("more days pattern")
    });
    let c = RE.captures(t.trim())?;
    let n = c[1]
        .parse::<i64>()
        .ok()
        .or_else(|| crate::parse::numbers::zh_num(&c[1]).map(|f| f as i64))?;
    let unit = &c[2];
    let days = if unit.starts_with('天') || unit.starts_with('日') || unit.starts_with("day") {
        n
    } else {
        n * 7
    };
    (1..=30).contains(&days).then_some(days)
}

/// Words that say yes to the one thing offered.
const YES_WORDS: &[&str] = &[
    "好", "好的", "好啊", "好吧", "嗯", "嗯嗯", "行", "可以", "是", "是的", "开始", "ok", "okay",
    "yes", "sure", "start",
];

/// "推荐 开", "推荐关", "开启推荐", "关闭推荐", "recommendations off", "turn on suggestions": a
/// command's private word with on or off.
fn word_with_switch(t: &str) -> Option<(Command, bool)> {
    let t = t.trim().to_lowercase();
    let switchable =
        |w: &str| Command::by_word(w.trim(), false).filter(|c| *c == Command::Recommend);
    let split = |word: &str, switch: &str| Some((switchable(word)?, on_off(switch)?));
    if let Some((w, s)) = t.rsplit_once(char::is_whitespace) {
        if let Some(found) = split(w, s) {
            return Some(found);
        }
    }
    for (lead, on) in [
        ("开启", true),
        ("打开", true),
        ("关闭", false),
        ("关掉", false),
        ("turn on ", true),
        ("turn off ", false),
    ] {
        if let Some(w) = t.strip_prefix(lead) {
            return switchable(w).map(|c| (c, on));
        }
    }
    let (w, s) = t.split_at(t.char_indices().last()?.0);
    split(w, s)
}

/// Words that say no to a yes-or-no question.
const DECLINE_WORDS: &[&str] = &[
    "不",
    "不行",
    "不要",
    "不同意",
    "不用",
    "不用了",
    "算了",
    "不了",
    "否",
    "no",
    "nope",
    "decline",
];

/// The button a plain yes or no presses under exactly two buttons, ✅ then ❌ (an owner's
/// "同意 / 婉拒", a lender's "延期吗？"); none under any other buttons.
fn yes_or_no(typed: &str, buttons: &[Button]) -> Option<String> {
    let [yes, no] = buttons else {
        return None;
    };
    let mark = |label: &str| {
        label
            .trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
            .starts_with(['✅', '❌'])
            .then(|| label.contains('✅'))
    };
    if mark(&yes.label) != Some(true) || mark(&no.label) != Some(false) {
        return None;
    }
    if is_word(typed, YES_WORDS) {
        yes.cb.clone()
    } else if is_word(typed, DECLINE_WORDS) {
        no.cb.clone()
    } else {
        None
    }
}

/// Whether `typed` is a button's whole label, but for its number ("1 ✅ 我要这一件").
fn says_whole_label(typed: &str, label: &str) -> bool {
    let t = norm(typed);
    let l = norm(label);
    let l = l.trim_start_matches(|c: char| c.is_ascii_digit());
    t.chars().count() >= 2 && t == l
}

/// True when typed words name a button: its words, or a part of them of two characters or
/// more ("同意" for "✅ 同意", "收到" or "收到了" for "📦 我已收到").
fn says_label(typed: &str, label: &str) -> bool {
    let t = norm(typed);
    let t = t.trim_end_matches(['了', '啦', '的']);
    t.chars().count() >= 2 && norm(label).contains(t)
}

/// Runs the use case of a route. `state` is the flow the member is in (private chat).
pub async fn run(cx: &mut Ctx<'_>, inc: &Incoming, route: Route, state: Option<State>) -> Flow {
    match route {
        Route::Ignore => Ok(()),
        Route::NotWhileActing => Err(Refusal::new("err-not-while-acting").into()),
        Route::ReportForwarded => {
            let Content::Forwarded {
                text,
                author_id,
                origin_chat,
            } = &inc.content
            else {
                return Ok(());
            };
            reports::report_forwarded(cx, text.as_deref(), *author_id, *origin_chat).await
        }
        Route::Migrate { from, to } => {
            Ok(crate::store::members::migrate_chat(&mut cx.tx, from, to).await?)
        }
        Route::Welcome => match &inc.content {
            Content::Joined(people) => account::welcome(cx, people).await,
            _ => Ok(()),
        },
        Route::Button { query_id, token } => run_button(cx, &query_id, &token).await,
        Route::Command { command, args } => {
            command_in_flow(cx, inc, command, &args, state.is_some()).await
        }
        Route::UnknownCommand(name) => Err(Refusal::new("err-unknown-command")
            .arg("command", format!("/{name}"))
            .into()),
        Route::NumberOutOfRange(shown) => number_out_of_range(cx, shown).await,
        Route::PrivateOnly(name) => private_only(cx, &name).await,
        Route::StartFlow(flow) => {
            let o = dialog::start(cx, &flow).await?;
            conclude(cx, o).await
        }
        Route::Menu => {
            // A flow left for the menu says so ("好的，没有发布。"), as 取消 would.
            let left = dialog::cancel_text(cx, state.as_ref());
            dialog::clear(cx).await?;
            show_menu(cx, left).await
        }
        Route::MenuChoice(n) => choose_menu(cx, n).await,
        Route::Press(token) => run_button(cx, "", &token).await,
        Route::Cancel => {
            if state.is_none() && events::cancel_word(cx).await? {
                return Ok(());
            }
            dialog::cancel(cx, state.as_ref()).await
        }
        Route::Emergency(a) => typed_emergency(cx, inc, a, state).await,
        Route::Returned => super::cases::loans::returned_in_words(cx).await,
        Route::MoreDays(days) => super::cases::loans::more_days_in_words(cx, days).await,
        Route::Handed => handover::handed_in_words(cx).await,
        Route::PollVote => match &inc.content {
            Content::PollVote { poll_id, options } => surveys::vote(cx, poll_id, options).await,
            _ => Ok(()),
        },
        Route::Answer => {
            let Some(st) = state else { return Ok(()) };
            if st.flow == surveys::FLOW {
                return surveys::typed(cx, st, inc.content.text()).await;
            }
            let given = match &inc.content {
                Content::Photo { file_id, .. } => Given::Photo(file_id.clone()),
                Content::Text(t) => Given::Text(t.clone()),
                _ => Given::Other,
            };
            let o = dialog::answer(cx, st, given).await?;
            conclude(cx, o).await
        }
        Route::SimpleMode(on) => account::set_simple(cx, on).await,
        Route::Find(q) => find_or_help(cx, inc.content.text().unwrap_or_default(), q).await,
        Route::Browse => finding::browse(cx, 0).await,
        Route::GroupText(t) => {
            // A photo whose caption is a listing keeps its photo on the card.
            let photos = match &inc.content {
                Content::Photo { file_id, .. } if !file_id.is_empty() => vec![file_id.clone()],
                _ => Vec::new(),
            };
            if photos.is_empty() && events::join_in_group(cx, &t).await? {
                return Ok(());
            }
            // What is wrong with a post the bot read from ordinary chat (points out of range,
            // say) is the author's business: told privately, not to the whole group.
            cx.refuse_privately = true;
            listings::post_from_group(cx, &t, &photos).await
        }
        Route::Reply => {
            let Content::Reply { text, to } = &inc.content else {
                return Ok(());
            };
            if let (true, Some(m)) = (to.from_bot, to.message_id) {
                if events::reply_to_card(cx, text, m).await? {
                    return Ok(());
                }
            }
            listings::reply_in_group(cx, text, to).await
        }
        Route::PhotoOffer => {
            let Content::Photo { caption, file_id } = &inc.content else {
                return Ok(());
            };
            let text = cx.t(cx.my_locale(), "photo-starts-offer", &[]);
            cx.reply(text, Vec::new()).await?;
            let answers = listings::photo_offer_answers(file_id, caption.as_deref());
            let o = dialog::start_with(cx, "offer", answers).await?;
            conclude(cx, o).await
        }
        Route::Hint => hint_or_older_press(cx, inc.content.text().unwrap_or_default()).await,
        Route::SomethingElse => account::something_else(cx).await,
    }
}

/// A number past the buttons in front of the member: said with the same buttons again, so the
/// next number still presses them.
async fn number_out_of_range(cx: &mut Ctx<'_>, shown: Vec<Button>) -> Flow {
    let max = shown.len() as i64;
    let text = cx.t(cx.my_locale(), "err-number-range", &[("max", max.into())]);
    cx.reply(text, shown.into_iter().map(|b| vec![b]).collect())
        .await
}

/// Words the newest buttons do not name: an older message's button they name, else a hint.
async fn hint_or_older_press(cx: &mut Ctx<'_>, typed: &str) -> Flow {
    match older_press(cx, typed).await? {
        Some(token) => run_button(cx, "", &token).await,
        None if reports::typed_reason(cx, typed).await? => Ok(()),
        None => hint(cx, typed).await,
    }
}

/// Words that name a button under one of the member's last few messages of the day, not only
/// the newest ("同意" after a rating prompt came in): its token, unless it opens a flow.
async fn older_press(cx: &mut Ctx<'_>, typed: &str) -> Flow<Option<String>> {
    let chat = cx.actor.as_ref().map_or(cx.me.id, |a| a.id);
    let shown =
        crate::store::outbox::recent_buttons(&mut cx.tx, chat, cx.now - 86_400, cx.now, 5).await?;
    for b in shown.iter().filter(|b| says_label(typed, &b.label)) {
        let token = b.cb.clone().unwrap_or_default();
        let target = db::callback(&mut cx.tx, &token).await?;
        if target.is_some_and(|t| t.action != Action::Dialog) {
            return Ok(Some(token));
        }
    }
    Ok(None)
}

/// Words asking for a social worker in person ("我要找社工", "find a social worker").
fn asks_for_worker(typed: &str) -> bool {
    let t = typed.to_lowercase();
    (t.contains("社工") && !t.contains("社工站的")) || t.contains("social worker")
}

/// "我想要老花镜" and the like: a search; but help asked for ("我需要有人陪我去医院") goes to the
/// request flow, and a roll-call's "我家有轮椅" is its answer.
async fn find_or_help(cx: &mut Ctx<'_>, typed: &str, q: String) -> Flow {
    if emergency::typed_has(cx, typed).await? {
        return Ok(());
    }
    // "我要找社工": a social worker, not a thing to search for.
    if asks_for_worker(typed) {
        return tickets::ask_worker(cx, "").await;
    }
    // One reading of the words serves both.
    let read = listings::read_words(cx, typed, true);
    if let Some(p) = read.as_ref().filter(|p| listings::is_help(p)) {
        if let Some(o) = listings::wizard_for(cx, p).await? {
            return conclude(cx, o).await;
        }
    }
    // "求借电钻 周末用": the thing the parser reads, not the words around it.
    let q = listings::thing_asked_for(read.as_ref(), q);
    finding::search(cx, &q).await
}

/// A command; in the middle of a private flow, the flow's question is asked again after it
/// (see [`dialog::ask_again`]).
async fn command_in_flow(
    cx: &mut Ctx<'_>,
    inc: &Incoming,
    command: Command,
    args: &str,
    in_flow: bool,
) -> Flow {
    run_command(cx, inc, command, args).await?;
    if in_flow && cx.community.is_none() {
        dialog::ask_again(cx).await?;
    }
    Ok(())
}

/// Private words that are no command: "请社工联系我", a roll-call's "我家有轮椅", an event or a
/// thing asked about, a menu key's words, or a hint.
async fn hint(cx: &mut Ctx<'_>, typed: &str) -> Flow {
    if says_message(cx, typed, "help-worker") {
        // "请社工联系我" typed, as the help menu's button says it.
        return tickets::ask_worker(cx, "").await;
    }
    if emergency::typed_has(cx, typed).await? {
        return Ok(());
    }
    if events::ask_about(cx, typed).await? || finding::bare_thing(cx, typed).await? {
        return Ok(());
    }
    if is_word(typed, THANKS_WORDS) {
        let text = cx.t(cx.my_locale(), "private-thanks", &[]);
        return cx.reply(text, Vec::new()).await;
    }
    if is_word(typed, GREETING_WORDS) {
        let text = cx.t(
            cx.my_locale(),
            "private-greeting",
            &[("name", cx.me.name.clone().into())],
        );
        return cx.reply(text, Vec::new()).await;
    }
    if let Some(n) = menu_label(cx, typed) {
        // The words on a menu key ("交接有问题", "我想要 / 求助") typed without its number.
        return choose_menu(cx, n).await;
    }
    // "阿拉想寻人陪我去医院", "出闲置：儿童自行车": the wizard, with what was read filled in.
    match listings::wizard_from_words(cx, typed, false).await? {
        Some(o) => conclude(cx, o).await,
        None => account::hint(cx).await,
    }
}

/// True when the member typed the message `key` (a button's label) in any language.
fn says_message(cx: &Ctx<'_>, text: &str, key: &str) -> bool {
    let typed = norm(text);
    !typed.is_empty()
        && crate::i18n::Locale::ALL
            .into_iter()
            .any(|loc| norm(&cx.t(loc, key, &[])) == typed)
}

/// The main-menu entry whose label (in either language, with or without its number) the
/// member typed.
fn menu_label(cx: &Ctx<'_>, text: &str) -> Option<usize> {
    let typed = norm(text);
    if typed.is_empty() {
        return None;
    }
    // "我想要 / 求助": the whole label, or either half.
    let fits =
        |label: String| norm(&label) == typed || label.split('/').any(|part| norm(part) == typed);
    cx.engine
        .dialogs
        .menu
        .items
        .iter()
        .position(|item| {
            crate::i18n::Locale::ALL
                .into_iter()
                .any(|loc| fits(cx.t(loc, &item.label, &[])))
        })
        .map(|i| i + 1)
}

/// Runs a command of the table.
async fn run_command(cx: &mut Ctx<'_>, inc: &Incoming, command: Command, args: &str) -> Flow {
    cx.refuse_privately = command.spec().refuse_privately;
    let in_group = cx.community.is_some();
    match command {
        Command::Start | Command::Help if in_group => account::group_help(cx).await,
        Command::Start => match events::checkin_payload(args) {
            // A check-in QR code scanned with the phone's camera opens the bot with it.
            Some(code) => events::checkin_command(cx, code).await,
            // The "fill in" link under a questionnaire's notice.
            None => match surveys::payload(args) {
                Some(id) => surveys::begin(cx, id).await,
                None => account::start(cx).await,
            },
        },
        Command::Help => super::shared::menu::help(cx).await,
        Command::Offer | Command::Want => {
            let kind = if command == Command::Offer {
                ListingKind::Offer
            } else {
                ListingKind::Request
            };
            // `/offer` replied to one's own message in a group: that message is the listing.
            let quoted = match &inc.content {
                Content::Reply { to, .. }
                    if args.trim().is_empty() && to.author_id == Some(cx.me.id) =>
                {
                    to.text.clone()
                }
                _ => None,
            };
            if let Some(q) = quoted.as_deref() {
                // Already a card: nothing more to make of it.
                if listings::already_listed(cx, q).await? {
                    return Ok(());
                }
            }
            listings::offer_command(cx, kind, quoted.as_deref().unwrap_or(args)).await
        }
        Command::Points => account::show_points(cx, 5).await,
        Command::History => account::show_points(cx, 20).await,
        Command::Reminders => reminders::list_reminders(cx).await,
        Command::Statement => reminders::set_statement(cx, args).await,
        Command::Withdraw => listings::withdraw_command(cx, args).await,
        Command::Lang => account::set_lang(cx, None, args).await,
        Command::Menu => show_menu(cx, None).await,
        Command::Mine => account::show_mine(cx).await,
        Command::Simple => account::simple_command(cx, args).await,
        Command::Helper => helpers::helper_command(cx, args).await,
        Command::ActFor => helpers::actfor_command(cx, args).await,
        Command::As => helpers::as_command(cx, args).await,
        Command::Dispute => {
            let photos = match &inc.content {
                Content::Photo { file_id, .. } => vec![file_id.clone()],
                _ => Vec::new(),
            };
            disputes::dispute_command(cx, args, &photos).await
        }
        Command::Report => reports::report_command(cx, args).await,
        Command::Compensate => disputes::compensate_command(cx, args).await,
        Command::Verify => moderation::verify_command(cx, args).await,
        Command::AddWorker => moderation::set_worker(cx, args, true).await,
        Command::RemoveWorker => moderation::set_worker(cx, args, false).await,
        Command::Setup => tickets::setup(cx, args).await,
        Command::Grant | Command::Adjust | Command::Subsidy => {
            worker::to_member(cx, command, args).await
        }
        Command::Donation => worker::donation(cx, args).await,
        Command::Reverse => worker::reverse(cx, args).await,
        Command::SetPoints => worker::set_points(cx, args).await,
        Command::Pool => worker::pool(cx).await,
        Command::Event => match (&inc.content, nth_number(args, 0)) {
            (Content::Photo { file_id, .. }, Some(id)) => events::add_photo(cx, id, file_id).await,
            _ => events::event_command(cx, args).await,
        },
        Command::Join => events::join_command(cx, args).await,
        Command::Leave => events::leave_command(cx, args).await,
        Command::Checkin => events::checkin_command(cx, args).await,
        Command::Swap => events::swap_command(cx, args).await,
        Command::Alert => finding::alert_command(cx, args).await,
        Command::Priority => worker::priority(cx, args).await,
        Command::Recommend => suggest::command(cx, args).await,
        Command::Stats => desk::stats(cx, workers_chat_of(cx, inc), args).await,
        Command::Feedback => tickets::feedback(cx, args).await,
        Command::Needs => desk::needs(cx, workers_chat_of(cx, inc), args).await,
        Command::Emergency => emergency::command(cx, workers_chat_of(cx, inc), args).await,
        Command::Poll => surveys::poll(cx, workers_chat_of(cx, inc), args).await,
        Command::Survey => surveys::command(cx, workers_chat_of(cx, inc), args).await,
        Command::Export => desk::export(cx, workers_chat_of(cx, inc), args).await,
        Command::Audit => desk::audit(cx, workers_chat_of(cx, inc), args).await,
        Command::Forget => suggest::forget(cx, "").await,
        // Only their flows (a bare `/lend`, `/rate` starts it before routing gets here).
        Command::Lend | Command::Rate | Command::NewEvent => {
            let flow = f_name(command);
            let o = dialog::start(cx, flow).await?;
            conclude(cx, o).await
        }
    }
}

/// The flow of a command that is only a flow.
fn f_name(c: Command) -> &'static str {
    match c {
        Command::Lend => "lend",
        Command::NewEvent => "event",
        _ => "rate",
    }
}

/// Words that answer an emergency, typed privately: recorded when one is open, else what
/// they always mean (an answer in a flow, help, a hint).
async fn typed_emergency(
    cx: &mut Ctx<'_>,
    inc: &Incoming,
    a: &'static str,
    state: Option<State>,
) -> Flow {
    let typed = inc.content.text().unwrap_or_default();
    if emergency::typed(cx, a, typed).await? {
        return Ok(());
    }
    let fallback = match (&state, a) {
        // In the group with no emergency open, the words are the group's chatter.
        _ if matches!(inc.chat, ChatRef::Group { .. }) => Route::GroupText(typed.to_string()),
        (Some(_), _) => Route::Answer,
        (None, "need") => Route::StartFlow("help".into()),
        _ => Route::Hint,
    };
    Box::pin(run(cx, inc, fallback, state)).await
}

/// A private-only command written in a group: said privately; a worker's command from a
/// resident is said to be the workers'.
async fn private_only(cx: &mut Ctx<'_>, name: &str) -> Flow {
    cx.refuse_privately = true;
    // A worker's command from a resident: say it is for workers, not "use it privately".
    let staff_only = Command::parse(name).is_some_and(|c| c.spec().who == Who::Staff);
    if staff_only && !cx.is_staff_anywhere().await? {
        return Err(cx.not_worker_refusal().await?.into());
    }
    Err(Refusal::new("err-private-only")
        .arg("command", format!("/{name}"))
        .into())
}

/// The workers' chat an update came from, if it did.
fn workers_chat_of(cx: &Ctx<'_>, inc: &Incoming) -> Option<i64> {
    match inc.chat {
        ChatRef::Group { chat_id, .. } if cx.engine.is_workers_chat(chat_id) => Some(chat_id),
        _ => None,
    }
}

/// A button was pressed: look up what it means, check who pressed it, and run its use case.
pub async fn run_button(cx: &mut Ctx<'_>, query_id: &str, token: &str) -> Flow {
    let Some(target) = db::callback(&mut cx.tx, token).await? else {
        return Err(Refusal::new("err-button-expired").into());
    };
    if target.for_member.is_some_and(|m| m != cx.me.id) {
        return Err(Refusal::new("err-not-for-you").into());
    }
    let listing = target.listing_id.unwrap_or_default();
    // A claim's id; for a loan, a dispute or a report, theirs.
    let id = target.claim_id.unwrap_or_default();
    let arg = target.arg.as_deref();
    match target.action {
        Action::Claim => listings::claim_listing(cx, query_id, listing).await,
        Action::Accept => listings::decide_claim(cx, query_id, id, true).await,
        Action::Decline => listings::decide_claim(cx, query_id, id, false).await,
        Action::Confirm => listings::confirm_receipt(cx, id).await,
        Action::Handed => handover::handed_over(cx, query_id, id).await,
        // The emergency tally shows who took a call for help, and when it is done.
        Action::TicketTake => {
            tickets::take(cx, query_id, id).await?;
            emergency::ticket_moved(cx, id).await
        }
        Action::TicketDone => {
            tickets::done(cx, query_id, id).await?;
            emergency::ticket_moved(cx, id).await
        }
        Action::Setup => tickets::setup_button(cx, query_id, id).await,
        Action::EventJoin | Action::EventWait => {
            let group = cx.community.as_ref().map(|c| c.chat_id);
            let people = arg.and_then(|a| a.parse().ok()).unwrap_or(1);
            let fit = if target.action == Action::EventWait {
                events::Fit::Wait
            } else {
                events::Fit::Ask
            };
            events::join(cx, Some(query_id), id, people, group, fit).await
        }
        Action::EventLeave => {
            let group = cx.community.as_ref().map(|c| c.chat_id);
            events::ask_leave(cx, Some(query_id), id, group).await
        }
        Action::EventLeaveOk => events::leave(cx, Some(query_id), id, None).await,
        Action::EventComing => events::coming(cx, query_id, id).await,
        Action::EventShow => events::show(cx, id).await,
        Action::FindPick => finding::pick(cx, query_id, listing, arg).await,
        Action::FindMore => finding::more(cx, query_id, arg).await,
        Action::WishAdd => finding::wish(cx, query_id, arg.unwrap_or_default()).await,
        Action::WishOff => finding::wish_off(cx, query_id, arg).await,
        Action::PriorityWait => finding::priority_wait(cx, query_id, listing).await,
        Action::RecommendSet => suggest::switch(cx, query_id, arg == Some("on")).await,
        Action::Forget => suggest::forget(cx, query_id).await,
        Action::EmergencyAnswer => emergency::answer(cx, query_id, id, arg).await,
        Action::EmergencyHas => emergency::has(cx, query_id, id, arg).await,
        Action::SurveyStart => surveys::start_button(cx, query_id, id).await,
        Action::SurveyChoice => surveys::choice_button(cx, query_id, id, arg).await,
        Action::SurveyPublish => surveys::publish(cx, query_id, arg).await,
        Action::SurveyDiscard => surveys::discard(cx, query_id, arg).await,
        Action::FindAsk => {
            let o = finding::ask_for(cx, query_id, arg).await?;
            conclude(cx, o).await
        }
        Action::EventBring => {
            let o = events::bring(cx, query_id, id).await?;
            conclude(cx, o).await
        }
        Action::EventCheckin => events::checkin_button(cx, query_id, id).await,
        Action::EventStars => {
            let o = events::stars(cx, query_id, id, arg).await?;
            conclude(cx, o).await
        }
        Action::Renew => listings::renew_listing(cx, listing).await,
        Action::Withdraw => listings::withdraw(cx, listing).await,
        Action::SetLang => account::set_lang(cx, Some(query_id), arg.unwrap_or_default()).await,
        Action::Returned => loans::confirm_return(cx, id).await,
        Action::Extend => loans::ask_extension(cx, id).await,
        Action::ExtendOk => loans::answer_extension(cx, id, true).await,
        Action::ExtendNo => loans::answer_extension(cx, id, false).await,
        Action::Snooze => reminders::snooze_or_stop(cx, query_id, arg, false).await,
        Action::Stop => reminders::snooze_or_stop(cx, query_id, arg, true).await,
        Action::Rate => {
            let o = ratings::rate(cx, query_id, id, arg).await?;
            conclude(cx, o).await
        }
        Action::Dialog => {
            let o = dialog::on_button(cx, query_id, arg).await?;
            conclude(cx, o).await
        }
        Action::Menu => choose_menu(cx, arg.and_then(|a| a.parse().ok()).unwrap_or(0)).await,
        Action::DisputePay
        | Action::DisputeRefund
        | Action::DisputeDismiss
        | Action::DisputeAsk => {
            disputes::on_case_button(cx, query_id, target.action, id, arg).await
        }
        Action::Report => reports::ask_reason(cx, query_id, listing).await,
        Action::ReportWhy => reports::report_why(cx, query_id, listing, arg).await,
        Action::ReportHide | Action::ReportDismiss | Action::ReportWarn => {
            reports::decide(cx, query_id, target.action, id).await
        }
        Action::Approve => moderation::decide_listing(cx, query_id, listing, true).await,
        Action::Reject => moderation::decide_listing(cx, query_id, listing, false).await,
        Action::Verify => moderation::verify_button(cx, query_id, listing).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::kernel::Person;

    fn incoming(chat: ChatRef, content: Content) -> Incoming {
        Incoming {
            message_id: None,
            key: "k".into(),
            chat,
            from: Person {
                id: 1,
                name: "a".into(),
                lang_code: None,
            },
            content,
            at: chrono::Utc::now(),
        }
    }

    fn group() -> ChatRef {
        ChatRef::Group {
            chat_id: -5,
            title: "g".into(),
        }
    }

    fn cmd(command: Command, args: &str) -> Route {
        Route::Command {
            command,
            args: args.into(),
        }
    }

    /// The facts a case is routed with: plain, in a flow, in the workers' chat, acting.
    #[derive(Clone, Copy)]
    enum F {
        Base,
        Flow,
        Workers,
        Acting,
        /// Accept and Decline are shown.
        Buttons,
    }

    fn text(t: &str) -> Content {
        Content::Text(t.into())
    }

    #[rustfmt::skip]
    fn group_cases() -> Vec<(Content, F, Route)> {
        vec![
            (text("出闲置：台灯，20积分"), F::Base, Route::GroupText("出闲置：台灯，20积分".into())),
            (text("/offer 台灯"), F::Base, cmd(Command::Offer, "台灯")),
            (text("/送 台灯"), F::Base, cmd(Command::Offer, "台灯")),
            (text("/offer@other_bot 台灯"), F::Base, Route::Ignore),
            (text("/offer@Linli_Bot 台灯"), F::Base, cmd(Command::Offer, "台灯")),
            (text("/dispute 5 broken"), F::Base, cmd(Command::Dispute, "5 broken")),
            (text("/reminders"), F::Base, Route::PrivateOnly("reminders".into())),
            (text("/priority 王奶奶 on 低保"), F::Base, Route::PrivateOnly("priority".into())),
            (text("/nonsense"), F::Base, Route::UnknownCommand("nonsense".into())),
            (text("积分"), F::Base, cmd(Command::Points, "")),
            (text("帮助"), F::Base, Route::GroupText("帮助".into())),
            (Content::Joined(Vec::new()), F::Base, Route::Welcome),
            (Content::Reply { text: "能借我吗".into(), to: Default::default() }, F::Base, Route::Reply),
            (Content::Reply { text: "/offer 台灯".into(), to: Default::default() }, F::Base,
                cmd(Command::Offer, "台灯")),
            (Content::Other, F::Base, Route::Ignore),
            (text("hello all"), F::Workers, Route::Ignore),
            (text("/pool"), F::Workers, cmd(Command::Pool, "")),
            (text("/reminders"), F::Workers, cmd(Command::Reminders, "")),
            (Content::Button { query_id: "q".into(), data: "t".into() }, F::Base,
                Route::Button { query_id: "q".into(), token: "t".into() }),
            (Content::Migrated { from: -5, to: -100 }, F::Base, Route::Migrate { from: -5, to: -100 }),
        ]
    }

    #[rustfmt::skip]
    fn private_cases() -> Vec<(Content, F, Route)> {
        vec![
            (text("/dispute"), F::Base, Route::StartFlow("dispute".into())),
            (text("/dispute 5 broken"), F::Base, cmd(Command::Dispute, "5 broken")),
            (text("/dispute 5 broken"), F::Flow, cmd(Command::Dispute, "5 broken")),
            (text("/offer"), F::Flow, Route::StartFlow("offer".into())),
            (text("/points"), F::Flow, cmd(Command::Points, "")),
            (text("积分"), F::Flow, cmd(Command::Points, "")),
            (text("帮助"), F::Flow, cmd(Command::Help, "")),
            (text("50"), F::Flow, Route::Answer),
            (text("积分"), F::Base, cmd(Command::Points, "")),
            (text("取消"), F::Flow, Route::Cancel),
            (text("/cancel"), F::Base, Route::Cancel),
            (text("/cancel 3"), F::Base, cmd(Command::Withdraw, "3")),
            (text("菜单"), F::Flow, Route::Menu),
            (text("3"), F::Base, Route::MenuChoice(3)),
            (text("3"), F::Flow, Route::Answer),
            (text("1"), F::Buttons, Route::Press("tok-yes".into())),
            (text("2"), F::Buttons, Route::Press("tok-no".into())),
            (
                text("3"),
                F::Buttons,
                Route::NumberOutOfRange(vec![
                    Button::callback("✅ 同意", "tok-yes".into()),
                    Button::callback("❌ 婉拒", "tok-no".into()),
                ]),
            ),
            (text("心愿 轮椅"), F::Base, cmd(Command::Alert, "轮椅")),
            (text("统计 上月"), F::Base, cmd(Command::Stats, "上月")),
            (text("export last month"), F::Base, cmd(Command::Export, "last month")),
            (text("救命"), F::Base, Route::Emergency("need")),
            (text("我安全"), F::Flow, Route::Emergency("safe")),
            (text("推荐 开"), F::Base, cmd(Command::Recommend, "on")),
            (text("关闭推荐"), F::Base, cmd(Command::Recommend, "off")),
            (text("推荐关"), F::Base, cmd(Command::Recommend, "off")),
            (text("recommendations off"), F::Base, cmd(Command::Recommend, "off")),
            (text("帮助 开"), F::Base, Route::Hint),
            (text("同意"), F::Buttons, Route::Press("tok-yes".into())),
            (text("婉拒了"), F::Buttons, Route::Press("tok-no".into())),
            (text("好"), F::Buttons, Route::Press("tok-yes".into())),
            (text("不行"), F::Buttons, Route::Press("tok-no".into())),
            (text("还回来了"), F::Base, Route::Returned),
            (text("我还了"), F::Base, Route::Returned),
            (text("能多借两天吗"), F::Base, Route::MoreDays(2)),
            (text("再借一个礼拜"), F::Base, Route::MoreDays(7)),
            (text("can I keep it 3 more days?"), F::Base, Route::MoreDays(3)),
            (text("多借一百天"), F::Base, Route::Hint),
            (text("给了"), F::Base, Route::Handed),
            (text("我想借出去一个轮椅"), F::Base, Route::StartFlow("lend".into())),
            (text("我要借出东西"), F::Base, Route::StartFlow("lend".into())),
            (text("交给她了"), F::Base, Route::Handed),
            (text("好吧 谢谢"), F::Buttons, Route::Hint),
            (text("积分"), F::Buttons, cmd(Command::Points, "")),
            (text("我要送东西"), F::Base, Route::StartFlow("offer".into())),
            (text("简单模式"), F::Base, Route::SimpleMode(true)),
            (text("我的"), F::Base, cmd(Command::Mine, "")),
            (text("代办"), F::Base, cmd(Command::Helper, "")),
            (text("提醒"), F::Base, cmd(Command::Reminders, "")),
            (text("今天天气不错"), F::Base, Route::Hint),
            (Content::Other, F::Base, Route::SomethingElse),
            (Content::Other, F::Flow, Route::Answer),
            (Content::Photo { caption: None, file_id: "f".into() }, F::Flow, Route::Answer),
            (Content::Photo { caption: None, file_id: "f".into() }, F::Base, Route::PhotoOffer),
            (Content::Photo { caption: Some("台灯".into()), file_id: "f".into() }, F::Base,
                Route::PhotoOffer),
            (Content::Photo { caption: Some("/dispute 1 坏了".into()), file_id: "f".into() },
                F::Base, cmd(Command::Dispute, "1 坏了")),
            (text("/grant 小王 5 x"), F::Acting, Route::NotWhileActing),
            (text("/simple 王奶奶 on"), F::Acting, Route::NotWhileActing),
            (text("/simple on"), F::Acting, cmd(Command::Simple, "on")),
            (text("/nonsense"), F::Base, Route::UnknownCommand("nonsense".into())),
            (Content::Forwarded { text: None, author_id: None, origin_chat: None }, F::Base,
                Route::ReportForwarded),
        ]
    }

    #[test]
    fn routes_as_the_table_says() {
        let dialogs = Dialogs::builtin();
        let base = Facts {
            dialogs: &dialogs,
            bot_username: Some("linli_bot"),
            workers_chat: false,
            in_flow: false,
            acting: false,
            buttons: &[],
        };
        let shown = [
            Button::callback("✅ 同意", "tok-yes".into()),
            Button::callback("❌ 婉拒", "tok-no".into()),
        ];
        let facts = |f: F| match f {
            F::Base => base,
            F::Flow => Facts {
                in_flow: true,
                ..base
            },
            F::Workers => Facts {
                workers_chat: true,
                ..base
            },
            F::Acting => Facts {
                acting: true,
                ..base
            },
            F::Buttons => Facts {
                buttons: &shown,
                ..base
            },
        };
        let all = group_cases()
            .into_iter()
            .map(|c| (group(), c))
            .chain(private_cases().into_iter().map(|c| (ChatRef::Private, c)));
        for (chat, (content, f, want)) in all {
            let inc = incoming(chat, content);
            assert_eq!(route(&inc, &facts(f)), want, "{inc:?}");
        }
    }

    #[test]
    fn a_helper_keeps_their_own_commands() {
        assert!(is_own_command(&Content::Text("/as 王奶奶".into())));
        assert!(is_own_command(&Content::Text("代办".into())));
        assert!(!is_own_command(&Content::Text("/points".into())));
    }
}
