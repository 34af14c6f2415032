"""Score prediction files against gold files (``kg evaluate``) and print the report.

The scoring itself (FORMAT.md, "Scoring": how each field is matched and counted) is in
``kg.scoring``; its API is re-exported here, so ``from kg.evaluate import evaluate`` works.
"""

from __future__ import annotations

from pathlib import Path

from kg.annotation import Annotation, article_text, load
from kg.errors import InputError
from kg.scoring import (
    FIELDS,
    Accuracy,
    Report,
    Score,
    evaluate,
    evaluate_many,
    max_matching,
    normalize,
    overlap,
    spans,
)

__all__ = ["FIELDS", "Accuracy", "Report", "Score", "evaluate", "evaluate_many",
           "evaluate_paths", "format_report", "max_matching", "normalize", "overlap", "spans"]


_PRED_SUFFIXES = (".yaml", ".yml", ".json", ".gold.yaml")


def _gold_stem(path: Path) -> str:
    name = path.name
    for suffix in (".gold.yaml", ".gold.yml", ".yaml", ".yml", ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _text_for(gold: Annotation, gold_path: Path) -> str:
    text = article_text(gold, gold_path.parent)
    if text is None:
        raise InputError(f"{gold_path}: article {gold.article!r} not found beside it")
    return text


def evaluate_paths(pred: str | Path, gold: str | Path) -> Report:
    """Score prediction file(s) against gold file(s): two files, or two folders.

    In folders, each ``NAME.gold.yaml`` of ``gold`` is paired with ``NAME.yaml``,
    ``NAME.yml`` or ``NAME.json`` in ``pred`` (or ``NAME.gold.yaml``, to score gold
    against gold); a gold file without a prediction is scored against an empty
    prediction and listed in ``Report.missing``. The article text is the file the gold
    annotation's ``article`` names, beside the gold file.
    """
    pred, gold = Path(pred), Path(gold)
    for p in (pred, gold):
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
    if gold.is_file():
        if not pred.is_file():
            raise InputError(f"{pred}: give two files or two folders")
        g = load(gold, check=False)
        return evaluate(load(pred, check=False), g, _text_for(g, gold))
    if not pred.is_dir():
        raise InputError(f"{pred}: give two files or two folders")
    gold_files = sorted(gold.glob("*.gold.yaml")) + sorted(gold.glob("*.gold.yml"))
    if not gold_files:
        raise InputError(f"{gold}: no *.gold.yaml files")
    total = Report()
    for gold_path in gold_files:
        stem = _gold_stem(gold_path)
        g = load(gold_path, check=False)
        found = next((pred / (stem + s) for s in _PRED_SUFFIXES
                      if (pred / (stem + s)).is_file()), None)
        if found is None:
            p = Annotation(article=g.article, language=g.language)
            total.missing.append(stem)
        else:
            p = load(found, check=False)
        total = total + evaluate(p, g, _text_for(g, gold_path))
    return total


def format_report(report: Report, per_article: bool = False) -> str:
    """A plain-text table: field, P, R, F1, tp/fp/fn; then stance and kind accuracy.

    With ``per_article``, a second table gives each article's F1 per field.
    """
    lines = [f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name in FIELDS:
        s = report.scores[name]
        lines.append(f"{name:<14}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                     f"{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    for label, acc in (("stance acc", report.stance), ("kind acc", report.kind)):
        value = "n/a" if acc.value is None else f"{acc.value:.3f}"
        lines.append(f"{label:<14}{value:>7}  ({acc.correct}/{acc.total} matched statements)")
    lines.append(f"articles: {len(report.articles)}")
    if report.missing:
        lines.append(f"no prediction for: {', '.join(report.missing)}")
    if per_article and report.per_article:
        width = max(len(name) for name, _ in report.per_article) + 2
        lines.append("")
        lines.append("F1 per article".ljust(width) + "".join(f"{f[:12]:>13}" for f in FIELDS))
        for name, scores in report.per_article:
            lines.append(name.ljust(width) + "".join(f"{scores[f].f1:>13.2f}" for f in FIELDS))
    return "\n".join(lines)
