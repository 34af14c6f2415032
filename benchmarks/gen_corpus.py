"""Generate a SYNTHETIC German news corpus for kg's benchmarks.

Articles are composed from the name lists and sentence templates in
``benchmarks/templates/de.yaml``: a dateline, a headline and a few paragraphs in which two
(invented) politicians meet, call each other and comment.  People are drawn from a fixed pool
with a stable role and country each, so the same names recur across articles and the same
meeting is reported by several articles — as in real news.

    python benchmarks/gen_corpus.py OUT_DIR --articles 10000 [--seed 1] [--people 400]

Writes ``OUT_DIR/synth-00000.txt`` … and, beside each, the annotation the generator knows
(``synth-00000.yaml``, FORMAT.md), so a graph can be built without extraction.  Same seed,
same corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import yaml

TEMPLATES = Path(__file__).resolve().parent / "templates" / "de.yaml"
#: share of articles that report a meeting an earlier article reported already
REPORTED_AGAIN = 0.3
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]


def people(t: dict, n: int, rng: random.Random) -> list[dict[str, str]]:
    """A pool of ``n`` distinct invented politicians with role and country."""
    pool: dict[str, dict[str, str]] = {}
    while len(pool) < n:
        name = f"{rng.choice(t['first_names'])} {rng.choice(t['surnames'])}"
        pool.setdefault(name, {"name": name, "last": name.split()[-1],
                               "role": rng.choice(t["roles"]),
                               "country": rng.choice(t["countries"])})
    return list(pool.values())


def _places(t: dict, city: str, facility: dict | None) -> list[dict]:
    """The place chain facility → city → (region →) country, as annotation places."""
    chain = []
    if facility is not None:
        chain.append({"name": facility["name"], "type": "Facility", "part_of": city})
    outer = t["cities"][city]
    chain.append({"name": city, "type": "City", "part_of": outer})
    while outer in t["regions"]:
        chain.append({"name": outer, "type": "Region", "part_of": t["regions"][outer]})
        outer = t["regions"][outer]
    chain.append({"name": outer, "type": "Country", "part_of": None})
    return chain


def article(i: int, t: dict, pool: list[dict[str, str]], rng: random.Random,
            start: dt.date, events: list) -> tuple[str, dict]:
    """The text of synthetic article ``i`` and its annotation (FORMAT.md, as a dict)."""
    if events and rng.random() < REPORTED_AGAIN:   # another article on an earlier meeting
        a, b, met = rng.choice(events)
    else:
        a, b = rng.sample(pool, 2)
        while a["last"] == b["last"]:
            b = rng.choice(pool)
        met = start + dt.timedelta(days=rng.randrange(0, 730))
        events.append((a, b, met))
    published = met + dt.timedelta(days=rng.choice([0, 1, 1, 2]))
    city = rng.choice(sorted(t["cities"]))
    facility = rng.choice(t["facilities"])
    slots = {
        "A": a["name"], "B": b["name"], "a": a["last"], "b": b["last"],
        "ra": f"{a['country']}s {a['role']}", "rb": f"{b['country']}s {b['role']}",
        "city": city, "facility": facility["written"],
        "day": f"am {met.day}. {MONTHS[met.month - 1]}", "topic": rng.choice(t["topics"]),
        "quote": rng.choice(t["quotes"]), "adj": rng.choice(t["adjs"]),
        "country": rng.choice(t["countries"]),
    }
    meeting = rng.choice(t["meeting_sentences"])
    met_text = meeting["text"].format(**slots)
    said = rng.sample(t["statement_sentences"], rng.randint(2, 4))
    body = [s["text"].format(**slots) for s in said]
    body += [f.format(**slots) for f in rng.sample(t["filler_sentences"], rng.randint(1, 3))]
    rng.shuffle(body)
    paragraphs = [met_text]
    while body:
        paragraphs.append(" ".join(body[:2]))
        body = body[2:]
    head = rng.choice(t["headlines"]).format(**slots)
    text = f"date {published.isoformat()} {head}\n\n" + "\n\n".join(paragraphs) + "\n"

    uses = meeting["text"]
    has_role = "{ra}" in uses
    actors = [{"name": p["name"], "type": "Person", "aliases": [p["last"]],
               "roles": [{"role": p["role"], "of": p["country"]}] if has_role else [],
               "named": True} for p in (a, b)]
    places = _places(t, city, facility if "{facility}" in uses else None) \
        if "{city}" in uses else []
    if has_role:
        names = {p["name"] for p in places}
        places += [{"name": c, "type": "Country", "part_of": None}
                   for c in dict.fromkeys((a["country"], b["country"])) if c not in names]
    where = facility["name"] if "{facility}" in uses else city if "{city}" in uses else None
    ann = {
        "article": f"synth-{i:05d}.txt", "language": "de", "date": published.isoformat(),
        "actors": actors, "places": places,
        "meetings": [{"label": meeting["label"], "participants": [a["name"], b["name"]],
                      "kind": meeting["kind"], "place": where, "date": met.isoformat(),
                      "status": "held", "evidence": met_text}],
        "statements": [{"speaker": (a if s["speaker"] == "a" else b)["name"],
                        "kind": s["kind"], "cue": s["cue"],
                        "content": s["content"].format(**slots),
                        "about": [meeting["label"]], "stance": s["stance"],
                        "evidence": s["text"].format(**slots)} for s in said],
    }
    return text, ann


def generate(out: Path, n: int, seed: int = 1, n_people: int = 400,
             annotations: bool = True) -> list[Path]:
    """Write ``n`` articles (and, with ``annotations``, their annotation YAML beside them,
    ``synth-NNNNN.yaml``) into ``out``; return the article paths."""
    t = yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    pool = people(t, n_people, rng)
    events: list = []
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text, ann = article(i, t, pool, rng, dt.date(2023, 1, 1), events)
        p = out / f"synth-{i:05d}.txt"
        p.write_text(text, encoding="utf-8")
        if annotations:
            p.with_suffix(".yaml").write_text(
                yaml.safe_dump(ann, allow_unicode=True, sort_keys=False, width=100),
                encoding="utf-8")
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--people", type=int, default=400)
    ap.add_argument("--no-annotations", action="store_true",
                    help="write only the article texts")
    args = ap.parse_args()
    paths = generate(args.out, args.articles, args.seed, args.people,
                     not args.no_annotations)
    print(f"wrote {len(paths)} synthetic articles to {args.out}")


if __name__ == "__main__":
    main()
