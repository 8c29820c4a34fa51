//! Keyword tables (`locales/<lang>/lexicon.toml`) and their compiled matchers.
//!
//! Every word list is compiled once into a single regular expression (longest word first, so at
//! one position the longest word wins); category tables additionally keep a word -> category map
//! so one scan finds both the word and its category. Nothing here allocates per message except
//! the small match vectors the parser asks for.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use regex::Regex;
use serde::Deserialize;

use super::Lang;

/// Why a lexicon file could not be loaded. Every variant names the file and, where it applies,
/// the offending key.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// File path.
        path: String,
        /// Underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML or has an unknown / mistyped key.
    #[error("{path}: {message}")]
    Toml {
        /// File path.
        path: String,
        /// Parser message (includes the key / line).
        message: String,
    },
    /// A key holds something the parser cannot use (empty word, bad regex, unknown category …).
    #[error("{path}: key `{key}`: {message}")]
    Invalid {
        /// File path.
        path: String,
        /// Dotted key, e.g. `item.books` or `kind.offer_re[2]`.
        key: String,
        /// What is wrong.
        message: String,
    },
}

// ---------------------------------------------------------------------------------------------
// Raw (deserialised) form
// ---------------------------------------------------------------------------------------------

type Words = Vec<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    meta: RawMeta,
    #[serde(default)]
    kind: RawKind,
    #[serde(default)]
    mode: RawMode,
    #[serde(default)]
    free: RawFree,
    #[serde(default)]
    condition: BTreeMap<String, Words>,
    #[serde(default)]
    item: BTreeMap<String, Words>,
    #[serde(default)]
    service: BTreeMap<String, Words>,
    #[serde(default)]
    skill: BTreeMap<String, Words>,
    #[serde(default)]
    title: RawTitle,
    #[serde(default)]
    units: RawUnits,
    #[serde(default)]
    synonyms: RawSynonyms,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawSynonyms {
    groups: Vec<Words>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    lang: String,
    #[serde(default)]
    word_boundaries: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawKind {
    offer: Words,
    offer_re: Words,
    offer_weak: Words,
    offer_weak_re: Words,
    request: Words,
    request_re: Words,
    request_weak: Words,
    request_weak_re: Words,
    none: Words,
    none_re: Words,
    chatter: Words,
    chatter_re: Words,
    price_re: Words,
    interest: Words,
    interest_re: Words,
    helping: Words,
    helping_re: Words,
    self_offer: Words,
    self_offer_re: Words,
    opener_re: Words,
    money_re: Words,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawMode {
    lend: Words,
    lend_re: Words,
    swap: Words,
    swap_re: Words,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawFree {
    words: Words,
    words_re: Words,
    free_not: Words,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawTitle {
    prefix: Words,
    prefix_re: Words,
    suffix: Words,
    suffix_re: Words,
    noise_re: Words,
    cut: Words,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawUnits {
    classifiers: Words,
    vague: Words,
    not_count: Words,
}

// ---------------------------------------------------------------------------------------------
// Compiled form
// ---------------------------------------------------------------------------------------------

/// Item categories, in the spec's order.
pub(crate) const ITEM_CATS: &[&str] = &[
    "books",
    "kids",
    "clothing",
    "electronics",
    "appliances",
    "furniture",
    "tools",
    "kitchen",
    "sports",
    "garden",
    "food",
    "other",
];
/// Service categories.
pub(crate) const SERVICE_CATS: &[&str] =
    &["errands", "cleaning", "care", "moving", "cooking", "other"];
/// Skill categories.
pub(crate) const SKILL_CATS: &[&str] = &[
    "repair",
    "tutoring",
    "language",
    "music_art",
    "tech",
    "health",
    "beauty",
    "other",
];
/// Condition names.
pub(crate) const COND_CATS: &[&str] = &["new", "like_new", "good", "fair", "poor"];

/// A compiled word list: one regex alternation of all words (longest first) and regexes.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    re: Option<Regex>,
}

/// A match: byte span in the searched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

impl Matcher {
    /// First (leftmost) match.
    pub fn find(&self, s: &str) -> Option<Span> {
        self.re.as_ref()?.find(s).map(|m| Span {
            start: m.start(),
            end: m.end(),
        })
    }
    /// Position of the first match: the start of its first capture group that took part (so a
    /// regex can require context, e.g. `[^更](换)`), else of the whole match.
    pub fn find_pos(&self, s: &str) -> Option<usize> {
        let c = self.re.as_ref()?.captures(s)?;
        let g = c.iter().skip(1).flatten().next().or(c.get(0))?;
        Some(g.start())
    }
    /// Whether anything matches.
    pub fn is_match(&self, s: &str) -> bool {
        self.re.as_ref().is_some_and(|r| r.is_match(s))
    }
    /// All non-overlapping matches.
    pub fn find_all(&self, s: &str) -> Vec<Span> {
        self.spans(s).collect()
    }
    /// All non-overlapping matches, left to right, found as they are asked for.
    pub fn spans<'a>(&'a self, s: &'a str) -> impl Iterator<Item = Span> + 'a {
        self.re.iter().flat_map(move |r| {
            r.find_iter(s).map(|m| Span {
                start: m.start(),
                end: m.end(),
            })
        })
    }
    /// Access to the regex (for anchored title stripping with capture groups).
    pub fn regex(&self) -> Option<&Regex> {
        self.re.as_ref()
    }
}

/// Title prefixes (`^(?:…)`) or suffixes (`(?:…)$`) to strip: one alternation of the
/// lexicon's regexes, then its words. Together they find what a single alternation of both
/// (the regexes first) would, but only the few regexes are searched for capture groups
/// (capture groups in an alternation of hundreds of words cost a slow engine's pass), and the
/// words are not searched at all: they are looked up by the text's first (prefix) or last
/// (suffix) character and compared, as the anchored alternation of them would match.
#[derive(Debug, Clone)]
pub(crate) struct Affix {
    res: Option<Regex>,
    /// A quick "no" for `res` without a search (see [`Gate`]).
    res_gate: Gate,
    /// The plain words of two characters or more by their first two (prefix) or last two
    /// (suffix) characters, each list in the alternation's order (the longest first).
    words: HashMap<(char, char), Vec<AffixWord>, std::hash::BuildHasherDefault<FnvHasher>>,
    /// The words of one character (after all the longer ones in the alternation's order).
    singles: HashMap<char, AffixWord, std::hash::BuildHasherDefault<FnvHasher>>,
    prefix: bool,
    /// The anchored alternations of the regexes and the words together, of the regexes, and
    /// of the words: what [`Affix::cut`] must agree with (a test checks it).
    #[cfg(test)]
    alternations: [Option<Regex>; 3],
}

/// A title prefix or suffix word, and whether its regex asks for an (ASCII) word boundary
/// before and after it (see [`Ctx::word_src`]).
#[derive(Debug, Clone)]
struct AffixWord {
    text: String,
    boundary_before: bool,
    boundary_after: bool,
}

/// `(?-u:\b)` at byte `i` of `b`: an ASCII word byte on exactly one side.
fn ascii_boundary(b: &[u8], i: usize) -> bool {
    let word = |j: Option<usize>| {
        j.and_then(|j| b.get(j))
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    };
    word(i.checked_sub(1)) != word(Some(i))
}

impl AffixWord {
    /// Whether the word's regex matches `s` at bytes `at..at + len` (the word there, with its
    /// boundaries).
    fn fits(&self, s: &str, at: usize) -> bool {
        let b = s.as_bytes();
        b.get(at..at + self.text.len()) == Some(self.text.as_bytes())
            && (!self.boundary_before || ascii_boundary(b, at))
            && (!self.boundary_after || ascii_boundary(b, at + self.text.len()))
    }
}

/// What a text must have for an anchored regex to match it: a first (prefix) or last (suffix)
/// character among those its matches can begin or end with, and one of its necessary literals
/// (see [`super::screen::need_literals`]). Either is left out when it is not known or would
/// rule out (almost) nothing; a gate that says no means the regex does not match.
#[derive(Debug, Clone, Default)]
struct Gate {
    edge: Option<Vec<(char, char)>>,
    need: Option<Need>,
}

/// Necessary literals: when each is one character, those characters (one pass over a text
/// finds whether it holds any).
#[derive(Debug, Clone)]
enum Need {
    Chars(Vec<char>),
    Strings(Vec<String>),
}

/// An edge set wider than this many characters rules out too little to be worth a look.
const GATE_MAX_EDGE_CHARS: u32 = 4_096;
/// At most this many necessary literals are looked for.
const GATE_MAX_NEED: usize = 4;

impl Gate {
    /// The gate of an anchored regex (`^(?:…)` when `prefix`, else `(?:…)$`).
    fn new(src: &str, prefix: bool) -> Gate {
        let edge = super::screen::edge_chars(src, prefix).filter(|ranges| {
            ranges
                .iter()
                .map(|(a, b)| *b as u32 - *a as u32 + 1)
                .sum::<u32>()
                <= GATE_MAX_EDGE_CHARS
        });
        let need = super::screen::need_literals(src)
            .filter(|lits| lits.len() <= GATE_MAX_NEED)
            .and_then(|lits| {
                lits.into_iter()
                    .map(|l| String::from_utf8(l).ok())
                    .collect::<Option<Vec<String>>>()
            })
            .map(|lits| {
                let mut one = lits.iter().map(|l| {
                    let mut cs = l.chars();
                    cs.next().filter(|_| cs.next().is_none())
                });
                match one.by_ref().collect::<Option<Vec<char>>>() {
                    Some(chars) => Need::Chars(chars),
                    None => Need::Strings(lits),
                }
            });
        Gate { edge, need }
    }

    /// False when the regex cannot match `s` (`edge`: its first or last character).
    #[inline]
    fn may(&self, s: &str, edge: Option<char>) -> bool {
        if let Some(ranges) = &self.edge {
            let Some(c) = edge else {
                return false;
            };
            let i = ranges.partition_point(|(_, end)| *end < c);
            if ranges.get(i).is_none_or(|(start, _)| *start > c) {
                return false;
            }
        }
        match &self.need {
            None => true,
            Some(Need::Chars(cs)) => s.chars().any(|c| cs.contains(&c)),
            Some(Need::Strings(ls)) => ls.iter().any(|l| s.contains(l.as_str())),
        }
    }
}

impl Affix {
    /// Where a regex's match cuts: its first capture group that took part, else the whole match
    /// (the end for a prefix, the start for a suffix).
    fn cut_at(&self, c: &regex::Captures<'_>) -> usize {
        let whole = c.get(0).expect("a match");
        let group = c.iter().skip(1).flatten().next();
        if self.prefix {
            group.map_or(whole.end(), |g| g.end())
        } else {
            group.map_or(whole.start(), |g| g.start())
        }
    }

    /// [`Affix::cut`] by the anchored alternations: a quick "no" from both together, then the
    /// regexes (for their capture group), then the words.
    #[cfg(test)]
    fn cut_by_alternations(&self, s: &str) -> Option<usize> {
        let [any, res, words] = &self.alternations;
        let at = |c: regex::Captures<'_>| self.cut_at(&c);
        if any.as_ref().is_some_and(|re| !re.is_match(s)) {
            return None;
        }
        let res = res.as_ref();
        if self.prefix {
            if let Some(c) = res.and_then(|re| re.captures(s)) {
                return Some(at(c));
            }
            return words.as_ref()?.find(s).map(|m| m.end());
        }
        let word = words.as_ref().and_then(|re| re.find(s));
        let re_start = res.and_then(|re| re.find(s)).map(|m| m.start());
        match (re_start, word) {
            (Some(r), w) if w.is_none_or(|w| r <= w.start()) => {
                res.and_then(|re| re.captures(s)).map(at)
            }
            (_, w) => w.map(|m| m.start()),
        }
    }

    /// Where to cut `s`: for a prefix, where what follows it starts; for a suffix, where it
    /// starts. A regex's first capture group that took part marks the cut (so a regex can
    /// require context, e.g. `^(出)[^门]`), else the whole match.
    pub fn cut(&self, s: &str) -> Option<usize> {
        let at = |c: regex::Captures<'_>| self.cut_at(&c);
        let edge = if self.prefix {
            s.chars().next()
        } else {
            s.chars().next_back()
        };
        // A regex its gate rules out does not match: it is not searched.
        let res = self.res.as_ref().filter(|_| self.res_gate.may(s, edge));
        // The words that may match: those of two characters or more that begin (end) with the
        // text's first (last) two, then the one of its first (last) character.
        let two = if self.prefix {
            let mut cs = s.chars();
            cs.next().zip(cs.next())
        } else {
            let mut cs = s.chars().rev();
            cs.next()
                .zip(cs.next())
                .map(|(last, before)| (before, last))
        };
        let words = two
            .and_then(|k| self.words.get(&k))
            .into_iter()
            .flatten()
            .chain(edge.and_then(|c| self.singles.get(&c)));
        if self.prefix {
            // Anchored at the start: the regexes, first in the alternation, win when they match;
            // then the first word in the alternation's order that matches there.
            if let Some(c) = res.and_then(|re| re.captures(s)) {
                return Some(at(c));
            }
            return words
                .into_iter()
                .find(|w| w.fits(s, 0))
                .map(|w| w.text.len());
        }
        // Anchored at the end: the leftmost match wins (of the words, the longest that ends
        // the text), the regexes' at the same start.
        let word = words.into_iter().find_map(|w| {
            let start = s.len().checked_sub(w.text.len())?;
            w.fits(s, start).then_some(start)
        });
        let re_start = res.and_then(|re| re.find(s)).map(|m| m.start());
        match (re_start, word) {
            (Some(r), w) if w.is_none_or(|w| r <= w) => res.and_then(|re| re.captures(s)).map(at),
            (_, w) => w,
        }
    }
}

/// FNV-1a for the word -> category map (a few bytes a key, looked up once a hit).
#[derive(Default)]
pub(crate) struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type WordMap = HashMap<String, u8, std::hash::BuildHasherDefault<FnvHasher>>;

/// A category table: one alternation of all words plus word -> category index.
#[derive(Debug, Clone)]
pub(crate) struct Dict {
    m: Matcher,
    /// The same words as one Aho-Corasick automaton (leftmost-first, the alternation's order)
    /// with each pattern's category index, when the table is plain words: no `_re` regexes,
    /// no word boundaries, no plurals. It finds exactly the alternation's matches, without a
    /// reverse scan per hit or a map look-up.
    ac: Option<(aho_corasick::AhoCorasick, Vec<u8>)>,
    map: WordMap,
    /// `<category>_re` regexes (anchored), consulted when a hit is not a literal word.
    res: Vec<(Regex, u8)>,
    /// English: words also match with a plural `s`/`es`.
    plurals: bool,
    /// Category names, indexed by the map values.
    pub cats: &'static [&'static str],
}

/// A category-table hit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub span: Span,
    pub cat: &'static str,
}

impl Dict {
    /// The alternation of all words and regexes (every hit is one of its matches).
    pub fn regex(&self) -> Option<&Regex> {
        self.m.regex()
    }

    /// All hits, left to right (non-overlapping; at one position the longest word).
    pub fn hits(&self, s: &str) -> Vec<Hit> {
        if let Some((ac, cats)) = &self.ac {
            return ac
                .find_iter(s)
                .map(|m| Hit {
                    span: Span {
                        start: m.start(),
                        end: m.end(),
                    },
                    cat: self.cats[cats[m.pattern().as_usize()] as usize],
                })
                .collect();
        }
        self.regex_hits(s)
    }

    /// [`Dict::hits`] by the alternation (what the automaton must agree with).
    pub fn regex_hits(&self, s: &str) -> Vec<Hit> {
        let Some(re) = self.m.regex() else {
            return Vec::new();
        };
        re.find_iter(s)
            .filter_map(|m| {
                let w = m.as_str();
                let idx = self.map.get(w).copied().or_else(|| {
                    if self.plurals {
                        if let Some(x) = w.strip_suffix('s').and_then(|x| self.map.get(x)) {
                            return Some(*x);
                        }
                        if let Some(x) = w.strip_suffix("es").and_then(|x| self.map.get(x)) {
                            return Some(*x);
                        }
                    }
                    self.res
                        .iter()
                        .find(|(r, _)| r.is_match(w))
                        .map(|(_, i)| *i)
                })?;
                Some(Hit {
                    span: Span {
                        start: m.start(),
                        end: m.end(),
                    },
                    cat: self.cats[idx as usize],
                })
            })
            .collect()
    }
}

/// A pattern with a repeated gap (`{0,12}`, `.*`, `+`): many states in a combined automaton.
fn is_wide(re: &str) -> bool {
    re.contains("{0,") || re.contains("{1,") || re.contains('*') || re.contains('+')
}

fn wide(res: &[String]) -> Vec<String> {
    res.iter().filter(|r| is_wide(r)).cloned().collect()
}

fn narrow(res: &[String]) -> Vec<String> {
    res.iter().filter(|r| !is_wide(r)).cloned().collect()
}

/// One language's compiled lexicon.
#[derive(Debug, Clone)]
pub(crate) struct LangLex {
    pub lang: Lang,
    pub offer: Matcher,
    pub offer_weak: Matcher,
    pub request: Matcher,
    pub request_weak: Matcher,
    pub none: Matcher,
    /// The `none` patterns with wide gaps (`[^,.!?]{0,12}`), slow for the combined automaton:
    /// tried only on a message the rules would make a listing. `none` and `none_late` together
    /// are `kind.none` and `kind.none_re`.
    pub none_late: Matcher,
    pub chatter: Matcher,
    /// An original price ("原价3000元", "$30 new"): its first group is the amount.
    pub price: Matcher,
    /// Interest in a post just made ("我想要", "还在吗", "is it still available").
    pub interest: Matcher,
    /// Offering to help with a request just made ("我可以帮忙", "I can help").
    pub helping: Matcher,
    /// The writer offering their own help or someone's ("我帮您弄", "可以喊他", "找我"): an
    /// offer even where a question to the group ("谁家…", "哪位老人不会") reads as asking.
    pub self_offer: Matcher,
    /// How a post opens that says what it is as plainly as a header ("Giving away …",
    /// "Hunting for …"): the learned layer does not take its card away.
    pub opener: Matcher,
    /// A price asked in money ("50块", "$30"): blanked, never points or a quantity.
    pub money: Matcher,
    pub lend: Matcher,
    pub swap: Matcher,
    pub free: Matcher,
    pub free_not: Matcher,
    pub condition: Dict,
    pub item: Dict,
    /// `[item] modifier`: item words that name who a thing is for (孩子, 宝宝, kids, baby). They
    /// count as an item only right before another item word ("儿童自行车", "kids bike"), never
    /// alone ("可以帮孩子练口语" names no thing).
    pub item_modifier: Vec<String>,
    pub service: Dict,
    /// `[service] not` / `not_re`: phrases in which a service word is not the activity offered
    /// ("搬家清理" is a reason for giving things away, "moving out" a reason, not a removal job).
    pub service_not: Matcher,
    pub skill_trigger: Matcher,
    pub skill: Dict,
    pub title_prefix: Affix,
    pub title_suffix: Affix,
    /// Noise removed anywhere in a title: `title.noise_re`, condition phrases and free words,
    /// compiled into one regex.
    pub title_noise: Matcher,
    pub title_cut: Matcher,
    /// Quantity classifiers (zh), longest first, and the vague ones (no count).
    #[allow(dead_code)]
    pub classifiers: Vec<String>,
    pub vague: Vec<String>,
    /// Words after a number that mean it is not a count (en).
    pub not_count: Vec<String>,
    /// Built-in numeric regexes for this language.
    pub nums: super::numbers::NumRes,
    /// `[synonyms] groups`, lower-case.
    pub synonyms: Vec<Vec<String>>,
    /// Which whole-text matchers can match a text, in one pass.
    pub screen: super::screen::Screen,
}

/// Both languages' keyword tables, compiled. Build once and share (it is `Send + Sync`).
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub(crate) zh: LangLex,
    pub(crate) en: LangLex,
    /// The learned layer (`locales/parse-model.tsv`), when there is one.
    pub model: Option<super::model::Model>,
}

const ZH_SRC: &str = include_str!("../../locales/zh-CN/lexicon.toml");
const EN_SRC: &str = include_str!("../../locales/en/lexicon.toml");
const MODEL_SRC: &str = include_str!("../../locales/parse-model.tsv");

/// The shipped learned layer.
fn builtin_model() -> super::model::Model {
    super::model::Model::from_tsv(MODEL_SRC)
        .unwrap_or_else(|e| panic!("shipped locales/parse-model.tsv is broken: {e}"))
}

impl Lexicon {
    /// Both languages' synonym groups (a group may mix languages: 婴儿车 / stroller).
    pub fn synonym_groups(&self) -> impl Iterator<Item = &Vec<String>> {
        self.zh.synonyms.iter().chain(self.en.synonyms.iter())
    }

    /// The lexicons shipped with the crate (compiled in with `include_str!`).
    ///
    /// # Panics
    /// Only if the shipped files are broken; a unit test proves they load.
    pub fn builtin() -> Lexicon {
        let zh = compile(ZH_SRC, "locales/zh-CN/lexicon.toml", Lang::Zh)
            .unwrap_or_else(|e| panic!("shipped lexicon is broken: {e}"));
        let en = compile(EN_SRC, "locales/en/lexicon.toml", Lang::En)
            .unwrap_or_else(|e| panic!("shipped lexicon is broken: {e}"));
        Lexicon {
            zh,
            en,
            model: Some(builtin_model()),
        }
    }

    /// Load `<locales_dir>/zh-CN/lexicon.toml` and `<locales_dir>/en/lexicon.toml` (read at
    /// start-up, so a social worker can add a word without a rebuild) and check them: unknown
    /// keys or category names, empty words, bad regexes and duplicate category words are errors
    /// naming the file and key.
    pub fn from_dir(locales_dir: &Path) -> Result<Lexicon, LexiconError> {
        let load = |sub: &str, lang: Lang| -> Result<LangLex, LexiconError> {
            let path = locales_dir.join(sub).join("lexicon.toml");
            let shown = path.display().to_string();
            let src = std::fs::read_to_string(&path).map_err(|source| LexiconError::Io {
                path: shown.clone(),
                source,
            })?;
            compile(&src, &shown, lang)
        };
        // The learned layer beside the lexicons, if the directory has one; else the shipped one.
        let path = locales_dir.join("parse-model.tsv");
        let model = match std::fs::read_to_string(&path) {
            Ok(src) => {
                super::model::Model::from_tsv(&src).map_err(|message| LexiconError::Toml {
                    path: path.display().to_string(),
                    message,
                })?
            }
            Err(_) => builtin_model(),
        };
        Ok(Lexicon {
            zh: load("zh-CN", Lang::Zh)?,
            en: load("en", Lang::En)?,
            model: Some(model),
        })
    }

    /// Parse and check lexicons given as TOML text (used by tests and tools).
    pub fn from_toml(zh_src: &str, en_src: &str) -> Result<Lexicon, LexiconError> {
        Ok(Lexicon {
            zh: compile(zh_src, "zh-CN/lexicon.toml", Lang::Zh)?,
            en: compile(en_src, "en/lexicon.toml", Lang::En)?,
            model: Some(builtin_model()),
        })
    }

    pub(crate) fn get(&self, lang: Lang) -> &LangLex {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Compilation and checks
// ---------------------------------------------------------------------------------------------

struct Ctx<'a> {
    path: &'a str,
    boundaries: bool,
}

impl Ctx<'_> {
    fn err(&self, key: &str, message: impl Into<String>) -> LexiconError {
        LexiconError::Invalid {
            path: self.path.to_string(),
            key: key.to_string(),
            message: message.into(),
        }
    }

    /// Lower-cased, trimmed, non-empty words.
    fn words(&self, key: &str, words: &[String]) -> Result<Vec<String>, LexiconError> {
        let mut out = Vec::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            let w = w.to_lowercase();
            // Keep significant inner spaces (" for "), but a word must have a visible character.
            if w.trim().is_empty() {
                return Err(self.err(&format!("{key}[{i}]"), "empty word"));
            }
            out.push(w);
        }
        Ok(out)
    }

    /// Regex source for one literal word (with word boundaries where the lexicon asks for them).
    #[cfg(test)]
    fn word_src(&self, w: &str) -> String {
        self.word_src_pl(w, false)
    }

    /// As `word_src`; with `plural`, an English word also matches with `s` / `es`.
    fn word_src_pl(&self, w: &str, plural: bool) -> String {
        let mut s = String::new();
        let first_word = w
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let last_word = w
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        // ASCII word boundaries keep the lazy DFA fast (English text is normalised to ASCII
        // almost everywhere; a Unicode \b would make the DFA give up on any non-ASCII byte).
        if self.boundaries && first_word {
            s.push_str(r"(?-u:\b)");
        }
        s.push_str(&regex::escape(w));
        if plural
            && self.boundaries
            && w.chars().last().is_some_and(|c| c.is_ascii_alphabetic())
            && !w.ends_with('s')
        {
            s.push_str("(?:e?s)?");
        }
        if self.boundaries && last_word {
            s.push_str(r"(?-u:\b)");
        }
        s
    }

    fn check_res(&self, key: &str, res: &[String]) -> Result<Vec<String>, LexiconError> {
        let mut out = Vec::new();
        for (i, r) in res.iter().enumerate() {
            if r.trim().is_empty() {
                return Err(self.err(&format!("{key}[{i}]"), "empty regex"));
            }
            let r = ascii_boundaries(r);
            Regex::new(&r)
                .map_err(|e| self.err(&format!("{key}[{i}]"), format!("bad regex: {e}")))?;
            out.push(format!("(?:{r})"));
        }
        Ok(out)
    }

    fn alternation(
        &self,
        key: &str,
        words: Vec<String>,
        res: Vec<String>,
    ) -> Result<Option<Regex>, LexiconError> {
        self.alternation_pl(key, words, res, false)
    }

    fn alternation_pl(
        &self,
        key: &str,
        mut words: Vec<String>,
        res: Vec<String>,
        plural: bool,
    ) -> Result<Option<Regex>, LexiconError> {
        words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        words.dedup();
        // Regexes first: they encode context rules and are usually longer phrases.
        let mut alts: Vec<String> = res;
        alts.extend(words.iter().map(|w| self.word_src_pl(w, plural)));
        if alts.is_empty() {
            return Ok(None);
        }
        let src = alts.join("|");
        let re = regex::RegexBuilder::new(&src)
            .size_limit(64 << 20)
            .dfa_size_limit(16 << 20)
            .build()
            .map_err(|e| self.err(key, format!("cannot compile: {e}")))?;
        Ok(Some(re))
    }

    fn matcher(
        &self,
        key: &str,
        words: &[String],
        res: &[String],
    ) -> Result<Matcher, LexiconError> {
        let w = self.words(key, words)?;
        let r = self.check_res(&format!("{key}_re"), res)?;
        Ok(Matcher {
            re: self.alternation(key, w, r)?,
        })
    }

    fn dict(
        &self,
        section: &str,
        table: &BTreeMap<String, Words>,
        cats: &'static [&'static str],
        skip: &[&str],
    ) -> Result<Dict, LexiconError> {
        let mut map = WordMap::default();
        let mut all = Vec::new();
        let mut res = Vec::new();
        let mut all_res = Vec::new();
        for (cat, words) in table {
            if skip.contains(&cat.as_str()) {
                continue;
            }
            if let Some(base) = cat.strip_suffix("_re") {
                let key = format!("{section}.{cat}");
                let Some(idx) = cats.iter().position(|c| *c == base) else {
                    return Err(self.err(
                        &key,
                        format!(
                            "unknown category `{base}` (expected one of: {})",
                            cats.join(", ")
                        ),
                    ));
                };
                for (i, r) in self.check_res(&key, words)?.into_iter().enumerate() {
                    let anchored = Regex::new(&format!("^{r}$"))
                        .map_err(|e| self.err(&format!("{key}[{i}]"), format!("bad regex: {e}")))?;
                    res.push((anchored, idx as u8));
                    all_res.push(r);
                }
                continue;
            }
            let key = format!("{section}.{cat}");
            let Some(idx) = cats.iter().position(|c| c == cat) else {
                return Err(self.err(
                    &key,
                    format!(
                        "unknown category `{cat}` (expected one of: {})",
                        cats.join(", ")
                    ),
                ));
            };
            for w in self.words(&key, words)? {
                if let Some(&prev) = map.get(&w) {
                    if prev as usize != idx {
                        return Err(self.err(
                            &key,
                            format!("word `{w}` is also in {section}.{}", cats[prev as usize]),
                        ));
                    }
                    return Err(self.err(&key, format!("duplicate word `{w}`")));
                }
                map.insert(w.clone(), idx as u8);
                all.push(w);
            }
        }
        let plurals = self.boundaries;
        let ac = if plurals || !all_res.is_empty() || all.is_empty() {
            None
        } else {
            Some(literal_automaton(section, &all, &map, self)?)
        };
        let m = Matcher {
            re: self.alternation_pl(section, all, all_res, plurals)?,
        };
        Ok(Dict {
            m,
            ac,
            map,
            res,
            plurals,
            cats,
        })
    }

    /// Anchored alternation for title prefix (`^(?:…)`) or suffix (`(?:…)$`) stripping.
    fn anchored(
        &self,
        key: &str,
        words: &[String],
        res: &[String],
        prefix: bool,
    ) -> Result<Affix, LexiconError> {
        let mut w = self.words(key, words)?;
        w.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        w.dedup();
        let r = self.check_res(&format!("{key}_re"), res)?;
        let res = if r.is_empty() {
            None
        } else {
            // Regexes may carry a capture group 1.
            let src = if prefix {
                format!("^(?:{})", r.join("|"))
            } else {
                format!("(?:{})$", r.join("|"))
            };
            Some(Regex::new(&src).map_err(|e| self.err(key, format!("cannot compile: {e}")))?)
        };
        // The words as `word_src` writes them: the literal word, with a word boundary on a side
        // that is a word character when the lexicon asks for boundaries.
        let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let mut by_two: HashMap<(char, char), Vec<AffixWord>, _> = HashMap::default();
        let mut singles: HashMap<char, AffixWord, _> = HashMap::default();
        for x in &w {
            let (first, last) = (x.chars().next(), x.chars().next_back());
            let word = AffixWord {
                text: x.clone(),
                boundary_before: self.boundaries && word_char(first),
                boundary_after: self.boundaries && word_char(last),
            };
            let chars: Vec<char> = x.chars().collect();
            match chars[..] {
                [] => {}
                [c] => {
                    singles.insert(c, word);
                }
                [a, b, ..] if prefix => by_two.entry((a, b)).or_default().push(word),
                [.., a, b] => by_two.entry((a, b)).or_default().push(word),
            }
        }
        #[cfg(test)]
        let alternations = {
            let anchor = |alts: &[String]| {
                (!alts.is_empty()).then(|| {
                    Regex::new(&if prefix {
                        format!("^(?:{})", alts.join("|"))
                    } else {
                        format!("(?:{})$", alts.join("|"))
                    })
                    .expect("compiles")
                })
            };
            let words: Vec<String> = w.iter().map(|x| self.word_src(x)).collect();
            let words = if words.is_empty() {
                Vec::new()
            } else {
                vec![format!("(?:{})", words.join("|"))]
            };
            [
                match (r.is_empty(), words.is_empty()) {
                    (false, false) => anchor(&[r.clone(), words.clone()].concat()),
                    _ => None,
                },
                anchor(&r),
                anchor(&words),
            ]
        };
        Ok(Affix {
            res_gate: res
                .as_ref()
                .map_or_else(Gate::default, |re| Gate::new(re.as_str(), prefix)),
            res,
            words: by_two,
            singles,
            prefix,
            #[cfg(test)]
            alternations,
        })
    }
}

