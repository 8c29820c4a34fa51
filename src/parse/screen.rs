//! One pass over a message that tells which of the whole-text matchers cannot match it.
//!
//! The rules search the whole (normalised, price-blanked) text with a dozen matchers, and most
//! of them find nothing in most messages: each of those searches is still a full pass over the
//! text. One Aho-Corasick pass answers for all of them: a matcher is ruled out when none of
//! its *necessary literals* occurs in the text, and it is then not searched (its answer is
//! known: no match); one that is not ruled out is searched as before, so every answer is the
//! same.
//!
//! A matcher's necessary literals ([`need`]) are strings one of which every match holds: its
//! words themselves, and for a regex branch the literal strings of a part every match must
//! contain (a concatenation matches only where each of its parts does). A matcher with a
//! branch that has none is never ruled out. (A `RegexSet` of the regexes themselves gave the
//! same answers, but its lazy DFA built new states on most new texts: a second's warm-up, and
//! slow on long messages.)

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};

use super::lexicon::{LangLex, Matcher, Span};

/// The whole-text matchers the screen answers for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scan {
    None,
    Offer,
    Request,
    OfferWeak,
    RequestWeak,
    Chatter,
    Lend,
    Swap,
    Free,
    FreeNot,
    ServiceNot,
    SkillTrigger,
    /// The service table's alternation (the hits are a subset of its matches).
    Service,
}

const SCANS: usize = 13;

/// The regex of each [`Scan`], in its order.
fn regexes(ll: &LangLex) -> [Option<&Regex>; SCANS] {
    [
        ll.none.regex(),
        ll.offer.regex(),
        ll.request.regex(),
        ll.offer_weak.regex(),
        ll.request_weak.regex(),
        ll.chatter.regex(),
        ll.lend.regex(),
        ll.swap.regex(),
        ll.free.regex(),
        ll.free_not.regex(),
        ll.service_not.regex(),
        ll.skill_trigger.regex(),
        ll.service.regex(),
    ]
}

/// The automaton of every screened matcher's necessary literals, each literal's matchers (a
/// bit per [`Scan`]), and the matchers that are never ruled out.
#[derive(Debug, Clone, Default)]
pub(crate) struct Screen {
    ac: Option<AhoCorasick>,
    owners: Vec<u32>,
    always: u32,
}

/// Longer texts are not screened (see [`Screen::scan`]).
const SCREEN_MAX_BYTES: usize = 512;

/// The most literals one matcher's screen may hold (beyond it, it is not screened).
const MAX_LITERALS: usize = 20_000;

impl Screen {
    /// The screen of a compiled lexicon's matchers (from their very regexes).
    pub fn new(ll: &LangLex) -> Result<Screen, String> {
        let mut lits: std::collections::BTreeMap<Vec<u8>, u32> = Default::default();
        let mut always = 0u32;
        for (i, re) in regexes(ll).into_iter().enumerate() {
            // An empty matcher never matches: it is ruled out always.
            let Some(re) = re else { continue };
            let hir =
                regex_syntax::parse(re.as_str()).map_err(|e| format!("screen pattern {i}: {e}"))?;
            match need(&hir).filter(|l| l.len() <= MAX_LITERALS) {
                Some(l) => {
                    for lit in l {
                        *lits.entry(lit).or_default() |= 1 << i;
                    }
                }
                None => always |= 1 << i,
            }
        }
        if lits.is_empty() {
            return Ok(Screen {
                always,
                ..Screen::default()
            });
        }
        // Every occurrence is wanted (overlapping), and a full DFA: no warm-up, a table
        // look-up a byte.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(lits.keys())
            .map_err(|e| format!("screen automaton: {e}"))?;
        Ok(Screen {
            ac: Some(ac),
            owners: lits.into_values().collect(),
            always,
        })
    }

    /// Which matchers may match `t` (those left out cannot).
    pub fn scan(&self, t: &str) -> Seen {
        // A long text holds some literal of nearly every matcher, and the pass would only add
        // its cost (4,096 characters: +37%): every matcher is searched, as without a screen.
        if t.len() > SCREEN_MAX_BYTES {
            return Seen(u32::MAX);
        }
        let mut bits = self.always;
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(t) {
                bits |= self.owners[m.pattern().as_usize()];
            }
        }
        Seen(bits)
    }
}

/// A screen's answer for one text: the matchers that may match it somewhere.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seen(u32);

