"""Measure kg's English statement extraction on PolNeAR (../shared/polnear/train).

    python benchmarks/polnear_eval.py [--limit N] [--json OUT] [--baseline] [--data DIR]

The measures of ../shared/spkatt/README.md with Content in place of Message, as
../shared/polnear/README.md says (see benchmarks/attribution.py). Without English
lexicons in kg (src/kg/assets/lexicons/en/) the kg run is skipped; ``--baseline``
always runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import (  # noqa: E402
    baseline_predictor,
    format_tally,
    kg_predictor,
    polnear_gold,
    run,
)

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "polnear" / "train"


def items(folder: Path, limit: int | None):
    """(name, text, gold attributions) of each article, in file-name order."""
    sys.path.insert(0, str(folder.parent))
    from polnear import load  # the corpus's own loader

    for path in sorted((folder / "attributions").glob("*.ann"))[:limit]:
        text, anns = load(path)
        yield path.stem + ".txt", text, polnear_gold(anns)


def english_missing() -> str | None:
    """Why kg cannot extract English yet, or None when it can."""
    folder = files("kg") / "assets" / "lexicons" / "en"
    if not folder.is_dir() or not any(p.name.endswith(".yaml") for p in folder.iterdir()):
        return "kg has no English lexicons (src/kg/assets/lexicons/en/)"
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT, help="PolNeAR train folder")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    ap.add_argument("--baseline", action="store_true", help="score the regex baseline")
    args = ap.parse_args(argv)
    if not (args.data / "attributions").is_dir():
        print(f"skipped: {args.data} is absent")
        return 0
    if not args.baseline and (reason := english_missing()):
        print(f"skipped: {reason}")
        return 0
    predictor = baseline_predictor("en") if args.baseline else kg_predictor("en")
    tally, seconds = run(items(args.data, args.limit), predictor, "en")
    title = f"PolNeAR train ({'regex baseline' if args.baseline else 'kg extract'})"
    print(format_tally(tally, seconds, title))
    if args.json:
        data = {"corpus": "polnear", "system": "baseline" if args.baseline else "kg",
                "seconds": seconds, **tally.to_dict(), "error_messages": tally.errors[:20]}
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
