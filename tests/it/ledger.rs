//! Ledger guarantees on both databases: an append-only journal, and concurrent claims that
//! never spend the same points twice.

use std::sync::Arc;

use linli::engine::{ChatRef, Content, Incoming, Person};
use linli::i18n::Locale;

use crate::helpers::{assert_ledger_sound, console, run, state, Db, TestDb};

async fn the_journal_refuses_update_and_delete(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    run(&mut c, "Alice@Oak: hi\n").await;
    let pool = c.engine.store.pool();
    for sql in [
        "UPDATE entries SET amount = amount + 1",
        "DELETE FROM entries",
        "UPDATE transfers SET memo = 'x'",
        "DELETE FROM transfers",
    ] {
        let err = sqlx::query(sql).execute(pool).await.expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(state(&c).await["ledger"]["entries"], 2);
}

/// 24 neighbours tap the same card at once: exactly one claim wins, the others are told
/// politely, nobody sees a database error, and no point is held twice.
async fn concurrent_claims_on_one_listing_hold_points_once(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    let mut script = String::from("Alice@Oak: OFFER: bike, 30 points\n");
    for i in 0..24 {
        script.push_str(&format!("N{i}@Oak: hi\n"));
    }
    run(&mut c, &script).await;
    let token: String = sqlx::query_scalar("SELECT token FROM callbacks WHERE action = 'claim'")
        .fetch_one(c.engine.store.pool())
        .await
        .unwrap();
    let (chat_id, title): (i64, String) = sqlx::query_as("SELECT chat_id, title FROM communities")
        .fetch_one(c.engine.store.pool())
        .await
        .unwrap();
    let engine = c.engine.clone();
    let mut tasks = Vec::new();
    for i in 0..24 {
        let id: i64 = sqlx::query_scalar("SELECT id FROM members WHERE name = $1")
            .bind(format!("N{i}"))
            .fetch_one(engine.store.pool())
            .await
            .unwrap();
        let engine = Arc::clone(&engine);
        let inc = Incoming {
            message_id: None,
            key: format!("race:{i}"),
            chat: ChatRef::Group {
                chat_id,
                title: title.clone(),
            },
            from: Person {
                id,
                name: format!("N{i}"),
                lang_code: None,
            },
            content: Content::Button {
                query_id: format!("q{i}"),
                data: token.clone(),
            },
            at: engine.clock.now(),
        };
        tasks.push(tokio::spawn(async move { engine.handle(&inc).await }));
    }
    let mut ok = 0;
    for t in tasks {
        let handled = t
            .await
            .unwrap()
            .expect("no database error reaches a resident");
        assert!(!handled.outbox_ids.is_empty(), "every tap is answered");
        ok += 1;
    }
    assert_eq!(ok, 24);
    let claims: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM claims")
        .fetch_one(engine.store.pool())
        .await
        .unwrap();
    assert_eq!(claims, 1, "exactly one claim");
    let s = state(&c).await;
    assert_ledger_sound(&s);
    let total: i64 = s["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["balance"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 25 * 50 - 30, "30 points sit in escrow, held once");
    let refusals: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE op = 'answer' AND alert = 1")
            .fetch_one(engine.store.pool())
            .await
            .unwrap();
    assert_eq!(refusals, 23, "the 23 others are told it is taken");
}

both!(the_journal_refuses_update_and_delete);
both!(concurrent_claims_on_one_listing_hold_points_once);

/// A social worker's operations: donation to the pool, grant from it, subsidy, adjustment,
/// reversal — each audited, each explained to the member, each refused to residents.
async fn worker_operations_move_points_with_reasons(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut c = console(&tdb, Locale::En).await;
    let printed = run(
        &mut c,
        "@worker Wendy\nAlice@Oak: hi\nWendy@Oak: hello\n\
         Wendy: /donation 100 rice from the supermarket\n\
         Wendy: /grant Alice 20 cleaned the stairs\n\
         Wendy: /subsidy Alice 1.5h courtyard clean-up\n\
         Wendy: /adjust Alice -5 counted twice\n",
    )
    .await;
    let alice = crate::helpers::to(&printed, "Alice");
    assert!(
        alice.iter().any(
            |p| p.text.contains("gave you 20 points") && p.text.contains("cleaned the stairs")
        ),
        "{alice:?}"
    );
    assert!(alice
        .iter()
        .any(|p| p.text.contains("took back 5") && p.text.contains("counted twice")));
    let s = state(&c).await;
    assert_eq!(crate::helpers::balance(&s, "Alice"), 50 + 20 + 15 - 5);
    assert_eq!(s["ledger"]["pool"], 80);
    assert_ledger_sound(&s);
    let audits: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit")
        .fetch_one(c.engine.store.pool())
        .await
        .unwrap();
    assert_eq!(audits, 4);

    // Reverse the grant: the points go back to the pool, once.
    let grant: i64 = sqlx::query_scalar("SELECT id FROM transfers WHERE kind = 'grant'")
        .fetch_one(c.engine.store.pool())
        .await
        .unwrap();
    let printed = run(
        &mut c,
        &format!("Wendy: /reverse {grant} wrong person\nWendy: /reverse {grant} again\n"),
    )
    .await;
    let wendy = crate::helpers::to(&printed, "Wendy");
    assert!(
        wendy[0].text.contains(&format!("Reversed #{grant}")),
        "{printed:?}"
    );
    assert!(wendy[1].text.contains("already reversed"), "{printed:?}");
    // Alice is told her points were taken back, and why.
    let alice = crate::helpers::to(&printed, "Alice");
    assert!(alice[0].text.contains("took back 20"), "{printed:?}");
    let s = state(&c).await;
    assert_eq!(crate::helpers::balance(&s, "Alice"), 60);
    assert_eq!(s["ledger"]["pool"], 100);
    assert_ledger_sound(&s);

    // The history shows every entry with its reason and the worker.
    let printed = run(&mut c, "Alice: /history\n").await;
    let h = &printed[0].text;
    assert!(
        h.contains("courtyard clean-up")
            && h.contains("by social worker Wendy")
            && h.contains("reversal: wrong person"),
        "{h}"
    );

    // Refusals change nothing.
    let before = state(&c).await;
    let printed = run(
        &mut c,
        "Alice: /grant Alice 20 free money\nWendy: /grant Alice 20\nWendy: /grant Alice 500 too much\nWendy: /adjust Alice -999 wipe\nWendy: /reverse 1\nWendy: /grant Nobody 5 who\n",
    )
    .await;
    let texts: Vec<&str> = printed.iter().map(|p| p.text.as_str()).collect();
    assert!(texts[0].contains("Only social workers"), "{texts:?}");
    assert!(texts[1].contains("give a reason"), "{texts:?}");
    assert!(texts[2].contains("pool holds only 100"), "{texts:?}");
    assert!(texts[3].contains("have only 60"), "{texts:?}");
    assert!(
        texts[4].contains("Usage: /reverse") || texts[4].contains("give a reason"),
        "{texts:?}"
    );
    assert!(texts[5].contains("can't find \"Nobody\""), "{texts:?}");
    assert_eq!(state(&c).await, before);
}

both!(worker_operations_move_points_with_reasons);

/// 32 concurrent spends from an account that can afford only one: exactly one succeeds, the
/// others are told politely, and no database error reaches the resident.
async fn thirty_two_concurrent_spends_from_one_account_only_one_succeeds(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    // 32 listings at once would be a flood: the limit is lifted for this test.
    let mut cfg = tdb.config();
    cfg.safety.flood_max = 100;
    let mut c = crate::helpers::console_with(cfg, Locale::En).await;
    let mut script = String::from("Bob@Oak: hi\n");
    for i in 0..32 {
        script.push_str(&format!("Alice@Oak: OFFER: chair number {i}, 40 points\n"));
    }
    run(&mut c, &script).await;
    let pool = c.engine.store.pool();
    let tokens: Vec<String> = sqlx::query_scalar(
        "SELECT token FROM callbacks WHERE action = 'claim' ORDER BY listing_id",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(tokens.len(), 32);
    let (chat_id, title): (i64, String) = sqlx::query_as("SELECT chat_id, title FROM communities")
        .fetch_one(pool)
        .await
        .unwrap();
    let bob: i64 = sqlx::query_scalar("SELECT id FROM members WHERE name = 'Bob'")
        .fetch_one(pool)
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for (i, token) in tokens.into_iter().enumerate() {
        let engine = Arc::clone(&c.engine);
        let inc = Incoming {
            message_id: None,
            key: format!("spend:{i}"),
            chat: ChatRef::Group {
                chat_id,
                title: title.clone(),
            },
            from: Person {
                id: bob,
                name: "Bob".into(),
                lang_code: None,
            },
            content: Content::Button {
                query_id: format!("q{i}"),
                data: token,
            },
            at: engine.clock.now(),
        };
        tasks.push(tokio::spawn(async move { engine.handle(&inc).await }));
    }
    for t in tasks {
        t.await
            .unwrap()
            .expect("no database error reaches a resident");
    }
    let claims: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM claims")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(claims, 1);
    let s = state(&c).await;
    let bob = crate::helpers::member(&s, "Bob");
    assert_eq!(
        (bob["balance"].as_i64(), bob["held"].as_i64()),
        (Some(10), Some(40))
    );
    assert_ledger_sound(&s);
    let refusals: Vec<String> =
        sqlx::query_scalar("SELECT text FROM outbox WHERE op = 'answer' AND alert = 1")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(refusals.len(), 31);
    assert!(
        refusals
            .iter()
            .all(|t| t.contains("Not enough points: this needs 40, you have 10")),
        "{refusals:?}"
    );
}

both!(thirty_two_concurrent_spends_from_one_account_only_one_succeeds);

/// With `points.expiry_days` set, points unused that long expire, oldest first, once.
async fn unused_points_expire_after_the_configured_days(db: Db) {
    let Some(tdb) = TestDb::new(db).await else {
        return;
    };
    let mut cfg = tdb.config();
    cfg.points.expiry_days = 30;
    let mut c = crate::helpers::console_with(cfg, Locale::En).await;
    run(
        &mut c,
        "@time 2026-12-01 09:00\nAlice@Oak: hi\nBob@Oak: hi\nAlice@Oak: OFFER: chair, 20 points\n\
         Bob taps 1\nAlice taps \"Accept\"\nBob taps \"I received it\"\n@time 2026-12-20 09:00\nCarol@Oak: hi\n",
    )
    .await;
    let s = state(&c).await;
    assert_eq!(
        (
            crate::helpers::balance(&s, "Alice"),
            crate::helpers::balance(&s, "Bob")
        ),
        (70, 30)
    );
    let printed = run(&mut c, "@time 2027-01-02 09:00\n").await;
    assert!(
        crate::helpers::to(&printed, "Alice")
            .iter()
            .any(|p| p.text.contains("70 of your points")),
        "{printed:?}"
    );
    assert!(
        crate::helpers::to(&printed, "Bob")
            .iter()
            .any(|p| p.text.contains("30 of your points")),
        "{printed:?}"
    );
    assert!(
        crate::helpers::to(&printed, "Carol").is_empty(),
        "Carol's points are young"
    );
    let s = state(&c).await;
    assert_eq!(crate::helpers::balance(&s, "Alice"), 0);
    assert_eq!(crate::helpers::balance(&s, "Bob"), 0);
    assert_eq!(crate::helpers::balance(&s, "Carol"), 50);
    assert_ledger_sound(&s);
    // Once only.
    assert!(run(&mut c, "@time 2027-01-03 09:00\n").await.is_empty());
}

both!(unused_points_expire_after_the_configured_days);
