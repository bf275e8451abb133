//! koppel as a VUM intermediary (Bemiddelaar): asking other sources, through the VUM exchange, for
//! vacancies that match a selection, and for the detail of one; over mutual TLS with this region's
//! client certificate.

use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::Request;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use tokio_rustls::rustls::{crypto, ClientConfig, RootCertStore};
use tokio_rustls::TlsConnector;

use crate::vum_tls::TlsError;

/// Where the exchange is, and who we are.
#[derive(Debug, Clone)]
pub struct ExchangeSettings {
    /// Host and port of the exchange (or of a source), such as `vum.example.nl:443`.
    pub address: String,
    /// The name in the exchange's certificate.
    pub server_name: String,
    /// The OIN of the exchange (`X-VUM-toParty`).
    pub exchange_oin: String,
    /// This region's OIN (`X-VUM-fromParty` and `X-VUM-viaParty`).
    pub our_oin: String,
}

/// A VUM client; cheap to share.
#[derive(Clone)]
pub struct VumClient {
    tls: TlsConnector,
    settings: ExchangeSettings,
}

/// Why a question to the exchange gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum VumClientError {
    #[error("de VUM-uitwisseling is niet bereikbaar: {0}")]
    Unreachable(String),
    #[error("de VUM-uitwisseling antwoordde {status}: {message}")]
    Refused { status: u16, message: String },
}

impl VumClient {
    /// `server_ca_pem`: the CA of the exchange's certificate; `cert_pem`/`key_pem`: our client certificate.
    pub fn new(
        settings: ExchangeSettings,
        server_ca_pem: &[u8],
        cert_pem: &[u8],
        key_pem: &[u8],
    ) -> Result<Self, TlsError> {
        let mut roots = RootCertStore::empty();
        for ca in CertificateDer::pem_slice_iter(server_ca_pem) {
            roots
                .add(ca.map_err(|e| TlsError(format!("CA van de uitwisseling: {e}")))?)
                .map_err(|e| TlsError(e.to_string()))?;
        }
        let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(cert_pem)
            .collect::<Result<_, _>>()
            .map_err(|e| TlsError(format!("clientcertificaat: {e}")))?;
        let key = PrivateKeyDer::from_pem_slice(key_pem)
            .map_err(|e| TlsError(format!("sleutel: {e}")))?;
        let config =
            ClientConfig::builder_with_provider(Arc::new(crypto::ring::default_provider()))
                .with_safe_default_protocol_versions()
                .map_err(|e| TlsError(e.to_string()))?
                .with_root_certificates(roots)
                .with_client_auth_cert(chain, key)
                .map_err(|e| TlsError(format!("clientcertificaat: {e}")))?;
        Ok(Self {
            tls: TlsConnector::from(Arc::new(config)),
            settings,
        })
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(u16, Value), VumClientError> {
        let unreachable = |e: String| VumClientError::Unreachable(e);
        let s = &self.settings;
        let work = async {
            let tcp = tokio::net::TcpStream::connect(&s.address)
                .await
                .map_err(|e| unreachable(e.to_string()))?;
            let name = ServerName::try_from(s.server_name.clone())
                .map_err(|e| unreachable(e.to_string()))?;
            let tls = self
                .tls
                .connect(name, tcp)
                .await
                .map_err(|e| unreachable(format!("TLS: {e}")))?;
            let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tls))
                .await
                .map_err(|e| unreachable(e.to_string()))?;
            tokio::spawn(async move {
                let _ = conn.await;
            });
            let payload = body.map(|b| b.to_string()).unwrap_or_default();
            let request = Request::builder()
                .method(method)
                .uri(path)
                .header("host", &s.server_name)
                .header("content-type", "application/json")
                .header("X-VUM-berichtVersie", "3.0.0")
                .header("API-Version", "3.0.0")
                .header("X-VUM-fromParty", &s.our_oin)
                .header("X-VUM-toParty", &s.exchange_oin)
                .header("X-VUM-viaParty", &s.our_oin)
                .header("X-VUM-SUWIparty", "true")
                .body(Full::new(Bytes::from(payload)))
                .map_err(|e| unreachable(e.to_string()))?;
            let response = sender
                .send_request(request)
                .await
                .map_err(|e| unreachable(e.to_string()))?;
            let status = response.status().as_u16();
            let bytes = response
                .into_body()
                .collect()
                .await
                .map_err(|e| unreachable(e.to_string()))?
                .to_bytes();
            Ok((
                status,
                serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            ))
        };
        tokio::time::timeout(Duration::from_secs(15), work)
            .await
            .map_err(|_| unreachable("geen antwoord binnen 15 seconden".into()))?
    }

    fn refused(status: u16, body: &Value) -> VumClientError {
        let message = [body["message"].as_str(), body["details"].as_str()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(": ");
        VumClientError::Refused { status, message }
    }

    /// Vacancies matching a selection (`vraagObject` of `MPVacature`), and whether there were more.
    pub async fn vacancy_matches(
        &self,
        question: &Value,
    ) -> Result<(Vec<Value>, bool), VumClientError> {
        let body = serde_json::json!({ "vraagObject": question });
        let (status, v) = self.call("POST", "/vacatures/matches", Some(&body)).await?;
        if status != 200 {
            return Err(Self::refused(status, &v));
        }
        let matches = v["matches"].as_array().cloned().unwrap_or_default();
        Ok((
            matches,
            v["maximumAantalResultatenBereikt"]
                .as_bool()
                .unwrap_or(false),
        ))
    }

    /// The detail of one vacancy; `None` when the source no longer has it.
    pub async fn vacancy(&self, id: &str) -> Result<Option<Value>, VumClientError> {
        let safe: String = id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || "_.-".contains(*c))
            .collect();
        let (status, v) = self
            .call("GET", &format!("/vacatures/{safe}"), None)
            .await?;
        match status {
            200 => Ok(Some(v)),
            404 => Ok(None),
            other => Err(Self::refused(other, &v)),
        }
    }
}

impl VumClient {
    /// Job-seeker profiles matching a selection (`vraagObject` of `MPWerkzoekende`), and whether there were more.
    pub async fn profile_matches(
        &self,
        question: &Value,
    ) -> Result<(Vec<Value>, bool), VumClientError> {
        let body = serde_json::json!({ "vraagObject": question });
        let (status, v) = self
            .call("POST", "/werkzoekendeProfielen/matches", Some(&body))
            .await?;
        if status != 200 {
            return Err(Self::refused(status, &v));
        }
        let matches = v["matches"].as_array().cloned().unwrap_or_default();
        Ok((
            matches,
            v["maximumAantalResultatenBereikt"]
                .as_bool()
                .unwrap_or(false),
        ))
    }

    /// The detail of one job seeker's profile; `None` when the source no longer offers it.
    pub async fn profile(&self, id: &str) -> Result<Option<Value>, VumClientError> {
        let safe: String = id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || "_.-".contains(*c))
            .collect();
        let (status, v) = self
            .call("GET", &format!("/werkzoekendeProfielen/{safe}"), None)
            .await?;
        match status {
            200 => Ok(Some(v)),
            404 => Ok(None),
            other => Err(Self::refused(other, &v)),
        }
    }
}
