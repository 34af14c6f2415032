"""The ``kg`` command line through click's CliRunner: build → query/network/viz/export/
validate, check, demo, and bad input (one ``Error:`` line, non-zero exit, no traceback)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner, Result
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import SEED_GOLD, SEED_TEXT
from kg import graphio
from kg.cli import cli
from kg.vocab import KG

PAIRS_10 = {frozenset((a, b)) for i, a in enumerate(
    ["Donald Trump", "Wladimir Putin", "Marco Rubio", "Steve Witkoff", "Sergei Lawrow"])
    for b in ["Donald Trump", "Wladimir Putin", "Marco Rubio", "Steve Witkoff",
              "Sergei Lawrow"][i + 1:]}


def kg(runner: CliRunner, *args: object) -> Result:
    return runner.invoke(cli, [str(a) for a in args])


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


def failed(result: Result) -> Result:
    """A clean failure: exit code != 0, last line ``Error: ...``, no traceback."""
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines and lines[-1].startswith("Error: "), result.output
    return result


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph built once by ``kg build`` (tests only read it)."""
    out = tmp_path_factory.mktemp("graph") / "g.trig"
    result = ok(kg(CliRunner(), "build", SEED_GOLD, "-o", out))
    assert f"wrote {out}: 1 article(s), 679 triples" in result.output
    return out


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """The seed annotation and its article copied into a folder of their own."""
    folder = tmp_path / "seed"
    folder.mkdir()
    shutil.copy(SEED_TEXT, folder)
    return Path(shutil.copy(SEED_GOLD, folder))


def broken_annotation(seed_copy: Path) -> Path:
    data = yaml.safe_load(seed_copy.read_text(encoding="utf-8"))
    data["meetings"][1]["participants"].append("Olaf Scholz")
    bad = seed_copy.with_name("bad.gold.yaml")
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return bad


# ------------------------------------------------------------- build and query
def test_build_then_who_met_whom_csv(runner: CliRunner, graph: Path) -> None:
    result = ok(kg(runner, "query", graph, "--name", "who-met-whom", "--format", "csv"))
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["actor1", "actor2", "meetings", "labels"]
    pairs = {frozenset(r[:2]) for r in rows[1:]}
    assert pairs >= PAIRS_10
    assert pairs - PAIRS_10 == {frozenset(("Kassym-Schomart Tokajew", "Wladimir Putin"))}


