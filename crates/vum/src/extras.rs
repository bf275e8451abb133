//! What VUM carries beyond koppel's own fields, as an adviser enters it: hours as a range, working
//! times and irregular work, start date and pay, education, courses, work experience, means of
//! transport, travel time, sector, the contract forms a job seeker wants, and whether a job seeker
//! agrees to offer their contact details. Read from a VUM document and written into one; a field
//! that did not change is left exactly as the document has it.

use serde_json::{json, Map, Value};

use crate::edits::{at, set};

/// The extra fields of a vacancy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VacancyExtras {
    /// `werktijden.aantalWerkurenPerWeekMinimaal` (the maximum is koppel's hours).
    pub hours_min: Option<i64>,
    /// `werktijden.indicatieKantoortijden`: 1 yes, 2 no, 0 unknown.
    pub office_hours: Option<i64>,
    /// `flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst`.
    pub irregular: Option<i64>,
    /// `arbeidsVoorwaarden.datumAanvangWerkzaamheden`, YYYY-MM-DD.
    pub start_date: Option<String>,
    /// `arbeidsVoorwaarden.salarisIndicatie`.
    pub salary: Option<String>,
    /// `opleiding[0].codeNiveauOpleiding` (1-6, 9).
    pub education_level: Option<i64>,
    /// `opleiding[0].toelichtingOpleiding`.
    pub education_note: Option<String>,
    /// `cursus[].naamCursus`.
    pub courses: Vec<String>,
    /// `werkervaring[0].aantalJarenWerkzaamInBeroep`.
    pub experience_years: Option<i64>,
    /// `vervoermiddel[].codeVervoermiddel`.
    pub transport: Vec<i64>,
    /// `sector.codeSbi`.
    pub sbi: Option<i64>,
    /// `contractvorm[].codeTypeArbeidscontract`: every contract form offered, O and/or B (the
    /// first is the one koppel's own contract type gives).
    pub contract_forms: Vec<String>,
    /// `contractvorm[].codeTypeOvereenkomst`: 01 regular, 02 apprenticeship (leerbaan), 03
    /// volunteering, 04 work-experience place.
    pub agreement: Option<String>,
}

/// The extra fields of a job seeker.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobSeekerExtras {
    pub hours_min: Option<i64>,
    pub office_hours: Option<i64>,
    pub irregular: Option<i64>,
    /// `flexibiliteit.datumEindeBeschikbaarVoorWerk`.
    pub available_until: Option<String>,
    /// `contractvorm[].codeTypeArbeidscontract`: O and/or B.
    pub contract_forms: Vec<String>,
    /// `contractvorm[].codeTypeOvereenkomst`, as for a vacancy.
    pub agreement: Option<String>,
    /// `bemiddelingsberoep[1..]`: the occupations wanted besides koppel's own desired occupation
    /// (which is the first).
    pub other_occupations: Vec<String>,
    /// `mobiliteit.maximaleReistijd`, minutes.
    pub travel_minutes: Option<i64>,
    pub transport: Vec<i64>,
    /// `arbeidsmarktkwalificatie.opleiding[0]`: level, status (0-3) and explanation.
    pub education_level: Option<i64>,
    pub education_status: Option<i64>,
    pub education_note: Option<String>,
    /// `arbeidsmarktkwalificatie.cursus[].naamCursus`.
    pub courses: Vec<String>,
    /// `arbeidsmarktkwalificatie.werkervaring[].toelichtingWerkervaring`, one per job.
    pub experience: Vec<String>,
    /// `sector[].codeSbi`.
    pub sbi: Vec<i64>,
    /// `indicatieBeschikbaarheidContactgegevens` is 1: the candidate agrees that their e-mail
    /// address and phone number are offered.
    pub contact_offered: bool,
}

fn int(doc: &Value, path: &str) -> Option<i64> {
    at(doc, path).and_then(Value::as_i64)
}

