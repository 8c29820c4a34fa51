//! `linli state --json`: one JSON object describing the database (docs/console.md).

use serde_json::{json, Value};
use sqlx::{AnyConnection, Row};

use super::{Store, StoreResult};

/// The state object of the console spec. Keys may be added, never renamed.
pub async fn snapshot(store: &Store) -> StoreResult<Value> {
    snapshot_in(store, chrono_tz::Asia::Shanghai).await
}

/// The state object, with times shown in `tz` (the community time zone).
pub async fn snapshot_in(store: &Store, tz: chrono_tz::Tz) -> StoreResult<Value> {
    let mut c = store.pool().acquire().await?;
    let members = read_members(&mut c).await?;
    let listings = read_listings(&mut c).await?;
    let ledger = read_ledger(&mut c).await?;
    let loans = read_loans(&mut c, tz).await?;
    let disputes = read_disputes(&mut c).await?;
    let reports = read_reports(&mut c).await?;
    let tickets = read_tickets(&mut c).await?;
    let events = read_events(&mut c).await?;
    let emergencies = super::emergency::all(&mut c).await?;
    let surveys = super::surveys::all(&mut c).await?;
    let wishes: Vec<Value> = super::search::all_wishes(&mut c)
        .await?
        .into_iter()
        .map(|(member, text, active, expires)| {
            json!({"member": member, "text": text, "active": active, "expires_at": expires})
        })
        .collect();
    let pending: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending', 'held')",
    )
    .fetch_one(&mut *c)
    .await?;
    Ok(json!({
        "members": members,
        "listings": listings,
        "ledger": ledger,
        "loans": loans,
        "disputes": disputes,
        "reports": reports,
        "tickets": tickets,
        "events": events,
        "wishes": wishes,
        "emergencies": emergencies,
        "surveys": surveys,
        "outbox": {"unsent": pending},
    }))
}

/// Read every member with their balance, the points held on their pending and accepted claims,
/// the points frozen by open disputes, their credit and their roles.
async fn read_members(c: &mut AnyConnection) -> StoreResult<Vec<Value>> {
    let members = sqlx::query(
        "SELECT m.id, m.name, m.credit,
                CAST(COALESCE((SELECT SUM(e.amount) FROM entries e JOIN accounts a ON a.id = e.account_id
                               WHERE a.kind = 'member' AND a.member_id = m.id), 0) AS BIGINT) AS balance,
                CAST(COALESCE((SELECT SUM(cl.points) FROM claims cl
                               WHERE cl.receiver_id = m.id AND cl.hold_transfer_id IS NOT NULL
                                 AND cl.status IN ('pending', 'accepted')), 0) AS BIGINT) AS held,
                CAST(COALESCE((SELECT SUM(d.frozen) FROM disputes d
                               WHERE d.frozen_from = m.id AND d.status IN ('open', 'taken')), 0) AS BIGINT) AS frozen,
                CAST(COALESCE((SELECT SUM(b.amount - b.repaid) FROM debts b WHERE b.member_id = m.id), 0) AS BIGINT) AS debt,
                m.recommend,
                CAST((SELECT COUNT(*) FROM interests i WHERE i.member_id = m.id) AS BIGINT) AS interests,
                CAST((SELECT COUNT(*) FROM suggestions s WHERE s.member_id = m.id) AS BIGINT) AS suggestions
         FROM members m ORDER BY m.id",
    )
    .fetch_all(&mut *c)
    .await?;
    let mut member_values = Vec::new();
    let priority = super::priority::marked(c).await?;
    for r in &members {
        let id: i64 = r.try_get("id")?;
        let roles: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT role FROM member_roles WHERE member_id = $1 ORDER BY role",
        )
        .bind(id)
        .fetch_all(&mut *c)
        .await?;
        member_values.push(json!({
            "name": r.try_get::<String, _>("name")?,
            "id": id,
            "balance": r.try_get::<i64, _>("balance")?,
            "held": r.try_get::<i64, _>("held")?,
            "frozen": r.try_get::<i64, _>("frozen")?,
            "credit": r.try_get::<i64, _>("credit")?,
            "debt": r.try_get::<i64, _>("debt")?,
            "priority": priority.contains(&id),
            "recommend": r.try_get::<i64, _>("recommend")? == 1,
            "interests": r.try_get::<i64, _>("interests")?,
            "suggestions": r.try_get::<i64, _>("suggestions")?,
            "roles": roles,
        }));
    }
    Ok(member_values)
}

