//! Ratings after a hand-over: each side rates the other once, 1 to 5 stars, and the rated
//! member's credit score moves by `credit.rating_delta`. Credit is private: it is shown to the
//! member and to social workers, never in a group.

use super::{Ctx, Flow, Refusal};
use crate::domain::{Action, ClaimStatus};
use crate::store::listings::{self as db, CallbackTarget, Claim, Listing};
use crate::store::members;
use crate::store::outbox::{Button, OutMsg};

/// Asks both sides of a finished hand-over to rate the other, with five star buttons.
pub(crate) async fn ask_for_ratings(cx: &mut Ctx<'_>, l: &Listing, c: &Claim) -> Flow {
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
            let t = CallbackTarget {
                action: Action::Rate,
                listing_id: None,
                claim_id: Some(c.id),
                for_member: Some(rater.id),
                arg: Some(score.to_string()),
            };
            let token = db::new_callback(&mut cx.tx, &t, cx.now).await?;
            row.push(Button::callback(format!("{score}⭐"), token));
        }
        cx.say_private(&rater, text, vec![row], None).await?;
    }
    Ok(())
}

/// A star button was pressed: record the rating once and move the other side's credit.
pub(crate) async fn rate(
    cx: &mut Ctx<'_>,
    query_id: &str,
    claim_id: i64,
    score: Option<&str>,
) -> Flow {
    let score = score
        .and_then(|s| s.parse::<i64>().ok())
        .filter(|s| (1..=5).contains(s))
        .ok_or(Refusal::new("err-button-expired"))?;
    let c = db::claim(&mut cx.tx, claim_id)
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
    let inserted = sqlx::query(
        "INSERT INTO ratings (claim_id, rater_id, ratee_id, score, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(c.id)
    .bind(cx.me.id)
    .bind(ratee)
    .bind(score)
    .bind(cx.now)
    .execute(&mut *cx.tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(Refusal::new("err-already-rated").into());
    }
    let credit = &cx.engine.cfg.credit;
    let delta = credit.rating_delta[(score - 1) as usize];
    sqlx::query("UPDATE members SET credit = CASE WHEN credit + $2 < $3 THEN $3 WHEN credit + $2 > $4 THEN $4 ELSE credit + $2 END WHERE id = $1")
        .bind(ratee)
        .bind(delta)
        .bind(credit.min)
        .bind(credit.max)
        .execute(&mut *cx.tx)
        .await?;
    let text = cx.t(cx.my_locale(), "rate-thanks", &[("score", score.into())]);
    cx.enqueue(OutMsg::answer(cx.me.id, query_id.to_string(), text, false))
        .await?;
    Ok(())
}
