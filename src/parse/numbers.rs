//! Numbers: Chinese numerals (一 二 两 三 … 十 百, 半), English number words, and the
//! extraction of points, hours, days and quantity. All regexes are compiled once per lexicon.

use regex::Regex;

use super::normalize::is_han;
use super::Lang;

/// Chinese numeral characters accepted inside a number.
const ZH_DIGITS: &str = "零〇一二两三四五六七八九十百千万俩仨";
/// English number words (and digits) as a regex alternation.
const EN_NUM: &str = r"[0-9]+(?:\.[0-9]+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|ninety|hundred";

/// Whether `c` is an ASCII digit or a character of [`ZH_DIGITS`] or 几: every Chinese quantity
/// has one (a test ties it to `ZH_DIGITS`).
fn is_zh_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '零' | '〇'
                | '一'
                | '二'
                | '两'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '万'
                | '俩'
                | '仨'
                | '几'
        )
}

/// Whether `t` holds the short ASCII word `p`: a byte scan, cheaper on a message than the
/// general substring search's set-up.
fn has_word(t: &str, p: &str) -> bool {
    let (t, p) = (t.as_bytes(), p.as_bytes());
    t.len() >= p.len() && t.windows(p.len()).any(|w| w[0] == p[0] && w == p)
}

/// Value of a Chinese numeral string ("十二" = 12, "两百" = 200, "二十五" = 25) or of ASCII
/// digits. `None` for anything else (e.g. 几).
pub fn zh_num(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return s.parse().ok();
    }
    let mut total: u64 = 0; // completed 万 groups
    let mut section: u64 = 0; // within the current 万 group
    let mut digit: Option<u64> = None;
    for c in s.chars() {
        let d = match c {
            '零' | '〇' => Some(0),
            '一' => Some(1),
            '二' | '两' | '俩' => Some(2),
            '三' | '仨' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        if let Some(d) = d {
            digit = Some(d);
            continue;
        }
        let mul = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => {
                total = (total + section + digit.take().unwrap_or(0)) * 10_000;
                section = 0;
                continue;
            }
            _ => return None,
        };
        section += digit.take().unwrap_or(1) * mul;
    }
    Some((total + section + digit.unwrap_or(0)) as f64)
}

/// Value of an English number word or digits ("twelve" = 12, "a"/"an" = 1).
pub fn en_num(s: &str) -> Option<f64> {
    if let Ok(v) = s.parse::<f64>() {
        return Some(v);
    }
    Some(match s {
        "a" | "an" | "one" => 1.0,
        "two" | "couple" | "pair" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "dozen" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        _ => return None,
    })
}

/// Compiled number regexes for one language.
#[derive(Debug, Clone)]
pub struct NumRes {
    lang: Lang,
    points: Regex,
    points_after: Regex,
    hours: Regex,
    hours_half: Regex,
    minutes: Regex,
    days: Regex,
    quantity: Regex,
    times: Regex,
    /// zh: a bare classifier right after a listing verb means one ("出个电风扇", "求个梯子").
    single: Regex,
    /// zh "九成新" / "95新" condition grades.
    pub chengxin: Regex,
}

