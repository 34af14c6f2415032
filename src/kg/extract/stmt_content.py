"""The content of a statement: the reported message in the article's words.

FORMAT.md asks for "the gist, in the article's words". The evidence is the cue's stretch
of its sentence; the content is the part of it that carries the message:

- direct speech: the quoted words without the quotation marks;
- a content clause after the cue ("betonte, dass es keine Ergebnisse gebe", "sagte, er
  sei zuversichtlich", "erklärte: …"): the clause without its conjunction (dass/ob);
- a cue after its message ("Er sei hocherfreut, sagte Putin"): the clause before it;
- an object phrase ("sprach von einem Durchbruch", "hob die Atmosphäre hervor",
  "übermittelte Glückwünsche zu den Ergebnissen"): the phrase without a leading
  governed preposition or definite/indefinite article;
- otherwise the stretch without cue words and speaker, trimmed at its edges.

The result is never empty and never starts or ends with punctuation or a conjunction.
"""

from __future__ import annotations

from functools import lru_cache

from kg.extract.pipeline import word_tag
from kg.extract.stmt_cues import Cue
from kg.extract.stmt_text import Sheet

_QUOTES = set("„“”\"«»‚‘’›‹")
_OPEN = set("„«‚›\"“")
_PUNCT = set(",;:.!?–—-()[]…/") | _QUOTES
_LIMIT = 300


def content_of(sheet: Sheet, cue: Cue, start: int, end: int, speakers: list[str],
               kind: str) -> str:
    """The reported message of the statement whose evidence is ``text[start:end]``."""
    first, last = sheet.tok_at(start), sheet.tok_at(end - 1)
    if first is None or last is None or last < first:
        return _finish(sheet.ctx.text[start:end], lang=sheet.ctx.language) or cue.text
    skip = set(cue.toks) | _speaker_toks(sheet, first, last + 1, speakers) | \
        _source_phrase(sheet, cue, first, last)
    body: list[int] | None = None
    if kind == "direct":
        quoted = _quoted(sheet, start, end)
        if quoted:
            return quoted
    # a clause is the message as it stands; only an object phrase loses cue and speaker
    body = _before(sheet, cue, first, skip) or _clause_after(sheet, cue, last)
    if body is None:
        body = _object(sheet, cue, last, skip)  # without cue words and speaker
    if body is not None:
        got = _finish(_join(sheet, body), lang=sheet.ctx.language)
        if got:
            return got
    rest = [k for k in range(first, last + 1) if k not in skip]
    return (_finish(_join(sheet, _trim(sheet, rest)), lang=sheet.ctx.language) or
            _finish(sheet.ctx.text[start:end], lang=sheet.ctx.language) or cue.text)


def _speaker_toks(sheet: Sheet, a: int, b: int, speakers: list[str]) -> set[int]:
    """Tokens of the speakers' mentions (and of an unnamed speaker's words) in ``[a, b)``."""
    out: set[int] = set()
    for i, m in sheet.mentions_between(a, b):
        if m.actor in speakers or m.kind == "pronoun":
            out.update(range(i, sheet.mention_end_tok(m)))
    for who in speakers:
        words = who.lower().split()
        for k in range(a, b - len(words) + 1):
            if [t.lower for t in sheet.toks[k:k + len(words)]] == words:
                out.update(range(k, k + len(words)))
    return out


def _source_phrase(sheet: Sheet, cue: Cue, first: int, last: int) -> set[int]:
    """The noun phrase a source cue names ("nach Angaben seines Ministeriums",
    "den Angaben zufolge", "laut der Regierung"): no part of the message."""
    if cue.mode not in ("after", "before"):
        return set()
    out: set[int] = set()
    if cue.mode == "after":
        k = max(cue.toks) + 1
        while k <= last and len(out) < 5 and (sheet.mention_at(k) is not None or
                                               sheet._np_word(sheet.toks[k])):
            out.add(k)
            k += 1
    else:
        k = min(cue.toks) - 1
        while k >= first and len(out) < 5 and sheet._np_word(sheet.toks[k]):
            out.add(k)
            k -= 1
    return out


