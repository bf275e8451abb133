//! Certificates made at test time: a CA, and server and client certificates signed by it, each
//! client carrying an OIN in its subject serial number.

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyUsagePurpose,
};
pub use rcgen::{Certificate, KeyPair};

pub struct Ca {
    pub cert: Certificate,
    pub key: KeyPair,
}

pub fn ca(name: &str) -> Ca {
    let key = KeyPair::generate().unwrap();
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.distinguished_name.push(DnType::CommonName, name);
    p.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    Ca {
        cert: p.self_signed(&key).unwrap(),
        key,
    }
}

/// A certificate for `localhost` (server) or for a client, with `oin` as subject serial number.
pub fn leaf(ca: &Ca, server: bool, oin: &str) -> (Certificate, KeyPair) {
    let key = KeyPair::generate().unwrap();
    let mut p = CertificateParams::new(if server {
        vec!["localhost".to_string()]
    } else {
        Vec::new()
    })
    .unwrap();
    p.distinguished_name.push(
        DnType::CommonName,
        if server { "koppel" } else { "vraagsteller" },
    );
    p.distinguished_name
        .push(DnType::CustomDnType(vec![2, 5, 4, 5]), oin);
    p.extended_key_usages = vec![if server {
        ExtendedKeyUsagePurpose::ServerAuth
    } else {
        ExtendedKeyUsagePurpose::ClientAuth
    }];
    (p.signed_by(&key, &ca.cert, &ca.key).unwrap(), key)
}
