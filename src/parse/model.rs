//! The learned layer beside the rules: a logistic regression, "a listing or not", over the
//! character 1-, 2- and 3-grams of the normalised message and the rules' own verdict. It is
//! trained from the labelled corpus (`linli train-parser`, reproducible: same files, same
//! model) and shipped as `locales/parse-model.tsv`.
//!
//! It works both ways, biased against false cards:
//! - when the rules call a message a listing and the model is sure enough that it is ordinary
//!   chat (at least its `threshold`), the message is not a card (unsure: a quiet reaction);
//! - when the rules see no listing and the model is very sure that it is one (the chance of
//!   chat at most `promote`), it is a listing after all; its kind comes from the rules' marker
//!   if there is one, else from a second logistic regression, "a request or an offer", trained on the
//!   listings alone; a little less sure (at most `unsure`) is unsure.
//!
//! Beside them: a third regression, "a thing or not", and a fifth, "know-how or time",
//! correct the rules' resource when sure; the fourth (`category.rs`) gives the category the
//! rules' words do not.
//!
//! The thresholds are chosen by cross-validation on the training data, counting a false card
//! as seven wrong answers: a bot that answers chatter gets removed from the group, a missed
//! listing can be posted with `/offer`.
//!
//! File format, one entry per line, tab-separated: the thresholds (`threshold`, `promote`,
//! `promote_bare`, `unsure`, `res_threshold`, `skill_threshold`, `cat_threshold`) and biases
//! (`prior`, `dir_prior`, `res_prior`, `skill_prior`), then `<feature as a JSON string>
//! <log-odds weight>` (positive: ordinary chat); a feature starting with U+0005 is the second
//! model's (positive: a request), U+0006 the third's (a thing), U+0008 the fifth's (know-how),
//! U+0007 the category model's.

use std::collections::HashMap;

use super::category::{self, Categories};
use super::{Kind, Resource};

/// The learned layer: log-odds of "ordinary chat" against "a listing".
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Log-odds before any feature (the classes' share of the training data).
    prior: f32,
    /// Each feature's log-odds weights in the four binary models, by the hash of the feature
    /// without a model's mark: one look-up per n-gram serves all four.
    weights: Weights,
    /// The probability of ordinary chat at which the rules' listing is taken away.
    pub threshold: f32,
    /// The probability of ordinary chat at or below which the rules' `none` is a listing
    /// (negative: never).
    pub promote: f32,
    /// ... and at or below which it is a listing though the lexicons name no thing, service or
    /// skill in it (negative: never; at most `promote`).
    pub promote_bare: f32,
    /// ... at or below which the rules' `none` is unsure (negative: never).
    pub unsure: f32,
    /// How sure the second model must be that the rules' listing has the other direction
    /// (an offer that asks, a request that gives) before it is turned (negative: never).
    pub flip: f32,
    /// The second model: log-odds of "a request" against "an offer", for a listing the rules
    /// found no marker in.
    dir_prior: f32,
    /// The third model: log-odds of "a thing" against "time or know-how", for a listing; the
    /// rules' resource is changed when it is at most `res_threshold` sure of theirs (negative:
    /// never).
    res_prior: f32,
    pub res_threshold: f32,
    /// The fifth model: log-odds of "know-how" against "time", for a listing of either; the
    /// resource is changed when it is at most `skill_threshold` sure of the rules' side
    /// (negative: never).
    skill_prior: f32,
    pub skill_threshold: f32,
    /// The fourth model: a listing's category when the rules know none.
    pub categories: Categories,
}

/// One feature's weights in the four binary models (0 where a model does not have it).
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// The first model's (positive: ordinary chat).
    chat: f32,
    /// The second model's (positive: a request).
    dir: f32,
    /// The third model's (positive: a thing).
    res: f32,
    /// The fifth model's (positive: know-how).
    skill: f32,
}

/// The third model's features are the first's with this mark before them.
const RES_MARK: char = '\u{6}';
/// ... and the fifth model's with this one.
const SKILL_MARK: char = '\u{8}';

/// The longest message (in bytes, about 170 Chinese characters) the layer may call a listing
/// when the rules do not.
const PROMOTE_MAX_BYTES: usize = 512;

/// The second model's features are the first's with this mark before them.
const DIR_MARK: char = '\u{5}';

/// FNV-1a's starting state.
const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a: a fast hash of a few bytes (an n-gram), stable across builds and machines.
pub(super) fn fnv(bytes: &[u8]) -> u64 {
    fnv_from(FNV_BASIS, bytes)
}

/// FNV-1a going on from state `h` (the hash of what came before `bytes`).
pub(super) fn fnv_from(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// [`fnv_from`] over one character's UTF-8 bytes, one to four, without a loop.
#[inline(always)]
fn fnv_char(h: u64, c: &[u8]) -> u64 {
    let step = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    match *c {
        [a] => step(h, a),
        [a, b] => step(step(h, a), b),
        [a, b, d] => step(step(step(h, a), b), d),
        [a, b, d, e] => step(step(step(step(h, a), b), d), e),
        _ => fnv_from(h, c),
    }
}

/// The verdict of the rules, as a feature.
pub(super) fn rule_feature(kind: Kind) -> &'static str {
    match kind {
        Kind::Offer => "\u{1}rule:offer",
        Kind::Request => "\u{1}rule:request",
        Kind::None => "\u{1}rule:none",
    }
}

