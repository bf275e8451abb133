//! koppel's domain core: validated values, code lists, access rules and state rules; no IO.
pub mod codes;
pub mod crm;
pub mod desk;
pub mod errors;
pub mod instrument_rules;
pub mod language;
pub mod nomination;
pub mod notifications;
pub mod permissions;
pub mod sbi;
pub mod values;

pub use errors::{FieldError, FieldErrors};
