//! Random VUM documents that are valid against the contract's own schemas: a generator driven by
//! the Bron interface files (`Vacature` in VUM-Bron-Vacatures, `Werkzoekende` in
//! VUM-Bron-WerkzoekendeProfielen, as JSON in `crates/vum/contract`). It walks the schema: every
//! optional property is there or not, lists have 0 to 3 items, strings fill their length with
//! awkward text (spaces at the ends, accents, quotes, new lines), numbers their range and dates
//! the calendar. Codes that questions ask about come from small pools, so questions find matches.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Map, Value};

/// Which documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Vacancy,
    JobSeeker,
}

/// Postcodes of real places (their PC4 is known to koppel's centroids).
pub const PLACES: &[&str] = &[
    "2011", "2012", "2021", "2031", "1971", "1972", "1941", "2101", "1012", "3511", "9711", "6211",
    "5611", "7511",
];
/// Occupation URIs questions ask about.
pub const OCCUPATIONS: &[&str] = &[
    "https://linkeddata.competentnl.nl/id/beroep/lasser",
    "https://linkeddata.competentnl.nl/id/beroep/bakker",
    "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438b-affb-4f9c9ecd8c0a",
    "kok",
];
pub const LANGUAGES: &[&str] = &["nld", "eng", "pol", "ukr", "deu"];
const TEXT: &[&str] = &[
    "  Lassen en snijden ",
    "Één collega\nvoor de \"nachtdienst\"",
    "café-medewerker (m/v/x)",
    "Straße 5 · ✓",
    "\tinpakken",
    "",
    "x",
];

fn bron(kind: DocKind) -> Map<String, Value> {
    let text = match kind {
        DocKind::Vacancy => include_str!("../../vum/contract/bron-vacatures.json"),
        DocKind::JobSeeker => include_str!("../../vum/contract/bron-werkzoekenden.json"),
    };
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| v["components"]["schemas"].as_object().cloned())
        .unwrap_or_default()
}

/// A generator of documents of one kind, reproducible from its seed.
pub struct Generator {
    kind: DocKind,
    schemas: Map<String, Value>,
    rng: rand::rngs::StdRng,
}

impl Generator {
    pub fn new(kind: DocKind, seed: u64) -> Self {
        Generator {
            kind,
            schemas: bron(kind),
            rng: rand::rngs::StdRng::seed_from_u64(seed),
        }
    }

    /// The `n`th document: valid against the schema, with a unique id (`V<n>-...`/`W<n>-...`).
    pub fn document(&mut self, n: usize) -> Value {
        let root = match self.kind {
            DocKind::Vacancy => "Vacature",
            DocKind::JobSeeker => "Werkzoekende",
        };
        let schema = self.schemas[root].clone();
        let mut doc = self.value(&schema, "", 0);
        let (id_field, prefix) = match self.kind {
            DocKind::Vacancy => ("idVacature", "V"),
            DocKind::JobSeeker => ("idWerkzoekende", "W"),
        };
        let tail: String = (0..self.rng.gen_range(0..6))
            .map(|_| *b"aZ09_.-".choose(&mut self.rng).unwrap_or(&b'a') as char)
            .collect();
        doc[id_field] = json!(format!("{prefix}{n}-{tail}"));
        // Most documents have a place, so questions about an area find them.
        if self.rng.gen_bool(0.9) {
            let place = self.postcode();
            match self.kind {
                DocKind::Vacancy => doc["adres"]["postcode"] = json!(place),
                DocKind::JobSeeker => doc["mobiliteit"]["bemiddelingspostcode"] = json!(place),
            }
        }
        doc
    }

    fn follow<'a>(&'a self, mut schema: &'a Value) -> &'a Value {
        while let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        {
            schema = &self.schemas[name];
        }
        schema
    }

    fn value(&mut self, schema: &Value, name: &str, depth: usize) -> Value {
        let schema = self.follow(schema).clone();
        if let Some(options) = schema.get("enum").and_then(Value::as_array) {
            return options
                .choose(&mut self.rng)
                .cloned()
                .unwrap_or(Value::Null);
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("object") => self.object(&schema, depth),
            Some("array") => {
                let n = self.rng.gen_range(0..=3);
                let items = schema.get("items").cloned().unwrap_or(Value::Null);
                Value::Array(
                    (0..n)
                        .map(|_| self.value(&items, name, depth + 1))
                        .collect(),
                )
            }
            Some("integer") => {
                let min = schema.get("minimum").and_then(Value::as_i64).unwrap_or(0);
                let max = schema
                    .get("maximum")
                    .and_then(Value::as_i64)
                    .unwrap_or(1000);
                json!(self.rng.gen_range(min..=max))
            }
            Some("boolean") => json!(self.rng.gen_bool(0.5)),
            _ => json!(self.string(&schema, name)),
        }
    }

    fn object(&mut self, schema: &Value, depth: usize) -> Value {
        let required: Vec<String> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let props = schema
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut out = Map::new();
        let chance = if depth == 0 { 0.6 } else { 0.5 };
        for (p, sub) in props {
            if required.contains(&p) || self.rng.gen_bool(chance) {
                let v = self.value(&sub, &p, depth + 1);
                out.insert(p, v);
            }
        }
        Value::Object(out)
    }

    fn postcode(&mut self) -> String {
        let pc4 = PLACES.choose(&mut self.rng).unwrap_or(&"2011");
        let letters: String = (0..2)
            .map(|_| (b'A' + self.rng.gen_range(0..26)) as char)
            .collect();
        if self.rng.gen_bool(0.1) {
            format!("{pc4}{}", letters.to_lowercase())
        } else {
            format!("{pc4}{letters}")
        }
    }

    fn string(&mut self, schema: &Value, name: &str) -> String {
        let pick = |rng: &mut rand::rngs::StdRng, pool: &[&str]| {
            pool.choose(rng).map(|s| s.to_string()).unwrap_or_default()
        };
        if schema.get("format").and_then(Value::as_str) == Some("date") {
            let day = self.rng.gen_range(0..(365 * 4));
            return (chrono_free_date(2025, day)).to_string();
        }
        match schema.get("pattern").and_then(Value::as_str) {
            Some("^[0-9]{4}[a-zA-Z]{2}$") => return self.postcode(),
            Some("^[a-z]{3}$") => return pick(&mut self.rng, LANGUAGES),
            Some("^[0-9]+$") => return self.rng.gen_range(1..99_999u32).to_string(),
            Some(p) if p.starts_with("^[a-zA-Z0-9_.-]") => {
                return format!("id{}", self.rng.gen_range(0..999))
            }
            _ => {}
        }
        if name == "codeBeroepsnaam" {
            return pick(&mut self.rng, OCCUPATIONS);
        }
        let max = schema
            .get("maxLength")
            .and_then(Value::as_u64)
            .unwrap_or(100) as usize;
        let mut s = pick(&mut self.rng, TEXT);
        if self.rng.gen_bool(0.05) {
            s = "ä".repeat(max);
        }
        s.chars().take(max).collect()
    }
}

/// The date `day` days after 1 January of `year`, as YYYY-MM-DD.
fn chrono_free_date(year: i32, mut day: i32) -> String {
    let mut y = year;
    loop {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let len = if leap { 366 } else { 365 };
        if day < len {
            let months = [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            let mut m = 0;
            while day >= months[m] {
                day -= months[m];
                m += 1;
            }
            return format!("{y:04}-{:02}-{:02}", m + 1, day + 1);
        }
        day -= len;
        y += 1;
    }
}
