//! The workers' desk: a community's figures for a period (`/stats`), its rows for CSV exports
//! (`/export`, `linli export`) and the audit trail (`/audit`). Periods are [from, to) in Unix
//! seconds.

use sqlx::Row;

use super::{StoreResult, Tx};

/// A community's figures for a period; "now" figures (open cases, pool) at the time asked.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub residents: i64,
    pub new_residents: i64,
    pub active_residents: i64,
    /// Listings posted, by kind and resource: offers and requests of items, services, skills.
    pub offers_item: i64,
    pub offers_service: i64,
    pub offers_skill: i64,
    pub requests_item: i64,
    pub requests_service: i64,
    pub requests_skill: i64,
    pub handovers: i64,
    pub loans: i64,
    pub points_moved: i64,
    pub points_issued: i64,
    pub pool: i64,
    pub reports_opened: i64,
    pub reports_settled: i64,
    pub reports_open: i64,
    pub disputes_opened: i64,
    pub disputes_settled: i64,
    pub disputes_open: i64,
    /// Average hours from opening to settling, of the disputes settled in the period.
    pub dispute_hours: Option<i64>,
    pub events: i64,
    pub signed_up: i64,
    pub checked_in: i64,
}

/// Leaves out the community's social workers (`{m}`: the member id column): they are no
/// residents.
const NOT_WORKER: &str = "AND NOT EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = {m} AND r.community_id IN (0, $1) AND r.role = 'worker')";

/// A figure of community `c` now.
async fn now(tx: &mut Tx, sql: &str, c: i64) -> StoreResult<i64> {
    let n: Option<i64> = sqlx::query_scalar(sql)
        .bind(c)
        .fetch_optional(&mut **tx)
        .await?
        .flatten();
    Ok(n.unwrap_or(0))
}

/// A figure of community `c` for [from, to) (`$1`, `$2`, `$3`).
async fn count(tx: &mut Tx, sql: &str, c: i64, from: i64, to: i64) -> StoreResult<i64> {
    let n: Option<i64> = sqlx::query_scalar(sql)
        .bind(c)
        .bind(from)
        .bind(to)
        .fetch_one(&mut **tx)
        .await?;
    Ok(n.unwrap_or(0))
}

