//! The points ledger: double-entry transfers between accounts, each with an idempotency key.
//!
//! Every transfer is two entries that sum to zero; entries are never changed (the databases'
//! triggers refuse it). Balances are derived from the journal. A member's account may not go
//! below `min_balance` nor above `max_balance`; the community's own accounts (issuance,
//! escrow, pool) have no limits.

use sqlx::Row;

use crate::domain::{AccountKind, TransferKind};
use crate::store::{StoreError, Tx};

/// Balance limits of member accounts.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub min_balance: i64,
    pub max_balance: i64,
}

/// A transfer to record.
#[derive(Debug, Clone)]
pub struct Transfer<'a> {
    pub community_id: i64,
    pub kind: TransferKind,
    pub memo: &'a str,
    pub idem_key: &'a str,
    pub from: i64,
    pub to: i64,
    pub amount: i64,
    pub listing_id: Option<i64>,
    /// The worker who made it; `None` for the bot's own transfers.
    pub actor_id: Option<i64>,
    /// The transfer this one corrects (a reversal).
    pub corrects: Option<i64>,
    pub at: i64,
}

/// Why a transfer was refused.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("balance {balance} is too low for {amount}")]
    Insufficient { balance: i64, amount: i64 },
    #[error("balance {balance} plus {amount} is over the limit")]
    OverLimit { balance: i64, amount: i64 },
    #[error("idempotency key {0} was used for a different transfer")]
    KeyConflict(String),
    #[error("amount must be above 0")]
    NotPositive,
    #[error("transfer {0} does not exist in this community")]
    NoSuchTransfer(i64),
    #[error("transfer {0} cannot be reversed")]
    NotReversible(i64),
    #[error("transfer {0} was already reversed")]
    AlreadyReversed(i64),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for LedgerError {
    fn from(e: sqlx::Error) -> Self {
        LedgerError::Store(e.into())
    }
}

