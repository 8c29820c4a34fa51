//! Emergencies and roll-calls. A worker's `/emergency TEXT` (optionally `| 发电机, 轮椅, 常用药`)
//! goes at once (quiet hours do not apply) to the group of each community they serve, with
//! "✅ 我安全" / "🆘 我需要帮助" / "🙋 我能帮忙" buttons, and the roll-call's things as buttons.
//! A tap is answered privately and never said in the group; "I need help" opens an emergency
//! ticket (Take / Done) for the workers. The workers see a live tally — counts, who needs help
//! (each a button that opens a chat), who has which thing — edited after every tap; after
//! `desk.emergency_call_minutes` they get the list of residents who have not answered, to
//! call them. `/emergency end` closes it.

use crate::domain::{Action, JobKind, TicketKind};
use crate::engine::cases::tickets;
use crate::engine::kernel::ctx::{Ctx, Escalation};
use crate::engine::kernel::{Flow, Refusal, Val};
use crate::i18n::Locale;
use crate::store::emergency::{self as db, Emergency};
use crate::store::listings::CallbackTarget;
use crate::store::members::{self, Community};
use crate::store::outbox::Button;

/// The answers a resident can give, in button order.
const ANSWERS: [&str; 3] = ["safe", "need", "help"];

/// `/emergency TEXT [| THING, THING…]`, `/emergency end`, or `/emergency` (where they stand).
pub async fn command(cx: &mut Ctx<'_>, here: Option<i64>, args: &str) -> Flow {
    cx.urgent = true;
    let args = args.trim();
    let communities = served(cx, here).await?;
    let lower = args.to_lowercase();
    if args.is_empty() || ["状态", "status"].contains(&lower.as_str()) {
        return status(cx, here, &communities).await;
    }
    if ["end", "close", "结束", "解除"].contains(&lower.as_str()) {
        return end(cx, here, &communities).await;
    }
    let (text, items) = match args.split_once(['|', '｜']) {
        Some((t, list)) => (
            t.trim(),
            list.split([',', '，', '、', '/', '／'])
                .map(|w| w.trim().to_string())
                .filter(|w| !w.is_empty())
                .take(6)
                .collect::<Vec<_>>(),
        ),
        None => (args, Vec::new()),
    };
    if text.chars().count() < 2 {
        return Err(Refusal::new("usage-emergency").into());
    }
    for c in &communities {
        if db::open_in(&mut cx.tx, c.id).await?.is_some() {
            return Err(Refusal::new("err-emergency-open")
                .arg("community", c.title.clone())
                .into());
        }
    }
    for c in &communities {
        start(cx, c, text, &items).await?;
    }
    let names: Vec<String> = communities.iter().map(|c| c.title.clone()).collect();
    let loc = place_locale(cx, here);
    let said = cx.t(
        loc,
        "emergency-sent",
        &[
            ("communities", names.join("、").into()),
            ("minutes", cx.engine.cfg.desk.emergency_call_minutes.into()),
        ],
    );
    let chat = here.unwrap_or(cx.me.id);
    cx.send_files(chat, said, Vec::new(), Vec::new()).await?;
    Ok(())
}

fn place_locale(cx: &Ctx<'_>, here: Option<i64>) -> Locale {
    here.map_or(cx.my_locale(), |chat| cx.engine.group_locale(chat))
}

/// The communities of the workers' chat asked in, or those the worker serves.
async fn served(cx: &mut Ctx<'_>, here: Option<i64>) -> Flow<Vec<Community>> {
    crate::engine::cases::desk::chosen(cx, here, "").await
}

