"""Import the PETRARCH CAMEO verb dictionary into the event lexicon.

    python scripts/import_petrarch_verbs.py ../shared/data/petrarch/CAMEO.2.0.txt \
        > eventwire/data/events/petrarch-verbs.tsv

The dictionary (openeventdata/petrarch2, MIT licence) groups verbs into families. A family
opens with `---  NAME  [code]  ---`, lists its verbs (`WORD {irregular forms} [code]`, or
`+WORD_PARTICLE` for a verb of several words) and then its phrase patterns
(`- * OBJECT (PREP WORDS) [code]`). `&NAME` refers to a synonym set listed at the top of the
file, `{A B}` is a phrase of several words, `(P A B)` a prepositional phrase, `*` the verb and
`$ + ^ %` mark the places of the actors.

Each family verb, under every lemma spaCy gives its forms ("staged" -> "stag"), gets one sense
per pattern, mapped to the sense conditions of `eventwire/data/events/verbs.yaml`:

- a word right after the verb that is a particle ("SET OUT", "PUT DOWN") -> `prt`;
- the first noun phrase after the verb -> `obj` (its head lemma, synonym sets expanded), with
  the whole phrase as an `about` sequence when it has several words ("humanitarian aid");
- the first prepositional phrase -> `prep`, and its head word -> `about` when the object gave
  none;
- a verb of several words ("ASK_FOR") -> `prt` (a particle or preposition of the verb);
- the verb's own code, or the family's, -> a sense with no conditions.

Patterns with words before the verb (subject patterns) cannot be expressed and are left out.
A `[---]` pattern says "do not code": it becomes a sense with the code `---`, which stops the
verb from coding where it holds. A code pair `[A:B]` keeps A (B when A is empty). Codes that
are not CAMEO 1.1b3 codes are mapped to the nearest code of the table (`CODE_MAP`, then the
parent code).

A pattern goes to the verbs its comment names ("# RESERVE": the verb it was found with) when
they are verbs of its family, and to the whole family otherwise.

What is kept follows general criteria measured on the dev sets, not single sentences
(`eventwire/data/events/README.md`): `DROP_ROOTS` holds the CAMEO roots whose imported senses
coded more false events than true ones, `DROP_KINDS` the kinds of pattern that did, and
`DEFAULT_ROOTS` the roots where a verb codes with no pattern.

Output: a tab-separated file, one sense a row, in the dictionary's order: the verbs that have
it, code, kind, prt, prep, obj, about (alternatives separated by `|`).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

PARTICLES = frozenset(
    [
        "up",
        "down",
        "out",
        "off",
        "away",
        "back",
        "forward",
        "aside",
        "over",
        "through",
        "around",
        "together",
        "apart",
    ]
)
ACTOR_MARKS = frozenset(["$", "+", "^", "%", "*_"])
# prepositions of place and time: a pattern that names only one of them says nothing of the event
ADJUNCT_PREPS = frozenset(
    [
        "in",
        "at",
        "on",
        "near",
        "by",
        "during",
        "after",
        "before",
        "since",
        "within",
        "inside",
        "amid",
    ]
)
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
    ]
)
CODE_MAP = {"----": "---"}  # PETRARCH spellings with no CAMEO row of their own
# Measured on the sum of the dev sets (eventwire/data/events/README.md): imported senses of
# reduced relations (16) coded more false events than true ones
DROP_ROOTS = frozenset({"16"})
DROP_KINDS: frozenset[str] = frozenset({"bare", "adjunct"})
# the roots whose verbs code with no pattern: force and protest verbs ("shelled", "rioted");
# verbs of saying, meeting and reducing relations code only in a pattern
DEFAULT_ROOTS = frozenset({"14", "18", "19", "20"})
MAX_ALTERNATIVES = 40  # synonym-set expansions kept for one condition
HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([^\]]*)\]")
COLUMNS = ("lemma", "code", "kind", "prt", "prep", "obj", "about")


@dataclass
class Pattern:
    """One phrase pattern of a family, before lemmatisation."""

    code: str
    prt: str = ""
    prep: str = ""
    obj: list[list[str]] = field(default_factory=list)  # words of the object phrase
    about: list[list[str]] = field(default_factory=list)  # words of the prepositional phrase
    subject: bool = False
    found_with: frozenset[str] = frozenset()  # words of its comment: the verbs it was found with


@dataclass
class Family:
    """A verb family: its verbs with their own codes, and its patterns."""

    name: str
    code: str
    verbs: list[tuple[str, str]] = field(default_factory=list)  # (words, own code)
    patterns: list[Pattern] = field(default_factory=list)


def clean_word(word: str) -> str:
    """A dictionary word in lower case: 'CASH_' -> 'cash', 'IS_TO' -> 'is to'."""
    return word.strip("_").replace("_", " ").lower()


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_synonyms(lines: Iterable[str]) -> dict[str, list[str]]:
    """The synonym sets: '&NAME' followed by '+WORD' lines."""
    sets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in lines:
        if raw.lstrip().startswith("#"):
            continue
        line = strip_comment(raw).strip()
        if line.startswith("&"):
            current = sets.setdefault(line.split()[0], [])
        elif line.startswith("+") and current is not None:
            current.append(clean_word(line[1:].split()[0]))
        elif not line:
            current = None
    return sets


def pattern_code(text: str) -> str:
    """'[042:043]' -> '042', '[:173]' -> '173', '[---]' -> '---'."""
    match = CODE.search(text)
    if not match:
        return ""
    first, _, second = match.group(1).partition(":")
    return (first or second).strip()


def parse_pattern(text: str) -> Pattern:
    """A pattern line ('- * POLICE (TO BORDER) [153]') as its parts."""
    code = pattern_code(text)
    body = CODE.sub(" ", strip_comment(text)).strip()[1:]
    body = body.replace("(", " ( ").replace(")", " ) ").replace("{", " { ").replace("}", " } ")
    words = body.split()
    comment = text.split("#", 1)[1] if "#" in text else ""
    pattern = Pattern(code=code, found_with=frozenset(clean_word(w) for w in comment.split()))
    if "*" not in words:
        pattern.subject = True
        return pattern
    star = words.index("*")
    pattern.subject = any(w not in ACTOR_MARKS for w in words[:star])
    rest = [w for w in words[star + 1 :] if w not in ACTOR_MARKS]
    if rest and rest[0].lower() in PARTICLES:
        pattern.prt = rest.pop(0).lower()
    depth_paren = 0
    group: list[str] = []
    for word in [*rest, "("]:
        if word == "(":
            if group and depth_paren == 0 and not pattern.obj and not pattern.prep:
                pattern.obj = [group]
            group, depth_paren = [], depth_paren + 1
        elif word == ")":
            depth_paren -= 1
            if group and not pattern.prep:
                pattern.prep, pattern.about = group[0].lower(), [group[1:]]
            group = []
        elif word not in ("{", "}"):
            group.append(word)
    return pattern


def read_families(lines: Iterable[str]) -> Iterator[Family]:
    """The verb families of the pattern section."""
    family: Family | None = None
    for raw in lines:
        line = raw.rstrip()
        header = HEADER.match(line)
        if header:
            if family is not None:
                yield family
            family = Family(name=header.group(1), code=pattern_code(f"[{header.group(2)}]"))
        elif family is None or not strip_comment(line).strip():
            continue
        elif line.startswith("-"):
            family.patterns.append(parse_pattern(line))
        elif not line.startswith("#"):
            text = strip_comment(line)
            text = re.sub(r"\{[^}]*\}", " ", text)
            words = CODE.sub(" ", text).split()
            if words:
                family.verbs.append((clean_word(words[0].lstrip("+")), pattern_code(text)))
    if family is not None:
        yield family


def expand(words: list[str], synonyms: dict[str, list[str]]) -> list[list[str]]:
    """Every reading of a word list, synonym sets expanded (at most MAX_ALTERNATIVES)."""
    readings: list[list[str]] = [[]]
    for word in words:
        # a set the file does not define stands for its own name ("&DEMONSTRATION")
        options = synonyms.get(word.upper(), []) if word.startswith("&") else []
        options = options or [clean_word(word.lstrip("&"))]
        readings = [[*r, o] for r in readings for o in options][:MAX_ALTERNATIVES]
    return [[w for w in r if w and w not in STOP_WORDS] for r in readings]


Lemmatiser = Callable[[str, str], str]


def spacy_lemmatiser() -> Lemmatiser:
    """Lemmas as the coder's spaCy model gives them: the word as a verb or a noun, in context."""
    from eventwire.nlp import load_model

    nlp = load_model()
    cache: dict[tuple[str, str], str] = {}

    def lemma(word: str, pos: str) -> str:
        key = (word, pos)
        if key not in cache:
            before, after = FRAMES[pos]
            doc = nlp(f"{before} {word} {after}")
            start = len(before.split())
            tokens = [t for t in doc if t.i >= start][: len(word.split())]
            cache[key] = " ".join(t.lemma_.lower() for t in tokens) or word
        return cache[key]

    return lemma


