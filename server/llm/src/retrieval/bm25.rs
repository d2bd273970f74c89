//! A small Okapi BM25 index over short documents (constitution principles and examples).
//! Written here because it is ~60 lines and the crates that offer it bring far more.

use std::collections::HashMap;

const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Term statistics for a fixed set of documents.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bm25Index {
    /// Per document: term → count.
    docs: Vec<HashMap<String, u32>>,
    lengths: Vec<usize>,
    average_length: f64,
    /// term → number of documents containing it.
    document_frequency: HashMap<String, u32>,
}

impl Bm25Index {
    pub(crate) fn new(texts: &[String]) -> Self {
        let mut docs = Vec::with_capacity(texts.len());
        let mut lengths = Vec::with_capacity(texts.len());
        let mut document_frequency: HashMap<String, u32> = HashMap::new();
        for text in texts {
            let mut counts: HashMap<String, u32> = HashMap::new();
            let tokens = tokenize(text);
            lengths.push(tokens.len());
            for token in tokens {
                *counts.entry(token).or_insert(0) += 1;
            }
            for term in counts.keys() {
                *document_frequency.entry(term.clone()).or_insert(0) += 1;
            }
            docs.push(counts);
        }
        let total: usize = lengths.iter().sum();
        let average_length = if docs.is_empty() {
            0.0
        } else {
            total as f64 / docs.len() as f64
        };
        Bm25Index {
            docs,
            lengths,
            average_length,
            document_frequency,
        }
    }

    /// The BM25 score of every document for the query text (same order as built).
    pub(crate) fn scores(&self, query: &str) -> Vec<f64> {
        let n = self.docs.len() as f64;
        let mut terms = tokenize(query);
        terms.sort();
        terms.dedup();
        self.docs
            .iter()
            .zip(&self.lengths)
            .map(|(counts, &length)| {
                terms
                    .iter()
                    .filter_map(|term| {
                        let tf = f64::from(*counts.get(term)?);
                        let df = f64::from(*self.document_frequency.get(term)?);
                        let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                        let norm = 1.0 - B + B * length as f64 / self.average_length.max(1.0);
                        Some(idf * tf * (K1 + 1.0) / (tf + K1 * norm))
                    })
                    .sum()
            })
            .collect()
    }
}

/// Lower-cased word pieces: splits on non-alphanumerics, snake_case and camelCase, and
/// drops one-letter pieces and the most common English and code filler words.
pub(crate) fn tokenize(text: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "the", "a", "an", "and", "or", "of", "to", "in", "is", "it", "be", "for", "on", "with",
        "as", "by", "that", "this", "not", "are", "from", "if", "else", "return", "def", "var",
        "let", "const", "self", "none", "null", "true", "false",
    ];
    let mut tokens = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let mut piece = String::new();
        let mut previous_lower = false;
        for c in word.chars() {
            if c.is_uppercase() && previous_lower && !piece.is_empty() {
                tokens.push(std::mem::take(&mut piece));
            }
            previous_lower = c.is_lowercase() || c.is_ascii_digit();
            piece.extend(c.to_lowercase());
        }
        if !piece.is_empty() {
            tokens.push(piece);
        }
    }
    tokens.retain(|t| t.chars().count() > 1 && !STOP.contains(&t.as_str()));
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_splits_identifiers() {
        assert_eq!(
            tokenize("os.system(userInput) and SQL_query"),
            vec!["os", "system", "user", "input", "sql", "query"]
        );
    }

    #[test]
    fn rarer_matching_terms_rank_higher() {
        let index = Bm25Index::new(&[
            "never pass user input to a shell command".into(),
            "use parameterized queries for sql, never concatenate user input".into(),
            "do not deserialize untrusted data with pickle".into(),
        ]);
        let scores = index.scores("cursor.execute sql query built by concatenation");
        assert!(scores[1] > scores[0] && scores[1] > scores[2], "{scores:?}");
        let none = index.scores("zebra");
        assert!(none.iter().all(|s| *s == 0.0));
    }
}
