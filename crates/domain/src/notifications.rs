//! E-mail notifications: their kinds, who can turn them off, the Dutch texts they start with, and
//! filling in a text's placeholders (`{bedrijf}`). An administrator may rewrite a text, but only
//! with the placeholders of its kind, so a message never goes out with a hole in it.
//!
//! The texts are short on purpose: a message names a company, a date and a link, never a
//! candidate, so no personal data of job seekers travels by e-mail.

use crate::codes::{code_list, CodeList};
use crate::values::ValueError;

code_list!(
    /// What a notification is about.
    MailKind, "soort e-mail" {
        ContactReceipt => ("contact_receipt", "Ontvangstbevestiging contactverzoek (aan de werkgever)"),
        Escalation => ("escalation", "Contactverzoek te laat (aan de manager)"),
        AftercareDue => ("aftercare_due", "Nazorg gepland (aan de adviseur)"),
        Satisfaction => ("satisfaction", "Tevredenheidsonderzoek (aan de werkgever)"),
        Handover => ("handover", "Contactverzoek overgedragen (aan de nieuwe adviseur)"),
        ImportDone => ("import_done", "Import klaar of gestopt (aan wie importeerde)"),
    }
);

/// A text to send: its subject and body, with placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailText {
    pub subject: String,
    pub body: String,
}

impl MailKind {
    /// Whether a staff member may turn this kind off for themselves (messages to employers
    /// cannot be turned off by staff).
    pub fn to_staff(self) -> bool {
        !matches!(self, Self::ContactReceipt | Self::Satisfaction)
    }

    /// The placeholders a text of this kind may use.
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            Self::ContactReceipt => &["naam", "bedrijf", "antwoord_voor", "dienst", "telefoon"],
            Self::Escalation => &["bedrijf", "deadline", "link", "dienst"],
            Self::AftercareDue => &["werkgever", "datum", "link", "dienst"],
            Self::Satisfaction => &["bedrijf", "link", "dienst"],
            Self::Handover => &["bedrijf", "van", "notitie", "link", "dienst"],
            Self::ImportDone => &["bestand", "uitkomst", "link", "dienst"],
        }
    }

    /// The text a region starts with.
    pub fn default_text(self) -> MailText {
        let (subject, body) = match self {
            Self::ContactReceipt => (
                "We hebben uw vraag ontvangen",
                "Beste {naam},\n\nDank u voor uw vraag namens {bedrijf}. Een adviseur van {dienst} neemt uiterlijk {antwoord_voor} contact met u op.\n\nHeeft u eerder iemand nodig? Bel ons op {telefoon}.\n\nMet vriendelijke groet,\n{dienst}",
            ),
            Self::Escalation => (
                "Contactverzoek van {bedrijf} is te laat",
                "Het contactverzoek van {bedrijf} had uiterlijk {deadline} beantwoord moeten zijn en wacht nog. Het is aan u doorgezet.\n\nBekijk het verzoek: {link}\n\n{dienst}",
            ),
            Self::AftercareDue => (
                "Nazorg bij {werkgever} staat gepland",
                "Voor een plaatsing bij {werkgever} staat nazorg gepland op {datum}.\n\nBekijk de plaatsing: {link}\n\n{dienst}",
            ),
            Self::Satisfaction => (
                "Hoe tevreden bent u over {dienst}?",
                "Beste relatie van {dienst},\n\nWe horen graag hoe {bedrijf} onze dienstverlening heeft ervaren. Het invullen kost een minuut:\n{link}\n\nMet vriendelijke groet,\n{dienst}",
            ),
            Self::Handover => (
                "Contactverzoek van {bedrijf} is aan u overgedragen",
                "{van} heeft het contactverzoek van {bedrijf} aan u overgedragen.\n\n{notitie}\n\nBekijk het verzoek: {link}\n\n{dienst}",
            ),
            Self::ImportDone => (
                "Import van {bestand}: {uitkomst}",
                "De import van {bestand} is {uitkomst}.\n\nBekijk het verslag: {link}\n\n{dienst}",
            ),
        };
        MailText {
            subject: subject.into(),
            body: body.into(),
        }
    }
}

/// The `{names}` used in a text.
fn used(text: &str) -> Vec<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// Checks a text an administrator wrote: not empty, and only the placeholders of its kind.
pub fn check(kind: MailKind, text: &MailText) -> Result<(), ValueError> {
    if text.subject.trim().is_empty() || text.body.trim().is_empty() {
        return Err(ValueError::new(
            "required",
            "Vul een onderwerp en een tekst in.",
        ));
    }
    let allowed = kind.placeholders();
    let unknown: Vec<&str> = used(&text.subject)
        .into_iter()
        .chain(used(&text.body))
        .filter(|n| !allowed.contains(n))
        .collect();
    if let Some(first) = unknown.first() {
        return Err(ValueError::new(
            "unknown_placeholder",
            format!(
                "Onbekend invulveld {{{first}}}. Gebruik alleen: {}.",
                allowed
                    .iter()
                    .map(|a| format!("{{{a}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Ok(())
}

/// `template` with each `{name}` filled in from `values` in one pass (a name without a value
/// becomes empty; what a value holds is never read as a placeholder).
fn fill_one(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.split_once('}') {
            Some((name, tail)) if name.chars().all(|c| c.is_ascii_lowercase() || c == '_') => {
                if let Some((_, v)) = values.iter().find(|(n, _)| *n == name) {
                    out.push_str(v);
                }
                rest = tail;
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text with each `{name}` filled in from `values`; the subject stays on one line.
pub fn fill(text: &MailText, values: &[(&str, String)]) -> MailText {
    MailText {
        subject: fill_one(&text.subject, values).replace(['\r', '\n'], " "),
        body: fill_one(&text.body, values),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_text_uses_only_its_own_placeholders() {
        for kind in MailKind::ALL {
            assert_eq!(check(*kind, &kind.default_text()), Ok(()), "{kind:?}");
        }
    }

    #[test]
    #[allow(clippy::unwrap_used)]
    fn texts_are_filled_in_and_unknown_placeholders_refused() {
        let text = MailText {
            subject: "Vraag van {bedrijf}".into(),
            body: "Beste {naam}, tot {antwoord_voor}.".into(),
        };
        assert_eq!(check(MailKind::ContactReceipt, &text), Ok(()));
        let filled = fill(
            &text,
            &[
                ("bedrijf", "Bakkerij\nJansen".into()),
                ("naam", "{bedrijf} Noor".into()),
            ],
        );
        assert_eq!(
            filled.subject, "Vraag van Bakkerij Jansen",
            "no line break in a subject"
        );
        assert_eq!(
            filled.body, "Beste {bedrijf} Noor, tot .",
            "a value is not filled in"
        );
        let bad = MailText {
            subject: "x".into(),
            body: "{kandidaat}".into(),
        };
        let e = check(MailKind::ContactReceipt, &bad).unwrap_err();
        assert!(e.message.contains("{kandidaat}") && e.message.contains("{naam}"));
    }
}
