//! A JSON array read one element at a time, so a large file of documents never stands in memory
//! as one parsed tree: each element is handed on, and dropped, as soon as it is read.

use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde_json::Value;

struct Each<F>(F);

impl<'de, F: FnMut(Value)> Visitor<'de> for Each<F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<Value>()? {
            (self.0)(item);
        }
        Ok(())
    }
}

impl<'de, F: FnMut(Value)> DeserializeSeed<'de> for Each<F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

/// Why a file is not a JSON array.
pub enum NotAnArray {
    /// It is JSON, but not an array.
    OtherJson,
    /// It is not JSON: the line and column where reading stopped, and why.
    Syntax(usize, usize, String),
}

/// Calls `f` with each element of the JSON array in `bytes`, in order.
pub fn each(bytes: &[u8], f: impl FnMut(Value)) -> Result<(), NotAnArray> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result = Each(f).deserialize(&mut de).and_then(|()| de.end());
    result.map_err(|e| match e.classify() {
        serde_json::error::Category::Data => NotAnArray::OtherJson,
        _ => NotAnArray::Syntax(e.line(), e.column(), e.to_string()),
    })
}