/// Opens an emergency in one community: the notice in its group, the tally for its workers,
/// and the job that lists who has not answered.
async fn start(cx: &mut Ctx<'_>, c: &Community, text: &str, items: &[String]) -> Flow {
    let id = db::open(&mut cx.tx, c.id, text, items, cx.me.id, cx.now).await?;
    let gloc = cx.engine.group_locale(c.chat_id);
    let mut rows = vec![Vec::new()];
    for a in ANSWERS {
        let t = CallbackTarget::case(Action::EmergencyAnswer, id, Some(a.to_string()));
        rows[0].push(
            cx.button_t(gloc, &format!("button-emergency-{a}"), &t)
                .await?,
        );
    }
    let notice = cx.t(
        gloc,
        "emergency-notice",
        &[
            ("text", text.to_string().into()),
            ("worker", cx.me.name.clone().into()),
        ],
    );
    // At once: quiet hours do not hold an emergency back.
    cx.say_group(c.chat_id, notice.clone(), rows).await?;
    // Neighbours in simple mode also get it privately, with the answers as numbered big keys;
    // whatever they were doing (a questionnaire, an offer) waits, so "2" means "I need help".
    for m in db::simple_members(&mut cx.tx, c.id).await? {
        let m = cx.member(m).await?;
        let paused = crate::engine::shared::dialog::pause_for(cx, m.id).await?;
        let loc = cx.locale_of(&m);
        let mut keys = Vec::new();
        for (i, a) in ANSWERS.iter().enumerate() {
            let t = CallbackTarget::case(Action::EmergencyAnswer, id, Some(a.to_string()));
            let label = cx.t(loc, &format!("button-emergency-{a}"), &[]);
            keys.push(vec![cx.button(format!("{} {label}", i + 1), &t).await?]);
        }
        let mut text = cx.t(
            loc,
            "emergency-notice",
            &[
                ("text", text.to_string().into()),
                ("worker", cx.me.name.clone().into()),
            ],
        );
        if paused {
            text.push('\n');
            text.push_str(&cx.t(loc, "flow-paused", &[]));
        }
        if let Some(first) = items.first() {
            // The roll-call in words: "我家有轮椅" answers it (numbers stay the three answers).
            text.push('\n');
            text.push_str(&cx.t(
                loc,
                "emergency-rollcall-simple",
                &[
                    ("items", items.join(" / ").into()),
                    ("first", first.clone().into()),
                ],
            ));
        }
        cx.notify(&m, text, keys, Some(c.chat_id)).await?;
    }
    if !items.is_empty() {
        let mut row = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let t = CallbackTarget::case(Action::EmergencyHas, id, Some(i.to_string()));
            row.push(cx.button(format!("🙋 {item}"), &t).await?);
        }
        let ask = cx.t(
            gloc,
            "emergency-rollcall",
            &[("items", items.join(" / ").into())],
        );
        cx.say_group(c.chat_id, ask, vec![row]).await?;
    }
    let e = db::get_for_update(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    // The tally, where the workers are.
    for (chat, loc) in places(cx, c).await? {
        let (text, buttons) = tally(cx, &e, c, loc).await?;
        let out = cx.send_to(chat, text, buttons).await?;
        db::add_tally(&mut cx.tx, id, chat, out).await?;
    }
    cx.audit(c.id, "emergency", None, None, text).await?;
    let at = cx.now + cx.engine.cfg.desk.emergency_call_minutes * 60;
    crate::store::jobs::schedule(
        &mut cx.tx,
        JobKind::EmergencyCall,
        Some(c.id),
        None,
        id,
        at,
        cx.now,
    )
    .await?;
    Ok(())
}

/// Where the workers of a community read: their chat, or each privately (the one who acts,
/// when nobody else would hear).
async fn places(cx: &mut Ctx<'_>, c: &Community) -> Flow<Vec<(i64, Locale)>> {
    Ok(match cx.escalation(c).await? {
        Escalation::WorkersChat(chat) => vec![(chat, cx.engine.group_locale(chat))],
        Escalation::Workers(ws) => ws.iter().map(|w| (w.id, cx.locale_of(w))).collect(),
        Escalation::GroupAdmins(ms) => ms.iter().map(|m| (m.id, cx.locale_of(m))).collect(),
        Escalation::Nobody if cx.me.id != 0 => vec![(cx.me.id, cx.my_locale())],
        Escalation::Nobody => Vec::new(),
    })
}

