//! Typed configuration: built-in defaults, then `bot.toml`, then `LINLI_*` environment variables.
//!
//! Every key has a default, so a missing file section is fine; a key that is present with the
//! wrong type, an unknown key, or an unknown `LINLI_*` variable stops start-up with one line
//! naming the key and what was expected. The bot token is read only from `TELOXIDE_TOKEN`.

use std::path::Path;

use secrecy::SecretString;
use serde::Deserialize;

/// Environment variables with the `LINLI_` prefix that are not settings.
const NON_SETTING_VARS: &[&str] = &["LINLI_CONFIG", "LINLI_LOG", "LINLI_WEBHOOK_SECRET"];

/// A configuration error, already phrased as the one line shown to the operator.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[derive(Default)]
pub struct Config {
    pub database: DatabaseConfig,
    pub bot: BotConfig,
    pub points: PointsConfig,
    pub telegram: TelegramConfig,
    pub valuation: crate::domain::valuation::ValuationConfig,
    pub reminders: RemindersConfig,
    pub credit: CreditConfig,
    pub dialogs: DialogsConfig,
    pub safety: SafetyConfig,
    pub handover: HandoverConfig,
    pub priority: PriorityConfig,
    pub finding: FindingConfig,
    pub desk: DeskConfig,
    /// Per-community settings, keyed by the group's chat id.
    pub communities: Vec<CommunityConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// `sqlite://path/to/file.db` (created if missing) or `postgres://user@host/db`.
    pub url: String,
    pub max_connections: u32,
    /// SQLite only: milliseconds a writer waits for the lock before giving up.
    pub busy_timeout_ms: u64,
    /// SQLite only: `FULL` or `NORMAL`.
    pub synchronous: String,
    /// Days sent messages and handled update keys are kept (0: forever). Messages that a
    /// card, a tally or a poll still points to are kept whatever their age.
    pub keep_days: u32,
    /// Most updates committed in one transaction when they arrive together (group commit);
    /// 1 commits each alone.
    pub group_commit: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BotConfig {
    /// Language of groups and of members who chose none: `zh-CN` or `en`.
    pub default_locale: String,
    /// IANA time zone used to show times.
    pub timezone: String,
    /// Directory holding `<locale>/*.ftl`; the built-in copies are used when it does not exist.
    pub locales_dir: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PointsConfig {
    /// Points every member receives once per community, from its issuance account.
    pub starter: i64,
    /// The lowest balance a member may reach (0: no overdraft).
    pub min_balance: i64,
    /// The highest balance a member may hold.
    pub max_balance: i64,
    /// Points per hour of public work (a social worker's subsidy).
    pub subsidy_per_hour: i64,
    /// Days before points expire that their owner is warned (once per that many days).
    pub expiry_warn_days: i64,
    /// Days after which unspent points expire; 0 turns expiry off.
    pub expiry_days: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TelegramConfig {
    /// Messages per second to one chat.
    pub per_chat_per_second: u32,
    /// Messages per minute to one group.
    pub per_group_per_minute: u32,
    /// Messages per second overall.
    pub global_per_second: u32,
    /// Seconds between scans of the outbox for messages left to send.
    pub outbox_poll_ms: u64,
    /// How updates arrive: `polling` (long polling; with several instances on PostgreSQL
    /// only one polls at a time) or `webhook` (Telegram posts them to `webhook_url`).
    pub mode: String,
    /// The Bot API server: Telegram's, or a self-hosted `telegram-bot-api`.
    pub api_url: String,
    /// Webhook mode: the address this instance listens on (behind a reverse proxy).
    pub webhook_listen: String,
    /// Webhook mode: the public HTTPS address Telegram posts updates to; its path is the
    /// path listened on. The secret token comes from `LINLI_WEBHOOK_SECRET`.
    pub webhook_url: String,
    /// Seconds to keep sending what is in the outbox after SIGTERM or Ctrl-C, before exiting.
    pub drain_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CreditConfig {
    /// The credit score every member starts with.
    pub start: i64,
    /// Change of the rated member's credit for a rating of 1, 2, 3, 4 and 5.
    pub rating_delta: [i64; 5],
    /// Credit never leaves this range.
    pub min: i64,
    pub max: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DialogsConfig {
    /// Directory of the multi-step flows (`*.toml`); the built-in copies are used when it does
    /// not exist.
    pub dir: String,
    /// Minutes without an answer after which a flow ends with a gentle message.
    pub idle_minutes: i64,
}

impl Default for DialogsConfig {
    fn default() -> Self {
        DialogsConfig {
            dir: "dialogs".into(),
            idle_minutes: 30,
        }
    }
}

impl Default for CreditConfig {
    fn default() -> Self {
        CreditConfig {
            start: 100,
            rating_delta: [-3, -1, 0, 1, 2],
            min: 0,
            max: 200,
        }
    }
}

/// Trust and safety: disputes, reports, moderation, flood control.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SafetyConfig {
    /// Days after a hand-over during which either side may open a dispute.
    pub dispute_days: i64,
    /// Hours after which a case nobody took is raised again in the workers' chat.
    pub dispute_raise_hours: i64,
    /// Hours after which the admins are told of a case nobody took.
    pub dispute_admins_hours: i64,
    /// The compensation buttons on a case card, in points.
    pub compensate_buttons: Vec<i64>,
    /// Credit change of the other side when a dispute is upheld (compensation or refund).
    pub dispute_credit_delta: i64,
    /// Credit change of a listing's owner when a report is upheld.
    pub report_credit_delta: i64,
    /// Points from the community pool for a reporter whose report is upheld.
    pub report_reward: i64,
    /// Reports from this many different members hide a listing until a worker decides.
    pub report_hide_after: i64,
    /// Flood control: more than `flood_max` commands or listings within `flood_seconds`, per
    /// member and chat, are dropped with one warning. Workers are exempt.
    pub flood_max: i64,
    pub flood_seconds: i64,
    /// The most a member may owe after disputes; the pool covers what is beyond it.
    pub debt_limit: i64,
    /// Hours after which a resident's request to the workers that nobody took is raised again.
    pub ticket_remind_hours: i64,
}

/// The life of a hand-over after a claim.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HandoverConfig {
    /// Days after which an accepted hand-over nobody disputed completes by itself.
    pub auto_confirm_days: i64,
    /// Days after which a claim its owner never answered is released (the hold refunded).
    pub release_unanswered_days: i64,
}

/// Donated goods go first to residents a social worker marked as priority.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PriorityConfig {
    /// Hours a donated or priority listing is open to priority residents only.
    pub window_hours: i64,
    /// Claims one priority resident may make in a priority window per 7 days (fairness cap).
    pub max_claims_per_week: i64,
}

impl Default for PriorityConfig {
    fn default() -> Self {
        PriorityConfig {
            window_hours: 24,
            max_claims_per_week: 2,
        }
    }
}

/// Wishes ("提醒我 婴儿车") and the weekly suggestions a resident may turn on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FindingConfig {
    /// Days a wish lasts.
    pub wish_days: i64,
    /// Most wishes one resident keeps at once.
    pub max_wishes: i64,
    /// Most wish alerts one resident gets in 24 hours.
    pub alerts_per_day: i64,
    /// When the weekly suggestions go out to residents who turned them on (`/recommend on`);
    /// cron: sec min hour day month weekday, community time.
    pub suggest_cron: String,
    /// Most listings suggested to one resident a week.
    pub suggestions_per_week: i64,
    /// Days a search or claim is kept for suggestions (only with consent).
    pub interests_keep_days: i64,
}

impl Default for FindingConfig {
    fn default() -> Self {
        FindingConfig {
            wish_days: 30,
            max_wishes: 10,
            alerts_per_day: 3,
            suggest_cron: "0 0 10 * * Sun".into(),
            suggestions_per_week: 3,
            interests_keep_days: 90,
        }
    }
}

/// The social workers' desk.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeskConfig {
    /// When each community's weekly figures (the last 7 days, with a chart) go to its workers'
    /// chat, or its workers privately; cron: sec min hour day month weekday, community time.
    /// Empty: no digest.
    pub digest_cron: String,
    /// Minutes after an emergency notice when the workers get the list of residents who have
    /// not answered, to call them.
    pub emergency_call_minutes: i64,
}

