//! A use case's error shown as a Dutch page, with the menu of whoever is signed in: handlers
//! return `AppError`s with `?`, and the UI's error layer finds the navigation of the session.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use koppel_app::AppError;

use super::render;
use super::views::{ErrorPage, Nav};
use crate::extract::SessionSlot;

/// An `AppError` shown as an HTML page in Dutch.
pub struct UiError(pub AppError);

impl From<AppError> for UiError {
    fn from(e: AppError) -> Self {
        UiError(e)
    }
}

/// The status, title and message of an error page, kept on the response until the error layer
/// renders it with the session's menu.
#[derive(Clone)]
struct Shown {
    title: &'static str,
    message: &'static str,
}

impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        let (status, title, message) = describe(&self.0);
        let shown = Shown { title, message };
        let mut res = page(status, &shown, None);
        res.extensions_mut().insert(shown);
        res
    }
}

fn page(status: StatusCode, shown: &Shown, nav: Option<Nav>) -> Response {
    render(
        status,
        &ErrorPage {
            title: shown.title.into(),
            nav,
            message: shown.message.into(),
        },
    )
}

fn describe(e: &AppError) -> (StatusCode, &'static str, &'static str) {
    match e {
        AppError::NotFound => (
            StatusCode::NOT_FOUND,
            "Niet gevonden",
            "Deze pagina bestaat niet of is niet voor u zichtbaar.",
        ),
        AppError::Forbidden => (
            StatusCode::FORBIDDEN,
            "Geen toegang",
            "Uw rol staat deze handeling niet toe.",
        ),
        AppError::StaleVersion => (
            StatusCode::CONFLICT,
            "Intussen gewijzigd",
            "Iemand anders heeft dit record intussen gewijzigd. Open het opnieuw.",
        ),
        AppError::Invalid(_) => (
            StatusCode::BAD_REQUEST,
            "Ongeldige invoer",
            "Controleer de filters en probeer het opnieuw.",
        ),
        AppError::Conflict(_) => (
            StatusCode::CONFLICT,
            "Conflict",
            "De wijziging botst met bestaande gegevens.",
        ),
        AppError::Unauthenticated | AppError::Throttled => (
            StatusCode::UNAUTHORIZED,
            "Niet aangemeld",
            "Meld u opnieuw aan.",
        ),
        AppError::Internal(cause) => {
            tracing::error!(%cause, "internal error");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Er ging iets mis",
                "De fout is gelogd. Probeer het later opnieuw.",
            )
        }
    }
}

/// The UI's error layer: an error page gets the menu of the session that asked for it.
pub async fn with_menu(mut req: Request, next: Next) -> Response {
    let slot = SessionSlot::default();
    req.extensions_mut().insert(slot.clone());
    let res = next.run(req).await;
    let Some(shown) = res.extensions().get::<Shown>().cloned() else {
        return res;
    };
    match slot.take() {
        Some(session) => page(res.status(), &shown, Some(Nav::of(&session))),
        None => res,
    }
}
