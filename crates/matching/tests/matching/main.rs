//! Every integration test of koppel-matching in one binary (one build and one link for all).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod engine;
mod esco;
mod explanations;
mod quality;