/// Walks the character 1-, 2- and 3-grams of a normalised message with start and end marks
/// (U+0002, U+0003), in the order the models add their weights: by the gram's last character,
/// the shortest gram first; a gram that occurs twice comes twice (the models weigh counts).
/// A gram is built by `push`ing its characters' UTF-8 bytes onto `empty` one character at a
/// time (its text for training, its FNV-1a hash when reading), so both walk the very same grams.
pub(super) fn fold_grams<S>(
    t: &str,
    empty: S,
    push: impl Fn(&S, &[u8]) -> S,
    mut f: impl FnMut(&S),
) {
    // The 1-gram and the 2-gram that ended at the character before.
    let (mut one, mut two): (Option<S>, Option<S>) = (None, None);
    let mut add = |c: &[u8]| {
        let g1 = push(&empty, c);
        f(&g1);
        let g2 = one.as_ref().map(|g| push(g, c));
        if let Some(g) = &g2 {
            f(g);
        }
        if let Some(g) = &two {
            f(&push(g, c));
        }
        (one, two) = (Some(g1), g2);
    };
    add(&[2]);
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // A character's length from its first byte (`t` is UTF-8).
        let len = match b[i] {
            0..=0x7f => 1,
            0x80..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        add(&b[i..i + len]);
        i += len;
    }
    add(&[3]);
}

