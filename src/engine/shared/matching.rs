//! Matching: a new offer tells the neighbours whose open requests it answers (each gets the
//! claim button privately) and tells the offerer that someone was looking; a new request is
//! shown the open offers that answer it at once. Matches are ranked by how much of the
//! request's terms the offer shares (synonyms count double), then newest.

use crate::domain::{Action, JobKind, ListingKind};
use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::Flow;
use crate::parse::{head_char, index_terms, match_score, overlap, runs_on, search_terms};
use crate::store::listings::{CallbackTarget, Listing};
use crate::store::search::{self, Found};
use crate::store::{jobs, priority};

/// How much of a request's terms an offer must share to be a match.
pub const MATCH_MIN: f64 = 0.5;
/// Most neighbours told of one new offer, most offers shown for one new request.
pub const MAX_TOLD: usize = 5;
pub const MAX_SHOWN: usize = 3;

/// Records a new listing's search terms.
pub async fn index(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    let terms = index_terms(&l.title, &cx.engine.lexicon);
    search::index(&mut cx.tx, l.id, l.community_id, &terms).await?;
    Ok(())
}

/// Candidates of `kind` in `communities` for a text, scored and ranked, best first. With
/// `as_request`, `text` is an offer's title and the candidates are requests: the score is how
/// much of each request's terms the offer covers; otherwise how much of `text` (a query or a
/// request) each candidate covers. A one-character query ("书", "车") takes the things whose
/// name ends with it (图画书, not 书包); a name that runs on into another word (电视柜 for
/// 电视) scores low.
pub async fn ranked(
    cx: &mut Ctx<'_>,
    communities: &[i64],
    kind: ListingKind,
    text: &str,
    as_request: bool,
    min: f64,
) -> Flow<Vec<(f64, Found)>> {
    let me = cx.me.id;
    ranked_for(cx, me, communities, kind, text, as_request, min).await
}

/// [`ranked`] for `viewer` (whose own listings are left out) rather than the member acting.
pub async fn ranked_for(
    cx: &mut Ctx<'_>,
    viewer: i64,
    communities: &[i64],
    kind: ListingKind,
    text: &str,
    as_request: bool,
    min: f64,
) -> Flow<Vec<(f64, Found)>> {
    let cjk: Vec<char> = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect();
    let single = (cjk.len() == 1 && text.trim().chars().count() == 1).then(|| cjk[0]);
    let terms = match single {
        Some(c) => vec![format!("1:{c}")],
        None => search_terms(text, &cx.engine.lexicon),
    };
    let found = search::find(&mut cx.tx, communities, kind, &terms, viewer, 80).await?;
    let lex = &cx.engine.lexicon;
    let mut scored: Vec<(f64, Found)> = found
        .into_iter()
        .map(|f| {
            let s = if as_request {
                match_score(&f.title, text, lex)
            } else {
                match_score(text, &f.title, lex)
            };
            (s, f)
        })
        .filter(|(s, _)| *s >= min)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
    Ok(scored)
}

/// Opens a donated listing to priority residents only, for `priority.window_hours` from now,
/// and schedules its opening to all. Run again when a worker approves a listing held for
/// approval, the window starts again then (the earlier opening job finds it still closed
/// and does nothing).
pub async fn start_priority_window(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    let until = cx.now + cx.engine.cfg.priority.window_hours * 3600;
    priority::set_until(&mut cx.tx, l.id, until).await?;
    jobs::schedule(
        &mut cx.tx,
        JobKind::PriorityOpen,
        Some(l.community_id),
        None,
        l.id,
        until,
        cx.now,
    )
    .await?;
    Ok(())
}

/// After a listing's card is posted: an offer tells those looking for it, a request is shown
/// what is on offer.
pub async fn after_post(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    if tell_priority(cx, l).await? {
        // Those looking for it hear when it opens to all (`after_priority`).
        return Ok(());
    }
    match l.kind {
        ListingKind::Offer => tell_seekers(cx, l).await,
        ListingKind::Request => show_offers(cx, l).await,
    }
}

