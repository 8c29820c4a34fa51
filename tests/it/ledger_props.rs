//! A state-machine property test of the ledger on a real SQLite database: random sequences of
//! grants, donations, adjustments, holds, releases, refunds, reversals and repeated
//! idempotency keys, with the invariants checked after every step against an in-memory model.
//!
//! 256 cases by default; 10,000 with `LINLI_TEST_HEAVY=1` (as `.ci/run` sets).

use std::collections::BTreeMap;

use linli::domain::{AccountKind, TransferKind};
use linli::ledger::{self, LedgerError, Limits, Transfer};
use linli::store::{members, Store};
use proptest::prelude::*;

use crate::helpers::{Db, TestDb};

const MEMBERS: i64 = 4;
const LIMITS: Limits = Limits {
    min_balance: 0,
    max_balance: 500,
};

#[derive(Debug, Clone)]
enum Op {
    Donate(i64),
    Grant { to: i64, n: i64 },
    Adjust { who: i64, n: i64 },
    Hold { who: i64, n: i64 },
    Release { hold: usize, to: i64 },
    Refund { hold: usize },
    Reverse { pick: usize },
    RepeatSame { pick: usize },
    RepeatDifferent { pick: usize },
}

fn op() -> impl Strategy<Value = Op> {
    let m = 0..MEMBERS;
    prop_oneof![
        (1i64..200).prop_map(Op::Donate),
        (m.clone(), 1i64..120).prop_map(|(to, n)| Op::Grant { to, n }),
        (m.clone(), -150i64..150)
            .prop_filter("non-zero", |(_, n)| *n != 0)
            .prop_map(|(who, n)| Op::Adjust { who, n }),
        (m.clone(), 1i64..120).prop_map(|(who, n)| Op::Hold { who, n }),
        (any::<usize>(), m.clone()).prop_map(|(hold, to)| Op::Release { hold, to }),
        any::<usize>().prop_map(|hold| Op::Refund { hold }),
        any::<usize>().prop_map(|pick| Op::Reverse { pick }),
        any::<usize>().prop_map(|pick| Op::RepeatSame { pick }),
        any::<usize>().prop_map(|pick| Op::RepeatDifferent { pick }),
    ]
}

/// What the ledger should hold, kept beside it.
#[derive(Debug, Default, Clone)]
struct Model {
    balances: BTreeMap<i64, i64>,
    /// Live holds: (member, amount).
    holds: Vec<(i64, i64)>,
    /// Recorded transfers: (key, kind, from, to, amount, reversed).
    done: Vec<(String, TransferKind, i64, i64, i64, bool)>,
}

struct World {
    store: Store,
    community: i64,
    issuance: i64,
    escrow: i64,
    pool: i64,
    members: Vec<i64>,
    seq: u64,
    entries_seen: i64,
}

impl World {
    async fn new(store: Store, case: u64) -> World {
        let mut tx = store.begin().await.unwrap();
        let c = members::ensure_community(
            &mut tx,
            -(1_000_000 + case as i64),
            &format!("case{case}"),
            0,
        )
        .await
        .unwrap();
        let mut ids = Vec::new();
        for i in 0..MEMBERS {
            let id = 10_000 + case as i64 * 10 + i;
            members::ensure_member(&mut tx, id, &format!("m{id}"), true, 100, 0)
                .await
                .unwrap();
            ids.push(
                ledger::account(&mut tx, c.id, AccountKind::Member, id)
                    .await
                    .unwrap(),
            );
        }
        let issuance = ledger::account(&mut tx, c.id, AccountKind::Issuance, 0)
            .await
            .unwrap();
        let escrow = ledger::account(&mut tx, c.id, AccountKind::Escrow, 0)
            .await
            .unwrap();
        let pool = ledger::account(&mut tx, c.id, AccountKind::Pool, 0)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        World {
            store,
            community: c.id,
            issuance,
            escrow,
            pool,
            members: ids,
            seq: 0,
            entries_seen: 0,
        }
    }

    async fn transfer(
        &mut self,
        key: &str,
        kind: TransferKind,
        from: i64,
        to: i64,
        amount: i64,
    ) -> Result<i64, LedgerError> {
        let mut tx = self.store.begin().await.unwrap();
        let t = Transfer {
            community_id: self.community,
            kind,
            memo: "prop",
            idem_key: key,
            from,
            to,
            amount,
            listing_id: None,
            actor_id: None,
            corrects: None,
            at: 0,
        };
        let r = ledger::transfer(&mut tx, &t, LIMITS).await;
        if r.is_ok() {
            tx.commit().await.unwrap();
        }
        r
    }

