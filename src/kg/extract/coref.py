"""Within-article coreference for persons: titles, pronouns and pairs.

Runs after names are known (see :mod:`kg.extract.actors`): every title used without a
name ("der Kremlchef", "die Kanzlerin", "des US-Präsidenten") becomes a mention of the
person who holds that title in the article; subject pronouns ("Er", "sie") become
mentions of the most recent compatible person; "beide Staatschefs" / "die beiden
Präsidenten" become one ``group`` mention per person of the last two seen.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from kg.extract.context import Mention

_WINDOW = 40  # mentions looked back at when resolving
_SUBJECT_BEFORE = {",", "und", "dass", "aber", "doch", "als", "weil", "wenn", "da", "wie",
                   "ob", "„", "\"", "–", "-", ":", "(", "so"}


def resolve(st: Any) -> None:
    """Add title, pronoun and pair mentions to ``st.mentions`` (an actors._State)."""
    words, doc, g = st.words, st.doc, st.g
    named = sorted(st.mentions, key=lambda m: m.start)
    persons = st.persons
    by_role: dict[str, list[str]] = {}
    for key, p in persons.items():
        for r in p.roles:
            hit = g.role_of_token(r.role.split()[-1])
            base = hit.base if hit else r.role
            by_role.setdefault(base, []).append(key)
            by_role.setdefault(r.role, []).append(key)
    added: list[Mention] = []

    starts = [m.start for m in named]

    def recent(char: int, want_female: bool | None, n: int = 1) -> list[str]:
        out: list[str] = []
        hi = bisect_left(starts, char)
        window = sorted([*named[max(0, hi - _WINDOW):hi], *added[-_WINDOW:]],
                        key=lambda m: m.start)
        for m in reversed(window):
            if m.start >= char or m.actor not in persons or m.actor in out:
                continue
            if want_female is not None and persons[m.actor].female != want_female:
                continue
            out.append(m.actor)
            if len(out) == n:
                break
        return out

    for i, w in enumerate(words):
        if i in st.used:
            continue
        tok = doc[i]
        hit = g.role_of_token(w)
        if hit is not None and (i == 0 or words[i - 1] in _ARTICLES or st.sent_start[i]):
            keys = by_role.get(hit.written) or by_role.get(hit.base) or []
            if hit.of is not None:
                keys = [k for k in keys if any((r.of or persons[k].defaults.get(r.role)) == hit.of
                                               for r in persons[k].roles)]
            keys = list(dict.fromkeys(keys))
            if len(keys) == 1:
                added.append(Mention(tok.idx, tok.idx + len(w), keys[0], "title"))
            elif len(keys) > 1:
                best = recent(tok.idx, None, 10)
                pick = next((k for k in best if k in keys), None)
                if pick:
                    added.append(Mention(tok.idx, tok.idx + len(w), pick, "title"))
            continue
        gender = g.pronouns.get(w)
        if gender is not None and (st.sent_start[i] or (i > 0 and words[i - 1] in
                                                         _SUBJECT_BEFORE)):
            if gender == "female" and not w[0].isupper() and words[i + 1:i + 2] == ["sind"]:
                continue
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if gender == "female" and nxt in ("sind", "haben", "werden", "wollen", "können"):
                continue
            who = recent(tok.idx, gender == "female", 1)
            if who:
                added.append(Mention(tok.idx, tok.idx + len(w), who[0], "pronoun"))
            continue
        if w.lower() in g.pair_words and i + 1 < len(words):
            nxt = g.role_of_token(words[i + 1])
            if nxt is not None:
                two = recent(tok.idx, None, 2)
                if len(two) == 2:
                    start = doc[i - 1].idx if i > 0 and words[i - 1] in _ARTICLES else tok.idx
                    end = doc[i + 1].idx + len(words[i + 1])
                    for key in two:
                        added.append(Mention(start, end, key, "group"))
    st.mentions.extend(added)


_ARTICLES = {"der", "die", "das", "des", "dem", "den", "Der", "Die", "Das", "Des", "Dem", "Den"}
