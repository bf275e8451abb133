//! Every integration test of koppel-vum in one binary (one build and one link for all).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod contract;
mod extras;
mod intake;
mod question;
mod selection;
