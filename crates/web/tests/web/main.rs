//! Every integration test of koppel-web in one binary (one build and one link for all).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin;
mod api;
mod bulk;
mod common;
mod crm;
mod duplicates;
mod employer_parts;
mod events;
mod figures;
mod lists;
mod matching;
mod matrix;
mod nominations;
mod openapi_snapshot;
mod paper;
mod pick;
mod scoping;
mod start;
mod statements;
mod ui_auth;
mod vum_exchange;
mod vum_fields;
mod vum_lists;
mod vum_source;
mod vum_tls;
