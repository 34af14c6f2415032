"""Speaker-attribution measures of ../shared/spkatt/README.md (and PolNeAR's variant).

- statement detection: a predicted statement matches a gold attribution when its
  evidence span overlaps the attribution's Cue or Message (PolNeAR: Content) span;
  one to one (maximum matching, larger overlaps preferred); P/R/F1.
- speaker accuracy: over matched pairs whose gold Source contains a proper name (a
  capitalised word that is not a pronoun or article), the share where a word of the
  predicted speaker's name or aliases occurs in the Source text (at a word start, any
  case, so "Merkel" occurs in "Merkels Sprecher"; articles and pronouns in a name do not
  count as its words).
- form accuracy: over matched pairs, predicted ``kind: direct`` ⇔ gold Form Direct
  (PolNeAR: the Content starts with a quotation mark).

Gold attributions come from the corpora's own loaders (``to_text.load``, ``polnear.load``);
only SpkAtt annotations with ``IsNested: false`` and a Cue count, and PolNeAR ones with a Cue.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kg.annotation import Annotation
from kg.evaluate import max_matching, overlap, spans

Span = tuple[int, int]
WORDS_FILE = Path(__file__).with_name("attribution_words.yaml")
QUOTES = "\"“”„‟«»‹›‚‘’'"
_WORD = re.compile(r"\w[\w'’.-]*\w|\w")


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: Cue and Message spans, Source text, whether it is direct."""

    cue: Span | None
    message: Span | None
    source_text: str
    direct: bool


@dataclass(frozen=True)
class PredictedStatement:
    """A predicted statement: where its evidence lies, its speaker's names, its kind."""

    spans: tuple[Span, ...]
    speaker_names: tuple[str, ...]
    direct: bool


