"""English extraction: language detection, actors, statements and meetings from the
en lexicons, and floors on ../shared/corpus/en (marked corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import resources
from kg.extract import detect_language, extract

EN_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "en"
EN_GOLD = sorted(EN_CORPUS.glob("*.gold.yaml")) if EN_CORPUS.is_dir() else []


def test_en_has_every_lexicon_de_has() -> None:
    assert set(resources.lexicon_names("en")) >= set(resources.lexicon_names("de"))
    for name in resources.lexicon_names("en"):
        assert resources.lexicon("en", name) is not None


def test_en_cues_are_plenty() -> None:
    assert len(resources.lexicon("en", "cues").verbs) >= 80


@pytest.mark.parametrize("text, lang", [
    ("The president said on Monday that the talks with his counterpart were useful.", "en"),
    ("Der Präsident sagte am Montag, dass die Gespräche mit seinem Amtskollegen nützlich "
     "gewesen seien.", "de"),
    ("date 2020-01-02\nPrime Minister Boris Johnson met the French President in London.",
     "en"),
    ("", "de"),
    ("12345 !!!", "de"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_extract_detects_and_explicit_language_wins() -> None:
    text = "Foreign Minister Sergei Lavrov said the talks were constructive."
    assert extract(text).language == "en"
    assert extract(text, language="de").language == "de"


def _roles(text: str) -> dict[str, list[tuple[str, str | None]]]:
    ann = extract(text, language="en")
    return {a.name: [(r.role, r.of) for r in a.roles] for a in ann.actors
            if a.type == "Person"}


@pytest.mark.parametrize("text, expected", [
    ("Japanese Prime Minister Shinzo Abe arrived in Moscow on Saturday.",
     {"Shinzo Abe": [("Prime Minister", "Japan")]}),
    ("Russia's Foreign Minister Sergei Lavrov spoke to reporters.",
     {"Sergei Lavrov": [("Foreign Minister", "Russia")]}),
    ("U.S. Secretary of State Antony Blinken flew to Brussels.",
     {"Antony Blinken": [("Secretary of State", "United States")]}),
    ("South Korean President Moon Jae-in visited Pyongyang.",
     {"Moon Jae-in": [("President", "South Korea")]}),
    ("The weather in Berlin was fine and the markets were calm on Tuesday.", {}),
])
def test_titled_persons(text: str, expected: dict) -> None:
    got = _roles(text)
    for name, roles in expected.items():
        assert got.get(name) == roles, got
    if not expected:
        assert got == {}


def _statements(text: str) -> list[tuple[str, str]]:
    return [(s.speaker, s.cue) for s in extract(text, language="en").statements]


@pytest.mark.parametrize("text, expected", [
    ("Russian President Vladimir Putin said the sanctions had failed.",
     [("Vladimir Putin", "said")]),
    ("Chancellor Olaf Scholz warned that the conflict could escalate.",
     [("Olaf Scholz", "warned")]),
    ('"We are ready to talk," French President Emmanuel Macron told reporters.',
     [("Emmanuel Macron", "told")]),
    ("Foreign Minister Sergei Lavrov criticized the decision. He added that Moscow would "
     "respond.", [("Sergei Lavrov", "criticized"), ("Sergei Lavrov", "added")]),
    ("The weather in Berlin was fine and the markets were calm on Tuesday.", []),
    ("That said, the price of oil rose by two percent.", []),
])
def test_statements(text: str, expected: list[tuple[str, str]]) -> None:
    assert _statements(text) == expected


def _meetings(text: str) -> list[tuple[set[str], str]]:
    return [(set(m.participants), m.kind) for m in extract(text, language="en").meetings]


@pytest.mark.parametrize("text, expected", [
    ("U.S. President Joe Biden met Chinese President Xi Jinping in Bali on Monday.",
     [({"Joe Biden", "Xi Jinping"}, "in-person")]),
    ("President Barack Obama spoke by phone with Prime Minister Narendra Modi of India.",
     [({"Barack Obama", "Narendra Modi"}, "phone")]),
    ("The weather in Berlin was fine and the markets were calm on Tuesday.", []),
    ("Prime Minister Boris Johnson said the plan meets the demands of the voters.", []),
])
def test_meetings(text: str, expected: list[tuple[set[str], str]]) -> None:
    assert _meetings(text) == expected


# ------------------------------------------------------------------ corpus floors
FLOORS = {"actors": 0.78, "roles": 0.65, "who-met-whom": 0.44, "statements": 0.50}


@pytest.fixture(scope="module")
def en_report():  # noqa: ANN201
    from kg.annotation import article_text, load
    from kg.evaluate import evaluate_many

    triples = []
    for path in EN_GOLD:
        gold = load(path, check=False)
        text = article_text(gold, path.parent)
        assert text is not None, f"{path}: article {gold.article} missing"
        triples.append((extract(text, article=gold.article), gold, text))
    return evaluate_many(triples)


@pytest.mark.corpus
@pytest.mark.skipif(not EN_GOLD, reason="../shared/corpus/en is absent")
@pytest.mark.parametrize(("field", "floor"), FLOORS.items())
def test_en_corpus_floor(en_report, field: str, floor: float) -> None:  # noqa: ANN001
    from kg.evaluate import format_report

    f1 = en_report[field].f1
    assert f1 >= floor, f"{field} F1 {f1:.3f} < {floor}\n{format_report(en_report, True)}"


@pytest.mark.corpus
@pytest.mark.skipif(not EN_GOLD, reason="../shared/corpus/en is absent")
def test_en_corpus_is_detected_as_english() -> None:
    for path in EN_GOLD:
        text = (EN_CORPUS / (path.name[:-len(".gold.yaml")] + ".txt")).read_text("utf-8")
        assert detect_language(text) == "en", path.name
