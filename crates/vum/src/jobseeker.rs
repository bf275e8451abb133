//! A job seeker in the VUM data model: the search profile (`MPWerkzoekendeMatch`), which also
//! serves as the detail koppel gives. Neither names the person nor gives their contact details:
//! the standard's search profile has no directly identifying data, and koppel offers no more in
//! the detail; an intermediary reaches the candidate through the source.

use serde_json::{json, Map, Value};

/// What koppel offers of a job seeker, in plain values; `id` is an opaque, stable identifier.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobSeekerFacts {
    pub id: String,
    pub postcode: String,
    pub max_travel_km: Option<i64>,
    pub occupation_uri: Option<String>,
    /// VUM "werk- en denkniveau" code, "0" to "7".
    pub education_level: Option<String>,
    pub hours_per_week: Option<i64>,
    pub driving_licences: Vec<String>,
    pub languages: Vec<crate::Language>,
    /// Skill URIs (`competentiebeheersing`).
    pub skills: Vec<String>,
    /// YYYY-MM-DD: available for work from (`flexibiliteit.datumAanvangBeschikbaarVoorWerk`).
    pub available_from: Option<String>,
}

/// The search profile (`MPWerkzoekendeMatch`).
pub fn profile(j: &JobSeekerFacts) -> Value {
    let mut m = Map::new();
    m.insert("idWerkzoekende".into(), json!(j.id));
    let mut mobility = Map::new();
    mobility.insert("bemiddelingspostcode".into(), json!(j.postcode));
    if let Some(km) = j.max_travel_km.filter(|k| (0..=1000).contains(k)) {
        mobility.insert("maximaleReisafstand".into(), json!(km));
    }
    m.insert("mobiliteit".into(), Value::Object(mobility));
    if let Some(o) = &j.occupation_uri {
        m.insert("bemiddelingsberoep".into(), json!([{"codeBeroepsnaam": o}]));
    }
    let mut q = Map::new();
    // An integer in the job-seeker profile (a string in the vacancy).
    if let Some(e) = j
        .education_level
        .as_deref()
        .and_then(|e| e.parse::<i64>().ok())
    {
        q.insert("codeWerkEnDenkniveauWerkzoekende".into(), json!(e));
    }
    if !j.skills.is_empty() {
        q.insert("competentiebeheersing".into(), crate::skills(&j.skills));
    }
    if !j.driving_licences.is_empty() {
        q.insert("rijbewijs".into(), crate::licences(&j.driving_licences));
    }
    if !j.languages.is_empty() {
        q.insert("taalbeheersing".into(), crate::languages(&j.languages));
    }
    if !q.is_empty() {
        m.insert("arbeidsmarktkwalificatie".into(), Value::Object(q));
    }
    if let Some(h) = j.hours_per_week.filter(|h| (1..=99).contains(h)) {
        m.insert(
            "werktijden".into(),
            json!({"aantalWerkurenPerWeekMinimaal": h, "aantalWerkurenPerWeekMaximaal": h}),
        );
    }
    if let Some(d) = &j.available_from {
        m.insert(
            "flexibiliteit".into(),
            json!({"datumAanvangBeschikbaarVoorWerk": d}),
        );
    }
    Value::Object(m)
}
