//! Choosing a reference by name in a form. A pick field is a text box (`<name>.zoek`) and the
//! chosen reference (`<name>`, hidden). Without JavaScript the server resolves the typed name on
//! submit: one match is taken, several come back as a choice, none is a clear error. With
//! JavaScript the box becomes an accessible autocomplete fed by `/kiezen/{soort}`.

use axum::body::Bytes;
use axum::extract::{FromRequest, Query, Request, State};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use axum::Router;
use koppel_app::domain::FieldErrors;
use koppel_app::picking::{self, Choice, PickKind};
use koppel_app::{AppError, Meta};
use serde::de::DeserializeOwned;

use super::pick_kinds::{kind_of, singular};
use super::views::Field;
use super::{check_csrf, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::problem::ApiError;
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route(
            "/kiezen/werkgevers",
            get(|w, s, m, q| choices(w, s, m, q, PickKind::Employer)),
        )
        .route(
            "/kiezen/kandidaten",
            get(|w, s, m, q| choices(w, s, m, q, PickKind::Candidate)),
        )
        .route(
            "/kiezen/vacatures",
            get(|w, s, m, q| choices(w, s, m, q, PickKind::Vacancy)),
        )
        .route(
            "/kiezen/beroepen",
            get(|w, s, m, q| choices(w, s, m, q, PickKind::Occupation)),
        )
        .route(
            "/kiezen/vaardigheden",
            get(|w, s, m, q| choices(w, s, m, q, PickKind::Skill)),
        )
}

#[derive(serde::Deserialize)]
struct Term {
    #[serde(default)]
    q: String,
}

/// The choices for an autocomplete, as JSON: `[{"id": ..., "label": ...}]`.
async fn choices(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(term): Query<Term>,
    kind: PickKind,
) -> Result<Response, ApiError> {
    if term.q.trim().chars().count() < 2 {
        return Ok(Json(Vec::<Choice>::new()).into_response());
    }
    let found = picking::search(&web.ctx, &s.actor, &meta, kind, &term.q).await?;
    Ok(Json(found).into_response())
}

/// A posted form whose pick fields are not yet resolved.
pub struct PickForm(Vec<(String, String)>);

impl FromRequest<Web> for PickForm {
    type Rejection = Response;
    async fn from_request(req: Request, web: &Web) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, web)
            .await
            .map_err(IntoResponse::into_response)?;
        serde_urlencoded::from_bytes(&bytes)
            .map(PickForm)
            .map_err(|_| {
                (axum::http::StatusCode::BAD_REQUEST, "Ongeldig formulier").into_response()
            })
    }
}

/// The state of each pick field after a submit, to show the form again when needed.
#[derive(Default)]
pub struct Picks(Vec<Picked>);

struct Picked {
    name: &'static str,
    text: String,
    id: String,
    choices: Vec<Choice>,
    error: Option<String>,
}