/// The figures of community `c` for [from, to). `workers`: the social workers named for it in
/// `bot.toml` (they are no residents either, though they have no role row).
pub async fn stats(tx: &mut Tx, c: i64, from: i64, to: i64, workers: &[i64]) -> StoreResult<Stats> {
    let not_named = |m: &str| -> String {
        if workers.is_empty() {
            return String::new();
        }
        let ids: Vec<String> = workers.iter().map(|w| w.to_string()).collect();
        format!(" AND {m} NOT IN ({})", ids.join(", "))
    };
    let mut s = Stats {
        residents: now(
            tx,
            &format!(
                "SELECT COUNT(*) FROM memberships s WHERE s.community_id = $1 AND s.joined_at < {to} {}{}",
                NOT_WORKER.replace("{m}", "s.member_id"),
                not_named("s.member_id")
            ),
            c,
        )
        .await?,
        new_residents: count(
            tx,
            &format!(
                "SELECT COUNT(*) FROM memberships s WHERE s.community_id = $1 AND s.joined_at >= $2 AND s.joined_at < $3 {}{}",
                NOT_WORKER.replace("{m}", "s.member_id"),
                not_named("s.member_id")
            ),
            c,
            from,
            to,
        )
        .await?,
        active_residents: count(
            tx,
            &format!(
                "SELECT COUNT(*) FROM (
                   SELECT owner_id AS m FROM listings WHERE community_id = $1 AND created_at >= $2 AND created_at < $3
                   UNION SELECT cl.claimer_id FROM claims cl JOIN listings l ON l.id = cl.listing_id
                     WHERE l.community_id = $1 AND cl.created_at >= $2 AND cl.created_at < $3
                   UNION SELECT s.member_id FROM event_signups s JOIN events e ON e.id = s.event_id
                     WHERE e.community_id = $1 AND s.checked_in_at >= $2 AND s.checked_in_at < $3) a
                 WHERE 1 = 1 {}{}",
                NOT_WORKER.replace("{m}", "a.m"),
                not_named("a.m")
            ),
            c,
            from,
            to,
        )
        .await?,
        ..Stats::default()
    };
    let rows = sqlx::query(
        "SELECT kind, resource, COUNT(*) AS n FROM listings
         WHERE community_id = $1 AND created_at >= $2 AND created_at < $3 AND event_id IS NULL
         GROUP BY kind, resource",
    )
    .bind(c)
    .bind(from)
    .bind(to)
    .fetch_all(&mut **tx)
    .await?;
    for r in rows {
        let kind: String = r.try_get("kind")?;
        let resource: String = r.try_get("resource")?;
        let n: i64 = r.try_get("n")?;
        let slot = match (kind.as_str(), resource.as_str()) {
            ("offer", "item") => &mut s.offers_item,
            ("offer", "service") => &mut s.offers_service,
            ("offer", _) => &mut s.offers_skill,
            ("request", "item") => &mut s.requests_item,
            ("request", "service") => &mut s.requests_service,
            _ => &mut s.requests_skill,
        };
        *slot += n;
    }
    s.handovers = count(
        tx,
        "SELECT COUNT(*) FROM claims cl JOIN listings l ON l.id = cl.listing_id
         WHERE l.community_id = $1 AND cl.status = 'confirmed' AND cl.updated_at >= $2 AND cl.updated_at < $3
           AND NOT EXISTS (SELECT 1 FROM loans o WHERE o.claim_id = cl.id)",
        c,
        from,
        to,
    )
    .await?;
    s.loans = count(
        tx,
        "SELECT COUNT(*) FROM loans o JOIN listings l ON l.id = o.listing_id
         WHERE l.community_id = $1 AND o.created_at >= $2 AND o.created_at < $3",
        c,
        from,
        to,
    )
    .await?;
    points(tx, &mut s, c, from, to).await?;
    cases(tx, &mut s, c, from, to).await?;
    events(tx, &mut s, c, from, to).await?;
    Ok(s)
}

/// Points moved by hand-overs, issued (net of reversals), and the pool now.
async fn points(tx: &mut Tx, s: &mut Stats, c: i64, from: i64, to: i64) -> StoreResult<()> {
    s.points_moved = count(
        tx,
        "SELECT CAST(SUM(amount) AS BIGINT) FROM transfers
         WHERE community_id = $1 AND kind = 'release' AND actor_id IS NULL
           AND created_at >= $2 AND created_at < $3",
        c,
        from,
        to,
    )
    .await?;
    // Issued, less what a worker's reversal took back into the issuance account.
    s.points_issued = count(
        tx,
        "SELECT CAST(COALESCE(SUM(CASE WHEN fa.kind = 'issuance' THEN t.amount ELSE 0 END), 0)
                   - COALESCE(SUM(CASE WHEN t.kind = 'reverse' AND ta.kind = 'issuance' THEN t.amount ELSE 0 END), 0) AS BIGINT)
         FROM transfers t JOIN accounts fa ON fa.id = t.from_account JOIN accounts ta ON ta.id = t.to_account
         WHERE t.community_id = $1 AND t.created_at >= $2 AND t.created_at < $3",
        c,
        from,
        to,
    )
    .await?;
    s.pool = now(
        tx,
        "SELECT balance FROM accounts WHERE community_id = $1 AND kind = 'pool'",
        c,
    )
    .await?;
    Ok(())
}

