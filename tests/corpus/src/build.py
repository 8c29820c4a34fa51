#!/usr/bin/env python3
"""Builds tests/corpus/parse-corpus.jsonl from the compact *.txt sources in this folder.

Line format:  text  ||  labels
labels (space separated):
  o / r / n          kind offer / request / none (n alone: nothing else is labelled)
  I / S / K          resource item / service / skill
  give lend swap     mode (items; service/skill get mode null automatically)
  t=a,b              title_has (any of)
  c=x or c=x|y       category (any of)
  cond=x             condition
  p=N                points
  free               free true (listings get free false unless this is given; free? = unlabelled)
  q=N h=N d=N        quantity, hours, days
Blank lines and lines starting with # are skipped.
"""
import json, pathlib, sys

here = pathlib.Path(__file__).parent
out = []
for f in sorted(here.glob("*.txt")):
    for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, _, labels = line.rpartition("||")
        text = text.strip()
        e = {}
        res = None
        toks = []
        known = ("o", "r", "n", "I", "S", "K", "give", "lend", "swap", "free", "free?")
        for tok in labels.split():
            if tok in known or "=" in tok or not toks:
                toks.append(tok)
            else:  # a multi-word title_has value: "t=bar stools,stools"
                toks[-1] += " " + tok
        for tok in toks:
            if tok in ("o", "r", "n"):
                e["kind"] = {"o": "offer", "r": "request", "n": "none"}[tok]
            elif tok in ("I", "S", "K"):
                res = {"I": "item", "S": "service", "K": "skill"}[tok]
                e["resource"] = res
            elif tok in ("give", "lend", "swap"):
                e["mode"] = tok
            elif tok == "free":
                e["free"] = True
            elif tok == "free?":  # ambiguous: leave free unlabelled
                e["free"] = None
            elif "=" in tok:
                k, v = tok.split("=", 1)
                if k == "t":
                    e["title_has"] = v.split(",")
                elif k == "c":
                    e["category"] = v.split("|") if "|" in v else v
                elif k == "cond":
                    e["condition"] = v
                elif k in ("p", "q", "d"):
                    e[{"p": "points", "q": "quantity", "d": "days"}[k]] = int(v)
                elif k == "h":
                    e["hours"] = float(v) if "." in v else int(v)
                else:
                    sys.exit(f"{f}:{n}: bad label {tok}")
            else:
                sys.exit(f"{f}:{n}: bad label {tok}")
        if "kind" not in e:
            sys.exit(f"{f}:{n}: no kind")
        if e["kind"] != "none":
            if res is None:
                sys.exit(f"{f}:{n}: listing without resource")
            e.setdefault("free", False)
            if e["free"] is None:
                del e["free"]
            if res != "item":
                e["mode"] = None
            elif "mode" not in e:
                sys.exit(f"{f}:{n}: item without mode")
        out.append(json.dumps({"text": text, "expect": e}, ensure_ascii=False))
(here.parent / "parse-corpus.jsonl").write_text("\n".join(out) + "\n", encoding="utf-8")
print(len(out), "messages")
