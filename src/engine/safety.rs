//! Trust and safety, shared parts: the route that runs before every other handler (flood
//! control, the workers' chat, the safety commands, forwarded messages), the case cards sent
//! to the social workers, who may act on them, credit changes, `/addworker` and
//! `/removeworker`, `/verify`, and approval of listings in approve-first communities.

use fluent_bundle::FluentValue;

use super::commands::split_command;
use super::worker::{audit, is_worker};
use super::{ChatRef, Content, Ctx, Flow, Incoming, Refusal};
use crate::config::Moderation;
use crate::domain::{Action, ListingStatus, Role};
use crate::store::listings::{self as db, CallbackTarget, Listing};
use crate::store::members::{self, Community, Member};
use crate::store::outbox::{Button, OutMsg};

/// Commands handled here, in groups and in private.
const COMMANDS: &[&str] = &[
    "dispute",
    "compensate",
    "report",
    "verify",
    "addworker",
    "removeworker",
];

/// True when `chat_id` is some community's workers' chat (configured in `bot.toml`).
pub(crate) fn is_workers_chat(cx: &Ctx<'_>, chat_id: i64) -> bool {
    cx.engine
        .cfg
        .communities
        .iter()
        .any(|c| c.workers_chat_id == Some(chat_id))
}

/// Runs before every other handler; `Ok(true)` when the update was dealt with here.
pub(crate) async fn route(cx: &mut Ctx<'_>, inc: &Incoming) -> Flow<bool> {
    let (text, photos): (Option<&str>, Vec<String>) = match &inc.content {
        Content::Text(t) => (Some(t.as_str()), Vec::new()),
        Content::Photo {
            caption: Some(t),
            file_id,
        } => (Some(t.as_str()), vec![file_id.clone()]),
        Content::Forwarded {
            text,
            author_id,
            origin_chat,
        } if inc.chat == ChatRef::Private => {
            super::reports::report_forwarded(cx, text.as_deref(), *author_id, *origin_chat).await?;
            return Ok(true);
        }
        _ => (None, Vec::new()),
    };
    let Some(text) = text else {
        return Ok(false);
    };
    let chat_id = match &inc.chat {
        ChatRef::Group { chat_id, .. } => *chat_id,
        ChatRef::Private => cx.me.id,
    };
    let workers_chat = cx.community.is_none() && chat_id < 0;
    if !workers_chat && flooded(cx, chat_id, text).await? {
        return Ok(true);
    }
    let Some(cmd) = split_command(text) else {
        return Ok(false);
    };
    let ours = match (cmd.bot, &cx.engine.bot_username) {
        (Some(b), Some(me)) => b.eq_ignore_ascii_case(me),
        _ => true,
    };
    if !ours || !COMMANDS.contains(&cmd.name.as_str()) {
        return Ok(false);
    }
    // A bare /dispute or /report in private starts its dialog (dialogs/*.toml).
    if inc.chat == ChatRef::Private
        && cmd.args.is_empty()
        && cx.engine.dialogs.by_command(&cmd.name).is_some()
    {
        return Ok(false);
    }
    // Disputes, reports and workers' decisions are private: even a refusal is not said in the
    // group. Naming workers is public.
    cx.refuse_privately = !matches!(cmd.name.as_str(), "addworker" | "removeworker");
    let words: Vec<&str> = cmd.args.split_whitespace().collect();
    let number = |i: usize| {
        words
            .get(i)
            .and_then(|w| w.trim_start_matches('#').parse::<i64>().ok())
    };
    match cmd.name.as_str() {
        "dispute" => {
            let listing = number(0).ok_or(Refusal::new("usage-dispute"))?;
            let reason = words.get(1..).unwrap_or(&[]).join(" ");
            super::disputes::dispute_command(cx, listing, &reason, &photos).await?;
        }
        "compensate" => {
            let (Some(case), Some(points)) = (number(0), number(1)) else {
                return Err(Refusal::new("usage-compensate").into());
            };
            let reason = words.get(2..).unwrap_or(&[]).join(" ");
            super::disputes::compensate_command(cx, case, points, &reason).await?;
        }
        "report" => {
            let listing = number(0).ok_or(Refusal::new("usage-report"))?;
            let reason = words.get(1..).unwrap_or(&[]).join(" ");
            super::reports::file_report(cx, listing, &reason).await?;
        }
        "verify" => {
            let listing = number(0).ok_or(Refusal::new("usage-verify"))?;
            verify_listing(cx, listing).await?;
        }
        name => {
            let who = words.first().ok_or(Refusal::new("usage-addworker"))?;
            set_worker(cx, who, name == "addworker").await?;
        }
    }
    Ok(true)
}

