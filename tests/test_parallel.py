"""Corpus builds into a store: resume after a crash or SIGKILL, bad inputs skipped,
--jobs 2 and a Dask cluster giving the same store as one process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus_gen import write_corpus
from kg.parallel import build_store
from kg.store import Store

HERE = Path(__file__).resolve().parent


def _quads(store: Store) -> set[str]:
    return {str(q) for q in store.quads()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], set[str]]:
    """1,000 synthetic articles and the quad set of an uninterrupted build of them."""
    folder = tmp_path_factory.mktemp("corpus")
    paths = write_corpus(folder / "in", 1000)
    store = Store.open(folder / "ref")
    report = build_store(paths, store)
    assert report.added == 1000 and not report.errors
    assert report.counts["articles"] == 1000 and report.counts["meetings"] == 1000
    return paths, _quads(store)


def test_crash_midway_then_resume_gives_the_same_store(corpus, tmp_path: Path,
                                                       monkeypatch) -> None:  # noqa: ANN001
    paths, expected = corpus
    store = Store.open(tmp_path / "st")
    real, calls = Store.add_dataset_graph, []

    def crash_after_300(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if len(calls) == 300:
            raise RuntimeError("simulated crash")
        calls.append(args[0])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "add_dataset_graph", crash_after_300)
    with pytest.raises(RuntimeError, match="simulated crash"):
        build_store(paths, store)
    monkeypatch.setattr(Store, "add_dataset_graph", real)
    assert len(store.article_graphs()) == 300
    report = build_store(paths, store)
    assert (report.skipped, report.added, report.errors) == (300, 700, [])
    assert _quads(store) == expected


def test_sigkill_midway_then_resume_gives_the_same_store(corpus, tmp_path: Path) -> None:  # noqa: ANN001
    paths, expected = corpus
    listing = tmp_path / "inputs.txt"
    listing.write_text("\n".join(map(str, paths)), encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys
        from kg.parallel import build_store
        from kg.store import Store
        paths = open({str(listing)!r}, encoding="utf-8").read().split("\\n")
        store = Store.open({str(tmp_path / "st")!r})
        build_store(paths, store, on_commit=lambda s, g: print("ok", flush=True))
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for seen, _ in enumerate(proc.stdout, start=1):
        if seen == 250:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    store = Store.open(tmp_path / "st")
    committed = len(store.article_graphs())
    assert 250 <= committed < 1000
    assert len(store.manifest()) == committed  # graph and manifest entry go in together
    report = build_store(paths, store)
    assert report.skipped == committed and report.added == 1000 - committed
    assert _quads(store) == expected


def test_bad_inputs_are_reported_and_skipped(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 6)
    broken = tmp_path / "in" / "broken.json"
    broken.write_text('{"article": "art-0001.txt", "language": "de", "actors": [{"name": 1}]}',
                      encoding="utf-8")
    lying = tmp_path / "in" / "lying.json"
    lying.write_text(paths[2].read_text(encoding="utf-8").replace("traf", "sah"),
                     encoding="utf-8")
    inputs = [*paths[:3], broken, tmp_path / "missing.json", lying, *paths[3:]]
    errors: list[str] = []
    store = Store.open(tmp_path / "st")
    report = build_store(inputs, store, on_error=errors.append)
    assert report.added == 6 and len(report.errors) == 3 and errors == report.errors
    assert any("missing.json: no such file" in e for e in errors)
    assert any(e.startswith(str(broken)) for e in errors)
    assert any(e.startswith(str(lying)) and "evidence" in e for e in errors)
    assert report.counts["articles"] == 6
    assert "6 article(s), 0 unchanged (skipped), 3 error(s)" in report.summary()


def test_two_jobs_give_the_same_store_as_one(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 120)
    one, two = Store.open(tmp_path / "one"), Store.open(tmp_path / "two")
    r1 = build_store(paths, one, jobs=1)
    r2 = build_store(paths, two, jobs=2)
    assert r1.counts == r2.counts and r2.added == 120
    assert _quads(one) == _quads(two)


def test_dask_cluster_gives_the_same_store(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    paths = write_corpus(tmp_path / "in", 40)
    local = Store.open(tmp_path / "local")
    build_store(paths, local)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        store = Store.open(tmp_path / "dask")
        committed: list[str] = []
        report = build_store(paths, store, cluster=cluster.scheduler_address,
                             on_commit=lambda source, graph: committed.append(graph))
    assert report.added == 40 and not report.errors and len(set(committed)) == 40
    assert _quads(store) == _quads(local)


def test_cli_jobs_and_summary(runner, tmp_path: Path) -> None:  # noqa: ANN001
    from kg.cli import cli

    paths = write_corpus(tmp_path / "in", 10)
    res = runner.invoke(cli, ["build", *map(str, paths), "--store", str(tmp_path / "st"),
                              "--jobs", "2", "-o", str(tmp_path / "out.nq")])
    assert res.exit_code == 0, res.output
    assert "built 10 article(s), 0 unchanged (skipped), 0 error(s)" in res.output
    assert "store: 10 articles" in res.output and "10 meetings, 10 statements" in res.output
    assert "kg build" not in res.output  # no progress bar when not on a terminal
    assert (tmp_path / "out.nq").stat().st_size > 0
