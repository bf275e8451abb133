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

/// One language with its levels (VUM "Code taalbeheersing": 0-4, or 8 not applicable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-3.
    pub code: String,
    /// `codeNiveauTaalbeheersingMondeling`.
    pub spoken: i64,
    /// `codeNiveauTaalbeheersingSchriftelijk`.
    pub written: i64,
    /// `codeNiveauTaalbeheersingLezen`, when given.
    pub reading: Option<i64>,
    /// `codeNiveauTaalbeheersingLuisteren`, when given.
    pub listening: Option<i64>,
}

/// `taalbeheersing`: the levels of each language.
fn languages(levels: &[Language]) -> Value {
    levels
        .iter()
        .map(|l| {
            let mut m = json!({"codeTaal": l.code, "codeNiveauTaalbeheersingMondeling": l.spoken, "codeNiveauTaalbeheersingSchriftelijk": l.written});
            if let Some(r) = l.reading {
                m["codeNiveauTaalbeheersingLezen"] = json!(r);
            }
            if let Some(r) = l.listening {
                m["codeNiveauTaalbeheersingLuisteren"] = json!(r);
            }
            m
        })
        .collect()
}
