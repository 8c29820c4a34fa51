//! Helpers acting for residents: one-time codes, the agreements, who acts for whom now, what
//! they did, and wrong-code attempts.

use super::{StoreResult, Tx};

/// The resident `helper_id` acts for at `now` (locked), if any.
pub async fn acting_for(tx: &mut Tx, helper_id: i64, now: i64) -> StoreResult<Option<i64>> {
    let sql = format!(
        "SELECT a.resident_id FROM acting a JOIN helpers h ON h.resident_id = a.resident_id AND h.helper_id = a.helper_id
         WHERE a.helper_id = $1 AND a.until > $2 AND h.revoked_at IS NULL{}",
        tx.backend.for_update()
    );
    Ok(sqlx::query_scalar(&sql)
        .bind(helper_id)
        .bind(now)
        .fetch_optional(&mut **tx)
        .await?)
}

/// Starts (or moves on) acting: `helper_id` acts for `resident_id` until `until`.
pub async fn act(tx: &mut Tx, helper_id: i64, resident_id: i64, until: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO acting (helper_id, resident_id, until) VALUES ($1, $2, $3)
         ON CONFLICT (helper_id) DO UPDATE SET resident_id = EXCLUDED.resident_id, until = EXCLUDED.until",
    )
    .bind(helper_id)
    .bind(resident_id)
    .bind(until)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Stops acting, for a helper (`by_helper`) or for everyone acting for a resident.
pub async fn stop_acting(tx: &mut Tx, id: i64, by_helper: bool) -> StoreResult<()> {
    let sql = if by_helper {
        "DELETE FROM acting WHERE helper_id = $1"
    } else {
        "DELETE FROM acting WHERE resident_id = $1"
    };
    sqlx::query(sql).bind(id).execute(&mut **tx).await?;
    Ok(())
}

/// Writes what a helper did for a resident.
pub async fn record_acted(
    tx: &mut Tx,
    resident_id: i64,
    helper_id: i64,
    what: &str,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO acted (resident_id, helper_id, what, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(resident_id)
    .bind(helper_id)
    .bind(what)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The last things helpers did for a resident: (when, helper's name, what).
pub async fn acted(
    tx: &mut Tx,
    resident_id: i64,
    limit: i64,
) -> StoreResult<Vec<(i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT a.created_at, m.name, a.what FROM acted a JOIN members m ON m.id = a.helper_id
         WHERE a.resident_id = $1 ORDER BY a.id DESC LIMIT $2",
    )
    .bind(resident_id)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?)
}

/// Withdraws every agreement of a resident and kills their unused codes; returns how many
/// helpers lost it.
pub async fn revoke_all(tx: &mut Tx, resident_id: i64, now: i64) -> StoreResult<u64> {
    let n = sqlx::query(
        "UPDATE helpers SET revoked_at = $1 WHERE resident_id = $2 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(resident_id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    stop_acting(tx, resident_id, false).await?;
    sqlx::query("DELETE FROM helper_codes WHERE resident_id = $1 AND used_by IS NULL")
        .bind(resident_id)
        .execute(&mut **tx)
        .await?;
    Ok(n)
}

/// Saves a new code unless it is taken; true when saved.
pub async fn new_code(
    tx: &mut Tx,
    code: &str,
    resident_id: i64,
    expires_at: i64,
) -> StoreResult<bool> {
    let taken: Option<String> = sqlx::query_scalar("SELECT code FROM helper_codes WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?;
    if taken.is_some() {
        return Ok(false);
    }
    sqlx::query("INSERT INTO helper_codes (code, resident_id, expires_at) VALUES ($1, $2, $3)")
        .bind(code)
        .bind(resident_id)
        .bind(expires_at)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

/// Wrong codes a member tried since `since`.
pub async fn attempts_since(tx: &mut Tx, member_id: i64, since: i64) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM helper_attempts WHERE member_id = $1 AND at > $2")
            .bind(member_id)
            .bind(since)
            .fetch_one(&mut **tx)
            .await?,
    )
}

pub async fn record_attempt(tx: &mut Tx, member_id: i64, now: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO helper_attempts (member_id, at) VALUES ($1, $2)")
        .bind(member_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The resident of an unused, unexpired code (locked).
pub async fn code_owner(tx: &mut Tx, code: &str, now: i64) -> StoreResult<Option<i64>> {
    let sql = format!(
        "SELECT resident_id FROM helper_codes WHERE code = $1 AND used_by IS NULL AND expires_at > $2{}",
        tx.backend.for_update()
    );
    Ok(sqlx::query_scalar(&sql)
        .bind(code)
        .bind(now)
        .fetch_optional(&mut **tx)
        .await?)
}

/// Uses a code: `helper_id` now helps its resident.
pub async fn link(
    tx: &mut Tx,
    code: &str,
    resident_id: i64,
    helper_id: i64,
    now: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE helper_codes SET used_by = $1 WHERE code = $2")
        .bind(helper_id)
        .bind(code)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO helpers (resident_id, helper_id, granted_at) VALUES ($1, $2, $3)
         ON CONFLICT (resident_id, helper_id) DO UPDATE SET granted_at = EXCLUDED.granted_at, revoked_at = NULL",
    )
    .bind(resident_id)
    .bind(helper_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The residents a helper may act for: (id, name).
pub async fn residents_of(tx: &mut Tx, helper_id: i64) -> StoreResult<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT m.id, m.name FROM helpers h JOIN members m ON m.id = h.resident_id
         WHERE h.helper_id = $1 AND h.revoked_at IS NULL ORDER BY m.id",
    )
    .bind(helper_id)
    .fetch_all(&mut **tx)
    .await?)
}
