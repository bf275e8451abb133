//! Word lists for believable, synthetic Dutch names; no real companies or people.

pub const FIRST_NAMES: &[&str] = &[
    "Anouk", "Bram", "Daan", "Emma", "Fleur", "Gijs", "Hanna", "Iris", "Jasper", "Kim", "Lars",
    "Lotte", "Mark", "Noor", "Pieter", "Roos", "Sanne", "Thijs", "Vera", "Wouter", "Yara",
    "Mohamed", "Fatima", "Youssef", "Ayşe", "Kevin", "Priya", "Sem", "Julia", "Ruben", "Esther",
    "Marco", "Ilse", "Dennis", "Samira", "Tom", "Linda", "Hakan", "Naomi", "Joost",
];
pub const UKRAINIAN_FIRST_NAMES: &[&str] = &[
    "Olena",
    "Oksana",
    "Andrii",
    "Iryna",
    "Dmytro",
    "Kateryna",
    "Serhii",
    "Nataliia",
    "Oleksandr",
    "Yuliia",
];
pub const LAST_NAMES: &[&str] = &[
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Koster",
    "El Amrani",
    "Yilmaz",
    "Boukhari",
    "Kaya",
    "Pranoto",
    "Verhoeven",
    "Schouten",
    "van den Berg",
    "Kuipers",
    "Post",
];
pub const UKRAINIAN_LAST_NAMES: &[&str] = &[
    "Shevchenko",
    "Kovalenko",
    "Bondarenko",
    "Tkachenko",
    "Kravchenko",
    "Melnyk",
    "Boiko",
    "Moroz",
];

/// Words that make up synthetic employer names.
pub const NAME_CORES: &[&str] = &[
    "Spaarne",
    "Kennemer",
    "Duinrand",
    "Zeezicht",
    "Noordzee",
    "Havenkwartier",
    "Polderlicht",
    "Binnenduin",
    "Houtvaart",
    "Molenpad",
    "Kustlijn",
    "Staalkade",
    "Waterland",
    "Zilverduin",
    "Lindenhof",
    "Reigersbos",
    "Strandweg",
    "Sluiskade",
    "Bolwerk",
    "Amstelveld",
];

/// Sector, a noun for its firms, and plausible SBI codes.
pub const SECTOR_STYLE: &[(&str, &[&str], &[&str])] = &[
    (
        "bouw",
        &["Bouwbedrijf", "Aannemersbedrijf", "Timmerfabriek"],
        &["41200", "43320", "43910"],
    ),
    (
        "infra",
        &["Wegenbouw", "Grondwerken", "Infratechniek"],
        &["42110", "42990", "43120"],
    ),
    (
        "techniek",
        &["Installatietechniek", "Elektrotechniek", "Technisch Bureau"],
        &["43210", "43221", "33200"],
    ),
    (
        "industrie",
        &["Metaalbewerking", "Staalservice", "Verpakkingen"],
        &["25110", "24100", "17210"],
    ),
    (
        "groen",
        &["Hoveniers", "Kwekerij", "Groenvoorziening"],
        &["81300", "01300", "01190"],
    ),
    (
        "ict",
        &["IT Services", "Softwarehuis", "Datacentrum"],
        &["62010", "62020", "63110"],
    ),
    (
        "zorg_welzijn",
        &["Zorggroep", "Thuiszorg", "Apotheek", "Woonzorgcentrum"],
        &["86101", "87101", "88101", "47730"],
    ),
    (
        "onderwijs",
        &["Scholengroep", "Kinderopvang", "Opleidingscentrum"],
        &["85310", "88911", "85599"],
    ),
    (
        "overheid",
        &["Recreatieschap", "Afvalbeheer", "Waterbeheer"],
        &["84110", "38110", "36000"],
    ),
    (
        "zakelijke_dienstverlening",
        &["Administratiekantoor", "Adviesbureau", "Schoonmaakdiensten"],
        &["69203", "70221", "81211"],
    ),
    (
        "transport",
        &["Transport", "Koeriersdienst", "Taxicentrale"],
        &["49410", "53202", "49320"],
    ),
    (
        "logistiek",
        &["Logistiek", "Distributiecentrum", "Warehousing"],
        &["52100", "52291", "46900"],
    ),
    (
        "handel",
        &["Supermarkt", "Bouwmarkt", "Groothandel"],
        &["47110", "47521", "46390"],
    ),
    (
        "horeca_schoonmaak",
        &[
            "Strandpaviljoen",
            "Restaurant",
            "Hotel",
            "Schoonmaakbedrijf",
        ],
        &["56101", "56101", "55101", "81210"],
    ),
    (
        "beveiliging",
        &["Beveiliging", "Bewakingsdienst"],
        &["80101", "80102"],
    ),
];

/// ISCO group prefixes whose occupations fit a sector's vacancies.
pub fn isco_prefixes(sector: &str) -> &'static [&'static str] {
    match sector {
        "bouw" => &["71", "93"],
        "infra" => &["71", "31", "83"],
        "techniek" => &["72", "74", "31"],
        "industrie" => &["72", "81", "82"],
        "groen" => &["61", "92"],
        "ict" => &["25", "35"],
        "zorg_welzijn" => &["22", "32", "53"],
        "onderwijs" => &["23", "53"],
        "overheid" => &["24", "33", "41"],
        "zakelijke_dienstverlening" => &["24", "41", "42"],
        "transport" => &["83"],
        "logistiek" => &["43", "93", "83"],
        "handel" => &["52", "43"],
        "horeca_schoonmaak" => &["51", "91", "94"],
        "beveiliging" => &["54"],
        _ => &["9"],
    }
}
