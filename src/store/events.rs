//! Offline swap events: the event, the groups it is announced in, sign-ups (with the waitlist
//! and check-in codes), volunteers, swaps on the day, feedback and photos.

use sqlx::Row;

use super::{opt_i64, StoreError, StoreResult, Tx};
use crate::domain::{EventStatus, Recurrence, SignupStatus};

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: i64,
    /// Its home community: it pays the points.
    pub community_id: i64,
    pub created_by: i64,
    pub title: String,
    /// A category (`books`, `kids` …) or `any`.
    pub theme: String,
    pub place: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub slots: String,
    pub capacity: i64,
    pub item_limit: i64,
    pub attend_points: i64,
    pub volunteer_points: i64,
    pub recurrence: Recurrence,
    pub series_of: Option<i64>,
    pub walk_ins: i64,
    pub status: EventStatus,
}

/// An event to create.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub community_id: i64,
    pub created_by: i64,
    pub title: &'a str,
    pub theme: &'a str,
    pub place: &'a str,
    pub starts_at: i64,
    pub ends_at: i64,
    pub slots: &'a str,
    pub capacity: i64,
    pub item_limit: i64,
    pub attend_points: i64,
    pub volunteer_points: i64,
    pub recurrence: Recurrence,
    pub series_of: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signup {
    pub id: i64,
    pub event_id: i64,
    pub member_id: i64,
    pub people: i64,
    pub status: SignupStatus,
    pub seq: i64,
    pub code: String,
    pub walk_in: bool,
    pub checked_in_at: Option<i64>,
    pub checked_in_by: Option<i64>,
    pub reminded: String,
    pub stars: Option<i64>,
}

const EVENT_COLS: &str = "id, community_id, created_by, title, theme, place, starts_at, ends_at, slots, capacity, item_limit,
     attend_points, volunteer_points, recurrence, series_of, walk_ins, status";
const SIGNUP_COLS: &str = "id, event_id, member_id, people, status, seq, code, walk_in, checked_in_at, checked_in_by, reminded, stars";

fn event_from(r: &sqlx::any::AnyRow) -> StoreResult<Event> {
    let recurrence: String = r.try_get("recurrence")?;
    let status: String = r.try_get("status")?;
    Ok(Event {
        id: r.try_get("id")?,
        community_id: r.try_get("community_id")?,
        created_by: r.try_get("created_by")?,
        title: r.try_get("title")?,
        theme: r.try_get("theme")?,
        place: r.try_get("place")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        slots: r.try_get("slots")?,
        capacity: r.try_get("capacity")?,
        item_limit: r.try_get("item_limit")?,
        attend_points: r.try_get("attend_points")?,
        volunteer_points: r.try_get("volunteer_points")?,
        recurrence: Recurrence::parse(&recurrence)
            .ok_or_else(|| StoreError::Corrupt(format!("event recurrence {recurrence}")))?,
        series_of: opt_i64(r, "series_of")?,
        walk_ins: r.try_get("walk_ins")?,
        status: EventStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("event status {status}")))?,
    })
}

fn signup_from(r: &sqlx::any::AnyRow) -> StoreResult<Signup> {
    let status: String = r.try_get("status")?;
    let walk_in: i64 = r.try_get("walk_in")?;
    Ok(Signup {
        id: r.try_get("id")?,
        event_id: r.try_get("event_id")?,
        member_id: r.try_get("member_id")?,
        people: r.try_get("people")?,
        status: SignupStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("signup status {status}")))?,
        seq: r.try_get("seq")?,
        code: r.try_get("code")?,
        walk_in: walk_in != 0,
        checked_in_at: opt_i64(r, "checked_in_at")?,
        checked_in_by: opt_i64(r, "checked_in_by")?,
        reminded: r.try_get("reminded")?,
        stars: opt_i64(r, "stars")?,
    })
}

pub async fn create(tx: &mut Tx, e: &NewEvent<'_>, now: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO events (community_id, created_by, title, theme, place, starts_at, ends_at, slots, capacity,
                             item_limit, attend_points, volunteer_points, recurrence, series_of, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'open', $15) RETURNING id",
    )
    .bind(e.community_id)
    .bind(e.created_by)
    .bind(e.title)
    .bind(e.theme)
    .bind(e.place)
    .bind(e.starts_at)
    .bind(e.ends_at)
    .bind(e.slots)
    .bind(e.capacity)
    .bind(e.item_limit)
    .bind(e.attend_points)
    .bind(e.volunteer_points)
    .bind(e.recurrence.as_str())
    .bind(e.series_of)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

