"""Whatever the text, extract() returns an annotation without problems."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.annotation import problems
from kg.extract import extract

_WORDS = ["Präsident", "Wladimir", "Putin", "Er", "sagte", ",", ".", "Russland", "in", "Berlin",
          "US-Außenminister", "beide", "Staatschefs", "Beobachter", "sehen", "„", "“", "\n\n",
          "date 2020-01-01", "Kasachstans", "der", "die", "NATO", "von", "Sie"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_unicode(text: str) -> None:
    ann = extract(text)
    assert problems(ann, text) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=60))
def test_random_word_salad(words: list[str]) -> None:
    text = " ".join(words)
    ann = extract(text)
    assert problems(ann, text) == []


_PARA = ("Präsident Wladimir Putin traf Bundeskanzlerin Angela Merkel in Berlin. Sie sagte, "
         "die Gespräche seien gut gewesen. Beobachter sehen darin ein Signal.\n\n")


def test_empty() -> None:
    assert extract("").actors == []
    assert extract("   \n\n ").actors == []


def test_long_text() -> None:
    text = _PARA * (100_000 // len(_PARA))
    ann = extract(text)
    assert problems(ann, text) == []
    assert ann.actor("Wladimir Putin") is not None


@pytest.mark.slow
def test_five_megabytes() -> None:
    para = ("Präsident Wladimir Putin traf Bundeskanzlerin Angela Merkel in Berlin. Sie sagte, "
            "die Gespräche seien gut gewesen. Beobachter sehen darin ein Signal.\n\n")
    text = para * (5_000_000 // len(para))
    ann = extract(text)
    assert problems(ann, text) == []
    assert ann.actor("Wladimir Putin") is not None
