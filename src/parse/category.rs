//! The fourth learned model: a listing's category when the lexicons know none of its words
//! ("腌的咸鸭蛋多了二十个 … 送" is food, "男士冲锋衣L码" clothing, "想请人上门帮忙剪个头" beauty).
//! One softmax regression per resource over the same character n-grams as the other models,
//! trained by `linli train-parser` on the labelled listings and shipped in the same file, each
//! line `"\u{7}<resource>\u{7}<category>\u{7}<gram>", a tab, `<weight>` (an empty gram is the class's
//! bias). It is asked only when the rules' category is `other`, and answers only when its best
//! class is another one with at least `threshold` of the probability.

use std::collections::HashMap;

use super::lexicon::{ITEM_CATS, SERVICE_CATS, SKILL_CATS};
use super::model::{fnv, fnv_from, fold_grams, index_features, out_of_fold, rule_feature, shuffle};
use super::{Kind, Resource};

/// The mark before each of this model's lines in the model file.
pub const MARK: char = '\u{7}';

/// The categories of a resource, as `parse.md` lists them (`other` last).
pub fn classes(r: Resource) -> &'static [&'static str] {
    match r {
        Resource::Item => ITEM_CATS,
        Resource::Service => SERVICE_CATS,
        Resource::Skill => SKILL_CATS,
    }
}

fn slot(r: Resource) -> usize {
    match r {
        Resource::Item => 0,
        Resource::Service => 1,
        Resource::Skill => 2,
    }
}

/// The rules' verdict feature every message ends with (the models read it as `none` here).
fn rule_none() -> &'static [u8] {
    rule_feature(Kind::None).as_bytes()
}

/// The hash under which a gram's weights for a resource are kept.
fn key(r: Resource, g: &[u8]) -> u64 {
    fnv_from(fnv(r.as_str().as_bytes()), g)
}

/// One resource's softmax: each class's bias, and each gram's weights (class, weight).
#[derive(Debug, Clone, Default)]
struct Table {
    bias: Vec<f32>,
    weights: HashMap<u64, Vec<(u8, f32)>, std::hash::BuildHasherDefault<super::model::Passthrough>>,
}

/// The category model (empty: it never answers).
#[derive(Debug, Clone, Default)]
pub struct Categories {
    tables: [Table; 3],
    /// The probability its best class needs; above 1: never answers.
    pub threshold: f32,
}

impl Categories {
    /// A model that never answers (until its lines and threshold are loaded).
    pub fn never() -> Categories {
        Categories {
            threshold: 2.0,
            ..Categories::default()
        }
    }

    /// Takes one line of the model file if it is this model's (`feature` starts with [`MARK`]).
    pub fn load(&mut self, feature: &str, w: f32) -> bool {
        let mut parts = feature.split(MARK);
        let (Some(""), Some(res), Some(cat), Some(gram)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        let Some(r) = [Resource::Item, Resource::Service, Resource::Skill]
            .into_iter()
            .find(|r| r.as_str() == res)
        else {
            return false;
        };
        let Some(c) = classes(r).iter().position(|x| *x == cat) else {
            return false;
        };
        let table = &mut self.tables[slot(r)];
        if gram.is_empty() {
            table.bias.resize(classes(r).len(), 0.0);
            table.bias[c] = w;
        } else {
            table
                .weights
                .entry(key(r, gram.as_bytes()))
                .or_default()
                .push((c as u8, w));
        }
        true
    }

    /// The probabilities of a resource's categories for a normalised listing text (empty when
    /// the model has nothing for that resource).
    pub fn probabilities(&self, t: &str, r: Resource) -> Vec<f32> {
        let table = &self.tables[slot(r)];
        if table.bias.is_empty() {
            return Vec::new();
        }
        let mut z = table.bias.clone();
        let mut add = |h: u64| {
            if let Some(ws) = table.weights.get(&h) {
                for (c, w) in ws {
                    z[*c as usize] += w;
                }
            }
        };
        // The grams' hashes after the resource's name, as `key` makes them.
        fold_grams(
            t,
            fnv(r.as_str().as_bytes()),
            |h, c| fnv_from(*h, c),
            |h| add(*h),
        );
        add(key(r, rule_none()));
        softmax(&mut z);
        z
    }

    /// The category the model is sure enough of, when it is not `other`.
    pub fn category(&self, t: &str, r: Resource) -> Option<&'static str> {
        if self.threshold > 1.0 {
            return None;
        }
        let p = self.probabilities(t, r);
        let (best, pb) =
            p.iter()
                .enumerate()
                .fold(None::<(usize, f32)>, |acc, (i, &x)| match acc {
                    Some((_, b)) if b >= x => acc,
                    _ => Some((i, x)),
                })?;
        let cat = classes(r)[best];
        (cat != "other" && pb >= self.threshold).then_some(cat)
    }
}