def test_query_reactions(runner: CliRunner, graph: Path) -> None:
    result = ok(kg(runner, "query", graph, "--name", "reactions", "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 12
    tokajew = [r for r in rows if r["speaker"] == "Kassym-Schomart Tokajew"]
    assert tokajew and all(r["meeting"] == "Gipfel" and r["stance"] == "positive"
                           for r in tokajew)
    table = ok(kg(runner, "query", graph, "--name", "reactions")).output
    assert re.search(r"Kassym-Schomart Tokajew\s+Gipfel\s+positive", table)


def test_query_binding_json_and_rq_file(runner: CliRunner, graph: Path,
                                        tmp_path: Path) -> None:
    result = ok(kg(runner, "query", graph, "-n", "statements-by-speaker", "-f", "json",
                   "-b", "speaker=Wladimir Putin"))
    data = json.loads(result.output)
    assert sorted((r["speaker"], r["cue"]) for r in data) == [("Wladimir Putin", "hob hervor"),
                                                             ("Wladimir Putin", "sprach von")]
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(?m) AS ?n) WHERE { ?m a kg:Meeting }", encoding="utf-8")
    assert ok(kg(runner, "query", graph, rq, "-f", "csv")).output.split() == ["n", "2"]
    inline = ok(kg(runner, "query", graph, "ASK { ?s kg:speaker ?o }")).output
    assert inline.strip() == "true"


def test_query_list(runner: CliRunner) -> None:
    lines = ok(kg(runner, "query", "--list")).output.splitlines()
    names = {line.split()[0] for line in lines}
    assert {"who-met-whom", "meetings", "statements-by-speaker", "reactions", "roles",
            "timeline"} <= names
    assert all(len(line.split()) > 1 for line in lines)  # every name has a description


def test_query_usage_errors(runner: CliRunner, graph: Path) -> None:
    assert failed(kg(runner, "query", graph)).exit_code == 2
    assert failed(kg(runner, "query", graph, "ASK {}", "-n", "roles")).exit_code == 2
    assert failed(kg(runner, "query", "-n", "roles")).exit_code == 2
    assert failed(kg(runner, "query", graph, "-n", "roles", "-b", "nobinding")).exit_code == 2


def test_build_several_inputs_and_formats(runner: CliRunner, seed_copy: Path,
                                          tmp_path: Path) -> None:
    other = seed_copy.with_name("zweiter.gold.yaml")
    data = yaml.safe_load(seed_copy.read_text(encoding="utf-8"))
    data["article"] = "zweiter.txt"
    other.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy(SEED_TEXT, seed_copy.with_name("zweiter.txt"))
    out = tmp_path / "two.nq"
    ok(kg(runner, "build", seed_copy, other, "-o", out))
    ds = graphio.load(out)
    assert len({c for *_, c in ds.quads((None, None, None, None))}) == 2
    ttl = tmp_path / "two.out"
    ok(kg(runner, "build", seed_copy, "-o", ttl, "--format", "turtle"))
    assert len(Graph().parse(ttl, format="turtle")) == 679


# ------------------------------------------------------------------- network
@pytest.mark.parametrize(("view", "nodes", "edges"), [("met", 6, 11), ("reactions", 5, 4),
                                                       ("all", 12, 27)])
def test_network_files(runner: CliRunner, graph: Path, tmp_path: Path, view: str,
                       nodes: int, edges: int) -> None:
    out = tmp_path / f"{view}.graphml"
    result = ok(kg(runner, "network", graph, "--view", view, "--format", "graphml", "-o", out))
    assert f"{nodes} nodes, {edges} edges" in result.output
    g = nx.read_graphml(out)
    assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges)


def test_network_stdout(runner: CliRunner, graph: Path) -> None:
    data = json.loads(ok(kg(runner, "network", graph, "--view", "met")).output)
    assert len(data["nodes"]) == 6 and len(data["links"]) == 11
    rows = list(csv.DictReader(io.StringIO(
        ok(kg(runner, "network", graph, "--view", "reactions", "-f", "csv")).output)))
    tokajew = next(r for r in rows if r["source"] == "Kassym-Schomart Tokajew")
    assert (tokajew["target"], tokajew["stance"], tokajew["sign"]) == ("Gipfel", "positive", "1")
    assert failed(kg(runner, "network", graph, "-f", "gexf")).exit_code == 2  # needs -o


