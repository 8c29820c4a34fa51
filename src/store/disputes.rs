//! Disputes as the handbook reads them. (Opening, deciding and freezing points live with the
//! dispute engine.)

use sqlx::AnyConnection;

use super::StoreResult;

/// A resolved dispute, reduced to what the anonymised handbook may show.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedDispute {
    /// The kind of problem (a `DisputeCategory` name).
    pub category: String,
    /// How it ended: `compensated`, `refunded` or `dismissed`.
    pub status: String,
    /// Points paid, when it was compensated.
    pub outcome_points: Option<i64>,
}

/// Every resolved dispute of the community with id `community_id`, or of every community when
/// `None`. No names or member ids are read, so none can leak into the handbook.
pub async fn resolved(
    c: &mut AnyConnection,
    community_id: Option<i64>,
) -> StoreResult<Vec<ResolvedDispute>> {
    let rows: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT category, status, outcome_points FROM disputes
         WHERE status IN ('compensated', 'refunded', 'dismissed') AND ($1 = 0 OR community_id = $2)",
    )
    .bind(if community_id.is_some() { 1_i64 } else { 0 })
    .bind(community_id.unwrap_or(0))
    .fetch_all(&mut *c)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(category, status, outcome_points)| ResolvedDispute {
            category,
            status,
            outcome_points,
        })
        .collect())
}
