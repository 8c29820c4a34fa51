//! Property tests: the parser never panics and always produces a complete, valid object.

use linli::parse::{parse, Kind, Lang, Lexicon};
use proptest::prelude::*;
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

const KEYS: [&str; 12] = [
    "kind",
    "resource",
    "mode",
    "title",
    "category",
    "condition",
    "points",
    "free",
    "quantity",
    "hours",
    "days",
    "lang",
];

fn check(text: &str, lang: Option<Lang>) -> Result<(), TestCaseError> {
    let p = parse(text, lang, lex());
    let v = serde_json::to_value(&p).unwrap();
    let obj = v.as_object().expect("object");
    prop_assert_eq!(obj.len(), KEYS.len());
    for k in KEYS {
        prop_assert!(obj.contains_key(k), "missing key {}", k);
    }
    let one_of = |k: &str, allowed: &[&str]| {
        v[k].is_null() || allowed.contains(&v[k].as_str().unwrap_or("?"))
    };
    prop_assert!(["offer", "request", "none"].contains(&v["kind"].as_str().unwrap()));
    prop_assert!(one_of("resource", &["item", "service", "skill"]));
    prop_assert!(one_of("mode", &["give", "lend", "swap"]));
    prop_assert!(one_of(
        "condition",
        &["new", "like_new", "good", "fair", "poor"]
    ));
    prop_assert!(["zh", "en"].contains(&v["lang"].as_str().unwrap()));
    prop_assert!(v["free"].is_boolean());
    if p.kind == Kind::None {
        prop_assert!(v["resource"].is_null() && v["mode"].is_null());
    }
    if p.resource
        .is_some_and(|r| r != linli::parse::Resource::Item)
    {
        prop_assert!(v["mode"].is_null());
    }
    Ok(())
}

/// Fragments residents use, to build keyword-dense messages.
const FRAGS: &[&str] = &[
    "出闲置",
    "求借",
    "免费送",
    "白送",
    "换",
    "以物换物",
    "可借",
    "求",
    "求求",
    "已送出",
    "谢谢",
    "积分",
    "分",
    "分钟",
    "小时",
    "一个半",
    "两",
    "三",
    "十二",
    "半",
    "个",
    "盆",
    "本",
    "天",
    "周",
    "个月",
    "九成新",
    "全新",
    "坏了",
    "宝宝餐椅",
    "电钻",
    "遛狗",
    "修电脑",
    "教英语",
    "OFFER:",
    "WANTED:",
    "TAKEN",
    "free",
    "up for grabs",
    "ISO",
    "lend",
    "swap",
    "for",
    "a week",
    "hours",
    "minutes",
    "points",
    "pts",
    "ladder",
    "sofa",
    "fix",
    "tutor",
    "broken",
    "like new",
    "3",
    "30",
    "３０",
    "，",
    "：",
    "!",
    "?",
    " ",
    "\n",
    "😀",
    "０",
    "1.5",
    "x2",
    "a pair of",
    "two",
    "twelve",
];

fn fragments() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(FRAGS).prop_map(String::from),
            "[0-9]{1,6}",
            ".{0,3}"
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,4096}") {
        check(&s, None)?;
    }

    #[test]
    fn any_chars_never_panic(s in any::<String>()) {
        check(&s, None)?;
        check(&s, Some(Lang::En))?;
        check(&s, Some(Lang::Zh))?;
    }

    #[test]
    fn keyword_mixes_never_panic(s in fragments()) {
        check(&s, None)?;
        check(&s, Some(Lang::En))?;
        check(&s, Some(Lang::Zh))?;
    }
}