# ------------------------------------------------------------------------ viz
def test_viz_writes_offline_html(runner: CliRunner, graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    ok(kg(runner, "viz", graph, "-o", out))
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert not re.search(r"<script[^>]*\ssrc\s*=", html, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\shref\s*=", html, re.IGNORECASE)
    assert "Kassym-Schomart Tokajew" in html and "Gipfel" in html


# --------------------------------------------------------------------- export
@pytest.mark.parametrize("fmt", list(graphio.FORMATS))
def test_export_each_format(runner: CliRunner, graph: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out{graphio.FORMATS[fmt][2]}"
    ok(kg(runner, "export", graph, "--format", fmt, "-o", out))
    built = graphio.union(graphio.load(graph))
    assert isomorphic(graphio.union(graphio.load(out, fmt)), built)
    stdout = ok(kg(runner, "export", graph, "--format", fmt)).output
    if graphio.FORMATS[fmt][1]:
        from rdflib import Dataset

        back = graphio.union(Dataset().parse(data=stdout, format=graphio.FORMATS[fmt][0]))
    else:
        back = Graph().parse(data=stdout, format=graphio.FORMATS[fmt][0])
    assert isomorphic(back, built)


# ------------------------------------------------------------ validate, check
def test_validate_ok(runner: CliRunner, graph: Path) -> None:
    assert "Conforms" in ok(kg(runner, "validate", graph)).output


def test_validate_failing(runner: CliRunner, graph: Path, tmp_path: Path) -> None:
    ds = graphio.load(graph)
    for ctx in ds.graphs():
        ctx.remove((None, KG.status, None))
    bad = graphio.save(ds, tmp_path / "bad.trig")
    result = failed(kg(runner, "validate", bad))
    assert result.exit_code == 1
    assert "[kgsh:MeetingShape]" in result.output
    assert "Does not conform: 2 violation(s)" in result.output
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {bad} does not conform to kg's shapes (2 violation(s))")


def test_check_ok(runner: CliRunner) -> None:
    result = ok(kg(runner, "check", SEED_GOLD))
    assert result.output.strip() == (f"{SEED_GOLD}: ok (12 actors, 8 places, 2 meetings, "
                                     "14 statements)")


def test_check_failing(runner: CliRunner, seed_copy: Path) -> None:
    bad = broken_annotation(seed_copy)
    result = failed(kg(runner, "check", seed_copy, bad))
    assert result.exit_code == 1
    assert (f"{bad}: meetings[1] (Nachfolgegespräch).participants: unknown actor "
            "'Olaf Scholz'") in result.output
    assert f"{seed_copy}: ok" in result.output
    assert result.output.strip().splitlines()[-1] == "Error: 1 of 2 file(s) have problems"


# ----------------------------------------------------------------------- demo
def test_demo_from_gold(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = ok(kg(runner, "demo", "--from-gold", "-o", out))
    for name in ("graph.trig", "graph.ttl", "graph.html", "network-met.graphml",
                 "network-reactions.graphml", "network-all.graphml",
                 "alaska-gipfel-tokajew.yaml"):
        assert (out / name).is_file(), name
    assert "Who met whom:" in result.output and "(11 rows)" in result.output
    assert "SHACL: conforms" in result.output
    assert re.search(r"Kassym-Schomart Tokajew\s+Gipfel\s+positive", result.output)
    assert len(graphio.union(graphio.load(out / "graph.trig"))) == 679


# ------------------------------------------------------------------ bad input
def _bad_yaml(tmp: Path, graph: Path) -> list[str]:
    (tmp / "bad.yaml").write_text("article: [\n", encoding="utf-8")
    return ["build", str(tmp / "bad.yaml"), "-o", str(tmp / "x.trig")]


def _bad_graph(cmd: str):  # noqa: ANN202
    def make(tmp: Path, graph: Path) -> list[str]:
        (tmp / "bad.trig").write_text("garbage <<\n", encoding="utf-8")
        extra = {"query": ["-n", "roles"], "viz": ["-o", str(tmp / "x.html")]}.get(cmd, [])
        return [cmd, str(tmp / "bad.trig"), *extra]
    return make


BAD = {
    "build missing file": lambda t, g: ["build", str(t / "nope.yaml"), "-o", str(t / "x.trig")],
    "check missing file": lambda t, g: ["check", str(t / "nope.yaml")],
    "query missing graph": lambda t, g: ["query", str(t / "nope.trig"), "-n", "roles"],
    "validate missing graph": lambda t, g: ["validate", str(t / "nope.trig")],
    "export missing graph": lambda t, g: ["export", str(t / "nope.trig")],
    "network missing graph": lambda t, g: ["network", str(t / "nope.trig")],
    "viz missing graph": lambda t, g: ["viz", str(t / "nope.trig"), "-o", str(t / "x.html")],
    "malformed YAML": _bad_yaml,
    "check malformed YAML": lambda t, g: [*_bad_yaml(t, g)[:2]] and ["check",
                                                                     _bad_yaml(t, g)[1]],
    "invalid SPARQL": lambda t, g: ["query", str(g), "SELEC ?x WHERE { ?x ?p ?o }"],
    "unknown query name": lambda t, g: ["query", str(g), "--name", "who-met-who"],
    "unknown export format": lambda t, g: ["export", str(g), "--format", "n3"],
    "unknown export suffix": lambda t, g: ["export", str(g), "-o", str(t / "x.txt")],
    "unknown network format": lambda t, g: ["network", str(g), "--format", "dot"],
    "unknown network suffix": lambda t, g: ["network", str(g), "-o", str(t / "x.dot")],
    "unknown query format": lambda t, g: ["query", str(g), "-n", "roles", "--format", "xml"],
    "unknown build format": lambda t, g: ["build", str(SEED_GOLD), "-o", str(t / "x.xyz")],
    "unknown view": lambda t, g: ["network", str(g), "--view", "friends"],
    "graph of unknown suffix": lambda t, g: ["validate", str(SEED_GOLD)],
    "malformed graph: validate": _bad_graph("validate"),
    "malformed graph: query": _bad_graph("query"),
    "malformed graph: export": _bad_graph("export"),
    "malformed graph: network": _bad_graph("network"),
    "malformed graph: viz": _bad_graph("viz"),
    "folder to build": lambda t, g: ["build", str(t), "-o", str(t / "x.trig")],
    "folder to check": lambda t, g: ["check", str(t)],
    "folder to query": lambda t, g: ["query", str(t), "-n", "roles"],
    "folder to validate": lambda t, g: ["validate", str(t)],
    "folder as output": lambda t, g: ["export", str(g), "-o", str(t)],
    "unknown command": lambda t, g: ["frobnicate"],
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_gives_one_error_line(runner: CliRunner, graph: Path, tmp_path: Path,
                                        case: str) -> None:
    args = BAD[case](tmp_path, graph)
    failed(runner.invoke(cli, args))


def test_unknown_participant(runner: CliRunner, seed_copy: Path, tmp_path: Path) -> None:
    bad = broken_annotation(seed_copy)
    result = failed(kg(runner, "build", bad, "-o", tmp_path / "x.trig"))
    assert "meetings[1] (Nachfolgegespräch).participants: unknown actor 'Olaf Scholz'" \
        in result.output
    assert not (tmp_path / "x.trig").exists()


@pytest.mark.parametrize("bad_args", [
    lambda t: [str(t / "nope.yaml")],
    lambda t: [str(t / "seed" / "bad.gold.yaml")],
])
def test_failing_build_keeps_existing_output(runner: CliRunner, seed_copy: Path,
                                             tmp_path: Path, bad_args) -> None:  # noqa: ANN001
    broken_annotation(seed_copy)
    out = tmp_path / "keep.trig"
    out.write_text("# an earlier graph\n", encoding="utf-8")
    failed(kg(runner, "build", *bad_args(tmp_path), "-o", out))
    assert out.read_text(encoding="utf-8") == "# an earlier graph\n"
    assert not list(tmp_path.glob("*.tmp"))


def test_exit_codes(runner: CliRunner, graph: Path) -> None:
    assert kg(runner, "query", graph, "--name", "nope").exit_code == 1
    assert kg(runner, "export", graph, "--format", "n3").exit_code == 2


# ----------------------------------------------------------------------- help
@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_example(runner: CliRunner, command: str) -> None:
    result = ok(kg(runner, command, "--help"))
    assert "Example" in result.output
    assert result.output.startswith(f"Usage: cli {command}") or \
        result.output.startswith(f"Usage: kg {command}")


def test_top_level_help_and_version(runner: CliRunner) -> None:
    assert "Examples:" in ok(kg(runner, "--help")).output
    assert "0.1.0" in ok(kg(runner, "--version")).output
