//! Finding taxonomy skills in free text (a vacancy text, a CV) by their Dutch labels and
//! alternative labels, for the adviser to confirm. Text and labels are normalised alike: lower
//! case, accents removed, punctuation as spaces, and a light Dutch suffix trim (plural and verb
//! endings), so "Medicijnen meegeven" in a text finds the label "medicijn meegeven".

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use utoipa::ToSchema;

use crate::{AppContext, AppError};

/// A skill found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FoundSkill {
    pub uri: String,
    pub label: String,
    /// The words of the text it was found by, as they stand there.
    pub matched: String,
    /// How often it occurs.
    pub count: usize,
}

/// The labels of the skills, ready to be looked up: by first word, the longest labels first.
#[derive(Debug, Default)]
pub struct Extractor {
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
    /// (uri, preferred label) per skill.
    skills: Vec<(String, String)>,
}

/// Lower case without accents; anything but letters and digits becomes a space.
fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ĳ' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        c if c.is_alphanumeric() => c,
        _ => ' ',
    }
}

/// A word as compared: plural and common verb endings trimmed from longer words, then every
/// doubled letter made single, so that the forms of one verb meet ("besturen" and "bestuur",
/// "lassen" and "las").
fn stem(word: &str) -> String {
    let n = word.chars().count();
    let mut w = word;
    for (suffix, min) in [("en", 6), ("es", 6), ("s", 5), ("e", 5)] {
        if n >= min && word.ends_with(suffix) {
            w = &word[..word.len() - suffix.len()];
            break;
        }
    }
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Whether a word of the text is a word of a label: the same, or the label's verb with a `t`
/// ("bedient" for "bedienen", "bestuurt" for "besturen").
fn same_word(text: &str, label: &str) -> bool {
    text == label || text.strip_suffix('t') == Some(label)
}

/// The words of a text, each with its byte range in the text.
fn words(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let f: String = c.to_lowercase().map(fold).collect();
        if f.trim().is_empty() {
            if !current.is_empty() {
                out.push((stem(&current), start..i));
                current.clear();
            }
        } else {
            if current.is_empty() {
                start = i;
            }
            current.push_str(&f);
        }
    }
    if !current.is_empty() {
        out.push((stem(&current), start..text.len()));
    }
    out
}

impl Extractor {
    /// From (uri, preferred label, alternative labels separated by `|`) per skill.
    pub fn new(skills: Vec<(String, String, String)>) -> Self {
        let mut x = Extractor::default();
        for (uri, label, alt) in skills {
            let i = x.skills.len();
            for name in std::iter::once(label.as_str()).chain(alt.split('|')) {
                let phrase: Vec<String> = words(name).into_iter().map(|(w, _)| w).collect();
                // A single short word matches too much by chance.
                if phrase.is_empty() || (phrase.len() == 1 && name.trim().chars().count() < 4) {
                    continue;
                }
                x.by_first
                    .entry(phrase[0].clone())
                    .or_default()
                    .push((phrase, i));
            }
            x.skills.push((uri, label));
        }
        for list in x.by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
            list.dedup();
        }
        x
    }

    /// The skills named in `text`, in the order they first occur; the longest label wins where
    /// labels overlap. A label of several words is also found with its words in another order
    /// close together ("de heftruck bestuurt" for "heftruck besturen").
    pub fn find(&self, text: &str) -> Vec<FoundSkill> {
        let ws = words(text);
        let mut found: Vec<(usize, FoundSkill)> = Vec::new();
        let mut at = 0;
        while at < ws.len() {
            let Some((phrase, skill)) = self.ordered_at(&ws, at) else {
                at += 1;
                continue;
            };
            let span = ws[at].1.start..ws[at + phrase.len() - 1].1.end;
            self.record(&mut found, *skill, ws[at].1.start, &text[span]);
            at += phrase.len();
        }
        self.unordered(text, &ws, &mut found);
        found.sort_by_key(|(position, _)| *position);
        found.into_iter().map(|(_, f)| f).collect()
    }

    /// The longest label that starts at word `at`, its words in order.
    fn ordered_at(
        &self,
        ws: &[(String, std::ops::Range<usize>)],
        at: usize,
    ) -> Option<&(Vec<String>, usize)> {
        let word = &ws[at].0;
        let keys = [Some(word.as_str()), word.strip_suffix('t')];
        keys.into_iter().flatten().find_map(|key| {
            self.by_first.get(key)?.iter().find(|(phrase, _)| {
                ws.len() - at >= phrase.len()
                    && phrase
                        .iter()
                        .zip(&ws[at..])
                        .all(|(p, (w, _))| same_word(w, p))
            })
        })
    }

    /// Labels of several words found with their words in another order, all within a few
    /// words of each other; only skills not found already.
    fn unordered(
        &self,
        text: &str,
        ws: &[(String, std::ops::Range<usize>)],
        found: &mut Vec<(usize, FoundSkill)>,
    ) {
        let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (w, _)) in ws.iter().enumerate() {
            at.entry(w.as_str()).or_default().push(i);
            if let Some(verb) = w.strip_suffix('t') {
                at.entry(verb).or_default().push(i);
            }
        }
        for list in self.by_first.values() {
            for (phrase, skill) in list.iter().filter(|(p, _)| p.len() > 1) {
                if found.iter().any(|(_, f)| f.uri == self.skills[*skill].0) {
                    continue;
                }
                let Some(first) = at.get(phrase[0].as_str()) else {
                    continue;
                };
                let window = phrase.len() + 3;
                let hit = first.iter().find_map(|&start| {
                    let mut span = (start, start);
                    for word in &phrase[1..] {
                        let near = at
                            .get(word.as_str())?
                            .iter()
                            .copied()
                            .find(|&i| i.abs_diff(start) <= window)?;
                        span = (span.0.min(near), span.1.max(near));
                    }
                    Some(span)
                });
                if let Some((a, b)) = hit {
                    let range = ws[a].1.start..ws[b].1.end;
                    self.record(found, *skill, ws[a].1.start, &text[range]);
                }
            }
        }
    }

    /// Counts a skill found at `position` by the words `matched`.
    fn record(
        &self,
        found: &mut Vec<(usize, FoundSkill)>,
        skill: usize,
        position: usize,
        matched: &str,
    ) {
        let (uri, label) = &self.skills[skill];
        match found.iter_mut().find(|(_, f)| f.uri == *uri) {
            Some((_, f)) => f.count += 1,
            None => found.push((
                position,
                FoundSkill {
                    uri: uri.clone(),
                    label: label.clone(),
                    matched: matched.to_string(),
                    count: 1,
                },
            )),
        }
    }
}