def _quoted(sheet: Sheet, start: int, end: int) -> str:
    """The quotations inside ``[start, end)``, without their marks, joined."""
    text = sheet.ctx.text
    parts = []
    for a, b in sheet.quotes:
        if a >= start and b <= end:
            inner = " ".join(text[a + 1:b - 1].split())
            if len(inner.split()) >= 2:
                parts.append(inner)
    return _finish(" ".join(parts), lang=sheet.ctx.language)


def _clause_after(sheet: Sheet, cue: Cue, last: int) -> list[int] | None:
    """A content clause or colon after the cue: its tokens, conjunction dropped."""
    toks = sheet.toks
    g = sheet.g
    k = max(cue.toks) + 1 if cue.mode == "subject" else cue.ti + 1
    while k < last:
        t = toks[k]
        if t.quoted:
            return None
        if t.text == ":":
            return list(range(k + 1, last + 1))
        if t.text == ",":
            n = k + 1
            if toks[n].lower in _drop_subj(sheet.ctx.language):
                return list(range(n + 1, last + 1))
            if toks[n].lower in g.content_subjunctions:
                return list(range(n, last + 1))
            if _reported_clause(sheet, n, last):
                return list(range(n, last + 1))
        k += 1
    return None


def _reported_clause(sheet: Sheet, n: int, last: int) -> bool:
    """Whether the clause at ``n`` is indirect speech in verb-second order ("er sei …"):
    a subjunctive verb that does not close its segment (a relative clause's verb does)."""
    t = sheet.toks[n]
    if t.lower in sheet.g.prepositions or t.lower in sheet.g.subjunctions:
        return False
    a, b = sheet.segment(n)
    for k in range(n, min(b, n + 6, last + 1)):
        if sheet.toks[k].lower in sheet.g.subjunctive:
            return k < b - 1
    return False


def _before(sheet: Sheet, cue: Cue, first: int, skip: set[int]) -> list[int] | None:
    """The message before a post-posed cue ("Es bringe nichts, so X"; "…, sagte X")."""
    k = min(cue.toks) - 1
    while k >= first and sheet.toks[k].text in _QUOTES:
        k -= 1
    if k <= first or sheet.toks[k].text != ",":
        return None
    if any(i in skip for i in range(first, k)):
        return None  # the speaker stands before the cue: "Merkel, die …, sagte"
    return list(range(first, k))


def _object(sheet: Sheet, cue: Cue, last: int, skip: set[int]) -> list[int] | None:
    """The phrase the cue governs: after its last companion word that is followed by
    words ("sprach von X", "Glückwünsche zu X"), else between verb and a closing particle
    ("hob X hervor")."""
    if cue.mode != "subject":
        return None
    toks = sheet.toks
    after = sorted(k for k in cue.toks if k > cue.ti)
    body: list[int] | None = None
    governed = False
    for c in reversed(after):
        if c < last and toks[c + 1].text not in _PUNCT:
            if toks[c].text[:1].isupper():
                # a noun of the cue keeps its complement: "Verständnis für Russland"
                return _trim(sheet, [k for k in range(c, last + 1) if k == c or k not in skip])
            body, governed = list(range(c + 1, last + 1)), toks[c].lower not in sheet.g.reflexives
            break
    if body is None and after:
        body = list(range(cue.ti + 1, after[-1]))
    if body is None:
        body = list(range(cue.ti + 1, last + 1))
    body = _trim(sheet, [k for k in body if k not in skip])
    while body and toks[body[0]].lower in sheet.g.personal_pronouns:
        body = _trim(sheet, body[1:])  # "Lob sprach er X aus": the speaker
    if body and governed and _preposition(sheet, body[0]):
        body = body[1:]
    while body and word_tag(toks[body[0]].text) == "ART":
        body = body[1:]
    return body


