//! Helpers: a family member or a social worker acting for a resident who agreed to it.
//!
//! The resident asks for a one-time code (`/helper`, 代办) and gives it to the person they
//! trust, who links with `/actfor CODE`. The helper then writes `/as NAME` in their own private
//! chat: until `/as off` (or half an hour without a word) everything they do there is done as
//! the resident, the replies come back to the helper marked "for NAME", and every such action
//! is written to `acted`, which the resident's `/history` shows. `/helper off` withdraws the
//! agreement at once.

use rand::Rng;
use sqlx::Row;

use super::{Content, Ctx, EngineError, Flow, Incoming, Refusal};
use crate::store::members;

/// How long acting lasts after the helper's last word.
const ACTING_SECS: i64 = 30 * 60;
/// How long a code may be used.
const CODE_SECS: i64 = 24 * 3600;

/// Wrong codes a member may try in a day before `/actfor` stops listening to them.
const MAX_ATTEMPTS: i64 = 5;

/// Commands a helper uses as themselves, never as the resident (in any form: a helper must
/// never make a new code for the resident, nor link anyone else).
pub(crate) fn is_own_command(c: &Content) -> bool {
    let Content::Text(t) = c else { return false };
    matches!(
        super::commands::split_command(t).map(|c| c.name).as_deref(),
        Some("as" | "actfor" | "helper")
    ) || super::dialogs::is_helper_word(t)
}

/// What a helper may not do as the resident: a social worker's powers stay with the worker.
pub(crate) fn not_for_helpers(c: &Content) -> bool {
    let text = match c {
        Content::Text(t) => t.as_str(),
        Content::Photo {
            caption: Some(t), ..
        } => t.as_str(),
        _ => return false,
    };
    let Some(cmd) = super::commands::split_command(text) else {
        return false;
    };
    super::worker::COMMANDS.contains(&cmd.name.as_str())
        || matches!(
            cmd.name.as_str(),
            "compensate" | "verify" | "addworker" | "removeworker"
        )
        || (cmd.name == "simple" && cmd.args.split_whitespace().count() > 1)
}

/// Swaps the acting member for the resident they act for, if they are acting now.
pub(crate) async fn act_as(cx: &mut Ctx<'_>) -> Result<(), EngineError> {
    let sql = format!(
        "SELECT a.resident_id FROM acting a JOIN helpers h ON h.resident_id = a.resident_id AND h.helper_id = a.helper_id
         WHERE a.helper_id = $1 AND a.until > $2 AND h.revoked_at IS NULL{}",
        cx.engine.store.backend().for_update()
    );
    let resident: Option<i64> = sqlx::query_scalar(&sql)
        .bind(cx.me.id)
        .bind(cx.now)
        .fetch_optional(&mut *cx.tx)
        .await?;
    let Some(resident) = resident else {
        return Ok(());
    };
    let Some(r) = members::member_by_id(&mut cx.tx, resident).await? else {
        return Ok(());
    };
    sqlx::query("UPDATE acting SET until = $1 WHERE helper_id = $2")
        .bind(cx.now + ACTING_SECS)
        .bind(cx.me.id)
        .execute(&mut *cx.tx)
        .await?;
    let helper = std::mem::replace(&mut cx.me, r);
    cx.actor = Some(helper);
    Ok(())
}

/// Writes what a helper did for the resident, for the resident's history.
pub(crate) async fn mark_acted(cx: &mut Ctx<'_>, inc: &Incoming) -> Result<(), EngineError> {
    let Some(helper) = cx.actor.clone() else {
        return Ok(());
    };
    let what = match &inc.content {
        Content::Text(t) => t.chars().take(80).collect(),
        Content::Photo { .. } => "[photo]".to_string(),
        Content::Button { data, .. } => {
            let action: Option<String> =
                sqlx::query_scalar("SELECT action FROM callbacks WHERE token = $1")
                    .bind(data)
                    .fetch_optional(&mut *cx.tx)
                    .await?;
            format!("[{}]", action.unwrap_or_else(|| "button".into()))
        }
        _ => return Ok(()),
    };
    sqlx::query(
        "INSERT INTO acted (resident_id, helper_id, what, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(cx.me.id)
    .bind(helper.id)
    .bind(what)
    .bind(cx.now)
    .execute(&mut *cx.tx)
    .await?;
    Ok(())
}

/// `/helper` (a code for a helper), `/helper off` (withdraw every helper).
pub(crate) async fn helper_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let loc = cx.my_locale();
    if cx.actor.is_some() {
        return Err(Refusal::new("err-not-while-acting").into());
    }
    if matches!(args.trim(), "off" | "关" | "关闭" | "取消") {
        let n = sqlx::query(
            "UPDATE helpers SET revoked_at = $1 WHERE resident_id = $2 AND revoked_at IS NULL",
        )
        .bind(cx.now)
        .bind(cx.me.id)
        .execute(&mut *cx.tx)
        .await?
        .rows_affected();
        sqlx::query("DELETE FROM acting WHERE resident_id = $1")
            .bind(cx.me.id)
            .execute(&mut *cx.tx)
            .await?;
        // Codes given out and not used yet stop working too.
        sqlx::query("DELETE FROM helper_codes WHERE resident_id = $1 AND used_by IS NULL")
            .bind(cx.me.id)
            .execute(&mut *cx.tx)
            .await?;
        let text = cx.t(loc, "helper-revoked", &[("count", (n as i64).into())]);
        return cx.reply_end(text).await;
    }
    let code = loop {
        let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
        let taken: Option<String> =
            sqlx::query_scalar("SELECT code FROM helper_codes WHERE code = $1")
                .bind(&code)
                .fetch_optional(&mut *cx.tx)
                .await?;
        if taken.is_none() {
            break code;
        }
    };
    sqlx::query("INSERT INTO helper_codes (code, resident_id, expires_at) VALUES ($1, $2, $3)")
        .bind(&code)
        .bind(cx.me.id)
        .bind(cx.now + CODE_SECS)
        .execute(&mut *cx.tx)
        .await?;
    let text = cx.t(loc, "helper-code", &[("code", code.into())]);
    cx.reply_end(text).await
}