/// [`fold_grams`] for reading, by hand: the FNV-1a hash of each gram, in the very same order
/// (a test checks it), with no state kept behind references so the caller's sums stay in
/// registers.
#[inline]
pub(super) fn fold_hashes(t: &str, mut f: impl FnMut(u64)) {
    // The hashes of the 1-gram and the 2-gram that ended at the character before.
    let (mut one, mut two): (Option<u64>, Option<u64>) = (None, None);
    let b = t.as_bytes();
    // Byte `i` of the text; the start mark comes before it, the end mark after.
    let (mut i, mut started, mut ended) = (0, false, false);
    loop {
        let c: &[u8] = if !started {
            started = true;
            &[2]
        } else if i < b.len() {
            // A character's length from its first byte (`t` is UTF-8).
            let len = match b[i] {
                0..=0x7f => 1,
                0x80..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            i += len;
            &b[i - len..i]
        } else if !ended {
            ended = true;
            &[3]
        } else {
            return;
        };
        let g1 = fnv_char(FNV_BASIS, c);
        f(g1);
        let g2 = one.map(|g| fnv_char(g, c));
        if let Some(g) = g2 {
            f(g);
        }
        if let Some(g) = two {
            f(fnv_char(g, c));
        }
        (one, two) = (Some(g1), g2);
    }
}

/// Calls `f` with each feature of a normalised message (its character 1-, 2- and 3-grams, with
/// start and end marks, then the rules' verdict), as bytes: what training names.
pub(super) fn each_feature(t: &str, kind: Kind, mut f: impl FnMut(&[u8])) {
    let push = |g: &Vec<u8>, c: &[u8]| [&g[..], c].concat();
    fold_grams(t, Vec::new(), push, |g| f(g));
    f(rule_feature(kind).as_bytes());
}

/// The features' weights by their FNV-1a hash: open addressing with linear probing, at most
/// half full, so a look-up (one per n-gram, a hundred a message) is a multiply, a shift and
/// a compare or two. Hash 0 marks an empty slot; a feature hashing to 0 is kept aside. A
/// slot holds its key beside its weights: a look-up touches one cache line, not two.
#[derive(Debug, Clone, Default)]
struct Weights {
    slots: Vec<(u64, Entry)>,
    /// 64 minus log2 of the slots.
    shift: u32,
    len: usize,
    zero: Option<Entry>,
}

impl Weights {
    /// The slot a hash starts its probe at (Fibonacci hashing: every bit of it counts).
    fn home(&self, h: u64) -> usize {
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn get(&self, h: u64) -> Option<&Entry> {
        if h == 0 {
            return self.zero.as_ref();
        }
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        loop {
            match &self.slots[i] {
                (k, e) if *k == h => return Some(e),
                (0, _) => return None,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The entry of hash `h`, added (all weights 0) if it is not there.
    fn entry(&mut self, h: u64) -> &mut Entry {
        if h == 0 {
            return self.zero.get_or_insert_with(Entry::default);
        }
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        while self.slots[i].0 != h && self.slots[i].0 != 0 {
            i = (i + 1) & mask;
        }
        if self.slots[i].0 == 0 {
            self.slots[i].0 = h;
            self.len += 1;
        }
        &mut self.slots[i].1
    }

    /// Twice the slots (at least 1,024), every entry placed again.
    fn grow(&mut self) {
        let slots = (self.slots.len() * 2).max(1024);
        let zero = self.zero;
        let old = std::mem::replace(
            self,
            Weights {
                slots: vec![(0, Entry::default()); slots],
                shift: 64 - slots.trailing_zeros(),
                len: 0,
                zero,
            },
        );
        for (k, v) in old.slots.into_iter().filter(|(k, _)| *k != 0) {
            *self.entry(k) = v;
        }
    }
}

/// The four binary models' log-odds over one message's n-grams, summed in one walk: each model's
/// bias, then its weights in the grams' order (the second's and third's with the rules'
/// verdict `none` after them, as they were trained; the first's verdict is added per call).
#[derive(Debug, Clone, Copy)]
pub struct Sums {
    chat: f32,
    dir: f32,
    res: f32,
    skill: f32,
}

/// A message's [`Sums`], computed when a model is first asked about it and kept for the
/// other questions about the same text.
#[derive(Debug, Default)]
pub struct Memo(std::cell::OnceCell<Sums>);

/// How sure the second model must be that a listing with no marker asks for something before
/// it is read as a request ("电费该交了 谁去银行给代交一下 给十分").
const UNMARKED_REQUEST: f32 = 0.8;

/// The logistic function of a log-odds sum.
fn sigmoid(s: f32) -> f32 {
    1.0 / (1.0 + (-s.clamp(-50.0, 50.0)).exp())
}

/// A hasher that passes an already hashed key (an FNV-1a hash) through.
#[derive(Debug, Default)]
pub(super) struct Passthrough(u64);

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

impl Model {
    /// The weights of the feature with this hash.
    fn entry(&self, h: u64) -> Entry {
        self.weights.get(h).copied().unwrap_or_default()
    }

    /// The four sums over a normalised message's n-grams (see [`Sums`]).
    fn sums(&self, t: &str, memo: &Memo) -> Sums {
        *memo.0.get_or_init(|| {
            let mut s = Sums {
                chat: self.prior,
                dir: self.dir_prior,
                res: self.res_prior,
                skill: self.skill_prior,
            };
            // A weight a model lacks is 0 and adding it changes nothing: only found grams add.
            fold_hashes(t, |h| {
                if let Some(e) = self.weights.get(h) {
                    s.chat += e.chat;
                    s.dir += e.dir;
                    s.res += e.res;
                    s.skill += e.skill;
                }
            });
            let none = self.entry(fnv(rule_feature(Kind::None).as_bytes()));
            s.dir += none.dir;
            s.res += none.res;
            s.skill += none.skill;
            s
        })
    }

    /// The probability that a normalised message the rules called `kind` is ordinary chat.
    pub fn p_chat(&self, t: &str, kind: Kind) -> f32 {
        self.p_chat_memo(t, kind, &Memo::default())
    }

    /// [`Model::p_chat`], with the message's sums kept in `memo`.
    fn p_chat_memo(&self, t: &str, kind: Kind, memo: &Memo) -> f32 {
        let s = self.sums(t, memo).chat + self.entry(fnv(rule_feature(kind).as_bytes())).chat;
        sigmoid(s)
    }

    /// The probability that a listing with no marker is a request (not an offer).
    pub fn p_request(&self, t: &str) -> f32 {
        sigmoid(self.sums(t, &Memo::default()).dir)
    }

    /// The probability that a listing is of a thing (not a service or a skill).
    pub fn p_item(&self, t: &str) -> f32 {
        sigmoid(self.sums(t, &Memo::default()).res)
    }

    /// The probability that a listing of time or know-how is of know-how (a skill).
    pub fn p_skill(&self, t: &str) -> f32 {
        sigmoid(self.sums(t, &Memo::default()).skill)
    }

    /// The resource of a listing: the rules' `rules`, unless the model is sure enough of the
    /// other side (a thing, or time or know-how: a skill when the rules saw a skill's subject).
    pub fn resource(&self, t: &str, rules: Resource, skill_named: bool, memo: &Memo) -> Resource {
        if self.res_threshold < 0.0 {
            return rules;
        }
        let p = sigmoid(self.sums(t, memo).res);
        let r = match rules {
            Resource::Item if p <= self.res_threshold => {
                if skill_named {
                    Resource::Skill
                } else {
                    Resource::Service
                }
            }
            Resource::Service | Resource::Skill if p >= 1.0 - self.res_threshold => Resource::Item,
            r => r,
        };
        self.time_or_know_how(t, r, memo)
    }

    /// A service that the fifth model is sure enough is a skill ("谁能帮我孩子补补英语"), or the
    /// other way round.
    fn time_or_know_how(&self, t: &str, r: Resource, memo: &Memo) -> Resource {
        if self.skill_threshold < 0.0 || r == Resource::Item {
            return r;
        }
        let p = sigmoid(self.sums(t, memo).skill);
        match r {
            Resource::Service if p >= 1.0 - self.skill_threshold => Resource::Skill,
            Resource::Skill if p <= self.skill_threshold => Resource::Service,
            r => r,
        }
    }

    /// The resource of a listing the rules named nothing in: a thing when the third model
    /// thinks it likelier, else a skill when a skill's subject was seen, else a service.
    pub fn guess_resource(&self, t: &str, skill_named: bool, memo: &Memo) -> Resource {
        if sigmoid(self.sums(t, memo).res) >= 0.5 {
            Resource::Item
        } else if skill_named {
            self.time_or_know_how(t, Resource::Skill, memo)
        } else {
            self.time_or_know_how(t, Resource::Service, memo)
        }
    }

    /// What the layer says of a message the rules found no listing in: a listing of this kind
    /// (sure; with `true`, even if the lexicons name nothing in it), `None` with `true`
    /// (unsure), or nothing.
    pub fn promotes(&self, t: &str, memo: &Memo) -> (Option<(Kind, bool)>, bool) {
        // A listing the rules cannot see is a short post; a long text is no listing of theirs.
        if (self.promote < 0.0 && self.unsure < 0.0) || t.len() > PROMOTE_MAX_BYTES {
            return (None, false);
        }
        let p = self.p_chat_memo(t, Kind::None, memo);
        if p <= self.promote {
            // As a listing with no marker: an offer unless the layer is sure it asks.
            return (
                Some((self.unmarked(t, memo), p <= self.promote_bare)),
                false,
            );
        }
        (None, p <= self.unsure)
    }

    /// The kind of a listing with no marker, when the layer is sure enough that it asks (a
    /// request); else an offer, as the rules read a listing's shape.
    pub fn unmarked(&self, t: &str, memo: &Memo) -> Kind {
        if sigmoid(self.sums(t, memo).dir) >= UNMARKED_REQUEST {
            Kind::Request
        } else {
            Kind::Offer
        }
    }

    /// The kind of the rules' listing after the second model: turned when it is very sure the
    /// listing goes the other way ("搬家 有个大衣柜要从五楼弄下来 谁有力气帮个忙" asks).
    pub fn direction(&self, t: &str, kind: Kind, memo: &Memo) -> Kind {
        if turned(kind, sigmoid(self.sums(t, memo).dir), self.flip) {
            kind.other_way()
        } else {
            kind
        }
    }

    /// True when the rules' listing should be taken away.
    pub fn vetoes(&self, t: &str, kind: Kind, memo: &Memo) -> bool {
        // A threshold above 1 switches the layer off.
        kind != Kind::None
            && self.threshold <= 1.0
            && self.p_chat_memo(t, kind, memo) >= self.threshold
    }

    /// The entry of a feature named in a model file or by training: a mark says which model's
    /// weight it is (see the module's comment).
    fn set(&mut self, feature: &str, value: f32) {
        let (name, slot): (&str, fn(&mut Entry) -> &mut f32) =
            if let Some(g) = feature.strip_prefix(DIR_MARK) {
                (g, |e| &mut e.dir)
            } else if let Some(g) = feature.strip_prefix(RES_MARK) {
                (g, |e| &mut e.res)
            } else if let Some(g) = feature.strip_prefix(SKILL_MARK) {
                (g, |e| &mut e.skill)
            } else {
                (feature, |e| &mut e.chat)
            };
        *slot(self.weights.entry(fnv(name.as_bytes()))) = value;
    }

    /// Reads a model file (see the module's comment).
    pub fn from_tsv(src: &str) -> Result<Model, String> {
        let mut m = Model {
            threshold: 1.1,
            promote: -1.0,
            promote_bare: -1.0,
            unsure: -1.0,
            flip: -1.0,
            res_threshold: -1.0,
            skill_threshold: -1.0,
            categories: Categories::never(),
            ..Model::default()
        };
        for (n, line) in src.lines().enumerate() {
            let bad = || format!("line {}: {line:?}", n + 1);
            let (key, value) = line.rsplit_once('\t').ok_or_else(bad)?;
            let value: f32 = value.parse().map_err(|_| bad())?;
            match key {
                "threshold" => m.threshold = value,
                "promote" => m.promote = value,
                "promote_bare" => m.promote_bare = value,
                "unsure" => m.unsure = value,
                "flip" => m.flip = value,
                "prior" => m.prior = value,
                "dir_prior" => m.dir_prior = value,
                "res_prior" => m.res_prior = value,
                "res_threshold" => m.res_threshold = value,
                "skill_prior" => m.skill_prior = value,
                "skill_threshold" => m.skill_threshold = value,
                "cat_threshold" => m.categories.threshold = value,
                _ => {
                    let feature: String = serde_json::from_str(key).map_err(|_| bad())?;
                    if feature.starts_with(category::MARK) {
                        if !m.categories.load(&feature, value) {
                            return Err(bad());
                        }
                        continue;
                    }
                    m.set(&feature, value);
                }
            }
        }
        Ok(m)
    }
}

/// Trains the layer: logistic regression over each message's features. `cases` are
/// normalised messages, the rules' verdict, and whether the message is ordinary chat.
/// Features seen once are left out (they carry noise, not signal). Returns the features with
/// their weights (sorted, for a stable file) and the bias.
pub fn train(cases: &[(String, Kind, bool)]) -> (Vec<(String, f32)>, f32) {
    train_marked(cases, "")
}

/// Passes over the data when training the logistic regression.
const EPOCHS: u32 = 12;
/// AdaGrad's step and the L2 penalty per update.
const STEP: f64 = 0.2;
const L2: f64 = 1e-5;

/// The cases a cross-validation fold trains on (every fifth case, from `fold`, is held out).
pub(super) fn out_of_fold<T: Clone>(cases: &[T], fold: usize) -> Vec<T> {
    cases
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 5 != fold)
        .map(|(_, c)| c.clone())
        .collect()
}

/// A fixed shuffle for training passes (Fisher–Yates with a linear congruential generator):
/// the same seed, the same order.
pub(super) fn shuffle(order: &mut [usize], seed: &mut u64) {
    for i in (1..order.len()).rev() {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        order.swap(i, (*seed >> 33) as usize % (i + 1));
    }
}

/// A training message's features (index, count) and its label.
pub(super) type Doc<Y> = (Vec<(usize, f64)>, Y);
/// The features' names, in how many messages each occurs, and the messages.
pub(super) type Indexed<N, Y> = (Vec<N>, Vec<u32>, Vec<Doc<Y>>);

/// The features of training messages: each feature's name (as `name` makes it from the
/// gram's bytes), in how many messages it occurs, and each message's features (index, count)
/// in fewer than two messages left out, with its label. A message is its normalised text, or
/// its text and the rules' verdict (the first model's features end with that verdict).
pub(super) fn index_features<'a, N, Y>(
    cases: impl Iterator<Item = (impl Into<Featured<'a>>, Y)>,
    name: impl Fn(&[u8]) -> N,
) -> Indexed<N, Y>
where
    N: Clone + Eq + std::hash::Hash,
{
    let mut index: HashMap<N, usize> = HashMap::new();
    let mut names: Vec<N> = Vec::new();
    let mut df: Vec<u32> = Vec::new();
    let mut docs = Vec::new();
    for (c, y) in cases {
        let Featured(t, kind) = c.into();
        let mut ids: Vec<usize> = Vec::new();
        each_feature(t, kind, |g| {
            let n = name(g);
            let next = names.len();
            let id = *index.entry(n.clone()).or_insert(next);
            if id == next {
                names.push(n);
                df.push(0);
            }
            ids.push(id);
        });
        ids.sort_unstable();
        let mut x: Vec<(usize, f64)> = Vec::new();
        for id in ids {
            match x.last_mut() {
                Some((last, n)) if *last == id => *n += 1.0,
                _ => {
                    df[id] += 1;
                    x.push((id, 1.0));
                }
            }
        }
        docs.push((x, y));
    }
    for (x, _) in &mut docs {
        x.retain(|(id, _)| df[*id] > 1);
    }
    (names, df, docs)
}

/// A training message's text and the rules' verdict on it (`none` when only the text is given).
pub(super) struct Featured<'a>(&'a str, Kind);

impl<'a> From<&'a str> for Featured<'a> {
    fn from(t: &'a str) -> Self {
        Featured(t, Kind::None)
    }
}

impl<'a> From<(&'a str, Kind)> for Featured<'a> {
    fn from((t, kind): (&'a str, Kind)) -> Self {
        Featured(t, kind)
    }
}

/// [`train`], each feature's name with `mark` before it: logistic regression over the
/// features' counts, by AdaGrad, in a fixed order (deterministic). Features in fewer than two
/// messages are left out.
fn train_marked(cases: &[(String, Kind, bool)], mark: &str) -> (Vec<(String, f32)>, f32) {
    let (names, df, docs) = index_features(
        cases
            .iter()
            .map(|(t, kind, chat)| ((t.as_str(), *kind), if *chat { 1.0 } else { 0.0 })),
        |g| format!("{mark}{}", String::from_utf8_lossy(g)),
    );
    let mut w = vec![0f64; names.len()];
    let mut g2 = vec![1e-8f64; names.len()];
    let (mut b, mut b2) = (0f64, 1e-8f64);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..EPOCHS {
        shuffle(&mut order, &mut seed);
        for &i in &order {
            let (x, y) = &docs[i];
            let z: f64 = b + x.iter().map(|(j, v)| w[*j] * v).sum::<f64>();
            let p = 1.0 / (1.0 + (-z.clamp(-50.0, 50.0)).exp());
            let g = p - y;
            b2 += g * g;
            b -= STEP * g / b2.sqrt();
            for (j, v) in x {
                let gj = g * v + L2 * w[*j];
                g2[*j] += gj * gj;
                w[*j] -= STEP * gj / g2[*j].sqrt();
            }
        }
    }
    let mut weights: Vec<(String, f32)> = names
        .into_iter()
        .zip(w)
        .enumerate()
        .filter(|(i, (_, wi))| df[*i] > 1 && wi.abs() >= 1e-3)
        .map(|(_, (n, wi))| (n, wi as f32))
        .collect();
    weights.sort_by(|a, b| a.0.cmp(&b.0));
    (weights, b as f32)
}

/// The second model, "a request or an offer", from the listings among `cases` (normalised
/// text and the true kind).
fn train_dir(cases: &[(String, Kind)]) -> (Vec<(String, f32)>, f32) {
    let listings: Vec<(String, Kind, bool)> = cases
        .iter()
        .filter(|(_, k)| k.is_listing())
        .map(|(t, k)| (t.clone(), Kind::None, *k == Kind::Request))
        .collect();
    train_marked(&listings, &DIR_MARK.to_string())
}

/// A model from trained weights (for cross-validation, without a file): the first model's
/// weights and prior, then the second's.
pub fn from_weights(weights: &[(String, f32)], prior: f32, threshold: f32) -> Model {
    let mut m = Model {
        prior,
        threshold,
        promote: -1.0,
        promote_bare: -1.0,
        unsure: -1.0,
        flip: -1.0,
        res_threshold: -1.0,
        skill_threshold: -1.0,
        ..Model::default()
    };
    for (g, w) in weights {
        m.set(g, *w);
    }
    m
}

impl Model {
    fn with_dir(mut self, dir: &[(String, f32)], dir_prior: f32) -> Model {
        for (g, w) in dir {
            self.set(g, *w);
        }
        self.dir_prior = dir_prior;
        self
    }
    #[cfg(test)]
    fn with_res(self, res: &[(String, f32)], res_prior: f32) -> Model {
        self.with_side(RES_MARK, res, res_prior)
    }
    /// The probability of the yes side of the third (`RES_MARK`) or fifth model.
    fn p_side(&self, mark: char, t: &str) -> f32 {
        if mark == SKILL_MARK {
            self.p_skill(t)
        } else {
            self.p_item(t)
        }
    }
    /// The third or fifth model's weights (marked) and bias.
    fn with_side(mut self, mark: char, w: &[(String, f32)], prior: f32) -> Model {
        for (g, w) in w {
            self.set(g, *w);
        }
        if mark == SKILL_MARK {
            self.skill_prior = prior;
        } else {
            self.res_prior = prior;
        }
        self
    }
}

/// The layer's thresholds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub veto: f32,
    pub promote: f32,
    /// The promotion of a message in which the lexicons name nothing.
    pub promote_bare: f32,
    pub unsure: f32,
    /// See [`Model::flip`].
    pub flip: f32,
}

