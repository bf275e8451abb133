//! Accounts in the browser: every user's own settings (API tokens, the second factor) on
//! `/instellingen`, and the administrator's page per user on `/beheer/gebruikers/{id}` (deactivate,
//! reactivate, reset password or second factor, end sessions, revoke tokens) and the new-user form.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use koppel_app::accounts::{self, AccountAction, TokenInput, UserInput};
use koppel_app::domain::codes::{CodeList, OrganisationKind, Role};
use koppel_app::store::accounts::TokenInfo;
use koppel_app::{admin, AppError};

use super::views::{Field, InlineForm, Nav};
use super::{render, CsrfForm, CsrfOnly, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/instellingen", get(settings))
        .route("/instellingen/tokens", post(create_token))
        .route("/tokens/{id}/intrekken", post(revoke_token))
        .route("/beheer/gebruikers/nieuw", get(new_user).post(create_user))
        .route("/beheer/gebruikers/{id}", get(user_page))
        .route("/beheer/gebruikers/{id}/{action}", post(act))
}

/// One token as a row.
struct TokenRow {
    id: i64,
    label: String,
    owner: String,
    scope: &'static str,
    created: String,
    expires: String,
    status: &'static str,
    live: bool,
}

impl TokenRow {
    fn of(t: &TokenInfo) -> Self {
        let now = chrono::Utc::now();
        let expired = t.expires_at.is_some_and(|e| e <= now);
        let day = |d: chrono::DateTime<chrono::Utc>| d.format("%d-%m-%Y").to_string();
        Self {
            id: t.id,
            label: t.label.clone(),
            owner: t.user_name.clone(),
            scope: if t.read_only {
                "Alleen lezen"
            } else {
                "Rechten van de gebruiker"
            },
            created: day(t.created_at),
            expires: t.expires_at.map(day).unwrap_or_default(),
            status: if t.revoked {
                "Ingetrokken"
            } else if expired {
                "Verlopen"
            } else {
                "Geldig"
            },
            live: !t.revoked && !expired,
        }
    }
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    title: String,
    nav: Option<Nav>,
    csrf: String,
    errors: Vec<(String, String)>,
    new_token: Option<String>,
    notice: String,
    facts: Vec<(&'static str, String)>,
    /// Label, action and whether it is destructive.
    buttons: Vec<(&'static str, String, bool)>,
    /// Pages of one's own settings.
    links: Vec<(&'static str, String)>,
    tokens: Vec<TokenRow>,
    show_owner: bool,
    forms: Vec<InlineForm>,
}

impl AccountPage {
    /// The page with the invalid fields of its form listed above it and marked in the form.
    fn with_errors(mut self, e: &koppel_app::domain::FieldErrors) -> Self {
        self.errors =
            e.0.iter()
                .map(|x| (x.field.clone(), x.message.clone()))
                .collect();
        for form in &mut self.forms {
            for f in &mut form.fields {
                f.error =
                    e.0.iter()
                        .find(|x| x.field == f.name)
                        .map(|x| x.message.clone());
            }
        }
        self
    }
}

fn token_form(s: &UiSession, input: &TokenInput) -> InlineForm {
    let days = ["30", "90", "180", "365"].map(|d| (d.to_string(), format!("{d} dagen")));
    InlineForm {
        title: "Nieuw API-token".into(),
        action: "/instellingen/tokens".into(),
        csrf: s.csrf.clone(),
        version: None,
        fields: vec![
            Field::text("label", "Waarvoor is het token?", input.label.0.clone()).required(),
            Field::select(
                "days",
                "Geldig",
                input
                    .days
                    .as_ref()
                    .map(|d| d.0.clone())
                    .unwrap_or_else(|| "90".into()),
                None,
                days.to_vec(),
            ),
            Field::checkbox(
                "readOnly",
                "Alleen lezen (het token kan niets wijzigen)",
                input.read_only.0,
            ),
        ],
        button: "Token aanmaken",
    }
}

async fn settings_page(
    web: &Web,
    s: &UiSession,
    input: &TokenInput,
) -> Result<AccountPage, UiError> {
    let tokens = accounts::tokens(&web.ctx, &s.actor).await?;
    let own: Vec<TokenRow> = tokens
        .iter()
        .filter(|t| t.user_id == s.actor.user_id())
        .map(TokenRow::of)
        .collect();
    Ok(AccountPage {
        title: "Instellingen".into(),
        nav: Some(Nav::of(s)),
        csrf: s.csrf.clone(),
        errors: Vec::new(),
        new_token: None,
        notice: String::new(),
        facts: vec![
            ("Naam", s.actor.name().to_string()),
            ("E-mailadres", s.actor.email().to_string()),
            ("Organisatie", s.actor.org_name().to_string()),
        ],
        buttons: Vec::new(),
        links: vec![
            ("Tweede factor", "/tweede-factor".into()),
            ("Welke e-mail ik krijg", "/instellingen/e-mail".into()),
        ],
        tokens: own,
        show_owner: false,
        forms: vec![token_form(s, input)],
    })
}

async fn settings(State(web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    let page = settings_page(&web, &s, &TokenInput::default()).await?;
    Ok(render(StatusCode::OK, &page))
}

#[derive(serde::Deserialize)]
struct Posted<T> {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: T,
}

impl<T> super::CarriesCsrf for Posted<T> {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

async fn create_token(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    CsrfForm(post): CsrfForm<Posted<TokenInput>>,
) -> Result<Response, UiError> {
    match accounts::create_token(&web.ctx, &s.actor, &meta, &post.input).await {
        Ok(made) => {
            let mut page = settings_page(&web, &s, &TokenInput::default()).await?;
            page.new_token = Some(made.token);
            Ok(render(StatusCode::CREATED, &page))
        }
        Err(AppError::Invalid(e)) => {
            let page = settings_page(&web, &s, &post.input).await?;
            Ok(render(StatusCode::BAD_REQUEST, &page.with_errors(&e)))
        }
        Err(e) => Err(UiError(e)),
    }
}

async fn revoke_token(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path(id): Path<i64>,
    CsrfForm(_post): CsrfForm<CsrfOnly>,
) -> Result<Response, UiError> {
    accounts::revoke_token(&web.ctx, &s.actor, &meta, id).await?;
    let back = if s
        .actor
        .can(koppel_app::domain::permissions::Permission::ManageUsers)
    {
        "/beheer/gebruikers"
    } else {
        "/instellingen"
    };
    Ok(Redirect::to(back).into_response())
}

fn user_form(s: &UiSession, input: &UserInput, orgs: Vec<(String, String)>) -> InlineForm {
    let roles = Role::ALL
        .iter()
        .map(|r| (r.code().to_string(), r.label().to_string()))
        .collect();
    InlineForm {
        title: "Gebruiker toevoegen".into(),
        action: "/beheer/gebruikers/nieuw".into(),
        csrf: s.csrf.clone(),
        version: None,
        fields: vec![
            Field::text("name", "Naam", input.name.0.clone()).required(),
            Field::text("email", "E-mailadres", input.email.0.clone()).kind("email").required(),
            Field::select("organisation", "Organisatie", input.organisation.0.clone(), Some("Kies een organisatie"), orgs),
            Field::select("role", "Rol", input.role.0.clone(), Some("Kies een rol"), roles),
            Field::text("password", "Eerste wachtwoord", input.password.0.clone())
                .kind("password")
                .required()
                .hint("Minstens 12 tekens. Geef het de gebruiker via een ander kanaal dan het e-mailadres."),
        ],
        button: "Toevoegen",
    }
}

async fn organisations(web: &Web, s: &UiSession) -> Result<Vec<(String, String)>, UiError> {
    let orgs = admin::organisations(&web.ctx, &s.actor).await?;
    Ok(orgs
        .into_iter()
        .map(|o| {
            let kind = OrganisationKind::parse(&o.kind)
                .map(|k| k.label())
                .unwrap_or("");
            (o.short_name.clone(), format!("{} ({kind})", o.name))
        })
        .collect())
}

async fn new_user_page(
    web: &Web,
    s: &UiSession,
    input: &UserInput,
) -> Result<AccountPage, UiError> {
    let orgs = organisations(web, s).await?;
    Ok(AccountPage {
        title: "Gebruiker toevoegen".into(),
        nav: Some(Nav::of(s)),
        csrf: s.csrf.clone(),
        errors: Vec::new(),
        new_token: None,
        notice: String::new(),
        facts: Vec::new(),
        buttons: Vec::new(),
        links: Vec::new(),
        tokens: Vec::new(),
        show_owner: false,
        forms: vec![user_form(s, input, orgs)],
    })
}

async fn new_user(State(web): State<Web>, s: UiSession) -> Result<Response, UiError> {
    s.actor
        .require(koppel_app::domain::permissions::Permission::ManageUsers)?;
    Ok(render(
        StatusCode::OK,
        &new_user_page(&web, &s, &UserInput::default()).await?,
    ))
}

async fn create_user(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    CsrfForm(post): CsrfForm<Posted<UserInput>>,
) -> Result<Response, UiError> {
    match accounts::create_user(&web.ctx, &s.actor, &meta, &post.input).await {
        Ok(id) => Ok(Redirect::to(&format!("/beheer/gebruikers/{id}")).into_response()),
        Err(AppError::Invalid(e)) => {
            let mut input = post.input;
            input.password.0.clear();
            let page = new_user_page(&web, &s, &input).await?;
            Ok(render(StatusCode::BAD_REQUEST, &page.with_errors(&e)))
        }
        Err(e) => Err(UiError(e)),
    }
}

async fn user_page(
    State(web): State<Web>,
    s: UiSession,
    Path(id): Path<i64>,
) -> Result<Response, UiError> {
    let user = admin::user(&web.ctx, &s.actor, id).await?;
    let tokens = accounts::tokens(&web.ctx, &s.actor).await?;
    let base = format!("/beheer/gebruikers/{id}");
    let mut buttons = vec![(
        "Sessies beëindigen",
        format!("{base}/sessies-beeindigen"),
        false,
    )];
    buttons.push((
        "Tweede factor opnieuw laten instellen",
        format!("{base}/tweede-factor-resetten"),
        true,
    ));
    if user.active {
        buttons.push(("Deactiveren", format!("{base}/deactiveren"), true));
    } else {
        buttons.push(("Heractiveren", format!("{base}/heractiveren"), false));
    }
    let page = AccountPage {
        title: user.name.clone(),
        nav: Some(Nav::of(&s)),
        csrf: s.csrf.clone(),
        errors: Vec::new(),
        new_token: None,
        notice: String::new(),
        facts: vec![
            ("E-mailadres", user.email.clone()),
            ("Organisatie", user.org_name.clone()),
            (
                "Rol",
                Role::parse(&user.role)
                    .map(|r| r.label().to_string())
                    .unwrap_or_default(),
            ),
            (
                "Status",
                if user.active {
                    "Actief".into()
                } else {
                    "Gedeactiveerd".into()
                },
            ),
        ],
        buttons,
        links: Vec::new(),
        tokens: tokens
            .iter()
            .filter(|t| t.user_id == id)
            .map(TokenRow::of)
            .collect(),
        show_owner: false,
        forms: vec![InlineForm {
            title: "Nieuw wachtwoord".into(),
            action: format!("{base}/wachtwoord"),
            csrf: s.csrf.clone(),
            version: None,
            fields: vec![Field::text("password", "Nieuw wachtwoord", "")
                .kind("password")
                .required()
                .hint("Minstens 12 tekens. De gebruiker wordt overal afgemeld.")],
            button: "Wachtwoord instellen",
        }],
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(serde::Deserialize)]
struct ActionPost {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
}

impl super::CarriesCsrf for ActionPost {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

async fn act(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Path((id, action)): Path<(i64, String)>,
    CsrfForm(post): CsrfForm<ActionPost>,
) -> Result<Response, UiError> {
    let done = match action.as_str() {
        "wachtwoord" => {
            accounts::reset_password(&web.ctx, &s.actor, &meta, id, &post.password).await
        }
        other => {
            let action = match other {
                "deactiveren" => AccountAction::Deactivate,
                "heractiveren" => AccountAction::Reactivate,
                "sessies-beeindigen" => AccountAction::EndSessions,
                "tweede-factor-resetten" => AccountAction::ResetSecondFactor,
                _ => return Err(UiError(AppError::NotFound)),
            };
            accounts::act_on(&web.ctx, &s.actor, &meta, id, action).await
        }
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/beheer/gebruikers/{id}")).into_response()),
        Err(e) => Err(UiError(e)),
    }
}
