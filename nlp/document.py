"""The annotation document: what the pipeline stores with an article, as typed, frozen data.

The stored form is the JSON of DESIGN.md's command-line contract (`{"version", "sentences":
[{"paragraph", "kind", "tokens", "expressions"}]}`); every layer above the pipeline (rendering,
notes, quizzes, vocabulary, corrections) reads it through these classes instead of a dict read
with `.get(...) or` chains. `Annotation.from_json(stored)` reads the JSON as stored today, from
any version: a key a version lacks takes its default. `to_json` writes it back: keys these
classes do not know (a later pipeline's additions) are kept in `extra` and written back as they
were, so `to_json(from_json(x)) == x` for what the pipeline writes (tests/test_document.py).

Frozen, with tuples for lists: a decoded document is shared between requests (reader/
render_cache.py), so nothing may change it in place; a correction makes a new one
(dataclasses.replace).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


def _extra(data: Mapping, known: frozenset[str]) -> dict[str, Any]:
    # A set difference first: almost every item has no unknown key, and this runs per token.
    unknown = data.keys() - known
    return {k: data[k] for k in unknown} if unknown else {}


@dataclass(frozen=True, slots=True)
class CompoundPart:
    """One immediate part of a split compound as written (linking elements included:
    Kriegs|eintritt), its lemma, its gloss in the compound's sense, the Fugenelement it ends in
    (`link`: "s" in Kriegs, "-" before a hyphen, "" for none) and, when the part is a compound
    itself, its own parts one level down (Krankenhaus in Krankenhaus|aufenthalt: Kranken|haus,
    spelt as the part's lemma). Annotations before version 6 have neither: flat parts."""

    part: str
    lemma: str
    gloss: str | None = None
    link: str = ""
    parts: tuple[CompoundPart, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    _KNOWN = frozenset({"part", "lemma", "gloss", "link", "parts"})

    @property
    def stem(self) -> str:
        """The part as written without its Fugenelement: Arbeit in Arbeits."""
        if self.link and self.link != "-" and self.part.endswith(self.link):
            return self.part[: -len(self.link)]
        return self.part.rstrip("-")

    @classmethod
    def from_json(cls, data: Mapping) -> CompoundPart:
        part = data.get("part") or ""
        return cls(
            part=part,
            lemma=data.get("lemma") or part,
            gloss=data.get("gloss"),
            link=data.get("link") or "",
            parts=tuple(CompoundPart.from_json(p) for p in data.get("parts") or ()),
            extra=_extra(data, cls._KNOWN),
        )

    def to_json(self) -> dict:
        data = {"part": self.part, "lemma": self.lemma, "gloss": self.gloss}
        # Written only when there is one, as the pipeline writes them.
        if self.link:
            data["link"] = self.link
        if self.parts:
            data["parts"] = [p.to_json() for p in self.parts]
        return {**data, **self.extra}


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with what the pipeline found for it. `lemma` is the whole
    separable verb on both its parts (stellte ... vor -> vorstellen); `word_lemma` is then the
    word's own lemma (stellen), None otherwise."""

    text: str
    ws: str = ""
    lemma: str = ""
    upos: str = ""
    xpos: str = ""
    feats: str = ""
    gloss: str | None = None
    compound: tuple[CompoundPart, ...] | None = None
    gender: str | None = None
    plural: str | None = None
    senses: tuple[str, ...] | None = None
    word_lemma: str | None = None
    corrected: bool = False  # a teacher's gloss correction applies (reader.corrections)
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    _KNOWN = frozenset(
        {
            "text",
            "ws",
            "lemma",
            "upos",
            "xpos",
            "feats",
            "gloss",
            "compound",
            "gender",
            "plural",
            "senses",
            "word_lemma",
            "corrected",
        }
    )

    @property
    def headword(self) -> str:
        """The dictionary form the learner sees: the lemma, or the text where there is none."""
        return self.lemma or self.text

    @property
    def compound_parts(self) -> tuple[CompoundPart, ...]:
        """The parts of the split compound, () for a word the pipeline did not split."""
        return self.compound or ()

    @property
    def key(self) -> str:
        """The key a learner's status, a saved word, a lookup and a teacher's gloss or compound
        correction are stored under: the headword, case-folded. Defined here only."""
        return (self.lemma or self.text).lower()

    @classmethod
    def from_json(cls, data: Mapping) -> Token:
        compound = data.get("compound")
        senses = data.get("senses")
        return cls(
            text=data["text"],
            ws=data.get("ws") or "",
            lemma=data.get("lemma") or "",
            upos=data.get("upos") or "",
            xpos=data.get("xpos") or "",
            feats=data.get("feats") or "",
            gloss=data.get("gloss"),
            compound=None
            if compound is None
            else tuple(CompoundPart.from_json(p) for p in compound),
            gender=data.get("gender"),
            plural=data.get("plural"),
            senses=None if senses is None else tuple(senses),
            word_lemma=data.get("word_lemma"),
            corrected=bool(data.get("corrected")),
            extra=_extra(data, cls._KNOWN),
        )

    def to_json(self) -> dict:
        data = {
            "text": self.text,
            "ws": self.ws,
            "lemma": self.lemma,
            "upos": self.upos,
            "xpos": self.xpos,
            "feats": self.feats,
            "gloss": self.gloss,
            "compound": None
            if self.compound is None
            else [part.to_json() for part in self.compound],
            "gender": self.gender,
            "plural": self.plural,
            "senses": None if self.senses is None else list(self.senses),
        }
        if self.word_lemma is not None:
            data["word_lemma"] = self.word_lemma
        if self.corrected:
            data["corrected"] = True
        return {**data, **self.extra}


@dataclass(frozen=True, slots=True)
class Expression:
    """An idiom, light-verb construction, separable or reflexive verb: `tokens` are indices into
    its sentence; `core_tokens` (idioms and light verbs) leaves out the words a pattern's slots
    matched, as PARSEME marks them."""

    type: str  # idiom | separable_verb | reflexive_verb | light_verb
    tokens: tuple[int, ...] = ()
    lemma: str = ""
    gloss: str | None = None
    literal: str | None = None
    core_tokens: tuple[int, ...] | None = None
    kind: str | None = None
    parseme: str | None = None
    source: str | None = None
    verbal: bool | None = None
    transparent: bool | None = None
    corrected: bool = False  # added by a teacher (reader.corrections)
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    _KNOWN = frozenset(
        {
            "type",
            "tokens",
            "lemma",
            "gloss",
            "literal",
            "core_tokens",
            "kind",
            "parseme",
            "source",
            "verbal",
            "transparent",
            "corrected",
        }
    )
    # Written only when they have a value, as the pipeline writes them.
    _OPTIONAL = ("literal", "kind", "parseme", "source", "verbal", "transparent")

    @classmethod
    def from_json(cls, data: Mapping) -> Expression:
        core = data.get("core_tokens")
        return cls(
            type=data.get("type") or "",
            tokens=tuple(data.get("tokens") or ()),
            lemma=data.get("lemma") or "",
            gloss=data.get("gloss"),
            literal=data.get("literal"),
            core_tokens=None if core is None else tuple(core),
            kind=data.get("kind"),
            parseme=data.get("parseme"),
            source=data.get("source"),
            verbal=data.get("verbal"),
            transparent=data.get("transparent"),
            corrected=bool(data.get("corrected")),
            extra=_extra(data, cls._KNOWN),
        )

    def to_json(self) -> dict:
        data: dict[str, Any] = {
            "type": self.type,
            "tokens": list(self.tokens),
            "lemma": self.lemma,
            "gloss": self.gloss,
        }
        if self.core_tokens is not None:
            data["core_tokens"] = list(self.core_tokens)
        for name in self._OPTIONAL:
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.corrected:
            data["corrected"] = True
        return {**data, **self.extra}


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a paragraph or of a subheading (`kind` "heading"), with its expressions."""

    tokens: tuple[Token, ...]
    expressions: tuple[Expression, ...] = ()
    paragraph: int = 0
    kind: str = "text"
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    _KNOWN = frozenset({"tokens", "expressions", "paragraph", "kind"})

    @property
    def text(self) -> str:
        return "".join(t.text + t.ws for t in self.tokens).strip()

    def expressions_at(self, t: int) -> list[int]:
        """Indices of the expressions token `t` belongs to, in order."""
        return [n for n, x in enumerate(self.expressions) if t in x.tokens]

    @classmethod
    def from_json(cls, data: Mapping) -> Sentence:
        return cls(
            tokens=tuple(Token.from_json(t) for t in data.get("tokens") or ()),
            expressions=tuple(Expression.from_json(x) for x in data.get("expressions") or ()),
            paragraph=data.get("paragraph") or 0,
            kind=data.get("kind") or "text",
            extra=_extra(data, cls._KNOWN),
        )

    def to_json(self) -> dict:
        return {
            "paragraph": self.paragraph,
            "kind": self.kind,
            "tokens": [t.to_json() for t in self.tokens],
            "expressions": [x.to_json() for x in self.expressions],
            **self.extra,
        }


@dataclass(frozen=True, slots=True)
class Annotation:
    """An article's annotation: its sentences in reading order, and the pipeline version that
    made it (nlp.pipeline.ANNOTATION_VERSION)."""

    sentences: tuple[Sentence, ...]
    version: int | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    _KNOWN = frozenset({"version", "sentences"})

    def token(self, s: int, t: int) -> Token | None:
        """The token at sentence `s`, index `t`, or None for a place that isn't there."""
        if 0 <= s < len(self.sentences) and 0 <= t < len(self.sentences[s].tokens):
            return self.sentences[s].tokens[t]
        return None

    def tokens(self):
        """(sentence index, token index, token) for every token, in reading order."""
        for s, sentence in enumerate(self.sentences):
            for t, token in enumerate(sentence.tokens):
                yield s, t, token

    @classmethod
    def from_stored(cls, data: Mapping | None) -> Annotation | None:
        """An article's stored annotation (Article.annotation), None while there is none."""
        return cls.from_json(data) if data else None

    @classmethod
    def from_json(cls, data: Mapping) -> Annotation:
        return cls(
            sentences=tuple(Sentence.from_json(s) for s in data.get("sentences") or ()),
            version=data.get("version"),
            extra=_extra(data, cls._KNOWN),
        )

    def to_json(self) -> dict:
        return {
            "version": self.version,
            "sentences": [s.to_json() for s in self.sentences],
            **self.extra,
        }


def stored_sentence_texts(data: Mapping) -> Iterator[str]:
    """The text of each sentence of a stored annotation (Sentence.text), read without decoding
    the document: for a key asked for on every quiz page (reader/quiz/services.py), where
    decoding every token would cost 30 times as much as the text alone."""
    for sentence in data.get("sentences") or ():
        tokens = sentence.get("tokens") or ()
        yield "".join(t["text"] + (t.get("ws") or "") for t in tokens).strip()