/// The id of an account, created on first use.
pub async fn account(
    tx: &mut Tx,
    community_id: i64,
    kind: AccountKind,
    member_id: i64,
) -> Result<i64, StoreError> {
    let member_id = if kind == AccountKind::Member {
        member_id
    } else {
        0
    };
    sqlx::query("INSERT INTO accounts (community_id, kind, member_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(community_id)
        .bind(kind.as_str())
        .bind(member_id)
        .execute(&mut **tx)
        .await?;
    let id: i64 = sqlx::query_scalar(
        "SELECT id FROM accounts WHERE community_id = $1 AND kind = $2 AND member_id = $3",
    )
    .bind(community_id)
    .bind(kind.as_str())
    .bind(member_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// The balance of an account. It is kept by a database trigger on every journal entry (never
/// by code); [`journal_balance`] recomputes it from the journal, and the tests hold the two equal.
pub async fn balance(tx: &mut Tx, account_id: i64) -> Result<i64, StoreError> {
    let b: i64 = sqlx::query_scalar("SELECT balance FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(b)
}

/// The balance of an account summed from the journal.
pub async fn journal_balance(tx: &mut Tx, account_id: i64) -> Result<i64, StoreError> {
    let b: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM entries WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(b)
}

/// Records a transfer, or returns the earlier one recorded under the same key.
///
/// Returns the transfer id. In one statement both accounts are locked (PostgreSQL; SQLite's
/// write transaction already holds the database) and read, and the transfer row is inserted
/// only if both stay within their limits and the key is new: two concurrent spends from one
/// account are serialised and each sees the other's effect. The database writes its two
/// journal entries and moves the balances (triggers). Only when nothing was inserted is the
/// reason looked up.
pub async fn transfer(tx: &mut Tx, t: &Transfer<'_>, limits: Limits) -> Result<i64, LedgerError> {
    if t.amount <= 0 {
        return Err(LedgerError::NotPositive);
    }
    // One statement: lock and read both accounts (the CTE), insert only within the limits.
    let sql = format!(
        "WITH a AS (SELECT id, kind, balance FROM accounts WHERE id IN ($9, $10) ORDER BY id{})
         INSERT INTO transfers (community_id, kind, memo, idem_key, listing_id, actor_id, corrects, created_at,
                                from_account, to_account, amount)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
         WHERE EXISTS (SELECT 1 FROM a f WHERE f.id = $9
                       AND (f.kind = 'issuance' OR f.balance - $11 >= CASE f.kind WHEN 'member' THEN $12 ELSE 0 END))
           AND EXISTS (SELECT 1 FROM a d WHERE d.id = $10 AND (d.kind <> 'member' OR d.balance + $11 <= $13))
         ON CONFLICT (idem_key) DO NOTHING RETURNING id",
        tx.backend.for_update()
    );
    let id: Option<i64> = sqlx::query_scalar(&sql)
        .bind(t.community_id)
        .bind(t.kind.as_str())
        .bind(t.memo)
        .bind(t.idem_key)
        .bind(t.listing_id)
        .bind(t.actor_id)
        .bind(t.corrects)
        .bind(t.at)
        .bind(t.from)
        .bind(t.to)
        .bind(t.amount)
        .bind(limits.min_balance)
        .bind(limits.max_balance)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(id) = id else {
        return explain_refusal(tx, t, limits).await;
    };
    Ok(id)
}

/// Why a transfer inserted nothing: its key was used before (the first result, or a
/// conflict), or an account would leave its limits.
async fn explain_refusal(
    tx: &mut Tx,
    t: &Transfer<'_>,
    limits: Limits,
) -> Result<i64, LedgerError> {
    if let Some(id) = existing_transfer(tx, t).await? {
        return Ok(id);
    }
    let (from_kind, from_balance) = account_state(tx, t.from).await?;
    let (to_kind, to_balance) = account_state(tx, t.to).await?;
    if floor_of(from_kind, limits).is_some_and(|floor| from_balance - t.amount < floor) {
        return Err(LedgerError::Insufficient {
            balance: from_balance,
            amount: t.amount,
        });
    }
    if to_kind == AccountKind::Member && to_balance + t.amount > limits.max_balance {
        return Err(LedgerError::OverLimit {
            balance: to_balance,
            amount: t.amount,
        });
    }
    Err(StoreError::Corrupt(format!(
        "transfer {} was neither made nor refused",
        t.idem_key
    ))
    .into())
}

/// An account's kind and balance.
async fn account_state(tx: &mut Tx, id: i64) -> Result<(AccountKind, i64), StoreError> {
    let r = sqlx::query("SELECT kind, balance FROM accounts WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("account {id} missing")))?;
    let kind: String = r.try_get("kind")?;
    let kind = AccountKind::parse(&kind)
        .ok_or_else(|| StoreError::Corrupt(format!("account kind {kind}")))?;
    Ok((kind, r.try_get("balance")?))
}

/// The lowest balance an account may reach: members' from the limits, the pool and escrow
/// never below 0; the issuance account has no floor (it is where points come from).
fn floor_of(kind: AccountKind, limits: Limits) -> Option<i64> {
    match kind {
        AccountKind::Member => Some(limits.min_balance),
        AccountKind::Pool | AccountKind::Escrow => Some(0),
        AccountKind::Issuance => None,
    }
}

/// The id of a transfer already recorded under `t.idem_key`, if its content is the same.
async fn existing_transfer(tx: &mut Tx, t: &Transfer<'_>) -> Result<Option<i64>, LedgerError> {
    let Some(row) = sqlx::query("SELECT id, kind, community_id FROM transfers WHERE idem_key = $1")
        .bind(t.idem_key)
        .fetch_optional(&mut **tx)
        .await?
    else {
        return Ok(None);
    };
    let id: i64 = row.try_get("id")?;
    let kind: String = row.try_get("kind")?;
    let community: i64 = row.try_get("community_id")?;
    let entries: Vec<(i64, i64)> = sqlx::query(
        "SELECT account_id, amount FROM entries WHERE transfer_id = $1 ORDER BY amount",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r| Ok::<_, sqlx::Error>((r.try_get("account_id")?, r.try_get("amount")?)))
    .collect::<Result<_, _>>()?;
    let same = kind == t.kind.as_str()
        && community == t.community_id
        && entries == vec![(t.from, -t.amount), (t.to, t.amount)];
    if same {
        Ok(Some(id))
    } else {
        Err(LedgerError::KeyConflict(t.idem_key.to_string()))
    }
}

/// One journal line as a member sees it.
#[derive(Debug, Clone)]
pub struct Line {
    pub transfer_id: i64,
    /// The worker who made the transfer, if one did.
    pub actor: Option<String>,
    pub at: i64,
    pub amount: i64,
    pub kind: TransferKind,
    pub memo: String,
}

/// The newest `limit` entries of an account.
pub async fn recent_lines(
    tx: &mut Tx,
    account_id: i64,
    limit: i64,
) -> Result<Vec<Line>, StoreError> {
    let rows = sqlx::query(
        "SELECT t.id, t.created_at, e.amount, t.kind, t.memo, m.name AS actor
         FROM entries e JOIN transfers t ON t.id = e.transfer_id LEFT JOIN members m ON m.id = t.actor_id
         WHERE e.account_id = $1 ORDER BY e.id DESC LIMIT $2",
    )
    .bind(account_id)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            Ok(Line {
                transfer_id: r.try_get("id")?,
                actor: r.try_get("actor")?,
                at: r.try_get("created_at")?,
                amount: r.try_get("amount")?,
                kind: TransferKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("transfer kind {kind}")))?,
                memo: r.try_get("memo")?,
            })
        })
        .collect()
}

/// A transfer as recorded, with its two sides.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub id: i64,
    pub community_id: i64,
    pub kind: TransferKind,
    pub memo: String,
    pub from: i64,
    pub to: i64,
    pub amount: i64,
}