impl PickForm {
    /// Checks the CSRF token, resolves the named pick fields, and reads the form as `T`.
    pub async fn resolve<T: DeserializeOwned>(
        mut self,
        web: &Web,
        s: &UiSession,
        meta: &Meta,
        fields: &[(&'static str, PickKind)],
    ) -> Result<(T, Picks), UiError> {
        check_csrf(s, self.value("csrf").unwrap_or_default())?;
        let mut picks = Picks::default();
        for (name, kind) in fields {
            let Some(text) = self.value(&format!("{name}.zoek")).map(str::to_string) else {
                continue;
            };
            let id = self.value(name).unwrap_or_default().to_string();
            let picked = resolve_one(web, s, meta, name, *kind, text, id).await?;
            self.set(name, &picked.id);
            picks.0.push(picked);
        }
        let encoded = serde_urlencoded::to_string(&self.0).unwrap_or_default();
        let form = serde_urlencoded::from_str(&encoded)
            .map_err(|_| UiError(AppError::Invalid(FieldErrors::new())))?;
        Ok((form, picks))
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn set(&mut self, name: &str, value: &str) {
        self.0.retain(|(k, _)| k != name);
        self.0.push((name.to_string(), value.to_string()));
    }
}

async fn resolve_one(
    web: &Web,
    s: &UiSession,
    meta: &Meta,
    name: &'static str,
    kind: PickKind,
    text: String,
    id: String,
) -> Result<Picked, AppError> {
    let mut picked = Picked {
        name,
        text: text.trim().to_string(),
        id: String::new(),
        choices: Vec::new(),
        error: None,
    };
    if picked.text.is_empty() {
        return Ok(picked);
    }
    if picked.text.chars().count() < 2 {
        picked.error = Some("Typ minstens 2 tekens van de naam.".into());
        return Ok(picked);
    }
    let found = find(web, s, meta, kind, &picked.text).await?;
    let exact: Vec<&Choice> = found
        .iter()
        .filter(|c| c.label.to_lowercase() == picked.text.to_lowercase())
        .collect();
    // The reference chosen still fits what the box says: among the matches, or named exactly.
    let chosen_fits = !id.is_empty()
        && (found.iter().any(|c| c.id == id)
            || picking::label(&web.ctx, &s.actor, meta, kind, &id)
                .await?
                .as_deref()
                == Some(picked.text.as_str()));
    if chosen_fits {
        picked.id = id;
    } else if exact.len() == 1 {
        picked.id = exact[0].id.clone();
    } else if found.len() == 1 {
        picked.id = found[0].id.clone();
        picked.text = found[0].label.clone();
    } else if found.is_empty() {
        picked.error = Some(format!(
            "Geen {} gevonden met ‘{}’. Typ een ander deel van de naam.",
            singular(kind),
            picked.text
        ));
    } else {
        picked.error = Some(format!(
            "Er zijn meerdere met ‘{}’: kies hieronder de juiste {}.",
            picked.text,
            singular(kind)
        ));
        picked.choices = found;
    }
    Ok(picked)
}

/// Searches the typed text; a label as the list shows it ("Naam (Plaats)", "Titel bij
/// Werkgever") is searched by its first part when the whole finds nothing.
async fn find(
    web: &Web,
    s: &UiSession,
    meta: &Meta,
    kind: PickKind,
    text: &str,
) -> Result<Vec<Choice>, AppError> {
    let mut terms = vec![text.to_string()];
    for sep in [" (", " bij "] {
        if let Some((head, _)) = text.split_once(sep) {
            if head.trim().chars().count() >= 2 {
                terms.push(head.trim().to_string());
            }
        }
    }
    for term in terms {
        let found = picking::search(&web.ctx, &s.actor, meta, kind, &term).await?;
        if !found.is_empty() {
            return Ok(found);
        }
    }
    Ok(Vec::new())
}

impl Picks {
    /// The pick fields that could not be resolved, as field errors; `None` when all are fine.
    pub fn refusal(&self) -> Option<AppError> {
        let mut e = FieldErrors::new();
        for p in &self.0 {
            if let Some(msg) = &p.error {
                e.push(p.name, "not_picked", msg.clone());
            }
        }
        (!e.is_empty()).then_some(AppError::Invalid(e))
    }

    /// Runs the use case, unless a pick field could not be resolved (then its field errors).
    pub async fn then<T>(
        &self,
        use_case: impl std::future::Future<Output = Result<T, AppError>>,
    ) -> Result<T, AppError> {
        match self.refusal() {
            Some(refused) => Err(refused),
            None => use_case.await,
        }
    }

    /// Shows the form's pick fields again: what was typed, the choice offered, the names of
    /// the references chosen.
    pub async fn show(
        &self,
        web: &Web,
        s: &UiSession,
        meta: &Meta,
        fields: &mut [Field],
    ) -> Result<(), UiError> {
        self.apply(fields);
        name_picks(web, s, meta, fields).await
    }

    /// Shows what was typed and found in the form's pick fields.
    fn apply(&self, fields: &mut [Field]) {
        for p in &self.0 {
            if let Some(f) = fields.iter_mut().find(|f| f.name == p.name) {
                f.text = p.text.clone();
                f.value = p.id.clone();
                f.options = p
                    .choices
                    .iter()
                    .map(|c| (c.id.clone(), c.label.clone()))
                    .collect();
            }
        }
    }
}

/// Fills in the names of the references already chosen in a form's pick fields.
pub async fn name_picks(
    web: &Web,
    s: &UiSession,
    meta: &Meta,
    fields: &mut [Field],
) -> Result<(), UiError> {
    for f in fields.iter_mut().filter(|f| f.kind == "pick") {
        let Some(kind) = kind_of(f.pick) else {
            continue;
        };
        if f.text.is_empty() && !f.value.is_empty() {
            let label = picking::label(&web.ctx, &s.actor, meta, kind, &f.value).await?;
            f.text = label.unwrap_or_default();
        }
    }
    Ok(())
}
