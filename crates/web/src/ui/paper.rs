//! The public vacancy paper (vacaturekrant): search and filters, a page per vacancy, a print
//! version, and RSS, Atom and JSON feeds. No login, and nothing personal.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::Utc;
use koppel_app::store::Page;
use koppel_app::vacancy_paper::{self, PaperQuery, PaperVacancy};
use koppel_app::AppError;
use koppel_domain::codes::{Cluster, CodeList};
use serde::Deserialize;

use super::views::Nav;
use super::{feeds, render, UiError};
use crate::Web;

pub fn routes() -> Router<Web> {
    Router::new()
        .route("/vacaturekrant", get(list))
        .route("/vacaturekrant/afdrukken", get(print))
        .route("/vacaturekrant/rss.xml", get(rss))
        .route("/vacaturekrant/atom.xml", get(atom))
        .route("/vacaturekrant/feed.json", get(json_feed))
        .route("/vacaturekrant/{id}", get(detail))
}

#[derive(Debug, Default, Deserialize)]
pub struct PaperParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    cluster: String,
    #[serde(default)]
    plaats: String,
    #[serde(default)]
    uren: String,
    pagina: Option<i64>,
    id: Option<i64>,
}

impl PaperParams {
    /// The query, or a Dutch message about what is wrong with it.
    fn query(&self) -> Result<PaperQuery, String> {
        let cluster = match self.cluster.as_str() {
            "" => None,
            c => Some(Cluster::parse(c).map_err(|e| e.message)?),
        };
        let min_hours = match self.uren.trim() {
            "" => None,
            h => Some(
                h.parse::<i64>()
                    .ok()
                    .filter(|n| (0..=60).contains(n))
                    .ok_or_else(|| format!("'{h}' is geen aantal uren per week (0 tot 60)."))?,
            ),
        };
        Ok(PaperQuery {
            q: Some(self.q.clone()).filter(|q| !q.trim().is_empty()),
            cluster,
            city: Some(self.plaats.clone()).filter(|p| !p.is_empty()),
            min_hours,
        })
    }

    /// The filters as a query string (`?...`, or empty), without the page.
    fn query_string(&self) -> String {
        let pairs: Vec<(&str, &str)> = [
            ("q", &self.q),
            ("cluster", &self.cluster),
            ("plaats", &self.plaats),
            ("uren", &self.uren),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.as_str()))
        .collect();
        if pairs.is_empty() {
            String::new()
        } else {
            format!(
                "?{}",
                serde_urlencoded::to_string(pairs).unwrap_or_default()
            )
        }
    }
}

#[derive(Template)]
#[template(path = "paper_list.html")]
struct ListPage {
    title: String,
    nav: Option<Nav>,
    q: String,
    cluster: String,
    clusters: Vec<(String, String)>,
    place: String,
    places: Vec<String>,
    hours: String,
    error: String,
    total: i64,
    items: Vec<PaperVacancy>,
    query: String,
    previous: Option<String>,
    next: Option<String>,
}

fn page_link(query: &str, page: i64) -> String {
    if query.is_empty() {
        format!("/vacaturekrant?pagina={page}")
    } else {
        format!("/vacaturekrant{query}&pagina={page}")
    }
}

async fn list(State(web): State<Web>, Query(p): Query<PaperParams>) -> Result<Response, UiError> {
    let today = Utc::now().date_naive();
    let err = |e| UiError(e);
    let places = vacancy_paper::places(&web.ctx, today).await.map_err(err)?;
    let query = p.query_string();
    let mut view = ListPage {
        title: "Vacaturekrant".into(),
        nav: None,
        q: p.q.clone(),
        cluster: p.cluster.clone(),
        clusters: Cluster::ALL
            .iter()
            .map(|c| (c.code().to_string(), c.label().to_string()))
            .collect(),
        place: p.plaats.clone(),
        places,
        hours: p.uren.clone(),
        error: String::new(),
        total: 0,
        items: Vec::new(),
        query: query.clone(),
        previous: None,
        next: None,
    };
    let q = match p.query() {
        Ok(q) => q,
        Err(message) => {
            view.error = message;
            return Ok(render(StatusCode::BAD_REQUEST, &view));
        }
    };
    let number = p.pagina.unwrap_or(1).max(1);
    let found = vacancy_paper::search(&web.ctx, &q, today, Page::new(number, 20))
        .await
        .map_err(err)?;
    view.total = found.total;
    view.previous = (number > 1).then(|| page_link(&query, number - 1));
    view.next = (number * 20 < found.total).then(|| page_link(&query, number + 1));
    view.items = found.items;
    Ok(render(StatusCode::OK, &view))
}