@dataclass
class Tally:
    """Counts of the three measures, summed over articles."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_correct: int = 0
    speaker_total: int = 0
    form_correct: int = 0
    form_total: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)

    def __add__(self, o: Tally) -> Tally:
        return Tally(self.tp + o.tp, self.fp + o.fp, self.fn + o.fn,
                     self.speaker_correct + o.speaker_correct,
                     self.speaker_total + o.speaker_total, self.form_correct + o.form_correct,
                     self.form_total + o.form_total, self.articles + o.articles,
                     self.errors + o.errors)

    @property
    def precision(self) -> float:
        """Matched predictions / predictions (0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Matched gold attributions / gold attributions."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float | None:
        """Share of named-Source matched pairs with the right speaker."""
        return self.speaker_correct / self.speaker_total if self.speaker_total else None

    @property
    def form_accuracy(self) -> float | None:
        """Share of matched pairs with the right direct/indirect form."""
        return self.form_correct / self.form_total if self.form_total else None

    def to_dict(self) -> dict[str, Any]:
        """All figures and counts as plain data."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "speaker_accuracy": self.speaker_accuracy,
                "speaker_correct": self.speaker_correct, "speaker_total": self.speaker_total,
                "form_accuracy": self.form_accuracy, "form_correct": self.form_correct,
                "form_total": self.form_total, "articles": self.articles,
                "errors": len(self.errors)}


@cache
def words(lang: str) -> dict[str, frozenset[str]]:
    """The benchmark's word lists for a language: ``not_names``, ``baseline_cues``."""
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    if lang not in data:
        raise SystemExit(f"{WORDS_FILE.name}: no word lists for language {lang!r}")
    return {key: frozenset(w.casefold() for w in values) for key, values in data[lang].items()}


# ------------------------------------------------------------------ gold sides
def _span(value: Any) -> Span | None:
    return (int(value[0]), int(value[1])) if value else None


def spkatt_gold(annotations: Iterable[dict]) -> list[GoldAttribution]:
    """Gold attributions of one SpkAtt document (``to_text.load``): not nested, with a Cue."""
    return [GoldAttribution(_span(a["Cue"]), _span(a.get("Message")), a.get("SourceText", ""),
                            a.get("Form") == "Direct")
            for a in annotations if not a.get("IsNested") and a.get("Cue")]


def polnear_gold(annotations: Iterable[dict]) -> list[GoldAttribution]:
    """Gold attributions of one PolNeAR article (``polnear.load``): those with a Cue."""
    return [GoldAttribution(_span(a["Cue"]), _span(a.get("Content")), a.get("SourceText", ""),
                            a.get("ContentText", "").lstrip().startswith(tuple(QUOTES)))
            for a in annotations if a.get("Cue")]


# ------------------------------------------------------------- predicted side
def predicted(annotation: Annotation, text: str) -> list[PredictedStatement]:
    """The statements of an annotation, located in the article text."""
    names = {a.name: (a.name, *a.aliases) for a in annotation.actors}
    return [PredictedStatement(tuple(spans(s.evidence, text, s.start, s.end)),
                               names.get(s.speaker, (s.speaker,)), s.kind == "direct")
            for s in annotation.statements]


# ----------------------------------------------------------------- measures
def has_proper_name(source_text: str, not_names: frozenset[str]) -> bool:
    """Whether a Source contains a capitalised word that is not a pronoun or article."""
    return any(w[0].isupper() and w.casefold() not in not_names
               for w in _WORD.findall(source_text))


def speaker_matches(names: Iterable[str], source_text: str, not_names: frozenset[str]) -> bool:
    """Whether a word of the speaker's names occurs (at a word start) in the Source text."""
    for name in names:
        for w in _WORD.findall(name):
            if len(w) > 1 and w.casefold() not in not_names and re.search(
                    r"(?<!\w)" + re.escape(w), source_text, re.IGNORECASE):
                return True
    return False


def score(pred: list[PredictedStatement], gold: list[GoldAttribution],
          not_names: frozenset[str]) -> Tally:
    """The three measures for one article."""
    edges = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            shared = overlap(list(p.spans), [s for s in (g.cue, g.message) if s])
            if shared > 0:
                edges.append((i, j, shared))
    match = max_matching(edges)
    t = Tally(tp=len(match), fp=len(pred) - len(match), fn=len(gold) - len(match), articles=1)
    for i, j in match.items():
        p, g = pred[i], gold[j]
        t.form_total += 1
        t.form_correct += p.direct == g.direct
        if has_proper_name(g.source_text, not_names):
            t.speaker_total += 1
            t.speaker_correct += speaker_matches(p.speaker_names, g.source_text, not_names)
    return t


# ------------------------------------------------------------------ baseline
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[“”\"»]?|$)")


def regex_baseline(text: str, lang: str) -> list[PredictedStatement]:
    """A simple regular-expression baseline: one statement per sentence with a reporting
    word or a quotation; speaker = the first capitalised non-pronoun word after the cue
    (or, failing that, in the sentence); direct when the sentence holds a quotation mark."""
    lists = words(lang)
    cues, not_names = lists["baseline_cues"], lists["not_names"]
    out = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        tokens = list(_WORD.finditer(sentence))
        cue = next((k for k, t in enumerate(tokens) if t.group().casefold() in cues), None)
        quoted = any(q in sentence for q in "„“”\"«»")
        if cue is None and not quoted:
            continue
        after = tokens[cue + 1:] if cue is not None else []
        capital = [t.group() for t in (*after, *tokens)
                   if t.group()[0].isupper() and t.group().casefold() not in not_names]
        start = m.start() + len(sentence) - len(sentence.lstrip())
        out.append(PredictedStatement(((start, m.end()),), tuple(capital[:1]), quoted))
    return out


# ------------------------------------------------------------------- running
Predictor = Callable[[str, str], list[PredictedStatement]]


def kg_predictor(lang: str) -> Predictor:
    """Run ``kg.extract.extract`` on (name, text) and return its statements."""
    from kg.extract import extract

    def run(name: str, text: str) -> list[PredictedStatement]:
        return predicted(extract(text, article=name, language=lang), text)
    return run


def baseline_predictor(lang: str) -> Predictor:
    """The regular-expression baseline as a predictor."""
    return lambda _name, text: regex_baseline(text, lang)


def run(items: Iterable[tuple[str, str, list[GoldAttribution]]], predictor: Predictor,
        lang: str) -> tuple[Tally, float]:
    """Score a predictor over (name, text, gold) items; return the tally and seconds taken.

    An article whose extraction raises is scored as predicting nothing, and its error is
    kept in ``Tally.errors``.
    """
    not_names = words(lang)["not_names"]
    total, seconds = Tally(), 0.0
    for name, text, gold in items:
        began = time.perf_counter()
        try:
            pred = predictor(name, text)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
            pred = []
            total.errors.append(f"{name}: {type(exc).__name__}: {exc}")
        seconds += time.perf_counter() - began
        total = total + score(pred, gold, not_names)
    return total, seconds


def format_tally(t: Tally, seconds: float, title: str) -> str:
    """A short table of the three measures."""
    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"
    lines = [title,
             f"statements  P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}"
             f"   (tp {t.tp}, fp {t.fp}, fn {t.fn})",
             f"speaker acc {pct(t.speaker_accuracy)}   ({t.speaker_correct}/{t.speaker_total}"
             " matched pairs with a named Source)",
             f"form acc    {pct(t.form_accuracy)}   ({t.form_correct}/{t.form_total})",
             f"articles    {t.articles}   {seconds:.1f} s"
             + (f"   {t.articles / seconds:.1f} articles/s" if seconds else "")]
    if t.errors:
        lines.append(f"errors      {len(t.errors)}, first: {t.errors[0]}")
    return "\n".join(lines)
