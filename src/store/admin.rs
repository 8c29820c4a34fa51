//! Database administration for the benchmarks: scratch PostgreSQL databases, the bare write
//! that measures a database's floor, and whole-table counts.

use sqlx::PgConnection;

use super::{Store, StoreResult, Tx};

/// Create an empty database `name` on the PostgreSQL server `conn` is connected to, first
/// dropping one left over from an interrupted run. `name` goes into the SQL as it is (a database
/// name cannot be a bound parameter): pass only names the program made.
pub async fn recreate_database(conn: &mut PgConnection, name: &str) -> StoreResult<()> {
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&mut *conn)
        .await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Drop the database `name` on the PostgreSQL server `conn` is connected to, if it exists. As
/// with [`recreate_database`], `name` goes into the SQL as it is.
pub async fn drop_database(conn: &mut PgConnection, name: &str) -> StoreResult<()> {
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Insert one row into `processed_updates`: the smallest write there is, which the ledger
/// benchmark times as the database's floor.
pub async fn insert_processed_update(tx: &mut Tx, key: &str, at: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO processed_updates (update_key, handled_at) VALUES ($1, $2)")
        .bind(key)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// How many listings the database holds, in every community and status.
pub async fn count_listings(store: &Store) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM listings")
        .fetch_one(store.pool())
        .await?)
}

/// Bulk rows for `linli bench match`: listings `(community id, owner id, kind, title)` with
/// their search terms, inserted many to a statement inside `tx`. Returns the ids in order.
pub async fn bulk_listings(
    tx: &mut Tx,
    rows: &[(i64, i64, &str, String, Vec<String>)],
    now: i64,
) -> StoreResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(200) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                let b = i * 4;
                format!(
                    "(${}, ${}, ${}, 'item', ${}, 0, 'open', '', $1, $1, 0)",
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO listings (community_id, owner_id, kind, resource, title, points, status, source_text,
                                   created_at, updated_at, suggested)
             VALUES {} RETURNING id",
            values.join(", ")
        );
        let mut q = sqlx::query_scalar::<_, i64>(&sql).bind(now);
        for (c, o, k, t, _) in chunk {
            q = q.bind(*c).bind(*o).bind(*k).bind(t.as_str());
        }
        let mut got = q.fetch_all(&mut **tx).await?;
        got.sort_unstable();
        ids.extend(got);
    }
    let mut terms: Vec<(i64, i64, &str)> = Vec::new();
    for (id, (c, _, _, _, ts)) in ids.iter().zip(rows) {
        for t in ts {
            terms.push((*id, *c, t.as_str()));
        }
    }
    for chunk in terms.chunks(300) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${}, ${})", i * 3 + 1, i * 3 + 2, i * 3 + 3))
            .collect();
        let sql = format!(
            "INSERT INTO listing_terms (listing_id, community_id, term) VALUES {} ON CONFLICT DO NOTHING",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for (l, c, t) in chunk {
            q = q.bind(*l).bind(*c).bind(*t);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(ids)
}

/// Bulk rows for `linli bench ingest`: messages already sent, `(chat id, text)`, as the outbox
/// of a bot that has run for a while holds them.
pub async fn bulk_sent_outbox(tx: &mut Tx, rows: &[(i64, String)], now: i64) -> StoreResult<()> {
    for chunk in rows.chunks(300) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                format!(
                    "(${}, 'send', ${}, '[]', 'sent', $1, $1, '[]', '[]', 1)",
                    i * 2 + 2,
                    i * 2 + 3
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO outbox (chat_id, op, text, buttons, status, not_before, created_at, photos, documents, attempts)
             VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql).bind(now);
        for (chat, text) in chunk {
            q = q.bind(*chat).bind(text.as_str());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Bulk rows for `linli bench ingest`: `n` updates already handled, keyed `PREFIX:i`.
pub async fn bulk_processed(tx: &mut Tx, prefix: &str, n: usize, now: i64) -> StoreResult<()> {
    let keys: Vec<String> = (0..n).map(|i| format!("{prefix}:{i}")).collect();
    for chunk in keys.chunks(400) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, $1)", i + 2))
            .collect();
        let sql = format!(
            "INSERT INTO processed_updates (update_key, handled_at) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql).bind(now);
        for k in chunk {
            q = q.bind(k.as_str());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Marks every unsent outbox row sent, as a sender keeping up would (benchmarks only).
pub async fn mark_outbox_sent(store: &Store) -> StoreResult<u64> {
    Ok(sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_message_id = id WHERE status IN ('pending', 'sending')",
    )
    .execute(store.pool())
    .await?
    .rows_affected())
}

/// The callback tokens under outbox row `id`, in reading order.
pub async fn callback_tokens(store: &Store, id: i64) -> StoreResult<Vec<String>> {
    let b: String = sqlx::query_scalar("SELECT buttons FROM outbox WHERE id = $1")
        .bind(id)
        .fetch_one(store.pool())
        .await?;
    let rows: Vec<Vec<super::outbox::Button>> =
        serde_json::from_str(&b).map_err(|e| super::StoreError::Corrupt(e.to_string()))?;
    Ok(rows.into_iter().flatten().filter_map(|b| b.cb).collect())
}

/// Bulk rows for `linli bench ingest`: the two pending jobs (check, expiry) of each listing,
/// `(community id, owner id, listing id)`, due `due` seconds apart.
pub async fn bulk_listing_jobs(tx: &mut Tx, rows: &[(i64, i64, i64)], now: i64) -> StoreResult<()> {
    for chunk in rows.chunks(200) {
        let values: Vec<String> = (0..chunk.len())
            .flat_map(|i| {
                let b = i * 3;
                [
                    format!(
                        "('listing_check', ${}, ${}, ${}, $1 + 604800, 'pending', $1)",
                        b + 2,
                        b + 3,
                        b + 4
                    ),
                    format!(
                        "('listing_expire', ${}, ${}, ${}, $1 + 2592000, 'pending', $1)",
                        b + 2,
                        b + 3,
                        b + 4
                    ),
                ]
            })
            .collect();
        let sql = format!(
            "INSERT INTO jobs (kind, community_id, member_id, ref_id, due_at, status, created_at) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql).bind(now);
        for (c, o, l) in chunk {
            q = q.bind(*c).bind(*o).bind(*l);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}
