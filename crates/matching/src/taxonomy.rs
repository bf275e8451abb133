//! The skill hierarchy the matching gives partial credit through: a graph of broader concepts.

use std::collections::HashMap;

/// The skill hierarchy, by URI: each skill (or skill group) with its broader ones. It is a graph:
/// ESCO gives thousands of skills more than one broader concept.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    broader: HashMap<String, Vec<String>>,
}

impl Taxonomy {
    pub fn new(broader: HashMap<String, Vec<String>>) -> Self {
        Self { broader }
    }

    /// From (concept, broader concept) pairs, several per concept.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut broader: HashMap<String, Vec<String>> = HashMap::new();
        for (concept, parent) in pairs {
            let parents = broader.entry(concept).or_default();
            if !parents.contains(&parent) {
                parents.push(parent);
            }
        }
        Self { broader }
    }

    /// The broader concepts of a concept (none when it is a root or unknown).
    pub fn broader(&self, uri: &str) -> &[String] {
        self.broader.get(uri).map(Vec::as_slice).unwrap_or(&[])
    }
}
