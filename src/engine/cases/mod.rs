//! The use cases, one file each. A case calls the kernel, the shared pieces, and only the
//! cases below it in this order (the architecture test, `tests/it/architecture.rs`, keeps it):
//! ratings, moderation, reports, disputes, loans, listings, handover, reminders, tickets,
//! events, finding, suggest, helpers, worker, desk, emergency, account, expiry. What two cases share moves down into `shared`.

pub mod account;
pub mod desk;
pub mod disputes;
pub mod emergency;
pub mod events;
pub mod expiry;
pub mod finding;
pub mod handover;
pub mod helpers;
pub mod listings;
pub mod loans;
pub mod moderation;
pub mod ratings;
pub mod reminders;
pub mod reports;
pub mod suggest;
pub mod surveys;
pub mod tickets;
pub mod worker;
