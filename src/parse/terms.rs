//! Search terms of a title or a query, for finding and matching listings: Chinese by
//! character bigrams (no spaces needed: 老花镜 → 老花, 花镜), other words whole (plural `s`
//! dropped), and one `~WORD` term for each synonym group the text names (电钻 and 冲击钻 both
//! give `~电钻`).

use super::Lexicon;

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// The terms of `text`, each once, in order of appearance.
pub fn search_terms(text: &str, lex: &Lexicon) -> Vec<String> {
    let t = super::normalize(text).to_lowercase();
    let mut out: Vec<String> = Vec::new();
    let push = |s: String, out: &mut Vec<String>| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for group in lex.synonym_groups() {
        if group.iter().any(|w| names(&t, w)) {
            push(format!("~{}", group[0]), &mut out);
        }
    }
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_cjk(c) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            let run = &chars[start..i];
            if run.len() == 1 {
                push(run[0].to_string(), &mut out);
            }
            for pair in run.windows(2) {
                push(pair.iter().collect(), &mut out);
            }
        } else if c.is_alphanumeric() {
            let start = i;
            while i < chars.len() && chars[i].is_alphanumeric() && !is_cjk(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if word.chars().count() >= 2 && !word.chars().all(|c| c.is_ascii_digit()) {
                push(singular(&word), &mut out);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// "drills" → "drill", "boxes" → "box"; short words and "-ss" words stay.
fn singular(w: &str) -> String {
    if w.len() > 4 && w.ends_with("es") && (w.ends_with("xes") || w.ends_with("ches")) {
        return w[..w.len() - 2].to_string();
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// True when `text` names `word`: a Chinese word anywhere, a Latin word as whole words.
fn names(text: &str, word: &str) -> bool {
    if word.chars().any(is_cjk) {
        return text.contains(word);
    }
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() || is_cjk(c));
        edge(before) && (edge(after) || after == Some('s'))
    })
}

/// How well a listing's terms answer a query's: the share of the query's terms found (a
/// synonym group counts double), 0.0 to 1.0.
pub fn overlap(query: &[String], listing: &[String]) -> f64 {
    let weight = |t: &String| if t.starts_with('~') { 2.0 } else { 1.0 };
    let total: f64 = query.iter().map(weight).sum();
    if total == 0.0 {
        return 0.0;
    }
    let hit: f64 = query
        .iter()
        .filter(|t| listing.contains(t))
        .map(weight)
        .sum();
    hit / total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(t: &str) -> Vec<String> {
        search_terms(t, &Lexicon::builtin())
    }

    #[test]
    fn chinese_needs_no_spaces_and_near_words_meet() {
        assert_eq!(terms("老花镜"), vec!["~老花镜", "老花", "花镜"]);
        // 电钻 and 冲击钻 share no bigram, but the synonym group.
        let q = terms("电钻");
        assert!(overlap(&q, &terms("冲击钻一把")) >= 0.5);
        assert!(overlap(&terms("婴儿车"), &terms("九成新童车")) >= 0.5);
        assert!(overlap(&terms("stroller"), &terms("出闲置：婴儿推车")) >= 0.5);
        assert!(overlap(&terms("老花镜"), &terms("老花镜两副，200度")) > 0.99);
        assert_eq!(overlap(&terms("老花镜"), &terms("儿童自行车")), 0.0);
    }

    #[test]
    fn english_words_whole_and_singular() {
        assert!(terms("Drills and ladders").contains(&"drill".to_string()));
        assert!(terms("boxes").contains(&"box".to_string()));
        assert!(overlap(&terms("drill"), &terms("hammer drill, barely used")) >= 0.99);
        // "fan" is a synonym word, "fantastic" does not name it.
        assert!(!terms("fantastic").contains(&"~电风扇".to_string()));
        assert!(terms("a desk fan").contains(&"~电风扇".to_string()));
    }
}
