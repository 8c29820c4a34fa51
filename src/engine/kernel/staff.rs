//! Who is staff: social workers and admins, named in `bot.toml` (`[[communities]] workers`,
//! `admins`) or given the role (for one community, or with community 0 for every one). Every
//! question of the kind ("may this member decide?", "whom do we tell?") is answered here, by
//! numeric id, never by username. Also the audit row every staff operation writes.

use super::{Ctx, Engine, Flow, Refusal};
use crate::domain::Role;
use crate::store::members::{self, Community, Member};
use crate::store::{staff as db, StoreError, Tx};

/// A power: a worker's (admins have it too), or an admin's alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Power {
    Worker,
    Admin,
}

impl Power {
    fn roles(self) -> &'static [Role] {
        match self {
            Power::Worker => &[Role::Worker, Role::Admin],
            Power::Admin => &[Role::Admin],
        }
    }
}

/// The ids `bot.toml` gives `power` in the community of group `chat_id` (every community's
/// with `None`).
fn configured(engine: &Engine, chat_id: Option<i64>, power: Power) -> Vec<i64> {
    engine
        .cfg
        .communities
        .iter()
        .filter(|c| chat_id.is_none_or(|chat| c.chat_id == chat))
        .flat_map(|c| {
            let workers = if power == Power::Worker {
                &c.workers[..]
            } else {
                &[][..]
            };
            workers.iter().chain(&c.admins).copied()
        })
        .collect()
}

/// True when `member_id` has `power` in `community` (with `None`: in any community).
pub async fn has_power(
    engine: &Engine,
    tx: &mut Tx,
    member_id: i64,
    community: Option<&Community>,
    power: Power,
) -> Result<bool, StoreError> {
    if configured(engine, community.map(|c| c.chat_id), power).contains(&member_id) {
        return Ok(true);
    }
    db::has_role(tx, member_id, community.map(|c| c.id), power.roles()).await
}

/// The members with `power` in a community, each once, by id: from `bot.toml` and by role.
pub async fn staff_of(
    engine: &Engine,
    tx: &mut Tx,
    community: &Community,
    power: Power,
) -> Result<Vec<Member>, StoreError> {
    let mut ids = configured(engine, Some(community.chat_id), power);
    ids.extend(db::with_role(tx, community.id, power.roles()).await?);
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::new();
    for id in ids {
        if let Some(m) = members::member_by_id(tx, id).await? {
            out.push(m);
        }
    }
    Ok(out)
}

impl Ctx<'_> {
    /// True when `member_id` is a social worker or admin of `community`.
    pub async fn is_worker(&mut self, community: &Community, member_id: i64) -> Flow<bool> {
        Ok(has_power(
            self.engine,
            &mut self.tx,
            member_id,
            Some(community),
            Power::Worker,
        )
        .await?)
    }

    /// True when `member_id` is an admin of `community`.
    pub async fn is_admin(&mut self, community: &Community, member_id: i64) -> Flow<bool> {
        Ok(has_power(
            self.engine,
            &mut self.tx,
            member_id,
            Some(community),
            Power::Admin,
        )
        .await?)
    }

    /// True when the member acting is staff somewhere.
    pub async fn is_staff_anywhere(&mut self) -> Flow<bool> {
        let me = self.me.id;
        Ok(has_power(self.engine, &mut self.tx, me, None, Power::Worker).await?)
    }

    /// Refuses anyone who is not a social worker (or admin) of `community`, saying whether
    /// they are staff elsewhere or not at all.
    pub async fn require_worker(&mut self, community: &Community) -> Flow {
        if self.is_worker(community, self.me.id).await? {
            return Ok(());
        }
        Err(self.not_worker_refusal().await?.into())
    }

    /// The refusal for someone who may not do a worker's operation here.
    pub async fn not_worker_refusal(&mut self) -> Flow<Refusal> {
        Ok(Refusal::new(if self.is_staff_anywhere().await? {
            "err-not-your-community"
        } else {
            "err-not-worker"
        }))
    }

    /// The communities among `candidates` where the member acting is a worker, in order.
    pub async fn served(&mut self, candidates: Vec<Community>) -> Flow<Vec<Community>> {
        let mut out = Vec::new();
        for c in candidates {
            if self.is_worker(&c, self.me.id).await? {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// Finds a member by numeric id or display name; a name shared by several is refused.
    pub async fn find_member(&mut self, who: &str) -> Flow<Member> {
        let who = who.trim_start_matches('@');
        if let Ok(id) = who.parse::<i64>() {
            if let Some(m) = members::member_by_id(&mut self.tx, id).await? {
                return Ok(m);
            }
        }
        match members::ids_named(&mut self.tx, who).await?.as_slice() {
            [id] => self.member(*id).await,
            [] => Err(Refusal::new("err-no-such-member")
                .arg("name", who.to_string())
                .into()),
            _ => Err(Refusal::new("err-ambiguous-member")
                .arg("name", who.to_string())
                .into()),
        }
    }

    /// Writes the audit row of a staff operation by the member acting.
    pub async fn audit(
        &mut self,
        community: i64,
        action: &str,
        target: Option<i64>,
        transfer: Option<i64>,
        reason: &str,
    ) -> Flow {
        let row = db::AuditRow {
            community_id: community,
            actor_id: self.me.id,
            action,
            target_id: target,
            transfer_id: transfer,
            reason,
            at: self.now,
        };
        db::audit(&mut self.tx, &row).await?;
        Ok(())
    }
}