fn softmax(z: &mut [f32]) {
    let m = z.iter().copied().fold(f32::MIN, f32::max);
    let mut sum = 0.0;
    for x in z.iter_mut() {
        *x = (*x - m).exp();
        sum += *x;
    }
    for x in z.iter_mut() {
        *x /= sum;
    }
}

/// One labelled listing for training: its normalised text, the labelled resource, the index of
/// the labelled category in [`classes`] (the first when several are acceptable), every
/// acceptable index, and the rules' category.
#[derive(Debug, Clone)]
pub struct Case {
    pub text: String,
    pub resource: Resource,
    pub class: usize,
    pub accept: Vec<usize>,
    pub rules: Option<&'static str>,
}

/// Passes over the data, AdaGrad's step and the L2 penalty per update.
const EPOCHS: u32 = 15;
const STEP: f64 = 0.2;
const L2: f64 = 1e-5;
/// Weights below this are left out of the file.
const MIN_WEIGHT: f64 = 0.15;

/// Trains one resource's softmax; returns the file's lines (feature, weight).
fn train_resource(cases: &[&Case], r: Resource) -> Vec<(String, f32)> {
    let k = classes(r).len();
    let (names, df, mut docs) =
        index_features(cases.iter().map(|c| (c.text.as_str(), c.class)), |g| {
            g.to_vec()
        });
    // A lone ASCII character (a space, a letter, a digit) is counted each time it occurs, and
    // only evidence for a class is kept in the file: such a gram would push every long English
    // text towards whichever class kept it (in one training, every English post became
    // clothing). They are left out of training, so the file never holds them.
    let counted_everywhere = |g: &[u8]| matches!(g, [b' '..=b'~']);
    for (x, _) in &mut docs {
        x.retain(|(j, _)| !counted_everywhere(&names[*j]));
    }
    let mut w = vec![0f64; names.len() * k];
    let mut g2 = vec![1e-8f64; names.len() * k];
    let mut b = vec![0f64; k];
    let mut b2 = vec![1e-8f64; k];
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut z = vec![0f64; k];
    for _ in 0..EPOCHS {
        shuffle(&mut order, &mut seed);
        for &i in &order {
            let (x, y) = &docs[i];
            z.copy_from_slice(&b);
            for (j, v) in x {
                for (c, zc) in z.iter_mut().enumerate() {
                    *zc += w[j * k + c] * v;
                }
            }
            let m = z.iter().copied().fold(f64::MIN, f64::max);
            let sum: f64 = z.iter().map(|v| (v - m).exp()).sum();
            for c in 0..k {
                let p = (z[c] - m).exp() / sum;
                let g = p - if c == *y { 1.0 } else { 0.0 };
                b2[c] += g * g;
                b[c] -= STEP * g / b2[c].sqrt();
                for (j, v) in x {
                    let at = j * k + c;
                    let gj = g * v + L2 * w[at];
                    g2[at] += gj * gj;
                    w[at] -= STEP * gj / g2[at].sqrt();
                }
            }
        }
    }
    let line = |cat: &str, gram: &[u8]| {
        format!(
            "{MARK}{}{MARK}{cat}{MARK}{}",
            r.as_str(),
            String::from_utf8_lossy(gram)
        )
    };
    let mut out: Vec<(String, f32)> = Vec::new();
    for (c, cat) in classes(r).iter().enumerate() {
        out.push((line(cat, b""), b[c] as f32));
    }
    for (j, name) in names.iter().enumerate() {
        if df[j] < 2 || counted_everywhere(name) {
            continue;
        }
        for (c, cat) in classes(r).iter().enumerate() {
            let wj = w[j * k + c];
            // Only evidence for a class is kept (the file stays small; evidence against one
            // is mostly evidence for another).
            if wj >= MIN_WEIGHT {
                out.push((line(cat, name), wj as f32));
            }
        }
    }
    out
}

