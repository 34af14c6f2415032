"""Shallow clause analysis shared by the meeting and statement stages.

No parser is available offline, so clause structure comes from punctuation, quotation
marks and closed-class words (``grammar.yaml``): a :class:`Sheet` holds the tokens of a
document with their sentence, clause segment and quotation status, and
:meth:`Sheet.subjects` finds the subject mention(s) of a verb by German word order
(prefield before a second-position verb, the first noun phrase after it, or the noun
phrase after a subjunction in a verb-final clause).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from kg.extract.context import Context, Mention
from kg.extract.stmt_lex import lexicon

_BREAK = {",", ";", ":", "(", ")", "–", "—", "-", "[", "]"}
_END = {".", "!", "?", "…"}
# opening mark -> closing marks
_QUOTE_PAIRS = {"„": "“”\"", "«": "»", "»": "«", "“": "”\"", "\"": "\"“”", "‚": "‘’", "›": "‹",
                "‹": "›"}
_QUOTE_CHARS = set("„“”\"«»‚‘’›‹")


@dataclass
class Tok:
    """One token with its place in the document."""

    i: int
    text: str
    lower: str
    start: int
    end: int
    sent: int
    seg: int
    quoted: bool


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``[open, close+1)`` of quotations in ``text`` (all German styles)."""
    spans: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    rx = re.compile(r"[„«»“\"‚›‹]")
    while pos < n:
        m = rx.search(text, pos)
        if not m:
            break
        o = m.start()
        ch = text[o]
        if ch == "‚" and not (o + 1 < n and text[o + 1].isalpha()):
            pos = o + 1
            continue
        closers = _QUOTE_PAIRS[ch]
        limit = min(n, o + 2500)
        j = o + 1
        close = -1
        while j < limit:
            c = text[j]
            if c in closers:
                close = j
                break
            if c == "\n" and j + 1 < n and text[j + 1] == "\n":
                break
            j += 1
        if close < 0 or close == o + 1:
            pos = o + 1
            continue
        spans.append((o, close + 1))
        pos = close + 1
    return spans


