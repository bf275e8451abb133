//! The demo region Zuid-Kennemerland en IJmond, generated deterministically from a seed:
//! organisations, users over all roles, employers, candidates, vacancies and a 2025 history.

mod crm;
mod dates;
pub mod matching_pool;
mod names;
pub mod national;
use crate::reference_data as reference;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use koppel_domain::codes::{Cluster, CodeList, DrivingLicence};
use koppel_store::{
    candidates, employers, nominations, organisations, placements, targets, taxonomy, users,
    vacancies, Tx,
};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::logging::audit;
use crate::{AppContext, AppError, Meta};
use names::*;
use reference::Area;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "koppel-demo-2025";

/// How big the generated region is.
#[derive(Debug, Clone, Copy)]
pub struct DemoSize {
    pub employers: usize,
    pub candidates: usize,
    pub vacancies: usize,
}

impl Default for DemoSize {
    fn default() -> Self {
        Self {
            employers: 2000,
            candidates: 3000,
            vacancies: 1500,
        }
    }
}

/// A demo login to print.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub email: String,
    pub name: String,
    pub role: String,
    pub organisation: String,
}

/// What `generate` did.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    /// False when the database already held data and was reused as it is.
    pub created: bool,
    pub logins: Vec<DemoLogin>,
}

const MUNICIPALITIES: &[(&str, &str, &str)] = &[
    ("Gemeente Haarlem", "Haarlem", "0392"),
    ("Gemeente Zandvoort", "Zandvoort", "0473"),
    ("Gemeente Bloemendaal", "Bloemendaal", "0377"),
    ("Gemeente Heemstede", "Heemstede", "0397"),
    ("Gemeente Velsen", "Velsen", "0453"),
    ("Gemeente Beverwijk", "Beverwijk", "0375"),
    ("Gemeente Heemskerk", "Heemskerk", "0396"),
];
const IJMOND: &[&str] = &["GM0453", "GM0375", "GM0396"];
/// The 2025 placement targets per target group (425 in all).
const TARGETS_2025: &[(&str, u32)] = &[
    ("wajong", 25),
    ("wia", 20),
    ("ww", 140),
    ("pwet", 120),
    ("oekraine", 80),
    ("overig", 40),
];

/// Target-group mix of the candidates, after the 2025 placement targets (425 in all).
const TARGET_MIX: &[(&str, u32)] = &[
    ("wajong", 25),
    ("wia", 20),
    ("ww", 140),
    ("pwet", 120),
    ("oekraine", 80),
    ("overig", 40),
    ("statushouder", 15),
    ("werk_naar_werk", 10),
    ("banenafspraak", 10),
];

