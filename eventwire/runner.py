"""Coding many documents: batches through one code path, in one process or several.

:func:`code_batch` is the unit of work: a list of documents in, their result lines out, in
order. The CLI, the Python API and the cluster runner all call it.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from eventwire import errors
from eventwire.documents import PreparedDocument, prepare
from eventwire.model import DocumentError, DocumentResult, to_json_line
from eventwire.nlp import load_model
from eventwire.options import Options
from eventwire.pipeline import result_of, run_stages
from eventwire.readers import InputDocument, ReadItem, without_surrogates

Result = DocumentResult | DocumentError
T = TypeVar("T")
log = logging.getLogger("eventwire")


def code_batch(items: list[ReadItem], options: Options) -> list[Result]:
    """Code a batch of documents; every item gets exactly one result, in input order.

    A document that fails inside eventwire gets an E199 line (logged with its id); the others
    are coded as if it were not there.
    """
    prepared: list[Result | PreparedDocument] = [
        clean_error(item) if isinstance(item, DocumentError) else safe_prepare(item, options)
        for item in items
    ]
    todo = [p for p in prepared if isinstance(p, PreparedDocument)]
    nlp = load_model(options.model)
    parsed = iter(parse_all(nlp, [p.text for p in todo]))
    out: list[Result] = []
    for p in prepared:
        if not isinstance(p, PreparedDocument):
            out.append(p)
        elif isinstance(doc := next(parsed), Exception):
            out.append(internal_error(p.id, "parsing", doc))
        else:
            out.append(code_parsed(p, doc, options))
    return out


def parse_all(nlp: Language, texts: list[str]) -> list[Doc | Exception]:
    """Parse the texts together; when that fails, each on its own, so that only the text at
    fault is lost (as its exception)."""
    try:
        return list(nlp.pipe(texts, batch_size=max(1, len(texts))))
    except Exception:  # one bad text must not cost the batch
        return [parse_one(nlp, text) for text in texts]


def parse_one(nlp: Language, text: str) -> Doc | Exception:
    try:
        return nlp(text)
    except Exception as exc:  # returned, to become that document's error line
        return exc


def safe_prepare(item: InputDocument, options: Options) -> PreparedDocument | DocumentError:
    try:
        return prepare(item, options)
    except Exception as exc:  # a document must never take the run down with it
        return internal_error(without_surrogates(item.id), "reading", exc)


def code_parsed(p: PreparedDocument, doc: Doc, options: Options) -> Result:
    try:
        analysis = run_stages(doc, p.published, options, p.text)
        analysis.warnings[:0] = p.warnings
        return result_of(analysis, p.id, **p.meta)
    except Exception as exc:  # a bug in a stage costs one document, not the run
        return internal_error(p.id, "coding", exc)


def internal_error(doc_id: str, step: str, exc: BaseException) -> DocumentError:
    """The E199 line of a document that failed inside eventwire; the failure goes to the log
    with the document's id."""
    reason = f"{step} failed: {exc!r}"[:300]
    log.error(errors.describe(errors.INTERNAL, f"internal error in document {doc_id!r}: {reason}"))
    return DocumentError(
        id=doc_id, error=errors.describe(errors.INTERNAL, f"internal error: {reason}")
    )


def clean_error(item: DocumentError) -> DocumentError:
    """A reader's error line, with lone surrogates (from file names, say) made writable."""
    doc_id, error = without_surrogates(item.id), without_surrogates(item.error)
    return (
        item if (doc_id, error) == (item.id, item.error) else DocumentError(id=doc_id, error=error)
    )


def batches(items: Iterable[ReadItem], size: int) -> Iterator[list[ReadItem]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def same(result: Result) -> Result:
    """The result as it is: what ``finish`` does by default."""
    return result


def result_line(result: Result) -> tuple[bool, str]:
    """Whether the document was coded, and its line of a results file (without the newline)."""
    return not isinstance(result, DocumentError), to_json_line(result)


def finished_batch(
    batch: list[ReadItem], options: Options, finish: Callable[[Result], T]
) -> list[T]:
    """:func:`code_batch`, each result passed through ``finish``; a result that ``finish``
    fails on becomes that document's E199 line."""
    return [safe_finish(result, finish) for result in code_batch(batch, options)]


def safe_finish(result: Result, finish: Callable[[Result], T]) -> T:
    try:
        return finish(result)
    except Exception as exc:  # one unwritable result must not end the run
        return finish(internal_error(result.id, "writing the result", exc))


def code_documents(
    items: Iterable[ReadItem],
    options: Options,
    processes: int = 1,
    batch_size: int = 16,
    engine: str = "local",
    scheduler: str | None = None,
    finish: Callable[[Result], Any] = same,
) -> Iterator[Any]:
    """Results for every document, in input order, each passed through ``finish``.

    ``engine="local"`` uses ``processes`` worker processes on this machine; ``engine="dask"``
    maps the same batches over a Dask cluster (``scheduler`` address, or a local cluster of
    ``processes`` workers). ``finish`` (a module-level function, such as :func:`result_line`)
    runs where the documents are coded, so that its work is shared out too.
    """
    if engine == "dask":
        from eventwire.cluster import dask_results

        chunks = batches(items, batch_size)
        for results in dask_results(chunks, options, scheduler, processes, finish):
            yield from results
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; use local or dask")
    if processes <= 1:
        for batch in batches(items, batch_size):
            yield from finished_batch(batch, options, finish)
        return
    spawn = _forking_unsafe()
    if not spawn:
        warm(options)  # forked workers share the loaded model and tables instead of each loading
    context = multiprocessing.get_context("spawn" if spawn else "fork")
    with context.Pool(processes, initializer=warm, initargs=(options,)) as pool:
        jobs = ((batch, options, finish) for batch in batches(items, batch_size))
        for results in pool.imap(_finished_batch_job, jobs):
            yield from results


def _finished_batch_job(job: tuple[list[ReadItem], Options, Callable[[Result], T]]) -> list[T]:
    return finished_batch(*job)


WARM_TEXT = "The minister said on Monday that talks with Brazil would resume in Geneva."


@lru_cache(maxsize=8)
def warm(options: Options) -> None:
    """Load the model and every table the stages read lazily, once per process and options."""
    code_batch([InputDocument(id="warm", text=WARM_TEXT, published="2025-01-01")], options)


def _forking_unsafe() -> bool:
    return multiprocessing.get_start_method(allow_none=True) == "spawn"
