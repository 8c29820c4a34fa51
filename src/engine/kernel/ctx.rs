//! [`Ctx`]: everything an action needs while its transaction is open, and the one way to send.
//!
//! Every message the engine produces goes through a method here (to a member, to a group, to
//! the social workers, a toast on a button, an edited card), which writes it to the outbox in
//! the same transaction as the action's other effects. A scheduled job runs in a `Ctx` too
//! ([`Ctx::for_job`]), with nobody acting.

use fluent_bundle::FluentValue;

use super::{staff, Args, Engine, EngineError, Flow, Incoming, Refusal, Val, SIMPLE_MAX_LINES};
use super::{ChatRef, Content};
use crate::domain::{AccountKind, Action, TransferKind};
use crate::i18n::Locale;
use crate::ledger;
use crate::store::debts;
use crate::store::listings::{self as db, CallbackTarget};
use crate::store::members::{self, Community, Member};
use crate::store::outbox::{self, Button, Op, OutMsg};
use crate::store::staff as audit;
use crate::store::{StoreError, Tx};

/// A button for the workers: a label key (or a key and a number, `button-compensate 5`) and
/// what pressing it does.
pub type WorkerButton = (String, CallbackTarget);

/// Who hears what a community escalates (reports, disputes, a resident asking for help).
#[derive(Debug)]
pub enum Escalation {
    /// The community's workers' chat (`workers_chat_id`).
    WorkersChat(i64),
    /// Its social workers and admins, privately.
    Workers(Vec<Member>),
    /// Nobody is staff: the group's Telegram administrators, privately.
    GroupAdmins(Vec<Member>),
    /// Nobody at all.
    Nobody,
}

/// Everything an action needs while its transaction is open.
pub struct Ctx<'a> {
    pub engine: &'a Engine,
    pub tx: Tx,
    pub now: i64,
    /// The update's key; empty for a scheduled job.
    pub key: String,
    /// The member acting (for a job: nobody, id 0).
    pub me: Member,
    /// The community of the group the update came from.
    pub community: Option<Community>,
    /// Outbox rows written, in sending order.
    pub out: Vec<i64>,
    /// The outbox row that answers the button press, if any.
    pub answer: Option<i64>,
    nudged: Vec<i64>,
    /// The helper (family member or social worker) acting for `me`, if any.
    pub actor: Option<Member>,
    /// Refuse in private even when the update came from a group (disputes, reports).
    pub refuse_privately: bool,
    /// An emergency: nothing this update or job sends waits for quiet hours.
    pub urgent: bool,
    /// The message this update is, in its chat (a reaction is set on it).
    pub message_id: Option<i64>,
}