/// Fills an empty database with the demo region, or reports the logins of the one already there.
pub async fn generate(
    ctx: &AppContext,
    seed: u64,
    size: DemoSize,
) -> Result<DemoSummary, AppError> {
    let mut tx = ctx.store.begin().await?;
    if !organisations::list(&mut tx).await?.is_empty() {
        let logins = users::list(&mut tx)
            .await?
            .into_iter()
            .map(|u| DemoLogin {
                email: u.email,
                name: u.name,
                role: u.role,
                organisation: u.org_name,
            })
            .collect();
        return Ok(DemoSummary {
            created: false,
            logins,
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let orgs = insert_organisations(&mut tx).await?;
    let logins = insert_users(&mut tx, &orgs).await?;
    let occupations = load_taxonomy(&mut tx).await?;
    let codes: Vec<&str> = MUNICIPALITIES.iter().map(|m| m.2).collect();
    let areas = reference::areas(&codes);
    let advisers: Vec<i64> = users::list_with_roles(&mut tx, &["adviser"])
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    let employer_ids =
        insert_employers(&mut tx, &mut rng, size.employers, &areas, &advisers).await?;
    let skills: Vec<String> = reference::skill_groups()
        .into_iter()
        .map(|c| c.uri)
        .collect();
    let vacancy_ids = insert_vacancies(
        &mut tx,
        &mut rng,
        size.vacancies,
        &employer_ids,
        &occupations,
        &skills,
        &areas,
    )
    .await?;
    let candidate_ids =
        insert_candidates(&mut tx, &mut rng, size.candidates, &orgs, &skills, &areas).await?;
    insert_history(
        &mut tx,
        &mut rng,
        &employer_ids,
        &vacancy_ids,
        &candidate_ids,
        &advisers,
    )
    .await?;
    crm::insert_relationship(&mut tx, &mut rng, &employer_ids, &advisers).await?;
    insert_region(&mut tx).await?;
    dates::backdate(&mut tx, &mut rng).await?;
    audit(
        &mut tx,
        "cli:demo",
        "demo.generate",
        &format!("seed:{seed}"),
        "success",
        &Meta::local("demo"),
    )
    .await?;
    tx.commit().await?;
    Ok(DemoSummary {
        created: true,
        logins,
    })
}

/// Organisation ids: (UWV, Spaarne Werkt, IJmond Werkt!, Werkcentrum, municipalities, partners).
struct Orgs {
    uwv: i64,
    spaarne: i64,
    ijmond: i64,
    all: Vec<(i64, String, bool)>,
}

async fn insert_organisations(tx: &mut Tx) -> Result<Orgs, AppError> {
    let mut all = Vec::new();
    let add = |name: &'static str,
               short: &'static str,
               kind: &'static str,
               wsp: bool,
               gm: Option<String>| (name, short, kind, wsp, gm);
    let mut specs = vec![
        add("UWV", "UWV", "uwv", true, None),
        add(
            "Spaarne Werkt",
            "Spaarne Werkt",
            "reintegration_company",
            true,
            None,
        ),
        add(
            "IJmond Werkt!",
            "IJmond Werkt!",
            "reintegration_company",
            true,
            None,
        ),
        add(
            "Werkcentrum Zuid-Kennemerland en IJmond",
            "Werkcentrum",
            "werkcentrum",
            true,
            None,
        ),
        add(
            "Uitzendgroep Kustregio (partner)",
            "Uitzendgroep Kustregio",
            "partner",
            false,
            None,
        ),
        add(
            "ROC Duin en Kust (partner)",
            "ROC Duin en Kust",
            "partner",
            false,
            None,
        ),
    ];
    for (name, short, code) in MUNICIPALITIES {
        specs.push(add(
            name,
            short,
            "municipality",
            false,
            Some(format!("GM{code}")),
        ));
    }
    for (name, short, kind, wsp, gm) in specs {
        let id = organisations::insert(
            tx,
            &organisations::NewOrganisation {
                name,
                short_name: short,
                kind,
                wsp_partner: wsp,
                municipality_code: gm,
                oin: None,
            },
        )
        .await?;
        all.push((id, short.to_string(), wsp));
    }
    Ok(Orgs {
        uwv: all[0].0,
        spaarne: all[1].0,
        ijmond: all[2].0,
        all,
    })
}

async fn insert_users(tx: &mut Tx, orgs: &Orgs) -> Result<Vec<DemoLogin>, AppError> {
    // One hash for all demo accounts: they share the published demo password.
    let hash = crate::auth::hash_password(DEMO_PASSWORD)?;
    let org = |short: &str| {
        orgs.all
            .iter()
            .find(|o| o.1 == short)
            .map(|o| o.0)
            .unwrap_or(orgs.uwv)
    };
    let plan: &[(&str, &str, usize)] = &[
        ("UWV", "adviser", 5),
        ("Spaarne Werkt", "adviser", 5),
        ("IJmond Werkt!", "adviser", 4),
        ("UWV", "consultant", 3),
        ("Spaarne Werkt", "consultant", 3),
        ("IJmond Werkt!", "consultant", 3),
        ("Spaarne Werkt", "jobhunter", 2),
        ("IJmond Werkt!", "jobhunter", 2),
        ("Spaarne Werkt", "ukraine_desk", 2),
        ("UWV", "manager", 1),
        ("Spaarne Werkt", "manager", 1),
        ("IJmond Werkt!", "manager", 1),
        ("Werkcentrum", "manager", 1),
        ("Werkcentrum", "admin", 1),
        ("Haarlem", "partner", 2),
        ("Velsen", "partner", 1),
        ("Uitzendgroep Kustregio", "partner", 1),
        ("ROC Duin en Kust", "partner", 1),
    ];
    let mut logins = Vec::new();
    let mut n = 0usize;
    for (short, role, count) in plan {
        for i in 0..*count {
            n += 1;
            let first = FIRST_NAMES[(n * 7) % FIRST_NAMES.len()];
            let last = LAST_NAMES[(n * 11) % LAST_NAMES.len()];
            let name = format!("{first} {last}");
            let slug: String = short
                .to_lowercase()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            let email = format!("{role}{}.{slug}@demo.koppel.nl", i + 1).replace('_', "-");
            let org_id = org(short);
            let id = users::insert(
                tx,
                &users::NewUser {
                    org_id,
                    email: &email,
                    name: &name,
                    role,
                    password_hash: &hash,
                },
            )
            .await?;
            if *role == "adviser" {
                users::add_cluster(tx, id, Cluster::ALL[n % 4].code()).await?;
            }
            logins.push(DemoLogin {
                email,
                name,
                role: role.to_string(),
                organisation: short.to_string(),
            });
        }
    }
    Ok(logins)
}

async fn load_taxonomy(tx: &mut Tx) -> Result<Vec<reference::EscoConcept>, AppError> {
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

fn postcode(rng: &mut ChaCha8Rng, area: &Area) -> String {
    let letters = b"ABCDEGHJKLMNPRSTVWXZ";
    let a = letters[rng.gen_range(0..letters.len())] as char;
    let b = letters[rng.gen_range(0..letters.len())] as char;
    format!("{}{a}{b}", area.pc4)
}

async fn insert_employers(
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

async fn insert_vacancies(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    count: usize,
    employer_ids: &[(i64, String)],
    occupations: &[reference::EscoConcept],
    skills: &[String],
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
        let n_skills = rng.gen_range(3..8);
        let mut vskills: Vec<(String, bool)> = skills
            .choose_multiple(rng, n_skills)
            .map(|s| (s.clone(), true))
            .collect();
        for (i, s) in vskills.iter_mut().enumerate() {
            s.1 = i < 3;
        }
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

/// Candidate ids with their owning organisation and target group.
struct DemoCandidate {
    id: i64,
    org_id: i64,
    target_group: &'static str,
    municipality_code: String,
}

async fn insert_candidates(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    count: usize,
    orgs: &Orgs,
    skills: &[String],
    areas: &[Area],
) -> Result<Vec<DemoCandidate>, AppError> {
    let total_weight: u32 = TARGET_MIX.iter().map(|t| t.1).sum();
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let mut pick = rng.gen_range(0..total_weight);
        let group = TARGET_MIX
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
            .unwrap_or("overig");
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
        let n_skills = rng.gen_range(2..7);
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
            skills: skills.choose_multiple(rng, n_skills).cloned().collect(),
            handover: candidates::Handover {
                desired_occupation_uri: None,
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
            },
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

/// The benefit a candidate of a target group most likely left.
fn benefit_of(target_group: &str) -> &'static str {
    match target_group {
        "ww" => "ww",
        "wia" => "wia",
        "wajong" => "wajong",
        "pwet" | "oekraine" => "pwet",
        _ => "other",
    }
}

/// A placement start: mostly in 2025, the rest in 2026 up to today, so worklists have current after-care.
fn start_date(rng: &mut ChaCha8Rng) -> NaiveDate {
    let today = Utc::now().date_naive();
    let first = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap_or_default();
    let span = (today - first).num_days().clamp(1, 355 * 2);
    if rng.gen_bool(0.75) {
        first + Duration::days(rng.gen_range(0..span.min(355)))
    } else {
        first + Duration::days(rng.gen_range(0..span))
    }
}

async fn user_ids(tx: &mut Tx, role: &str) -> Result<Vec<i64>, AppError> {
    Ok(users::list_with_roles(tx, &[role])
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect())
}

/// The region's municipalities with their subregion, and the 2025 targets (also used for 2026).
async fn insert_region(tx: &mut Tx) -> Result<(), AppError> {
    for (_, name, code) in MUNICIPALITIES {
        let code = format!("GM{code}");
        let subregion = if IJMOND.contains(&code.as_str()) {
            "IJmond"
        } else {
            "Zuid-Kennemerland"
        };
        targets::set_municipality(
            tx,
            &targets::Municipality {
                code,
                name: name.to_string(),
                subregion: Some(subregion.into()),
            },
        )
        .await?;
    }
    for year in [2025, 2026] {
        for (group, value) in TARGETS_2025 {
            let t = targets::Target {
                year,
                target_group: group.to_string(),
                scope_kind: "region".into(),
                scope_value: String::new(),
                value: *value as i64,
            };
            targets::set(tx, &t, None).await?;
        }
    }
    Ok(())
}

async fn insert_history(
    tx: &mut Tx,
    rng: &mut ChaCha8Rng,
    employer_ids: &[(i64, String)],
    vacancy_ids: &[(i64, i64)],
    cands: &[DemoCandidate],
    advisers: &[i64],
) -> Result<(), AppError> {
    let year_start = Utc
        .with_ymd_and_hms(2025, 1, 1, 8, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    let subjects = [
        "Kennismaking",
        "Vacature-intake",
        "Nazorg plaatsing",
        "Inclusief werkgeverschap",
        "Jobcarving verkennen",
        "Subsidieaanvraag",
        "Werkgeversbijeenkomst",
    ];
    for (employer_id, _) in employer_ids {
        if !rng.gen_bool(0.6) {
            continue;
        }
        for _ in 0..rng.gen_range(1..6) {
            let Some(user_id) = advisers.choose(rng).copied() else {
                break;
            };
            let at = year_start + Duration::hours(rng.gen_range(0..24 * 364));
            employers::insert_contact_moment(
                tx,
                &employers::NewContactMoment {
                    employer_id: *employer_id,
                    user_id,
                    kind: ["visit", "call", "call", "email", "event"][rng.gen_range(0..5)],
                    level: ["strategic", "tactical", "operational", "operational"]
                        [rng.gen_range(0..4)],
                    subject: subjects[rng.gen_range(0..subjects.len())],
                    notes: "",
                    occurred_at: at,
                },
            )
            .await?;
        }
    }
    // Placements near the 2025 targets, each preceded by a nomination that reached 'placed'.
    let jobhunters = user_ids(tx, "jobhunter").await?;
    let desk = user_ids(tx, "ukraine_desk").await?;
    for (group, target) in TARGETS_2025 {
        let pool: Vec<&DemoCandidate> = cands.iter().filter(|c| c.target_group == *group).collect();
        let n = (*target as f64 * rng.gen_range(0.75..1.1)) as usize;
        for c in pool.choose_multiple(rng, n.min(pool.len())) {
            let (Some(&(vacancy_id, employer_id)), Some(&adviser)) =
                (vacancy_ids.choose(rng), advisers.choose(rng))
            else {
                break;
            };
            let start = start_date(rng);
            let at = Utc.from_utc_datetime(
                &(start - Duration::days(21))
                    .and_hms_opt(10, 0, 0)
                    .unwrap_or_default(),
            );
            let placer = match (*group, desk.choose(rng), jobhunters.choose(rng)) {
                ("oekraine", Some(&d), _) if rng.gen_bool(0.5) => d,
                (_, _, Some(&j)) if rng.gen_bool(0.2) => j,
                _ => adviser,
            };
            let nomination_id = nominations::insert(
                tx,
                &nominations::NewNomination {
                    vacancy_id,
                    candidate: koppel_store::Visible::for_system(c.id),
                    org_id: c.org_id,
                    proposed_by: placer,
                    state: "proposed",
                    reason_code: None,
                    reason: None,
                    at,
                },
            )
            .await?;
            let mut step_at = at;
            for state in ["interested", "interview", "offer"] {
                step_at += Duration::hours(rng.gen_range(24..24 * 5));
                nominations::record_step(tx, nomination_id, state, step_at).await?;
            }
            let placed_at = step_at + Duration::hours(rng.gen_range(24..24 * 4));
            nominations::record_step(tx, nomination_id, "placed", placed_at).await?;
            nominations::settle(tx, nomination_id, "placed", None, placed_at).await?;
            let outflow = rng.gen_bool(0.6);
            placements::insert(
                tx,
                &placements::NewPlacement {
                    org_id: c.org_id,
                    candidate: koppel_store::Visible::for_system(c.id),
                    employer_id,
                    vacancy_id: Some(vacancy_id),
                    nomination_id: Some(nomination_id),
                    target_group: c.target_group,
                    municipality_code: Some(c.municipality_code.clone()),
                    placed_by: Some(placer),
                    terms: placements::PlacementTerms {
                        contract_type: ["permanent", "temporary", "temporary", "temp_agency"]
                            [rng.gen_range(0..4)]
                        .to_string(),
                        hours_per_week: [16, 24, 32, 36, 38][rng.gen_range(0..5)],
                        start_date: start,
                        hourly_wage_cents: Some(rng.gen_range(1_400..2_200)),
                        benefit_outflow: outflow,
                        benefit: outflow.then(|| benefit_of(c.target_group).to_string()),
                    },
                },
            )
            .await?;
        }
    }
    // Nominations still in progress or that ended without a placement.
    for _ in 0..(cands.len() / 2) {
        let (Some(c), Some(&(vacancy_id, _)), Some(&adviser)) = (
            cands.choose(rng),
            vacancy_ids.choose(rng),
            advisers.choose(rng),
        ) else {
            break;
        };
        let at = year_start + Duration::hours(rng.gen_range(0..24 * 364));
        let mut state = [
            "proposed",
            "interested",
            "interview",
            "offer",
            "declined",
            "not_placed",
            "declined",
        ][rng.gen_range(0..7)];
        // Most nominations from before the autumn of 2025 have ended by now.
        let running = ["proposed", "interested", "interview", "offer"].contains(&state);
        if running && at < year_start + Duration::days(270) && rng.gen_bool(0.85) {
            state = if rng.gen_bool(0.6) {
                "declined"
            } else {
                "not_placed"
            };
        }
        // What is still running started recently: nothing waits for hundreds of days.
        let running = ["proposed", "interested", "interview", "offer"].contains(&state);
        let at = if running {
            Utc::now() - Duration::days(rng.gen_range(26..60))
        } else {
            at
        };
        let reason_code = match state {
            "declined" => Some(
                [
                    "other_candidate",
                    "experience",
                    "travel",
                    "hours",
                    "language",
                ][rng.gen_range(0..5)],
            ),
            "not_placed" => {
                Some(["candidate_withdrew", "employer_withdrew", "terms"][rng.gen_range(0..3)])
            }
            _ => None,
        };
        let id = nominations::insert(
            tx,
            &nominations::NewNomination {
                vacancy_id,
                candidate: koppel_store::Visible::for_system(c.id),
                org_id: c.org_id,
                proposed_by: adviser,
                state: "proposed",
                reason_code: None,
                reason: None,
                at,
            },
        )
        .await?;
        let path: &[&str] = match state {
            "interested" => &["interested"],
            "interview" => &["interested", "interview"],
            "offer" => &["interested", "interview", "offer"],
            "declined" if rng.gen_bool(0.5) => &["declined"],
            "declined" => &["interested", "interview", "declined"],
            "not_placed" => &["interested", "interview", "offer", "not_placed"],
            _ => &[],
        };
        let mut step_at = at;
        for s in path {
            step_at += Duration::hours(rng.gen_range(24..24 * 8));
            nominations::record_step(tx, id, s, step_at).await?;
        }
        nominations::settle(tx, id, state, reason_code, step_at).await?;
    }
    Ok(())
}
