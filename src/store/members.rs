//! Communities (one per group chat), members (one per Telegram user) and who belongs where.

use sqlx::{AnyConnection, Row};

use super::{StoreError, StoreResult};
use crate::domain::Role;
use crate::i18n::Locale;

#[derive(Debug, Clone, PartialEq)]
pub struct Community {
    pub id: i64,
    pub chat_id: i64,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub lang: Option<Locale>,
    pub dm_open: bool,
    pub credit: i64,
    /// Simple mode: numbered menus, plain words, big buttons, at most three lines a message.
    pub simple: bool,
}

impl Member {
    /// Nobody: the member of a scheduled job, and of an update before its sender is read.
    pub fn nobody() -> Member {
        Member {
            id: 0,
            name: String::new(),
            lang: None,
            dm_open: true,
            credit: 0,
            simple: false,
        }
    }
}

fn member_from(row: &sqlx::any::AnyRow) -> StoreResult<Member> {
    let lang: Option<String> = row.try_get("lang")?;
    // Chinese in Traditional characters is stored as zh-CN with script 'hant' (the lang
    // column's CHECK predates it).
    let script: Option<String> = row.try_get("script")?;
    let lang = match (lang.as_deref(), script.as_deref()) {
        (Some("zh-CN"), Some("hant")) => Some("zh-Hant".to_string()),
        _ => lang,
    };
    Ok(Member {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        lang: lang.as_deref().and_then(Locale::parse),
        dm_open: row.try_get::<i64, _>("dm_open")? != 0,
        credit: row.try_get("credit")?,
        simple: row.try_get::<i64, _>("simple")? != 0,
    })
}

fn community_from(row: &sqlx::any::AnyRow) -> StoreResult<Community> {
    Ok(Community {
        id: row.try_get("id")?,
        chat_id: row.try_get("chat_id")?,
        title: row.try_get("title")?,
    })
}

/// The community of a group chat, created on first sight; the title follows the group's.
pub async fn ensure_community(
    c: &mut AnyConnection,
    chat_id: i64,
    title: &str,
    now: i64,
) -> StoreResult<Community> {
    // Known, with the same title: one read; a new title or a new group: one upsert.
    let known = sqlx::query("SELECT id, chat_id, title FROM communities WHERE chat_id = $1")
        .bind(chat_id)
        .fetch_optional(&mut *c)
        .await?;
    if let Some(r) = known {
        let community = community_from(&r)?;
        if community.title == title {
            return Ok(community);
        }
    }
    let row = sqlx::query(
        "INSERT INTO communities (chat_id, title, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title
         RETURNING id, chat_id, title",
    )
    .bind(chat_id)
    .bind(title)
    .bind(now)
    .fetch_one(&mut *c)
    .await?;
    community_from(&row)
}

