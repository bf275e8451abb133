//! The SQLite and PostgreSQL migrations must give the same schema: both are compared against one
//! description in `tests/schema.txt` (regenerate with `KOPPEL_UPDATE_SCHEMA=1`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koppel_store::{schema, Store};
use koppel_test_support::TestDb;

#[tokio::test]
async fn schema_matches_the_shared_description() {
    let db = TestDb::new().await;
    let store = Store::connect(&db.url).await.unwrap();
    store.migrate().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let lines = schema::describe(&mut tx).await.unwrap().join("\n") + "\n";
    tx.commit().await.unwrap();
    store.close().await;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schema.txt");
    if std::env::var("KOPPEL_UPDATE_SCHEMA").is_ok() {
        std::fs::write(path, &lines).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap();
    assert!(
        lines.lines().count() > 100,
        "schema description looks empty"
    );
    assert_eq!(
        lines,
        expected,
        "the {} schema differs from tests/schema.txt",
        if db.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
}

#[tokio::test]
async fn logs_are_append_only() {
    let db = TestDb::new().await;
    let store = Store::connect(&db.url).await.unwrap();
    store.migrate().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    tx.execute(
        "INSERT INTO audit_log (actor, action, object, result, origin, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)",
        &koppel_store::vals!["t", "login", "x", "success", "test", chrono::Utc::now()],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    assert!(
        tx.execute("DELETE FROM audit_log", &[]).await.is_err(),
        "deleting from the audit log must fail"
    );
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    assert!(
        tx.execute("UPDATE audit_log SET result = 'failure'", &[])
            .await
            .is_err(),
        "updating the audit log must fail"
    );
}

/// The codes of a domain code list.
fn codes<T: koppel_domain::codes::CodeList>() -> Vec<String> {
    let mut c: Vec<String> = T::ALL.iter().map(|v| v.code().to_string()).collect();
    c.sort();
    c
}

fn fixed(items: &[&str]) -> Vec<String> {
    let mut c: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    c.sort();
    c
}

/// Every `CHECK (column IN (...))` of the schema, on this backend, must equal the domain's code
/// list for that column (or, for codes only the store writes, the list below). A new code in the
/// domain without its migration, or a CHECK without its code list, fails here, not at run time.
#[tokio::test]
async fn every_check_constraint_equals_its_code_list() {
    use koppel_domain::codes::*;
    use koppel_domain::crm::*;
    use koppel_domain::desk;
    use koppel_domain::nomination::NominationState;
    let expected: Vec<(&str, &str, Vec<String>)> = vec![
        (
            "aftercare_tasks",
            "kind",
            fixed(&["two_months", "five_months", "follow_up"]),
        ),
        ("aftercare_tasks", "outcome", codes::<AftercareOutcome>()),
        ("agreements", "status", codes::<AgreementStatus>()),
        (
            "audit_log",
            "result",
            fixed(&["success", "failure", "denied"]),
        ),
        ("contact_moments", "kind", codes::<ContactKind>()),
        ("contact_moments", "level", codes::<PartnershipLevel>()),
        ("contact_requests", "source", codes::<RequestSource>()),
        ("desk_conversations", "asker", codes::<desk::Asker>()),
        ("desk_conversations", "channel", codes::<desk::Channel>()),
        ("desk_conversations", "question", codes::<desk::Question>()),
        ("desk_requests", "kind", codes::<desk::RequestKind>()),
        ("desk_requests", "question", codes::<desk::Question>()),
        ("employers", "sector", codes::<Sector>()),
        ("event_participants", "status", codes::<AttendanceStatus>()),
        ("events", "cluster", codes::<Cluster>()),
        ("events", "kind", codes::<EventKind>()),
        ("import_problems", "outcome", fixed(&["bad", "skipped"])),
        ("instrument_rules", "instrument", codes::<Instrument>()),
        (
            "imports",
            "kind",
            fixed(&["employers", "vacancies", "candidates"]),
        ),
        ("imports", "status", fixed(&["running", "done"])),
        ("nominations", "state", codes::<NominationState>()),
        (
            "occupation_skills",
            "relation",
            fixed(&["essential", "optional"]),
        ),
        ("organisations", "kind", codes::<OrganisationKind>()),
        (
            "outbox",
            "kind",
            codes::<koppel_domain::notifications::MailKind>(),
        ),
        ("placement_instruments", "instrument", codes::<Instrument>()),
        (
            "placement_instruments",
            "status",
            codes::<InstrumentStatus>(),
        ),
        ("placements", "contract_type", codes::<ContractType>()),
        ("processing_log", "status", fixed(&["ok", "error"])),
        ("referrals", "status", codes::<desk::ReferralStatus>()),
        (
            "trajectories",
            "outcome",
            codes::<desk::TrajectoryOutcome>(),
        ),
        (
            "targets",
            "scope_kind",
            fixed(&["region", "organisation", "subregion", "cluster"]),
        ),
        (
            "taxonomy_aliases",
            "relation",
            fixed(&["exactMatch", "closeMatch", "broadMatch", "narrowMatch"]),
        ),
        (
            "taxonomy_concepts",
            "kind",
            fixed(&["occupation", "skill", "skill_group"]),
        ),
        ("user_clusters", "cluster", codes::<Cluster>()),
        ("users", "role", codes::<Role>()),
        ("vacancies", "contract_type", codes::<ContractType>()),
        ("vacancies", "status", codes::<VacancyStatus>()),
    ];
    let db = TestDb::new().await;
    let store = Store::connect(&db.url).await.unwrap();
    store.migrate().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let checks = schema::code_checks(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    store.close().await;
    let found: Vec<(&str, &str, Vec<String>)> = checks
        .iter()
        .map(|(t, c, v)| (t.as_str(), c.as_str(), v.clone()))
        .collect();
    let mut expected = expected;
    expected.sort();
    assert_eq!(found, expected);
}
