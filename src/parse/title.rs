//! Title extraction: the thing's (or service's) short name, with keyword noise, points,
//! condition, quantity, time and pickup phrases removed.
//!
//! The message is split into clauses; the clause holding the anchor (the item word, service
//! phrase or skill trigger that decided the resource) is cleaned first, then the others in
//! order until one leaves a usable name.

use super::lexicon::{LangLex, Span};
use super::normalize::is_han;
use super::Lang;

/// Maximum title length (characters) for Chinese, and words for English.
const ZH_MAX_CHARS: usize = 20;
const EN_MAX_WORDS: usize = 7;

fn is_sep(c: char, lang: Lang) -> bool {
    match c {
        ',' | '.' | ';' | '!' | '?' | ':' | '\n' | '\r' | '(' | ')' | '[' | ']' | '|' | '~'
        | '/' | '\t' | '*' => true,
        ' ' => lang == Lang::Zh,
        // other CJK / symbol punctuation separates Chinese clauses; 《书名》 stays inside its clause
        _ => {
            lang == Lang::Zh
                && c as u32 > 0x2000
                && !is_han(c)
                && !matches!(c, '《' | '》')
                && !c.is_alphanumeric()
        }
    }
}

/// A Latin word after a model's number ("iPhone 12 Pro"): `before` ends in the number, which
/// follows a Latin word and a space.
fn model_suffix(before: &str, next: Option<char>) -> bool {
    let digits = before.trim_end_matches(|c: char| c.is_ascii_digit());
    next.is_some_and(|n| n.is_ascii_alphabetic())
        && digits.len() < before.len()
        && digits
            .strip_suffix(' ')
            .and_then(|w| w.chars().next_back())
            .is_some_and(|c| c.is_ascii_alphabetic())
}

/// Clause spans (byte ranges) of `t`.
fn clauses(t: &str, lang: Lang) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in t.char_indices() {
        // "1.5" keeps its dot.
        if c == '.' && lang == Lang::En {
            let prev = t[..i].chars().next_back();
            let next = t[i + 1..].chars().next();
            if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            {
                continue;
            }
        }
        // Chinese: a space between a Latin word and a Han word joins them ("iPad 充电器").
        if c == ' ' && lang == Lang::Zh {
            let prev = t[..i].chars().next_back();
            let next = t[i + 1..].chars().next();
            let latin = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphabetic());
            let han = |x: Option<char>| x.is_some_and(is_han);
            // Nor between two Latin words ("出 a baby stroller" keeps "baby stroller").
            // Nor before a model's number ("iPad Air 2", "iPhone 12 Pro").
            let model_number = latin(prev)
                && t[i + 1..]
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .next()
                    .is_some_and(|w| {
                        (1..=3).contains(&w.chars().take_while(char::is_ascii_digit).count())
                            && w.starts_with(|c: char| c.is_ascii_digit())
                    });
            if (latin(prev) && han(next))
                || (han(prev) && latin(next))
                || (latin(prev) && latin(next))
                || model_number
                || model_suffix(&t[..i], next)
            {
                continue;
            }
        }
        if is_sep(c, lang) {
            if i > start {
                out.push(Span { start, end: i });
            }
            start = i + c.len_utf8();
        }
    }
    if start < t.len() {
        out.push(Span {
            start,
            end: t.len(),
        });
    }
    out
}

/// Remove the given byte spans (may overlap) from `s`.
fn remove_spans(s: &str, spans: &mut [Span], lang: Lang) -> String {
    if spans.is_empty() {
        return s.to_string();
    }
    spans.sort_by_key(|x| x.start);
    let mut out = String::with_capacity(s.len());
    let mut pos = 0;
    for sp in spans.iter() {
        if sp.start > pos {
            out.push_str(&s[pos..sp.start]);
        }
        pos = pos.max(sp.end);
        if lang == Lang::En {
            out.push(' ');
        }
    }
    if pos < s.len() {
        out.push_str(&s[pos..]);
    }
    out
}

fn trim_junk(s: &str) -> &str {
    s.trim_matches(|c: char| !(is_han(c) || c.is_alphanumeric()))
}

/// Strip anchored prefixes / suffixes repeatedly. If a regex alternative has a capture group
/// that took part, only that group is removed.
fn strip(ll: &LangLex, s: String) -> String {
    strip_fix(ll, s).0
}

