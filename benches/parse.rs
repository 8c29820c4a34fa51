//! Throughput over the project corpus (messages/second) and one 4,096-character message.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use linli::parse::{parse, Lexicon};

fn corpus() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/parse-corpus.jsonl"
    );
    std::fs::read_to_string(path)
        .expect("corpus")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn long_message() -> String {
    let mut s = String::new();
    let parts = [
        "出闲置：宝宝餐椅一把，九成新，20积分，2号楼自取。",
        "OFFER: kids' scooter, good condition, 10 points. ",
        "今天出太阳了，",
    ];
    let mut i = 0;
    while s.chars().count() < 4096 {
        s.push_str(parts[i % parts.len()]);
        i += 1;
    }
    s.chars().take(4096).collect()
}

fn bench(c: &mut Criterion) {
    let lex = Lexicon::builtin();
    let msgs = corpus();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Elements(msgs.len() as u64));
    g.bench_function("corpus", |b| {
        b.iter(|| {
            for m in &msgs {
                black_box(parse(black_box(m), None, &lex));
            }
        })
    });
    g.finish();
    let long = long_message();
    let mut g = c.benchmark_group("parse_long");
    g.throughput(Throughput::Elements(1));
    g.bench_function("4096_chars", |b| {
        b.iter(|| black_box(parse(black_box(&long), None, &lex)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
