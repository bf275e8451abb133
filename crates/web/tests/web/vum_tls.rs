//! The VUM interface over mutual TLS, with certificates made at test time: a client with a
//! certificate from the configured CA gets answers (and its OIN is logged); a client with a
//! certificate from another CA, or without one, is refused at the handshake; a client asking as
//! another party than its certificate names, or not on the allow-list, gets 401.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::net::SocketAddr;
use std::sync::Arc;

use common::certs::{ca, leaf, Ca, Certificate, KeyPair};
use common::TestApp;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::rustls::pki_types::{
    CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName,
};
use tokio_rustls::rustls::{crypto, ClientConfig, RootCertStore};
use tokio_rustls::TlsConnector;

const OIN: &str = "00000001234567890000";
const CALLER: &str = "00000009876543210000";

async fn start(app: &TestApp, ca: &Ca) -> SocketAddr {
    start_with(app, ca, koppel_web::vum_tls::HANDSHAKE_TIMEOUT).await
}

/// The VUM source over mutual TLS on a free loopback port, with this handshake timeout.
async fn start_with(app: &TestApp, ca: &Ca, handshake: std::time::Duration) -> SocketAddr {
    let (cert, key) = leaf(ca, true, OIN);
    let config = koppel_web::vum_tls::server_config(
        cert.pem().as_bytes(),
        key.serialize_pem().as_bytes(),
        ca.cert.pem().as_bytes(),
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = koppel_web::vum::router(app.ctx.clone(), OIN.into());
    tokio::spawn(koppel_web::vum_tls::serve_with(
        listener, config, router, handshake,
    ));
    addr
}

/// Sends one HTTP request over TLS; `None` when the connection was refused or gave no answer.
async fn request(
    addr: SocketAddr,
    server_ca: &Ca,
    client: Option<(&Certificate, &KeyPair)>,
    body: &str,
) -> Option<String> {
    request_as(addr, server_ca, client, body, CALLER).await
}

/// The same, asking as the party `from`.
async fn request_as(
    addr: SocketAddr,
    server_ca: &Ca,
    client: Option<(&Certificate, &KeyPair)>,
    body: &str,
    from: &str,
) -> Option<String> {
    let mut roots = RootCertStore::empty();
    roots.add(server_ca.cert.der().clone()).unwrap();
    let builder = ClientConfig::builder_with_provider(Arc::new(crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots);
    let config = match client {
        Some((cert, key)) => builder
            .with_client_auth_cert(
                vec![CertificateDer::from(cert.der().to_vec())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )
            .unwrap(),
        None => builder.with_no_client_auth(),
    };
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut tls = TlsConnector::from(Arc::new(config))
        .connect(ServerName::try_from("localhost").unwrap(), tcp)
        .await
        .ok()?;
    let http = format!(
        "POST /vacatures/matches HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         X-VUM-berichtVersie: 3.0.0\r\nAPI-Version: 3.0.0\r\nX-VUM-fromParty: {from}\r\nX-VUM-toParty: {OIN}\r\nX-VUM-viaParty: {from}\r\n\
         X-VUM-SUWIparty: false\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    tls.write_all(http.as_bytes()).await.ok()?;
    let mut out = String::new();
    tls.read_to_string(&mut out).await.ok()?;
    (!out.is_empty()).then_some(out)
}

#[tokio::test]
async fn only_clients_with_a_certificate_from_the_ca_get_an_answer() {
    let app = TestApp::new().await;
    let trusted = ca("VUM test-CA");
    let addr = start(&app, &trusted).await;
    let body = r#"{"vraagObject":{"selectiegebied":{"postcode":"2011AB","afstand":10}}}"#;

    let (cert, key) = leaf(&trusted, false, CALLER);
    let answer = request(addr, &trusted, Some((&cert, &key)), body)
        .await
        .expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"maximumAantalResultatenBereikt\":false"));
    let mut tx = app.ctx.store().begin().await.unwrap();
    let logged = tx
        .scalar(&format!("SELECT COUNT(*) FROM audit_log WHERE actor = 'oin:{CALLER}' AND action = 'vum.vacancies.matches'"), &[])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(logged, 1, "the caller's OIN comes from its certificate");

    let rogue_ca = ca("Een andere CA");
    let (rogue, rogue_key) = leaf(&rogue_ca, false, CALLER);
    assert_eq!(
        request(addr, &trusted, Some((&rogue, &rogue_key)), body).await,
        None,
        "another CA: refused"
    );
    assert_eq!(
        request(addr, &trusted, None, body).await,
        None,
        "no certificate: refused"
    );
}

#[test]
fn the_oin_is_read_from_the_subject_serial_number() {
    let trusted = ca("VUM test-CA");
    let (cert, _) = leaf(&trusted, false, CALLER);
    assert_eq!(
        koppel_web::vum_tls::oin_of(&CertificateDer::from(cert.der().to_vec())).as_deref(),
        Some(CALLER)
    );
    assert_eq!(
        koppel_web::vum_tls::oin_of(&CertificateDer::from(trusted.cert.der().to_vec())),
        None
    );
}

#[tokio::test]
async fn a_client_may_ask_only_as_the_party_its_certificate_names() {
    let app = TestApp::new().await;
    let trusted = ca("VUM test-CA");
    let addr = start(&app, &trusted).await;
    let body = r#"{"vraagObject":{"selectiegebied":{"postcode":"2011AB","afstand":10}}}"#;
    let (cert, key) = leaf(&trusted, false, CALLER);
    let other = "00000001111111110000";
    let answer = request_as(addr, &trusted, Some((&cert, &key)), body, other)
        .await
        .expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    assert!(
        answer.contains(other) && answer.contains(CALLER),
        "{answer}"
    );
    let mut tx = app.ctx.store().begin().await.unwrap();
    let (actor, origin, result): (String, String, String) = tx
        .fetch_one(
            "SELECT actor, origin, result FROM audit_log WHERE action = 'vum.vacancies.matches' ORDER BY id DESC LIMIT 1",
            &[],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        (actor.as_str(), origin.as_str(), result.as_str()),
        (format!("oin:{CALLER}").as_str(), "vum:127.0.0.1", "failure"),
        "the audit log holds the certified OIN and the peer's address"
    );
}

#[tokio::test]
async fn only_parties_on_the_allow_list_are_answered() {
    let settings = koppel_app::context::Settings {
        vum_allowed_oins: vec!["00000001111111110000".into()],
        ..Default::default()
    };
    let app = TestApp::with_settings(settings).await;
    let trusted = ca("VUM test-CA");
    let addr = start(&app, &trusted).await;
    let body = r#"{"vraagObject":{"selectiegebied":{"postcode":"2011AB","afstand":10}}}"#;
    let (cert, key) = leaf(&trusted, false, CALLER);
    let answer = request(addr, &trusted, Some((&cert, &key)), body)
        .await
        .expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    assert!(answer.contains("niet toegelaten"), "{answer}");
}

#[tokio::test]
async fn a_handshake_that_never_comes_is_dropped() {
    let app = TestApp::new().await;
    let trusted = ca("VUM test-CA");
    let addr = start_with(&app, &trusted, std::time::Duration::from_millis(200)).await;
    let mut idle = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut buf = [0u8; 16];
    let read = tokio::time::timeout(std::time::Duration::from_secs(5), idle.read(&mut buf))
        .await
        .expect("the server closed the silent connection");
    assert!(
        matches!(read, Ok(0) | Err(_)),
        "closed without an answer: {read:?}"
    );
}
