//! Who is staff: social workers and admins, named in `bot.toml` (`[[communities]] workers`,
//! `admins`) or given the role (for one community, or with community 0 for every one). Every
//! question of the kind ("may this member decide?", "whom do we tell?") is answered here, by
//! numeric id, never by username; [`super::ctx::Ctx`] asks through [`has_power`] and
//! [`staff_of`].

use super::Engine;
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