/// The tally's text and buttons (one per resident who needs help, opening a chat).
async fn tally(
    cx: &mut Ctx<'_>,
    e: &Emergency,
    c: &Community,
    loc: Locale,
) -> Flow<(String, Vec<Vec<Button>>)> {
    let answers = db::answers(&mut cx.tx, e.id).await?;
    let count = |a: &str| answers.iter().filter(|x| x.2 == a).count() as i64;
    let unanswered = db::unanswered(&mut cx.tx, e.id, c.id).await?.len() as i64;
    let mut lines = vec![cx.t(
        loc,
        "emergency-tally",
        &[
            ("id", e.id.into()),
            ("community", c.title.clone().into()),
            ("text", e.text.clone().into()),
            ("safe", count("safe").into()),
            ("need", count("need").into()),
            ("help", count("help").into()),
            ("none", unanswered.into()),
            (
                "status",
                cx.t(
                    loc,
                    if e.open {
                        "emergency-status-open"
                    } else {
                        "emergency-status-closed"
                    },
                    &[],
                )
                .into(),
            ),
        ],
    )];
    let need: Vec<&(i64, String, String, i64)> = answers.iter().filter(|x| x.2 == "need").collect();
    let mut buttons = Vec::new();
    if !need.is_empty() {
        // Whether a worker has taken (or closed) each one's ticket: the tally says so.
        let tickets: std::collections::HashMap<i64, (String, Option<String>)> =
            db::need_tickets(&mut cx.tx, c.id, e.created_at)
                .await?
                .into_iter()
                .map(|(m, status, worker)| (m, (status, worker)))
                .collect();
        let names: Vec<String> = need
            .iter()
            .map(|x| {
                let time = cx.engine.local_fmt(x.3, "%H:%M");
                match tickets.get(&x.0) {
                    Some((status, Some(worker))) if status != "open" => cx.t(
                        loc,
                        if status == "done" {
                            "emergency-need-done"
                        } else {
                            "emergency-need-taken"
                        },
                        &[
                            ("name", x.1.clone().into()),
                            ("time", time.into()),
                            ("worker", worker.clone().into()),
                        ],
                    ),
                    _ => format!("{}（{time}）", x.1),
                }
            })
            .collect();
        lines.push(cx.t(
            loc,
            "emergency-need-list",
            &[("names", names.join("、").into())],
        ));
        for x in need.iter().take(12) {
            let label = cx.t(loc, "button-write-to", &[("name", x.1.clone().into())]);
            buttons.push(vec![Button::chat_with(label, x.0)]);
        }
    }
    let helpers: Vec<String> = answers
        .iter()
        .filter(|x| x.2 == "help")
        .map(|x| x.1.clone())
        .collect();
    if !helpers.is_empty() {
        lines.push(cx.t(
            loc,
            "emergency-help-list",
            &[("names", helpers.join("、").into())],
        ));
    }
    let haves = db::haves(&mut cx.tx, e.id).await?;
    for item in &e.items {
        let who: Vec<String> = haves
            .iter()
            .filter(|h| &h.0 == item)
            .map(|h| h.1.clone())
            .collect();
        lines.push(cx.t(
            loc,
            "emergency-item-line",
            &[
                ("item", item.clone().into()),
                ("count", (who.len() as i64).into()),
                ("names", who.join("、").into()),
            ],
        ));
    }
    Ok((lines.join("\n"), buttons))
}

/// A worker took or closed ticket `id`: when it is a call for help, the open emergency's
/// tallies say so.
pub async fn ticket_moved(cx: &mut Ctx<'_>, id: i64) -> Flow {
    let Some(t) = crate::store::tickets::get_for_update(&mut cx.tx, id).await? else {
        return Ok(());
    };
    if t.kind != TicketKind::Emergency {
        return Ok(());
    }
    match db::open_in(&mut cx.tx, t.community_id).await? {
        Some(e) => refresh(cx, &e).await,
        None => Ok(()),
    }
}

/// Every tally message of an emergency, edited to the counts now.
async fn refresh(cx: &mut Ctx<'_>, e: &Emergency) -> Flow {
    let c = members::community_by_id(&mut cx.tx, e.community_id).await?;
    for (chat, out) in db::tallies(&mut cx.tx, e.id).await? {
        let loc = if chat < 0 {
            cx.engine.group_locale(chat)
        } else {
            let m = cx.member(chat).await?;
            cx.locale_of(&m)
        };
        let (text, buttons) = tally(cx, e, &c, loc).await?;
        // Only the newest counts matter: an edit still waiting is replaced, so a busy night
        // does not queue edits ahead of the workers' other messages.
        crate::store::outbox::drop_pending_edits(&mut cx.tx, out).await?;
        cx.edit(chat, out, text, buttons).await?;
    }
    Ok(())
}

