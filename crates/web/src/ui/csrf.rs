//! Form posts that must carry the session's CSRF token: `CsrfForm<T>` reads the form and refuses
//! it (403, in Dutch) before the handler runs unless its token is the session's.

use axum::extract::{Form, FromRequest, Request};
use axum::response::{IntoResponse, Response};
use koppel_app::AppError;
use serde::de::DeserializeOwned;

use super::UiError;
use crate::extract::SessionCsrf;

/// A form that names the CSRF token it was sent with.
pub trait CarriesCsrf {
    fn csrf(&self) -> &str;
}

/// A form post whose CSRF token was checked against the session's. Take `UiSession` before it in
/// the handler's arguments; without a session every post is refused.
pub struct CsrfForm<T>(pub T);

impl<S, T> FromRequest<S> for CsrfForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned + CarriesCsrf,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let expected = req.extensions().get::<SessionCsrf>().cloned();
        let Form(form) = Form::<T>::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match expected {
            Some(SessionCsrf(token)) if !form.csrf().is_empty() && form.csrf() == token => {
                Ok(CsrfForm(form))
            }
            _ => Err(UiError(AppError::Forbidden).into_response()),
        }
    }
}

/// Fails with 403 unless the token sent is the session's (for forms read in another way).
pub fn check_csrf(s: &crate::extract::UiSession, sent: &str) -> Result<(), UiError> {
    if !sent.is_empty() && sent == s.csrf {
        Ok(())
    } else {
        Err(UiError(AppError::Forbidden))
    }
}