async fn cases(tx: &mut Tx, s: &mut Stats, c: i64, from: i64, to: i64) -> StoreResult<()> {
    s.reports_opened = count(
        tx,
        "SELECT COUNT(*) FROM reports WHERE community_id = $1 AND created_at >= $2 AND created_at < $3",
        c,
        from,
        to,
    )
    .await?;
    s.reports_settled = count(
        tx,
        "SELECT COUNT(*) FROM reports WHERE community_id = $1 AND decided_at >= $2 AND decided_at < $3",
        c,
        from,
        to,
    )
    .await?;
    // Open at the end of the period (not today, for a past period).
    s.reports_open = now(
        tx,
        &format!(
            "SELECT COUNT(*) FROM reports WHERE community_id = $1 AND created_at < {to}
               AND (decided_at IS NULL OR decided_at >= {to})"
        ),
        c,
    )
    .await?;
    s.disputes_opened = count(
        tx,
        "SELECT COUNT(*) FROM disputes WHERE community_id = $1 AND created_at >= $2 AND created_at < $3",
        c,
        from,
        to,
    )
    .await?;
    s.disputes_settled = count(
        tx,
        "SELECT COUNT(*) FROM disputes WHERE community_id = $1 AND resolved_at >= $2 AND resolved_at < $3",
        c,
        from,
        to,
    )
    .await?;
    s.disputes_open = now(
        tx,
        &format!(
            "SELECT COUNT(*) FROM disputes WHERE community_id = $1 AND created_at < {to}
               AND (resolved_at IS NULL OR resolved_at >= {to})"
        ),
        c,
    )
    .await?;
    let secs = count(
        tx,
        "SELECT CAST(SUM(resolved_at - created_at) AS BIGINT) FROM disputes
         WHERE community_id = $1 AND resolved_at >= $2 AND resolved_at < $3",
        c,
        from,
        to,
    )
    .await?;
    s.dispute_hours = (s.disputes_settled > 0).then(|| secs / s.disputes_settled / 3600);
    Ok(())
}

async fn events(tx: &mut Tx, s: &mut Stats, c: i64, from: i64, to: i64) -> StoreResult<()> {
    s.events = count(
        tx,
        "SELECT COUNT(*) FROM events WHERE community_id = $1 AND starts_at >= $2 AND starts_at < $3 AND status <> 'cancelled'",
        c,
        from,
        to,
    )
    .await?;
    s.signed_up = count(
        tx,
        "SELECT CAST(SUM(s.people) AS BIGINT) FROM event_signups s JOIN events e ON e.id = s.event_id
         WHERE e.community_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3 AND e.status <> 'cancelled'
           AND s.status = 'confirmed' AND s.walk_in = 0",
        c,
        from,
        to,
    )
    .await?;
    s.checked_in = count(
        tx,
        "SELECT CAST(SUM(s.people) AS BIGINT) FROM event_signups s JOIN events e ON e.id = s.event_id
         WHERE e.community_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3 AND s.checked_in_at IS NOT NULL",
        c,
        from,
        to,
    )
    .await?;
    Ok(())
}

/// One cell of an exported row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Num(i64),
    /// A time (Unix seconds), or none.
    At(Option<i64>),
}

/// The tables a community's export holds, in order.
pub const EXPORTS: &[&str] = &[
    "listings",
    "handovers",
    "ledger",
    "events",
    "attendance",
    "surveys",
];

/// The columns of the survey answers' CSV.
pub const SURVEY_HEADER: &[&str] = &[
    "survey",
    "kind",
    "title",
    "question",
    "question_text",
    "member",
    "option",
    "answer",
    "time",
];

/// Survey answers given in [from, to) in community `c` (of one survey, when given): one row
/// per resident and question, the option's number and words, or the words written.
pub async fn survey_rows(
    tx: &mut Tx,
    survey: Option<i64>,
    c: i64,
    from: i64,
    to: i64,
) -> StoreResult<Vec<Vec<Cell>>> {
    let rows = sqlx::query(
        "SELECT s.id, s.kind, s.title, a.n, q.text AS question, q.options, m.name, a.choice, a.text, a.at
         FROM survey_answers a JOIN surveys s ON s.id = a.survey_id
         JOIN survey_questions q ON q.survey_id = a.survey_id AND q.n = a.n
         JOIN members m ON m.id = a.member_id
         WHERE s.community_id = $1 AND a.at >= $2 AND a.at < $3 AND ($4 = 0 OR s.id = $4)
         ORDER BY s.id, a.n, a.at, m.name",
    )
    .bind(c)
    .bind(from)
    .bind(to)
    .bind(survey.unwrap_or(0))
    .fetch_all(&mut **tx)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let options: String = r.try_get("options")?;
        let options: Vec<String> = serde_json::from_str(&options).unwrap_or_default();
        let choice = super::opt_i64(r, "choice")?;
        let answer = match choice {
            Some(k) => options
                .get((k - 1).max(0) as usize)
                .cloned()
                .unwrap_or_default(),
            None => r.try_get::<Option<String>, _>("text")?.unwrap_or_default(),
        };
        out.push(vec![
            Cell::Num(r.try_get("id")?),
            Cell::Text(r.try_get("kind")?),
            Cell::Text(r.try_get("title")?),
            Cell::Num(r.try_get("n")?),
            Cell::Text(r.try_get("question")?),
            Cell::Text(r.try_get("name")?),
            choice.map_or(Cell::Text(String::new()), Cell::Num),
            Cell::Text(answer),
            Cell::At(Some(r.try_get("at")?)),
        ]);
    }
    Ok(out)
}