# sentences that show a word as spaCy sees it in running text: a verb in its forms, a noun
FRAMES = {
    "VERB": ("They will", "it."),
    "PAST": ("They", "it yesterday."),
    "3SG": ("She", "it every day."),
    "ING": ("They are", "it now."),
    "NOUN": ("They saw the", "."),
}


def verb_forms(verb: str) -> dict[str, str]:
    """The regular forms of a verb: 'stage' -> staged, stages, staging."""
    stem = verb[:-1] if verb.endswith("e") else verb
    if verb.endswith("y") and verb[-2:-1] not in tuple("aeiou"):
        past, third = verb[:-1] + "ied", verb[:-1] + "ies"
    else:
        past = stem + "ed"
        third = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return {"VERB": verb, "PAST": past, "3SG": third, "ING": stem + "ing"}


def verb_lemmas(verb: str, lemma: Lemmatiser) -> list[str]:
    """Every lemma spaCy gives a verb in its forms ("staged" is lemmatised "stag")."""
    return list(dict.fromkeys(lemma(form, pos) for pos, form in verb_forms(verb).items()))


def valid_code(code: str, table: set[str]) -> str | None:
    """A CAMEO code of the table for a dictionary code; None when there is none."""
    code = CODE_MAP.get(code, code)
    if code == "---" or code in table:
        return code
    for parent in (code[:3], code[:2] + "0"):
        if parent in table:
            return parent
    return None


