//! The figures against an independent count: the demo region's raw rows are counted here, in the
//! test, and every measure of the factsheet must agree; the figures stay the same after the
//! retention purge; small cells are hidden in what leaves the organisation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Months, NaiveDate, TimeZone, Utc};
use koppel_app::context::Settings;
use koppel_app::demo::{generate, DemoSize};
use koppel_app::figures::{compute, FigureFilter, Period};
use koppel_app::{AppContext, Meta};
use koppel_test_support::TestDb;

const SMALL: DemoSize = DemoSize {
    employers: 150,
    candidates: 900,
    vacancies: 120,
};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

async fn demo() -> (TestDb, AppContext) {
    let db = TestDb::new().await;
    let ctx = AppContext::open(&db.url, Settings::default())
        .await
        .unwrap();
    generate(&ctx, 7, SMALL).await.unwrap();
    (db, ctx)
}

#[derive(sqlx::FromRow)]
struct P {
    target_group: String,
    benefit_outflow: bool,
    start_date: NaiveDate,
    ended_on: Option<NaiveDate>,
    municipality_code: Option<String>,
}

#[tokio::test]
async fn every_measure_matches_an_independent_count() {
    let (_db, ctx) = demo().await;
    let period = Period::parse("2025-01-01", "2025-06-30").unwrap();
    let as_of = day("2026-11-01");
    // Dutch midnight: 23:00 UTC in winter, 22:00 UTC in summer.
    let start = Utc.with_ymd_and_hms(2024, 12, 31, 23, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2025, 6, 30, 22, 0, 0).unwrap();
    let mut tx = ctx.store().begin().await.unwrap();
    let sheet = compute(&mut tx, period, &FigureFilter::default(), as_of)
        .await
        .unwrap();

    // Placements per target group, outflow and sustainability, counted from the raw rows.
    let rows: Vec<P> = tx
        .fetch_all("SELECT target_group, benefit_outflow, start_date, ended_on, municipality_code FROM placements", &[])
        .await
        .unwrap();
    let inside: Vec<&P> = rows
        .iter()
        .filter(|p| p.start_date >= period.from && p.start_date <= period.to)
        .collect();
    assert!(
        inside.len() > 50,
        "the demo has placements in the first half of 2025: {}",
        inside.len()
    );
    let mut expected: HashMap<&str, [i64; 4]> = HashMap::new();
    for p in &inside {
        let e = expected.entry(p.target_group.as_str()).or_default();
        e[0] += 1;
        e[1] += p.benefit_outflow as i64;
        let six = p.start_date.checked_add_months(Months::new(6)).unwrap();
        if six <= as_of {
            e[2] += 1;
            if p.ended_on.map(|d| d >= six).unwrap_or(true) {
                e[3] += 1;
            }
        }
    }
    for row in &sheet.placements_by_target_group.rows {
        let e = expected.get(row.key.as_str()).copied().unwrap_or_default();
        let got: Vec<i64> = row.counts.iter().map(|c| c.unwrap()).collect();
        assert_eq!(got, e.to_vec(), "target group {}", row.key);
    }
    assert_eq!(
        sheet.key_figures.get("placements", "value"),
        Some(inside.len() as i64)
    );
    assert_eq!(sheet.placements_by_month.total(0), inside.len() as i64);
    let jan = inside
        .iter()
        .filter(|p| p.start_date < day("2025-02-01"))
        .count() as i64;
    assert_eq!(
        sheet.placements_by_month.get("2025-01", "placements"),
        Some(jan)
    );
    let ijmond = ["GM0453", "GM0375", "GM0396"];
    let in_ijmond = inside
        .iter()
        .filter(|p| {
            p.municipality_code
                .as_deref()
                .is_some_and(|m| ijmond.contains(&m))
        })
        .count() as i64;
    assert_eq!(
        sheet.placements_by_subregion.get("IJmond", "placements"),
        Some(in_ijmond)
    );

    // Targets: the first half of 2025 is 181 of 365 days of each yearly target.
    let wajong = sheet
        .targets
        .iter()
        .find(|t| t.target_group == "wajong")
        .unwrap();
    assert_eq!(wajong.yearly, Some(25));
    assert_eq!(
        wajong.for_period,
        Some((25.0_f64 * 181.0 / 365.0).round() as i64)
    );
    let total: i64 = sheet.targets.iter().filter_map(|t| t.yearly).sum();
    assert_eq!(total, 425);

    // Nominations made in the period, and the funnel.
    let created: Vec<(DateTime<Utc>, String)> = tx
        .fetch_all("SELECT created_at, state FROM nominations", &[])
        .await
        .unwrap();
    let made: Vec<&(DateTime<Utc>, String)> = created
        .iter()
        .filter(|(c, _)| *c >= start && *c < end)
        .collect();
    assert_eq!(
        sheet.key_figures.get("nominations", "value"),
        Some(made.len() as i64)
    );
    let placed = made.iter().filter(|(_, s)| s == "placed").count() as i64;
    assert_eq!(sheet.funnel.get("placed", "reached"), Some(placed));
    assert_eq!(
        sheet.nomination_outcomes.get("placed", "count"),
        Some(placed)
    );
    let reached_interview = made
        .iter()
        .filter(|(_, s)| ["interview", "offer", "placed", "not_placed"].contains(&s.as_str()))
        .count() as i64;
    let declined_late: i64 = {
        let ids: Vec<(i64, DateTime<Utc>)> = tx
            .fetch_all("SELECT n.id, n.created_at FROM nominations n WHERE n.state = 'declined' AND EXISTS (SELECT 1 FROM nomination_steps s WHERE s.nomination_id = n.id AND s.state = 'interview')", &[])
            .await
            .unwrap();
        ids.iter().filter(|(_, c)| *c >= start && *c < end).count() as i64
    };
    assert_eq!(
        sheet.funnel.get("interview", "reached"),
        Some(reached_interview + declined_late)
    );
    assert!(sheet
        .funnel_mean_days
        .iter()
        .any(|d| d.stage == "proposed" && d.days.is_some_and(|d| d > 0.5)));

    // Contact requests and the 24-hour promise.
    type Request = (DateTime<Utc>, DateTime<Utc>, Option<DateTime<Utc>>);
    let reqs: Vec<Request> = tx
        .fetch_all(
            "SELECT received_at, deadline_at, answered_at FROM contact_requests",
            &[],
        )
        .await
        .unwrap();
    let got: Vec<_> = reqs
        .iter()
        .filter(|(r, _, _)| *r >= start && *r < end)
        .collect();
    assert_eq!(
        sheet.contact_requests.get("received", "count"),
        Some(got.len() as i64)
    );
    let in_time = got
        .iter()
        .filter(|(_, d, a)| a.is_some_and(|a| a <= *d))
        .count() as i64;
    assert_eq!(
        sheet.contact_requests.get("within24h", "count"),
        Some(in_time)
    );

    // Satisfaction: distribution and mean.
    let scores: Vec<(Option<i64>, Option<DateTime<Utc>>)> = tx
        .fetch_all("SELECT score, answered_at FROM satisfaction_surveys", &[])
        .await
        .unwrap();
    let answered: Vec<i64> = scores
        .iter()
        .filter(|(s, a)| s.is_some() && a.is_some_and(|a| a >= start && a < end))
        .map(|(s, _)| s.unwrap())
        .collect();
    assert_eq!(sheet.satisfaction.total(0), answered.len() as i64);
    if !answered.is_empty() {
        let mean = answered.iter().sum::<i64>() as f64 / answered.len() as f64;
        assert!((sheet.satisfaction_mean.unwrap() - mean).abs() < 1e-9);
    }

    // Events and employers reached.
    let events: Vec<(NaiveDate,)> = tx
        .fetch_all("SELECT event_date FROM events", &[])
        .await
        .unwrap();
    let n_events = events
        .iter()
        .filter(|(d,)| *d >= period.from && *d <= period.to)
        .count() as i64;
    assert_eq!(sheet.key_figures.get("events", "value"), Some(n_events));
    let moments: Vec<(i64, DateTime<Utc>)> = tx
        .fetch_all("SELECT employer_id, occurred_at FROM contact_moments", &[])
        .await
        .unwrap();
    let reached: HashSet<i64> = moments
        .iter()
        .filter(|(_, t)| *t >= start && *t < end)
        .map(|(e, _)| *e)
        .collect();
    assert_eq!(
        sheet.key_figures.get("employers_reached", "value"),
        Some(reached.len() as i64)
    );
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn figures_survive_the_retention_purge() {
    let (_db, ctx) = demo().await;
    let period = Period::parse("2025-01-01", "2025-12-31").unwrap();
    let as_of = day("2026-11-01");
    let before = {
        let mut tx = ctx.store().begin().await.unwrap();
        compute(&mut tx, period, &FigureFilter::default(), as_of)
            .await
            .unwrap()
    };
    // Ten years on, everything is past its retention period.
    let later = Utc.with_ymd_and_hms(2036, 1, 1, 0, 0, 0).unwrap();
    let done = koppel_app::retention::purge(&ctx, later, &Meta::local("test"))
        .await
        .unwrap();
    assert!(done.candidates > 100, "{done:?}");
    let mut tx = ctx.store().begin().await.unwrap();
    let left: i64 = tx
        .scalar(
            "SELECT COUNT(*) FROM candidates c WHERE (c.purged_at IS NULL OR c.email IS NOT NULL OR c.last_name <> 'verwijderd') \
             AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.candidate_id = c.id AND p.ended_on IS NULL)",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(
        left, 0,
        "every candidate is erased, except those still at work"
    );
    let skills: i64 = tx
        .scalar("SELECT COUNT(*) FROM candidate_skills s JOIN candidates c ON c.id = s.candidate_id WHERE c.purged_at IS NOT NULL", &[])
        .await
        .unwrap();
    assert_eq!(skills, 0);
    let after = compute(&mut tx, period, &FigureFilter::default(), as_of)
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(&before).unwrap(),
        serde_json::to_value(&after).unwrap()
    );
}

#[tokio::test]
async fn small_cells_are_hidden_and_empty_periods_say_so() {
    let (_db, ctx) = demo().await;
    let mut tx = ctx.store().begin().await.unwrap();
    let period = Period::parse("2025-03-01", "2025-03-31").unwrap();
    let sheet = compute(&mut tx, period, &FigureFilter::default(), day("2026-11-01"))
        .await
        .unwrap();
    let open = sheet.clone().suppressed(5);
    assert!(open.placements_by_adviser.is_none());
    for (a, b) in sheet
        .placements_by_target_group
        .rows
        .iter()
        .zip(&open.placements_by_target_group.rows)
    {
        for (x, y) in a.counts.iter().zip(&b.counts) {
            match (x.unwrap(), y) {
                (n, Some(m)) => assert!(n == *m && (n == 0 || n >= 5)),
                (n, None) => assert!(n > 0, "only non-zero counts are hidden"),
            }
        }
    }
    let hidden: usize = open
        .placements_by_target_group
        .rows
        .iter()
        .flat_map(|r| &r.counts)
        .filter(|c| c.is_none())
        .count();
    assert_ne!(
        hidden, 1,
        "a single hidden cell per column would be given away by the total"
    );
    let empty = compute(
        &mut tx,
        Period::parse("2019-01-01", "2019-06-30").unwrap(),
        &FigureFilter::default(),
        day("2026-11-01"),
    )
    .await
    .unwrap();
    assert!(!empty.has_data);
    let report =
        koppel_app::figures::layout::report(koppel_app::figures::layout::Layout::Factsheet, &empty);
    assert!(report.notes.iter().any(|n| n.contains("geen gegevens")));
    assert!(report.sections.iter().all(|s| s.chart.is_none()));
    let wajong = empty
        .targets
        .iter()
        .find(|t| t.target_group == "wajong")
        .unwrap();
    assert_eq!(wajong.yearly, None, "2019 has no targets");
}

#[tokio::test]
async fn the_demo_factsheet_reads_back_from_pdf_and_xlsx() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use koppel_app::figures::layout::{report, Layout};
    let (_db, ctx) = demo().await;
    let mut tx = ctx.store().begin().await.unwrap();
    let period = Period::parse("2025-01-01", "2025-06-30").unwrap();
    let sheet = compute(&mut tx, period, &FigureFilter::default(), day("2026-11-01"))
        .await
        .unwrap()
        .suppressed(5);
    let doc = report(Layout::Factsheet, &sheet);
    let ww = sheet
        .placements_by_target_group
        .get("ww", "placements")
        .unwrap();
    let total = sheet.key_figures.get("placements", "value").unwrap();

    let bytes = koppel_export::xlsx::report_xlsx(&doc).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book
        .worksheet_range("Plaatsingen per doelgroep te")
        .unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let ww_row = rows
        .iter()
        .find(|r| r.first() == Some(&Data::String("WW".into())))
        .expect("a WW row");
    assert_eq!(ww_row[1], Data::Float(ww as f64));
    let total_row = rows
        .iter()
        .find(|r| r.first() == Some(&Data::String("Totaal".into())))
        .unwrap();
    assert_eq!(total_row[1], Data::Float(total as f64));
    assert_eq!(total_row[3], Data::Float(425.0));

    let pdf = koppel_export::pdf::report_pdf(&doc);
    let parsed = lopdf::Document::load_mem(&pdf).unwrap();
    let pages: Vec<u32> = parsed.get_pages().keys().copied().collect();
    let text = parsed.extract_text(&pages).unwrap();
    assert!(text.contains("Factsheet WerkgeversServicepunt"));
    assert!(text.contains("1 januari 2025 t/m 30 juni 2025"));
    assert!(text.contains("Plaatsingen per doelgroep tegen het doel"));
    assert!(
        text.contains(&format!("Totaal {total}")) || text.contains(&total.to_string()),
        "{text}"
    );
}

