//! VUM documents brought into koppel and served again through its VUM source: CompetentNL URIs
//! read through the mapping table, bad objects reported by position, nothing imported twice, and
//! generated documents that come back equal (apart from the id, which the source sets), on both
//! databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use chrono::NaiveDate;
use koppel_app::context::Settings;
use koppel_app::import::vum::{import_jobseekers, import_vacancies, VumImportOptions};
use koppel_app::import::{ImportBy, ImportReport};
use koppel_app::taxonomy_aliases::import_competentnl;
use koppel_app::taxonomy_import::import_esco_dir;
use koppel_app::{vum_source, AppContext, AppError, Meta};
use koppel_store::vals;
use koppel_test_support::TestDb;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRng, TestRunner};
use serde_json::{json, Value};

const APO_CNL: &str = "https://competentnl.test/beroep/apothekersassistent";
const MED_CNL: &str = "https://competentnl.test/vaardigheid/geneesmiddelen-verstrekken";
const KAS_CNL: &str = "https://competentnl.test/vaardigheid/kassa-bedienen";
const HEF: &str = "http://data.europa.eu/esco/skill/hef-1";
const HEF_OCC: &str = "http://data.europa.eu/esco/occupation/hef-1";

fn fixtures(dir: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

async fn context(db: &TestDb) -> (AppContext, i64) {
    let ctx = AppContext::open(&db.url, Settings::default())
        .await
        .unwrap();
    let meta = Meta::local("test");
    import_esco_dir(&ctx, &fixtures("esco"), &meta)
        .await
        .unwrap();
    let r = import_competentnl(&ctx, &fixtures("competentnl/koppeltabel.csv"), &meta)
        .await
        .unwrap();
    assert_eq!(r.aliases, 4);
    let mut tx = ctx.store().begin().await.unwrap();
    let org = tx
        .insert("INSERT INTO organisations (name, short_name, kind, wsp_partner, created_at) VALUES ('Spaarne Werkt', 'spaarne', 'reintegration_company', TRUE, $1) RETURNING id", &vals![chrono::Utc::now()])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (ctx, org)
}

fn by(org: Option<i64>) -> ImportBy {
    ImportBy {
        user_id: None,
        org_id: org,
        name: "test".into(),
    }
}

fn options(publish: bool) -> VumImportOptions {
    VumImportOptions {
        dry_run: false,
        publish,
        employer_sector: Some("zorg_welzijn".into()),
        today: NaiveDate::from_ymd_opt(2026, 1, 5),
    }
}

async fn vacancies_in(ctx: &AppContext, docs: &[Value]) -> Result<ImportReport, AppError> {
    let bytes = serde_json::to_vec(docs).unwrap();
    let meta = Meta::local("test");
    import_vacancies(
        ctx,
        &by(None),
        &meta,
        "vacatures.json",
        &bytes,
        &options(true),
        &mut |_| {},
    )
    .await
}

async fn jobseekers_in(ctx: &AppContext, org: i64, docs: &[Value]) -> ImportReport {
    let bytes = serde_json::to_vec(docs).unwrap();
    let meta = Meta::local("test");
    import_jobseekers(
        ctx,
        &by(Some(org)),
        &meta,
        "werkzoekenden.json",
        &bytes,
        &options(true),
        &mut |_| {},
    )
    .await
    .unwrap()
}

/// The koppel id of a vacancy imported with this VUM id.
async fn vacancy_id(ctx: &AppContext, vum_id: &str) -> i64 {
    let mut tx = ctx.store().begin().await.unwrap();
    tx.scalar(
        "SELECT id FROM vacancies WHERE external_id = $1",
        &vals![format!("vum:{vum_id}")],
    )
    .await
    .unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
}

#[tokio::test]
async fn competentnl_uris_are_read_through_the_mapping_and_bad_tables_are_named() {
    let db = TestDb::new().await;
    let (ctx, _) = context(&db).await;
    let mut tx = ctx.store().begin().await.unwrap();
    let resolve = koppel_app::taxonomy_aliases::resolve;
    assert_eq!(
        resolve(&mut tx, APO_CNL).await.unwrap().as_deref(),
        Some("http://data.europa.eu/esco/occupation/apo-1")
    );
    assert_eq!(resolve(&mut tx, HEF).await.unwrap().as_deref(), Some(HEF));
    assert_eq!(
        resolve(&mut tx, "https://competentnl.test/beroep/onbekend")
            .await
            .unwrap(),
        None
    );
    tx.commit().await.unwrap();

    let dir = std::env::temp_dir().join(format!("koppel-cnl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let wrong = |body: &str| {
        let path = dir.join("tabel.csv");
        std::fs::write(&path, body).unwrap();
        path
    };
    let message = |e: AppError| match e {
        AppError::Invalid(errors) => errors.to_string(),
        other => panic!("{other:?}"),
    };
    let meta = Meta::local("test");
    let e = import_competentnl(&ctx, &wrong("uri,esco\n"), &meta)
        .await
        .unwrap_err();
    assert!(message(e).contains("tabel.csv, regel 1, kolom competentnlUri"));
    let e = import_competentnl(
        &ctx,
        &wrong("competentnlUri,escoUri,matchType\nhttps://c.test/a,http://data.europa.eu/esco/skill/med-1,exactMatch\nhttps://c.test/b,http://data.europa.eu/esco/skill/bestaat-niet,exactMatch\n"),
        &meta,
    )
    .await
    .unwrap_err();
    assert!(message(e).contains("tabel.csv, regel 3, kolom escoUri"));
    let e = import_competentnl(
        &ctx,
        &wrong("competentnlUri,escoUri,matchType\nhttps://c.test/a,http://data.europa.eu/esco/skill/med-1,sameAs\n"),
        &meta,
    )
    .await
    .unwrap_err();
    assert!(message(e).contains("regel 2, kolom matchType"));
    // All or nothing: the good first row of the refused table is not there.
    let mut tx = ctx.store().begin().await.unwrap();
    assert_eq!(resolve(&mut tx, "https://c.test/a").await.unwrap(), None);
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn vum_vacancies_are_imported_once_and_served_as_they_came_in() {
    let db = TestDb::new().await;
    let (ctx, _) = context(&db).await;
    let full = json!({
        "idVacature": "UWV-1",
        "naamVacature": "Apothekersassistent",
        "omschrijvingVacature": "Receptverwerking en advies aan de balie.",
        "adres": {"postcode": "2011AB"},
        "beroep": {"codeBeroepsnaam": APO_CNL},
        "codeWerkEnDenkniveauMinimaal": "4",
        "werktijden": {"aantalWerkurenPerWeekMinimaal": 32, "aantalWerkurenPerWeekMaximaal": 32},
        "contractvorm": [{"codeTypeArbeidscontract": "B"}],
        "rijbewijs": [{"codeSoortRijbewijs": "B"}],
        "taalbeheersing": [{"codeTaal": "nld", "codeNiveauTaalbeheersingMondeling": 3, "codeNiveauTaalbeheersingSchriftelijk": 3}],
        "competentiebeheersing": [{"codeCompetentie": MED_CNL}, {"codeCompetentie": HEF}],
        "sluitingsdatumVacature": "2026-03-01",
        "werkgever": {"handelsnaamOrganisatie": "Apotheek Centrum", "webadres": [{"url": "https://apotheek.test"}]}
    });
    let docs = vec![
        full.clone(),
        json!({"idVacature": "UWV-2", "naamVacature": "Kok", "werktijden": {"aantalWerkurenPerWeekMaximaal": "veel"}, "werkgever": {"handelsnaamOrganisatie": "X"}}),
        json!({"idVacature": "UWV-3", "naamVacature": "Kok", "codeWerkEnDenkniveauMinimaal": "9", "werkgever": {"handelsnaamOrganisatie": "Apotheek Centrum"}}),
        json!({"idVacature": "UWV-4", "naamVacature": "Assistent", "beroep": {"codeBeroepsnaam": "https://competentnl.test/beroep/onbekend"}, "werkgever": {"handelsnaamOrganisatie": "Apotheek Centrum"}}),
        json!("geen object"),
        json!({"idVacature": "UWV-5", "naamVacature": "Kassamedewerker", "adres": {"postcode": "2011AB"}, "competentiebeheersing": [{"codeCompetentie": KAS_CNL}], "werkgever": {"handelsnaamOrganisatie": "apotheek centrum"}}),
    ];
    let report = vacancies_in(&ctx, &docs).await.unwrap();
    // Refused is only what the contract's schema refuses; an occupation koppel does not know is
    // kept in the document (and left out of koppel's own fields).
    assert_eq!((report.imported, report.bad, report.skipped), (3, 3, 0));
    let lines: Vec<(i64, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.reason.as_str()))
        .collect();
    assert_eq!(lines[0].0, 2);
    assert!(
        lines[0]
            .1
            .contains("/werktijden/aantalWerkurenPerWeekMaximaal: verkeerd soort waarde"),
        "{lines:?}"
    );
    assert_eq!(lines[1].0, 3);
    assert!(
        lines[1]
            .1
            .contains("/codeWerkEnDenkniveauMinimaal: waarde niet in de codelijst"),
        "{lines:?}"
    );
    assert_eq!(lines[2].0, 5);

    // One employer made, found again by name (case-insensitive) for the second vacancy.
    let mut tx = ctx.store().begin().await.unwrap();
    let employers: i64 = tx
        .scalar("SELECT COUNT(*) FROM employers", &[])
        .await
        .unwrap();
    let (occupation,): (String,) = tx
        .fetch_one(
            "SELECT occupation_uri FROM vacancies WHERE external_id = 'vum:UWV-1'",
            &[],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(employers, 1);
    assert_eq!(occupation, "http://data.europa.eu/esco/occupation/apo-1");

    let id = vacancy_id(&ctx, "UWV-1").await;
    assert!(id > 0);
    let served = vum_source::vacancy(&ctx, "UWV-1", today())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(served, full);

    // The same file again: each good document replaces the one of its id; nothing doubles.
    let again = vacancies_in(&ctx, &docs).await.unwrap();
    assert_eq!((again.imported, again.skipped, again.bad), (3, 0, 3));
    let mut tx = ctx.store().begin().await.unwrap();
    let vacancies: i64 = tx
        .scalar("SELECT COUNT(*) FROM vacancies", &[])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(vacancies, 3);
}

fn pc() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "2011", "2012", "2035", "1971", "1941", "2041", "1012", "3511",
        ]),
        "[A-Z]{2}",
    )
        .prop_map(|(d, l)| format!("{d}{l}"))
}