/// The extractor for the current labels (built again when the skills or their labels change).
async fn extractor(ctx: &AppContext) -> Result<Arc<Extractor>, AppError> {
    let mut tx = ctx.store.begin().await?;
    let key = koppel_store::taxonomy::skill_labels_key(&mut tx).await?;
    if let Ok(guard) = ctx.extraction.0.lock() {
        if let Some((_, x)) = guard.as_ref().filter(|(k, _)| *k == key) {
            return Ok(x.clone());
        }
    }
    let skills = koppel_store::taxonomy::skill_labels(&mut tx).await?;
    tx.commit().await?;
    let x = Arc::new(Extractor::new(skills));
    if let Ok(mut guard) = ctx.extraction.0.lock() {
        *guard = Some((key, x.clone()));
    }
    Ok(x)
}

/// The skills of the taxonomy named in `text` (at most 20,000 characters), for an adviser to
/// confirm. The text is not stored or logged: it may be a CV.
pub async fn find_skills(ctx: &AppContext, text: &str) -> Result<Vec<FoundSkill>, AppError> {
    if text.chars().count() > 20_000 {
        let mut e = koppel_domain::FieldErrors::new();
        e.push(
            "text",
            "too_long",
            "De tekst is te lang: ten hoogste 20.000 tekens.",
        );
        return Err(AppError::Invalid(e));
    }
    Ok(extractor(ctx).await?.find(text))
}

/// The extractor with the key of the labels it was built from.
type Built = Option<(i64, Arc<Extractor>)>;

/// The extractor cache of a context.
#[derive(Default, Clone)]
pub(crate) struct Cache(pub(crate) Arc<std::sync::Mutex<Built>>);

#[cfg(test)]
mod tests {
    use super::*;

    fn extractor() -> Extractor {
        Extractor::new(vec![
            (
                "s:med".into(),
                "geneesmiddelen verstrekken".into(),
                "medicijnen meegeven|geneesmiddelen afleveren".into(),
            ),
            ("s:kas".into(), "kassa bedienen".into(), "afrekenen".into()),
            ("s:hef".into(), "heftruck besturen".into(), String::new()),
            ("s:kort".into(), "bak".into(), String::new()),
        ])
    }

    #[test]
    fn labels_and_alternative_labels_are_found_in_dutch_text() {
        let text = "Wij zoeken iemand die Medicijnen meegeeft? Nee: die medicijnen méégeven kan, \
                    de kassa bedient en kan afrekenen. Ervaring met geneesmiddelen afleveren is een pré.";
        let found = extractor().find(text);
        let uris: Vec<&str> = found.iter().map(|f| f.uri.as_str()).collect();
        assert_eq!(uris, ["s:med", "s:kas"]);
        assert_eq!(found[0].matched, "medicijnen méégeven");
        assert_eq!(found[0].count, 2);
        // "kassa bedient" is the verb of "kassa bedienen" in another form: found too.
        assert_eq!(found[1].matched, "kassa bedient");
        assert_eq!(found[1].count, 2);
    }

    #[test]
    fn verb_forms_and_another_word_order_are_found() {
        let x = Extractor::new(vec![
            ("s:hef".into(), "heftruck besturen".into(), String::new()),
            ("s:las".into(), "lassen".into(), String::new()),
            ("s:pak".into(), "producten verpakken".into(), String::new()),
            ("s:deeg".into(), "deeg kneden".into(), String::new()),
        ]);
        let cv = "2019-2024 operator bij Tata Steel: ik bestuurde geen kraan maar bestuurt wel \
                  de heftruck, last constructies en verpakt producten. Bakker: kneedt het deeg.";
        let found = x.find(cv);
        let found: Vec<&str> = found.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(
            found,
            [
                "heftruck besturen",
                "lassen",
                "producten verpakken",
                "deeg kneden"
            ]
        );
        assert!(x.find("De heftruck staat in de hal; de chauffeur bestuurt een bus die ver weg rijdt en nog veel meer doet.").is_empty());
    }

    #[test]
    fn short_single_words_and_unrelated_text_find_nothing() {
        assert!(extractor()
            .find("Een bak koffie bij de heftruck.")
            .is_empty());
        // A plural is trimmed like the label's own words.
        assert_eq!(extractor().find("Heftrucks besturen")[0].uri, "s:hef");
        assert_eq!(extractor().find("HEFTRUCK BESTUREN!")[0].uri, "s:hef");
    }
}