/// The header and rows of one export table for community `c` and [from, to).
pub async fn export_rows(
    tx: &mut Tx,
    table: &str,
    c: i64,
    from: i64,
    to: i64,
) -> StoreResult<(Vec<&'static str>, Vec<Vec<Cell>>)> {
    use Cell::{At, Num, Text};
    if table == "surveys" {
        let rows = survey_rows(tx, None, c, from, to).await?;
        return Ok((SURVEY_HEADER.to_vec(), rows));
    }
    let (header, sql): (Vec<&'static str>, &str) = match table {
        "listings" => (
            vec!["id", "created", "kind", "resource", "title", "category", "points", "status", "owner"],
            "SELECT l.id, l.created_at, l.kind, l.resource, l.title, COALESCE(l.category, '') AS category,
                    l.points, l.status, m.name
             FROM listings l JOIN members m ON m.id = l.owner_id
             WHERE l.community_id = $1 AND l.created_at >= $2 AND l.created_at < $3 ORDER BY l.id",
        ),
        "handovers" => (
            vec!["claim", "listing", "title", "giver", "receiver", "points", "status", "claimed", "changed", "loan"],
            "SELECT cl.id, cl.listing_id, l.title, g.name AS giver, r.name AS receiver, cl.points, cl.status,
                    cl.created_at, cl.updated_at,
                    CASE WHEN EXISTS (SELECT 1 FROM loans o WHERE o.claim_id = cl.id) THEN 'yes' ELSE 'no' END AS loan
             FROM claims cl JOIN listings l ON l.id = cl.listing_id
             JOIN members g ON g.id = cl.giver_id JOIN members r ON r.id = cl.receiver_id
             WHERE l.community_id = $1 AND cl.created_at >= $2 AND cl.created_at < $3 ORDER BY cl.id",
        ),
        "ledger" => (
            vec!["transfer", "time", "kind", "from", "to", "amount", "reason", "by", "corrects"],
            "SELECT t.id, t.created_at, t.kind,
                    CASE WHEN fa.kind = 'member' THEN fm.name ELSE fa.kind END AS from_side,
                    CASE WHEN ta.kind = 'member' THEN tm.name ELSE ta.kind END AS to_side,
                    t.amount, t.memo, COALESCE(w.name, '') AS actor, COALESCE(t.corrects, 0) AS corrects
             FROM transfers t
             JOIN accounts fa ON fa.id = t.from_account LEFT JOIN members fm ON fm.id = fa.member_id
             JOIN accounts ta ON ta.id = t.to_account LEFT JOIN members tm ON tm.id = ta.member_id
             LEFT JOIN members w ON w.id = t.actor_id
             WHERE t.community_id = $1 AND t.created_at >= $2 AND t.created_at < $3 ORDER BY t.id",
        ),
        "events" => (
            vec!["event", "starts", "title", "place", "capacity", "signed_up", "waitlist", "checked_in", "status"],
            "SELECT e.id, e.starts_at, e.title, e.place, e.capacity,
                    CAST(COALESCE((SELECT SUM(s.people) FROM event_signups s WHERE s.event_id = e.id AND s.status = 'confirmed' AND s.walk_in = 0), 0) AS BIGINT) AS signed_up,
                    CAST(COALESCE((SELECT SUM(s.people) FROM event_signups s WHERE s.event_id = e.id AND s.status = 'waitlist'), 0) AS BIGINT) AS waitlist,
                    CAST(COALESCE((SELECT SUM(s.people) FROM event_signups s WHERE s.event_id = e.id AND s.checked_in_at IS NOT NULL), 0) AS BIGINT) AS checked_in,
                    e.status
             FROM events e WHERE e.community_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3 ORDER BY e.id",
        ),
        _ => (
            vec!["event", "member", "people", "status", "walk_in", "checked_in"],
            "SELECT s.event_id, m.name, s.people, s.status, s.walk_in, s.checked_in_at
             FROM event_signups s JOIN events e ON e.id = s.event_id JOIN members m ON m.id = s.member_id
             WHERE e.community_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3 ORDER BY s.event_id, s.seq",
        ),
    };
    let rows = sqlx::query(sql)
        .bind(c)
        .bind(from)
        .bind(to)
        .fetch_all(&mut **tx)
        .await?;
    let times: &[usize] = match table {
        "listings" | "ledger" => &[1],
        "handovers" => &[7, 8],
        "events" => &[1],
        _ => &[5],
    };
    let mut out = Vec::new();
    for r in &rows {
        let mut cells = Vec::new();
        for i in 0..header.len() {
            let cell = if times.contains(&i) {
                At(r.try_get::<Option<i64>, _>(i)?)
            } else if let Ok(n) = r.try_get::<i64, _>(i) {
                Num(n)
            } else {
                Text(r.try_get::<String, _>(i)?)
            };
            cells.push(cell);
        }
        out.push(cells);
    }
    Ok((header, out))
}

