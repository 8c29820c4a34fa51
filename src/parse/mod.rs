//! Text → offer / request / none. A small placeholder recogniser; the full parser replaces it
//! behind this same interface.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Offer,
    Request,
    None,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Resource {
    Item,
    Service,
    Skill,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Give,
    Lend,
    Swap,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    New,
    LikeNew,
    Good,
    Fair,
    Poor,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub kind: Kind,
    pub resource: Option<Resource>,
    pub mode: Option<Mode>,
    pub title: Option<String>,
    pub category: Option<String>,
    pub condition: Option<Condition>,
    pub points: Option<i64>,
    pub free: bool,
    pub quantity: Option<i64>,
    pub hours: Option<f64>,
    pub days: Option<i64>,
    pub lang: Lang,
}

impl Condition {
    pub fn as_str(&self) -> &'static str {
        match self {
            Condition::New => "new",
            Condition::LikeNew => "like_new",
            Condition::Good => "good",
            Condition::Fair => "fair",
            Condition::Poor => "poor",
        }
    }
}
impl Mode {
    pub fn as_str(&self) -> &'static str {
        match self {
            Mode::Give => "give",
            Mode::Lend => "lend",
            Mode::Swap => "swap",
        }
    }
}

pub struct Lexicon;
impl Lexicon {
    pub fn builtin() -> Lexicon {
        Lexicon
    }
}

pub fn parse(text: &str, _lang: Option<Lang>, _lex: &Lexicon) -> Parsed {
    let t = text.trim();
    let lang = if t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        Lang::Zh
    } else {
        Lang::En
    };
    let up = t.to_uppercase();
    let (kind, rest, mode) = if let Some(r) = t
        .strip_prefix("出闲置")
        .or_else(|| t.strip_prefix("免费送"))
    {
        (Kind::Offer, r, Mode::Give)
    } else if let Some(r) = t.strip_prefix("求借") {
        (Kind::Request, r, Mode::Lend)
    } else if up.starts_with("OFFER") {
        (Kind::Offer, &t[5..], Mode::Give)
    } else if up.starts_with("WANTED") {
        (Kind::Request, &t[6..], Mode::Give)
    } else {
        return Parsed {
            kind: Kind::None,
            resource: None,
            mode: None,
            title: None,
            category: None,
            condition: None,
            points: None,
            free: false,
            quantity: None,
            hours: None,
            days: None,
            lang,
        };
    };
    let re = regex::Regex::new(r"(\d+)\s*(积分|分|pts|points)").unwrap();
    let points = re.captures(rest).and_then(|c| c[1].parse().ok());
    let free =
        rest.contains("免费") || rest.to_lowercase().contains("free") || t.starts_with("免费送");
    let title = rest
        .split(|c: char| "，,。 ".contains(c))
        .map(|s| s.trim_matches(|c: char| "：: ".contains(c)))
        .find(|s| !s.is_empty())
        .map(String::from);
    let condition = if rest.contains("八成新") {
        Some(Condition::Good)
    } else if rest.contains("九成新") {
        Some(Condition::LikeNew)
    } else {
        None
    };
    Parsed {
        kind,
        resource: Some(Resource::Item),
        mode: Some(mode),
        title,
        category: None,
        condition,
        points,
        free,
        quantity: None,
        hours: None,
        days: None,
        lang,
    }
}

pub fn run_jsonl<R: std::io::BufRead, W: std::io::Write>(
    input: R,
    mut output: W,
    lex: &Lexicon,
) -> std::io::Result<()> {
    for line in input.lines() {
        let line = line?;
        let v: Result<serde_json::Value, _> = serde_json::from_str(&line);
        let out = match v
            .ok()
            .and_then(|v| v.get("text").and_then(|t| t.as_str()).map(String::from))
        {
            Some(t) => serde_json::to_string(&parse(&t, None, lex)).unwrap(),
            None => "{\"error\":\"expected a JSON object with text\"}".into(),
        };
        writeln!(output, "{out}")?;
        output.flush()?;
    }
    Ok(())
}
