//! The VUM source interface (VUM-Bron-Vacatures and VUM-Bron-WerkzoekendeProfielen 3.0):
//! `POST /vacatures/matches`, `GET /vacatures/{idVacature}`, `POST /werkzoekendeProfielen/matches`
//! and `GET /werkzoekendeProfielen/{idWerkzoekende}`, on their own address, with the VUM headers
//! and error model.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use chrono::Utc;
use koppel_app::vum_source::{self, VumRefusal};
use koppel_app::AppContext;
use serde_json::{json, Value};

use crate::vum_tls::{CallerAddr, CallerOin};

const VERSION: &str = "3.0.0";

#[derive(Clone)]
struct Source {
    ctx: AppContext,
    /// The OIN of the organisation that answers (this region).
    oin: String,
}

/// The VUM source routes; `oin` is the answering organisation's OIN.
pub fn router(ctx: AppContext, oin: String) -> Router {
    Router::new()
        .route("/vacatures/matches", post(matches))
        .route("/vacatures/{id}", get(vacancy))
        .route("/werkzoekendeProfielen/matches", post(profile_matches))
        .route("/werkzoekendeProfielen/{id}", get(profile))
        .with_state(Source { ctx, oin })
}

/// The parties of a request, from its VUM headers.
struct Parties {
    from: String,
    via: String,
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Checks the headers every VUM request carries; says which is missing or wrong.
fn parties(headers: &HeaderMap, oin: &str) -> Result<Parties, String> {
    for (name, expected) in [("X-VUM-berichtVersie", VERSION), ("API-Version", VERSION)] {
        match header(headers, name) {
            Some(v) if v == expected => {}
            Some(v) => return Err(format!("{name} is {v}; deze bron ondersteunt {expected}")),
            None => return Err(format!("de header {name} ontbreekt")),
        }
    }
    match header(headers, "X-VUM-SUWIparty") {
        Some("true" | "false") => {}
        _ => return Err("de header X-VUM-SUWIparty moet true of false zijn".into()),
    }
    let to = header(headers, "X-VUM-toParty").ok_or("de header X-VUM-toParty ontbreekt")?;
    if to != oin {
        return Err(format!("X-VUM-toParty {to} is niet deze bron ({oin})"));
    }
    Ok(Parties {
        from: header(headers, "X-VUM-fromParty")
            .ok_or("de header X-VUM-fromParty ontbreekt")?
            .to_string(),
        via: header(headers, "X-VUM-viaParty")
            .ok_or("de header X-VUM-viaParty ontbreekt")?
            .to_string(),
    })
}

/// A response with the VUM headers: from this source to the asking party.
fn reply(oin: &str, parties: Option<&Parties>, status: StatusCode, body: Value) -> Response {
    let mut res = (status, Json(body)).into_response();
    let h = res.headers_mut();
    let mut set = |name: &'static str, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(HeaderName::from_static(name), v);
        }
    };
    set("x-vum-berichtversie", VERSION);
    set("api-version", VERSION);
    set("x-vum-fromparty", oin);
    if let Some(p) = parties {
        set("x-vum-toparty", &p.from);
        set("x-vum-viaparty", &p.via);
    }
    res
}

fn error(
    oin: &str,
    parties: Option<&Parties>,
    status: StatusCode,
    message: &str,
    details: &str,
) -> Response {
    let body = json!({"code": status.as_u16().to_string(), "message": message, "details": details});
    reply(oin, parties, status, body)
}

fn internal(oin: &str, parties: Option<&Parties>, e: koppel_app::AppError) -> Response {
    tracing::error!(error = %e, "VUM source failed");
    error(
        oin,
        parties,
        StatusCode::INTERNAL_SERVER_ERROR,
        "Interne fout",
        "",
    )
}

type Caller = Option<Extension<Option<CallerOin>>>;
type Peer = Option<Extension<CallerAddr>>;

fn caller_oin(c: &Caller) -> Option<String> {
    c.as_ref()
        .and_then(|Extension(c)| c.as_ref().map(|c| c.0.clone()))
}

/// Whether the caller may ask as the party it names: over mutual TLS, `X-VUM-fromParty` must be the
/// OIN of the client certificate, and, when an allow-list is configured, one on it. (Without TLS, on
/// the loopback development address, there is no certificate to hold it to.)
fn identity(s: &Source, caller: &Caller, p: &Parties) -> Result<(), String> {
    let Some(Extension(certified)) = caller else {
        return Ok(());
    };
    let Some(CallerOin(oin)) = certified else {
        return Err("het clientcertificaat noemt geen OIN".into());
    };
    if *oin != p.from {
        return Err(format!(
            "X-VUM-fromParty {} is niet de partij van het clientcertificaat ({oin})",
            p.from
        ));
    }
    let allowed = &s.ctx.settings.vum_allowed_oins;
    if !allowed.is_empty() && !allowed.contains(oin) {
        return Err(format!("partij {oin} is niet toegelaten tot deze bron"));
    }
    Ok(())
}

