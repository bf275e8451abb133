//! Configuration, in layers: built-in defaults, then an optional TOML file (`--config` or
//! `KOPPEL_CONFIG`), then `KOPPEL_*`/`DATABASE_URL` environment variables, then command-line flags.
//! clap reads flags and variables; the file fills in what neither gave.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::{Context, Result};
use koppel_app::context::Settings;
use koppel_app::domain::codes::{CodeList, Role};
use koppel_app::domain::crm::ClockRule;
use koppel_app::domain::permissions::Permission;
use serde::Deserialize;

/// The settings a configuration file may hold; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub database_url: Option<String>,
    pub addr: Option<SocketAddr>,
    pub secure_cookies: Option<bool>,
    pub session_hours: Option<i64>,
    pub session_idle_minutes: Option<i64>,
    pub max_failed_logins: Option<i64>,
    pub max_failed_logins_per_origin: Option<i64>,
    pub max_failed_logins_per_minute: Option<i64>,
    pub throttle_minutes: Option<i64>,
    /// How the 24-hour response deadline is counted: `calendar` (default) or `office`.
    pub response_clock: Option<String>,
    pub stale_nomination_days: Option<i64>,
    pub referral_follow_up_days: Option<i64>,
    /// Minutes after its deadline that an unanswered contact request is escalated by itself
    /// (default 0: at the deadline).
    pub escalate_after_minutes: Option<i64>,
    pub public_requests_per_hour: Option<i64>,
    /// Counts below this are hidden in figures that leave the organisation (default 5).
    pub small_cell_threshold: Option<i64>,
    /// Months personal data is kept after the last activity (default 24).
    pub retention_months: Option<u32>,
    pub log_retention_months: Option<u32>,
    pub trusted_proxies: Option<Vec<std::net::IpAddr>>,
    /// Roles that must log in with a second factor (default: every role that sees personal data, and
    /// administrators; none in the demo).
    pub second_factor_roles: Option<Vec<String>>,
    /// A file with the pseudonym keys, one a line, current first (or `KOPPEL_PSEUDONYM_KEY_FILE`).
    pub pseudonym_key_file: Option<std::path::PathBuf>,
    /// OINs that may ask the VUM source; empty or absent: every party with a certificate from the CA.
    pub vum_allowed_oins: Option<Vec<String>>,
    /// The service's name (default "WerkgeversServicepunt"), e.g. "Werkcentrum IJmond".
    pub service_name: Option<String>,
    /// The public address of koppel, e.g. "https://werk.ijmond.nl", for links sent out.
    pub public_url: Option<String>,
    /// The service's e-mail address and phone number, shown in the footer and the vacancy paper.
    pub service_email: Option<String>,
    pub service_phone: Option<String>,
    /// The region's colour for the header, buttons and links, as `#rrggbb` (default #01689b).
    pub theme_color: Option<String>,
    /// The SMTP server for e-mail (or `KOPPEL_SMTP_URL`, which keeps a password out of the file):
    /// `smtp://host:25`, `smtp://user:password@host:587?tls=required`, `smtps://user:password@host`.
    pub smtp_url: Option<String>,
    /// The sender of e-mail, e.g. "Werkcentrum IJmond <noreply@werk.ijmond.nl>".
    pub mail_from: Option<String>,
    /// Scheduled backups by `koppel serve`: the directory (absent: none), how often, how many kept.
    pub backup_dir: Option<std::path::PathBuf>,
    pub backup_every_hours: Option<u64>,
    pub backup_keep: Option<usize>,
    /// Seconds an import run holds its job without a sign of life before another run (this
    /// server, or another node) takes it over (default 60).
    pub import_lease_seconds: Option<i64>,
    /// The share of the time (percent) a bulk import works; it rests the remainder between batches
    /// so staff working beside it keep their speed (default 50; 100: at full speed).
    pub import_share_percent: Option<u32>,
    /// A file holding the bearer token a metrics scraper sends to `/metrics` (or
    /// `KOPPEL_METRICS_TOKEN`); absent: `/metrics` is off.
    pub metrics_token_file: Option<std::path::PathBuf>,
}

impl FileConfig {
    pub fn load(path: Option<&Path>) -> Result<Self> {
        let Some(path) = path else {
            return Ok(Self::default());
        };
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text)
            .with_context(|| format!("invalid configuration in {}", path.display()))
    }
}

