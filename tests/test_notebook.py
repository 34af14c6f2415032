"""notebooks/walkthrough.ipynb runs top to bottom (nbclient, a fresh kernel, a temporary folder)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="needs nbformat (test dependency)")
nbclient = pytest.importorskip("nbclient", reason="needs nbclient (test dependency)")
pytest.importorskip("ipykernel", reason="needs ipykernel (test dependency)")
pytest.importorskip("matplotlib", reason="the notebook draws a static figure (kg[figures])")

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "walkthrough.ipynb"


def _text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        else:
            data = out.get("data", {})
            parts.append(data.get("text/html", "") or data.get("text/plain", ""))
    return "".join(parts)


def test_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_walkthrough_runs_offline(tmp_path: Path, record_property) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    start = time.perf_counter()
    client.execute()  # raises CellExecutionError on the first failing cell
    seconds = time.perf_counter() - start
    record_property("notebook_seconds", round(seconds, 1))
    assert seconds < 60

    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    text = "\n".join(_text(c) for c in nb.cells if c.cell_type == "code")
    # the analysis of the gold annotation: the ten summit pairs and Tokajew's reaction
    for name in ("Donald Trump", "Wladimir Putin", "Marco Rubio", "Steve Witkoff", "Sergei Lawrow"):
        assert name in text
    assert "(11 rows)" in text  # who-met-whom: the ten summit pairs and Putin–Tokajew
    assert "historischer Durchbruch" in text
    assert "isomorphic to the built graph: True" in text
    assert "<iframe srcdoc=" in text
    out = tmp_path / "walkthrough-output"
    for name in ("graph.html", "graph.png", "reactions.svg", "graph.trig", "graph.ttl",
                 "graph.jsonld", "network-met.graphml", "network-reactions.csv",
                 "alaska-gipfel-tokajew.extracted.yaml"):
        assert (out / name).stat().st_size > 0, name