/// Flood control: more than `safety.flood_max` commands or listings within
/// `safety.flood_seconds` from one member in one chat (a group, or their private chat) are
/// dropped, with one warning. Workers are exempt. `Ok(true)` when this update is dropped.
async fn flooded(cx: &mut Ctx<'_>, chat_id: i64, text: &str) -> Flow<bool> {
    let command = text.trim_start().starts_with('/');
    let counts = command
        || (cx.community.is_some()
            && crate::parse::parse(text, None, &cx.engine.lexicon).kind
                != crate::parse::Kind::None);
    if !counts {
        return Ok(false);
    }
    // Workers are exempt: of this group's community, or (in private) of any.
    let communities = match &cx.community {
        Some(c) => vec![c.clone()],
        None => members::communities_of(&mut cx.tx, cx.me.id).await?,
    };
    for c in &communities {
        if is_worker(cx, c, cx.me.id).await? {
            return Ok(false);
        }
    }
    let global: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM member_roles WHERE member_id = $1 AND community_id = 0",
    )
    .bind(cx.me.id)
    .fetch_one(&mut *cx.tx)
    .await?;
    if global > 0 {
        return Ok(false);
    }
    let s = &cx.engine.cfg.safety;
    let since = cx.now - s.flood_seconds;
    sqlx::query("DELETE FROM flood WHERE member_id = $1 AND chat_id = $2 AND at <= $3")
        .bind(cx.me.id)
        .bind(chat_id)
        .bind(since)
        .execute(&mut *cx.tx)
        .await?;
    let (n, warned): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(MAX(warned), 0) AS BIGINT) FROM flood WHERE member_id = $1 AND chat_id = $2",
    )
    .bind(cx.me.id)
    .bind(chat_id)
    .fetch_one(&mut *cx.tx)
    .await?;
    if n < s.flood_max {
        sqlx::query("INSERT INTO flood (member_id, chat_id, at, warned) VALUES ($1, $2, $3, 0)")
            .bind(cx.me.id)
            .bind(chat_id)
            .bind(cx.now)
            .execute(&mut *cx.tx)
            .await?;
        return Ok(false);
    }
    if warned == 0 {
        sqlx::query("UPDATE flood SET warned = 1 WHERE member_id = $1 AND chat_id = $2")
            .bind(cx.me.id)
            .bind(chat_id)
            .execute(&mut *cx.tx)
            .await?;
        let text = cx.t(
            cx.my_locale(),
            "flood-warning",
            &[("seconds", s.flood_seconds.into())],
        );
        let me = cx.me.clone();
        let via = (chat_id < 0).then_some(chat_id);
        cx.say_private(&me, text, Vec::new(), via).await?;
    }
    Ok(true)
}

/// Refuses anyone who is not a social worker (or admin) of `community`, with the reason.
pub(crate) async fn require_worker(cx: &mut Ctx<'_>, community: &Community) -> Flow {
    if is_worker(cx, community, cx.me.id).await? {
        return Ok(());
    }
    let mine = members::communities_of(&mut cx.tx, cx.me.id).await?;
    for c in mine {
        if is_worker(cx, &c, cx.me.id).await? {
            return Err(Refusal::new("err-not-your-community").into());
        }
    }
    let global: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM member_roles WHERE member_id = $1")
        .bind(cx.me.id)
        .fetch_one(&mut *cx.tx)
        .await?;
    let in_config = cx
        .engine
        .cfg
        .communities
        .iter()
        .any(|c| c.workers.contains(&cx.me.id) || c.admins.contains(&cx.me.id));
    Err(Refusal::new(if global > 0 || in_config {
        "err-not-your-community"
    } else {
        "err-not-worker"
    })
    .into())
}

/// True when `member_id` is an admin of the community (in `bot.toml`, or by role).
pub(crate) async fn is_admin(
    cx: &mut Ctx<'_>,
    community: &Community,
    member_id: i64,
) -> Flow<bool> {
    if cx
        .engine
        .cfg
        .community(community.chat_id)
        .is_some_and(|c| c.admins.contains(&member_id))
    {
        return Ok(true);
    }
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM member_roles WHERE member_id = $1 AND community_id IN (0, $2) AND role = $3",
    )
    .bind(member_id)
    .bind(community.id)
    .bind(Role::Admin.as_str())
    .fetch_one(&mut *cx.tx)
    .await?;
    Ok(n > 0)
}

