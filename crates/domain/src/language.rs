//! Language skills as VUM's `taalbeheersing` holds them: per language a level for speaking,
//! writing, reading and listening. koppel stores them as `nld:3` (one level for speaking and
//! writing), `nld:3/2` (speaking, writing) or `nld:3/2/3/4` (and reading, listening; `-` for one
//! not given), and an adviser types and reads them in Dutch: "Nederlands goed (schriftelijk
//! redelijk; lezen goed)".

use crate::codes::{CodeList, LanguageLevel};
use crate::values::ValueError;

/// One language with its command levels.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LanguageSkill {
    pub language: String,
    /// Speaking (VUM "mondeling").
    pub level: LanguageLevel,
    /// Writing (VUM "schriftelijk"); the speaking level unless given.
    pub written: LanguageLevel,
    /// Reading (VUM "lezen"), when given.
    pub reading: Option<LanguageLevel>,
    /// Listening (VUM "luisteren"), when given.
    pub listening: Option<LanguageLevel>,
}

/// Languages by their Dutch names, with their ISO 639-3 codes: the ones a WSP meets most.
pub const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("nld", "Nederlands"),
    ("eng", "Engels"),
    ("deu", "Duits"),
    ("fra", "Frans"),
    ("spa", "Spaans"),
    ("ita", "Italiaans"),
    ("por", "Portugees"),
    ("pol", "Pools"),
    ("ron", "Roemeens"),
    ("bul", "Bulgaars"),
    ("ukr", "Oekraïens"),
    ("rus", "Russisch"),
    ("ara", "Arabisch"),
    ("tur", "Turks"),
    ("tir", "Tigrinya"),
    ("som", "Somalisch"),
    ("fas", "Perzisch"),
    ("pap", "Papiaments"),
];

/// The Dutch name of a language code, or the code itself.
pub fn language_name(code: &str) -> &str {
    LANGUAGE_NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, name)| name)
}

/// The skills after the spoken level, by their Dutch words, in the stored order.
const SKILLS: [&str; 3] = ["schriftelijk", "lezen", "luisteren"];

fn invalid(input: &str) -> ValueError {
    ValueError::new(
        "invalid_language",
        format!(
            "Schrijf een taal met het niveau, bijvoorbeeld 'Nederlands goed' of 'Engels redelijk (schriftelijk goed; lezen goed)' (niveaus: geen beheersing, redelijk, goed, uitstekend), niet '{}'.",
            input.trim()
        ),
    )
}

fn level(text: &str, input: &str) -> Result<LanguageLevel, ValueError> {
    let l = text.trim();
    LanguageLevel::parse(if l == "geen" { "1" } else { l }).map_err(|_| invalid(input))
}

