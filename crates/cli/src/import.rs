//! `koppel import employers|vacancies|candidates|vum-vacatures|vum-werkzoekenden FILE`: a bulk
//! import with a progress bar, and its report of every bad or skipped row.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use koppel_app::import::{self, ImportBy, ImportOptions};
use koppel_app::{AppContext, Meta};

use crate::args::ImportCommand;

struct Args<'a> {
    /// `employers`, `vacancies` or `candidates`.
    pub kind: &'a str,
    /// The organisation's short name (for candidates).
    pub org: Option<&'a str>,
    pub file: &'a Path,
    pub dry_run: bool,
    pub map: &'a [String],
    pub report: Option<&'a Path>,
    /// For `vum-vacatures` and `vum-werkzoekenden`.
    pub vum: Option<import::vum::VumImportOptions>,
}

/// Runs `koppel import ...`.
pub(crate) async fn run(ctx: &AppContext, what: ImportCommand) -> Result<()> {
    let none = Vec::new();
    let (kind, org, file, dry_run, map, report, vum) = match &what {
        ImportCommand::Employers { args: a } => (
            "employers",
            None,
            &a.file,
            a.dry_run,
            &a.map,
            &a.report,
            None,
        ),
        ImportCommand::Vacancies { args: a } => (
            "vacancies",
            None,
            &a.file,
            a.dry_run,
            &a.map,
            &a.report,
            None,
        ),
        ImportCommand::Candidates { org, args: a } => (
            "candidates",
            Some(org.as_str()),
            &a.file,
            a.dry_run,
            &a.map,
            &a.report,
            None,
        ),
        ImportCommand::VumVacatures {
            args: a,
            publish,
            sector,
        } => (
            "vum-vacatures",
            None,
            &a.file,
            a.dry_run,
            &none,
            &a.report,
            Some(koppel_app::import::vum::VumImportOptions {
                dry_run: a.dry_run,
                publish: *publish,
                employer_sector: sector.clone(),
                today: None,
            }),
        ),
        ImportCommand::VumWerkzoekenden {
            org,
            args: a,
            offer,
        } => (
            "vum-werkzoekenden",
            Some(org.as_str()),
            &a.file,
            a.dry_run,
            &none,
            &a.report,
            Some(koppel_app::import::vum::VumImportOptions {
                dry_run: a.dry_run,
                publish: *offer,
                employer_sector: None,
                today: None,
            }),
        ),
    };
    let args = Args {
        kind,
        org,
        file,
        dry_run,
        map,
        report: report.as_deref(),
        vum,
    };
    import_file(ctx, &args).await
}

fn bar(done: i64, total: i64, started: Instant) {
    let width = 30;
    let filled = if total > 0 {
        (done * width / total) as usize
    } else {
        width as usize
    };
    let rate = done as f64 / started.elapsed().as_secs_f64().max(1e-3);
    eprint!(
        "\r[{}{}] {done}/{total} regels ({rate:.0} per seconde)",
        "#".repeat(filled),
        " ".repeat(width as usize - filled)
    );
    let _ = std::io::stderr().flush();
}

async fn import_file(ctx: &AppContext, a: &Args<'_>) -> Result<()> {
    let bytes = std::fs::read(a.file).with_context(|| format!("lezen van {}", a.file.display()))?;
    let mut mapping = Vec::new();
    for m in a.map {
        let (column, field) = m
            .split_once('=')
            .with_context(|| format!("--map '{m}': schrijf KOLOM=veld, zoals \"KvK=kvkNumber\""))?;
        mapping.push((column.trim().to_string(), field.trim().to_string()));
    }
    let options = ImportOptions {
        dry_run: a.dry_run,
        mapping,
    };
    let org_id = match a.org {
        None => None,
        Some(short) => Some(
            ctx.organisation_id(short)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .with_context(|| format!("onbekende organisatie '{short}'"))?,
        ),
    };
    let by = ImportBy {
        user_id: None,
        org_id,
        name: "cli:import".into(),
    };
    let started = Instant::now();
    let name = a
        .file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut progress = |p: import::Progress| bar(p.done, p.total, started);
    let meta = Meta::local("import");
    let report = match (a.kind, &a.vum) {
        ("vum-vacatures", Some(o)) => {
            import::vum::import_vacancies(ctx, &by, &meta, &name, &bytes, o, &mut progress).await
        }
        ("vum-werkzoekenden", Some(o)) => {
            import::vum::import_jobseekers(ctx, &by, &meta, &name, &bytes, o, &mut progress).await
        }
        ("vacancies", _) => {
            import::import_vacancies(ctx, &by, &meta, &name, &bytes, &options, &mut progress).await
        }
        ("candidates", _) => {
            import::import_candidates(ctx, &by, &meta, &name, &bytes, &options, &mut progress).await
        }
        _ => {
            import::import_employers(ctx, &by, &meta, &name, &bytes, &options, &mut progress).await
        }
    }
    .map_err(super::explain)?;
    eprintln!();
    let secs = started.elapsed().as_secs_f64();
    if report.resumed_after > 0 {
        println!(
            "Hervat na regel {} van een eerder afgebroken import.",
            report.resumed_after + 1
        );
    }
    println!(
        "{}{} regels in {secs:.1} s ({:.0} per seconde): {} geïmporteerd, {} overgeslagen (bestonden al), {} afgekeurd.",
        if report.dry_run { "Proefimport, niets opgeslagen. " } else { "" },
        report.total_rows,
        report.total_rows as f64 / secs.max(1e-3),
        report.imported,
        report.skipped,
        report.bad
    );
    for (column, field) in &report.columns {
        if field.is_none() {
            println!("Kolom '{column}' is niet gebruikt (geef --map '{column}=veld' om hem te gebruiken).");
        }
    }
    let shown = 20;
    for p in report.problems.iter().take(shown) {
        println!(
            "regel {}: {} {}",
            p.line,
            if p.outcome == "bad" {
                "afgekeurd:"
            } else {
                "overgeslagen:"
            },
            p.reason
        );
    }
    if report.problems.len() > shown {
        println!(
            "... en nog {} regels; zie --report voor alles.",
            report.problems.len() - shown
        );
    }
    if let Some(path) = a.report {
        let mut w = csv::Writer::from_path(path)
            .with_context(|| format!("schrijven naar {}", path.display()))?;
        w.write_record(["regel", "uitkomst", "reden"])?;
        for p in &report.problems {
            w.write_record([
                p.line.to_string(),
                p.outcome.clone(),
                koppel_export::csv_out::csv_safe(&p.reason).into_owned(),
            ])?;
        }
        w.flush()?;
        println!("Verslag geschreven naar {}.", path.display());
    }
    Ok(())
}
