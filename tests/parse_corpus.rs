//! Corpus tests: the spec sample must pass in full; the project corpus is scored field by field.

use std::collections::BTreeMap;

use linli::parse::{parse, Lexicon, Parsed};
use serde_json::Value;

struct Case {
    text: String,
    expect: serde_json::Map<String, Value>,
}

fn load(path: &str) -> Vec<Case> {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let src = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}:{}: {e}", i + 1));
            Case {
                text: v["text"].as_str().expect("text").to_string(),
                expect: v["expect"].as_object().expect("expect").clone(),
            }
        })
        .collect()
}

/// Does `got` (the serialised output) satisfy one expected field?
fn field_ok(got: &Value, key: &str, want: &Value) -> bool {
    if key == "title_has" {
        // Titles keep the resident's capitals ("iPad Air 2"); labels may be written either way.
        let title = got["title"].as_str().unwrap_or("").to_lowercase();
        let has = |s: &str| title.contains(&s.to_lowercase());
        return match want {
            Value::Array(a) => a.iter().any(|s| s.as_str().is_some_and(has)),
            Value::String(s) => has(s),
            _ => false,
        };
    }
    let g = &got[key];
    let eq = |w: &Value| match (g, w) {
        (Value::Number(a), Value::Number(b)) => {
            (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 1e-9
        }
        _ => g == w,
    };
    match want {
        Value::Array(a) => a.iter().any(eq),
        w => eq(w),
    }
}

fn run(p: &Parsed) -> Value {
    serde_json::to_value(p).unwrap()
}

#[test]
fn spec_sample_passes_in_full() {
    let lex = Lexicon::builtin();
    let mut failures = Vec::new();
    for c in load("tests/corpus/spec-sample.jsonl") {
        let got = run(&parse(&c.text, None, &lex));
        for (k, w) in &c.expect {
            if !field_ok(&got, k, w) {
                failures.push(format!(
                    "{}  [{k}] want {w} got {}",
                    c.text,
                    if k == "title_has" {
                        &got["title"]
                    } else {
                        &got[k.as_str()]
                    }
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "spec sample failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn corpus_scores() {
    let lex = Lexicon::builtin();
    let cases = load("tests/corpus/parse-corpus.jsonl");
    let (mut kind_ok, mut n) = (0usize, 0usize);
    let (mut chatter, mut chatter_fp) = (0usize, 0usize);
    let (mut fields, mut fields_ok) = (0usize, 0usize);
    let mut per_field: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut report = Vec::new();
    for c in &cases {
        n += 1;
        let got = run(&parse(&c.text, None, &lex));
        let gold_kind = c.expect["kind"].as_str().unwrap();
        if got["kind"] == c.expect["kind"] {
            kind_ok += 1;
        }
        if gold_kind == "none" {
            chatter += 1;
            if got["kind"] != "none" {
                chatter_fp += 1;
            }
        }
        let mut bad = Vec::new();
        for (k, w) in &c.expect {
            fields += 1;
            let e = per_field.entry(k.clone()).or_default();
            e.0 += 1;
            if field_ok(&got, k, w) {
                fields_ok += 1;
                e.1 += 1;
            } else {
                let g = if k == "title_has" {
                    got["title"].clone()
                } else {
                    got[k.as_str()].clone()
                };
                bad.push(format!("{k}: want {w} got {g}"));
            }
        }
        if !bad.is_empty() {
            report.push(format!("  {}\n      {}", c.text, bad.join("; ")));
        }
    }
    let kind_acc = kind_ok as f64 / n as f64;
    let fp = chatter_fp as f64 / chatter.max(1) as f64;
    let facc = fields_ok as f64 / fields as f64;
    println!("corpus: {n} messages, {chatter} none");
    println!("kind accuracy {kind_acc:.4} ({kind_ok}/{n})");
    println!("chatter taken as listing {fp:.4} ({chatter_fp}/{chatter})");
    println!("field accuracy {facc:.4} ({fields_ok}/{fields})");
    for (k, (t, ok)) in &per_field {
        println!("  {k:10} {ok}/{t}");
    }
    println!("failures ({}):\n{}", report.len(), report.join("\n"));
    assert!(kind_acc >= 0.97, "kind accuracy {kind_acc}");
    assert!(fp <= 0.02, "chatter false positives {fp}");
    assert!(facc >= 0.93, "field accuracy {facc}");
}

#[test]
fn corpus_language_split() {
    let cases = load("tests/corpus/parse-corpus.jsonl");
    let zh = cases
        .iter()
        .filter(|c| {
            c.text
                .chars()
                .any(|ch| ('\u{4E00}'..='\u{9FFF}').contains(&ch))
        })
        .count();
    let en = cases.len() - zh;
    let none = cases.iter().filter(|c| c.expect["kind"] == "none").count();
    println!(
        "corpus: {} total, {zh} zh, {en} en, {none} none",
        cases.len()
    );
    assert!(zh >= 250, "zh {zh}");
    assert!(en >= 150, "en {en}");
    assert!(none * 3 >= cases.len(), "none {none}");
}

/// The learned layer's file is what `linli train-parser` makes of the corpus (reproducible),
/// and it takes no listing of the corpus away that the rules found rightly.
#[test]
fn the_shipped_model_is_what_training_gives() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<std::path::PathBuf> = linli::parse::TRAINING_FILES
        .iter()
        .map(|f| root.join(f))
        .collect();
    let lex = linli::parse::Lexicon::builtin();
    let trained = linli::parse::train_layer(&files, &lex).unwrap();
    let shipped = std::fs::read_to_string(root.join("locales/parse-model.tsv")).unwrap();
    assert!(
        trained.tsv == shipped,
        "locales/parse-model.tsv is stale: run `linli train-parser` and commit it"
    );
    assert!(trained.cv_layer.1 <= trained.cv_rules.1, "{trained:?}");
    assert!(trained.cv_layer.0 >= trained.cv_rules.0, "{trained:?}");
}
