//! Text normalisation and language detection.

use super::Lang;

/// Normalise a message for matching: full-width ASCII (U+FF01–FF5E) to half-width, ideographic
/// space to space, CJK punctuation to ASCII (。、【】《》「」 …), curly quotes to straight ones,
/// control characters to spaces, lower case, Traditional characters to Simplified (腳踏車 →
/// 脚踏车) and a few dialect characters to Mandarin ones ([`DIALECT`]: 揾 → 找, 俺 → 我). One
/// output char per significant input char, and a Han character for a Han character of the same
/// length: titles are cut from this normalised text and mapped back ([`restore_case`]).
pub fn normalize(text: &str) -> String {
    normalize_with(text, true)
}

/// Characters of dialects written in group chats, read as the Mandarin character they stand for
/// (one for one): Cantonese (嘅 冇 唔 咗 啲 揾 搵 俾 畀 睇 佢 喺 嚟 哋 攞), Wu's 勿, the north's 俺 and
/// 恁 (你, 你们), and Hokkien's 欲 (要), 阮 (我, 我们), 呷 (吃) and 袂 (不会). Each is hardly ever
/// written in Mandarin chat for anything else.
const DIALECT: [(char, char); 22] = [
    ('嘅', '的'),
    ('冇', '没'),
    ('唔', '不'),
    ('咗', '了'),
    ('啲', '些'),
    ('揾', '找'),
    ('搵', '找'),
    ('俾', '给'),
    ('畀', '给'),
    ('睇', '看'),
    ('佢', '他'),
    ('喺', '在'),
    ('嚟', '来'),
    ('哋', '们'),
    ('攞', '拿'),
    ('勿', '不'),
    ('俺', '我'),
    ('恁', '你'),
    ('欲', '要'),
    ('阮', '我'),
    ('呷', '吃'),
    ('袂', '不'),
];

/// The Han characters (U+3400–U+9FFF) that reading for matching changes: a bit each.
static CHANGED: std::sync::LazyLock<Box<[u64]>> = std::sync::LazyLock::new(|| {
    let mut bits = vec![0u64; (0xA000 - 0x3400) / 64].into_boxed_slice();
    // One conversion of every character, each between spaces (so none is read with a
    // neighbour): a character is changed where its converted copy differs.
    let chars: Vec<char> = (0x3400..0xA000u32).filter_map(char::from_u32).collect();
    let spaced: String = chars.iter().flat_map(|c| [*c, ' ']).collect();
    let converted = fast2s::convert(&spaced);
    for (c, s) in chars.iter().zip(converted.chars().step_by(2)) {
        if *c != s || DIALECT.iter().any(|(d, _)| d == c) {
            let i = (*c as u32 - 0x3400) as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
    }
    bits
});

/// True for a Han character that [`normalize`] changes (Traditional or dialect), with the
/// table in `bits`.
#[inline]
fn changed_in(bits: &[u64], c: char) -> bool {
    let u = c as u32;
    (0x3400..0xA000).contains(&u) && {
        let i = (u - 0x3400) as usize;
        bits[i / 64] & (1 << (i % 64)) != 0
    }
}

/// Normalises `text`; with `matching`, to lower case and Simplified Mandarin characters too
/// (without, as the resident wrote it but for punctuation and width: [`restore_case`]'s copy).
fn normalize_with(text: &str, matching: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let changed: &[u64] = if matching { &CHANGED } else { &[] };
    // A Traditional character was seen: the whole text is converted at the end (fast2s reads
    // a character's neighbours: 乾淨 is 干净, 乾隆 stays).
    let mut traditional = false;
    // Characters that stay as they are (most ASCII, CJK ideographs) are copied a run at a time.
    let mut kept = 0;
    for (i, c) in text.char_indices() {
        let same = if c.is_ascii() {
            !(c.is_ascii_control() || matching && c.is_ascii_uppercase())
        } else {
            is_han(c) && !(matching && changed_in(changed, c))
        };
        if same {
            continue;
        }
        out.push_str(&text[kept..i]);
        kept = i + c.len_utf8();
        if is_han(c) {
            match DIALECT.iter().find(|(d, _)| *d == c) {
                Some((_, m)) => out.push(*m),
                None => {
                    traditional = true;
                    out.push(c);
                }
            }
            continue;
        }
        push_normalized(&mut out, c, matching);
    }
    out.push_str(&text[kept..]);
    if traditional {
        fast2s::replace(&mut out);
    }
    out
}

/// One character that does not stay as it is, normalised onto `out` (nothing for a zero-width
/// one).
fn push_normalized(out: &mut String, c: char, lower: bool) {
    // Plain ASCII (most English text, digits and ASCII punctuation).
    if c.is_ascii() {
        out.push(if c.is_ascii_control() {
            ' '
        } else if lower {
            c.to_ascii_lowercase()
        } else {
            c
        });
        return;
    }
    // CJK ideographs pass through unchanged (most Chinese text).
    if is_han(c) {
        out.push(c);
        return;
    }
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' => ' ',
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' => return,
        '。' | '｡' => '.',
        '、' | '､' => ',',
        '【' | '〔' | '〖' | '「' | '『' | '〈' => '[',
        '】' | '〕' | '〗' | '」' | '』' | '〉' => ']',
        '‘' | '’' | '′' | '´' => '\'',
        '“' | '”' | '″' => '"',
        '–' | '—' | '―' | '‐' | '‑' | '−' => '-',
        '〜' => '~',
        '…' => '.',
        '·' | '・' => ' ',
        '\u{80}'..='\u{9F}' => ' ',
        c => c,
    };
    if c.is_ascii() {
        out.push(if lower { c.to_ascii_lowercase() } else { c });
    } else if lower && (c as u32) < 0x0530 && c.is_uppercase() {
        // Latin, Greek, Cyrillic capitals
        out.extend(c.to_lowercase());
    } else {
        out.push(c);
    }
}

