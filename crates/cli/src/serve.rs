//! `koppel serve`: the web UI and API, the jobs that run by themselves (see `jobs`), and optionally the VUM source
//! (mutual TLS) and the VUM intermediary; with `--demo`, the demo region first.

use std::net::SocketAddr;

use anyhow::{bail, Context, Result};
use koppel_app::demo::{self, DemoSize, DEMO_PASSWORD};
use koppel_app::AppContext;

use crate::args::ServeArgs;
use crate::explain;

/// Runs `koppel serve` until Ctrl-C.
pub(crate) async fn run(
    ctx: AppContext,
    addr: SocketAddr,
    a: ServeArgs,
    jobs: crate::jobs::Jobs,
) -> Result<()> {
    let ServeArgs {
        demo,
        vum_addr,
        vum_oin,
        vum_insecure_loopback,
        vum_cert,
        vum_key,
        vum_client_ca,
        vum_exchange,
        vum_exchange_name,
        vum_exchange_oin,
        vum_exchange_ca,
        vum_client_cert,
        vum_client_key,
        ..
    } = a;
    let read = |p: &std::path::PathBuf| {
        std::fs::read(p).with_context(|| format!("reading {}", p.display()))
    };
    let client = match (&vum_exchange, &vum_exchange_oin, &vum_exchange_ca, &vum_client_cert, &vum_client_key) {
            (None, ..) => None,
            (Some(address), Some(exchange_oin), Some(ca), Some(cert), Some(key)) => {
                let our_oin = vum_oin.clone().context("--vum-exchange needs --vum-oin (this region's OIN)")?;
                let host = address.rsplit_once(':').map(|(h, _)| h).unwrap_or(address).to_string();
                let settings = koppel_web::vum_client::ExchangeSettings {
                    address: address.clone(),
                    server_name: vum_exchange_name.clone().unwrap_or(host),
                    exchange_oin: exchange_oin.clone(),
                    our_oin,
                };
                println!("VUM-bemiddelaar: vragen gaan naar {address}.");
                Some(koppel_web::vum_client::VumClient::new(settings, &read(ca)?, &read(cert)?, &read(key)?)?)
            }
            _ => bail!("--vum-exchange needs --vum-exchange-oin, --vum-exchange-ca, --vum-client-cert and --vum-client-key"),
        };
    if demo {
        run_demo(&ctx, 2025).await?;
    }
    if let Some(addr) = vum_addr {
        let oin = vum_oin
            .clone()
            .context("--vum-addr needs --vum-oin (the OIN this region answers as)")?;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("binding {addr}"))?;
        let app = koppel_web::vum::router(ctx.clone(), oin);
        match (&vum_cert, &vum_key, &vum_client_ca, vum_insecure_loopback) {
                (Some(cert), Some(key), Some(ca), false) => {
                    let read = |p: &std::path::PathBuf| std::fs::read(p).with_context(|| format!("reading {}", p.display()));
                    let config = koppel_web::vum_tls::server_config(&read(cert)?, &read(key)?, &read(ca)?)?;
                    println!("VUM-bron (vacatures) luistert op https://{addr} met wederzijdse TLS");
                    tokio::spawn(koppel_web::vum_tls::serve(listener, config, app));
                }
                (None, None, None, true) => {
                    if !addr.ip().is_loopback() {
                        bail!("--vum-insecure-loopback only listens on a loopback address, not {addr}");
                    }
                    println!("VUM-bron (vacatures, zonder TLS, alleen voor ontwikkeling) luistert op http://{addr}");
                    tokio::spawn(async move {
                        if let Err(e) = axum::serve(listener, app).await {
                            tracing::error!(error = %e, "VUM listener stopped");
                        }
                    });
                }
                _ => bail!("the VUM interface needs --vum-cert, --vum-key and --vum-client-ca (mutual TLS), or for development only --vum-insecure-loopback"),
            }
    }
    let started = std::time::Instant::now();
    let profiles = koppel_app::matching::warm_up(&ctx).await.map_err(explain)?;
    println!(
        "Matching-index opgebouwd: {profiles} kandidaten in {} ms.",
        started.elapsed().as_millis()
    );
    serve(ctx.clone(), addr, client, jobs).await
}

/// Makes (or reuses) the demo region and prints one login per role and organisation.
pub(crate) async fn run_demo(ctx: &AppContext, seed: u64) -> Result<()> {
    let started = std::time::Instant::now();
    let summary = demo::generate(ctx, seed, DemoSize::default())
        .await
        .map_err(explain)?;
    if summary.created {
        println!(
            "Demoregio Zuid-Kennemerland en IJmond aangemaakt in {:.1} s.",
            started.elapsed().as_secs_f64()
        );
    } else {
        println!("De database bevat al gegevens; die worden gebruikt zoals ze zijn.");
    }
    if summary.logins.is_empty() {
        bail!("geen gebruikers in deze database");
    }
    println!("Demo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):");
    let mut seen = std::collections::HashSet::new();
    for l in summary
        .logins
        .iter()
        .filter(|l| seen.insert((l.role.clone(), l.organisation.clone())))
    {
        println!("  {:<45} {:<14} {}", l.email, l.role, l.organisation);
    }
    Ok(())
}

async fn serve(
    ctx: AppContext,
    addr: SocketAddr,
    vum: Option<koppel_web::vum_client::VumClient>,
    jobs: crate::jobs::Jobs,
) -> Result<()> {
    let app = koppel_web::router_with(ctx.clone(), vum);
    crate::jobs::spawn(&ctx, &jobs)?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    println!("koppel luistert op http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    ctx.close().await;
    Ok(())
}