fn text(doc: &Value, path: &str) -> Option<String> {
    at(doc, path).and_then(Value::as_str).map(str::to_string)
}

/// `field` of each item of the list at `path`.
fn each<T>(doc: &Value, path: &str, field: &str, read: fn(&Value) -> Option<T>) -> Vec<T> {
    at(doc, path)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|item| item.get(field).and_then(read))
        .collect()
}

fn string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// Writes `new` at `path` when it differs from `old` (as read from the document).
fn put<T: PartialEq>(doc: &mut Value, path: &str, old: &T, new: &T, value: Option<Value>) {
    if old != new {
        set(doc, path, value);
    }
}

fn list<T: serde::Serialize>(items: &[T], field: &str) -> Option<Value> {
    (!items.is_empty()).then(|| Value::Array(items.iter().map(|i| json!({field: i})).collect()))
}

fn one(fields: &[(&str, Option<Value>)]) -> Option<Value> {
    let m: Map<String, Value> = fields
        .iter()
        .filter_map(|(k, v)| Some((k.to_string(), v.clone()?)))
        .collect();
    (!m.is_empty()).then(|| json!([m]))
}

/// The contract forms and the kind of agreement of a document's `contractvorm`.
fn read_contracts(doc: &Value) -> (Vec<String>, Option<String>) {
    let forms = each(doc, "contractvorm", "codeTypeArbeidscontract", string);
    (forms, text(doc, "contractvorm.0.codeTypeOvereenkomst"))
}

