//! Suggestions, only with consent. `/recommend on` (推荐 开) lets the bot keep what the resident
//! searches for and claims; once a week (`finding.suggest_cron`) it tells them privately of a
//! few open offers of their groups like those things, each with why it was chosen. `/recommend
//! off` stops keeping and suggesting; `/forget` deletes what was kept. While it is off nothing
//! about a resident's searches or claims is written (the store's statement checks the switch).

use std::collections::HashSet;

use crate::domain::{Action, ListingKind};
use crate::engine::cases::finding::FIND_MIN;
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::text::on_off;
use crate::engine::kernel::{Flow, Refusal};
use crate::engine::shared::matching::ranked_for;
use crate::store::listings::CallbackTarget;
use crate::store::outbox::Button;
use crate::store::{members, priority, recommend};

/// Most interests looked at for one resident's suggestions.
const INTERESTS_USED: i64 = 10;

/// `/recommend [on|off]`: turns suggestions on or off, or says where they stand.
pub async fn command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    match args.trim() {
        "" => status(cx).await,
        w => {
            let on = on_off(w).ok_or(Refusal::new("usage-recommend"))?;
            switch(cx, "", on).await
        }
    }
}

/// Where the resident's suggestions stand, with the button that changes it and, when
/// something is kept, the one that deletes it.
async fn status(cx: &mut Ctx<'_>) -> Flow {
    let on = recommend::is_on(&mut cx.tx, cx.me.id).await?;
    let kept = recommend::count(&mut cx.tx, cx.me.id).await?;
    let loc = cx.my_locale();
    let f = &cx.engine.cfg.finding;
    let text = cx.t(
        loc,
        if on {
            "recommend-status-on"
        } else {
            "recommend-status-off"
        },
        &[
            ("kept", kept.into()),
            ("count", f.suggestions_per_week.into()),
            ("days", f.interests_keep_days.into()),
        ],
    );
    let mut row = vec![switch_button(cx, !on).await?];
    if kept > 0 {
        row.push(forget_button(cx).await?);
    }
    cx.reply(text, vec![row]).await
}

async fn switch_button(cx: &mut Ctx<'_>, on: bool) -> Flow<Button> {
    let loc = cx.my_locale();
    let key = if on {
        "button-recommend-on"
    } else {
        "button-recommend-off"
    };
    let arg = if on { "on" } else { "off" };
    let target = CallbackTarget::mine(Action::RecommendSet, cx.me.id, arg);
    Ok(cx.button_t(loc, key, &target).await?)
}

async fn forget_button(cx: &mut Ctx<'_>) -> Flow<Button> {
    let loc = cx.my_locale();
    let target = CallbackTarget::mine(Action::Forget, cx.me.id, "");
    Ok(cx.button_t(loc, "button-forget", &target).await?)
}

/// Turns suggestions on or off (a command or a button). Turning them off keeps nothing new
/// and offers to delete what was kept.
pub async fn switch(cx: &mut Ctx<'_>, query_id: &str, on: bool) -> Flow {
    if !query_id.is_empty() {
        cx.toast(query_id, String::new()).await?;
    }
    recommend::set(&mut cx.tx, cx.me.id, on).await?;
    let kept = recommend::count(&mut cx.tx, cx.me.id).await?;
    let loc = cx.my_locale();
    let f = &cx.engine.cfg.finding;
    let text = cx.t(
        loc,
        if on { "recommend-on" } else { "recommend-off" },
        &[
            ("kept", kept.into()),
            ("count", f.suggestions_per_week.into()),
            ("days", f.interests_keep_days.into()),
        ],
    );
    let rows = if !on && kept > 0 {
        vec![vec![forget_button(cx).await?]]
    } else {
        Vec::new()
    };
    cx.reply(text, rows).await
}