/// An event; with `lock`, its row is locked until the transaction ends (PostgreSQL), so
/// sign-ups for one event take their places one after another.
pub async fn get(tx: &mut Tx, id: i64, lock: bool) -> StoreResult<Option<Event>> {
    let lock = if lock { tx.backend.for_update() } else { "" };
    let sql = format!("SELECT {EVENT_COLS} FROM events WHERE id = $1{lock}");
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut **tx).await?;
    row.as_ref().map(event_from).transpose()
}

pub async fn set_status(tx: &mut Tx, id: i64, status: EventStatus) -> StoreResult<()> {
    sqlx::query("UPDATE events SET status = $1 WHERE id = $2")
        .bind(status.as_str())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn add_walk_ins(tx: &mut Tx, id: i64, people: i64) -> StoreResult<()> {
    sqlx::query("UPDATE events SET walk_ins = walk_ins + $1 WHERE id = $2")
        .bind(people)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Announces an event in a community (its card is set once sent).
pub async fn add_group(tx: &mut Tx, event_id: i64, community_id: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO event_groups (event_id, community_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(event_id)
    .bind(community_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn set_card(
    tx: &mut Tx,
    event_id: i64,
    community_id: i64,
    outbox_id: i64,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE event_groups SET card_outbox_id = $1 WHERE event_id = $2 AND community_id = $3",
    )
    .bind(outbox_id)
    .bind(event_id)
    .bind(community_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The groups an event is announced in: (community id, chat id, card's outbox row).
pub async fn groups(tx: &mut Tx, event_id: i64) -> StoreResult<Vec<(i64, i64, Option<i64>)>> {
    let rows = sqlx::query(
        "SELECT g.community_id, c.chat_id, g.card_outbox_id FROM event_groups g
         JOIN communities c ON c.id = g.community_id WHERE g.event_id = $1 ORDER BY g.community_id",
    )
    .bind(event_id)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("community_id")?,
                r.try_get("chat_id")?,
                opt_i64(r, "card_outbox_id")?,
            ))
        })
        .collect()
}

/// The event whose card is message `message_id` of group `chat_id`.
pub async fn by_card_message(
    tx: &mut Tx,
    chat_id: i64,
    message_id: i64,
) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT g.event_id FROM event_groups g JOIN outbox o ON o.id = g.card_outbox_id
         WHERE o.chat_id = $1 AND o.sent_message_id = $2",
    )
    .bind(chat_id)
    .bind(message_id)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Events open for sign-up, announced in one of the member's communities, that have not
/// started yet, soonest first.
pub async fn upcoming_for(tx: &mut Tx, member_id: i64, now: i64) -> StoreResult<Vec<Event>> {
    let sql = format!(
        "SELECT {EVENT_COLS} FROM events WHERE status = 'open' AND starts_at > $2 AND id IN (
            SELECT g.event_id FROM event_groups g JOIN memberships ms ON ms.community_id = g.community_id
            WHERE ms.member_id = $1)
         ORDER BY starts_at, id LIMIT 9"
    );
    let rows = sqlx::query(&sql)
        .bind(member_id)
        .bind(now)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(event_from).collect()
}

/// The events open for sign-up announced in a community, not started yet.
pub async fn open_in(tx: &mut Tx, community_id: i64, now: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT e.id FROM events e JOIN event_groups g ON g.event_id = e.id
         WHERE g.community_id = $1 AND e.status = 'open' AND e.starts_at > $2 ORDER BY e.id",
    )
    .bind(community_id)
    .bind(now)
    .fetch_all(&mut **tx)
    .await?)
}

/// Events a member signed up for (confirmed or waiting) that have not ended, soonest first.
pub async fn joined_by(tx: &mut Tx, member_id: i64, now: i64) -> StoreResult<Vec<Event>> {
    let sql = format!(
        "SELECT {EVENT_COLS} FROM events WHERE status IN ('open', 'closed') AND ends_at > $2 AND id IN (
            SELECT event_id FROM event_signups WHERE member_id = $1 AND status <> 'cancelled')
         ORDER BY starts_at, id LIMIT 9"
    );
    let rows = sqlx::query(&sql)
        .bind(member_id)
        .bind(now)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(event_from).collect()
}

