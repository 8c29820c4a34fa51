//! Commands and plain words: /start, /help, /offer, /want, /points (积分), /lang, and group
//! messages the parser recognises as offers or requests.

use super::listings::post_listing;
use super::{Ctx, Flow, Person, Refusal};
use crate::domain::{AccountKind, Action, ListingKind};
use crate::i18n::Locale;
use crate::ledger;
use crate::parse::{self, Kind};
use crate::store::listings::Listing;
use crate::store::listings::{self as db, CallbackTarget};
use crate::store::members::{self, Community};
use crate::store::outbox::{Button, OutMsg};

/// A command as written: `/name@bot args`.
#[derive(Debug, PartialEq)]
pub(crate) struct Command<'a> {
    pub name: String,
    pub bot: Option<&'a str>,
    pub args: &'a str,
}

/// Splits `/offer@linli_bot kettle` into its parts; `None` if the text is not a command.
pub(crate) fn split_command(text: &str) -> Option<Command<'_>> {
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
    Some(Command {
        name: name.to_lowercase(),
        bot,
        args: args.trim(),
    })
}

/// What a plain word (no slash) asks for, in either language.
fn word_command(text: &str) -> Option<&'static str> {
    let t = text
        .trim()
        .trim_end_matches(['?', '？', '!', '！', '。', '.'])
        .to_lowercase();
    match t.as_str() {
        "积分" | "我的积分" | "查积分" | "余额" | "points" | "my points" | "balance" => {
            Some("points")
        }
        "帮助" | "help" => Some("help"),
        "明细" | "积分明细" | "history" => Some("history"),
        "代办" | "请人代办" | "helper" => Some("helper"),
        _ => None,
    }
}

/// A message in a group: a command, the word 积分, or maybe an offer or request.
pub(crate) async fn on_group_text(cx: &mut Ctx<'_>, text: &str) -> Flow {
    let community = cx.community.clone().ok_or(Refusal::new("err-internal"))?;
    if let Some(cmd) = split_command(text) {
        let ours = match (cmd.bot, &cx.engine.bot_username) {
            (Some(b), Some(me)) => b.eq_ignore_ascii_case(me),
            (Some(_), None) => true,
            (None, _) => true,
        };
        if !ours {
            return Ok(());
        }
        return match cmd.name.as_str() {
            "offer" | "give" | "送" => {
                post_from_command(cx, &community, ListingKind::Offer, cmd.args)
                    .await
                    .map(|_| ())
            }
            "want" | "request" | "求" => {
                post_from_command(cx, &community, ListingKind::Request, cmd.args)
                    .await
                    .map(|_| ())
            }
            "points" | "balance" | "jifen" => show_points(cx, Some(community.chat_id), 5).await,
            "history" => show_points(cx, Some(community.chat_id), 20).await,
            "withdraw" | "cancel" => withdraw_command(cx, cmd.args).await,
            name if super::worker::COMMANDS.contains(&name) => {
                super::worker::run(cx, name, cmd.args).await.map(|_| ())
            }
            "help" | "start" => {
                let text = cx.t(cx.engine.group_locale(community.chat_id), "help-group", &[]);
                cx.say_group(community.chat_id, text, Vec::new()).await?;
                Ok(())
            }
            // A command named for another bot was skipped above; any other gets an answer.
            _ => Err(Refusal::new("err-unknown-command")
                .arg("command", format!("/{}", cmd.name))
                .into()),
        };
    }
    match word_command(text) {
        Some("points") => return show_points(cx, Some(community.chat_id), 5).await,
        Some("history") => return show_points(cx, Some(community.chat_id), 20).await,
        _ => {}
    }
    let parsed = parse::parse(text, None, &cx.engine.lexicon);
    let kind = match parsed.kind {
        Kind::Offer => ListingKind::Offer,
        Kind::Request => ListingKind::Request,
        Kind::None => return Ok(()),
    };
    post_listing(cx, &community, kind, &parsed, text)
        .await
        .map(|_| ())
}