/// Reads transfer `id` of `community_id`.
pub async fn recorded(
    tx: &mut Tx,
    community_id: i64,
    id: i64,
) -> Result<Option<Recorded>, StoreError> {
    let Some(row) = sqlx::query(
        "SELECT id, community_id, kind, memo FROM transfers WHERE id = $1 AND community_id = $2",
    )
    .bind(id)
    .bind(community_id)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(None);
    };
    let kind: String = row.try_get("kind")?;
    let sides = sqlx::query(
        "SELECT account_id, amount FROM entries WHERE transfer_id = $1 ORDER BY amount",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let [debit, credit] = sides.as_slice() else {
        return Err(StoreError::Corrupt(format!(
            "transfer {id} has {} entries",
            sides.len()
        )));
    };
    Ok(Some(Recorded {
        id,
        community_id: row.try_get("community_id")?,
        kind: TransferKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("transfer kind {kind}")))?,
        memo: row.try_get("memo")?,
        from: debit.try_get("account_id")?,
        to: credit.try_get("account_id")?,
        amount: credit.try_get("amount")?,
    }))
}

/// Kinds a worker may reverse. Holds, releases and refunds belong to claims and are undone
/// through the claim (decline, withdrawal), never directly.
pub fn reversible(kind: TransferKind) -> bool {
    matches!(
        kind,
        TransferKind::Starter
            | TransferKind::Grant
            | TransferKind::Adjust
            | TransferKind::Subsidy
            | TransferKind::Donation
    )
}

/// Records the reversal of transfer `id`: the same amount back, naming the original.
pub async fn reverse(
    tx: &mut Tx,
    community_id: i64,
    id: i64,
    reason: &str,
    actor_id: Option<i64>,
    at: i64,
    limits: Limits,
) -> Result<i64, LedgerError> {
    let original = recorded(tx, community_id, id)
        .await?
        .ok_or(LedgerError::NoSuchTransfer(id))?;
    if !reversible(original.kind) {
        return Err(LedgerError::NotReversible(id));
    }
    let already: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM transfers WHERE corrects = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    if already > 0 {
        return Err(LedgerError::AlreadyReversed(id));
    }
    let key = format!("reverse:{id}");
    let t = Transfer {
        community_id,
        kind: TransferKind::Reverse,
        memo: reason,
        idem_key: &key,
        from: original.to,
        to: original.from,
        amount: original.amount,
        listing_id: None,
        actor_id,
        corrects: Some(id),
        at,
    };
    transfer(tx, &t, limits).await
}

