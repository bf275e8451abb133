//! Every integration test of koppel-store in one binary (one build and one link for all).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod roundtrip;
mod schema_parity;
mod upgrade;
