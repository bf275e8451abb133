//! Finding a reference by name: employers, candidates, vacancies and occupations as a person
//! would name them, for forms that pick one instead of asking for an internal number or a URI.
//! Every search goes through the same use case as the lists, so scoping and logging hold.

use koppel_domain::permissions::Permission;
use serde::Serialize;
use utoipa::ToSchema;

use crate::candidates::{self, CandidateQuery};
use crate::employers::{self, EmployerQuery};
use crate::vacancies::{self, VacancyQuery};
use crate::{Actor, AppContext, AppError, Meta};

/// The most choices one search offers.
pub const MAX_CHOICES: usize = 10;

/// What can be picked by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickKind {
    Employer,
    Candidate,
    Vacancy,
    Occupation,
    /// A skill, by its label or an ESCO synonym; the reference is the skill's label.
    Skill,
}

/// One thing found: its reference (an id or a URI) and the name a person knows it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// The things of a kind whose name contains `term`, best first, at most [`MAX_CHOICES`].
pub async fn search(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    kind: PickKind,
    term: &str,
) -> Result<Vec<Choice>, AppError> {
    let q = Some(term.trim().to_string());
    let size = Some(MAX_CHOICES as i64);
    let mut out: Vec<Choice> = match kind {
        PickKind::Employer => {
            let query = EmployerQuery {
                q,
                page_size: size,
                ..Default::default()
            };
            let page = employers::list(ctx, actor, &query).await?;
            page.items.iter().map(employer_choice).collect()
        }
        PickKind::Candidate => {
            let query = CandidateQuery {
                q,
                page_size: size,
                ..Default::default()
            };
            let page = candidates::list(ctx, actor, meta, &query).await?;
            page.items.iter().map(candidate_choice).collect()
        }
        PickKind::Vacancy => {
            let query = VacancyQuery {
                q,
                page_size: size,
                ..Default::default()
            };
            let page = vacancies::list(ctx, actor, &query).await?;
            page.items.iter().map(vacancy_choice).collect()
        }
        PickKind::Occupation => {
            crate::reference::search_taxonomy(ctx, actor, &["occupation"], term)
                .await?
                .into_iter()
                .map(|c| Choice {
                    id: c.uri,
                    label: c.label,
                })
                .collect()
        }
        PickKind::Skill => skill_choices(ctx, term).await?,
    };
    out.truncate(MAX_CHOICES);
    Ok(out)
}

/// The name of one referenced thing, or `None` when it does not exist or is not for this actor.
pub async fn label(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    kind: PickKind,
    id: &str,
) -> Result<Option<String>, AppError> {
    let found = match kind {
        PickKind::Skill => return Ok(Some(id.to_string())),
        PickKind::Occupation => {
            actor.require(Permission::ReadEmployers)?;
            let mut tx = ctx.store.begin().await?;
            let c = crate::taxonomy_aliases::resolve(&mut tx, id).await?;
            let concept = match c {
                Some(uri) => koppel_store::taxonomy::get(&mut tx, &uri).await?,
                None => None,
            };
            tx.commit().await?;
            return Ok(concept.map(|c| c.label));
        }
        _ => {
            let Ok(n) = id.trim().parse::<i64>() else {
                return Ok(None);
            };
            match kind {
                PickKind::Employer => employer_label(ctx, actor, n).await,
                PickKind::Candidate => candidates::get(ctx, actor, meta, n)
                    .await
                    .map(|c| candidate_choice(&c).label),
                _ => vacancies::get(ctx, actor, n)
                    .await
                    .map(|v| vacancy_choice(&v).label),
            }
        }
    };
    match found {
        Ok(l) => Ok(Some(l)),
        Err(AppError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Skills found by label or synonym. The choice shows the label, and the synonym it was found by
/// when the label itself does not contain the term ("vorkheftruck besturen (ook: heftruck rijden)").
/// The taxonomy is reference data: every signed-in user may search it.
async fn skill_choices(ctx: &AppContext, term: &str) -> Result<Vec<Choice>, AppError> {
    let t = term.trim().to_lowercase();
    let mut tx = ctx.store.read().await?;
    let mut found =
        koppel_store::taxonomy::search_skills(&mut tx, &t, 3 * MAX_CHOICES as i64).await?;
    tx.commit().await?;
    // A skill group can carry the same name at two levels of the hierarchy: one choice per name.
    let mut seen = std::collections::HashSet::new();
    found.retain(|(label, _)| seen.insert(label.to_lowercase()));
    Ok(found
        .into_iter()
        .map(|(label, alts)| {
            let shown = if label.to_lowercase().contains(&t) {
                label.clone()
            } else {
                match alts.split('|').find(|a| a.to_lowercase().contains(&t)) {
                    Some(alt) => format!("{label} (ook: {alt})"),
                    None => label.clone(),
                }
            };
            Choice {
                id: label,
                label: shown,
            }
        })
        .collect())
}

async fn employer_label(ctx: &AppContext, actor: &Actor, id: i64) -> Result<String, AppError> {
    actor.require(Permission::ReadEmployers)?;
    let mut tx = ctx.store.begin().await?;
    let e = koppel_store::employers::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(employer_choice(&e).label)
}

fn employer_choice(e: &koppel_store::employers::Employer) -> Choice {
    Choice {
        id: e.id.to_string(),
        label: with_place(&e.name, &e.city),
    }
}

fn candidate_choice(c: &koppel_store::candidates::Candidate) -> Choice {
    let name = format!("{} {}", c.first_name, c.last_name);
    Choice {
        id: c.id.to_string(),
        label: with_place(&name, &c.city),
    }
}

fn vacancy_choice(v: &koppel_store::vacancies::Vacancy) -> Choice {
    Choice {
        id: v.id.to_string(),
        label: with_place(&format!("{} bij {}", v.title, v.employer_name), &v.city),
    }
}

/// "Name (Place)", or the name alone when the place is unknown.
fn with_place(name: &str, place: &str) -> String {
    if place.trim().is_empty() {
        name.to_string()
    } else {
        format!("{name} ({place})")
    }
}
