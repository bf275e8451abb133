//! koppel's use cases: the one place where a request is validated, authorised, run in one
//! transaction and logged. The HTML UI and the JSON API both call these functions.
pub mod actor;
pub mod admin;
pub mod aftercare;
pub mod areas;
pub mod auth;
pub mod candidates;
pub mod changes;
pub mod contact_requests;
pub mod context;
pub mod crm;
pub mod dashboard;
pub mod demo;
pub mod employer_parts;
pub mod employers;
pub mod error;
pub mod events;
pub mod figures;
pub mod input;
pub mod instruments;
pub mod logging;
pub mod matching;
pub mod nominations;
pub mod placements;
pub mod reference;
pub mod retention;
pub mod satisfaction;
pub mod setup;
pub mod taxonomy_import;
pub mod vacancies;
pub mod vacancy_paper;
pub mod worklist;

pub use actor::{Actor, Meta};
pub use context::AppContext;
pub use error::AppError;
pub use koppel_domain as domain;
pub use koppel_store as store;