fn subset(items: Vec<&'static str>) -> impl Strategy<Value = Vec<Value>> {
    prop::sample::subsequence(items.clone(), 0..=items.len()).prop_map(|s| {
        s.into_iter()
            .map(|u| json!({"codeCompetentie": u}))
            .collect()
    })
}

fn languages() -> impl Strategy<Value = Vec<Value>> {
    prop::sample::subsequence(vec!["nld", "eng", "pol", "ukr"], 0..=2).prop_flat_map(|codes| {
        let n = codes.len();
        (Just(codes), prop::collection::vec(prop_oneof![0..=4i64, Just(8i64)], n)).prop_map(|(codes, levels)| {
            codes
                .into_iter()
                .zip(levels)
                .map(|(c, l)| json!({"codeTaal": c, "codeNiveauTaalbeheersingMondeling": l, "codeNiveauTaalbeheersingSchriftelijk": l}))
                .collect()
        })
    })
}

fn licences() -> impl Strategy<Value = Vec<Value>> {
    prop::sample::subsequence(vec!["A", "B", "BE", "C", "D"], 0..=2).prop_map(|s| {
        s.into_iter()
            .map(|c| json!({"codeSoortRijbewijs": c}))
            .collect()
    })
}

/// A VUM `Werkzoekende` profile within what koppel keeps, with a unique id.
fn profile(n: usize) -> impl Strategy<Value = Value> {
    (
        pc(),
        proptest::option::of(0..=300i64),
        proptest::option::of(prop::sample::select(vec![APO_CNL, HEF_OCC])),
        proptest::option::of(0..=7i64),
        proptest::option::of(1..=60i64),
        (licences(), languages(), subset(vec![MED_CNL, KAS_CNL, HEF])),
    )
        .prop_map(move |(postcode, km, occupation, level, hours, (rijbewijs, talen, skills))| {
            let mut mobility = json!({"bemiddelingspostcode": postcode});
            if let Some(km) = km {
                mobility["maximaleReisafstand"] = json!(km);
            }
            let mut doc = json!({"idWerkzoekende": format!("W{n}"), "mobiliteit": mobility});
            if let Some(o) = occupation {
                doc["bemiddelingsberoep"] = json!([{"codeBeroepsnaam": o}]);
            }
            let mut q = serde_json::Map::new();
            if let Some(l) = level {
                q.insert("codeWerkEnDenkniveauWerkzoekende".into(), json!(l));
            }
            for (key, list) in [("competentiebeheersing", skills), ("rijbewijs", rijbewijs), ("taalbeheersing", talen)] {
                if !list.is_empty() {
                    q.insert(key.into(), Value::Array(list));
                }
            }
            if !q.is_empty() {
                doc["arbeidsmarktkwalificatie"] = Value::Object(q);
            }
            if let Some(h) = hours {
                doc["werktijden"] = json!({"aantalWerkurenPerWeekMinimaal": h, "aantalWerkurenPerWeekMaximaal": h});
            }
            doc
        })
}

