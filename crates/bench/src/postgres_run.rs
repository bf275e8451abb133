//! The PostgreSQL baseline: the same profiles in a scratch table (skills, languages and licences as
//! text arrays, an index on area and travel distance), loaded with COPY; each query is one SQL
//! statement that joins the areas within reach, applies the filters in its WHERE clause, scores
//! with koppel's weights and returns the top 100. The table is dropped afterwards.

use std::time::Instant;

use anyhow::{Context, Result};
use koppel_domain::permissions::ScopeKind;
use koppel_matching::{CandidateProfile, Centroids, Index, Requirements, Weights};
use serde_json::{json, Value};
use sqlx::postgres::{PgConnection, PgPoolOptions};
use sqlx::Row;

use crate::measure::percentile;
use crate::reach;

const TABLE: &str = "koppel_bench_profiles";

/// A text array in COPY's text format, from values without special characters.
fn array(items: impl Iterator<Item = String>) -> String {
    format!("{{{}}}", items.collect::<Vec<_>>().join(","))
}

fn line(index: &Index, p: &CandidateProfile) -> String {
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "\\N".into());
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "\\N".into());
    let mass = index.mass_of(p.id).map_or(0.0, |(m, _)| m);
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{mass:?}\n",
        p.id,
        p.org_id,
        p.consent_wsp,
        p.work_ready,
        opt(p.pc4.map(i64::from)),
        opt(p.max_travel_km),
        opt(p.hours_per_week),
        opt(p.education.map(i64::from)),
        text(&p.occupation),
        text(&p.occupation_group),
        array(p.skills.iter().cloned()),
        array(p.languages.iter().map(|(c, l)| format!("{c}{l}"))),
        array(p.licences.iter().cloned()),
    )
}

