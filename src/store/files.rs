//! Files the bot sends (CSV exports, PNG charts): kept once, sent from the outbox as documents
//! (`OutMsg::documents`) or photos (`file:ID` photo ids).

use sqlx::{AnyConnection, Row};

use super::{StoreResult, Tx};

/// A stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub id: i64,
    pub name: String,
    pub mime: String,
    pub data: Vec<u8>,
}

/// Keeps a file; returns its id.
pub async fn put(tx: &mut Tx, name: &str, mime: &str, data: &[u8], now: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO files (name, mime, data, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(name)
    .bind(mime)
    .bind(data.to_vec())
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

/// A file by id.
pub async fn get(c: &mut AnyConnection, id: i64) -> StoreResult<Option<StoredFile>> {
    let row = sqlx::query("SELECT id, name, mime, data FROM files WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
    row.map(|r| {
        Ok(StoredFile {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            mime: r.try_get("mime")?,
            data: r.try_get("data")?,
        })
    })
    .transpose()
}

/// The id of a photo that is a stored file (`file:ID`).
pub fn photo_file(photo: &str) -> Option<i64> {
    photo.strip_prefix("file:").and_then(|n| n.parse().ok())
}
