//! Expiry of points (off unless `points.expiry_days` is set): points a member earned more than
//! that many days ago and has not spent go back to the community's issuance account, and the
//! member is told privately.

use super::{Engine, EngineError};
use crate::domain::{AccountKind, TransferKind};
use crate::ledger;
use crate::store::members;
use crate::store::outbox;
use crate::store::ts;

impl Engine {
    /// Expires what is due at the engine's clock; returns the outbox rows written.
    pub async fn expire_points(&self) -> Result<Vec<i64>, EngineError> {
        let days = self.cfg.points.expiry_days;
        if days <= 0 {
            return Ok(Vec::new());
        }
        let now = ts(self.clock.now());
        let cutoff = now - days * 86_400;
        let accounts: Vec<(i64, i64, i64)> =
            sqlx::query_as("SELECT id, community_id, member_id FROM accounts WHERE kind = 'member' AND balance > 0 ORDER BY id")
                .fetch_all(self.store.pool())
                .await?;
        let mut out = Vec::new();
        for (account, community_id, member_id) in accounts {
            match self
                .expire_account(account, community_id, member_id, cutoff, now, days)
                .await
            {
                Ok(Some(row)) => out.push(row),
                Ok(None) => {}
                // One account's trouble does not stop the others.
                Err(e) => tracing::warn!(account, error = %e, "expiring points failed"),
            }
        }
        Ok(out)
    }

    /// Expires one account's old points, its row locked first so two instances cannot both do it.
    async fn expire_account(
        &self,
        account: i64,
        community_id: i64,
        member_id: i64,
        cutoff: i64,
        now: i64,
        days: i64,
    ) -> Result<Option<i64>, EngineError> {
        let mut tx = self.store.begin().await?;
        sqlx::query(&format!(
            "SELECT id FROM accounts WHERE id = $1{}",
            tx.backend.for_update()
        ))
        .bind(account)
        .fetch_one(&mut *tx)
        .await?;
        let n = ledger::expirable(&mut tx, account, cutoff)
            .await?
            .min(ledger::balance(&mut tx, account).await?);
        if n <= 0 {
            return Ok(None);
        }
        let issuance = ledger::account(&mut tx, community_id, AccountKind::Issuance, 0).await?;
        let key = format!("expire:{account}:{cutoff}");
        let t = ledger::Transfer {
            community_id,
            kind: TransferKind::Expire,
            memo: "",
            idem_key: &key,
            from: account,
            to: issuance,
            amount: n,
            listing_id: None,
            actor_id: None,
            corrects: None,
            at: now,
        };
        ledger::transfer(&mut tx, &t, self.limits())
            .await
            .map_err(EngineError::Ledger)?;
        if let Some(m) = members::member_by_id(&mut tx, member_id).await? {
            let c = members::community_by_id(&mut tx, community_id).await?;
            let loc = m.lang.unwrap_or(self.default_locale);
            let text = self.t(
                loc,
                "points-expired",
                &[
                    ("points", n.into()),
                    ("days", days.into()),
                    ("community", c.title.into()),
                ],
            );
            let msg = self.private_msg(&m, text, Vec::new(), now, false, Some(c.chat_id));
            let row = outbox::enqueue(&mut tx, &msg, None, now).await?;
            tx.commit().await?;
            return Ok(Some(row));
        }
        tx.commit().await?;
        Ok(None)
    }
}