/// The effective configuration after layering.
#[derive(Debug)]
pub struct Config {
    pub database_url: String,
    pub addr: SocketAddr,
    pub settings: Settings,
    pub backups: Option<crate::jobs::BackupSchedule>,
}

/// The theme colour: `#rrggbb`, or the default.
fn theme_color(configured: Option<&str>, default: &str) -> Result<String> {
    match configured {
        None => Ok(default.to_string()),
        Some(c)
            if c.len() == 7
                && c.starts_with('#')
                && c[1..].bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            Ok(c.to_lowercase())
        }
        Some(c) => anyhow::bail!("theme_color moet een kleur als #01689b zijn, niet '{c}'"),
    }
}

/// The roles that need a second factor: as configured, or by default every role that sees personal
/// data and administrators (none in the demo, whose users are shared).
fn second_factor_roles(configured: Option<&[String]>, demo: bool) -> Result<Vec<Role>> {
    match configured {
        Some(codes) => codes
            .iter()
            .map(|c| Role::parse(c).map_err(|e| anyhow::anyhow!(e.message)))
            .collect(),
        None if demo => Ok(Vec::new()),
        None => Ok(Role::ALL
            .iter()
            .copied()
            .filter(|r| r.can(Permission::ReadCandidates) || r.can(Permission::ManageUsers))
            .collect()),
    }
}

/// The pseudonym keys from a key file: one a line, current first, each at least 32 characters.
fn pseudonym_keys(path: Option<&Path>) -> Result<Vec<String>> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let keys: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    if keys.is_empty() || keys.iter().any(|k| k.len() < 32) {
        anyhow::bail!(
            "{}: give one key of at least 32 characters a line, the current one first",
            path.display()
        );
    }
    Ok(keys)
}

/// The metrics token: `KOPPEL_METRICS_TOKEN`, or the first line of the configured file; at least
/// 32 characters, so it cannot be guessed.
fn metrics_token(file: Option<&Path>) -> Result<String> {
    let token = match (std::env::var("KOPPEL_METRICS_TOKEN").ok(), file) {
        (Some(t), _) => t,
        (None, Some(path)) => std::fs::read_to_string(path)
            .with_context(|| format!("reading the metrics token from {}", path.display()))?
            .lines()
            .next()
            .unwrap_or_default()
            .to_string(),
        (None, None) => return Ok(String::new()),
    };
    let token = token.trim().to_string();
    if token.len() < 32 {
        anyhow::bail!("the metrics token must be at least 32 characters");
    }
    Ok(token)
}