/// Writes the request to the audit log and gives the response back.
async fn logged(
    s: &Source,
    (caller, peer): (&Caller, &Peer),
    action: &str,
    object: &str,
    res: Response,
) -> Response {
    let result = if res.status().is_success() {
        "success"
    } else {
        "failure"
    };
    let origin = peer
        .as_ref()
        .map(|Extension(CallerAddr(a))| a.ip().to_string());
    if let Err(e) = vum_source::record(
        &s.ctx,
        caller_oin(caller).as_deref(),
        origin.as_deref(),
        action,
        object,
        result,
    )
    .await
    {
        return internal(&s.oin, None, e);
    }
    res
}

/// The two kinds of things a source offers.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Vacancies,
    Profiles,
}

impl Kind {
    fn action(self, what: &str) -> String {
        match self {
            Kind::Vacancies => format!("vum.vacancies.{what}"),
            Kind::Profiles => format!("vum.profiles.{what}"),
        }
    }
}

/// The parties of a request, or the 400 that refuses its headers, or the 401 that refuses a caller
/// asking as someone else.
fn checked(s: &Source, caller: &Caller, headers: &HeaderMap) -> Result<Parties, Response> {
    let p = parties(headers, &s.oin).map_err(|why| {
        error(
            &s.oin,
            None,
            StatusCode::BAD_REQUEST,
            "Ongeldige VUM-headers",
            &why,
        )
    })?;
    identity(s, caller, &p).map_err(|why| {
        error(
            &s.oin,
            None,
            StatusCode::UNAUTHORIZED,
            "Niet geautoriseerd",
            &why,
        )
    })?;
    Ok(p)
}

async fn matches(
    State(s): State<Source>,
    caller: Caller,
    peer: Peer,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let res = answer_matches(&s, &caller, &headers, &body, Kind::Vacancies).await;
    logged(
        &s,
        (&caller, &peer),
        &Kind::Vacancies.action("matches"),
        "vacatures/matches",
        res,
    )
    .await
}

async fn profile_matches(
    State(s): State<Source>,
    caller: Caller,
    peer: Peer,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let res = answer_matches(&s, &caller, &headers, &body, Kind::Profiles).await;
    logged(
        &s,
        (&caller, &peer),
        &Kind::Profiles.action("matches"),
        "werkzoekendeProfielen/matches",
        res,
    )
    .await
}

async fn vacancy(
    State(s): State<Source>,
    caller: Caller,
    peer: Peer,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let res = answer_detail(&s, &caller, &headers, &id, Kind::Vacancies).await;
    logged(
        &s,
        (&caller, &peer),
        &Kind::Vacancies.action("get"),
        &format!("vacatures/{id}"),
        res,
    )
    .await
}

async fn profile(
    State(s): State<Source>,
    caller: Caller,
    peer: Peer,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let res = answer_detail(&s, &caller, &headers, &id, Kind::Profiles).await;
    // The profile's id is a pseudonym of a person: the audit log names only the kind of request.
    logged(
        &s,
        (&caller, &peer),
        &Kind::Profiles.action("get"),
        "werkzoekendeProfielen/profiel",
        res,
    )
    .await
}

async fn answer_matches(
    s: &Source,
    caller: &Caller,
    headers: &HeaderMap,
    body: &Bytes,
    kind: Kind,
) -> Response {
    let p = match checked(s, caller, headers) {
        Ok(p) => p,
        Err(res) => return res,
    };
    let Ok(question) = serde_json::from_slice::<Value>(body) else {
        return error(
            &s.oin,
            Some(&p),
            StatusCode::BAD_REQUEST,
            "Het verzoek is geen JSON.",
            "",
        );
    };
    let answer = match kind {
        Kind::Vacancies => vum_source::matches(&s.ctx, &question, Utc::now().date_naive()).await,
        Kind::Profiles => vum_source::profile_matches(&s.ctx, &question).await,
    };
    match answer {
        Ok(Ok((found, more))) => reply(
            &s.oin,
            Some(&p),
            StatusCode::OK,
            json!({"maximumAantalResultatenBereikt": more, "matches": found}),
        ),
        Ok(Err(VumRefusal::BadRequest { message, details })) => error(
            &s.oin,
            Some(&p),
            StatusCode::BAD_REQUEST,
            &message,
            &details,
        ),
        Ok(Err(VumRefusal::NotFound)) => {
            error(&s.oin, Some(&p), StatusCode::NOT_FOUND, "Niet gevonden", "")
        }
        Err(e) => internal(&s.oin, Some(&p), e),
    }
}

async fn answer_detail(
    s: &Source,
    caller: &Caller,
    headers: &HeaderMap,
    id: &str,
    kind: Kind,
) -> Response {
    let p = match checked(s, caller, headers) {
        Ok(p) => p,
        Err(res) => return res,
    };
    let (answer, gone) = match kind {
        Kind::Vacancies => (
            vum_source::vacancy(&s.ctx, id, Utc::now().date_naive()).await,
            "Deze vacature is hier niet (meer) beschikbaar.",
        ),
        Kind::Profiles => (
            vum_source::profile(&s.ctx, id).await,
            "Dit profiel is hier niet (meer) beschikbaar.",
        ),
    };
    match answer {
        Ok(Ok(doc)) => reply(&s.oin, Some(&p), StatusCode::OK, doc),
        Ok(Err(_)) => error(&s.oin, Some(&p), StatusCode::NOT_FOUND, gone, id),
        Err(e) => internal(&s.oin, Some(&p), e),
    }
}
