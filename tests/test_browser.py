"""The kg HTML page in Debian's headless chromium: offline, error-free, counts, tooltips, search.

Needs /usr/bin/chromium (``.ci/install-chromium.sh``) and the ``playwright`` Python package,
which drives the system chromium; Playwright's own browser download is never used.
"""

from __future__ import annotations

import time
from pathlib import Path

import networkx as nx
import pytest

from kg.viz import write_html

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")

from test_viz import TOKAJEW_TIP, demo_graph  # noqa: E402  (tests/ is on sys.path)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Page:
    """One opened kg page with everything it requested and every console/page error."""

    def __init__(self, page, url: str) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.goto(url)
        page.wait_for_function("window.kg && window.kg.ready === true", timeout=60_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def node_xy(self, node_id: int) -> tuple[float, float]:
        pos = self.js(
            "id => { const p = network.getPosition(id); return network.canvasToDOM(p); }", node_id
        )
        box = self.page.locator("#kg-graph").bounding_box()
        return box["x"] + pos["x"], box["y"] + pos["y"]


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1200, "height": 800},
        )
        # anything that is not the page itself is recorded by Page and then refused here
        ctx.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file://") else route.abort()
            ),
        )
        yield ctx
        ctx.close()


def _open(context, path: Path) -> Page:
    return Page(context.new_page(), path.as_uri())


def test_demo_page_offline_counts_tooltip_search(context, tmp_path) -> None:
    G = demo_graph()
    path = write_html(G, tmp_path / "demo.html", title="Gipfel")
    kg = _open(context, path)
    try:
        assert kg.requests == [path.as_uri()]
        assert kg.errors == []
        assert kg.js("[nodes.length, edges.length]") == [
            G.number_of_nodes(),
            G.number_of_edges(),
        ]
        assert kg.js("network.body.data.nodes.length") == G.number_of_nodes()
        labels = kg.js("nodes.get().map(n => n.fullLabel)")
        assert sorted(labels) == sorted(G.nodes[n]["label"] for n in G)

        tokajew = kg.js("nodes.get({filter: n => n.fullLabel === 'Tokajew'})[0].id")
        x, y = kg.node_xy(tokajew)
        kg.page.mouse.move(x - 30, y - 30)
        kg.page.mouse.move(x, y, steps=5)
        tooltip = kg.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        assert tooltip.inner_text() == "Tokajew\nPerson"

        kg.page.mouse.click(x, y)
        details = kg.page.locator("#kg-details")
        details.wait_for(state="visible", timeout=5_000)
        assert kg.page.locator("#kg-details-head").inner_text() == "Tokajew — Person"
        assert kg.js("network.getSelectedNodes()") == [tokajew]

        # the reaction edge: its tooltip shows the statement words and evidence
        reaction = kg.js("edges.get({filter: e => e.kind === 'reacted'})[0]")
        assert reaction["title"] == TOKAJEW_TIP and reaction["color"]["color"] == "#2e9e44"
        kg.js("id => network.selectEdges([id])", reaction["id"])
        ends = [kg.node_xy(reaction["from"]), kg.node_xy(reaction["to"])]
        mid = ((ends[0][0] + ends[1][0]) / 2, (ends[0][1] + ends[1][1]) / 2)
        kg.page.mouse.move(mid[0] + 8, mid[1] + 8)
        kg.page.mouse.move(*mid, steps=4)
        kg.page.wait_for_function(
            "document.querySelector('div.vis-tooltip').innerText.includes('Evidence')",
            timeout=5_000,
        )
        assert "begrüßte das Treffen" in tooltip.inner_text()

        kg.page.screenshot(path=str(tmp_path / "demo.png"))
        assert (tmp_path / "demo.png").stat().st_size > 10_000
        assert kg.requests == [path.as_uri()]
        assert kg.errors == []
    finally:
        kg.page.close()


