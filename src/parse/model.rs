//! The learned layer beside the rules: a naive Bayes classifier, "a listing or not", over the
//! character 1-, 2- and 3-grams of the normalised message and the rules' own verdict. It is
//! trained from the labelled corpus (`linli train-parser`, reproducible: same files, same
//! model) and shipped as `locales/parse-model.tsv`.
//!
//! It only ever takes a card away: when the rules call a message a listing and the model is
//! sure enough that it is ordinary chat (at least its `threshold`, chosen by cross-validation
//! on the training data), the message is `none`. A bot that answers chatter gets removed from
//! the group; a missed listing can be posted with `/offer`.
//!
//! File format, one entry per line, tab-separated: `threshold <p>`, `prior <log-odds>`, then
//! `<feature as a JSON string> <log-odds weight>` (positive: ordinary chat).

use std::collections::HashMap;

use super::Kind;

/// The learned layer: log-odds of "ordinary chat" against "a listing".
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Log-odds before any feature (the classes' share of the training data).
    prior: f32,
    /// Log-odds weight of each feature, by its hash.
    weights: Weights,
    /// The probability of ordinary chat at which the rules' listing is taken away.
    pub threshold: f32,
}

/// FNV-1a: a fast hash of a few bytes (an n-gram), stable across builds and machines.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The verdict of the rules, as a feature.
fn rule_feature(kind: Kind) -> &'static str {
    match kind {
        Kind::Offer => "\u{1}rule:offer",
        Kind::Request => "\u{1}rule:request",
        Kind::None => "\u{1}rule:none",
    }
}

/// Calls `f` with each feature of a normalised message (its character 1-, 2- and 3-grams, with
/// start and end marks, then the rules' verdict), as bytes; a gram that occurs twice comes
/// twice (multinomial naive Bayes counts occurrences).
fn each_feature(t: &str, kind: Kind, mut f: impl FnMut(&[u8])) {
    let mut marked = String::with_capacity(t.len() + 2);
    marked.push('\u{2}');
    marked.push_str(t);
    marked.push('\u{3}');
    let b = marked.as_bytes();
    // The last four character boundaries, newest first.
    let mut back = [0usize; 4];
    let mut seen = 1;
    let ends = marked
        .char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain(std::iter::once(b.len()));
    for end in ends {
        back.rotate_right(1);
        back[0] = end;
        seen += 1;
        for n in 1..=3.min(seen - 1) {
            f(&b[back[n]..end]);
        }
    }
    f(rule_feature(kind).as_bytes());
}

/// A hasher that passes an already hashed key (an FNV-1a hash) through.
#[derive(Default)]
struct Passthrough(u64);

impl std::hash::Hasher for Passthrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Weights = HashMap<u64, f32, std::hash::BuildHasherDefault<Passthrough>>;

impl Model {
    /// The probability that a normalised message the rules called `kind` is ordinary chat.
    pub fn p_chat(&self, t: &str, kind: Kind) -> f32 {
        let mut s = self.prior;
        each_feature(t, kind, |g| {
            s += self.weights.get(&fnv(g)).copied().unwrap_or(0.0);
        });
        1.0 / (1.0 + (-s.clamp(-50.0, 50.0)).exp())
    }

    /// True when the rules' listing should be taken away.
    pub fn vetoes(&self, t: &str, kind: Kind) -> bool {
        // A threshold above 1 switches the layer off.
        kind != Kind::None && self.threshold <= 1.0 && self.p_chat(t, kind) >= self.threshold
    }

    /// Reads a model file (see the module's comment).
    pub fn from_tsv(src: &str) -> Result<Model, String> {
        let mut m = Model {
            threshold: 1.1,
            ..Model::default()
        };
        for (n, line) in src.lines().enumerate() {
            let bad = || format!("line {}: {line:?}", n + 1);
            let (key, value) = line.rsplit_once('\t').ok_or_else(bad)?;
            let value: f32 = value.parse().map_err(|_| bad())?;
            match key {
                "threshold" => m.threshold = value,
                "prior" => m.prior = value,
                _ => {
                    let feature: String = serde_json::from_str(key).map_err(|_| bad())?;
                    m.weights.insert(fnv(feature.as_bytes()), value);
                }
            }
        }
        Ok(m)
    }
}

/// Trains the layer: multinomial naive Bayes with add-one smoothing over each message's
/// features. `cases` are normalised messages, the rules' verdict, and whether the
/// message is ordinary chat. Features seen once are left out (they carry noise, not signal).
/// Returns the features with their weights (sorted, for a stable file) and the prior.
pub fn train(cases: &[(String, Kind, bool)]) -> (Vec<(String, f32)>, f32) {
    let mut counts: HashMap<String, [u32; 2]> = HashMap::new();
    let mut docs = [0u32; 2];
    for (t, kind, chat) in cases {
        let y = usize::from(*chat);
        docs[y] += 1;
        each_feature(t, *kind, |g| {
            let g = String::from_utf8_lossy(g).into_owned();
            counts.entry(g).or_default()[y] += 1;
        });
    }
    let total = |y: usize| counts.values().map(|c| f64::from(c[y])).sum::<f64>();
    let (listing_total, chat_total) = (total(0), total(1));
    let v = counts.len() as f64;
    let mut weights: Vec<(String, f32)> = counts
        .into_iter()
        .filter(|(_, c)| c[0] + c[1] > 1)
        .map(|(g, c)| {
            let chat = ((f64::from(c[1]) + 1.0) / (chat_total + v)).ln();
            let listing = ((f64::from(c[0]) + 1.0) / (listing_total + v)).ln();
            (g, (chat - listing) as f32)
        })
        .collect();
    weights.sort_by(|a, b| a.0.cmp(&b.0));
    let prior = (f64::from(docs[1].max(1)) / f64::from(docs[0].max(1))).ln() as f32;
    (weights, prior)
}

