//! The NL Design System look: the community components (`@utrecht/component-library-css`) and
//! the example token set they are styled with, both vendored, and koppel's own theme on top, made
//! from the configured colour so each region shows its own.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/static/nl-design-system.css", get(components))
        .route("/static/design-tokens.css", get(tokens))
        .route("/static/thema.css", get(theme))
}

fn css(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response()
}

async fn components() -> Response {
    css(include_str!("../../static/vendor/utrecht-component-library.css").to_string())
}

async fn tokens() -> Response {
    css(include_str!("../../static/vendor/voorbeeld-design-tokens.css").to_string())
}

/// koppel's tokens: the region's colour for actions, links and the header (with a darker shade
/// for hover and a light one for backgrounds), a warning colour for destructive actions, and
/// system fonts.
pub fn theme_css(brand: &str) -> String {
    format!(
        ".koppel-theme {{
  --koppel-brand: {brand};
  --koppel-brand-dark: color-mix(in srgb, {brand} 72%, black);
  --koppel-brand-light: color-mix(in srgb, {brand} 8%, white);
  --koppel-warning: #b3261e;
  --koppel-warning-dark: #8c1d18;
  --basis-text-font-family-default: \"Segoe UI\", Roboto, Arial, sans-serif;
  --basis-heading-font-family: \"Segoe UI\", Roboto, Arial, sans-serif;
  --utrecht-document-font-family: var(--basis-text-font-family-default);
  --utrecht-document-font-size: 1rem;
  --utrecht-document-line-height: 1.5;
  --utrecht-document-color: #1b1b1b;
  --utrecht-document-background-color: #fff;
  --basis-color-action-1-inverse-bg-default: var(--koppel-brand);
  --basis-color-action-1-inverse-bg-hover: var(--koppel-brand-dark);
  --basis-color-action-1-inverse-bg-active: var(--koppel-brand-dark);
  --basis-color-action-1-inverse-color-default: #fff;
  --basis-color-action-1-inverse-color-hover: #fff;
  --basis-color-action-1-inverse-color-active: #fff;
  --basis-color-action-1-color-default: var(--koppel-brand);
  --basis-color-action-1-color-hover: var(--koppel-brand-dark);
  --basis-color-action-1-color-active: var(--koppel-brand-dark);
  --basis-color-action-1-border-default: var(--koppel-brand);
  --basis-color-action-1-border-hover: var(--koppel-brand-dark);
  --basis-color-action-1-border-active: var(--koppel-brand-dark);
  --basis-color-action-1-bg-hover: var(--koppel-brand-light);
  --basis-color-action-1-bg-active: var(--koppel-brand-light);
  --basis-color-action-2-color-default: var(--koppel-brand);
  --basis-color-action-2-color-hover: var(--koppel-brand-dark);
  --basis-color-action-2-color-active: var(--koppel-brand-dark);
  --utrecht-data-badge-background-color: var(--koppel-brand-light);
  --utrecht-data-badge-border-color: var(--koppel-brand);
  --utrecht-data-badge-font-weight: 600;
  --utrecht-button-primary-action-warning-background-color: var(--koppel-warning);
  --utrecht-button-primary-action-warning-border-color: var(--koppel-warning);
  --utrecht-button-primary-action-warning-color: #fff;
  --utrecht-button-primary-action-warning-hover-background-color: var(--koppel-warning-dark);
  --utrecht-button-primary-action-warning-hover-border-color: var(--koppel-warning-dark);
  --utrecht-button-primary-action-warning-hover-color: #fff;
  --utrecht-button-primary-action-warning-active-background-color: var(--koppel-warning-dark);
  --utrecht-button-primary-action-warning-active-border-color: var(--koppel-warning-dark);
  --utrecht-button-primary-action-warning-active-color: #fff;
}}
"
    )
}

async fn theme(State(web): State<Web>) -> Response {
    css(theme_css(&web.ctx.settings.service.theme_color))
}
