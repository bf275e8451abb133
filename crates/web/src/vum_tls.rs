//! Mutual TLS for the VUM interface: the server presents its certificate, accepts only clients
//! whose certificate chains to the configured CA bundle (others are refused at the handshake), and
//! hands each request the calling party's OIN from the client certificate's subject serial number
//! and its address. A handshake that takes longer than ten seconds is dropped.

use std::sync::Arc;

use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{crypto, RootCertStore, ServerConfig};
use tokio_rustls::TlsAcceptor;

/// The OIN of the party that called, from its client certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerOin(pub String);

/// The network address of the party that called, for the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallerAddr(pub std::net::SocketAddr);

/// How long a client may take over the TLS handshake before the connection is dropped.
pub const HANDSHAKE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// A TLS configuration that is wrong; the message names what.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TlsError(pub String);

fn certs(pem: &[u8], what: &str) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let list: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<_, _>>()
        .map_err(|e| TlsError(format!("{what}: {e}")))?;
    if list.is_empty() {
        return Err(TlsError(format!("{what}: geen certificaat gevonden")));
    }
    Ok(list)
}

/// The server side: our certificate chain and key, and the CA bundle client certificates must chain to.
pub fn server_config(
    cert_pem: &[u8],
    key_pem: &[u8],
    client_ca_pem: &[u8],
) -> Result<Arc<ServerConfig>, TlsError> {
    let provider = Arc::new(crypto::ring::default_provider());
    let mut roots = RootCertStore::empty();
    for ca in certs(client_ca_pem, "CA-bundel voor clientcertificaten")? {
        roots
            .add(ca)
            .map_err(|e| TlsError(format!("CA-bundel: {e}")))?;
    }
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map_err(|e| TlsError(format!("CA-bundel: {e}")))?;
    let key =
        PrivateKeyDer::from_pem_slice(key_pem).map_err(|e| TlsError(format!("sleutel: {e}")))?;
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError(e.to_string()))?
        .with_client_cert_verifier(verifier)
        .with_single_cert(certs(cert_pem, "servercertificaat")?, key)
        .map_err(|e| TlsError(format!("servercertificaat: {e}")))?;
    Ok(Arc::new(config))
}

/// The OIN in a certificate: its subject's serial number (as in PKIoverheid certificates).
pub fn oin_of(cert: &CertificateDer<'_>) -> Option<String> {
    let (_, parsed) = x509_parser::parse_x509_certificate(cert.as_ref()).ok()?;
    let serial = parsed
        .subject()
        .iter_by_oid(&x509_parser::oid_registry::OID_X509_SERIALNUMBER)
        .next()?;
    serial
        .as_str()
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Serves `router` over mutual TLS; each request carries the caller's OIN as an extension.
pub async fn serve(listener: TcpListener, config: Arc<ServerConfig>, router: Router) {
    serve_with(listener, config, router, HANDSHAKE_TIMEOUT).await
}

/// The same, with another handshake timeout.
pub async fn serve_with(
    listener: TcpListener,
    config: Arc<ServerConfig>,
    router: Router,
    handshake_timeout: std::time::Duration,
) {
    let acceptor = TlsAcceptor::from(config);
    loop {
        let Ok((tcp, peer)) = listener.accept().await else {
            continue;
        };
        let acceptor = acceptor.clone();
        let router = router.clone();
        tokio::spawn(async move {
            let tls = match tokio::time::timeout(handshake_timeout, acceptor.accept(tcp)).await {
                Ok(Ok(tls)) => tls,
                Ok(Err(e)) => {
                    tracing::warn!(%peer, error = %e, "VUM: TLS handshake refused");
                    return;
                }
                Err(_) => {
                    tracing::warn!(%peer, "VUM: TLS handshake took too long");
                    return;
                }
            };
            let caller = tls
                .get_ref()
                .1
                .peer_certificates()
                .and_then(|c| c.first())
                .and_then(oin_of)
                .map(CallerOin);
            let service = TowerToHyperService::new(
                router
                    .layer(axum::Extension(caller))
                    .layer(axum::Extension(CallerAddr(peer))),
            );
            if let Err(e) = Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(tls), service)
                .await
            {
                tracing::debug!(%peer, error = %e, "VUM: connection ended");
            }
        });
    }
}
