//! Input field types that accept both JSON values and HTML form text, so one input struct
//! serves the API and the UI, and a mistyped number becomes a field error instead of a failed parse.

use serde::{Deserialize, Deserializer, Serialize};

/// A value as the client typed it: a JSON string or number, kept as text. A boolean is refused (a
/// text field that says `false` is a mistake, not a value), as are arrays and objects.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Any {
            S(String),
            I(i64),
            F(f64),
            /// Recognised only to be refused with a clear message.
            #[allow(dead_code)]
            B(bool),
        }
        match Any::deserialize(d)? {
            Any::S(s) => Ok(Text(s)),
            Any::I(i) => Ok(Text(i.to_string())),
            Any::F(f) => Ok(Text(f.to_string())),
            Any::B(_) => Err(serde::de::Error::custom(
                "verwacht tekst of een getal, geen true of false",
            )),
        }
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An optional field's text; `None` and blank are the same.
pub fn opt(t: &Option<Text>) -> Option<&str> {
    t.as_ref().map(|t| t.0.trim()).filter(|s| !s.is_empty())
}

/// A yes/no field: JSON `true`/`false`, or a form checkbox (`on`, `true`, `1`, `ja`); absent is no.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Any {
            B(bool),
            S(String),
            I(i64),
        }
        Ok(Flag(match Any::deserialize(d)? {
            Any::B(b) => b,
            Any::I(i) => i == 1,
            Any::S(s) => matches!(
                s.trim().to_lowercase().as_str(),
                "true" | "on" | "1" | "ja" | "yes"
            ),
        }))
    }
}

/// A list: a JSON array of strings, or form text with one item per line, or (on one line) items
/// separated by commas. A name with a comma in it survives on a line of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct List(pub Vec<String>);

impl<'de> Deserialize<'de> for List {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Any {
            Many(Vec<Text>),
            One(String),
        }
        let items: Vec<String> = match Any::deserialize(d)? {
            Any::Many(v) => v.into_iter().map(|t| t.0).collect(),
            Any::One(s) if s.contains('\n') => s.lines().map(str::to_string).collect(),
            Any::One(s) => split_outside_brackets(&s),
        };
        Ok(List(
            items
                .into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        ))
    }
}

/// `s` split at its commas, except those inside brackets: "Nederlands goed (schriftelijk
/// redelijk, lezen goed), Engels redelijk" is two items.
fn split_outside_brackets(s: &str) -> Vec<String> {
    let (mut items, mut current, mut depth) = (Vec::new(), String::new(), 0usize);
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current);
    items
}

impl List {
    /// The items as form text.
    pub fn joined(&self) -> String {
        self.0.join(", ")
    }
    /// The items as form text, one per line.
    pub fn lines(&self) -> String {
        self.0.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        n: Option<Text>,
        #[serde(default)]
        f: Flag,
        #[serde(default)]
        l: List,
    }

    #[test]
    fn json_and_form_read_alike() -> Result<(), Box<dyn std::error::Error>> {
        let j: T = serde_json::from_str(r#"{"n": 32, "f": true, "l": ["B", " C1 "]}"#)?;
        let numbers: T = serde_json::from_str(r#"{"l": [3, 4]}"#)?;
        assert_eq!(numbers.l.0, vec!["3".to_string(), "4".to_string()]);
        let f: T = serde_urlencoded::from_str("n=32&f=on&l=B%2C+C1")?;
        assert_eq!((opt(&j.n), j.f, j.l.clone()), (opt(&f.n), f.f, f.l.clone()));
        assert_eq!(j.l.0, vec!["B".to_string(), "C1".to_string()]);
        let empty: T = serde_urlencoded::from_str("n=")?;
        assert_eq!((opt(&empty.n), empty.f), (None, Flag(false)));
        let refused = serde_json::from_str::<T>(r#"{"n": false}"#);
        assert!(refused.is_err(), "a boolean is no text");
        let bracketed: T = serde_urlencoded::from_str(
            "l=Nederlands+goed+(schriftelijk+redelijk,+lezen+goed),+Engels+redelijk",
        )?;
        assert_eq!(
            bracketed.l.0,
            [
                "Nederlands goed (schriftelijk redelijk, lezen goed)",
                "Engels redelijk"
            ]
        );
        Ok(())
    }
}