/// The third model's weights, bias and threshold, and the fourth's lines and threshold, for
/// the file.
struct ResPart<'a> {
    weights: &'a [(String, f32)],
    prior: f32,
    threshold: f32,
    categories: &'a [(String, f32)],
    cat_threshold: f32,
    skill: &'a [(String, f32)],
    skill_prior: f32,
    skill_threshold: f32,
}

/// The model file's text.
pub fn to_tsv(weights: &[(String, f32)], prior: f32, threshold: f32) -> String {
    to_tsv_full(
        weights,
        prior,
        &[],
        0.0,
        Thresholds {
            veto: threshold,
            promote: -1.0,
            promote_bare: -1.0,
            unsure: -1.0,
            flip: -1.0,
        },
        ResPart {
            weights: &[],
            prior: 0.0,
            threshold: -1.0,
            categories: &[],
            cat_threshold: 2.0,
            skill: &[],
            skill_prior: 0.0,
            skill_threshold: -1.0,
        },
    )
}

fn to_tsv_full(
    weights: &[(String, f32)],
    prior: f32,
    dir: &[(String, f32)],
    dir_prior: f32,
    th: Thresholds,
    res: ResPart<'_>,
) -> String {
    let mut out = format!(
        "threshold\t{}\npromote\t{}\npromote_bare\t{}\nunsure\t{}\nflip\t{}\nres_threshold\t{}\nskill_threshold\t{}\ncat_threshold\t{}\nprior\t{prior}\ndir_prior\t{dir_prior}\nres_prior\t{}\nskill_prior\t{}\n",
        th.veto,
        th.promote,
        th.promote_bare,
        th.unsure,
        th.flip,
        res.threshold,
        res.skill_threshold,
        res.cat_threshold,
        res.prior,
        res.skill_prior
    );
    let lines = weights.iter().chain(dir).chain(res.weights);
    for (g, w) in lines.chain(res.skill).chain(res.categories) {
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
    fn the_hash_walk_hashes_the_grams_training_names() {
        let texts = [
            "",
            "a",
            "出闲置:宝宝餐椅一把,九成新",
            "free sofa 😀, pick up é 12楼",
            "\u{1}\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
        ];
        for c in (0..0x11_0000u32).step_by(7).filter_map(char::from_u32) {
            let b = c.to_string();
            assert_eq!(fnv_char(12345, b.as_bytes()), fnv_from(12345, b.as_bytes()));
        }
        for t in texts {
            let (mut named, mut read) = (Vec::new(), Vec::new());
            fold_grams(t, FNV_BASIS, |h, c| fnv_from(*h, c), |h| named.push(*h));
            fold_hashes(t, |h| read.push(h));
            assert_eq!(named, read, "{t}");
            let mut grams = Vec::new();
            each_feature(t, Kind::None, |g| grams.push(fnv(g)));
            grams.pop();
            assert_eq!(grams, read, "{t}");
        }
    }

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
        assert!(m.vetoes("今天天气好", Kind::Offer, &Memo::default()));
        assert!(
            !m.vetoes("今天天气好", Kind::None, &Memo::default()),
            "it only takes cards away"
        );
        assert!(Model::from_tsv("threshold\tx").is_err());
    }

    #[test]
    fn the_third_model_corrects_a_resource_only_when_sure() {
        let res: Vec<(String, Resource, bool)> = [
            ("谁能帮我搬个柜子 下楼", Resource::Item, false),
            ("谁能帮我搬个沙发 上楼", Resource::Item, false),
            ("谁能帮我搬个冰箱 上楼", Resource::Item, false),
            ("出闲置 柜子 九成新", Resource::Item, true),
            ("出闲置 沙发 九成新", Resource::Item, true),
            ("出闲置 冰箱 九成新", Resource::Item, true),
        ]
        .into_iter()
        .map(|(t, r, i)| (t.to_string(), r, i))
        .collect();
        let (w, prior) = train_res(&res);
        let mut m = from_weights(&[], 0.0, 2.0).with_res(&w, prior);
        assert!(m.p_item("谁能帮我搬个桌子 上楼") < 0.5);
        assert!(m.p_item("出闲置 桌子 九成新") > 0.5);
        // Off: the rules' resource stands.
        assert_eq!(
            m.resource(
                "谁能帮我搬个桌子 上楼",
                Resource::Item,
                false,
                &Memo::default()
            ),
            Resource::Item
        );
        m.res_threshold = 0.45;
        let moved = m.resource(
            "谁能帮我搬个桌子 上楼",
            Resource::Item,
            false,
            &Memo::default(),
        );
        assert_eq!(moved, Resource::Service);
        assert_eq!(
            m.resource(
                "谁能帮我搬个桌子 上楼",
                Resource::Item,
                true,
                &Memo::default()
            ),
            Resource::Skill
        );
        assert_eq!(
            m.resource(
                "出闲置 桌子 九成新",
                Resource::Item,
                false,
                &Memo::default()
            ),
            Resource::Item
        );
    }
}

