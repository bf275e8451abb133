//! Textbook retrieval written out plainly, as the yardstick: shared-skill count, Jaccard, BM25
//! (k1 1.2, b 0.75) and TF-IDF cosine, each over the skills (and, in the second column, the
//! occupation as one more term), ties broken by candidate id.

use std::collections::{HashMap, HashSet};

pub const NAMES: [&str; 4] = ["gedeelde vaardigheden", "Jaccard", "BM25", "TF-IDF cosinus"];

/// The terms of a document: its skills, and its occupation when it counts.
pub fn terms(skills: &[String], occupation: Option<&String>) -> Vec<String> {
    let mut t: Vec<String> = skills.to_vec();
    if let Some(o) = occupation {
        t.push(format!("beroep:{o}"));
    }
    t
}

/// The candidates' ids ranked by each baseline for the query terms, best first (top `k`).
pub fn rankings(docs: &[(i64, Vec<String>)], query: &[String], k: usize) -> Vec<Vec<i64>> {
    let n = docs.len() as f64;
    let mut df: HashMap<&str, f64> = HashMap::new();
    for (_, d) in docs {
        for t in d {
            *df.entry(t.as_str()).or_default() += 1.0;
        }
    }
    let avg = docs.iter().map(|(_, d)| d.len() as f64).sum::<f64>() / n.max(1.0);
    let idf = |t: &str| {
        let f = df.get(t).copied().unwrap_or(0.0);
        ((n - f + 0.5) / (f + 0.5) + 1.0).ln()
    };
    let q: HashSet<&str> = query.iter().map(String::as_str).collect();
    let q_norm = q.iter().map(|t| idf(t).powi(2)).sum::<f64>().sqrt();
    let mut scores: Vec<[f64; 4]> = Vec::with_capacity(docs.len());
    for (_, d) in docs {
        let shared: Vec<&str> = d
            .iter()
            .map(String::as_str)
            .filter(|t| q.contains(t))
            .collect();
        let count = shared.len() as f64;
        let union = (d.len() + q.len()) as f64 - count;
        let jaccard = if union > 0.0 { count / union } else { 0.0 };
        let len = d.len() as f64;
        let bm25: f64 = shared
            .iter()
            .map(|t| idf(t) * 2.2 / (1.0 + 1.2 * (0.25 + 0.75 * len / avg)))
            .sum();
        let d_norm = d.iter().map(|t| idf(t).powi(2)).sum::<f64>().sqrt();
        let dot: f64 = shared.iter().map(|t| idf(t).powi(2)).sum();
        let cosine = if d_norm > 0.0 && q_norm > 0.0 {
            dot / (d_norm * q_norm)
        } else {
            0.0
        };
        scores.push([count, jaccard, bm25, cosine]);
    }
    (0..4)
        .map(|b| {
            let mut order: Vec<usize> = (0..docs.len()).collect();
            order.sort_by(|&x, &y| {
                scores[y][b]
                    .total_cmp(&scores[x][b])
                    .then(docs[x].0.cmp(&docs[y].0))
            });
            order.into_iter().take(k).map(|i| docs[i].0).collect()
        })
        .collect()
}

fn dcg(gains: &[f64]) -> f64 {
    gains
        .iter()
        .enumerate()
        .map(|(i, g)| (2f64.powf(*g) - 1.0) / ((i + 2) as f64).log2())
        .sum()
}

/// nDCG@10 of a ranking's gains against the best possible order of all gains.
pub fn ndcg_at_10(ranked: &[f64], all: &[f64]) -> f64 {
    let mut ideal = all.to_vec();
    ideal.sort_by(|a, b| b.total_cmp(a));
    let best = dcg(&ideal[..ideal.len().min(10)]);
    if best == 0.0 {
        0.0
    } else {
        dcg(&ranked[..ranked.len().min(10)]) / best
    }
}

/// The share of the first ten that is relevant (the same occupation or ISCO unit group).
pub fn precision_at_10(ranked: &[f64]) -> f64 {
    ranked.iter().take(10).filter(|g| **g >= 2.0).count() as f64 / 10.0
}
