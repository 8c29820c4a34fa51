//! Background work: the outbox sender (and, later, the scheduler of reminders and cron jobs).

pub mod scheduler;
pub mod sender;