class Sheet:
    """Tokens, sentences, clause segments and quotations of one document."""

    def __new__(cls, ctx: Context) -> Sheet:
        # the meeting and statement stages share one sheet per context (built once)
        cached = getattr(ctx, "_kg_sheet", None)
        if isinstance(cached, cls) and cached._key == (len(ctx.mentions), len(ctx.text)):
            cached._reused = True
            return cached
        return super().__new__(cls)

    def __init__(self, ctx: Context) -> None:
        if getattr(self, "_reused", False):
            self._reused = False
            self.persons = {a.name for a in ctx.actors if a.type == "Person"}
            self.types = {a.name: a.type for a in ctx.actors}
            return
        self._reused = False
        self._key = (len(ctx.mentions), len(ctx.text))
        self.ctx = ctx
        gram = lexicon(ctx.language, "grammar")
        self.g = SimpleNamespace(**{k: frozenset(v) for k, v in gram.model_dump().items()})
        self.g.lang = ctx.language
        self.quotes = quote_spans(ctx.text)
        self.toks: list[Tok] = []
        self.sents: list[tuple[int, int]] = []
        qi = 0
        seg = 0
        for si, sent in enumerate(ctx.sentences):
            first = len(self.toks)
            for t in sent:
                if t.is_space:
                    continue
                c = t.idx
                while qi < len(self.quotes) and self.quotes[qi][1] <= c:
                    qi += 1
                quoted = (qi < len(self.quotes) and self.quotes[qi][0] < c < self.quotes[qi][1] - 1
                          and t.text not in _QUOTE_CHARS)
                if t.text in _BREAK or t.text in _QUOTE_CHARS or t.text in _END:
                    seg += 1
                self.toks.append(Tok(len(self.toks), t.text, t.text.lower(), c, c + len(t.text),
                                     si, seg, quoted))
                if t.text in _BREAK or t.text in _QUOTE_CHARS:
                    seg += 1
            seg += 1
            self.sents.append((first, len(self.toks)))
        self._by_start = {t.start: t.i for t in self.toks}
        self.mentions = [m for m in ctx.mentions if not self.in_quote(m.start)]
        self._tok_mentions: dict[int, Mention] = {}
        self._tok_all: dict[int, list[Mention]] = {}
        for m in self.mentions:
            ti = self.tok_at(m.start)
            if ti is None:
                continue
            self._tok_all.setdefault(ti, []).append(m)
            if ti not in self._tok_mentions:
                self._tok_mentions[ti] = m
        self.persons = {a.name for a in ctx.actors if a.type == "Person"}
        self.types = {a.name: a.type for a in ctx.actors}
        with contextlib.suppress(AttributeError):  # a context without new attributes
            ctx._kg_sheet = self  # type: ignore[attr-defined]

    # ----------------------------------------------------------------- lookups
    def in_quote(self, char: int) -> bool:
        """Whether ``char`` lies inside a quotation (marks excluded)."""
        return any(a < char < b - 1 for a, b in self.quotes)

    def tok_at(self, char: int) -> int | None:
        """Index of the token starting at or covering ``char``."""
        if char in self._by_start:
            return self._by_start[char]
        lo, hi = 0, len(self.toks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.toks[mid].end <= char:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(self.toks) else None

    def mention_at(self, ti: int) -> Mention | None:
        """The mention starting at token ``ti``."""
        return self._tok_mentions.get(ti)

    def segment(self, ti: int) -> tuple[int, int]:
        """Token range of the clause segment holding token ``ti``."""
        seg = self.toks[ti].seg
        a = ti
        while a > 0 and self.toks[a - 1].seg == seg:
            a -= 1
        b = ti
        while b + 1 < len(self.toks) and self.toks[b + 1].seg == seg:
            b += 1
        while a <= b and self.toks[a].text in _BREAK | _QUOTE_CHARS | _END:
            a += 1
        while b >= a and self.toks[b].text in _BREAK | _QUOTE_CHARS | _END:
            b -= 1
        return a, b + 1

    def sentence(self, ti: int) -> tuple[int, int]:
        """Token range of the sentence holding token ``ti``."""
        return self.sents[self.toks[ti].sent]

    def mentions_between(self, a: int, b: int) -> list[tuple[int, Mention]]:
        """(token index, mention) for mentions starting in tokens ``[a, b)`` outside quotes."""
        return [(i, self._tok_mentions[i]) for i in range(a, b) if i in self._tok_mentions]

    def mention_end_tok(self, m: Mention) -> int:
        """Index of the first token after mention ``m``."""
        ti = self.tok_at(m.start) or 0
        while ti < len(self.toks) and self.toks[ti].start < m.end:
            ti += 1
        return ti

    # ----------------------------------------------------------------- subjects
    def _np_word(self, t: Tok) -> bool:
        """Could ``t`` be part of a subject noun phrase (article, adjective, noun, name)?"""
        g = self.g
        if t.lower in g.prepositions or t.lower in g.subjunctions and t.lower not in g.articles:
            return False
        if t.text in _BREAK or t.text in _END or t.text in _QUOTE_CHARS:
            return False
        if t.lower in g.articles or t.text[:1].isupper():
            return True
        # attributive adjectives ("deutsche", "neuen", "britischen")
        return t.lower.endswith(("e", "en", "er", "es", "em")) and t.lower not in g.auxiliaries

    def _coordinated(self, ti: int, m: Mention, limit: int) -> list[Mention]:
        """``m`` plus mentions coordinated with it by und/sowie after it (up to ``limit``)."""
        out = [m]
        joiners = []
        j = self.mention_end_tok(m)
        while j < limit and (self.toks[j].lower in self.g.list_joiners
                             or self.toks[j].lower == ","):
            joiners.append(self.toks[j].lower)
            k = j + 1
            while k < limit and k not in self._tok_mentions and self._np_word(self.toks[k]) \
                    and k - j <= 4:
                k += 1
            nm = self._tok_mentions.get(k)
            if nm is None or k >= limit:
                break
            out.append(nm)
            j = self.mention_end_tok(nm)
        if len(out) > 1 and not any(w in self.g.list_joiners for w in joiners[:len(out) - 1]):
            return out[:1]  # "X, ein Anwalt des Y": an apposition, not a list
        return out

    def _governed(self, ti: int, lo: int) -> bool:
        """Whether the mention at token ``ti`` stands inside a prepositional phrase."""
        j = ti - 1
        while j >= lo:
            t = self.toks[j]
            if t.lower in self.g.prepositions:
                return True
            if j in self._tok_mentions or not self._np_word(t) or t.lower in self.g.list_joiners:
                return False
            j -= 1
        return False

    def subjects(self, vi: int, *, after_gap: int = 5) -> list[Mention]:
        """The subject mention(s) of the verb at token ``vi`` (empty when none is found)."""
        out: list[Mention] = []
        for m in self._subjects(vi, after_gap):
            ti = self.tok_at(m.start)
            for x in self._tok_all.get(ti, [m]) if ti is not None else [m]:
                if x.actor not in {y.actor for y in out}:
                    out.append(x)
        return out

    def _subjects(self, vi: int, after_gap: int) -> list[Mention]:
        a, b = self.segment(vi)
        s0, s1 = self.sentence(vi)
        toks = self.toks
        # verb-final subordinate clause: "dass Kneissl … betont hat", "wie es X bezeichnete"
        rel = a > s0 and toks[a - 1].text == "," and toks[a].lower in self.g.relative_pronouns
        if a < vi and (toks[a].lower in self.g.subjunctions or rel):
            for i, m in self.mentions_between(a + 1, vi):
                if not self._governed(i, a + 1):
                    return self._coordinated(i, m, vi)
        # prefield: from the clause start to the verb, skipping relative clauses
        start = a
        if a > s0 and toks[a - 1].text == ")":
            # "Die Weltgesundheitsorganisation (WHO) in Genf hält …": over the parenthesis
            k = a - 1
            while k > s0 and toks[k].text != "(":
                k -= 1
            if k > s0 and toks[k].text == "(":
                start = self.segment(k - 1)[0]
        if a == vi and start == a:
            # verb opens its segment: the prefield may lie before a relative clause or
            # apposition ("Merkel, die Poroschenko empfing, sprach von …")
            start = self._prefield_start(vi, s0)
        pre = [(i, m) for i, m in self.mentions_between(start, vi)
               if not self._in_relative(i, start) and not self._governed(i, start)]
        first = toks[start] if start < vi else None
        appo = self._apposition(pre, vi)
        if appo is not None:
            return [appo]
        if pre and first is not None and self._np_word(first) and first.lower not in (
                "auch", "doch", "dann", "zunächst", "zudem"):
            # the head of the prefield noun phrase: the last mention of its first chain
            i, m = pre[0]
            chain = self._coordinated(i, m, vi)
            if len(chain) > 1:
                return chain
            return [pre[-1][1]] if self._same_np(pre, vi) else [m]
        # after the verb (inversion, or after a quotation: "…", sagte Lawrow)
        j = vi + 1
        gap = 0
        limit = b if b > vi else s1
        while j < min(limit + 1, s1) and gap <= after_gap:
            if j in self._tok_mentions:
                if self._governed(j, vi + 1):
                    return []
                return self._coordinated(j, self._tok_mentions[j], s1)
            t = toks[j]
            if t.lower in self.g.oblique_articles:
                break  # "zitierte den Briten X": X is the object
            if t.lower in self.g.reflexives or t.lower in ("aber", "auch", "jedoch", "zudem",
                                                           "nun", "bereits", "zunächst"):
                j += 1
                continue
            if not self._np_word(t) and not t.lower.isalpha():
                break
            if t.lower in self.g.prepositions:
                break
            gap += 1
            j += 1
        if pre and first is not None and first.lower in ("auch", "doch", "dann", "zunächst"):
            return [pre[-1][1]]
        return []

    def _apposition(self, pre: list[tuple[int, Mention]], vi: int) -> Mention | None:
        """A person named between commas right before the verb: "Die Vorsitzende des
        Ausschusses, Jensen, rief …" (the name, not the body in the genitive, speaks)."""
        if len(pre) < 2 or self.toks[vi - 1].text != ",":
            return None
        i, m = pre[-1]
        end = self.mention_end_tok(m)
        if m.actor in self.persons and end == vi - 1 and i > 0 and self.toks[i - 1].text == ",":
            return m
        return None

    def _same_np(self, pre: list[tuple[int, Mention]], vi: int) -> bool:
        """Whether all prefield mentions form one noun phrase ("Russlands Präsident Putin")."""
        first, last = pre[0][0], pre[-1][0]
        return all(self._np_word(self.toks[k]) or k in self._tok_mentions
                   for k in range(first, last)) and self.toks[first].seg == self.toks[last].seg

    def _prefield_start(self, vi: int, s0: int) -> int:
        """Start of the prefield of a verb that opens its segment."""
        j = vi - 1
        if j < s0 or self.toks[j].text != ",":
            return vi
        # walk back over ", die … empfing," or ", Jensen," to the sentence start
        k = j - 1
        while k > s0 and self.toks[k].text not in (",", ":", ";") and \
                self.toks[k].text not in _QUOTE_CHARS and self.toks[k].text not in _END:
            k -= 1
        if self.toks[k].text in _QUOTE_CHARS or self.toks[k].text in _END:
            return vi
        if self.toks[k].text == ",":
            # apposition or relative clause between two commas: prefield before it
            mid = self.toks[k + 1]
            if mid.lower in self.g.subjunctions and mid.lower not in self.g.relative_pronouns:
                return vi  # "…, dass … sei, schrieb X": X follows the verb
            k2 = k - 1
            while k2 > s0 and self.toks[k2].text not in (",", ":", ";") and \
                    self.toks[k2].text not in _QUOTE_CHARS:
                k2 -= 1
            if k2 == s0 and self.toks[k2].text not in _QUOTE_CHARS:
                return s0
            return vi
        return vi  # one comma: "Er sei …, sagte Putin" (no apposition without two commas)

    def _in_relative(self, i: int, lo: int) -> bool:
        """Whether token ``i`` stands in a relative clause ", die … <verb>," after ``lo``."""
        j = i - 1
        while j >= lo:
            if self.toks[j].text == ",":
                nxt = self.toks[j + 1].lower if j + 1 < len(self.toks) else ""
                return nxt in self.g.relative_pronouns or nxt in self.g.subjunctions
            j -= 1
        return False

    def last_person_before(self, char: int, *, exclude: set[str] | None = None) -> str | None:
        """The person most recently mentioned before ``char`` (pronoun resolution)."""
        best = None
        for m in self.mentions:
            if m.start >= char:
                break
            if m.actor in self.persons and not (exclude and m.actor in exclude):
                best = m.actor
        return best


def span_text(text: str, start: int, end: int) -> tuple[str, int, int]:
    """``text[start:end]`` with surrounding blanks trimmed, and the trimmed offsets."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return text[start:end], start, end


def token_lowers(sheet: Sheet, a: int, b: int) -> list[str]:
    """Lower-case token texts of ``[a, b)``."""
    return [t.lower for t in sheet.toks[a:b]]


def any_in(words: Any, lowers: list[str]) -> bool:
    """Whether any token in ``lowers`` is one of ``words``."""
    return any(w in words for w in lowers)
