//! Integration tests, one binary: a module per feature.

mod engine;
mod helpers;
mod slice;
mod telegram;
