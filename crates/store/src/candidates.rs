//! Candidates: personal data, always read and written through a `CandidateScope`.

use chrono::{DateTime, NaiveDate, Utc};
use koppel_domain::permissions::{CandidateScope, OwnerScope};
use serde::Serialize;

use crate::filter::Filter;
use crate::{vals, Page, Paged, StoreError, Tx, Val};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub postcode: Option<String>,
    pub city: String,
    pub target_group: String,
    pub target_group_label: String,
    pub work_ready: bool,
    pub consent_wsp: bool,
    pub consent_date: Option<NaiveDate>,
    pub available_from: Option<NaiveDate>,
    pub hours_per_week: Option<i64>,
    pub education_level: Option<String>,
    pub driving_licences: String,
    pub languages: String,
    pub max_travel_km: Option<i64>,
    pub consultant_id: Option<i64>,
    pub work_ready_assessed_on: Option<NaiveDate>,
    /// What the consent covers: `wsp` (all WSP partners) or `wsp_vum` (also national exchange).
    pub consent_scope: String,
    pub target_group_evidence: String,
    pub target_group_valid_until: Option<NaiveDate>,
    pub wishes: String,
    /// The occupation the candidate aims for (ESCO or CompetentNL URI).
    pub desired_occupation_uri: Option<String>,
    /// The name of that occupation in the taxonomy.
    pub desired_occupation_label: Option<String>,
    pub consultant_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    #[sqlx(skip)]
    pub skills: Vec<SkillRef>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct SkillRef {
    pub uri: String,
    pub label: Option<String>,
}

const SELECT: &str = "SELECT c.id, c.org_id, o.short_name AS org_name, c.first_name, c.last_name, c.email, c.phone, c.postcode, \
    c.city, c.target_group, g.label AS target_group_label, c.work_ready, c.consent_wsp, c.consent_date, c.available_from, \
    c.hours_per_week, c.education_level, c.driving_licences, c.languages, c.max_travel_km, c.consultant_id, \
    c.work_ready_assessed_on, c.consent_scope, c.target_group_evidence, c.target_group_valid_until, c.wishes, c.desired_occupation_uri, \
    occ.label AS desired_occupation_label, u.name AS consultant_name, c.created_at, c.updated_at, c.version \
    FROM candidates c JOIN organisations o ON o.id = c.org_id JOIN target_groups g ON g.code = c.target_group \
    LEFT JOIN users u ON u.id = c.consultant_id LEFT JOIN taxonomy_concepts occ ON occ.uri = c.desired_occupation_uri";

/// Validated candidate fields.
#[derive(Debug, Clone)]
pub struct CandidateWrite {
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub postcode: Option<String>,
    pub city: String,
    pub target_group: String,
    pub work_ready: bool,
    pub consent_wsp: bool,
    pub consent_date: Option<NaiveDate>,
    pub available_from: Option<NaiveDate>,
    pub hours_per_week: Option<i64>,
    pub education_level: Option<String>,
    pub driving_licences: String,
    pub languages: String,
    pub max_travel_km: Option<i64>,
    pub consultant_id: Option<i64>,
    pub skills: Vec<String>,
    pub handover: Handover,
}

/// The warm handover: the work-ready assessment, the scope of the consent, the evidence and
/// validity of the target group, and the candidate's wishes.
#[derive(Debug, Clone, Default)]
pub struct Handover {
    pub work_ready_assessed_on: Option<NaiveDate>,
    pub consent_scope: String,
    pub target_group_evidence: String,
    pub target_group_valid_until: Option<NaiveDate>,
    pub wishes: String,
    pub desired_occupation_uri: Option<String>,
}

impl CandidateWrite {
    fn values(&self) -> Vec<Val> {
        Vec::from(vals![
            self.first_name.as_str(),
            self.last_name.as_str(),
            self.email.clone(),
            self.phone.clone(),
            self.postcode.clone(),
            self.city.as_str(),
            self.target_group.as_str(),
            self.work_ready,
            self.consent_wsp,
            self.consent_date,
            self.available_from,
            self.hours_per_week,
            self.education_level.clone(),
            self.driving_licences.as_str(),
            self.languages.as_str(),
            self.max_travel_km,
            self.consultant_id
        ])
    }
}

#[derive(Debug, Clone, Default)]
pub struct CandidateFilter {
    pub q: Option<String>,
    pub target_group: Option<String>,
    pub work_ready: Option<bool>,
    pub org_id: Option<i64>,
    /// Only candidates this consultant guides.
    pub consultant_id: Option<i64>,
    /// The list's sort key: `naam`, `plaats` or `beschikbaar`, `-` first for descending.
    pub sort: Option<String>,
}

