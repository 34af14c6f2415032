"""Status of one meeting mention: held, planned or cancelled, with how sure the clue is.

Strength orders the clues when mentions of one meeting disagree: 3 cancelled ("sagte … ab",
"abgesagt", "verschoben"), 2 held by tense ("traf", "wurde … empfangen"), 1 planned
("soll … treffen", "geplant", "trifft" in a body sentence, "beginnt"), 0 nothing said (held).
"""

from __future__ import annotations

from typing import Any

_END = frozenset({".", "!", "?"})


def status_of(sheet: Any, ti: int, lex: Any, verb: bool = False) -> tuple[str, int]:
    """(status, strength) of the meeting mention at token ``ti``."""
    s0, s1 = sheet.sentence(ti)
    a, b = sheet.segment(ti)
    toks = sheet.toks
    seg = [t.lower for t in toks[a:b]]
    near = [t.lower for t in toks[max(s0, ti - 6):min(s1, ti + 8)]]
    st = lex.status
    if not verb:
        pre = _preposition(sheet, ti, s0)
        if pre is not None:
            # "für nach dem Gespräch angesetzte Pressekonferenz absagen": the clause's words
            # belong to another head; only the noun's own attributes count ("vor geplanten
            # Gesprächen")
            near = seg = [t.lower for t in toks[pre:ti + 1]]
    if any(w in st.cancelled for w in near + seg) or _cancel_verb(sheet, a, b, st):
        return "cancelled", 3
    if verb:
        before = [t.lower for t in toks[a:ti]]
        if any(w in st.future_auxiliaries for w in before):
            return "planned", 1
        if any(w in st.planned for w in near):
            return "planned", 1
        if any(w in st.past_auxiliaries for w in before):
            return "held", 2
        body = toks[s1 - 1].text in _END
        if body and toks[ti].lower in st.present:
            return "planned", 1
        return "held", 2
    hits = [w for w in near if w in st.planned]
    modal = [w for w in hits if w in st.future_auxiliaries]
    if len(hits) > len(modal):
        return "planned", 1
    if modal and not sheet._governed(ti, s0):
        # "Der Gipfel soll im Mai stattfinden" — but not "Bei der Konferenz wird beraten"
        return "planned", 0
    return "held", 0


def _cancel_verb(sheet: Any, a: int, b: int, st: Any) -> bool:
    """ "sagte … ab": a cancel verb with the particle closing its clause."""
    toks = sheet.toks
    words = [t.lower for t in toks[a:b]]
    if not any(w in st.cancel_verbs for w in words):
        return False
    for k in range(a, b):
        if toks[k].lower == st.cancel_particle and (
                k + 1 >= len(toks) or not toks[k + 1].text.isalnum() or k + 1 >= b):
            return True
    return False


def _preposition(sheet: Any, ti: int, s0: int) -> int | None:
    """Token index of the preposition governing the noun at ``ti``, or None."""
    j = ti - 1
    while j >= s0 and j >= ti - 5:
        t = sheet.toks[j]
        if t.lower in sheet.g.prepositions:
            return j
        adjective = not t.text[:1].isupper() and t.lower.endswith(("e", "en", "er", "es", "em"))
        if j in sheet._tok_mentions or t.lower in sheet.g.auxiliaries or not (
                t.lower in sheet.g.articles or adjective):
            return None
        j -= 1
    return None