impl Default for DeskConfig {
    fn default() -> Self {
        DeskConfig {
            digest_cron: "0 0 9 * * Mon".into(),
            emergency_call_minutes: 60,
        }
    }
}

impl Default for HandoverConfig {
    fn default() -> Self {
        HandoverConfig {
            auto_confirm_days: 7,
            release_unanswered_days: 3,
        }
    }
}

impl Default for SafetyConfig {
    fn default() -> Self {
        SafetyConfig {
            dispute_days: 7,
            dispute_raise_hours: 24,
            dispute_admins_hours: 48,
            compensate_buttons: vec![5, 10, 20],
            dispute_credit_delta: -10,
            report_credit_delta: -5,
            report_reward: 5,
            report_hide_after: 3,
            flood_max: 8,
            flood_seconds: 30,
            debt_limit: 100,
            ticket_remind_hours: 4,
        }
    }
}

/// How a community's new listings appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Moderation {
    /// Cards appear at once; workers act on reports.
    #[default]
    PublishFirst,
    /// A member's first `approve_first_listings` listings wait for a worker's approval.
    ApproveFirst,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RemindersConfig {
    /// Quiet hours (community time): private messages that are not answers wait until the end.
    pub quiet_start: String,
    pub quiet_end: String,
    /// Local time of day at which reminders are sent.
    pub remind_at: String,
    /// Days a loan lasts when the listing names none.
    pub loan_default_days: i64,
    /// Days a borrower may ask to add to a loan.
    pub loan_extension_days: i64,
    /// Days between reminders for an overdue loan.
    pub overdue_every_days: i64,
    /// Days overdue after which the social workers are told.
    pub escalate_after_days: i64,
    /// Days after an accepted claim with no confirmed hand-over before both are nudged.
    pub handover_nudge_days: i64,
    /// Days an open listing waits before its owner is asked "still available?".
    pub listing_check_days: i64,
    /// Days after which an open listing that was not renewed expires.
    pub listing_expire_days: i64,
    /// Cron schedule (sec min hour day month weekday, community time) of the weekly topic.
    pub topic_cron: String,
    /// Topics posted in turn to every group; none: no topic is posted.
    pub topics: Vec<String>,
    /// Cron schedule of the monthly points statement for members who asked for it.
    pub statement_cron: String,
}