/// `/offer …` or `/want …`: the listing is made even when the parser is unsure.
async fn post_from_command(
    cx: &mut Ctx<'_>,
    community: &Community,
    kind: ListingKind,
    args: &str,
) -> Flow<Listing> {
    if args.is_empty() {
        let key = if kind == ListingKind::Offer {
            "err-empty-offer"
        } else {
            "err-empty-want"
        };
        return Err(Refusal::new(key).into());
    }
    let parsed = parse_as(cx, kind, args);
    post_listing(cx, community, kind, &parsed, args).await
}

/// Reads the fields of a text whose kind the writer already stated with a command: when the
/// parser alone is unsure, it reads it again behind the kind's own keyword.
fn parse_as(cx: &Ctx<'_>, kind: ListingKind, text: &str) -> parse::Parsed {
    let parsed = parse::parse(text, None, &cx.engine.lexicon);
    if parsed.kind != Kind::None {
        return parsed;
    }
    let prefix = match (kind, parsed.lang) {
        (ListingKind::Offer, parse::Lang::Zh) => "出闲置：",
        (ListingKind::Offer, parse::Lang::En) => "OFFER: ",
        (ListingKind::Request, parse::Lang::Zh) => "求：",
        (ListingKind::Request, parse::Lang::En) => "WANTED: ",
    };
    let again = parse::parse(
        &format!("{prefix}{text}"),
        Some(parsed.lang),
        &cx.engine.lexicon,
    );
    if again.kind == Kind::None {
        parsed
    } else {
        again
    }
}

/// `/withdraw N` (or `/cancel N`, `#N` accepted).
async fn withdraw_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let id = args
        .trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .map_err(|_| Refusal::new("usage-withdraw"))?;
    super::listings::withdraw(cx, id).await
}

/// A message in the private chat.
pub(crate) async fn on_private_text(cx: &mut Ctx<'_>, text: &str) -> Flow {
    let name = match split_command(text) {
        Some(cmd) => cmd.name,
        None => word_command(text).unwrap_or("").to_string(),
    };
    let args = split_command(text).map(|c| c.args).unwrap_or("");
    match name.as_str() {
        "start" => {
            let text = cx.t(
                cx.my_locale(),
                "start-welcome",
                &[("name", cx.me.name.clone().into())],
            );
            reply(cx, text, Vec::new()).await?;
            help(cx).await
        }
        "help" => help(cx).await,
        "points" | "balance" | "jifen" => show_points(cx, None, 5).await,
        "history" => show_points(cx, None, 20).await,
        "reminders" => super::reminders::list_reminders(cx).await,
        "statement" => super::reminders::set_statement(cx, args).await,
        "withdraw" | "cancel" => withdraw_command(cx, args).await,
        "lang" | "language" => set_lang(cx, None, args).await,
        "helper" => super::helpers::helper_command(cx, args).await,
        "actfor" => super::helpers::actfor_command(cx, args).await,
        "as" => super::helpers::as_command(cx, args).await,
        "simple" => super::dialogs::simple_command(cx, args).await,
        "menu" => super::dialogs::show_menu(cx, None).await,
        "mine" => super::dialogs::show_mine(cx).await,
        "offer" | "give" | "want" | "request" => {
            let kind = if matches!(name.as_str(), "offer" | "give") {
                ListingKind::Offer
            } else {
                ListingKind::Request
            };
            let communities = members::communities_of(&mut cx.tx, cx.me.id).await?;
            let Some(community) = communities.into_iter().next() else {
                return Err(Refusal::new("err-no-community").into());
            };
            let l = post_from_command(cx, &community, kind, args).await?;
            let text = cx.t(
                cx.my_locale(),
                "posted-private",
                &[
                    ("id", l.id.into()),
                    ("community", community.title.clone().into()),
                ],
            );
            reply(cx, text, Vec::new()).await
        }
        "" if !text.trim_start().starts_with('/') && cx.me.simple => {
            let text = cx.t(cx.my_locale(), "private-hint-simple", &[]);
            super::dialogs::show_menu(cx, Some(text)).await
        }
        "" if !text.trim_start().starts_with('/') => {
            let text = cx.t(cx.my_locale(), "private-hint", &[]);
            reply(cx, text, Vec::new()).await
        }
        other if super::worker::run(cx, other, args).await? => Ok(()),
        other => Err(Refusal::new("err-unknown-command")
            .arg("command", format!("/{other}"))
            .into()),
    }
}

