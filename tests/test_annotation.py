"""kg.annotation: YAML/JSON round trips, the corpus's gold files, and one failing case per
rule, each with its problem text and place."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CORPUS, SEED_GOLD
from kg import annotation as ann_io
from kg.annotation import Annotation
from kg.errors import AnnotationError, InputError

GOLD_FILES = sorted(CORPUS.glob("*/*.gold.yaml")) if CORPUS.is_dir() else []

TEXT = ("Merkel traf Macron in Paris. Merkel sagte, das Treffen sei gut gewesen. "
        "Deutschland und Frankreich arbeiten eng zusammen.")
BASE: dict[str, Any] = {
    "article": "a.txt",
    "language": "de",
    "date": "2020-01-02",
    "actors": [
        {"name": "Angela Merkel", "type": "Person", "aliases": ["Merkel"],
         "roles": [{"role": "Kanzlerin", "of": "Deutschland"}]},
        {"name": "Emmanuel Macron", "aliases": ["Macron"]},
        {"name": "Deutschland", "type": "Country"},
    ],
    "places": [
        {"name": "Paris", "type": "City", "part_of": "Frankreich"},
        {"name": "Frankreich", "type": "Country"},
    ],
    "meetings": [
        {"label": "Treffen", "participants": ["Angela Merkel", "Emmanuel Macron"],
         "kind": "in-person", "place": "Paris", "date": "2020-01-01", "status": "held",
         "evidence": "Merkel traf Macron in Paris"},
    ],
    "statements": [
        {"speaker": "Angela Merkel", "kind": "indirect", "cue": "sagte", "content": "gut",
         "about": ["Treffen"], "stance": "positive",
         "evidence": "Merkel sagte, das Treffen sei gut gewesen"},
    ],
}


def write_case(folder: Path, data: Any, text: str = TEXT) -> Path:
    """Write an annotation and its article into ``folder``; return the annotation's path."""
    (folder / "a.txt").write_text(text, encoding="utf-8")
    path = folder / "a.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems_of(folder: Path, data: Any) -> list[str]:
    with pytest.raises(AnnotationError) as err:
        ann_io.load(write_case(folder, data))
    return err.value.problems


# ------------------------------------------------------------------- round trips
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_seed_round_trip_in_memory(seed_annotation: Annotation, fmt: str) -> None:
    again = ann_io.parse(ann_io.dumps(seed_annotation, fmt), fmt=fmt)
    assert again == seed_annotation


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_seed_round_trip_through_files(tmp_path: Path, seed_annotation: Annotation,
                                       seed_text: str, suffix: str) -> None:
    (tmp_path / seed_annotation.article).write_text(seed_text, encoding="utf-8")
    path = tmp_path / f"seed{suffix}"
    ann_io.dump(seed_annotation, path)
    assert ann_io.load(path) == seed_annotation
    if suffix == ".json":
        assert path.read_text(encoding="utf-8").lstrip().startswith("{")


def test_seed_yaml_keeps_format_key_order_and_umlauts(seed_annotation: Annotation) -> None:
    text = ann_io.dumps(seed_annotation)
    assert list(yaml.safe_load(text)) == ["article", "language", "date", "actors", "places",
                                          "meetings", "statements"]
    assert "Außenminister" in text  # Unicode kept, not escaped
    assert "confidence" not in text and "start" not in text  # unset extras are not written


def test_seed_figures(seed_annotation: Annotation) -> None:
    a = seed_annotation
    assert (len(a.actors), len(a.places), len(a.meetings), len(a.statements)) == (12, 8, 2, 14)
    assert a.date == "2025-08-19"
    assert a.actor("Sergei Lawrow").roles[0].of == "Russland"
    assert a.place("Anchorage").part_of == "Alaska"
    assert a.meeting("Gipfel").participants[:2] == ["Donald Trump", "Wladimir Putin"]
    assert a.actor("nobody") is None


def test_extras_round_trip() -> None:
    data = copy.deepcopy(BASE)
    data["meetings"][0].update(start=0, end=27, confidence=0.5)
    data["actors"][0]["confidence"] = 1.0
    a = ann_io.from_data(data)
    assert a.meetings[0].start == 0 and a.meetings[0].confidence == 0.5
    assert ann_io.parse(ann_io.dumps(a)) == a
    assert ann_io.parse(ann_io.dumps(a, "json"), fmt="json") == a