impl<'a> Ctx<'a> {
    /// A context for an update by `me`.
    pub fn new(engine: &'a Engine, tx: Tx, now: i64, key: String, me: Member) -> Ctx<'a> {
        Ctx {
            engine,
            tx,
            now,
            key,
            me,
            community: None,
            out: Vec::new(),
            answer: None,
            nudged: Vec::new(),
            actor: None,
            refuse_privately: false,
            urgent: false,
            message_id: None,
        }
    }

    /// A context for a scheduled job: nobody acts, nothing it says is an answer.
    pub fn for_job(engine: &'a Engine, tx: Tx, now: i64) -> Ctx<'a> {
        Ctx::new(engine, tx, now, String::new(), Member::nobody())
    }

    /// Ends the action: the transaction commits with every outbox row; returns the rows.
    pub async fn commit(self) -> Result<Vec<i64>, EngineError> {
        self.tx.commit().await?;
        Ok(self.out)
    }

    /// The transaction and the outbox rows written, for a caller that commits several
    /// updates together.
    pub fn into_parts(self) -> (Tx, Vec<i64>) {
        (self.tx, self.out)
    }

    /// The language to speak to a member in.
    pub fn locale_of(&self, m: &Member) -> Locale {
        m.lang.unwrap_or(self.engine.default_locale)
    }

    pub fn my_locale(&self) -> Locale {
        self.locale_of(&self.me)
    }

    pub fn t(&self, loc: Locale, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.engine.t(loc, key, args)
    }

    /// Forgets what was sent since `kept` rows (a refusal undid it).
    pub fn forget_since(&mut self, kept: usize) {
        self.out.truncate(kept);
        self.answer = None;
        self.nudged.clear();
    }

    /// The only writer of outbox rows.
    async fn enqueue(&mut self, m: OutMsg) -> Result<i64, StoreError> {
        let key = (!self.key.is_empty()).then_some(self.key.as_str());
        let ids = outbox::enqueue_all(&mut self.tx, &m, key, self.now).await?;
        let id = *ids.last().expect("at least one row");
        if m.op == Op::Answer {
            self.answer = Some(id);
        }
        self.out.extend(ids);
        Ok(id)
    }

    /// A quiet reaction (`emoji`) on the message this update is, in group `chat_id`; nothing
    /// when the transport gave no message id.
    pub async fn react(&mut self, chat_id: i64, emoji: &str) -> Result<(), StoreError> {
        if let Some(id) = self.message_id {
            self.enqueue(OutMsg::react(chat_id, id, emoji)).await?;
        }
        Ok(())
    }

    /// Sends to a group chat.
    pub async fn say_group(
        &mut self,
        chat_id: i64,
        text: String,
        buttons: Vec<Vec<Button>>,
    ) -> Result<i64, StoreError> {
        self.enqueue(OutMsg::send(chat_id, text, buttons)).await
    }

    /// A native poll in a group chat; returns its outbox row.
    pub async fn send_poll(
        &mut self,
        chat_id: i64,
        question: String,
        options: &[String],
    ) -> Result<i64, StoreError> {
        self.enqueue(OutMsg::poll(chat_id, question, options)).await
    }

    /// Closes the native poll of outbox row `poll_row` (`text`: what the console shows).
    pub async fn stop_poll(
        &mut self,
        chat_id: i64,
        poll_row: i64,
        text: String,
    ) -> Result<i64, StoreError> {
        let mut m = OutMsg::edit(chat_id, poll_row, text, Vec::new());
        m.op = Op::StopPoll;
        self.enqueue(m).await
    }

    /// Sends to any chat at once (a workers' chat, or a worker's private chat, for what a
    /// worker asked for or must see now).
    pub async fn send_to(
        &mut self,
        chat_id: i64,
        text: String,
        buttons: Vec<Vec<Button>>,
    ) -> Result<i64, StoreError> {
        self.enqueue(OutMsg::send(chat_id, text, buttons)).await
    }

    /// Sends to a group chat, not before its quiet hours end.
    pub async fn post_group(&mut self, chat_id: i64, text: String) -> Result<i64, StoreError> {
        let mut m = OutMsg::send(chat_id, text, Vec::new());
        m.not_before = self.engine.quiet_until(self.now, Some(chat_id));
        self.enqueue(m).await
    }

    /// Sends a message with photos (an album before the text) to a group chat.
    pub async fn say_group_with_photos(
        &mut self,
        chat_id: i64,
        text: String,
        buttons: Vec<Vec<Button>>,
        photos: Vec<String>,
    ) -> Result<i64, StoreError> {
        let mut m = OutMsg::send(chat_id, text, buttons);
        m.photos = photos;
        self.enqueue(m).await
    }

    /// Replaces the text and buttons of the message sent by outbox row `of`.
    pub async fn edit(
        &mut self,
        chat_id: i64,
        of: i64,
        text: String,
        buttons: Vec<Vec<Button>>,
    ) -> Result<i64, StoreError> {
        self.enqueue(OutMsg::edit(chat_id, of, text, buttons)).await
    }

    /// Answers a button press: a small notice, or an alert box. A button pressed by typing
    /// its number (no `query_id`) gets the notice as a private message, if it says anything.
    pub async fn answer_button(
        &mut self,
        query_id: &str,
        text: String,
        alert: bool,
    ) -> Result<i64, StoreError> {
        if query_id.is_empty() {
            if text.is_empty() {
                return Ok(0);
            }
            let me = self.me.clone();
            return self.say_private(&me, text, Vec::new(), None).await;
        }
        let m = OutMsg::answer(self.me.id, query_id.to_string(), text, alert);
        self.enqueue(m).await
    }

    /// Answers a button press with a short toast.
    pub async fn toast(&mut self, query_id: &str, text: String) -> Flow {
        self.answer_button(query_id, text, false).await?;
        Ok(())
    }

    /// A private message to `member`: held until they open a private chat with the bot, split
    /// to three lines in simple mode, and until the quiet hours of `chat` end unless `urgent`.
    async fn send_private(
        &mut self,
        member: &Member,
        text: String,
        buttons: Vec<Vec<Button>>,
        urgent: bool,
        chat: Option<i64>,
        photos: Vec<String>,
    ) -> Result<i64, StoreError> {
        let mut buttons = buttons;
        if member.simple {
            crate::store::outbox::number_buttons(&mut buttons);
        }
        let mut m = OutMsg::send(member.id, text, buttons);
        m.photos = photos;
        if member.simple {
            m.max_lines = Some(SIMPLE_MAX_LINES);
        }
        if !member.dm_open {
            m.hold_for = Some(member.id);
        }
        if !urgent && !self.urgent {
            m.not_before = self.engine.quiet_until(self.now, chat);
        }
        self.enqueue(m).await
    }

    /// Tells a member something nobody is waiting for (a reminder, a notice): after the quiet
    /// hours of the group `chat` (or the default ones).
    pub async fn notify(
        &mut self,
        member: &Member,
        text: String,
        buttons: Vec<Vec<Button>>,
        chat: Option<i64>,
    ) -> Result<i64, StoreError> {
        self.send_private(member, text, buttons, false, chat, Vec::new())
            .await
    }

    /// Sends `text` to `chat` (a member's private chat or a workers' chat) with stored files:
    /// `file:ID` photos as an album and documents, both before the text. An empty text sends
    /// only the files.
    pub async fn send_files(
        &mut self,
        chat: i64,
        text: String,
        photos: Vec<String>,
        documents: Vec<i64>,
    ) -> Result<i64, StoreError> {
        // One row per document, so a retry after a 429 resends only what was not sent.
        for d in documents {
            let mut m = OutMsg::send(chat, String::new(), Vec::new());
            m.documents = vec![d];
            self.enqueue(m).await?;
        }
        let mut m = OutMsg::send(chat, text, Vec::new());
        m.photos = photos;
        self.enqueue(m).await
    }

    /// [`Ctx::notify`] with photos above the text, to `member` themself even when a helper
    /// acts for them (so a resident hears what their helper did).
    pub async fn notify_photos(
        &mut self,
        member: &Member,
        text: String,
        buttons: Vec<Vec<Button>>,
        photos: Vec<String>,
        chat: Option<i64>,
    ) -> Result<i64, StoreError> {
        self.send_private(member, text, buttons, false, chat, photos)
            .await
    }

    /// Sends privately to `member`. If they never opened a private chat with the bot
    /// (Telegram forbids the first message), the message waits for them and the group
    /// `via_group` gets a button that opens the private chat, and nothing private.
    pub async fn say_private(
        &mut self,
        member: &Member,
        text: String,
        buttons: Vec<Vec<Button>>,
        via_group: Option<i64>,
    ) -> Result<i64, StoreError> {
        self.say_private_photos(member, text, buttons, Vec::new(), via_group)
            .await
    }

    /// [`Ctx::say_private`] with photos sent above the text (an album; `qr:PAYLOAD` is a QR
    /// code the transport draws).
    pub async fn say_private_photos(
        &mut self,
        member: &Member,
        text: String,
        buttons: Vec<Vec<Button>>,
        photos: Vec<String>,
        via_group: Option<i64>,
    ) -> Result<i64, StoreError> {
        // A reply to a resident someone acts for goes to that helper, marked as such.
        let redirected;
        let (member, text) = match &self.actor {
            Some(helper) if member.id == self.me.id => {
                let loc = self.locale_of(helper);
                let mark = self.t(loc, "acting-mark", &[("name", member.name.clone().into())]);
                redirected = helper.clone();
                (&redirected, format!("{mark}{text}"))
            }
            _ => (member, text),
        };
        if !member.dm_open {
            if let Some(group) = via_group {
                self.nudge_in_group(member, group).await?;
            }
        }
        // A message to the person acting is an answer; to anyone else it waits out quiet hours.
        let urgent =
            member.id == self.me.id || self.actor.as_ref().is_some_and(|a| a.id == member.id);
        let chat = via_group.or(self.community.as_ref().map(|c| c.chat_id));
        self.send_private(member, text, buttons, urgent, chat, photos)
            .await
    }

    /// Once per update and member: the group gets a button that opens a private chat.
    async fn nudge_in_group(&mut self, member: &Member, group: i64) -> Result<(), StoreError> {
        if self.nudged.contains(&member.id) {
            return Ok(());
        }
        self.nudged.push(member.id);
        let loc = self.engine.group_locale(group);
        let text = self.t(loc, "dm-needed", &[("name", member.name.clone().into())]);
        let label = self.t(loc, "button-open-private", &[]);
        self.say_group(group, text, vec![vec![Button::start_link(label, "go")]])
            .await?;
        Ok(())
    }

    /// Replies to the member acting, privately.
    pub async fn reply(&mut self, text: String, buttons: Vec<Vec<Button>>) -> Flow {
        let me = self.me.clone();
        self.say_private(&me, text, buttons, None).await?;
        Ok(())
    }

    /// The last message of something finished: in simple mode it carries the menu's big keys.
    pub async fn reply_end(&mut self, text: String) -> Flow {
        let buttons = if self.me.simple {
            self.menu_keys(self.my_locale())
        } else {
            Vec::new()
        };
        self.reply(text, buttons).await
    }

    /// The main menu's big keys in `loc`: "1 送东西", two to a row.
    pub fn menu_keys(&self, loc: Locale) -> Vec<Vec<Button>> {
        let keys: Vec<Button> = self
            .engine
            .dialogs
            .menu
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| Button::key(format!("{} {}", i + 1, self.t(loc, &item.label, &[]))))
            .collect();
        keys.chunks(2).map(|c| c.to_vec()).collect()
    }

    /// Tells the acting member something privately.
    pub async fn tell_me(&mut self, key: &str, args: &[(&'static str, Val)]) -> Flow {
        let me = self.me.clone();
        self.tell(&me, key, args).await
    }

    /// Tells a member something privately, in their language.
    pub async fn tell(&mut self, m: &Member, key: &str, args: &[(&'static str, Val)]) -> Flow {
        let text = self.engine.tv(self.locale_of(m), key, args);
        self.say_private(m, text, Vec::new(), None).await?;
        Ok(())
    }

    /// A button whose meaning (`target`) is stored under an opaque token.
    pub async fn button(
        &mut self,
        label: impl Into<String>,
        target: &CallbackTarget,
    ) -> Result<Button, StoreError> {
        let token = db::new_callback(&mut self.tx, target, self.now).await?;
        Ok(Button::callback(label, token))
    }

    /// Buttons labelled by the messages in `loc`, their meanings stored in one statement.
    pub async fn buttons_t(
        &mut self,
        loc: Locale,
        wanted: &[(&str, CallbackTarget)],
    ) -> Result<Vec<Button>, StoreError> {
        let targets: Vec<CallbackTarget> = wanted.iter().map(|(_, t)| t.clone()).collect();
        let tokens = db::new_callbacks(&mut self.tx, &targets, self.now).await?;
        Ok(wanted
            .iter()
            .zip(tokens)
            .map(|((label, _), token)| Button::callback(self.t(loc, label, &[]), token))
            .collect())
    }

    /// A button labelled by the message `label` in `loc`.
    pub async fn button_t(
        &mut self,
        loc: Locale,
        label: &str,
        target: &CallbackTarget,
    ) -> Result<Button, StoreError> {
        let label = self.t(loc, label, &[]);
        self.button(label, target).await
    }

    /// A message for the social workers of `community`: text by key and arguments, and rows
    /// of buttons. Goes to the community's workers' chat, or else to each of its workers and
    /// admins privately (after quiet hours).
    pub async fn tell_workers(
        &mut self,
        community: &Community,
        key: &str,
        args: &[(&'static str, Val)],
        buttons: &[Vec<WorkerButton>],
    ) -> Flow {
        let mut tokens = Vec::new();
        for row in buttons {
            let mut r = Vec::new();
            for (label, target) in row {
                r.push((
                    label.clone(),
                    db::new_callback(&mut self.tx, target, self.now).await?,
                ));
            }
            tokens.push(r);
        }
        let engine = self.engine;
        let render = |loc| {
            let rows: Vec<Vec<Button>> = tokens
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|(label, token)| {
                            let (k, n) = label.split_once(' ').unwrap_or((label, ""));
                            let text =
                                engine.t(loc, k, &[("points", FluentValue::from(n.to_string()))]);
                            Button::callback(text, token.clone())
                        })
                        .collect()
                })
                .collect();
            (engine.tv(loc, key, args), rows)
        };
        match self.escalation(community).await? {
            Escalation::Workers(ws) => {
                for w in ws {
                    let (text, rows) = render(self.locale_of(&w));
                    self.notify(&w, text, rows, Some(community.chat_id)).await?;
                }
            }
            // No social worker: the group's administrators, each with a way to become one.
            Escalation::GroupAdmins(admins) => {
                for a in admins {
                    let loc = self.locale_of(&a);
                    let (text, mut rows) = render(loc);
                    let note = engine.t(loc, "escalate-admin-note", &[]);
                    let t = CallbackTarget {
                        action: Action::Setup,
                        listing_id: None,
                        claim_id: Some(community.id),
                        for_member: Some(a.id),
                        arg: None,
                    };
                    rows.push(vec![self.button_t(loc, "button-setup", &t).await?]);
                    self.notify(
                        &a,
                        format!("{text}\n\n{note}"),
                        rows,
                        Some(community.chat_id),
                    )
                    .await?;
                }
            }
            Escalation::WorkersChat(chat) => {
                let (text, rows) = render(engine.group_locale(chat));
                self.say_group(chat, text, rows).await?;
            }
            Escalation::Nobody => {
                tracing::warn!(community = community.chat_id, key, "nobody to tell: the community has no social worker and no known group administrator");
            }
        }
        Ok(())
    }

    /// Who hears what is escalated in `community`: its workers' chat, else its social workers
    /// (and admins), else the group's Telegram administrators, else nobody.
    pub async fn escalation(&mut self, community: &Community) -> Flow<Escalation> {
        let engine = self.engine;
        if let Some(chat) = engine
            .cfg
            .community(community.chat_id)
            .and_then(|c| c.workers_chat_id)
        {
            return Ok(Escalation::WorkersChat(chat));
        }
        let ws = staff::staff_of(engine, &mut self.tx, community, staff::Power::Worker).await?;
        if !ws.is_empty() {
            return Ok(Escalation::Workers(ws));
        }
        let mut admins = Vec::new();
        for id in audit::group_admins(&mut self.tx, community.id).await? {
            if let Some(m) = members::member_by_id(&mut self.tx, id).await? {
                admins.push(m);
            }
        }
        Ok(if admins.is_empty() {
            Escalation::Nobody
        } else {
            Escalation::GroupAdmins(admins)
        })
    }

    /// One honest line for a resident about who will answer in `community`.
    pub async fn who_answers(&mut self, community: &Community, loc: Locale) -> Flow<String> {
        Ok(match self.escalation(community).await? {
            Escalation::WorkersChat(_) | Escalation::Workers(_) => {
                self.t(loc, "escalated-workers", &[])
            }
            Escalation::GroupAdmins(admins) => {
                let names: Vec<String> = admins.into_iter().map(|a| a.name).collect();
                self.t(
                    loc,
                    "escalated-admins",
                    &[("names", names.join("、").into())],
                )
            }
            Escalation::Nobody => self.t(loc, "escalated-nobody", &[]),
        })
    }

    /// Tells the admins of `community` privately (after quiet hours).
    pub async fn tell_admins(&mut self, community: &Community, key: &str, args: &Args) -> Flow {
        let mut admins =
            staff::staff_of(self.engine, &mut self.tx, community, staff::Power::Admin).await?;
        if admins.is_empty() {
            // No admin named for the community: the group's own administrators.
            for id in audit::group_admins(&mut self.tx, community.id).await? {
                if let Some(m) = members::member_by_id(&mut self.tx, id).await? {
                    admins.push(m);
                }
            }
        }
        for a in admins {
            let text = self.engine.tv(self.locale_of(&a), key, args);
            self.notify(&a, text, Vec::new(), Some(community.chat_id))
                .await?;
        }
        Ok(())
    }

    /// A member by id; a missing one is an internal fault shown politely.
    pub async fn member(&mut self, id: i64) -> Flow<Member> {
        Ok(members::member_by_id(&mut self.tx, id)
            .await?
            .ok_or(Refusal::new("err-internal"))?)
    }

    /// Moves points between two accounts of a community (opened on first use).
    #[allow(clippy::too_many_arguments)]
    pub async fn move_points(
        &mut self,
        community_id: i64,
        kind: TransferKind,
        from: (AccountKind, i64),
        to: (AccountKind, i64),
        amount: i64,
        key: &str,
        memo: &str,
        listing_id: Option<i64>,
        actor_id: Option<i64>,
    ) -> Result<i64, ledger::LedgerError> {
        let from = ledger::account(&mut self.tx, community_id, from.0, from.1).await?;
        let to = ledger::account(&mut self.tx, community_id, to.0, to.1).await?;
        let t = ledger::Transfer {
            community_id,
            kind,
            memo,
            idem_key: key,
            from,
            to,
            amount,
            listing_id,
            actor_id,
            corrects: None,
            at: self.now,
        };
        let id = ledger::transfer(&mut self.tx, &t, self.engine.limits()).await?;
        if t.to != t.from && earns(kind) {
            if let (AccountKind::Member, member) = ledger::account_owner(&mut self.tx, to).await? {
                self.repay_debt(community_id, member, to, amount, id)
                    .await?;
            }
        }
        Ok(id)
    }

    /// What a member with a debt earns pays the debt first: up to `earned` of their balance
    /// goes to the pool, which fronted the debt.
    async fn repay_debt(
        &mut self,
        community_id: i64,
        member_id: i64,
        account: i64,
        earned: i64,
        earning: i64,
    ) -> Result<(), ledger::LedgerError> {
        let owed = debts::outstanding(&mut self.tx, community_id, member_id).await?;
        if owed <= 0 {
            return Ok(());
        }
        let spare =
            ledger::balance(&mut self.tx, account).await? - self.engine.cfg.points.min_balance;
        let pay = owed.min(earned).min(spare);
        if pay <= 0 {
            return Ok(());
        }
        let pool = ledger::account(&mut self.tx, community_id, AccountKind::Pool, 0).await?;
        let t = ledger::Transfer {
            community_id,
            kind: TransferKind::Adjust,
            memo: "memo-debt-repay",
            idem_key: &format!("repay:{earning}"),
            from: account,
            to: pool,
            amount: pay,
            listing_id: None,
            actor_id: None,
            corrects: None,
            at: self.now,
        };
        ledger::transfer(&mut self.tx, &t, self.engine.limits()).await?;
        debts::repay(&mut self.tx, community_id, member_id, pay).await?;
        Ok(())
    }

    /// Points the bot itself issues to a member (`amount` > 0: starter points) or takes back
    /// into the community's issuance account (< 0: expiry).
    pub async fn issue(
        &mut self,
        community_id: i64,
        member_id: i64,
        amount: i64,
        kind: TransferKind,
        key: &str,
    ) -> Result<i64, ledger::LedgerError> {
        let (issuance, member) = ((AccountKind::Issuance, 0), (AccountKind::Member, member_id));
        let (from, to) = if amount >= 0 {
            (issuance, member)
        } else {
            (member, issuance)
        };
        self.move_points(
            community_id,
            kind,
            from,
            to,
            amount.abs(),
            key,
            "",
            None,
            None,
        )
        .await
    }

    /// A resident answered in English (one English post set it) who writes to the bot privately
    /// in Chinese ("积分", "婉拒") is answered in Chinese again, unless Telegram says English.
    fn back_to_chinese(&self, inc: &Incoming) -> Option<Locale> {
        let t = inc.content.text()?;
        let han = t
            .chars()
            .filter(|c| ('\u{3400}'..='\u{9fff}').contains(c))
            .count();
        let english_app = inc
            .from
            .lang_code
            .as_deref()
            .is_some_and(|c| c.starts_with("en"));
        (self.me.lang == Some(Locale::En)
            && matches!(inc.chat, ChatRef::Private)
            && han >= 2
            && !english_app
            && !t.trim_start().starts_with('/'))
        .then(|| {
            if traditional(t) {
                Locale::ZhHant
            } else {
                Locale::ZhCn
            }
        })
    }

    /// Registers where the update came from: the community and membership (with the
    /// starter points, once), and an opened private chat.
    pub async fn enter_chat(&mut self, inc: &Incoming) -> Result<(), EngineError> {
        if self.me.lang.is_none() {
            // Telegram's language, else the words of a first message written plainly in
            // English (three words or more, no Chinese; in a group or privately), or a private
            // word the bot understands in English ("points", "help"), or Chinese written in
            // Traditional characters.
            let written = match (&inc.chat, inc.content.text()) {
                (_, Some(t)) if plainly_english(t) => Some(Locale::En),
                (_, Some(t)) if traditional(t) => Some(Locale::ZhHant),
                (ChatRef::Private, Some(t)) if english_words(t) => Some(Locale::En),
                _ => None,
            };
            if let Some(l) = inc
                .from
                .lang_code
                .as_deref()
                .and_then(Locale::parse)
                .or(written)
            {
                members::set_lang(&mut self.tx, self.me.id, l).await?;
                self.me.lang = Some(l);
            }
        } else if let Some(l) = self.back_to_chinese(inc) {
            members::set_lang(&mut self.tx, self.me.id, l).await?;
            self.me.lang = Some(l);
        }
        match &inc.chat {
            ChatRef::Group { .. } if matches!(inc.content, Content::Migrated { .. }) => {}
            // The social workers' chat is no community: nobody joins it or gets points there.
            ChatRef::Group { chat_id, .. } if self.engine.is_workers_chat(*chat_id) => {}
            ChatRef::Group { chat_id, title } => {
                let community =
                    members::ensure_community(&mut self.tx, *chat_id, title, self.now).await?;
                self.join(&community, self.me.id).await?;
                self.community = Some(community);
            }
            // A poll's answer comes from a group: it opens no private chat.
            ChatRef::Private if matches!(inc.content, Content::PollVote { .. }) => {}
            ChatRef::Private if !self.me.dm_open => {
                members::set_dm_open(&mut self.tx, self.me.id, true).await?;
                outbox::release_held(&mut self.tx, self.me.id, self.now).await?;
                self.me.dm_open = true;
            }
            ChatRef::Private => {}
        }
        Ok(())
    }

    /// Adds a member to a community; a newcomer gets the starter points from its issuance account.
    pub async fn join(&mut self, community: &Community, member_id: i64) -> Result<(), EngineError> {
        let new =
            members::ensure_membership(&mut self.tx, community.id, member_id, self.now).await?;
        let starter = self.engine.cfg.points.starter;
        if new && starter > 0 {
            let key = format!("starter:{}:{}", community.id, member_id);
            self.issue(
                community.id,
                member_id,
                starter,
                TransferKind::Starter,
                &key,
            )
            .await
            .map_err(EngineError::Ledger)?;
        }
        Ok(())
    }

    /// Shows a refusal where the resident will see it: an alert on the button they pressed,
    /// or a reply in the chat they wrote in.
    pub async fn refuse(&mut self, inc: &Incoming, r: Refusal) -> Result<(), EngineError> {
        let text = self.engine.tv(self.my_locale(), r.key, &r.args);
        match (&inc.content, &inc.chat) {
            (Content::Button { query_id, .. }, _) => {
                self.answer_button(query_id, text, true).await?;
            }
            (_, ChatRef::Group { chat_id, .. }) if self.refuse_privately => {
                let me = self.me.clone();
                self.say_private(&me, text, Vec::new(), Some(*chat_id))
                    .await?;
            }
            (_, ChatRef::Group { chat_id, .. }) => {
                let loc = self
                    .me
                    .lang
                    .unwrap_or_else(|| self.engine.group_locale(*chat_id));
                let text = self.engine.tv(loc, r.key, &r.args);
                self.say_group(*chat_id, text, Vec::new()).await?;
            }
            (_, ChatRef::Private) => {
                let me = self.me.clone();
                self.say_private(&me, text, Vec::new(), None).await?;
            }
        }
        Ok(())
    }
}

/// Staff questions about the member acting, and the audit of what they do.
impl Ctx<'_> {
    /// True when `member_id` is a social worker or admin of `community`.
    pub async fn is_worker(&mut self, community: &Community, member_id: i64) -> Flow<bool> {
        Ok(staff::has_power(
            self.engine,
            &mut self.tx,
            member_id,
            Some(community),
            staff::Power::Worker,
        )
        .await?)
    }

    /// True when `member_id` is an admin of `community`.
    pub async fn is_admin(&mut self, community: &Community, member_id: i64) -> Flow<bool> {
        Ok(staff::has_power(
            self.engine,
            &mut self.tx,
            member_id,
            Some(community),
            staff::Power::Admin,
        )
        .await?)
    }

    /// True when the member acting is staff somewhere.
    pub async fn is_staff_anywhere(&mut self) -> Flow<bool> {
        let me = self.me.id;
        Ok(staff::has_power(self.engine, &mut self.tx, me, None, staff::Power::Worker).await?)
    }

    /// Refuses anyone who is not a social worker (or admin) of `community`, saying whether
    /// they are staff elsewhere or not at all.
    pub async fn require_worker(&mut self, community: &Community) -> Flow {
        if self.is_worker(community, self.me.id).await? {
            return Ok(());
        }
        // The group's administrator told of a case: becoming its worker comes first.
        if audit::group_admins(&mut self.tx, community.id)
            .await?
            .contains(&self.me.id)
        {
            return Err(Refusal::new("err-admin-setup-first").into());
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
            [] => {
                let mut near = members::names_near(&mut self.tx, Some(self.me.id), who).await?;
                // A worker named in the configuration need not be in any group.
                if near.is_empty() && self.is_staff_anywhere().await? {
                    near = members::names_near(&mut self.tx, None, who).await?;
                }
                let key = if near.is_empty() {
                    "err-no-such-member"
                } else {
                    "err-no-such-member-near"
                };
                Err(Refusal::new(key)
                    .arg("name", who.to_string())
                    .arg("near", near.join(" / "))
                    .into())
            }
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
        let row = audit::AuditRow {
            community_id: community,
            actor_id: self.me.id,
            action,
            target_id: target,
            transfer_id: transfer,
            reason,
            at: self.now,
        };
        audit::audit(&mut self.tx, &row).await?;
        Ok(())
    }
}

/// Three words or more of Latin letters and no Chinese: a message in English (not a command;
/// "search drill" from a Chinese speaker keeps Chinese).
fn plainly_english(t: &str) -> bool {
    let t = t.trim();
    !t.starts_with('/')
        && !t.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c))
        && t.split_whitespace()
            .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2)
            .count()
            >= 3
}

/// Chinese written in Traditional characters: two or more characters that only Traditional
/// writing uses ("出閒置：兒童自行車", "積分"; not "出闲置：儿童自行车").
fn traditional(t: &str) -> bool {
    t.chars()
        .filter(|c| ('\u{3400}'..='\u{9fff}').contains(c))
        .filter(|c| {
            let one = c.to_string();
            fast2s::convert(&one) != one
        })
        .nth(1)
        .is_some()
}

/// Words a resident may write alone, privately, that are English and nothing else: "points",
/// "help", "my listings". Numbers, "ok" and "hi" say nothing of a language.
fn english_words(t: &str) -> bool {
    const WORDS: &[&str] = &[
        "help", "points", "balance", "menu", "history", "search", "find", "offer", "want",
        "request", "lend", "borrow", "my", "listings", "claims", "loans", "settings", "language",
        "english", "cancel", "undo", "hello", "thanks", "thank", "you", "please", "social",
        "worker", "start", "simple", "mode", "what", "how",
    ];
    let words: Vec<String> = t
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| c.is_ascii_punctuation())
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    !t.trim().starts_with('/')
        && (1..=3).contains(&words.len())
        && words.iter().any(|w| w.len() >= 4)
        && words.iter().all(|w| WORDS.contains(&w.as_str()))
}

/// Transfers that count as earning: they repay a member's debt first.
fn earns(kind: TransferKind) -> bool {
    matches!(
        kind,
        TransferKind::Release | TransferKind::Grant | TransferKind::Subsidy | TransferKind::Adjust
    )
}
