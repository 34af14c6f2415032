"""Screenshot of the seed article's graph in kg's HTML view: docs/screenshot.png.

Builds the seed gold annotation's graph, writes the self-contained HTML page, opens it in
Debian's headless chromium (/usr/bin/chromium, driven by Playwright with the same flags as
tests/test_browser.py; no browser download, every non-file request refused), waits until the
layout has settled and saves the picture (``--tooltip`` also hovers Tokajew's reaction to
the summit so its tooltip shows). Run after changing the view:

    .venv/bin/python scripts/screenshot.py                 # writes docs/screenshot.png
    .venv/bin/python scripts/screenshot.py --view reactions --tooltip -o reactions.png
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from kg import annotation as ann_io
from kg import network
from kg.build import SEED, sample_dir
from kg.mapping import to_graph
from kg.viz import write_html

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "screenshot.png"
CHROMIUM = Path("/usr/bin/chromium")
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


def seed_page(folder: Path, view: str) -> Path:
    """Write the seed gold graph's HTML view into ``folder``."""
    data = sample_dir()
    gold = ann_io.load(data / f"{SEED}.gold.yaml")
    ds = to_graph(gold, ann_io.read_text(data / f"{SEED}.txt"))
    return write_html(network.to_networkx(ds, view), folder / "seed.html",
                      title=f"kg: {SEED} (gold annotation)")


def _hover_reaction(page) -> None:  # noqa: ANN001 - playwright Page
    """Move the mouse onto Tokajew's reaction edge so vis-network shows its tooltip."""
    edge = page.evaluate("""() => {
        const tok = nodes.get({filter: n => n.fullLabel === 'Kassym-Schomart Tokajew'})[0];
        if (!tok) { return null; }
        return edges.get({filter: e => e.kind === 'reacted' && e.from === tok.id})[0] || null;
    }""")
    if not edge:
        return
    box = page.locator("#kg-graph").bounding_box()
    ends = [page.evaluate("id => network.canvasToDOM(network.getPosition(id))", edge[k])
            for k in ("from", "to")]
    x = box["x"] + (ends[0]["x"] + ends[1]["x"]) / 2
    y = box["y"] + (ends[0]["y"] + ends[1]["y"]) / 2
    page.mouse.move(x + 10, y + 10)
    page.mouse.move(x, y, steps=4)
    page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5_000)


def screenshot(output: Path, view: str = "all", width: int = 1280, height: int = 780,
               tooltip: bool = False) -> Path:
    """Render the seed graph's page in headless chromium and save a PNG to ``output``."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} not found: install Debian's chromium "
                         "(.ci/install-chromium.sh)")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        page_file = seed_page(Path(tmp), view)
        ctx = pw.chromium.launch_persistent_context(
            str(Path(tmp) / "profile"), executable_path=str(CHROMIUM), headless=True,
            args=FLAGS, viewport={"width": width, "height": height}, device_scale_factor=1)
        ctx.route("**/*", lambda route: (route.continue_()
                                          if route.request.url.startswith("file://")
                                          else route.abort()))
        errors: list[str] = []
        page = ctx.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(page_file.as_uri())
        page.wait_for_function("window.kg && window.kg.ready === true", timeout=60_000)
        page.evaluate("network.fit({animation: false})")
        page.wait_for_timeout(300)
        if tooltip:
            _hover_reaction(page)
        output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(output))
        ctx.close()
    if errors:
        raise SystemExit("the page reported errors: " + "; ".join(errors))
    return output


def main(argv: list[str] | None = None) -> Path:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    parser.add_argument("--view", default="all", choices=network.VIEWS)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=780)
    parser.add_argument("--tooltip", action="store_true",
                        help="hover Tokajew's reaction edge so its (large) tooltip shows")
    args = parser.parse_args(argv)
    out = screenshot(args.output, args.view, args.width, args.height, args.tooltip)
    print(f"wrote {out}", file=sys.stderr)
    return out


if __name__ == "__main__":
    main()
