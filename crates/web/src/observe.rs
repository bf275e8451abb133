//! What every request leaves behind: one line in the request log (with secrets in paths hidden),
//! the client address (trusting `X-Forwarded-For` only from configured proxies), and an audit record
//! for every refused access.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::Web;

/// The client's address as the logs should see it.
#[derive(Debug, Clone)]
pub struct ClientAddr(pub String);

/// Who made the request, once an extractor has authenticated them (their audit name).
#[derive(Debug, Clone, Default)]
pub struct Who(Arc<Mutex<Option<String>>>);

impl Who {
    pub fn set(&self, audit_name: String) {
        if let Ok(mut who) = self.0.lock() {
            *who = Some(audit_name);
        }
    }
    fn get(&self) -> Option<String> {
        self.0.lock().ok().and_then(|w| w.clone())
    }
}

/// Route parameters that carry secrets and never reach a log.
const SECRET_PARAMS: [&str; 2] = ["{token}", "{run}"];

/// The path as it may be logged: segments bound to secret parameters of the route, and any long
/// hexadecimal segment (a token of an unknown route), are replaced.
pub fn loggable_path(route: Option<&str>, path: &str) -> String {
    let template: Vec<&str> = route.map(|r| r.split('/').collect()).unwrap_or_default();
    path.split('/')
        .enumerate()
        .map(|(i, segment)| {
            let secret_param = template.get(i).is_some_and(|t| SECRET_PARAMS.contains(t));
            let looks_secret =
                segment.len() >= 20 && segment.bytes().all(|b| b.is_ascii_hexdigit());
            if secret_param || looks_secret {
                "[verborgen]"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The candidate a route names, if any: `/kandidaten/{id}...`, `/candidates/{id}...`, `{candidate}`.
pub fn candidate_in(route: Option<&str>, path: &str) -> Option<i64> {
    let template: Vec<&str> = route?.split('/').collect();
    let segments: Vec<&str> = path.split('/').collect();
    (0..template.len()).find_map(|i| {
        let after_candidates = i > 0 && matches!(template[i - 1], "kandidaten" | "candidates");
        let names_candidate =
            (after_candidates && template[i] == "{id}") || template[i] == "{candidate}";
        names_candidate
            .then(|| segments.get(i).and_then(|s| s.parse().ok()))
            .flatten()
    })
}

/// The client address: the connection's peer, or the last address a trusted proxy added.
fn client_addr(req: &Request, trusted: &[IpAddr]) -> String {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let Some(peer) = peer else {
        return "onbekend".into();
    };
    if !trusted.contains(&peer) {
        return peer.to_string();
    }
    // Walk back from the nearest hop, skipping our own proxies: the first other address is the client.
    let forwarded: Vec<IpAddr> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    forwarded
        .iter()
        .rev()
        .find(|a| !trusted.contains(a))
        .or(forwarded.first())
        .unwrap_or(&peer)
        .to_string()
}

/// The middleware: address, request log, refusal audit and `no-store` on everything dynamic.
pub async fn observe(State(web): State<Web>, mut req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    let path = loggable_path(route.as_deref(), req.uri().path());
    let addr = client_addr(&req, &web.ctx.settings.trusted_proxies);
    let who = Who::default();
    req.extensions_mut().insert(ClientAddr(addr.clone()));
    req.extensions_mut().insert(who.clone());
    let started = std::time::Instant::now();
    let mut res = next.run(req).await;
    let status = res.status();
    tracing::info!(%method, %path, status = status.as_u16(), ms = started.elapsed().as_millis() as u64, "request");
    crate::metrics::request(route.as_deref(), &method, status, started.elapsed());
    let actor = who.get();
    let refused = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
        || (status == StatusCode::NOT_FOUND && actor.is_some());
    if refused {
        let req_route = route.clone();
        let route = format!("{method} {}", route.as_deref().unwrap_or("(geen route)"));
        let meta = koppel_app::Meta {
            origin: addr,
            trace_id: koppel_app::auth::random_hex(16),
        };
        let candidate = candidate_in(req_route.as_deref(), &path);
        if let Err(e) = koppel_app::logging::refused(
            &web.ctx,
            actor.as_deref(),
            &route,
            &path,
            status.as_u16(),
            candidate,
            &meta,
        )
        .await
        {
            tracing::error!(error = %e, "refused access not audited");
        }
    }
    if !res.headers().contains_key(header::CACHE_CONTROL) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(peer: &str, forwarded: Option<&str>) -> Request {
        let mut b = Request::builder().uri("/");
        if let Some(f) = forwarded {
            b = b.header("x-forwarded-for", f);
        }
        let mut req = b.body(axum::body::Body::empty()).unwrap_or_default();
        let addr: SocketAddr = format!("{peer}:4000")
            .parse()
            .unwrap_or(([0, 0, 0, 0], 0).into());
        req.extensions_mut().insert(ConnectInfo(addr));
        req
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxy: IpAddr = [10, 0, 0, 1].into();
        let trusted = [proxy];
        assert_eq!(
            client_addr(&request("10.0.0.1", Some("203.0.113.7")), &trusted),
            "203.0.113.7"
        );
        assert_eq!(
            client_addr(&request("198.51.100.9", Some("203.0.113.7")), &trusted),
            "198.51.100.9",
            "anyone else's header is ignored"
        );
        assert_eq!(
            client_addr(
                &request("10.0.0.1", Some("1.2.3.4, 203.0.113.7, 10.0.0.1")),
                &trusted
            ),
            "203.0.113.7",
            "the nearest address that is not our proxy; a spoofed first entry does not count"
        );
        assert_eq!(
            client_addr(&request("10.0.0.1", None), &trusted),
            "10.0.0.1"
        );
    }

    #[test]
    fn the_candidate_a_route_names_is_found() {
        assert_eq!(
            candidate_in(Some("/kandidaten/{id}/bewerken"), "/kandidaten/42/bewerken"),
            Some(42)
        );
        assert_eq!(
            candidate_in(Some("/api/v1/candidates/{id}"), "/api/v1/candidates/7"),
            Some(7)
        );
        assert_eq!(
            candidate_in(
                Some("/vacatures/{id}/gat/{candidate}"),
                "/vacatures/3/gat/9"
            ),
            Some(9)
        );
        assert_eq!(candidate_in(Some("/vacatures/{id}"), "/vacatures/3"), None);
    }

    #[test]
    fn secrets_in_paths_are_hidden() {
        assert_eq!(
            loggable_path(Some("/tevredenheid/{token}"), "/tevredenheid/abc"),
            "/tevredenheid/[verborgen]"
        );
        assert_eq!(
            loggable_path(None, "/x/0123456789abcdef0123456789abcdef"),
            "/x/[verborgen]"
        );
        assert_eq!(
            loggable_path(Some("/kandidaten/{id}"), "/kandidaten/42"),
            "/kandidaten/42"
        );
    }
}
