//! Taxonomy concepts (ESCO / CompetentNL occupations, skills and skill groups) by URI, for labels and look-ups.

use serde::Serialize;

use crate::{vals, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Concept {
    pub uri: String,
    pub kind: String,
    pub label: String,
    pub isco_group: Option<String>,
}

/// Inserts or replaces a concept.
pub async fn upsert(tx: &mut Tx, c: &Concept, alt_labels: &str) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO taxonomy_concepts (uri, kind, label, alt_labels, isco_group) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (uri) DO UPDATE SET kind = excluded.kind, label = excluded.label, alt_labels = excluded.alt_labels, \
         isco_group = excluded.isco_group",
        &vals![c.uri.as_str(), c.kind.as_str(), c.label.as_str(), alt_labels, c.isco_group.clone()],
    )
    .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, uri: &str) -> Result<Option<Concept>, StoreError> {
    tx.fetch_optional(
        "SELECT uri, kind, label, isco_group FROM taxonomy_concepts WHERE uri = $1",
        &vals![uri],
    )
    .await
}

/// Concepts of a kind whose label or alternative labels contain `term`, shortest label first.
pub async fn search(
    tx: &mut Tx,
    kind: &str,
    term: &str,
    limit: i64,
) -> Result<Vec<Concept>, StoreError> {
    let like = format!("%{}%", term.trim().to_lowercase());
    tx.fetch_all(
        "SELECT uri, kind, label, isco_group FROM taxonomy_concepts WHERE kind = $1 AND (lower(label) LIKE $2 OR lower(alt_labels) LIKE $2) \
         ORDER BY length(label), label LIMIT $3",
        &vals![kind, like, limit],
    )
    .await
}

/// Skills and skill groups whose label or an alternative label contains `term`, with the alternative labels
/// (`|`-separated): first those whose label starts with it, then those whose label contains it,
/// then those found by a synonym; shortest label first within each.
pub async fn search_skills(
    tx: &mut Tx,
    term: &str,
    limit: i64,
) -> Result<Vec<(String, String)>, StoreError> {
    let t = term.trim().to_lowercase();
    tx.fetch_all(
        "SELECT label, alt_labels FROM taxonomy_concepts WHERE kind IN ('skill', 'skill_group') \
         AND (lower(label) LIKE $1 OR lower(alt_labels) LIKE $1) \
         ORDER BY CASE WHEN lower(label) LIKE $2 THEN 0 WHEN lower(label) LIKE $1 THEN 1 ELSE 2 END, \
         length(label), label LIMIT $3",
        &vals![format!("%{t}%"), format!("{t}%"), limit],
    )
    .await
}

pub async fn count(tx: &mut Tx, kind: &str) -> Result<i64, StoreError> {
    tx.scalar(
        "SELECT COUNT(*) FROM taxonomy_concepts WHERE kind = $1",
        &vals![kind],
    )
    .await
}

/// Adds a broader concept to a concept (the skill hierarchy is a graph: a concept may have
/// several); adding one twice changes nothing.
pub async fn set_broader(tx: &mut Tx, uri: &str, broader: &str) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE taxonomy_concepts SET broader_uri = $1 WHERE uri = $2",
        &vals![broader, uri],
    )
    .await?;
    tx.execute(
        "INSERT INTO taxonomy_broader (uri, broader_uri) VALUES ($1, $2) \
         ON CONFLICT (uri, broader_uri) DO NOTHING",
        &vals![uri, broader],
    )
    .await?;
    Ok(())
}

/// Every (concept, broader concept) pair.
pub async fn hierarchy(tx: &mut Tx) -> Result<Vec<(String, String)>, StoreError> {
    tx.fetch_all(
        "SELECT uri, broader_uri FROM taxonomy_broader ORDER BY uri, broader_uri",
        &[],
    )
    .await
}

/// The labels of all concepts.
pub async fn labels(tx: &mut Tx) -> Result<Vec<(String, String)>, StoreError> {
    tx.fetch_all("SELECT uri, label FROM taxonomy_concepts", &[])
        .await
}

/// A skill or skill group with exactly this label or alternative label (case-insensitive).
pub async fn skill_by_label(tx: &mut Tx, label: &str) -> Result<Option<Concept>, StoreError> {
    let l = label.trim().to_lowercase();
    tx.fetch_optional(
        "SELECT uri, kind, label, isco_group FROM taxonomy_concepts WHERE kind IN ('skill', 'skill_group') \
         AND (lower(label) = $1 OR '|' || lower(alt_labels) || '|' LIKE $2) ORDER BY kind, uri LIMIT 1",
        &vals![l.as_str(), format!("%|{l}|%")],
    )
    .await
}

/// An occupation with exactly this label or alternative label (case-insensitive).
pub async fn occupation_by_label(tx: &mut Tx, label: &str) -> Result<Option<Concept>, StoreError> {
    let l = label.trim().to_lowercase();
    tx.fetch_optional(
        "SELECT uri, kind, label, isco_group FROM taxonomy_concepts WHERE kind = 'occupation' \
         AND (lower(label) = $1 OR '|' || lower(alt_labels) || '|' LIKE $2) ORDER BY uri LIMIT 1",
        &vals![l.as_str(), format!("%|{l}|%")],
    )
    .await
}

