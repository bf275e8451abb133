//! Employer pages: list with search and filters, detail with establishments, contacts and history, create and edit.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use koppel_app::domain::codes::{Cluster, Sector};
use koppel_app::domain::permissions::Permission;
use koppel_app::employers::{self, EmployerQuery};

use super::views::*;
use super::{paging_links, render, sort_headers, UiError};
use crate::extract::UiSession;
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/werkgevers", get(list).post(super::employer_form::create))
        .route("/werkgevers/nieuw", get(super::employer_form::new_form))
        .route(
            "/werkgevers/{id}",
            get(super::employer_page::detail).post(super::employer_form::update),
        )
        .route(
            "/werkgevers/{id}/bewerken",
            get(super::employer_form::edit_form),
        )
}

async fn list(
    State(web): State<Web>,
    s: UiSession,
    Query(q): Query<EmployerQuery>,
) -> Result<Response, UiError> {
    let nav = || Some(Nav::of(&s));
    let page = employers::list(&web.ctx, &s.actor, &q).await?;
    let rows = page
        .items
        .iter()
        .map(|e| {
            vec![
                Cell::link(&e.name, format!("/werkgevers/{}", e.id)),
                Cell::text(&e.city),
                Cell::text(label::<Sector>(&e.sector)),
                Cell::text(or_dash(&e.account_holder_name)),
                Cell::text(or_dash(&e.kvk_number)),
            ]
        })
        .collect();
    let paging = paging_links(
        "/werkgevers",
        &q,
        |q, p| q.page = Some(p),
        page.page,
        page.pages(),
    );
    let headers = sort_headers(
        "/werkgevers",
        &q,
        |q, s| {
            q.sort = s;
            q.page = None;
        },
        q.sort.as_deref(),
        &[
            ("Naam", Some("naam")),
            ("Plaats", Some("plaats")),
            ("Sector", Some("sector")),
            ("Accounthouder", None),
            ("KvK-nummer", None),
        ],
    );
    let municipalities = koppel_app::reference::municipalities(&web.ctx, &s.actor)
        .await?
        .into_iter()
        .map(|c| (c.code, c.label))
        .collect();
    let fields = vec![
        Field::text("q", "Zoeken", q.q.clone().unwrap_or_default())
            .hint("Naam, plaats of KvK-nummer"),
        Field::select(
            "cluster",
            "Cluster",
            q.cluster.clone().unwrap_or_default(),
            Some("Alle clusters"),
            options::<Cluster>(),
        ),
        Field::select(
            "sector",
            "Sector",
            q.sector.clone().unwrap_or_default(),
            Some("Alle sectoren"),
            options::<Sector>(),
        ),
        Field::select(
            "municipality",
            "Gemeente",
            q.municipality.clone().unwrap_or_default(),
            Some("Alle gemeenten"),
            municipalities,
        ),
        Field::checkbox("mine", "Alleen mijn werkgevers", q.mine.unwrap_or(false))
            .with_value("true"),
        Field::checkbox("archived", "Ook gearchiveerde", q.archived.unwrap_or(false))
            .with_value("true"),
    ];
    let view = ListPage {
        title: "Werkgevers".into(),
        nav: nav(),
        new_href: s
            .actor
            .can(Permission::WriteEmployers)
            .then(|| "/werkgevers/nieuw".to_string()),
        new_label: "Nieuwe werkgever",
        fields,
        table: Table {
            columns: vec!["Naam", "Plaats", "Sector", "Accounthouder", "KvK-nummer"],
            rows,
            empty: "Geen werkgevers gevonden.",
        },
        total: page.total,
        page: page.page,
        pages: page.pages(),
        paging,
        headers,
        export_href: Some(format!(
            "/werkgevers/export?{}&",
            serde_urlencoded::to_string(&q).unwrap_or_default()
        )),
        import_href: s
            .actor
            .can(koppel_domain::permissions::Permission::WriteEmployers)
            .then(|| "/werkgevers/importeren".to_string()),
    };
    Ok(render(StatusCode::OK, &view))
}
