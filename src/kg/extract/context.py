"""The shared record the extraction stages pass along (see EXTRACT.md)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from kg.annotation import Actor, Place


@dataclass
class Mention:
    """One place in the text that refers to an actor.

    ``kind`` is one of "name", "alias", "title", "pronoun", "group", "country".
    ``actor`` is the canonical actor name (an ``Actor.name`` of the context).
    """

    start: int
    end: int
    actor: str
    kind: str


@dataclass
class Context:
    """Text, parsed document and what the stages found so far.

    All offsets are character offsets into ``text`` (the full original article text).
    """

    text: str
    doc: Any  # spacy.tokens.Doc of the full text
    date: str | None = None
    language: str = "de"
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    body_start: int = 0
    _starts: list[int] = field(default_factory=list, repr=False)
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _sents: list[Any] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        """Sort the mentions and rebuild the lookup tables (call after changing them)."""
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]
        if self.doc is not None and not self._sents:
            self._sents = list(self.doc.sents) if len(self.doc) else []
            self._sent_starts = [s.start_char for s in self._sents]

    @property
    def sentences(self) -> list[Any]:
        """The sentence spans of the document, in order."""
        return self._sents

    def sentence_of(self, char: int) -> Any:
        """The sentence span containing character offset ``char`` (None if no sentences)."""
        if not self._sents:
            return None
        i = max(bisect_right(self._sent_starts, char) - 1, 0)
        return self._sents[i]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying wholly inside ``[start, end)``, sorted by start."""
        i = bisect_right(self._starts, start - 1)
        out: list[Mention] = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.end <= end:
                out.append(m)
            i += 1
        return out

    def actor_at(self, char: int) -> str | None:
        """The actor of the mention covering character ``char``, or None."""
        i = bisect_right(self._starts, char) - 1
        # mentions do not nest deeply; look back a few for a covering one
        for j in range(i, max(i - 4, -1), -1):
            m = self.mentions[j]
            if m.start <= char < m.end:
                return m.actor
        return None

    def actor(self, name: str) -> Actor | None:
        """The actor called ``name``, or None."""
        return next((a for a in self.actors if a.name == name), None)

    def place(self, name: str) -> Place | None:
        """The place called ``name``, or None."""
        return next((p for p in self.places if p.name == name), None)