/// What `linli train-parser` reports.
#[derive(Debug)]
pub struct Trained {
    /// The model file's text.
    pub tsv: String,
    pub messages: usize,
    pub features: usize,
    pub thresholds: Thresholds,
    /// Cross-validated (5 folds) kind accuracy and chatter taken for a listing, rules alone
    /// and with the layer at the chosen thresholds.
    pub cv_rules: (f64, f64),
    pub cv_layer: (f64, f64),
    /// Cross-validated share of the messages that would be unsure (a reaction, no card).
    pub cv_unsure: f64,
    /// Cross-validated share of the rules' listings whose resource (a thing or not) is right,
    /// the rules alone and with the third model; and its threshold.
    pub cv_resource: (f64, f64),
    pub res_threshold: f32,
    /// Cross-validated share of the labelled listings whose category is right, the rules alone
    /// and with the fourth model; and its threshold.
    pub cv_category: (f64, f64),
    pub cat_threshold: f32,
    /// The same for the fifth model (know-how or time) on the rules' listings of either.
    pub cv_skill: (f64, f64),
    pub skill_threshold: f32,
}

/// The third model trained on `(text, _, true: a thing)` listings (or the fifth, with
/// `SKILL_MARK`, on `(text, _, true: know-how)`).
fn train_side(cases: &[(String, bool, bool)], mark: char) -> (Vec<(String, f32)>, f32) {
    let training: Vec<(String, Kind, bool)> = cases
        .iter()
        .map(|(t, _, yes)| (t.clone(), Kind::None, *yes))
        .collect();
    train_marked(&training, &mark.to_string())
}