/// The emergency a button is about, open, in a community the presser belongs to.
async fn for_resident(cx: &mut Ctx<'_>, id: i64) -> Flow<Emergency> {
    let e = db::get_for_update(&mut cx.tx, id)
        .await?
        .ok_or(Refusal::new("err-button-expired"))?;
    if !members::is_member_of(&mut cx.tx, e.community_id, cx.me.id).await? {
        return Err(Refusal::new("err-not-for-you").into());
    }
    if !e.open {
        return Err(Refusal::new("err-emergency-over").into());
    }
    Ok(e)
}

/// Words typed privately that answer an emergency: "救命", "我需要帮助", "我安全" …
pub fn typed_answer(text: &str) -> Option<&'static str> {
    let t: String = text
        .trim()
        .trim_end_matches(['!', '！', '。', '.'])
        .to_lowercase();
    const NEED: &[&str] = &[
        "救命",
        "救救我",
        "我需要帮助",
        "需要帮助",
        "帮帮我",
        "快来人",
        "help me",
        "sos",
        "i need help",
    ];
    const SAFE: &[&str] = &[
        "我安全",
        "我很安全",
        "我平安",
        "平安",
        "我没事",
        "没事",
        "i'm safe",
        "im safe",
        "i am safe",
        "safe",
    ];
    if NEED.contains(&t.as_str()) || t.contains("救命") {
        Some("need")
    } else if SAFE.contains(&t.as_str()) {
        Some("safe")
    } else {
        None
    }
}

/// An emergency's answer written in the group itself ("我安全" under the notice): only the
/// plainest first-person words, whole ("笑死我了救命" and "没事" are everyday chatter there).
pub fn typed_in_group(text: &str) -> Option<&'static str> {
    const SAFE: &[&str] = &[
        "我安全",
        "我很安全",
        "我平安",
        "我没事",
        "我家安全",
        "我们安全",
        "i'm safe",
        "im safe",
        "i am safe",
        "we are safe",
    ];
    const NEED: &[&str] = &["救命", "救救我", "我需要帮助", "i need help", "help me"];
    let t = fast2s::convert(
        text.trim()
            .trim_end_matches(['!', '！', '。', '.', '~', '～']),
    )
    .to_lowercase();
    // "我家安全，谢谢社工": safe said first, and thanks after it.
    let first = t
        .split([',', '，', '。', '!', '！', ' ', '~', '～'])
        .next()
        .unwrap_or_default();
    if NEED.contains(&t.as_str()) {
        Some("need")
    } else if SAFE.contains(&t.as_str()) || SAFE.contains(&first) {
        Some("safe")
    } else {
        None
    }
}

/// A typed answer (`typed_answer`) while an emergency is open in one of the resident's
/// communities: recorded as a tap would be, "need" with the words typed. False when no
/// emergency is open (the words then mean what they always do).
pub async fn typed(cx: &mut Ctx<'_>, answer: &str, text: &str) -> Flow<bool> {
    let mut open = None;
    for c in members::communities_of(&mut cx.tx, cx.me.id).await? {
        if let Some(e) = db::open_in(&mut cx.tx, c.id).await? {
            open = Some(e);
            break;
        }
    }
    let Some(e) = open else {
        return Ok(false);
    };
    let e = db::get_for_update(&mut cx.tx, e.id)
        .await?
        .ok_or(Refusal::new("err-internal"))?;
    cx.urgent = true;
    let before = db::answer(&mut cx.tx, e.id, cx.me.id, answer, cx.now).await?;
    let loc = cx.my_locale();
    if answer == "need" && before.as_deref() != Some("need") {
        let note = cx.t(
            loc,
            "emergency-ticket-typed",
            &[
                ("text", e.text.clone().into()),
                ("typed", text.to_string().into()),
                (
                    "where",
                    if cx.community.is_some() {
                        "group"
                    } else {
                        "private"
                    }
                    .into(),
                ),
            ],
        );
        let c = members::community_by_id(&mut cx.tx, e.community_id).await?;
        tickets::open_ticket_in(cx, c, TicketKind::Emergency, &note).await?;
    } else {
        let said = cx.t(loc, &format!("emergency-answered-{answer}"), &[]);
        cx.reply_end(said).await?;
    }
    refresh(cx, &e).await?;
    Ok(true)
}