impl Seen {
    /// Whether the matcher may match the text (false: it does not).
    pub fn may(self, s: Scan) -> bool {
        self.0 & (1 << s as u32) != 0
    }
    /// `m.is_match(t)`, not searched when the screen says it finds nothing.
    pub fn is_match(self, s: Scan, m: &Matcher, t: &str) -> bool {
        self.may(s) && m.is_match(t)
    }
    /// `m.find(t)`, not searched when the screen says it finds nothing.
    pub fn find(self, s: Scan, m: &Matcher, t: &str) -> Option<Span> {
        self.may(s).then(|| m.find(t)).flatten()
    }
    /// `m.find_all(t)`, not searched when the screen says it finds nothing.
    pub fn find_all(self, s: Scan, m: &Matcher, t: &str) -> Vec<Span> {
        if self.may(s) {
            m.find_all(t)
        } else {
            Vec::new()
        }
    }
}

/// The characters a match of a regex can begin with (`first`) or end with, as sorted, merged
/// ranges: `None` when unknown, or when the regex can match the empty string (then a match
/// need not hold any character).
pub(crate) fn edge_chars(re: &str, first: bool) -> Option<Vec<(char, char)>> {
    let hir = regex_syntax::parse(re).ok()?;
    let (mut ranges, nullable) = edge(&hir, first)?;
    if nullable {
        return None;
    }
    ranges.sort_unstable();
    let mut out: Vec<(char, char)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match out.last_mut() {
            Some((_, e)) if (a as u32) <= (*e as u32).saturating_add(1) => {
                if b > *e {
                    *e = b;
                }
            }
            _ => out.push((a, b)),
        }
    }
    Some(out)
}

/// [`edge_chars`] of a syntax tree: the ranges, and whether it can match the empty string.
fn edge(h: &Hir, first: bool) -> Option<(Vec<(char, char)>, bool)> {
    Some(match h.kind() {
        HirKind::Empty | HirKind::Look(_) => (Vec::new(), true),
        HirKind::Literal(l) => {
            let s = std::str::from_utf8(&l.0).ok()?;
            let c = if first {
                s.chars().next()
            } else {
                s.chars().next_back()
            };
            match c {
                Some(c) => (vec![(c, c)], false),
                None => (Vec::new(), true),
            }
        }
        HirKind::Class(Class::Unicode(c)) => (
            c.ranges().iter().map(|r| (r.start(), r.end())).collect(),
            false,
        ),
        HirKind::Class(Class::Bytes(c)) => {
            // Only ASCII bytes are whole characters.
            if c.ranges().iter().any(|r| r.end() > 0x7f) {
                return None;
            }
            (
                c.ranges()
                    .iter()
                    .map(|r| (char::from(r.start()), char::from(r.end())))
                    .collect(),
                false,
            )
        }
        HirKind::Capture(c) => edge(&c.sub, first)?,
        HirKind::Repetition(r) => {
            let (set, nullable) = edge(&r.sub, first)?;
            (set, nullable || r.min == 0)
        }
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            let mut nullable = false;
            for s in subs {
                let (set, n) = edge(s, first)?;
                all.extend(set);
                nullable |= n;
            }
            (all, nullable)
        }
        HirKind::Concat(subs) => {
            let mut all = Vec::new();
            let parts: Box<dyn Iterator<Item = &Hir>> = if first {
                Box::new(subs.iter())
            } else {
                Box::new(subs.iter().rev())
            };
            for s in parts {
                let (set, n) = edge(s, first)?;
                all.extend(set);
                if !n {
                    return Some((all, false));
                }
            }
            (all, true)
        }
    })
}

/// The necessary literals of a regex (see [`need`]), when it has some.
pub(crate) fn need_literals(re: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::parse(re).ok()?;
    need(&hir).filter(|l| !l.is_empty() && l.len() <= MAX_LITERALS && score(l) > 0)
}

/// Cross products larger than this are not formed (the part is not used as a literal set).
const MAX_PRODUCT: usize = 4_096;

