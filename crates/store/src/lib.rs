//! koppel's persistence: one `Store` over SQLite or PostgreSQL, written once with portable SQL.
//!
//! Every organisation-owned read takes a scope derived from the actor (see `koppel_domain::permissions`),
//! and every change runs in a `Tx` together with its log records.
pub mod accounts;
pub mod aftercare;
pub mod agreements;
pub mod candidates;
pub mod changes;
pub mod check;
pub mod contact_requests;
mod db;
pub mod demo;
pub mod desk;
pub mod desk_figures;
pub mod desk_requests;
pub mod employer_parts;
pub mod employers;
mod error;
pub mod events;
pub mod figures;
mod filter;
pub mod import_jobs;
pub mod imports;
pub mod instrument_rules;
pub mod instruments;
pub mod logs;
pub mod matching;
pub mod nominations;
pub mod organisations;
pub mod outbox;
pub mod page;
pub mod placements;
pub mod referrals;
pub mod retention;
pub mod satisfaction;
pub mod schema;
pub mod settings;
pub mod statements;
pub mod targets;
pub mod taxonomy;
pub mod trajectories;
pub mod users;
pub mod vacancies;
mod visible;
pub mod vum_documents;
pub use visible::Visible;

pub use db::{Backend, Store, Tx, Val};
pub use error::StoreError;
pub use page::{Page, Paged};
