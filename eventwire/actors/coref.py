"""In-document coreference: which actor a description or a pronoun points back to.

- A definite description of one person ("the Venezuelan leader", "the president") is the
  most recent person named before it whose role fits: the same title (and state, when the
  description names one), or, for a noun that names no office ("leader"), the same state and
  sector.
- A definite description of an organisation ("the newspaper", "The editorial board") is the
  most recent organisation of that sector; a plural or definite group noun without a country
  ("officials", "the government") is the most recent group of that sector.
- A third-person pronoun takes the most salient antecedent that agrees with it in number and
  gender (gender from the knowledge base or an honorific): a subject pronoun prefers the
  subject of an earlier clause of its sentence, then the subject of the sentences before it;
  other pronouns are resolved only when one candidate agrees; "they" only when the nearest
  plural noun before it is a group or compound actor. "it" (as a subject) and "its" are the
  state or organisation that is the subject of the clause around them ("Iran said it would
  retaliate"). Nothing else is guessed: an unresolved pronoun gets no mention. Pronouns
  inside quotation marks are resolved only in the first person singular, to the speaker
  named outside the quotation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice

from spacy.tokens import Token

from eventwire.actors.resolve import DEFINITE, Cue, Found, Resolution, is_definite
from eventwire.nlp import sentence_of
from eventwire.yamlfiles import load_yaml

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLAUSE_LINKS = frozenset({"advcl", "xcomp", "conj", "ccomp", "relcl", "acl"})
EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "remain", "take", "become"})  # "it is"
VAGUE_SECTORS = frozenset({"CVL", None})  # groups too vague to point back to
SENTENCES_BACK = 3  # how far back a pronoun looks for its antecedent
MENTIONS_BACK = 300  # how far back a description looks for the actor it describes
# A quotation: curly or straight quotation marks, or an opening mark left open until the end
# of its paragraph (news writing reopens, rather than closes, a quotation that goes on).
QUOTATION = re.compile(
    r"“(?:[^”\n]|\n(?!\s*\n))*(?:”|(?=\n\s*\n)|$)"
    r"|\"(?:[^\"\n]|\n(?!\s*\n))*(?:\"|(?=\n\s*\n)|$)"
)


@dataclass(frozen=True)
class Pronoun:
    """What a pronoun agrees in."""

    number: str  # sg or pl
    gender: str | None  # m, f or None for any
    person: int  # 1 or 3
    case: str  # subject, object or possessive


@lru_cache(maxsize=1)
def pronoun_table() -> tuple[dict[str, Pronoun], frozenset[str]]:
    """The pronouns and speech verbs of `data/actors/pronouns.yaml`, read once."""
    path = resources.files("eventwire.data").joinpath("actors", "pronouns.yaml")
    data = load_yaml(path.read_text(encoding="utf-8"))
    table = {word: Pronoun(**features) for word, features in data["pronouns"].items()}
    return table, frozenset(data["speech_verbs"])


# ---------------------------------------------------------------- descriptions


def person_before(res: Resolution, noun: Token, cue: Cue) -> str | None:
    """The person named before a definite description whose role fits it."""
    if not is_definite(noun):
        return None
    for found in islice(res.before(noun.idx), MENTIONS_BACK):
        if found.key not in res.people or found.members:
            continue
        if person_fits(res, found.key, cue):
            return found.key
    return None


def person_fits(res: Resolution, key: str, cue: Cue) -> bool:
    """Whether a person fits a description: the same state (when it names one), and the same
    title, or the same sector for a generic noun ("the Venezuelan leader")."""
    entity = res.person_entity(key)
    if entity is None or cue.past or (cue.countries and entity.country not in cue.countries):
        return False
    if has_title(res, key, cue.noun):
        return True
    return (
        cue.noun in res.words.generic_people and bool(cue.countries) and cue.sector == entity.sector
    )


def has_title(res: Resolution, key: str, noun: str) -> bool:
    """Whether the person holds this title, by the knowledge base or by the text."""
    person = res.people[key]
    if any(c.noun == noun and not c.past for c in person.cues):
        return True
    if person.entry is None:
        return False
    role = res.kb.role_on(person.entry, res.day)
    return bool(role and role.title and role.title.lower().endswith(noun))


def organisation_before(res: Resolution, noun: Token, sector: str | None) -> str | None:
    """The most recent organisation of that sector before a definite description of one."""
    if not is_definite(noun):
        return None
    for found in islice(res.before(noun.idx), MENTIONS_BACK):
        entity = res.entities.get(found.key)
        if entity is None:
            continue
        if sector is None and entity.kind == "organisation":
            return found.key
        if (
            sector is not None
            and entity.kind in ("organisation", "media")
            and entity.sector == sector
        ):
            return found.key
    return None


def group_before(res: Resolution, noun: Token, sector: str) -> str | None:
    """The group of that sector named in this sentence or the one before, for "officials" or
    "the government" without a state. Vaguer words ("people") are left alone."""
    plural = noun.tag_ in ("NNS", "NNPS")
    if sector in VAGUE_SECTORS or not (plural or any(c.lower_ in DEFINITE for c in noun.lefts)):
        return None
    sentence = sentence_of(noun)
    limit = sentence_of(res.doc[sentence.start - 1]).start_char if sentence.start > 0 else 0
    for found in res.before(noun.idx):
        if found.start < limit:
            break
        entity = res.entities.get(found.key)
        if entity is not None and entity.kind == "group" and entity.sector == sector:
            return found.key
    return None


# ---------------------------------------------------------------- pronouns


@dataclass
class Context:
    """Sentence numbers, quotations and mentions by sentence, for pronoun resolution."""

    sentence_of: list[int]
    sentence_starts: list[int]  # first token of each sentence
    quotes: list[tuple[int, int]]
    by_sentence: list[list[Found]]
    compounds: dict[int, Found]  # compound mentions by head token

    def quoted(self, char: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.quotes, (char, 1 << 62)) - 1
        if i >= 0 and self.quotes[i][0] <= char < self.quotes[i][1]:
            return self.quotes[i]
        return None


def context_of(res: Resolution) -> Context:
    doc = res.doc
    sentence_of = [0] * len(doc)
    starts: list[int] = []
    for number, sentence in enumerate(doc.sents):
        starts.append(sentence.start)
        for i in range(sentence.start, sentence.end):
            sentence_of[i] = number
    quotes = [(m.start(), m.end()) for m in QUOTATION.finditer(doc.text)]
    compounds = {f.head: f for f in res.found if f.members}
    context = Context(sentence_of, starts, quotes, [[] for _ in starts], compounds)
    for found in res.found:
        if context.quoted(found.start) is None and (found.how != "compound" or found.members):
            context.by_sentence[sentence_of[found.head]].append(found)
    return context


def resolve_pronouns(res: Resolution) -> None:
    """Record a mention for every pronoun whose antecedent can be told."""
    table, speech_verbs = pronoun_table()
    context = context_of(res)
    speakers: dict[tuple[int, int], str | None] = {}
    for token in res.doc:
        pronoun = table.get(token.lower_)
        if pronoun is None or token.pos_ != "PRON" or token.i in res.consumed:
            continue
        quote = context.quoted(token.idx)
        if pronoun.person == 1:
            if quote is None or pronoun.number != "sg":  # "we" is not the speaker alone
                continue
            if quote not in speakers:
                speakers[quote] = speaker(res, context, quote, speech_verbs)
            key = speakers[quote]
            target = Found(0, 0, 0, key, "pronoun") if key in res.people else None
        elif quote is not None:
            continue
        elif pronoun.gender == "n":
            target = neuter_antecedent(res, token, pronoun)
        else:
            target = antecedent(res, context, token, pronoun)
        if target is None:
            continue
        found = Found(
            token.idx, token.idx + len(token.text), token.i, target.key, "pronoun", target.members
        )
        res.add(found)
        if quote is None:
            context.by_sentence[context.sentence_of[token.i]].append(found)


def neuter_antecedent(res: Resolution, token: Token, pronoun: Pronoun) -> Found | None:
    """ "it" as a subject ("Iran said it would retaliate"), or "its" ("Russia moved its
    troops"): the state or organisation that is the subject of the clause around it. An
    "it" that is an object, or the empty subject of "it is clear", is left alone."""
    if pronoun.case == "subject" and (
        token.dep_ not in SUBJECT_DEPS
        or token.head.pos_ not in ("VERB", "AUX")
        or token.head.lemma_ in EXPLETIVE_HEADS
    ):
        return None
    found = clause_subject(res, token)
    return found if found is not None and is_single_body(res, found) else None


def clause_subject(res: Resolution, token: Token) -> Found | None:
    """The actor that is the subject of the clause around a pronoun, or of the clause that
    one hangs from ("Iran said it would retaliate"); None when that subject is no actor."""
    verb, steps = token.head, 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and steps < 3:
        verb, steps = verb.head, steps + 1
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < token.i]
        if subjects:
            return res.by_token.get(subjects[0].i)
        if verb.dep_ not in CLAUSE_LINKS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def is_single_body(res: Resolution, found: Found) -> bool:
    """A state, an organisation or a singular group: what "it" can stand for."""
    entity = res.entities.get(found.key)
    if entity is None or found.members:
        return False
    plural = res.doc[found.head].tag_ in ("NNS", "NNPS")
    return entity.kind in ("state", "organisation", "media") or (
        entity.kind == "group" and not plural
    )


def agrees(res: Resolution, found: Found, pronoun: Pronoun) -> bool:
    """Number and gender agreement; a person of unknown gender agrees with he and she."""
    if pronoun.number == "pl":
        return is_plural_actor(res, found)
    person = res.people.get(found.key)
    if person is None or found.members:
        return False
    return pronoun.gender is None or person.gender in (None, pronoun.gender)


def coargument(found: Found, token: Token) -> bool:
    """Whether a mention and a pronoun are arguments of the same verb ("Trump told him")."""
    head = token.doc[found.head]
    return head.head.i == token.head.i and not token.lower_.endswith(("self", "selves"))


def antecedent(res: Resolution, context: Context, token: Token, pronoun: Pronoun) -> Found | None:
    """The most salient earlier mention that agrees with a third-person pronoun."""
    if pronoun.number == "pl":
        return nearest_plural(res, context, token)
    here = context.sentence_of[token.i]
    before = [f for f in context.by_sentence[here] if f.end <= token.idx]
    banned = {f.key for f in before if coargument(f, token)}
    same = [f for f in before if f.key not in banned and agrees(res, f, pronoun)]
    subject = token.dep_ in SUBJECT_DEPS
    if subject:
        earlier_subjects = [f for f in same if res.doc[f.head].dep_ in SUBJECT_DEPS]
        if earlier_subjects:
            return earlier_subjects[-1]
    if same:
        return only_one(same)
    for back in range(here - 1, max(-1, here - 1 - SENTENCES_BACK), -1):
        candidates = [
            f for f in context.by_sentence[back] if f.key not in banned and agrees(res, f, pronoun)
        ]
        if not candidates:
            continue
        subjects = [f for f in candidates if res.doc[f.head].dep_ in SUBJECT_DEPS]
        if subject and subjects:
            return main_subject(res, subjects)
        return only_one(candidates)
    return None


def nearest_plural(res: Resolution, context: Context, token: Token) -> Found | None:
    """ "they", "them": the nearest plural noun phrase before the pronoun in this sentence or
    the one before, when it is a group or compound actor (often it is not: "lawyers")."""
    here = context.sentence_of[token.i]
    first = context.sentence_starts[max(0, here - 1)]
    for i in range(token.i - 1, first - 1, -1):
        candidate = res.doc[i]
        found = context.compounds.get(i) or res.by_token.get(i)
        plural = candidate.tag_ in ("NNS", "NNPS") or i in context.compounds
        if not plural or context.quoted(candidate.idx) is not None:
            continue
        if (
            found is not None
            and found.head == i
            and is_plural_actor(res, found)
            and found.key not in coargument_keys(context, token)
        ):
            return found
        return None
    return None


def is_plural_actor(res: Resolution, found: Found) -> bool:
    entity = res.entities.get(found.key)
    return bool(found.members) or (entity is not None and entity.kind == "group")


def coargument_keys(context: Context, token: Token) -> set[str]:
    here = context.by_sentence[context.sentence_of[token.i]]
    return {f.key for f in here if f.end <= token.idx and coargument(f, token)}


def only_one(candidates: list[Found]) -> Found | None:
    """The candidate when all of them are one actor; None when they are several."""
    keys = {(f.key, f.members) for f in candidates}
    return candidates[-1] if len(keys) == 1 else None


def main_subject(res: Resolution, subjects: list[Found]) -> Found:
    """The subject closest to the root of its sentence (the main clause's, if any)."""

    def depth(found: Found) -> int:
        token, steps = res.doc[found.head], 0
        while token.head.i != token.i:
            token, steps = token.head, steps + 1
        return steps

    return min(subjects, key=lambda f: (depth(f), f.start))


def speaker(
    res: Resolution, context: Context, quote: tuple[int, int], speech_verbs: frozenset[str]
) -> str | None:
    """The person whose speech verb, outside the quotation, introduces it."""
    doc = res.doc
    span = doc.char_span(quote[0], quote[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    first, last = context.sentence_of[span.start], context.sentence_of[span.end - 1]
    start = context.sentence_starts[first]
    end = context.sentence_starts[last + 1] if last + 1 < len(context.sentence_starts) else len(doc)
    for token in doc[start:end]:
        if token.lemma_.lower() in speech_verbs and context.quoted(token.idx) is None:
            key = subject_key(res, token)
            if key is not None:
                return key
    return None


def subject_key(res: Resolution, verb: Token) -> str | None:
    """The person that is the subject of a verb, or of the clause it hangs from."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                found = res.by_token.get(child.i)
                return found.key if found is not None and found.key in res.people else None
        if verb.dep_ not in CLAUSE_LINKS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None
