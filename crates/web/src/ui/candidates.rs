//! Candidate pages: only candidates in the user's scope; each view is logged as a processing of personal data.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use koppel_app::candidates::{self, CandidateQuery};
use koppel_app::domain::permissions::Permission;

use super::views::*;
use super::{paging_links, render, sort_headers, UiError};
use crate::extract::{RequestMeta, UiSession};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/kandidaten", get(list).post(super::candidate_form::create))
        .route("/kandidaten/nieuw", get(super::candidate_form::new_form))
        .route(
            "/kandidaten/{id}",
            get(super::candidate_page::detail).post(super::candidate_form::update),
        )
        .route(
            "/kandidaten/{id}/bewerken",
            get(super::candidate_form::edit_form),
        )
}

async fn list(
    State(web): State<Web>,
    s: UiSession,
    RequestMeta(meta): RequestMeta,
    Query(q): Query<CandidateQuery>,
) -> Result<Response, UiError> {
    let page = candidates::list(&web.ctx, &s.actor, &meta, &q).await?;
    let rows = page
        .items
        .iter()
        .map(|c| {
            vec![
                Cell::link(
                    format!("{} {}", c.first_name, c.last_name),
                    format!("/kandidaten/{}", c.id),
                ),
                Cell::text(&c.city),
                Cell::text(&c.target_group_label),
                Cell::text(yes_no(c.work_ready)),
                Cell::text(&c.org_name),
            ]
        })
        .collect();
    let paging = paging_links(
        "/kandidaten",
        &q,
        |q, p| q.page = Some(p),
        page.page,
        page.pages(),
    );
    let headers = sort_headers(
        "/kandidaten",
        &q,
        |q, s| {
            q.sort = s;
            q.page = None;
        },
        q.sort.as_deref(),
        &[
            ("Naam", Some("naam")),
            ("Woonplaats", Some("plaats")),
            ("Doelgroep", None),
            ("Werkfit", None),
            ("Organisatie", None),
        ],
    );
    let fields = vec![
        Field::text("q", "Zoeken", q.q.clone().unwrap_or_default()).hint("Naam of plaats"),
        Field::select(
            "targetGroup",
            "Doelgroep",
            q.target_group.clone().unwrap_or_default(),
            Some("Alle doelgroepen"),
            super::candidate_form::target_group_options(&web, &s).await?,
        ),
        Field::checkbox("mine", "Alleen mijn kandidaten", q.mine.unwrap_or(false))
            .with_value("true"),
    ];
    let view = ListPage {
        title: "Kandidaten".into(),
        nav: Some(Nav::of(&s)),
        new_href: s
            .actor
            .can(Permission::WriteCandidates)
            .then(|| "/kandidaten/nieuw".to_string()),
        new_label: "Kandidaat overdragen",
        fields,
        table: Table {
            columns: vec!["Naam", "Woonplaats", "Doelgroep", "Werkfit", "Organisatie"],
            rows,
            empty: "Geen kandidaten gevonden.",
        },
        total: page.total,
        page: page.page,
        pages: page.pages(),
        paging,
        headers,
        export_href: Some(format!(
            "/kandidaten/export?{}&",
            serde_urlencoded::to_string(&q).unwrap_or_default()
        )),
        import_href: s
            .actor
            .can(koppel_domain::permissions::Permission::WriteCandidates)
            .then(|| "/importeren".to_string()),
    };
    Ok(render(StatusCode::OK, &view))
}
