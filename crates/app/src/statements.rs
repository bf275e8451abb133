//! The privacy statement and the accessibility statement (toegankelijkheidsverklaring) that a
//! Dutch public service must publish: anyone may read them, the administrator writes them. Until
//! then a default text describes what koppel itself does.

use chrono::{DateTime, Utc};
use koppel_domain::permissions::Permission;
use koppel_domain::values::required_text;
use koppel_domain::FieldErrors;
use koppel_store::statements;

use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// The longest statement accepted, in characters.
const MAX_LENGTH: usize = 20_000;

/// Which statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementKind {
    Privacy,
    Accessibility,
}

impl StatementKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Privacy => "privacy",
            Self::Accessibility => "accessibility",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Privacy => "Privacyverklaring",
            Self::Accessibility => "Toegankelijkheidsverklaring",
        }
    }
}

/// A statement as the public reads it.
#[derive(Debug, Clone)]
pub struct Statement {
    pub kind: StatementKind,
    pub body: String,
    /// When the administrator last changed it; `None` while the default text is shown.
    pub updated_at: Option<DateTime<Utc>>,
}

/// The statement of a kind: as written by the administrator, or the default text.
pub async fn get(ctx: &AppContext, kind: StatementKind) -> Result<Statement, AppError> {
    let mut tx = ctx.store.begin().await?;
    let written = statements::get(&mut tx, kind.code()).await?;
    tx.commit().await?;
    Ok(match written {
        Some(s) => Statement {
            kind,
            body: s.body,
            updated_at: Some(s.updated_at),
        },
        None => Statement {
            kind,
            body: default_text(ctx, kind),
            updated_at: None,
        },
    })
}

/// Rewrites a statement (administrators only); the change is audited.
pub async fn put(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    kind: StatementKind,
    body: &str,
) -> Result<(), AppError> {
    actor.require(Permission::ManageUsers)?;
    let mut e = FieldErrors::new();
    let text = e.check("body", required_text(body, MAX_LENGTH));
    e.into_result()?;
    let text = text.unwrap_or_default();
    let mut tx = Op::begin(ctx, actor, meta).await?;
    statements::put(&mut tx, kind.code(), &text, Utc::now(), actor.name()).await?;
    tx.audit("statement.update", &format!("statement:{}", kind.code()))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// What koppel itself does, in plain Dutch, until the region writes its own statement.
fn default_text(ctx: &AppContext, kind: StatementKind) -> String {
    let service = &ctx.settings.service.name;
    let months = ctx.settings.retention_months;
    match kind {
        StatementKind::Privacy => format!(
            "{service} gebruikt koppel om werkgevers en werkzoekenden met elkaar in contact te brengen.\n\n\
             Welke gegevens: van werkgevers de bedrijfsgegevens en contactpersonen; van werkzoekenden \
             alleen wat nodig is voor bemiddeling naar werk: naam, contactgegevens, woonplaats, \
             opleiding, vaardigheden, beschikbaarheid en doelgroep.\n\n\
             Waarom: om vacatures en werkzoekenden te koppelen, voordrachten en plaatsingen te \
             begeleiden en om over de resultaten te rapporteren. Cijfers die de organisatie verlaten \
             bevatten geen aantallen die tot een persoon te herleiden zijn.\n\n\
             Wie ziet ze: alleen medewerkers die ze voor hun werk nodig hebben. Gegevens van een \
             werkzoekende zijn voor andere organisaties in de regio alleen zichtbaar met diens \
             toestemming. Elke inzage wordt vastgelegd.\n\n\
             Hoe lang: tot {months} maanden na het laatste contact; daarna worden de gegevens gewist.\n\n\
             Uw rechten: u kunt uw gegevens inzien, laten verbeteren of laten wissen. Neem daarvoor \
             contact op met {service}."
        ),
        StatementKind::Accessibility => format!(
            "{service} wil dat iedereen deze website kan gebruiken. De website is gebouwd volgens \
             de Web Content Accessibility Guidelines (WCAG) 2.1, niveau AA.\n\n\
             Alle onderdelen werken met alleen het toetsenbord en ook zonder JavaScript.\n\n\
             Loopt u toch tegen een probleem aan? Laat het {service} weten; wij antwoorden binnen \
             vijf werkdagen."
        ),
    }
}
