//! Importing the official ESCO CSV bundle (any language): occupations, skills, skill groups, the
//! skill hierarchy and occupation-skill relations, all in one transaction. A file that is not in
//! the ESCO format is refused with its name, the line and the column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use koppel_domain::FieldErrors;
use koppel_store::taxonomy::{self, Concept};
use serde::Serialize;

use crate::logging::audit;
use crate::{AppContext, AppError, Meta};

/// What an import brought in.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ImportReport {
    pub occupations: usize,
    pub skills: usize,
    pub skill_groups: usize,
    pub broader_relations: usize,
    pub occupation_skill_relations: usize,
}

/// How the error messages name the ESCO files.
const ESCO: &str = "ESCO-bestand in het officiële formaat";

/// One parsed CSV file: the rows as column name -> value, with their line numbers.
pub(crate) struct Table {
    pub(crate) file: String,
    pub(crate) rows: Vec<(u64, HashMap<String, String>)>,
}

pub(crate) fn problem(file: &str, message: String) -> AppError {
    let mut e = FieldErrors::new();
    e.push(file, "invalid_esco_file", message);
    AppError::Invalid(e)
}

/// Reads a CSV file whose header must hold `required`; every required cell must be filled.
pub(crate) fn read(path: &Path, required: &[&str], format: &str) -> Result<Table, AppError> {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut reader = csv::Reader::from_path(path)
        .map_err(|e| problem(&file, format!("{file}: kan het bestand niet lezen ({e}).")))?;
    let headers = reader
        .headers()
        .map_err(|e| {
            problem(
                &file,
                format!("{file}, regel 1: geen geldige kopregel ({e})."),
            )
        })?
        .clone();
    for column in required {
        if !headers.iter().any(|h| h == *column) {
            return Err(problem(
                &file,
                format!(
                    "{file}, regel 1, kolom {column}: deze kolom ontbreekt; dit is geen {format}."
                ),
            ));
        }
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            problem(
                &file,
                format!("{file}, regel {line}: onleesbare regel ({e})."),
            )
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let row: HashMap<String, String> = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.to_string(), v.trim().to_string()))
            .collect();
        for column in required {
            if row.get(*column).is_none_or(|v| v.is_empty()) {
                return Err(problem(
                    &file,
                    format!("{file}, regel {line}, kolom {column}: de waarde ontbreekt."),
                ));
            }
        }
        rows.push((line, row));
    }
    Ok(Table { file, rows })
}

/// The first file in `dir` whose name starts with `prefix` (ESCO names end in `_<language>.csv`).
fn find(dir: &Path, prefix: &str) -> Result<Option<PathBuf>, AppError> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        problem(
            "dir",
            format!("{}: kan de map niet lezen ({e}).", dir.display()),
        )
    })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                n.to_string_lossy().starts_with(prefix) && n.to_string_lossy().ends_with(".csv")
            })
        })
        .collect();
    found.sort();
    Ok(found.into_iter().next())
}

fn concept(row: &HashMap<String, String>, kind: &str, isco: Option<&str>) -> (Concept, String) {
    let get = |k: &str| row.get(k).cloned().unwrap_or_default();
    (
        Concept {
            uri: get("conceptUri"),
            kind: kind.into(),
            label: get("preferredLabel"),
            isco_group: isco
                .and_then(|k| row.get(k))
                .filter(|v| !v.is_empty())
                .cloned(),
        },
        get("altLabels").replace('\n', "|"),
    )
}

/// Imports an ESCO CSV bundle from `dir`, replacing concepts with the same URI.
pub async fn import_esco_dir(
    ctx: &AppContext,
    dir: &Path,
    meta: &Meta,
) -> Result<ImportReport, AppError> {
    let occupations = find(dir, "occupations_")?
        .map(|p| read(&p, &["conceptUri", "preferredLabel"], ESCO))
        .transpose()?;
    let skills = find(dir, "skills_")?
        .map(|p| read(&p, &["conceptUri", "preferredLabel"], ESCO))
        .transpose()?;
    let groups = find(dir, "skillGroups_")?
        .map(|p| read(&p, &["conceptUri", "preferredLabel"], ESCO))
        .transpose()?;
    let broader = find(dir, "broaderRelationsSkillPillar_")?
        .map(|p| read(&p, &["conceptUri", "broaderUri"], ESCO))
        .transpose()?;
    let relations = find(dir, "occupationSkillRelations_")?
        .map(|p| read(&p, &["occupationUri", "relationType", "skillUri"], ESCO))
        .transpose()?;
    if occupations.is_none() && skills.is_none() && groups.is_none() {
        return Err(problem("dir", format!("{}: geen ESCO-bestanden gevonden (occupations_*.csv, skills_*.csv, skillGroups_*.csv).", dir.display())));
    }
    if let Some(t) = &relations {
        if let Some((line, row)) = t.rows.iter().find(|(_, r)| {
            !matches!(
                r.get("relationType").map(String::as_str),
                Some("essential" | "optional")
            )
        }) {
            return Err(problem(
                &t.file,
                format!(
                    "{}, regel {line}, kolom relationType: '{}' is niet essential of optional.",
                    t.file,
                    row.get("relationType").cloned().unwrap_or_default()
                ),
            ));
        }
    }
    let mut report = ImportReport::default();
    let mut tx = ctx.store.begin().await?;
    for (table, kind, isco, counter) in [
        (
            &occupations,
            "occupation",
            Some("iscoGroup"),
            &mut report.occupations,
        ),
        (&skills, "skill", None, &mut report.skills),
        (&groups, "skill_group", None, &mut report.skill_groups),
    ] {
        for (_, row) in table.iter().flat_map(|t| t.rows.iter()) {
            let (c, alt) = concept(row, kind, isco);
            taxonomy::upsert(&mut tx, &c, &alt).await?;
            *counter += 1;
        }
    }
    for (_, row) in broader.iter().flat_map(|t| t.rows.iter()) {
        taxonomy::set_broader(&mut tx, &row["conceptUri"], &row["broaderUri"]).await?;
        report.broader_relations += 1;
    }
    for (_, row) in relations.iter().flat_map(|t| t.rows.iter()) {
        taxonomy::relate(
            &mut tx,
            &row["occupationUri"],
            &row["skillUri"],
            &row["relationType"],
        )
        .await?;
        report.occupation_skill_relations += 1;
    }
    audit(
        &mut tx,
        &meta.origin,
        "taxonomy.import",
        &dir.display().to_string(),
        "success",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

/// The skills ESCO gives an occupation, as suggestions for a vacancy: (uri, label, essential).
pub async fn suggestions(
    ctx: &AppContext,
    occupation: &str,
) -> Result<Vec<(String, String, bool)>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let list = taxonomy::occupation_skills(&mut tx, occupation).await?;
    tx.commit().await?;
    Ok(list)
}
