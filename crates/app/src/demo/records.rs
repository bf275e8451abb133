//! The demo region's taxonomy, employers and vacancies.

use super::*;

pub(super) async fn load_taxonomy(tx: &mut Tx) -> Result<Vec<reference::EscoConcept>, AppError> {
    let occupations = reference::occupations();
    for c in &occupations {
        let concept = taxonomy::Concept {
            uri: c.uri.clone(),
            kind: "occupation".into(),
            label: c.label.clone(),
            isco_group: c.isco_group.clone(),
        };
        taxonomy::upsert(tx, &concept, &c.alt_labels).await?;
    }
    let groups = reference::skill_groups();
    for c in &groups {
        let concept = taxonomy::Concept {
            uri: c.uri.clone(),
            kind: "skill_group".into(),
            label: c.label.clone(),
            isco_group: None,
        };
        taxonomy::upsert(tx, &concept, &c.alt_labels).await?;
    }
    // The hierarchy follows from the codes; the first group with a code is its group.
    let by_code: std::collections::HashMap<&str, &str> = groups
        .iter()
        .filter_map(|g| g.code.as_deref().map(|c| (c, g.uri.as_str())))
        .collect();
    for g in &groups {
        let broader = g
            .code
            .as_deref()
            .and_then(reference::broader_code)
            .and_then(|b| by_code.get(b.as_str()).copied());
        if let Some(b) = broader.filter(|b| *b != g.uri) {
            taxonomy::set_broader(tx, &g.uri, b).await?;
        }
    }
    Ok(occupations)
}

pub(super) fn postcode(rng: &mut ChaCha8Rng, area: &Area) -> String {
    let letters = b"ABCDEGHJKLMNPRSTVWXZ";
    let a = letters[rng.gen_range(0..letters.len())] as char;
    let b = letters[rng.gen_range(0..letters.len())] as char;
    format!("{}{a}{b}", area.pc4)
}

pub(super) async fn insert_employers(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    count: usize,
    areas: &[Area],
    advisers: &[i64],
) -> Result<Vec<(i64, String)>, AppError> {
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let (sector, nouns, sbis) = SECTOR_STYLE[rng.gen_range(0..SECTOR_STYLE.len())];
        let noun = nouns[rng.gen_range(0..nouns.len())];
        let core = if rng.gen_bool(0.5) {
            NAME_CORES[rng.gen_range(0..NAME_CORES.len())].to_string()
        } else {
            LAST_NAMES[rng.gen_range(0..LAST_NAMES.len())].to_string()
        };
        let name = match i % 3 {
            0 => format!("{noun} {core} B.V."),
            1 => format!("{core} {noun}"),
            _ => format!(
                "{noun} {core} {}",
                ["V.O.F.", "B.V.", "", "Holding"][rng.gen_range(0..4)]
            )
            .trim()
            .to_string(),
        };
        let area = &areas[rng.gen_range(0..areas.len())];
        let w = employers::EmployerWrite {
            name,
            kvk_number: Some(format!(
                "{:08}",
                10_000_000 + i * 3_917 + rng.gen_range(0..3_000)
            )),
            sbi_code: Some(sbis[rng.gen_range(0..sbis.len())].to_string()),
            sector: sector.to_string(),
            postcode: Some(postcode(rng, area)),
            city: area.place.clone(),
            municipality_code: Some(area.municipality_code.clone()),
            website: None,
            account_holder_id: advisers.choose(rng).copied(),
            strategic: rng.gen_bool(0.03),
        };
        let id = employers::insert(tx, &w).await?;
        let establishment = employers::EstablishmentWrite {
            name: format!("{} {}", w.name, area.place),
            street: Some(format!(
                "{}straat {}",
                NAME_CORES[i % NAME_CORES.len()],
                1 + i % 120
            )),
            postcode: w.postcode.clone(),
            city: area.place.clone(),
        };
        employers::insert_establishment(tx, id, &establishment).await?;
        let contact = format!(
            "{} {}",
            FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())],
            LAST_NAMES[rng.gen_range(0..LAST_NAMES.len())]
        );
        let title = [
            "HR-adviseur",
            "Bedrijfsleider",
            "Directeur",
            "Teamleider",
            "Eigenaar",
        ][rng.gen_range(0..5)];
        let person = employers::ContactPersonWrite {
            name: contact,
            job_title: Some(title.into()),
            email: Some(format!("contact{id}@voorbeeld.nl")),
            phone: Some(format!("023{:07}", rng.gen_range(0..10_000_000))),
        };
        employers::insert_contact_person(tx, id, &person).await?;
        if w.strategic {
            let team: Vec<i64> = advisers.choose_multiple(rng, 3).copied().collect();
            let version = employers::get(tx, id).await?.version;
            employers::set_account_team(tx, id, version, &team).await?;
        }
        out.push((id, sector.to_string()));
    }
    Ok(out)
}

