//! Reading VUM documents (data standard 1.5) into koppel's plain values: a `Vacature` into
//! [`VacancyFacts`], a `Werkzoekende` into [`JobSeekerFacts`], for koppel's own matching and
//! screens. The document itself is kept whole beside them (see `contract`); where VUM
//! distinguishes more than koppel's fields hold, the fold into them is fixed:
//! - hours: a range (minimum to maximum) is kept as its maximum;
//! - language: the levels for speaking and writing are kept as the lower of the two;
//! - occupation of a job seeker: the first `bemiddelingsberoep`;
//! - contract: the first `codeTypeArbeidscontract`;
//! - a language skill without `codeTaal` is left out.

use serde_json::Value;

use crate::jobseeker::JobSeekerFacts;
use crate::vacancy::VacancyFacts;

/// A document that is not in the VUM form: the path of the field and what is wrong, in Dutch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeError(pub String);

impl std::fmt::Display for IntakeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

type Result<T> = std::result::Result<T, IntakeError>;

fn wrong(path: &str, what: &str) -> IntakeError {
    IntakeError(format!("{path}: {what}"))
}

/// The value at a dotted path, when present and not null.
fn at<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(doc, |v, key| v.get(key))
        .filter(|v| !v.is_null())
}

fn text(doc: &Value, path: &str) -> Result<Option<String>> {
    match at(doc, path) {
        None => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(wrong(path, "verwacht tekst")),
    }
}

fn integer(doc: &Value, path: &str) -> Result<Option<i64>> {
    match at(doc, path) {
        None => Ok(None),
        Some(v) => v
            .as_i64()
            .map(Some)
            .ok_or_else(|| wrong(path, "verwacht een geheel getal")),
    }
}

fn items<'a>(doc: &'a Value, path: &str) -> Result<&'a [Value]> {
    match at(doc, path) {
        None => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(wrong(path, "verwacht een lijst")),
    }
}

/// The strings at `field` of each item of the list at `path`.
fn each_text(doc: &Value, path: &str, field: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (i, item) in items(doc, path)?.iter().enumerate() {
        if let Some(s) = text(item, field)
            .map_err(|_| wrong(&format!("{path}[{i}].{field}"), "verwacht tekst"))?
        {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    Ok(out)
}

/// Hours per week: the maximum of a range, or the one bound given.
fn hours(doc: &Value) -> Result<Option<i64>> {
    let min = integer(doc, "werktijden.aantalWerkurenPerWeekMinimaal")?;
    let max = integer(doc, "werktijden.aantalWerkurenPerWeekMaximaal")?;
    Ok(max.or(min))
}

/// Languages with their levels; a speaking or writing level not given is the other one, or 8
/// (not applicable) when neither is.
fn languages(doc: &Value, path: &str) -> Result<Vec<crate::Language>> {
    let mut out: Vec<crate::Language> = Vec::new();
    for (i, item) in items(doc, path)?.iter().enumerate() {
        let here = format!("{path}[{i}]");
        // A language skill without a language says nothing koppel can match on.
        let Some(code) = text(item, "codeTaal").map_err(|e| wrong(&here, &e.0))? else {
            continue;
        };
        let oral =
            integer(item, "codeNiveauTaalbeheersingMondeling").map_err(|e| wrong(&here, &e.0))?;
        let written = integer(item, "codeNiveauTaalbeheersingSchriftelijk")
            .map_err(|e| wrong(&here, &e.0))?;
        let reading =
            integer(item, "codeNiveauTaalbeheersingLezen").map_err(|e| wrong(&here, &e.0))?;
        let listening =
            integer(item, "codeNiveauTaalbeheersingLuisteren").map_err(|e| wrong(&here, &e.0))?;
        if !out.iter().any(|l| l.code == code) {
            out.push(crate::Language {
                code,
                spoken: oral.or(written).unwrap_or(8),
                written: written.or(oral).unwrap_or(8),
                reading,
                listening,
            });
        }
    }
    Ok(out)
}

fn contract(doc: &Value) -> Result<Option<String>> {
    Ok(each_text(doc, "contractvorm", "codeTypeArbeidscontract")?
        .first()
        .and_then(|c| match c.as_str() {
            "O" => Some("permanent".to_string()),
            "B" => Some("temporary".to_string()),
            _ => None,
        }))
}

/// A VUM `Vacature` as (its `idVacature`, what koppel keeps of it). `id` is left 0.
pub fn vacancy(doc: &Value) -> Result<(String, VacancyFacts)> {
    if !doc.is_object() {
        return Err(IntakeError("verwacht een Vacature-object".into()));
    }
    let id = text(doc, "idVacature")?.ok_or_else(|| wrong("idVacature", "ontbreekt"))?;
    let facts = VacancyFacts {
        id: 0,
        title: text(doc, "naamVacature")?.unwrap_or_default(),
        description: text(doc, "omschrijvingVacature")?.unwrap_or_default(),
        postcode: text(doc, "adres.postcode")?.unwrap_or_default(),
        occupation_uri: text(doc, "beroep.codeBeroepsnaam")?,
        education_level: text(doc, "codeWerkEnDenkniveauMinimaal")?,
        hours_per_week: hours(doc)?,
        contract_type: contract(doc)?,
        driving_licences: each_text(doc, "rijbewijs", "codeSoortRijbewijs")?,
        languages: languages(doc, "taalbeheersing")?,
        closing_date: text(doc, "sluitingsdatumVacature")?,
        start_date: text(doc, "arbeidsVoorwaarden.datumAanvangWerkzaamheden")?,
        employer_name: text(doc, "werkgever.handelsnaamOrganisatie")?.unwrap_or_default(),
        employer_website: each_text(doc, "werkgever.webadres", "url")?
            .into_iter()
            .next(),
        skills: each_text(doc, "competentiebeheersing", "codeCompetentie")?,
    };
    Ok((id, facts))
}

/// A VUM `Werkzoekende` (or search profile), its `idWerkzoekende` in `id`.
pub fn jobseeker(doc: &Value) -> Result<JobSeekerFacts> {
    if !doc.is_object() {
        return Err(IntakeError("verwacht een Werkzoekende-object".into()));
    }
    let id = text(doc, "idWerkzoekende")?.ok_or_else(|| wrong("idWerkzoekende", "ontbreekt"))?;
    let quality = "arbeidsmarktkwalificatie";
    Ok(JobSeekerFacts {
        id,
        postcode: text(doc, "mobiliteit.bemiddelingspostcode")?.unwrap_or_default(),
        max_travel_km: integer(doc, "mobiliteit.maximaleReisafstand")?,
        occupation_uri: each_text(doc, "bemiddelingsberoep", "codeBeroepsnaam")?
            .into_iter()
            .next(),
        education_level: integer(doc, &format!("{quality}.codeWerkEnDenkniveauWerkzoekende"))?
            .map(|l| l.to_string()),
        hours_per_week: hours(doc)?,
        driving_licences: each_text(doc, &format!("{quality}.rijbewijs"), "codeSoortRijbewijs")?,
        languages: languages(doc, &format!("{quality}.taalbeheersing"))?,
        skills: each_text(
            doc,
            &format!("{quality}.competentiebeheersing"),
            "codeCompetentie",
        )?,
        available_from: text(doc, "flexibiliteit.datumAanvangBeschikbaarVoorWerk")?,
    })
}
