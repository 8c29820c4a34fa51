//! Loans: an item lent for a while, due back on a date.

use sqlx::Row;

use super::{opt_i64, StoreError, StoreResult, Tx};

#[derive(Debug, Clone)]
pub struct Loan {
    pub id: i64,
    pub listing_id: i64,
    pub claim_id: i64,
    pub lender_id: i64,
    pub borrower_id: i64,
    pub due_at: i64,
    pub active: bool,
    /// Days the borrower asked to add, waiting for the lender.
    pub extension_days: Option<i64>,
}

fn loan_from(r: &sqlx::any::AnyRow) -> StoreResult<Loan> {
    let status: String = r.try_get("status")?;
    Ok(Loan {
        id: r.try_get("id")?,
        listing_id: r.try_get("listing_id")?,
        claim_id: r.try_get("claim_id")?,
        lender_id: r.try_get("lender_id")?,
        borrower_id: r.try_get("borrower_id")?,
        due_at: r.try_get("due_at")?,
        active: match status.as_str() {
            "active" => true,
            "returned" => false,
            other => return Err(StoreError::Corrupt(format!("loan status {other}"))),
        },
        extension_days: opt_i64(r, "extension_days")?,
    })
}

const COLS: &str =
    "id, listing_id, claim_id, lender_id, borrower_id, due_at, status, extension_days";

pub async fn insert(
    tx: &mut Tx,
    listing_id: i64,
    claim_id: i64,
    lender: i64,
    borrower: i64,
    due_at: i64,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO loans (listing_id, claim_id, lender_id, borrower_id, due_at, status, created_at)
         VALUES ($1, $2, $3, $4, $5, 'active', $6) RETURNING id",
    )
    .bind(listing_id)
    .bind(claim_id)
    .bind(lender)
    .bind(borrower)
    .bind(due_at)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

pub async fn get(tx: &mut Tx, id: i64) -> StoreResult<Option<Loan>> {
    let row = sqlx::query(&format!("SELECT {COLS} FROM loans WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(loan_from).transpose()
}

pub async fn by_listing(tx: &mut Tx, listing_id: i64) -> StoreResult<Option<Loan>> {
    let row = sqlx::query(&format!(
        "SELECT {COLS} FROM loans WHERE listing_id = $1 AND status = 'active'"
    ))
    .bind(listing_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.as_ref().map(loan_from).transpose()
}

/// The loans out now that `member` lent (`as_lender`) or borrowed, oldest first.
pub async fn active_of(tx: &mut Tx, member: i64, as_lender: bool) -> StoreResult<Vec<Loan>> {
    let who = if as_lender {
        "lender_id"
    } else {
        "borrower_id"
    };
    let rows = sqlx::query(&format!(
        "SELECT {COLS} FROM loans WHERE {who} = $1 AND status = 'active' ORDER BY id"
    ))
    .bind(member)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(loan_from).collect()
}

pub async fn set_returned(tx: &mut Tx, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE loans SET status = 'returned', returned_at = $2, extension_days = NULL WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_extension(tx: &mut Tx, id: i64, days: Option<i64>) -> StoreResult<()> {
    sqlx::query("UPDATE loans SET extension_days = $2 WHERE id = $1")
        .bind(id)
        .bind(days)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_due(tx: &mut Tx, id: i64, due_at: i64) -> StoreResult<()> {
    sqlx::query("UPDATE loans SET due_at = $2, extension_days = NULL WHERE id = $1")
        .bind(id)
        .bind(due_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
