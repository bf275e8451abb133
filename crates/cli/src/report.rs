//! `koppel report`: the factsheet or an evaluation of a period as an HTML, PDF, XLSX or JSON file.

use std::path::Path;

use anyhow::{bail, Context, Result};
use chrono::{NaiveDate, Utc};
use koppel_app::figures::layout::{self, Layout};
use koppel_app::figures::{self, Audience, FigureFilter, Period};
use koppel_app::AppContext;
use koppel_domain::codes::{Cluster, CodeList};

use crate::args::ReportCommand;

struct ReportArgs<'a> {
    pub layout: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub format: &'a str,
    pub out: &'a Path,
    pub as_of: Option<&'a str>,
    pub organisation: Option<i64>,
    pub subregion: Option<String>,
    pub cluster: Option<&'a str>,
    /// Show every count (for use inside the organisation only).
    pub internal: bool,
}

/// Runs `koppel report factsheet`.
pub(crate) async fn run(ctx: &AppContext, what: ReportCommand) -> Result<()> {
    let ReportCommand::Factsheet {
        from,
        to,
        format,
        out,
        layout,
        as_of,
        organisation,
        subregion,
        cluster,
        internal,
    } = what;
    let args = ReportArgs {
        layout: &layout,
        from: &from,
        to: &to,
        format: &format,
        out: &out,
        as_of: as_of.as_deref(),
        organisation,
        subregion,
        cluster: cluster.as_deref(),
        internal,
    };
    write(ctx, &args).await
}

async fn write(ctx: &AppContext, a: &ReportArgs<'_>) -> Result<()> {
    let Some(kind) = Layout::parse(a.layout) else {
        bail!(
            "onbekende rapportage '{}': kies factsheet, kwartaal of rba",
            a.layout
        );
    };
    let period = Period::parse(a.from, a.to).map_err(super::explain)?;
    let as_of = match a.as_of {
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .with_context(|| format!("'{s}' is geen datum; schrijf jjjj-mm-dd"))?,
        None => Utc::now().date_naive(),
    };
    let cluster = match a.cluster {
        Some(c) => Some(Cluster::parse(c).map_err(|e| anyhow::anyhow!("{}", e.message))?),
        None => None,
    };
    let filter = FigureFilter {
        org_id: a.organisation,
        subregion: a.subregion.clone(),
        cluster,
    };
    let audience = if a.internal {
        Audience::Internal
    } else {
        Audience::Outside
    };
    let meta = koppel_app::Meta::local("cli");
    let sheet = figures::report_factsheet(ctx, &meta, period, &filter, as_of, audience)
        .await
        .map_err(super::explain)?;
    let report = layout::report(kind, &sheet);
    let bytes = match a.format {
        "json" => serde_json::to_vec_pretty(&sheet)?,
        "pdf" => koppel_export::pdf::report_pdf(&report),
        "xlsx" => koppel_export::xlsx::report_xlsx(&report)?,
        "html" => koppel_web::ui::report_view::standalone_html(&report)?.into_bytes(),
        other => bail!("onbekend formaat '{other}': kies html, pdf, xlsx of json"),
    };
    std::fs::write(a.out, &bytes).with_context(|| format!("schrijven naar {}", a.out.display()))?;
    println!(
        "{} over {} geschreven naar {} ({} bytes).",
        kind.title(),
        period.label(),
        a.out.display(),
        bytes.len()
    );
    Ok(())
}