pub async fn community_by_id(c: &mut AnyConnection, id: i64) -> StoreResult<Community> {
    let row = sqlx::query("SELECT id, chat_id, title FROM communities WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *c)
        .await?;
    community_from(&row)
}

pub async fn community_by_title(
    c: &mut AnyConnection,
    title: &str,
) -> StoreResult<Option<Community>> {
    let row = sqlx::query(
        "SELECT id, chat_id, title FROM communities WHERE title = $1 ORDER BY id LIMIT 1",
    )
    .bind(title)
    .fetch_optional(&mut *c)
    .await?;
    row.as_ref().map(community_from).transpose()
}

pub async fn community_by_chat(
    c: &mut AnyConnection,
    chat_id: i64,
) -> StoreResult<Option<Community>> {
    let row = sqlx::query("SELECT id, chat_id, title FROM communities WHERE chat_id = $1")
        .bind(chat_id)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(community_from).transpose()
}

/// The member, created on first sight (`created` tells). The display name follows Telegram's.
pub async fn ensure_member(
    c: &mut AnyConnection,
    id: i64,
    name: &str,
    dm_open: bool,
    credit: i64,
    now: i64,
) -> StoreResult<(Member, bool)> {
    // Most updates come from a known member whose name has not changed: one read.
    if let Some(m) = member_by_id(c, id).await? {
        if m.name == name {
            return Ok((m, false));
        }
        sqlx::query("UPDATE members SET name = $2 WHERE id = $1")
            .bind(id)
            .bind(name)
            .execute(&mut *c)
            .await?;
        return Ok((
            Member {
                name: name.to_string(),
                ..m
            },
            false,
        ));
    }
    let row = sqlx::query(
        "INSERT INTO members (id, name, dm_open, credit, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING RETURNING id, name, lang, script, dm_open, credit, simple",
    )
    .bind(id)
    .bind(name)
    .bind(dm_open as i64)
    .bind(credit)
    .bind(now)
    .fetch_optional(&mut *c)
    .await?;
    match row {
        Some(r) => Ok((member_from(&r)?, true)),
        // Another instance added them just now.
        None => {
            let m = member_by_id(c, id)
                .await?
                .ok_or_else(|| StoreError::Corrupt(format!("member {id} vanished")))?;
            Ok((m, false))
        }
    }
}

pub async fn member_by_id(c: &mut AnyConnection, id: i64) -> StoreResult<Option<Member>> {
    let row = sqlx::query(
        "SELECT id, name, lang, script, dm_open, credit, simple FROM members WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *c)
    .await?;
    row.as_ref().map(member_from).transpose()
}

pub async fn member_by_name(c: &mut AnyConnection, name: &str) -> StoreResult<Option<Member>> {
    let row = sqlx::query(
        "SELECT id, name, lang, script, dm_open, credit, simple FROM members WHERE name = $1 ORDER BY id LIMIT 1",
    )
    .bind(name)
    .fetch_optional(&mut *c)
    .await?;
    row.as_ref().map(member_from).transpose()
}

/// Adds the member to the community; true when they were not in it before.
pub async fn ensure_membership(
    c: &mut AnyConnection,
    community_id: i64,
    member_id: i64,
    now: i64,
) -> StoreResult<bool> {
    // One statement: a new membership, or the last time seen moved on (a row comes back with
    // its joining time, which is now only for a new one); nothing when already seen now.
    let joined: Option<i64> = sqlx::query_scalar(
        "INSERT INTO memberships (community_id, member_id, joined_at, last_seen_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (community_id, member_id) DO UPDATE SET last_seen_at = excluded.last_seen_at
           WHERE memberships.last_seen_at < excluded.last_seen_at
         RETURNING joined_at",
    )
    .bind(community_id)
    .bind(member_id)
    .bind(now)
    .fetch_optional(&mut *c)
    .await?;
    Ok(joined == Some(now))
}

/// The communities a member belongs to, most recently active first.
pub async fn communities_of(c: &mut AnyConnection, member_id: i64) -> StoreResult<Vec<Community>> {
    let rows = sqlx::query(
        "SELECT c.id, c.chat_id, c.title FROM communities c JOIN memberships m ON m.community_id = c.id
         WHERE m.member_id = $1 ORDER BY m.last_seen_at DESC, c.id",
    )
    .bind(member_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter().map(community_from).collect()
}

/// Every community, oldest first.
pub async fn all_communities(c: &mut AnyConnection) -> StoreResult<Vec<Community>> {
    let rows = sqlx::query("SELECT id, chat_id, title FROM communities ORDER BY id")
        .fetch_all(&mut *c)
        .await?;
    rows.iter().map(community_from).collect()
}

pub async fn is_member_of(
    c: &mut AnyConnection,
    community_id: i64,
    member_id: i64,
) -> StoreResult<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships WHERE community_id = $1 AND member_id = $2",
    )
    .bind(community_id)
    .bind(member_id)
    .fetch_one(&mut *c)
    .await?;
    Ok(n > 0)
}

pub async fn set_lang(c: &mut AnyConnection, member_id: i64, lang: Locale) -> StoreResult<()> {
    let (code, script) = match lang {
        Locale::ZhHant => (Locale::ZhCn.code(), Some("hant")),
        other => (other.code(), None),
    };
    sqlx::query("UPDATE members SET lang = $2, script = $3 WHERE id = $1")
        .bind(member_id)
        .bind(code)
        .bind(script)
        .execute(&mut *c)
        .await?;
    Ok(())
}

pub async fn set_dm_open(c: &mut AnyConnection, member_id: i64, open: bool) -> StoreResult<()> {
    sqlx::query("UPDATE members SET dm_open = $2 WHERE id = $1")
        .bind(member_id)
        .bind(open as i64)
        .execute(&mut *c)
        .await?;
    Ok(())
}

/// Marks that `member_id` has been told what the 👀 on an unsure message means; true only the
/// first time (one statement: two updates at once cannot both say first).
pub async fn first_unsure_hint(
    c: &mut AnyConnection,
    member_id: i64,
    now: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE members SET unsure_hint_at = $2 WHERE id = $1 AND unsure_hint_at IS NULL",
    )
    .bind(member_id)
    .bind(now)
    .execute(&mut *c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives `role` in `community_id` (0: every community).
pub async fn grant_role(
    c: &mut AnyConnection,
    member_id: i64,
    community_id: i64,
    role: Role,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO member_roles (member_id, community_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(member_id)
        .bind(community_id)
        .bind(role.as_str())
        .execute(&mut *c)
        .await?;
    Ok(())
}

pub async fn roles_of(c: &mut AnyConnection, member_id: i64) -> StoreResult<Vec<Role>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT role FROM member_roles WHERE member_id = $1 ORDER BY role",
    )
    .bind(member_id)
    .fetch_all(&mut *c)
    .await?;
    Ok(rows.iter().filter_map(|r| Role::parse(r)).collect())
}

/// A group became a supergroup: its community and unsent messages follow the new chat id.
/// If the new chat already has a community of its own, both are left as they are.
pub async fn migrate_chat(c: &mut AnyConnection, from: i64, to: i64) -> StoreResult<()> {
    let moved = sqlx::query(
        "UPDATE communities SET chat_id = $2 WHERE chat_id = $1 AND NOT EXISTS (SELECT 1 FROM communities WHERE chat_id = $2)",
    )
    .bind(from)
    .bind(to)
    .execute(&mut *c)
    .await?
    .rows_affected();
    if moved == 0 && community_by_chat(c, from).await?.is_some() {
        tracing::warn!(from, to, "both chats have a community; not merging them");
        return Ok(());
    }
    sqlx::query("UPDATE outbox SET chat_id = $2 WHERE chat_id = $1 AND status IN ('pending', 'sending', 'held')")
        .bind(from)
        .bind(to)
        .execute(&mut *c)
        .await?;
    Ok(())
}

/// Turns simple mode on or off for a member.
pub async fn set_simple(c: &mut AnyConnection, member_id: i64, on: bool) -> StoreResult<()> {
    sqlx::query("UPDATE members SET simple = $1 WHERE id = $2")
        .bind(on as i64)
        .bind(member_id)
        .execute(c)
        .await?;
    Ok(())
}

/// The ids of members with this display name, oldest first.
pub async fn ids_named(c: &mut AnyConnection, name: &str) -> StoreResult<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM members WHERE name = $1 ORDER BY id")
            .bind(name)
            .fetch_all(&mut *c)
            .await?,
    )
}

