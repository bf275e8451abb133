//! The rights of the person whose data koppel holds (AVG articles 15, 17 and 20): everything held
//! about a candidate, with who processed it, when and why, as a document; and erasure on request.
//! Only the owning organisation exercises them; rectification is the ordinary edit, also owner-only.

use chrono::{DateTime, Utc};
use koppel_domain::permissions::Permission;
use koppel_export::{Cell, Report, Section, Table};
use koppel_store::aftercare::{self, AftercareTask};
use koppel_store::candidates::{self, Candidate};
use koppel_store::instruments::{self, PlacementInstrument};
use koppel_store::nominations::{self, Nomination};
use koppel_store::placements::{self, Placement};
use koppel_store::{logs, retention, users, vum_documents};
use serde::Serialize;
use utoipa::ToSchema;

use crate::candidates::subject;
use crate::logging::{candidate_done, pseudonyms};
use crate::{Actor, AppContext, AppError, Meta};

/// Everything koppel holds about one candidate (the answer to a subject-access request).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubjectExport {
    pub generated_at: DateTime<Utc>,
    /// The organisation responsible for the data (the controller's part in the WSP).
    pub controller: String,
    pub candidate: Candidate,
    pub nominations: Vec<Nomination>,
    pub placements: Vec<Placement>,
    pub instruments: Vec<PlacementInstrument>,
    pub aftercare: Vec<AftercareTask>,
    /// The VUM document koppel keeps of the candidate (imported, or written for their VUM
    /// fields), as it is offered to VUM when their consent covers it.
    #[schema(value_type = Option<Object>)]
    pub vum_document: Option<serde_json::Value>,
    /// Who processed the data, when and why, from the processing log.
    pub processing: Vec<ProcessingEntry>,
}

/// One processing of the candidate's data.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProcessingEntry {
    pub at: DateTime<Utc>,
    /// The operation, such as `candidate.read`.
    pub operation: String,
    /// The purpose from the register of processing, such as `bemiddeling`.
    pub purpose: String,
    /// The user's name and organisation, or "koppel" for the system itself.
    pub by: String,
    pub status: String,
}

/// The subject-access export of a candidate of the actor's own organisation.
pub async fn export(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<SubjectExport, AppError> {
    actor.require(Permission::WriteCandidates)?;
    let owner = actor.candidate_scope().owner().ok_or(AppError::Forbidden)?;
    let scope = owner.as_read_scope();
    let mut tx = ctx.store.begin().await?;
    let candidate = candidates::get(&mut tx, scope, id).await?;
    let nominations = nominations::list(&mut tx, scope, None, Some(id)).await?;
    let placements = placements::list(&mut tx, scope, Some(id), None).await?;
    let (mut instruments, mut aftercare) = (Vec::new(), Vec::new());
    for p in &placements {
        instruments.extend(instruments::for_placement(&mut tx, scope, p.id).await?);
        aftercare.extend(aftercare::for_placement(&mut tx, scope, p.id).await?);
    }
    let vum_document = vum_documents::document(&mut tx, vum_documents::Owner::Candidate, id)
        .await?
        .and_then(|d| serde_json::from_str(&d).ok());
    let people: std::collections::HashMap<i64, String> = users::list(&mut tx)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} ({})", u.name, u.org_name)))
        .collect();
    let mut processing_records = Vec::new();
    for p in pseudonyms(ctx, &subject(id)) {
        processing_records.extend(logs::processing_for_subject(&mut tx, &p).await?);
    }
    processing_records.sort_by_key(|r| r.started_at);
    let processing_log = processing_records
        .into_iter()
        .map(|r| ProcessingEntry {
            at: r.started_at,
            operation: r.name,
            purpose: r.processing_activity,
            by: r
                .actor_id
                .and_then(|a| people.get(&a).cloned())
                .unwrap_or_else(|| "koppel".into()),
            status: r.status,
        })
        .collect();
    candidate_done(&mut tx, ctx, actor, meta, "candidate.subject_access", id).await?;
    tx.commit().await?;
    Ok(SubjectExport {
        generated_at: Utc::now(),
        controller: candidate.org_name.clone(),
        candidate,
        nominations,
        placements,
        instruments,
        aftercare,
        vum_document,
        processing: processing_log,
    })
}