pub(super) async fn insert_vacancies(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    count: usize,
    employer_ids: &[(i64, String)],
    occupations: &[reference::EscoConcept],
    work: &super::work_skills::WorkSkills,
    areas: &[Area],
) -> Result<Vec<(i64, i64)>, AppError> {
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let Some((employer_id, sector)) = employer_ids.choose(rng) else {
            break;
        };
        let prefixes = isco_prefixes(sector);
        let fitting: Vec<&reference::EscoConcept> = occupations
            .iter()
            .filter(|o| {
                o.isco_group
                    .as_deref()
                    .is_some_and(|g| prefixes.iter().any(|p| g.starts_with(p)))
            })
            .collect();
        let Some(occ) = fitting
            .choose(rng)
            .copied()
            .or_else(|| occupations.choose(rng))
        else {
            break;
        };
        let mut title = occ.label.clone();
        if let Some(first) = title.get(..1) {
            title = format!("{}{}", first.to_uppercase(), &title[1..]);
        }
        let area = &areas[rng.gen_range(0..areas.len())];
        let status = [
            "open", "open", "open", "open", "filled", "closed", "on_hold", "draft",
        ][rng.gen_range(0..8)];
        let vskills = work.for_vacancy(rng, occ.isco_group.as_deref());
        let w = vacancies::VacancyWrite {
            employer_id: *employer_id,
            title,
            description: format!(
                "Voor onze vestiging in {} zoeken wij een collega. {}",
                area.place,
                occ.alt_labels.split('|').next().unwrap_or_default()
            ),
            occupation_uri: Some(occ.uri.clone()),
            hours_per_week: Some([16, 20, 24, 28, 32, 36, 38, 40][rng.gen_range(0..8)]),
            contract_type: Some(
                [
                    "permanent",
                    "temporary",
                    "temporary",
                    "temp_agency",
                    "traineeship",
                ][rng.gen_range(0..5)]
                .to_string(),
            ),
            education_level: Some(["2", "3", "3", "4", "4", "5"][rng.gen_range(0..6)].to_string()),
            driving_licences: if rng.gen_bool(0.2) {
                "B".into()
            } else {
                String::new()
            },
            languages: "nld:2".into(),
            postcode: Some(postcode(rng, area)),
            city: area.place.clone(),
            closing_date: Some(
                NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
                    + Duration::days(rng.gen_range(0..400)),
            ),
            positions: rng.gen_range(1..4),
            status: status.into(),
            publish: status == "open" && rng.gen_bool(0.7),
            skills: vskills,
            carving: if rng.gen_bool(0.05) {
                vacancies::JobCarving {
                    job_carving: true,
                    carved_tasks:
                        "Magazijn aanvullen, retouren verwerken, eenvoudige administratie".into(),
                    carved_from: "Verkoopmedewerker, teamleider logistiek".into(),
                    carved_for_candidate_id: None,
                    eligible_target_groups: String::new(),
                }
            } else {
                vacancies::JobCarving::default()
            },
        };
        let id = vacancies::insert(tx, &w, None).await?;
        out.push((id, *employer_id));
    }
    Ok(out)
}