impl NumRes {
    /// Build the regexes; `classifiers` are the zh quantity classifiers (longest first).
    pub fn new(lang: Lang, classifiers: &[String]) -> Result<NumRes, regex::Error> {
        let zn = format!("[{ZH_DIGITS}]+");
        Ok(match lang {
            Lang::Zh => {
                let cls = if classifiers.is_empty() {
                    "个".to_string()
                } else {
                    classifiers
                        .iter()
                        .map(|c| regex::escape(c))
                        .collect::<Vec<_>>()
                        .join("|")
                };
                NumRes {
                    lang,
                    points: Regex::new(&format!(r"([0-9]+|{zn})[ \t]*个?[ \t]*(积分|分)"))?,
                    points_after: Regex::new(r"积分[ \t]*[:=]?[ \t]*(-?)([0-9]+)")?,
                    hours: Regex::new(&format!(
                        r"([0-9]+(?:\.[0-9]+)?|{zn})?[ \t]*(个)?[ \t]*(半)?[ \t]*个?[ \t]*(?:小时|钟头|钟)"
                    ))?,
                    hours_half: Regex::new(r"^$")?,
                    minutes: Regex::new(&format!(r"([0-9]+|{zn})[ \t]*分钟"))?,
                    days: Regex::new(&format!(
                        r"([0-9]+|{zn}|半)[ \t]*(个)?[ \t]*(天|周|星期|礼拜|月|日|工)"
                    ))?,
                    quantity: Regex::new(&format!(r"([0-9]+|[{ZH_DIGITS}几]+)[ \t]*({cls})"))?,
                    times: Regex::new(r"^$")?,
                    single: Regex::new(
                        r"(?:^|[\s,.!;:\]])(?:想|要|能|可以)?(?:出|求|收|送|借|想要|要)[ \t]*[个台把张辆件本只][^人位,.!?]",
                    )?,
                    chengxin: Regex::new(
                        r"(?:([0-9一二三四五六七八九十]{1,2})[ \t]*成[ \t]*新|(?:^|[^[0-9].])(100|[5-9][0-9]|[5-9])[ \t]*新)",
                    )?,
                }
            }
            Lang::En => NumRes {
                lang,
                points: Regex::new(&format!(
                    r"(?-u:\b)({EN_NUM})[ \t]*(?:points?|pts?|credits?)(?-u:\b)"
                ))?,
                points_after: Regex::new(
                    r"(?-u:\b)(?:points?|pts|credits?)[ \t]*[:=][ \t]*(-?)([0-9]+)",
                )?,
                hours: Regex::new(&format!(
                    r"(?-u:\b)({EN_NUM}|an?|half an?)[ \t]*-?[ \t]*(?:hours?|hrs?|h)(?-u:\b)([ \t]*and[ \t]+a[ \t]+half)?"
                ))?,
                hours_half: Regex::new(&format!(
                    r"(?-u:\b)({EN_NUM}|an?)[ \t]+and[ \t]+a[ \t]+half[ \t]+hours?(?-u:\b)"
                ))?,
                minutes: Regex::new(&format!(
                    r"(?-u:\b)({EN_NUM})[ \t]*-?[ \t]*(?:minutes?|mins?)(?-u:\b)"
                ))?,
                days: Regex::new(&format!(
                    r"(?-u:\b)({EN_NUM}|an?|a couple of|couple of)[ \t]*-?[ \t]*(days?|nights?|weeks?|fortnight|months?)(?-u:\b)"
                ))?,
                quantity: Regex::new(&format!(
                    r"(?-u:\b)(half a dozen|a dozen|a pair of|pair of|a couple of|couple of|{EN_NUM})[ \t]+([a-z][a-z'-]*)"
                ))?,
                times: Regex::new(r"(?-u:\b)(?:x[ \t]*([0-9]+)|([0-9]+)[ \t]*x)(?-u:\b)")?,
                single: Regex::new(r"^$")?,
                chengxin: Regex::new(r"^$")?,
            },
        })
    }
}

