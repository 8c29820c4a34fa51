//! The plain words and numbers residents type, read the same way everywhere: lower case
//! letters and digits compared ([`norm`]), the words that cancel, go back, skip or confirm in
//! both languages, a menu number ("3", "三", "3 我的积分"), points ("三十", "free") and dates
//! ("12月20日", "下周六", "next friday").

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};

use crate::parse;

/// Lower case letters and digits only: how typed words and key labels are compared.
/// A typed word as the bot compares it: letters and digits only, lower case, and Traditional
/// characters read as Simplified ("積分" is "积分").
pub fn norm(s: &str) -> String {
    fast2s::convert(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn is_word(text: &str, words: &[&str]) -> bool {
    let t = norm(text);
    !t.is_empty() && words.iter().any(|w| norm(w) == t)
}

pub const CANCEL_WORDS: &[&str] = &["取消", "退出", "不弄了", "算了", "cancel", "quit", "exit"];
pub const MENU_WORDS: &[&str] = &["菜单", "主菜单", "目录", "menu", "main menu"];
pub const BACK_WORDS: &[&str] = &["返回", "上一步", "back"];
pub const SKIP_WORDS: &[&str] = &["跳过", "不用", "没有", "不要", "skip", "none", "no"];
pub const DONE_WORDS: &[&str] = &[
    "完成",
    "好了",
    "发完了",
    "就这些",
    "done",
    "finished",
    "that's all",
];
pub const YES_WORDS: &[&str] = &[
    "是", "是的", "好", "好的", "对", "对的", "确认", "确定", "发布", "可以", "行", "嗯", "yes",
    "y", "ok", "okay", "sure", "yep",
];
pub const NO_WORDS: &[&str] = &[
    "否",
    "不",
    "不是",
    "不对",
    "不行",
    "不要",
    "不用",
    "不用了",
    "算了",
    "不了",
    "no",
    "n",
    "nope",
];

/// Words that turn simple mode on, and off.
pub const SIMPLE_ON_WORDS: &[&str] = &[
    "简单模式",
    "大字模式",
    "老人模式",
    "简单",
    "simple mode",
    "simple",
];
pub const SIMPLE_OFF_WORDS: &[&str] = &[
    "普通模式",
    "标准模式",
    "简单模式 关",
    "简单模式关",
    "关闭简单模式",
    "关简单模式",
    "simple mode off",
    "normal mode",
    "full mode",
];
/// Words for "my listings, claims and loans".
pub const MINE_WORDS: &[&str] = &[
    "我的",
    "我的东西",
    "我发的",
    "mine",
    "my things",
    "my listings",
];
/// Words that mean "on" and "off" after a command (`/simple on`, `/statement 关`).
pub fn on_off(w: &str) -> Option<bool> {
    match w.trim().to_lowercase().as_str() {
        "on" | "开" | "开启" | "打开" | "yes" => Some(true),
        "off" | "关" | "关闭" | "no" => Some(false),
        _ => None,
    }
}

/// True for one of `words`, typed plainly or as a bare command (`/cancel`, `/菜单`).
fn is_word_or_bare_command(text: &str, words: &[&str]) -> bool {
    let bare = super::command::split(text).filter(|w| w.args.is_empty() && w.bot.is_none());
    is_word(text, words) || bare.is_some_and(|w| is_word(&w.name, words))
}

/// 取消 / cancel: leave the flow.
pub fn is_cancel(text: &str) -> bool {
    is_word_or_bare_command(text, CANCEL_WORDS)
}

/// The plain words for `/helper`.
pub fn is_helper_word(text: &str) -> bool {
    is_word(text, &["代办", "请人代办", "helper"])
}

/// 菜单 / menu: show the main menu.
pub fn is_menu(text: &str) -> bool {
    is_word_or_bare_command(text, MENU_WORDS)
}

/// The menu entry a typed number (or a big key "3 我的积分") chooses.
pub fn menu_number(text: &str) -> Option<usize> {
    let t = parse::normalize::normalize(text);
    let t = t.trim();
    // "②", "第二个", "第2项", "选3": the same as "2", "2", "3".
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨";
    if let Some(k) = CIRCLED.chars().position(|c| t == c.to_string()) {
        return Some(k + 1);
    }
    let t = match t.strip_prefix(['第', '选']) {
        Some(rest) => rest.trim_end_matches(['个', '項', '项', '号', '個']),
        None => t,
    };
    let first = t.chars().next()?;
    let n = first.to_digit(10).or_else(|| {
        "一二三四五六七八九"
            .chars()
            .position(|c| c == first)
            .map(|i| i as u32 + 1)
    })?;
    let rest = &t[first.len_utf8()..];
    // "1", "1 送东西", "1." — but not "10" or "1只猫".
    let rest_ok = rest.is_empty() || rest.starts_with([' ', '.', '、', '．']);
    (rest_ok && (1..=9).contains(&n)).then_some(n as usize)
}
/// The `i`-th word of a command's arguments as a number: `12` or `#12`.
pub fn nth_number(args: &str, i: usize) -> Option<i64> {
    args.split_whitespace()
        .nth(i)
        .and_then(|w| w.trim_start_matches('#').parse::<i64>().ok())
}

/// The words of a command's arguments from the `i`-th on, joined (a reason).
pub fn words_from(args: &str, i: usize) -> String {
    args.split_whitespace()
        .skip(i)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Typed hours, in halves at least: "半小时" / "half an hour" 0.5, "一个半钟头" 1.5, "1.5",
/// "半天" 4, else a whole number as [`read_number`] reads it.
pub fn read_hours(t: &str) -> Option<f64> {
    let raw = parse::normalize::normalize(t);
    let n = norm(&raw);
    let n = n
        .trim_start_matches("大概")
        .trim_start_matches("大约")
        .trim_start_matches("about");
    if n.starts_with("半天") || n.starts_with("halfaday") || n.starts_with("half a day") {
        return Some(4.0);
    }
    if n.starts_with('半') || n.starts_with("half") {
        return Some(0.5);
    }
    // 1.5 / 0.5 (a point between digits)
    let decimal: String = raw
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if decimal.contains('.') {
        return decimal.parse().ok();
    }
    // 一个半 / 两个半小时 / 1个半
    if let Some((whole, _)) = n.split_once('半') {
        return read_number(whole).map(|w| w as f64 + 0.5);
    }
    read_number(t).map(|v| v as f64)
}

/// A typed number: 30, 30积分, 三十, thirty, 免费 / free (0); -5 (a minus sign touching the
/// digits, at the start or after a space) is negative, for the range check to refuse.
pub fn read_number(t: &str) -> Option<i64> {
    let t = parse::normalize::normalize(t);
    let n = norm(&t);
    if n.contains("免费") || n == "free" || n == "nothing" {
        return Some(0);
    }
    if let Some(start) = t.find(|c: char| c.is_ascii_digit()) {
        let digits: String = t[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let negative = t[..start]
            .strip_suffix('-')
            .is_some_and(|b| b.chars().next_back().is_none_or(char::is_whitespace));
        // "1.5" is no whole number: the step asks again rather than read it as 1.
        let after = &t[start + digits.len()..];
        if after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let v: i64 = digits.parse().ok()?;
        return Some(if negative { -v } else { v });
    }
    // Units, in any order: 两个小时, 一个钟头, 五个人, 三十积分.
    let mut word = n.as_str();
    loop {
        let w = [
            "积分", "分", "个", "小时", "钟头", "钟", "左右", "人", "件", "points", "hours",
            "hour", "people",
        ]
        .iter()
        .fold(word, |w, u| w.trim_end_matches(u));
        if w == word {
            break;
        }
        word = w;
    }
    parse::numbers::zh_num(word)
        .or_else(|| parse::numbers::en_num(word))
        .filter(|f| f.fract() == 0.0 && *f >= 0.0)
        .map(|f| f as i64)
}

/// A month and day written in words: 十二月十二日, dec5, 5dec, december5th (spaces removed).
fn month_day_words(compact: &str) -> Option<(u32, u32)> {
    let zh = regex::Regex::new(r"^([一二三四五六七八九十]+)月([一二三四五六七八九十]+)[日号]?$")
        .expect("zh month pattern");
    if let Some(c) = zh.captures(compact) {
        let m = parse::numbers::zh_num(&c[1])? as u32;
        let d = parse::numbers::zh_num(&c[2])? as u32;
        return Some((m, d));
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| w.starts_with(m))
            .map(|i| i as u32 + 1)
    };
    let en = regex::Regex::new(
        r"^(?:([a-z]+)\.?(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?(?:of)?([a-z]+)\.?)$",
    )
    .expect("en month pattern");
    let c = en.captures(compact)?;
    match (c.get(1), c.get(2), c.get(3), c.get(4)) {
        (Some(m), Some(d), _, _) => Some((month(m.as_str())?, d.as_str().parse().ok()?)),
        (_, _, Some(d), Some(m)) => Some((month(m.as_str())?, d.as_str().parse().ok()?)),
        _ => None,
    }
}

/// A typed time of day: 14:00, 14：30, 9点, 9点半, 下午2点, 下午两点半, 晚上7点, 2pm, 2:30 pm,
/// 9am, noon / 中午 (12:00). One to six o'clock with nothing saying morning (两点半, 3:00) is
/// the afternoon; 凌晨2点, 2am or 02:30 is the night.
pub fn read_time(t: &str) -> Option<NaiveTime> {
    let t = parse::normalize::normalize(t).to_lowercase();
    let compact: String = t
        .trim()
        .trim_end_matches(['。', '.', '!', '！'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if matches!(compact.as_str(), "中午" | "noon" | "12noon") {
        return NaiveTime::from_hms_opt(12, 0, 0);
    }
    let re = regex::Regex::new(
        r"^(上午|早上|早晨|凌晨|中午|下午|晚上|傍晚)?([0-9]{1,2}|[零一二两三四五六七八九十]{1,3})(?:[:：.]([0-9]{2})|点(半|[0-9]{1,2}分?|[一二三四五]十[一二三四五六七八九]?分?|一刻|三刻)?|时)?(am|pm|a\.m\.|p\.m\.)?$",
    )
    .expect("time pattern");
    let c = re.captures(&compact)?;
    let hour_text = &c[2];
    let mut h: u32 = match hour_text.parse() {
        Ok(h) => h,
        Err(_) => parse::numbers::zh_num(hour_text)? as u32,
    };
    // A bare number ("9") is not a time: it needs a colon, 点, or am/pm.
    if c.get(3).is_none()
        && c.get(4).is_none()
        && c.get(5).is_none()
        && !compact.contains(['点', '时'])
    {
        return None;
    }
    let m: u32 = if let Some(mm) = c.get(3) {
        mm.as_str().parse().ok()?
    } else {
        match c.get(4).map(|m| m.as_str().trim_end_matches('分')) {
            None | Some("") => 0,
            Some("半") => 30,
            Some("一刻") => 15,
            Some("三刻") => 45,
            Some(n) => n
                .parse()
                .ok()
                .or_else(|| parse::numbers::zh_num(n).map(|f| f as u32))?,
        }
    };
    let afternoon = matches!(c.get(1).map(|x| x.as_str()), Some("下午" | "晚上" | "傍晚"))
        || c.get(5).is_some_and(|x| x.as_str().starts_with('p'));
    let morning = c.get(5).is_some_and(|x| x.as_str().starts_with('a'));
    // "两点半", "3:00" with nothing saying morning: nobody meets at 3 at night.
    let said_period = c.get(1).is_some() || c.get(5).is_some() || hour_text.starts_with('0');
    if ((afternoon || !said_period) && (1..=6).contains(&h)) || (afternoon && h < 12) {
        h += 12;
    }
    if morning && h == 12 {
        h = 0;
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

/// A typed date: 2026-12-05, 12-05, 12/5, 12月5日, 5号, 今天, 明天, 后天, 下周六, 周五, 7天,
/// 2周, tomorrow, next friday, friday, in 7 days, 2 weeks.
pub fn read_date(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let t = parse::normalize::normalize(t).to_lowercase();
    let t = t.trim().trim_end_matches(['。', '.', '!', '！']);
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    match compact.as_str() {
        "今天" | "today" => return Some(today),
        "明天" | "tomorrow" => return Some(today + Duration::days(1)),
        "后天" | "dayaftertomorrow" | "thedayaftertomorrow" => {
            return Some(today + Duration::days(2))
        }
        "大后天" => return Some(today + Duration::days(3)),
        _ => {}
    }
    // Full and month-day dates.
    let re = regex::Regex::new(r"^(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})[日号]?$")
        .expect("date pattern");
    if let Some(c) = re.captures(&compact) {
        let m: u32 = c[2].parse().ok()?;
        let d: u32 = c[3].parse().ok()?;
        return match c.get(1) {
            Some(y) => NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, m, d),
            None => {
                let this = NaiveDate::from_ymd_opt(today.year(), m, d)?;
                if this >= today {
                    Some(this)
                } else {
                    NaiveDate::from_ymd_opt(today.year() + 1, m, d)
                }
            }
        };
    }
    // 十二月十二日, dec 5, 5 december, december 5th: a month and day, this year or next.
    if let Some((m, d)) = month_day_words(&compact) {
        let this = NaiveDate::from_ymd_opt(today.year(), m, d)?;
        return if this >= today {
            Some(this)
        } else {
            NaiveDate::from_ymd_opt(today.year() + 1, m, d)
        };
    }
    // 下个月5号: that day of next month.
    let next_month_re = regex::Regex::new(r"^下个?月(\d{1,2}|[一二三四五六七八九十]+)[日号]$")
        .expect("next month pattern");
    if let Some(c) = next_month_re.captures(&compact) {
        let d = c[1]
            .parse::<u32>()
            .ok()
            .or_else(|| parse::numbers::zh_num(&c[1]).map(|f| f as u32))?;
        let (y, m) = if today.month() == 12 {
            (today.year() + 1, 1)
        } else {
            (today.year(), today.month() + 1)
        };
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    // "5号": that day of this month, or of the next.
    let day_re = regex::Regex::new(r"^(\d{1,2})[日号]$").expect("day pattern");
    if let Some(c) = day_re.captures(&compact) {
        let d: u32 = c[1].parse().ok()?;
        let this = NaiveDate::from_ymd_opt(today.year(), today.month(), d);
        return match this {
            Some(x) if x >= today => Some(x),
            _ => {
                let (y, m) = if today.month() == 12 {
                    (today.year() + 1, 1)
                } else {
                    (today.year(), today.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, d)
            }
        };
    }
    // "7天", "7天后", "2周", "in 7 days", "2 weeks", "一周".
    if matches!(compact.as_str(), "半个月" | "半月" | "半个月后") {
        return today.checked_add_signed(Duration::days(15));
    }
    let span_re = regex::Regex::new(
        r"^(?:in)?(\d+|[一二两三四五六七八九十]+)(天|日|周|星期|个星期|礼拜|个礼拜|个月|months?|days?|weeks?)(?:后|以后|later)?$",
    )
    .expect("span pattern");
    if let Some(c) = span_re.captures(&compact) {
        let n = c[1]
            .parse::<i64>()
            .ok()
            .or_else(|| parse::numbers::zh_num(&c[1]).map(|f| f as i64))
            .filter(|n| (0..=3660).contains(n))?;
        let unit = &c[2];
        let days = if unit.starts_with('周')
            || unit.contains("星期")
            || unit.contains("礼拜")
            || unit.starts_with("week")
        {
            n * 7
        } else if unit.contains('月') || unit.starts_with("month") {
            n * 30
        } else {
            n
        };
        return today.checked_add_signed(Duration::days(days));
    }
    weekday_date(&compact, today)
}

/// A weekday: 周五 / 星期五 / 礼拜五 (the next one), 这周五 / this friday (the same), 下周五
/// (next week's), friday, next friday.
fn weekday_date(compact: &str, today: NaiveDate) -> Option<NaiveDate> {
    let compact = compact.to_string();
    let zh_days = ["一", "二", "三", "四", "五", "六", "日"];
    let en_days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let (next_week, rest) = if let Some(r) = compact.strip_prefix("下") {
        (true, r.to_string())
    } else if let Some(r) = compact.strip_prefix("next") {
        (true, r.to_string())
    } else {
        // 这周六 / 本周六 / this saturday: the coming one, as plain 周六.
        let r = ["这个", "这", "本", "this"]
            .iter()
            .find_map(|p| compact.strip_prefix(p))
            .unwrap_or(&compact);
        (false, r.to_string())
    };
    let wd = ["周", "星期", "礼拜"].iter().find_map(|p| {
        let d = rest.strip_prefix(p)?;
        let d = if d == "天" { "日" } else { d };
        zh_days.iter().position(|z| *z == d)
    });
    let wd = wd.or_else(|| en_days.iter().position(|e| *e == rest || e[..3] == rest));
    if let Some(i) = wd {
        let target = Weekday::try_from(i as u8).ok()?;
        let from = today.weekday().num_days_from_monday() as i64;
        let to = target.num_days_from_monday() as i64;
        let mut ahead = (to - from).rem_euclid(7);
        if next_week {
            // 下周五: Friday of next week (Monday-based weeks).
            ahead = 7 - from + to;
        } else if ahead == 0 {
            ahead = 7;
        }
        return Some(today + Duration::days(ahead));
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn hours_in_halves() {
        for (typed, want) in [
            ("半小时", Some(0.5)),
            ("半个钟", Some(0.5)),
            ("大概半小时", Some(0.5)),
            ("half an hour", Some(0.5)),
            ("一个半小时", Some(1.5)),
            ("两个半钟头", Some(2.5)),
            ("1.5", Some(1.5)),
            ("0.5小时", Some(0.5)),
            ("半天", Some(4.0)),
            ("3", Some(3.0)),
            ("两个小时", Some(2.0)),
            ("很久", None),
        ] {
            assert_eq!(super::read_hours(typed), want, "{typed}");
        }
    }

    #[test]
    fn times_of_day_in_both_languages() {
        let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0);
        for (typed, want) in [
            ("14:00", t(14, 0)),
            ("9：30", t(9, 30)),
            ("9点", t(9, 0)),
            ("9点半", t(9, 30)),
            ("下午2点", t(14, 0)),
            ("下午两点半", t(14, 30)),
            ("晚上七点", t(19, 0)),
            ("上午十点一刻", t(10, 15)),
            ("2pm", t(14, 0)),
            ("2:30 pm", t(14, 30)),
            ("9am", t(9, 0)),
            ("12am", t(0, 0)),
            ("两点半", t(14, 30)),
            ("3:00", t(15, 0)),
            ("凌晨2点", t(2, 0)),
            ("02:30", t(2, 30)),
            ("2am", t(2, 0)),
            ("7点", t(7, 0)),
            ("noon", t(12, 0)),
            ("9", None),
            ("25:00", None),
            ("明天", None),
        ] {
            assert_eq!(read_time(typed), want, "{typed}");
        }
    }

    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_in_both_languages() {
        // 2026-12-01 is a Tuesday.
        let today = d("2026-12-01");
        for (text, want) in [
            ("2026-12-05", "2026-12-05"),
            ("12-05", "2026-12-05"),
            ("12/5", "2026-12-05"),
            ("12月5日", "2026-12-05"),
            ("12月5号", "2026-12-05"),
            ("5号", "2026-12-05"),
            ("明天", "2026-12-02"),
            ("后天", "2026-12-03"),
            ("7天", "2026-12-08"),
            ("7天后", "2026-12-08"),
            ("两周", "2026-12-15"),
            ("周五", "2026-12-04"),
            ("星期二", "2026-12-08"),
            ("下周六", "2026-12-12"),
            ("tomorrow", "2026-12-02"),
            ("Friday", "2026-12-04"),
            ("next friday", "2026-12-11"),
            ("in 3 days", "2026-12-04"),
            ("2 weeks", "2026-12-15"),
            ("1月3日", "2027-01-03"),
            ("１２月５日", "2026-12-05"),
            ("这周六", "2026-12-05"),
            ("本周六", "2026-12-05"),
            ("this saturday", "2026-12-05"),
            ("十二月十二日", "2026-12-12"),
            ("一月三号", "2027-01-03"),
            ("下个月5号", "2027-01-05"),
            ("Dec 5", "2026-12-05"),
            ("5 Dec", "2026-12-05"),
            ("December 12th", "2026-12-12"),
            ("12th of December", "2026-12-12"),
        ] {
            assert_eq!(read_date(text, today), Some(d(want)), "{text}");
        }
        for bad in [
            "",
            "soon",
            "下下周",
            "13月40日",
            "whenever",
            "100000000天",
            "9223372036854775807天",
            "99999999999999999999 weeks",
            "99999-12-01",
        ] {
            assert_eq!(read_date(bad, today), None, "{bad}");
        }
    }

    #[test]
    fn numbers_and_words() {
        assert_eq!(read_number("30"), Some(30));
        // No whole number: asked again, not read as 1.
        assert_eq!(read_number("1.5"), None);
        assert_eq!(read_number("5。"), Some(5));
        assert_eq!(read_number("30积分"), Some(30));
        assert_eq!(read_number("三十"), Some(30));
        assert_eq!(read_number("免费"), Some(0));
        assert_eq!(read_number("free"), Some(0));
        assert_eq!(read_number("👍 用建议 24 分"), Some(24));
        assert_eq!(read_number("多少都行"), None);
        assert_eq!(read_number("一个钟头"), Some(1));
        assert_eq!(read_number("三个钟左右"), Some(3));
        assert_eq!(read_number("one hour"), Some(1));
        assert_eq!(read_number("-5"), Some(-5));
        assert_eq!(read_number("－5积分"), Some(-5));
        assert_eq!(read_number("积分 -5"), Some(-5));
        assert_eq!(read_number("5-10"), Some(5));
        assert_eq!(menu_number("1"), Some(1));
        assert_eq!(menu_number("3 我的积分"), Some(3));
        assert_eq!(menu_number("三"), Some(3));
        assert_eq!(menu_number("10"), None);
        assert_eq!(menu_number("0"), None);
        // Said the way elderly neighbours say it.
        assert_eq!(menu_number("第二个"), Some(2));
        assert_eq!(menu_number("第2项"), Some(2));
        assert_eq!(menu_number("选3"), Some(3));
        assert_eq!(menu_number("②"), Some(2));
        assert_eq!(menu_number("二个"), None);
        assert_eq!(menu_number("第二天"), None);
        assert!(is_cancel("取消") && is_cancel("✖ 取消") && is_cancel("Cancel!"));
        assert!(is_menu("菜单") && is_menu("Menu") && !is_menu("菜单在哪"));
    }
}