/// Inserts a candidate owned by `org_id` (the actor's organisation).
pub async fn insert(tx: &mut Tx, org_id: i64, w: &CandidateWrite) -> Result<i64, StoreError> {
    let now = Utc::now();
    let mut v = vec![Val::from(org_id)];
    v.extend(w.values());
    v.extend(vals![now, now]);
    let id = tx
        .insert(
            "INSERT INTO candidates (org_id, first_name, last_name, email, phone, postcode, city, target_group, work_ready, consent_wsp, \
             consent_date, available_from, hours_per_week, education_level, driving_licences, languages, max_travel_km, consultant_id, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) \
             RETURNING id",
            &v,
        )
        .await?;
    write_skills(tx, id, &w.skills).await?;
    write_handover(tx, id, &w.handover).await?;
    Ok(id)
}

/// Inserts a candidate from a bulk import with the handover fields and the external id of the
/// system it came from; one statement, and one more per skill.
pub async fn insert_imported(
    tx: &mut Tx,
    org_id: i64,
    w: &CandidateWrite,
    external_id: Option<&str>,
) -> Result<i64, StoreError> {
    let now = Utc::now();
    let h = &w.handover;
    let mut v = vec![Val::from(org_id)];
    v.extend(w.values());
    v.extend(vals![
        now,
        now,
        h.work_ready_assessed_on,
        h.consent_scope.as_str(),
        h.target_group_evidence.as_str(),
        h.target_group_valid_until,
        h.wishes.as_str(),
        external_id.map(str::to_string),
        h.desired_occupation_uri.clone()
    ]);
    let id = tx.insert(
        "INSERT INTO candidates (org_id, first_name, last_name, email, phone, postcode, city, target_group, work_ready, consent_wsp, \
         consent_date, available_from, hours_per_week, education_level, driving_licences, languages, max_travel_km, consultant_id, \
         created_at, updated_at, work_ready_assessed_on, consent_scope, target_group_evidence, target_group_valid_until, wishes, external_id, \
         desired_occupation_uri) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27) \
         RETURNING id",
        &v,
    )
    .await?;
    write_skills(tx, id, &w.skills).await?;
    Ok(id)
}

async fn write_handover(tx: &mut Tx, id: i64, h: &Handover) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE candidates SET work_ready_assessed_on = $1, consent_scope = $2, target_group_evidence = $3, target_group_valid_until = $4, \
         wishes = $5, desired_occupation_uri = $6 WHERE id = $7",
        &vals![h.work_ready_assessed_on, h.consent_scope.as_str(), h.target_group_evidence.as_str(), h.target_group_valid_until, h.wishes.as_str(), h.desired_occupation_uri.clone(), id],
    )
    .await?;
    Ok(())
}

/// Updates a candidate of the owning organisation; otherwise `NotFound`, so nothing about its
/// existence leaks. Consent never reaches here: only an `OwnerScope` may rewrite.
pub async fn update(
    tx: &mut Tx,
    owner: OwnerScope,
    id: i64,
    version: i64,
    w: &CandidateWrite,
) -> Result<(), StoreError> {
    get(tx, owner.as_read_scope(), id).await?;
    let mut v = w.values();
    v.extend(vals![Utc::now(), id, version]);
    tx.update_versioned(
        "UPDATE candidates SET first_name = $1, last_name = $2, email = $3, phone = $4, postcode = $5, city = $6, target_group = $7, \
         work_ready = $8, consent_wsp = $9, consent_date = $10, available_from = $11, hours_per_week = $12, education_level = $13, \
         driving_licences = $14, languages = $15, max_travel_km = $16, consultant_id = $17, updated_at = $18, version = version + 1 \
         WHERE id = $19 AND version = $20",
        &v,
        "candidates",
        id,
    )
    .await?;
    tx.execute(
        "DELETE FROM candidate_skills WHERE candidate_id = $1",
        &vals![id],
    )
    .await?;
    write_skills(tx, id, &w.skills).await?;
    write_handover(tx, id, &w.handover).await
}

async fn write_skills(tx: &mut Tx, id: i64, skills: &[String]) -> Result<(), StoreError> {
    for uri in skills {
        tx.execute(
            "INSERT INTO candidate_skills (candidate_id, skill_uri) VALUES ($1, $2)",
            &vals![id, uri.as_str()],
        )
        .await?;
    }
    Ok(())
}

/// A candidate within the scope, with the proof that the scope may see them (to nominate, place or
/// invite them).
pub async fn get_visible(
    tx: &mut Tx,
    scope: CandidateScope,
    id: i64,
) -> Result<(Candidate, crate::Visible), StoreError> {
    Ok((get(tx, scope, id).await?, crate::Visible::new(id)))
}

/// A candidate within the scope, or `NotFound`.
pub async fn get(tx: &mut Tx, scope: CandidateScope, id: i64) -> Result<Candidate, StoreError> {
    let mut f = Filter::default();
    f.add("c.id = ?", vals![id]);
    f.candidate_scope(scope);
    let mut c: Candidate = tx
        .fetch_one(&format!("{SELECT}{}", f.where_sql()), &f.vals)
        .await?;
    c.skills = tx
        .fetch_all(
            "SELECT s.skill_uri AS uri, t.label FROM candidate_skills s LEFT JOIN taxonomy_concepts t ON t.uri = s.skill_uri \
             WHERE s.candidate_id = $1 ORDER BY t.label",
            &vals![id],
        )
        .await?;
    Ok(c)
}

