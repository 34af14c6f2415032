"""Shared fixtures: repository paths, the seed article and its gold annotation, a CLI runner.

No autouse fixtures. The seed dataset is built fresh for every test that asks for it
(about 50 ms), so a test that changes it cannot disturb another.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from kg import annotation as ann_io
from kg.annotation import Annotation
from kg.mapping import to_graph

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEED_GOLD = DATA / "alaska-gipfel-tokajew.gold.yaml"
SEED_TEXT = DATA / "alaska-gipfel-tokajew.txt"
CASES = Path(__file__).resolve().parent / "cases"
#: ../shared/corpus beside the repository (absent on some machines: tests skip).
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def runner() -> CliRunner:
    """A click runner; ``result.output`` holds stdout and stderr together."""
    return CliRunner()


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article's text."""
    return ann_io.read_text(SEED_TEXT)


@pytest.fixture(scope="session")
def _seed_annotation() -> Annotation:
    return ann_io.load(SEED_GOLD)


@pytest.fixture
def seed_annotation(_seed_annotation: Annotation) -> Annotation:
    """The seed gold annotation (a deep copy: tests may change it)."""
    return _seed_annotation.model_copy(deep=True)


@pytest.fixture
def seed_dataset(seed_annotation: Annotation, seed_text: str) -> Dataset:
    """The seed gold annotation mapped to RDF (one named graph), built fresh."""
    return to_graph(seed_annotation, seed_text)


@pytest.fixture
def seed_trig(tmp_path: Path, seed_dataset: Dataset) -> Path:
    """The seed dataset written as TriG into a temporary folder."""
    from kg import graphio

    return graphio.save(seed_dataset, tmp_path / "seed.trig")


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites the golden snapshots (tests/cases/*.ttl) from kg's output."""
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden snapshot files instead of comparing with them")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden snapshots."""
    return bool(request.config.getoption("--update-golden"))
