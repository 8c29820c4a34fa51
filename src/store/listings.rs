//! Listings (offers and requests), claims on them, and the buttons that act on them.

use rand::distributions::Alphanumeric;
use rand::Rng;
use sqlx::Row;

use super::{opt_i64, StoreError, StoreResult, Tx};
use crate::domain::{Action, ClaimStatus, ListingKind, ListingStatus, Resource};

#[derive(Debug, Clone)]
pub struct Listing {
    pub id: i64,
    pub community_id: i64,
    pub owner_id: i64,
    pub kind: ListingKind,
    pub resource: Resource,
    pub mode: Option<String>,
    pub title: String,
    pub category: Option<String>,
    pub condition: Option<String>,
    pub points: i64,
    /// The valuation rules' suggestion.
    pub suggested: i64,
    pub quantity: Option<i64>,
    /// How long a loan lasts, when the listing said.
    pub days: Option<i64>,
    /// How long help takes, in minutes, when the listing said.
    pub minutes: Option<i64>,
    pub status: ListingStatus,
    pub card_outbox_id: Option<i64>,
    /// Moderation: `none`, `hidden` (under review after reports), `pending` (waiting for a
    /// worker's approval), `rejected`.
    pub review: String,
    /// A social worker checked it on a home visit.
    pub verified: bool,
}

impl Listing {
    /// How its hand-over is spoken of: "help" for a service or skill (helped, done), "item"
    /// for a thing (handed over, received). A Fluent selector (`$what`).
    pub fn what(&self) -> &'static str {
        if self.resource == Resource::Item {
            "item"
        } else {
            "help"
        }
    }

    /// The key of the giver's "I handed it over" button ("I have helped" for help).
    pub fn handed_button(&self) -> &'static str {
        if self.resource == Resource::Item {
            "button-handed"
        } else {
            "button-helped"
        }
    }

    /// The key of the receiver's "I received it" button ("Helped, thanks" for help).
    pub fn confirm_button(&self) -> &'static str {
        if self.resource == Resource::Item {
            "button-confirm"
        } else {
            "button-confirm-help"
        }
    }
}

/// A listing to create.
#[derive(Debug, Clone)]
pub struct NewListing<'a> {
    pub community_id: i64,
    pub owner_id: i64,
    pub kind: ListingKind,
    pub resource: Resource,
    pub mode: Option<&'a str>,
    pub title: &'a str,
    pub category: Option<&'a str>,
    pub condition: Option<&'a str>,
    pub points: i64,
    pub suggested: i64,
    pub quantity: Option<i64>,
    pub days: Option<i64>,
    pub minutes: Option<i64>,
    pub source_text: &'a str,
}

const LISTING_COLS: &str =
    "id, community_id, owner_id, kind, resource, mode, title, category, condition, points, suggested, quantity, days, minutes, status, card_outbox_id, review, verified";

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {v}"))
}

fn listing_from(r: &sqlx::any::AnyRow) -> StoreResult<Listing> {
    let kind: String = r.try_get("kind")?;
    let resource: String = r.try_get("resource")?;
    let status: String = r.try_get("status")?;
    Ok(Listing {
        id: r.try_get("id")?,
        community_id: r.try_get("community_id")?,
        owner_id: r.try_get("owner_id")?,
        kind: ListingKind::parse(&kind).ok_or_else(|| corrupt("listing kind", &kind))?,
        resource: Resource::parse(&resource).ok_or_else(|| corrupt("resource", &resource))?,
        mode: r.try_get("mode")?,
        title: r.try_get("title")?,
        category: r.try_get("category")?,
        condition: r.try_get("condition")?,
        points: r.try_get("points")?,
        suggested: r.try_get("suggested")?,
        quantity: opt_i64(r, "quantity")?,
        days: opt_i64(r, "days")?,
        minutes: opt_i64(r, "minutes")?,
        status: ListingStatus::parse(&status).ok_or_else(|| corrupt("listing status", &status))?,
        card_outbox_id: opt_i64(r, "card_outbox_id")?,
        review: r.try_get("review")?,
        verified: r.try_get::<i64, _>("verified")? != 0,
    })
}

