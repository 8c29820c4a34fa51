//! The command table: every slash command the bot knows, once — its names (aliases), the plain
//! words that mean it, where it works, and who may use it. The router reads commands only
//! through [`Command::parse`] and [`Command::by_word`]; `/help` texts and `dialogs/*.toml` are
//! checked against [`TABLE`] by tests.

/// A command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Start,
    Help,
    Offer,
    Want,
    Lend,
    Points,
    History,
    Reminders,
    Statement,
    Withdraw,
    Lang,
    Menu,
    Mine,
    Simple,
    Rate,
    Report,
    Dispute,
    Helper,
    ActFor,
    As,
    Compensate,
    Verify,
    AddWorker,
    RemoveWorker,
    Setup,
    Grant,
    Adjust,
    Reverse,
    Subsidy,
    Donation,
    SetPoints,
    Pool,
    Event,
    NewEvent,
    Join,
    Leave,
    Checkin,
    Swap,
    Alert,
    Priority,
    Recommend,
    Forget,
    Stats,
    Export,
    Audit,
    Feedback,
    Emergency,
    Needs,
    Poll,
    Survey,
}

/// Where a command works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Places {
    /// In a community's group and in private (and the workers' chat).
    Both,
    /// In private and the workers' chat only.
    Private,
}

/// Who may use a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Every resident (and a helper acting for one).
    Anyone,
    /// A helper about themselves: never done as the resident they act for.
    OwnSelf,
    /// A social worker's or admin's power: the use case checks the community; a helper
    /// acting for a resident never has it.
    Staff,
}

/// One row of the table.
#[derive(Debug)]
pub struct Spec {
    pub command: Command,
    /// The first is the name shown in help; the others are aliases.
    pub names: &'static [&'static str],
    /// Plain words (no slash) that mean the command in private; those marked in `group_words`
    /// mean it in a group too.
    pub words: &'static [&'static str],
    pub group_words: bool,
    pub places: Places,
    pub who: Who,
    /// Refusals are said privately even when written in a group (disputes, reports, workers'
    /// decisions and ledger operations: nothing about points is said in a group).
    pub refuse_privately: bool,
}

const fn spec(command: Command, names: &'static [&'static str], places: Places, who: Who) -> Spec {
    Spec {
        command,
        names,
        words: &[],
        group_words: false,
        places,
        who,
        refuse_privately: false,
    }
}

const fn private_refusal(mut s: Spec) -> Spec {
    s.refuse_privately = true;
    s
}

const fn with_words(mut s: Spec, words: &'static [&'static str], group: bool) -> Spec {
    s.words = words;
    s.group_words = group;
    s
}

use Command as C;
use Places::{Both, Private};
use Who::{Anyone, OwnSelf, Staff};