/// Plain words as an Aho-Corasick automaton in the alternation's order (longest first, then
/// by text; see [`Ctx::alternation_pl`]), leftmost-first as the regex, with each pattern's
/// category index from `map`.
fn literal_automaton(
    section: &str,
    words: &[String],
    map: &WordMap,
    ctx: &Ctx,
) -> Result<(aho_corasick::AhoCorasick, Vec<u8>), LexiconError> {
    let mut words = words.to_vec();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    words.dedup();
    let cats = words.iter().map(|w| map[w]).collect();
    let ac = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        // A full DFA: a table look-up a byte (Chinese text gives a prefilter little to skip).
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&words)
        .map_err(|e| ctx.err(section, format!("cannot compile: {e}")))?;
    Ok((ac, cats))
}

/// Read one language's lexicon file and compile it; errors name `path` and the key.
fn compile(src: &str, path: &str, lang: Lang) -> Result<LangLex, LexiconError> {
    let raw = read_raw(src, path, lang)?;
    let ctx = Ctx {
        path,
        boundaries: raw.meta.word_boundaries,
    };
    let k = &raw.kind;
    let m = &raw.mode;
    let t = &raw.title;
    let (skill_trigger, skill) = compile_skills(&ctx, &raw.skill)?;
    let units = compile_units(&ctx, &raw.units, lang)?;
    let mut ll = LangLex {
        lang,
        offer: ctx.matcher("kind.offer", &k.offer, &k.offer_re)?,
        offer_weak: ctx.matcher("kind.offer_weak", &k.offer_weak, &k.offer_weak_re)?,
        request: ctx.matcher("kind.request", &k.request, &k.request_re)?,
        request_weak: ctx.matcher("kind.request_weak", &k.request_weak, &k.request_weak_re)?,
        none: ctx.matcher("kind.none", &k.none, &narrow(&k.none_re))?,
        none_late: ctx.matcher("kind.none", &[], &wide(&k.none_re))?,
        chatter: ctx.matcher("kind.chatter", &k.chatter, &k.chatter_re)?,
        price: ctx.matcher("kind.price", &[], &k.price_re)?,
        interest: ctx.matcher("kind.interest", &k.interest, &k.interest_re)?,
        helping: ctx.matcher("kind.helping", &k.helping, &k.helping_re)?,
        self_offer: ctx.matcher("kind.self_offer", &k.self_offer, &k.self_offer_re)?,
        opener: ctx.matcher("kind.opener", &[], &k.opener_re)?,
        money: ctx.matcher("kind.money", &[], &k.money_re)?,
        lend: ctx.matcher("mode.lend", &m.lend, &m.lend_re)?,
        swap: ctx.matcher("mode.swap", &m.swap, &m.swap_re)?,
        free: ctx.matcher("free.words", &raw.free.words, &raw.free.words_re)?,
        free_not: ctx.matcher("free.free_not", &raw.free.free_not, &[])?,
        condition: ctx.dict("condition", &raw.condition, COND_CATS, &[])?,
        item: ctx.dict("item", &raw.item, ITEM_CATS, &["modifier"])?,
        item_modifier: check_item_modifiers(&ctx, &raw.item)?,
        service: ctx.dict("service", &raw.service, SERVICE_CATS, &["not", "not_re"])?,
        service_not: ctx.matcher(
            "service.not",
            &raw.service.get("not").cloned().unwrap_or_default(),
            &raw.service.get("not_re").cloned().unwrap_or_default(),
        )?,
        skill_trigger,
        skill,
        title_prefix: ctx.anchored("title.prefix", &t.prefix, &t.prefix_re, true)?,
        title_suffix: ctx.anchored("title.suffix", &t.suffix, &t.suffix_re, false)?,
        title_noise: compile_title_noise(&ctx, &raw)?,
        // connectives are matched literally (with their spaces), not as whole words
        title_cut: Ctx {
            path,
            boundaries: false,
        }
        .matcher("title.cut", &t.cut, &[])?,
        classifiers: units.classifiers,
        vague: units.vague,
        not_count: units.not_count,
        nums: units.nums,
        synonyms: compile_synonyms(path, &raw.synonyms.groups)?,
        screen: Default::default(),
    };
    ll.screen = super::screen::Screen::new(&ll)
        .map_err(|e| ctx.err("kind", format!("cannot compile the screen: {e}")))?;
    Ok(ll)
}

