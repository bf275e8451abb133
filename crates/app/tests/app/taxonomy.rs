//! Importing an ESCO bundle in the official CSV format (small fixtures), on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use koppel_app::context::Settings;
use koppel_app::taxonomy_import::{import_esco_dir, suggestions, ImportReport};
use koppel_app::{AppContext, AppError, Meta};
use koppel_store::taxonomy;
use koppel_test_support::TestDb;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/esco")
}

fn message(e: AppError) -> String {
    match e {
        AppError::Invalid(errors) => errors.to_string(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_official_format_is_imported_with_hierarchy_and_relations() {
    let db = TestDb::new().await;
    let ctx = AppContext::open(&db.url, Settings::default())
        .await
        .unwrap();
    let report = import_esco_dir(&ctx, &fixtures(), &Meta::local("test"))
        .await
        .unwrap();
    assert_eq!(
        report,
        ImportReport {
            occupations: 2,
            skills: 3,
            skill_groups: 2,
            broader_relations: 3,
            occupation_skill_relations: 3
        }
    );
    let again = import_esco_dir(&ctx, &fixtures(), &Meta::local("test"))
        .await
        .unwrap();
    assert_eq!(
        again, report,
        "importing twice replaces, it does not duplicate"
    );
    let mut tx = ctx.store().begin().await.unwrap();
    assert_eq!(taxonomy::count(&mut tx, "occupation").await.unwrap(), 2);
    let found = taxonomy::search(&mut tx, "occupation", "farmaceutisch", 5)
        .await
        .unwrap();
    assert_eq!(
        found[0].label, "apothekersassistent",
        "found by an alternative label from a multi-line cell"
    );
    assert_eq!(found[0].isco_group.as_deref(), Some("3213"));
    let by_label = taxonomy::skill_by_label(&mut tx, "Medicijnen meegeven")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_label.uri, "http://data.europa.eu/esco/skill/med-1");
    let hierarchy = taxonomy::hierarchy(&mut tx).await.unwrap();
    let parents: Vec<&str> = hierarchy
        .iter()
        .filter(|(c, _)| c == "http://data.europa.eu/esco/skill/med-1")
        .map(|(_, b)| b.as_str())
        .collect();
    assert_eq!(
        parents,
        [
            "http://data.europa.eu/esco/skill/grp-machines",
            "http://data.europa.eu/esco/skill/grp-zorg"
        ],
        "a skill with two broader concepts keeps both (the hierarchy is a graph)"
    );
    tx.commit().await.unwrap();
    let suggested = suggestions(&ctx, "http://data.europa.eu/esco/occupation/apo-1")
        .await
        .unwrap();
    assert_eq!(
        suggested,
        [
            (
                "http://data.europa.eu/esco/skill/med-1".to_string(),
                "geneesmiddelen verstrekken".to_string(),
                true
            ),
            (
                "http://data.europa.eu/esco/skill/kas-1".to_string(),
                "kassa bedienen".to_string(),
                false
            )
        ]
    );
}

#[tokio::test]
async fn files_not_in_the_esco_format_are_refused_with_file_line_and_column() {
    let db = TestDb::new().await;
    let ctx = AppContext::open(&db.url, Settings::default())
        .await
        .unwrap();
    let dir = std::env::temp_dir().join(format!("koppel-esco-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("occupations_nl.csv"), "uri,naam\nx,y\n").unwrap();
    let err = message(
        import_esco_dir(&ctx, &dir, &Meta::local("test"))
            .await
            .unwrap_err(),
    );
    assert!(
        err.contains("occupations_nl.csv, regel 1, kolom conceptUri: deze kolom ontbreekt"),
        "{err}"
    );
    std::fs::write(
        dir.join("occupations_nl.csv"),
        "conceptType,conceptUri,preferredLabel\nOccupation,http://e/1,een\nOccupation,,twee\n",
    )
    .unwrap();
    let err = message(
        import_esco_dir(&ctx, &dir, &Meta::local("test"))
            .await
            .unwrap_err(),
    );
    assert!(
        err.contains("occupations_nl.csv, regel 3, kolom conceptUri: de waarde ontbreekt"),
        "{err}"
    );
    std::fs::write(
        dir.join("occupations_nl.csv"),
        "conceptType,conceptUri,preferredLabel\nOccupation,http://e/1,een\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("occupationSkillRelations_nl.csv"),
        "occupationUri,relationType,skillType,skillUri\nhttp://e/1,belangrijk,skill,http://s/1\n",
    )
    .unwrap();
    let err = message(
        import_esco_dir(&ctx, &dir, &Meta::local("test"))
            .await
            .unwrap_err(),
    );
    assert!(
        err.contains("occupationSkillRelations_nl.csv, regel 2, kolom relationType: 'belangrijk'"),
        "{err}"
    );
    let mut tx = ctx.store().begin().await.unwrap();
    assert_eq!(
        taxonomy::count(&mut tx, "occupation").await.unwrap(),
        0,
        "nothing half-imported"
    );
    tx.commit().await.unwrap();
    let empty = std::env::temp_dir().join(format!("koppel-esco-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    assert!(message(
        import_esco_dir(&ctx, &empty, &Meta::local("test"))
            .await
            .unwrap_err()
    )
    .contains("geen ESCO-bestanden gevonden"));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&empty);
}
