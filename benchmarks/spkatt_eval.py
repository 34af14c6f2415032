"""Measure kg's German statement extraction on SpkAtt-2023 (../shared/spkatt/train).

    python benchmarks/spkatt_eval.py [--limit N] [--json OUT] [--baseline] [--data DIR]

Statement detection P/R/F1, speaker accuracy and form accuracy as defined in
../shared/spkatt/README.md (see benchmarks/attribution.py). ``--baseline`` scores the
simple regular-expression baseline instead of ``kg.extract.extract``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import (  # noqa: E402
    baseline_predictor,
    format_tally,
    kg_predictor,
    run,
    spkatt_gold,
)

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "spkatt" / "train"


def items(folder: Path, limit: int | None):
    """(name, text, gold attributions) of each document, in file-name order."""
    sys.path.insert(0, str(folder.parent))
    from to_text import load  # the corpus's own loader

    for path in sorted(folder.glob("*.json"))[:limit]:
        text, anns = load(path)
        yield path.stem + ".txt", text, spkatt_gold(anns)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT, help="folder of SpkAtt JSON documents")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    ap.add_argument("--baseline", action="store_true", help="score the regex baseline")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: {args.data} is absent")
        return 0
    predictor = baseline_predictor("de") if args.baseline else kg_predictor("de")
    tally, seconds = run(items(args.data, args.limit), predictor, "de")
    title = f"SpkAtt train ({'regex baseline' if args.baseline else 'kg extract'})"
    print(format_tally(tally, seconds, title))
    if args.json:
        data = {"corpus": "spkatt", "system": "baseline" if args.baseline else "kg",
                "seconds": seconds, **tally.to_dict(), "error_messages": tally.errors[:20]}
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
