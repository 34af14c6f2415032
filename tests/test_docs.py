"""Documentation: every CLI command is shown in README.md and has examples in its --help;
the README's pictures exist; the screenshot script works."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)
COMMAND = re.compile(r"(?:^|[\s/$(])kg ([a-z][a-z-]*)")


def readme_commands(text: str) -> set[str]:
    """The ``kg <command>`` words that appear inside fenced code blocks of ``text``."""
    return {m.group(1) for block in FENCE.findall(text) for m in COMMAND.finditer(block)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("```bash\nkg demo -o x\n.venv/bin/kg query g.trig\n```\n", {"demo", "query"}),
        ("```\n$ kg build a.yaml -o g.trig\n```", {"build"}),
        ("Run `kg viz` in prose only.\n", set()),  # not in a code block
        ("```\nmkg demo\n```", set()),  # another program's name
        ("    kg export indented, not fenced\n", set()),
    ],
)
def test_readme_commands_parser(text: str, expected: set[str]) -> None:
    assert readme_commands(text) == expected


def test_every_command_is_in_the_readme() -> None:
    documented = readme_commands(README.read_text(encoding="utf-8"))
    missing = sorted(set(cli.commands) - documented)
    assert missing == [], f"README.md shows no `kg <command>` in a code block for: {missing}"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_help_has_an_example(runner, name: str) -> None:
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"kg {name}" in result.output.split("Example", 1)[1]  # the example uses it


def test_top_level_help_has_examples(runner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0 and "Examples:" in result.output


def test_readme_pictures_exist() -> None:
    text = README.read_text(encoding="utf-8")
    for picture in ("docs/screenshot.png", "docs/ontology.svg"):
        assert picture in text, f"README.md does not show {picture}"
        assert (ROOT / picture).stat().st_size > 10_000


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
def test_screenshot_script(tmp_path: Path) -> None:
    pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    out = tmp_path / "shot.png"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshot.py"), "-o", str(out),
         "--width", "900", "--height", "600"],
        capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (900, 600)