/// `[synonyms] groups`: words that name the same thing for search and matching (电钻 /
/// 冲击钻 / drill). Each group has two words or more, none empty; stored lower-case.
fn compile_synonyms(path: &str, groups: &[Words]) -> Result<Vec<Vec<String>>, LexiconError> {
    let ctx = Ctx {
        path,
        boundaries: false,
    };
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            if g.len() < 2 || g.iter().any(|w| w.trim().is_empty()) {
                return Err(ctx.err(
                    "synonyms.groups",
                    format!("group {} needs two words or more, none empty", i + 1),
                ));
            }
            Ok(g.iter().map(|w| w.trim().to_lowercase()).collect())
        })
        .collect()
}

/// Parse the TOML text and check that `meta.lang` is the language it is loaded as (a Chinese
/// file in the English slot would silently break parsing).
fn read_raw(src: &str, path: &str, lang: Lang) -> Result<RawFile, LexiconError> {
    let raw: RawFile = toml::from_str(src).map_err(|e| LexiconError::Toml {
        path: path.to_string(),
        message: e.to_string(),
    })?;
    let expect = match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    if !raw.meta.lang.to_lowercase().starts_with(expect) {
        let ctx = Ctx {
            path,
            boundaries: raw.meta.word_boundaries,
        };
        return Err(ctx.err(
            "meta.lang",
            format!("expected `{expect}`, found `{}`", raw.meta.lang),
        ));
    }
    Ok(raw)
}