/// A title cut from the normalised text `t`, in the capitals and the characters the resident
/// wrote ("iPad Air 2", "Dyson V8", "冷氣機", "識剪片嘅大佬"); punctuation and width stay
/// normalised. The title as it is where `text` does not line up with `t`.
pub fn restore_case(text: &str, t: &str, title: String) -> String {
    let letters = title.bytes().any(|b| b.is_ascii_alphabetic());
    let changed: &[u64] = &CHANGED;
    let han = title.chars().any(is_han) && text.chars().any(|c| changed_in(changed, c));
    if !letters && !han {
        return title;
    }
    let written = normalize_with(text, false);
    let Some(i) = t.find(title.as_str()) else {
        // Words taken out of the middle ("出售二手冷氣機" titled 冷气机 without 二手): the
        // characters the resident wrote, one by one.
        return han_as_written(&written, t, title, changed);
    };
    let Some(w) = written
        .get(i..i + title.len())
        .filter(|_| written.len() == t.len())
    else {
        return title;
    };
    let mut out = String::with_capacity(title.len());
    for (wc, tc) in w.chars().zip(title.chars()) {
        if wc.len_utf8() != tc.len_utf8() {
            return title;
        }
        let theirs = (wc.is_ascii_alphabetic() && wc.to_ascii_lowercase() == tc)
            || (wc != tc && is_han(wc) && changed_in(changed, wc))
            || (!wc.is_ascii() && wc.to_lowercase().eq(std::iter::once(tc)));
        out.push(if theirs { wc } else { tc });
    }
    out
}

/// A title's Chinese characters as the resident wrote them (Traditional, dialect), read from
/// where each one of them was changed in the message; other characters as they are.
fn han_as_written(written: &str, t: &str, title: String, changed: &[u64]) -> String {
    if written.len() != t.len() {
        return title;
    }
    let pairs: Vec<(char, char)> = written
        .chars()
        .zip(t.chars())
        .filter(|&(wc, tc)| wc != tc && is_han(wc) && changed_in(changed, wc))
        .map(|(wc, tc)| (tc, wc))
        .collect();
    if pairs.is_empty() {
        return title;
    }
    title
        .chars()
        .map(|c| {
            pairs
                .iter()
                .find(|(tc, _)| *tc == c)
                .map_or(c, |(_, wc)| *wc)
        })
        .collect()
}

/// True for CJK ideographs (the basic block and extension A, plus compatibility ideographs).
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Detect the language: Chinese when the text has any CJK ideograph, English otherwise.
pub fn detect(text: &str) -> Lang {
    lang_of(script_counts(text))
}

