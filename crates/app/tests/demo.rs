//! The demo region: generated deterministically per seed, with every role, the region's
//! municipalities and target groups, and reused (not duplicated) when run again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koppel_app::context::Settings;
use koppel_app::demo::{generate, DemoSize};
use koppel_app::AppContext;
use koppel_store::employers::{self, EmployerFilter};
use koppel_store::{vals, Page};
use koppel_test_support::TestDb;

const SMALL: DemoSize = DemoSize {
    employers: 120,
    candidates: 400,
    vacancies: 90,
};

async fn employer_names(ctx: &AppContext) -> Vec<String> {
    let mut tx = ctx.store.begin().await.unwrap();
    let page = employers::list(&mut tx, &EmployerFilter::default(), Page::new(1, 200))
        .await
        .unwrap();
    page.items
        .into_iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e.name,
                e.kvk_number.unwrap_or_default(),
                e.postcode.unwrap_or_default()
            )
        })
        .collect()
}

#[tokio::test]
async fn demo_is_deterministic_complete_and_reused() {
    let (db1, db2) = (TestDb::new().await, TestDb::new().await);
    let a = AppContext::open(&db1.url, Settings::default())
        .await
        .unwrap();
    let b = AppContext::open(&db2.url, Settings::default())
        .await
        .unwrap();
    let first = generate(&a, 7, SMALL).await.unwrap();
    assert!(first.created);
    generate(&b, 7, SMALL).await.unwrap();
    assert_eq!(
        employer_names(&a).await,
        employer_names(&b).await,
        "same seed, same region"
    );
    assert_eq!(employer_names(&a).await.len(), 120);

    let roles: std::collections::HashSet<&str> =
        first.logins.iter().map(|l| l.role.as_str()).collect();
    for role in [
        "adviser",
        "consultant",
        "jobhunter",
        "ukraine_desk",
        "manager",
        "admin",
        "partner",
    ] {
        assert!(roles.contains(role), "no demo user with role {role}");
    }
    assert!((35..=50).contains(&first.logins.len()));

    let mut tx = a.store.begin().await.unwrap();
    let municipalities = tx
        .scalar(
            "SELECT COUNT(DISTINCT municipality_code) FROM employers",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(
        municipalities, 7,
        "employers lie in the region's seven municipalities"
    );
    let outside = tx.scalar("SELECT COUNT(*) FROM employers WHERE municipality_code NOT IN ('GM0392','GM0473','GM0377','GM0397','GM0453','GM0375','GM0396')", &[]).await.unwrap();
    assert_eq!(outside, 0);
    let groups = tx
        .scalar("SELECT COUNT(DISTINCT target_group) FROM candidates", &[])
        .await
        .unwrap();
    assert!(groups >= 6);
    let placements = tx
        .scalar(
            "SELECT COUNT(*) FROM placements WHERE start_date >= $1",
            &vals![chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()],
        )
        .await
        .unwrap();
    assert!(
        placements > 50,
        "a 2025 history of placements, got {placements}"
    );
    let occupations = tx.scalar("SELECT COUNT(*) FROM vacancies WHERE occupation_uri LIKE 'http://data.europa.eu/esco/occupation/%'", &[]).await.unwrap();
    assert_eq!(occupations, 90, "every vacancy has a Dutch ESCO occupation");
    drop(tx);

    let again = generate(&a, 8, SMALL).await.unwrap();
    assert!(!again.created);
    assert_eq!(
        employer_names(&a).await.len(),
        120,
        "a second run reuses the database"
    );
}