def _preposition(sheet: Sheet, k: int) -> bool:
    """Whether token ``k`` is a preposition ("zu" only before a noun phrase)."""
    t = sheet.toks[k]
    if t.lower in sheet.g.articles:
        return False
    tag = word_tag(t.text)
    if t.lower in sheet.g.prepositions or tag in ("APPR", "APPRART"):
        return True
    nxt = sheet.toks[k + 1] if k + 1 < len(sheet.toks) else None
    return tag == "PTKZU" and nxt is not None and (
        nxt.text[:1].isupper() or word_tag(nxt.text) in ("ART", "PPOSAT", "PDAT", "PIAT"))


def _trim(sheet: Sheet, ks: list[int]) -> list[int]:
    """Tokens without punctuation, conjunctions, reflexives and adverbs at their edges."""
    toks = sheet.toks
    g = sheet.g

    def edge(k: int, lead: bool) -> bool:
        t = toks[k]
        if t.text in _PUNCT:
            return not (lead and t.text in _OPEN and k != ks[-1])
        if t.lower in _drop_subj(sheet.ctx.language) or t.lower in g.reflexives and lead:
            return True
        if t.lower in g.coordinators:
            return lead or t.lower not in g.content_coordinators
        # sentence adverbs before the message ("anschließend", "seinerseits", "darin")
        return lead and t.text.islower() and word_tag(t.text) in ("ADV", "PROAV", "ADJ(D)")

    while ks and edge(ks[0], True):
        ks = ks[1:]
    while ks and edge(ks[-1], False):
        ks = ks[:-1]
    return ks


def _join(sheet: Sheet, ks: list[int]) -> str:
    """The text of tokens ``ks``: contiguous runs as written, runs joined by a blank; a
    paragraph break ends it (a byline after the last sentence is no content)."""
    text = sheet.ctx.text
    parts: list[str] = []
    run: list[int] = []
    for k in ks:
        if run and k != run[-1] + 1:
            parts.append(text[sheet.toks[run[0]].start:sheet.toks[run[-1]].end])
            run = []
        run.append(k)
    if run:
        parts.append(text[sheet.toks[run[0]].start:sheet.toks[run[-1]].end])
    out = " ".join(parts)
    return out.split("\n\n")[0]


def _finish(text: str, edge_words: frozenset[str] = frozenset(), lang: str = "de") -> str:
    """Blanks normalised, unbalanced quotation marks removed, edges clean (no punctuation,
    no conjunction), length capped."""
    text = " ".join(text.split())
    if len(text) > _LIMIT:
        text = text[:_LIMIT].rsplit(" ", 1)[0]
    edge_words = edge_words | _drop_subj(lang) | _edge_words(lang)
    for _ in range(2):
        text = _balance(text)
        changed = True
        while text and changed:
            changed = False
            stripped = text.strip("".join(_PUNCT) + " ")
            if stripped != text:
                text, changed = stripped, True
            words = text.split(" ")
            if words[0].lower() in edge_words:
                text, changed = " ".join(words[1:]), True
            elif len(words) > 1 and words[-1].lower() in edge_words:
                text, changed = " ".join(words[:-1]), True
    return text


def _balance(text: str) -> str:
    """``text`` without its quotation marks when they do not pair up."""
    opens = sum(text.count(c) for c in "„«‚")
    closes = sum(text.count(c) for c in "“»‘")
    if opens != closes or text.count('"') % 2:
        text = " ".join("".join(c for c in text if c not in _QUOTES).split())
    return text


def _edge_words(lang: str = "de") -> frozenset[str]:
    """Coordinating conjunctions (``grammar.yaml``): never the first or last word."""
    from kg.extract.stmt_lex import lexicon

    g = lexicon(lang, "grammar")
    return frozenset(w for w in g.coordinators if w not in g.content_coordinators)


@lru_cache(maxsize=4)
def _drop_subj(lang: str = "de") -> frozenset[str]:
    """Conjunctions a content drops (``grammar.yaml``: meaningless_subjunctions)."""
    from kg.extract.stmt_lex import lexicon

    return frozenset(lexicon(lang, "grammar").meaningless_subjunctions)