/// `/forget` (删除记录) or its button: deletes every search and claim kept for suggestions,
/// and the record of what was suggested.
pub async fn forget(cx: &mut Ctx<'_>, query_id: &str) -> Flow {
    if !query_id.is_empty() {
        cx.toast(query_id, String::new()).await?;
    }
    let (interests, suggestions) = recommend::forget(&mut cx.tx, cx.me.id).await?;
    let still_on = recommend::is_on(&mut cx.tx, cx.me.id).await?;
    let loc = cx.my_locale();
    let text = cx.t(
        loc,
        if still_on {
            "forget-done-still-on"
        } else {
            "forget-done"
        },
        &[
            ("interests", (interests as i64).into()),
            ("suggestions", (suggestions as i64).into()),
        ],
    );
    let rows = if still_on {
        vec![vec![switch_button(cx, false).await?]]
    } else {
        Vec::new()
    };
    cx.reply(text, rows).await
}

/// One listing chosen for a resident, and the search or claim it is like.
struct Pick {
    id: i64,
    title: String,
    points: i64,
    because: String,
    claimed: bool,
}

/// The weekly job: each resident who turned suggestions on hears of at most
/// `finding.suggestions_per_week` open offers of their groups that are like what they searched
/// for or claimed lately, none suggested before, none of their own, none still kept for
/// priority residents. Nobody hears anything when nothing fits. Interests older than
/// `finding.interests_keep_days` are dropped first.
pub async fn weekly(cx: &mut Ctx<'_>) -> Flow {
    let f = cx.engine.cfg.finding.clone();
    let since = cx.now - f.interests_keep_days * 86_400;
    recommend::prune(&mut cx.tx, since).await?;
    for id in recommend::consenting(&mut cx.tx).await? {
        let picks = picks_for(cx, id, since, f.suggestions_per_week as usize).await?;
        if picks.is_empty() {
            continue;
        }
        let m = cx.member(id).await?;
        let loc = cx.locale_of(&m);
        let mut lines = vec![cx.t(loc, "suggest-title", &[])];
        let mut rows = Vec::new();
        for (i, p) in picks.iter().enumerate() {
            let n = (i + 1) as i64;
            let key = if p.claimed {
                "suggest-line-claimed"
            } else {
                "suggest-line-searched"
            };
            lines.push(cx.t(
                loc,
                key,
                &[
                    ("n", n.into()),
                    ("id", p.id.into()),
                    ("title", p.title.clone().into()),
                    ("points", p.points.into()),
                    ("because", p.because.clone().into()),
                ],
            ));
            let label = cx.t(
                loc,
                "button-find-pick",
                &[("n", n.into()), ("title", p.title.clone().into())],
            );
            let target = CallbackTarget::of_listing(Action::FindPick, p.id);
            rows.push(vec![cx.button(label, &target).await?]);
            recommend::suggested(&mut cx.tx, id, p.id, cx.now).await?;
        }
        lines.push(cx.t(loc, "suggest-footer", &[]));
        let off = CallbackTarget::mine(Action::RecommendSet, id, "off");
        rows.push(vec![cx.button_t(loc, "button-recommend-off", &off).await?]);
        cx.notify(&m, lines.join("\n"), rows, None).await?;
    }
    Ok(())
}

/// The listings to suggest to one resident, best interest first.
async fn picks_for(cx: &mut Ctx<'_>, member: i64, since: i64, max: usize) -> Flow<Vec<Pick>> {
    let interests = recommend::interests(&mut cx.tx, member, since, INTERESTS_USED).await?;
    if interests.is_empty() {
        return Ok(Vec::new());
    }
    let communities: Vec<i64> = members::communities_of(&mut cx.tx, member)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let mut seen: HashSet<i64> = recommend::seen(&mut cx.tx, member)
        .await?
        .into_iter()
        .collect();
    let mut picks = Vec::new();
    for (source, text) in interests {
        let found = ranked_for(
            cx,
            member,
            &communities,
            ListingKind::Offer,
            &text,
            false,
            FIND_MIN,
        )
        .await?;
        for (_, l) in found {
            if picks.len() >= max {
                return Ok(picks);
            }
            if !seen.insert(l.id) {
                continue;
            }
            let kept_for_priority = priority::until(&mut cx.tx, l.id)
                .await?
                .is_some_and(|u| u > cx.now);
            if kept_for_priority {
                continue;
            }
            picks.push(Pick {
                id: l.id,
                title: l.title,
                points: l.points,
                because: text.clone(),
                claimed: source == "claim",
            });
            // One listing per interest, so a week's few cover several things.
            break;
        }
    }
    Ok(picks)
}