/// A sticker, voice message or photo without words in private: a kind answer, never silence.
pub(crate) async fn on_private_other(cx: &mut Ctx<'_>) -> Flow {
    let text = cx.t(cx.my_locale(), "private-other", &[]);
    if cx.me.simple {
        return super::dialogs::show_menu(cx, Some(text)).await;
    }
    reply(cx, text, Vec::new()).await?;
    help(cx).await
}

async fn reply(cx: &mut Ctx<'_>, text: String, buttons: Vec<Vec<Button>>) -> Flow {
    let me = cx.me.clone();
    cx.say_private(&me, text, buttons, None).await?;
    Ok(())
}

pub(crate) async fn help(cx: &mut Ctx<'_>) -> Flow {
    if cx.me.simple {
        let text = cx.t(cx.my_locale(), "help-simple-text", &[]);
        return super::dialogs::show_menu(cx, Some(text)).await;
    }
    let text = cx.t(cx.my_locale(), "help-text", &[]);
    reply(cx, text, Vec::new()).await
}

/// Welcomes people who joined a group; they get their starter points now.
pub(crate) async fn welcome(cx: &mut Ctx<'_>, people: &[Person]) -> Flow {
    let community = cx.community.clone().ok_or(Refusal::new("err-internal"))?;
    let mut names = Vec::new();
    for p in people {
        let (m, _) = members::ensure_member(
            &mut cx.tx,
            p.id,
            &p.name,
            cx.engine.assume_dm_open,
            cx.engine.cfg.credit.start,
            cx.now,
        )
        .await?;
        cx.join(&community, m.id).await.map_err(super::Stop::Fail)?;
        names.push(m.name);
    }
    if names.is_empty() {
        return Ok(());
    }
    let loc = cx.engine.group_locale(community.chat_id);
    let text = cx.t(
        loc,
        "welcome-group",
        &[
            ("names", names.join(", ").into()),
            ("count", (names.len() as i64).into()),
        ],
    );
    cx.say_group(community.chat_id, text, Vec::new()).await?;
    Ok(())
}