/// Writes the contract forms and the agreement when they changed: a form the document already
/// has keeps its item as it came; the agreement goes on every item.
fn write_contracts(d: &mut Value, forms: &[String], agreement: &Option<String>) {
    if read_contracts(d) == (forms.to_vec(), agreement.clone()) {
        return;
    }
    let old: Vec<Value> = at(d, "contractvorm")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let code = |i: &Value| {
        i.get("codeTypeArbeidscontract")
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let mut items: Vec<Value> = forms
        .iter()
        .map(|f| {
            old.iter()
                .find(|i| code(i).as_deref() == Some(f))
                .cloned()
                .unwrap_or_else(|| json!({"codeTypeArbeidscontract": f}))
        })
        .collect();
    if items.is_empty() && agreement.is_some() {
        items.push(json!({}));
    }
    for item in &mut items {
        set(
            item,
            "codeTypeOvereenkomst",
            agreement.as_ref().map(|a| json!(a)),
        );
    }
    set(
        d,
        "contractvorm",
        (!items.is_empty()).then_some(Value::Array(items)),
    );
}

/// The occupations after the first of `bemiddelingsberoep`.
fn read_other_occupations(doc: &Value) -> Vec<String> {
    each(doc, "bemiddelingsberoep", "codeBeroepsnaam", string)
        .into_iter()
        .skip(usize::from(at(doc, "bemiddelingsberoep.0").is_some()))
        .collect()
}

fn write_other_occupations(d: &mut Value, others: &[String]) {
    if read_other_occupations(d) == others {
        return;
    }
    let first = at(d, "bemiddelingsberoep.0").cloned();
    let items: Vec<Value> = first
        .into_iter()
        .chain(others.iter().map(|o| json!({"codeBeroepsnaam": o})))
        .collect();
    set(
        d,
        "bemiddelingsberoep",
        (!items.is_empty()).then_some(Value::Array(items)),
    );
}

pub fn read_vacancy(doc: &Value) -> VacancyExtras {
    VacancyExtras {
        hours_min: int(doc, "werktijden.aantalWerkurenPerWeekMinimaal"),
        office_hours: int(doc, "werktijden.indicatieKantoortijden"),
        irregular: int(
            doc,
            "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
        ),
        start_date: text(doc, "arbeidsVoorwaarden.datumAanvangWerkzaamheden"),
        salary: text(doc, "arbeidsVoorwaarden.salarisIndicatie"),
        education_level: each(doc, "opleiding", "codeNiveauOpleiding", Value::as_i64)
            .first()
            .copied(),
        education_note: each(doc, "opleiding", "toelichtingOpleiding", string)
            .into_iter()
            .next(),
        courses: each(doc, "cursus", "naamCursus", string),
        experience_years: each(
            doc,
            "werkervaring",
            "aantalJarenWerkzaamInBeroep",
            Value::as_i64,
        )
        .first()
        .copied(),
        transport: each(doc, "vervoermiddel", "codeVervoermiddel", Value::as_i64),
        sbi: int(doc, "sector.codeSbi"),
        contract_forms: read_contracts(doc).0,
        agreement: read_contracts(doc).1,
    }
}

/// `doc` with the extras that differ from what it holds written in.
pub fn write_vacancy(doc: &Value, new: &VacancyExtras) -> Value {
    let old = read_vacancy(doc);
    let mut d = doc.clone();
    put(
        &mut d,
        "werktijden.aantalWerkurenPerWeekMinimaal",
        &old.hours_min,
        &new.hours_min,
        new.hours_min.map(|h| json!(h)),
    );
    put(
        &mut d,
        "werktijden.indicatieKantoortijden",
        &old.office_hours,
        &new.office_hours,
        new.office_hours.map(|h| json!(h)),
    );
    put(
        &mut d,
        "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
        &old.irregular,
        &new.irregular,
        new.irregular.map(|h| json!(h)),
    );
    put(
        &mut d,
        "arbeidsVoorwaarden.datumAanvangWerkzaamheden",
        &old.start_date,
        &new.start_date,
        new.start_date.as_ref().map(|h| json!(h)),
    );
    put(
        &mut d,
        "arbeidsVoorwaarden.salarisIndicatie",
        &old.salary,
        &new.salary,
        new.salary.as_ref().map(|h| json!(h)),
    );
    let education = (&new.education_level, &new.education_note);
    put(
        &mut d,
        "opleiding",
        &(&old.education_level, &old.education_note),
        &education,
        one(&[
            ("codeNiveauOpleiding", new.education_level.map(|l| json!(l))),
            (
                "toelichtingOpleiding",
                new.education_note.as_ref().map(|n| json!(n)),
            ),
        ]),
    );
    put(
        &mut d,
        "cursus",
        &old.courses,
        &new.courses,
        list(&new.courses, "naamCursus"),
    );
    put(
        &mut d,
        "werkervaring",
        &old.experience_years,
        &new.experience_years,
        one(&[(
            "aantalJarenWerkzaamInBeroep",
            new.experience_years.map(|y| json!(y)),
        )]),
    );
    put(
        &mut d,
        "vervoermiddel",
        &old.transport,
        &new.transport,
        list(&new.transport, "codeVervoermiddel"),
    );
    put(
        &mut d,
        "sector",
        &old.sbi,
        &new.sbi,
        new.sbi.map(|s| json!({"codeSbi": s})),
    );
    write_contracts(&mut d, &new.contract_forms, &new.agreement);
    d
}

const QUALITY: &str = "arbeidsmarktkwalificatie";

pub fn read_jobseeker(doc: &Value) -> JobSeekerExtras {
    JobSeekerExtras {
        hours_min: int(doc, "werktijden.aantalWerkurenPerWeekMinimaal"),
        office_hours: int(doc, "werktijden.indicatieKantoortijden"),
        irregular: int(
            doc,
            "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
        ),
        available_until: text(doc, "flexibiliteit.datumEindeBeschikbaarVoorWerk"),
        contract_forms: read_contracts(doc).0,
        agreement: read_contracts(doc).1,
        other_occupations: read_other_occupations(doc),
        travel_minutes: int(doc, "mobiliteit.maximaleReistijd"),
        transport: each(doc, "vervoermiddel", "codeVervoermiddel", Value::as_i64),
        education_level: each(
            doc,
            &format!("{QUALITY}.opleiding"),
            "codeNiveauOpleiding",
            Value::as_i64,
        )
        .first()
        .copied(),
        education_status: each(
            doc,
            &format!("{QUALITY}.opleiding"),
            "codeStatusOpleiding",
            Value::as_i64,
        )
        .first()
        .copied(),
        education_note: each(
            doc,
            &format!("{QUALITY}.opleiding"),
            "toelichtingOpleiding",
            string,
        )
        .into_iter()
        .next(),
        courses: each(doc, &format!("{QUALITY}.cursus"), "naamCursus", string),
        experience: each(
            doc,
            &format!("{QUALITY}.werkervaring"),
            "toelichtingWerkervaring",
            string,
        ),
        sbi: each(doc, "sector", "codeSbi", Value::as_i64),
        contact_offered: int(doc, "indicatieBeschikbaarheidContactgegevens") == Some(1),
    }
}

/// `doc` with the extras that differ from what it holds written in. `contact` is the candidate's
/// (e-mail address, phone number): offered only when they agree, and taken out when they do not.
pub fn write_jobseeker(
    doc: &Value,
    new: &JobSeekerExtras,
    contact: (Option<&str>, Option<&str>),
) -> Value {
    let old = read_jobseeker(doc);
    let mut d = doc.clone();
    put(
        &mut d,
        "werktijden.aantalWerkurenPerWeekMinimaal",
        &old.hours_min,
        &new.hours_min,
        new.hours_min.map(|h| json!(h)),
    );
    put(
        &mut d,
        "werktijden.indicatieKantoortijden",
        &old.office_hours,
        &new.office_hours,
        new.office_hours.map(|h| json!(h)),
    );
    put(
        &mut d,
        "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
        &old.irregular,
        &new.irregular,
        new.irregular.map(|h| json!(h)),
    );
    put(
        &mut d,
        "flexibiliteit.datumEindeBeschikbaarVoorWerk",
        &old.available_until,
        &new.available_until,
        new.available_until.as_ref().map(|h| json!(h)),
    );
    write_contracts(&mut d, &new.contract_forms, &new.agreement);
    write_other_occupations(&mut d, &new.other_occupations);
    put(
        &mut d,
        "mobiliteit.maximaleReistijd",
        &old.travel_minutes,
        &new.travel_minutes,
        new.travel_minutes.map(|m| json!(m)),
    );
    put(
        &mut d,
        "vervoermiddel",
        &old.transport,
        &new.transport,
        list(&new.transport, "codeVervoermiddel"),
    );
    let education = (
        &new.education_level,
        &new.education_status,
        &new.education_note,
    );
    put(
        &mut d,
        &format!("{QUALITY}.opleiding"),
        &(
            &old.education_level,
            &old.education_status,
            &old.education_note,
        ),
        &education,
        one(&[
            ("codeNiveauOpleiding", new.education_level.map(|l| json!(l))),
            (
                "codeStatusOpleiding",
                new.education_status.map(|s| json!(s)),
            ),
            (
                "toelichtingOpleiding",
                new.education_note.as_ref().map(|n| json!(n)),
            ),
        ]),
    );
    put(
        &mut d,
        &format!("{QUALITY}.cursus"),
        &old.courses,
        &new.courses,
        list(&new.courses, "naamCursus"),
    );
    put(
        &mut d,
        &format!("{QUALITY}.werkervaring"),
        &old.experience,
        &new.experience,
        list(&new.experience, "toelichtingWerkervaring"),
    );
    put(
        &mut d,
        "sector",
        &old.sbi,
        &new.sbi,
        list(&new.sbi, "codeSbi"),
    );
    let agreed = new.contact_offered;
    set(
        &mut d,
        "indicatieBeschikbaarheidContactgegevens",
        Some(json!(if agreed { 1 } else { 2 })),
    );
    let (email, phone) = if agreed { contact } else { (None, None) };
    set(&mut d, "emailadres", email.map(|e| json!([e])));
    set(&mut d, "telefoonnummer", phone.map(|p| json!([p])));
    d
}
