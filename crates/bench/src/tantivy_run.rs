//! The Tantivy baseline: the same profiles as documents (skills, occupation and its group as terms;
//! area, travel distance, hours, education, languages, organisation, consent and work-readiness as
//! indexed values), queried with koppel's weights as constant-score SHOULD clauses and the filters
//! as MUST / MUST NOT clauses, for the top 100 on one thread. It gives a ranking, no explanations.

use std::ops::Bound;
use std::time::Instant;

use anyhow::Result;
use koppel_domain::permissions::ScopeKind;
use koppel_matching::{CandidateProfile, Centroids, Index, Requirements, Weights};
use serde_json::{json, Value};
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Schema, FAST, INDEXED, STRING};
use tantivy::{doc, Index as TantivyIndex, IndexWriter, TantivyDocument, Term};

use crate::measure::{percentile, timed};
use crate::reach;

struct Fields {
    id: Field,
    skills: Field,
    occupation: Field,
    group: Field,
    pc4: Field,
    travel: Field,
    hours: Field,
    education: Field,
    languages: Field,
    licences: Field,
    org: Field,
    consent: Field,
    work_ready: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let f = Fields {
        id: b.add_u64_field("id", FAST),
        skills: b.add_text_field("skills", STRING),
        occupation: b.add_text_field("occupation", STRING),
        group: b.add_text_field("group", STRING),
        pc4: b.add_u64_field("pc4", INDEXED),
        travel: b.add_u64_field("travel", INDEXED),
        hours: b.add_u64_field("hours", INDEXED),
        education: b.add_u64_field("education", INDEXED),
        languages: b.add_text_field("languages", STRING),
        licences: b.add_text_field("licences", STRING),
        org: b.add_u64_field("org", INDEXED),
        consent: b.add_u64_field("consent", INDEXED),
        work_ready: b.add_u64_field("work_ready", INDEXED),
    };
    (b.build(), f)
}

fn document(f: &Fields, p: &CandidateProfile) -> TantivyDocument {
    let mut d = doc!(
        f.id => p.id as u64,
        f.pc4 => u64::from(p.pc4.unwrap_or(0)),
        f.travel => p.max_travel_km.unwrap_or(0) as u64,
        f.hours => p.hours_per_week.unwrap_or(0) as u64,
        f.education => u64::from(p.education.unwrap_or(0)),
        f.org => p.org_id as u64,
        f.consent => u64::from(p.consent_wsp),
        f.work_ready => u64::from(p.work_ready),
    );
    for s in &p.skills {
        d.add_text(f.skills, s);
    }
    for l in &p.licences {
        d.add_text(f.licences, l);
    }
    for (code, level) in &p.languages {
        d.add_text(f.languages, format!("{code}{level}"));
    }
    if let Some(o) = &p.occupation {
        d.add_text(f.occupation, o);
    }
    if let Some(g) = &p.occupation_group {
        d.add_text(f.group, g);
    }
    d
}

fn term(field: Field, value: u64) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_u64(field, value),
        IndexRecordOption::Basic,
    ))
}

fn text(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn range(field: Field, from: u64, to: Option<u64>) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_u64(field, from)),
        to.map(|t| Bound::Included(Term::from_field_u64(field, t)))
            .unwrap_or(Bound::Unbounded),
    ))
}

/// A clause that must hold (or must not) without adding to the score.
fn filter(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, 0.0))
}

