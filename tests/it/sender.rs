//! The outbox sender: retry_after, order within a chat, exactly one sender per row, and
//! messages kept for people who have not opened a private chat.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use linli::clock::{Clock, ManualClock};
use linli::jobs::sender::{Delivered, SendError, Sender, Transport};
use linli::store::outbox::{self, OutMsg, OutRow};
use linli::store::{ts, Store};

use crate::helpers::{Db, TestDb};

/// A transport whose answers are scripted; it records what it delivered.
#[derive(Default)]
struct Scripted {
    answers: Mutex<VecDeque<Result<Option<i64>, SendError>>>,
    delivered: Mutex<Vec<String>>,
}

impl Transport for Scripted {
    async fn deliver(
        &self,
        row: &OutRow,
        _edit_target: Option<i64>,
    ) -> Result<Delivered, SendError> {
        tokio::task::yield_now().await;
        let answer = self
            .answers
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or(Ok(Some(row.id)));
        if answer.is_ok() {
            self.delivered.lock().unwrap().push(row.msg.text.clone());
        }
        answer.map(Delivered::from)
    }
}

async fn setup(db: Db) -> Option<(TestDb, Store, Arc<ManualClock>)> {
    let tdb = TestDb::new(db).await?;
    let store = Store::open(&tdb.config().database).await.unwrap();
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    Some((tdb, store, clock))
}

async fn enqueue(store: &Store, clock: &ManualClock, chat: i64, text: &str) -> i64 {
    let mut c = store.pool().acquire().await.unwrap();
    outbox::enqueue(
        &mut c,
        &OutMsg::send(chat, text.into(), Vec::new()),
        None,
        ts(clock.now()),
    )
    .await
    .unwrap()
}

async fn retry_after_is_honoured_and_order_kept(db: Db) {
    let Some((_t, store, clock)) = setup(db).await else {
        return;
    };
    let sender = Sender::new(store.clone(), clock.clone(), None);
    enqueue(&store, &clock, -5, "first").await;
    enqueue(&store, &clock, -5, "second").await;
    enqueue(&store, &clock, -6, "other group").await;
    let t = Scripted::default();
    t.answers
        .lock()
        .unwrap()
        .push_back(Err(SendError::RetryAfter(std::time::Duration::from_secs(
            7,
        ))));
    let sent = sender.deliver_due(&t).await.unwrap();
    assert_eq!(sent, 1);
    assert_eq!(
        *t.delivered.lock().unwrap(),
        vec!["other group"],
        "the second message did not overtake the first"
    );
    clock.advance(3);
    assert_eq!(
        sender.deliver_due(&t).await.unwrap(),
        0,
        "still inside retry_after"
    );
    clock.advance(5);
    assert_eq!(sender.deliver_due(&t).await.unwrap(), 2);
    assert_eq!(
        *t.delivered.lock().unwrap(),
        vec!["other group", "first", "second"]
    );
}

async fn two_senders_never_send_a_row_twice(db: Db) {
    let Some((_t, store, clock)) = setup(db).await else {
        return;
    };
    for i in 0..60 {
        enqueue(&store, &clock, 1000 + (i % 7), &format!("m{i}")).await;
    }
    let t = Arc::new(Scripted::default());
    let a = Sender::new(store.clone(), clock.clone(), None);
    let b = Sender::new(store.clone(), clock.clone(), None);
    let (ta, tb) = (t.clone(), t.clone());
    let (ra, rb) = tokio::join!(
        tokio::spawn(async move { a.deliver_due(&*ta).await.unwrap() }),
        tokio::spawn(async move { b.deliver_due(&*tb).await.unwrap() })
    );
    let sender = Sender::new(store.clone(), clock.clone(), None);
    let rest = sender.deliver_due(&*t).await.unwrap();
    assert_eq!(ra.unwrap() + rb.unwrap() + rest, 60);
    let mut got = t.delivered.lock().unwrap().clone();
    assert_eq!(got.len(), 60, "each row exactly once");
    got.sort();
    got.dedup();
    assert_eq!(got.len(), 60);
}

