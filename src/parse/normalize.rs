//! Text normalisation and language detection.

use super::Lang;

/// Normalise a message for matching: full-width ASCII (U+FF01–FF5E) to half-width, ideographic
/// space to space, CJK punctuation to ASCII (。、【】《》「」 …), curly quotes to straight ones,
/// control characters to spaces, and lower case. One output char per significant input char;
/// titles are cut from this normalised text.
pub fn normalize(text: &str) -> String {
    normalize_with(text, true)
}

fn normalize_with(text: &str, lower: bool) -> String {
    let mut out = String::with_capacity(text.len());
    // Characters that stay as they are (most ASCII, CJK ideographs) are copied a run at a time.
    let mut kept = 0;
    for (i, c) in text.char_indices() {
        let same = if c.is_ascii() {
            !(c.is_ascii_control() || lower && c.is_ascii_uppercase())
        } else {
            is_han(c)
        };
        if same {
            continue;
        }
        out.push_str(&text[kept..i]);
        kept = i + c.len_utf8();
        push_normalized(&mut out, c, lower);
    }
    out.push_str(&text[kept..]);
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

/// A title cut from the normalised (lower-cased) text `t`, in the capitals the resident wrote
/// ("iPad Air 2", "Dyson V8"), when `text` normalises to the same bytes but for case; else the
/// title as it is.
pub fn restore_case(text: &str, t: &str, title: String) -> String {
    if !title.bytes().any(|b| b.is_ascii_alphabetic()) {
        return title;
    }
    let cased = normalize_with(text, false);
    let Some(i) = t.find(title.as_str()) else {
        return title;
    };
    let end = i + title.len();
    match cased.get(i..end) {
        Some(c) if cased.len() == t.len() && c.to_lowercase() == title => c.to_string(),
        _ => title,
    }
}

/// True for CJK ideographs/// True for CJK ideographs (the basic block and extension A, plus compatibility ideographs).
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

    /// Every character, alone and between kept runs, normalises as one character at a time did.
    #[test]
    fn runs_are_copied_as_characters_were_pushed() {
        let one_by_one = |text: &str, lower: bool| {
            let mut out = String::new();
            for c in text.chars() {
                push_normalized(&mut out, c, lower);
            }
            out
        };
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
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