/// Events not finished yet that a worker or volunteer could act on today: started or
/// starting before `until`, not done.
pub async fn running(tx: &mut Tx, from: i64, until: i64) -> StoreResult<Vec<Event>> {
    let sql = format!(
        "SELECT {EVENT_COLS} FROM events WHERE status IN ('open', 'closed') AND starts_at < $2 AND ends_at > $1
         ORDER BY starts_at, id"
    );
    let rows = sqlx::query(&sql)
        .bind(from)
        .bind(until)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(event_from).collect()
}

pub async fn signup_of(tx: &mut Tx, event_id: i64, member_id: i64) -> StoreResult<Option<Signup>> {
    let sql =
        format!("SELECT {SIGNUP_COLS} FROM event_signups WHERE event_id = $1 AND member_id = $2");
    let row = sqlx::query(&sql)
        .bind(event_id)
        .bind(member_id)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(signup_from).transpose()
}

pub async fn signup(tx: &mut Tx, id: i64) -> StoreResult<Option<Signup>> {
    let sql = format!("SELECT {SIGNUP_COLS} FROM event_signups WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut **tx).await?;
    row.as_ref().map(signup_from).transpose()
}

pub async fn signup_by_code(tx: &mut Tx, code: &str) -> StoreResult<Option<Signup>> {
    let sql = format!("SELECT {SIGNUP_COLS} FROM event_signups WHERE code = $1");
    let row = sqlx::query(&sql)
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(signup_from).transpose()
}

/// The sign-ups of an event with a status, in arrival order.
pub async fn signups(tx: &mut Tx, event_id: i64, status: SignupStatus) -> StoreResult<Vec<Signup>> {
    let sql = format!(
        "SELECT {SIGNUP_COLS} FROM event_signups WHERE event_id = $1 AND status = $2 ORDER BY seq"
    );
    let rows = sqlx::query(&sql)
        .bind(event_id)
        .bind(status.as_str())
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(signup_from).collect()
}

/// Places taken (people confirmed, walk-ins at the door not counted) and people waiting.
pub async fn counts(tx: &mut Tx, event_id: i64) -> StoreResult<(i64, i64)> {
    let r = sqlx::query(
        "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'confirmed' AND walk_in = 0 THEN people ELSE 0 END), 0) AS BIGINT) AS taken,
                CAST(COALESCE(SUM(CASE WHEN status = 'waitlist' THEN people ELSE 0 END), 0) AS BIGINT) AS waiting
         FROM event_signups WHERE event_id = $1",
    )
    .bind(event_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok((r.try_get("taken")?, r.try_get("waiting")?))
}

/// A new sign-up (or a cancelled one made live again, at the end of the line).
#[allow(clippy::too_many_arguments)]
pub async fn put_signup(
    tx: &mut Tx,
    event_id: i64,
    member_id: i64,
    people: i64,
    status: SignupStatus,
    code: &str,
    signed_by: Option<i64>,
    walk_in: bool,
    now: i64,
) -> StoreResult<i64> {
    let seq: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(MAX(seq), 0) + 1 AS BIGINT) FROM event_signups WHERE event_id = $1",
    )
    .bind(event_id)
    .fetch_one(&mut **tx)
    .await?;
    if let Some(old) = signup_of(tx, event_id, member_id).await? {
        sqlx::query(
            "UPDATE event_signups SET people = $1, status = $2, seq = $3, signed_by = $4, updated_at = $5,
                    walk_in = $7, waited = CASE WHEN $2 = 'waitlist' THEN 1 ELSE waited END
             WHERE id = $6",
        )
        .bind(people)
        .bind(status.as_str())
        .bind(seq)
        .bind(signed_by)
        .bind(now)
        .bind(old.id)
        .bind(i64::from(walk_in))
        .execute(&mut **tx)
        .await?;
        return Ok(old.id);
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO event_signups (event_id, member_id, people, status, seq, code, signed_by, walk_in, created_at, updated_at, waited)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, CASE WHEN $4 = 'waitlist' THEN 1 ELSE 0 END) RETURNING id",
    )
    .bind(event_id)
    .bind(member_id)
    .bind(people)
    .bind(status.as_str())
    .bind(seq)
    .bind(code)
    .bind(signed_by)
    .bind(i64::from(walk_in))
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