impl Config {
    /// Layers flag and environment values (`Some` when given) over the file and the defaults.
    pub fn layer(
        file: FileConfig,
        db: Option<String>,
        addr: Option<SocketAddr>,
        secure_cookies: bool,
        demo: bool,
    ) -> Result<Self> {
        let clock_rule = match &file.response_clock {
            Some(c) => ClockRule::parse(c).map_err(|e| anyhow::anyhow!(e.message))?,
            None => ClockRule::default(),
        };
        let defaults = Settings::default();
        let database_url = db.or(file.database_url).unwrap_or_else(|| {
            if demo {
                "koppel-demo.db".into()
            } else {
                "koppel.db".into()
            }
        });
        let addr = addr
            .or(file.addr)
            .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8080)));
        let settings = Settings {
            session_hours: file.session_hours.unwrap_or(defaults.session_hours),
            max_failed_logins: file.max_failed_logins.unwrap_or(defaults.max_failed_logins),
            throttle_minutes: file.throttle_minutes.unwrap_or(defaults.throttle_minutes),
            session_idle_minutes: file
                .session_idle_minutes
                .unwrap_or(defaults.session_idle_minutes),
            max_failed_logins_per_origin: file
                .max_failed_logins_per_origin
                .unwrap_or(defaults.max_failed_logins_per_origin),
            max_failed_logins_per_minute: file
                .max_failed_logins_per_minute
                .unwrap_or(defaults.max_failed_logins_per_minute),
            secure_cookies: secure_cookies
                || file.secure_cookies.unwrap_or(defaults.secure_cookies),
            clock_rule,
            stale_nomination_days: file
                .stale_nomination_days
                .unwrap_or(defaults.stale_nomination_days),
            referral_follow_up_days: file
                .referral_follow_up_days
                .unwrap_or(defaults.referral_follow_up_days),
            escalate_after_minutes: file
                .escalate_after_minutes
                .unwrap_or(defaults.escalate_after_minutes),
            public_requests_per_hour: file
                .public_requests_per_hour
                .unwrap_or(defaults.public_requests_per_hour),
            small_cell_threshold: file
                .small_cell_threshold
                .unwrap_or(defaults.small_cell_threshold),
            retention_months: file.retention_months.unwrap_or(defaults.retention_months),
            log_retention_months: file
                .log_retention_months
                .unwrap_or(defaults.log_retention_months),
            import_lease_seconds: file
                .import_lease_seconds
                .unwrap_or(defaults.import_lease_seconds)
                .max(1),
            import_share_percent: file
                .import_share_percent
                .unwrap_or(defaults.import_share_percent)
                .clamp(1, 100),
            trusted_proxies: file.trusted_proxies.unwrap_or_default(),
            vum_allowed_oins: file.vum_allowed_oins.clone().unwrap_or_default(),
            second_factor_roles: second_factor_roles(file.second_factor_roles.as_deref(), demo)?,
            service: koppel_app::context::Service {
                name: file.service_name.clone().unwrap_or(defaults.service.name),
                public_url: file
                    .public_url
                    .clone()
                    .unwrap_or_default()
                    .trim_end_matches('/')
                    .to_string(),
                email: file.service_email.clone().unwrap_or_default(),
                phone: file.service_phone.clone().unwrap_or_default(),
                theme_color: theme_color(
                    file.theme_color.as_deref(),
                    &defaults.service.theme_color,
                )?,
            },
            mail: koppel_app::context::MailSettings {
                smtp_url: std::env::var("KOPPEL_SMTP_URL")
                    .ok()
                    .or(file.smtp_url.clone())
                    .unwrap_or_default(),
                from: file.mail_from.clone().unwrap_or_default(),
            },
            metrics_token: metrics_token(file.metrics_token_file.as_deref())?,
            pseudonym_keys: pseudonym_keys(
                std::env::var_os("KOPPEL_PSEUDONYM_KEY_FILE")
                    .map(std::path::PathBuf::from)
                    .or(file.pseudonym_key_file.clone())
                    .as_deref(),
            )?,
        };
        let backups = file
            .backup_dir
            .clone()
            .map(|dir| crate::jobs::BackupSchedule {
                dir,
                every_hours: file.backup_every_hours.unwrap_or(24),
                keep: file.backup_keep.unwrap_or(14),
            });
        Ok(Config {
            database_url,
            addr,
            settings,
            backups,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let file: FileConfig = toml::from_str(
            "database_url = \"/srv/koppel.db\"\naddr = \"0.0.0.0:9000\"\nsession_hours = 8\n",
        )
        .unwrap();
        let c = Config::layer(file, Some("postgres://x/y".into()), None, false, false).unwrap();
        assert_eq!(
            (
                c.database_url.as_str(),
                c.addr.port(),
                c.settings.session_hours
            ),
            ("postgres://x/y", 9000, 8)
        );
        assert_eq!(
            c.settings.max_failed_logins,
            Settings::default().max_failed_logins
        );
        let demo = Config::layer(FileConfig::default(), None, None, true, true).unwrap();
        assert_eq!(
            demo.settings.clock_rule,
            ClockRule::CalendarHours,
            "calendar hours by default"
        );
        let office: FileConfig = toml::from_str("response_clock = \"office\"").unwrap();
        assert_eq!(
            Config::layer(office, None, None, false, false)
                .unwrap()
                .settings
                .clock_rule,
            ClockRule::OfficeHours
        );
        let bad: FileConfig = toml::from_str("response_clock = \"soms\"").unwrap();
        assert!(Config::layer(bad, None, None, false, false).is_err());
        assert_eq!(
            (
                demo.database_url.as_str(),
                demo.addr.port(),
                demo.settings.secure_cookies
            ),
            ("koppel-demo.db", 8080, true)
        );
        assert!(
            toml::from_str::<FileConfig>("databse_url = \"typo\"").is_err(),
            "unknown keys are refused"
        );
    }
}
