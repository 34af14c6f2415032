"""Corpus builds into a :class:`kg.store.Store`: resumable, parallel, distributed.

Extraction and mapping (the slow part) run in worker processes — a local
``ProcessPoolExecutor`` (``jobs``) or a Dask distributed cluster (``cluster``); each worker
returns one article's graph as N-Triples and the main process, the store's only writer,
commits it as one transaction as soon as it arrives.  Inputs whose content hash is
already in the store's manifest are skipped, so an interrupted build resumes where it
stopped.  A bad input is reported and skipped; the others go on.
"""

from __future__ import annotations

import concurrent.futures as cf
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, KgError
from kg.store import Store, content_hash

#: How many inputs per worker are queued at a time (bounds memory on huge corpora).
QUEUE_PER_JOB = 4


@dataclass(frozen=True)
class Done:
    """One input's outcome, sent from a worker to the writer."""

    source: str
    digest: str
    graph: str = ""
    ntriples: str = ""
    error: str = ""


@dataclass
class StoreReport:
    """What a store build did, and what the store holds afterwards."""

    added: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    interrupted: bool = False

    def summary(self) -> str:
        """One line per fact, as ``kg build --store`` prints it."""
        c = self.counts
        head = (f"built {self.added} article(s), {self.skipped} unchanged (skipped), "
                f"{len(self.errors)} error(s)")
        if self.interrupted:
            head += "; interrupted: rerun the same command to resume"
        store = (f"store: {c.get('articles', 0)} articles, {c.get('triples', 0)} triples, "
                 f"{c.get('actors', 0)} actors, {c.get('meetings', 0)} meetings, "
                 f"{c.get('statements', 0)} statements")
        if "actors_merged" in c:
            store += (f"\nmerged across articles: {c['actors_merged']} actors, "
                      f"{c['meetings_merged']} meetings")
        return f"{head}\n{store}"


def work(source: str, digest: str = "") -> Done:
    """Read, extract (article texts) and map one input; never raises for bad input."""
    from kg.build import read_input
    from kg.ids import article_iri
    from kg.mapping import to_graph

    try:
        annotation, text = read_input(source)
        name = article_iri(annotation.article)
        body = to_graph(annotation, text).graph(name).serialize(format="nt")
        return Done(source, digest, str(name), body)
    except KgError as exc:
        return Done(source, digest, error=str(exc))
    except Exception as exc:  # a bug in extraction must not stop a corpus build
        return Done(source, digest, error=f"{source}: internal error ({type(exc).__name__}: "
                                          f"{' '.join(str(exc).split())[:160]})")


def _local(items: list[tuple[str, str]], jobs: int) -> Iterator[Done]:
    if jobs <= 1:
        for source, digest in items:
            yield work(source, digest)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")  # no fork of the writer's RocksDB threads
    pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
    pending: set[cf.Future[Done]] = set()
    queue = iter(items)
    try:
        while True:
            for source, digest in queue:
                pending.add(pool.submit(work, source, digest))
                if len(pending) >= jobs * QUEUE_PER_JOB:
                    break
            if not pending:
                break
            finished, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for fut in finished:
                yield fut.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dask(items: list[tuple[str, str]], address: str) -> Iterator[Done]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError("--cluster needs Dask: pip install 'dask[distributed]'") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        futures = client.map(work, [s for s, _ in items], [d for _, d in items], pure=False)
        for fut in as_completed(futures):
            done = fut.result()
            fut.release()
            yield done
    finally:
        client.close()


def plan(inputs: Iterable[str | Path], store: Store, resume: bool = True,
         on_error: Callable[[str], None] | None = None) -> tuple[list[tuple[str, str]], int,
                                                                 list[str]]:
    """(inputs to build with their content hashes, number skipped as unchanged, errors)."""
    known = store.hashes() if resume else set()
    todo, skipped, errors = [], 0, []
    for item in inputs:
        source = str(item)
        try:
            p = Path(source)
            if not p.is_file():
                raise InputError(f"{p}: no such file" if not p.exists()
                                 else f"{p}: is a folder, not a file")
            digest = content_hash(p.read_bytes())
        except (InputError, OSError) as exc:
            msg = str(exc) if isinstance(exc, InputError) else f"{source}: {exc.strerror}"
            errors.append(msg)
            if on_error:
                on_error(msg)
            continue
        if digest in known:
            skipped += 1
        else:
            todo.append((source, digest))
    return todo, skipped, errors


def build_store(inputs: Iterable[str | Path], store: Store, *, jobs: int = 1,
                cluster: str | None = None, resume: bool = True, progress: bool = False,
                on_error: Callable[[str], None] | None = None,
                on_commit: Callable[[str, str], None] | None = None) -> StoreReport:
    """Build every input into ``store``; see the module docstring.

    ``on_error(message)`` is called for each bad input, ``on_commit(source, graph)`` after
    each committed article.  ``progress`` shows a bar on a terminal (stderr).
    """
    todo, skipped, errors = plan(inputs, store, resume, on_error)
    report = StoreReport(skipped=skipped, errors=errors)
    results = _dask(todo, cluster) if cluster else _local(todo, jobs)
    bar = _bar(len(todo)) if progress else None
    try:
        for done in results:
            if done.error:
                report.errors.append(done.error)
                if on_error:
                    on_error(done.error)
            else:
                store.add_dataset_graph(done.graph, done.ntriples, done.source, done.digest)
                report.added += 1
                if on_commit:
                    on_commit(done.source, done.graph)
            if bar is not None:
                bar.update(1)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        close = getattr(results, "close", None)
        if close:
            close()
        if bar is not None:
            bar.close()
        store.flush()
    report.counts = store.counts()
    if report.added:
        from kg.identity import merge_report

        merged = merge_report(store)
        report.counts.update({k: merged[k] for k in ("actors_merged", "meetings_merged")})
    return report


def _bar(total: int):  # noqa: ANN202 - a tqdm bar
    from tqdm import tqdm

    # disable=None: shown on a terminal only; tqdm shows articles/s and the ETA.
    return tqdm(total=total, unit="article", desc="kg build", disable=None, file=sys.stderr,
                dynamic_ncols=True, smoothing=0.1)
