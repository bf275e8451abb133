//! koppel as a VUM intermediary: region A asks region B (a source over mutual TLS on loopback) for
//! vacancies near a candidate, shows them beside its own matches, and fetches one's detail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::certs::{ca, leaf};
use common::{candidate_json, TestApp};
use koppel_web::vum_client::{ExchangeSettings, VumClient};
use serde_json::json;

const OIN_A: &str = "00000001111111110000";
const OIN_B: &str = "00000002222222220000";

#[tokio::test]
async fn a_region_finds_another_regions_vacancies_through_vum() {
    // Region B: a published vacancy in Haarlem, served as a VUM source over mutual TLS.
    let b = TestApp::new().await;
    let t = b.token("adviseur@spaarne.nl").await;
    let employer = b
        .api("POST", "/api/v1/employers", Some(&t), Some(json!({"name": "Fietsfabriek Spaarne", "sector": "industrie", "postcode": "2011AB"})), None)
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let vacancy = b
        .api("POST", "/api/v1/vacancies", Some(&t), Some(json!({"employerId": employer, "title": "Monteur fietsen", "hoursPerWeek": 32, "postcode": "2011AB", "status": "open", "publish": true, "description": "Fietsen in elkaar zetten."})), None)
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let authority = ca("VUM test-CA");
    let (server_cert, server_key) = leaf(&authority, true, OIN_B);
    let config = koppel_web::vum_tls::server_config(
        server_cert.pem().as_bytes(),
        server_key.serialize_pem().as_bytes(),
        authority.cert.pem().as_bytes(),
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(koppel_web::vum_tls::serve(
        listener,
        config,
        koppel_web::vum::router(b.ctx.clone(), OIN_B.into()),
    ));

    // Region A: connected to B as its exchange, with its own client certificate.
    let (client_cert, client_key) = leaf(&authority, false, OIN_A);
    let settings = ExchangeSettings {
        address: addr.to_string(),
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
    let mut a = TestApp::new().await;
    a.router = koppel_web::router_with(a.ctx.clone(), Some(client));
    let consultant = a.token("consulent@spaarne.nl").await;
    let candidate = a
        .api(
            "POST",
            "/api/v1/candidates",
            Some(&consultant),
            Some({
                let mut c = candidate_json("Zoeker", true);
                c["postcode"] = json!("2012 AB");
                c
            }),
            None,
        )
        .await;
    assert_eq!(candidate.status, 201, "{}", candidate.body);
    let id = candidate.json()["id"].as_i64().unwrap();

    let adviser = a.browser_session("adviseur@spaarne.nl").await;
    let own = a
        .get_page(&adviser, &format!("/kandidaten/{id}/vacatures"))
        .await;
    assert_eq!(own.status, 200);
    assert!(
        own.body
            .contains(&format!("/kandidaten/{id}/vacatures?vum=1")),
        "the page offers to ask other sources"
    );
    let both = a
        .get_page(&adviser, &format!("/kandidaten/{id}/vacatures?vum=1"))
        .await;
    assert!(
        both.body.contains("Vacatures bij andere bronnen (VUM)"),
        "{}",
        both.body
    );
    assert!(
        both.body.contains("Monteur fietsen")
            && both.body.contains(&format!("/vum/vacatures/{vacancy}")),
        "{}",
        both.body
    );
    let detail = a
        .get_page(&adviser, &format!("/vum/vacatures/{vacancy}"))
        .await;
    assert_eq!(detail.status, 200);
    assert!(
        detail.body.contains("Fietsen in elkaar zetten.")
            && detail.body.contains("Fietsfabriek Spaarne")
    );

    // And the other way: B's candidate who agreed to VUM, found for A's vacancy.
    let b_consultant = b.token("consulent@spaarne.nl").await;
    let mut seeker = candidate_json("Vumzoeker", true);
    seeker["consentScope"] = json!("wsp_vum");
    seeker["postcode"] = json!("2011 AC");
    assert_eq!(
        b.api(
            "POST",
            "/api/v1/candidates",
            Some(&b_consultant),
            Some(seeker),
            None
        )
        .await
        .status,
        201
    );
    let a_token = a.token("adviseur@spaarne.nl").await;
    let a_employer = a
        .api(
            "POST",
            "/api/v1/employers",
            Some(&a_token),
            Some(json!({"name": "Bakkerij A", "sector": "handel", "postcode": "2011AB"})),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let a_vacancy = a
        .api(
            "POST",
            "/api/v1/vacancies",
            Some(&a_token),
            Some(json!({"employerId": a_employer, "title": "Bakker", "status": "open"})),
            None,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let page = a
        .get_page(
            &adviser,
            &format!("/vacatures/{a_vacancy}/kandidaten?vum=1"),
        )
        .await;
    assert!(
        page.body.contains("Werkzoekenden bij andere bronnen (VUM)"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Vumzoeker"), "no names through VUM");
    let start = page
        .body
        .find("/vum/werkzoekenden/")
        .expect("a link to the profile");
    let link: String = page.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let profile = a.get_page(&adviser, &link).await;
    assert_eq!(profile.status, 200);
    assert!(
        profile.body.contains("Postcode voor bemiddeling")
            && profile.body.contains("2011AC")
            && profile
                .body
                .contains("Werk- en denkniveau</dt><dd>vmbo-niveau"),
        "{}",
        profile.body
    );

    // B logged who asked (from the certificate); A logged that the candidate's data went out.
    let mut tx = b.ctx.store().begin().await.unwrap();
    let asked = tx
        .scalar(
            &format!("SELECT COUNT(*) FROM audit_log WHERE actor = 'oin:{OIN_A}'"),
            &[],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        asked, 4,
        "a selection and a detail, of vacancies and of profiles"
    );
    let mut tx = a.ctx.store().begin().await.unwrap();
    let logged = tx
        .scalar(
            "SELECT COUNT(*) FROM processing_log WHERE name = 'candidate.vum_search'",
            &[],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(logged, 1);
}
