//! Sectors in the CBS Standaard Bedrijfsindeling (SBI 2008), as VUM's `codeSbi` holds them: the
//! divisions (two digits) by their Dutch names, so an adviser names a sector instead of looking up
//! its number. A more precise code (up to five digits) is kept as typed.

use crate::values::ValueError;

/// The SBI 2008 divisions, with their Dutch names.
pub const DIVISIONS: &[(u32, &str)] = &[
    (1, "Landbouw, jacht en dienstverlening voor de landbouw en jacht"),
    (2, "Bosbouw, exploitatie van bossen en dienstverlening voor de bosbouw"),
    (3, "Visserij en kweken van vis en schaaldieren"),
    (6, "Winning van aardolie en aardgas"),
    (8, "Winning van delfstoffen (geen olie en gas)"),
    (9, "Dienstverlening voor de delfstoffenwinning"),
    (10, "Vervaardiging van voedingsmiddelen"),
    (11, "Vervaardiging van dranken"),
    (12, "Vervaardiging van tabaksproducten"),
    (13, "Vervaardiging van textiel"),
    (14, "Vervaardiging van kleding"),
    (15, "Vervaardiging van leer, lederwaren en schoenen"),
    (16, "Houtindustrie en vervaardiging van artikelen van hout, kurk, riet en vlechtwerk (geen meubels)"),
    (17, "Vervaardiging van papier, karton en papier- en kartonwaren"),
    (18, "Drukkerijen, reproductie van opgenomen media"),
    (19, "Vervaardiging van cokesovenproducten en aardolieverwerking"),
    (20, "Vervaardiging van chemische producten"),
    (21, "Vervaardiging van farmaceutische grondstoffen en producten"),
    (22, "Vervaardiging van producten van rubber en kunststof"),
    (23, "Vervaardiging van overige niet-metaalhoudende minerale producten"),
    (24, "Vervaardiging van metalen in primaire vorm"),
    (25, "Vervaardiging van producten van metaal (geen machines en apparaten)"),
    (26, "Vervaardiging van computers en van elektronische en optische apparatuur"),
    (27, "Vervaardiging van elektrische apparatuur"),
    (28, "Vervaardiging van overige machines en apparaten"),
    (29, "Vervaardiging van auto's, aanhangwagens en opleggers"),
    (30, "Vervaardiging van overige transportmiddelen"),
    (31, "Vervaardiging van meubels"),
    (32, "Vervaardiging van overige goederen"),
    (33, "Reparatie en installatie van machines en apparaten"),
    (35, "Productie en distributie van en handel in elektriciteit, aardgas, stoom en gekoelde lucht"),
    (36, "Winning en distributie van water"),
    (37, "Afvalwaterinzameling en -behandeling"),
    (38, "Afvalinzameling en -behandeling; voorbereiding tot recycling"),
    (39, "Sanering en overig afvalbeheer"),
    (41, "Algemene burgerlijke en utiliteitsbouw en projectontwikkeling"),
    (42, "Grond-, water- en wegenbouw (geen grondverzet)"),
    (43, "Gespecialiseerde werkzaamheden in de bouw"),
    (45, "Handel in en reparatie van auto's, motorfietsen en aanhangers"),
    (46, "Groothandel en handelsbemiddeling (niet in auto's en motorfietsen)"),
    (47, "Detailhandel (niet in auto's)"),
    (49, "Vervoer over land"),
    (50, "Vervoer over water"),
    (51, "Vervoer door de lucht"),
    (52, "Opslag en dienstverlening voor vervoer"),
    (53, "Post en koeriers"),
    (55, "Logiesverstrekking"),
    (56, "Eet- en drinkgelegenheden"),
    (58, "Uitgeverijen"),
    (59, "Productie en distributie van films en televisieprogramma's; maken en uitgeven van geluidsopnamen"),
    (60, "Verzorgen en uitzenden van radio- en televisieprogramma's"),
    (61, "Telecommunicatie"),
    (62, "Dienstverlenende activiteiten op het gebied van informatietechnologie"),
    (63, "Dienstverlenende activiteiten op het gebied van informatie"),
    (64, "Financiële instellingen (geen verzekeringen en pensioenfondsen)"),
    (65, "Verzekeringen en pensioenfondsen (geen verplichte sociale verzekeringen)"),
    (66, "Overige financiële dienstverlening"),
    (68, "Verhuur van en handel in onroerend goed"),
    (69, "Rechtskundige dienstverlening, accountancy, belastingadvisering en administratie"),
    (70, "Holdings (geen financiële), concerndiensten binnen eigen concern en managementadvisering"),
    (71, "Architecten, ingenieurs en technisch ontwerp en advies; keuring en controle"),
    (72, "Speur- en ontwikkelingswerk"),
    (73, "Reclame en marktonderzoek"),
    (74, "Industrieel ontwerp en vormgeving, fotografie, vertaling en overige consultancy"),
    (75, "Veterinaire dienstverlening"),
    (77, "Verhuur en lease van auto's, consumentenartikelen, machines en overige roerende goederen"),
    (78, "Arbeidsbemiddeling, uitzendbureaus en personeelsbeheer"),
    (79, "Reisbemiddeling, reisorganisatie, toeristische informatie en reserveringsbureaus"),
    (80, "Beveiliging en opsporing"),
    (81, "Facility management, reiniging en landschapsverzorging"),
    (82, "Overige zakelijke dienstverlening"),
    (84, "Openbaar bestuur, overheidsdiensten en verplichte sociale verzekeringen"),
    (85, "Onderwijs"),
    (86, "Gezondheidszorg"),
    (87, "Huisvesting met begeleiding en verpleging"),
    (88, "Maatschappelijke dienstverlening zonder overnachting"),
    (90, "Kunst"),
    (91, "Culturele uitleencentra, openbare archieven, musea, dierentuinen en natuurbehoud"),
    (92, "Loterijen en kansspelen"),
    (93, "Sport en recreatie"),
    (94, "Levensbeschouwelijke en politieke organisaties, belangen- en ideële organisaties, hobbyclubs"),
    (95, "Reparatie van computers en consumentenartikelen"),
    (96, "Wellness en overige dienstverlening; uitvaartbranche"),
    (97, "Huishoudens als werkgever van huishoudelijk personeel"),
    (98, "Niet-gespecificeerde productie van goederen en diensten door particuliere huishoudens voor eigen gebruik"),
    (99, "Extraterritoriale organisaties en lichamen"),
];