/// Every command, in the order `/help` lists them.
pub const TABLE: &[Spec] = &[
    spec(C::Start, &["start"], Both, Anyone),
    with_words(
        spec(C::Help, &["help"], Both, Anyone),
        &["帮助", "help"],
        false,
    ),
    spec(C::Offer, &["offer", "give", "送"], Both, Anyone),
    spec(C::Want, &["want", "request", "求"], Both, Anyone),
    spec(C::Lend, &["lend"], Private, Anyone),
    with_words(
        spec(C::Points, &["points", "balance", "jifen"], Both, Anyone),
        &[
            "积分",
            "我的积分",
            "查积分",
            "余额",
            // Taiwan says 點數; 积份 is a common slip.
            "点数",
            "我的点数",
            "积份",
            "points",
            "my points",
            "balance",
        ],
        true,
    ),
    with_words(
        spec(C::History, &["history"], Both, Anyone),
        &["明细", "积分明细", "history"],
        true,
    ),
    with_words(
        spec(C::Reminders, &["reminders"], Private, Anyone),
        &["提醒", "我的提醒", "reminders"],
        false,
    ),
    spec(C::Statement, &["statement"], Private, Anyone),
    // "撤回 3" in private, as `/withdraw 3` (a bare 取消 leaves a flow instead).
    with_words(
        spec(C::Withdraw, &["withdraw", "cancel"], Both, Anyone),
        &["撤回", "取消", "取消预约", "withdraw", "cancel"],
        false,
    ),
    spec(C::Lang, &["lang", "language"], Private, Anyone),
    spec(C::Menu, &["menu"], Private, Anyone),
    spec(C::Mine, &["mine"], Both, Anyone),
    spec(C::Simple, &["simple"], Private, Anyone),
    spec(C::Rate, &["rate"], Both, Anyone),
    private_refusal(spec(C::Report, &["report"], Both, Anyone)),
    private_refusal(spec(C::Dispute, &["dispute"], Both, Anyone)),
    with_words(
        spec(C::Helper, &["helper"], Private, OwnSelf),
        &["代办", "请人代办", "helper"],
        false,
    ),
    spec(C::ActFor, &["actfor"], Private, OwnSelf),
    spec(C::As, &["as"], Private, OwnSelf),
    private_refusal(spec(C::Compensate, &["compensate"], Both, Staff)),
    private_refusal(spec(C::Verify, &["verify"], Both, Staff)),
    spec(C::AddWorker, &["addworker"], Both, Staff),
    spec(C::RemoveWorker, &["removeworker"], Both, Staff),
    private_refusal(spec(C::Setup, &["setup"], Both, OwnSelf)),
    private_refusal(spec(C::Grant, &["grant"], Both, Staff)),
    private_refusal(spec(C::Adjust, &["adjust"], Both, Staff)),
    private_refusal(spec(C::Reverse, &["reverse"], Both, Staff)),
    private_refusal(spec(C::Subsidy, &["subsidy"], Both, Staff)),
    private_refusal(spec(C::Donation, &["donation"], Both, Staff)),
    private_refusal(spec(C::SetPoints, &["setpoints"], Both, Staff)),
    private_refusal(spec(C::Pool, &["pool"], Both, Staff)),
    with_words(
        spec(C::Event, &["event", "events", "huodong"], Both, Anyone),
        &[
            "活动",
            "近期活动",
            "有什么活动",
            "交换会",
            "events",
            "event",
        ],
        false,
    ),
    spec(C::NewEvent, &["newevent"], Private, Staff),
    with_words(
        spec(C::Join, &["join", "rsvp"], Private, Anyone),
        &[
            "报名",
            "我要报名",
            "活动报名",
            "我要参加",
            "我要参加活动",
            "参加活动",
            "我也报名",
            "rsvp",
            "sign up",
        ],
        false,
    ),
    with_words(
        spec(C::Leave, &["leave", "unjoin"], Private, Anyone),
        &[
            "取消报名",
            "不去了",
            "cancel signup",
            "cancel my signup",
            "cancel my place",
            "cancel my spot",
            "cancel rsvp",
            "cancel my rsvp",
        ],
        false,
    ),
    spec(C::Checkin, &["checkin", "qiandao"], Private, Anyone),
    spec(C::Swap, &["swap"], Private, Anyone),
    private_refusal(spec(C::Priority, &["priority", "youxian"], Private, Staff)),
    with_words(
        spec(C::Alert, &["alert", "alerts", "wish"], Private, Anyone),
        &["我的心愿", "心愿", "my alerts", "my wishes"],
        false,
    ),
    spec(C::Feedback, &["feedback", "fankui"], Private, Anyone),
    private_refusal(spec(C::Emergency, &["emergency", "yingji"], Private, Staff)),
    private_refusal(with_words(
        spec(C::Needs, &["needs", "xuqiu"], Private, Staff),
        &["热门需求", "需求热点", "需求统计"],
        false,
    )),
    private_refusal(with_words(
        spec(C::Poll, &["poll", "toupiao"], Private, Staff),
        &["发起投票", "new poll"],
        false,
    )),
    with_words(
        spec(C::Survey, &["survey", "wenjuan"], Private, Anyone),
        &[
            "问卷",
            "调查问卷",
            "填问卷",
            "填写问卷",
            "问卷调查",
            "survey",
            "questionnaire",
            "surveys",
        ],
        false,
    ),
    private_refusal(with_words(
        spec(C::Stats, &["stats", "tongji"], Private, Staff),
        &["统计", "数据统计", "stats", "statistics"],
        false,
    )),
    private_refusal(with_words(
        spec(C::Export, &["export", "daochu"], Private, Staff),
        &["导出", "导出数据", "export"],
        false,
    )),
    private_refusal(with_words(
        spec(C::Audit, &["audit"], Private, Staff),
        &["操作记录", "审计", "audit"],
        false,
    )),
    with_words(
        spec(
            C::Recommend,
            &["recommend", "suggest", "tuijian"],
            Private,
            OwnSelf,
        ),
        &[
            "推荐",
            "个性推荐",
            "推荐设置",
            "recommendations",
            "suggestions",
        ],
        false,
    ),
    with_words(
        spec(C::Forget, &["forget"], Private, OwnSelf),
        &[
            "删除记录",
            "删除我的记录",
            "忘记我的记录",
            "forget me",
            "delete my history",
        ],
        false,
    ),
];

