//! Checking a candidate's input: code lists, languages, skills and the occupation (by URI or
//! label), and the whole record against the target groups, with every field error at once.

use koppel_domain::codes::{CodeList, ConsentScope, DrivingLicence, EducationLevel};
use koppel_domain::language::LanguageSkill;
use koppel_domain::values::{
    date, int_in_range, optional_text, required_text, Email, Phone, Postcode,
};
use koppel_domain::FieldErrors;
use koppel_store::candidates::{self as store, CandidateWrite, Handover};
use koppel_store::Tx;

use super::CandidateInput;
use crate::input::{opt, List};
use crate::taxonomy_aliases::resolve;
use crate::AppError;

/// Parses a comma-separated code list field, recording an error per bad item.
pub(crate) fn codes<T: CodeList>(e: &mut FieldErrors, field: &str, list: &List) -> String {
    let mut out: Vec<&str> = Vec::new();
    for item in &list.0 {
        if let Some(c) = e.check(field, T::parse(item)) {
            if !out.contains(&c.code()) {
                out.push(c.code());
            }
        }
    }
    out.join(",")
}

pub(crate) fn languages(e: &mut FieldErrors, list: &List) -> String {
    let parsed: Vec<String> = list
        .0
        .iter()
        .filter_map(|l| e.check("languages", LanguageSkill::parse(l)))
        .map(|l| l.to_code())
        .collect();
    parsed.join(",")
}

/// Skills as URIs or as labels: a label is looked up (case-insensitive, also alternative labels).
/// Once a taxonomy is imported, unknown URIs and labels are refused, each named in the message.
pub(crate) async fn skill_uris(
    tx: &mut Tx,
    e: &mut FieldErrors,
    field: &str,
    list: &List,
) -> Result<Vec<String>, AppError> {
    let mut out: Vec<String> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for s in &list.0 {
        let uri = if s.starts_with("http://") || s.starts_with("https://") {
            match resolve(tx, s).await? {
                Some(concept) if !s.contains(char::is_whitespace) => concept,
                _ => {
                    unknown.push(s.clone());
                    continue;
                }
            }
        } else {
            match koppel_store::taxonomy::skill_by_label(tx, s).await? {
                Some(c) => c.uri,
                None => {
                    unknown.push(s.clone());
                    continue;
                }
            }
        };
        if !out.contains(&uri) {
            out.push(uri);
        }
    }
    for u in &unknown {
        let near = if u.starts_with("http") {
            Vec::new()
        } else {
            near_skills(tx, u).await?
        };
        let advice = if near.is_empty() {
            "Typ de naam van een vaardigheid zoals die in ESCO staat, of een synoniem.".to_string()
        } else {
            format!("Bedoelt u: {}?", near.join("; "))
        };
        e.push(
            field,
            "unknown_skill",
            format!("Onbekende vaardigheid: ‘{u}’. {advice}"),
        );
    }
    Ok(out)
}

/// Up to three skills whose names share the start of the longest words of `text`, to suggest
/// when a typed skill is not known ("producten inpakken" → "producten verpakken").
async fn near_skills(tx: &mut Tx, text: &str) -> Result<Vec<String>, AppError> {
    let mut words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let mut out: Vec<String> = Vec::new();
    for w in words.iter().take(3) {
        let keep = (w.chars().count() - 2).max(4);
        let stem: String = w.chars().take(keep).collect();
        for c in koppel_store::taxonomy::search(tx, "skill", &stem, 3).await? {
            if out.len() < 3 && !out.contains(&c.label) {
                out.push(c.label);
            }
        }
    }
    Ok(out)
}

/// An occupation as an ESCO or CompetentNL URI or by its (alternative) name, read as the ESCO
/// concept; an unknown one is refused and named.
pub(crate) async fn occupation_uri(
    tx: &mut Tx,
    e: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
) -> Result<Option<String>, AppError> {
    let Some(u) = value else {
        return Ok(None);
    };
    let concept = if u.starts_with("http") && !u.contains(char::is_whitespace) {
        resolve(tx, u).await?
    } else {
        koppel_store::taxonomy::occupation_by_label(tx, u)
            .await?
            .map(|c| c.uri)
    };
    if concept.is_none() {
        e.push(
            field,
            "unknown_occupation",
            format!("Onbekend beroep: ‘{u}’. Kies een beroep uit de lijst."),
        );
    }
    Ok(concept)
}