pub async fn insert_listing(tx: &mut Tx, l: &NewListing<'_>, now: i64) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO listings (community_id, owner_id, kind, resource, mode, title, category, condition, points, quantity,
                               status, source_text, created_at, updated_at, suggested, days, minutes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $12, $12, $13, $14, $15) RETURNING id",
    )
    .bind(l.community_id)
    .bind(l.owner_id)
    .bind(l.kind.as_str())
    .bind(l.resource.as_str())
    .bind(l.mode)
    .bind(l.title)
    .bind(l.category)
    .bind(l.condition)
    .bind(l.points)
    .bind(l.quantity)
    .bind(l.source_text)
    .bind(now)
    .bind(l.suggested)
    .bind(l.days)
    .bind(l.minutes)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// The listing, locked until commit on PostgreSQL.
pub async fn listing_for_update(tx: &mut Tx, id: i64) -> StoreResult<Option<Listing>> {
    let sql = format!(
        "SELECT {LISTING_COLS} FROM listings WHERE id = $1{}",
        tx.backend.for_update()
    );
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut **tx).await?;
    row.as_ref().map(listing_from).transpose()
}

pub async fn set_listing_status(
    tx: &mut Tx,
    id: i64,
    status: ListingStatus,
    now: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE listings SET status = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(status.as_str())
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A member's open requests in a community: (id, title).
pub async fn open_requests_of(
    tx: &mut Tx,
    member_id: i64,
    community_id: i64,
) -> StoreResult<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, title FROM listings
         WHERE owner_id = $1 AND community_id = $2 AND kind = 'request' AND status = 'open' ORDER BY id",
    )
    .bind(member_id)
    .bind(community_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// The event a listing was registered for (its swap table), if any.
pub async fn event_of(tx: &mut Tx, id: i64) -> StoreResult<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT event_id FROM listings WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
            .flatten(),
    )
}

pub async fn set_card(tx: &mut Tx, id: i64, outbox_id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE listings SET card_outbox_id = $2 WHERE id = $1")
        .bind(id)
        .bind(outbox_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub id: i64,
    pub listing_id: i64,
    pub claimer_id: i64,
    pub giver_id: i64,
    pub receiver_id: i64,
    pub points: i64,
    pub status: ClaimStatus,
    /// When the giver said they handed it over.
    pub handed_at: Option<i64>,
}

pub async fn insert_claim(
    tx: &mut Tx,
    listing_id: i64,
    claimer: i64,
    giver: i64,
    receiver: i64,
    points: i64,
    now: i64,
) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO claims (listing_id, claimer_id, giver_id, receiver_id, points, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6) RETURNING id",
    )
    .bind(listing_id)
    .bind(claimer)
    .bind(giver)
    .bind(receiver)
    .bind(points)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

pub async fn claim(tx: &mut Tx, id: i64) -> StoreResult<Option<Claim>> {
    let row = sqlx::query("SELECT id, listing_id, claimer_id, giver_id, receiver_id, points, status, handed_at FROM claims WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|r| {
        let status: String = r.try_get("status")?;
        Ok(Claim {
            id: r.try_get("id")?,
            listing_id: r.try_get("listing_id")?,
            claimer_id: r.try_get("claimer_id")?,
            giver_id: r.try_get("giver_id")?,
            receiver_id: r.try_get("receiver_id")?,
            points: r.try_get("points")?,
            status: ClaimStatus::parse(&status).ok_or_else(|| corrupt("claim status", &status))?,
            handed_at: opt_i64(&r, "handed_at")?,
        })
    })
    .transpose()
}

/// The giver says the thing was handed over (the first time counts).
pub async fn set_handed(tx: &mut Tx, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE claims SET handed_at = COALESCE(handed_at, $2), updated_at = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn set_claim_status(
    tx: &mut Tx,
    id: i64,
    status: ClaimStatus,
    hold_transfer: Option<i64>,
    now: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE claims SET status = $2, hold_transfer_id = COALESCE($3, hold_transfer_id), updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(status.as_str())
        .bind(hold_transfer)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Points a member has on hold in live claims of a community.
pub async fn held_points(tx: &mut Tx, community_id: i64, member_id: i64) -> StoreResult<i64> {
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(c.points), 0) AS BIGINT) FROM claims c JOIN listings l ON l.id = c.listing_id
         WHERE l.community_id = $1 AND c.receiver_id = $2 AND c.hold_transfer_id IS NOT NULL AND c.status IN ('pending', 'accepted')",
    )
    .bind(community_id)
    .bind(member_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n)
}

