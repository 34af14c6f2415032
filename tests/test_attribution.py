"""benchmarks/attribution.py: the SpkAtt/PolNeAR measures on a tiny synthetic case."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from attribution import (  # noqa: E402
    GoldAttribution,
    PredictedStatement,
    has_proper_name,
    polnear_gold,
    predicted,
    regex_baseline,
    score,
    speaker_matches,
    spkatt_gold,
    words,
)

from kg.annotation import Annotation  # noqa: E402

DE = words("de")["not_names"]
EN = words("en")["not_names"]

TEXT = ("Merkel sagte, sie sei zufrieden. „Wir sind bereit“, erklärte der Sprecher. "
        "Das Wetter war gut. Er betonte die Einigkeit.")


def span(s: str) -> tuple[int, int]:
    i = TEXT.index(s)
    return i, i + len(s)


GOLD = [
    GoldAttribution(span("sagte"), span("sie sei zufrieden"), "Merkel", False),
    GoldAttribution(span("erklärte"), span("„Wir sind bereit“"), "der Sprecher", True),
    GoldAttribution(span("betonte"), span("die Einigkeit"), "Er", False),
]


def pred(s: str, names: tuple[str, ...], direct: bool = False) -> PredictedStatement:
    return PredictedStatement((span(s),), names, direct)


def test_synthetic_case() -> None:
    predictions = [
        pred("Merkel sagte, sie sei zufrieden.", ("Angela Merkel", "Merkel")),   # right
        pred("sie sei zufrieden", ("Merkel",)),                                  # duplicate
        pred("„Wir sind bereit“, erklärte der Sprecher.", ("Regierungssprecher",), True),
        pred("Das Wetter war gut.", ("Wetter",)),                                # no gold
    ]
    t = score(predictions, GOLD, DE)
    assert (t.tp, t.fp, t.fn) == (2, 2, 1)
    assert t.precision == 0.5 and t.recall == pytest.approx(2 / 3)
    assert t.f1 == pytest.approx(4 / 7)
    # both matched Sources hold a capitalised non-pronoun word ("Merkel", "Sprecher");
    # "Regierungssprecher" does not occur in "der Sprecher" at a word start
    assert (t.speaker_correct, t.speaker_total) == (1, 2)
    assert (t.form_correct, t.form_total) == (2, 2)


def test_pronoun_source_is_not_counted_for_speakers() -> None:
    t = score([pred("Er betonte", ("Merkel",))], GOLD, DE)
    assert (t.tp, t.fp, t.fn) == (1, 0, 2)
    assert t.speaker_total == 0 and t.speaker_accuracy is None
    assert t.form_accuracy == 1.0


def test_one_to_one_prefers_a_full_matching() -> None:
    # one long evidence overlaps two gold attributions; a second evidence only the first
    both = pred("Merkel sagte, sie sei zufrieden. „Wir sind bereit“", ("Merkel",))
    first = pred("Merkel sagte", ("Merkel",))
    t = score([both, first], GOLD, DE)
    assert (t.tp, t.fp, t.fn) == (2, 0, 1)


def test_nothing_predicted() -> None:
    t = score([], GOLD, DE)
    assert (t.tp, t.fp, t.fn, t.f1) == (0, 0, 3, 0.0)


@pytest.mark.parametrize(("source", "lang", "named"), [
    ("Merkel", "de", True),
    ("der Sprecher", "de", True),       # German nouns are capitalised: counts as the README says
    ("Er", "de", False),
    ("Seine", "de", False),
    ("die", "de", False),
    ("", "de", False),
    ("the senator", "en", False),
    ("The Senator", "en", True),
    ("He", "en", False),
    ("Trump's campaign", "en", True),
])
def test_has_proper_name(source: str, lang: str, named: bool) -> None:
    assert has_proper_name(source, words(lang)["not_names"]) is named


@pytest.mark.parametrize(("names", "source", "ok"), [
    (("Angela Merkel",), "Bundeskanzlerin Merkel", True),
    (("Merkel",), "Merkels Sprecher", True),             # genitive: occurs at a word start
    (("Ursula von der Leyen",), "der Minister", False),   # articles are not name words
    (("Leyen",), "Kommissionschefin von der Leyen", True),
    (("Putin",), "Kremlchef Wladimir Putin", True),
    (("Putin",), "der Kremlchef", False),
    (("Sprecher",), "Regierungssprecher Seibert", False),
    ((), "Merkel", False),
])
def test_speaker_matches(names: tuple[str, ...], source: str, ok: bool) -> None:
    assert speaker_matches(names, source, DE) is ok


def test_gold_filters() -> None:
    spk = [
        {"IsNested": False, "Cue": [0, 5], "Message": [6, 9], "SourceText": "A", "Form": "Direct"},
        {"IsNested": True, "Cue": [0, 5], "Message": None, "SourceText": "A", "Form": "Direct"},
        {"IsNested": False, "Cue": None, "Message": [6, 9], "SourceText": "A", "Form": "Direct"},
    ]
    assert spkatt_gold(spk) == [GoldAttribution((0, 5), (6, 9), "A", True)]
    pol = [
        {"Cue": [0, 4], "Content": [5, 9], "SourceText": "He", "ContentText": "“We win”"},
        {"Cue": [0, 4], "Content": [5, 9], "SourceText": "He", "ContentText": "that we win"},
        {"Cue": None, "Content": [5, 9], "SourceText": "He", "ContentText": "x"},
    ]
    assert [g.direct for g in polnear_gold(pol)] == [True, False]


def test_predicted_uses_names_aliases_and_evidence_offsets() -> None:
    start, end = span("betonte")
    ann = Annotation.model_validate({
        "article": "a.txt",
        "actors": [{"name": "Angela Merkel", "aliases": ["Merkel"]}],
        "statements": [{"speaker": "Angela Merkel", "kind": "direct", "evidence": "sagte"},
                       {"speaker": "Angela Merkel", "evidence": "betonte", "start": start,
                        "end": end},
                       {"speaker": "Nobody", "evidence": "gut", "start": 0, "end": 3}]})
    out = predicted(ann, TEXT)
    assert out[0] == PredictedStatement((span("sagte"),), ("Angela Merkel", "Merkel"), True)
    assert out[1].spans == ((start, end),)
    # offsets that do not hold the evidence are ignored; an unknown speaker is its own name
    assert out[2] == PredictedStatement((span("gut"),), ("Nobody",), False)


def test_regex_baseline() -> None:
    out = regex_baseline(TEXT, "de")
    assert [TEXT[s:e] for p in out for s, e in p.spans] == [
        "Merkel sagte, sie sei zufrieden.",
        "„Wir sind bereit“, erklärte der Sprecher.",
        "Er betonte die Einigkeit.",
    ]
    assert [p.speaker_names for p in out] == [("Merkel",), ("Sprecher",), ("Einigkeit",)]
    assert [p.direct for p in out] == [False, True, False]
    assert regex_baseline("Das Wetter war gut. Es regnete.", "de") == []