async fn tell_seekers(cx: &mut Ctx<'_>, offer: &Listing) -> Flow {
    let requests = ranked(
        cx,
        &[offer.community_id],
        ListingKind::Request,
        &offer.title,
        true,
        MATCH_MIN,
    )
    .await?;
    let terms = search_terms(&offer.title, &cx.engine.lexicon);
    let mut told = 0;
    let mut heard = Vec::new();
    let others = requests
        .into_iter()
        .filter(|(_, r)| r.owner_id != offer.owner_id);
    for (_, r) in others.take(MAX_TOLD) {
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
        // A look first, with its "I want this one": a stray number claims nothing.
        let target = CallbackTarget::of_listing(Action::FindPick, offer.id);
        let button = cx.button_t(loc, "button-match-see", &target).await?;
        cx.notify(&seeker, text, vec![vec![button]], None).await?;
        told += 1;
    }
    told += tell_wishes(cx, offer, &terms, &heard).await?;
    if told > 0 {
        let owner = cx.member(offer.owner_id).await?;
        let text = cx.t(
            cx.locale_of(&owner),
            "match-seekers-told",
            &[
                ("count", (told as i64).into()),
                ("title", offer.title.clone().into()),
            ],
        );
        to_owner(cx, &owner, text, Vec::new()).await?;
    }
    Ok(())
}

/// Tells a listing's owner: as an answer when they posted it now, else after quiet hours
/// (a worker approved it, or a priority window ended).
async fn to_owner(
    cx: &mut Ctx<'_>,
    owner: &crate::store::members::Member,
    text: String,
    rows: Vec<Vec<crate::store::outbox::Button>>,
) -> Flow {
    if owner.id == cx.me.id {
        cx.say_private(owner, text, rows, None).await?;
    } else {
        cx.notify(owner, text, rows, None).await?;
    }
    Ok(())
}

/// The wishes ("提醒我 婴儿车") a new offer answers: each told once, at most
/// `finding.alerts_per_day` a day per resident, after quiet hours. Returns how many were told.
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
        let fits = match head_char(&w.text).filter(|_| w.text.trim().chars().count() == 1) {
            Some(c) => head_char(&offer.title) == Some(c),
            None => overlap(&wish_terms, terms) >= MATCH_MIN && !runs_on(&w.text, &offer.title),
        };
        if !fits {
            continue;
        }
        let Some(at) = alert_slot(cx, w.member_id).await? else {
            continue;
        };
        if !search::note_alert(&mut cx.tx, w.id, offer.id, w.member_id, at).await? {
            continue;
        }
        seen.push(w.member_id);
        told += 1;
        if at > cx.now {
            // Past today's cap: a job tells them when the cap frees, if the offer is still
            // open and the wish still wanted then.
            jobs::schedule(
                &mut cx.tx,
                JobKind::WishAlert,
                Some(offer.community_id),
                Some(w.member_id),
                offer.id,
                at,
                cx.now,
            )
            .await?;
            continue;
        }
        tell_wish(
            cx,
            w.member_id,
            &w.text,
            offer.id,
            &offer.title,
            offer.points,
        )
        .await?;
    }
    Ok(told)
}

/// Tells a member privately that an offer answers their wish, with a button to see it.
pub async fn tell_wish(
    cx: &mut Ctx<'_>,
    member: i64,
    wanted: &str,
    id: i64,
    title: &str,
    points: i64,
) -> Flow {
    let m = cx.member(member).await?;
    let loc = cx.locale_of(&m);
    let text = cx.t(
        loc,
        "match-offer-for-you",
        &[
            ("wanted", wanted.to_string().into()),
            ("id", id.into()),
            ("title", title.to_string().into()),
            ("points", points.into()),
        ],
    );
    let target = CallbackTarget::of_listing(Action::FindPick, id);
    let button = cx.button_t(loc, "button-match-see", &target).await?;
    cx.notify(&m, text, vec![vec![button]], None).await?;
    Ok(())
}