/// The admins of a community: from `bot.toml` and by role.
pub(crate) async fn admins_of(
    tx: &mut crate::store::Tx,
    cfg: &crate::config::Config,
    community: &Community,
) -> Result<Vec<Member>, super::EngineError> {
    staff_of(tx, cfg, community, true).await
}

/// The social workers and admins of a community (only the admins with `admins_only`): from
/// `bot.toml` and by role, each once, by id.
pub(crate) async fn staff_of(
    tx: &mut crate::store::Tx,
    cfg: &crate::config::Config,
    community: &Community,
    admins_only: bool,
) -> Result<Vec<Member>, super::EngineError> {
    let mut ids: Vec<i64> = cfg
        .community(community.chat_id)
        .map(|c| {
            let workers = if admins_only { &[][..] } else { &c.workers[..] };
            workers.iter().chain(&c.admins).copied().collect()
        })
        .unwrap_or_default();
    let by_role: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT member_id FROM member_roles WHERE community_id IN (0, $1) AND ($2 = 0 OR role = 'admin')",
    )
    .bind(community.id)
    .bind(admins_only as i64)
    .fetch_all(&mut **tx)
    .await?;
    ids.extend(by_role);
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

/// A message for the social workers: text by key and arguments, and rows of buttons (label
/// key, what it does). Goes to the community's workers' chat, or else to each of its workers
/// privately. Returns the outbox rows.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn tell_workers(
    engine: &super::Engine,
    tx: &mut crate::store::Tx,
    community: &Community,
    key: &str,
    args: &[(&'static str, String)],
    buttons: &[Vec<(String, CallbackTarget)>],
    now: i64,
    update_key: Option<&str>,
) -> Result<Vec<i64>, super::EngineError> {
    let mut tokens = Vec::new();
    for row in buttons {
        let mut r = Vec::new();
        for (label, target) in row {
            r.push((label.clone(), db::new_callback(tx, target, now).await?));
        }
        tokens.push(r);
    }
    let render = |loc| {
        let fa: Vec<(&str, FluentValue)> = args
            .iter()
            .map(|(k, v)| {
                // Numbers stay numbers, so that `[0]` variants and plural rules match.
                let fv = match v.parse::<i64>() {
                    Ok(n) => FluentValue::from(n),
                    Err(_) => FluentValue::from(v.clone()),
                };
                (*k, fv)
            })
            .collect();
        let text = engine.t(loc, key, &fa);
        let rows: Vec<Vec<Button>> = tokens
            .iter()
            .map(|row| {
                row.iter()
                    .map(|(label, token)| {
                        // A label is a key, or a key and a number: `button-compensate 5`.
                        let (k, n) = label.split_once(' ').unwrap_or((label, ""));
                        Button::callback(
                            engine.t(loc, k, &[("points", FluentValue::from(n.to_string()))]),
                            token.clone(),
                        )
                    })
                    .collect()
            })
            .collect();
        (text, rows)
    };
    let cfg = engine.cfg.community(community.chat_id);
    if let Some(chat) = cfg.and_then(|c| c.workers_chat_id) {
        let (text, rows) = render(engine.group_locale(chat));
        let m = OutMsg::send(chat, text, rows);
        return Ok(vec![
            crate::store::outbox::enqueue(tx, &m, update_key, now).await?,
        ]);
    }
    let mut ids: Vec<i64> = cfg
        .map(|c| c.workers.iter().chain(&c.admins).copied().collect())
        .unwrap_or_default();
    let from_roles: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT member_id FROM member_roles WHERE community_id IN (0, $1) ORDER BY member_id",
    )
    .bind(community.id)
    .fetch_all(&mut **tx)
    .await?;
    ids.extend(from_roles);
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::new();
    for id in ids {
        if let Some(w) = members::member_by_id(tx, id).await? {
            let (text, rows) = render(w.lang.unwrap_or(engine.default_locale));
            let urgent = false;
            let msg = engine.private_msg(&w, text, rows, now, urgent, Some(community.chat_id));
            out.push(crate::store::outbox::enqueue(tx, &msg, update_key, now).await?);
        }
    }
    Ok(out)
}