/// Compile the `[skill]` section: the trigger phrases (`triggers` / `triggers_re`, which are not
/// categories) and the category table of skill subjects.
fn compile_skills(
    ctx: &Ctx,
    table: &BTreeMap<String, Words>,
) -> Result<(Matcher, Dict), LexiconError> {
    let trig = table.get("triggers").cloned().unwrap_or_default();
    let trig_re = table.get("triggers_re").cloned().unwrap_or_default();
    let skill_trigger = ctx.matcher("skill.triggers", &trig, &trig_re)?;
    let skill = ctx.dict("skill", table, SKILL_CATS, &["triggers", "triggers_re"])?;
    Ok((skill_trigger, skill))
}

/// The compiled `[units]` section and the number regexes built from its classifiers.
struct Units {
    /// Quantity classifiers, longest first.
    classifiers: Vec<String>,
    vague: Vec<String>,
    not_count: Vec<String>,
    nums: super::numbers::NumRes,
}

/// Compile the `[units]` section: classifiers (longest first, so the quantity regex's
/// alternation tries the longest classifier first), vague classifiers (which must be
/// classifiers), words that make a number not a count, and the language's number regexes.
fn compile_units(ctx: &Ctx, units: &RawUnits, lang: Lang) -> Result<Units, LexiconError> {
    let mut classifiers = ctx.words("units.classifiers", &units.classifiers)?;
    classifiers.sort_by_key(|c| std::cmp::Reverse(c.chars().count()));
    let vague = ctx.words("units.vague", &units.vague)?;
    for v in &vague {
        if !classifiers.contains(v) {
            return Err(ctx.err("units.vague", format!("`{v}` is not in units.classifiers")));
        }
    }
    let not_count = ctx.words("units.not_count", &units.not_count)?;
    let nums = super::numbers::NumRes::new(lang, &classifiers).map_err(|e| {
        ctx.err(
            "units.classifiers",
            format!("cannot build quantity regex: {e}"),
        )
    })?;
    Ok(Units {
        classifiers,
        vague,
        not_count,
        nums,
    })
}

