//! Validated value types: each parses (and normalises) its text form or says in Dutch why not.

use serde::Serialize;

/// Why a value did not parse: a stable code and a Dutch message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    pub code: &'static str,
    pub message: String,
}

impl ValueError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

macro_rules! text_value {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

fn digits_only(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

text_value!(
    /// A KvK (Chamber of Commerce) number: exactly 8 digits, kept as text.
    KvkNumber
);
impl KvkNumber {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let s: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect();
        if s.len() == 8 && digits_only(&s) {
            Ok(Self(s))
        } else {
            Err(ValueError::new(
                "invalid_kvk_number",
                "Een KvK-nummer bestaat uit precies 8 cijfers.",
            ))
        }
    }
}

text_value!(
    /// A Dutch postcode, normalised to `1234AB`.
    Postcode
);
impl Postcode {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let s: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let b = s.as_bytes();
        let ok = b.len() == 6
            && b[0] != b'0'
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4..].iter().all(u8::is_ascii_uppercase);
        if ok {
            Ok(Self(s))
        } else {
            Err(ValueError::new(
                "invalid_postcode",
                "Vul een postcode in als 1234 AB.",
            ))
        }
    }

    /// The four-digit area of this postcode.
    pub fn pc4(&self) -> Pc4 {
        Pc4(self.0[..4].to_string())
    }
}

text_value!(
    /// A four-digit postcode area (PC4), 1000-9999.
    Pc4
);
impl Pc4 {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let s = input.trim();
        if s.len() == 4 && digits_only(s) && !s.starts_with('0') {
            Ok(Self(s.to_string()))
        } else {
            Err(ValueError::new(
                "invalid_pc4",
                "Een postcodegebied bestaat uit 4 cijfers (1000-9999).",
            ))
        }
    }
}

text_value!(
    /// An SBI code (Standaard Bedrijfsindeling): 2 to 5 digits, leading zeros kept.
    SbiCode
);
impl SbiCode {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let s: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect();
        if (2..=5).contains(&s.len()) && digits_only(&s) {
            Ok(Self(s))
        } else {
            Err(ValueError::new(
                "invalid_sbi_code",
                "Een SBI-code bestaat uit 2 tot 5 cijfers.",
            ))
        }
    }
}

text_value!(
    /// An e-mail address, trimmed and with the domain in lower case.
    Email
);
impl Email {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let s = input.trim();
        let err = || {
            ValueError::new(
                "invalid_email",
                "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
            )
        };
        let (local, domain) = s.rsplit_once('@').ok_or_else(err)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty()
            || local.len() > 64
            || s.len() > 254
            || local.contains(char::is_whitespace)
            || !domain_ok
        {
            return Err(err());
        }
        Ok(Self(format!("{local}@{}", domain.to_lowercase())))
    }
}

text_value!(
    /// A Dutch phone number, normalised to digits with an optional leading `+`.
    Phone
);
impl Phone {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let s = input.trim();
        let plus = s.starts_with('+');
        let allowed = s.chars().all(|c| c.is_ascii_digit() || " -()+".contains(c));
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        if allowed && (10..=15).contains(&digits.len()) && s.rfind('+').is_none_or(|i| i == 0) {
            Ok(Self(if plus { format!("+{digits}") } else { digits }))
        } else {
            Err(ValueError::new(
                "invalid_phone",
                "Vul een telefoonnummer in van 10 tot 15 cijfers, zoals 023-5123456.",
            ))
        }
    }
}

text_value!(
    /// A CBS municipality code, normalised to `GM` plus four digits.
    MunicipalityCode
);
impl MunicipalityCode {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let s = input.trim().to_ascii_uppercase();
        let digits = s.strip_prefix("GM").unwrap_or(&s);
        if digits.len() == 4 && digits_only(digits) {
            Ok(Self(format!("GM{digits}")))
        } else {
            Err(ValueError::new(
                "invalid_municipality_code",
                "Een CBS-gemeentecode is GM gevolgd door 4 cijfers, zoals GM0392.",
            ))
        }
    }
}

text_value!(
    /// An OIN (Organisatie-identificatienummer): 20 digits.
    Oin
);
impl Oin {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let s = input.trim();
        if s.len() == 20 && digits_only(s) {
            Ok(Self(s.to_string()))
        } else {
            Err(ValueError::new(
                "invalid_oin",
                "Een OIN bestaat uit precies 20 cijfers.",
            ))
        }
    }
}

/// A required, trimmed text of at most `max` characters.
pub fn required_text(input: &str, max: usize) -> Result<String, ValueError> {
    let s = input.trim();
    if s.is_empty() {
        Err(ValueError::new("required", "Dit veld is verplicht."))
    } else if s.chars().count() > max {
        Err(ValueError::new(
            "too_long",
            format!("Gebruik hoogstens {max} tekens."),
        ))
    } else {
        Ok(s.to_string())
    }
}

/// An optional text: empty becomes `None`.
pub fn optional_text(input: Option<&str>, max: usize) -> Result<Option<String>, ValueError> {
    match input.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => required_text(s, max).map(Some),
    }
}

/// A whole number within an inclusive range.
pub fn int_in_range(input: &str, min: i64, max: i64) -> Result<i64, ValueError> {
    match input.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(ValueError::new(
            "out_of_range",
            format!("Vul een geheel getal in van {min} tot en met {max}."),
        )),
    }
}