impl NumRes {
    /// Spans of number phrases (points, durations, quantities, 成新 grades) for title cleaning.
    pub(crate) fn noise_spans(&self, t: &str) -> Vec<super::lexicon::Span> {
        use super::lexicon::Span;
        let mut out = Vec::new();
        fn push(out: &mut Vec<Span>, t: &str, re: &Regex, whole: bool) {
            if whole {
                out.extend(
                    re.find_iter(t)
                        .filter(|m| m.end() > m.start())
                        .map(|m| Span {
                            start: m.start(),
                            end: m.end(),
                        }),
                );
                return;
            }
            for c in re.captures_iter(t) {
                let m = if whole {
                    c.get(0)
                } else {
                    c.get(1).or(c.get(0))
                };
                if let Some(m) = m {
                    if m.end() > m.start() {
                        out.push(Span {
                            start: m.start(),
                            end: m.end(),
                        });
                    }
                }
            }
        }
        // Cheap gates skip regexes that cannot match: in Chinese, a character every match has.
        let zh = self.lang == Lang::Zh;
        let has = |zh_chars: &[char], en: &[&str]| {
            if zh {
                t.contains(zh_chars)
            } else {
                en.iter().any(|n| has_word(t, n))
            }
        };
        if has(&['分'], &["pt", "point", "credit"]) {
            push(&mut out, t, &self.points, true);
            push(&mut out, t, &self.points_after, true);
        }
        if has(&['钟'], &["min"]) {
            push(&mut out, t, &self.minutes, true);
        }
        if has(
            &['天', '周', '星', '礼', '月', '日'],
            &["day", "week", "month", "night"],
        ) {
            push(&mut out, t, &self.days, true);
        }
        match self.lang {
            Lang::Zh => {
                // hours only where a number or 半 is present (not a bare 小时)
                if t.contains(['时', '头', '钟']) {
                    for c in self.hours.captures_iter(t) {
                        if c.get(1).is_some() || c.get(3).is_some() {
                            let m = c.get(0).unwrap();
                            out.push(Span {
                                start: m.start(),
                                end: m.end(),
                            });
                        }
                    }
                }
                // Every quantity has a numeral.
                if t.contains(is_zh_numeral) {
                    push(&mut out, t, &self.quantity, true);
                }
                if t.contains('新') {
                    push(&mut out, t, &self.chengxin, true);
                }
            }
            Lang::En => {
                if t.contains('h') {
                    push(&mut out, t, &self.hours, true);
                    push(&mut out, t, &self.hours_half, true);
                }
                push(&mut out, t, &self.quantity, false);
                if t.contains('x') {
                    push(&mut out, t, &self.times, true);
                }
            }
        }
        out
    }
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

fn char_after(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

/// The word (ASCII letters) ending just before byte `i`, skipping spaces.
fn word_before(s: &str, i: usize) -> &str {
    let t = s[..i].trim_end();
    let start = t
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#' || c == '.'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    &t[start..]
}

/// Condition from "N成新" (zh) or "NN新" (95新, 99新): `None` if absent.
pub fn chengxin(t: &str, nr: &NumRes) -> Option<&'static str> {
    if nr.lang != Lang::Zh || !t.contains('新') {
        return None;
    }
    let c = nr.chengxin.captures(t)?;
    let grade = if let Some(n) = c.get(1) {
        let digits: Vec<f64> = n
            .as_str()
            .chars()
            .map(|d| zh_num(d.encode_utf8(&mut [0; 4])))
            .collect::<Option<_>>()?;
        match digits[..] {
            // "九五成新", "95成新": nine and a half tenths.
            [a, b] if a < 10.0 && b < 10.0 && (a, b) != (1.0, 0.0) => a * 10.0 + b,
            _ => zh_num(n.as_str())? * 10.0,
        }
    } else {
        // "95新" is 95 of 100, "9新" nine tenths.
        let n: f64 = c.get(2)?.as_str().parse().ok()?;
        if n < 10.0 {
            n * 10.0
        } else {
            n
        }
    };
    Some(match grade as i64 {
        100.. => "new",
        90..=99 => "like_new",
        70..=89 => "good",
        50..=69 => "fair",
        _ => "poor",
    })
}

/// Points asked for (offer) or offered (request): "30积分", "30分", "换20分", "30 pts".
pub fn points(t: &str, nr: &NumRes) -> Option<i64> {
    match nr.lang {
        Lang::Zh if !t.contains('分') => None,
        Lang::En if !(t.contains("pt") || t.contains("point") || t.contains("credit")) => None,
        Lang::Zh => {
            for c in nr.points.captures_iter(t) {
                let m = c.get(0).unwrap();
                let num = c.get(1).unwrap();
                let unit = c.get(2).unwrap().as_str();
                let after = char_after(t, m.end());
                if unit == "分"
                    && matches!(
                        after,
                        Some(
                            '钟' | '之'
                                | '数'
                                | '半'
                                | '别'
                                | '类'
                                | '享'
                                | '开'
                                | '手'
                                | '析'
                                | '配'
                        )
                    )
                {
                    continue;
                }
                if matches!(char_before(t, num.start()), Some('点' | ':' | '.' | '第')) {
                    continue;
                }
                // a score, not points: 考了90分 / 得了100分 / 打了8分
                let lead: String = t[..num.start()].chars().rev().take(2).collect();
                if lead.contains(['考', '得', '打', '拿', '评']) {
                    continue;
                }
                let is_digits = num.as_str().bytes().all(|b| b.is_ascii_digit());
                if !is_digits && unit == "分" {
                    // 十分感谢 / 三分熟: a Chinese numeral + 分 must stand at a clause end.
                    if after.is_some_and(|a| is_han(a) && a != '一' && a != '每') {
                        continue;
                    }
                    // …and not be glued to a preceding ideograph that makes it a word (百分百).
                    if matches!(char_before(t, num.start()), Some('百' | '万' | '千')) {
                        continue;
                    }
                }
                if let Some(v) = zh_num(num.as_str()) {
                    return Some(signed(t, num.start(), v as i64));
                }
            }
            points_after(t, nr)
        }
        Lang::En => {
            for c in nr.points.captures_iter(t) {
                let num = c.get(1).unwrap();
                if matches!(
                    char_before(t, num.start()),
                    Some('$' | '£' | '€' | '.' | ':')
                ) {
                    continue;
                }
                if let Some(v) = en_num(num.as_str()) {
                    return Some(signed(t, num.start(), v as i64));
                }
            }
            points_after(t, nr)
        }
    }
}

/// Points written after the word: "积分：20", "points: 20", "积分：-5".
fn points_after(t: &str, nr: &NumRes) -> Option<i64> {
    for c in nr.points_after.captures_iter(t) {
        let num = c.get(2).unwrap();
        let has_sign = !c[1].is_empty();
        if has_sign && !minus_before(t, num.start()) {
            continue; // "积分-5": a dash after a word, which was never read as points
        }
        return num.as_str().parse().ok().map(|v| signed(t, num.start(), v));
    }
    None
}

/// `v`, negated when the number at byte `start` is written with a minus sign.
fn signed(t: &str, start: usize, v: i64) -> i64 {
    if minus_before(t, start) {
        -v
    } else {
        v
    }
}

/// Whether the number at byte `start` carries a minus sign: "-5积分", "，-5积分", "负5积分",
/// "pen, -5 points". The '-' must touch the number and stand after the start, a space or a
/// punctuation mark; "5-10积分" (a range), "台灯-20积分" and "台灯——20积分" (dashes between
/// words) keep their number positive.
fn minus_before(t: &str, start: usize) -> bool {
    match char_before(t, start) {
        Some('负') => true,
        Some('-') => char_before(t, start - 1).is_none_or(|c| {
            c.is_whitespace() || matches!(c, ',' | ':' | ';' | '(' | '[' | '=' | '!' | '?')
        }),
        _ => false,
    }
}

/// Session length in hours: "2小时", "一个半小时" = 1.5, "90分钟" = 1.5, "an hour", "30 minute".
pub fn hours(t: &str, nr: &NumRes) -> Option<f64> {
    match nr.lang {
        Lang::Zh if !t.contains(['时', '钟', '头']) => None,
        Lang::Zh => {
            for c in nr.hours.captures_iter(t) {
                let half = c.get(3).is_some();
                let base = match c.get(1) {
                    Some(n) => match zh_num(n.as_str()) {
                        Some(v) => v,
                        None => continue,
                    },
                    None if half => 0.0,
                    None => continue,
                };
                if base == 0.0 && !half {
                    continue;
                }
                return Some(base + if half { 0.5 } else { 0.0 });
            }
            for c in nr.minutes.captures_iter(t) {
                if let Some(v) = zh_num(&c[1]) {
                    // A few minutes are a video's or a walk's length, not time given.
                    if v >= 10.0 {
                        return Some(round2(v / 60.0));
                    }
                }
            }
            None
        }
        Lang::En => {
            if let Some(c) = nr.hours_half.captures(t) {
                if let Some(v) = en_num(&c[1]) {
                    return Some(v + 0.5);
                }
            }
            for c in nr.hours.captures_iter(t) {
                let n = &c[1];
                let v = if n.starts_with("half") {
                    Some(0.5)
                } else {
                    en_num(n)
                };
                if let Some(v) = v {
                    return Some(v + if c.get(2).is_some() { 0.5 } else { 0.0 });
                }
            }
            for c in nr.minutes.captures_iter(t) {
                if let Some(v) = en_num(&c[1]) {
                    return Some(round2(v / 60.0));
                }
            }
            None
        }
    }
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Loan or absence length in days: "借三天" = 3, "一周" = 7, "一个月" = 30, "for two days".
pub fn days(t: &str, nr: &NumRes) -> Option<i64> {
    match nr.lang {
        Lang::Zh if !t.contains(['天', '周', '星', '礼', '月', '日', '工']) => None,
        Lang::Zh => {
            for c in nr.days.captures_iter(t) {
                let m = c.get(0).unwrap();
                let unit = &c[3];
                let has_ge = c.get(2).is_some();
                if unit == "月" && !has_ge {
                    continue; // 5月 is a date, 一个月 a length
                }
                // Hokkien 借一工 / 去十工 (days); not 三工区, 一工记1分 (a rate), 一个工
                if unit == "工"
                    && (has_ge
                        || c[1].bytes().all(|b| b.is_ascii_digit())
                        || char_after(t, m.end())
                            .is_some_and(|n| is_han(n) && !"就还回来嘛啊了的".contains(n)))
                {
                    continue;
                }
                // Cantonese "借两日" is a length; "3日", "十五日" after a month are dates.
                if unit == "日"
                    && (c[1].bytes().all(|b| b.is_ascii_digit())
                        || has_ge
                        || matches!(
                            char_before(t, c.get(1).unwrap().start()),
                            // 星期六日 / 礼拜六日 / 周六日: Saturday and Sunday
                            Some('月' | '号' | '期' | '拜' | '周')
                        ))
                {
                    continue;
                }
                if matches!(char_after(t, m.end()), Some('前' | '后' | '左'))
                    && !t[m.end()..].starts_with("左右")
                {
                    continue;
                }
                if matches!(char_before(t, c.get(1).unwrap().start()), Some('第' | '每')) {
                    continue;
                }
                let n = &c[1];
                let v = if n == "半" {
                    0.5
                } else {
                    zh_num(n).unwrap_or(0.0)
                };
                let per = match unit {
                    "天" | "日" | "工" => 1.0,
                    "周" | "星期" | "礼拜" => 7.0,
                    _ => 30.0,
                };
                let d = v * per;
                if d >= 1.0 && d.fract() == 0.0 {
                    return Some(d as i64);
                }
            }
            None
        }
        Lang::En => {
            for c in nr.days.captures_iter(t) {
                let m = c.get(0).unwrap();
                let rest = t[m.end()..].trim_start();
                if rest.starts_with("ago")
                    || rest.starts_with("old")
                    || t[m.end()..].starts_with("-old")
                {
                    continue;
                }
                let n = &c[1];
                let prev = word_before(t, m.start());
                if (n == "a" || n == "an")
                    && matches!(
                        prev,
                        "once" | "twice" | "times" | "x" | "per" | "every" | "thrice"
                    )
                {
                    continue;
                }
                if matches!(prev, "every" | "per" | "within" | "in") {
                    continue;
                }
                let v = if n.contains("couple") {
                    2.0
                } else {
                    en_num(n).unwrap_or(0.0)
                };
                let unit = &c[2];
                let per = if unit.starts_with("day") || unit.starts_with("night") {
                    1.0
                } else if unit.starts_with("week") {
                    7.0
                } else if unit == "fortnight" {
                    14.0
                } else {
                    30.0
                };
                let d = v * per;
                if d >= 1.0 && d.fract() == 0.0 {
                    return Some(d as i64);
                }
            }
            None
        }
    }
}

/// How many, when stated: "两个", "三盆", "4本", "2 bar stools", "a pair" = 2.
pub fn quantity(t: &str, nr: &NumRes, vague: &[String], not_count: &[String]) -> Option<i64> {
    match nr.lang {
        Lang::Zh => zh_quantity(t, nr, vague),
        Lang::En => en_quantity(t, nr, not_count),
    }
}

/// Chinese quantity: the first numeral + classifier that counts things ("两个", "三盆", "一对"
/// is two), else
/// one for a bare classifier after a listing verb ("出个电风扇").
fn zh_quantity(t: &str, nr: &NumRes, vague: &[String]) -> Option<i64> {
    // A container counted first ("绘本一箱 大概五十本", "一套《红楼梦》四本") gives way to the
    // count of the things in it, if one follows (none when that count is vague: "三四十个").
    let mut container: Option<i64> = None;
    for c in nr.quantity.captures_iter(t) {
        let m = c.get(0).unwrap();
        let n = c.get(1).unwrap();
        let cls = &c[2];
        let vague_count = n.as_str().contains('几') || vague.iter().any(|v| v == cls);
        if vague_count || zh_not_a_count(t, n.start(), m.end(), cls) {
            continue;
        }
        // 三四十个, 五六本: about so many.
        let about = n
            .as_str()
            .chars()
            .zip(n.as_str().chars().skip(1))
            .any(|(a, b)| ZH_UNITS.contains(a) && ZH_UNITS.contains(b));
        let value = zh_num(n.as_str()).filter(|v| *v >= 1.0 && v.fract() == 0.0 && !about);
        if container.is_some() {
            // A price per box ("一箱68") counts the box again, not what is in it.
            if CONTAINERS.contains(&cls) {
                continue;
            }
            return value.map(|v| v as i64);
        }
        if let Some(v) = value {
            if CONTAINERS.contains(&cls) {
                container = Some(v as i64);
                continue;
            }
            // 哑铃一对, 灯笼一对: a pair is two (as "a pair of" is)
            return Some(v as i64 * if cls == "对" { 2 } else { 1 });
        }
    }
    container.or_else(|| nr.single.is_match(t).then_some(1))
}

/// Chinese digits one to nine: two of them side by side are an estimate ("三四十").
const ZH_UNITS: &str = "一二两三四五六七八九";

/// Classifiers of what holds things: a count of the things inside, said after, is the
/// quantity.
const CONTAINERS: [&str; 9] = ["箱", "袋", "包", "套", "大袋", "小袋", "大箱", "大包", "盒"];

/// Whether the Chinese numeral at byte `num_start`, with its classifier ending at `end`, is
/// something other than a count of things: an ordinal or date (第, 每, 周, 号), part of a time
/// or decimal (10:30, 1.5), a duration, points or a grade (两个小时, 三分, 九成新), or people
/// (两个人).
fn zh_not_a_count(t: &str, num_start: usize, end: usize, cls: &str) -> bool {
    if matches!(
        char_before(t, num_start),
        Some('第' | '每' | '周' | '期' | '号')
    ) {
        return true;
    }
    // 10:30 / 1.5 — but "求：一把梯子" is fine
    if let Some(b @ (':' | '.')) = char_before(t, num_start) {
        if char_before(t, num_start - b.len_utf8()).is_some_and(|c| c.is_ascii_digit()) {
            return true;
        }
    }
    let rest = &t[end..];
    if [
        "小时", "钟头", "月", "星期", "礼拜", "半", "积分", "分", "成新", "次", "钟", "天", "晚",
        "夏天", "冬天", "春天", "秋天", "年", "周末", "季", "平方", "平米", "学期",
    ]
    .iter()
    .any(|p| rest.starts_with(p))
    {
        return true;
    }
    // 300块 is money (a piece is 一块 石头, not 300 of them); 小两口 is a couple.
    let digits = t[num_start..end].trim_end_matches(cls).trim();
    let priced = rest.chars().next().is_none_or(|c| {
        !('\u{4e00}'..='\u{9fff}').contains(&c) || "钱拿出以左包转甩卖全送给一就".contains(c)
    });
    if cls == "块"
        && (rest.starts_with('钱') || (digits.bytes().all(|b| b.is_ascii_digit()) && priced))
    {
        return true;
    }
    if cls == "口" && char_before(t, num_start) == Some('小') {
        return true;
    }
    // 两个人 / 三位 are people, not things
    matches!(cls, "个" | "位" | "名") && rest.starts_with('人')
}

/// English quantity: the first number (or "a pair of", "a dozen" …) before a word that counts
/// things ("2 bar stools"), else a multiplier ("x3", "3x").
fn en_quantity(t: &str, nr: &NumRes, not_count: &[String]) -> Option<i64> {
    for c in nr.quantity.captures_iter(t) {
        let n = c.get(1).unwrap();
        let word = &c[2];
        if not_count.iter().any(|w| w == word) {
            continue;
        }
        if en_not_a_count(t, n.start(), n.end()) {
            continue;
        }
        if let Some(v) = en_count_value(n.as_str()) {
            if v >= 1.0 && v.fract() == 0.0 && v < 10_000.0 {
                return Some(v as i64);
            }
        }
    }
    nr.times
        .captures(t)
        .and_then(|c| c.get(1).or(c.get(2)))
        .and_then(|m| m.as_str().parse().ok())
}

/// Whether the English number at bytes `start..end` is something other than a count of things:
/// money, a reference, a time, a date, a fraction or a percentage ($5, #3, 10:30, 5/6, 50%), or
/// a number after a word that makes it a size, an age, an address or a time ("size 8", "flat 2",
/// "in 3 days").
fn en_not_a_count(t: &str, start: usize, end: usize) -> bool {
    let before = char_before(t, start);
    if matches!(before, Some('$' | '£' | '€' | '#' | '.' | ':' | '/' | '-')) {
        return true;
    }
    let after_num = char_after(t, end);
    if matches!(after_num, Some('-' | '/' | ':' | '.' | '%')) {
        return true;
    }
    let prev = word_before(t, start);
    matches!(
        prev,
        "size"
            | "sizes"
            | "age"
            | "aged"
            | "ages"
            | "no"
            | "number"
            | "model"
            | "gen"
            | "room"
            | "flat"
            | "apt"
            | "block"
            | "house"
            | "unit"
            | "bus"
            | "route"
            | "series"
            | "year"
            | "level"
            | "floor"
            | "in"
            | "within"
            | "every"
            | "per"
            | "of"
            | "at"
            | "by"
            | "around"
            | "about"
            | "till"
            | "until"
    )
}

/// The value of an English count phrase: "half a dozen" = 6, "a dozen" = 12, "a pair of" /
/// "a couple of" = 2, else a number word or digits.
fn en_count_value(ns: &str) -> Option<f64> {
    if ns.contains("half a dozen") {
        Some(6.0)
    } else if ns.contains("dozen") {
        Some(12.0)
    } else if ns.contains("pair") || ns.contains("couple") {
        Some(2.0)
    } else {
        en_num(ns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quantity regexes' numerals are the ones the gate looks for; a word is found
    /// wherever the substring search finds it.
    #[test]
    fn the_numeral_gate_knows_every_numeral_and_words_are_found() {
        let class: Vec<char> = ZH_DIGITS.chars().chain(['几']).chain('0'..='9').collect();
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_zh_numeral(c), class.contains(&c), "{c:?}");
        }
        for t in [
            "",
            "p",
            "pt",
            "30 pts",
            "a point",
            "credits",
            "péten pt",
            "x pt x",
            "ptp",
        ] {
            for p in ["pt", "point", "credit", "min", "day", "h"] {
                assert_eq!(has_word(t, p), t.contains(p), "{t} {p}");
            }
        }
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(zh_num("十二"), Some(12.0));
        assert_eq!(zh_num("二十"), Some(20.0));
        assert_eq!(zh_num("两"), Some(2.0));
        assert_eq!(zh_num("一百零五"), Some(105.0));
        assert_eq!(zh_num("三千"), Some(3000.0));
        assert_eq!(zh_num("几"), None);
        assert_eq!(zh_num("30"), Some(30.0));
    }

    #[test]
    fn condition_grades_in_every_spelling() {
        let zh = NumRes::new(Lang::Zh, &[]).unwrap();
        for (t, want) in [
            ("九成新", Some("like_new")),
            ("9成新", Some("like_new")),
            ("9新", Some("like_new")),
            ("95新", Some("like_new")),
            ("九五成新", Some("like_new")),
            ("八成新", Some("good")),
            ("8新", Some("good")),
            ("十成新", Some("new")),
            ("10成新", Some("new")),
            ("六成新", Some("fair")),
            ("19新款", None),
            ("新的", None),
        ] {
            assert_eq!(chengxin(&format!("出电饭煲 {t} 10分"), &zh), want, "{t}");
        }
    }

    #[test]
    fn a_minus_sign_makes_points_negative_and_a_dash_does_not() {
        let zh = NumRes::new(Lang::Zh, &[]).unwrap();
        let en = NumRes::new(Lang::En, &[]).unwrap();
        for (t, want) in [
            ("出闲置:钢笔,-5积分", Some(-5)),
            ("钢笔 -5积分", Some(-5)),
            ("-5积分", Some(-5)),
            ("钢笔,负五积分", Some(-5)),
            ("钢笔,积分:-5", Some(-5)),
            ("钢笔,5-10积分", Some(10)),
            ("台灯-20积分", Some(20)),
            ("台灯--20积分", Some(20)),
            ("钢笔,积分-5", None),
            ("钢笔,20积分", Some(20)),
        ] {
            assert_eq!(points(t, &zh), want, "{t}");
        }
        for (t, want) in [
            ("offer: pen, -5 points", Some(-5)),
            ("pen -5 pts", Some(-5)),
            ("pen, points: -5", Some(-5)),
            ("pen, 5-10 points", Some(10)),
            ("pen-5 points", Some(5)),
            ("pen - 5 points", Some(5)),
        ] {
            assert_eq!(points(t, &en), want, "{t}");
        }
    }
}
