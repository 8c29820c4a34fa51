//! Ratings after a hand-over: each side rates the other once, 1 to 5 stars, and the rated
//! member's credit score moves by `credit.rating_delta`. Credit is private: it is shown to the
//! member and to social workers, never in a group.

use crate::domain::{Action, ClaimStatus};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::{Flow, Refusal};
use crate::engine::shared::dialog::{self, Outcome};
use crate::engine::shared::points::adjust_credit;
use crate::store::disputes as db;
use crate::store::listings::{self as listings, CallbackTarget, Claim, Listing};
use crate::store::members;

/// Asks both sides of a finished hand-over to rate the other, with five star buttons.
pub async fn ask_for_ratings(cx: &mut Ctx<'_>, l: &Listing, c: &Claim) -> Flow {
    for (rater, ratee) in [(c.giver_id, c.receiver_id), (c.receiver_id, c.giver_id)] {
        let (Some(rater), Some(ratee)) = (
            members::member_by_id(&mut cx.tx, rater).await?,
            members::member_by_id(&mut cx.tx, ratee).await?,
        ) else {
            continue;
        };
        let loc = cx.locale_of(&rater);
        let text = cx.t(
            loc,
            "rate-ask",
            &[
                ("name", ratee.name.clone().into()),
                ("title", l.title.clone().into()),
            ],
        );
        let mut row = Vec::new();
        for score in 1..=5 {
            let mut t = CallbackTarget::mine(Action::Rate, rater.id, score.to_string());
            t.claim_id = Some(c.id);
            row.push(cx.button(format!("{score}⭐"), &t).await?);
        }
        cx.say_private(&rater, text, vec![row], None).await?;
    }
    Ok(())
}

/// A star button was pressed: record the rating once, move the other side's credit, and offer
/// to add a comment (the rate flow, at its comment step).
pub async fn rate(
    cx: &mut Ctx<'_>,
    query_id: &str,
    claim_id: i64,
    score: Option<&str>,
) -> Flow<Outcome> {
    let score = score
        .and_then(|s| s.parse::<i64>().ok())
        .filter(|s| (1..=5).contains(s))
        .ok_or(Refusal::new("err-button-expired"))?;
    rate_claim(cx, claim_id, score, None).await?;
    let text = cx.t(cx.my_locale(), "rate-thanks", &[("score", score.into())]);
    cx.toast(query_id, text).await?;
    let mut answers = serde_json::Map::new();
    answers.insert("handover".into(), claim_id.into());
    answers.insert("stars".into(), score.to_string().into());
    answers.insert("recorded".into(), true.into());
    dialog::start_with(cx, "rate", answers).await
}

/// Records `score` (1–5) by the acting member on a confirmed hand-over, once, with an optional
/// comment, and moves the other side's credit.
pub async fn rate_claim(
    cx: &mut Ctx<'_>,
    claim_id: i64,
    score: i64,
    comment: Option<&str>,
) -> Flow {
    if !(1..=5).contains(&score) {
        return Err(Refusal::new("err-button-expired").into());
    }
    let c = listings::claim(&mut cx.tx, claim_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    if c.status != ClaimStatus::Confirmed {
        return Err(Refusal::new("err-button-expired").into());
    }
    let ratee = if cx.me.id == c.giver_id {
        c.receiver_id
    } else {
        c.giver_id
    };
    if cx.me.id != c.giver_id && cx.me.id != c.receiver_id {
        return Err(Refusal::new("err-not-for-you").into());
    }
    if !db::rate(&mut cx.tx, c.id, cx.me.id, ratee, score, comment, cx.now).await? {
        return Err(Refusal::new("err-already-rated").into());
    }
    let delta = cx.engine.cfg.credit.rating_delta[(score - 1) as usize];
    adjust_credit(cx, ratee, delta).await
}

/// Adds the comment to the acting member's rating of a hand-over.
pub async fn set_comment(cx: &mut Ctx<'_>, claim_id: i64, comment: Option<&str>) -> Flow {
    let me = cx.me.id;
    db::set_rating_comment(&mut cx.tx, claim_id, me, comment).await?;
    Ok(())
}