def test_search_box_and_type_filter(context, tmp_path) -> None:
    path = write_html(demo_graph(), tmp_path / "demo.html")
    kg = _open(context, path)
    try:
        kg.page.fill("#kg-search-input", "puti")
        kg.page.press("#kg-search-input", "Enter")
        putin = kg.js("nodes.get({filter: n => n.fullLabel === 'Putin'})[0].id")
        kg.page.wait_for_function(f"network.getSelectedNodes()[0] === {putin}", timeout=5_000)
        assert kg.page.locator("#kg-details-text").inner_text() == "Putin\nPerson"

        kg.page.fill("#kg-search-input", "Merkel")
        kg.page.press("#kg-search-input", "Enter")
        assert kg.page.locator("#kg-message").inner_text() == "No node matches “Merkel”"

        kg.page.uncheck('#kg-legend input[data-type="Person"]')
        assert kg.js("network.body.data.nodes.length") == 2  # Gipfel and Russland stay
        assert kg.js("nodes.length") == 8  # the data set itself is untouched
        kg.page.fill("#kg-search-input", "Rubio")  # finding a hidden node shows its type again
        kg.page.press("#kg-search-input", "Enter")
        kg.page.wait_for_function("network.body.data.nodes.length === 8", timeout=5_000)
        assert kg.page.is_checked('#kg-legend input[data-type="Person"]')
        assert kg.errors == [] and kg.requests == [path.as_uri()]
    finally:
        kg.page.close()


def test_two_thousand_nodes_stabilise_in_seconds(context, tmp_path, record_property) -> None:
    G = nx.barabasi_albert_graph(2000, 2, seed=5)
    types = ["Person", "Organization", "Country", "Meeting", "Statement", "City"]
    for n in G:
        G.nodes[n].update(label=f"Actor {n}", type=types[n % len(types)], title=f"Actor {n}")
    for i, (_u, _v, d) in enumerate(G.edges(data=True)):
        stance = ["positive", "negative"][i % 2]
        d.update(kind="reacted", label="reacted", stance=stance, weight=i % 3)
    path = write_html(G, tmp_path / "big.html")
    start = time.perf_counter()
    kg = _open(context, path)
    wall = time.perf_counter() - start
    try:
        assert kg.js("[nodes.length, edges.length]") == [2000, G.number_of_edges()]
        stabilise_ms = kg.js("kg.stabiliseMs")
        record_property("stabilise_ms", stabilise_ms)
        record_property("page_bytes", path.stat().st_size)
        print(f"2000 nodes: stabilised in {stabilise_ms} ms, page ready after {wall:.1f} s")
        assert stabilise_ms < 30_000
        assert kg.js("network.physics.options.enabled") is False  # physics off once settled
        assert kg.errors == [] and kg.requests == [path.as_uri()]
        kg.page.screenshot(path=str(tmp_path / "big.png"))
    finally:
        kg.page.close()


@pytest.mark.parametrize("view", ["all", "met", "reactions", "full"])
def test_kg_viz_views_of_the_seed_graph(context, tmp_path, runner, view: str) -> None:
    """`kg build` then `kg viz --view V` on the seed gold: every view opens offline, without
    errors, and draws exactly the nodes and edges of kg's network for that view."""
    from conftest import SEED_GOLD
    from kg import graphio, network
    from kg.cli import cli

    graph = tmp_path / "g.trig"
    assert runner.invoke(cli, ["build", str(SEED_GOLD), "-o", str(graph)]).exit_code == 0
    page = tmp_path / f"{view}.html"
    result = runner.invoke(cli, ["viz", str(graph), "--view", view, "-o", str(page)])
    assert result.exit_code == 0, result.output
    G = network.to_networkx(graphio.load(graph), view)
    kg = _open(context, page)
    try:
        assert kg.requests == [page.as_uri()]
        assert kg.errors == []
        assert kg.js("[nodes.length, edges.length]") == [G.number_of_nodes(),
                                                          G.number_of_edges()]
        if view in ("reactions", "all", "full"):
            edge = kg.js("""edges.get({filter: e => e.kind === 'reacted'}).find(
                e => nodes.get(e.from).fullLabel === 'Kassym-Schomart Tokajew'
                  && nodes.get(e.to).fullLabel === 'Gipfel')""")
            assert edge is not None
            assert edge["color"]["color"] == "#2e9e44"  # the positive colour of style.json
            assert "historischen Durchbruch" in edge["title"]  # his words, with evidence
            assert "sprach von" in edge["title"]
    finally:
        kg.page.close()
