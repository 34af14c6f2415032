"""Floors on ../shared/corpus/de: extract every article with a gold file and score it.

Run alone with ``pytest -m corpus``. Figures are micro-averaged over the articles; a
failure prints the whole report table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.annotation import article_text, load
from kg.evaluate import Report, evaluate_many, format_report

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "de"
GOLD_FILES = sorted(CORPUS.glob("*.gold.yaml")) if CORPUS.is_dir() else []

FLOORS = {"actors": 0.90, "roles": 0.80, "who-met-whom": 0.80, "statements": 0.75}
STANCE_FLOOR = 0.75

pytestmark = [pytest.mark.corpus,
              pytest.mark.skipif(not GOLD_FILES, reason="../shared/corpus/de is absent")]


@pytest.fixture(scope="module")
def report() -> Report:
    from kg.extract import extract

    triples = []
    for path in GOLD_FILES:
        gold = load(path, check=False)
        text = article_text(gold, path.parent)
        assert text is not None, f"{path}: article {gold.article} missing"
        pred = extract(text, article=gold.article, language="de")
        triples.append((pred, gold, text))
    return evaluate_many(triples)


@pytest.mark.parametrize(("field", "floor"), FLOORS.items())
def test_f1_floor(report: Report, field: str, floor: float) -> None:
    f1 = report[field].f1
    assert f1 >= floor, f"{field} F1 {f1:.3f} < {floor}\n{format_report(report, per_article=True)}"


def test_stance_accuracy_floor(report: Report) -> None:
    acc = report.stance.value or 0.0
    assert acc >= STANCE_FLOOR, (f"stance accuracy {acc:.3f} < {STANCE_FLOOR}\n"
                                 f"{format_report(report, per_article=True)}")


def test_every_article_scored(report: Report) -> None:
    assert len(report.articles) == len(GOLD_FILES)
