"""The wheel ships the ontology, the query library, the sample data and the lexicons, so an
installed kg works from any folder. Builds a wheel offline (hatchling, no build isolation)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

REQUIRED = [
    "kg/ontology/kg.ttl",
    "kg/ontology/shapes.ttl",
    "kg/assets/queries/who-met-whom.rq",
    "kg/data/alaska-gipfel-tokajew.txt",
    "kg/data/alaska-gipfel-tokajew.gold.yaml",
    "kg/cli/__init__.py" if (ROOT / "src" / "kg" / "cli").is_dir() else "kg/cli.py",
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling is not installed (needed to build offline)")
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300, check=False)
    wheels = list(out.glob("kg-*.whl"))
    if proc.returncode != 0 or not wheels:
        pytest.skip(f"cannot build a wheel here: {proc.stderr.strip()[-300:]}")
    return zipfile.ZipFile(wheels[0])


def test_wheel_ships_package_data(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    missing = [n for n in REQUIRED if n not in names]
    assert not missing, missing


def test_wheel_ships_every_query_and_lexicon(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    src = ROOT / "src"
    for pattern in ("kg/assets/queries/**/*.rq", "kg/assets/lexicons/**/*.yaml",
                    "kg/assets/lexicons/**/*.tsv"):
        for path in src.glob(pattern):
            assert path.relative_to(src).as_posix() in names, path
    lexicons = [n for n in names if n.startswith("kg/assets/lexicons/") and n.endswith(".yaml")]
    assert len(lexicons) >= 10


def test_wheel_ontology_is_the_repositorys(wheel: zipfile.ZipFile) -> None:
    for name in ("kg.ttl", "shapes.ttl"):
        assert wheel.read(f"kg/ontology/{name}") == (ROOT / "ontology" / name).read_bytes()


def test_wheel_declares_the_console_script(wheel: zipfile.ZipFile) -> None:
    entry = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    text = wheel.read(entry).decode("utf-8")
    assert "[console_scripts]" in text and "kg = kg.cli:main" in text
