//! A resident's own things: welcome and help, points and history, language, simple mode,
//! "mine", asking a social worker to get in touch, and the kind answer to what the bot cannot
//! read.

use super::helpers::acted_lines;
use crate::domain::{AccountKind, Action};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::text::on_off;
use crate::engine::kernel::{Flow, Person, Refusal};
use crate::engine::shared::menu::{help, show_menu};
use crate::i18n::Locale;
use crate::ledger;
use crate::store::debts;
use crate::store::listings::{self as db, CallbackTarget};
use crate::store::members;

/// `/start` in private: a welcome, then help.
pub async fn start(cx: &mut Ctx<'_>) -> Flow {
    let text = cx.t(
        cx.my_locale(),
        "start-welcome",
        &[("name", cx.me.name.clone().into())],
    );
    cx.reply(text, Vec::new()).await?;
    help(cx).await
}

/// `/help` or `/start` in a group: the short group help.
pub async fn group_help(cx: &mut Ctx<'_>) -> Flow {
    let community = cx.community.clone().ok_or(Refusal::new("err-internal"))?;
    let text = cx.t(cx.engine.group_locale(community.chat_id), "help-group", &[]);
    cx.say_group(community.chat_id, text, Vec::new()).await?;
    Ok(())
}

/// Welcomes people who joined a group; they get their starter points now.
pub async fn welcome(cx: &mut Ctx<'_>, people: &[Person]) -> Flow {
    let community = cx.community.clone().ok_or(Refusal::new("err-internal"))?;
    let mut names = Vec::new();
    for p in people {
        let e = cx.engine;
        let (m, _) = members::ensure_member(
            &mut cx.tx,
            p.id,
            &p.name,
            e.assume_dm_open,
            e.cfg.credit.start,
            cx.now,
        )
        .await?;
        cx.join(&community, m.id).await?;
        names.push(m.name);
    }
    if names.is_empty() {
        return Ok(());
    }
    let text = cx.t(
        cx.engine.group_locale(community.chat_id),
        "welcome-group",
        &[
            ("names", names.join(", ").into()),
            ("count", (names.len() as i64).into()),
        ],
    );
    cx.say_group(community.chat_id, text, Vec::new()).await?;
    Ok(())
}

/// A date as `MM-DD` in the community's time zone.
fn day(cx: &Ctx<'_>, at: i64) -> String {
    cx.engine.local_fmt(at, "%m-%d")
}

/// One community's lines of `/points` or `/history`: the balance and held points, then the
/// last `wanted` entries with their reasons.
async fn community_lines(
    cx: &mut Ctx<'_>,
    c: &members::Community,
    wanted: i64,
    numbered: bool,
) -> Flow<Vec<String>> {
    let loc = cx.my_locale();
    let me = cx.me.id;
    let account = ledger::account(&mut cx.tx, c.id, AccountKind::Member, me).await?;
    let balance = ledger::balance(&mut cx.tx, account).await?;
    let held = db::held_points(&mut cx.tx, c.id, me).await?;
    let mut lines = vec![cx.t(
        loc,
        "points-balance-line",
        &[
            ("community", c.title.clone().into()),
            ("balance", balance.into()),
            ("held", held.into()),
        ],
    )];
    let frozen = crate::store::disputes::frozen_of(&mut cx.tx, c.id, me).await?;
    if frozen > 0 {
        lines.push(cx.t(loc, "points-frozen-line", &[("frozen", frozen.into())]));
    }
    let owed = debts::outstanding(&mut cx.tx, c.id, me).await?;
    if owed > 0 {
        lines.push(cx.t(loc, "points-debt-line", &[("debt", owed.into())]));
    }
    for line in ledger::recent_lines(&mut cx.tx, account, wanted).await? {
        // The bot's own transfers name their reason by a message key.
        let key = match line.memo.strip_prefix("memo-") {
            Some(_) => line.memo.clone(),
            None => format!("memo-{}", line.kind.as_str()),
        };
        let what = cx.t(loc, &key, &[("title", line.memo.clone().into())]);
        let amount = if line.amount > 0 {
            format!("+{}", line.amount)
        } else {
            line.amount.to_string()
        };
        let by = match &line.actor {
            Some(worker) => cx.t(loc, "points-by-worker", &[("name", worker.clone().into())]),
            None => String::new(),
        };
        let date = day(cx, line.at);
        lines.push(if numbered {
            format!("  #{} {date} {amount} {what}{by}", line.transfer_id)
        } else {
            format!("  {date} {amount} {what}{by}")
        });
    }
    Ok(lines)
}