/// Erases a candidate of the actor's own organisation at once, as the purge would after the
/// retention period: the anonymous facts for the figures stay, everything personal goes.
pub async fn erase(ctx: &AppContext, actor: &Actor, meta: &Meta, id: i64) -> Result<(), AppError> {
    actor.require(Permission::WriteCandidates)?;
    let owner = actor.candidate_scope().owner().ok_or(AppError::Forbidden)?;
    let mut tx = ctx.store.begin().await?;
    candidates::get(&mut tx, owner.as_read_scope(), id).await?;
    retention::erase_candidate(&mut tx, id, Utc::now()).await?;
    candidate_done(&mut tx, ctx, actor, meta, "candidate.erase", id).await?;
    tx.commit().await?;
    Ok(())
}

/// The export as a readable report (for the PDF).
pub fn report(x: &SubjectExport) -> Report {
    let c = &x.candidate;
    let text = |s: &str| Cell::text(s);
    let date = |d: Option<chrono::NaiveDate>| {
        Cell::text(
            d.map(|d| d.format("%d-%m-%Y").to_string())
                .unwrap_or_default(),
        )
    };
    let facts: Vec<(&str, Cell)> = vec![
        ("Voornaam", text(&c.first_name)),
        ("Achternaam", text(&c.last_name)),
        ("E-mail", text(c.email.as_deref().unwrap_or(""))),
        ("Telefoon", text(c.phone.as_deref().unwrap_or(""))),
        ("Postcode", text(c.postcode.as_deref().unwrap_or(""))),
        ("Woonplaats", text(&c.city)),
        ("Doelgroep", text(&c.target_group_label)),
        ("Onderbouwing doelgroep", text(&c.target_group_evidence)),
        ("Werkfit", text(if c.work_ready { "ja" } else { "nee" })),
        (
            "Toestemming WSP",
            text(if c.consent_wsp { "ja" } else { "nee" }),
        ),
        ("Reikwijdte toestemming", text(&c.consent_scope)),
        ("Datum toestemming", date(c.consent_date)),
        ("Beschikbaar vanaf", date(c.available_from)),
        ("Rijbewijzen", text(&c.driving_licences)),
        ("Talen", text(&c.languages)),
        ("Wensen", text(&c.wishes)),
    ];
    let table = |name: &str, caption: &str, columns: &[&str], rows: Vec<Vec<Cell>>| Table {
        name: name.into(),
        caption: caption.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
    };
    let section = |heading: &str, t: Table| Section {
        heading: heading.into(),
        remark: t.rows.is_empty().then(|| "Niets vastgelegd.".to_string()),
        chart: None,
        tables: vec![t],
    };
    Report {
        title: format!("Inzage persoonsgegevens: {} {}", c.first_name, c.last_name),
        subtitle: format!(
            "Opgesteld op {} door {}",
            koppel_domain::crm::utc_to_local(x.generated_at).format("%d-%m-%Y %H:%M"),
            x.controller
        ),
        notes: vec![
            "Dit overzicht bevat alle gegevens die koppel over u bewaart, en wie ze wanneer en waarvoor heeft verwerkt (AVG artikel 15).".into(),
        ],
        sections: vec![
            section(
                "Persoonsgegevens",
                table("gegevens", "Gegevens", &["Gegeven", "Waarde"], facts.into_iter().map(|(k, v)| vec![text(k), v]).collect()),
            ),
            section(
                "Voordrachten",
                table("voordrachten", "Voordrachten", &["Datum", "Vacature", "Werkgever", "Status"],
                    x.nominations.iter().map(|n| vec![text(&koppel_domain::crm::utc_to_local(n.created_at).format("%d-%m-%Y").to_string()), text(&n.vacancy_title), text(&n.employer_name), text(&n.state)]).collect()),
            ),
            section(
                "Plaatsingen",
                table("plaatsingen", "Plaatsingen", &["Start", "Werkgever", "Uren", "Einde"],
                    x.placements.iter().map(|p| vec![date(Some(p.start_date)), text(&p.employer_name), Cell::Int(p.hours_per_week), date(p.ended_on)]).collect()),
            ),
            section(
                "VUM-gegevens",
                table("vum", "Wat koppel via VUM kan aanbieden", &["Gegeven", "Waarde"],
                    x.vum_document.iter().flat_map(koppel_vum::labels::facts).map(|(k, v)| vec![text(&k), text(&v)]).collect()),
            ),
            section(
                "Verwerkingen",
                table("verwerkingen", "Wie uw gegevens verwerkte", &["Moment", "Handeling", "Doel", "Door"],
                    x.processing.iter().map(|r| vec![text(&koppel_domain::crm::utc_to_local(r.at).format("%d-%m-%Y %H:%M").to_string()), text(&r.operation), text(&r.purpose), text(&r.by)]).collect()),
            ),
        ],
    }
}