/// [`detect`]'s answer from a text's [`script_counts`].
pub(crate) fn lang_of((han, words): (usize, usize)) -> Lang {
    // English with a Chinese address or unit in it ("giving away a microwave, 12楼") is English.
    if han == 0 || (han <= 3 && words >= 4 && words >= 2 * han) {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// The other language worth trying when a message mixes both scripts ("出 a Dyson hair dryer",
/// "Free 儿童自行车"): some Han characters and at least two Latin words.
pub fn other_script(text: &str, lang: Lang) -> Option<Lang> {
    other_of(script_counts(text), lang)
}

/// [`other_script`]'s answer from a text's [`script_counts`].
pub(crate) fn other_of((han, words): (usize, usize), lang: Lang) -> Option<Lang> {
    (han > 0 && words >= 2).then_some(match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    })
}

/// Han characters, and runs of two or more Latin letters (words).
pub(crate) fn script_counts(text: &str) -> (usize, usize) {
    let (mut han, mut words, mut run) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            run += 1;
            continue;
        }
        words += (run >= 2) as usize;
        run = 0;
        han += is_han(c) as usize;
    }
    (han, words + (run >= 2) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width() {
        assert_eq!(normalize("３０积分，ＯＫ！"), "30积分,ok!");
        assert_eq!(normalize("【出】宝宝椅。"), "[出]宝宝椅.");
        assert_eq!(detect("hello"), Lang::En);
        assert_eq!(detect("hi 你好"), Lang::Zh);
        assert_eq!(
            detect("giving away a microwave, works fine, 12楼"),
            Lang::En
        );
        assert_eq!(detect("出 a baby stroller, 9成新"), Lang::Zh);
        assert_eq!(other_script("出 a baby stroller", Lang::Zh), Some(Lang::En));
        assert_eq!(other_script("出台灯", Lang::Zh), None);
        let text = "出 iPad Air 2，屏幕有划痕";
        let t = normalize(text);
        assert_eq!(restore_case(text, &t, "ipad air 2".into()), "iPad Air 2");
        assert_eq!(restore_case(text, &t, "屏幕".into()), "屏幕");
    }

    /// Traditional and dialect characters are read as Mandarin ones, one for one; a title cut
    /// from the reading is given back in the characters the resident wrote.
    #[test]
    fn traditional_and_dialect_characters_read_as_mandarin() {
        assert_eq!(normalize("二手腳踏車 便宜賣"), "二手脚踏车 便宜卖");
        assert_eq!(normalize("乾淨的衣服"), "干净的衣服");
        assert_eq!(normalize("有冇人識修電腦"), "有没人识修电脑");
        // Hokkien: 阮欲借一支楼梯 → 我要借…; Henan 恁: 借给恁使 → 借给你使
        assert_eq!(normalize("阮欲借一支楼梯"), "我要借一支楼梯");
        assert_eq!(normalize("借给恁使"), "借给你使");
        assert_eq!(normalize("揾人帮手 可以俾积分"), "找人帮手 可以给积分");
        assert_eq!(normalize("扫雪俺包了"), "扫雪我包了");
        // Simplified text and its length are left alone.
        let plain = "出闲置：儿童自行车，八成新，30积分";
        assert_eq!(normalize(plain), "出闲置:儿童自行车,八成新,30积分");
        for text in [
            "冷氣機 窗型的 送",
            "求個識剪片嘅大佬",
            "Free 腳踏車 for kids",
        ] {
            let t = normalize(text);
            assert_eq!(t.chars().count(), text.chars().count());
            assert_eq!(t.len(), text.len());
        }
        let text = "冷氣機 窗型的 搬家不要了";
        let t = normalize(text);
        assert_eq!(restore_case(text, &t, "冷气机".into()), "冷氣機");
        let text = "出 iPad 腳架，九成新";
        let t = normalize(text);
        assert_eq!(restore_case(text, &t, "ipad 脚架".into()), "iPad 腳架");
        // Punctuation stays normalised; a title not in the text is given as it is.
        let text = "出：儿童自行车（蓝色）";
        let t = normalize(text);
        assert_eq!(
            restore_case(text, &t, "儿童自行车(蓝色)".into()),
            "儿童自行车(蓝色)"
        );
        assert_eq!(restore_case(text, &t, "滑板车".into()), "滑板车");
    }

    /// Every character, alone and between kept runs, normalises as one character at a time did
    /// (but for the Han characters read as others, which the test above covers).
    #[test]
    fn runs_are_copied_as_characters_were_pushed() {
        let one_by_one = |text: &str, lower: bool| {
            let mut out = String::new();
            for c in text.chars() {
                push_normalized(&mut out, c, lower);
            }
            out
        };
        for c in (0..0x3_0000u32)
            .filter_map(char::from_u32)
            .filter(|c| !changed_in(&CHANGED, *c))
        {
            for text in [c.to_string(), format!("Ab出{c}{c}z 家X")] {
                for lower in [true, false] {
                    assert_eq!(
                        normalize_with(&text, lower),
                        one_by_one(&text, lower),
                        "{c:?}"
                    );
                }
            }
        }
    }
}