/// What a button press means.
#[derive(Debug, Clone)]
pub struct CallbackTarget {
    pub action: Action,
    pub listing_id: Option<i64>,
    pub claim_id: Option<i64>,
    pub for_member: Option<i64>,
    pub arg: Option<String>,
}

impl CallbackTarget {
    /// A button about a claim (or a loan, which the same field names) meant for `member`.
    pub fn claim(action: Action, claim_id: i64, member: i64) -> CallbackTarget {
        CallbackTarget {
            action,
            listing_id: None,
            claim_id: Some(claim_id),
            for_member: Some(member),
            arg: None,
        }
    }

    /// A button about a dispute or a report (`claim_id` carries its id), for whoever may act
    /// on it: the press is authorised when it comes.
    pub fn case(action: Action, case_id: i64, arg: Option<String>) -> CallbackTarget {
        CallbackTarget {
            action,
            listing_id: None,
            claim_id: Some(case_id),
            for_member: None,
            arg,
        }
    }

    /// A button about a listing for anyone who sees it (the claim and report buttons of a card).
    pub fn of_listing(action: Action, listing_id: i64) -> CallbackTarget {
        CallbackTarget {
            action,
            listing_id: Some(listing_id),
            claim_id: None,
            for_member: None,
            arg: None,
        }
    }

    /// A button for `member` alone, carrying `arg` (a menu entry, a language, a job …).
    pub fn mine(action: Action, member: i64, arg: impl Into<String>) -> CallbackTarget {
        CallbackTarget {
            action,
            listing_id: None,
            claim_id: None,
            for_member: Some(member),
            arg: Some(arg.into()),
        }
    }

    /// A button about a listing meant for `member`.
    pub fn listing(action: Action, listing_id: i64, member: i64) -> CallbackTarget {
        CallbackTarget {
            action,
            listing_id: Some(listing_id),
            claim_id: None,
            for_member: Some(member),
            arg: None,
        }
    }
}

/// Ids and titles of the listings of `kind` in a community posted since `since` by
/// anyone but `not_owner`, newest first (at most 20).
pub async fn recent_in_group(
    tx: &mut Tx,
    community_id: i64,
    not_owner: i64,
    kind: ListingKind,
    since: i64,
) -> StoreResult<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, title FROM listings WHERE community_id = $1 AND created_at >= $2 AND owner_id <> $3
           AND kind = $4
          ORDER BY created_at DESC, id DESC LIMIT 20",
    )
    .bind(community_id)
    .bind(since)
    .bind(not_owner)
    .bind(kind.as_str())
    .fetch_all(&mut **tx)
    .await?)
}

/// `owner`'s open listings of `kind` in a community posted since `since` (id and title,
/// newest first).
pub async fn open_of_owner(
    tx: &mut Tx,
    community_id: i64,
    owner: i64,
    kind: ListingKind,
    since: i64,
) -> StoreResult<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, title FROM listings WHERE community_id = $1 AND created_at >= $2 AND owner_id = $3
           AND kind = $4 AND status = 'open'
          ORDER BY created_at DESC, id DESC LIMIT 20",
    )
    .bind(community_id)
    .bind(since)
    .bind(owner)
    .bind(kind.as_str())
    .fetch_all(&mut **tx)
    .await?)
}

/// Titles of `owner`'s open listings of `kind` in a community, posted since `since`.
pub async fn own_recent_titles(
    tx: &mut Tx,
    community_id: i64,
    owner: i64,
    kind: ListingKind,
    since: i64,
) -> StoreResult<Vec<String>> {
    let open = open_of_owner(tx, community_id, owner, kind, since).await?;
    Ok(open.into_iter().map(|(_, title)| title).collect())
}

