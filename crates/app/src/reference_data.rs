//! Reference data shipped inside koppel (see data/): PC4 areas and their centroids (GeoNames), and
//! Dutch ESCO labels. Used by the matching, the areas of a region, and the demo.

/// A PC4 area with its place and CBS municipality code.
#[derive(Debug, Clone)]
pub struct Area {
    pub pc4: String,
    pub place: String,
    pub municipality_code: String,
}

const PC4_FILE: &str = include_str!("../../../data/pc4/NL.txt");
const OCCUPATIONS_FILE: &str = include_str!("../../../data/esco-nl/occupations_nl.csv");
const SKILL_GROUPS_FILE: &str = include_str!("../../../data/esco-nl/skillGroups_nl.csv");

/// The GeoNames postcode export shipped with koppel (for PC4 centroids).
pub fn pc4_text() -> &'static str {
    PC4_FILE
}

/// The PC4 areas of the given CBS municipality codes (four digits, without `GM`).
pub fn areas(municipality_codes: &[&str]) -> Vec<Area> {
    let mut out: Vec<Area> = Vec::new();
    for line in PC4_FILE.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 7
            || !municipality_codes.contains(&cols[6])
            || out.iter().any(|a| a.pc4 == cols[1])
        {
            continue;
        }
        out.push(Area {
            pc4: cols[1].to_string(),
            place: cols[2].to_string(),
            municipality_code: format!("GM{}", cols[6]),
        });
    }
    out
}

/// An ESCO concept: URI, preferred label, alternative labels, ISCO group.
#[derive(Debug, Clone)]
pub struct EscoConcept {
    pub uri: String,
    pub label: String,
    pub alt_labels: String,
    pub isco_group: Option<String>,
    /// The concept's code (skill groups: ISCED-F digits or `S1.2.3`), which encodes the hierarchy.
    pub code: Option<String>,
}

fn read_csv(
    text: &str,
    uri_col: &str,
    label_col: &str,
    isco_col: Option<&str>,
) -> Vec<EscoConcept> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let Ok(headers) = reader.headers().cloned() else {
        return Vec::new();
    };
    let idx = |name: &str| headers.iter().position(|h| h == name);
    let (Some(u), Some(l), a) = (idx(uri_col), idx(label_col), idx("altLabels")) else {
        return Vec::new();
    };
    let isco = isco_col.and_then(idx);
    let code = idx("code");
    reader
        .records()
        .filter_map(Result::ok)
        .map(|r| EscoConcept {
            uri: r.get(u).unwrap_or_default().to_string(),
            label: r.get(l).unwrap_or_default().to_string(),
            alt_labels: a
                .and_then(|a| r.get(a))
                .unwrap_or_default()
                .replace('\n', "|"),
            isco_group: isco.and_then(|i| r.get(i)).map(str::to_string),
            code: code
                .and_then(|i| r.get(i))
                .filter(|c| !c.is_empty())
                .map(str::to_string),
        })
        .filter(|c| !c.uri.is_empty() && !c.label.is_empty())
        .collect()
}

/// The Dutch ESCO occupations.
pub fn occupations() -> Vec<EscoConcept> {
    read_csv(
        OCCUPATIONS_FILE,
        "conceptUri",
        "preferredLabel",
        Some("iscoGroup"),
    )
}

/// The Dutch ESCO skill groups (used as demo skills).
pub fn skill_groups() -> Vec<EscoConcept> {
    read_csv(SKILL_GROUPS_FILE, "conceptUri", "preferredLabel", None)
}

/// The code of the broader group: `S1.2.3` -> `S1.2`; ISCED-F `0531` -> `053` (two digits is the top).
pub fn broader_code(code: &str) -> Option<String> {
    if let Some((head, _)) = code.rsplit_once('.') {
        return Some(head.to_string());
    }
    (code.len() > 2 && code.bytes().all(|b| b.is_ascii_digit()))
        .then(|| code[..code.len() - 1].to_string())
}