impl Ctx<'_> {
    /// [`tell_workers`] inside an update: its rows are sent with the update's own.
    pub(crate) async fn tell_workers(
        &mut self,
        community: &Community,
        key: &str,
        args: &[(&'static str, String)],
        buttons: &[Vec<(String, CallbackTarget)>],
    ) -> Flow {
        let ids = tell_workers(
            self.engine,
            &mut self.tx,
            community,
            key,
            args,
            buttons,
            self.now,
            Some(&self.key.clone()),
        )
        .await
        .map_err(super::Stop::Fail)?;
        self.out.extend(ids);
        Ok(())
    }

    /// Answers a button press with a short toast.
    pub(crate) async fn toast(&mut self, query_id: &str, text: String) -> Flow {
        self.enqueue(OutMsg::answer(
            self.me.id,
            query_id.to_string(),
            text,
            false,
        ))
        .await?;
        Ok(())
    }

    /// Tells the acting member something privately.
    pub(crate) async fn tell_me(&mut self, key: &str, args: &[(&'static str, Val)]) -> Flow {
        let me = self.me.clone();
        self.tell(&me, key, args).await
    }

    /// Tells a member something privately, in their language.
    pub(crate) async fn tell(
        &mut self,
        m: &Member,
        key: &str,
        args: &[(&'static str, Val)],
    ) -> Flow {
        let text = {
            let fa: Vec<(&str, FluentValue)> = args.iter().map(|(k, v)| (*k, v.fluent())).collect();
            self.t(self.locale_of(m), key, &fa)
        };
        self.say_private(m, text, Vec::new(), None).await?;
        Ok(())
    }
}

/// A message argument that may be kept across an await (Fluent's values are not `Sync`).
#[derive(Debug, Clone)]
pub(crate) enum Val {
    S(String),
    N(i64),
}

impl Val {
    fn fluent(&self) -> FluentValue<'static> {
        match self {
            Val::S(s) => FluentValue::from(s.clone()),
            Val::N(n) => FluentValue::from(*n),
        }
    }
}

impl From<String> for Val {
    fn from(s: String) -> Val {
        Val::S(s)
    }
}

impl From<&str> for Val {
    fn from(s: &str) -> Val {
        Val::S(s.to_string())
    }
}

impl From<i64> for Val {
    fn from(n: i64) -> Val {
        Val::N(n)
    }
}

/// Moves a member's credit by `delta`, within `credit.min..=credit.max`.
pub(crate) async fn adjust_credit(cx: &mut Ctx<'_>, member_id: i64, delta: i64) -> Flow {
    let credit = &cx.engine.cfg.credit;
    sqlx::query("UPDATE members SET credit = CASE WHEN credit + $2 < $3 THEN $3 WHEN credit + $2 > $4 THEN $4 ELSE credit + $2 END WHERE id = $1")
        .bind(member_id)
        .bind(delta)
        .bind(credit.min)
        .bind(credit.max)
        .execute(&mut *cx.tx)
        .await?;
    Ok(())
}

pub(crate) async fn member(cx: &mut Ctx<'_>, id: i64) -> Flow<Member> {
    Ok(members::member_by_id(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-internal"))?)
}

/// `/addworker ID` and `/removeworker ID` in a group, by one of its admins (Telegram: also as
/// a reply to the member's message). Audited.
async fn set_worker(cx: &mut Ctx<'_>, who: &str, add: bool) -> Flow {
    let community = cx
        .community
        .clone()
        .ok_or(Refusal::new("err-in-group-only"))?;
    if !is_admin(cx, &community, cx.me.id).await? {
        return Err(Refusal::new("err-not-admin").into());
    }
    let id = who
        .trim_start_matches('@')
        .parse::<i64>()
        .map_err(|_| Refusal::new("usage-addworker"))?;
    let target = members::member_by_id(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-no-such-member").arg("name", who.to_string()))?;
    if add {
        members::grant_role(&mut cx.tx, target.id, community.id, Role::Worker).await?;
    } else {
        sqlx::query("DELETE FROM member_roles WHERE member_id = $1 AND community_id = $2 AND role = 'worker'")
            .bind(target.id)
            .bind(community.id)
            .execute(&mut *cx.tx)
            .await?;
    }
    let action = if add { "addworker" } else { "removeworker" };
    audit(cx, community.id, action, Some(target.id), None, action).await?;
    let key = if add {
        "worker-added"
    } else {
        "worker-removed"
    };
    let text = cx.t(
        cx.engine.group_locale(community.chat_id),
        key,
        &[("name", target.name.clone().into())],
    );
    cx.say_group(community.chat_id, text, Vec::new()).await?;
    Ok(())
}

/// `/verify N` or the Verify button: a worker checked listing N on a home visit; its card
/// shows the mark from now on.
pub(crate) async fn verify_listing(cx: &mut Ctx<'_>, listing_id: i64) -> Flow {
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-no-such-listing").arg("id", listing_id))?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    require_worker(cx, &community).await?;
    db::set_verified(&mut cx.tx, l.id, cx.now).await?;
    audit(
        cx,
        community.id,
        "verify",
        Some(l.owner_id),
        None,
        &format!("#{}", l.id),
    )
    .await?;
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    if l.status == ListingStatus::Open && l.review == "none" {
        super::listings::refresh_card(cx, &l).await?;
    }
    cx.tell_me("verify-done", &[("id", l.id.into())]).await
}

/// In an approve-first community, a member's first listings wait for a worker: `Ok(true)`
/// when this one does (no card yet; the workers get Approve / Reject).
pub(crate) async fn hold_for_approval(
    cx: &mut Ctx<'_>,
    community: &Community,
    l: &Listing,
) -> Flow<bool> {
    let Some(cc) = cx.engine.cfg.community(community.chat_id) else {
        return Ok(false);
    };
    if cc.moderation != Moderation::ApproveFirst {
        return Ok(false);
    }
    let limit = cc.approve_first_listings;
    if is_worker(cx, community, l.owner_id).await? {
        return Ok(false);
    }
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM listings WHERE community_id = $1 AND owner_id = $2",
    )
    .bind(community.id)
    .bind(l.owner_id)
    .fetch_one(&mut *cx.tx)
    .await?;
    if n > limit {
        return Ok(false);
    }
    db::set_review(&mut cx.tx, l.id, "pending", cx.now).await?;
    let owner = member(cx, l.owner_id).await?;
    let args = [
        ("id", l.id.to_string()),
        ("title", l.title.clone()),
        ("points", l.points.to_string()),
        ("name", owner.name.clone()),
        ("community", community.title.clone()),
        ("text", l.title.clone()),
    ];
    let approve = CallbackTarget {
        action: Action::Approve,
        listing_id: Some(l.id),
        claim_id: None,
        for_member: None,
        arg: None,
    };
    let reject = CallbackTarget {
        action: Action::Reject,
        ..approve.clone()
    };
    let verify = CallbackTarget {
        action: Action::Verify,
        ..approve.clone()
    };
    cx.tell_workers(
        community,
        "approval-card",
        &args,
        &[vec![
            ("button-approve".into(), approve),
            ("button-reject".into(), reject),
            ("button-verify".into(), verify),
        ]],
    )
    .await?;
    let me = cx.me.clone();
    let text = cx.t(cx.my_locale(), "listing-pending", &[("id", l.id.into())]);
    cx.say_private(&me, text, Vec::new(), Some(community.chat_id))
        .await?;
    Ok(true)
}

/// A worker approves (the card appears) or rejects (the listing is withdrawn) a waiting listing.
pub(crate) async fn decide_listing(
    cx: &mut Ctx<'_>,
    query_id: &str,
    listing_id: i64,
    approve: bool,
) -> Flow {
    let l = db::listing_for_update(&mut cx.tx, listing_id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    let community = members::community_by_id(&mut cx.tx, l.community_id).await?;
    require_worker(cx, &community).await?;
    if l.review != "pending" {
        return Err(Refusal::new("err-case-closed").into());
    }
    let owner = member(cx, l.owner_id).await?;
    if approve {
        db::set_review(&mut cx.tx, l.id, "none", cx.now).await?;
        let l = db::listing_for_update(&mut cx.tx, listing_id)
            .await?
            .ok_or(Refusal::new("err-internal"))?;
        super::listings::post_card(cx, &community, &l).await?;
        cx.tell(
            &owner,
            "listing-approved",
            &[("id", l.id.into()), ("title", l.title.clone().into())],
        )
        .await?;
    } else {
        db::set_review(&mut cx.tx, l.id, "rejected", cx.now).await?;
        db::set_listing_status(&mut cx.tx, l.id, ListingStatus::Withdrawn, cx.now).await?;
        crate::jobs::scheduler::cancel(&mut cx.tx, &super::reminders::LISTING_JOBS, l.id).await?;
        cx.tell(
            &owner,
            "listing-rejected",
            &[("id", l.id.into()), ("title", l.title.clone().into())],
        )
        .await?;
    }
    let action = if approve { "approve" } else { "reject" };
    audit(
        cx,
        community.id,
        action,
        Some(l.owner_id),
        None,
        &format!("#{}", l.id),
    )
    .await?;
    let text = cx.t(
        cx.my_locale(),
        &format!("{action}-done"),
        &[("id", l.id.into())],
    );
    cx.toast(query_id, text).await
}