/// "我家有轮椅", "I have a generator": while a roll-call of the resident's community is open,
/// words naming one of its things with 有 / have are the resident's answer to it.
pub async fn typed_has(cx: &mut Ctx<'_>, text: &str) -> Flow<bool> {
    let t = text.trim().to_lowercase();
    if !(t.contains('有') || t.contains("have") || t.contains("got")) {
        return Ok(false);
    }
    for c in members::communities_of(&mut cx.tx, cx.me.id).await? {
        let Some(e) = db::open_in(&mut cx.tx, c.id).await? else {
            continue;
        };
        let Some(item) = e
            .items
            .iter()
            .find(|i| t.contains(&i.to_lowercase()))
            .cloned()
        else {
            continue;
        };
        let e = db::get_for_update(&mut cx.tx, e.id)
            .await?
            .ok_or(Refusal::new("err-internal"))?;
        cx.urgent = true;
        db::has(&mut cx.tx, e.id, cx.me.id, &item, cx.now).await?;
        let said = cx.t(
            cx.my_locale(),
            "emergency-has-noted",
            &[("item", item.into())],
        );
        cx.reply_end(said).await?;
        refresh(cx, &e).await?;
        return Ok(true);
    }
    Ok(false)
}

/// A resident's tap on the notice: recorded, answered privately, the tally edited; "I need
/// help" also opens an emergency ticket for the workers (once).
pub async fn answer(cx: &mut Ctx<'_>, query_id: &str, id: i64, arg: Option<&str>) -> Flow {
    let Some(a) = arg.filter(|a| ANSWERS.contains(a)) else {
        return Err(Refusal::new("err-button-expired").into());
    };
    let e = for_resident(cx, id).await?;
    cx.urgent = true;
    let before = db::answer(&mut cx.tx, e.id, cx.me.id, a, cx.now).await?;
    let loc = cx.my_locale();
    // A first "I need help" opens a ticket whose message says the rest (110 / 120): the pop-up
    // only says it was heard, so the resident does not read the same words twice.
    let opens_ticket = a == "need" && before.as_deref() != Some("need");
    let key = if opens_ticket {
        "emergency-answered-need-short".to_string()
    } else {
        format!("emergency-answered-{a}")
    };
    let toast = cx.t(loc, &key, &[]);
    // The answer is private: a pop-up on the tap, never a group message.
    cx.answer_button(query_id, toast, true).await?;
    if opens_ticket {
        let text = cx.t(
            loc,
            "emergency-ticket-text",
            &[("text", e.text.clone().into())],
        );
        let c = members::community_by_id(&mut cx.tx, e.community_id).await?;
        tickets::open_ticket_in(cx, c, TicketKind::Emergency, &text).await?;
    }
    refresh(cx, &e).await
}

/// A resident has a thing of the roll-call: recorded privately, the tally edited.
pub async fn has(cx: &mut Ctx<'_>, query_id: &str, id: i64, arg: Option<&str>) -> Flow {
    let e = for_resident(cx, id).await?;
    let Some(item) = arg
        .and_then(|a| a.parse::<usize>().ok())
        .and_then(|i| e.items.get(i).cloned())
    else {
        return Err(Refusal::new("err-button-expired").into());
    };
    db::has(&mut cx.tx, e.id, cx.me.id, &item, cx.now).await?;
    let toast = cx.t(
        cx.my_locale(),
        "emergency-has-noted",
        &[("item", item.into())],
    );
    cx.answer_button(query_id, toast, true).await?;
    refresh(cx, &e).await
}