/// Stores what a button means and returns its opaque token (16 characters).
pub async fn new_callback(tx: &mut Tx, t: &CallbackTarget, now: i64) -> StoreResult<String> {
    let mut tokens = new_callbacks(tx, std::slice::from_ref(t), now).await?;
    Ok(tokens.pop().expect("one token"))
}

/// Stores what several buttons mean, in one statement, and returns their tokens in order.
pub async fn new_callbacks(
    tx: &mut Tx,
    targets: &[CallbackTarget],
    now: i64,
) -> StoreResult<Vec<String>> {
    if targets.is_empty() {
        return Ok(Vec::new());
    }
    let tokens: Vec<String> = targets
        .iter()
        .map(|_| {
            rand::thread_rng()
                .sample_iter(&Alphanumeric)
                .take(16)
                .map(char::from)
                .collect()
        })
        .collect();
    let sql = format!(
        "INSERT INTO callbacks (token, action, listing_id, claim_id, for_member, arg, created_at) VALUES {}",
        super::values(targets.len(), 7)
    );
    let mut q = sqlx::query(&sql);
    for (t, token) in targets.iter().zip(&tokens) {
        q = q
            .bind(token)
            .bind(t.action.as_str())
            .bind(t.listing_id)
            .bind(t.claim_id)
            .bind(t.for_member)
            .bind(t.arg.as_deref())
            .bind(now);
    }
    q.execute(&mut **tx).await?;
    Ok(tokens)
}

pub async fn callback(tx: &mut Tx, token: &str) -> StoreResult<Option<CallbackTarget>> {
    let row = sqlx::query(
        "SELECT action, listing_id, claim_id, for_member, arg FROM callbacks WHERE token = $1",
    )
    .bind(token)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| {
        let action: String = r.try_get("action")?;
        Ok(CallbackTarget {
            action: Action::parse(&action).ok_or_else(|| corrupt("callback action", &action))?,
            listing_id: opt_i64(&r, "listing_id")?,
            claim_id: opt_i64(&r, "claim_id")?,
            for_member: opt_i64(&r, "for_member")?,
            arg: r.try_get("arg")?,
        })
    })
    .transpose()
}

/// Sets a listing's moderation state (`none`, `hidden`, `pending`, `rejected`).
pub async fn set_review(tx: &mut Tx, id: i64, review: &str, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE listings SET review = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(review)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Marks a listing as checked by a social worker on a home visit.
pub async fn set_verified(tx: &mut Tx, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE listings SET verified = 1, updated_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A social worker sets a listing's points (any amount the rules allow for one listing).
pub async fn set_points(tx: &mut Tx, id: i64, points: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE listings SET points = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(points)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The live (pending or accepted) claim on a listing, if any.
pub async fn live_claim(tx: &mut Tx, listing_id: i64) -> StoreResult<Option<Claim>> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM claims WHERE listing_id = $1 AND status IN ('pending', 'accepted')",
    )
    .bind(listing_id)
    .fetch_optional(&mut **tx)
    .await?;
    match id {
        Some(id) => claim(tx, id).await,
        None => Ok(None),
    }
}

/// The claims `giver` agreed to and has not yet said are handed over, oldest first.
pub async fn handing_over(tx: &mut Tx, giver: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM claims WHERE giver_id = $1 AND status = 'accepted' AND handed_at IS NULL
         ORDER BY id",
    )
    .bind(giver)
    .fetch_all(&mut **tx)
    .await?)
}

/// Keeps a listing's photos (transport file ids), in order.
pub async fn add_photos(tx: &mut Tx, listing_id: i64, photos: &[String]) -> StoreResult<()> {
    for (pos, file_id) in photos.iter().enumerate() {
        sqlx::query("INSERT INTO listing_photos (listing_id, pos, file_id) VALUES ($1, $2, $3)")
            .bind(listing_id)
            .bind(pos as i64)
            .bind(file_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A listing's photos, in order.
pub async fn photos(tx: &mut Tx, listing_id: i64) -> StoreResult<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT file_id FROM listing_photos WHERE listing_id = $1 ORDER BY pos")
            .bind(listing_id)
            .fetch_all(&mut **tx)
            .await?,
    )
}

/// How many listings a member posted in a community.
pub async fn count_by_owner(tx: &mut Tx, community_id: i64, owner_id: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM listings WHERE community_id = $1 AND owner_id = $2",
    )
    .bind(community_id)
    .bind(owner_id)
    .fetch_one(&mut **tx)
    .await?)
}

