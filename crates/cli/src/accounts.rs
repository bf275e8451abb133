//! `koppel org add`, `koppel user add` (the password read from standard input) and
//! `koppel token create`.

use std::io::Read;

use anyhow::Result;
use koppel_app::{auth, AppContext, Meta};

use crate::args::{OrgCommand, TokenCommand, UserCommand};
use crate::explain;

pub(crate) async fn org(ctx: &AppContext, command: OrgCommand) -> Result<()> {
    let OrgCommand::Add {
        name,
        short_name,
        kind,
        wsp,
        municipality_code,
        oin,
    } = command;
    let spec = auth::OrganisationSpec {
        name: &name,
        short_name: &short_name,
        kind: &kind,
        wsp_partner: wsp,
        municipality_code: municipality_code.as_deref(),
        oin: oin.as_deref(),
    };
    let id = auth::add_organisation(ctx, &spec, &Meta::local("org add"))
        .await
        .map_err(explain)?;
    println!("Organisatie {id} toegevoegd.");
    Ok(())
}

pub(crate) async fn user(ctx: &AppContext, command: UserCommand) -> Result<()> {
    let UserCommand::Add {
        email,
        name,
        org,
        role,
        cluster,
    } = command;
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password)?;
    let password = password.trim_end_matches(['\n', '\r']);
    let account = auth::NewAccount {
        email: &email,
        name: &name,
        organisation: &org,
        role: &role,
        password,
        clusters: &cluster,
    };
    let id = auth::add_user(ctx, &account, &Meta::local("user add"))
        .await
        .map_err(explain)?;
    println!("Gebruiker {id} toegevoegd.");
    Ok(())
}

pub(crate) async fn token(ctx: &AppContext, command: TokenCommand) -> Result<()> {
    let TokenCommand::Create { email, label } = command;
    let token = auth::create_token(ctx, &email, &label, &Meta::local("token create"))
        .await
        .map_err(explain)?;
    println!("{token}");
    Ok(())
}
