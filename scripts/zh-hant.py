#!/usr/bin/env python3
"""Writes locales/zh-Hant/linli.ftl (Traditional characters, for residents of Hong Kong, Macau
and Taiwan) from locales/zh-CN/linli.ftl with OpenCC's s2tw table. Fluent keys, variables and
selectors are ASCII, so only the Chinese text changes.

    pip install opencc   # or opencc-python-reimplemented
    python3 scripts/zh-hant.py

Run it after editing zh-CN/linli.ftl; a test fails while the two files disagree on their keys.
"""
import pathlib

import opencc

root = pathlib.Path(__file__).resolve().parent.parent
src = (root / "locales/zh-CN/linli.ftl").read_text(encoding="utf-8")
header = (
    "# Generated from zh-CN/linli.ftl with OpenCC s2tw (scripts/zh-hant.py); edit zh-CN and run the\n"
    "# script again rather than editing this file by hand.\n"
)
out = root / "locales/zh-Hant/linli.ftl"
out.parent.mkdir(exist_ok=True)
out.write_text(header + opencc.OpenCC("s2tw").convert(src), encoding="utf-8")
print(f"wrote {out}")