/// A community's listings, newest first: (id, owner, title, the words it was posted with).
pub async fn texts_in(
    tx: &mut Tx,
    community_id: i64,
) -> StoreResult<Vec<(i64, i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, owner_id, title, source_text FROM listings WHERE community_id = $1 ORDER BY id DESC",
    )
    .bind(community_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// The latest claim on a listing in which `member_id` gives or receives.
pub async fn claim_of_member(
    tx: &mut Tx,
    listing_id: i64,
    member_id: i64,
) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM claims WHERE listing_id = $1 AND (giver_id = $2 OR receiver_id = $2) ORDER BY id DESC LIMIT 1",
    )
    .bind(listing_id)
    .bind(member_id)
    .fetch_optional(&mut **tx)
    .await?)
}

/// When a claim was made and when it last changed (for a confirmed one: the hand-over).
pub async fn claim_times(tx: &mut Tx, claim_id: i64) -> StoreResult<(i64, i64)> {
    Ok(
        sqlx::query_as("SELECT created_at, updated_at FROM claims WHERE id = $1")
            .bind(claim_id)
            .fetch_one(&mut **tx)
            .await?,
    )
}

/// True when the claim's points were held in escrow.
pub async fn claim_has_hold(tx: &mut Tx, claim_id: i64) -> StoreResult<bool> {
    let n: Option<i64> = sqlx::query_scalar("SELECT hold_transfer_id FROM claims WHERE id = $1")
        .bind(claim_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(n.is_some())
}

/// A member's confirmed hand-overs since `since`, newest first, at most nine, as
/// (claim, "#listing title · other side"); with `unrated`, only those they did not rate yet.
pub async fn handovers_of(
    tx: &mut Tx,
    member_id: i64,
    since: i64,
    unrated: bool,
) -> StoreResult<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "SELECT c.id, l.id AS listing_id, l.title, m.name AS other FROM claims c
         JOIN listings l ON l.id = c.listing_id
         JOIN members m ON m.id = CASE WHEN c.giver_id = $1 THEN c.receiver_id ELSE c.giver_id END
         WHERE (c.giver_id = $1 OR c.receiver_id = $1) AND c.status = 'confirmed' AND c.updated_at >= $2
           AND ($3 = 0 OR NOT EXISTS (SELECT 1 FROM ratings r WHERE r.claim_id = c.id AND r.rater_id = $1))
         ORDER BY c.id DESC LIMIT 9",
    )
    .bind(member_id)
    .bind(since)
    .bind(unrated as i64)
    .fetch_all(&mut **tx)
    .await?;
    let mut v = Vec::new();
    for r in rows {
        let title: String = r.try_get("title")?;
        let other: String = r.try_get("other")?;
        let lid: i64 = r.try_get("listing_id")?;
        v.push((r.try_get("id")?, format!("#{lid} {title} · {other}")));
    }
    Ok(v)
}

/// Live listings of others in a member's communities, newest first, at most nine, as
/// (id, "#id title").
pub async fn others_live(tx: &mut Tx, member_id: i64) -> StoreResult<Vec<(i64, String)>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT l.id, l.title FROM listings l
         JOIN memberships ms ON ms.community_id = l.community_id AND ms.member_id = $1
         WHERE l.owner_id <> $1 AND l.status IN ('open', 'reserved', 'accepted', 'lent')
         ORDER BY l.id DESC LIMIT 9",
    )
    .bind(member_id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title)| (id, format!("#{id} {title}")))
        .collect())
}