/// Read `[item] modifier` and check that every modifier word is also a word of some item
/// category: a modifier only counts right before another item word, so it must be found as one.
fn check_item_modifiers(
    ctx: &Ctx,
    item: &BTreeMap<String, Words>,
) -> Result<Vec<String>, LexiconError> {
    let m = ctx.words(
        "item.modifier",
        &item.get("modifier").cloned().unwrap_or_default(),
    )?;
    let all: Vec<&String> = item
        .iter()
        .filter(|(k, _)| k.as_str() != "modifier")
        .flat_map(|(_, v)| v)
        .collect();
    if let Some(w) = m
        .iter()
        .find(|w| !all.iter().any(|a| a.to_lowercase() == **w))
    {
        return Err(ctx.err(
            "item.modifier",
            format!("`{w}` is not in any item category"),
        ));
    }
    Ok(m)
}

/// Compile the noise removed anywhere in a title: `title.noise_re`, the condition words and the
/// free words (the title names the thing, its condition and price are fields of their own).
fn compile_title_noise(ctx: &Ctx, raw: &RawFile) -> Result<Matcher, LexiconError> {
    let mut words: Vec<String> = raw
        .condition
        .iter()
        .filter(|(k, _)| !k.ends_with("_re"))
        .flat_map(|(_, v)| v.clone())
        .collect();
    words.extend(raw.free.words.iter().cloned());
    let mut res = raw.title.noise_re.clone();
    res.extend(raw.free.words_re.iter().cloned());
    ctx.matcher("title.noise", &words, &res)
}