/// [`strip`], and whether its answer is a fixed point: stripping it again leaves it as it is
/// (its last round cut nothing, or it is empty), so `strip` need not be asked again.
fn strip_fix(ll: &LangLex, s: String) -> (String, bool) {
    let (cut, fixed) = strip_slice(ll, &s);
    // Stripping only shortens, so a cut of the same length is the whole text: kept as it is.
    if cut.len() == s.len() {
        return (s, fixed);
    }
    (cut.to_string(), fixed)
}

/// [`strip_fix`] on slices of `s` (each round cuts a slice off the last one's ends): one
/// String at the end instead of one a cut.
fn strip_slice<'a>(ll: &LangLex, mut s: &'a str) -> (&'a str, bool) {
    for _ in 0..8 {
        let before = s.len();
        if let Some(end) = ll.title_prefix.cut(s).filter(|&end| end > 0) {
            s = trim_junk(&s[end..]);
        }
        if let Some(start) = ll.title_suffix.cut(s).filter(|&start| start < s.len()) {
            s = trim_junk(&s[..start]);
        }
        if s.len() == before || s.is_empty() {
            return (s, true);
        }
    }
    (s, false)
}

/// Clean one clause into a title candidate.
fn clean(ll: &LangLex, clause: &str) -> String {
    let lang = ll.lang;
    // First strip leading markers (出闲置：, OFFER, 求借 …) so a later noise removal cannot
    // expose a fake prefix (收纳箱 must not lose its 收).
    let (cut, fixed) = strip_slice(ll, trim_junk(clause));
    let mut s = cut.to_string();
    // The stripped text, when stripping it again would leave it as it is.
    let stripped = fixed.then_some(cut);
    // English: cut at the first connective (" for ", " from " …).
    if lang == Lang::En {
        let padded = format!(" {} ", s);
        let cut = ll
            .title_cut
            .spans(&padded)
            .map(|m| m.start)
            .find(|&p| p > 0);
        if let Some(cut) = cut {
            s = padded[1..cut.max(1)].to_string();
        }
    }

    // Remove noise anywhere: pickup/location/time phrases, condition, points, quantity, hours.
    let mut spans: Vec<Span> = ll.title_noise.find_all(&s);
    spans.extend(ll.nums.noise_spans(&s));
    if !spans.is_empty() {
        s = remove_spans(&s, &mut spans, lang);
    }
    if lang == Lang::En {
        s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    // Stripped again, unless the noise took nothing away (the same text strips the same way).
    let s2 = trim_junk(&s);
    s = match stripped {
        Some(x) if x == s2 => x.to_string(),
        _ => strip(ll, s2.to_string()),
    };
    // English words in a Chinese post lose their article ("出 a baby stroller").
    if lang == Lang::Zh {
        for article in ["a ", "an ", "the ", "my ", "our "] {
            if s.len() > article.len()
                && s.is_char_boundary(article.len())
                && s[..article.len()].eq_ignore_ascii_case(article)
            {
                s = s[article.len()..].to_string();
                break;
            }
        }
    }
    // Cap the length.
    match lang {
        Lang::Zh => {
            if s.chars().count() > ZH_MAX_CHARS {
                s = s.chars().take(ZH_MAX_CHARS).collect();
            }
        }
        Lang::En => {
            let words: Vec<&str> = s.split_whitespace().collect();
            if words.len() > EN_MAX_WORDS {
                s = words[..EN_MAX_WORDS].join(" ");
            }
        }
    }
    let kept = trim_junk(&s);
    if kept.len() == s.len() {
        s
    } else {
        kept.to_string()
    }
}

fn usable(s: &str, lang: Lang) -> bool {
    match lang {
        Lang::Zh => s.chars().count() >= 2 && s.chars().any(|c| is_han(c) || c.is_alphabetic()),
        Lang::En => s.chars().filter(|c| c.is_alphabetic()).count() >= 2,
    }
}

/// Build the title. Clauses are tried in order: the one holding the kind marker (`marker`,
/// when it also names the object), the one holding the `anchor` (the word that decided the
/// resource), then the rest. In swap mode the part of a clause before the swap word is tried first.
pub(crate) fn title(
    t: &str,
    ll: &LangLex,
    marker: Option<usize>,
    anchor: Option<usize>,
    swap: bool,
    need: Option<&[usize]>,
) -> Option<String> {
    let cls = clauses(t, ll.lang);
    let at = |p: Option<usize>| p.and_then(|a| cls.iter().position(|c| c.start <= a && a < c.end));
    let mut order: Vec<usize> = Vec::with_capacity(cls.len());
    let mut placed = vec![false; cls.len()];
    for i in need_first(t, ll.lang, &cls, marker.or(anchor), need)
        .into_iter()
        .chain(at(marker))
        .chain(at(anchor))
        .chain(0..cls.len())
    {
        if !std::mem::replace(&mut placed[i], true) {
            order.push(i);
        }
    }
    // A clause of asking words only ("啥人会修", "谁帮我弄一下") names nothing: a later clause
    // that names something comes first, and it is the title only when none does.
    let mut vague_one = None;
    for i in order {
        let text = &t[cls[i].start..cls[i].end];
        if swap {
            if let Some(p) = ll.swap.find_pos(text).filter(|&p| p > 0) {
                let cand = clean(ll, &text[..p]);
                if usable(&cand, ll.lang) {
                    return Some(cand);
                }
            }
        }
        let cand = clean(ll, text);
        if usable(&cand, ll.lang) {
            if !vague(&cand, ll.lang) {
                return Some(cand);
            }
            vague_one.get_or_insert(cand);
        }
    }
    vague_one
}

/// Characters of asking and helping that name nothing ("谁", "帮", "弄", "修", "代取"): a
/// Chinese title of these alone says no more than "help".
const ASKING: &str = "谁哪个位啥人有没会能可以帮忙着我你您他她弄修取代看下去来给整搞的一要想找懂行吗呢呀啊吧哈些点儿侬阿拉伐勿跑趟也需";

/// Whether a candidate title is asking words only (see [`ASKING`]).
fn vague(s: &str, lang: Lang) -> bool {
    lang == Lang::Zh
        && !s
            .chars()
            .any(|c| (is_han(c) && !ASKING.contains(c)) || c.is_ascii_alphanumeric())
}

/// Words of a first clause that tells why its writer asks (when, where they will be), not what.
const WHY: &[&str] = &[
    "我", "周", "礼拜", "星期", "过年", "明天", "明朝", "出院", "出差", "回家", "老家",
];

/// The clause that names what a service or skill is asked for, when the clause of its marker
/// or trigger names nothing ("部洗衣机转唔郁 有冇街坊识整": the broken thing's clause;
/// "下周出差一周 谁能帮我喂下猫": with no marker and no thing named, the clause that asks for
/// help). `things` are the item nouns' starts.
fn need_first(
    t: &str,
    lang: Lang,
    cls: &[Span],
    at: Option<usize>,
    things: Option<&[usize]>,
) -> Option<usize> {
    let things = things?;
    let clause = |p: usize| cls.iter().position(|c| c.start <= p && p < c.end);
    match at.and_then(clause) {
        Some(ci) if things.iter().any(|&p| clause(p) == Some(ci)) => None,
        // Only a thing named before: one named after is the reason ("我坐轮椅出不了门").
        Some(ci) => things.first().and_then(|&p| clause(p)).filter(|&i| i < ci),
        // The first clause says why, of the asker ("刚出院", "周六我要加班"), not what.
        None if lang == Lang::Zh
            && things.is_empty()
            && cls.first().is_some_and(|c| {
                let why = &t[c.start..c.end];
                WHY.iter().any(|w| why.contains(w))
            }) =>
        {
            cls.iter()
                .position(|c| t[c.start..c.end].contains('帮'))
                .filter(|&i| i > 0)
        }
        None => None,
    }
}

/// The first usable title of a clause after the one holding byte `at` of `t`, skipping clauses
/// `skip` refuses.
pub(crate) fn later_clause(
    t: &str,
    ll: &LangLex,
    at: usize,
    skip: impl Fn(&str) -> bool,
) -> Option<String> {
    clauses(t, ll.lang)
        .into_iter()
        .filter(|c| c.start > at)
        .map(|c| clean(ll, &t[c.start..c.end]))
        .find(|x| usable(x, ll.lang) && !skip(x))
}

/// A title from a subject (a skill's, a service's help) to the end of its clause ("happy to help
/// with English tutoring" → "English tutoring"), cleaned; `None` when nothing usable is left.
pub(crate) fn from_subject(t: &str, ll: &LangLex, at: usize) -> Option<String> {
    let end = t[at..]
        .find(|c: char| is_sep(c, ll.lang))
        .map_or(t.len(), |e| at + e);
    let cand = clean(ll, &t[at..end]);
    usable(&cand, ll.lang).then_some(cand)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_split() {
        let c = clauses("出闲置:宝宝餐椅一把,九成新", Lang::Zh);
        assert_eq!(c.len(), 3);
        let c = clauses("1.5 hours, ok", Lang::En);
        assert_eq!(c.len(), 2);
    }
}
