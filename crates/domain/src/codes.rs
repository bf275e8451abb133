//! Code lists: each code has a stable storage code and a Dutch label; parsing accepts either.

use crate::values::ValueError;

/// A closed code list with stable codes and Dutch labels.
pub trait CodeList: Sized + Copy + 'static {
    const ALL: &'static [Self];
    const NAME: &'static str;
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;

    /// Parses a code (or a label, case-insensitive), or says which list it is not in.
    fn parse(input: &str) -> Result<Self, ValueError> {
        let s = input.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.code().eq_ignore_ascii_case(s) || v.label().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                ValueError::new(
                    "unknown_code",
                    format!("Onbekende waarde voor {}: '{s}'.", Self::NAME),
                )
            })
    }
}

macro_rules! code_list {
    ($(#[$m:meta])* $name:ident, $list:literal { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $(#[serde(rename = $code)] $variant),+ }

        impl CodeList for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            const NAME: &'static str = $list;
            fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
            fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }
        }
    };
}
pub(crate) use code_list;

code_list!(
    /// What a user does in koppel; decides their permissions.
    Role, "rol" {
        Adviser => ("adviser", "Adviseur werkgeversdiensten"),
        Consultant => ("consultant", "Consulent"),
        Jobhunter => ("jobhunter", "Jobhunter"),
        UkraineDesk => ("ukraine_desk", "Medewerker Oekraïnebalie"),
        Manager => ("manager", "Manager"),
        Admin => ("admin", "Functioneel beheerder"),
        Partner => ("partner", "Partner (alleen lezen)"),
        Gids => ("gids", "Gids Werkcentrum"),
    }
);

code_list!(
    /// The kind of an organisation in the region.
    OrganisationKind, "soort organisatie" {
        Uwv => ("uwv", "UWV"),
        ReintegrationCompany => ("reintegration_company", "Re-integratiebedrijf"),
        Municipality => ("municipality", "Gemeente"),
        Werkcentrum => ("werkcentrum", "Werkcentrum"),
        Partner => ("partner", "Partnerorganisatie"),
    }
);

code_list!(
    /// The four sector clusters advisers work in.
    Cluster, "cluster" {
        Techniek => ("techniek", "Techniek"),
        ZorgWelzijn => ("zorg_welzijn", "Zorg en Welzijn"),
        OnderwijsOverheidZakelijk => ("onderwijs_overheid_zakelijk", "Onderwijs, Overheid, Zakelijke Dienstverlening"),
        HandelFacilitair => ("handel_facilitair", "Handel en Facilitaire diensten"),
    }
);

code_list!(
    /// Sectors, each in one cluster.
    Sector, "sector" {
        Bouw => ("bouw", "Bouw"),
        Infra => ("infra", "Infra"),
        Techniek => ("techniek", "Techniek"),
        Industrie => ("industrie", "Industrie"),
        Groen => ("groen", "Groen"),
        Ict => ("ict", "ICT"),
        ZorgWelzijn => ("zorg_welzijn", "Zorg en Welzijn"),
        Onderwijs => ("onderwijs", "Onderwijs"),
        Overheid => ("overheid", "Overheid"),
        ZakelijkeDienstverlening => ("zakelijke_dienstverlening", "Zakelijke Dienstverlening"),
        Transport => ("transport", "Transport"),
        Logistiek => ("logistiek", "Logistiek"),
        Handel => ("handel", "Groothandel en Detailhandel"),
        HorecaSchoonmaak => ("horeca_schoonmaak", "Horeca en Schoonmaak"),
        Beveiliging => ("beveiliging", "Beveiliging en Bewaking"),
    }
);

impl Sector {
    pub fn cluster(self) -> Cluster {
        use Sector::*;
        match self {
            Bouw | Infra | Techniek | Industrie | Groen | Ict => Cluster::Techniek,
            ZorgWelzijn => Cluster::ZorgWelzijn,
            Onderwijs | Overheid | ZakelijkeDienstverlening => Cluster::OnderwijsOverheidZakelijk,
            Transport | Logistiek | Handel | HorecaSchoonmaak | Beveiliging => {
                Cluster::HandelFacilitair
            }
        }
    }
}

impl Cluster {
    pub fn sectors(self) -> Vec<Sector> {
        Sector::ALL
            .iter()
            .copied()
            .filter(|s| s.cluster() == self)
            .collect()
    }
}

code_list!(
    /// Work and thinking level (VUM "Code werk- en denkniveau werkzoekende").
    EducationLevel, "opleidingsniveau" {
        NotApplicable => ("0", "Niet van toepassing"),
        NoBasic => ("1", "Geen basisopleiding"),
        Basic => ("2", "Basisniveau"),
        Vmbo => ("3", "Vmbo-niveau"),
        MboHavoVwo => ("4", "Mbo/havo/vwo-niveau"),
        Hbo => ("5", "Hbo-niveau"),
        Wo => ("6", "Wetenschappelijk onderwijs"),
        Unknown => ("7", "(Nog) niet bekend"),
    }
);