/// Whether a concept with this URI exists.
pub async fn exists(tx: &mut Tx, uri: &str) -> Result<bool, StoreError> {
    Ok(tx
        .scalar(
            "SELECT COUNT(*) FROM taxonomy_concepts WHERE uri = $1",
            &vals![uri],
        )
        .await?
        > 0)
}

/// How many skills and skill groups are known (none: no taxonomy imported yet).
pub async fn skill_count(tx: &mut Tx) -> Result<i64, StoreError> {
    tx.scalar(
        "SELECT COUNT(*) FROM taxonomy_concepts WHERE kind IN ('skill', 'skill_group')",
        &[],
    )
    .await
}

/// Records that an occupation needs a skill (`essential`) or can use it (`optional`).
pub async fn relate(
    tx: &mut Tx,
    occupation: &str,
    skill: &str,
    relation: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO occupation_skills (occupation_uri, skill_uri, relation) VALUES ($1, $2, $3) \
         ON CONFLICT (occupation_uri, skill_uri) DO UPDATE SET relation = excluded.relation",
        &vals![occupation, skill, relation],
    )
    .await?;
    Ok(())
}

/// The skills of an occupation with their labels: (uri, label, essential).
pub async fn occupation_skills(
    tx: &mut Tx,
    occupation: &str,
) -> Result<Vec<(String, String, bool)>, StoreError> {
    let rows: Vec<(String, Option<String>, String)> = tx
        .fetch_all(
            "SELECT r.skill_uri, t.label, r.relation FROM occupation_skills r LEFT JOIN taxonomy_concepts t ON t.uri = r.skill_uri \
             WHERE r.occupation_uri = $1 ORDER BY r.relation, t.label",
            &vals![occupation],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(u, l, r)| (u.clone(), l.unwrap_or(u), r == "essential"))
        .collect())
}

/// Records that `uri` (of another scheme, such as CompetentNL) stands for the concept `concept`.
pub async fn upsert_alias(
    tx: &mut Tx,
    uri: &str,
    concept: &str,
    scheme: &str,
    relation: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO taxonomy_aliases (uri, concept_uri, scheme, relation) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (uri) DO UPDATE SET concept_uri = excluded.concept_uri, scheme = excluded.scheme, relation = excluded.relation",
        &vals![uri, concept, scheme, relation],
    )
    .await?;
    Ok(())
}

/// The concept an alias URI stands for, if it is one.
pub async fn alias_of(tx: &mut Tx, uri: &str) -> Result<Option<String>, StoreError> {
    let row: Option<(String,)> = tx
        .fetch_optional(
            "SELECT concept_uri FROM taxonomy_aliases WHERE uri = $1",
            &vals![uri],
        )
        .await?;
    Ok(row.map(|(c,)| c))
}

/// For each concept with an alias of `scheme`, the alias to name it by: an exact match before a
/// close one, then the first URI; (concept, alias).
pub async fn preferred_aliases(
    tx: &mut Tx,
    scheme: &str,
) -> Result<Vec<(String, String)>, StoreError> {
    tx.fetch_all(
        "SELECT concept_uri, uri FROM taxonomy_aliases WHERE scheme = $1 AND relation IN ('exactMatch', 'closeMatch') \
         ORDER BY concept_uri, relation DESC, uri",
        &vals![scheme],
    )
    .await
}

/// How many aliases of a scheme are known.
pub async fn alias_count(tx: &mut Tx, scheme: &str) -> Result<i64, StoreError> {
    tx.scalar(
        "SELECT COUNT(*) FROM taxonomy_aliases WHERE scheme = $1",
        &vals![scheme],
    )
    .await
}

/// Every occupation with its ISCO group.
pub async fn isco_groups(tx: &mut Tx) -> Result<Vec<(String, String)>, StoreError> {
    tx.fetch_all(
        "SELECT uri, isco_group FROM taxonomy_concepts WHERE kind = 'occupation' AND isco_group IS NOT NULL",
        &[],
    )
    .await
}

/// Every skill with its label and alternative labels (separated by `|`).
pub async fn skill_labels(tx: &mut Tx) -> Result<Vec<(String, String, String)>, StoreError> {
    tx.fetch_all(
        "SELECT uri, label, alt_labels FROM taxonomy_concepts WHERE kind = 'skill' ORDER BY uri",
        &[],
    )
    .await
}

/// How many concepts and broader relations there are (a new taxonomy changes it).
pub async fn concept_count(tx: &mut Tx) -> Result<i64, StoreError> {
    tx.scalar(
        "SELECT COUNT(*) + COUNT(broader_uri) FROM taxonomy_concepts",
        &[],
    )
    .await
}

/// A key that changes when skills or their labels change: their number and the total length of
/// their labels.
pub async fn skill_labels_key(tx: &mut Tx) -> Result<i64, StoreError> {
    tx.scalar(
        "SELECT COUNT(*) * 1000003 + COALESCE(SUM(LENGTH(label) + LENGTH(alt_labels)), 0) FROM taxonomy_concepts WHERE kind = 'skill'",
        &[],
    )
    .await
}