impl Default for RemindersConfig {
    fn default() -> Self {
        RemindersConfig {
            quiet_start: "22:00".into(),
            quiet_end: "08:00".into(),
            remind_at: "09:00".into(),
            loan_default_days: 7,
            loan_extension_days: 3,
            overdue_every_days: 2,
            escalate_after_days: 7,
            handover_nudge_days: 3,
            listing_check_days: 14,
            listing_expire_days: 30,
            topic_cron: "0 0 10 * * Sat".into(),
            topics: Vec::new(),
            statement_cron: "0 0 9 1 * *".into(),
        }
    }
}

impl RemindersConfig {
    /// A `HH:MM` setting as a time of day.
    pub fn time_of(s: &str) -> Option<chrono::NaiveTime> {
        chrono::NaiveTime::parse_from_str(s, "%H:%M").ok()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunityConfig {
    /// The group's Telegram chat id (negative for groups).
    pub chat_id: i64,
    /// Language of this group's cards; the default locale when absent.
    #[serde(default)]
    pub locale: Option<String>,
    /// Chat where escalations for this community go.
    #[serde(default)]
    pub workers_chat_id: Option<i64>,
    /// Telegram user ids of this community's social workers.
    #[serde(default)]
    pub workers: Vec<i64>,
    /// Telegram user ids of this community's admins.
    #[serde(default)]
    pub admins: Vec<i64>,
    /// This community's quiet hours (HH:MM), when they differ from `reminders`.
    #[serde(default)]
    pub quiet_start: Option<String>,
    #[serde(default)]
    pub quiet_end: Option<String>,
    /// `publish_first` (default) or `approve_first`.
    #[serde(default)]
    pub moderation: Moderation,
    /// In approve-first mode, how many of a member's first listings wait for approval.
    #[serde(default = "default_approve_first")]
    pub approve_first_listings: i64,
}

fn default_approve_first() -> i64 {
    3
}

impl Default for CommunityConfig {
    /// Every setting at its default; `chat_id` must still be set.
    fn default() -> Self {
        CommunityConfig {
            chat_id: 0,
            locale: None,
            workers_chat_id: None,
            workers: Vec::new(),
            admins: Vec::new(),
            quiet_start: None,
            quiet_end: None,
            moderation: Moderation::PublishFirst,
            approve_first_listings: default_approve_first(),
        }
    }
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            url: "sqlite://linli.db".into(),
            max_connections: 8,
            busy_timeout_ms: 5000,
            synchronous: "NORMAL".into(),
            keep_days: 30,
            group_commit: 32,
        }
    }
}

impl Default for BotConfig {
    fn default() -> Self {
        Self {
            default_locale: "zh-CN".into(),
            timezone: "Asia/Shanghai".into(),
            locales_dir: "locales".into(),
        }
    }
}

