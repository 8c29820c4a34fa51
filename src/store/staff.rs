//! Roles of social workers and admins, and the audit of their operations.

use super::{StoreResult, Tx};
use crate::domain::Role;

fn role_list(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| format!("'{}'", r.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when the member has one of `roles` in the community (`Some(id)`: for it or for every
/// one, community 0; `None`: anywhere).
pub async fn has_role(
    tx: &mut Tx,
    member_id: i64,
    community_id: Option<i64>,
    roles: &[Role],
) -> StoreResult<bool> {
    let n: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM member_roles WHERE member_id = $1 AND ($2 < 0 OR community_id IN (0, $2)) AND role IN ({})",
        role_list(roles)
    ))
    .bind(member_id)
    .bind(community_id.unwrap_or(-1))
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

/// The members with one of `roles` for the community or for every one.
pub async fn with_role(tx: &mut Tx, community_id: i64, roles: &[Role]) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT DISTINCT member_id FROM member_roles WHERE community_id IN (0, $1) AND role IN ({}) ORDER BY member_id",
        role_list(roles)
    ))
    .bind(community_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// Takes a role away.
pub async fn revoke_role(
    tx: &mut Tx,
    member_id: i64,
    community_id: i64,
    role: Role,
) -> StoreResult<()> {
    sqlx::query(
        "DELETE FROM member_roles WHERE member_id = $1 AND community_id = $2 AND role = $3",
    )
    .bind(member_id)
    .bind(community_id)
    .bind(role.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One audited operation.
#[derive(Debug, Clone)]
pub struct AuditRow<'a> {
    pub community_id: i64,
    pub actor_id: i64,
    pub action: &'a str,
    pub target_id: Option<i64>,
    pub transfer_id: Option<i64>,
    pub reason: &'a str,
    pub at: i64,
}

pub async fn audit(tx: &mut Tx, r: &AuditRow<'_>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit (community_id, actor_id, action, target_id, transfer_id, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(r.community_id)
    .bind(r.actor_id)
    .bind(r.action)
    .bind(r.target_id)
    .bind(r.transfer_id)
    .bind(r.reason)
    .bind(r.at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records that Telegram names `member_id` an administrator of the community's group.
pub async fn add_group_admin(
    tx: &mut Tx,
    community_id: i64,
    member_id: i64,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO group_admins (community_id, member_id, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (community_id, member_id) DO UPDATE SET seen_at = excluded.seen_at",
    )
    .bind(community_id)
    .bind(member_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Forgets the group's administrators not seen since `before` (Telegram's list was replaced).
pub async fn drop_group_admins_before(
    tx: &mut Tx,
    community_id: i64,
    before: i64,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM group_admins WHERE community_id = $1 AND seen_at < $2")
        .bind(community_id)
        .bind(before)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The group's administrators, as Telegram last named them.
pub async fn group_admins(tx: &mut Tx, community_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT member_id FROM group_admins WHERE community_id = $1 ORDER BY member_id",
    )
    .bind(community_id)
    .fetch_all(&mut **tx)
    .await?)
}
