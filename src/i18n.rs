//! Fluent message bundles: one per locale, zh-CN the default and the fallback.
//!
//! Files are read from `<locales_dir>/<locale>/*.ftl`; the copies compiled into the binary are
//! used when the folder is missing, so `linli` works from any directory.

use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// A language the bot speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
    /// Chinese in Traditional characters (Hong Kong, Macau, Taiwan): `locales/zh-Hant`, made
    /// from zh-CN by `scripts/zh-hant.py`.
    #[serde(rename = "zh-Hant")]
    ZhHant,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::ZhCn, Locale::En, Locale::ZhHant];

    /// Accepts the codes people and Telegram use: `zh-CN`, `zh`, `zh-hans`, `中文`, `en`, `en-US`,
    /// `english`, and for Traditional characters `zh-Hant`, `zh-TW`, `zh-HK`, `繁體` …
    pub fn parse(s: &str) -> Option<Locale> {
        let s = s.trim().to_ascii_lowercase();
        let traditional = ["zh-hant", "zh-tw", "zh-hk", "zh-mo", "zh_tw", "zh_hk"];
        if traditional.iter().any(|t| s.starts_with(t))
            || [
                "繁體",
                "繁体",
                "繁體中文",
                "繁体中文",
                "正體",
                "traditional",
            ]
            .contains(&s.as_str())
        {
            Some(Locale::ZhHant)
        } else if s.starts_with("zh") || s == "中文" || s == "cn" || s == "chinese" {
            Some(Locale::ZhCn)
        } else if s.starts_with("en") || s == "英文" || s == "english" {
            Some(Locale::En)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
            Locale::ZhHant => "zh-Hant",
        }
    }

    /// Chinese in either script.
    pub fn is_chinese(self) -> bool {
        matches!(self, Locale::ZhCn | Locale::ZhHant)
    }
}

/// Built-in copies of the message files, used when the locales folder is absent.
const BUILTIN: &[(Locale, &str, &str)] = &[
    (
        Locale::ZhCn,
        "zh-CN/linli.ftl",
        include_str!("../locales/zh-CN/linli.ftl"),
    ),
    (
        Locale::En,
        "en/linli.ftl",
        include_str!("../locales/en/linli.ftl"),
    ),
    (
        Locale::ZhHant,
        "zh-Hant/linli.ftl",
        include_str!("../locales/zh-Hant/linli.ftl"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("{file}: cannot be read: {err}")]
    Read { file: String, err: std::io::Error },
    #[error("{file}: Fluent syntax error: {detail}")]
    Syntax { file: String, detail: String },
    #[error("{file}: message `{key}` is defined twice")]
    Duplicate { file: String, key: String },
}

/// The message bundles of every locale.
pub struct I18n {
    bundles: Vec<(Locale, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("locales", &self.bundles.len())
            .finish()
    }
}

/// Arguments of a message: `(name, value)` pairs.
pub type Args<'a> = [(&'a str, FluentValue<'a>)];

impl I18n {
    /// Loads `<dir>/<locale>/*.ftl` for every locale, or the built-in copies if `dir` is missing.
    pub fn load(dir: &Path) -> Result<I18n, I18nError> {
        if !dir.is_dir() {
            return Ok(Self::builtin());
        }
        let mut bundles = Vec::new();
        for loc in Locale::ALL {
            let mut files: Vec<(String, String)> = Vec::new();
            let ldir = dir.join(loc.code());
            let entries = std::fs::read_dir(&ldir).map_err(|err| I18nError::Read {
                file: ldir.display().to_string(),
                err,
            })?;
            let mut paths: Vec<_> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
                .collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p).map_err(|err| I18nError::Read {
                    file: p.display().to_string(),
                    err,
                })?;
                files.push((p.display().to_string(), text));
            }
            bundles.push((loc, build_bundle(loc, files)?));
        }
        Ok(I18n { bundles })
    }

    /// The message files compiled into the binary.
    pub fn builtin() -> I18n {
        let bundles = Locale::ALL
            .iter()
            .map(|&loc| {
                let files = BUILTIN
                    .iter()
                    .filter(|(l, _, _)| *l == loc)
                    .map(|(_, f, t)| (f.to_string(), t.to_string()))
                    .collect();
                (
                    loc,
                    build_bundle(loc, files).expect("built-in locale files are valid"),
                )
            })
            .collect();
        I18n { bundles }
    }

    fn bundle(&self, loc: Locale) -> &FluentBundle<FluentResource> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == loc)
            .map(|(_, b)| b)
            .unwrap_or(&self.bundles[0].1)
    }

    /// True when `key` exists in `loc`'s bundle.
    pub fn has(&self, loc: Locale, key: &str) -> bool {
        self.bundle(loc).has_message(key)
    }

    /// The message `key` in `loc`, falling back to zh-CN, then to the key itself.
    pub fn t(&self, loc: Locale, key: &str, args: &Args) -> String {
        for l in [loc, Locale::ZhCn] {
            let bundle = self.bundle(l);
            if let Some(msg) = bundle.get_message(key) {
                if let Some(pattern) = msg.value() {
                    let mut fargs = FluentArgs::new();
                    for (k, v) in args {
                        fargs.set(*k, v.clone());
                    }
                    let mut errors = Vec::new();
                    let out = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
                    if !errors.is_empty() {
                        tracing::warn!(key, ?errors, "fluent formatting errors");
                    }
                    return out.into_owned();
                }
            }
        }
        tracing::error!(key, "missing message");
        key.to_string()
    }

    /// Every message key defined for `loc`.
    pub fn keys(&self, loc: Locale) -> Vec<String> {
        let _ = loc;
        BUILTIN
            .iter()
            .filter(|(l, _, _)| *l == loc)
            .flat_map(|(_, _, text)| message_ids(text))
            .collect()
    }
}

