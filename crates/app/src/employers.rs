//! Employer use cases: list, show (with establishments, contact persons and history), create, update.

use koppel_domain::codes::{Cluster, CodeList, Sector};
use koppel_domain::crm::similar_names;
use koppel_domain::permissions::Permission;
use koppel_domain::values::{
    optional_text, required_text, KvkNumber, MunicipalityCode, Postcode, SbiCode,
};
use koppel_domain::FieldErrors;
use koppel_store::employers::{
    self as store, ContactMoment, ContactPerson, Employer, EmployerFilter, EmployerWrite,
    Establishment,
};
use koppel_store::{users, Page, Paged};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::{opt, Flag, Text};
use crate::logging::activity;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

pub use crate::employer_lifecycle::{merge, set_archived};

/// The fields of an employer, as sent by the API (JSON) or the edit form.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmployerInput {
    #[schema(value_type = String, example = "Bakkerij Spaarnezicht B.V.")]
    #[serde(default)]
    pub name: Text,
    #[schema(value_type = Option<String>, example = "34123456")]
    pub kvk_number: Option<Text>,
    #[schema(value_type = Option<String>, example = "1071")]
    pub sbi_code: Option<Text>,
    /// A sector code (see `/api/v1/code-lists`).
    #[schema(value_type = String, example = "handel")]
    #[serde(default)]
    pub sector: Text,
    #[schema(value_type = Option<String>, example = "2011AB")]
    pub postcode: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub city: Option<Text>,
    #[schema(value_type = Option<String>, example = "GM0392")]
    pub municipality_code: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub website: Option<Text>,
    /// The user id of the account holder (an adviser).
    #[schema(value_type = Option<i64>)]
    pub account_holder_id: Option<Text>,
    #[schema(value_type = bool)]
    #[serde(default)]
    pub strategic: Flag,
    /// Create it even though likely duplicates exist (they are listed in the 400 reply otherwise).
    #[schema(value_type = bool)]
    #[serde(default)]
    pub confirm_duplicate: Flag,
}

impl EmployerInput {
    /// The form values of an existing employer.
    pub fn from_employer(e: &Employer) -> Self {
        let t = |s: &Option<String>| s.clone().map(Text);
        Self {
            name: Text(e.name.clone()),
            kvk_number: t(&e.kvk_number),
            sbi_code: t(&e.sbi_code),
            sector: Text(e.sector.clone()),
            postcode: t(&e.postcode),
            city: Some(Text(e.city.clone())),
            municipality_code: t(&e.municipality_code),
            website: t(&e.website),
            account_holder_id: e.account_holder_id.map(|i| Text(i.to_string())),
            strategic: Flag(e.strategic),
            confirm_duplicate: Flag(false),
        }
    }
}

/// Validates every field and checks that the account holder is an active adviser.
async fn validate(
    tx: &mut koppel_store::Tx,
    input: &EmployerInput,
) -> Result<EmployerWrite, AppError> {
    let mut e = FieldErrors::new();
    let w = check_fields(input, &mut e);
    let holder = match opt(&input.account_holder_id) {
        None => None,
        Some(s) => match s.parse::<i64>().ok() {
            Some(id)
                if users::get(tx, id)
                    .await
                    .is_ok_and(|u| u.role == "adviser" && u.active) =>
            {
                Some(id)
            }
            _ => {
                e.push(
                    "accountHolderId",
                    "invalid_account_holder",
                    "Kies een actieve adviseur als accounthouder.",
                );
                None
            }
        },
    };
    let Some(mut w) = w else {
        return Err(AppError::Invalid(e));
    };
    e.into_result()?;
    w.account_holder_id = holder;
    Ok(w)
}

/// Checks every field except the account holder (which needs the database); errors go to `e`.
pub(crate) fn check_fields(input: &EmployerInput, e: &mut FieldErrors) -> Option<EmployerWrite> {
    let name = e.check("name", required_text(input.name.as_str(), 200));
    let kvk = opt(&input.kvk_number).and_then(|s| e.check("kvkNumber", KvkNumber::parse(s)));
    let sbi = opt(&input.sbi_code).and_then(|s| e.check("sbiCode", SbiCode::parse(s)));
    let sector = e.check("sector", Sector::parse(input.sector.as_str()));
    let postcode = opt(&input.postcode).and_then(|s| e.check("postcode", Postcode::parse(s)));
    let city = e
        .check("city", optional_text(opt(&input.city), 100))
        .flatten()
        .unwrap_or_default();
    let municipality = opt(&input.municipality_code)
        .and_then(|s| e.check("municipalityCode", MunicipalityCode::parse(s)));
    let website = e
        .check("website", optional_text(opt(&input.website), 300))
        .flatten();
    Some(EmployerWrite {
        name: name?,
        kvk_number: kvk.map(KvkNumber::into_string),
        sbi_code: sbi.map(SbiCode::into_string),
        sector: sector?.code().to_string(),
        postcode: postcode.map(Postcode::into_string),
        city,
        municipality_code: municipality.map(MunicipalityCode::into_string),
        website,
        account_holder_id: None,
        strategic: input.strategic.0,
    })
}

