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
    for g in synonyms_named(&t, lex) {
        push(format!("~{g}"), &mut out);
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

/// The synonym groups a text names (by their first word). Where one group's word lies inside
/// another's longer word ("推车" inside "手推车"), only the longer one counts: a shopping
/// trolley is no baby stroller.
fn synonyms_named(t: &str, lex: &Lexicon) -> Vec<String> {
    // (start, end, group) of every word found.
    let mut hits: Vec<(usize, usize, &str)> = Vec::new();
    for group in lex.synonym_groups() {
        for w in group {
            for (at, _) in t.match_indices(w.as_str()) {
                if names_at(t, w, at) {
                    hits.push((at, at + w.len(), group[0].as_str()));
                }
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for &(a, b, g) in &hits {
        let inside_longer = hits
            .iter()
            .any(|&(c, d, h)| h != g && c <= a && b <= d && (d - c) > (b - a));
        if !inside_longer && !out.iter().any(|x| x == g) {
            out.push(g.to_string());
        }
    }
    out
}

/// The terms a listing is indexed by: its search terms and each Chinese character alone
/// (`1:书`), for one-character searches ("书", "车").
pub fn index_terms(text: &str, lex: &Lexicon) -> Vec<String> {
    let mut out = search_terms(text, lex);
    for c in super::normalize(text).chars().filter(|c| is_cjk(*c)) {
        let u = format!("1:{c}");
        if !out.contains(&u) {
            out.push(u);
        }
    }
    out
}

/// The last Chinese character of a text: the head of a Chinese noun (书包 is a bag, 图画书 a
/// book).
pub fn head_char(text: &str) -> Option<char> {
    text.chars().rev().find(|c| is_cjk(*c))
}

/// True when the query's Chinese words run on into a longer word in `title` (电视 in 电视柜,
/// 书 in 书包): the title names another thing. Numbers and measure words after it do not
/// count (老花镜两副).
pub fn runs_on(query: &str, title: &str) -> bool {
    const FREE_AFTER: &str = "一二两三四五六七八九十几个只把本件台辆副双套张条支盒们";
    let q: String = query.chars().filter(|c| is_cjk(*c)).collect();
    if q.is_empty() {
        return false;
    }
    let t = super::normalize(title);
    let mut found = false;
    for (at, _) in t.match_indices(q.as_str()) {
        found = true;
        match t[at + q.len()..].chars().next() {
            Some(c) if is_cjk(c) && !FREE_AFTER.contains(c) => {}
            _ => return false,
        }
    }
    found
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

/// True when `word` found at byte `at` of `text` is a word there: a Chinese word anywhere, a
/// Latin word only whole (a plural `s` allowed).
fn names_at(text: &str, word: &str, at: usize) -> bool {
    if word.chars().any(is_cjk) {
        return true;
    }
    let before = text[..at].chars().next_back();
    let after = text[at + word.len()..].chars().next();
    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() || is_cjk(c));
    edge(before) && (edge(after) || after == Some('s'))
}

/// How well an offer answers a request (or a search), 0.0 to 1.0, as search and matching rank
/// them: a one-character request ("书", "车") takes offers whose name ends with it; otherwise
/// the share of the request's terms the offer has ([`overlap`]), cut to 40% when the request
/// runs on into a longer word in the offer (电视 in 电视柜).
pub fn match_score(request: &str, offer: &str, lex: &Lexicon) -> f64 {
    let r = request.trim();
    let cjk: Vec<char> = r.chars().filter(|c| is_cjk(*c)).collect();
    let only_cjk = cjk.len() == r.chars().count();
    // "书", and "椅子" / "桌子" (a noun's 子 adds nothing): the thing is one character, the
    // offer's head must be it (图画书, 办公椅; not 书包).
    let single = match cjk.as_slice() {
        [c] if only_cjk => Some(*c),
        [c, '子'] if only_cjk => Some(*c),
        _ => None,
    };
    if let Some(c) = single {
        return f64::from(u8::from(head(offer) == Some(c)));
    }
    let (rt, ot) = (search_terms(r, lex), search_terms(offer, lex));
    let s = overlap(&rt, &ot);
    // A different head names a different thing (洗衣机 / 洗衣液, desk / desk lamp), unless the
    // offer's head is a word of a synonym group the request names (绘本 / 图画书, stroller /
    // baby pram).
    let other_head = matches!((head_token(r), head_token(offer)), (Some(a), Some(b)) if a != b);
    let joined = other_head && head_groups(offer, lex).iter().any(|g| rt.contains(g));
    if runs_on(r, offer) || (other_head && !joined) {
        s * 0.4
    } else {
        s
    }
}

/// A text without trailing numbers, measure words and punctuation (老花镜两副 → 老花镜).
fn stripped(text: &str) -> String {
    const TRAILING: &str = "一二两三四五六七八九十几个只把本件台辆副双套张条支盒们若干";
    let t = super::normalize(text).to_lowercase();
    let mut chars: Vec<char> = t.trim().chars().collect();
    while chars.len() > 1
        && chars
            .last()
            .is_some_and(|c| TRAILING.contains(*c) || c.is_ascii_digit() || !c.is_alphanumeric())
    {
        chars.pop();
    }
    chars.into_iter().collect()
}

/// The head of a name: its last Chinese character, or its last English word (singular).
fn head_token(text: &str) -> Option<String> {
    let t = stripped(text);
    let last = t.chars().last()?;
    if is_cjk(last) {
        return head(&t).map(String::from);
    }
    t.rsplit(|c: char| !c.is_alphanumeric() || is_cjk(c))
        .find(|w| !w.is_empty())
        .map(singular)
}

/// The synonym groups (as `~WORD` terms) one of whose words ends the text: its head names them.
fn head_groups(text: &str, lex: &Lexicon) -> Vec<String> {
    let t = stripped(text);
    lex.synonym_groups()
        .filter(|g| {
            g.iter().any(|w| {
                t.ends_with(w.as_str()) || (!w.chars().any(is_cjk) && t.ends_with(&format!("{w}s")))
            })
        })
        .map(|g| format!("~{}", g[0]))
        .collect()
}

/// The head of a Chinese name: its last character, numbers and measure words after it left
/// out (老花镜两副 → 镜, 冲击钻一把 → 钻).
fn head(text: &str) -> Option<char> {
    const TRAILING: &str = "一二两三四五六七八九十几个只把本件台辆副双套张条支盒们若干";
    let t = super::normalize(text);
    let mut chars: Vec<char> = t.chars().filter(|c| is_cjk(*c)).collect();
    while chars.len() > 1 && chars.last().is_some_and(|c| TRAILING.contains(*c)) {
        chars.pop();
    }
    // 梯子, 铝合金梯子: the 子 of a noun adds nothing (the same as the request side).
    if chars.len() > 1 && chars.last() == Some(&'子') {
        chars.pop();
    }
    chars.last().copied()
}

/// How well a listing's terms answer a query's: the share of the query's terms found (a
/// synonym group counts double), 0.0 to 1.0.
pub fn overlap(query: &[String], listing: &[String]) -> f64 {
    let weight = |t: &String| if t.starts_with('~') { 2.0 } else { 1.0 };
    // One-character index terms (`1:书`) are for one-character searches only.
    let query: Vec<&String> = query.iter().filter(|t| !t.starts_with("1:")).collect();
    let total: f64 = query.iter().map(|t| weight(t)).sum();
    if total == 0.0 {
        return 0.0;
    }
    let hit: f64 = query
        .iter()
        .filter(|t| listing.contains(t))
        .map(|t| weight(t))
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
        assert_eq!(terms("老花镜"), vec!["~眼镜", "~老花镜", "老花", "花镜"]);
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
        // A shopping trolley is no baby stroller; a bag of books is no book.
        assert!(!terms("手推车").contains(&"~婴儿车".to_string()));
        assert!(terms("婴儿推车").contains(&"~婴儿车".to_string()));
        assert!(runs_on("电视", "电视柜") && runs_on("书", "书包"));
        assert!(!runs_on("老花镜", "老花镜两副") && !runs_on("书", "儿童图画书"));
        assert_eq!(head_char("儿童图画书"), Some('书'));
        assert!(terms("a desk fan").contains(&"~电风扇".to_string()));
    }
}
