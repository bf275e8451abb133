//! Importing employers: bad rows reported with line and reason while the good ones are imported,
//! a dry run that saves nothing, no duplicates on a second run, XLSX like CSV.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koppel_app::context::Settings;
use koppel_app::import::{import_employers, ImportBy, ImportOptions, Progress};
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
        &mut |_| {},
    )
    .await
    .unwrap()
}

async fn employers(ctx: &AppContext) -> i64 {
    let mut tx = ctx.store().begin().await.unwrap();
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
    let mut tx = ctx.store().begin().await.unwrap();
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
    let mut tx = ctx.store().begin().await.unwrap();
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
        &mut |_| {},
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
        &mut |_| {},
    )
    .await;
    let Err(koppel_app::AppError::Invalid(e)) = broken else {
        panic!("refused")
    };
    assert!(e.0[0]
        .message
        .starts_with("kapot.xlsx: geen leesbaar XLSX-bestand"));
}

#[tokio::test]
async fn vacancies_find_their_employer_and_candidates_join_the_importers_organisation() {
    let db = TestDb::new().await;
    let ctx = AppContext::open(&db.url, Settings::default())
        .await
        .unwrap();
    run(
        &ctx,
        "w.csv",
        CSV.as_bytes(),
        &ImportOptions {
            dry_run: false,
            mapping: vec![("Relatie".into(), "externalId".into())],
        },
    )
    .await;
    let by = ImportBy {
        user_id: None,
        org_id: None,
        name: "test".into(),
    };
    let vacancies = "Vacaturenummer;Werkgever extern id;KvK werkgever;Titel;Uren;Contract;Sluitingsdatum;Vacaturekrant
V1;R1;;Bakker;32;temporary;2030-12-31;ja
V2;;34123456;Verkoper;20;permanent;;nee
V3;R9;;Onbekend;;;;
V4;R1;;bakker;24;;;
V5;R2;;Zorghulp;99;klus;31-02-2030;
";
    let options = ImportOptions::default();
    let r = koppel_app::import::import_vacancies(
        &ctx,
        &by,
        &Meta::local("t"),
        "v.csv",
        vacancies.as_bytes(),
        &options,
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(
        (r.imported, r.skipped, r.bad),
        (2, 1, 2),
        "{:?}",
        r.problems
    );
    let outcomes: Vec<(i64, &str)> = r
        .problems
        .iter()
        .map(|p| (p.line, p.outcome.as_str()))
        .collect();
    assert_eq!(outcomes, [(4, "bad"), (5, "skipped"), (6, "bad")]);
    assert!(r.problems[0].reason.contains("Geen bekende werkgever"));
    let v5 = &r.problems[2].reason;
    assert!(
        v5.contains("hoursPerWeek") && v5.contains("contractType") && v5.contains("closingDate"),
        "{v5}"
    );
    let again = koppel_app::import::import_vacancies(
        &ctx,
        &by,
        &Meta::local("t"),
        "v.csv",
        vacancies.as_bytes(),
        &options,
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(again.imported, 0);

    let people = "Klantnummer;Voornaam;Achternaam;E-mail;Postcode;Doelgroep;Werkfit
K1;Anna;de Vries;anna@voorbeeld.nl;2011AB;P-wet;ja
K2;Piet;Jansen;geen-adres;;WW;nee
K3;Anne;Vries;ANNA@voorbeeld.nl;;ww;
K4;Mo;Ali;;;Ruimtevaart;
";
    let no_org = koppel_app::import::import_candidates(
        &ctx,
        &by,
        &Meta::local("t"),
        "k.csv",
        people.as_bytes(),
        &options,
        &mut |_| {},
    )
    .await;
    assert!(matches!(no_org, Err(koppel_app::AppError::Invalid(_))));
    let mut tx = ctx.store().begin().await.unwrap();
    let org = tx
        .insert("INSERT INTO organisations (name, short_name, kind, wsp_partner, created_at) VALUES ('Gemeente X', 'gx', 'municipality', TRUE, $1) RETURNING id", &koppel_store::vals![chrono::Utc::now()])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let by_org = ImportBy {
        user_id: None,
        org_id: Some(org),
        name: "test".into(),
    };
    let c = koppel_app::import::import_candidates(
        &ctx,
        &by_org,
        &Meta::local("t"),
        "k.csv",
        people.as_bytes(),
        &options,
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(
        (c.imported, c.skipped, c.bad),
        (1, 1, 2),
        "{:?}",
        c.problems
    );
    assert!(c
        .problems
        .iter()
        .any(|p| p.line == 4 && p.reason.contains("e-mailadres is al")));
    let mut tx = ctx.store().begin().await.unwrap();
    let (group, ext): (String, Option<String>) = tx
        .fetch_one(
            "SELECT target_group, external_id FROM candidates WHERE org_id = $1",
            &koppel_store::vals![org],
        )
        .await
        .unwrap();
    assert_eq!((group.as_str(), ext.as_deref()), ("pwet", Some("K1")));
    let logged = tx
        .scalar(
            "SELECT COUNT(*) FROM processing_log WHERE name = 'candidate.import'",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(logged, 1, "the imported candidate's processing is logged");
    tx.commit().await.unwrap();
}

/// Two runs of the same import at once (a double click, a second process) never import a row twice
/// (finding 1 of the reliability review: 88,920 candidates for 49,400 people on PostgreSQL). One run
/// imports; the other is refused with a clear message, or, when the first is done, finds every row
/// already there.
#[tokio::test]
async fn two_runs_of_the_same_import_at_once_import_each_row_once() {
    let db = TestDb::new().await;
    let ctx = AppContext::open(&db.url, Settings::default())
        .await
        .unwrap();
    let mut csv = String::from("Relatie;Naam;Sector;Plaats\n");
    for i in 0..5_000 {
        csv.push_str(&format!("R{i};Werkgever nummer {i};handel;Haarlem\n"));
    }
    let by = ImportBy {
        user_id: None,
        org_id: None,
        name: "test".into(),
    };
    let options = ImportOptions {
        dry_run: false,
        mapping: vec![("Relatie".into(), "externalId".into())],
    };
    let meta = Meta::local("test");
    // The second run starts when the first has committed its first batch, so both go for the next.
    let started = std::sync::Arc::new(tokio::sync::Notify::new());
    let second = {
        let (ctx, csv, options, started) =
            (ctx.clone(), csv.clone(), options.clone(), started.clone());
        tokio::spawn(async move {
            started.notified().await;
            let by = ImportBy {
                user_id: None,
                org_id: None,
                name: "tweede".into(),
            };
            let meta = Meta::local("test");
            import_employers(
                &ctx,
                &by,
                &meta,
                "werkgevers.csv",
                csv.as_bytes(),
                &options,
                &mut |_| {},
            )
            .await
        })
    };
    let first = import_employers(
        &ctx,
        &by,
        &meta,
        "werkgevers.csv",
        csv.as_bytes(),
        &options,
        &mut |p: Progress| {
            if p.done == koppel_app::import::BATCH as i64 {
                started.notify_one();
            }
        },
    )
    .await;
    let second = second.await.unwrap();
    let refused = |r: &Result<koppel_app::import::ImportReport, koppel_app::AppError>| {
        r.as_ref()
            .err()
            .is_some_and(|e| format!("{e:?}").contains("import_running"))
    };
    assert!(
        (first.is_ok() || refused(&first)) && (second.is_ok() || refused(&second)),
        "only a clear refusal: {first:?} {second:?}"
    );
    assert_eq!(
        employers(&ctx).await,
        5_000,
        "every row once: {first:?} {second:?}"
    );
    // Run again, both at once, after it is done: every row is already there.
    let (mut quiet_a, mut quiet_b) = (|_: Progress| {}, |_: Progress| {});
    let (a, b) = tokio::join!(
        import_employers(
            &ctx,
            &by,
            &meta,
            "werkgevers.csv",
            csv.as_bytes(),
            &options,
            &mut quiet_a
        ),
        import_employers(
            &ctx,
            &by,
            &meta,
            "werkgevers.csv",
            csv.as_bytes(),
            &options,
            &mut quiet_b
        )
    );
    assert!(
        (a.is_ok() || refused(&a)) && (b.is_ok() || refused(&b)),
        "{a:?} {b:?}"
    );
    assert_eq!(employers(&ctx).await, 5_000);
}

/// Hostile workbooks and CSV files: the reader refuses them with a clear message, and never
/// allocates what the file merely claims (finding 2 of the security review: a 1.5 KB workbook with
/// cells A1 and XFD1048576 made the import allocate 512 GiB and abort the process).
mod hostile {
    use std::io::Write;

    use koppel_app::import::sheet;
    use proptest::prelude::*;

    /// A minimal workbook whose first sheet holds `sheet_xml`'s cells, deflated.
    pub fn workbook(cells: &str) -> Vec<u8> {
        let parts = [
            ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
            ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
            ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
            ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#)),
        ];
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            out.start_file(name, options).unwrap();
            out.write_all(text.as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    fn cell(r: &str, text: &str) -> String {
        format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
    }

    #[test]
    fn a_sheet_that_claims_the_far_corner_is_refused_without_allocating_it() {
        let bytes = workbook(&format!(
            r#"<row r="1">{}</row><row r="1048576">{}</row>"#,
            cell("A1", "naam"),
            cell("XFD1048576", "x")
        ));
        assert!(bytes.len() < 2_000, "the workbook is {} bytes", bytes.len());
        let e = sheet::read("bom.xlsx", &bytes).unwrap_err().to_string();
        assert!(e.contains("kolommen"), "{e}");
    }

    #[test]
    fn a_sparse_sheet_keeps_its_cells_and_line_numbers() {
        let bytes = workbook(&format!(
            r#"<row r="2">{}{}</row><row r="5">{}{}</row>"#,
            cell("B2", "naam"),
            cell("D2", "plaats"),
            cell("B5", "Bakkerij"),
            cell("D5", "Haarlem")
        ));
        let s = sheet::read("klein.xlsx", &bytes).unwrap();
        assert_eq!(s.headers, ["naam", "", "plaats"]);
        assert_eq!(
            s.rows,
            [(
                5,
                vec!["Bakkerij".to_string(), String::new(), "Haarlem".to_string()]
            )]
        );
    }

    #[test]
    fn a_workbook_that_unpacks_beyond_the_limit_is_refused() {
        let filler = " ".repeat(sheet::limits::UNPACKED_BYTES as usize + 1);
        let bytes = workbook(&format!(
            "<row r=\"1\">{}</row>{filler}",
            cell("A1", "naam")
        ));
        assert!(bytes.len() < 2_000_000);
        let e = sheet::read("groot.xlsx", &bytes).unwrap_err().to_string();
        assert!(e.contains("uitgepakt"), "{e}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any damage to a valid workbook gives a sheet or a clear error, never a panic.
        #[test]
        fn damaged_workbooks_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..40)) {
            let mut bytes = workbook(&format!("<row r=\"1\">{}{}</row><row r=\"2\">{}{}</row>",
                cell("A1", "naam"), cell("B1", "plaats"), cell("A2", "Bakkerij"), cell("B2", "Haarlem")));
            for (at, value) in flips {
                let i = at % bytes.len();
                bytes[i] = value;
            }
            let _ = sheet::read("kapot.xlsx", &bytes);
        }

        /// Cells anywhere in the grid: far-away ones are refused, near ones read back.
        #[test]
        fn cells_anywhere_are_read_or_refused(cols in proptest::collection::vec(0u32..16_384, 1..8), row in 1u32..1_048_577) {
            let name = |mut c: u32| { let mut s = String::new(); c += 1; while c > 0 { c -= 1; s.insert(0, (b'A' + (c % 26) as u8) as char); c /= 26; } s };
            let cells: String = cols.iter().map(|&c| cell(&format!("{}{row}", name(c)), "x")).collect();
            let bytes = workbook(&format!("<row r=\"{row}\">{cells}</row>"));
            match sheet::read("ergens.xlsx", &bytes) {
                Ok(s) => prop_assert!(cols.iter().all(|&c| c < sheet::limits::COLUMNS) && s.headers.len() <= sheet::limits::COLUMNS as usize),
                Err(e) => prop_assert!(cols.iter().any(|&c| c >= sheet::limits::COLUMNS) || row > sheet::limits::ROWS, "{e}"),
            }
        }

        /// Arbitrary bytes as CSV: rows or a clear error, never a panic.
        #[test]
        fn arbitrary_csv_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
            let _ = sheet::read("willekeurig.csv", &bytes);
        }
    }
}
