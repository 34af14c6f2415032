"""Stance of a statement from a polarity lexicon (``stance.yaml``) with negation.

Words are matched by stem (lower-case prefix) against the statement's words; a negator
up to three words before a polar word turns it around ("ohne konkrete Ergebnisse",
"nicht gut"); the cue verb's own polarity ("lobte", "kritisierte") counts twice.
A polar word right after a marker of excess ("zu früh", "zu großem", the lexicon's
``intensifiers``) is tempered, not turned: "nicht zu früh freuen", "warnt vor zu großem
Optimismus" grant the positive and restrain it, so it counts once on each side and the
cue's own polarity (aimed at the excess) is dropped.
"""

from __future__ import annotations

from functools import lru_cache

from kg.extract.stmt_lex import lexicon

_NEG_WINDOW = 3


@lru_cache(maxsize=4)
def _lex(lang: str) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str],
                             tuple[str, ...], tuple[str, ...]]:
    s = lexicon(lang, "stance")
    return (tuple(w.lower() for w in s.positive), tuple(w.lower() for w in s.negative),
            frozenset(w.lower() for w in s.negators), tuple(w.lower() for w in s.cue_positive),
            tuple(w.lower() for w in s.cue_negative))


@lru_cache(maxsize=4)
def _excess(lang: str) -> tuple[tuple[str, ...], ...]:
    """Markers of excess as word sequences; the last word matches as a stem (or whole: "=")."""
    return tuple(tuple(w.lower().split()) for w in lexicon(lang, "stance").intensifiers)


_TEMPER_WINDOW = 2


def _tempered(lowers: list[str], lang: str) -> set[int]:
    """Indexes of a marker of excess's last word and the two after it ("zu großem Optimismus")."""
    out: set[int] = set()
    for marker in _excess(lang):
        n = len(marker)
        for i in range(len(lowers) - n + 1):
            last = marker[-1]
            word = lowers[i + n - 1]
            if lowers[i:i + n - 1] == list(marker[:-1]) and (
                    word == last[:-1] if last.endswith("=") else word.startswith(last)):
                out.update(range(i + n - 1, min(i + n + _TEMPER_WINDOW, len(lowers))))
    return out


def negators(lang: str = "de") -> frozenset[str]:
    """Lower-case negation words of the stance lexicon."""
    return _lex(lang)[2]


_SINGLE: dict[int, tuple[tuple[str, ...], frozenset[str]]] = {}


def _single(stems: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str]]:
    """(prefix stems, whole words) of the one-word entries (cached per lexicon tuple)."""
    got = _SINGLE.get(id(stems))
    if got is None:
        got = (tuple(s for s in stems if " " not in s and not s.endswith("=")),
               frozenset(s[:-1] for s in stems if " " not in s and s.endswith("=")))
        _SINGLE[id(stems)] = got
    return got


def _polar(word: str, stems: tuple[str, ...]) -> bool:
    prefixes, whole = _single(stems)
    return word in whole or word.startswith(prefixes)


def _phrases(text: str, stems: tuple[str, ...]) -> int:
    return sum(text.count(s) for s in stems if " " in s)


def polarity(words: list[str], lang: str = "de") -> tuple[int, int]:
    """(positive, negative) counts of ``words`` after negation."""
    return _polarity(words, lang)[:2]


def _polarity(words: list[str], lang: str) -> tuple[int, int, int]:
    """(positive, negative, tempered) counts of ``words``."""
    pos_l, neg_l, negators, _, _ = _lex(lang)
    pos = neg = tempered = 0
    lowers = [w.lower() for w in words]
    temper = _tempered(lowers, lang)
    for i, w in enumerate(lowers):
        p, n = _polar(w, pos_l), _polar(w, neg_l)
        if not (p or n) or (p and n):
            continue
        if i in temper:
            tempered += 1
            pos, neg = pos + 1, neg + 1
            continue
        negated = any(x in negators for x in lowers[max(0, i - _NEG_WINDOW):i])
        if p != negated:
            pos += 1
        else:
            neg += 1
    joined = " ".join(lowers)
    pos += _phrases(joined, pos_l)
    neg += _phrases(joined, neg_l)
    return pos, neg, tempered


@lru_cache(maxsize=4096)
def _cue_polarity(c: str, lang: str) -> tuple[int, int]:
    """(2, 0) for a praising cue ("lobte"), (0, 2) for a critical one, else (0, 0)."""
    _, _, _, cue_pos, cue_neg = _lex(lang)
    pos = any(c.startswith(s) or f" {s}" in f" {c}" for s in cue_pos)
    neg = any(c.startswith(s) or f" {s}" in f" {c}" for s in cue_neg)
    return 2 * pos, 2 * neg


def stance_of(words: list[str], cue: str = "", lang: str = "de") -> str:
    """positive | negative | neutral | mixed for a statement's words and cue."""
    pos, neg, tempered = _polarity(words, lang)
    cp, cn = (0, 0) if tempered else _cue_polarity(cue.lower(), lang)
    pos += cp
    neg += cn
    if pos and neg:
        if pos >= 2 * neg:
            return "positive"
        if neg >= 2 * pos:
            return "negative"
        return "mixed"
    if pos:
        return "positive"
    if neg:
        return "negative"
    return "neutral"
