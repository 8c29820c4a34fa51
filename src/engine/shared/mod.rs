//! Pieces several use cases share, above the kernel: a listing's card, points held and
//! settled, a listing's jobs, the main menu and help, and the dialog runner.

pub mod cards;
pub mod dialog;
pub mod jobs;
pub mod matching;
pub mod menu;
pub mod points;
