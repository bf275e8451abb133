//! koppel as a VUM source (Bron): answering selection questions with the search profiles of what
//! it offers within the requested area, and giving the detail of one. Vacancies are offered when
//! published and open; job seekers when their consent covers VUM. A record imported from a VUM
//! document is offered as that document (its detail as it came, its profile cut from it by the
//! contract's schema); a record made in koppel as the document koppel writes of it.

pub(crate) mod edits;
pub(crate) mod jobseekers;
mod questions;
mod vacancies;

use koppel_domain::values::Postcode;
use koppel_vum::contract::{self, Kind};
use koppel_vum::{question, Query, SelectionError};
use serde_json::Value;

use crate::{AppContext, AppError};

pub use jobseekers::{profile, profile_matches};
/// A VUM document for people to read: every field under its Dutch name, codes in words.
pub use koppel_vum::labels::facts as readable;
pub use questions::{question_for_candidate, question_for_vacancy};
pub use vacancies::{matches, vacancy};

/// At most this many matches per query (the standard's default).
pub const MAX_MATCHES: usize = 100;

/// A request the source refuses, in the contract's error model.
#[derive(Debug, Clone, PartialEq)]
pub enum VumRefusal {
    /// 400: the query is not in the language, or the area is missing or wrong.
    BadRequest {
        message: String,
        details: String,
    },
    NotFound,
}

impl From<SelectionError> for VumRefusal {
    fn from(e: SelectionError) -> Self {
        VumRefusal::BadRequest {
            message: "De selectievraag valt buiten de selectietaal.".into(),
            details: e.to_string(),
        }
    }
}

/// An answer of the source: what it gives, or the refusal.
pub type Answer<T> = Result<Result<T, VumRefusal>, AppError>;

/// Skill URIs per row id, from (id, skill) pairs.
fn skills_by_id(pairs: Vec<(i64, String)>) -> std::collections::HashMap<i64, Vec<String>> {
    let mut map: std::collections::HashMap<i64, Vec<String>> = Default::default();
    for (id, skill) in pairs {
        map.entry(id).or_default().push(skill);
    }
    map
}

fn pc4(postcode: &str) -> Option<u16> {
    postcode.get(..4)?.parse().ok()
}

/// Codes as stored (`B,C`).
fn codes(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Languages as stored (`nld:3,eng:2/1`), with their speaking and writing levels.
fn languages(stored: &str) -> Vec<koppel_vum::Language> {
    use koppel_domain::codes::CodeList;
    koppel_domain::language::LanguageSkill::stored(stored)
        .into_iter()
        .map(|l| koppel_vum::Language {
            spoken: l.level.code().parse().unwrap_or(8),
            written: l.written.code().parse().unwrap_or(8),
            reading: l.reading.and_then(|r| r.code().parse().ok()),
            listening: l.listening.and_then(|r| r.code().parse().ok()),
            code: l.language,
        })
        .collect()
}

/// A selection question, checked: its criteria and its area.
struct Question {
    kind: Kind,
    query: Query,
    centre: u16,
    distance_km: f64,
}

fn bad_request(message: &str, details: impl Into<String>) -> VumRefusal {
    VumRefusal::BadRequest {
        message: message.into(),
        details: details.into(),
    }
}

/// Reads `vraagObject` of a request: the mandatory `selectiegebied` and the criteria the 3.0
/// selection schema of `kind` describes; anything outside the language is refused.
fn question(body: &Value, kind: Kind) -> Result<Question, VumRefusal> {
    let question = body
        .get("vraagObject")
        .ok_or_else(|| bad_request("Het verzoek mist vraagObject.", "vraagObject is verplicht"))?;
    let area = question.get("selectiegebied");
    let postcode = area
        .and_then(|a| a.get("postcode"))
        .and_then(Value::as_str)
        .and_then(|p| Postcode::parse(p).ok());
    let distance = area
        .and_then(|a| a.get("afstand"))
        .and_then(Value::as_i64)
        .filter(|d| (0..=1000).contains(d));
    let (Some(postcode), Some(distance)) = (postcode, distance) else {
        return Err(bad_request(
            "Het selectiegebied ontbreekt of is onjuist.",
            "selectiegebied vraagt een postcode (zoals 2011AB) en een afstand in kilometers van 0 tot 1000",
        ));
    };
    let query = question::criteria(kind, question)?;
    let centre = pc4(postcode.as_str()).ok_or_else(|| {
        bad_request(
            "Onbekende postcode in het selectiegebied.",
            postcode.into_string(),
        )
    })?;
    Ok(Question {
        kind,
        query,
        centre,
        distance_km: distance as f64,
    })
}

/// What the source offers of one record: its id in koppel, postcode and search profile.
struct Offer {
    id: i64,
    postcode: Option<String>,
    profile: Value,
}

impl Question {
    /// The offers within the area that meet the criteria, nearest first and then by id, at most
    /// `MAX_MATCHES`; and whether there were more.
    fn select(&self, offers: Vec<Offer>) -> (Vec<Offer>, bool) {
        let centroids = crate::matching::centroids();
        let mut found: Vec<(f64, Offer)> = offers
            .into_iter()
            .filter(|o| contract::id_of(self.kind, &o.profile).is_some())
            .filter_map(|o| {
                let km = centroids.distance_km(self.centre, pc4(o.postcode.as_deref()?)?)?;
                let fits = km <= self.distance_km
                    && self
                        .query
                        .matches(&contract::normalised(self.kind, &o.profile));
                fits.then_some((km, o))
            })
            .collect();
        found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        let more = found.len() > MAX_MATCHES;
        found.truncate(MAX_MATCHES);
        (found.into_iter().map(|(_, o)| o).collect(), more)
    }
}

/// A valid document of `kind` as it is kept: with its id, postcode and search profile.
pub(crate) fn kept(kind: Kind, doc: &Value) -> koppel_store::vum_documents::DocumentWrite {
    let postcode = match kind {
        Kind::Vacancy => &doc["adres"]["postcode"],
        Kind::JobSeeker => &doc["mobiliteit"]["bemiddelingspostcode"],
    };
    koppel_store::vum_documents::DocumentWrite {
        vum_id: contract::id_of(kind, doc).map(str::to_string),
        postcode: postcode.as_str().map(str::to_uppercase),
        document: doc.to_string(),
        profile: contract::profile(kind, doc).to_string(),
    }
}

/// Offers kept as documents: (record id, postcode, profile as stored).
fn documented(rows: Vec<(i64, Option<String>, String)>) -> Vec<Offer> {
    rows.into_iter()
        .filter_map(|(id, postcode, profile)| {
            Some(Offer {
                id,
                postcode,
                profile: serde_json::from_str(&profile).ok()?,
            })
        })
        .collect()
}

/// Records a VUM request in the audit log: who asked (the OIN of the client certificate, or
/// `onbekend` on the development listener without TLS), what, and how it ended.
pub async fn record(
    ctx: &AppContext,
    caller: Option<&str>,
    origin: Option<&str>,
    action: &str,
    object: &str,
    result: &str,
) -> Result<(), AppError> {
    let mut tx = ctx.store.begin().await?;
    let actor = format!("oin:{}", caller.unwrap_or("onbekend"));
    let meta = crate::Meta {
        origin: format!("vum:{}", origin.unwrap_or("onbekend")),
        trace_id: crate::auth::random_hex(16),
    };
    crate::logging::audit(&mut tx, &actor, action, object, result, &meta).await?;
    tx.commit().await?;
    Ok(())
}