/// The division of a code: the code itself when it has two digits, its first two digits when it
/// has four or five (a code of the first three divisions loses its leading zero as a number).
fn division(code: u32) -> Option<u32> {
    match code {
        1..=99 => Some(code),
        100..=999 => Some(code / 100),
        1000..=9999 => Some(code / 100),
        10000..=99999 => Some(code / 1000),
        _ => None,
    }
}

/// The Dutch name of a code's division.
pub fn name(code: u32) -> Option<&'static str> {
    let d = division(code)?;
    DIVISIONS.iter().find(|(c, _)| *c == d).map(|(_, n)| *n)
}

/// A code as an adviser reads it: "2410 Vervaardiging van metalen in primaire vorm".
pub fn show(code: i64) -> String {
    match u32::try_from(code).ok().and_then(name) {
        Some(n) => format!("{code} {n}"),
        None => code.to_string(),
    }
}

/// A sector as typed: a code (0 to 99999), a code followed by its name (as [`show`] writes it),
/// or a word from a division's name ("metalen in primaire vorm") that names one division.
pub fn parse(input: &str) -> Result<i64, ValueError> {
    let text = input.trim();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits
            .parse::<i64>()
            .ok()
            .filter(|c| (0..=99_999).contains(c))
            .ok_or_else(|| {
                ValueError::new("out_of_range", "Een SBI-code heeft hoogstens vijf cijfers.")
            });
    }
    let wanted = text.to_lowercase();
    let found: Vec<&(u32, &str)> = DIVISIONS
        .iter()
        .filter(|(_, n)| n.to_lowercase().contains(&wanted))
        .collect();
    match found.as_slice() {
        [(code, _)] => Ok(i64::from(*code)),
        [] => Err(ValueError::new(
            "unknown_sector",
            format!("Geen sector gevonden voor '{text}'. Typ een deel van de naam, bijvoorbeeld 'detailhandel', of de SBI-code."),
        )),
        many => Err(ValueError::new(
            "ambiguous_sector",
            format!(
                "'{text}' past bij meer sectoren: {}. Typ meer van de naam of de SBI-code.",
                many.iter()
                    .take(5)
                    .map(|(c, n)| format!("{c} {n}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::unwrap_used)]
    fn sectors_are_named_and_read_back() {
        assert_eq!(parse("detailhandel").unwrap(), 47);
        assert_eq!(parse("2410").unwrap(), 2410);
        assert_eq!(parse(&show(2410)).unwrap(), 2410);
        assert_eq!(
            show(2410),
            "2410 Vervaardiging van metalen in primaire vorm"
        );
        assert_eq!(
            show(111),
            "111 Landbouw, jacht en dienstverlening voor de landbouw en jacht"
        );
        assert!(parse("vervaardiging")
            .unwrap_err()
            .message
            .contains("meer sectoren"));
        assert!(parse("ruimtevaart").is_err());
        assert!(parse("123456").is_err());
        assert!(
            DIVISIONS.windows(2).all(|w| w[0].0 < w[1].0),
            "in order, each once"
        );
    }
}
