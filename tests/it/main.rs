//! Integration tests, one binary: a module per feature.

#[macro_use]
mod helpers;
mod architecture;
mod city;
mod desk;
mod dialogs;
mod e2e;
mod engine;
mod events;
mod fake_api;
mod finding;
mod fixes;
mod ledger;
mod ledger_props;
mod lifecycle;
mod reminders;
mod replies;
mod safety;
mod scale;
mod sender;
mod slice;
mod startup;
mod surveys;
mod telegram;
mod telegram_safety;
mod webhook;
