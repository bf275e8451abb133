//! A running koppel (router over a fresh database) with a small region: two WSP partners, a partner,
//! and users in several roles, plus helpers to call it as a browser or as an API client.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

pub mod certs;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use koppel_app::auth::{self, NewAccount};
use koppel_app::context::Settings;
use koppel_app::{AppContext, Meta};
use koppel_test_support::TestDb;
use tower::ServiceExt;

pub const PASSWORD: &str = "een-lang-wachtwoord";

pub struct TestApp {
    pub ctx: AppContext,
    pub router: Router,
    _db: TestDb,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_settings(Settings::default()).await
    }

    pub async fn with_settings(settings: Settings) -> Self {
        let db = TestDb::new().await;
        let ctx = AppContext::open(&db.url, settings).await.unwrap();
        let meta = Meta::local("test");
        for (name, short, kind, wsp) in [
            (
                "Spaarne Werkt",
                "Spaarne Werkt",
                "reintegration_company",
                true,
            ),
            (
                "IJmond Werkt!",
                "IJmond Werkt!",
                "reintegration_company",
                true,
            ),
            ("Uitzendpartner", "Uitzendpartner", "partner", false),
        ] {
            let spec = auth::OrganisationSpec {
                name,
                short_name: short,
                kind,
                wsp_partner: wsp,
                municipality_code: None,
                oin: None,
            };
            auth::add_organisation(&ctx, &spec, &meta).await.unwrap();
        }
        for (email, org, role) in [
            ("consulent@spaarne.nl", "Spaarne Werkt", "consultant"),
            ("adviseur@spaarne.nl", "Spaarne Werkt", "adviser"),
            ("jobhunter@spaarne.nl", "Spaarne Werkt", "jobhunter"),
            ("consulent@ijmond.nl", "IJmond Werkt!", "consultant"),
            ("adviseur@ijmond.nl", "IJmond Werkt!", "adviser"),
            ("partner@uitzend.nl", "Uitzendpartner", "partner"),
            ("beheer@spaarne.nl", "Spaarne Werkt", "admin"),
            ("manager@spaarne.nl", "Spaarne Werkt", "manager"),
        ] {
            let account = NewAccount {
                email,
                name: email.split('@').next().unwrap(),
                organisation: org,
                role,
                password: PASSWORD,
                clusters: &[],
            };
            auth::add_user(&ctx, &account, &meta).await.unwrap();
        }
        let router = koppel_web::router(ctx.clone());
        TestApp {
            ctx,
            router,
            _db: db,
        }
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// An API token for a user.
    pub async fn token(&self, email: &str) -> String {
        auth::create_token(&self.ctx, email, "test", &Meta::local("test"))
            .await
            .unwrap()
    }

    pub async fn api(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<serde_json::Value>,
        if_match: Option<&str>,
    ) -> Reply {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(m) = if_match {
            b = b.header(header::IF_MATCH, m);
        }
        let req = match body {
            Some(v) => b
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(v.to_string()))
                .unwrap(),
            None => b.body(Body::empty()).unwrap(),
        };
        self.send(req).await
    }

    /// Logs in through the login form, as a browser would; returns the cookie header for later requests.
    pub async fn login(&self, email: &str, password: &str) -> (Reply, String) {
        let page = self
            .send(Request::get("/login").body(Body::empty()).unwrap())
            .await;
        let csrf_cookie = cookie_from(&page, "koppel_login_csrf");
        let csrf = hidden(&page.body, "csrf");
        let form = serde_urlencoded::to_string([
            ("csrf", csrf.as_str()),
            ("email", email),
            ("password", password),
        ])
        .unwrap();
        let reply = self
            .send(
                Request::post("/login")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::COOKIE, format!("koppel_login_csrf={csrf_cookie}"))
                    .body(Body::from(form))
                    .unwrap(),
            )
            .await;
        let session = format!("koppel_session={}", cookie_from(&reply, "koppel_session"));
        (reply, session)
    }

    pub async fn browser_session(&self, email: &str) -> String {
        let (reply, cookie) = self.login(email, PASSWORD).await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "login of {email} failed: {}",
            reply.body
        );
        cookie
    }

    pub async fn get_page(&self, cookie: &str, path: &str) -> Reply {
        self.send(
            Request::get(path)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    pub async fn post_form(&self, cookie: &str, path: &str, fields: &[(&str, &str)]) -> Reply {
        let form = serde_urlencoded::to_string(fields).unwrap();
        self.send(
            Request::post(path)
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form))
                .unwrap(),
        )
        .await
    }

    /// The id of a user of the test region.
    pub async fn user_id(&self, email: &str) -> i64 {
        let mut tx = self.ctx.store().begin().await.unwrap();
        tx.scalar(
            "SELECT id FROM users WHERE email = $1",
            &koppel_store::vals![email],
        )
        .await
        .unwrap()
    }

    /// The CSRF token of a signed-in session, read from a page's form.
    pub async fn csrf(&self, cookie: &str) -> String {
        hidden(&self.get_page(cookie, "/").await.body, "csrf")
    }
}

pub fn cookie_from(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix(&format!("{name}="))
                .map(|rest| rest.split(';').next().unwrap_or_default().to_string())
        })
        .unwrap_or_default()
}

pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no hidden {name} in page"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

/// The names of the invalid fields in a problem+json reply.
pub fn invalid_names(reply: &Reply) -> Vec<String> {
    reply.json()["invalidParams"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A valid candidate body for the API.
pub fn candidate_json(last_name: &str, consent: bool) -> serde_json::Value {
    serde_json::json!({
        "firstName": "Test", "lastName": last_name, "email": "kandidaat@voorbeeld.nl", "postcode": "1971 ab",
        "city": "IJmuiden", "targetGroup": "pwet", "workReady": true, "consentWsp": consent,
        "consentDate": if consent { serde_json::json!("2025-03-01") } else { serde_json::Value::Null }, "hoursPerWeek": 32, "educationLevel": "3",
        "drivingLicences": ["B"], "languages": ["nld:3"], "maxTravelKm": 15,
        "skills": ["http://data.europa.eu/esco/skill/abc"]
    })
}

/// Everything the application logs through `tracing` in this test binary, from the first call on
/// (one global subscriber: thread-local ones miss events when tests run in parallel).
pub fn capture_logs() -> LogBuffer {
    static BUFFER: std::sync::OnceLock<LogBuffer> = std::sync::OnceLock::new();
    BUFFER
        .get_or_init(|| {
            let buffer = LogBuffer::default();
            let subscriber = tracing_subscriber::fmt()
                .with_writer(buffer.clone())
                .with_max_level(tracing::Level::TRACE)
                .with_ansi(false)
                .finish();
            tracing::subscriber::set_global_default(subscriber).unwrap();
            buffer
        })
        .clone()
}

/// The captured log text.
#[derive(Clone, Default)]
pub struct LogBuffer(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl LogBuffer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for LogBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogBuffer {
    type Writer = LogBuffer;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}
