//! Where a finished flow goes: each `finish` action of `dialogs/*.toml` runs its use case
//! with the flow's answers; and where a main-menu entry goes.

use serde_json::Value;

use super::cases::{
    account, disputes, events, finding, listings, ratings, reminders, reports, tickets,
};
use super::kernel::command::Command;
use super::kernel::ctx::Ctx;
use super::kernel::{Flow, Refusal, Stop};
use super::shared::dialog::{self, photos_of, Outcome};
use super::shared::menu::{help, show_menu};
use crate::domain::ListingKind;
use crate::store::dialogs::State;

/// Carries a flow on: when it finished, its action runs (which may start another flow).
pub async fn conclude(cx: &mut Ctx<'_>, mut outcome: Outcome) -> Flow {
    while let Outcome::Finished(st) = outcome {
        outcome = finish(cx, st).await?;
    }
    Ok(())
}

/// The last step was answered: the flow's action runs with every answer. A refusal (too few
/// points, already rated …) undoes the action's effects, ends the flow, and is said with the
/// menu's keys in simple mode, so the resident is never left at a step that cannot succeed.
async fn finish(cx: &mut Ctx<'_>, st: State) -> Flow<Outcome> {
    dialog::clear(cx).await?;
    cx.tx.savepoint_named("finish").await?;
    let kept = cx.out.len();
    match run_finish(cx, &st).await {
        Ok(o) => {
            cx.tx.release_named("finish").await?;
            Ok(o)
        }
        Err(Stop::Refuse(r)) => {
            cx.tx.rollback_named("finish").await?;
            cx.forget_since(kept);
            let text = cx.engine.tv(cx.my_locale(), r.key, &r.args);
            cx.reply_end(text).await?;
            Ok(Outcome::Asked)
        }
        Err(e) => Err(e),
    }
}

/// Runs a flow's finish action (`dialogs/README.md` lists them and the answers they read).
async fn run_finish(cx: &mut Ctx<'_>, st: &State) -> Flow<Outcome> {
    let engine = cx.engine;
    let f = engine.dialogs.flow(&st.flow).expect("known flow");
    let a = &st.answers;
    let s = |k: &str| a.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let n = |k: &str| a.get(k).and_then(|v| v.as_i64());
    match f.finish.as_str() {
        "post_offer" => listings::post_from_flow(cx, st, ListingKind::Offer).await?,
        "create_event" => events::create(cx, st).await?,
        "event_item" => events::add_item(cx, st).await?,
        "event_feedback" => events::feedback(cx, st).await?,
        "post_request" => listings::post_from_flow(cx, st, ListingKind::Request).await?,
        "find" => {
            let what = s("what").unwrap_or_default();
            // "陪我去医院" at "想找什么？": help asked for, posted with the request wizard.
            if let Some(o) = listings::wizard_from_words(cx, &what, true).await? {
                return Ok(o);
            }
            finding::search(cx, &what).await?
        }
        "feedback" => tickets::feedback(cx, &s("text").unwrap_or_default()).await?,
        "rate" => {
            let claim = n("handover").unwrap_or_default();
            let comment = s("comment");
            if a.get("recorded").is_some_and(|v| v == &Value::Bool(true)) {
                // The stars were given with a button; only the comment is new.
                ratings::set_comment(cx, claim, comment.as_deref()).await?;
                let key = if comment.is_some() {
                    "rate-comment-thanks"
                } else {
                    "rate-comment-skipped"
                };
                let text = cx.t(cx.my_locale(), key, &[]);
                cx.reply_end(text).await?;
            } else {
                let stars = s("stars").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
                ratings::rate_claim(cx, claim, stars, comment.as_deref()).await?;
                let text = cx.t(cx.my_locale(), "rate-thanks", &[("score", stars.into())]);
                cx.reply_end(text).await?;
            }
        }
        "report" => {
            let listing = n("listing").unwrap_or_default();
            let category = s("reason").unwrap_or_else(|| "other".into());
            let reason = match s("details") {
                Some(d) if !d.trim().is_empty() => format!("{category}: {d}"),
                _ => category,
            };
            reports::file_report(cx, listing, &reason).await?;
            menu_after(cx).await?;
        }
        "dispute" => {
            let claim = n("handover").unwrap_or_default();
            let reason = s("reason").unwrap_or_default();
            disputes::open_dispute(cx, claim, &reason, &photos_of(st, "photos")).await?;
            menu_after(cx).await?;
        }
        "set_lang" => account::lang_chosen(cx, s("lang").as_deref()).await?,
        "help" => match s("topic").as_deref() {
            Some("worker") => tickets::ask_worker(cx, "").await?,
            Some("simple") => account::set_simple(cx, !cx.me.simple).await?,
            Some("lang") => return dialog::start(cx, "language").await,
            Some("events") => events::event_command(cx, "").await?,
            _ if cx.me.simple => {
                // Simple mode's menu is what it already saw: a few plain words instead.
                let text = cx.t(cx.my_locale(), "help-simple-how", &[]);
                cx.reply_end(text).await?;
            }
            _ => help(cx).await?,
        },
        other => {
            return Err(Refusal::new("err-internal")
                .arg("what", other.to_string())
                .into())
        }
    }
    Ok(Outcome::Asked)
}

/// In simple mode, the menu again after a report or a dispute.
async fn menu_after(cx: &mut Ctx<'_>) -> Flow {
    if cx.me.simple {
        let text = cx.t(cx.my_locale(), "help-simple-text", &[]);
        return show_menu(cx, Some(text)).await;
    }
    Ok(())
}

/// Runs main-menu entry `n` (1-based): its flow, or its command (`dialogs/menu.toml`).
pub async fn choose_menu(cx: &mut Ctx<'_>, n: usize) -> Flow {
    let Some(item) = cx.engine.dialogs.menu.items.get(n.wrapping_sub(1)).cloned() else {
        let text = cx.t(cx.my_locale(), "menu-no-such", &[]);
        return show_menu(cx, Some(text)).await;
    };
    dialog::clear(cx).await?;
    if let Some(flow) = &item.flow {
        let o = dialog::start(cx, flow).await?;
        return conclude(cx, o).await;
    }
    let name = item.command.as_deref().unwrap_or_default();
    match Command::parse(name) {
        Some(Command::Points) => account::show_points(cx, 5).await,
        Some(Command::History) => account::show_points(cx, 20).await,
        Some(Command::Mine) => account::show_mine(cx).await,
        Some(Command::Reminders) => reminders::list_reminders(cx).await,
        Some(Command::Lang) => {
            let o = dialog::start(cx, "language").await?;
            conclude(cx, o).await
        }
        // `simple_off`: the way back from simple mode.
        None if name == "simple_off" => account::set_simple(cx, false).await,
        _ => help(cx).await,
    }
}