impl Default for PointsConfig {
    fn default() -> Self {
        Self {
            starter: 50,
            min_balance: 0,
            max_balance: 10_000,
            subsidy_per_hour: 10,
            expiry_days: 0,
            expiry_warn_days: 14,
        }
    }
}

impl Default for TelegramConfig {
    fn default() -> Self {
        Self {
            per_chat_per_second: 1,
            per_group_per_minute: 20,
            global_per_second: 30,
            outbox_poll_ms: 500,
            mode: "polling".into(),
            api_url: "https://api.telegram.org".into(),
            webhook_listen: "127.0.0.1:8443".into(),
            webhook_url: String::new(),
            drain_seconds: 10,
        }
    }
}

impl Config {
    /// Reads `path` (if it exists) and the process environment.
    pub fn load(path: Option<&Path>) -> Result<Self, ConfigError> {
        let (text, name) = match path {
            Some(p) => match std::fs::read_to_string(p) {
                Ok(t) => (t, p.display().to_string()),
                Err(e) => return Err(ConfigError(format!("{}: cannot be read: {e}", p.display()))),
            },
            None if Path::new("bot.toml").exists() => (
                std::fs::read_to_string("bot.toml")
                    .map_err(|e| ConfigError(format!("bot.toml: cannot be read: {e}")))?,
                "bot.toml".to_string(),
            ),
            None => (String::new(), "defaults".to_string()),
        };
        Self::from_sources(&text, &name, std::env::vars())
    }