/// `/emergency`: the open emergencies' tallies, to the one asking.
async fn status(cx: &mut Ctx<'_>, here: Option<i64>, communities: &[Community]) -> Flow {
    let loc = place_locale(cx, here);
    let chat = here.unwrap_or(cx.me.id);
    let mut any = false;
    for c in communities {
        if let Some(e) = db::open_in(&mut cx.tx, c.id).await? {
            any = true;
            let (text, buttons) = tally(cx, &e, c, loc).await?;
            let out = cx.send_to(chat, text, buttons).await?;
            db::add_tally(&mut cx.tx, e.id, chat, out).await?;
        }
    }
    if !any {
        let text = cx.t(loc, "emergency-none", &[]);
        cx.send_files(chat, text, Vec::new(), Vec::new()).await?;
    }
    Ok(())
}

/// `/emergency end`: closes the open emergencies; the groups hear it is over.
async fn end(cx: &mut Ctx<'_>, here: Option<i64>, communities: &[Community]) -> Flow {
    let mut closed = Vec::new();
    for c in communities {
        let Some(open) = db::open_in(&mut cx.tx, c.id).await? else {
            continue;
        };
        db::close(&mut cx.tx, open.id, cx.now).await?;
        let e = db::get_for_update(&mut cx.tx, open.id)
            .await?
            .ok_or(Refusal::new("err-internal"))?;
        refresh(cx, &e).await?;
        let gloc = cx.engine.group_locale(c.chat_id);
        let text = cx.t(gloc, "emergency-over", &[("text", e.text.clone().into())]);
        cx.say_group(c.chat_id, text, Vec::new()).await?;
        cx.audit(c.id, "emergency_end", None, None, &e.text).await?;
        closed.push(c.title.clone());
    }
    if closed.is_empty() {
        return Err(Refusal::new("emergency-none").into());
    }
    let loc = place_locale(cx, here);
    let mut waiting = 0;
    for c in communities {
        waiting += db::open_tickets(&mut cx.tx, c.id).await?;
    }
    let text = cx.t(
        loc,
        "emergency-ended",
        &[
            ("communities", closed.join("、").into()),
            ("waiting", waiting.into()),
        ],
    );
    let chat = here.unwrap_or(cx.me.id);
    cx.send_files(chat, text, Vec::new(), Vec::new()).await?;
    Ok(())
}

/// `desk.emergency_call_minutes` after the notice: the residents who have not answered, for
/// the workers to call.
pub async fn call_list(cx: &mut Ctx<'_>, id: i64) -> Flow {
    let Some(e) = db::get_for_update(&mut cx.tx, id).await? else {
        return Ok(());
    };
    if !e.open {
        return Ok(());
    }
    cx.urgent = true;
    let c = members::community_by_id(&mut cx.tx, e.community_id).await?;
    let people = db::unanswered(&mut cx.tx, e.id, c.id).await?;
    let everyone: Vec<String> = people.iter().map(|(_, name)| name.clone()).collect();
    // A button per resident (the first 20) opens a chat with them.
    let buttons: Vec<Vec<Button>> = people
        .iter()
        .take(20)
        .collect::<Vec<_>>()
        .chunks(2)
        .map(|pair| {
            pair.iter()
                .map(|(id, name)| Button::chat_with(format!("💬 {name}"), *id))
                .collect()
        })
        .collect();
    // A message has room for a few hundred names; the rest are in /export's attendance of
    // the emergency … and counted here.
    let mut missing: Vec<String> = everyone.iter().take(150).cloned().collect();
    if everyone.len() > missing.len() {
        missing.push(format!("… +{}", everyone.len() - missing.len()));
    }
    let key = if missing.is_empty() {
        "emergency-all-answered"
    } else {
        "emergency-call-list"
    };
    let args = [
        ("id", Val::from(e.id)),
        ("count", Val::from(everyone.len() as i64)),
        ("names", Val::from(missing.join("、"))),
        (
            "minutes",
            Val::from(cx.engine.cfg.desk.emergency_call_minutes),
        ),
    ];
    for (chat, loc) in places(cx, &c).await? {
        let text = cx.engine.tv(loc, key, &args);
        cx.send_to(chat, text, buttons.clone()).await?;
    }
    Ok(())
}