impl LanguageSkill {
    /// A language skill as stored (`nld:3`, `nld:3/2`, `nld:3/2/-/4`) or in Dutch: "Nederlands
    /// goed", "Engels: redelijk", "Pools 2", "Nederlands goed (schriftelijk redelijk; lezen goed;
    /// luisteren uitstekend)".
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let text = input.trim().to_lowercase();
        let (main, extra) = match text.split_once('(') {
            Some((m, e)) => (m.to_string(), e.trim_end_matches(')').to_string()),
            None => match text.split_once(" schriftelijk") {
                Some((m, w)) => (m.to_string(), format!("schriftelijk{w}")),
                None => (text.clone(), String::new()),
            },
        };
        let main = main.replace(" mondeling", "");
        let (lang, levels) = match main.split_once(':') {
            Some(parts) => parts,
            None => main.trim().rsplit_once(' ').ok_or_else(|| invalid(input))?,
        };
        // Stored levels after the spoken one, by position; typed ones by their word.
        let mut parts = levels.split('/');
        let spoken = level(parts.next().unwrap_or_default(), input)?;
        let mut others: [Option<LanguageLevel>; 3] = [None; 3];
        for (slot, part) in others.iter_mut().zip(parts) {
            if part.trim() != "-" {
                *slot = Some(level(part, input)?);
            }
        }
        for item in extra.split([';', ',']).filter(|s| !s.trim().is_empty()) {
            let (skill, value) = item.trim().split_once(' ').ok_or_else(|| invalid(input))?;
            let slot = SKILLS
                .iter()
                .position(|s| *s == skill)
                .ok_or_else(|| invalid(input))?;
            others[slot] = Some(level(value, input)?);
        }
        let lang = lang.trim();
        let lang = LANGUAGE_NAMES
            .iter()
            .find(|(_, name)| name.to_lowercase() == lang)
            .map_or(lang.to_string(), |(code, _)| code.to_string());
        if lang.len() != 3 || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(invalid(input));
        }
        Ok(Self {
            language: lang,
            level: spoken,
            written: others[0].unwrap_or(spoken),
            reading: others[1],
            listening: others[2],
        })
    }

    /// The languages of a stored list (`nld:3,eng:2/1`); what cannot be read is left out.
    pub fn stored(list: &str) -> Vec<Self> {
        list.split(',')
            .filter_map(|l| Self::parse(l).ok())
            .collect()
    }

    /// The levels after the spoken one that differ from what is implied (writing as speaking,
    /// reading and listening not given).
    fn others(&self) -> [Option<LanguageLevel>; 3] {
        [
            (self.written != self.level).then_some(self.written),
            self.reading,
            self.listening,
        ]
    }

    pub fn to_code(&self) -> String {
        let mut levels = vec![self.level.code().to_string()];
        let others = self.others();
        let last = others.iter().rposition(Option::is_some);
        if let Some(last) = last {
            levels.push(self.written.code().to_string());
            // Reading and listening up to the last one given (none when only writing differs).
            for l in &others[1..=last] {
                levels.push(l.map_or("-".to_string(), |l| l.code().to_string()));
            }
        }
        format!("{}:{}", self.language, levels.join("/"))
    }

    /// In Dutch, as a form shows it: "Nederlands goed (schriftelijk redelijk; lezen goed)".
    pub fn to_dutch(&self) -> String {
        let spoken = format!(
            "{} {}",
            language_name(&self.language),
            self.level.label().to_lowercase()
        );
        let extra: Vec<String> = SKILLS
            .iter()
            .zip(self.others())
            .filter_map(|(skill, l)| Some(format!("{skill} {}", l?.label().to_lowercase())))
            .collect();
        if extra.is_empty() {
            spoken
        } else {
            format!("{spoken} ({})", extra.join("; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::unwrap_used)]
    fn languages_are_written_in_dutch_or_as_codes() {
        let nl = LanguageSkill::parse("Nederlands goed").unwrap();
        assert_eq!(nl.to_code(), "nld:3");
        assert_eq!(
            LanguageSkill::parse("engels: Redelijk").unwrap().to_code(),
            "eng:2"
        );
        assert_eq!(LanguageSkill::parse("Pools 4").unwrap().to_code(), "pol:4");
        assert_eq!(LanguageSkill::parse("ukr:1").unwrap().to_code(), "ukr:1");
        assert_eq!(
            LanguageSkill::parse("Oekraïens geen").unwrap().to_code(),
            "ukr:1"
        );
        assert_eq!(nl.to_dutch(), "Nederlands goed");
        assert!(LanguageSkill::parse("Nederlands").is_err());
        assert!(LanguageSkill::parse("Klingon goed").is_err());
        let both = LanguageSkill::parse("Nederlands goed (schriftelijk redelijk)").unwrap();
        assert_eq!(both.to_code(), "nld:3/2");
        assert_eq!(both.to_dutch(), "Nederlands goed (schriftelijk redelijk)");
        assert_eq!(LanguageSkill::parse("nld:3/2").unwrap(), both);
        assert_eq!(
            LanguageSkill::parse("Nederlands mondeling goed schriftelijk redelijk").unwrap(),
            both
        );
        assert!(LanguageSkill::parse("Nederlands goed (schriftelijk prima)").is_err());
        assert!(LanguageSkill::parse("Nederlands goed (rekenen goed)").is_err());
        assert_eq!(LanguageSkill::stored("nld:3,xx,eng:2/1").len(), 2);
    }

    #[test]
    #[allow(clippy::unwrap_used)]
    fn reading_and_listening_are_kept_when_given() {
        let all =
            LanguageSkill::parse("Engels goed (lezen uitstekend; luisteren redelijk)").unwrap();
        assert_eq!(all.to_code(), "eng:3/3/4/2");
        assert_eq!(
            all.to_dutch(),
            "Engels goed (lezen uitstekend; luisteren redelijk)"
        );
        let listening = LanguageSkill::parse("eng:3/2/-/4").unwrap();
        assert_eq!(listening.reading, None);
        assert_eq!(listening.to_code(), "eng:3/2/-/4");
        assert_eq!(
            LanguageSkill::parse(&listening.to_dutch()).unwrap(),
            listening,
            "what a form shows reads back the same"
        );
        let reading = LanguageSkill::parse("nld:2/2/3").unwrap();
        assert_eq!(reading.to_code(), "nld:2/2/3");
    }
}