def senses(
    families: Iterable[Family],
    synonyms: dict[str, list[str]],
    lemma: Lemmatiser,
    table: set[str],
    own_verbs: bool = True,
) -> Iterator[dict[str, str]]:
    """One row per (verb, pattern) of every family, and one per verb with a code of its own.
    With `own_verbs`, a pattern whose comment names verbs of its family is given to those
    verbs only ("- * RIGHT [130] # RESERVE": "reserve the right", not "uphold the right")."""
    for family in families:
        heads = {words.split()[0] for words, _ in family.verbs}
        found: list[tuple[frozenset[str], dict[str, str]]] = []
        for pattern in family.patterns:
            if pattern.subject:
                continue
            code = valid_code(pattern.code, table)
            if code is None:
                continue
            verbs = pattern.found_with & heads if own_verbs else frozenset()
            found.append((verbs, pattern_row(pattern, code, synonyms, lemma)))
        for words, own in family.verbs:
            head, *rest = words.split()
            rows = [r for verbs, r in found if not verbs or head in verbs]
            prt = "|".join(rest[:1])
            default = valid_code(own or family.code, table)
            for verb in verb_lemmas(head, lemma):
                if default not in (None, "---"):  # a verb of several words is a pattern
                    yield row(verb, default, "particle" if prt else "default", prt=prt)
                for r in rows:
                    if prt and r["prt"]:
                        continue  # a verb of several words takes the patterns without a particle
                    yield {**r, "lemma": verb, "prt": r["prt"] or prt}


