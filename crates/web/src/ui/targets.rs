//! The yearly targets per target group (`/cijfers/doelen`): read by everyone who sees figures,
//! set by those who manage targets, with a guard against overwriting a colleague's change.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use chrono::{Datelike, Utc};
use koppel_app::figures::{self, targets as target_cases};
use koppel_app::AppError;
use koppel_domain::codes::{Cluster, CodeList};
use koppel_domain::permissions::Permission;
use serde::Deserialize;

use super::views::Nav;
use super::{check_csrf, render, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new().route("/cijfers/doelen", get(targets_page).post(save_targets))
}

#[derive(Template)]
#[template(path = "targets.html")]
struct TargetsPage {
    title: String,
    nav: Option<Nav>,
    csrf: String,
    year: i64,
    scope: String,
    scopes: Vec<(String, String)>,
    rows: Vec<(String, String, String, String)>,
    errors: Vec<String>,
    saved: bool,
    can_edit: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct TargetsQuery {
    jaar: Option<i64>,
    #[serde(default)]
    voor: String,
    #[serde(default)]
    opgeslagen: Option<String>,
}

/// `region`, `organisation:ID`, `subregion:NAME` or `cluster:CODE` as (kind, value).
fn split_scope(s: &str) -> (String, String) {
    match s.split_once(':') {
        Some((k, v)) => (k.to_string(), v.to_string()),
        None => ("region".into(), String::new()),
    }
}

async fn targets_view(
    web: &Web,
    s: &UiSession,
    q: &TargetsQuery,
    typed: Option<&HashMap<String, String>>,
) -> Result<TargetsPage, AppError> {
    let year = q.jaar.unwrap_or_else(|| Utc::now().year() as i64);
    let (kind, value) = split_scope(&q.voor);
    let list = target_cases::of_year(&web.ctx, &s.actor, year).await?;
    let options = figures::filter_options(&web.ctx, &s.actor).await?;
    let mut scopes = vec![("region".to_string(), "De hele regio".to_string())];
    scopes.extend(
        options
            .organisations
            .iter()
            .map(|(id, n)| (format!("organisation:{id}"), format!("Organisatie {n}"))),
    );
    scopes.extend(
        options
            .subregions
            .iter()
            .map(|n| (format!("subregion:{n}"), format!("Subregio {n}"))),
    );
    scopes.extend(Cluster::ALL.iter().map(|c| {
        (
            format!("cluster:{}", c.code()),
            format!("Cluster {}", c.label()),
        )
    }));
    let rows = options
        .target_groups
        .iter()
        .map(|(code, label)| {
            let stored = list
                .iter()
                .find(|t| &t.target_group == code && t.scope_kind == kind && t.scope_value == value)
                .map(|t| t.value.to_string())
                .unwrap_or_default();
            let shown = typed
                .and_then(|m| m.get(&format!("doel_{code}")).cloned())
                .unwrap_or_else(|| stored.clone());
            (code.clone(), label.clone(), shown, stored)
        })
        .collect();
    Ok(TargetsPage {
        title: format!("Doelen {year}"),
        nav: Some(Nav::of(s)),
        csrf: s.csrf.clone(),
        year,
        scope: if kind == "region" {
            "region".into()
        } else {
            format!("{kind}:{value}")
        },
        scopes,
        rows,
        errors: Vec::new(),
        saved: q.opgeslagen.is_some(),
        can_edit: s.actor.can(Permission::ManageTargets),
    })
}

async fn targets_page(
    State(web): State<Web>,
    s: UiSession,
    Query(q): Query<TargetsQuery>,
) -> Result<Response, UiError> {
    let view = targets_view(&web, &s, &q, None).await?;
    Ok(render(StatusCode::OK, &view))
}

async fn save_targets(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<TargetsQuery>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, UiError> {
    let err = |e| UiError(e);
    check_csrf(&s, form.get("csrf").map(String::as_str).unwrap_or(""))?;
    let year = q.jaar.unwrap_or_else(|| Utc::now().year() as i64);
    let (kind, value) = split_scope(&q.voor);
    let mut values = Vec::new();
    let mut typo = Vec::new();
    let shown: Vec<(String, Option<i64>)> = form
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("was_")?.to_string(), v.trim().parse().ok())))
        .collect();
    for (key, raw) in &form {
        let Some(code) = key.strip_prefix("doel_") else {
            continue;
        };
        let raw = raw.trim();
        if raw.is_empty() {
            values.push((code.to_string(), None));
        } else if let Ok(n) = raw.parse::<i64>() {
            values.push((code.to_string(), Some(n)));
        } else {
            typo.push(format!(
                "Het doel voor '{code}' is geen geheel getal: '{raw}'."
            ));
        }
    }
    let result = if typo.is_empty() {
        let guard = target_cases::Guard::Shown(shown);
        target_cases::set_year(
            &web.ctx, &s.actor, &meta, year, &kind, &value, &values, &guard,
        )
        .await
    } else {
        Err(AppError::Invalid(koppel_domain::FieldErrors::new()))
    };
    match result {
        Ok(_) => {
            let qs = serde_urlencoded::to_string([
                ("jaar", year.to_string()),
                ("voor", q.voor.clone()),
                ("opgeslagen", "1".into()),
            ])
            .unwrap_or_default();
            Ok(axum::response::Redirect::to(&format!("/cijfers/doelen?{qs}")).into_response())
        }
        Err(AppError::StaleVersion) => {
            let mut view = targets_view(&web, &s, &q, None).await.map_err(err)?;
            view.errors = vec!["Iemand anders heeft intussen een doel gewijzigd dat u ook wijzigde. Er is niets opgeslagen; hieronder staan de doelen zoals ze nu zijn. Voer uw wijziging opnieuw in.".into()];
            Ok(render(StatusCode::CONFLICT, &view))
        }
        Err(AppError::Invalid(errors)) => {
            let mut view = targets_view(&web, &s, &q, Some(&form)).await.map_err(err)?;
            view.errors = typo;
            view.errors
                .extend(errors.0.iter().map(|e| e.message.clone()));
            Ok(render(StatusCode::BAD_REQUEST, &view))
        }
        Err(e) => Err(err(e)),
    }
}