#[tokio::test]
async fn the_evaluations_have_their_fixed_layout() {
    use koppel_app::figures::layout::{report, Layout};
    let (_db, ctx) = demo().await;
    let mut tx = ctx.store().begin().await.unwrap();
    let sheet = compute(
        &mut tx,
        Period::quarter(2025, 2).unwrap(),
        &FigureFilter::default(),
        day("2026-11-01"),
    )
    .await
    .unwrap();
    let headings = |l: Layout| {
        report(l, &sheet)
            .sections
            .iter()
            .map(|s| s.heading.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        headings(Layout::Quarterly),
        [
            "Plaatsingen tegen het doel",
            "Werkgeverstevredenheid",
            "Werkgeversbijeenkomsten en activiteiten",
            "Werkgevers en contactverzoeken",
            "Voordrachten"
        ]
    );
    assert_eq!(
        headings(Layout::Aldermen),
        [
            "Kerncijfers",
            "Plaatsingen tegen het doel",
            "Trend per maand",
            "Werkgeverstevredenheid",
            "Werkgeversbijeenkomsten en activiteiten"
        ]
    );
    let quarterly = report(Layout::Quarterly, &sheet);
    assert_eq!(quarterly.title, "Kwartaalevaluatie AGA en KetenMT");
    assert_eq!(quarterly.subtitle, "1 april 2025 t/m 30 juni 2025");
}

#[derive(sqlx::FromRow)]
struct Fact {
    start_date: NaiveDate,
    org_id: i64,
    municipality_code: Option<String>,
    sector: String,
    placed_by: Option<i64>,
    role: Option<String>,
    vacancy_id: Option<i64>,
    vacancy_created: Option<DateTime<Utc>>,
}

/// The breakdowns, counted here from the raw rows of the demo region.
#[tokio::test]
async fn every_breakdown_matches_an_independent_count() {
    use koppel_domain::codes::{CodeList, Sector};
    let (_db, ctx) = demo().await;
    let period = Period::parse("2025-01-01", "2025-12-31").unwrap();
    let start = Utc.with_ymd_and_hms(2024, 12, 31, 23, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2025, 12, 31, 23, 0, 0).unwrap();
    let within = |t: &DateTime<Utc>| *t >= start && *t < end;
    let mut tx = ctx.store().begin().await.unwrap();
    let sheet = compute(&mut tx, period, &FigureFilter::default(), day("2026-11-01"))
        .await
        .unwrap();
    let facts: Vec<Fact> = tx
        .fetch_all(
            "SELECT p.start_date, p.org_id, p.municipality_code, e.sector, p.placed_by, u.role, p.vacancy_id, v.created_at AS vacancy_created \
             FROM placements p JOIN employers e ON e.id = p.employer_id LEFT JOIN users u ON u.id = p.placed_by LEFT JOIN vacancies v ON v.id = p.vacancy_id",
            &[],
        )
        .await
        .unwrap();
    let facts: Vec<&Fact> = facts
        .iter()
        .filter(|f| f.start_date >= period.from && f.start_date <= period.to)
        .collect();
    let count_by = |key: &dyn Fn(&Fact) -> String| {
        let mut m: HashMap<String, i64> = HashMap::new();
        for f in &facts {
            *m.entry(key(f)).or_default() += 1;
        }
        m
    };
    let check =
        |b: &koppel_app::figures::Breakdown, expected: HashMap<String, i64>, column: &str| {
            let got: HashMap<String, i64> = b
                .rows
                .iter()
                .map(|r| (r.key.clone(), b.get(&r.key, column).unwrap()))
                .filter(|(_, n)| *n > 0)
                .collect();
            assert_eq!(got, expected, "{column}");
        };
    check(
        &sheet.placements_by_organisation,
        count_by(&|f| f.org_id.to_string()),
        "placements",
    );
    check(
        &sheet.placements_by_municipality,
        count_by(&|f| f.municipality_code.clone().unwrap_or("onbekend".into())),
        "placements",
    );
    check(
        &sheet.placements_by_sector,
        count_by(&|f| f.sector.clone()),
        "placements",
    );
    check(
        &sheet.placements_by_cluster,
        count_by(&|f| {
            Sector::parse(&f.sector)
                .unwrap()
                .cluster()
                .code()
                .to_string()
        }),
        "placements",
    );
    check(
        sheet.placements_by_adviser.as_ref().unwrap(),
        count_by(&|f| {
            f.placed_by
                .map(|u| u.to_string())
                .unwrap_or("onbekend".into())
        }),
        "placements",
    );
    for role in ["jobhunter", "ukraine_desk"] {
        let n = facts
            .iter()
            .filter(|f| f.role.as_deref() == Some(role))
            .count() as i64;
        assert_eq!(
            sheet.jobhunters_and_desk.get(role, "placements"),
            Some(n),
            "{role}"
        );
    }
    let proposers: Vec<(String, DateTime<Utc>)> = tx
        .fetch_all(
            "SELECT u.role, n.created_at FROM nominations n JOIN users u ON u.id = n.proposed_by",
            &[],
        )
        .await
        .unwrap();
    let desk = proposers
        .iter()
        .filter(|(r, t)| r == "ukraine_desk" && within(t))
        .count() as i64;
    assert_eq!(
        sheet.jobhunters_and_desk.get("ukraine_desk", "nominations"),
        Some(desk)
    );

    // Vacancies filled and the mean time to fill: first placement start after the vacancy was taken.
    let mut first: HashMap<i64, (NaiveDate, NaiveDate)> = HashMap::new();
    for f in &facts {
        if let (Some(v), Some(c)) = (f.vacancy_id, f.vacancy_created) {
            let e = first.entry(v).or_insert((c.date_naive(), f.start_date));
            e.1 = e.1.min(f.start_date);
        }
    }
    assert_eq!(
        sheet.key_figures.get("vacancies_filled", "value"),
        Some(first.len() as i64)
    );
    let mean = first
        .values()
        .map(|(c, s)| (*s - *c).num_days().max(0))
        .sum::<i64>() as f64
        / first.len() as f64;
    assert!((sheet.mean_days_to_fill.unwrap() - mean).abs() < 1e-9);

    // Vacancies taken and new employers per sector.
    let vacancies: Vec<(String, i64, DateTime<Utc>)> = tx
        .fetch_all("SELECT e.sector, v.positions, v.created_at FROM vacancies v JOIN employers e ON e.id = v.employer_id", &[])
        .await
        .unwrap();
    let mut taken: HashMap<String, i64> = HashMap::new();
    let mut positions: HashMap<String, i64> = HashMap::new();
    for (sector, pos, _) in vacancies.iter().filter(|v| within(&v.2)) {
        *taken.entry(sector.clone()).or_default() += 1;
        *positions.entry(sector.clone()).or_default() += pos;
    }
    check(&sheet.vacancies_by_sector, taken, "taken");
    check(&sheet.vacancies_by_sector, positions, "positions");
    let employers: Vec<(String, DateTime<Utc>, Option<i64>)> = tx
        .fetch_all("SELECT sector, created_at, merged_into FROM employers", &[])
        .await
        .unwrap();
    let mut new: HashMap<String, i64> = HashMap::new();
    for (sector, _, _) in employers.iter().filter(|e| within(&e.1) && e.2.is_none()) {
        *new.entry(sector.clone()).or_default() += 1;
    }
    check(&sheet.employers_by_sector, new, "new");

    // Candidates registered per target group.
    let candidates: Vec<(String, DateTime<Utc>)> = tx
        .fetch_all("SELECT target_group, created_at FROM candidates", &[])
        .await
        .unwrap();
    let mut registered: HashMap<String, i64> = HashMap::new();
    for (g, _) in candidates.iter().filter(|c| within(&c.1)) {
        *registered.entry(g.clone()).or_default() += 1;
    }
    check(&sheet.candidates_registered, registered, "registered");

    // Instruments: requested, granted (also when ended since), refused, ended.
    let instruments: Vec<(String, String, DateTime<Utc>)> = tx
        .fetch_all(
            "SELECT instrument, status, created_at FROM placement_instruments",
            &[],
        )
        .await
        .unwrap();
    for (column, statuses) in [
        (
            "requested",
            &["requested", "granted", "refused", "ended"][..],
        ),
        ("granted", &["granted", "ended"][..]),
        ("refused", &["refused"][..]),
        ("ended", &["ended"][..]),
    ] {
        let mut m: HashMap<String, i64> = HashMap::new();
        for (i, _, _) in instruments
            .iter()
            .filter(|(_, s, t)| within(t) && statuses.contains(&s.as_str()))
        {
            *m.entry(i.clone()).or_default() += 1;
        }
        check(&sheet.instruments, m, column);
    }

    // After-care outcomes per kind.
    let tasks: Vec<(String, Option<String>, Option<DateTime<Utc>>)> = tx
        .fetch_all("SELECT kind, outcome, done_at FROM aftercare_tasks", &[])
        .await
        .unwrap();
    for kind in ["two_months", "five_months", "follow_up"] {
        let mut m: HashMap<String, i64> = HashMap::new();
        for (_, o, _) in tasks
            .iter()
            .filter(|(k, o, d)| k == kind && o.is_some() && d.is_some_and(|d| within(&d)))
        {
            *m.entry(o.clone().unwrap()).or_default() += 1;
        }
        check(&sheet.aftercare, m, kind);
    }

    // Events per kind: how many, and employers attending.
    let events: Vec<(i64, String, NaiveDate)> = tx
        .fetch_all("SELECT id, kind, event_date FROM events", &[])
        .await
        .unwrap();
    let attended: Vec<(i64,)> = tx
        .fetch_all("SELECT event_id FROM event_participants WHERE status = 'attended' AND employer_id IS NOT NULL", &[])
        .await
        .unwrap();
    let (mut per_kind, mut employers_at): (HashMap<String, i64>, HashMap<String, i64>) =
        Default::default();
    for (id, kind, _) in events
        .iter()
        .filter(|e| e.2 >= period.from && e.2 <= period.to)
    {
        *per_kind.entry(kind.clone()).or_default() += 1;
        let n = attended.iter().filter(|(e,)| e == id).count() as i64;
        *employers_at.entry(kind.clone()).or_default() += n;
    }
    check(&sheet.events, per_kind, "events");
    check(
        &sheet.events,
        employers_at.into_iter().filter(|(_, n)| *n > 0).collect(),
        "employersAttended",
    );

    // The funnel's moves out of each stage and the mean days spent in it.
    let steps: Vec<(Option<String>, Option<i64>, DateTime<Utc>)> = tx
        .fetch_all("SELECT s.previous_state, s.seconds_in_previous, n.created_at FROM nomination_steps s JOIN nominations n ON n.id = s.nomination_id", &[])
        .await
        .unwrap();
    for stage in ["proposed", "interested", "interview", "offer"] {
        let out: Vec<i64> = steps
            .iter()
            .filter(|(p, s, t)| p.as_deref() == Some(stage) && s.is_some() && within(t))
            .map(|(_, s, _)| s.unwrap())
            .collect();
        assert_eq!(
            sheet.funnel.get(stage, "movedOn"),
            Some(out.len() as i64),
            "{stage}"
        );
        let days = sheet
            .funnel_mean_days
            .iter()
            .find(|d| d.stage == stage)
            .unwrap()
            .days
            .unwrap();
        let mean = out.iter().sum::<i64>() as f64 / out.len() as f64 / 86_400.0;
        assert!((days - mean).abs() < 1e-9, "{stage}");
    }

    // The median response time of the answered contact requests.
    let requests: Vec<(DateTime<Utc>, Option<i64>)> =
        tx.fetch_all("SELECT received_at, response_minutes FROM contact_requests WHERE answered_at IS NOT NULL", &[]).await.unwrap();
    let mut minutes: Vec<i64> = requests
        .iter()
        .filter(|(r, m)| within(r) && m.is_some())
        .map(|(_, m)| m.unwrap())
        .collect();
    minutes.sort();
    assert_eq!(
        sheet.median_response_minutes,
        minutes.get((minutes.len().max(1) - 1) / 2).copied()
    );
    tx.commit().await.unwrap();
}

/// Every breakdown-shaped object (`columns` and `rows` with `counts`) in a serialised factsheet.
fn breakdowns_in(v: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
    match v {
        serde_json::Value::Object(m) => {
            if m.contains_key("columns") && m.contains_key("rows") {
                out.push(v.clone());
            }
            m.values().for_each(|x| breakdowns_in(x, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|x| breakdowns_in(x, out)),
        _ => {}
    }
}

/// Suppression reaches every breakdown, also one added later: the breakdowns found in the
/// serialised factsheet are exactly those the suppression walks (plus the key figures and the
/// per-adviser one), and after suppression none of them shows a count from 1 to 4.
#[tokio::test]
async fn every_breakdown_is_suppressed() {
    let (_db, ctx) = demo().await;
    let mut tx = ctx.store().begin().await.unwrap();
    let period = Period::parse("2025-03-01", "2025-03-31").unwrap();
    let mut sheet = compute(&mut tx, period, &FigureFilter::default(), day("2026-11-01"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let walked = sheet.breakdowns_mut().len();
    let mut found = Vec::new();
    breakdowns_in(&serde_json::to_value(&sheet).unwrap(), &mut found);
    let adviser = usize::from(sheet.placements_by_adviser.is_some());
    assert_eq!(
        found.len(),
        walked + 1 + adviser,
        "a breakdown the suppression does not walk"
    );
    let small = |b: &serde_json::Value| {
        b["rows"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["counts"].as_array().unwrap().clone())
            .filter(|c| c.as_i64().is_some_and(|n| (1..5).contains(&n)))
            .count()
    };
    assert!(
        found.iter().map(small).sum::<usize>() > 0,
        "the month has small counts to hide"
    );
    let mut after = Vec::new();
    breakdowns_in(
        &serde_json::to_value(sheet.suppressed(5)).unwrap(),
        &mut after,
    );
    for b in &after {
        assert_eq!(small(b), 0, "{b}");
    }
}
