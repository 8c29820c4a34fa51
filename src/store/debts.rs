//! Debts: points a member owes after a dispute decided a refund they could not pay. The pool
//! paid the other side; what the member earns next pays the oldest debt first.

use super::{StoreResult, Tx};

/// Records a debt of `amount` (above 0) from a dispute.
pub async fn add(
    tx: &mut Tx,
    community_id: i64,
    member_id: i64,
    dispute_id: i64,
    amount: i64,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO debts (community_id, member_id, dispute_id, amount, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(community_id)
    .bind(member_id)
    .bind(dispute_id)
    .bind(amount)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What a member still owes in a community.
pub async fn outstanding(tx: &mut Tx, community_id: i64, member_id: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount - repaid), 0) AS BIGINT) FROM debts
         WHERE community_id = $1 AND member_id = $2 AND repaid < amount",
    )
    .bind(community_id)
    .bind(member_id)
    .fetch_one(&mut **tx)
    .await?)
}

/// Marks `amount` repaid, oldest debt first.
pub async fn repay(tx: &mut Tx, community_id: i64, member_id: i64, amount: i64) -> StoreResult<()> {
    let open: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, amount - repaid FROM debts WHERE community_id = $1 AND member_id = $2 AND repaid < amount ORDER BY id",
    )
    .bind(community_id)
    .bind(member_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut left = amount;
    for (id, owed) in open {
        if left <= 0 {
            break;
        }
        let part = owed.min(left);
        sqlx::query("UPDATE debts SET repaid = repaid + $2 WHERE id = $1")
            .bind(id)
            .bind(part)
            .execute(&mut **tx)
            .await?;
        left -= part;
    }
    Ok(())
}
