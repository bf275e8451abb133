//! Every integration test of koppel-cli in one binary (one build and one link for all).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod backup;
mod import;
mod report;
mod vum;
mod vum_import;