/// A lexicon regex with its word boundaries (`\b`, `\B`) made ASCII ones, as the word lists'
/// are: a Unicode boundary makes the lazy DFA give up on any non-ASCII byte (every Chinese
/// character), and the slow engines then cost a long message hundreds of microseconds. An
/// English word beside a Chinese one ("iso转换插头") is a word of its own this way, too.
fn ascii_boundaries(r: &str) -> String {
    let mut out = String::with_capacity(r.len() + 8);
    let mut chars = r.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str(r"(?-u:\b)"),
            Some('B') => out.push_str(r"(?-u:\B)"),
            Some(n) => {
                out.push(c);
                out.push(n);
            }
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
pub(super) mod tests {
    /// Every corpus text (normalised, and its tails, as titles and clauses are searched too).
    fn corpus_texts() -> Vec<String> {
        corpus_texts_every(3)
    }

    /// Every corpus text, normalised, and its tails from every `step`th character.
    pub(in crate::parse) fn corpus_texts_every(step: usize) -> Vec<String> {
        let mut files = vec![std::path::PathBuf::from("tests/corpus")];
        let mut texts = Vec::new();
        while let Some(p) = files.pop() {
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            } else if p.extension().is_some_and(|e| e == "jsonl") {
                for line in std::fs::read_to_string(&p).unwrap().lines() {
                    let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
                    if let Some(t) = v["text"].as_str() {
                        let t = super::super::normalize::normalize(t);
                        let tails: Vec<String> = t
                            .char_indices()
                            .step_by(step)
                            .map(|(i, _)| t[i..].to_string())
                            .collect();
                        texts.push(t);
                        texts.extend(tails);
                    }
                }
            }
        }
        assert!(texts.len() > 10_000, "the corpus is read");
        texts
    }

    /// The category tables' automata find exactly what their alternations find.
    #[test]
    fn word_automata_find_what_the_alternations_find() {
        let lex = super::Lexicon::builtin();
        let texts = corpus_texts();
        let mut automata = 0;
        for ll in [&lex.zh, &lex.en] {
            for d in [&ll.item, &ll.service, &ll.skill, &ll.condition] {
                automata += d.ac.is_some() as usize;
                for t in &texts {
                    let (a, b) = (d.hits(t), d.regex_hits(t));
                    assert_eq!(a.len(), b.len(), "{t}");
                    for (x, y) in a.iter().zip(&b) {
                        assert!(x.span == y.span && x.cat == y.cat, "{t}");
                    }
                }
            }
        }
        assert!(automata > 0, "some table is plain words");
    }

    /// The title prefixes and suffixes cut where their anchored alternations would, on every
    /// corpus text, its tails and its heads (and both languages' lexicons on each).
    #[test]
    fn affix_cuts_agree_with_the_alternations() {
        let lex = super::Lexicon::builtin();
        let mut texts = corpus_texts();
        let heads: Vec<String> = texts
            .iter()
            .step_by(7)
            .flat_map(|t| {
                t.char_indices()
                    .step_by(2)
                    .map(|(i, _)| t[..i].to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        texts.extend(heads);
        let mut cuts = 0;
        for ll in [&lex.zh, &lex.en] {
            for a in [&ll.title_prefix, &ll.title_suffix] {
                for t in &texts {
                    let (x, y) = (a.cut(t), a.cut_by_alternations(t));
                    assert_eq!(x, y, "{t:?}");
                    cuts += x.is_some() as usize;
                }
            }
        }
        assert!(cuts > 1_000, "the corpus has prefixes and suffixes to cut");
    }

    #[test]
    fn boundaries_become_ascii_and_other_escapes_stay() {
        assert_eq!(
            super::ascii_boundaries(r"\bfree\b\s*\d+\B\\b"),
            r"(?-u:\b)free(?-u:\b)\s*\d+(?-u:\B)\\b"
        );
    }
}