/// `/actfor CODE`: the helper links to the resident who gave them the code.
pub(crate) async fn actfor_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let code = args.trim();
    if cx.actor.is_some() {
        return Err(Refusal::new("err-not-while-acting").into());
    }
    let tried: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM helper_attempts WHERE member_id = $1 AND at > $2")
            .bind(cx.me.id)
            .bind(cx.now - CODE_SECS)
            .fetch_one(&mut *cx.tx)
            .await?;
    if tried >= MAX_ATTEMPTS {
        return Err(Refusal::new("err-helper-locked").into());
    }
    let sql = format!(
        "SELECT resident_id FROM helper_codes WHERE code = $1 AND used_by IS NULL AND expires_at > $2{}",
        cx.engine.store.backend().for_update()
    );
    let resident: Option<i64> = sqlx::query_scalar(&sql)
        .bind(code)
        .bind(cx.now)
        .fetch_optional(&mut *cx.tx)
        .await?;
    let Some(resident) = resident.filter(|r| *r != cx.me.id) else {
        // Kept (not a refusal, which would undo it): wrong codes are counted.
        sqlx::query("INSERT INTO helper_attempts (member_id, at) VALUES ($1, $2)")
            .bind(cx.me.id)
            .bind(cx.now)
            .execute(&mut *cx.tx)
            .await?;
        let text = cx.t(cx.my_locale(), "err-helper-code", &[]);
        return cx.reply(text, Vec::new()).await;
    };
    sqlx::query("UPDATE helper_codes SET used_by = $1 WHERE code = $2")
        .bind(cx.me.id)
        .bind(code)
        .execute(&mut *cx.tx)
        .await?;
    sqlx::query(
        "INSERT INTO helpers (resident_id, helper_id, granted_at) VALUES ($1, $2, $3)
         ON CONFLICT (resident_id, helper_id) DO UPDATE SET granted_at = EXCLUDED.granted_at, revoked_at = NULL",
    )
    .bind(resident)
    .bind(cx.me.id)
    .bind(cx.now)
    .execute(&mut *cx.tx)
    .await?;
    let r = members::member_by_id(&mut cx.tx, resident)
        .await?
        .ok_or(Refusal::new("err-helper-code"))?;
    let text = cx.t(
        cx.my_locale(),
        "helper-linked",
        &[("name", r.name.clone().into())],
    );
    cx.reply(text, Vec::new()).await?;
    let text = cx.t(
        cx.locale_of(&r),
        "helper-linked-resident",
        &[("name", cx.me.name.clone().into())],
    );
    cx.say_private(&r, text, Vec::new(), None).await?;
    Ok(())
}

/// `/as NAME` starts acting for a resident who agreed; `/as off` stops.
pub(crate) async fn as_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let who = args.trim();
    if cx.actor.is_some() {
        return Err(Refusal::new("err-not-while-acting").into());
    }
    if who.is_empty() || matches!(who, "off" | "关" | "结束") {
        sqlx::query("DELETE FROM acting WHERE helper_id = $1")
            .bind(cx.me.id)
            .execute(&mut *cx.tx)
            .await?;
        let text = cx.t(cx.my_locale(), "acting-off", &[]);
        return cx.reply(text, Vec::new()).await;
    }
    let rows = sqlx::query(
        "SELECT m.id, m.name FROM helpers h JOIN members m ON m.id = h.resident_id
         WHERE h.helper_id = $1 AND h.revoked_at IS NULL ORDER BY m.id",
    )
    .bind(cx.me.id)
    .fetch_all(&mut *cx.tx)
    .await?;
    let mut found = None;
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        let name: String = r.try_get("name")?;
        if name == who || id.to_string() == who {
            found = Some((id, name));
        }
    }
    let Some((id, name)) = found else {
        return Err(Refusal::new("err-not-helper")
            .arg("name", who.to_string())
            .into());
    };
    sqlx::query(
        "INSERT INTO acting (helper_id, resident_id, until) VALUES ($1, $2, $3)
         ON CONFLICT (helper_id) DO UPDATE SET resident_id = EXCLUDED.resident_id, until = EXCLUDED.until",
    )
    .bind(cx.me.id)
    .bind(id)
    .bind(cx.now + ACTING_SECS)
    .execute(&mut *cx.tx)
    .await?;
    let text = cx.t(cx.my_locale(), "acting-on", &[("name", name.into())]);
    cx.reply(text, Vec::new()).await
}

/// The last things helpers did for the member, for their history.
pub(crate) async fn acted_lines(
    cx: &mut Ctx<'_>,
    limit: i64,
) -> Result<Vec<(i64, String, String)>, EngineError> {
    let rows = sqlx::query(
        "SELECT a.created_at, m.name, a.what FROM acted a JOIN members m ON m.id = a.helper_id
         WHERE a.resident_id = $1 ORDER BY a.id DESC LIMIT $2",
    )
    .bind(cx.me.id)
    .bind(limit)
    .fetch_all(&mut *cx.tx)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(EngineError::from)
}
