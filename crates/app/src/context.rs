//! The application context shared by all use cases: the store and the settings read at start-up.

use koppel_store::Store;

#[derive(Clone)]
pub struct AppContext {
    pub(crate) store: Store,
    /// The keys of the keyed pseudonyms in the processing log, current first (from the key file, or
    /// made once in the database); earlier keys find the records made before a rotation.
    pub(crate) pseudonym_keys: Vec<Vec<u8>>,
    pub settings: Settings,
    /// The matching index, rebuilt when the candidates change (see `matching`).
    pub(crate) matching: crate::matching::Cache,
    /// The skill finder for free text, rebuilt when the taxonomy changes.
    pub(crate) extraction: crate::skill_extraction::Cache,
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// How long a login session lasts.
    pub session_hours: i64,
    /// Sessions end after this many minutes without a request.
    pub session_idle_minutes: i64,
    /// Failed logins per account from one address within the window before that address is refused
    /// (from elsewhere, logins to the account are slowed down instead).
    pub max_failed_logins: i64,
    /// Failed logins from one address, over all accounts, within the window before it is refused.
    pub max_failed_logins_per_origin: i64,
    /// Failed logins per minute in the whole installation before logins are refused for a minute.
    pub max_failed_logins_per_minute: i64,
    pub throttle_minutes: i64,
    /// Mark session cookies `Secure` (behind TLS).
    pub secure_cookies: bool,
    /// How the 24-hour response deadline of contact requests is counted (default: calendar hours).
    pub clock_rule: koppel_domain::crm::ClockRule,
    /// Nominations without movement for this many days are flagged.
    pub stale_nomination_days: i64,
    /// A referral the receiver has not answered after this many days is flagged for following up.
    pub referral_follow_up_days: i64,
    /// A contact request still unanswered this many minutes after its deadline is escalated to a
    /// manager by itself.
    pub escalate_after_minutes: i64,
    /// Public contact-form submissions allowed per client address per hour.
    pub public_requests_per_hour: i64,
    /// Seconds an import run holds its job without renewing the lease (every batch renews it)
    /// before another run may take the job over.
    pub import_lease_seconds: i64,
    /// The share of the time (percent, 1-100) a bulk import may work: after a batch that took
    /// `t` it rests `t * (100 - share) / share`, so staff working beside it keep their speed.
    pub import_share_percent: u32,
    /// Counts below this are hidden in figures that leave the organisation (0 or 1: nothing hidden).
    pub small_cell_threshold: i64,
    /// Months personal data is kept after the last activity before the purge erases it.
    pub retention_months: u32,
    /// Months the audit and processing logs are kept before the purge deletes them.
    pub log_retention_months: u32,
    /// Keys of the pseudonyms in the processing log, current first (from a key file, never from the
    /// database they protect); empty: a key made once and kept in the database.
    pub pseudonym_keys: Vec<String>,
    /// Roles that must log in with a second factor (TOTP); they set one up at their next login.
    pub second_factor_roles: Vec<koppel_domain::codes::Role>,
    /// OINs that may ask the VUM source (their client certificate must name one); empty: every
    /// party with a certificate from the configured CA bundle.
    pub vum_allowed_oins: Vec<String>,
    /// Reverse proxies whose `X-Forwarded-For` names the client; from anyone else it is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Who runs this installation, as the public and the staff see it.
    pub service: Service,
    /// Where e-mail goes out.
    pub mail: MailSettings,
    /// The bearer token a metrics scraper sends to `/metrics`; empty: `/metrics` is off.
    pub metrics_token: String,
}

/// The SMTP server e-mail is sent through. Without one, messages wait in the outbox (the
/// administrator sees them) until one is configured.
#[derive(Debug, Clone, Default)]
pub struct MailSettings {
    /// `smtp://host:25`, `smtp://user:password@host:587?tls=required` or `smtps://...`; empty: none.
    pub smtp_url: String,
    /// The sender, e.g. `Werkcentrum IJmond <noreply@werk.ijmond.nl>`.
    pub from: String,
}

/// The service's name, public address and contact details: in the header, the footer, the
/// vacancy paper and every link sent out (from 2026 the WSP is part of the Werkcentrum, so the
/// name is the region's to choose).
#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    /// The address the public reaches koppel at, e.g. `https://werk.ijmond.nl`; links sent by
    /// e-mail are built on it. Empty: the address of the request.
    pub public_url: String,
    pub email: String,
    pub phone: String,
    /// The region's own colour (`#rrggbb`) for the header, buttons and links; the theme's
    /// tokens are made from it.
    pub theme_color: String,
}

impl Default for Service {
    fn default() -> Self {
        Self {
            name: "WerkgeversServicepunt".into(),
            public_url: String::new(),
            email: String::new(),
            phone: String::new(),
            theme_color: "#01689b".into(),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            session_hours: 10,
            session_idle_minutes: 30,
            max_failed_logins: 5,
            max_failed_logins_per_origin: 20,
            max_failed_logins_per_minute: 100,
            throttle_minutes: 15,
            secure_cookies: false,
            clock_rule: koppel_domain::crm::ClockRule::CalendarHours,
            stale_nomination_days: 14,
            referral_follow_up_days: 5,
            escalate_after_minutes: 0,
            public_requests_per_hour: 5,
            import_lease_seconds: 60,
            import_share_percent: 50,
            small_cell_threshold: 5,
            retention_months: 24,
            log_retention_months: 24,
            pseudonym_keys: Vec::new(),
            second_factor_roles: Vec::new(),
            vum_allowed_oins: Vec::new(),
            trusted_proxies: Vec::new(),
            service: Service::default(),
            mail: MailSettings::default(),
            metrics_token: String::new(),
        }
    }
}

impl AppContext {
    /// The store itself, for tests that set up or inspect rows directly; koppel is built without
    /// the `test-support` feature, so its front-ends reach the store only through use cases.
    #[cfg(feature = "test-support")]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Opens the store, applies migrations and seeds reference data, then reads the settings.
    pub async fn open(database_url: &str, settings: Settings) -> Result<Self, crate::AppError> {
        let store = Store::connect(database_url).await?;
        let pseudonym_keys = crate::setup::prepare(&store, &settings.pseudonym_keys).await?;
        Ok(Self {
            store,
            pseudonym_keys,
            settings,
            matching: Default::default(),
            extraction: Default::default(),
        })
    }

    /// Whether the database answers (for `/health`).
    pub async fn healthy(&self) -> bool {
        match self.store.begin().await {
            Ok(tx) => tx.commit().await.is_ok(),
            Err(_) => false,
        }
    }

    /// Closes the database connections (at the end of a command).
    pub async fn close(&self) {
        self.store.close().await;
    }

    /// The id of the organisation with this short name (or full name), if there is one.
    pub async fn organisation_id(&self, name: &str) -> Result<Option<i64>, crate::AppError> {
        let mut tx = self.store.begin().await?;
        let orgs = koppel_store::organisations::list(&mut tx).await?;
        tx.commit().await?;
        Ok(orgs
            .iter()
            .find(|o| o.short_name == name || o.name == name)
            .map(|o| o.id))
    }
}
