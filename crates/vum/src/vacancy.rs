//! A vacancy in the VUM data model: the search profile (`MPVacatureMatch`, what selection queries
//! are evaluated on and what a match returns) and the detail (`Vacature`). Codes koppel keeps in
//! VUM's own lists (education, driving licences, language levels) carry over as they are.

use serde_json::{json, Map, Value};

/// What koppel knows of a published vacancy, in plain values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VacancyFacts {
    pub id: i64,
    pub title: String,
    pub description: String,
    /// The place of work's postcode (or the employer's); required by VUM.
    pub postcode: String,
    pub occupation_uri: Option<String>,
    /// VUM "werk- en denkniveau" code, "0" to "7".
    pub education_level: Option<String>,
    pub hours_per_week: Option<i64>,
    /// koppel's contract code (`permanent`, `temporary`, ...).
    pub contract_type: Option<String>,
    /// VUM driving-licence codes.
    pub driving_licences: Vec<String>,
    pub languages: Vec<crate::Language>,
    /// YYYY-MM-DD.
    pub closing_date: Option<String>,
    pub start_date: Option<String>,
    pub employer_name: String,
    pub employer_website: Option<String>,
    /// Skill URIs (`competentiebeheersing`).
    pub skills: Vec<String>,
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// VUM's `codeTypeArbeidscontract`: O (open-ended) or B (fixed-term); none for other kinds.
pub fn contract_code(code: &str) -> Option<&'static str> {
    match code {
        "permanent" => Some("O"),
        "temporary" | "temp_agency" | "traineeship" => Some("B"),
        _ => None,
    }
}

/// The fields both representations share; empty values are left out, as the standard asks.
fn common(v: &VacancyFacts) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("idVacature".into(), json!(v.id.to_string()));
    m.insert("adres".into(), json!({"postcode": v.postcode}));
    if !v.title.is_empty() {
        m.insert("naamVacature".into(), json!(cut(&v.title, 120)));
    }
    if !v.description.is_empty() {
        m.insert(
            "omschrijvingVacature".into(),
            json!(cut(&v.description, 2000)),
        );
    }
    if let Some(o) = &v.occupation_uri {
        m.insert("beroep".into(), json!({"codeBeroepsnaam": o}));
    }
    if let Some(e) = &v.education_level {
        m.insert("codeWerkEnDenkniveauMinimaal".into(), json!(e));
    }
    if let Some(h) = v.hours_per_week.filter(|h| (1..=99).contains(h)) {
        m.insert(
            "werktijden".into(),
            json!({"aantalWerkurenPerWeekMinimaal": h, "aantalWerkurenPerWeekMaximaal": h}),
        );
    }
    if let Some(c) = v.contract_type.as_deref().and_then(contract_code) {
        m.insert(
            "contractvorm".into(),
            json!([{"codeTypeArbeidscontract": c}]),
        );
    }
    if !v.driving_licences.is_empty() {
        m.insert("rijbewijs".into(), crate::licences(&v.driving_licences));
    }
    if !v.languages.is_empty() {
        m.insert("taalbeheersing".into(), crate::languages(&v.languages));
    }
    if !v.skills.is_empty() {
        m.insert("competentiebeheersing".into(), crate::skills(&v.skills));
    }
    if let Some(d) = &v.closing_date {
        m.insert("sluitingsdatumVacature".into(), json!(d));
    }
    if let Some(d) = &v.start_date {
        m.insert(
            "arbeidsVoorwaarden".into(),
            json!({"datumAanvangWerkzaamheden": d}),
        );
    }
    m
}

fn employer(v: &VacancyFacts) -> Value {
    let mut w = Map::new();
    w.insert(
        "handelsnaamOrganisatie".into(),
        json!(cut(&v.employer_name, 500)),
    );
    if let Some(site) = &v.employer_website {
        w.insert("webadres".into(), json!([{"url": site}]));
    }
    Value::Object(w)
}

/// The search profile (`MPVacatureMatch`).
pub fn search_profile(v: &VacancyFacts) -> Value {
    let mut m = common(v);
    m.insert("werkgever".into(), employer(v));
    Value::Object(m)
}

/// The detail (`Vacature`).
pub fn detail(v: &VacancyFacts) -> Value {
    let mut m = common(v);
    m.insert("werkgever".into(), employer(v));
    Value::Object(m)
}
