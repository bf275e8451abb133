//! The demo region's organisations, their users over all roles, and its subregions.

use super::*;

/// Organisation ids: (UWV, Spaarne Werkt, IJmond Werkt!, Werkcentrum, municipalities, partners).
pub(super) struct Orgs {
    pub(super) uwv: i64,
    pub(super) spaarne: i64,
    pub(super) ijmond: i64,
    pub(super) all: Vec<(i64, String, bool)>,
}

pub(super) async fn insert_organisations(tx: &mut Tx) -> Result<Orgs, AppError> {
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

pub(super) async fn insert_users(tx: &mut Tx, orgs: &Orgs) -> Result<Vec<DemoLogin>, AppError> {
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
        ("Werkcentrum", "gids", 3),
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

pub(super) async fn user_ids(tx: &mut Tx, role: &str) -> Result<Vec<i64>, AppError> {
    Ok(users::list_with_roles(tx, &[role])
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect())
}

/// The region's municipalities with their subregion, and the 2025 targets (also used for 2026).
pub(super) async fn insert_region(tx: &mut Tx) -> Result<(), AppError> {
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