pub(super) async fn validate(
    tx: &mut Tx,
    input: &CandidateInput,
) -> Result<CandidateWrite, AppError> {
    let groups = store::target_groups(tx).await?;
    validate_with(tx, input, &groups).await
}

/// Validates a candidate against the given target groups (read once for a whole import).
pub(crate) async fn validate_with(
    tx: &mut Tx,
    input: &CandidateInput,
    groups: &[store::TargetGroup],
) -> Result<CandidateWrite, AppError> {
    let mut e = FieldErrors::new();
    let first = e.check("firstName", required_text(input.first_name.as_str(), 100));
    let last = e.check("lastName", required_text(input.last_name.as_str(), 100));
    let email = opt(&input.email).and_then(|s| e.check("email", Email::parse(s)));
    let phone = opt(&input.phone).and_then(|s| e.check("phone", Phone::parse(s)));
    let postcode = opt(&input.postcode).and_then(|s| e.check("postcode", Postcode::parse(s)));
    let city = e
        .check("city", optional_text(opt(&input.city), 100))
        .flatten()
        .unwrap_or_default();
    let group = groups
        .iter()
        .find(|g| g.code == input.target_group.as_str().trim())
        .map(|g| g.code.clone());
    if group.is_none() {
        e.push(
            "targetGroup",
            "unknown_code",
            "Kies een doelgroep uit de lijst.",
        );
    }
    let consent_date = opt(&input.consent_date).and_then(|s| e.check("consentDate", date(s)));
    if input.consent_wsp.0 && consent_date.is_none() && opt(&input.consent_date).is_none() {
        e.push(
            "consentDate",
            "required",
            "Vul de datum van de toestemming in.",
        );
    }
    let available_from = opt(&input.available_from).and_then(|s| e.check("availableFrom", date(s)));
    let hours =
        opt(&input.hours_per_week).and_then(|s| e.check("hoursPerWeek", int_in_range(s, 1, 60)));
    let education = opt(&input.education_level)
        .and_then(|s| e.check("educationLevel", EducationLevel::parse(s)));
    let licences = codes::<DrivingLicence>(&mut e, "drivingLicences", &input.driving_licences);
    let langs = languages(&mut e, &input.languages);
    let travel =
        opt(&input.max_travel_km).and_then(|s| e.check("maxTravelKm", int_in_range(s, 0, 300)));
    let consultant = opt(&input.consultant_id)
        .and_then(|s| e.check("consultantId", int_in_range(s, 1, i64::MAX)));
    let skills = skill_uris(tx, &mut e, "skills", &input.skills).await?;
    let desired_occupation = occupation_uri(
        tx,
        &mut e,
        "desiredOccupationUri",
        opt(&input.desired_occupation_uri),
    )
    .await?;
    let handover = Handover {
        desired_occupation_uri: desired_occupation,
        work_ready_assessed_on: opt(&input.work_ready_assessed_on)
            .and_then(|s| e.check("workReadyAssessedOn", date(s))),
        consent_scope: match (input.consent_wsp.0, opt(&input.consent_scope)) {
            (false, _) => String::new(),
            (true, None) => ConsentScope::Wsp.code().to_string(),
            (true, Some(s)) => e
                .check("consentScope", ConsentScope::parse(s))
                .map(|c| c.code().to_string())
                .unwrap_or_default(),
        },
        target_group_evidence: e
            .check(
                "targetGroupEvidence",
                optional_text(opt(&input.target_group_evidence), 300),
            )
            .flatten()
            .unwrap_or_default(),
        target_group_valid_until: opt(&input.target_group_valid_until)
            .and_then(|s| e.check("targetGroupValidUntil", date(s))),
        wishes: e
            .check("wishes", optional_text(opt(&input.wishes), 2000))
            .flatten()
            .unwrap_or_default(),
    };
    let (Some(first_name), Some(last_name), Some(target_group)) = (first, last, group) else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    Ok(CandidateWrite {
        first_name,
        last_name,
        email: email.map(Email::into_string),
        phone: phone.map(Phone::into_string),
        postcode: postcode.map(Postcode::into_string),
        city,
        target_group,
        work_ready: input.work_ready.0,
        consent_wsp: input.consent_wsp.0,
        consent_date,
        available_from,
        hours_per_week: hours,
        education_level: education.map(|l| l.code().to_string()),
        driving_licences: licences,
        languages: langs,
        max_travel_km: travel,
        consultant_id: consultant,
        skills,
        handover,
    })
}
