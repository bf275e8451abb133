//! The `koppel` binary: serve, migrate, demo, org, user, token and openapi.

mod bench_factsheet;
mod bench_rebuild;
mod config;
mod import;
mod report;

use std::io::Read;
use std::net::SocketAddr;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use koppel_app::demo::{self, DemoSize, DEMO_PASSWORD};
use koppel_app::{auth, AppContext, AppError, Meta};

#[derive(Parser)]
#[command(
    name = "koppel",
    version,
    about = "koppel: employer services, vacancies and candidates for a Dutch labour-market region"
)]
struct Cli {
    /// A TOML configuration file (see docs/configuration.md)
    #[arg(long, global = true, env = "KOPPEL_CONFIG")]
    config: Option<std::path::PathBuf>,
    /// Database: a SQLite file path (default koppel.db) or postgres://user:pass@host/db
    #[arg(long, global = true, env = "DATABASE_URL")]
    db: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web UI and the API
    Serve {
        /// Address to listen on (default 127.0.0.1:8080)
        #[arg(long, env = "KOPPEL_ADDR")]
        addr: Option<SocketAddr>,
        /// Create (or reuse) the demo region and print its logins
        #[arg(long)]
        demo: bool,
        /// Mark session cookies Secure (when served behind TLS)
        #[arg(long, env = "KOPPEL_SECURE_COOKIES")]
        secure_cookies: bool,
        /// Also serve the VUM source interface (vacancies) on this address
        #[arg(long, env = "KOPPEL_VUM_ADDR")]
        vum_addr: Option<SocketAddr>,
        /// The OIN this region answers VUM requests as
        #[arg(long, env = "KOPPEL_VUM_OIN")]
        vum_oin: Option<String>,
        /// The VUM interface's server certificate chain (PEM)
        #[arg(long, env = "KOPPEL_VUM_CERT")]
        vum_cert: Option<std::path::PathBuf>,
        /// The private key of that certificate (PEM)
        #[arg(long, env = "KOPPEL_VUM_KEY")]
        vum_key: Option<std::path::PathBuf>,
        /// The CA bundle (PEM) client certificates must chain to; the caller's OIN is read from them
        #[arg(long, env = "KOPPEL_VUM_CLIENT_CA")]
        vum_client_ca: Option<std::path::PathBuf>,
        /// Development only: serve the VUM interface without TLS, on a loopback address only
        #[arg(long)]
        vum_insecure_loopback: bool,
        /// Ask other sources through this VUM exchange (host:port); needs the three files below
        #[arg(long, env = "KOPPEL_VUM_EXCHANGE")]
        vum_exchange: Option<String>,
        /// The name in the exchange's certificate (default: its host)
        #[arg(long, env = "KOPPEL_VUM_EXCHANGE_NAME")]
        vum_exchange_name: Option<String>,
        /// The OIN of the exchange
        #[arg(long, env = "KOPPEL_VUM_EXCHANGE_OIN")]
        vum_exchange_oin: Option<String>,
        /// The CA (PEM) of the exchange's certificate
        #[arg(long, env = "KOPPEL_VUM_EXCHANGE_CA")]
        vum_exchange_ca: Option<std::path::PathBuf>,
        /// This region's client certificate (PEM) for the exchange
        #[arg(long, env = "KOPPEL_VUM_CLIENT_CERT")]
        vum_client_cert: Option<std::path::PathBuf>,
        /// Its private key (PEM)
        #[arg(long, env = "KOPPEL_VUM_CLIENT_KEY")]
        vum_client_key: Option<std::path::PathBuf>,
    },
    /// Apply database migrations
    Migrate,
    /// Fill an empty database with the demo region
    Demo {
        #[arg(long, default_value_t = 2025)]
        seed: u64,
    },
    /// Manage organisations
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// Manage users
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Print the OpenAPI document of the API
    Openapi,
    /// Write management information for a period
    Report {
        #[command(subcommand)]
        what: ReportCommand,
    },
    /// Import rows from a CSV or XLSX file, or VUM documents from a JSON file
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Erase personal data past its retention period (the figures keep their anonymous facts)
    Purge,
    /// Write a consistent copy of the SQLite database while koppel runs (PostgreSQL: use pg_dump);
    /// restore by stopping koppel and putting the copy in the database's place
    Backup {
        /// The new file to write (it must not exist yet)
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Set a municipality of the region and its subregion
    Municipality {
        /// CBS code, e.g. GM0392
        code: String,
        name: String,
        #[arg(long)]
        subregion: Option<String>,
    },
    /// Measure the factsheet on a national-size database (the matching benchmark is koppel-bench)
    Bench {
        #[command(subcommand)]
        what: BenchCommand,
    },
    /// Manage the skills and occupations taxonomy
    Taxonomy {
        #[command(subcommand)]
        command: TaxonomyCommand,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Rebuilding the matching index from the store at start-up: loads a synthetic pool into an
    /// empty --db (or a fresh temporary SQLite file) and times reading it and building the index
    Rebuild {
        #[arg(long, default_value_t = 100_000)]
        profiles: usize,
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// The factsheet on a national-size database (an empty --db, or a fresh temporary SQLite file)
    Factsheet {
        #[arg(long, default_value_t = 1_000_000)]
        candidates: usize,
        #[arg(long, default_value_t = 100_000)]
        placements: usize,
        #[arg(long, default_value_t = 5)]
        runs: usize,
        #[arg(long)]
        json: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Employers (columns such as naam, kvk, sector, postcode, plaats, gemeentecode, extern id)
    Employers {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Vacancies (titel, the employer by its extern id, KvK number or id, uren, contract, ...)
    Vacancies {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Candidates of one organisation (voornaam, achternaam, doelgroep, e-mail, postcode, ...)
    Candidates {
        /// The organisation the candidates belong to (its short name)
        #[arg(long)]
        org: String,
        #[command(flatten)]
        args: ImportArgs,
    },
    /// VUM vacancies: a JSON array of Vacature objects (VUM data standard 1.5)
    VumVacatures {
        #[command(flatten)]
        args: VumArgs,
        /// Publish them (vacancy paper and koppel's own VUM source)
        #[arg(long)]
        publish: bool,
        /// The sector of employers that are not in koppel yet, which the import then makes
        #[arg(long)]
        sector: Option<String>,
    },
    /// VUM job-seeker profiles: a JSON array of Werkzoekende objects (VUM data standard 1.5)
    VumWerkzoekenden {
        /// The organisation the candidates belong to (its short name)
        #[arg(long)]
        org: String,
        #[command(flatten)]
        args: VumArgs,
        /// Record that their consent covers the WSP and VUM, so koppel offers them as a source
        #[arg(long)]
        offer: bool,
    },
}

#[derive(clap::Args)]
struct VumArgs {
    file: std::path::PathBuf,
    /// Check every object and report, but save nothing
    #[arg(long)]
    dry_run: bool,
    /// Write every bad or skipped object with its reason to this CSV file
    #[arg(long)]
    report: Option<std::path::PathBuf>,
}

#[derive(clap::Args)]
struct ImportArgs {
    file: std::path::PathBuf,
    /// Check every row and report, but save nothing
    #[arg(long)]
    dry_run: bool,
    /// Read a column as a field: KOLOM=veld (repeatable), e.g. "Relatie=externalId"
    #[arg(long)]
    map: Vec<String>,
    /// Write every bad or skipped row with its reason to this CSV file
    #[arg(long)]
    report: Option<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum ReportCommand {
    /// The factsheet (or, with --layout, the quarterly or aldermen's evaluation)
    Factsheet {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// html, pdf, xlsx or json
        #[arg(long, default_value = "html")]
        format: String,
        #[arg(long)]
        out: std::path::PathBuf,
        /// factsheet, kwartaal (AGA, KetenMT) or rba
        #[arg(long, default_value = "factsheet")]
        layout: String,
        /// The day sustainability is judged on (default today)
        #[arg(long)]
        as_of: Option<String>,
        /// Only this organisation (id)
        #[arg(long)]
        organisation: Option<i64>,
        #[arg(long)]
        subregion: Option<String>,
        #[arg(long)]
        cluster: Option<String>,
        /// Show every count; without it counts below small_cell_threshold are hidden
        #[arg(long)]
        internal: bool,
    },
}

#[derive(Subcommand)]
enum TaxonomyCommand {
    /// Import a taxonomy bundle
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
}

#[derive(Subcommand)]
enum ImportSource {
    /// The official ESCO CSV bundle (any language): occupations_*.csv, skills_*.csv, skillGroups_*.csv,
    /// broaderRelationsSkillPillar_*.csv and occupationSkillRelations_*.csv
    Esco { dir: std::path::PathBuf },
    /// A CompetentNL-to-ESCO mapping table: CSV with competentnlUri, escoUri and matchType
    /// (exactMatch, closeMatch, broadMatch or narrowMatch)
    Competentnl { file: std::path::PathBuf },
}

#[derive(Subcommand)]
enum OrgCommand {
    /// Add an organisation
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        short_name: String,
        /// uwv, reintegration_company, municipality, werkcentrum or partner
        #[arg(long)]
        kind: String,
        /// The organisation staffs the WSP
        #[arg(long)]
        wsp: bool,
        /// CBS code of the municipality (for kind municipality), e.g. GM0392
        #[arg(long)]
        municipality_code: Option<String>,
        /// The organisation's OIN (20 digits)
        #[arg(long)]
        oin: Option<String>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user; the password is read from standard input
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The organisation's short name
        #[arg(long)]
        org: String,
        /// adviser, consultant, jobhunter, ukraine_desk, manager, admin or partner
        #[arg(long)]
        role: String,
        /// A sector cluster the user works in (repeat for more): techniek, zorg_welzijn,
        /// onderwijs_overheid_zakelijk or handel_facilitair
        #[arg(long)]
        cluster: Vec<String>,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token for a user and print it once
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "api")]
        label: String,
    },
}

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
        Command::Serve {
            demo,
            addr,
            secure_cookies,
            ..
        } => (*demo, *addr, *secure_cookies),
        _ => (false, None, false),
    };
    let file = config::FileConfig::load(cli.config.as_deref())?;
    let config = config::Config::layer(file, cli.db.clone(), addr, secure, demo_mode)?;
    let url = config.database_url.clone();
    let ctx = AppContext::open(&url, config.settings.clone())
        .await
        .map_err(explain)
        .context("opening the database")?;
    match cli.command {
        Command::Serve {
            demo,
            vum_addr,
            vum_oin,
            vum_insecure_loopback,
            vum_cert,
            vum_key,
            vum_client_ca,
            vum_exchange,
            vum_exchange_name,
            vum_exchange_oin,
            vum_exchange_ca,
            vum_client_cert,
            vum_client_key,
            ..
        } => {
            let read = |p: &std::path::PathBuf| {
                std::fs::read(p).with_context(|| format!("reading {}", p.display()))
            };
            let client = match (&vum_exchange, &vum_exchange_oin, &vum_exchange_ca, &vum_client_cert, &vum_client_key) {
                (None, ..) => None,
                (Some(address), Some(exchange_oin), Some(ca), Some(cert), Some(key)) => {
                    let our_oin = vum_oin.clone().context("--vum-exchange needs --vum-oin (this region's OIN)")?;
                    let host = address.rsplit_once(':').map(|(h, _)| h).unwrap_or(address).to_string();
                    let settings = koppel_web::vum_client::ExchangeSettings {
                        address: address.clone(),
                        server_name: vum_exchange_name.clone().unwrap_or(host),
                        exchange_oin: exchange_oin.clone(),
                        our_oin,
                    };
                    println!("VUM-bemiddelaar: vragen gaan naar {address}.");
                    Some(koppel_web::vum_client::VumClient::new(settings, &read(ca)?, &read(cert)?, &read(key)?)?)
                }
                _ => bail!("--vum-exchange needs --vum-exchange-oin, --vum-exchange-ca, --vum-client-cert and --vum-client-key"),
            };
            if demo {
                run_demo(&ctx, 2025).await?;
            }
            if let Some(addr) = vum_addr {
                let oin = vum_oin
                    .clone()
                    .context("--vum-addr needs --vum-oin (the OIN this region answers as)")?;
                let listener = tokio::net::TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("binding {addr}"))?;
                let app = koppel_web::vum::router(ctx.clone(), oin);
                match (&vum_cert, &vum_key, &vum_client_ca, vum_insecure_loopback) {
                    (Some(cert), Some(key), Some(ca), false) => {
                        let read = |p: &std::path::PathBuf| std::fs::read(p).with_context(|| format!("reading {}", p.display()));
                        let config = koppel_web::vum_tls::server_config(&read(cert)?, &read(key)?, &read(ca)?)?;
                        println!("VUM-bron (vacatures) luistert op https://{addr} met wederzijdse TLS");
                        tokio::spawn(koppel_web::vum_tls::serve(listener, config, app));
                    }
                    (None, None, None, true) => {
                        if !addr.ip().is_loopback() {
                            bail!("--vum-insecure-loopback only listens on a loopback address, not {addr}");
                        }
                        println!("VUM-bron (vacatures, zonder TLS, alleen voor ontwikkeling) luistert op http://{addr}");
                        tokio::spawn(async move {
                            if let Err(e) = axum::serve(listener, app).await {
                                tracing::error!(error = %e, "VUM listener stopped");
                            }
                        });
                    }
                    _ => bail!("the VUM interface needs --vum-cert, --vum-key and --vum-client-ca (mutual TLS), or for development only --vum-insecure-loopback"),
                }
            }
            let started = std::time::Instant::now();
            let profiles = koppel_app::matching::warm_up(&ctx).await.map_err(explain)?;
            println!(
                "Matching-index opgebouwd: {profiles} kandidaten in {} ms.",
                started.elapsed().as_millis()
            );
            serve(ctx.clone(), config.addr, client).await?;
        }
        Command::Migrate => println!("Database is bijgewerkt ({url})."),
        Command::Demo { seed } => run_demo(&ctx, seed).await?,
        Command::Org {
            command:
                OrgCommand::Add {
                    name,
                    short_name,
                    kind,
                    wsp,
                    municipality_code,
                    oin,
                },
        } => {
            let spec = auth::OrganisationSpec {
                name: &name,
                short_name: &short_name,
                kind: &kind,
                wsp_partner: wsp,
                municipality_code: municipality_code.as_deref(),
                oin: oin.as_deref(),
            };
            let id = auth::add_organisation(&ctx, &spec, &Meta::local("org add"))
                .await
                .map_err(explain)?;
            println!("Organisatie {id} toegevoegd.");
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    name,
                    org,
                    role,
                    cluster,
                },
        } => {
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
            let account = auth::NewAccount {
                email: &email,
                name: &name,
                organisation: &org,
                role: &role,
                password,
                clusters: &cluster,
            };
            let id = auth::add_user(&ctx, &account, &Meta::local("user add"))
                .await
                .map_err(explain)?;
            println!("Gebruiker {id} toegevoegd.");
        }
        Command::Token {
            command: TokenCommand::Create { email, label },
        } => {
            let token = auth::create_token(&ctx, &email, &label, &Meta::local("token create"))
                .await
                .map_err(explain)?;
            println!("{token}");
        }
        Command::Openapi | Command::Bench { .. } => {}
        Command::Report {
            what:
                ReportCommand::Factsheet {
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
                },
        } => {
            let args = report::ReportArgs {
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
            report::run(&ctx, &args).await?;
        }
        Command::Import { what } => {
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
            let args = import::Args {
                kind,
                org,
                file,
                dry_run,
                map,
                report: report.as_deref(),
                vum,
            };
            import::run(&ctx, &args).await?;
        }
        Command::Purge => {
            let done =
                koppel_app::retention::purge(&ctx, chrono::Utc::now(), &Meta::local("purge"))
                    .await
                    .map_err(explain)?;
            println!(
                "Bewaartermijn toegepast: {} kandidaten, {} contactverzoeken, {} opmerkingen, {} contactmomenten, \
                 {} afspraken, {} contactpersonen en {} logregels gewist.",
                done.candidates,
                done.contact_requests,
                done.survey_comments,
                done.contact_moments,
                done.agreements,
                done.contact_persons,
                done.log_records
            );
        }
        Command::Backup { to } => {
            koppel_app::retention::backup(&ctx, &to, &Meta::local("backup"))
                .await
                .map_err(explain)?;
            println!("Kopie geschreven naar {}.", to.display());
        }
        Command::Municipality {
            code,
            name,
            subregion,
        } => {
            koppel_app::figures::targets::set_municipality(
                &ctx,
                &code,
                &name,
                subregion.as_deref(),
                &Meta::local("municipality"),
            )
            .await
            .map_err(explain)?;
            println!("Gemeente {code} vastgelegd.");
        }
        Command::Taxonomy {
            command:
                TaxonomyCommand::Import {
                    source: ImportSource::Competentnl { file },
                },
        } => {
            let r = koppel_app::taxonomy_aliases::import_competentnl(
                &ctx,
                &file,
                &Meta::local("taxonomy import"),
            )
            .await
            .map_err(explain)?;
            println!("CompetentNL-koppeltabel geïmporteerd: {} URI's.", r.aliases);
        }
        Command::Taxonomy {
            command:
                TaxonomyCommand::Import {
                    source: ImportSource::Esco { dir },
                },
        } => {
            let r = koppel_app::taxonomy_import::import_esco_dir(
                &ctx,
                &dir,
                &Meta::local("taxonomy import"),
            )
            .await
            .map_err(explain)?;
            println!(
                "ESCO geïmporteerd: {} beroepen, {} vaardigheden, {} vaardighedengroepen, {} hiërarchierelaties, {} beroep-vaardigheidrelaties.",
                r.occupations, r.skills, r.skill_groups, r.broader_relations, r.occupation_skill_relations
            );
        }
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

async fn run_demo(ctx: &AppContext, seed: u64) -> Result<()> {
    let started = std::time::Instant::now();
    let summary = demo::generate(ctx, seed, DemoSize::default())
        .await
        .map_err(explain)?;
    if summary.created {
        println!(
            "Demoregio Zuid-Kennemerland en IJmond aangemaakt in {:.1} s.",
            started.elapsed().as_secs_f64()
        );
    } else {
        println!("De database bevat al gegevens; die worden gebruikt zoals ze zijn.");
    }
    if summary.logins.is_empty() {
        bail!("geen gebruikers in deze database");
    }
    println!("Demo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):");
    let mut seen = std::collections::HashSet::new();
    for l in summary
        .logins
        .iter()
        .filter(|l| seen.insert((l.role.clone(), l.organisation.clone())))
    {
        println!("  {:<45} {:<14} {}", l.email, l.role, l.organisation);
    }
    Ok(())
}

async fn serve(
    ctx: AppContext,
    addr: SocketAddr,
    vum: Option<koppel_web::vum_client::VumClient>,
) -> Result<()> {
    let app = koppel_web::router_with(ctx.clone(), vum);
    let purging = ctx.clone();
    tokio::spawn(async move {
        // The retention purge runs at start-up and then once a day.
        let mut day = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
        loop {
            day.tick().await;
            if let Err(e) =
                koppel_app::retention::purge(&purging, chrono::Utc::now(), &Meta::local("purge"))
                    .await
            {
                tracing::error!(error = %e, "retention purge failed");
            }
        }
    });
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    println!("koppel luistert op http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    ctx.close().await;
    Ok(())
}