@pytest.mark.skipif(not GOLD_FILES, reason="../shared/corpus is absent")
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_corpus_gold_file_checks_clean(path: Path) -> None:
    a = ann_io.load(path, check=False)
    text = ann_io.article_text(a, path.parent)
    assert text is not None, f"{a.article} missing beside {path}"
    assert ann_io.problems(a, text) == []
    assert a.actors and a.statements


def test_base_case_is_clean(tmp_path: Path) -> None:
    a = ann_io.load(write_case(tmp_path, BASE))
    assert ann_io.problems(a, TEXT) == []


# ----------------------------------------------------------- one failure per rule
def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


CASES = {
    "bad enum": (_set(("meetings", 0, "kind"), "zoom"),
                 "meetings[0] (Treffen).kind: Input should be 'in-person', 'phone', 'video' "
                 "or 'unknown'"),
    "bad stance": (_set(("statements", 0, "stance"), "happy"),
                   "statements[0] (Angela Merkel).stance: Input should be 'positive'"),
    "unknown field": (_set(("statements", 0, "mood"), "calm"),
                      "statements[0] (Angela Merkel).mood: unknown field"),
    "unknown top-level field": (_set(("author",), "x"), "author: unknown field"),
    "unknown participant": (_set(("meetings", 0, "participants"),
                                 ["Angela Merkel", "Olaf Scholz"]),
                            "meetings[0] (Treffen).participants: unknown actor 'Olaf Scholz'"),
    "unknown speaker": (_set(("statements", 0, "speaker"), "Olaf Scholz"),
                        "statements[0] (Olaf Scholz: sagte).speaker: unknown actor "
                        "'Olaf Scholz'"),
    "unknown about": (_set(("statements", 0, "about"), ["Gipfel"]),
                      "statements[0] (Angela Merkel: sagte).about: unknown actor, place or "
                      "meeting 'Gipfel'"),
    "unknown of": (_set(("actors", 0, "roles", 0, "of"), "Bundesrepublik"),
                   "actors[0] (Angela Merkel).roles[0].of: unknown actor or place "
                   "'Bundesrepublik'"),
    "unknown part_of": (_set(("places", 0, "part_of"), "Île-de-France"),
                        "places[0] (Paris).part_of: unknown place 'Île-de-France'"),
    "unknown meeting place": (_set(("meetings", 0, "place"), "Berlin"),
                              "meetings[0] (Treffen).place: unknown place 'Berlin'"),
    "meeting evidence not in article": (
        _set(("meetings", 0, "evidence"), "Merkel traf Macron in Berlin"),
        "meetings[0] (Treffen).evidence: not found in the article: "
        "'Merkel traf Macron in Berlin'"),
    "statement evidence not in article": (
        _set(("statements", 0, "evidence"), "Merkel sagte, das Treffen sei schlecht gewesen"),
        "statements[0] (Angela Merkel: sagte).evidence: not found in the article"),
    "evidence offsets wrong": (
        _set(("meetings", 0, "start"), 1),
        "meetings[0] (Treffen).evidence: offsets 1-"),
    "bad date": (_set(("meetings", 0, "date"), "2020-13-01"),
                 "meetings[0] (Treffen).date: Value error, date '2020-13-01': month must be in"),
    "date not ISO": (_set(("date",), "15.08.2025"),
                     "date: Value error, date '15.08.2025' is not YYYY-MM-DD or YYYY-MM"),
    "bad language": (_set(("language",), "deu"), "language: String should match pattern"),
    "duplicate actor": (lambda d: d["actors"].append({"name": "Emmanuel Macron"}),
                        "actors: 'Emmanuel Macron' is listed twice"),
    "duplicate place": (lambda d: d["places"].append({"name": "Paris"}),
                        "places: 'Paris' is listed twice"),
    "duplicate meeting": (lambda d: d["meetings"].append(copy.deepcopy(d["meetings"][0])),
                          "meetings: 'Treffen' is listed twice"),
}