/// What a member has going on, five of each, newest first: their live listings
/// (id, title, status), their waiting claims (listing id, title, claim status) and the loans
/// they have (title, due).
#[derive(Debug, Clone, Default)]
pub struct Mine {
    /// Id, title, status and kind (`offer`/`request`) of the member's live listings.
    pub listings: Vec<(i64, String, ListingStatus, String)>,
    /// Id, title, claim status and the listing's kind of the member's live claims (on a
    /// request, the member is the one helping).
    pub claims: Vec<(i64, String, ClaimStatus, String)>,
    pub loans: Vec<(String, i64)>,
}

pub async fn mine(tx: &mut Tx, member_id: i64) -> StoreResult<Mine> {
    let listings: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, title, status, kind FROM listings WHERE owner_id = $1 AND status IN ('open', 'reserved', 'accepted', 'lent')
         ORDER BY id DESC LIMIT 5",
    )
    .bind(member_id)
    .fetch_all(&mut **tx)
    .await?;
    let claims: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT l.id, l.title, c.status, l.kind FROM claims c JOIN listings l ON l.id = c.listing_id
         WHERE c.claimer_id = $1 AND c.status IN ('pending', 'accepted') AND l.status <> 'lent'
         ORDER BY c.id DESC LIMIT 5",
    )
    .bind(member_id)
    .fetch_all(&mut **tx)
    .await?;
    let loans: Vec<(String, i64)> = sqlx::query_as(
        "SELECT l.title, lo.due_at FROM loans lo JOIN listings l ON l.id = lo.listing_id
         WHERE lo.borrower_id = $1 AND lo.status = 'active' ORDER BY lo.due_at LIMIT 5",
    )
    .bind(member_id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(Mine {
        listings: listings
            .into_iter()
            .map(|(id, t, s, k)| {
                (
                    id,
                    t,
                    ListingStatus::parse(&s).unwrap_or(ListingStatus::Open),
                    k,
                )
            })
            .collect(),
        claims: claims
            .into_iter()
            .map(|(id, t, s, k)| {
                (
                    id,
                    t,
                    ClaimStatus::parse(&s).unwrap_or(ClaimStatus::Pending),
                    k,
                )
            })
            .collect(),
        loans,
    })
}

/// The action of a button's token, if it is known.
pub async fn callback_action(tx: &mut Tx, token: &str) -> StoreResult<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT action FROM callbacks WHERE token = $1")
            .bind(token)
            .fetch_optional(&mut **tx)
            .await?,
    )
}

/// The listing whose card is message `message_id` of group `chat_id` (a reply to the card).
pub async fn by_card_message(
    tx: &mut Tx,
    chat_id: i64,
    message_id: i64,
) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT l.id FROM listings l JOIN outbox o ON o.id = l.card_outbox_id
         WHERE o.chat_id = $1 AND o.sent_message_id = $2",
    )
    .bind(chat_id)
    .bind(message_id)
    .fetch_optional(&mut **tx)
    .await?)
}

/// The newest listing `owner_id` posted in a community with exactly these words (a reply to
/// the message it came from).
pub async fn by_source(
    tx: &mut Tx,
    community_id: i64,
    owner_id: i64,
    text: &str,
) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT MAX(id) FROM listings WHERE community_id = $1 AND owner_id = $2 AND source_text = $3",
    )
    .bind(community_id)
    .bind(owner_id)
    .bind(text)
    .fetch_one(&mut **tx)
    .await?)
}

/// Every listing made from one message of `owner` (a post listing several things gives one
/// each), oldest first, with its title.
pub async fn all_by_source(
    tx: &mut Tx,
    community_id: i64,
    owner_id: i64,
    text: &str,
) -> StoreResult<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, title FROM listings WHERE community_id = $1 AND owner_id = $2 AND source_text = $3
          ORDER BY id",
    )
    .bind(community_id)
    .bind(owner_id)
    .bind(text)
    .fetch_all(&mut **tx)
    .await?)
}

/// The group chat and the transport's message id of listing `id`'s card, once it was sent.
pub async fn card_message(c: &mut sqlx::AnyConnection, id: i64) -> StoreResult<Option<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT o.chat_id, o.sent_message_id FROM listings l JOIN outbox o ON o.id = l.card_outbox_id
         WHERE l.id = $1 AND o.sent_message_id IS NOT NULL",
    )
    .bind(id)
    .fetch_optional(&mut *c)
    .await?)
}
