//! Where the engine and the sender read the time: the system clock, or the console's own.

use std::sync::Mutex;

use chrono::{DateTime, Utc};

pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
}

/// The real time.
#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock set by hand (the console's `@time`); it never goes back.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> ManualClock {
        ManualClock(Mutex::new(start))
    }

    /// Moves the clock to `t`; returns false (and keeps the time) when `t` is in the past.
    pub fn set(&self, t: DateTime<Utc>) -> bool {
        let mut now = self.0.lock().expect("clock lock");
        if t < *now {
            return false;
        }
        *now = t;
        true
    }

    /// Sets the clock to `t`, even backwards: only before anything has happened.
    pub fn reset(&self, t: DateTime<Utc>) {
        *self.0.lock().expect("clock lock") = t;
    }

    /// Moves the clock forward by `secs`.
    pub fn advance(&self, secs: i64) {
        let mut now = self.0.lock().expect("clock lock");
        *now += chrono::Duration::seconds(secs);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock lock")
    }
}