/// When a member may hear of a wish next: now while fewer than `finding.alerts_per_day` came
/// in the last 24 hours, else as soon as one of them is 24 hours old (so the fourth of a busy
/// day comes the next day, not never). `None` when alerts are off.
async fn alert_slot(cx: &mut Ctx<'_>, member: i64) -> Flow<Option<i64>> {
    let cap = cx.engine.cfg.finding.alerts_per_day as usize;
    if cap == 0 {
        return Ok(None);
    }
    let times = search::alert_times(&mut cx.tx, member, cx.now - 86_400).await?;
    Ok(Some(match times.len().checked_sub(cap) {
        None => cx.now,
        Some(k) => (times[k] + 86_400).max(cx.now),
    }))
}

async fn show_offers(cx: &mut Ctx<'_>, request: &Listing) -> Flow {
    let offers = ranked(
        cx,
        &[request.community_id],
        ListingKind::Offer,
        &request.title,
        false,
        MATCH_MIN,
    )
    .await?;
    let offers: Vec<(f64, Found)> = offers
        .into_iter()
        .filter(|(_, o)| o.owner_id != request.owner_id)
        .collect();
    if offers.is_empty() {
        return Ok(());
    }
    let owner = cx.member(request.owner_id).await?;
    let loc = cx.locale_of(&owner);
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
        let target = CallbackTarget::of_listing(Action::FindPick, o.id);
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
    to_owner(cx, &owner, lines.join("\n"), rows).await
}

/// Most priority residents told first of one donated listing.
pub const MAX_PRIORITY_TOLD: usize = 10;

/// A priority window ended: those whose requests or wishes the listing answers hear now.
pub async fn after_priority(cx: &mut Ctx<'_>, l: &Listing) -> Flow {
    if l.kind == ListingKind::Offer {
        tell_seekers(cx, l).await?;
    }
    Ok(())
}

/// A donated (priority) listing: the community's priority residents hear of it first,
/// privately; nobody else learns who they are. True while its window runs.
async fn tell_priority(cx: &mut Ctx<'_>, l: &Listing) -> Flow<bool> {
    use crate::store::priority;
    let Some(until) = priority::until(&mut cx.tx, l.id)
        .await?
        .filter(|u| *u > cx.now)
    else {
        return Ok(false);
    };
    let at = cx.engine.local_fmt(until, "%m-%d %H:%M");
    let marks = priority::marks_in(&mut cx.tx, l.community_id).await?;
    for (id, _, _, _) in marks.into_iter().take(MAX_PRIORITY_TOLD) {
        if id == l.owner_id {
            continue;
        }
        let m = cx.member(id).await?;
        let loc = cx.locale_of(&m);
        let text = cx.t(
            loc,
            "priority-first",
            &[
                ("id", l.id.into()),
                ("title", l.title.clone().into()),
                ("points", l.points.into()),
                ("at", at.clone().into()),
            ],
        );
        let t = CallbackTarget::of_listing(Action::FindPick, l.id);
        let b = cx.button_t(loc, "button-match-see", &t).await?;
        cx.notify(&m, text, vec![vec![b]], None).await?;
    }
    Ok(true)
}

/// A resident received `offer`: their open requests it answers are asked to come down (one
/// button takes each down), so no card keeps asking for what they have.
pub async fn after_received(cx: &mut Ctx<'_>, offer: &Listing, receiver: i64) -> Flow {
    let terms = search_terms(&offer.title, &cx.engine.lexicon);
    let mine =
        crate::store::listings::open_requests_of(&mut cx.tx, receiver, offer.community_id).await?;
    let m = cx.member(receiver).await?;
    for (id, title) in mine {
        let theirs = search_terms(&title, &cx.engine.lexicon);
        if overlap(&theirs, &terms) < MATCH_MIN || runs_on(&title, &offer.title) {
            continue;
        }
        let loc = cx.locale_of(&m);
        let text = cx.t(
            loc,
            "match-request-still",
            &[("id", id.into()), ("title", title.into())],
        );
        let t = CallbackTarget::listing(Action::Withdraw, id, m.id);
        let b = cx.button_t(loc, "button-request-done", &t).await?;
        cx.notify(&m, text, vec![vec![b]], None).await?;
    }
    Ok(())
}