/// The third model trained on `(text, the rules' resource, true: a thing)` listings.
fn train_res(cases: &[(String, Resource, bool)]) -> (Vec<(String, f32)>, f32) {
    train_side(&item_sides(cases), RES_MARK)
}

fn item_sides(cases: &[(String, Resource, bool)]) -> Vec<(String, bool, bool)> {
    cases
        .iter()
        .map(|(t, r, item)| (t.clone(), *r == Resource::Item, *item))
        .collect()
}

/// Chooses the third or fifth model's threshold by 5-fold cross-validation over the rules'
/// listings `(text, the rules say yes, truly yes)`: the most right (a thing or not; know-how or
/// time); returns it with the accuracy before and after.
fn choose_side_threshold(cases: &[(String, bool, bool)], mark: char) -> (f32, (f64, f64)) {
    let mut scored: Vec<(f32, bool, bool)> = Vec::with_capacity(cases.len());
    for fold in 0..5 {
        let train_on = out_of_fold(cases, fold);
        let (w, prior) = train_side(&train_on, mark);
        let m = from_weights(&[], 0.0, 2.0).with_side(mark, &w, prior);
        for (_, c) in cases.iter().enumerate().filter(|(i, _)| i % 5 == fold) {
            scored.push((m.p_side(mark, &c.0), c.1, c.2));
        }
    }
    let right = |th: f32| {
        let ok = scored
            .iter()
            .filter(|(p, rule_item, truth)| {
                let item = if th < 0.0 {
                    *rule_item
                } else if *rule_item {
                    *p > th
                } else {
                    *p >= 1.0 - th
                };
                item == *truth
            })
            .count();
        ok as f64 / scored.len().max(1) as f64
    };
    let mut best = (-1.0f32, right(-1.0));
    for th in [0.02f32, 0.05, 0.1, 0.2, 0.3] {
        let r = right(th);
        if r > best.1 {
            best = (th, r);
        }
    }
    (best.0, (right(-1.0), best.1))
}