async fn a_refused_private_message_waits_for_the_member(db: Db) {
    let Some((_t, store, clock)) = setup(db).await else {
        return;
    };
    {
        let mut c = store.pool().acquire().await.unwrap();
        linli::store::members::ensure_member(&mut c, 77, "Dora", true, 100, 0)
            .await
            .unwrap();
    }
    let id = enqueue(&store, &clock, 77, "your claim").await;
    let sender = Sender::new(store.clone(), clock.clone(), None);
    let t = Scripted::default();
    t.answers
        .lock()
        .unwrap()
        .push_back(Err(SendError::Forbidden));
    assert_eq!(sender.deliver_due(&t).await.unwrap(), 0);
    let mut c = store.pool().acquire().await.unwrap();
    assert_eq!(outbox::sent_state(&mut c, id).await.unwrap().0, "held");
    assert!(
        !linli::store::members::member_by_id(&mut c, 77)
            .await
            .unwrap()
            .unwrap()
            .dm_open
    );
    // Nothing is retried while she has not opened the chat …
    clock.advance(3600);
    assert_eq!(sender.deliver_due(&t).await.unwrap(), 0);
    // … and it is sent once she does.
    outbox::release_held(&mut c, 77, ts(clock.now()))
        .await
        .unwrap();
    assert_eq!(sender.deliver_due(&t).await.unwrap(), 1);
    assert_eq!(*t.delivered.lock().unwrap(), vec!["your claim"]);
}

async fn transient_failures_back_off_then_give_up(db: Db) {
    let Some((_t, store, clock)) = setup(db).await else {
        return;
    };
    let id = enqueue(&store, &clock, -9, "flaky").await;
    let sender = Sender::new(store.clone(), clock.clone(), None);
    let t = Scripted::default();
    for _ in 0..20 {
        t.answers
            .lock()
            .unwrap()
            .push_back(Err(SendError::Transient("network down".into())));
    }
    for _ in 0..20 {
        sender.deliver_due(&t).await.unwrap();
        clock.advance(600);
    }
    let mut c = store.pool().acquire().await.unwrap();
    assert_eq!(outbox::sent_state(&mut c, id).await.unwrap().0, "failed");
    let left = t.answers.lock().unwrap().len();
    assert_eq!(left, 20 - 8, "eight tries, then it stops");
}

both!(retry_after_is_honoured_and_order_kept);
both!(two_senders_never_send_a_row_twice);
both!(a_refused_private_message_waits_for_the_member);
both!(transient_failures_back_off_then_give_up);

/// A message scheduled for the morning (quiet hours) does not hold back an answer sent now;
/// it goes out at its time.
async fn a_message_waiting_for_morning_does_not_block_a_reply(db: Db) {
    let Some((_t, store, clock)) = setup(db).await else {
        return;
    };
    let mut later = OutMsg::send(42, "for the morning".into(), Vec::new());
    later.not_before = Some(ts(clock.now()) + 3600);
    {
        let mut c = store.pool().acquire().await.unwrap();
        outbox::enqueue(&mut c, &later, None, ts(clock.now()))
            .await
            .unwrap();
    }
    enqueue(&store, &clock, 42, "your balance").await;
    let sender = Sender::new(store.clone(), clock.clone(), None);
    let t = Scripted::default();
    assert_eq!(sender.deliver_due(&t).await.unwrap(), 1);
    assert_eq!(*t.delivered.lock().unwrap(), vec!["your balance"]);
    clock.advance(3600);
    assert_eq!(sender.deliver_due(&t).await.unwrap(), 1);
    assert_eq!(
        *t.delivered.lock().unwrap(),
        vec!["your balance", "for the morning"]
    );
}

both!(a_message_waiting_for_morning_does_not_block_a_reply);