/// One line of the audit trail: when, who, what, whom, why, and the points moved.
#[derive(Debug, Clone)]
pub struct AuditLine {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub target: Option<String>,
    pub reason: String,
    pub amount: Option<i64>,
    pub community: String,
}

/// The latest `limit` worker actions in `communities`, newest first.
pub async fn audit_lines(
    tx: &mut Tx,
    communities: &[i64],
    limit: i64,
) -> StoreResult<Vec<AuditLine>> {
    if communities.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = communities.iter().map(|c| c.to_string()).collect();
    let sql = format!(
        "SELECT a.created_at, COALESCE(w.name, '') AS actor, a.action,
                COALESCE(t.name, xm.name) AS target, a.reason,
                CASE WHEN fa.kind = 'member' AND (fa.member_id = a.target_id OR a.target_id IS NULL)
                     THEN -x.amount ELSE x.amount END AS amount,
                c.title
         FROM audit a JOIN communities c ON c.id = a.community_id
         LEFT JOIN members w ON w.id = a.actor_id LEFT JOIN members t ON t.id = a.target_id
         LEFT JOIN transfers x ON x.id = a.transfer_id
         LEFT JOIN accounts fa ON fa.id = x.from_account
         LEFT JOIN accounts ta ON ta.id = x.to_account
         LEFT JOIN members xm ON xm.id = CASE WHEN fa.kind = 'member' THEN fa.member_id ELSE ta.member_id END
         WHERE a.community_id IN ({}) ORDER BY a.id DESC LIMIT $1",
        list.join(", ")
    );
    let rows = sqlx::query(&sql).bind(limit).fetch_all(&mut **tx).await?;
    rows.iter()
        .map(|r| {
            Ok(AuditLine {
                at: r.try_get("created_at")?,
                actor: r.try_get("actor")?,
                action: r.try_get("action")?,
                target: r.try_get("target")?,
                reason: r.try_get("reason")?,
                amount: r.try_get("amount")?,
                community: r.try_get("title")?,
            })
        })
        .collect()
}

/// Requests of community `c` made since `since` that were not met: still open, or expired
/// unanswered (a request taken down by its owner may have been met elsewhere): (title,
/// category, created at).
pub async fn unmet_requests(
    tx: &mut Tx,
    c: i64,
    since: i64,
) -> StoreResult<Vec<(String, Option<String>, i64)>> {
    Ok(sqlx::query_as(
        "SELECT title, category, created_at FROM listings
         WHERE community_id = $1 AND kind = 'request' AND created_at >= $2
           AND status IN ('open', 'expired') AND event_id IS NULL
         ORDER BY created_at",
    )
    .bind(c)
    .bind(since)
    .fetch_all(&mut **tx)
    .await?)
}
