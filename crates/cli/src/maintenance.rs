//! The operator's commands: `koppel purge` (the retention purge now), `koppel backup`, `koppel check`,
//! `koppel municipality` and `koppel taxonomy import`.

use std::path::Path;

use anyhow::Result;
use koppel_app::{AppContext, Meta};

use crate::args::{ImportSource, TaxonomyCommand};
use crate::explain;

pub(crate) async fn purge(ctx: &AppContext) -> Result<()> {
    let done = koppel_app::retention::purge(ctx, chrono::Utc::now(), &Meta::local("purge"))
        .await
        .map_err(explain)?;
    println!(
        "Bewaartermijn toegepast: {} kandidaten, {} inwoners, {} verzoeken van inwoners, {} contactverzoeken, {} opmerkingen, {} contactmomenten, \
         {} afspraken, {} contactpersonen en {} logregels gewist.",
        done.candidates,
        done.residents,
        done.desk_requests,
        done.contact_requests,
        done.survey_comments,
        done.contact_moments,
        done.agreements,
        done.contact_persons,
        done.log_records
    );
    Ok(())
}

pub(crate) async fn backup(ctx: &AppContext, url: &str, to: &Path) -> Result<()> {
    koppel_app::backups::backup(ctx, url, to, &Meta::local("backup"))
        .await
        .map_err(explain)?;
    println!("Kopie geschreven naar {}.", to.display());
    Ok(())
}

/// `koppel check` (and the end of `koppel restore`): fails when the database is not sound.
pub(crate) async fn check(ctx: &AppContext) -> Result<()> {
    let c = koppel_app::backups::check(ctx).await.map_err(explain)?;
    println!(
        "Schemaversies: {} van {} toegepast.",
        c.migrations_applied, c.migrations_known
    );
    for (table, rows) in &c.counts {
        println!("  {table}: {rows} rijen");
    }
    if c.problems.is_empty() {
        println!("De database is in orde.");
        Ok(())
    } else {
        for p in &c.problems {
            println!("Probleem: {p}");
        }
        anyhow::bail!("de database is niet in orde")
    }
}

pub(crate) async fn municipality(
    ctx: &AppContext,
    code: &str,
    name: &str,
    subregion: Option<&str>,
) -> Result<()> {
    let meta = Meta::local("municipality");
    koppel_app::figures::targets::set_municipality(ctx, code, name, subregion, &meta)
        .await
        .map_err(explain)?;
    println!("Gemeente {code} vastgelegd.");
    Ok(())
}

pub(crate) async fn taxonomy(ctx: &AppContext, command: TaxonomyCommand) -> Result<()> {
    let TaxonomyCommand::Import { source } = command;
    let meta = Meta::local("taxonomy import");
    match source {
        ImportSource::Competentnl { file } => {
            let r = koppel_app::taxonomy_aliases::import_competentnl(ctx, &file, &meta)
                .await
                .map_err(explain)?;
            println!("CompetentNL-koppeltabel geïmporteerd: {} URI's.", r.aliases);
        }
        ImportSource::Esco { dir } => {
            let r = koppel_app::taxonomy_import::import_esco_dir(ctx, &dir, &meta)
                .await
                .map_err(explain)?;
            println!(
                "ESCO geïmporteerd: {} beroepen, {} vaardigheden, {} vaardighedengroepen, {} hiërarchierelaties, {} beroep-vaardigheidrelaties.",
                r.occupations, r.skills, r.skill_groups, r.broader_relations, r.occupation_skill_relations
            );
        }
    }
    Ok(())
}