/// One labelled message for training: the normalised text, the rules' verdict, the truth, and
/// whether the lexicons name a thing, a service or a skill in it.
#[derive(Debug, Clone)]
pub struct Case {
    pub text: String,
    pub rule: Kind,
    pub truth: Kind,
    pub named: bool,
    /// It opens with a listing's header ("求：", "出：", "OFFER:"): never vetoed.
    pub declared: bool,
}

/// One message scored out of fold: the chance of chat, the chance of a request, the rules'
/// verdict, the truth.
struct Scored {
    p_chat: f32,
    p_request: f32,
    rule: Kind,
    truth: Kind,
    /// The lexicons name a thing, a service or a skill in it.
    named: bool,
    /// It opens with a listing's header.
    declared: bool,
}

impl Scored {
    /// The layer's verdict at these thresholds, and whether it is unsure.
    fn verdict(&self, th: Thresholds) -> (Kind, bool) {
        if self.rule != Kind::None {
            return if self.p_chat >= th.veto && !self.declared {
                (Kind::None, true)
            } else if !self.declared && turned(self.rule, self.p_request, th.flip) {
                (self.rule.other_way(), false)
            } else {
                (self.rule, false)
            };
        }
        let promote = if self.named {
            th.promote
        } else {
            th.promote_bare
        };
        if self.p_chat <= promote {
            let k = if self.p_request >= UNMARKED_REQUEST {
                Kind::Request
            } else {
                Kind::Offer
            };
            return (k, false);
        }
        (Kind::None, self.p_chat <= th.unsure)
    }
}

/// Whether a listing of kind `rule` is turned the other way, the second model giving
/// `p_request` that it asks, at threshold `flip` (negative or above 1: never).
fn turned(rule: Kind, p_request: f32, flip: f32) -> bool {
    if !(0.5..=1.0).contains(&flip) {
        return false;
    }
    match rule {
        Kind::Offer => p_request >= flip,
        Kind::Request => p_request <= 1.0 - flip,
        Kind::None => false,
    }
}

/// Kind accuracy, chatter taken for a listing, and the share unsure, at these thresholds.
fn judge(scored: &[Scored], th: Thresholds) -> (f64, f64, f64) {
    let chat = scored
        .iter()
        .filter(|s| s.truth == Kind::None)
        .count()
        .max(1);
    let (mut right, mut cards, mut unsure) = (0usize, 0usize, 0usize);
    for s in scored {
        let (got, doubt) = s.verdict(th);
        right += usize::from(got == s.truth);
        cards += usize::from(s.truth == Kind::None && got != Kind::None);
        unsure += usize::from(doubt);
    }
    let n = scored.len().max(1) as f64;
    (
        right as f64 / n,
        cards as f64 / chat as f64,
        unsure as f64 / n,
    )
}

