#!/usr/bin/env python3
"""Scores `linli parse` on labelled JSONL files, the way tests/parse_corpus.rs scores the corpus:
kind accuracy, chatter taken for a listing, field accuracy (every expected field, title_has as
"any of these substrings in the title").

    python3 tests/corpus/blind/score.py [--bin target/debug/linli] [--fails] FILE...

`--fails` prints every wrong kind and wrong field (for tuning data only: never on blind batches).
"""
import json
import subprocess
import sys


def field_ok(got, key, want):
    if key == "title_has":
        # titles keep the resident's capitals ("iPad Air 2"); labels may be written either way
        title = (got.get("title") or "").lower()
        wants = want if isinstance(want, list) else [want]
        return any(isinstance(w, str) and w.lower() in title for w in wants)
    g = got.get(key)
    def eq(w):
        if isinstance(g, (int, float)) and isinstance(w, (int, float)) and not isinstance(g, bool):
            return abs(g - w) < 1e-9
        return g == w
    return any(eq(w) for w in want) if isinstance(want, list) else eq(want)


def score(path, binary, fails=False):
    cases = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    inp = "".join(json.dumps({"text": c["text"]}, ensure_ascii=False) + "\n" for c in cases)
    out = subprocess.run([binary, "parse"], input=inp, capture_output=True, text=True, check=True)
    got = [json.loads(l) for l in out.stdout.splitlines()]
    assert len(got) == len(cases), (len(got), len(cases))
    n = len(cases)
    kind_ok = sum(g["kind"] == c["expect"]["kind"] for c, g in zip(cases, got))
    none = [(c, g) for c, g in zip(cases, got) if c["expect"]["kind"] == "none"]
    fp = sum(g["kind"] != "none" for _, g in none)
    fields = fields_ok = 0
    for c, g in zip(cases, got):
        for k, w in c["expect"].items():
            fields += 1
            ok = field_ok(g, k, w)
            fields_ok += ok
            if fails and not ok:
                shown = g.get("title") if k == "title_has" else g.get(k)
                print(f"  {k}: want {json.dumps(w, ensure_ascii=False)} got "
                      f"{json.dumps(shown, ensure_ascii=False)}  | {c['text']}")
    return {
        "file": path, "messages": n, "none": len(none),
        "kind": kind_ok / n, "chatter_fp": fp / max(1, len(none)), "fp_count": fp,
        "fields": fields_ok / max(1, fields),
    }


def main():
    args = sys.argv[1:]
    binary = "target/debug/linli"
    if args[:1] == ["--bin"]:
        binary, args = args[1], args[2:]
    fails = args[:1] == ["--fails"]
    if fails:
        args = args[1:]
    print(f"{'file':<46} {'msgs':>5} {'none':>5} {'kind':>6} {'chatter→listing':>16} {'fields':>7}")
    for p in args:
        s = score(p, binary, fails)
        print(f"{s['file']:<46} {s['messages']:>5} {s['none']:>5} {s['kind']:>6.3f} "
              f"{s['chatter_fp']:>9.3f} ({s['fp_count']:>3}) {s['fields']:>7.3f}")


if __name__ == "__main__":
    main()