#[derive(Template)]
#[template(path = "paper_detail.html")]
struct DetailPage {
    title: String,
    nav: Option<Nav>,
    v: PaperVacancy,
    paragraphs: Vec<String>,
    closing: Option<String>,
    published: String,
}

async fn detail(State(web): State<Web>, Path(id): Path<i64>) -> Result<Response, UiError> {
    let v = vacancy_paper::get(&web.ctx, id, Utc::now().date_naive()).await?;
    let page = DetailPage {
        title: v.title.clone(),
        nav: None,
        paragraphs: v
            .description
            .split("\n\n")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        closing: v.closing_date.map(|d| d.format("%d-%m-%Y").to_string()),
        published: super::views::local_date(v.published_at),
        v,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "paper_print.html")]
struct PrintPage {
    subtitle: String,
    items: Vec<PaperVacancy>,
}

async fn print(State(web): State<Web>, Query(p): Query<PaperParams>) -> Result<Response, UiError> {
    let today = Utc::now().date_naive();
    let err = |e| UiError(e);
    let items = match p.id {
        Some(id) => vec![vacancy_paper::get(&web.ctx, id, today).await.map_err(err)?],
        None => matching(&web, &p).await.map_err(err)?,
    };
    let page = PrintPage {
        subtitle: format!(
            "{} {}, stand {}",
            items.len(),
            if items.len() == 1 {
                "vacature"
            } else {
                "vacatures"
            },
            today.format("%d-%m-%Y")
        ),
        items,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The newest 200 vacancies that match the filters (for print and feeds).
async fn matching(web: &Web, p: &PaperParams) -> Result<Vec<PaperVacancy>, AppError> {
    let q = p.query().map_err(|m| {
        let mut e = koppel_domain::FieldErrors::new();
        e.push("q", "invalid_filter", m);
        AppError::Invalid(e)
    })?;
    Ok(
        vacancy_paper::search(&web.ctx, &q, Utc::now().date_naive(), Page::new(1, 200))
            .await?
            .items,
    )
}

/// The site's own address, from the request (behind TLS when secure cookies are on).
fn base_url(web: &Web, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if web.ctx.settings.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

fn feed_response(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        body,
    )
        .into_response()
}

async fn rss(
    State(web): State<Web>,
    headers: HeaderMap,
    Query(p): Query<PaperParams>,
) -> Result<Response, UiError> {
    let items = matching(&web, &p).await?;
    let body = feeds::rss(&items, &base_url(&web, &headers), &p.query_string());
    Ok(feed_response("application/rss+xml; charset=utf-8", body))
}

async fn atom(
    State(web): State<Web>,
    headers: HeaderMap,
    Query(p): Query<PaperParams>,
) -> Result<Response, UiError> {
    let items = matching(&web, &p).await?;
    let body = feeds::atom(&items, &base_url(&web, &headers), &p.query_string());
    Ok(feed_response("application/atom+xml; charset=utf-8", body))
}

async fn json_feed(
    State(web): State<Web>,
    headers: HeaderMap,
    Query(p): Query<PaperParams>,
) -> Result<Response, UiError> {
    let items = matching(&web, &p).await?;
    let body = feeds::json_feed(&items, &base_url(&web, &headers), &p.query_string()).to_string();
    Ok(feed_response("application/feed+json; charset=utf-8", body))
}