/// How many wrong answers a false card counts as when the thresholds are chosen. The training
/// files are about half chatter; a real group is nine messages in ten (the blind chatter
/// stream): at that share a false card is about seven times as likely per listing missed, so
/// it costs seven.
const FALSE_CARD_COST: f64 = 7.0;

/// Trains the learned layer from labelled messages (normalised text, the rules' verdict from
/// [`super::rules_only`], the true kind) and chooses its thresholds by 5-fold cross-validation:
/// the most right answers, a false card counted as [`FALSE_CARD_COST`] wrong ones; then the
/// fewest unsure.
/// The unsure band below `promote` is as wide again (a quiet reaction costs little).
/// Deterministic: the same messages in the same order give the same file.
pub fn train_with_threshold(
    cases: &[Case],
    res_cases: &[(String, Resource, bool)],
    skill_cases: &[(String, bool, bool)],
    cat_cases: &[category::Case],
) -> Trained {
    let as_training = |c: &Case| (c.text.clone(), c.rule, c.truth == Kind::None);
    let as_dir = |c: &Case| (c.text.clone(), c.truth);
    let mut scored: Vec<Scored> = Vec::with_capacity(cases.len());
    for fold in 0..5 {
        let train_on = out_of_fold(cases, fold);
        let (w, prior) = train(&train_on.iter().map(as_training).collect::<Vec<_>>());
        let (dw, dprior) = train_dir(&train_on.iter().map(as_dir).collect::<Vec<_>>());
        let m = from_weights(&w, prior, 1.0).with_dir(&dw, dprior);
        for (_, c) in cases.iter().enumerate().filter(|(i, _)| i % 5 == fold) {
            scored.push(Scored {
                p_chat: m.p_chat(&c.text, c.rule),
                p_request: m.p_request(&c.text),
                rule: c.rule,
                truth: c.truth,
                named: c.named,
                declared: c.declared,
            });
        }
    }
    let vetoes = [
        0.3f32, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 2.0,
    ];
    let promotes = [
        -1.0f32, 0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2,
    ];
    let cost = |th: Thresholds| {
        let (k, fp, u) = judge(&scored, th);
        let chat = scored.iter().filter(|s| s.truth == Kind::None).count() as f64;
        let n = scored.len() as f64;
        // Right answers minus more for each false card (a false card is already one wrong
        // answer), then the fewest unsure.
        (k * n - (FALSE_CARD_COST - 1.0) * fp * chat, -u)
    };
    let mut best: Option<(Thresholds, (f64, f64))> = None;
    for &veto in &vetoes {
        for &promote in &promotes {
            for &promote_bare in promotes.iter().filter(|&&b| b <= promote) {
                let unsure = if promote < 0.0 {
                    -1.0
                } else {
                    (promote * 2.0).min(0.5)
                };
                let th = Thresholds {
                    veto,
                    promote,
                    promote_bare,
                    unsure,
                    flip: -1.0,
                };
                let c = cost(th);
                if best.is_none_or(|(_, b)| c.0 > b.0 || (c.0 == b.0 && c.1 > b.1)) {
                    best = Some((th, c));
                }
            }
        }
    }
    let (mut thresholds, _) = best.expect("candidates");
    // Turning a listing's direction makes no card and takes none away: the flip is chosen
    // after, for the most right kinds, and only if it beats never turning.
    let mut right = judge(&scored, thresholds).0;
    for flip in [0.999f32, 0.995, 0.99, 0.98, 0.95, 0.9] {
        let k = judge(&scored, Thresholds { flip, ..thresholds }).0;
        if k > right {
            (right, thresholds.flip) = (k, flip);
        }
    }
    let all: Vec<_> = cases.iter().map(as_training).collect();
    let (weights, prior) = train(&all);
    let (dir, dir_prior) = train_dir(&cases.iter().map(as_dir).collect::<Vec<_>>());
    let (k0, f0, _) = judge(
        &scored,
        Thresholds {
            veto: 2.0,
            promote: -1.0,
            promote_bare: -1.0,
            unsure: -1.0,
            flip: -1.0,
        },
    );
    let (k1, f1, u1) = judge(&scored, thresholds);
    let (res_threshold, cv_resource) = choose_side_threshold(&item_sides(res_cases), RES_MARK);
    let (res, res_prior) = train_res(res_cases);
    let (skill_threshold, cv_skill) = choose_side_threshold(skill_cases, SKILL_MARK);
    let (skill, skill_prior) = train_side(skill_cases, SKILL_MARK);
    let (cat_threshold, cv_category) = category::choose_threshold(cat_cases);
    let categories = category::train(cat_cases);
    let res_part = ResPart {
        weights: &res,
        prior: res_prior,
        threshold: res_threshold,
        categories: &categories,
        cat_threshold,
        skill: &skill,
        skill_prior,
        skill_threshold,
    };
    Trained {
        tsv: to_tsv_full(&weights, prior, &dir, dir_prior, thresholds, res_part),
        messages: cases.len(),
        features: weights.len() + dir.len() + res.len() + skill.len() + categories.len(),
        thresholds,
        cv_rules: (k0, f0),
        cv_layer: (k1, f1),
        cv_unsure: u1,
        cv_resource,
        res_threshold,
        cv_category,
        cat_threshold,
        cv_skill,
        skill_threshold,
    }
}
