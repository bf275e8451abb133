//! VUM conformance against generated input, on SQLite and PostgreSQL: 10,000 random schema-valid
//! documents of each kind are imported and each detail must come back JSON-equal; then random
//! selection questions built from the 3.0 selection schemas must get exactly the answer of a
//! plain reference evaluator written here (criteria, area, order by distance, the cap of 100).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "vum_conformance/reference.rs"]
mod reference;

use chrono::NaiveDate;
use koppel_app::context::Settings;
use koppel_app::import::vum::{import_jobseekers, import_vacancies, VumImportOptions};
use koppel_app::import::ImportBy;
use koppel_app::{vum_source, AppContext, Meta};
use koppel_store::vals;
use koppel_test_support::vum_docs::{DocKind, Generator};
use koppel_test_support::TestDb;
use rand::SeedableRng;
use serde_json::{json, Value};

/// Documents of each kind (`KOPPEL_VUM_DOCS` overrides, for a quick local run).
fn how_many() -> usize {
    std::env::var("KOPPEL_VUM_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// The day the source answers on: before every generated closing date, so all are open.
fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()
}

async fn context(db: &TestDb) -> (AppContext, i64) {
    let ctx = AppContext::open(&db.url, Settings::default())
        .await
        .unwrap();
    let mut tx = ctx.store().begin().await.unwrap();
    let org = tx
        .insert("INSERT INTO organisations (name, short_name, kind, wsp_partner, created_at) VALUES ('Spaarne Werkt', 'spaarne', 'reintegration_company', TRUE, $1) RETURNING id", &vals![chrono::Utc::now()])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (ctx, org)
}

async fn import(ctx: &AppContext, org: i64, kind: DocKind, docs: &[Value]) {
    let bytes = serde_json::to_vec(docs).unwrap();
    let by = ImportBy {
        user_id: None,
        org_id: Some(org),
        name: "conformance".into(),
    };
    let options = VumImportOptions {
        dry_run: false,
        publish: true,
        employer_sector: Some("handel".into()),
        today: NaiveDate::from_ymd_opt(2024, 12, 1),
    };
    let meta = Meta::local("test");
    let report = match kind {
        DocKind::Vacancy => {
            import_vacancies(ctx, &by, &meta, "v.json", &bytes, &options, &mut |_| {}).await
        }
        DocKind::JobSeeker => {
            import_jobseekers(ctx, &by, &meta, "w.json", &bytes, &options, &mut |_| {}).await
        }
    }
    .unwrap();
    assert_eq!(
        (report.imported as usize, report.bad, report.skipped),
        (docs.len(), 0, 0),
        "{:?}",
        report.problems.iter().take(5).collect::<Vec<_>>()
    );
}

async fn detail(ctx: &AppContext, kind: DocKind, id: &str) -> Value {
    match kind {
        DocKind::Vacancy => vum_source::vacancy(ctx, id, day()).await,
        DocKind::JobSeeker => vum_source::profile(ctx, id).await,
    }
    .unwrap()
    .unwrap_or_else(|r| panic!("{id}: {r:?}"))
}

async fn answer(ctx: &AppContext, kind: DocKind, question: &Value) -> (Vec<Value>, bool) {
    let body = json!({"vraagObject": question});
    match kind {
        DocKind::Vacancy => vum_source::matches(ctx, &body, day()).await,
        DocKind::JobSeeker => vum_source::profile_matches(ctx, &body).await,
    }
    .unwrap()
    .unwrap_or_else(|r| panic!("{question}: {r:?}"))
}

#[tokio::test]
async fn generated_documents_come_back_whole_and_questions_get_the_reference_answer() {
    let db = TestDb::new().await;
    let (ctx, org) = context(&db).await;
    let n = how_many();
    for (kind, seed) in [(DocKind::Vacancy, 11), (DocKind::JobSeeker, 12)] {
        let mut generator = Generator::new(kind, seed);
        let docs: Vec<Value> = (0..n).map(|i| generator.document(i)).collect();
        import(&ctx, org, kind, &docs).await;
        let id_field = reference::id_field(kind);
        for doc in &docs {
            let id = doc[id_field].as_str().unwrap();
            assert_eq!(&detail(&ctx, kind, id).await, doc, "the detail of {id}");
        }
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let mut found = 0;
        for _ in 0..100 {
            let question = reference::question(kind, &mut rng);
            let expected = reference::answer(kind, &docs, &question);
            let (served, more) = answer(&ctx, kind, &question).await;
            assert_eq!(more, expected.1, "more than 100 for {question}");
            assert_eq!(served.len(), expected.0.len(), "how many for {question}");
            assert!(served == expected.0, "the answer to {question}");
            for profile in &served {
                let kind = match kind {
                    DocKind::Vacancy => koppel_vum::contract::Kind::Vacancy,
                    DocKind::JobSeeker => koppel_vum::contract::Kind::JobSeeker,
                };
                assert!(
                    koppel_vum::contract::valid_profile(kind, profile),
                    "{profile}"
                );
            }
            found += served.len();
        }
        assert!(found > 500, "questions should find something: {found}");
    }
}
