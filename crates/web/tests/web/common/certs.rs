//! Certificates made at test time (from koppel-test-support).
#[allow(unused_imports)]
pub use koppel_test_support::certs::*;
