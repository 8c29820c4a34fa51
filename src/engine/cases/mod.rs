//! The use cases, one file each. A case calls the kernel, the shared pieces, and only the
//! cases listed before it here (the architecture test keeps this order): what two cases share
//! moves down into `shared`.

pub mod ratings;
pub mod moderation;
pub mod reports;
pub mod disputes;
pub mod loans;
pub mod listings;
pub mod reminders;
pub mod helpers;
pub mod worker;
pub mod account;
pub mod expiry;
