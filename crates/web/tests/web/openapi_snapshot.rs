//! The OpenAPI document is generated from the code; this snapshot makes every change to it visible in review.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[test]
fn openapi_document_matches_the_snapshot() {
    let doc = serde_json::to_value(koppel_web::api::openapi()).unwrap();
    insta::assert_json_snapshot!("openapi", doc);
}