@pytest.mark.parametrize("case", CASES)
def test_each_rule_reports_its_problem_and_place(tmp_path: Path, case: str) -> None:
    change, expected = CASES[case]
    data = copy.deepcopy(BASE)
    if case == "evidence offsets wrong":
        data["meetings"][0]["end"] = 28
    change(data)
    found = problems_of(tmp_path, data)
    assert len(found) == 1, found
    assert found[0].startswith(expected), found[0]


def test_all_reference_problems_at_once(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["meetings"][0]["participants"].append("Olaf Scholz")
    data["statements"][0]["speaker"] = "Xi Jinping"
    data["statements"][0]["about"] = ["Gipfel", "Treffen"]
    data["places"][0]["part_of"] = "Europa"
    data["statements"][0]["evidence"] = "nicht im Text"
    with pytest.raises(AnnotationError) as err:
        ann_io.load(write_case(tmp_path, data))
    found = err.value.problems
    assert len(found) == 5, found
    for part in ("'Olaf Scholz'", "'Xi Jinping'", "'Gipfel'", "'Europa'", "'nicht im Text'"):
        assert sum(part in p for p in found) == 1, (part, found)
    message = str(err.value)
    assert message.startswith(f"{tmp_path / 'a.yaml'}: 5 problem(s): ")
    assert "\n" not in message


def test_all_schema_problems_at_once(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["actors"][1]["type"] = "Alien"
    data["meetings"][0]["status"] = "maybe"
    data["statements"][0]["tone"] = "x"
    found = problems_of(tmp_path, data)
    assert found == [
        "actors[1] (Emmanuel Macron).type: Input should be 'Person', 'Organization', "
        "'Country' or 'Group'",
        "meetings[0] (Treffen).status: Input should be 'held', 'planned' or 'cancelled'",
        "statements[0] (Angela Merkel).tone: unknown field",
    ]


def test_check_false_skips_references(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["statements"][0]["speaker"] = "Olaf Scholz"
    a = ann_io.load(write_case(tmp_path, data), check=False)
    assert a.statements[0].speaker == "Olaf Scholz"


def test_evidence_not_checked_without_article(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["article"] = "missing.txt"
    data["meetings"][0]["evidence"] = "anything at all"
    assert ann_io.load(write_case(tmp_path, data)).article == "missing.txt"


@pytest.mark.parametrize(("content", "expected"), [
    ("article: [\n", "malformed YAML"),
    ("- just\n- a list\n", "the document is not a mapping of FORMAT.md fields"),
    ("", "the document is not a mapping of FORMAT.md fields"),
    ("language: de\n", "article: Field required"),
])
def test_malformed_documents(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnnotationError) as err:
        ann_io.load(path)
    assert err.value.problems[0].startswith(expected)
    assert str(err.value).startswith(f"{path}: 1 problem(s): ")


def test_malformed_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"article": ', encoding="utf-8")
    with pytest.raises(AnnotationError, match="malformed JSON"):
        ann_io.load(path)


@pytest.mark.parametrize(("make", "expected"), [
    (lambda p: p / "nope.yaml", "no such file"),
    (lambda p: p, "is a folder, not a file"),
])
def test_unreadable_inputs(tmp_path: Path, make: Any, expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        ann_io.load(make(tmp_path))


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("article: Grüße.txt\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8 text"):
        ann_io.load(path)


@pytest.mark.parametrize(("evidence", "start", "end", "expected"), [
    ("traf Macron", None, None, (7, 18)),
    ("traf Macron", 7, 18, (7, 18)),
    ("traf Macron", 0, 11, (7, 18)),  # offsets that do not fit: searched instead
    ("traf Scholz", None, None, None),
])
def test_evidence_span(evidence: str, start: int | None, end: int | None,
                       expected: tuple[int, int] | None) -> None:
    assert ann_io.evidence_span(evidence, TEXT, start, end) == expected


def test_seed_gold_file_is_the_shared_one() -> None:
    shared = CORPUS / "de" / SEED_GOLD.name
    if not shared.is_file():
        pytest.skip("../shared/corpus is absent")
    assert ann_io.load(shared) == ann_io.load(SEED_GOLD)
