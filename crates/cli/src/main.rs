//! The `koppel` binary: one command per file (see `args` for the command line).

mod accounts;
mod args;
mod bench_factsheet;
mod bench_rebuild;
mod config;
mod import;
mod jobs;
mod maintenance;
mod report;
mod serve;

use anyhow::{Context, Result};
use clap::Parser;
use koppel_app::{AppContext, AppError};

use args::*;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fout: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    if let Command::Bench {
        what: BenchCommand::Rebuild { profiles, runs },
    } = &cli.command
    {
        return bench_rebuild::run(*profiles, *runs, cli.db.clone()).await;
    }
    if let Command::Bench {
        what:
            BenchCommand::Factsheet {
                candidates,
                placements,
                runs,
                json,
            },
    } = &cli.command
    {
        return bench_factsheet::run(bench_factsheet::Args {
            candidates: *candidates,
            placements: *placements,
            runs: *runs,
            db: cli.db.clone(),
            json: json.clone(),
        })
        .await;
    }
    if let Command::Openapi = cli.command {
        println!(
            "{}",
            serde_json::to_string_pretty(&koppel_web::api::openapi())?
        );
        return Ok(());
    }
    let (demo_mode, addr, secure) = match &cli.command {
        Command::Serve(a) => (a.demo, a.addr, a.secure_cookies),
        _ => (false, None, false),
    };
    let file = config::FileConfig::load(cli.config.as_deref())?;
    let config = config::Config::layer(file, cli.db.clone(), addr, secure, demo_mode)?;
    let url = config.database_url.clone();
    if let Command::Restore { from } = &cli.command {
        koppel_app::backups::restore(&url, from)
            .await
            .map_err(explain)?;
        println!("Kopie {} teruggezet in {url}.", from.display());
    }
    let ctx = AppContext::open(&url, config.settings.clone())
        .await
        .map_err(explain)
        .context("opening the database")?;
    match cli.command {
        Command::Serve(a) => {
            let jobs = jobs::Jobs {
                database_url: url.clone(),
                backups: config.backups.clone(),
            };
            serve::run(ctx.clone(), config.addr, a, jobs).await?
        }
        Command::Migrate => println!("Database is bijgewerkt ({url})."),
        Command::Demo { seed } => serve::run_demo(&ctx, seed).await?,
        Command::Org { command } => accounts::org(&ctx, command).await?,
        Command::User { command } => accounts::user(&ctx, command).await?,
        Command::Token { command } => accounts::token(&ctx, command).await?,
        Command::Openapi | Command::Bench { .. } => {}
        Command::Report { what } => report::run(&ctx, what).await?,
        Command::Import { what } => import::run(&ctx, what).await?,
        Command::Purge => maintenance::purge(&ctx).await?,
        Command::Backup { to } => maintenance::backup(&ctx, &url, &to).await?,
        Command::Restore { .. } | Command::Check => maintenance::check(&ctx).await?,
        Command::Municipality {
            code,
            name,
            subregion,
        } => maintenance::municipality(&ctx, &code, &name, subregion.as_deref()).await?,
        Command::Taxonomy { command } => maintenance::taxonomy(&ctx, command).await?,
    }
    ctx.close().await;
    Ok(())
}

fn explain(e: AppError) -> anyhow::Error {
    match e {
        AppError::Invalid(errors) => anyhow::anyhow!("ongeldige invoer: {errors}"),
        AppError::NotFound => anyhow::anyhow!("niet gevonden"),
        other => anyhow::anyhow!("{other}"),
    }
}