/// `/points` (积分) and `/history` (明细): balance, held points and the last `lines` entries
/// with their reasons, always in private.
pub(crate) async fn show_points(
    cx: &mut Ctx<'_>,
    via_group: Option<i64>,
    lines_wanted: i64,
) -> Flow {
    let loc = cx.my_locale();
    let communities = members::communities_of(&mut cx.tx, cx.me.id).await?;
    let mut lines = vec![
        cx.t(loc, "points-title", &[]),
        cx.t(loc, "points-credit", &[("credit", cx.me.credit.into())]),
    ];
    if communities.is_empty() {
        lines.push(cx.t(loc, "points-none", &[]));
    }
    // Simple mode: the balance only, with the menu's keys; /history still lists the entries.
    let brief = cx.me.simple && lines_wanted <= 5;
    let tz = cx.engine.cfg.timezone();
    for c in &communities {
        let account = ledger::account(&mut cx.tx, c.id, AccountKind::Member, cx.me.id).await?;
        let balance = ledger::balance(&mut cx.tx, account).await?;
        let held = db::held_points(&mut cx.tx, c.id, cx.me.id).await?;
        lines.push(cx.t(
            loc,
            "points-balance-line",
            &[
                ("community", c.title.clone().into()),
                ("balance", balance.into()),
                ("held", held.into()),
            ],
        ));
        let wanted = if brief { 0 } else { lines_wanted };
        for line in ledger::recent_lines(&mut cx.tx, account, wanted).await? {
            let date = chrono::DateTime::from_timestamp(line.at, 0)
                .unwrap_or_default()
                .with_timezone(&tz)
                .format("%m-%d")
                .to_string();
            let what = cx.t(
                loc,
                &format!("memo-{}", line.kind.as_str()),
                &[("title", line.memo.clone().into())],
            );
            let amount = if line.amount > 0 {
                format!("+{}", line.amount)
            } else {
                line.amount.to_string()
            };
            let by = match &line.actor {
                Some(worker) => cx.t(loc, "points-by-worker", &[("name", worker.clone().into())]),
                None => String::new(),
            };
            if lines_wanted > 5 {
                lines.push(format!(
                    "  #{} {date} {amount} {what}{by}",
                    line.transfer_id
                ));
            } else {
                lines.push(format!("  {date} {amount} {what}{by}"));
            }
        }
    }
    if lines_wanted > 5 {
        // What helpers did for this member is part of their history.
        for (at, helper, what) in super::helpers::acted_lines(cx, 10).await? {
            let date = chrono::DateTime::from_timestamp(at, 0)
                .unwrap_or_default()
                .with_timezone(&tz)
                .format("%m-%d")
                .to_string();
            lines.push(cx.t(
                loc,
                "history-acted",
                &[
                    ("date", date.into()),
                    ("name", helper.into()),
                    ("what", what.into()),
                ],
            ));
        }
    }
    let text = lines.join("\n");
    if brief && via_group.is_none() {
        return cx.reply_end(text).await;
    }
    let me = cx.me.clone();
    cx.say_private(&me, text, Vec::new(), via_group).await?;
    Ok(())
}

/// `/lang en`, `/lang 中文`, or the language buttons.
pub(crate) async fn set_lang(cx: &mut Ctx<'_>, query_id: Option<&str>, arg: &str) -> Flow {
    match Locale::parse(arg) {
        Some(l) => {
            members::set_lang(&mut cx.tx, cx.me.id, l).await?;
            cx.me.lang = Some(l);
            let text = cx.t(l, "lang-set", &[]);
            if let Some(q) = query_id {
                cx.enqueue(OutMsg::answer(cx.me.id, q.to_string(), text.clone(), false))
                    .await?;
            }
            reply(cx, text, Vec::new()).await
        }
        None => {
            let mut row = Vec::new();
            for (l, label) in [(Locale::ZhCn, "中文"), (Locale::En, "English")] {
                let t = CallbackTarget {
                    action: Action::SetLang,
                    listing_id: None,
                    claim_id: None,
                    for_member: Some(cx.me.id),
                    arg: Some(l.code().into()),
                };
                let token = db::new_callback(&mut cx.tx, &t, cx.now).await?;
                row.push(Button::callback(label, token));
            }
            let text = cx.t(cx.my_locale(), "lang-choose", &[]);
            reply(cx, text, vec![row]).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_split_with_and_without_bot_name() {
        let c = split_command("/offer@linli_bot 儿童自行车 30积分").unwrap();
        assert_eq!(
            (c.name.as_str(), c.bot, c.args),
            ("offer", Some("linli_bot"), "儿童自行车 30积分")
        );
        let c = split_command("/Points").unwrap();
        assert_eq!((c.name.as_str(), c.bot, c.args), ("points", None, ""));
        assert!(split_command("出闲置 /offer").is_none());
        assert!(split_command("/ hello").is_none());
    }

    #[test]
    fn plain_words_in_both_languages() {
        assert_eq!(word_command("积分"), Some("points"));
        assert_eq!(word_command(" Points? "), Some("points"));
        assert_eq!(word_command("帮助"), Some("help"));
        assert_eq!(word_command("积分怎么算"), None);
    }
}
