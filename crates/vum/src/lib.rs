//! The VUM exchange standard: its selection language (a subset of MongoDB's query language with
//! the mandatory `selectiegebied`), evaluated over documents in the VUM data model.

pub mod jobseeker;
pub mod selection;
pub mod vacancy;

pub use selection::{Query, SelectionError};
