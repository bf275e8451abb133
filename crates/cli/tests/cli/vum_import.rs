//! `koppel taxonomy import competentnl` and `koppel import vum-vacatures|vum-werkzoekenden` from
//! the command line: what is imported, what is refused and why, and nothing twice.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

use koppel_store::Store;
use koppel_test_support::TestDb;

fn koppel(db: &TestDb, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_koppel"))
        .args(["--db", &db.url])
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn fixture(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../app/tests/fixtures")
        .join(path)
        .to_string_lossy()
        .to_string()
}

#[tokio::test]
async fn vum_documents_come_in_from_the_command_line() {
    let db = TestDb::new().await;
    let dir = std::env::temp_dir().join(format!("koppel-vum-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    assert!(koppel(&db, &["migrate"]).0);
    let (ok, out) = koppel(&db, &["taxonomy", "import", "esco", &fixture("esco")]);
    assert!(ok, "{out}");
    let (ok, out) = koppel(
        &db,
        &[
            "taxonomy",
            "import",
            "competentnl",
            &fixture("competentnl/koppeltabel.csv"),
        ],
    );
    assert!(ok, "{out}");
    assert!(out.contains("4 URI's"), "{out}");
    let (ok, _) = koppel(
        &db,
        &[
            "org",
            "add",
            "--name",
            "Spaarne Werkt",
            "--short-name",
            "spaarne",
            "--kind",
            "reintegration_company",
            "--wsp",
        ],
    );
    assert!(ok);

    let vacancies = dir.join("vacatures.json");
    std::fs::write(
        &vacancies,
        r#"[{"idVacature": "A1", "naamVacature": "Apothekersassistent", "adres": {"postcode": "2011AB"},
             "beroep": {"codeBeroepsnaam": "https://competentnl.test/beroep/apothekersassistent"},
             "werkgever": {"handelsnaamOrganisatie": "Apotheek Centrum"}},
            {"idVacature": "A2", "naamVacature": "Kok", "werkgever": {"handelsnaamOrganisatie": "Eethuis"}}]"#,
    )
    .unwrap();
    // Without a sector the employers cannot be made: both refused, with the reason.
    let (ok, out) = koppel(
        &db,
        &["import", "vum-vacatures", vacancies.to_str().unwrap()],
    );
    assert!(ok, "{out}");
    assert!(
        out.contains("0 geïmporteerd, 0 overgeslagen (bestonden al), 2 afgekeurd"),
        "{out}"
    );
    assert!(
        out.contains("regel 1: afgekeurd: employer: Werkgever 'Apotheek Centrum' is niet bekend"),
        "{out}"
    );
    let (ok, out) = koppel(
        &db,
        &[
            "import",
            "vum-vacatures",
            vacancies.to_str().unwrap(),
            "--publish",
            "--sector",
            "zorg_welzijn",
        ],
    );
    assert!(ok, "{out}");
    assert!(
        out.contains("2 geïmporteerd, 0 overgeslagen (bestonden al), 0 afgekeurd"),
        "{out}"
    );

    let people = dir.join("werkzoekenden.json");
    std::fs::write(
        &people,
        r#"[{"idWerkzoekende": "W1", "mobiliteit": {"bemiddelingspostcode": "2011AB", "maximaleReisafstand": 20}},
            {"idWerkzoekende": "W2", "mobiliteit": {"bemiddelingspostcode": "2011AB", "maximaleReisafstand": 900}},
            {"idWerkzoekende": "W3", "mobiliteit": {"bemiddelingspostcode": "2011AB", "maximaleReisafstand": 5000}}]"#,
    )
    .unwrap();
    let (ok, out) = koppel(
        &db,
        &[
            "import",
            "vum-werkzoekenden",
            people.to_str().unwrap(),
            "--org",
            "spaarne",
            "--offer",
        ],
    );
    assert!(ok, "{out}");
    assert!(
        out.contains("2 geïmporteerd, 0 overgeslagen (bestonden al), 1 afgekeurd"),
        "{out}"
    );
    // 900 km is more than koppel's own field holds but within the schema; 5000 is not.
    assert!(
        out.contains("regel 3: afgekeurd: Geen geldig VUM-document volgens het schema: /mobiliteit/maximaleReisafstand: groter dan 999"),
        "{out}"
    );
    let (ok, out) = koppel(
        &db,
        &[
            "import",
            "vum-werkzoekenden",
            people.to_str().unwrap(),
            "--org",
            "spaarne",
        ],
    );
    assert!(ok, "{out}");
    assert!(
        out.contains("2 geïmporteerd, 0 overgeslagen (bestonden al), 1 afgekeurd"),
        "{out}"
    );

    let store = Store::connect(&db.url).await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let published: i64 = tx
        .scalar(
            "SELECT COUNT(*) FROM vacancies WHERE publish = TRUE AND external_id LIKE 'vum:%'",
            &[],
        )
        .await
        .unwrap();
    let offered: i64 = tx
        .scalar("SELECT COUNT(*) FROM candidates WHERE consent_scope = 'wsp_vum' AND first_name = 'VUM-profiel'", &[])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!((published, offered), (2, 2));

    std::fs::write(&people, "{\"idWerkzoekende\": 1}").unwrap();
    let (ok, out) = koppel(
        &db,
        &[
            "import",
            "vum-werkzoekenden",
            people.to_str().unwrap(),
            "--org",
            "spaarne",
        ],
    );
    assert!(!ok);
    assert!(
        out.contains("werkzoekenden.json: verwacht een JSON-lijst"),
        "{out}"
    );
}
