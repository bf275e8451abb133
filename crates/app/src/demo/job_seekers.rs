//! The demo region's candidates, with their target groups, skills and consent.

use super::*;

/// Candidate ids with their owning organisation and target group.
pub(super) struct DemoCandidate {
    pub(super) id: i64,
    pub(super) org_id: i64,
    pub(super) target_group: &'static str,
    pub(super) municipality_code: String,
}

pub(super) async fn insert_candidates(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    count: usize,
    orgs: &Orgs,
    (occupations, work): (&[reference::EscoConcept], &super::work_skills::WorkSkills),
    areas: &[Area],
) -> Result<Vec<DemoCandidate>, AppError> {
    let total_weight: u32 = TARGET_MIX.iter().map(|t| t.1).sum();
    // Most people the WSP helps look for work in ISCO major groups 4 to 9.
    let typical: Vec<&reference::EscoConcept> = occupations
        .iter()
        .filter(|o| {
            o.isco_group
                .as_deref()
                .and_then(|g| g.chars().next())
                .is_some_and(|d| ('4'..='9').contains(&d))
        })
        .collect();
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let group = target_group(rng, total_weight);
        let area = &areas[rng.gen_range(0..areas.len())];
        let municipal_org = if IJMOND.contains(&area.municipality_code.as_str()) {
            orgs.ijmond
        } else {
            orgs.spaarne
        };
        let org_id = match group {
            "ww" | "wia" | "wajong" | "werk_naar_werk" => orgs.uwv,
            _ => municipal_org,
        };
        let (first, last) = if group == "oekraine" {
            (
                *UKRAINIAN_FIRST_NAMES.choose(rng).unwrap_or(&"Olena"),
                *UKRAINIAN_LAST_NAMES.choose(rng).unwrap_or(&"Melnyk"),
            )
        } else {
            (
                *FIRST_NAMES.choose(rng).unwrap_or(&"Sam"),
                *LAST_NAMES.choose(rng).unwrap_or(&"Jansen"),
            )
        };
        let consent = rng.gen_bool(0.7);
        let licences: Vec<&str> = if rng.gen_bool(0.55) {
            vec![DrivingLicence::B.code()]
        } else {
            vec![]
        };
        let languages = if group == "oekraine" {
            "ukr:4,nld:1,eng:2"
        } else if rng.gen_bool(0.8) {
            "nld:4"
        } else {
            "nld:2,ara:4"
        };
        let education = if rng.gen_bool(0.15) {
            None
        } else {
            Some(["1", "2", "3", "3", "4", "4", "5", "6"][rng.gen_range(0..8)].to_string())
        };
        let occupation = if rng.gen_bool(0.85) {
            typical.choose(rng).copied()
        } else {
            occupations.choose(rng)
        };
        let isco = occupation.and_then(|o| o.isco_group.as_deref());
        let skills = work.for_candidate(rng, isco);
        let desired = occupation
            .filter(|_| rng.gen_bool(0.7))
            .map(|o| o.uri.clone());
        let w = candidates::CandidateWrite {
            first_name: first.to_string(),
            last_name: last.to_string(),
            email: Some(format!(
                "{}.{}{}@mail.voorbeeld.nl",
                first.to_lowercase(),
                last.to_lowercase().replace(' ', ""),
                rng.gen_range(1..999)
            )),
            phone: Some(format!("06{:08}", rng.gen_range(0..100_000_000))),
            postcode: Some(postcode(rng, area)),
            city: area.place.clone(),
            target_group: group.to_string(),
            work_ready: rng.gen_bool(0.75),
            consent_wsp: consent,
            consent_date: consent.then(|| {
                NaiveDate::from_ymd_opt(2024, 6, 1).unwrap_or_default()
                    + Duration::days(rng.gen_range(0..540))
            }),
            available_from: Some(
                NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default()
                    + Duration::days(rng.gen_range(0..500)),
            ),
            hours_per_week: Some([16, 20, 24, 32, 36, 40][rng.gen_range(0..6)]),
            education_level: education,
            driving_licences: licences.join(","),
            languages: languages.into(),
            max_travel_km: Some([5, 10, 15, 20, 30][rng.gen_range(0..5)]),
            consultant_id: None,
            skills,
            handover: handover(rng, group, consent, desired),
        };
        let id = candidates::insert(tx, org_id, &w).await?;
        out.push(DemoCandidate {
            id,
            org_id,
            target_group: group,
            municipality_code: area.municipality_code.clone(),
        });
    }
    Ok(out)
}

/// A target group drawn by the weights of `TARGET_MIX`.
fn target_group(rng: &mut ChaCha8Rng, total_weight: u32) -> &'static str {
    let mut pick = rng.gen_range(0..total_weight);
    TARGET_MIX
        .iter()
        .find(|(_, w)| {
            if pick < *w {
                true
            } else {
                pick -= w;
                false
            }
        })
        .map(|t| t.0)
        .unwrap_or("overig")
}

/// What the handover tells of a candidate: occupation, assessment, consent, evidence and wishes.
fn handover(
    rng: &mut ChaCha8Rng,
    group: &str,
    consent: bool,
    desired: Option<String>,
) -> candidates::Handover {
    candidates::Handover {
        desired_occupation_uri: desired,
        work_ready_assessed_on: Some(
            NaiveDate::from_ymd_opt(2024, 9, 1).unwrap_or_default()
                + Duration::days(rng.gen_range(0..450)),
        ),
        consent_scope: if consent {
            if rng.gen_bool(0.4) {
                "wsp_vum"
            } else {
                "wsp"
            }
        } else {
            ""
        }
        .into(),
        target_group_evidence: match group {
            "ww" | "wia" | "wajong" => "Uitkeringsbesluit UWV",
            "pwet" => "Bijstandsbesluit gemeente",
            "oekraine" => "Verblijfsdocument (Richtlijn Tijdelijke Bescherming)",
            _ => "",
        }
        .into(),
        target_group_valid_until: Some(
            NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default()
                + Duration::days(rng.gen_range(0..700)),
        ),
        wishes: [
            "Liefst in de buurt werken",
            "Geen nachtdiensten",
            "Wil graag een opleiding volgen",
            "Parttime vanwege zorgtaken",
            "",
        ][rng.gen_range(0..5)]
        .into(),
    }
}

/// The benefit a candidate of a target group most likely left.
pub(super) fn benefit_of(target_group: &str) -> &'static str {
    match target_group {
        "ww" => "ww",
        "wia" => "wia",
        "wajong" => "wajong",
        "pwet" | "oekraine" => "pwet",
        _ => "other",
    }
}

/// A placement start: mostly in 2025, the rest in 2026 up to today, so worklists have current after-care.
pub(super) fn start_date(rng: &mut ChaCha8Rng) -> NaiveDate {
    let today = Utc::now().date_naive();
    let first = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap_or_default();
    let span = (today - first).num_days().clamp(1, 355 * 2);
    if rng.gen_bool(0.75) {
        first + Duration::days(rng.gen_range(0..span.min(355)))
    } else {
        first + Duration::days(rng.gen_range(0..span))
    }
}