/// Read every ticket (a resident's request to the workers) with the resident's and the
/// worker's names.
async fn read_tickets(c: &mut AnyConnection) -> StoreResult<Vec<Value>> {
    sqlx::query(
        "SELECT t.id, t.kind, t.status, m.name AS member, w.name AS worker
         FROM tickets t JOIN members m ON m.id = t.member_id LEFT JOIN members w ON w.id = t.taken_by ORDER BY t.id",
    )
    .fetch_all(&mut *c)
    .await?
    .iter()
    .map(|r| {
        Ok(json!({
            "id": r.try_get::<i64, _>("id")?,
            "kind": r.try_get::<String, _>("kind")?,
            "status": r.try_get::<String, _>("status")?,
            "member": r.try_get::<String, _>("member")?,
            "taken_by": r.try_get::<Option<String>, _>("worker")?,
        }))
    })
    .collect::<StoreResult<Vec<_>>>()
}

/// Read every listing with its owner's name and its community's title.
async fn read_listings(c: &mut AnyConnection) -> StoreResult<Vec<Value>> {
    sqlx::query(
        "SELECT l.id, l.kind, l.resource, l.title, l.status, l.points, l.review, l.verified, m.name AS owner, c.title AS community
         FROM listings l JOIN members m ON m.id = l.owner_id JOIN communities c ON c.id = l.community_id ORDER BY l.id",
    )
    .fetch_all(&mut *c)
    .await?
    .iter()
    .map(|r| {
        Ok(json!({
            "id": r.try_get::<i64, _>("id")?,
            "kind": r.try_get::<String, _>("kind")?,
            "resource": r.try_get::<String, _>("resource")?,
            "title": r.try_get::<String, _>("title")?,
            "status": r.try_get::<String, _>("status")?,
            "points": r.try_get::<i64, _>("points")?,
            "owner": r.try_get::<String, _>("owner")?,
            "review": r.try_get::<String, _>("review")?,
            "verified": r.try_get::<i64, _>("verified")? != 0,
            "community": r.try_get::<String, _>("community")?,
        }))
    })
    .collect::<StoreResult<Vec<_>>>()
}

/// Read the ledger's totals: the number of entries and their sum (0 when the books balance),
/// the escrow and pool balances, and the points issued (the issuance accounts' negated sum).
async fn read_ledger(c: &mut AnyConnection) -> StoreResult<Value> {
    let ledger = sqlx::query(
        "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS s FROM entries",
    )
    .fetch_one(&mut *c)
    .await?;
    let accounts = |kind: &'static str| {
        format!(
            "SELECT CAST(COALESCE(SUM(e.amount), 0) AS BIGINT) FROM entries e JOIN accounts a ON a.id = e.account_id WHERE a.kind = '{kind}'"
        )
    };
    let escrow: i64 = sqlx::query_scalar(&accounts("escrow"))
        .fetch_one(&mut *c)
        .await?;
    let pool: i64 = sqlx::query_scalar(&accounts("pool"))
        .fetch_one(&mut *c)
        .await?;
    let issued: i64 = sqlx::query_scalar(&accounts("issuance"))
        .fetch_one(&mut *c)
        .await?;
    Ok(json!({
        "entries": ledger.try_get::<i64, _>("n")?,
        "sum": ledger.try_get::<i64, _>("s")?,
        "escrow": escrow,
        "pool": pool,
        "issued": -issued,
    }))
}

/// Read every loan with its borrower's name and its due time shown in `tz`.
async fn read_loans(c: &mut AnyConnection, tz: chrono_tz::Tz) -> StoreResult<Vec<Value>> {
    sqlx::query(
        "SELECT lo.id, lo.listing_id, m.name AS borrower, lo.status, lo.due_at FROM loans lo JOIN members m ON m.id = lo.borrower_id ORDER BY lo.id",
    )
    .fetch_all(&mut *c)
    .await?
    .iter()
    .map(|r| {
        let due: i64 = r.try_get("due_at")?;
        let due = chrono::DateTime::from_timestamp(due, 0).unwrap_or_default().with_timezone(&tz).to_rfc3339();
        Ok(json!({
            "id": r.try_get::<i64, _>("id")?,
            "listing": r.try_get::<i64, _>("listing_id")?,
            "borrower": r.try_get::<String, _>("borrower")?,
            "status": r.try_get::<String, _>("status")?,
            "due": due,
        }))
    })
    .collect::<StoreResult<Vec<_>>>()
}