/// A date in ISO form (`2025-03-31`) or Dutch form (`31-03-2025`).
pub fn date(input: &str) -> Result<chrono::NaiveDate, ValueError> {
    let s = input.trim();
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(s, "%d-%m-%Y"))
        .map_err(|_| {
            ValueError::new(
                "invalid_date",
                "Vul een datum in als 2025-03-31 of 31-03-2025.",
            )
        })
}

/// A moment as typed in a form: `2025-03-31T14:30`, `2025-03-31 14:30` or `31-03-2025 14:30` (Dutch time).
pub fn local_datetime(input: &str) -> Result<chrono::NaiveDateTime, ValueError> {
    let s = input.trim();
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%d-%m-%Y %H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|f| chrono::NaiveDateTime::parse_from_str(s, f).ok())
    .ok_or_else(|| {
        ValueError::new(
            "invalid_datetime",
            "Vul datum en tijd in als 2025-03-31 14:30.",
        )
    })
}

/// An amount in cents, the Dutch way: `€ 7.500,00`.
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.abs();
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    format!("€ {sign}{grouped},{:02}", cents % 100)
}

/// An amount in euros (`14,50`, `14.50` or `14`) as cents, from 0 up to `max_euros`.
pub fn euro_cents(input: &str, max_euros: i64) -> Result<i64, ValueError> {
    let err = || {
        ValueError::new(
            "invalid_amount",
            format!("Vul een bedrag in euro's in, zoals 14,50 (hoogstens {max_euros})."),
        )
    };
    let s = input
        .trim()
        .trim_start_matches('€')
        .trim()
        .replace(',', ".");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty()
        || !digits_only(whole)
        || frac.len() > 2
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(err());
    }
    let euros: i64 = whole.parse().map_err(|_| err())?;
    let cents: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().map_err(|_| err())?
    };
    if euros > max_euros {
        return Err(err());
    }
    Ok(euros * 100 + cents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kvk_numbers() {
        assert_eq!(
            KvkNumber::parse(" 3412 3456 ").map(KvkNumber::into_string),
            Ok("34123456".into())
        );
        assert!(KvkNumber::parse("1234567").is_err());
        assert!(KvkNumber::parse("1234567a").is_err());
        assert_eq!(
            KvkNumber::parse("01234567").map(KvkNumber::into_string),
            Ok("01234567".into())
        );
    }

    #[test]
    fn postcodes_normalise() {
        assert_eq!(
            Postcode::parse("2011 ab").map(|p| p.to_string()),
            Ok("2011AB".into())
        );
        assert_eq!(
            Postcode::parse("2011AB").map(|p| p.pc4().to_string()),
            Ok("2011".into())
        );
        for bad in ["0123AB", "2011A", "20111AB", "2011 A1", ""] {
            assert!(Postcode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn other_values() {
        assert_eq!(
            SbiCode::parse("01.13").map(SbiCode::into_string),
            Ok("0113".into())
        );
        assert!(SbiCode::parse("1").is_err());
        assert_eq!(
            Email::parse(" A.b@Voorbeeld.NL ").map(Email::into_string),
            Ok("A.b@voorbeeld.nl".into())
        );
        for bad in ["a", "a@b", "@b.nl", "a b@c.nl", "a@.nl"] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Phone::parse("023-512 34 56").map(Phone::into_string),
            Ok("0235123456".into())
        );
        assert_eq!(
            Phone::parse("+31 6 12345678").map(Phone::into_string),
            Ok("+31612345678".into())
        );
        assert!(Phone::parse("12-34").is_err());
        assert!(Phone::parse("06+12345678").is_err());
        assert_eq!(
            MunicipalityCode::parse("0392").map(|m| m.to_string()),
            Ok("GM0392".into())
        );
        assert!(MunicipalityCode::parse("GM392").is_err());
        assert!(Oin::parse("00000001001234567000").is_ok());
        assert!(Oin::parse("0000000100123456700").is_err());
        assert!(
            date("31-03-2025").is_ok() && date("2025-03-31").is_ok() && date("31/03/2025").is_err()
        );
        assert!(int_in_range("40", 0, 60).is_ok() && int_in_range("61", 0, 60).is_err());
        assert_eq!(
            (
                euro_cents("14,5", 100),
                euro_cents("€ 14.05", 100),
                euro_cents("14", 100)
            ),
            (Ok(1450), Ok(1405), Ok(1400))
        );
        assert!(
            euro_cents("14,505", 100).is_err()
                && euro_cents("-1", 100).is_err()
                && euro_cents("101", 100).is_err()
                && euro_cents("", 100).is_err()
        );
    }

    proptest! {
        #[test]
        fn postcode_parse_is_idempotent(n in 1000u32..=9999, a in "[a-zA-Z]{2}", sep in "[ ]{0,2}") {
            let p = Postcode::parse(&format!("{n}{sep}{a}")).map_err(|e| TestCaseError::fail(e.message))?;
            prop_assert_eq!(Postcode::parse(p.as_str()), Ok(p.clone()));
            prop_assert_eq!(p.as_str().len(), 6);
        }

        #[test]
        fn kvk_accepts_exactly_eight_digits(s in "[0-9]{1,12}") {
            prop_assert_eq!(KvkNumber::parse(&s).is_ok(), s.len() == 8);
        }

        #[test]
        fn parsers_never_panic(s in "\\PC*") {
            let _ = (Postcode::parse(&s), Email::parse(&s), Phone::parse(&s), KvkNumber::parse(&s), SbiCode::parse(&s));
        }
    }
}