fn query(
    f: &Fields,
    index: &Index,
    r: &Requirements,
    areas: &[(u16, u16)],
    w: Weights,
) -> BooleanQuery {
    let weighing = index.weighing(r, w);
    let share = |x: f64| (x / weighing.total.max(f64::MIN_POSITIVE)) as f32;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (skill, weight) in &weighing.skills {
        clauses.push((
            Occur::Should,
            Box::new(ConstScoreQuery::new(text(f.skills, skill), share(*weight))),
        ));
    }
    if weighing.occupation > 0.0 {
        // The same occupation is also in the same group: the two clauses add up to the full weight.
        let h = w.occupation_group_factor;
        if let Some(o) = &r.occupation {
            let q = ConstScoreQuery::new(
                text(f.occupation, o),
                share(weighing.occupation * (1.0 - h)),
            );
            clauses.push((Occur::Should, Box::new(q)));
        }
        if let Some(g) = &r.occupation_group {
            let q = ConstScoreQuery::new(text(f.group, g), share(weighing.occupation * h));
            clauses.push((Occur::Should, Box::new(q)));
        }
    }
    // Distance: in one of the areas within reach, willing to travel that far.
    let reachable: Vec<(Occur, Box<dyn Query>)> = areas
        .iter()
        .map(|&(pc4, d)| {
            let area: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                (Occur::Must, term(f.pc4, u64::from(pc4))),
                (Occur::Must, range(f.travel, u64::from(d), None)),
            ]));
            (Occur::Should, area)
        })
        .collect();
    clauses.push((Occur::Must, filter(Box::new(BooleanQuery::new(reachable)))));
    let visible: Box<dyn Query> = match r.scope.kind() {
        ScopeKind::OwnAndShared { org_id } => Box::new(BooleanQuery::new(vec![
            (Occur::Should, term(f.org, org_id as u64)),
            (Occur::Should, term(f.consent, 1)),
        ])),
        ScopeKind::Own { org_id } => term(f.org, org_id as u64),
        ScopeKind::Nothing => term(f.org, u64::MAX),
    };
    clauses.push((Occur::Must, filter(visible)));
    if r.require_work_ready {
        clauses.push((Occur::Must, filter(term(f.work_ready, 1))));
    }
    // Known values below what is asked exclude; unknown ones (0) do not.
    if let Some(v) = r.hours_per_week.filter(|v| *v > 5) {
        clauses.push((Occur::MustNot, range(f.hours, 1, Some(v as u64 - 5))));
    }
    if let Some(m) = r.min_education.filter(|m| *m > 1) {
        clauses.push((
            Occur::MustNot,
            range(f.education, 1, Some(u64::from(m) - 1)),
        ));
    }
    for (code, min) in &r.languages {
        let below: Vec<Term> = (1..*min)
            .map(|l| Term::from_field_text(f.languages, &format!("{code}{l}")))
            .collect();
        if !below.is_empty() {
            clauses.push((Occur::MustNot, Box::new(TermSetQuery::new(below))));
        }
    }
    for l in &r.licences {
        clauses.push((Occur::Must, filter(text(f.licences, l))));
    }
    BooleanQuery::new(clauses)
}

/// Builds the Tantivy index of the pool and times every query; the JSON of the measurements.
pub fn run(
    pool: &[CandidateProfile],
    queries: &[Requirements],
    index: &Index,
    centroids: &Centroids,
    w: Weights,
) -> Result<Value> {
    let (schema, f) = schema();
    let started = Instant::now();
    let tantivy = TantivyIndex::create_in_ram(schema);
    let mut writer: IndexWriter = tantivy.writer_with_num_threads(1, 1_500_000_000)?;
    for p in pool {
        writer.add_document(document(&f, p))?;
    }
    writer.commit()?;
    let segments = tantivy.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    let build_s = started.elapsed().as_secs_f64();
    let reader = tantivy.reader()?;
    let searcher = reader.searcher();
    let max_travel = reach::max_travel(pool);
    // Worked out before the clock runs: which areas each query can reach.
    let areas: Vec<Vec<(u16, u16)>> = queries
        .iter()
        .map(|q| {
            q.pc4
                .map(|here| reach::areas(centroids, here, max_travel))
                .unwrap_or_default()
        })
        .collect();
    let mut i = 0;
    let mut failed = None;
    let ms = timed(queries.len(), || {
        let n = i % queries.len();
        let q = query(&f, index, &queries[n], &areas[n], w);
        match searcher.search(&q, &TopDocs::with_limit(100)) {
            Ok(top) => {
                std::hint::black_box(top);
            }
            Err(e) => failed = Some(e),
        }
        i += 1;
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    // How much of koppel's top 100 Tantivy finds too (ties may be broken differently).
    let mut ids_per_query = Vec::new();
    for (n, q) in queries.iter().enumerate().take(20) {
        let top = searcher.search(
            &query(&f, index, q, &areas[n], w),
            &TopDocs::with_limit(100),
        )?;
        let mut ids = Vec::new();
        for (_, address) in top {
            let column = searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .u64("id")?;
            ids.extend(column.first(address.doc_id).map(|id| id as i64));
        }
        ids_per_query.push(ids);
    }
    Ok(json!({
        "p50_ms": percentile(&ms, 0.5),
        "p99_ms": percentile(&ms, 0.99),
        "build_s": build_s,
        "segments": searcher.segment_readers().len(),
        "top100_overlap": crate::overlap(index, queries, w, &ids_per_query),
    }))
}