/// `/points` (积分) and `/history` (明细): credit, balance, held points and the last `wanted`
/// entries with their reasons; the history also lists what helpers did. Always in private.
pub async fn show_points(cx: &mut Ctx<'_>, wanted: i64) -> Flow {
    let via_group = cx.community.as_ref().map(|c| c.chat_id);
    let loc = cx.my_locale();
    let communities = members::communities_of(&mut cx.tx, cx.me.id).await?;
    let history = wanted > 5;
    let title = if history {
        "history-title"
    } else {
        "points-title"
    };
    let mut lines = vec![
        cx.t(loc, title, &[]),
        cx.t(loc, "points-credit", &[("credit", cx.me.credit.into())]),
    ];
    if communities.is_empty() {
        lines.push(cx.t(loc, "points-none", &[]));
    }
    // Simple mode: the balance only, with the menu's keys; /history still lists the entries.
    let brief = cx.me.simple && wanted <= 5;
    for c in &communities {
        let n = if brief { 0 } else { wanted };
        lines.extend(community_lines(cx, c, n, history).await?);
    }
    if history {
        for (at, helper, what) in acted_lines(cx, 10).await? {
            let date = day(cx, at);
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

/// `/lang en`, `/lang 中文`, or a language button (`query_id`); an unknown language shows
/// the buttons.
pub async fn set_lang(cx: &mut Ctx<'_>, query_id: Option<&str>, arg: &str) -> Flow {
    let Some(l) = Locale::parse(arg) else {
        let mut row = Vec::new();
        for (l, label) in [
            (Locale::ZhCn, "中文"),
            (Locale::ZhHant, "繁體中文"),
            (Locale::En, "English"),
        ] {
            let t = CallbackTarget::mine(Action::SetLang, cx.me.id, l.code());
            row.push(cx.button(label, &t).await?);
        }
        let text = cx.t(cx.my_locale(), "lang-choose", &[]);
        return cx.reply(text, vec![row]).await;
    };
    members::set_lang(&mut cx.tx, cx.me.id, l).await?;
    cx.me.lang = Some(l);
    let text = cx.t(l, lang_set_key(l), &[]);
    if let Some(q) = query_id {
        cx.toast(q, text.clone()).await?;
    }
    cx.reply(text, Vec::new()).await
}

/// What the bot says once a language is chosen (Traditional characters say so).
fn lang_set_key(l: Locale) -> &'static str {
    match l {
        Locale::ZhHant => "lang-set-hant",
        _ => "lang-set",
    }
}

/// The language flow's end: the language chosen.
pub async fn lang_chosen(cx: &mut Ctx<'_>, code: Option<&str>) -> Flow {
    let l = code.and_then(Locale::parse).unwrap_or(cx.my_locale());
    members::set_lang(&mut cx.tx, cx.me.id, l).await?;
    cx.me.lang = Some(l);
    let text = cx.t(l, lang_set_key(l), &[]);
    cx.reply_end(text).await
}

/// Simple mode on or off, with the menu (or its keys removed) at once.
pub async fn set_simple(cx: &mut Ctx<'_>, on: bool) -> Flow {
    members::set_simple(&mut cx.tx, cx.me.id, on).await?;
    cx.me.simple = on;
    let text = cx.t(
        cx.my_locale(),
        if on { "simple-on" } else { "simple-off" },
        &[],
    );
    if on {
        show_menu(cx, Some(text)).await
    } else {
        cx.reply(text, Vec::new()).await
    }
}

/// `/simple [on|off]` for oneself; `/simple NAME on|off` by a social worker of a community
/// the resident belongs to (audited, and the resident is told).
pub async fn simple_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let usage = || Refusal::new("usage-simple");
    // `/simple NAME on [why]`: a worker's reason, if given, goes to the audit.
    let (who, flag, why) = match args.split_whitespace().collect::<Vec<_>>().as_slice() {
        [] => return set_simple(cx, true).await,
        [w] => return set_simple(cx, on_off(w).ok_or_else(usage)?).await,
        [who, w, why @ ..] => (who.to_string(), on_off(w).ok_or_else(usage)?, why.join(" ")),
    };
    let target = cx.find_member(&who).await?;
    let theirs = members::communities_of(&mut cx.tx, target.id).await?;
    let Some(community) = cx.served(theirs).await?.into_iter().next() else {
        return Err(Refusal::new("err-not-worker").into());
    };
    members::set_simple(&mut cx.tx, target.id, flag).await?;
    let action = if flag { "simple_on" } else { "simple_off" };
    // Without a reason the audit says what was done, in words ("开启简单模式"), not its code.
    let reason = if why.is_empty() {
        cx.t(cx.my_locale(), &format!("audit-{action}"), &[])
    } else {
        why
    };
    cx.audit(community.id, action, Some(target.id), None, &reason)
        .await?;
    let loc = cx.locale_of(&target);
    let key = if flag {
        "simple-on-by-worker"
    } else {
        "simple-off-by-worker"
    };
    let text = cx.t(loc, key, &[("name", cx.me.name.clone().into())]);
    let mut told = target.clone();
    told.simple = flag;
    // The resident's own view: the menu's big keys, in their language.
    let buttons = if flag { cx.menu_keys(loc) } else { Vec::new() };
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
pub async fn show_mine(cx: &mut Ctx<'_>) -> Flow {
    let loc = cx.my_locale();
    let mine = db::mine(&mut cx.tx, cx.me.id).await?;
    let mut lines = vec![cx.t(loc, "mine-title", &[])];
    for (id, title, status, kind) in mine.listings {
        let args = [
            ("id", id.into()),
            ("title", title.into()),
            ("status", status.as_str().into()),
            ("kind", kind.into()),
        ];
        lines.push(cx.t(loc, "mine-listing", &args));
    }
    for (id, title, status, kind) in mine.claims {
        let args = [
            ("id", id.into()),
            ("title", title.into()),
            ("status", status.as_str().into()),
            ("kind", kind.into()),
        ];
        lines.push(cx.t(loc, "mine-claim", &args));
    }
    for (title, due) in mine.loans {
        let date = cx.engine.short_date(due);
        lines.push(cx.t(
            loc,
            "mine-loan",
            &[("title", title.into()), ("date", date.into())],
        ));
    }
    lines.extend(super::events::mine_lines(cx, loc).await?);
    if lines.len() == 1 {
        lines.push(cx.t(loc, "mine-nothing", &[]));
    }
    cx.reply_end(lines.join("\n")).await
}

/// Plain words in private that are no command: a hint (in simple mode, with the menu).
pub async fn hint(cx: &mut Ctx<'_>) -> Flow {
    if cx.me.simple {
        // The buttons in front of the neighbour (an emergency's, a questionnaire's) stay in
        // front of them: shown again, so their numbers keep their meaning.
        let chat = cx.actor.as_ref().map_or(cx.me.id, |a| a.id);
        let shown =
            crate::store::outbox::newest_buttons(&mut cx.tx, chat, cx.now - 86_400, cx.now).await?;
        let mut live = !shown.is_empty();
        for b in &shown {
            let token = b.cb.as_deref().unwrap_or_default();
            let target = crate::store::listings::callback(&mut cx.tx, token).await?;
            // A finished flow's step buttons are not shown again.
            live &= target.is_some_and(|t| t.action != crate::domain::Action::Dialog);
        }
        if live {
            let text = cx.t(cx.my_locale(), "private-hint-simple-again", &[]);
            let rows = shown.into_iter().map(|b| vec![b]).collect();
            return cx.reply(text, rows).await;
        }
        let text = cx.t(cx.my_locale(), "private-hint-simple", &[]);
        return show_menu(cx, Some(text)).await;
    }
    let text = cx.t(cx.my_locale(), "private-hint", &[]);
    cx.reply(text, Vec::new()).await
}

/// A sticker, voice message or photo without words in private: a kind answer, never silence.
pub async fn something_else(cx: &mut Ctx<'_>) -> Flow {
    let text = cx.t(cx.my_locale(), "private-other", &[]);
    if cx.me.simple {
        return show_menu(cx, Some(text)).await;
    }
    cx.reply(text, Vec::new()).await?;
    help(cx).await
}