code_list!(
    /// Driving-licence categories (VUM "Code soort rijbewijs").
    DrivingLicence, "rijbewijs" {
        A => ("A", "A"), A1 => ("A1", "A1"), A2 => ("A2", "A2"), Am => ("AM", "AM"),
        B => ("B", "B"), BPlus => ("B+", "B+"), Be => ("BE", "BE"),
        C1 => ("C1", "C1"), C => ("C", "C"), C1e => ("C1E", "C1E"), Ce => ("CE", "CE"),
        D1 => ("D1", "D1"), D => ("D", "D"), D1e => ("D1E", "D1E"), De => ("DE", "DE"),
        T => ("T", "T"),
    }
);

code_list!(
    /// Language command levels (VUM "Code taalbeheersing").
    LanguageLevel, "taalniveau" {
        Unknown => ("0", "Onbekend"),
        None => ("1", "Geen beheersing"),
        Fair => ("2", "Redelijk"),
        Good => ("3", "Goed"),
        Excellent => ("4", "Uitstekend"),
        NotApplicable => ("8", "Niet van toepassing"),
    }
);

code_list!(
    /// The life of a vacancy.
    VacancyStatus, "vacaturestatus" {
        Draft => ("draft", "Concept"),
        Open => ("open", "Open"),
        OnHold => ("on_hold", "Tijdelijk stil"),
        Filled => ("filled", "Vervuld"),
        Closed => ("closed", "Gesloten"),
    }
);

code_list!(
    /// Contract types of vacancies and placements.
    ContractType, "contractvorm" {
        Permanent => ("permanent", "Vast"),
        Temporary => ("temporary", "Tijdelijk"),
        TempAgency => ("temp_agency", "Uitzendcontract"),
        Traineeship => ("traineeship", "Leerwerkplek"),
        Other => ("other", "Anders"),
    }
);

code_list!(
    /// What a candidate's consent to share covers.
    ConsentScope, "reikwijdte toestemming" {
        Wsp => ("wsp", "Alle partners van het WSP"),
        WspAndVum => ("wsp_vum", "WSP en landelijke uitwisseling (VUM)"),
    }
);

/// A target group as it ships with koppel; administrators can add more in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinTargetGroup {
    pub code: &'static str,
    pub label: &'static str,
    /// Whether the region sets a yearly placement target for it (the six factsheet groups).
    pub has_target: bool,
}

/// The target groups of the 2025 plan: the six factsheet groups first, then the further groups.
pub const BUILTIN_TARGET_GROUPS: &[BuiltinTargetGroup] = &[
    BuiltinTargetGroup {
        code: "wajong",
        label: "Wajong",
        has_target: true,
    },
    BuiltinTargetGroup {
        code: "wia",
        label: "WIA",
        has_target: true,
    },
    BuiltinTargetGroup {
        code: "ww",
        label: "WW",
        has_target: true,
    },
    BuiltinTargetGroup {
        code: "pwet",
        label: "P-wet",
        has_target: true,
    },
    BuiltinTargetGroup {
        code: "oekraine",
        label: "Oekraïne",
        has_target: true,
    },
    BuiltinTargetGroup {
        code: "overig",
        label: "Overig/onbekend",
        has_target: true,
    },
    BuiltinTargetGroup {
        code: "ziektewet",
        label: "Ziektewet (SMZ)",
        has_target: false,
    },
    BuiltinTargetGroup {
        code: "werk_naar_werk",
        label: "Werk-naar-werk",
        has_target: false,
    },
    BuiltinTargetGroup {
        code: "statushouder",
        label: "Statushouder",
        has_target: false,
    },
    BuiltinTargetGroup {
        code: "banenafspraak",
        label: "Banenafspraak",
        has_target: false,
    },
    BuiltinTargetGroup {
        code: "ips",
        label: "Psychische kwetsbaarheid (IPS)",
        has_target: false,
    },
    BuiltinTargetGroup {
        code: "jongeren",
        label: "Jongeren",
        has_target: false,
    },
    BuiltinTargetGroup {
        code: "onbenut",
        label: "Onbenut arbeidspotentieel",
        has_target: false,
    },
];

/// Validates a new target-group code an administrator adds: lower-case letters, digits and `_`.
pub fn target_group_code(input: &str) -> Result<String, ValueError> {
    let s = input.trim();
    if (2..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        Ok(s.to_string())
    } else {
        Err(ValueError::new(
            "invalid_code",
            "Gebruik 2 tot 40 kleine letters, cijfers of _.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cluster_has_sectors_and_codes_round_trip() {
        for c in Cluster::ALL {
            assert!(!c.sectors().is_empty());
        }
        assert_eq!(Sector::ALL.len(), 15);
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Ok(*r));
        }
        assert_eq!(DrivingLicence::parse("b+"), Ok(DrivingLicence::BPlus));
        assert_eq!(EducationLevel::parse("Hbo-niveau"), Ok(EducationLevel::Hbo));
        assert!(VacancyStatus::parse("weg").is_err());
    }

    #[test]
    fn target_groups_and_languages() {
        use crate::language::LanguageSkill;
        assert_eq!(
            BUILTIN_TARGET_GROUPS
                .iter()
                .filter(|g| g.has_target)
                .count(),
            6
        );
        assert!(target_group_code("nieuw_1").is_ok() && target_group_code("Nieuw").is_err());
        assert_eq!(
            LanguageSkill::parse(" NLD:3").map(|l| l.to_code()),
            Ok("nld:3".into())
        );
        assert!(LanguageSkill::parse("nl:3").is_err() && LanguageSkill::parse("nld:5").is_err());
    }
}