pub async fn set_signup(
    tx: &mut Tx,
    id: i64,
    status: SignupStatus,
    people: i64,
    now: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE event_signups SET status = $1, people = $2, updated_at = $3 WHERE id = $4")
        .bind(status.as_str())
        .bind(people)
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A waiting sign-up gets a place.
pub async fn promote(tx: &mut Tx, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE event_signups SET status = 'confirmed', promoted = 1, updated_at = $1 WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Takes back the things a member registered for an event (they cancelled).
pub async fn withdraw_items(
    tx: &mut Tx,
    event_id: i64,
    member_id: i64,
    now: i64,
) -> StoreResult<u64> {
    Ok(sqlx::query(
        "UPDATE listings SET status = 'withdrawn', updated_at = $3
         WHERE event_id = $1 AND owner_id = $2 AND status = 'open'",
    )
    .bind(event_id)
    .bind(member_id)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

/// Checks a sign-up in; false if it already was (a code works once).
pub async fn check_in(tx: &mut Tx, id: i64, by: i64, now: i64) -> StoreResult<bool> {
    let n = sqlx::query(
        "UPDATE event_signups SET checked_in_at = $1, checked_in_by = $2, updated_at = $1
         WHERE id = $3 AND checked_in_at IS NULL",
    )
    .bind(now)
    .bind(by)
    .bind(id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(n == 1)
}

pub async fn mark_reminded(tx: &mut Tx, id: i64, which: &str) -> StoreResult<()> {
    sqlx::query(
        "UPDATE event_signups SET reminded = CASE WHEN reminded = '' THEN $1 ELSE reminded || ',' || $1 END
         WHERE id = $2",
    )
    .bind(which)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records the stars once (when tapped): false if this sign-up already gave some.
pub async fn set_stars(tx: &mut Tx, id: i64, stars: i64) -> StoreResult<bool> {
    let n = sqlx::query("UPDATE event_signups SET stars = $1 WHERE id = $2 AND stars IS NULL")
        .bind(stars)
        .bind(id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// The comment and the wish for next time, after the stars.
pub async fn set_feedback_text(
    tx: &mut Tx,
    id: i64,
    comment: Option<&str>,
    next: Option<&str>,
) -> StoreResult<()> {
    sqlx::query("UPDATE event_signups SET comment = $1, next_wish = $2 WHERE id = $3")
        .bind(comment)
        .bind(next)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Wrong check-in codes a member typed since `since`, after recording one more if `miss`.
pub async fn misses(
    tx: &mut Tx,
    member_id: i64,
    since: i64,
    miss: Option<i64>,
) -> StoreResult<i64> {
    if let Some(at) = miss {
        sqlx::query("INSERT INTO checkin_misses (member_id, at) VALUES ($1, $2)")
            .bind(member_id)
            .bind(at)
            .execute(&mut **tx)
            .await?;
    }
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM checkin_misses WHERE member_id = $1 AND at >= $2")
            .bind(member_id)
            .bind(since)
            .fetch_one(&mut **tx)
            .await?,
    )
}

pub async fn add_volunteer(
    tx: &mut Tx,
    event_id: i64,
    member_id: i64,
    by: i64,
    now: i64,
) -> StoreResult<bool> {
    let n = sqlx::query(
        "INSERT INTO event_volunteers (event_id, member_id, added_by, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind(event_id)
    .bind(member_id)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(n == 1)
}

pub async fn volunteers(tx: &mut Tx, event_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT member_id FROM event_volunteers WHERE event_id = $1 ORDER BY created_at, member_id",
    )
    .bind(event_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// Marks a listing as one of the things a resident brings to an event.
pub async fn mark_item(tx: &mut Tx, listing_id: i64, event_id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE listings SET event_id = $1 WHERE id = $2")
        .bind(event_id)
        .bind(listing_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// An event's swap table: (listing id, title, category, owner's name, status), in order.
pub async fn items(
    tx: &mut Tx,
    event_id: i64,
) -> StoreResult<Vec<(i64, String, Option<String>, String, String)>> {
    let rows = sqlx::query(
        "SELECT l.id, l.title, l.category, m.name, l.status FROM listings l JOIN members m ON m.id = l.owner_id
         WHERE l.event_id = $1 AND l.status <> 'withdrawn' ORDER BY l.id",
    )
    .bind(event_id)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                r.try_get("title")?,
                r.try_get("category")?,
                r.try_get("name")?,
                r.try_get("status")?,
            ))
        })
        .collect()
}

/// How many things a member registered for an event.
pub async fn items_of(tx: &mut Tx, event_id: i64, member_id: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM listings WHERE event_id = $1 AND owner_id = $2 AND status <> 'withdrawn'",
    )
    .bind(event_id)
    .bind(member_id)
    .fetch_one(&mut **tx)
    .await?)
}

#[allow(clippy::too_many_arguments)]
pub async fn add_swap(
    tx: &mut Tx,
    event_id: i64,
    listing_a: i64,
    listing_b: Option<i64>,
    member_a: i64,
    member_b: i64,
    points: i64,
    by: i64,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO event_swaps (event_id, listing_a, listing_b, member_a, member_b, points, recorded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(event_id)
    .bind(listing_a)
    .bind(listing_b)
    .bind(member_a)
    .bind(member_b)
    .bind(points)
    .bind(by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

pub async fn add_photo(
    tx: &mut Tx,
    event_id: i64,
    file_id: &str,
    by: i64,
    now: i64,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO event_photos (event_id, file_id, added_by, created_at) VALUES ($1, $2, $3, $4)")
        .bind(event_id)
        .bind(file_id)
        .bind(by)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn photos(tx: &mut Tx, event_id: i64) -> StoreResult<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT file_id FROM event_photos WHERE event_id = $1 ORDER BY id")
            .bind(event_id)
            .fetch_all(&mut **tx)
            .await?,
    )
}

/// An event's figures for its report and `linli state --json`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub signed_up: i64,
    pub signups: i64,
    pub waitlist: i64,
    /// Sign-ups that were ever on the waitlist, and those of them who got a place.
    pub waited: i64,
    pub promoted: i64,
    pub cancelled: i64,
    pub checked_in: i64,
    pub no_shows: i64,
    pub walk_ins: i64,
    pub items: i64,
    pub swapped: i64,
    pub swaps: i64,
    pub points_paid: i64,
    pub ratings: i64,
    pub stars_sum: i64,
    pub photos: i64,
    pub volunteers: i64,
}

pub async fn figures(c: &mut sqlx::AnyConnection, e: &Event) -> StoreResult<Figures> {
    let r = sqlx::query(
        "SELECT
           CAST(COALESCE(SUM(CASE WHEN status = 'confirmed' AND walk_in = 0 THEN people ELSE 0 END), 0) AS BIGINT) AS signed_up,
           CAST(COALESCE(SUM(CASE WHEN status = 'confirmed' AND walk_in = 0 THEN 1 ELSE 0 END), 0) AS BIGINT) AS signups,
           CAST(COALESCE(SUM(waited), 0) AS BIGINT) AS waited,
           CAST(COALESCE(SUM(promoted), 0) AS BIGINT) AS promoted,
           CAST(COALESCE(SUM(CASE WHEN walk_in = 1 AND checked_in_at IS NOT NULL THEN people ELSE 0 END), 0) AS BIGINT) AS walked_in,
           CAST(COALESCE(SUM(CASE WHEN status = 'waitlist' THEN people ELSE 0 END), 0) AS BIGINT) AS waitlist,
           CAST(COALESCE(SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END), 0) AS BIGINT) AS cancelled,
           CAST(COALESCE(SUM(CASE WHEN checked_in_at IS NOT NULL THEN people ELSE 0 END), 0) AS BIGINT) AS checked_in,
           CAST(COALESCE(SUM(CASE WHEN status = 'confirmed' AND walk_in = 0 AND checked_in_at IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS no_shows,
           CAST(COALESCE(SUM(CASE WHEN stars IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS ratings,
           CAST(COALESCE(SUM(stars), 0) AS BIGINT) AS stars_sum
         FROM event_signups WHERE event_id = $1",
    )
    .bind(e.id)
    .fetch_one(&mut *c)
    .await?;
    let items = count(
        c,
        "SELECT COUNT(*) FROM listings WHERE event_id = $1 AND status <> 'withdrawn'",
        e.id,
    )
    .await?;
    let swapped = count(
        c,
        "SELECT COUNT(*) FROM listings WHERE event_id = $1 AND status = 'done'",
        e.id,
    )
    .await?;
    let swaps = count(
        c,
        "SELECT COUNT(*) FROM event_swaps WHERE event_id = $1",
        e.id,
    )
    .await?;
    let photos = count(
        c,
        "SELECT COUNT(*) FROM event_photos WHERE event_id = $1",
        e.id,
    )
    .await?;
    let volunteers = count(
        c,
        "SELECT COUNT(*) FROM event_volunteers WHERE event_id = $1",
        e.id,
    )
    .await?;
    let points_paid: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM transfers
         WHERE idem_key LIKE $1",
    )
    .bind(format!("event:{}:%", e.id))
    .fetch_one(&mut *c)
    .await?;
    Ok(Figures {
        signed_up: r.try_get("signed_up")?,
        signups: r.try_get("signups")?,
        waitlist: r.try_get("waitlist")?,
        cancelled: r.try_get("cancelled")?,
        waited: r.try_get("waited")?,
        promoted: r.try_get("promoted")?,
        checked_in: r.try_get::<i64, _>("checked_in")? + e.walk_ins,
        // Nobody is a no-show before the event is over.
        no_shows: if e.status == EventStatus::Done {
            r.try_get("no_shows")?
        } else {
            0
        },
        walk_ins: e.walk_ins + r.try_get::<i64, _>("walked_in")?,
        items,
        swapped,
        swaps,
        points_paid,
        ratings: r.try_get("ratings")?,
        stars_sum: r.try_get("stars_sum")?,
        photos,
        volunteers,
    })
}

async fn count(c: &mut sqlx::AnyConnection, sql: &'static str, id: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(sql).bind(id).fetch_one(&mut *c).await?)
}

/// Comments and "what next" wishes of an event's feedback.
pub async fn comments(
    c: &mut sqlx::AnyConnection,
    event_id: i64,
) -> StoreResult<(Vec<String>, Vec<String>)> {
    let rows = sqlx::query(
        "SELECT comment, next_wish FROM event_signups WHERE event_id = $1 AND stars IS NOT NULL ORDER BY seq",
    )
    .bind(event_id)
    .fetch_all(&mut *c)
    .await?;
    let mut comments = Vec::new();
    let mut next = Vec::new();
    for r in &rows {
        if let Some(t) = r.try_get::<Option<String>, _>("comment")? {
            comments.push(t);
        }
        if let Some(t) = r.try_get::<Option<String>, _>("next_wish")? {
            next.push(t);
        }
    }
    Ok((comments, next))
}

/// Every event, for `linli state --json`.
pub async fn all(c: &mut sqlx::AnyConnection) -> StoreResult<Vec<Event>> {
    let sql = format!("SELECT {EVENT_COLS} FROM events ORDER BY id");
    let rows = sqlx::query(&sql).fetch_all(&mut *c).await?;
    rows.iter().map(event_from).collect()
}

/// Every sign-up of an event with the member's name, for `linli state --json`.
pub async fn signups_named(
    c: &mut sqlx::AnyConnection,
    event_id: i64,
) -> StoreResult<Vec<(Signup, String)>> {
    let sql = format!(
        "SELECT s.{}, m.name FROM event_signups s JOIN members m ON m.id = s.member_id
         WHERE s.event_id = $1 ORDER BY s.seq",
        SIGNUP_COLS.replace(", ", ", s.")
    );
    let rows = sqlx::query(&sql).bind(event_id).fetch_all(&mut *c).await?;
    rows.iter()
        .map(|r| Ok((signup_from(r)?, r.try_get("name")?)))
        .collect()
}

/// The sent message id of an event's card in group `chat_id` (the console's `> #N` replies).
pub async fn card_message(
    c: &mut sqlx::AnyConnection,
    id: i64,
    chat_id: i64,
) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT o.sent_message_id FROM event_groups g JOIN outbox o ON o.id = g.card_outbox_id
         WHERE g.event_id = $1 AND o.chat_id = $2 AND o.sent_message_id IS NOT NULL",
    )
    .bind(id)
    .bind(chat_id)
    .fetch_optional(&mut *c)
    .await?
    .flatten())
}
