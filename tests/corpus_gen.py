"""Tiny synthetic articles with their annotations, for store and parallel-build tests.

Each article is three sentences composed from name lists (German), with an annotation
whose evidence spans are exact substrings; building one takes milliseconds.
"""

from __future__ import annotations

import json
from pathlib import Path

FIRST = ["Anna", "Boris", "Clara", "David", "Elena", "Felix", "Greta", "Hugo", "Ida", "Jonas",
         "Karla", "Lukas", "Mira", "Nils", "Olga", "Paul"]
LAST = ["Albers", "Brandt", "Costa", "Dietz", "Ebert", "Franke", "Gruber", "Hoffmann", "Ilić",
        "Jäger", "Krüger", "Lorenz", "Maier", "Novak", "Otto", "Peters", "Quast"]
CITIES = ["Berlin", "Wien", "Prag", "Warschau", "Madrid", "Lissabon", "Oslo", "Riga"]


def article(i: int) -> tuple[str, dict]:
    """The text and annotation (as a dict) of synthetic article ``i``."""
    a = f"{FIRST[i % len(FIRST)]} {LAST[(i // 3) % len(LAST)]}"
    b = f"{FIRST[(i * 7 + 3) % len(FIRST)]} {LAST[(i * 5 + 1) % len(LAST)]}"
    if b == a:
        b = f"{FIRST[(i + 1) % len(FIRST)]} {LAST[(i + 2) % len(LAST)]}"
    city = CITIES[i % len(CITIES)]
    day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
    met = f"{a} traf {b} in {city}."
    said = f"{a.split()[1]} sagte, das Gespräch sei gut gewesen"
    text = f"date {day} {met} {said}. Nummer {i}.\n"
    ann = {
        "article": f"art-{i:04d}.txt", "language": "de", "date": day,
        "actors": [
            {"name": a, "type": "Person", "aliases": [a.split()[1]], "roles": [], "named": True},
            {"name": b, "type": "Person", "aliases": [], "roles": [], "named": True},
        ],
        "places": [{"name": city, "type": "City", "part_of": None}],
        "meetings": [{"label": "Treffen", "participants": [a, b], "kind": "in-person",
                      "place": city, "date": day, "status": "held", "evidence": met}],
        "statements": [{"speaker": a, "kind": "indirect", "cue": "sagte",
                        "content": "das Gespräch sei gut gewesen", "about": ["Treffen"],
                        "stance": "positive", "evidence": said}],
    }
    return text, ann


def write_corpus(folder: Path, n: int, start: int = 0) -> list[Path]:
    """Write ``n`` article texts and their annotations (JSON); return the annotation paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        text, ann = article(i)
        (folder / ann["article"]).write_text(text, encoding="utf-8")
        p = folder / f"art-{i:04d}.json"  # JSON: parsed ~20x faster than YAML
        p.write_text(json.dumps(ann, ensure_ascii=False), encoding="utf-8")
        paths.append(p)
    return paths