fn message_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .collect()
}

fn build_bundle(
    loc: Locale,
    files: Vec<(String, String)>,
) -> Result<FluentBundle<FluentResource>, I18nError> {
    let langid: unic_langid::LanguageIdentifier = loc.code().parse().expect("valid language id");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    for (file, text) in files {
        let res = FluentResource::try_new(text).map_err(|(_, errs)| I18nError::Syntax {
            file: file.clone(),
            detail: errs
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        })?;
        bundle
            .add_resource(res)
            .map_err(|errs| I18nError::Duplicate {
                file: file.clone(),
                key: errs.first().map(|e| format!("{e:?}")).unwrap_or_default(),
            })?;
    }
    Ok(bundle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_every_locale() {
        let i18n = I18n::builtin();
        for loc in Locale::ALL {
            for key in i18n.keys(loc) {
                for other in Locale::ALL {
                    assert!(
                        i18n.has(other, &key),
                        "{key} is in {} but not in {}",
                        loc.code(),
                        other.code()
                    );
                }
            }
        }
    }

    #[test]
    fn shipped_files_load_from_the_folder() {
        let i18n = I18n::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/locales"))).unwrap();
        assert!(i18n.t(Locale::En, "help-text", &[]).contains("/points"));
    }

    #[test]
    fn no_bidi_isolation_marks() {
        let i18n = I18n::builtin();
        let s = i18n.t(
            Locale::En,
            "points-balance-line",
            &[
                ("community", "Oak St".into()),
                ("balance", 40.into()),
                ("held", 0.into()),
            ],
        );
        assert!(!s.contains('\u{2068}') && s.contains("Oak St"), "{s}");
    }

    /// zh-Hant is made from zh-CN by `scripts/zh-hant.py`, one character for one: line by
    /// line the two files have the same keys, variables and punctuation and as many Chinese
    /// characters (an edit to zh-CN without running the script fails here).
    #[test]
    fn the_traditional_file_is_made_from_the_current_simplified_one() {
        let lines = |l: Locale| -> Vec<(String, usize)> {
            let text = BUILTIN
                .iter()
                .find(|(loc, _, _)| *loc == l)
                .map(|(_, _, t)| *t)
                .unwrap();
            let han = |c: &char| ('\u{3400}'..='\u{9fff}').contains(c);
            text.lines()
                .filter(|l| !l.starts_with('#'))
                .map(|l| {
                    (
                        l.chars().filter(|c| !han(c)).collect(),
                        l.chars().filter(han).count(),
                    )
                })
                .collect()
        };
        let (cn, hant) = (lines(Locale::ZhCn), lines(Locale::ZhHant));
        assert_eq!(cn.len(), hant.len(), "run scripts/zh-hant.py");
        let differ: Vec<_> = cn.iter().zip(&hant).filter(|(a, b)| a != b).collect();
        assert!(differ.is_empty(), "run scripts/zh-hant.py: {differ:?}");
    }

    #[test]
    fn locale_parse_accepts_common_codes() {
        assert_eq!(Locale::parse("zh-hans"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("en-US"), Some(Locale::En));
        assert_eq!(Locale::parse("fr"), None);
        for code in ["zh-Hant", "zh-TW", "zh-hk", "繁體"] {
            assert_eq!(Locale::parse(code), Some(Locale::ZhHant), "{code}");
        }
        assert_eq!(Locale::parse(Locale::ZhHant.code()), Some(Locale::ZhHant));
        // The Traditional file says the same in Traditional characters.
        let i18n = I18n::builtin();
        let hant = i18n.t(Locale::ZhHant, "help-text", &[]);
        assert!(hant.contains("積分") && !hant.contains("积分"), "{hant}");
    }
}