/// A model from trained weights (for cross-validation, without a file).
pub fn from_weights(weights: &[(String, f32)], prior: f32, threshold: f32) -> Model {
    Model {
        prior,
        weights: weights
            .iter()
            .map(|(g, w)| (fnv(g.as_bytes()), *w))
            .collect(),
        threshold,
    }
}

/// The model file's text.
pub fn to_tsv(weights: &[(String, f32)], prior: f32, threshold: f32) -> String {
    let mut out = format!("threshold\t{threshold}\nprior\t{prior}\n");
    for (g, w) in weights {
        out.push_str(&serde_json::to_string(g).expect("a string"));
        out.push('\t');
        out.push_str(&format!("{w:.4}"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trained_model_reads_back_and_separates_its_classes() {
        let cases: Vec<(String, Kind, bool)> = [
            ("出闲置 台灯 九成新", Kind::Offer, false),
            ("出闲置 书架 八成新", Kind::Offer, false),
            ("出闲置 电饭煲 九成新", Kind::Offer, false),
            ("今天天气真好 台灯下看书", Kind::Offer, true),
            ("今天天气真好啊", Kind::None, true),
            ("今天天气不错", Kind::None, true),
        ]
        .into_iter()
        .map(|(t, k, c)| (t.to_string(), k, c))
        .collect();
        let (w, prior) = train(&cases);
        let m = Model::from_tsv(&to_tsv(&w, prior, 0.5)).unwrap();
        assert!(m.p_chat("出闲置 衣柜 九成新", Kind::Offer) < 0.5);
        assert!(m.p_chat("今天天气好", Kind::Offer) > 0.5);
        assert!(m.vetoes("今天天气好", Kind::Offer));
        assert!(
            !m.vetoes("今天天气好", Kind::None),
            "it only takes cards away"
        );
        assert!(Model::from_tsv("threshold\tx").is_err());
    }
}

/// What `linli train-parser` reports.
#[derive(Debug)]
pub struct Trained {
    /// The model file's text.
    pub tsv: String,
    pub messages: usize,
    pub features: usize,
    pub threshold: f32,
    /// Cross-validated (5 folds) kind accuracy and chatter taken for a listing, rules alone
    /// and with the layer at the chosen threshold.
    pub cv_rules: (f64, f64),
    pub cv_layer: (f64, f64),
}

/// Trains the learned layer from labelled messages (`text`, and whether it is ordinary chat,
/// with the rules' verdict from [`super::rules_only`]) and chooses its threshold by 5-fold
/// cross-validation: the best kind accuracy, then the fewest chatter cards, then the highest
/// threshold. Deterministic: the same messages in the same order give the same file.
pub fn train_with_threshold(cases: &[(String, Kind, Kind)]) -> Trained {
    let as_training = |c: &(String, Kind, Kind)| (c.0.clone(), c.1, c.2 == Kind::None);
    let mut scored: Vec<(f32, Kind, Kind)> = Vec::with_capacity(cases.len());
    for fold in 0..5 {
        let train_on: Vec<_> = cases
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 != fold)
            .map(|(_, c)| as_training(c))
            .collect();
        let (w, prior) = train(&train_on);
        let m = from_weights(&w, prior, 1.0);
        for (_, c) in cases.iter().enumerate().filter(|(i, _)| i % 5 == fold) {
            scored.push((m.p_chat(&c.0, c.1), c.1, c.2));
        }
    }
    let judge = |threshold: f32| {
        let chat = scored.iter().filter(|s| s.2 == Kind::None).count().max(1);
        let (mut right, mut cards) = (0usize, 0usize);
        for (p, rule, truth) in &scored {
            let got = if *rule != Kind::None && *p >= threshold {
                Kind::None
            } else {
                *rule
            };
            right += usize::from(got == *truth);
            cards += usize::from(*truth == Kind::None && got != Kind::None);
        }
        (
            right as f64 / scored.len().max(1) as f64,
            cards as f64 / chat as f64,
        )
    };
    let candidates = [0.5f32, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99];
    let threshold = candidates
        .iter()
        .copied()
        .max_by(|a, b| {
            let (ka, fa) = judge(*a);
            let (kb, fb) = judge(*b);
            ka.total_cmp(&kb)
                .then(fb.total_cmp(&fa))
                .then(a.total_cmp(b))
        })
        .expect("candidates");
    let all: Vec<_> = cases.iter().map(as_training).collect();
    let (weights, prior) = train(&all);
    Trained {
        tsv: to_tsv(&weights, prior, threshold),
        messages: cases.len(),
        features: weights.len(),
        threshold,
        cv_rules: judge(f32::INFINITY),
        cv_layer: judge(threshold),
    }
}
