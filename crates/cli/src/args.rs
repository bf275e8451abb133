//! The command line: every command and its arguments, as clap reads them.

use std::net::SocketAddr;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "koppel",
    version,
    about = "koppel: employer services, vacancies and candidates for a Dutch labour-market region"
)]
pub(crate) struct Cli {
    /// A TOML configuration file (see docs/configuration.md)
    #[arg(long, global = true, env = "KOPPEL_CONFIG")]
    pub(crate) config: Option<std::path::PathBuf>,
    /// Database: a SQLite file path (default koppel.db) or postgres://user:pass@host/db
    #[arg(long, global = true, env = "DATABASE_URL")]
    pub(crate) db: Option<String>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Serve the web UI and the API
    Serve(ServeArgs),
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
    /// Restore a backup into a new, empty database (`--db`), then check it
    Restore {
        /// The backup made by `koppel backup` (or a scheduled one)
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Check the database: integrity, foreign keys, migrations, and the rows of the main tables
    Check,
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
pub(crate) enum BenchCommand {
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
pub(crate) enum ImportCommand {
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
pub(crate) struct VumArgs {
    pub(crate) file: std::path::PathBuf,
    /// Check every object and report, but save nothing
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Write every bad or skipped object with its reason to this CSV file
    #[arg(long)]
    pub(crate) report: Option<std::path::PathBuf>,
}

#[derive(clap::Args)]
pub(crate) struct ImportArgs {
    pub(crate) file: std::path::PathBuf,
    /// Check every row and report, but save nothing
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Read a column as a field: KOLOM=veld (repeatable), e.g. "Relatie=externalId"
    #[arg(long)]
    pub(crate) map: Vec<String>,
    /// Write every bad or skipped row with its reason to this CSV file
    #[arg(long)]
    pub(crate) report: Option<std::path::PathBuf>,
}

#[derive(Subcommand)]
pub(crate) enum ReportCommand {
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
pub(crate) enum TaxonomyCommand {
    /// Import a taxonomy bundle
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
}

#[derive(Subcommand)]
pub(crate) enum ImportSource {
    /// The official ESCO CSV bundle (any language): occupations_*.csv, skills_*.csv, skillGroups_*.csv,
    /// broaderRelationsSkillPillar_*.csv and occupationSkillRelations_*.csv
    Esco { dir: std::path::PathBuf },
    /// A CompetentNL-to-ESCO mapping table: CSV with competentnlUri, escoUri and matchType
    /// (exactMatch, closeMatch, broadMatch or narrowMatch)
    Competentnl { file: std::path::PathBuf },
}

#[derive(Subcommand)]
pub(crate) enum OrgCommand {
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
pub(crate) enum UserCommand {
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
pub(crate) enum TokenCommand {
    /// Create an API token for a user and print it once
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "api")]
        label: String,
    },
}

/// `koppel serve`: the addresses, the demo switch, and the VUM source and intermediary.
#[derive(clap::Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080)
    #[arg(long, env = "KOPPEL_ADDR")]
    pub(crate) addr: Option<SocketAddr>,
    /// Create (or reuse) the demo region and print its logins
    #[arg(long)]
    pub(crate) demo: bool,
    /// Mark session cookies Secure (when served behind TLS)
    #[arg(long, env = "KOPPEL_SECURE_COOKIES")]
    pub(crate) secure_cookies: bool,
    /// Also serve the VUM source interface (vacancies) on this address
    #[arg(long, env = "KOPPEL_VUM_ADDR")]
    pub(crate) vum_addr: Option<SocketAddr>,
    /// The OIN this region answers VUM requests as
    #[arg(long, env = "KOPPEL_VUM_OIN")]
    pub(crate) vum_oin: Option<String>,
    /// The VUM interface's server certificate chain (PEM)
    #[arg(long, env = "KOPPEL_VUM_CERT")]
    pub(crate) vum_cert: Option<std::path::PathBuf>,
    /// The private key of that certificate (PEM)
    #[arg(long, env = "KOPPEL_VUM_KEY")]
    pub(crate) vum_key: Option<std::path::PathBuf>,
    /// The CA bundle (PEM) client certificates must chain to; the caller's OIN is read from them
    #[arg(long, env = "KOPPEL_VUM_CLIENT_CA")]
    pub(crate) vum_client_ca: Option<std::path::PathBuf>,
    /// Development only: serve the VUM interface without TLS, on a loopback address only
    #[arg(long)]
    pub(crate) vum_insecure_loopback: bool,
    /// Ask other sources through this VUM exchange (host:port); needs the three files below
    #[arg(long, env = "KOPPEL_VUM_EXCHANGE")]
    pub(crate) vum_exchange: Option<String>,
    /// The name in the exchange's certificate (default: its host)
    #[arg(long, env = "KOPPEL_VUM_EXCHANGE_NAME")]
    pub(crate) vum_exchange_name: Option<String>,
    /// The OIN of the exchange
    #[arg(long, env = "KOPPEL_VUM_EXCHANGE_OIN")]
    pub(crate) vum_exchange_oin: Option<String>,
    /// The CA (PEM) of the exchange's certificate
    #[arg(long, env = "KOPPEL_VUM_EXCHANGE_CA")]
    pub(crate) vum_exchange_ca: Option<std::path::PathBuf>,
    /// This region's client certificate (PEM) for the exchange
    #[arg(long, env = "KOPPEL_VUM_CLIENT_CERT")]
    pub(crate) vum_client_cert: Option<std::path::PathBuf>,
    /// Its private key (PEM)
    #[arg(long, env = "KOPPEL_VUM_CLIENT_KEY")]
    pub(crate) vum_client_key: Option<std::path::PathBuf>,
}
