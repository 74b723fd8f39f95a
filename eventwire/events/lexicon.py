"""The event lexicon: which words, in which constructions, code which CAMEO event.

The knowledge lives in `data/events/*.yaml`:

- `verbs.yaml`: verb (and predicative adjective) lemmas, each with one or more senses;
- `nouns.yaml`: event nouns ("ultimatum", "phone call", "air strike");
- `constructions.yaml`: light verbs ("delivered a message", "received an ultimatum"),
  occurrence verbs ("clashes erupted", "an attack took place"), quantifier nouns ("a series of
  demands"), episode nouns and the anaphors that refer back to them;
- `cues.yaml`: negation, hedges and modality words;
- `petrarch-verbs.tsv`: verb senses imported from the PETRARCH CAMEO verb dictionary
  (`scripts/import_petrarch_verbs.py`); the hand-written senses of `verbs.yaml` come first, and
  an imported sense codes only where none of them holds.

A sense holds a CAMEO code and the conditions under which it applies. The most specific
sense whose conditions all hold wins (ties: the first listed). Conditions:

- `prt`: a particle of the verb ("call off", "blow up");
- `prep`: a preposition attached to the trigger ("call on", "call for", "meet with");
- `obj`: lemmas of the object head ("sign an agreement"); "*" for any object;
- `comp`: lemmas of the complement verb ("declined to resign"); "step down" also checks the
  complement's particle;
- `about`: words or lemma sequences anywhere in the trigger's own phrase ("promised to continue
  military aid", "hunger strike", "threatened to launch an offensive").

Flags: `invert` (the subject is the target: "received"), `needs_target` (code only with a
target actor), `object_target` (only the direct object can be that target), `light_only`
(a noun that is an event only as the object of a light verb), `content`
("must": a speech verb whose clausal content carries an obligation), `like` (refine the code
with another verb's senses: "said that X must release ..." is coded as "demanded that X
release ...").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from eventwire.yamlfiles import load_yaml

DATA_PACKAGE = "eventwire.data"
DATA_DIR = "events"


@dataclass(frozen=True)
class Sense:
    """One coding of a trigger word, with the conditions under which it applies."""

    code: str
    prt: tuple[str, ...] = ()
    prep: tuple[str, ...] = ()
    obj: tuple[str, ...] = ()
    comp: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    content: str | None = None
    like: str | None = None  # refine the code with the senses of this verb ("demand")
    invert: bool = False
    needs_target: bool = False
    object_target: bool = False  # only the direct object may be the target
    light_only: bool = False  # an event noun only as the object of a light verb
    origin: str | None = None  # where an imported sense comes from ("petrarch-object")

    @property
    def specificity(self) -> int:
        conditions = (self.prt, self.prep, self.obj, self.comp, self.about, self.content)
        return sum(1 for c in conditions if c)


@dataclass(frozen=True)
class LightVerb:
    """A verb that lends its subject to an event noun: "deliver a message", "receive a call"."""

    lemma: str
    role: str = "give"  # "give": the subject is the source; "receive": the subject is the target


NO_CODE = "---"  # an imported sense that stops a verb from coding where it holds
IMPORTED_VERBS = "petrarch-verbs.tsv"


@dataclass(frozen=True)
class EventLexicon:
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, tuple[Sense, ...]]
    light_verbs: dict[str, LightVerb]
    quantifiers: frozenset[str]
    episode_nouns: frozenset[str]
    anaphors: frozenset[str]
    object_control: frozenset[str] = frozenset()
    occurrence_verbs: frozenset[str] = frozenset()
    passive_occurrence_verbs: frozenset[str] = frozenset()
    harmed_in_verbs: frozenset[str] = frozenset()
    died_of_verbs: frozenset[str] = frozenset()
    died_of_preps: frozenset[str] = frozenset()
    author_adjectives: frozenset[str] = frozenset()
    cause_words: frozenset[str] = frozenset()
    reduced_passive_verbs: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    imported: dict[str, tuple[Sense, ...]] = field(default_factory=dict)
    cues: dict[str, Any] = field(default_factory=dict)
    _read: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def imported_for(self, lemma: str, objects: list[str]) -> tuple[Sense, ...]:
        """The imported senses of a verb that may hold with these object lemmas, in their
        order: those that ask for no object, and those that ask for one of these."""
        key = f"imported:{lemma}"
        if key not in self._read:
            free: list[int] = []
            by_object: dict[str, list[int]] = {}
            for n, sense in enumerate(self.imported.get(lemma, ())):
                if not sense.obj:
                    free.append(n)
                for word in sense.obj:
                    by_object.setdefault(word, []).append(n)
            self._read[key] = (free, by_object)
        free, by_object = self._read[key]
        picked = set(free).union(*(by_object.get(o, ()) for o in objects))
        senses = self.imported[lemma]
        return tuple(senses[n] for n in sorted(picked))

    def cue_words(self, name: str) -> frozenset[str]:
        """A word list of cues.yaml, in lower case (built once)."""
        key = f"words:{name}"
        if key not in self._read:
            self._read[key] = frozenset(str(w).lower() for w in self.cues.get(name, ()))
        return self._read[key]  # type: ignore[no-any-return]

    def cue_map(self, name: str) -> Mapping[str, str]:
        """A table of cues.yaml, keys in lower case (built once; not to be changed)."""
        key = f"map:{name}"
        if key not in self._read:
            table = self.cues.get(name) or {}
            self._read[key] = MappingProxyType({str(k).lower(): str(v) for k, v in table.items()})
        return self._read[key]  # type: ignore[no-any-return]


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.lower(),)
    return tuple(str(v).lower() for v in value)


def sense_of(raw: dict[str, Any] | str) -> Sense:
    """A sense from its YAML form: a mapping, or a bare code string."""
    if isinstance(raw, str):
        return Sense(code=raw)
    return Sense(
        code=str(raw["code"]),
        prt=_tuple(raw.get("prt")),
        prep=_tuple(raw.get("prep")),
        obj=_tuple(raw.get("obj")),
        comp=_tuple(raw.get("comp")),
        about=_tuple(raw.get("about")),
        content=raw.get("content"),
        like=raw.get("like"),
        invert=bool(raw.get("invert", False)),
        needs_target=bool(raw.get("needs_target", False)),
        object_target=bool(raw.get("object_target", False)),
        light_only=bool(raw.get("light_only", False)),
    )


def senses_table(raw: dict[str, Any]) -> dict[str, tuple[Sense, ...]]:
    table: dict[str, tuple[Sense, ...]] = {}
    for lemma, entries in (raw or {}).items():
        items = entries if isinstance(entries, list) else [entries]
        table[str(lemma).lower()] = tuple(sense_of(e) for e in items)
    return table


def imported_table(text: str) -> dict[str, tuple[Sense, ...]]:
    """Senses from the tab-separated import: the lemmas that share a sense, then its code, kind
    and conditions (alternatives separated by "|")."""
    grouped: dict[str, list[Sense]] = {}
    for line in text.splitlines()[1:]:
        lemmas, code, kind, prt, prep, obj, about = line.split("\t")
        sense = Sense(
            code=code,
            origin=f"petrarch-{kind}",
            prt=tuple(prt.split("|")) if prt else (),
            prep=tuple(prep.split("|")) if prep else (),
            obj=tuple(obj.split("|")) if obj else (),
            about=tuple(about.split("|")) if about else (),
        )
        for lemma in lemmas.split("|"):
            grouped.setdefault(lemma, []).append(sense)
    return {lemma: tuple(senses) for lemma, senses in grouped.items()}


def read_text(name: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/{name}").read_text(encoding="utf-8")


def read_yaml(name: str) -> dict[str, Any]:
    path = resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/{name}")
    return load_yaml(path.read_text(encoding="utf-8"), words=True) or {}


@lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    """The built-in event lexicon (cached)."""
    constructions = read_yaml("constructions.yaml")
    light = {
        str(lemma).lower(): LightVerb(lemma=str(lemma).lower(), role=str(role))
        for lemma, role in (constructions.get("light_verbs") or {}).items()
    }
    return EventLexicon(
        verbs=senses_table(read_yaml("verbs.yaml")),
        nouns=senses_table(read_yaml("nouns.yaml")),
        light_verbs=light,
        quantifiers=frozenset(_tuple(constructions.get("quantifiers"))),
        episode_nouns=frozenset(_tuple(constructions.get("episode_nouns"))),
        anaphors=frozenset(_tuple(constructions.get("anaphors"))),
        object_control=frozenset(_tuple(constructions.get("object_control"))),
        occurrence_verbs=frozenset(_tuple(constructions.get("occurrence_verbs"))),
        passive_occurrence_verbs=frozenset(_tuple(constructions.get("passive_occurrence_verbs"))),
        harmed_in_verbs=frozenset(_tuple(constructions.get("harmed_in_verbs"))),
        died_of_verbs=frozenset(_tuple(constructions.get("died_of_verbs"))),
        died_of_preps=frozenset(_tuple(constructions.get("died_of_preps"))),
        author_adjectives=frozenset(_tuple(constructions.get("author_adjectives"))),
        cause_words=frozenset(_tuple(constructions.get("cause_words"))),
        reduced_passive_verbs=frozenset(_tuple(constructions.get("reduced_passive_verbs"))),
        document_nouns=frozenset(_tuple(constructions.get("document_nouns"))),
        imported=imported_table(read_text(IMPORTED_VERBS)),
        cues=read_yaml("cues.yaml"),
    )
