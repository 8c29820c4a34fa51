//! Matching: a new offer tells the neighbours whose open requests it answers (each gets the
//! claim button privately) and tells the offerer that someone was looking; a new request is
//! shown the open offers that answer it at once. Matches are ranked by how much of the
//! request's terms the offer shares (synonyms count double), then newest.

use crate::domain::{Action, ListingKind};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::Flow;
use crate::parse::{overlap, search_terms};
use crate::store::listings::{CallbackTarget, Listing};
use crate::store::search::{self, Found};

/// How much of a request's terms an offer must share to be a match.
pub const MATCH_MIN: f64 = 0.5;
/// Most neighbours told of one new offer, most offers shown for one new request.
pub const MAX_TOLD: usize = 5;
/// Most wish alerts one resident gets in 24 hours.
pub const ALERTS_PER_DAY: i64 = 3;
pub const MAX_SHOWN: usize = 3;

/// Records a new listing's search terms.
pub async fn index(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    let terms = search_terms(&l.title, &cx.engine.lexicon);
    search::index(&mut cx.tx, l.id, l.community_id, &terms).await?;
    Ok(())
}

/// Candidates of `kind` in `communities` for a text, scored and ranked, best first. With
/// `as_request`, the score is how much of the *other* listing's terms (a request's) `terms`
/// covers; otherwise how much of `terms` (a query or a request) the other covers.
pub async fn ranked(
    cx: &mut Ctx<'_>,
    communities: &[i64],
    kind: ListingKind,
    terms: &[String],
    as_request: bool,
    min: f64,
) -> Flow<Vec<(f64, Found)>> {
    let found = search::find(&mut cx.tx, communities, kind, terms, cx.me.id, 50).await?;
    let mut scored: Vec<(f64, Found)> = found
        .into_iter()
        .map(|f| {
            let s = if as_request {
                overlap(&f.terms, terms)
            } else {
                overlap(terms, &f.terms)
            };
            (s, f)
        })
        .filter(|(s, _)| *s >= min)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
    Ok(scored)
}

/// After a listing's card is posted: an offer tells those looking for it, a request is shown
/// what is on offer.
pub async fn after_post(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    let terms = search_terms(&l.title, &cx.engine.lexicon);
    match l.kind {
        ListingKind::Offer => tell_seekers(cx, l, &terms).await,
        ListingKind::Request => show_offers(cx, l, &terms).await,
    }
}

async fn tell_seekers(cx: &mut Ctx<'_>, offer: &Listing, terms: &[String]) -> Flow {
    let requests = ranked(
        cx,
        &[offer.community_id],
        ListingKind::Request,
        terms,
        true,
        MATCH_MIN,
    )
    .await?;
    let mut told = 0;
    let mut heard = Vec::new();
    for (_, r) in requests.into_iter().take(MAX_TOLD) {
        let seeker = cx.member(r.owner_id).await?;
        heard.push(seeker.id);
        let loc = cx.locale_of(&seeker);
        let text = cx.t(
            loc,
            "match-offer-for-you",
            &[
                ("wanted", r.title.clone().into()),
                ("id", offer.id.into()),
                ("title", offer.title.clone().into()),
                ("points", offer.points.into()),
            ],
        );
        let target = CallbackTarget::listing(Action::Claim, offer.id, seeker.id);
        let button = cx.button_t(loc, "button-claim-offer", &target).await?;
        cx.notify(&seeker, text, vec![vec![button]], None).await?;
        told += 1;
    }
    told += tell_wishes(cx, offer, terms, &heard).await?;
    if told > 0 {
        let me = cx.me.clone();
        let text = cx.t(
            cx.my_locale(),
            "match-seekers-told",
            &[
                ("count", (told as i64).into()),
                ("title", offer.title.clone().into()),
            ],
        );
        cx.say_private(&me, text, Vec::new(), None).await?;
    }
    Ok(())
}

/// The wishes ("提醒我 婴儿车") a new offer answers: each told once, at most
/// [`ALERTS_PER_DAY`] a day per resident, after quiet hours. Returns how many were told.
async fn tell_wishes(
    cx: &mut Ctx<'_>,
    offer: &Listing,
    terms: &[String],
    heard: &[i64],
) -> Flow<usize> {
    let wishes = search::wishes_in(&mut cx.tx, offer.community_id, offer.owner_id, cx.now).await?;
    let mut told = 0;
    let mut seen = heard.to_vec();
    for w in wishes {
        if seen.contains(&w.member_id) {
            continue;
        }
        let wish_terms = search_terms(&w.text, &cx.engine.lexicon);
        if overlap(&wish_terms, terms) < MATCH_MIN {
            continue;
        }
        let today = search::alerts_since(&mut cx.tx, w.member_id, cx.now - 86_400).await?;
        if today >= ALERTS_PER_DAY
            || !search::note_alert(&mut cx.tx, w.id, offer.id, w.member_id, cx.now).await?
        {
            continue;
        }
        seen.push(w.member_id);
        let m = cx.member(w.member_id).await?;
        let loc = cx.locale_of(&m);
        let text = cx.t(
            loc,
            "match-offer-for-you",
            &[
                ("wanted", w.text.clone().into()),
                ("id", offer.id.into()),
                ("title", offer.title.clone().into()),
                ("points", offer.points.into()),
            ],
        );
        let target = CallbackTarget::listing(Action::Claim, offer.id, m.id);
        let button = cx.button_t(loc, "button-claim-offer", &target).await?;
        cx.notify(&m, text, vec![vec![button]], None).await?;
        told += 1;
    }
    Ok(told)
}

async fn show_offers(cx: &mut Ctx<'_>, request: &Listing, terms: &[String]) -> Flow {
    let offers = ranked(
        cx,
        &[request.community_id],
        ListingKind::Offer,
        terms,
        false,
        MATCH_MIN,
    )
    .await?;
    if offers.is_empty() {
        return Ok(());
    }
    let loc = cx.my_locale();
    let mut lines = vec![cx.t(
        loc,
        "match-offers-title",
        &[("title", request.title.clone().into())],
    )];
    let mut rows = Vec::new();
    for (i, (_, o)) in offers.into_iter().take(MAX_SHOWN).enumerate() {
        lines.push(cx.t(
            loc,
            "match-offer-line",
            &[
                ("n", (i as i64 + 1).into()),
                ("id", o.id.into()),
                ("title", o.title.clone().into()),
                ("points", o.points.into()),
            ],
        ));
        let target = CallbackTarget::listing(Action::Claim, o.id, cx.me.id);
        let label = cx.t(
            loc,
            "button-claim-n",
            &[
                ("n", (i as i64 + 1).into()),
                ("title", o.title.clone().into()),
            ],
        );
        rows.push(vec![cx.button(label, &target).await?]);
    }
    let me = cx.me.clone();
    cx.say_private(&me, lines.join("\n"), rows, None).await?;
    Ok(())
}
