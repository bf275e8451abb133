//! An import whose run died is taken over and finished by another run, without a new upload:
//! every row exactly once, the report of the whole file, the kept file deleted at the end; and a
//! job whose starter may no longer import is ended, not run on their behalf.

use std::time::Duration;

use koppel_app::context::Settings;
use koppel_app::import::{import_employers, resume_abandoned, ImportBy, ImportOptions, Progress};
use koppel_app::{AppContext, Meta};
use koppel_test_support::TestDb;

const ROWS: usize = 9_000;

fn csv() -> String {
    let mut csv = String::from("Relatie;Naam;Sector;Plaats\n");
    for i in 0..ROWS {
        let sector = if i % 100 == 7 {
            "ruimtevaart"
        } else {
            "handel"
        };
        csv.push_str(&format!("R{i};Werkgever nummer {i};{sector};Haarlem\n"));
    }
    csv
}

fn by(name: &str) -> ImportBy {
    ImportBy {
        user_id: None,
        org_id: None,
        name: name.into(),
    }
}

fn options() -> ImportOptions {
    ImportOptions {
        dry_run: false,
        mapping: vec![("Relatie".into(), "externalId".into())],
    }
}

async fn count(ctx: &AppContext, sql: &str) -> i64 {
    let mut tx = ctx.store().begin().await.unwrap();
    let n = tx.scalar(sql, &[]).await.unwrap();
    tx.commit().await.unwrap();
    n
}

/// Starts an import and stops its run dead right after its first committed batch, as kill -9
/// would: no clean-up, the lease left to expire. (The run panics in its progress report, which
/// comes between batches, so no transaction is left open behind it.)
async fn killed_after_first_batch(ctx: &AppContext, csv: &str) {
    let run = {
        let (ctx, csv) = (ctx.clone(), csv.to_string());
        tokio::spawn(async move {
            let (by, options) = (by("test"), options());
            let mut follow = |p: Progress| {
                if p.done > 0 {
                    panic!("the run dies after its first batch");
                }
            };
            let meta = Meta::local("test");
            let _ = import_employers(
                &ctx,
                &by,
                &meta,
                "werkgevers.csv",
                csv.as_bytes(),
                &options,
                &mut follow,
            )
            .await;
        })
    };
    assert!(run.await.is_err(), "the run died");
}

#[tokio::test]
async fn a_job_whose_run_died_is_taken_over_and_finished_once() {
    let db = TestDb::new().await;
    let settings = Settings {
        import_lease_seconds: 3,
        ..Settings::default()
    };
    let ctx = AppContext::open(&db.url, settings).await.unwrap();
    let csv = csv();
    killed_after_first_batch(&ctx, &csv).await;
    let done = count(&ctx, "SELECT MAX(done_rows) FROM imports").await;
    assert!(
        (koppel_app::import::BATCH as i64..ROWS as i64).contains(&done),
        "died halfway: {done}"
    );
    assert!(
        resume_abandoned(&ctx).await.unwrap().is_none(),
        "while the lease holds, nobody takes the job"
    );
    // A second upload of the same file while the lease holds is refused, never run twice.
    let (by, options) = (by("tweede"), options());
    let meta = Meta::local("test");
    let second = import_employers(
        &ctx,
        &by,
        &meta,
        "werkgevers.csv",
        csv.as_bytes(),
        &options,
        &mut |_| {},
    )
    .await;
    assert!(
        format!("{second:?}").contains("import_running"),
        "{second:?}"
    );
    tokio::time::sleep(Duration::from_millis(3_500)).await;
    let report = resume_abandoned(&ctx)
        .await
        .unwrap()
        .expect("the expired job is taken over");
    assert!(
        report.resumed_after >= koppel_app::import::BATCH as i64,
        "{report:?}"
    );
    let good = (ROWS - ROWS / 100) as i64;
    assert_eq!((report.imported, report.bad), (good, (ROWS / 100) as i64));
    assert_eq!(
        report.problems.len(),
        ROWS / 100,
        "the report covers the whole file, the dead run's batches too"
    );
    assert_eq!(count(&ctx, "SELECT COUNT(*) FROM employers").await, good);
    assert_eq!(
        count(&ctx, "SELECT COUNT(DISTINCT external_id) FROM employers").await,
        good
    );
    assert_eq!(
        count(
            &ctx,
            "SELECT COUNT(*) FROM imports WHERE status = 'done' AND failure IS NULL"
        )
        .await,
        1
    );
    assert_eq!(
        count(&ctx, "SELECT COUNT(*) FROM import_files").await,
        0,
        "the kept file is deleted with the job's end"
    );
    assert!(resume_abandoned(&ctx).await.unwrap().is_none());
}

/// A job started by a user who has since been deactivated is ended with the reason, and its file
/// deleted: the server never imports on behalf of someone who may no longer.
#[tokio::test]
async fn a_job_of_a_deactivated_user_is_ended_not_run() {
    let db = TestDb::new().await;
    let settings = Settings {
        import_lease_seconds: 1,
        ..Settings::default()
    };
    let ctx = AppContext::open(&db.url, settings).await.unwrap();
    let mut tx = ctx.store().begin().await.unwrap();
    let org = tx
        .insert("INSERT INTO organisations (name, short_name, kind, wsp_partner, created_at) VALUES ('Gemeente X', 'gx', 'municipality', TRUE, $1) RETURNING id", &koppel_store::vals![chrono::Utc::now()])
        .await
        .unwrap();
    let user = tx
        .insert("INSERT INTO users (org_id, email, name, role, password_hash, created_at) VALUES ($1, 'a@gx.nl', 'A', 'adviser', 'x', $2) RETURNING id", &koppel_store::vals![org, chrono::Utc::now()])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let plan = serde_json::json!({
        "kind": "employers", "file_name": "w.csv", "mapping": [],
        "publish": false, "employer_sector": null, "today": null,
        "user_id": user, "org_id": org, "by_name": "test"
    });
    let mut tx = ctx.store().begin().await.unwrap();
    let job = koppel_store::import_jobs::NewJob {
        kind: "employers",
        file_name: "w.csv",
        hash: "h",
        total_rows: 1,
        org_id: Some(org),
        created_by: Some(user),
        plan: &plan.to_string(),
        content: b"Naam;Sector\nBakkerij;handel\n",
        holder: "dood",
        lease_until: chrono::Utc::now() - chrono::Duration::seconds(5),
    };
    koppel_store::import_jobs::start(&mut tx, &job)
        .await
        .unwrap();
    tx.execute(
        &format!("UPDATE users SET active = FALSE WHERE id = {user}"),
        &[],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(resume_abandoned(&ctx).await.unwrap().is_none());
    assert_eq!(count(&ctx, "SELECT COUNT(*) FROM employers").await, 0);
    assert_eq!(
        count(
            &ctx,
            "SELECT COUNT(*) FROM imports WHERE status = 'done' AND failure IS NOT NULL"
        )
        .await,
        1
    );
    assert_eq!(count(&ctx, "SELECT COUNT(*) FROM import_files").await, 0);
}
