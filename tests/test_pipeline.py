"""Sentence splitting and the orchestrator."""

from __future__ import annotations

import pytest

from kg.annotation import problems
from kg.extract import extract
from kg.extract.pipeline import make_nlp


@pytest.mark.parametrize("text, n", [
    ("Am 15. August traf er Dr. Müller. Danach reiste er ab.", 2),
    ("Er sagte: „Wir sind bereit.“ Dann ging er.", 2),
    ("Das ist z.B. in der 3. Runde so. Gut.", 2),
    ("Überschrift ohne Punkt\n\nDer Text beginnt hier.", 2),
    ("", 0),
])
def test_sentences(text: str, n: int) -> None:
    assert len(list(make_nlp("de")(text).sents)) == n


def test_make_nlp_is_cached() -> None:
    assert make_nlp("de") is make_nlp("de")


def test_dateline_and_date_override() -> None:
    text = " date 2025-08-19 Präsident Wladimir Putin reiste nach Alaska."
    assert extract(text).date == "2025-08-19"
    assert extract(text, date="2024-01").date == "2024-01"
    ann = extract(text, article="a.txt")
    assert ann.article == "a.txt" and ann.language == "de"
    assert problems(ann, text) == []
