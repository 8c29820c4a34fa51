//! Helpers: a family member or a social worker acting for a resident who agreed to it.
//!
//! The resident asks for a one-time code (`/helper`, 代办) and gives it to the person they
//! trust, who links with `/actfor CODE`. The helper then writes `/as NAME` in their own private
//! chat: until `/as off` (or half an hour without a word) everything they do there is done as
//! the resident, the replies come back to the helper marked "for NAME", and every such action
//! is written to `acted`, which the resident's `/history` shows. `/helper off` withdraws the
//! agreement at once.

use rand::Rng;

use crate::engine::kernel::ctx::Ctx;
use crate::engine::kernel::{Content, EngineError, Flow, Incoming, Refusal};
use crate::store::helpers as db;
use crate::store::listings;
use crate::store::members;

/// How long acting lasts after the helper's last word.
const ACTING_SECS: i64 = 30 * 60;
/// How long a code may be used.
const CODE_SECS: i64 = 24 * 3600;
/// Wrong codes a member may try in a day before `/actfor` stops listening to them.
const MAX_ATTEMPTS: i64 = 5;

/// Swaps the acting member for the resident they act for, if they are acting now.
pub async fn act_as(cx: &mut Ctx<'_>) -> Result<(), EngineError> {
    let Some(resident) = db::acting_for(&mut cx.tx, cx.me.id, cx.now).await? else {
        return Ok(());
    };
    let Some(r) = members::member_by_id(&mut cx.tx, resident).await? else {
        return Ok(());
    };
    db::act(&mut cx.tx, cx.me.id, resident, cx.now + ACTING_SECS).await?;
    let helper = std::mem::replace(&mut cx.me, r);
    cx.actor = Some(helper);
    Ok(())
}

/// Writes what a helper did for the resident, for the resident's history.
pub async fn mark_acted(cx: &mut Ctx<'_>, inc: &Incoming) -> Result<(), EngineError> {
    let Some(helper) = cx.actor.clone() else {
        return Ok(());
    };
    let what = match &inc.content {
        Content::Text(t) => t.chars().take(80).collect(),
        Content::Photo { .. } => "[photo]".to_string(),
        Content::Button { data, .. } => {
            let action = listings::callback_action(&mut cx.tx, data).await?;
            format!("[{}]", action.unwrap_or_else(|| "button".into()))
        }
        _ => return Ok(()),
    };
    let me = cx.me.id;
    db::record_acted(&mut cx.tx, me, helper.id, &what, cx.now).await?;
    Ok(())
}

/// Refuses what only the member themselves may do while someone acts for them.
fn not_while_acting(cx: &Ctx<'_>) -> Flow {
    if cx.actor.is_some() {
        return Err(Refusal::new("err-not-while-acting").into());
    }
    Ok(())
}

/// `/helper` (a code for a helper), `/helper off` (withdraw every helper).
pub async fn helper_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    not_while_acting(cx)?;
    let loc = cx.my_locale();
    if matches!(args.trim(), "off" | "关" | "关闭" | "取消") {
        let n = db::revoke_all(&mut cx.tx, cx.me.id, cx.now).await?;
        let text = cx.t(loc, "helper-revoked", &[("count", (n as i64).into())]);
        return cx.reply_end(text).await;
    }
    let code = loop {
        let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
        if db::new_code(&mut cx.tx, &code, cx.me.id, cx.now + CODE_SECS).await? {
            break code;
        }
    };
    let text = cx.t(loc, "helper-code", &[("code", code.into())]);
    cx.reply_end(text).await
}

/// `/actfor CODE`: the helper links to the resident who gave them the code.
pub async fn actfor_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let code = args.trim();
    not_while_acting(cx)?;
    let me = cx.me.id;
    if db::attempts_since(&mut cx.tx, me, cx.now - CODE_SECS).await? >= MAX_ATTEMPTS {
        return Err(Refusal::new("err-helper-locked").into());
    }
    let owner = db::code_owner(&mut cx.tx, code, cx.now).await?;
    let Some(resident) = owner.filter(|r| *r != me) else {
        // Kept (not a refusal, which would undo it): wrong codes are counted.
        db::record_attempt(&mut cx.tx, me, cx.now).await?;
        let text = cx.t(cx.my_locale(), "err-helper-code", &[]);
        return cx.reply(text, Vec::new()).await;
    };
    db::link(&mut cx.tx, code, resident, me, cx.now).await?;
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
pub async fn as_command(cx: &mut Ctx<'_>, args: &str) -> Flow {
    let who = args.trim();
    not_while_acting(cx)?;
    let me = cx.me.id;
    if who.is_empty() || matches!(who, "off" | "关" | "结束") {
        db::stop_acting(&mut cx.tx, me, true).await?;
        let text = cx.t(cx.my_locale(), "acting-off", &[]);
        return cx.reply(text, Vec::new()).await;
    }
    let found = db::residents_of(&mut cx.tx, me)
        .await?
        .into_iter()
        .rfind(|(id, name)| name == who || id.to_string() == who);
    let Some((id, name)) = found else {
        return Err(Refusal::new("err-not-helper")
            .arg("name", who.to_string())
            .into());
    };
    db::act(&mut cx.tx, me, id, cx.now + ACTING_SECS).await?;
    let text = cx.t(cx.my_locale(), "acting-on", &[("name", name.into())]);
    cx.reply(text, Vec::new()).await
}

/// The last things helpers did for the member, for their history: (when, helper, what).
pub async fn acted_lines(cx: &mut Ctx<'_>, limit: i64) -> Flow<Vec<(i64, String, String)>> {
    let me = cx.me.id;
    Ok(db::acted(&mut cx.tx, me, limit).await?)
}