    fn key(&mut self) -> String {
        self.seq += 1;
        format!("c{}:{}", self.community, self.seq)
    }

    /// The balance from the journal, after checking the cached balance equals it.
    async fn balance(&self, account: i64) -> i64 {
        let mut tx = self.store.begin().await.unwrap();
        let journal = ledger::journal_balance(&mut tx, account).await.unwrap();
        let cached = ledger::balance(&mut tx, account).await.unwrap();
        assert_eq!(
            cached, journal,
            "the cached balance of {account} drifted from the journal"
        );
        journal
    }

    /// Applies `op` to the ledger and the model alike.
    async fn apply(&mut self, model: &mut Model, op: &Op) {
        let member = |i: i64| self.members[i as usize];
        let members = self.members.clone();
        let issuance = self.issuance;
        // Every account but issuance has a floor of 0 here; only members have a ceiling.
        let floor_ok = |model: &Model, acc: i64, n: i64| {
            acc == issuance || model.balances.get(&acc).copied().unwrap_or(0) - n >= 0
        };
        let ceil_ok = |model: &Model, acc: i64, n: i64| {
            !members.contains(&acc)
                || model.balances.get(&acc).copied().unwrap_or(0) + n <= LIMITS.max_balance
        };
        match *op {
            Op::Donate(n) => {
                let key = self.key();
                self.transfer(&key, TransferKind::Donation, self.issuance, self.pool, n)
                    .await
                    .unwrap();
                apply(
                    model,
                    &key,
                    TransferKind::Donation,
                    self.issuance,
                    self.pool,
                    n,
                );
            }
            Op::Grant { to, n } => {
                let (from, to) = (self.pool, member(to));
                let key = self.key();
                let r = self.transfer(&key, TransferKind::Grant, from, to, n).await;
                let expect_ok = floor_ok(model, from, n) && ceil_ok(model, to, n);
                assert_eq!(r.is_ok(), expect_ok, "grant {n}: {r:?}");
                if expect_ok {
                    apply(model, &key, TransferKind::Grant, from, to, n);
                }
            }
            Op::Adjust { who, n } => {
                let (from, to) = if n > 0 {
                    (self.issuance, member(who))
                } else {
                    (member(who), self.issuance)
                };
                let key = self.key();
                let r = self
                    .transfer(&key, TransferKind::Adjust, from, to, n.abs())
                    .await;
                let expect_ok = if n > 0 {
                    ceil_ok(model, to, n)
                } else {
                    floor_ok(model, from, -n)
                };
                assert_eq!(r.is_ok(), expect_ok, "adjust {n}: {r:?}");
                if expect_ok {
                    apply(model, &key, TransferKind::Adjust, from, to, n.abs());
                }
            }
            Op::Hold { who, n } => {
                let from = member(who);
                let key = self.key();
                let r = self
                    .transfer(&key, TransferKind::Hold, from, self.escrow, n)
                    .await;
                assert_eq!(r.is_ok(), floor_ok(model, from, n), "hold {n}: {r:?}");
                if r.is_ok() {
                    apply(model, &key, TransferKind::Hold, from, self.escrow, n);
                    model.holds.push((from, n));
                }
            }
            Op::Release { hold, .. } | Op::Refund { hold } if !model.holds.is_empty() => {
                let i = hold % model.holds.len();
                let (holder, n) = model.holds[i];
                let (kind, to) = match *op {
                    Op::Release { to, .. } => (TransferKind::Release, member(to)),
                    _ => (TransferKind::Refund, holder),
                };
                let key = self.key();
                let r = self.transfer(&key, kind, self.escrow, to, n).await;
                assert_eq!(r.is_ok(), ceil_ok(model, to, n), "{kind:?} {n}: {r:?}");
                if r.is_ok() {
                    apply(model, &key, kind, self.escrow, to, n);
                    model.holds.remove(i);
                }
            }
            Op::Reverse { pick } if !model.done.is_empty() => {
                let i = pick % model.done.len();
                let (ref key, kind, from, to, n, reversed) = model.done[i].clone();
                let id: i64 = sqlx::query_scalar("SELECT id FROM transfers WHERE idem_key = $1")
                    .bind(key)
                    .fetch_one(self.store.pool())
                    .await
                    .unwrap();
                let mut tx = self.store.begin().await.unwrap();
                let r = ledger::reverse(&mut tx, self.community, id, "prop", None, 0, LIMITS).await;
                let expect_ok = ledger::reversible(kind)
                    && !reversed
                    && floor_ok(model, to, n)
                    && ceil_ok(model, from, n);
                assert_eq!(r.is_ok(), expect_ok, "reverse {kind:?} {n}: {r:?}");
                if r.is_ok() {
                    tx.commit().await.unwrap();
                    model.done[i].5 = true;
                    let rkey = format!("reverse:{id}");
                    apply(model, &rkey, TransferKind::Reverse, to, from, n);
                }
            }
            Op::RepeatSame { pick } if !model.done.is_empty() => {
                let (key, kind, from, to, n, _) = model.done[pick % model.done.len()].clone();
                if kind == TransferKind::Reverse {
                    return;
                }
                let before = self.snapshot().await;
                self.transfer(&key, kind, from, to, n)
                    .await
                    .expect("the same key and content return the first result");
                assert_eq!(
                    self.snapshot().await,
                    before,
                    "a repeated key changed something"
                );
            }
            Op::RepeatDifferent { pick } if !model.done.is_empty() => {
                let (key, kind, from, to, n, _) = model.done[pick % model.done.len()].clone();
                let before = self.snapshot().await;
                let r = self.transfer(&key, kind, from, to, n + 1).await;
                assert!(matches!(r, Err(LedgerError::KeyConflict(_))), "{r:?}");
                assert_eq!(self.snapshot().await, before);
            }
            _ => {}
        }
    }

