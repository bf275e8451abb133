//! A second koppel process as a VUM source over mutual TLS on loopback, found by this region's
//! VUM client: the demo region's published vacancies near Haarlem, and the detail of one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use koppel_test_support::certs::{ca, leaf};
use koppel_test_support::TestDb;
use koppel_web::vum_client::{ExchangeSettings, VumClient};
use serde_json::json;

const OIN_A: &str = "00000001111111110000";
const OIN_B: &str = "00000002222222220000";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn another_koppel_answers_over_mutual_tls() {
    let db = TestDb::new().await;
    let dir = std::env::temp_dir().join(format!("koppel-vum-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let authority = ca("VUM test-CA");
    let (server_cert, server_key) = leaf(&authority, true, OIN_B);
    let write = |name: &str, text: String| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let (cert, key, client_ca) = (
        write("server.pem", server_cert.pem()),
        write("server.key", server_key.serialize_pem()),
        write("ca.pem", authority.cert.pem()),
    );
    let (web_port, vum_port) = (free_port(), free_port());
    let mut source = Command::new(env!("CARGO_BIN_EXE_koppel"))
        .args([
            "--db",
            &db.url,
            "serve",
            "--demo",
            "--addr",
            &format!("127.0.0.1:{web_port}"),
            "--vum-addr",
            &format!("127.0.0.1:{vum_port}"),
        ])
        .args([
            "--vum-oin",
            OIN_B,
            "--vum-cert",
            &cert,
            "--vum-key",
            &key,
            "--vum-client-ca",
            &client_ca,
        ])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", vum_port))
        .await
        .is_err()
    {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the source did not start"
        );
        assert!(source.try_wait().unwrap().is_none(), "the source stopped");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let (client_cert, client_key) = leaf(&authority, false, OIN_A);
    let settings = ExchangeSettings {
        address: format!("127.0.0.1:{vum_port}"),
        server_name: "localhost".into(),
        exchange_oin: OIN_B.into(),
        our_oin: OIN_A.into(),
    };
    let client = VumClient::new(
        settings,
        authority.cert.pem().as_bytes(),
        client_cert.pem().as_bytes(),
        client_key.serialize_pem().as_bytes(),
    )
    .unwrap();
    let (found, _) = client
        .vacancy_matches(&json!({"selectiegebied": {"postcode": "2011AB", "afstand": 10}}))
        .await
        .unwrap();
    assert!(
        !found.is_empty(),
        "the demo region has published vacancies near Haarlem"
    );
    let first = found[0]["idVacature"].as_str().unwrap();
    let detail = client.vacancy(first).await.unwrap().expect("the detail");
    assert_eq!(detail["idVacature"], first);
    assert_eq!(client.vacancy("999999999").await.unwrap(), None);
    let refused = client.vacancy_matches(&json!({"selectiegebied": {"postcode": "2011AB", "afstand": 10}, "rijbewijs": {"$matches": "B"}})).await;
    assert!(
        matches!(
            refused,
            Err(koppel_web::vum_client::VumClientError::Refused { status: 400, .. })
        ),
        "{refused:?}"
    );
    source.kill().unwrap();
    source.wait().unwrap();
}
