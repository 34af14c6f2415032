"""Extraction speed: articles/s and tokens/s on the corpus articles and on synthetic text.

    .venv/bin/python benchmarks/bench_extract.py [--stage context|full] [--repeat N]

``context`` times build_context (dateline, spaCy, actors, places); ``full`` times
extract() with meetings and statements.  Corpus articles are read from ../shared
(skipped when absent).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract import build_context, extract
from kg.extract.pipeline import make_nlp

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "de"
_SYNTH = ("Präsident Wladimir Putin traf am Montag Bundeskanzlerin Angela Merkel in Berlin. "
          "Sie sprach von einem offenen Austausch, betonte aber die Differenzen. Der Kremlchef "
          "lobte die Gespräche. Beobachter sehen darin ein Signal für Europa. US-Außenminister "
          "Mike Pompeo sagte seinen Besuch in Moskau ab. ")


def _synthetic(n: int = 40, words: int = 500) -> list[str]:
    base = _SYNTH.split()
    out = []
    for k in range(n):
        rot = base[k % len(base):] + base[:k % len(base)]
        text = " ".join((rot * (words // len(rot) + 1))[:words])
        out.append(text)
    return out


def _run(texts: list[str], stage: str, repeat: int) -> tuple[float, float]:
    fn = build_context if stage == "context" else extract
    for t in texts[:2]:
        fn(t)  # warm caches (lexicons, HanTa)
    ntok = sum(len(make_nlp("de")(t)) for t in texts)
    start = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            fn(t)
    dt = time.perf_counter() - start
    return repeat * len(texts) / dt, repeat * ntok / dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stage", choices=["context", "full"], default="full")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sets = {"synthetic (500 words)": _synthetic()}
    if CORPUS.is_dir():
        sets["corpus/de"] = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    for label, texts in sets.items():
        aps, tps = _run(texts, args.stage, args.repeat)
        print(f"{args.stage:8} {label:22} {aps:8.1f} articles/s {tps:10.0f} tokens/s")


if __name__ == "__main__":
    main()
