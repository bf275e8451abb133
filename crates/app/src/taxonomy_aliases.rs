//! CompetentNL URIs as identifiers: a mapping table from CompetentNL occupations and skills to the
//! ESCO concepts koppel keeps, imported from CSV, used to read CompetentNL URIs wherever a URI is
//! accepted, and to name koppel's concepts by their CompetentNL URI towards VUM.

use std::collections::HashMap;
use std::path::Path;

use koppel_store::{taxonomy, Tx};
use serde::Serialize;

use crate::logging::audit;
use crate::taxonomy_import::{problem, read};
use crate::{AppContext, AppError, Meta};

/// The scheme name aliases from CompetentNL are stored under.
pub const COMPETENTNL: &str = "competentnl";

const FORMAT: &str = "CompetentNL-koppeltabel (kolommen competentnlUri, escoUri, matchType)";

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct AliasReport {
    pub aliases: usize,
}

/// The SKOS mapping property, with or without its `skos:` prefix.
fn relation(value: &str) -> Option<&'static str> {
    match value.trim_start_matches("skos:") {
        "exactMatch" => Some("exactMatch"),
        "closeMatch" => Some("closeMatch"),
        "broadMatch" => Some("broadMatch"),
        "narrowMatch" => Some("narrowMatch"),
        _ => None,
    }
}

/// Imports a CompetentNL-to-ESCO mapping table (CSV with the columns `competentnlUri`, `escoUri`
/// and `matchType`, a SKOS mapping property), all or nothing. Each ESCO URI must be a known
/// concept once a taxonomy is imported; a wrong row is named by file, line and column.
pub async fn import_competentnl(
    ctx: &AppContext,
    path: &Path,
    meta: &Meta,
) -> Result<AliasReport, AppError> {
    let table = read(path, &["competentnlUri", "escoUri", "matchType"], FORMAT)?;
    let mut tx = ctx.store.begin().await?;
    let known =
        taxonomy::count(&mut tx, "occupation").await? + taxonomy::skill_count(&mut tx).await?;
    let mut report = AliasReport::default();
    for (line, row) in &table.rows {
        let at = |column: &str, what: String| {
            problem(
                &table.file,
                format!("{}, regel {line}, kolom {column}: {what}", table.file),
            )
        };
        let uri = &row["competentnlUri"];
        if !uri.starts_with("http") || uri.contains(char::is_whitespace) {
            return Err(at("competentnlUri", format!("'{uri}' is geen URI.")));
        }
        let concept = &row["escoUri"];
        if known > 0 && !taxonomy::exists(&mut tx, concept).await? {
            return Err(at(
                "escoUri",
                format!("'{concept}' staat niet in de taxonomie; importeer eerst ESCO."),
            ));
        }
        let Some(rel) = relation(&row["matchType"]) else {
            return Err(at(
                "matchType",
                format!(
                    "'{}' is geen exactMatch, closeMatch, broadMatch of narrowMatch.",
                    row["matchType"]
                ),
            ));
        };
        taxonomy::upsert_alias(&mut tx, uri, concept, COMPETENTNL, rel).await?;
        report.aliases += 1;
    }
    audit(
        &mut tx,
        &meta.origin,
        "taxonomy.import_aliases",
        &path.display().to_string(),
        "success",
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

/// The ESCO concept a URI stands for: itself when koppel knows it (or knows no taxonomy yet), the
/// concept it maps to when it is a CompetentNL URI; None when it is unknown.
pub async fn resolve(tx: &mut Tx, uri: &str) -> Result<Option<String>, AppError> {
    if let Some(concept) = taxonomy::alias_of(tx, uri).await? {
        return Ok(Some(concept));
    }
    if taxonomy::exists(tx, uri).await? {
        return Ok(Some(uri.to_string()));
    }
    let empty =
        taxonomy::count(tx, "occupation").await? == 0 && taxonomy::skill_count(tx).await? == 0;
    Ok(empty.then(|| uri.to_string()))
}

/// How koppel's concepts are named towards VUM: concept → its CompetentNL URI, where one is known.
#[derive(Debug, Clone, Default)]
pub struct VumNames(HashMap<String, String>);

impl VumNames {
    pub async fn load(tx: &mut Tx) -> Result<Self, AppError> {
        let mut map = HashMap::new();
        for (concept, alias) in taxonomy::preferred_aliases(tx, COMPETENTNL).await? {
            map.entry(concept).or_insert(alias);
        }
        Ok(Self(map))
    }

    /// The CompetentNL URI of a concept, or the concept's own URI.
    pub fn name(&self, uri: &str) -> String {
        self.0.get(uri).cloned().unwrap_or_else(|| uri.to_string())
    }
}