/// The strings `h` matches, when they are few and none is empty: literals, small classes
/// (出|卖|转|送), and their alternations and concatenations.
fn lits(h: &Hir) -> Option<Vec<Vec<u8>>> {
    let out = match h.kind() {
        HirKind::Literal(l) => vec![l.0.to_vec()],
        HirKind::Class(Class::Unicode(c)) => {
            let n: u32 = c
                .ranges()
                .iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum();
            if n > 8 {
                return None;
            }
            c.ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(|ch| ch.to_string().into_bytes())
                .collect()
        }
        HirKind::Capture(c) => lits(&c.sub)?,
        HirKind::Repetition(r) if r.min == 1 && r.max == Some(1) => lits(&r.sub)?,
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for s in subs {
                all.extend(lits(s)?);
                if all.len() > MAX_PRODUCT {
                    return None;
                }
            }
            all
        }
        HirKind::Concat(subs) => {
            let mut acc: Vec<Vec<u8>> = vec![Vec::new()];
            for s in subs {
                let next = lits(s)?;
                if acc.len() * next.len() > MAX_PRODUCT {
                    return None;
                }
                acc = acc
                    .iter()
                    .flat_map(|a| next.iter().map(move |b| [a.as_slice(), b].concat()))
                    .collect();
            }
            acc
        }
        _ => return None,
    };
    Some(out)
}

/// How selective a literal set is: its shortest literal's length.
fn score(l: &[Vec<u8>]) -> usize {
    l.iter().map(Vec::len).min().unwrap_or(0)
}

/// Necessary literals of `h`: strings one of which every match of `h` holds (`None`: none
/// known). The literal set of `h` itself when it has one; for an alternation, its branches'
/// together; for a group or a repetition of at least one, what it holds; for a concatenation,
/// the most selective of its parts' and of its runs of consecutive literal parts' (each part
/// of a match is in the match).
fn need(h: &Hir) -> Option<Vec<Vec<u8>>> {
    if let Some(l) = lits(h) {
        return Some(l);
    }
    match h.kind() {
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for s in subs {
                all.extend(need(s)?);
            }
            Some(all)
        }
        HirKind::Capture(c) => need(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => need(&r.sub),
        HirKind::Concat(subs) => {
            let mut best: Option<Vec<Vec<u8>>> = None;
            let mut consider = |cand: Option<Vec<Vec<u8>>>| {
                if let Some(c) = cand.filter(|c| score(c) > 0) {
                    if best.as_ref().is_none_or(|b| score(&c) > score(b)) {
                        best = Some(c);
                    }
                }
            };
            // Runs of consecutive parts with literal sets, each as one set.
            for start in 0..subs.len() {
                for end in start + 1..=subs.len() {
                    let run = Hir::concat(subs[start..end].to_vec());
                    match lits(&run) {
                        Some(l) => consider(Some(l)),
                        None => break,
                    }
                }
            }
            for s in subs {
                consider(need(s));
            }
            best
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needed(re: &str) -> Vec<String> {
        let mut v: Vec<String> = need(&regex_syntax::parse(re).unwrap())
            .unwrap_or_default()
            .into_iter()
            .map(|l| String::from_utf8(l).unwrap())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn necessary_literals_are_what_every_match_holds() {
        // Words are their own; a regex branch gives its most selective run of literal parts.
        assert_eq!(needed("出闲置|出借"), ["出借", "出闲置"]);
        assert_eq!(needed(r"(?:^|[\s,.])求助[ \t]*:?"), ["求助"]);
        assert_eq!(
            needed("(?:谁|哪个)[^,.!?]{0,3}(?:拿去|拿走)"),
            ["拿去", "拿走"]
        );
        assert_eq!(needed("送(?:[一二]|个)"), ["送一", "送个", "送二"]);
        // A branch without literal text: the matcher is not screened.
        assert!(need(&regex_syntax::parse(r"想借|\d+").unwrap()).is_none());
    }

    /// Every corpus text, normalised, and its tails.
    fn corpus_texts() -> Vec<String> {
        super::super::lexicon::tests::corpus_texts_every(5)
    }

    /// The screen never rules out a matcher that matches: on every corpus text (in both
    /// languages' lexicons), each matcher's own search agrees with the screen's "no".
    #[test]
    fn the_screen_never_rules_out_a_match() {
        let lex = super::super::Lexicon::builtin();
        let texts = corpus_texts();
        let mut ruled_out = 0usize;
        for ll in [&lex.zh, &lex.en] {
            for t in &texts {
                let seen = ll.screen.scan(t);
                for (i, re) in regexes(ll).into_iter().enumerate() {
                    let may = seen.0 & (1 << i) != 0;
                    let is = re.is_some_and(|re| re.is_match(t));
                    assert!(may || !is, "matcher {i} matches {t:?}");
                    ruled_out += !may as usize;
                }
            }
        }
        assert!(
            ruled_out > texts.len(),
            "the screen rules some searches out"
        );
    }
}