    /// Builds a configuration from TOML text and `(name, value)` environment pairs.
    pub fn from_sources(
        toml_text: &str,
        source_name: &str,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let mut value: toml::Table = toml_text.parse().map_err(|e: toml::de::Error| {
            ConfigError(format!("{source_name}: {}", one_line(e.message())))
        })?;
        let from_env = apply_env(&mut value, env)?;
        let de = toml::Value::Table(value);
        let cfg: Config = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let msg = one_line(&e.inner().to_string());
            let msg = msg
                .strip_suffix(&format!(" in `{path}`"))
                .unwrap_or(&msg)
                .to_string();
            let source = from_env
                .iter()
                .find(|(_, key)| *key == path)
                .map(|(var, _)| var.as_str())
                .unwrap_or(source_name);
            if path == "." || path.is_empty() {
                ConfigError(format!("{source}: {msg}"))
            } else {
                ConfigError(format!("{source}: key `{path}`: {msg}"))
            }
        })?;
        if let Err((key, expected)) = cfg.validate() {
            let source = from_env
                .iter()
                .find(|(_, k)| *k == key)
                .map(|(var, _)| var.as_str())
                .unwrap_or(source_name);
            return Err(ConfigError(format!(
                "{source}: key `{key}`: expected {expected}"
            )));
        }
        Ok(cfg)
    }

    /// Checks values a type cannot: the error is the key and what it expects.
    fn validate(&self) -> Result<(), (String, String)> {
        self.check_database()?;
        self.check_bot()?;
        self.check_points()?;
        self.valuation.validate()?;
        if !(1..=7 * 24 * 60).contains(&self.dialogs.idle_minutes) {
            return bad("dialogs.idle_minutes", "minutes between 1 and 10080");
        }
        if !(self.credit.min <= self.credit.start && self.credit.start <= self.credit.max) {
            return bad("credit.start", "a score between credit.min and credit.max");
        }
        self.check_safety()?;
        self.check_handover()?;
        if !(0..=24 * 14).contains(&self.priority.window_hours) {
            return bad("priority.window_hours", "hours between 0 and 336");
        }
        if !(1..=50).contains(&self.priority.max_claims_per_week) {
            return bad("priority.max_claims_per_week", "a number between 1 and 50");
        }
        self.check_finding()?;
        self.check_reminders()?;
        self.check_telegram()?;
        self.check_communities()
    }

    /// Check the `[database]` section: a URL of a supported backend, a known SQLite
    /// synchronous mode, and a pool of at least one connection.
    fn check_database(&self) -> Result<(), (String, String)> {
        if !self.database.url.starts_with("sqlite:") && !self.database.url.starts_with("postgres") {
            return bad(
                "database.url",
                "a URL starting with sqlite:// or postgres://",
            );
        }
        if !matches!(
            self.database.synchronous.to_ascii_uppercase().as_str(),
            "FULL" | "NORMAL"
        ) {
            return bad("database.synchronous", "FULL or NORMAL");
        }
        if self.database.max_connections == 0 {
            return bad("database.max_connections", "a number above 0");
        }
        Ok(())
    }

    /// Check the `[bot]` section: a locale the bot has messages for and a time zone it can
    /// show times in.
    fn check_bot(&self) -> Result<(), (String, String)> {
        if crate::i18n::Locale::parse(&self.bot.default_locale).is_none() {
            return bad("bot.default_locale", "zh-CN, zh-Hant or en");
        }
        if self.bot.timezone.parse::<chrono_tz::Tz>().is_err() {
            return bad("bot.timezone", "an IANA time zone such as Asia/Shanghai");
        }
        Ok(())
    }

    /// Check the `[points]` section: no negative grants, subsidies or expiry, and a balance
    /// range that is not empty.
    fn check_points(&self) -> Result<(), (String, String)> {
        if self.points.starter < 0 {
            return bad("points.starter", "a number of points, 0 or more");
        }
        if self.points.max_balance <= self.points.min_balance {
            return bad("points.max_balance", "a number above points.min_balance");
        }
        if self.points.subsidy_per_hour < 0 {
            return bad("points.subsidy_per_hour", "0 or more");
        }
        if self.points.expiry_days < 0 {
            return bad("points.expiry_days", "a number of days, or 0 for no expiry");
        }
        if self.points.expiry_warn_days < 0 {
            return bad(
                "points.expiry_warn_days",
                "a number of days, or 0 for no warning",
            );
        }
        Ok(())
    }

    /// Check the `[handover]` section: periods of at least a day, the auto-confirmation after
    /// the nudge.
    fn check_finding(&self) -> Result<(), (String, String)> {
        let f = &self.finding;
        for (key, v, lo, hi) in [
            ("finding.wish_days", f.wish_days, 1, 365),
            ("finding.max_wishes", f.max_wishes, 1, 100),
            ("finding.alerts_per_day", f.alerts_per_day, 0, 50),
            (
                "finding.suggestions_per_week",
                f.suggestions_per_week,
                1,
                10,
            ),
            ("finding.interests_keep_days", f.interests_keep_days, 1, 365),
        ] {
            if !(lo..=hi).contains(&v) {
                return bad(key, &format!("a number between {lo} and {hi}"));
            }
        }
        if !(5..=24 * 60).contains(&self.desk.emergency_call_minutes) {
            return bad("desk.emergency_call_minutes", "minutes between 5 and 1440");
        }
        let digest = &self.desk.digest_cron;
        if !digest.is_empty() && digest.parse::<cron::Schedule>().is_err() {
            return bad(
                "desk.digest_cron",
                "a cron schedule: sec min hour day month weekday, e.g. \"0 0 9 * * Mon\", or \"\" for none",
            );
        }
        if f.suggest_cron.parse::<cron::Schedule>().is_err() {
            return bad(
                "finding.suggest_cron",
                "a cron schedule: sec min hour day month weekday, e.g. \"0 0 10 * * Sun\"",
            );
        }
        Ok(())
    }

    fn check_handover(&self) -> Result<(), (String, String)> {
        let h = &self.handover;
        for (key, v) in [
            ("handover.auto_confirm_days", h.auto_confirm_days),
            (
                "handover.release_unanswered_days",
                h.release_unanswered_days,
            ),
        ] {
            if v <= 0 {
                return bad(key, "a number of days above 0");
            }
        }
        if h.auto_confirm_days <= self.reminders.handover_nudge_days {
            return bad(
                "handover.auto_confirm_days",
                "more days than reminders.handover_nudge_days (the nudge comes first)",
            );
        }
        Ok(())
    }

    /// Check the `[safety]` section: dispute periods, the report threshold and the flood limit
    /// above 0, and no negative report reward or compensation button.
    fn check_safety(&self) -> Result<(), (String, String)> {
        let s = &self.safety;
        for (key, v) in [
            ("safety.dispute_days", s.dispute_days),
            ("safety.dispute_raise_hours", s.dispute_raise_hours),
            ("safety.dispute_admins_hours", s.dispute_admins_hours),
            ("safety.report_hide_after", s.report_hide_after),
            ("safety.flood_max", s.flood_max),
            ("safety.flood_seconds", s.flood_seconds),
        ] {
            if v <= 0 {
                return bad(key, "a number above 0");
            }
        }
        if s.debt_limit < 0 {
            return bad("safety.debt_limit", "a number of points, 0 or more");
        }
        if s.ticket_remind_hours <= 0 {
            return bad("safety.ticket_remind_hours", "a number of hours above 0");
        }
        if s.report_reward < 0 {
            return bad("safety.report_reward", "a number of points, 0 or more");
        }
        if s.compensate_buttons.iter().any(|p| *p <= 0) {
            return bad("safety.compensate_buttons", "a list of points above 0");
        }
        Ok(())
    }

    /// Check the `[reminders]` section: times of day as HH:MM, periods of at least a day, and
    /// cron schedules that parse.
    fn check_reminders(&self) -> Result<(), (String, String)> {
        let r = &self.reminders;
        for (key, v) in [
            ("reminders.quiet_start", &r.quiet_start),
            ("reminders.quiet_end", &r.quiet_end),
            ("reminders.remind_at", &r.remind_at),
        ] {
            if RemindersConfig::time_of(v).is_none() {
                return bad(key, "a time of day as HH:MM");
            }
        }
        for (key, v) in [
            ("reminders.loan_default_days", r.loan_default_days),
            ("reminders.loan_extension_days", r.loan_extension_days),
            ("reminders.overdue_every_days", r.overdue_every_days),
            ("reminders.escalate_after_days", r.escalate_after_days),
            ("reminders.handover_nudge_days", r.handover_nudge_days),
            ("reminders.listing_check_days", r.listing_check_days),
            ("reminders.listing_expire_days", r.listing_expire_days),
        ] {
            if v <= 0 {
                return bad(key, "a number of days above 0");
            }
        }
        for (key, v) in [
            ("reminders.topic_cron", &r.topic_cron),
            ("reminders.statement_cron", &r.statement_cron),
        ] {
            if v.parse::<cron::Schedule>().is_err() {
                return bad(
                    key,
                    "a cron schedule: sec min hour day month weekday, e.g. \"0 0 10 * * Sat\"",
                );
            }
        }
        Ok(())
    }

    /// Check the `[telegram]` section: every rate limit above 0 (0 would never send).
    fn check_telegram(&self) -> Result<(), (String, String)> {
        for (key, v) in [
            (
                "telegram.per_chat_per_second",
                self.telegram.per_chat_per_second,
            ),
            (
                "telegram.per_group_per_minute",
                self.telegram.per_group_per_minute,
            ),
            (
                "telegram.global_per_second",
                self.telegram.global_per_second,
            ),
        ] {
            if v == 0 {
                return bad(key, "a rate above 0");
            }
        }
        let t = &self.telegram;
        if !["polling", "webhook"].contains(&t.mode.as_str()) {
            return bad("telegram.mode", "\"polling\" or \"webhook\"");
        }
        if !matches!(url::Url::parse(&t.api_url), Ok(u) if ["http", "https"].contains(&u.scheme()))
        {
            return bad("telegram.api_url", "an http(s) URL of a Bot API server");
        }
        if t.mode == "webhook" {
            if t.webhook_listen.parse::<std::net::SocketAddr>().is_err() {
                return bad(
                    "telegram.webhook_listen",
                    "an address and port, like 127.0.0.1:8443",
                );
            }
            // Telegram posts only to HTTPS; plain http is for a local Bot API server.
            let ok = match url::Url::parse(&t.webhook_url) {
                Ok(u) => {
                    u.scheme() == "https"
                        || (u.scheme() == "http" && t.api_url != TelegramConfig::default().api_url)
                }
                Err(_) => false,
            };
            if !ok {
                return bad(
                    "telegram.webhook_url",
                    "the public https:// address Telegram posts updates to",
                );
            }
        }
        if !(1..=600).contains(&t.drain_seconds) {
            return bad("telegram.drain_seconds", "seconds between 1 and 600");
        }
        Ok(())
    }

    /// Check each `[[communities]]` entry: quiet hours as HH:MM and a known locale, where set.
    fn check_communities(&self) -> Result<(), (String, String)> {
        for (i, c) in self.communities.iter().enumerate() {
            for (key, v) in [("quiet_start", &c.quiet_start), ("quiet_end", &c.quiet_end)] {
                if v.as_deref()
                    .is_some_and(|t| RemindersConfig::time_of(t).is_none())
                {
                    return bad(&format!("communities[{i}].{key}"), "a time of day as HH:MM");
                }
            }
            if let Some(l) = &c.locale {
                if crate::i18n::Locale::parse(l).is_none() {
                    return bad(&format!("communities[{i}].locale"), "zh-CN, zh-Hant or en");
                }
            }
        }
        Ok(())
    }

    /// The settings of the community with this chat id, if `bot.toml` names it.
    pub fn community(&self, chat_id: i64) -> Option<&CommunityConfig> {
        self.communities.iter().find(|c| c.chat_id == chat_id)
    }

    pub fn timezone(&self) -> chrono_tz::Tz {
        self.bot
            .timezone
            .parse()
            .unwrap_or(chrono_tz::Asia::Shanghai)
    }

    pub fn default_locale(&self) -> crate::i18n::Locale {
        crate::i18n::Locale::parse(&self.bot.default_locale).unwrap_or_default()
    }
}

