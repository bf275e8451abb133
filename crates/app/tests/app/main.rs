//! Every integration test of koppel-app in one binary (one build and one link for all).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod demo;
mod figures;
mod import;
mod import_takeover;
mod taxonomy;
mod vum_conformance;
mod vum_import;