pub async fn list(
    tx: &mut Tx,
    scope: CandidateScope,
    filter: &CandidateFilter,
    page: Page,
) -> Result<Paged<Candidate>, StoreError> {
    let mut f = Filter::default();
    f.candidate_scope(scope);
    f.search(
        &["c.first_name", "c.last_name", "c.city"],
        filter.q.as_deref(),
    );
    if let Some(g) = &filter.target_group {
        f.add("c.target_group = ?", vals![g.as_str()]);
    }
    if let Some(w) = filter.work_ready {
        f.add("c.work_ready = ?", vals![w]);
    }
    if let Some(o) = filter.org_id {
        f.add("c.org_id = ?", vals![o]);
    }
    if let Some(u) = filter.consultant_id {
        f.add("c.consultant_id = ?", vals![u]);
    }
    let total = tx
        .scalar(
            &format!("SELECT COUNT(*) FROM candidates c{}", f.where_sql()),
            &f.vals,
        )
        .await?;
    let order = Filter::order_by(
        filter.sort.as_deref(),
        &[
            ("naam", "lower(c.last_name || ' ' || c.first_name)"),
            ("plaats", "lower(c.city)"),
            ("beschikbaar", "c.available_from"),
        ],
        "lower(c.last_name), lower(c.first_name)",
        "c.id",
    );
    let sql = format!("{SELECT}{}{order}", f.where_sql());
    let limit = f.limit_sql(page);
    let items = tx.fetch_all(&format!("{sql}{limit}"), &f.vals).await?;
    Ok(Paged::new(items, total, page))
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TargetGroup {
    pub code: String,
    pub label: String,
    pub has_target: bool,
    pub builtin: bool,
}

pub async fn target_groups(tx: &mut Tx) -> Result<Vec<TargetGroup>, StoreError> {
    tx.fetch_all(
        "SELECT code, label, has_target, builtin FROM target_groups ORDER BY position, label",
        &[],
    )
    .await
}

pub async fn insert_target_group(
    tx: &mut Tx,
    code: &str,
    label: &str,
    has_target: bool,
    builtin: bool,
    position: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO target_groups (code, label, has_target, builtin, position) VALUES ($1, $2, $3, $4, $5)",
        &vals![code, label, has_target, builtin, position],
    )
    .await?;
    Ok(())
}

/// How many candidates the scope allows, without reading any of them.
pub async fn count(tx: &mut Tx, scope: CandidateScope) -> Result<i64, StoreError> {
    let mut f = Filter::default();
    f.candidate_scope(scope);
    tx.scalar(
        &format!("SELECT COUNT(*) FROM candidates c{}", f.where_sql()),
        &f.vals,
    )
    .await
}

/// A candidate whose consent covers the national exchange (VUM), with what VUM may know.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VumOffer {
    pub id: i64,
    pub postcode: Option<String>,
    pub max_travel_km: Option<i64>,
    pub desired_occupation_uri: Option<String>,
    pub education_level: Option<String>,
    pub hours_per_week: Option<i64>,
    pub driving_licences: String,
    pub languages: String,
    pub available_from: Option<NaiveDate>,
}

/// Work-ready candidates with consent for the WSP and VUM, not purged, except those kept as VUM
/// documents (`vum_documents`), which are offered as they came.
pub async fn offered_to_vum(tx: &mut Tx) -> Result<Vec<VumOffer>, StoreError> {
    tx.fetch_all(
        "SELECT id, postcode, max_travel_km, desired_occupation_uri, education_level, hours_per_week, driving_licences, languages, available_from \
         FROM candidates WHERE consent_wsp = $1 AND consent_scope = 'wsp_vum' AND work_ready = $1 AND purged_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM candidate_documents d WHERE d.candidate_id = candidates.id) ORDER BY id",
        &vals![true],
    )
    .await
}

/// The skills of the candidates offered to VUM: (candidate, skill URI), by candidate and URI.
pub async fn vum_skills(tx: &mut Tx) -> Result<Vec<(i64, String)>, StoreError> {
    tx.fetch_all(
        "SELECT s.candidate_id, s.skill_uri FROM candidate_skills s JOIN candidates c ON c.id = s.candidate_id \
         WHERE c.consent_wsp = $1 AND c.consent_scope = 'wsp_vum' AND c.work_ready = $1 AND c.purged_at IS NULL \
         ORDER BY s.candidate_id, s.skill_uri",
        &vals![true],
    )
    .await
}

/// Sets a candidate's hours a week (a change the matching index must pick up; used by the
/// rebuild benchmark).
pub async fn set_hours(tx: &mut Tx, id: i64, hours: i64) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE candidates SET hours_per_week = $1, updated_at = $2, version = version + 1 WHERE id = $3",
        &vals![hours, Utc::now(), id],
    )
    .await?;
    Ok(())
}