/// The bot token, only from the environment, hidden from `Debug`.
pub fn telegram_token() -> Result<SecretString, ConfigError> {
    match std::env::var("TELOXIDE_TOKEN") {
        Ok(t) if !t.trim().is_empty() => Ok(SecretString::from(t)),
        _ => Err(ConfigError(
            "TELOXIDE_TOKEN: expected the bot token from @BotFather in the environment".into(),
        )),
    }
}

/// Webhook mode's secret token (Telegram sends it with every update, in the header
/// `X-Telegram-Bot-Api-Secret-Token`), only from the environment: 1–256 of `A-Z a-z 0-9 _ -`.
pub fn webhook_secret() -> Result<SecretString, ConfigError> {
    match std::env::var("LINLI_WEBHOOK_SECRET") {
        Ok(t) if (1..=256).contains(&t.len())
            && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
        {
            Ok(SecretString::from(t))
        }
        _ => Err(ConfigError(
            "LINLI_WEBHOOK_SECRET: webhook mode needs a secret token in the environment (1–256 of A-Z, a-z, 0-9, _ and -)".into(),
        )),
    }
}

/// A failed check: the key and what it expects.
fn bad(key: &str, expected: &str) -> Result<(), (String, String)> {
    Err((key.to_string(), expected.to_string()))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Applies `LINLI_<SECTION>_<KEY>=value` overrides (e.g. `LINLI_DATABASE_URL`). The value is read
/// as a TOML literal when it is one (numbers, booleans), otherwise as a string. Returns the
/// `(variable, section.key)` pairs applied.
fn apply_env(
    table: &mut toml::Table,
    env: impl IntoIterator<Item = (String, String)>,
) -> Result<Vec<(String, String)>, ConfigError> {
    let mut applied = Vec::new();
    const SECTIONS: &[&str] = &[
        "database",
        "bot",
        "points",
        "telegram",
        "valuation",
        "reminders",
        "credit",
        "dialogs",
        "safety",
        "handover",
        "priority",
        "finding",
        "desk",
    ];
    for (name, raw) in env {
        let Some(rest) = name.strip_prefix("LINLI_") else {
            continue;
        };
        if NON_SETTING_VARS.contains(&name.as_str()) || rest.starts_with("TEST") {
            continue;
        }
        let lower = rest.to_ascii_lowercase();
        let Some((section, key)) = SECTIONS.iter().find_map(|s| {
            lower
                .strip_prefix(s)
                .and_then(|k| k.strip_prefix('_'))
                .map(|k| (*s, k.to_string()))
        }) else {
            return Err(ConfigError(format!(
                "{name}: not a setting; expected LINLI_<SECTION>_<KEY> with SECTION one of database, bot, points, telegram, valuation, reminders, credit, dialogs, safety, handover, priority, finding, desk"
            )));
        };
        let value = format!("v = {raw}")
            .parse::<toml::Table>()
            .ok()
            .and_then(|mut t| t.remove("v"))
            .unwrap_or(toml::Value::String(raw));
        let entry = table
            .entry(section)
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        match entry {
            toml::Value::Table(t) => {
                applied.push((name.clone(), format!("{section}.{key}")));
                t.insert(key, value);
            }
            _ => {
                return Err(ConfigError(format!(
                    "{name}: `{section}` in the file is not a table"
                )))
            }
        }
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str, env: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_sources(
            text,
            "bot.toml",
            env.iter().map(|(a, b)| (a.to_string(), b.to_string())),
        )
    }

    #[test]
    fn shipped_bot_toml_loads() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/bot.toml")).unwrap();
        let cfg = load(&text, &[]).unwrap();
        assert_eq!(cfg.points.starter, 50);
    }

    #[test]
    fn transport_settings_are_checked() {
        let err = load("[telegram]\nmode = \"push\"\n", &[]).unwrap_err().0;
        assert!(err.contains("telegram.mode"), "{err}");
        let err = load("[telegram]\nmode = \"webhook\"\n", &[]).unwrap_err().0;
        assert!(err.contains("telegram.webhook_url"), "{err}");
        let err = load(
            "[telegram]\nmode = \"webhook\"\nwebhook_url = \"http://bot.example.org/hook\"\n",
            &[],
        )
        .unwrap_err()
        .0;
        assert!(
            err.contains("https"),
            "plain http only with a local Bot API: {err}"
        );
        let ok = load(
            "[telegram]\nmode = \"webhook\"\nwebhook_url = \"https://bot.example.org/hook\"\n",
            &[("LINLI_TELEGRAM_API_URL", "http://127.0.0.1:8081")],
        )
        .unwrap();
        assert_eq!(ok.telegram.api_url, "http://127.0.0.1:8081");
        let err = load("[telegram]\napi_url = \"ftp://x\"\n", &[])
            .unwrap_err()
            .0;
        assert!(err.contains("telegram.api_url"), "{err}");
    }

    #[test]
    fn wrong_type_names_the_key_on_one_line() {
        let err = load("[points]\nstarter = \"lots\"\n", &[]).unwrap_err().0;
        assert!(err.contains("points.starter"), "{err}");
        assert!(!err.contains('\n'));
    }

    #[test]
    fn unknown_key_is_refused() {
        let err = load("[points]\nstarterr = 5\n", &[]).unwrap_err().0;
        assert!(err.contains("starterr"), "{err}");
    }

    #[test]
    fn missing_community_chat_id_is_named() {
        let err = load("[[communities]]\nlocale = \"en\"\n", &[])
            .unwrap_err()
            .0;
        assert!(
            err.contains("communities") && err.contains("chat_id"),
            "{err}"
        );
    }

    #[test]
    fn env_overrides_file() {
        let cfg = load(
            "[points]\nstarter = 5\n",
            &[
                ("LINLI_POINTS_STARTER", "7"),
                ("LINLI_DATABASE_URL", "sqlite://x.db"),
            ],
        )
        .unwrap();
        assert_eq!(cfg.points.starter, 7);
        assert_eq!(cfg.database.url, "sqlite://x.db");
    }

    #[test]
    fn a_bad_env_value_names_the_variable() {
        let err = load("", &[("LINLI_POINTS_STARTER", "abc")]).unwrap_err().0;
        assert!(
            err.starts_with("LINLI_POINTS_STARTER: key `points.starter`"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_env_value_caught_by_validation_names_the_variable() {
        let err = load("", &[("LINLI_BOT_TIMEZONE", "Mars/Base")])
            .unwrap_err()
            .0;
        assert!(
            err.starts_with("LINLI_BOT_TIMEZONE: key `bot.timezone`"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_cron_or_time_is_named() {
        let err = load("[reminders]\ntopic_cron = \"every saturday\"\n", &[])
            .unwrap_err()
            .0;
        assert!(err.contains("reminders.topic_cron"), "{err}");
        let err = load("[reminders]\nquiet_start = \"10pm\"\n", &[])
            .unwrap_err()
            .0;
        assert!(err.contains("reminders.quiet_start"), "{err}");
    }

    #[test]
    fn safety_settings_from_file_and_env() {
        let cfg = load(
            "[safety]\nreport_reward = 8\n[[communities]]\nchat_id = -1\nmoderation = \"approve_first\"\n",
            &[("LINLI_SAFETY_FLOOD_MAX", "4")],
        )
        .unwrap();
        assert_eq!(cfg.safety.report_reward, 8);
        assert_eq!(cfg.safety.flood_max, 4);
        assert_eq!(cfg.communities[0].moderation, Moderation::ApproveFirst);
        assert_eq!(cfg.communities[0].approve_first_listings, 3);
        let err = load("", &[("LINLI_SAFETY_FLOOD_SECONDS", "0")])
            .unwrap_err()
            .0;
        assert!(err.starts_with("LINLI_SAFETY_FLOOD_SECONDS"), "{err}");
    }

    #[test]
    fn unknown_env_setting_is_refused() {
        assert!(load("", &[("LINLI_NOPE", "1")])
            .unwrap_err()
            .0
            .contains("LINLI_NOPE"));
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(load("[bot]\ntimezone = \"Mars/Base\"\n", &[])
            .unwrap_err()
            .0
            .contains("bot.timezone"));
        assert!(load("[bot]\ndefault_locale = \"fr\"\n", &[])
            .unwrap_err()
            .0
            .contains("bot.default_locale"));
        assert!(load("[database]\nurl = \"mysql://x\"\n", &[])
            .unwrap_err()
            .0
            .contains("database.url"));
    }
}
