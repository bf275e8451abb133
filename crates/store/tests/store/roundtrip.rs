//! Store round trips for the reference entities: organisations, users with clusters, sessions,
//! tokens, target groups and taxonomy concepts. (Employers, vacancies, candidates, nominations and
//! placements make their round trips through the use cases in the web crate's tests.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, Utc};
use koppel_store::{accounts, candidates, organisations, taxonomy, users, Store, StoreError};
use koppel_test_support::TestDb;

async fn store() -> (TestDb, Store) {
    let db = TestDb::new().await;
    let store = Store::connect(&db.url).await.unwrap();
    store.migrate().await.unwrap();
    (db, store)
}

fn velsen() -> organisations::NewOrganisation<'static> {
    organisations::NewOrganisation {
        name: "Gemeente Velsen",
        short_name: "Velsen",
        kind: "municipality",
        wsp_partner: false,
        municipality_code: Some("GM0453".into()),
        oin: Some("00000001001234567000".into()),
    }
}

fn user(org_id: i64, name: &'static str) -> users::NewUser<'static> {
    users::NewUser {
        org_id,
        email: "b@velsen.nl",
        name,
        role: "partner",
        password_hash: "x",
    }
}

#[tokio::test]
async fn organisations_users_sessions_and_tokens() {
    let (_db, store) = store().await;
    let mut tx = store.begin().await.unwrap();
    let org_id = organisations::insert(&mut tx, &velsen()).await.unwrap();
    let got = organisations::by_short_name(&mut tx, "velsen")
        .await
        .unwrap();
    assert_eq!(
        (
            got.id,
            got.kind.as_str(),
            got.municipality_code.as_deref(),
            got.oin.as_deref(),
            got.wsp_partner
        ),
        (
            org_id,
            "municipality",
            Some("GM0453"),
            Some("00000001001234567000"),
            false
        )
    );
    let uid = users::insert(&mut tx, &user(org_id, "B. Eleid"))
        .await
        .unwrap();
    users::add_cluster(&mut tx, uid, "techniek").await.unwrap();
    users::add_cluster(&mut tx, uid, "zorg_welzijn")
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // A failed statement spoils a PostgreSQL transaction, so each refusal gets its own.
    let mut tx = store.begin().await.unwrap();
    assert!(
        matches!(
            organisations::insert(&mut tx, &velsen()).await,
            Err(StoreError::Duplicate(_))
        ),
        "short names are unique"
    );
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    assert!(
        matches!(
            users::insert(&mut tx, &user(org_id, "Dubbel")).await,
            Err(StoreError::Duplicate(_))
        ),
        "e-mail addresses are unique"
    );
    drop(tx);

    let mut tx = store.begin().await.unwrap();
    let u = users::get(&mut tx, uid).await.unwrap();
    assert_eq!(
        (
            u.email.as_str(),
            u.name.as_str(),
            u.role.as_str(),
            u.org_name.as_str(),
            u.active
        ),
        ("b@velsen.nl", "B. Eleid", "partner", "Velsen", true)
    );
    assert_eq!(
        users::clusters(&mut tx, uid).await.unwrap(),
        ["techniek", "zorg_welzijn"]
    );
    users::create_session(
        &mut tx,
        "live",
        uid,
        "csrf1",
        Utc::now() + Duration::hours(1),
        true,
    )
    .await
    .unwrap();
    users::create_session(
        &mut tx,
        "old",
        uid,
        "csrf2",
        Utc::now() - Duration::hours(1),
        true,
    )
    .await
    .unwrap();
    assert_eq!(users::purge_expired_sessions(&mut tx).await.unwrap(), 1);
    assert_eq!(
        users::session(&mut tx, "live")
            .await
            .unwrap()
            .map(|s| s.csrf_token),
        Some("csrf1".into())
    );
    assert!(users::session(&mut tx, "old").await.unwrap().is_none());
    for (hash, days, read_only) in [("hash1", 30, true), ("old", -1, false)] {
        let token = accounts::NewToken {
            user_id: uid,
            token_hash: hash,
            label: "partner feed",
            expires_at: Utc::now() + Duration::days(days),
            read_only,
        };
        accounts::insert_token(&mut tx, &token).await.unwrap();
    }
    let now = Utc::now();
    assert_eq!(
        accounts::token_user(&mut tx, "hash1", now).await.unwrap(),
        Some((uid, true))
    );
    assert_eq!(
        accounts::token_user(&mut tx, "hash2", now).await.unwrap(),
        None
    );
    assert_eq!(
        accounts::token_user(&mut tx, "old", now).await.unwrap(),
        None,
        "an expired token opens nothing"
    );
    let listed = accounts::tokens(&mut tx, Some(uid)).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(accounts::revoke_token(&mut tx, listed[1].id, Some(uid))
        .await
        .unwrap());
    assert_eq!(
        accounts::token_user(&mut tx, "hash1", now).await.unwrap(),
        None
    );
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn target_groups_and_taxonomy_concepts() {
    let (_db, store) = store().await;
    let mut tx = store.begin().await.unwrap();
    candidates::insert_target_group(&mut tx, "ww", "WW", true, true, 1)
        .await
        .unwrap();
    candidates::insert_target_group(&mut tx, "eigen", "Eigen groep", false, false, 100)
        .await
        .unwrap();
    let groups = candidates::target_groups(&mut tx).await.unwrap();
    let summary: Vec<(&str, bool, bool)> = groups
        .iter()
        .map(|g| (g.code.as_str(), g.has_target, g.builtin))
        .collect();
    assert_eq!(summary, [("ww", true, true), ("eigen", false, false)]);
    let c = taxonomy::Concept {
        uri: "http://data.europa.eu/esco/occupation/x1".into(),
        kind: "occupation".into(),
        label: "apothekersassistent".into(),
        isco_group: Some("3213".into()),
    };
    taxonomy::upsert(&mut tx, &c, "farmaceutisch assistent|apothekersassistente")
        .await
        .unwrap();
    let renamed = taxonomy::Concept {
        label: "apothekersassistent (m/v)".into(),
        ..c.clone()
    };
    taxonomy::upsert(&mut tx, &renamed, "farmaceutisch assistent")
        .await
        .unwrap();
    assert_eq!(
        taxonomy::count(&mut tx, "occupation").await.unwrap(),
        1,
        "upsert replaces"
    );
    let found = taxonomy::search(&mut tx, "occupation", "Farmaceutisch", 10)
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "found by an alternative label");
    assert_eq!(found[0].label, "apothekersassistent (m/v)");
    assert_eq!(
        taxonomy::get(&mut tx, &c.uri)
            .await
            .unwrap()
            .unwrap()
            .isco_group
            .as_deref(),
        Some("3213")
    );
    tx.commit().await.unwrap();
}

/// Two runs of one import cannot both claim the same batch, nor both start the same import; a
/// run whose lease another took over can claim nothing more.
#[tokio::test]
async fn an_import_batch_is_claimed_once_and_a_file_runs_once() {
    use koppel_store::import_jobs::{self, NewJob};
    let db = TestDb::new().await;
    let store = Store::connect(&db.url).await.unwrap();
    store.migrate().await.unwrap();
    let now = chrono::Utc::now();
    let later = now + chrono::Duration::seconds(60);
    let new = |holder: &'static str| NewJob {
        kind: "employers",
        file_name: "a.csv",
        hash: "hash",
        total_rows: 5000,
        org_id: None,
        created_by: None,
        plan: "{}",
        content: b"Naam\n",
        holder,
        lease_until: later,
    };
    let mut tx = store.begin().await.unwrap();
    let id = import_jobs::start(&mut tx, &new("a")).await.unwrap();
    let mut job = import_jobs::get(&mut tx, id).await.unwrap();
    job.done_rows = 2000;
    import_jobs::claim(&mut tx, &job, 0, "a", later)
        .await
        .unwrap();
    let mut late = job.clone();
    late.done_rows = 2000;
    assert!(
        matches!(
            import_jobs::claim(&mut tx, &late, 0, "a", later).await,
            Err(StoreError::StaleVersion)
        ),
        "a run that read the job at 0 rows cannot claim the first batch again"
    );
    assert!(
        !import_jobs::take(&mut tx, id, "b", later, now)
            .await
            .unwrap(),
        "a held lease cannot be taken"
    );
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    assert!(
        matches!(
            import_jobs::start(&mut tx, &new("b")).await,
            Err(StoreError::Duplicate(_))
        ),
        "the same file cannot have two running imports"
    );
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    let after = later + chrono::Duration::seconds(1);
    assert!(
        import_jobs::take(
            &mut tx,
            id,
            "b",
            after + chrono::Duration::seconds(60),
            after
        )
        .await
        .unwrap(),
        "an expired lease is taken over"
    );
    job.done_rows = 4000;
    assert!(
        matches!(
            import_jobs::claim(&mut tx, &job, 2000, "a", later).await,
            Err(StoreError::StaleVersion)
        ),
        "the old holder can claim nothing once another took over"
    );
    import_jobs::claim(&mut tx, &job, 2000, "b", later)
        .await
        .unwrap();
    assert!(import_jobs::file(&mut tx, id).await.unwrap().is_some());
    import_jobs::finish(&mut tx, id, None).await.unwrap();
    assert!(
        import_jobs::file(&mut tx, id).await.unwrap().is_none(),
        "the file goes with the end"
    );
    import_jobs::start(&mut tx, &new("c"))
        .await
        .expect("once done, the file may be imported again");
    tx.commit().await.unwrap();
}