/// Query parameters of the employer list.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct EmployerQuery {
    /// Search in name, place and KvK number.
    pub q: Option<String>,
    pub sector: Option<String>,
    pub cluster: Option<String>,
    pub account_holder_id: Option<i64>,
    /// Only employers whose account the caller holds.
    pub mine: Option<bool>,
    /// The CBS code of the municipality of the employer's address, e.g. `GM0453`.
    pub municipality: Option<String>,
    pub strategic: Option<bool>,
    /// Include archived (and merged) employers.
    pub archived: Option<bool>,
    /// Sort by `naam`, `plaats`, `sector` or `gewijzigd`; a leading `-` sorts descending.
    pub sort: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// The municipality a list is filtered on: a CBS code (`GM0453`), or none when left empty.
fn municipality_filter(code: Option<&str>) -> Result<Option<String>, AppError> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => {
            let mut e = FieldErrors::new();
            let parsed = e.check("municipality", MunicipalityCode::parse(c));
            if !e.is_empty() {
                return Err(AppError::Invalid(e));
            }
            Ok(parsed.map(MunicipalityCode::into_string))
        }
    }
}

pub async fn list(
    ctx: &AppContext,
    actor: &Actor,
    q: &EmployerQuery,
) -> Result<Paged<Employer>, AppError> {
    actor.require(Permission::ReadEmployers)?;
    let mut sectors = Vec::new();
    if let Some(s) = q.sector.as_deref().filter(|s| !s.is_empty()) {
        sectors.push(
            Sector::parse(s)
                .map_err(|err| invalid("sector", err))?
                .code()
                .to_string(),
        );
    }
    if let Some(c) = q.cluster.as_deref().filter(|s| !s.is_empty()) {
        let cluster = Cluster::parse(c).map_err(|err| invalid("cluster", err))?;
        let in_cluster: Vec<String> = cluster
            .sectors()
            .iter()
            .map(|s| s.code().to_string())
            .collect();
        sectors = if sectors.is_empty() {
            in_cluster
        } else {
            sectors
                .into_iter()
                .filter(|s| in_cluster.contains(s))
                .collect()
        };
        if sectors.is_empty() {
            sectors.push(String::new());
        }
    }
    let filter = EmployerFilter {
        q: q.q.clone(),
        sectors,
        account_holder_id: if q.mine == Some(true) {
            Some(actor.user_id())
        } else {
            q.account_holder_id
        },
        strategic: q.strategic,
        municipality_code: municipality_filter(q.municipality.as_deref())?,
        include_archived: q.archived.unwrap_or(false),
        sort: q.sort.clone(),
    };
    let mut tx = ctx.store.read().await?;
    let page = store::list(
        &mut tx,
        &filter,
        Page::new(q.page.unwrap_or(1), q.page_size.unwrap_or(25)),
    )
    .await?;
    tx.commit().await?;
    Ok(if actor.can(Permission::ReadContactPersons) {
        page
    } else {
        Paged {
            items: page.items.into_iter().map(without_people).collect(),
            ..page
        }
    })
}

/// An employer without the names of people: what partners outside the WSP see.
fn without_people(mut e: Employer) -> Employer {
    e.account_holder_id = None;
    e.account_holder_name = None;
    e
}

pub(crate) fn invalid(field: &str, err: koppel_domain::values::ValueError) -> AppError {
    let mut e = FieldErrors::new();
    e.push(field, err.code, err.message);
    AppError::Invalid(e)
}

/// An employer with everything its page shows.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmployerDetail {
    #[serde(flatten)]
    pub employer: Employer,
    pub establishments: Vec<Establishment>,
    /// Empty for roles that may not see personal data.
    pub contact_persons: Vec<ContactPerson>,
    pub account_team: Vec<TeamMember>,
    pub contact_moments: Vec<ContactMoment>,
}