    fn is_member(&self, account: i64) -> bool {
        self.members.contains(&account)
    }

    async fn snapshot(&self) -> Vec<(i64, i64)> {
        sqlx::query_as(
            "SELECT e.id, e.amount FROM entries e JOIN transfers t ON t.id = e.transfer_id WHERE t.community_id = $1 ORDER BY e.id",
        )
        .bind(self.community)
            .fetch_all(self.store.pool())
            .await
            .unwrap()
    }

    /// The invariants, after every step.
    async fn check(&mut self, model: &Model) {
        let ids: Vec<i64> = self
            .members
            .iter()
            .copied()
            .chain([self.issuance, self.escrow, self.pool])
            .collect();
        let mut sum = 0;
        for &a in &ids {
            let b = self.balance(a).await;
            sum += b;
            assert_eq!(
                b,
                model.balances.get(&a).copied().unwrap_or(0),
                "account {a} differs from the model"
            );
            if self.is_member(a) {
                assert!(
                    (LIMITS.min_balance..=LIMITS.max_balance).contains(&b),
                    "member balance {b} out of limits"
                );
            }
        }
        assert_eq!(sum, 0, "the accounts do not sum to zero");
        let held: i64 = model.holds.iter().map(|(_, n)| n).sum();
        assert_eq!(
            self.balance(self.escrow).await,
            held,
            "escrow holds more or less than was held"
        );
        assert!(self.balance(self.pool).await >= 0);
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM entries e JOIN transfers t ON t.id = e.transfer_id WHERE t.community_id = $1")
            .bind(self.community)
            .fetch_one(self.store.pool())
            .await
            .unwrap();
        assert!(n >= self.entries_seen, "entries disappeared");
        self.entries_seen = n;
    }
}

fn apply(model: &mut Model, key: &str, kind: TransferKind, from: i64, to: i64, n: i64) {
    *model.balances.entry(from).or_default() -= n;
    *model.balances.entry(to).or_default() += n;
    model.done.push((key.to_string(), kind, from, to, n, false));
}

#[test]
fn the_ledger_keeps_its_invariants_under_random_operations() {
    let heavy = std::env::var("LINLI_TEST_HEAVY").is_ok();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (tdb, store) = rt.block_on(async {
        let tdb = TestDb::new(Db::Sqlite).await.unwrap();
        let mut cfg = tdb.config().database;
        // A logic test, not a durability one: no waiting for the disk.
        cfg.synchronous = "OFF".into();
        let store = Store::open(&cfg).await.unwrap();
        (tdb, store)
    });
    let cases = if heavy { 10_000 } else { 256 };
    let case = std::sync::atomic::AtomicU64::new(0);
    let config = ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(ops in proptest::collection::vec(op(), 1..24))| {
        let n = case.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        rt.block_on(async {
            let mut world = World::new(store.clone(), n).await;
            let mut model = Model::default();
            for op in &ops {
                world.apply(&mut model, op).await;
                world.check(&model).await;
            }
        });
    });
    // The journal refuses changes (checked once more at the end of the run).
    rt.block_on(async {
        assert!(sqlx::query("DELETE FROM entries")
            .execute(store.pool())
            .await
            .is_err());
    });
    drop(tdb);
}