/// Points of an account that have expired by `cutoff`: what it was credited before the
/// cutoff, less everything it has spent since it opened (spending uses the oldest points
/// first, and earlier expiries count as spent).
pub async fn expirable(tx: &mut Tx, account_id: i64, cutoff: i64) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "SELECT CAST(COALESCE(SUM(CASE WHEN e.amount > 0 AND t.created_at < $2 THEN e.amount ELSE 0 END), 0) AS BIGINT) AS old_credits,
                CAST(COALESCE(SUM(CASE WHEN e.amount < 0 THEN -e.amount ELSE 0 END), 0) AS BIGINT) AS spent
         FROM entries e JOIN transfers t ON t.id = e.transfer_id WHERE e.account_id = $1",
    )
    .bind(account_id)
    .bind(cutoff)
    .fetch_one(&mut **tx)
    .await?;
    let old: i64 = row.try_get("old_credits")?;
    let spent: i64 = row.try_get("spent")?;
    Ok((old - spent).max(0))
}

/// What an account received and paid out since `since`: (earned, spent), both positive.
pub async fn flows_since(
    tx: &mut Tx,
    account_id: i64,
    since: i64,
) -> Result<(i64, i64), StoreError> {
    Ok(sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN e.amount > 0 THEN e.amount ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN e.amount < 0 THEN -e.amount ELSE 0 END), 0) AS BIGINT)
         FROM entries e JOIN transfers t ON t.id = e.transfer_id WHERE e.account_id = $1 AND t.created_at >= $2",
    )
    .bind(account_id)
    .bind(since)
    .fetch_one(&mut **tx)
    .await?)
}

/// Member accounts holding points: (account, community, member), by id.
pub async fn member_accounts_in_credit(
    c: &mut sqlx::AnyConnection,
) -> Result<Vec<(i64, i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, community_id, member_id FROM accounts WHERE kind = 'member' AND balance > 0 ORDER BY id",
    )
    .fetch_all(&mut *c)
    .await?)
}

/// Locks an account's row until the transaction ends (PostgreSQL; SQLite's write
/// transaction already holds the database).
pub async fn lock_account(tx: &mut Tx, account_id: i64) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "SELECT id FROM accounts WHERE id = $1{}",
        tx.backend.for_update()
    ))
    .bind(account_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(())
}

/// The community a transfer belongs to.
pub async fn community_of_transfer(
    tx: &mut Tx,
    transfer_id: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT community_id FROM transfers WHERE id = $1")
            .bind(transfer_id)
            .fetch_optional(&mut **tx)
            .await?,
    )
}

/// Whose an account is: its kind and, for a member's account, the member.
pub async fn account_owner(tx: &mut Tx, account_id: i64) -> Result<(AccountKind, i64), StoreError> {
    let (kind, member): (String, i64) =
        sqlx::query_as("SELECT kind, member_id FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(&mut **tx)
            .await?;
    let kind = AccountKind::parse(&kind)
        .ok_or_else(|| StoreError::Corrupt(format!("account kind {kind}")))?;
    Ok((kind, member))
}

/// When the account's owner was last warned that points will soon expire.
pub async fn expiry_warned_at(tx: &mut Tx, account_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT expiry_warned_at FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(&mut **tx)
            .await?,
    )
}

/// Records that the account's owner was warned at `at`.
pub async fn set_expiry_warned(tx: &mut Tx, account_id: i64, at: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE accounts SET expiry_warned_at = $2 WHERE id = $1")
        .bind(account_id)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// When the oldest credit of an account made at or after `since` was made (the next points
/// to expire), if any.
pub async fn oldest_credit_since(
    tx: &mut Tx,
    account_id: i64,
    since: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT MIN(t.created_at) FROM entries e JOIN transfers t ON t.id = e.transfer_id
         WHERE e.account_id = $1 AND e.amount > 0 AND t.created_at >= $2",
    )
    .bind(account_id)
    .bind(since)
    .fetch_one(&mut **tx)
    .await?)
}
