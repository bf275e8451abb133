//! The reason a document breaks the VUM schema, in Dutch: the common kinds of violation said in
//! the user's words, the rare ones in the validator's own (English) words.

use jsonschema::error::ValidationErrorKind as K;

fn list(values: &[String]) -> String {
    values.join(", ")
}

/// A Dutch reason for a violation of `kind`; `fallback` is the validator's message.
pub fn dutch(kind: &K, fallback: &str) -> String {
    match kind {
        K::AdditionalProperties { unexpected } => {
            format!("onbekend veld volgens het VUM-schema: {}", list(unexpected))
        }
        K::Required { property } => format!("verplicht veld {property} ontbreekt"),
        K::Type { .. } => format!("verkeerd soort waarde ({fallback})"),
        K::Enum { options } => format!("waarde niet in de codelijst; toegestaan: {options}"),
        K::MaxLength { limit } => format!("langer dan {limit} tekens"),
        K::MinLength { limit } => format!("korter dan {limit} tekens"),
        K::Maximum { limit } => format!("groter dan {limit}"),
        K::Minimum { limit } => format!("kleiner dan {limit}"),
        K::Pattern { pattern } => format!("past niet in het patroon {pattern}"),
        K::Format { format } if format == "date" => "geen geldige datum (JJJJ-MM-DD)".to_string(),
        K::Format { format } => format!("geen geldige waarde van het formaat {format}"),
        K::OneOfNotValid { .. } | K::AnyOf { .. } => {
            "past bij geen van de toegestane vormen".to_string()
        }
        _ => fallback.to_string(),
    }
}