/// An adviser in the account team of a strategic account.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamMember {
    pub id: i64,
    pub name: String,
}

pub async fn get(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<EmployerDetail, AppError> {
    actor.require(Permission::ReadEmployers)?;
    // Read beside other readers; only the processing records take the write lock, briefly, and
    // nothing is shown unless they are written.
    let mut tx = ctx.store.read().await?;
    let employer = store::get(&mut tx, id).await?;
    let establishments = store::establishments(&mut tx, id).await?;
    let mut contact_persons = Vec::new();
    let mut contact_moments = Vec::new();
    if actor.can(Permission::ReadContactPersons) {
        contact_persons = store::contact_persons(&mut tx, id).await?;
        contact_moments = store::contact_moments(&mut tx, id, 50).await?;
    }
    let mut account_team: Vec<TeamMember> = store::account_team(&mut tx, id)
        .await?
        .into_iter()
        .map(|(id, name)| TeamMember { id, name })
        .collect();
    tx.commit().await?;
    if !contact_persons.is_empty() {
        let mut tx = Op::begin(ctx, actor, meta).await?;
        let shown = contact_persons
            .iter()
            .map(|p| format!("contact_person:{}", p.id))
            .collect::<Vec<_>>();
        tx.processed_each("contact_person.read", activity::EMPLOYER_RELATIONS, shown)
            .await?;
        tx.commit().await?;
    }
    let employer = if actor.can(Permission::ReadContactPersons) {
        employer
    } else {
        account_team.clear();
        without_people(employer)
    };
    Ok(EmployerDetail {
        employer,
        establishments,
        contact_persons,
        account_team,
        contact_moments,
    })
}

pub async fn create(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &EmployerInput,
) -> Result<Employer, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let w = validate(&mut tx, input).await?;
    if !input.confirm_duplicate.0 {
        let dups = likely_duplicates(&mut tx, &w, None).await?;
        if !dups.is_empty() {
            let list: Vec<String> = dups
                .iter()
                .map(|d| {
                    format!(
                        "{} (werkgever {}{})",
                        d.name,
                        d.id,
                        d.kvk_number
                            .as_ref()
                            .map(|k| format!(", KvK {k}"))
                            .unwrap_or_default()
                    )
                })
                .collect();
            let mut e = FieldErrors::new();
            e.push("confirmDuplicate", "likely_duplicate", format!("Deze werkgever bestaat mogelijk al: {}. Bevestig als het toch een andere werkgever is.", list.join("; ")));
            return Err(AppError::Invalid(e));
        }
    }
    let id = store::insert(&mut tx, &w).await?;
    if w.account_holder_id.is_some() {
        store::record_holder_change(
            &mut tx,
            id,
            None,
            w.account_holder_id,
            Some(actor.user_id()),
        )
        .await?;
    }
    tx.audit("employer.create", &format!("employer:{id}"))
        .await?;
    let e = store::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(e)
}

/// Employers that are likely the same: the same KvK number, or a similar name at the same postcode.
async fn likely_duplicates(
    tx: &mut koppel_store::Tx,
    w: &EmployerWrite,
    exclude: Option<i64>,
) -> Result<Vec<Employer>, AppError> {
    let found =
        store::duplicate_candidates(tx, w.kvk_number.as_deref(), w.postcode.as_deref(), exclude)
            .await?;
    Ok(found
        .into_iter()
        .filter(|e| {
            (w.kvk_number.is_some() && e.kvk_number == w.kvk_number)
                || (e.postcode == w.postcode && similar_names(&e.name, &w.name))
        })
        .collect())
}

pub async fn update(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
    version: i64,
    input: &EmployerInput,
) -> Result<Employer, AppError> {
    actor.require(Permission::WriteEmployers)?;
    let mut tx = Op::begin(ctx, actor, meta).await?;
    let w = validate(&mut tx, input).await?;
    let before = store::get(&mut tx, id).await?;
    store::update(&mut tx, id, version, &w).await?;
    if before.account_holder_id != w.account_holder_id {
        store::record_holder_change(
            &mut tx,
            id,
            before.account_holder_id,
            w.account_holder_id,
            Some(actor.user_id()),
        )
        .await?;
    }
    tx.audit("employer.update", &format!("employer:{id}"))
        .await?;
    let e = store::get(&mut tx, id).await?;
    tx.commit().await?;
    Ok(e)
}