async fn load(conn: &mut PgConnection, pool: &[CandidateProfile], index: &Index) -> Result<()> {
    sqlx::query(&format!("DROP TABLE IF EXISTS {TABLE}"))
        .execute(&mut *conn)
        .await?;
    sqlx::query(&format!(
        "CREATE UNLOGGED TABLE {TABLE} (id BIGINT PRIMARY KEY, org BIGINT NOT NULL, consent BOOLEAN NOT NULL, \
         work_ready BOOLEAN NOT NULL, pc4 INT, travel INT, hours INT, education INT, occupation TEXT, occupation_group TEXT, \
         skills TEXT[] NOT NULL, languages TEXT[] NOT NULL, licences TEXT[] NOT NULL, mass DOUBLE PRECISION NOT NULL)"
    ))
    .execute(&mut *conn)
    .await?;
    let mut copy = conn
        .copy_in_raw(&format!("COPY {TABLE} FROM STDIN"))
        .await?;
    for chunk in pool.chunks(20_000) {
        let text: String = chunk.iter().map(|p| line(index, p)).collect();
        copy.send(text.into_bytes()).await?;
    }
    copy.finish().await?;
    sqlx::query(&format!(
        "CREATE INDEX {TABLE}_reach ON {TABLE} (pc4, travel)"
    ))
    .execute(&mut *conn)
    .await?;
    sqlx::query(&format!("ANALYZE {TABLE}"))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The statement and its parameters for one query: the skills, their weights, the areas within
/// reach with their minimum travel distance. The score is koppel's: the weight of the matched
/// skills over all, balanced for the profile's mass, bounded, with the occupation (left out of the
/// total when the candidate's is unknown).
fn statement(index: &Index, r: &Requirements, w: Weights) -> String {
    let weighing = index.weighing(r, w);
    let skill_total: f64 = weighing.skills.iter().map(|(_, weight)| weight).sum();
    let mean = index.mean_mass();
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let mut matched: Vec<String> = weighing
        .skills
        .iter()
        .map(|(s, weight)| {
            format!(
                "CASE WHEN {} = ANY(p.skills) THEN {weight:?} ELSE 0 END",
                quote(s)
            )
        })
        .collect();
    if matched.is_empty() {
        matched.push("0".into());
    }
    let x = if skill_total > 0.0 {
        format!(
            "(({}) / {skill_total:?}) * POWER({mean:?} / GREATEST(p.mass, 0.1), {:?})",
            matched.join(" + "),
            w.length_power
        )
    } else {
        "0".into()
    };
    let bounded = format!(
        "(CASE WHEN {x} <= 0.8 THEN {x} ELSE 0.8 + 0.2 * (1 - EXP(-({x} - 0.8) / 0.2)) END) * {skill_total:?}"
    );
    let mut occupation = "0".to_string();
    let mut own_total = format!("{skill_total:?}");
    if weighing.occupation > 0.0 {
        let same = r
            .occupation
            .as_deref()
            .map(quote)
            .unwrap_or_else(|| "NULL".into());
        let group = r
            .occupation_group
            .as_deref()
            .map(quote)
            .unwrap_or_else(|| "NULL".into());
        occupation = format!(
            "CASE WHEN p.occupation = {same} THEN {:?} WHEN p.occupation_group = {group} THEN {:?} ELSE 0 END",
            weighing.occupation,
            weighing.occupation * w.occupation_group_factor
        );
        own_total = format!(
            "CASE WHEN p.occupation IS NULL THEN {skill_total:?} ELSE {:?} END",
            skill_total + weighing.occupation
        );
    }
    let score = format!("({bounded} + {occupation}) / GREATEST({own_total}, 1e-300)");
    let mut filters = vec![match r.scope.kind() {
        ScopeKind::OwnAndShared { org_id } => format!("(p.org = {org_id} OR p.consent)"),
        ScopeKind::Own { org_id } => format!("p.org = {org_id}"),
        ScopeKind::Nothing => "FALSE".into(),
    }];
    if r.require_work_ready {
        filters.push("p.work_ready".into());
    }
    if let Some(v) = r.hours_per_week {
        filters.push(format!("(p.hours IS NULL OR p.hours + 4 >= {v})"));
    }
    if let Some(m) = r.min_education {
        filters.push(format!("(p.education IS NULL OR p.education >= {m})"));
    }
    for (code, min) in &r.languages {
        for level in 1..*min {
            filters.push(format!(
                "NOT ({} = ANY(p.languages))",
                quote(&format!("{code}{level}"))
            ));
        }
    }
    for l in &r.licences {
        filters.push(format!("{} = ANY(p.licences)", quote(l)));
    }
    // What is not known lowers the confidence, the second key of koppel's order.
    let mut unknown = vec!["0".to_string()];
    if r.hours_per_week.is_some() {
        unknown.push("(p.hours IS NULL)::INT".into());
    }
    if r.min_education.is_some() {
        unknown.push("(p.education IS NULL)::INT".into());
    }
    if !r.languages.is_empty() {
        let known: Vec<String> = r
            .languages
            .iter()
            .map(|(code, _)| {
                let levels: Vec<String> = (1..=4).map(|l| quote(&format!("{code}{l}"))).collect();
                format!("p.languages && ARRAY[{}]", levels.join(", "))
            })
            .collect();
        unknown.push(format!("(NOT ({}))::INT", known.join(" AND ")));
    }
    if r.occupation.is_some() {
        unknown.push("(p.occupation IS NULL)::INT".into());
    }
    format!(
        "SELECT p.id, ROUND(({})::NUMERIC, 9) AS score, LEAST({}, 7) AS unknown FROM {TABLE} p \
         JOIN UNNEST($1::INT[], $2::INT[]) AS r(pc4, travel) ON p.pc4 = r.pc4 AND p.travel >= r.travel \
         WHERE {} ORDER BY score DESC, unknown, p.id LIMIT 100",
        score,
        unknown.join(" + "),
        filters.join(" AND ")
    )
}

/// Loads the pool into a scratch table and times every query; the JSON of the measurements.
pub async fn run(
    url: &str,
    pool: &[CandidateProfile],
    queries: &[Requirements],
    index: &Index,
    centroids: &Centroids,
    w: Weights,
) -> Result<Value> {
    let db = PgPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .context("connecting to PostgreSQL")?;
    let mut conn = db.acquire().await?;
    let started = Instant::now();
    load(conn.as_mut(), pool, index).await?;
    let load_s = started.elapsed().as_secs_f64();
    let max_travel = reach::max_travel(pool);
    let mut ms = Vec::with_capacity(queries.len());
    let mut ids_per_query = Vec::new();
    for q in queries {
        let areas = q
            .pc4
            .map(|here| reach::areas(centroids, here, max_travel))
            .unwrap_or_default();
        let codes: Vec<i32> = areas.iter().map(|(c, _)| i32::from(*c)).collect();
        let travel: Vec<i32> = areas.iter().map(|(_, d)| i32::from(*d)).collect();
        let sql = statement(index, q, w);
        let t = Instant::now();
        let rows = sqlx::query(&sql)
            .bind(&codes)
            .bind(&travel)
            .fetch_all(conn.as_mut())
            .await?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        if ids_per_query.len() < 20 {
            ids_per_query.push(rows.iter().map(|r| r.get::<i64, _>(0)).collect());
        }
    }
    sqlx::query(&format!("DROP TABLE {TABLE}"))
        .execute(conn.as_mut())
        .await?;
    drop(conn);
    db.close().await;
    ms.sort_by(f64::total_cmp);
    Ok(json!({
        "p50_ms": percentile(&ms, 0.5),
        "p99_ms": percentile(&ms, 0.99),
        "load_s": load_s,
        "top100_overlap": crate::overlap(index, queries, w, &ids_per_query),
    }))
}