impl Command {
    /// The command a name (without the slash) or alias stands for.
    pub fn parse(name: &str) -> Option<Command> {
        let name = name.to_lowercase();
        TABLE
            .iter()
            .find(|s| s.names.contains(&name.as_str()))
            .map(|s| s.command)
    }

    /// The command a plain word stands for (`积分`, `points?`), in a group or in private.
    pub fn by_word(text: &str, in_group: bool) -> Option<Command> {
        // Traditional characters read as Simplified: "積分" is "积分".
        let t = fast2s::convert(
            text.trim()
                .trim_end_matches(['?', '？', '!', '！', '。', '.']),
        )
        .to_lowercase();
        TABLE
            .iter()
            .find(|s| (s.group_words || !in_group) && s.words.contains(&t.as_str()))
            .map(|s| s.command)
    }

    pub fn spec(self) -> &'static Spec {
        TABLE
            .iter()
            .find(|s| s.command == self)
            .expect("every command is in the table")
    }

    /// The name shown in help (`offer` for `/offer`).
    pub fn name(self) -> &'static str {
        self.spec().names[0]
    }
}

/// A command as written: `/name@bot args`.
#[derive(Debug, PartialEq)]
pub struct Written<'a> {
    pub name: String,
    pub bot: Option<&'a str>,
    pub args: &'a str,
}

impl Written<'_> {
    /// True unless the command names another bot (`/offer@other_bot`).
    pub fn is_for(&self, me: Option<&str>) -> bool {
        match (self.bot, me) {
            (Some(b), Some(me)) => b.eq_ignore_ascii_case(me),
            _ => true,
        }
    }
}

/// Splits `/offer@linli_bot kettle` into its parts; `None` if the text is not a command.
pub fn split(text: &str) -> Option<Written<'_>> {
    let t = text.trim_start();
    let body = t.strip_prefix('/')?;
    let end = body.find(char::is_whitespace).unwrap_or(body.len());
    let (head, args) = body.split_at(end);
    if head.is_empty() {
        return None;
    }
    let (name, bot) = match head.split_once('@') {
        Some((n, b)) => (n, Some(b)),
        None => (head, None),
    };
    Some(Written {
        name: name.to_lowercase(),
        bot,
        args: args.trim(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_split_with_and_without_bot_name() {
        let c = split("/offer@linli_bot 儿童自行车 30积分").unwrap();
        assert_eq!(
            (c.name.as_str(), c.bot, c.args),
            ("offer", Some("linli_bot"), "儿童自行车 30积分")
        );
        assert!(c.is_for(Some("Linli_Bot")) && !c.is_for(Some("other_bot")));
        let c = split("/Points").unwrap();
        assert_eq!((c.name.as_str(), c.bot, c.args), ("points", None, ""));
        assert!(split("出闲置 /offer").is_none());
        assert!(split("/ hello").is_none());
    }

    #[test]
    fn plain_words_in_both_languages() {
        assert_eq!(Command::by_word("积分", false), Some(Command::Points));
        assert_eq!(Command::by_word("積分", false), Some(Command::Points));
        assert_eq!(Command::by_word("點數", false), Some(Command::Points));
        assert_eq!(Command::by_word(" Points? ", true), Some(Command::Points));
        assert_eq!(Command::by_word("帮助", false), Some(Command::Help));
        assert_eq!(Command::by_word("帮助", true), None);
        assert_eq!(Command::by_word("积分怎么算", false), None);
    }

    #[test]
    fn every_name_and_word_means_one_command() {
        let mut names = std::collections::HashSet::new();
        let mut words = std::collections::HashSet::new();
        for s in TABLE {
            assert!(!s.names.is_empty());
            for n in s.names {
                assert!(names.insert(*n), "/{n} twice in the table");
                assert_eq!(Command::parse(n), Some(s.command));
            }
            for w in s.words {
                assert!(words.insert(*w), "{w} twice in the table");
            }
        }
    }
}