def pattern_row(
    pattern: Pattern, code: str, synonyms: dict[str, list[str]], lemma: Lemmatiser
) -> dict[str, str]:
    """The sense conditions of one pattern (lemma filled in by the caller)."""
    obj: list[str] = []
    about: list[str] = []
    for words in pattern.obj:
        for reading in expand(words, synonyms):
            if reading:
                obj.append(lemma(reading[-1], "NOUN"))
                if len(reading) > 1:
                    about.append(" ".join(lemma(w, "NOUN") for w in reading))
    if not about:
        for words in pattern.about:
            for reading in expand(words, synonyms):
                if reading:
                    about.append(lemma(reading[-1], "NOUN"))
    kind = "null" if code == "---" else "object" if obj else "prep" if pattern.prep else "particle"
    if kind == "particle" and not pattern.prt:
        kind = "bare"
    if kind == "prep" and not about and pattern.prep in ADJUNCT_PREPS:
        kind = "adjunct"
    return row("", code, kind, pattern.prt, pattern.prep, unique(obj), unique(about))


def unique(items: list[str]) -> str:
    return "|".join(dict.fromkeys(i for i in items if i))


def row(
    lemma: str, code: str, kind: str, prt: str = "", prep: str = "", obj: str = "", about: str = ""
) -> dict[str, str]:
    return dict(lemma=lemma, code=code, kind=kind, prt=prt, prep=prep, obj=obj, about=about)


@dataclass(frozen=True)
class Selection:
    """Which imported senses are kept: by kind of pattern and by CAMEO root."""

    drop_roots: frozenset[str] = DROP_ROOTS
    drop_kinds: frozenset[str] = DROP_KINDS
    default_roots: frozenset[str] = DEFAULT_ROOTS
    own_verbs: bool = True  # patterns go to the verbs they were found with

    def keeps(self, r: dict[str, str]) -> bool:
        """Whether a sense passes ("do not code" senses always do)."""
        if r["kind"] in self.drop_kinds:
            return False
        if r["code"] == "---":
            return True
        if r["kind"] == "default" and r["code"][:2] not in self.default_roots:
            return False
        return r["code"][:2] not in self.drop_roots


def import_dictionary(
    text: str,
    lemma: Lemmatiser,
    table: set[str],
    selection: Selection = Selection(),
) -> list[dict[str, str]]:
    """The kept senses of a PETRARCH verb dictionary in the dictionary's order, one row per
    set of conditions with every verb that has it ("lemma" lists them, separated by "|")."""
    lines = text.splitlines()
    split = next((n for n, line in enumerate(lines) if "VERB PATTERNS" in line), 0)
    synonyms = read_synonyms(lines[:split])
    grouped: dict[tuple[str, ...], dict[str, str]] = {}
    for r in senses(read_families(lines[split:]), synonyms, lemma, table, selection.own_verbs):
        if not r["lemma"] or not selection.keeps(r):
            continue
        key = tuple(r[c] for c in COLUMNS[1:])
        entry = grouped.setdefault(key, {**r, "lemma": ""})
        lemmas = entry["lemma"].split("|") if entry["lemma"] else []
        if r["lemma"] not in lemmas:
            entry["lemma"] = "|".join([*lemmas, r["lemma"]])
    return list(grouped.values())


def cameo_table() -> set[str]:
    from eventwire.lexicon import cameo_codes

    return set(cameo_codes())


def words(text: str) -> frozenset[str]:
    """A comma-separated option as a set."""
    return frozenset(w.strip() for w in text.split(",") if w.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("dictionary", type=Path)
    parser.add_argument("--drop-roots", default=",".join(sorted(DROP_ROOTS)))
    parser.add_argument("--drop-kinds", default=",".join(sorted(DROP_KINDS)))
    parser.add_argument("--default-roots", default=",".join(sorted(DEFAULT_ROOTS)))
    parser.add_argument("--family-wide", action="store_true", help="patterns to every verb")
    args = parser.parse_args(argv)
    options = (args.drop_roots, args.drop_kinds, args.default_roots)
    selection = Selection(*(words(option) for option in options), not args.family_wide)
    rows = import_dictionary(
        args.dictionary.read_text(encoding="utf-8", errors="replace"),
        spacy_lemmatiser(),
        cameo_table(),
        selection,
    )
    writer = csv.DictWriter(sys.stdout, COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
