//! Text normalisation and language detection.

use super::Lang;

/// Normalise a message for matching: full-width ASCII (U+FF01–FF5E) to half-width, ideographic
/// space to space, CJK punctuation to ASCII (。、【】《》「」 …), curly quotes to straight ones,
/// control characters to spaces, and lower case. One output char per significant input char;
/// titles are cut from this normalised text.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Fast path: plain ASCII (most English text, digits and ASCII punctuation).
        if c.is_ascii() {
            out.push(if c.is_ascii_control() {
                ' '
            } else {
                c.to_ascii_lowercase()
            });
            continue;
        }
        // CJK ideographs pass through unchanged (most Chinese text).
        if is_han(c) {
            out.push(c);
            continue;
        }
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' => ' ',
            '\u{200B}'..='\u{200D}' | '\u{FEFF}' => continue,
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
            out.push(c.to_ascii_lowercase());
        } else if (c as u32) < 0x0530 && c.is_uppercase() {
            // Latin, Greek, Cyrillic capitals
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// True for CJK ideographs (the basic block and extension A, plus compatibility ideographs).
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Detect the language: Chinese when the text has any CJK ideograph, English otherwise.
pub fn detect(text: &str) -> Lang {
    if text.chars().any(is_han) {
        Lang::Zh
    } else {
        Lang::En
    }
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
    }
}