/// Names close to `name` among the neighbours of `member_id`'s communities, or among everyone
/// with `None` (a social worker who misspelt one): containing it, contained in it, or one
/// character apart; at most three, closest first.
pub async fn names_near(
    c: &mut AnyConnection,
    member_id: Option<i64>,
    name: &str,
) -> StoreResult<Vec<String>> {
    let names: Vec<String> = match member_id {
        Some(id) => {
            sqlx::query_scalar(
                "SELECT DISTINCT m.name FROM members m JOIN memberships s ON s.member_id = m.id
                  WHERE s.community_id IN (SELECT community_id FROM memberships WHERE member_id = $1)",
            )
            .bind(id)
            .fetch_all(&mut *c)
            .await?
        }
        None => {
            sqlx::query_scalar("SELECT DISTINCT name FROM members")
                .fetch_all(&mut *c)
                .await?
        }
    };
    let want = name.to_lowercase();
    let mut near: Vec<(usize, String)> = names
        .into_iter()
        .filter_map(|n| {
            let l = n.to_lowercase();
            let d = strsim::levenshtein(&l, &want);
            let close = d <= 1 || (!want.is_empty() && (l.contains(&want) || want.contains(&l)));
            (close && l != want && !l.is_empty()).then_some((d, n))
        })
        .collect();
    near.sort();
    near.truncate(3);
    Ok(near.into_iter().map(|(_, n)| n).collect())
}

/// Moves a member's credit by `delta`, within `min..=max`.
pub async fn adjust_credit(
    c: &mut AnyConnection,
    member_id: i64,
    delta: i64,
    min: i64,
    max: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE members SET credit = CASE WHEN credit + $2 < $3 THEN $3 WHEN credit + $2 > $4 THEN $4 ELSE credit + $2 END WHERE id = $1")
        .bind(member_id)
        .bind(delta)
        .bind(min)
        .bind(max)
        .execute(&mut *c)
        .await?;
    Ok(())
}

/// Turns the monthly statement on or off.
pub async fn set_statement(c: &mut AnyConnection, member_id: i64, on: bool) -> StoreResult<()> {
    sqlx::query("UPDATE members SET statement = $2 WHERE id = $1")
        .bind(member_id)
        .bind(on as i64)
        .execute(&mut *c)
        .await?;
    Ok(())
}

/// The members who asked for the monthly statement.
pub async fn with_statement(c: &mut AnyConnection) -> StoreResult<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM members WHERE statement = 1 ORDER BY id")
            .fetch_all(&mut *c)
            .await?,
    )
}

/// Every community's group chat, oldest community first.
pub async fn all_chats(c: &mut AnyConnection) -> StoreResult<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT chat_id FROM communities ORDER BY id")
            .fetch_all(&mut *c)
            .await?,
    )
}

/// Claims up to `limit` groups whose administrators nobody has asked Telegram about since
/// `stale_before` (oldest first), marking them asked at `now`: several instances share the
/// refresh and no group is asked twice in a round.
pub async fn claim_admin_checks(
    c: &mut AnyConnection,
    now: i64,
    stale_before: i64,
    limit: i64,
) -> StoreResult<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "UPDATE communities SET admins_checked_at = $1
          WHERE admins_checked_at < $2 AND id IN (
            SELECT id FROM communities WHERE admins_checked_at < $2
             ORDER BY admins_checked_at, id LIMIT $3)
          RETURNING chat_id, title",
    )
    .bind(now)
    .bind(stale_before)
    .bind(limit)
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

/// The highest member id and the lowest group chat id so far (the console numbers new
/// residents and groups past them).
pub async fn id_bounds(c: &mut AnyConnection) -> StoreResult<(Option<i64>, Option<i64>)> {
    let max: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM members")
        .fetch_one(&mut *c)
        .await?;
    let min: Option<i64> = sqlx::query_scalar("SELECT MIN(chat_id) FROM communities")
        .fetch_one(&mut *c)
        .await?;
    Ok((max, min))
}
