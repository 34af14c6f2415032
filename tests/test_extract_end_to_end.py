"""The seed article's raw text through the whole CLI: extract → build → query (issue 3)."""

from __future__ import annotations

import csv
import io
from itertools import combinations
from pathlib import Path

from click.testing import CliRunner

from conftest import SEED_TEXT
from kg.cli import cli

DELEGATION = ["Donald Trump", "Wladimir Putin", "Marco Rubio", "Steve Witkoff", "Sergei Lawrow"]


def _csv(runner: CliRunner, *args: str) -> list[dict[str, str]]:
    result = runner.invoke(cli, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_build_from_raw_text_then_query(runner: CliRunner, tmp_path: Path) -> None:
    graph = tmp_path / "g.trig"
    result = runner.invoke(cli, ["build", str(SEED_TEXT), "-o", str(graph)])
    assert result.exit_code == 0, result.output
    pairs = {frozenset((r["actor1"], r["actor2"]))
             for r in _csv(runner, "query", str(graph), "--name", "who-met-whom")}
    assert frozenset(("Donald Trump", "Wladimir Putin")) in pairs
    # the summit's delegations: every pair among the five named participants
    assert {frozenset(p) for p in combinations(DELEGATION, 2)} <= pairs
    reactions = _csv(runner, "query", str(graph), "--name", "reactions")
    tokajew = [r for r in reactions if r["speaker"] == "Kassym-Schomart Tokajew"]
    assert tokajew and any(r["stance"] == "positive" and r["meeting"] == "Gipfel"
                           for r in tokajew)
    assert any("Durchbruch" in r["evidence"] for r in tokajew)


def test_extract_writes_a_valid_annotation(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "seed.yaml"
    result = runner.invoke(cli, ["extract", str(SEED_TEXT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    # beside its article, the extracted annotation passes kg check (references, evidence)
    (tmp_path / SEED_TEXT.name).write_text(SEED_TEXT.read_text(encoding="utf-8"),
                                           encoding="utf-8")
    checked = runner.invoke(cli, ["check", str(out)])
    assert checked.exit_code == 0, checked.output