#[tokio::test]
async fn generated_vum_profiles_come_back_equal_from_the_source() {
    let db = TestDb::new().await;
    let (ctx, org) = context(&db).await;
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
    );
    let docs: Vec<Value> = (0..60)
        .map(|n| profile(n).new_tree(&mut runner).unwrap().current())
        .collect();
    let report = jobseekers_in(&ctx, org, &docs).await;
    assert_eq!(
        (report.imported, report.bad),
        (60, 0),
        "{:?}",
        report.problems
    );

    let question =
        json!({"vraagObject": {"selectiegebied": {"postcode": "2011AB", "afstand": 1000}}});
    let (served, more) = vum_source::profile_matches(&ctx, &question)
        .await
        .unwrap()
        .unwrap();
    assert!(!more);
    // Each profile comes back as it came in, under its own id.
    let by_id = |docs: &[Value]| {
        let mut d = docs.to_vec();
        d.sort_by_key(|d| d["idWerkzoekende"].as_str().unwrap_or("").to_string());
        d
    };
    assert_eq!(by_id(&served), by_id(&docs));

    // Imported again: each replaces itself; without --offer nothing new is offered to VUM.
    let again = jobseekers_in(&ctx, org, &docs).await;
    assert_eq!((again.imported, again.skipped), (60, 0));
    let quiet = serde_json::to_vec(&[
        json!({"idWerkzoekende": "Q1", "mobiliteit": {"bemiddelingspostcode": "2011AB"}}),
    ])
    .unwrap();
    let mut o = options(false);
    o.today = None;
    import_jobseekers(
        &ctx,
        &by(Some(org)),
        &Meta::local("t"),
        "q.json",
        &quiet,
        &o,
        &mut |_| {},
    )
    .await
    .unwrap();
    let (served, _) = vum_source::profile_matches(&ctx, &question)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(served.len(), 60);
}
