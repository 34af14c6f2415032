"""kg.evaluate: FORMAT.md scoring on small hand-made annotations, with exact figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.annotation import Annotation, dump, load
from kg.errors import InputError
from kg.evaluate import (
    Score,
    evaluate,
    evaluate_many,
    evaluate_paths,
    format_report,
    max_matching,
    normalize,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

TEXT = ("date 2025-08-19 Merkel traf Macron in Berlin. Merkel sagte, das Treffen sei gut "
        "gewesen. Macron lobte die Gespräche. Beobachter zweifelten.")

GOLD = {
    "article": "a.txt", "language": "de", "date": "2025-08-19",
    "actors": [
        {"name": "Angela Merkel", "aliases": ["Merkel"],
         "roles": [{"role": "Bundeskanzlerin", "of": "Deutschland"}]},
        {"name": "Emmanuel Macron", "aliases": ["Macron"],
         "roles": [{"role": "Präsident", "of": "Frankreich"}]},
        {"name": "Deutschland", "type": "Country"},
        {"name": "Frankreich", "type": "Country"},
        {"name": "Beobachter", "type": "Group"},
        {"name": "ein Berater", "named": False},
    ],
    "places": [{"name": "Berlin", "type": "City", "part_of": None}],
    "meetings": [{"label": "Treffen", "participants": ["Angela Merkel", "Emmanuel Macron"],
                  "kind": "in-person", "place": "Berlin", "status": "held",
                  "evidence": "Merkel traf Macron in Berlin"}],
    "statements": [
        {"speaker": "Angela Merkel", "cue": "sagte", "about": ["Treffen"], "stance": "positive",
         "evidence": "Merkel sagte, das Treffen sei gut gewesen"},
        {"speaker": "Emmanuel Macron", "cue": "lobte", "about": ["Treffen"],
         "stance": "positive", "evidence": "Macron lobte die Gespräche"},
        {"speaker": "Beobachter", "cue": "zweifelten", "stance": "negative",
         "evidence": "Beobachter zweifelten"},
    ],
}

PRED = {
    "article": "a.txt", "language": "de",
    "actors": [
        {"name": "Merkel", "roles": [{"role": "Kanzlerin", "of": "Deutschland"}]},
        {"name": "Emmanuel Macron", "roles": [{"role": "Präsident", "of": None}]},
        {"name": "Deutschland", "type": "Country"},
        {"name": "Berlin", "type": "Organization"},
        {"name": "Merkels Berater", "named": False},
    ],
    "meetings": [{"label": "Gipfel", "participants": ["Merkel", "Emmanuel Macron", "Deutschland"],
                  "status": "held", "evidence": "Merkel traf Macron"}],
    "statements": [
        {"speaker": "Merkel", "about": ["Gipfel"], "stance": "positive",
         "evidence": "das Treffen sei gut gewesen"},
        {"speaker": "Merkel", "stance": "positive", "evidence": "Macron lobte die Gespräche"},
        {"speaker": "Merkel", "about": ["Gipfel"], "stance": "positive",
         "evidence": "Merkel sagte"},
        {"speaker": "Emmanuel Macron", "kind": "direct", "about": ["Gipfel"],
         "stance": "neutral", "evidence": "Macron lobte"},
    ],
}


def ann(data: dict) -> Annotation:
    return Annotation.model_validate(data)


def counts(score: Score) -> tuple[int, int, int]:
    return score.tp, score.fp, score.fn


def test_hand_made_example() -> None:
    r = evaluate(ann(PRED), ann(GOLD), TEXT)
    # actors: Merkel, Macron, Deutschland found; Berlin wrong; Frankreich, Beobachter missed;
    # the unnamed adviser counts on neither side
    assert counts(r["actors"]) == (3, 1, 2)
    assert r["actors"].precision == 0.75
    assert r["actors"].recall == 0.6
    assert r["actors"].f1 == pytest.approx(2 / 3)
    # Kanzlerin ~ Bundeskanzlerin of Deutschland; Macron's role lacks its `of`
    assert counts(r["roles"]) == (1, 1, 1)
    # three predicted pairs (one right), one gold pair
    assert counts(r["who-met-whom"]) == (1, 2, 0)
    assert r["who-met-whom"].f1 == pytest.approx(0.5)
    assert counts(r["meetings"]) == (1, 0, 0)
    # one-to-one: two Merkel statements overlap the same gold one; one has the wrong speaker
    assert counts(r["statements"]) == (2, 2, 1)
    assert r["statements"].f1 == pytest.approx(4 / 7)
    assert (r.stance.correct, r.stance.total) == (1, 2)
    assert (r.kind.correct, r.kind.total) == (1, 2)
    # Gipfel is translated to the gold Treffen through the meeting matching
    assert counts(r["reactions"]) == (2, 0, 0)


def test_gold_against_itself_is_perfect() -> None:
    gold = ann(GOLD)
    r = evaluate(gold, gold, TEXT)
    for name, score in r.scores.items():
        assert score.f1 == 1.0, name
    assert r.stance.value == 1.0
    assert counts(r["actors"]) == (5, 0, 0)


def test_empty_prediction() -> None:
    r = evaluate(Annotation(article="a.txt"), ann(GOLD), TEXT)
    assert counts(r["actors"]) == (0, 0, 5)
    assert counts(r["statements"]) == (0, 0, 3)
    assert r["statements"].f1 == 0.0
    assert r.stance.value is None


def test_empty_against_empty_is_perfect() -> None:
    empty = Annotation(article="a.txt")
    r = evaluate(empty, empty, "nichts")
    assert all(s.f1 == 1.0 for s in r.scores.values())


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Erdoğan", "erdogan", True),
    ("Recep Tayyip  Erdoğan", "recep tayyip erdogan", True),
    ("Außenminister", "AUSSENMINISTER", True),
    ("Sarkozy", "Sarkozy's", False),
    ("Tokajew", "Tokaev", False),
])
def test_normalize(a: str, b: str, same: bool) -> None:
    assert (normalize(a) == normalize(b)) is same


def test_actor_matching_by_alias_and_diacritics() -> None:
    gold = ann({"article": "a.txt", "actors": [
        {"name": "Recep Tayyip Erdoğan", "aliases": ["Erdoğan"]}]})
    for pred_actor, expected in [({"name": "Erdogan"}, (1, 0, 0)),
                                 ({"name": "Präsident Erdogan"}, (0, 1, 1)),
                                 ({"name": "Tayyip", "aliases": ["ERDOGAN"]}, (1, 0, 0))]:
        pred = ann({"article": "a.txt", "actors": [pred_actor]})
        assert counts(evaluate(pred, gold, "")["actors"]) == expected


def test_duplicate_actor_costs_precision_once_but_keeps_its_statements() -> None:
    text = "Merkel sagte etwas. Angela Merkel betonte etwas."
    gold = ann({"article": "a.txt",
                "actors": [{"name": "Angela Merkel", "aliases": ["Merkel"]}],
                "statements": [{"speaker": "Angela Merkel", "evidence": "Merkel sagte etwas"},
                               {"speaker": "Angela Merkel",
                                "evidence": "Angela Merkel betonte etwas"}]})
    pred = ann({"article": "a.txt",
                "actors": [{"name": "Angela Merkel"}, {"name": "Merkel"}],
                "statements": [{"speaker": "Merkel", "evidence": "Merkel sagte"},
                               {"speaker": "Angela Merkel", "evidence": "betonte"}]})
    r = evaluate(pred, gold, text)
    assert counts(r["actors"]) == (1, 1, 0)
    assert counts(r["statements"]) == (2, 0, 0)


@pytest.mark.parametrize(("pred_role", "gold_role", "match"), [
    ("Bundesaußenminister", "Außenminister", True),
    ("außenminister", "Bundesaußenminister", True),
    ("Präsident", "präsident", True),
    ("Präsident", "Premierminister", False),
    ("Minister", "Ministerin", False),
])
def test_role_suffix_rule(pred_role: str, gold_role: str, match: bool) -> None:
    def one(role: str) -> Annotation:
        return ann({"article": "a.txt", "actors": [
            {"name": "Heiko Maas", "roles": [{"role": role, "of": "Deutschland"}]},
            {"name": "Deutschland", "type": "Country"}]})
    r = evaluate(one(pred_role), one(gold_role), "")
    assert counts(r["roles"]) == ((1, 0, 0) if match else (0, 1, 1))


def test_role_of_may_be_a_place() -> None:
    tokajew = {"name": "Tokajew", "roles": [{"role": "Präsident", "of": "Kasachstan"}]}
    gold = ann({"article": "a.txt", "actors": [tokajew],
                "places": [{"name": "Kasachstan", "type": "Country"}]})
    pred = ann({"article": "a.txt",
                "actors": [tokajew, {"name": "Kasachstan", "type": "Country"}]})
    r = evaluate(pred, gold, "")
    assert counts(r["roles"]) == (1, 0, 0)
    assert counts(r["actors"]) == (1, 1, 0)


def test_only_held_meetings_give_pairs() -> None:
    def meeting(status: str) -> Annotation:
        return ann({"article": "a.txt", "actors": [{"name": "A"}, {"name": "B"}, {"name": "C"}],
                    "meetings": [{"label": "Treffen", "participants": ["A", "B", "C"],
                                  "status": status, "evidence": "Treffen"}]})
    assert counts(evaluate(meeting("held"), meeting("held"), "Treffen")["who-met-whom"]) == (
        3, 0, 0)
    assert counts(evaluate(meeting("planned"), meeting("held"), "Treffen")["who-met-whom"]) == (
        0, 0, 3)
    r = evaluate(meeting("cancelled"), meeting("cancelled"), "Treffen")
    assert counts(r["who-met-whom"]) == (0, 0, 0)
    assert r["who-met-whom"].f1 == 1.0
    assert counts(r["meetings"]) == (1, 0, 0)


def test_evidence_offsets_decide_between_repeated_strings() -> None:
    text = "Er sagte ja. Dann sagte er nein. Er sagte ja."
    gold = ann({"article": "a.txt", "actors": [{"name": "X"}],
                "statements": [{"speaker": "X", "evidence": "Dann sagte er nein"}]})
    far = ann({"article": "a.txt", "actors": [{"name": "X"}],
               "statements": [{"speaker": "X", "evidence": "Er sagte ja", "start": 33,
                               "end": 44}]})
    anywhere = ann({"article": "a.txt", "actors": [{"name": "X"}],
                    "statements": [{"speaker": "X", "evidence": "sagte"}]})
    assert counts(evaluate(far, gold, text)["statements"]) == (0, 1, 1)
    assert counts(evaluate(anywhere, gold, text)["statements"]) == (1, 0, 0)


def test_max_matching_is_maximum_not_greedy() -> None:
    # greedy by weight takes (0, 0) first; the maximum matching needs 0-1 and 1-0
    assert max_matching([(0, 0, 5), (0, 1, 1), (1, 0, 1)]) == {0: 1, 1: 0}
    assert max_matching([]) == {}
    assert len(max_matching([(0, 0, 1), (1, 0, 1), (2, 0, 1)])) == 1


def test_micro_average_sums_counts() -> None:
    r = evaluate_many([(ann(PRED), ann(GOLD), TEXT), (ann(GOLD), ann(GOLD), TEXT)])
    assert counts(r["actors"]) == (8, 1, 2)
    assert counts(r["statements"]) == (5, 2, 1)
    assert (r.stance.correct, r.stance.total) == (4, 5)
    assert len(r.articles) == 2


def test_score_edge_cases() -> None:
    assert (Score(0, 0, 0).precision, Score(0, 0, 0).recall, Score(0, 0, 0).f1) == (1, 1, 1)
    assert (Score(0, 2, 0).precision, Score(0, 2, 0).recall, Score(0, 2, 0).f1) == (0, 0, 0)
    assert Score(1, 1, 2).to_dict() == {"p": 0.5, "r": 1 / 3, "f1": 0.4, "tp": 1, "fp": 1,
                                        "fn": 2}


def test_paths_files_and_folders(tmp_path: Path) -> None:
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    (gold_dir / "a.txt").write_text(TEXT, encoding="utf-8")
    (gold_dir / "b.txt").write_text(TEXT, encoding="utf-8")
    dump(ann(GOLD), gold_dir / "a.gold.yaml")
    dump(ann({**GOLD, "article": "b.txt"}), gold_dir / "b.gold.yaml")
    dump(ann(PRED), pred_dir / "a.json")
    single = evaluate_paths(pred_dir / "a.json", gold_dir / "a.gold.yaml")
    assert counts(single["statements"]) == (2, 2, 1)
    both = evaluate_paths(pred_dir, gold_dir)
    assert both.missing == ["b"]
    assert counts(both["actors"]) == (3, 1, 7)
    table = format_report(both)
    assert "statements" in table and "stance acc" in table and "no prediction for: b" in table
    rows = format_report(both, per_article=True).splitlines()
    assert rows[-2].split() == ["a.txt", "0.67", "0.50", "0.50", "1.00", "0.57", "1.00"]
    assert rows[-1].split() == ["b.txt", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"]
    assert format_report(evaluate_paths(gold_dir, gold_dir)).count("1.000") == 20
    with pytest.raises(InputError):
        evaluate_paths(pred_dir, gold_dir / "a.gold.yaml")
    with pytest.raises(InputError):
        evaluate_paths(tmp_path / "nope", gold_dir)
    (gold_dir / "b.txt").unlink()
    with pytest.raises(InputError, match="not found"):
        evaluate_paths(pred_dir, gold_dir)


GOLD_FILES = sorted(CORPUS.glob("*/*.gold.yaml")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not GOLD_FILES, reason="../shared/corpus is absent")
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_corpus_gold_against_itself(path: Path) -> None:
    r = evaluate_paths(path, path)
    for name, score in r.scores.items():
        assert score.f1 == 1.0, (name, format_report(r))
    assert r.stance.value in (1.0, None)
    assert load(path, check=False).article.endswith(".txt")