/// Read every dispute with the names of who opened it, who it is against and the worker who
/// took it.
async fn read_disputes(c: &mut AnyConnection) -> StoreResult<Vec<Value>> {
    sqlx::query(
        "SELECT d.id, d.status, d.category, d.listing_id, d.frozen, d.shortfall, d.outcome_points,
                o.name AS opened_by, a.name AS against, w.name AS taken_by
         FROM disputes d JOIN members o ON o.id = d.opened_by JOIN members a ON a.id = d.against_id
         LEFT JOIN members w ON w.id = d.taken_by ORDER BY d.id",
    )
    .fetch_all(&mut *c)
    .await?
    .iter()
    .map(|r| {
        Ok(json!({
            "id": r.try_get::<i64, _>("id")?,
            "status": r.try_get::<String, _>("status")?,
            "opened_by": r.try_get::<String, _>("opened_by")?,
            "against": r.try_get::<String, _>("against")?,
            "listing": r.try_get::<i64, _>("listing_id")?,
            "category": r.try_get::<String, _>("category")?,
            "frozen": r.try_get::<i64, _>("frozen")?,
            "shortfall": r.try_get::<i64, _>("shortfall")?,
            "outcome_points": r.try_get::<Option<i64>, _>("outcome_points")?,
            "taken_by": r.try_get::<Option<String>, _>("taken_by")?,
        }))
    })
    .collect::<StoreResult<Vec<_>>>()
}

/// Read every report with its reporter's name.
async fn read_reports(c: &mut AnyConnection) -> StoreResult<Vec<Value>> {
    sqlx::query(
        "SELECT r.id, r.listing_id, r.status, r.category, m.name AS reporter
         FROM reports r JOIN members m ON m.id = r.reporter_id ORDER BY r.id",
    )
    .fetch_all(&mut *c)
    .await?
    .iter()
    .map(|r| {
        Ok(json!({
            "id": r.try_get::<i64, _>("id")?,
            "listing": r.try_get::<Option<i64>, _>("listing_id")?,
            "status": r.try_get::<String, _>("status")?,
            "category": r.try_get::<String, _>("category")?,
            "reporter": r.try_get::<String, _>("reporter")?,
        }))
    })
    .collect::<StoreResult<Vec<_>>>()
}

/// Every event with its figures (the same as the workers' report) and its sign-ups.
async fn read_events(c: &mut AnyConnection) -> StoreResult<Vec<Value>> {
    let mut out = Vec::new();
    for e in super::events::all(c).await? {
        let f = super::events::figures(c, &e).await?;
        let signups: Vec<Value> = super::events::signups_named(c, e.id)
            .await?
            .into_iter()
            .map(|(s, name)| {
                json!({"member": name, "people": s.people, "status": s.status.as_str(),
                       "checked_in": s.checked_in_at.is_some(), "walk_in": s.walk_in,
                       "code": s.code, "stars": s.stars, "reminded": s.reminded})
            })
            .collect();
        let rating = if f.ratings > 0 {
            json!((f.stars_sum as f64 / f.ratings as f64 * 10.0).round() / 10.0)
        } else {
            Value::Null
        };
        out.push(json!({
            "id": e.id, "title": e.title, "capacity": e.capacity, "signed_up": f.signed_up,
            "waitlist": f.waitlist, "checked_in": f.checked_in, "status": e.status.as_str(),
            "no_shows": f.no_shows, "walk_ins": f.walk_ins, "items": f.items, "swapped": f.swapped,
            "swaps": f.swaps, "points_paid": f.points_paid, "ratings": f.ratings, "rating": rating,
            "photos": f.photos, "volunteers": f.volunteers, "series_of": e.series_of,
            "starts_at": e.starts_at, "signups": signups,
        }));
    }
    Ok(out)
}
