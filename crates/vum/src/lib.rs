//! The VUM exchange standard: its selection language (a subset of MongoDB's query language with
//! the mandatory `selectiegebied`), evaluated over documents in the VUM data model.

pub mod contract;
pub mod edits;
pub mod extras;
pub mod intake;
pub mod jobseeker;
pub mod labels;
pub mod question;
pub mod selection;
pub mod vacancy;
mod violation;

pub use selection::{Query, SelectionError};

use serde_json::{json, Value};

/// `competentiebeheersing`: one entry per skill URI.
fn skills(uris: &[String]) -> Value {
    uris.iter().map(|u| json!({"codeCompetentie": u})).collect()
}

/// `rijbewijs`: one entry per driving-licence code.
fn licences(codes: &[String]) -> Value {
    codes
        .iter()
        .map(|c| json!({"codeSoortRijbewijs": c}))
        .collect()
}

/// `taalbeheersing`: koppel keeps one level per language, given for speaking and writing alike.
fn languages(levels: &[(String, i64)]) -> Value {
    levels
        .iter()
        .map(|(code, level)| json!({"codeTaal": code, "codeNiveauTaalbeheersingMondeling": level, "codeNiveauTaalbeheersingSchriftelijk": level}))
        .collect()
}
