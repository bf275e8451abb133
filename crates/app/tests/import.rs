//! Importing employers: bad rows reported with line and reason while the good ones are imported,
//! a dry run that saves nothing, no duplicates on a second run, XLSX like CSV.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koppel_app::context::Settings;
use koppel_app::import::{import_employers, ImportBy, ImportOptions};
use koppel_app::{AppContext, Meta};
use koppel_test_support::TestDb;

const CSV: &str = "Relatie;Naam;KvK;Sector;Postcode;Plaats;Opmerking
R1;Bakkerij Spaarne;34123456;handel;2011AB;Haarlem;x
R2;Zorg aan Zee;;zorg_welzijn;2041 AA;Zandvoort;
R3;;;bouw;;;naam ontbreekt
R4;Staal & Co;1234;ruimtevaart;99;Velsen;drie fouten
R5;Bakkerij Spaarne 2;34123456;handel;;Haarlem;zelfde KvK als R1
R6;Zorg aan Zee B.V.;;zorg_welzijn;2041AA;Zandvoort;lijkt op R2
";

async fn run(
    ctx: &AppContext,
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> koppel_app::import::ImportReport {
    let by = ImportBy {
        user_id: None,
        org_id: None,
        name: "test".into(),
    };
    import_employers(
        ctx,
        &by,
        &Meta::local("test"),
        name,
        bytes,
        options,
        &mut |_, _| {},
    )
    .await
    .unwrap()
}

async fn employers(ctx: &AppContext) -> i64 {
    let mut tx = ctx.store.begin().await.unwrap();
    tx.scalar("SELECT COUNT(*) FROM employers", &[])
        .await
        .unwrap()
}

#[tokio::test]
async fn bad_rows_are_reported_and_the_rest_imported_once() {
    let db = TestDb::new().await;
    let ctx = AppContext::open(&db.url, Settings::default())
        .await
        .unwrap();
    let mapping = ImportOptions {
        dry_run: true,
        mapping: vec![("Relatie".into(), "externalId".into())],
    };
    let dry = run(&ctx, "werkgevers.csv", CSV.as_bytes(), &mapping).await;
    assert_eq!(
        (dry.imported, dry.skipped, dry.bad, dry.import_id),
        (2, 2, 2, None)
    );
    assert_eq!(employers(&ctx).await, 0, "a dry run saves nothing");
    let lines: Vec<(i64, &str)> = dry
        .problems
        .iter()
        .map(|p| (p.line, p.outcome.as_str()))
        .collect();
    assert_eq!(
        lines,
        [(4, "bad"), (5, "bad"), (6, "skipped"), (7, "skipped")]
    );
    let r5 = &dry.problems[1].reason;
    assert!(
        r5.contains("kvkNumber") && r5.contains("sector") && r5.contains("postcode"),
        "every reason of the row: {r5}"
    );
    assert!(dry.problems[2]
        .reason
        .contains("KvK-nummer 34123456 bestaat al"));
    assert!(dry.problems[3].reason.contains("Lijkt op"));
    assert!(
        dry.columns.contains(&("Opmerking".to_string(), None)),
        "unused columns are named"
    );

    let real = ImportOptions {
        dry_run: false,
        ..mapping
    };
    let first = run(&ctx, "werkgevers.csv", CSV.as_bytes(), &real).await;
    assert_eq!((first.imported, first.skipped, first.bad), (2, 2, 2));
    assert_eq!(employers(&ctx).await, 2);
    let mut tx = ctx.store.begin().await.unwrap();
    let ext: Vec<(Option<String>, Option<String>)> = tx
        .fetch_all(
            "SELECT external_id, postcode FROM employers ORDER BY id",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(
        ext,
        [
            (Some("R1".into()), Some("2011AB".into())),
            (Some("R2".into()), Some("2041AA".into()))
        ]
    );
    tx.commit().await.unwrap();

    let again = run(&ctx, "werkgevers.csv", CSV.as_bytes(), &real).await;
    assert_eq!(
        (again.imported, again.skipped, again.bad),
        (0, 4, 2),
        "a second run creates nothing"
    );
    assert_eq!(employers(&ctx).await, 2);
}

#[tokio::test]
async fn xlsx_reads_like_csv_and_unknown_mappings_are_refused() {
    let db = TestDb::new().await;
    let ctx = AppContext::open(&db.url, Settings::default())
        .await
        .unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Naam", "KvK-nummer", "Sector", "Postcode"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "Drukkerij Duin").unwrap();
    sheet.write_number(1, 1, 56781234.0).unwrap();
    sheet.write_string(1, 2, "industrie").unwrap();
    sheet.write_string(1, 3, "1971AA").unwrap();
    sheet.write_string(2, 0, "Zonder sector").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let report = run(&ctx, "lijst.xlsx", &bytes, &ImportOptions::default()).await;
    assert_eq!((report.imported, report.bad), (1, 1));
    assert_eq!(report.problems[0].line, 3);
    let mut tx = ctx.store.begin().await.unwrap();
    let kvk: (Option<String>,) = tx
        .fetch_one("SELECT kvk_number FROM employers", &[])
        .await
        .unwrap();
    assert_eq!(kvk.0.as_deref(), Some("56781234"));
    tx.commit().await.unwrap();

    let by = ImportBy {
        user_id: None,
        org_id: None,
        name: "test".into(),
    };
    let wrong = ImportOptions {
        dry_run: true,
        mapping: vec![("Bestaat niet".into(), "naam".into())],
    };
    let err = import_employers(
        &ctx,
        &by,
        &Meta::local("t"),
        "lijst.xlsx",
        &bytes,
        &wrong,
        &mut |_, _| {},
    )
    .await;
    let Err(koppel_app::AppError::Invalid(e)) = err else {
        panic!("refused")
    };
    assert_eq!(e.0.len(), 2);
    let broken = import_employers(
        &ctx,
        &by,
        &Meta::local("t"),
        "kapot.xlsx",
        b"geen zip",
        &ImportOptions::default(),
        &mut |_, _| {},
    )
    .await;
    let Err(koppel_app::AppError::Invalid(e)) = broken else {
        panic!("refused")
    };
    assert!(e.0[0]
        .message
        .starts_with("kapot.xlsx: geen leesbaar XLSX-bestand"));
}