/// Trains the model on every case: the file's lines, sorted (a stable file).
pub fn train(cases: &[Case]) -> Vec<(String, f32)> {
    let mut out = Vec::new();
    for r in [Resource::Item, Resource::Service, Resource::Skill] {
        let of: Vec<&Case> = cases.iter().filter(|c| c.resource == r).collect();
        if !of.is_empty() {
            out.extend(train_resource(&of, r));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A model from trained lines (for cross-validation).
fn from_lines(lines: &[(String, f32)], threshold: f32) -> Categories {
    let mut m = Categories {
        threshold,
        ..Categories::default()
    };
    for (f, w) in lines {
        m.load(f, *w);
    }
    m
}

/// Chooses the threshold by 5-fold cross-validation: the most categories right on the cases
/// (the rules' category, replaced by the model's where the rules say `other`). Returns it with
/// the share right before and after.
pub fn choose_threshold(cases: &[Case]) -> (f32, (f64, f64)) {
    // For each case out of fold: its best non-`other` class and that class's probability.
    let mut scored: Vec<Option<(usize, f32)>> = vec![None; cases.len()];
    for fold in 0..5 {
        let train_on = out_of_fold(cases, fold);
        let m = from_lines(&train(&train_on), 0.0);
        for (i, c) in cases.iter().enumerate().filter(|(i, _)| i % 5 == fold) {
            let p = m.probabilities(&c.text, c.resource);
            scored[i] = p
                .iter()
                .enumerate()
                .fold(None::<(usize, f32)>, |acc, (i, &x)| match acc {
                    Some((_, b)) if b >= x => acc,
                    _ => Some((i, x)),
                });
        }
    }
    let right = |th: f32| {
        let ok = cases
            .iter()
            .zip(&scored)
            .filter(|(c, s)| {
                let rules = c.rules.unwrap_or("other");
                let cats = classes(c.resource);
                let got = match s {
                    Some((best, p)) if rules == "other" && cats[*best] != "other" && *p >= th => {
                        cats[*best]
                    }
                    _ => rules,
                };
                c.accept.iter().any(|&a| cats[a] == got)
            })
            .count();
        ok as f64 / cases.len().max(1) as f64
    };
    let mut best = (2.0f32, right(2.0));
    for th in [0.2f32, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] {
        let r = right(th);
        if r > best.1 {
            best = (th, r);
        }
    }
    (best.0, (right(2.0), best.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(t: &str, r: Resource, cat: &str) -> Case {
        let class = classes(r).iter().position(|c| *c == cat).unwrap();
        Case {
            text: t.to_string(),
            resource: r,
            class,
            accept: vec![class],
            rules: Some("other"),
        }
    }

    #[test]
    fn learns_categories_per_resource_and_reads_back_from_the_model_file() {
        let cases = [
            case("腌的咸鸭蛋 送", Resource::Item, "food"),
            case("咸鸭蛋一罐 送邻居", Resource::Item, "food"),
            case("自己腌的咸鸭蛋", Resource::Item, "food"),
            case("冲锋衣 L码", Resource::Item, "clothing"),
            case("男士冲锋衣 穿过两次", Resource::Item, "clothing"),
            case("冲锋衣 送", Resource::Item, "clothing"),
            case("帮忙剪个头", Resource::Service, "other"),
            case("帮忙擦窗户", Resource::Service, "cleaning"),
            case("擦窗户 两小时", Resource::Service, "cleaning"),
            case("谁能帮忙擦窗户", Resource::Service, "cleaning"),
        ];
        let lines = train(&cases);
        assert!(lines.iter().all(|(f, _)| f.starts_with(MARK)));
        // The same lines through the model file's reader.
        let tsv: String = std::iter::once("cat_threshold\t0.3\n".to_string())
            .chain(
                lines
                    .iter()
                    .map(|(f, w)| format!("{}\t{w}\n", serde_json::to_string(f).unwrap())),
            )
            .collect();
        let m = super::super::model::Model::from_tsv(&tsv).unwrap();
        let c = &m.categories;
        assert_eq!(c.category("家里咸鸭蛋太多", Resource::Item), Some("food"));
        assert_eq!(c.category("出冲锋衣", Resource::Item), Some("clothing"));
        assert_eq!(
            c.category("想请人擦窗户", Resource::Service),
            Some("cleaning")
        );
        // A resource's probabilities are its own classes'; no skill was learned.
        assert_eq!(
            c.probabilities("擦窗户", Resource::Service).len(),
            SERVICE_CATS.len()
        );
        assert_eq!(c.category("擦窗户", Resource::Skill), None);
        // Above 1 it never answers.
        let never = Categories {
            threshold: 2.0,
            ..c.clone()
        };
        assert_eq!(never.category("家里咸鸭蛋太多", Resource::Item), None);
        // Cross-validation picks a threshold that does not make the rules' categories worse.
        let (_, (before, after)) = choose_threshold(&cases);
        assert!(after >= before, "{before} -> {after}");
    }
}
